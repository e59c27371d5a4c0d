/* test_state.c: the dashboard's saved state — a save/load round trip,
 * private permissions, where the file lives, data changes between runs, and
 * corrupt files reported with their position and set aside intact. */
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
#include <utime.h>

#include "load/state.h"
#include "unit/helpers.h"
#include "util/fileio.h"
#include "util/xalloc.h"

typedef struct Fixture {
    char dir[64];
    char *path; /* dir/conf/versus/state.yaml: the directory does not exist yet */
    Dataset *ds;
} Fixture;

static int setup(void **state)
{
    Fixture *f = xcalloc(1, sizeof *f);
    char *tmp = test_temp_dir("state");
    assert_true(strlen(tmp) < sizeof f->dir);
    strcpy(f->dir, tmp);
    free(tmp);
    f->path = xasprintf("%s/conf/versus/state.yaml", f->dir);
    const double scores[] = { 9, 5, 1, 4, 8, 2, 7, 7, 3 };
    const int weights[] = { 5, 3, 2 };
    f->ds = test_dataset(3, 3, scores, weights);
    test_dataset_add_preset(f->ds, "speed", (const int[]){ 10, 0, 1 });
    test_dataset_add_preset(f->ds, "data", (const int[]){ 0, 10, 4 });
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    if (test_remove_tree(f->dir) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    free(f->path);
    dataset_free(f->ds);
    free(f);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    char *dir = path_dirname(path);
    char *err = NULL;
    assert_int_equal(dir_create_all(dir, 0700, &err), 0);
    free(dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void round_trip_restores_everything(void **state)
{
    Fixture *f = *state;
    Session *s = session_new(f->ds);
    session_apply_preset(s, 1);
    session_set_weight(s, 2, 9);
    int shown[] = { 2, 0 };
    SavedState st = SAVED_STATE_INIT;
    state_capture(&st, s, "light", shown, 2);
    char *err = NULL;
    if (state_save(f->path, &st, &err) != 0)
        fail_msg("%s", err);
    state_clear(&st);

    struct stat sb;
    assert_int_equal(stat(f->path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *dir = path_dirname(f->path);
    assert_int_equal(stat(dir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    free(dir);

    SavedState back = SAVED_STATE_INIT;
    if (state_load(f->path, &back, &err) != 0)
        fail_msg("%s", err);
    assert_string_equal(back.preset, "data");
    assert_string_equal(back.theme, "light");
    Session *t = session_new(f->ds);
    state_apply_weights(&back, t);
    assert_memory_equal(t->weights, s->weights, 3 * sizeof(int));
    assert_int_equal(t->preset, 1);
    assert_int_equal(session_matching_preset(t), -1); /* custom: 0, 10, 9 */
    int idx[8];
    assert_int_equal(state_stack_indices(&back, f->ds, idx, 8), 2);
    assert_int_equal(idx[0], 2);
    assert_int_equal(idx[1], 0);
    state_clear(&back);
    session_free(t);
    session_free(s);
}

static void custom_weights_without_preset_round_trip(void **state)
{
    Fixture *f = *state;
    Session *s = session_new(f->ds);
    session_set_weight(s, 0, 0);
    SavedState st = SAVED_STATE_INIT;
    state_capture(&st, s, NULL, NULL, 0);
    char *err = NULL;
    assert_int_equal(state_save(f->path, &st, &err), 0);
    state_clear(&st);
    SavedState back = SAVED_STATE_INIT;
    assert_int_equal(state_load(f->path, &back, &err), 0);
    assert_null(back.preset);
    assert_null(back.theme);
    assert_int_equal(back.nstacks, 0);
    Session *t = session_new(f->ds);
    state_apply_weights(&back, t);
    assert_int_equal(t->weights[0], 0);
    assert_int_equal(t->preset, -1);
    state_clear(&back);
    session_free(t);
    session_free(s);
}

static time_t mtime_of(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return sb.st_mtime;
}

static void an_unchanged_state_is_not_rewritten(void **state)
{
    Fixture *f = *state;
    Session *s = session_new(f->ds);
    SavedState st = SAVED_STATE_INIT;
    state_capture(&st, s, "light", NULL, 0);
    char *err = NULL;
    assert_int_equal(state_save(f->path, &st, &err), 0);
    /* An old time stamp shows whether the next save touched the file. */
    struct utimbuf old = { 1000000000, 1000000000 };
    assert_int_equal(utime(f->path, &old), 0);
    assert_int_equal(state_save(f->path, &st, &err), 0);
    assert_int_equal(mtime_of(f->path), 1000000000);

    /* A wider mode is put right by writing the file again. */
    assert_int_equal(chmod(f->path, 0644), 0);
    assert_int_equal(state_save(f->path, &st, &err), 0);
    struct stat sb;
    assert_int_equal(stat(f->path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);

    /* Any change is written. */
    assert_int_equal(utime(f->path, &old), 0);
    state_clear(&st);
    session_set_weight(s, 1, 9);
    state_capture(&st, s, "light", NULL, 0);
    assert_int_equal(state_save(f->path, &st, &err), 0);
    assert_true(mtime_of(f->path) != 1000000000);
    SavedState back = SAVED_STATE_INIT;
    assert_int_equal(state_load(f->path, &back, &err), 0);
    Session *t = session_new(f->ds);
    state_apply_weights(&back, t);
    assert_int_equal(t->weights[1], 9);
    state_clear(&back);
    state_clear(&st);
    session_free(t);
    session_free(s);
}

static void odd_ids_survive_quoting(void **state)
{
    Fixture *f = *state;
    free(f->ds->criteria[1].id);
    f->ds->criteria[1].id = xstrdup("a \"quoted\": id\\ #x");
    dataset_index_criteria(f->ds);
    free(f->ds->stacks[1].id);
    f->ds->stacks[1].id = xstrdup("[weird], {id}");
    Session *s = session_new(f->ds);
    session_set_weight(s, 1, 7);
    int shown[] = { 1 };
    SavedState st = SAVED_STATE_INIT;
    state_capture(&st, s, "/path/with \"quotes\"\t.yaml", shown, 1);
    char *err = NULL;
    assert_int_equal(state_save(f->path, &st, &err), 0);
    state_clear(&st);
    SavedState back = SAVED_STATE_INIT;
    if (state_load(f->path, &back, &err) != 0)
        fail_msg("%s", err);
    assert_string_equal(back.theme, "/path/with \"quotes\"\t.yaml");
    Session *t = session_new(f->ds);
    state_apply_weights(&back, t);
    assert_int_equal(t->weights[1], 7);
    int idx[8];
    assert_int_equal(state_stack_indices(&back, f->ds, idx, 8), 1);
    assert_int_equal(idx[0], 1);
    state_clear(&back);
    session_free(t);
    session_free(s);
}

static void data_changes_between_runs_are_tolerated(void **state)
{
    Fixture *f = *state;
    write_file(f->path, "version: 1\n"
                        "preset: gone\n"
                        "theme: mono\n"
                        "stacks: [s2, nosuch, s2, s1]\n"
                        "weights:\n  c0: 1\n  removed: 9\n");
    SavedState st = SAVED_STATE_INIT;
    char *err = NULL;
    if (state_load(f->path, &st, &err) != 0)
        fail_msg("%s", err);
    Session *s = session_new(f->ds);
    state_apply_weights(&st, s);
    assert_int_equal(s->weights[0], 1);
    assert_int_equal(s->weights[1], 3); /* not in the file: keeps its default */
    assert_int_equal(s->weights[2], 2);
    assert_int_equal(s->preset, -1);
    int idx[8];
    assert_int_equal(state_stack_indices(&st, f->ds, idx, 8), 2);
    assert_int_equal(idx[0], 2);
    assert_int_equal(idx[1], 1);
    assert_int_equal(state_stack_indices(&st, f->ds, idx, 1), 1);
    state_clear(&st);
    session_free(s);
}

static void missing_file_is_not_an_error(void **state)
{
    Fixture *f = *state;
    SavedState st = SAVED_STATE_INIT;
    char *err = NULL;
    assert_int_equal(state_load(f->path, &st, &err), 1);
    assert_null(err);
    assert_null(st.preset);
}

static void corrupt_files_are_reported_and_set_aside(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *text;
        const char *where; /* after the path */
        const char *what;
    } cases[] = {
        { "version: 1\nweights: {c0: 11}\n", ":2:15:", "out of range" },
        { "version: 1\nweights: {c0: \"5\"}\n", ":2:15:", "whole number" },
        { "version: 1\nweights: {c0: -1}\n", ":2:15:", "whole number" },
        { "version: 1\nweights: [1, 2]\n", ":2:10:", "mapping" },
        { "version: 2\n", ":1:10:", "version 2 is out of range" },
        { "weights: {}\n", ":1:1:", "missing 'version'" },
        { "version: 1\ncolour: red\n", ":2:1:", "unknown key 'colour'" },
        { "version: 1\nstacks: node\n", ":2:9:", "list" },
        { "version: 1\nstacks: [[a]]\n", ":2:10:", "stack id" },
        { "version: 1\npreset: [x]\n", ":2:9:", "preset must be text" },
        { "version: 1\nweights: {c0: 1, c0: 2}\n", ":2:", "duplicate key" },
        { "just text\n", ":1:1:", "mapping" },
        { "version: [1\n", ":", "" },
        { "", ":1:1:", "empty" },
        { "version: 1\nweights: {\xff: 1}\n", ":", "UTF-8" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(f->path, cases[i].text);
        SavedState st = SAVED_STATE_INIT;
        char *err = NULL;
        assert_int_equal(state_load(f->path, &st, &err), -1);
        assert_non_null(err);
        char *want = xasprintf("%s%s", f->path, cases[i].where);
        if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, cases[i].what))
            fail_msg("case %zu: got '%s', want '%s...%s'", i, err, want, cases[i].what);
        free(want);
        free(err);
        assert_null(st.preset);
        assert_int_equal(st.nweights, 0);

        char *moved = NULL;
        assert_int_equal(state_set_aside(f->path, &moved, &err), 0);
        char *bad = xasprintf("%s.bad", f->path);
        assert_string_equal(moved, bad);
        assert_int_not_equal(access(f->path, F_OK), 0);
        char *kept = NULL;
        size_t len = 0;
        assert_int_equal(file_read_all(bad, 1 << 20, &kept, &len, &err), 0);
        assert_string_equal(kept, cases[i].text);
        free(kept);
        free(bad);
        free(moved);
    }
}

static void unreadable_file_is_an_error(void **state)
{
    Fixture *f = *state;
    SavedState st = SAVED_STATE_INIT;
    char *err = NULL;
    /* a directory where the file should be */
    char *dir = path_dirname(f->path);
    assert_int_equal(dir_create_all(f->path, 0700, &err), 0);
    assert_int_equal(state_load(f->path, &st, &err), -1);
    assert_non_null(strstr(err, f->path));
    free(err);
    err = NULL;
    assert_int_equal(rmdir(f->path), 0);
    free(dir);
    /* no read permission (root reads anything, so only as a user) */
    if (geteuid() != 0) {
        write_file(f->path, "version: 1\n");
        assert_int_equal(chmod(f->path, 0), 0);
        assert_int_equal(state_load(f->path, &st, &err), -1);
        assert_non_null(strstr(err, f->path));
        free(err);
    }
}

static void unwritable_directory_fails_cleanly(void **state)
{
    Fixture *f = *state;
    SavedState st = SAVED_STATE_INIT;
    char *err = NULL;
    assert_int_equal(state_save("/proc/versus-no/state.yaml", &st, &err), -1);
    assert_non_null(err);
    free(err);
    err = NULL;
    assert_int_equal(state_set_aside(f->path, NULL, &err), -1); /* nothing there */
    assert_non_null(strstr(err, "cannot move it aside"));
    free(err);
}

static void default_path_follows_xdg_then_home(void **state)
{
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", "/x/conf", 1);
    setenv("HOME", "/h", 1);
    char *p = state_default_path();
    assert_string_equal(p, "/x/conf/versus/state.yaml");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);
    p = state_default_path();
    assert_string_equal(p, "/h/.config/versus/state.yaml");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    assert_null(state_default_path());
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

/* Start-up applies one saved weight per criterion: with the data set's id
 * index that is a constant number of id comparisons each, where a scan of
 * the criteria would make about n*n/2 (50 million at 10,000). */
static void applying_saved_weights_is_linear(void **state)
{
    (void)state;
    enum { N = 10000 };
    double *scores = xcalloc(2 * N, sizeof *scores);
    int *weights = xcalloc(N, sizeof *weights);
    for (size_t c = 0; c < N; c++) {
        scores[2 * c] = (double)(c % 11);
        weights[c] = (int)(c % 11);
    }
    Dataset *ds = test_dataset(2, N, scores, weights);
    SavedState st = SAVED_STATE_INIT;
    st.weight_ids = xcalloc(N, sizeof *st.weight_ids);
    st.weights = xcalloc(N, sizeof *st.weights);
    for (size_t i = 0; i < N; i++) { /* last criterion first: the worst order for a scan */
        st.weight_ids[i] = xstrdup(ds->criteria[N - 1 - i].id);
        st.weights[i] = (int)(i % 7);
    }
    st.nweights = N;
    Session *s = session_new(ds);
    unsigned long long before = id_index_compares();
    state_apply_weights(&st, s);
    unsigned long long made = id_index_compares() - before;
    assert_true(made >= N);     /* every id was looked up in the index */
    assert_true(made <= 4 * N); /* and each cost a few comparisons, not a scan */
    for (size_t i = 0; i < N; i++)
        assert_int_equal(s->weights[N - 1 - i], (int)(i % 7));
    session_free(s);
    state_clear(&st);
    dataset_free(ds);
    free(scores);
    free(weights);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(round_trip_restores_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(custom_weights_without_preset_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unchanged_state_is_not_rewritten, setup, teardown),
        cmocka_unit_test_setup_teardown(odd_ids_survive_quoting, setup, teardown),
        cmocka_unit_test_setup_teardown(data_changes_between_runs_are_tolerated, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_file_is_not_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(corrupt_files_are_reported_and_set_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_file_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(unwritable_directory_fails_cleanly, setup, teardown),
        cmocka_unit_test(default_path_follows_xdg_then_home),
        cmocka_unit_test(applying_saved_weights_is_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
