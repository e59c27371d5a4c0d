/* test_cli.c: option parsing (what is accepted, what is a usage error and
 * what it says) and the order in which the data directory is looked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/cli.h"
#include "util/fileio.h"
#include "unit/helpers.h"
#include "util/xalloc.h"


/* Parses a NULL-terminated argv that starts after the program name. */
static int parse(CliOptions *opts, char **err, char **args)
{
    char *argv[32] = { "versus" };
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = args[argc - 1];
    argv[argc] = NULL;
    return cli_parse(argc, argv, opts, err);
}

static void expect_usage_error(char **args, const char *message)
{
    CliOptions opts;
    char *err = NULL;
    assert_int_equal(parse(&opts, &err, args), -1);
    assert_non_null(err);
    assert_string_equal(err, message);
    free(err);
    cli_options_free(&opts);
}

static void accepts_every_option(void **state)
{
    char *args[] = { "--data", "d", "-p", "balanced", "--weight", "ai=10", "-w", "io=0",
                     "--export", "out.json", "--offline", "--theme", "light", "--no-color",
                     "--ascii", "--no-mouse", "--reset", NULL };
    CliOptions o;
    char *err = NULL;
    assert_int_equal(parse(&o, &err, args), 0);
    assert_null(err);
    assert_string_equal(o.data_dir, "d");
    assert_string_equal(o.preset, "balanced");
    assert_int_equal(o.nweights, 2);
    assert_string_equal(o.weights[0].id, "ai");
    assert_int_equal(o.weights[0].weight, 10);
    assert_string_equal(o.weights[1].id, "io");
    assert_int_equal(o.weights[1].weight, 0);
    assert_string_equal(o.export_path, "out.json");
    assert_int_equal(o.format, EXPORT_JSON); /* from the extension */
    assert_true(o.offline && o.no_color && o.ascii && o.no_mouse && o.reset);
    assert_string_equal(o.theme, "light");
    cli_options_free(&o);
}

static void format_defaults_and_overrides(void **state)
{
    CliOptions o;
    char *err = NULL;
    char *stdout_args[] = { "--export", "-", NULL };
    assert_int_equal(parse(&o, &err, stdout_args), 0);
    assert_int_equal(o.format, EXPORT_MARKDOWN);
    cli_options_free(&o);
    char *csv_args[] = { "-e", "x.CSV", NULL };
    assert_int_equal(parse(&o, &err, csv_args), 0);
    assert_int_equal(o.format, EXPORT_CSV);
    cli_options_free(&o);
    char *forced[] = { "--export=x.md", "--format=json", NULL };
    assert_int_equal(parse(&o, &err, forced), 0);
    assert_int_equal(o.format, EXPORT_JSON);
    cli_options_free(&o);
    char *help[] = { "--help", "--format", "json", NULL }; /* --help needs nothing else */
    assert_int_equal(parse(&o, &err, help), 0);
    assert_true(o.help);
    cli_options_free(&o);
}

static void usage_errors_say_what_is_wrong(void **state)
{
    expect_usage_error((char *[]){ "--bogus", NULL }, "unknown or malformed option '--bogus'");
    expect_usage_error((char *[]){ "-x", NULL }, "unknown option '-x'");
    expect_usage_error((char *[]){ "--offline", "-xV", NULL }, "unknown option '-x'");
    expect_usage_error((char *[]){ "--help=yes", NULL }, "unknown or malformed option '--help=yes'");
    expect_usage_error((char *[]){ "--preset", NULL }, "option '--preset' needs an argument");
    expect_usage_error((char *[]){ "-p", NULL }, "option '-p' needs an argument");
    expect_usage_error((char *[]){ "--theme", NULL }, "option '--theme' needs an argument");
    expect_usage_error((char *[]){ "stray", NULL }, "unexpected argument 'stray'");
    expect_usage_error((char *[]){ "--format", "xml", "--export", "-", NULL },
                       "unknown format 'xml' (use md, json, csv, adr or html)");
    expect_usage_error((char *[]){ "--format", "json", NULL }, "--format needs --export PATH");
    expect_usage_error((char *[]){ "--export", "", NULL },
                       "--export needs a path ('-' for stdout)");
    /* An empty --data would silently mean the default directory. */
    expect_usage_error((char *[]){ "--data", "", NULL }, "--data needs a directory");
    expect_usage_error((char *[]){ "-d", "", "--export", "-", NULL }, "--data needs a directory");
    expect_usage_error((char *[]){ "--data=", NULL }, "--data needs a directory");
    expect_usage_error((char *[]){ "--preset", "a", "--load", "b", NULL },
                       "--preset and --load cannot be combined: a snapshot names its own weights");
    expect_usage_error((char *[]){ "--export", "-", "--list-presets", NULL },
                       "--export cannot be combined with --list-presets, --list-criteria or "
                       "--list-sources");
    expect_usage_error((char *[]){ "--list-sources", "--export", "x.md", NULL },
                       "--export cannot be combined with --list-presets, --list-criteria or "
                       "--list-sources");
    const char *bad_weights[] = { "ai=11", "ai=-1", "ai=5.5", "ai=x", "ai=", "ai= 5",
                                  "ai=+5", "ai=010", "ai=5 " };
    for (size_t i = 0; i < sizeof bad_weights / sizeof bad_weights[0]; i++) {
        char *msg = xasprintf("weight in '%s' must be an integer from 0 to 10", bad_weights[i]);
        expect_usage_error((char *[]){ "--weight", (char *)bad_weights[i], NULL }, msg);
        free(msg);
    }
    expect_usage_error((char *[]){ "--weight", "ai", NULL }, "--weight expects ID=N, not 'ai'");
    expect_usage_error((char *[]){ "--weight", "=5", NULL }, "--weight expects ID=N, not '=5'");
}

/* A temporary tree: root/{data,build/x/asan}, with or without src/main.c. */
typedef struct Tree {
    char root[64];
} Tree;

static void touch(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    char *err = NULL;
    if (file_write_atomic(path, "x\n", 2, 0644, &err) != 0)
        fail_msg("%s", err);
    free(path);
}

static char *tree_path(const Tree *t, const char *rel) { return path_join(t->root, rel); }

static void tree_make(Tree *t, bool source_tree)
{
    char *tmp = test_temp_dir("cli");
    assert_true(strlen(tmp) < sizeof t->root);
    strcpy(t->root, tmp);
    free(tmp);
    char *err = NULL;
    const char *dirs[] = { "data", "build/cli/asan", "src", "share/data" };
    for (size_t i = 0; i < 4; i++) {
        char *d = tree_path(t, dirs[i]);
        assert_int_equal(dir_create_all(d, 0755, &err), 0);
        free(d);
    }
    char *data = tree_path(t, "data");
    touch(data, "stacks.yaml");
    free(data);
    if (source_tree) {
        char *src = tree_path(t, "src");
        touch(src, "main.c");
        free(src);
    }
}

static void tree_remove(Tree *t)
{
    assert_int_equal(test_remove_tree(t->root), 0);
}

static void data_dir_search_order(void **state)
{
    Tree t;
    tree_make(&t, true);
    char *err = NULL;
    char *exe = tree_path(&t, "build/cli/asan/versus");
    char *installed = tree_path(&t, "share/data");
    char *expected = tree_path(&t, "data");
    char *real_expected = realpath(expected, NULL);
    char *got;

    got = app_find_data_dir_in("flag", "env", installed, exe, &err);
    assert_string_equal(got, "flag");
    free(got);
    got = app_find_data_dir_in(NULL, "env", installed, exe, &err);
    assert_string_equal(got, "env");
    free(got);
    got = app_find_data_dir_in("", "", installed, exe, &err); /* empty means unset */
    assert_string_equal(got, real_expected); /* installed has no data set yet */
    free(got);
    char *share = tree_path(&t, "share/data");
    touch(share, "stacks.yaml");
    got = app_find_data_dir_in(NULL, NULL, installed, exe, &err);
    assert_string_equal(got, installed);
    free(got);
    free(share);

    /* build/, build/NAME/, build/NAME/asan/ and the top of the tree all find data/ */
    const char *exes[] = { "versus", "build/versus", "build/cli/versus", "build/cli/asan/versus" };
    for (size_t i = 0; i < 4; i++) {
        char *e = tree_path(&t, exes[i]);
        got = app_find_data_dir_in(NULL, NULL, "/nonexistent", e, &err);
        assert_non_null(got);
        assert_string_equal(got, real_expected);
        free(got);
        free(e);
    }
    free(exe);
    free(installed);
    free(expected);
    free(real_expected);
    tree_remove(&t);
}

/* Above the program's own directory, only a source tree's data/ counts. */
static void data_dir_outside_a_source_tree(void **state)
{
    Tree t;
    tree_make(&t, false);
    char *err = NULL;
    char *exe = tree_path(&t, "build/cli/versus");
    char *got = app_find_data_dir_in(NULL, NULL, "/nonexistent/share/versus/data", exe, &err);
    assert_null(got);
    assert_non_null(err);
    assert_string_equal(err, "no data directory found (looked in /nonexistent/share/versus/data "
                             "and beside the program); use --data DIR or set VERSUS_DATA_DIR");
    free(err);
    free(exe);
    /* ... but data/ right beside the program does */
    exe = tree_path(&t, "versus");
    got = app_find_data_dir_in(NULL, NULL, NULL, exe, &err);
    assert_non_null(got);
    free(got);
    free(exe);
    tree_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_every_option),
        cmocka_unit_test(format_defaults_and_overrides),
        cmocka_unit_test(usage_errors_say_what_is_wrong),
        cmocka_unit_test(data_dir_search_order),
        cmocka_unit_test(data_dir_outside_a_source_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
