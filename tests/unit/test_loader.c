/* test_loader.c: the data loader and the bundled stats snapshot against the
 * real data, a small valid fixture, and one bad input per rule, each checked
 * for its exact FILE:LINE:COLUMN message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include "core/engine.h"
#include "core/runtime.h"
#include "core/stats.h"
#include "load/dataset_load.h"
#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "unit/helpers.h"

static const char *const DATA_FILES[] = { "stacks.yaml", "criteria.yaml", "presets.yaml",
                                          "settings.yaml", "snapshot.yaml" };
#define NDATA_FILES (sizeof DATA_FILES / sizeof DATA_FILES[0])

static char *tool_dir; /* where this program's sibling tools/ lives */

static char *root_path(const char *rel)
{
    const char *root = getenv("VERSUS_ROOT");
    return path_join(root && *root ? root : ".", rel);
}

static void write_file(const char *dir, const char *name, const char *content, size_t len)
{
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(content, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(path);
}

static void put(const char *dir, const char *name, const char *content)
{
    write_file(dir, name, content, strlen(content));
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = path_join(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Each test gets a private copy of tests/data/minimal to break. */
static int fixture_setup(void **state)
{
    char *dir = test_temp_dir("loader");
    char *base = root_path("tests/data/minimal");
    for (size_t i = 0; i < NDATA_FILES; i++) {
        char *from = path_join(base, DATA_FILES[i]), *text = NULL, *err = NULL;
        size_t len = 0;
        if (file_read_all(from, 1 << 20, &text, &len, &err) != 0) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
        write_file(dir, DATA_FILES[i], text, len);
        free(text);
        free(from);
    }
    free(base);
    *state = dir;
    return 0;
}

static int fixture_teardown(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

/* Loading dir must fail with exactly "dir/file:where". */
static void expect_load_error(const char *dir, const char *file, const char *where)
{
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    assert_null(ds);
    assert_non_null(err);
    char *want = xasprintf("%s/%s:%s", dir, file, where);
    assert_string_equal(err, want);
    free(want);
    free(err);
}

/* Writes content as file in the fixture and expects that error. */
static void bad(void **state, const char *file, const char *content, const char *where)
{
    put(*state, file, content);
    expect_load_error(*state, file, where);
}

/* ---- the bundled data --------------------------------------------------- */

/* The scalar under key in mapping node, or NULL. */
static yaml_node_t *yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

/* Reads the shipped snapshot file at path with libyaml alone and checks each
 * of its packages that t holds against it: the count, the ecosystem's
 * period, and that the origin names the ecosystem's source. Returns how many
 * packages of t it checked. */
static size_t shipped_figures_check(const char *path, const StatsTable *t)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    yaml_parser_t parser;
    yaml_document_t doc;
    assert_true(yaml_parser_initialize(&parser));
    yaml_parser_set_input_file(&parser, f);
    assert_true(yaml_parser_load(&parser, &doc));
    yaml_node_t *ecos = yaml_get(&doc, yaml_document_get_root_node(&doc), "ecosystems");
    assert_non_null(ecos);
    size_t checked = 0, in_file = 0;
    for (yaml_node_pair_t *e = ecos->data.mapping.pairs.start; e < ecos->data.mapping.pairs.top;
         e++) {
        const char *eco = (char *)yaml_document_get_node(&doc, e->key)->data.scalar.value;
        yaml_node_t *body = yaml_document_get_node(&doc, e->value);
        yaml_node_t *period = yaml_get(&doc, body, "period");
        yaml_node_t *source = yaml_get(&doc, body, "source");
        yaml_node_t *counts = yaml_get(&doc, body, "last_month");
        assert_true(period && source && counts && counts->type == YAML_MAPPING_NODE);
        for (yaml_node_pair_t *c = counts->data.mapping.pairs.start;
             c < counts->data.mapping.pairs.top; c++) {
            const char *pkg = (char *)yaml_document_get_node(&doc, c->key)->data.scalar.value;
            const char *num = (char *)yaml_document_get_node(&doc, c->value)->data.scalar.value;
            in_file++;
            const PackageStat *st = stats_find(t, eco, pkg);
            if (!st)
                continue;
            if (stat_number(st, FIG_DOWNLOADS_MONTH) != strtoll(num, NULL, 10))
                fail_msg("%s %s: loaded %lld, the file says %s", eco, pkg, stat_number(st, FIG_DOWNLOADS_MONTH), num);
            assert_string_equal(st->period, (char *)period->data.scalar.value);
            assert_non_null(strstr(st->origin, (char *)source->data.scalar.value));
            checked++;
        }
    }
    assert_true(in_file >= checked && in_file > 0);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    return checked;
}

static void bundled_data_loads(void **state)
{
    char *dir = root_path("data");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_int_equal(ds->nstacks, 2);
    assert_string_equal(ds->stacks[0].id, "node");
    assert_string_equal(ds->stacks[0].name, "Node.js");
    assert_string_equal(ds->stacks[0].ecosystem, "npm");
    assert_string_equal(ds->stacks[1].id, "python");
    assert_string_equal(ds->stacks[1].name, "Python");
    assert_string_equal(ds->stacks[1].ecosystem, "pypi");
    assert_int_equal(ds->ncriteria, 10);
    static const char *const ids[] = { "io-concurrency", "cpu-bound", "realtime", "serverless",
                                       "full-stack", "ai-data", "productivity", "batteries",
                                       "ecosystem", "hiring" };
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(dataset_criterion_index(ds, ids[i]), (int)i);
    assert_true(ds->npresets >= 8);
    assert_true(dataset_preset_index(ds, "balanced") >= 0);
    assert_true(ds->hybrid_threshold == 5.0);
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        assert_true(cr->label && *cr->label && cr->question && *cr->question);
        for (size_t s = 0; s < ds->nstacks; s++) {
            assert_true(cr->by_stack[s].nevidence > 0);
            assert_true(strlen(cr->by_stack[s].rationale) > 20);
        }
    }
    /* Every evidence package has a bundled figure; few enough to refresh live
     * (PyPI allows 30 requests a minute), and scoped npm names are present. */
    StatsTable *t = stats_table_new();
    stats_add_evidence(t, ds);
    assert_int_equal(bundled_stats_load(dir, t, &err), 0);
    size_t per_eco[2] = { 0, 0 }, scoped = 0;
    for (size_t i = 0; i < t->count; i++) {
        const PackageStat *st = &t->items[i];
        if (st->source != STAT_SOURCE_BUNDLED)
            fail_msg("no bundled figure for %s %s", st->ecosystem, st->package);
        assert_true(stat_number(st, FIG_DOWNLOADS_MONTH) > 0);
        assert_int_equal(stat_number(st, FIG_DOWNLOADS_WEEK), STAT_UNKNOWN);
        assert_int_equal(st->status, STAT_OK);
        per_eco[strcmp(st->ecosystem, "npm") == 0 ? 0 : 1]++;
        scoped += st->package[0] == '@';
    }
    assert_in_range(per_eco[0], 15, 25);
    assert_in_range(per_eco[1], 15, 25);
    assert_true(scoped >= 2);
    /* The figures are the file's, read here with libyaml on its own, not
     * copied into the test: every package, its count, period and source. */
    char *path = root_path("data/snapshot.yaml");
    size_t checked = shipped_figures_check(path, t);
    assert_int_equal(checked, t->count);
    free(path);
    stats_table_free(t);
    dataset_free(ds);
    free(dir);
}

static void minimal_fixture_loads(void **state)
{
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->dir, *state);
    assert_string_equal(ds->version, "test-1");
    assert_string_equal(ds->date, "2026-02-28");
    assert_true(ds->hybrid_threshold == 2.5);
    assert_int_equal(ds->nstacks, 2);
    assert_int_equal(ds->ncriteria, 3);
    const Criterion *speed = &ds->criteria[0];
    assert_string_equal(speed->title, "Speed");
    assert_int_equal(speed->default_weight, 6);
    assert_true(speed->by_stack[0].score == 8.5);
    assert_true(speed->by_stack[1].score == 6.0);
    assert_int_equal(speed->by_stack[0].nevidence, 2);
    assert_string_equal(speed->by_stack[0].evidence[1], "@nestjs/core");
    /* "reach" has no label (the title stands in), lists beta first, and
     * gives alpha an empty evidence entry. */
    const Criterion *reach = &ds->criteria[2];
    assert_string_equal(reach->label, "Reach");
    assert_true(reach->by_stack[0].score == 0.0);
    assert_true(reach->by_stack[1].score == 10.0);
    assert_string_equal(reach->by_stack[1].rationale, "Everyone uses Beta.");
    assert_int_equal(reach->by_stack[0].nevidence, 0);
    assert_int_equal(ds->criteria[1].by_stack[0].nevidence, 0);
    assert_int_equal(ds->npresets, 2);
    const Preset *heavy = &ds->presets[1];
    assert_string_equal(heavy->id, "data-heavy");
    assert_string_equal(heavy->description, "Data above all.");
    assert_int_equal(heavy->weights[0], 2); /* in criteria order, not file order */
    assert_int_equal(heavy->weights[1], 10);
    assert_int_equal(heavy->weights[2], 5);
    dataset_free(ds);
}

static void folded_text_is_one_trimmed_line(void **state)
{
    put(*state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name: Alpha\n"
        "    ecosystem: npm\n"
        "    summary: >\n"
        "      A summary written\n"
        "      over two lines.\n"
        "  - {id: beta, name: Beta, ecosystem: pypi, summary: '  padded  '}\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->stacks[0].summary, "A summary written over two lines.");
    assert_string_equal(ds->stacks[1].summary, "padded");
    dataset_free(ds);
}

static void empty_presets_are_allowed(void **state)
{
    put(*state, "presets.yaml", "presets: []\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_int_equal(ds->npresets, 0);
    dataset_free(ds);
}

static void missing_file_names_it(void **state)
{
    char *path = path_join(*state, "presets.yaml");
    assert_int_equal(unlink(path), 0);
    char *err = NULL;
    assert_null(dataset_load(*state, &err));
    char *want = xasprintf("%s: cannot open: No such file or directory", path);
    assert_string_equal(err, want);
    free(want);
    free(err);
    free(path);
}

/* ---- file-level rules --------------------------------------------------- */

static void malformed_yaml(void **state)
{
    bad(state, "stacks.yaml", "stacks:\n  - id: [alpha\n",
        "3:1: did not find expected ',' or ']' while parsing a flow sequence");
}

static void empty_file(void **state)
{
    bad(state, "criteria.yaml", "", "1:1: file is empty");
    bad(state, "criteria.yaml", "# only a comment\n\n", "1:1: file is empty");
}

static void file_over_one_mib(void **state)
{
    size_t len = YTREE_MAX_BYTES + 1;
    char *big = xmalloc(len);
    memset(big, '#', len);
    for (size_t i = 79; i < len; i += 80)
        big[i] = '\n';
    write_file(*state, "criteria.yaml", big, len);
    free(big);
    expect_load_error(*state, "criteria.yaml", "1:1: file is larger than 1 MiB");
    /* The benchmark's variable may raise the cap, never lower it: past the
     * size check, the file of comments is found empty. */
    setenv(YTREE_MAX_BYTES_ENV, "2097152", 1);
    expect_load_error(*state, "criteria.yaml", "1:1: file is empty");
    setenv(YTREE_MAX_BYTES_ENV, "1048577", 1);
    expect_load_error(*state, "criteria.yaml", "1:1: file is empty");
    setenv(YTREE_MAX_BYTES_ENV, "1048576", 1);
    expect_load_error(*state, "criteria.yaml", "1:1: file is larger than 1 MiB");
    setenv(YTREE_MAX_BYTES_ENV, "100", 1);
    expect_load_error(*state, "criteria.yaml", "1:1: file is larger than 1 MiB");
    setenv(YTREE_MAX_BYTES_ENV, "lots", 1);
    expect_load_error(*state, "criteria.yaml", "1:1: file is larger than 1 MiB");
    unsetenv(YTREE_MAX_BYTES_ENV);
}

static void anchors_and_aliases(void **state)
{
    /* presets.yaml is read last: break it while the others are intact */
    bad(state, "presets.yaml",
        "presets:\n"
        "  - id: fast\n"
        "    description: Fast.\n"
        "    weights: *w\n",
        "4:14: YAML anchors and aliases are not allowed");
    bad(state, "criteria.yaml",
        "criteria:\n"
        "  - &a [x, y]\n",
        "2:5: YAML anchors and aliases are not allowed");
}

static void non_utf8(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name: Al\xe9pha\n",
        "3:14: invalid trailing UTF-8 octet (the file must be UTF-8 text)");
    bad(state, "settings.yaml", "date: \xff\n",
        "1:7: invalid leading UTF-8 octet (the file must be UTF-8 text)");
}

static void duplicate_key(void **state)
{
    bad(state, "settings.yaml",
        "data_version: x\n"
        "date: 2026-01-01\n"
        "data_version: y\n",
        "3:1: duplicate key 'data_version' (first at line 1)");
}

static void root_must_be_a_mapping(void **state)
{
    bad(state, "stacks.yaml", "- id: alpha\n", "1:1: the file must be a mapping, not a list");
    bad(state, "settings.yaml", "just text\n", "1:1: the file must be a mapping, not text");
}

static void unknown_top_level_key(void **state)
{
    bad(state, "presets.yaml", "presets: []\npresests: []\n",
        "2:1: unknown key 'presests' (expected presets)");
}

/* ---- stacks.yaml -------------------------------------------------------- */

#define STACK_BETA "  - {id: beta, name: Beta, ecosystem: pypi, summary: Two.}\n"

static void stack_unknown_key(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name: Alpha\n"
        "    ecosytem: npm\n"
        "    summary: One.\n" STACK_BETA,
        "4:5: unknown key 'ecosytem' (expected id, name, ecosystem, summary, runtime, runtime_pick)");
}

#define ALPHA_HEAD "stacks:\n  - id: alpha\n    name: Alpha\n    ecosystem: npm\n    summary: One.\n"

static void stack_runtime_rules(void **state)
{
    bad(state, "stacks.yaml", ALPHA_HEAD "    runtime: nodejs\n" STACK_BETA,
        "2:5: missing field 'runtime_pick' (lts or stable)");
    bad(state, "stacks.yaml", ALPHA_HEAD "    runtime_pick: lts\n" STACK_BETA,
        "2:5: missing field 'runtime' (runtime_pick needs it)");
    bad(state, "stacks.yaml", ALPHA_HEAD "    runtime: nodejs\n    runtime_pick: newest\n" STACK_BETA,
        "7:19: runtime_pick must be lts or stable, not 'newest'");
    bad(state, "stacks.yaml", ALPHA_HEAD "    runtime: Node JS\n    runtime_pick: lts\n" STACK_BETA,
        "6:14: runtime 'Node JS' must be lower-case letters, digits, '-' and '_' (at most 64, "
        "starting with a letter or digit)");
    put(*state, "stacks.yaml", ALPHA_HEAD "    runtime: nodejs\n    runtime_pick: lts\n" STACK_BETA);
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->stacks[0].runtime, "nodejs");
    assert_int_equal(ds->stacks[0].runtime_pick, RUNTIME_PICK_LTS);
    assert_null(ds->stacks[1].runtime);
    dataset_free(ds);
}

static void stack_missing_field(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    ecosystem: npm\n"
        "    summary: One.\n" STACK_BETA,
        "2:5: missing field 'name'");
}

static void stack_mistyped_field(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name: [Al, pha]\n"
        "    ecosystem: npm\n"
        "    summary: One.\n" STACK_BETA,
        "3:11: 'name' must be text, not a list");
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name:\n"
        "    ecosystem: npm\n"
        "    summary: One.\n" STACK_BETA,
        "3:10: 'name' must be text, not empty");
    bad(state, "stacks.yaml",
        "stacks:\n"
        "  - id: alpha\n"
        "    name: \"  \"\n"
        "    ecosystem: npm\n"
        "    summary: One.\n" STACK_BETA,
        "3:11: 'name' must not be empty");
    bad(state, "stacks.yaml", "stacks: {alpha: 1}\n", "1:9: stacks must be a list, not a mapping");
    bad(state, "stacks.yaml", "stacks:\n  - alpha\n" STACK_BETA,
        "2:5: a stack must be a mapping, not text");
}

static void stack_count_out_of_range(void **state)
{
    bad(state, "stacks.yaml", "stacks:\n" STACK_BETA, "2:3: there must be 2 to 8 stacks, found 1");
    bad(state, "stacks.yaml", "stacks: []\n", "1:9: there must be 2 to 8 stacks, found 0");
    char *nine = xstrdup("stacks:\n");
    for (int i = 0; i < 9; i++) {
        char *next = xasprintf("%s  - {id: s%d, name: S%d, ecosystem: npm, summary: S.}\n", nine, i, i);
        free(nine);
        nine = next;
    }
    bad(state, "stacks.yaml", nine, "2:3: there must be 2 to 8 stacks, found 9");
    free(nine);
}

static void stack_duplicate_id(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n" STACK_BETA "  - {id: beta, name: Beta again, ecosystem: pypi, summary: Two.}\n",
        "3:10: duplicate stack id 'beta' (first at line 2)");
}

static void stack_bad_and_reserved_ids(void **state)
{
    bad(state, "stacks.yaml", "stacks:\n  - {id: Node JS, name: N, ecosystem: npm, summary: N.}\n" STACK_BETA,
        "2:10: stack id 'Node JS' must be lower-case letters, digits, '-' and '_' "
        "(at most 64, starting with a letter or digit)");
    bad(state, "stacks.yaml", "stacks:\n  - {id: hybrid, name: H, ecosystem: npm, summary: H.}\n" STACK_BETA,
        "2:10: stack id 'hybrid' is reserved for the verdict");
    bad(state, "stacks.yaml", "stacks:\n  - {id: a, name: A, ecosystem: N/A, summary: A.}\n" STACK_BETA,
        "2:33: ecosystem 'N/A' must be lower-case letters, digits, '-' and '_' "
        "(at most 64, starting with a letter or digit)");
}

static void control_characters_in_text(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n  - {id: a, name: \"A\\e[31m\", ecosystem: npm, summary: A.}\n" STACK_BETA,
        "2:19: 'name' must be one line without control characters");
    bad(state, "stacks.yaml",
        "stacks:\n  - id: a\n    name: A\n    ecosystem: npm\n    summary: |\n      two\n\n      lines\n" STACK_BETA,
        "5:14: 'summary' must be one line without control characters");
}

/* Bidi overrides and isolates make text read differently from what it
 * holds ("evil\u202Etxt.exe"): refused in names, titles and rationales as
 * control characters are, at both ends of both ranges. */
#define CRIT_BOTH_FOR_BIDI "    stacks:\n      alpha: {score: 8, rationale: Fast.}\n      beta: {score: 6, rationale: Slow.}\n"
#define BIDI_MSG "must be one line without bidi override or isolate characters (U+202A..U+202E, U+2066..U+2069)"
static void bidi_controls_in_text(void **state)
{
    bad(state, "stacks.yaml",
        "stacks:\n  - {id: a, name: \"A\xe2\x80\xae\", ecosystem: npm, summary: A.}\n" STACK_BETA,
        "2:19: 'name' " BIDI_MSG);
    bad(state, "stacks.yaml",
        "stacks:\n  - {id: a, name: A, ecosystem: npm, summary: x\xe2\x80\xaay}\n" STACK_BETA,
        "2:47: 'summary' " BIDI_MSG);
}

static void bidi_controls_in_criteria(void **state)
{
    bad(state, "criteria.yaml",
        "criteria:\n  - id: speed\n    title: Sp\xe2\x81\xa6" "eed\n    question: How fast?\n" CRIT_BOTH_FOR_BIDI,
        "3:12: 'title' " BIDI_MSG);
    bad(state, "criteria.yaml",
        "criteria:\n  - id: speed\n    title: Speed\n    question: How fast?\n    weight: 5\n    stacks:\n"
        "      alpha: {score: 8, rationale: \"Fast\xe2\x81\xa9.\"}\n      beta: {score: 6, rationale: Slow.}\n",
        "7:36: 'rationale' " BIDI_MSG);
}

/* ---- criteria.yaml ------------------------------------------------------ */

#define CRIT_HEAD "criteria:\n  - id: speed\n    title: Speed\n    question: How fast?\n"
#define CRIT_BOTH "    stacks:\n      alpha: {score: 8, rationale: Fast.}\n      beta: {score: 6, rationale: Slow.}\n"

static void weight_out_of_range(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 11\n" CRIT_BOTH, "5:13: weight must be 0..10");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: -1\n" CRIT_BOTH, "5:13: weight must be 0..10");
}

static void weight_mistyped(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: high\n" CRIT_BOTH,
        "5:13: weight must be a whole number, not 'high'");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 7.5\n" CRIT_BOTH,
        "5:13: weight must be a whole number, not '7.5'");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: \"7\"\n" CRIT_BOTH,
        "5:13: weight must be a whole number, not quoted text '7'");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight:\n" CRIT_BOTH,
        "5:12: weight must be a whole number, not empty");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 0x7\n" CRIT_BOTH,
        "5:13: weight must be a whole number, not '0x7'");
}

/* informed_by: known kinds, each once; absent means download counts. */
static void informed_by_rules(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 5\n    informed_by: [downloads, stars]\n" CRIT_BOTH,
        "6:30: unknown kind of evidence 'stars' (known: downloads, support-windows, package-health)");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 5\n    informed_by: [package-health, package-health]\n" CRIT_BOTH,
        "6:35: 'package-health' is listed twice");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 5\n    informed_by: downloads\n" CRIT_BOTH,
        "6:18: informed_by must be a list, not text");
    /* The shipped data: support windows bear on cold starts, package
     * health on library breadth; others on downloads alone. */
    char *dir = root_path("data");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    if (!ds)
        fail_msg("%s", err);
    const Criterion *serverless = &ds->criteria[dataset_criterion_index(ds, "serverless")];
    const Criterion *ecosystem = &ds->criteria[dataset_criterion_index(ds, "ecosystem")];
    const Criterion *io = &ds->criteria[dataset_criterion_index(ds, "io-concurrency")];
    assert_int_equal(serverless->informed_by,
                     EVIDENCE_BIT(EVIDENCE_DOWNLOADS) | EVIDENCE_BIT(EVIDENCE_SUPPORT_WINDOWS));
    assert_true(ecosystem->informed_by & EVIDENCE_BIT(EVIDENCE_PACKAGE_HEALTH));
    assert_int_equal(io->informed_by, EVIDENCE_BIT(EVIDENCE_DOWNLOADS));
    dataset_free(ds);
    free(dir);
}

#define CRIT_W "    weight: 5\n    stacks:\n"
#define BETA_OK "      beta: {score: 6, rationale: Slow.}\n"

static void score_out_of_range(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 10.5, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be 0..10");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: -0.1, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be 0..10");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 100, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be 0..10");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 10.05, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be 0..10");
}

static void score_with_two_decimals(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 7.25, rationale: Fast.}\n" BETA_OK,
        "7:22: score must have at most one decimal");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 7.50, rationale: Fast.}\n" BETA_OK,
        "7:22: score must have at most one decimal");
}

static void score_mistyped(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: good, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be a number, not 'good'");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: .5, rationale: Fast.}\n" BETA_OK,
        "7:22: score must be a number, not '.5'");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 5., rationale: Fast.}\n" BETA_OK,
        "7:22: score must be a number, not '5.'");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: '5', rationale: Fast.}\n" BETA_OK,
        "7:22: score must be a number, not quoted text '5'");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: [5], rationale: Fast.}\n" BETA_OK,
        "7:22: score must be a number, not a list");
}

static void scores_are_read_exactly(void **state)
{
    put(*state, "criteria.yaml",
        CRIT_HEAD CRIT_W "      alpha: {score: 0.3, rationale: Fast.}\n"
                         "      beta: {score: +09.9, rationale: Slow.}\n"
                         "  - {id: data, title: D, question: Q, weight: 0, stacks: "
                         "{alpha: {score: -0, rationale: R}, beta: {score: 10.0, rationale: R}}}\n"
                         "  - {id: reach, title: R, question: Q, weight: 10, stacks: "
                         "{alpha: {score: 007, rationale: R}, beta: {score: 0.0, rationale: R}}}\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_int_equal(score_tenths(ds->criteria[0].by_stack[0].score), 3);
    assert_int_equal(score_tenths(ds->criteria[0].by_stack[1].score), 99);
    assert_int_equal(score_tenths(ds->criteria[1].by_stack[0].score), 0);
    assert_int_equal(score_tenths(ds->criteria[1].by_stack[1].score), 100);
    assert_int_equal(score_tenths(ds->criteria[2].by_stack[0].score), 70);
    dataset_free(ds);
}

static void criterion_unknown_keys(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD "    wieght: 5\n" CRIT_BOTH,
        "5:5: unknown key 'wieght' (expected id, title, label, question, weight, informed_by, stacks)");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 8, rationale: Fast., source: me}\n" BETA_OK,
        "7:43: unknown key 'source' (expected score, rationale, evidence, sources)");
}

static void criterion_missing_fields(void **state)
{
    bad(state, "criteria.yaml", "criteria:\n  - id: speed\n    title: Speed\n    weight: 5\n" CRIT_BOTH,
        "2:5: missing field 'question'");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 8}\n" BETA_OK,
        "7:14: missing field 'rationale'");
    bad(state, "criteria.yaml", CRIT_HEAD "    weight: 5\n", "2:5: missing field 'stacks'");
    bad(state, "criteria.yaml", "criteria: []\n", "1:11: there must be at least one criterion");
    bad(state, "criteria.yaml", "criteria:\n", "1:10: criteria must be a list, not empty");
}

static void criterion_stack_rules(void **state)
{
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: {score: 8, rationale: Fast.}\n",
        "7:7: criterion 'speed' has no entry for stack 'beta'");
    bad(state, "criteria.yaml",
        CRIT_HEAD CRIT_W "      alpha: {score: 8, rationale: Fast.}\n" BETA_OK
                         "      gamma: {score: 8, rationale: Who?}\n",
        "9:7: unknown stack 'gamma' (stacks.yaml lists no such id)");
    bad(state, "criteria.yaml", CRIT_HEAD CRIT_W "      alpha: 8\n" BETA_OK,
        "7:14: an assessment must be a mapping, not text");
}

static void criterion_duplicate_and_bad_ids(void **state)
{
    bad(state, "criteria.yaml",
        CRIT_HEAD "    weight: 5\n" CRIT_BOTH
        "  - {id: speed, title: T, question: Q, weight: 1, stacks: {}}\n",
        "9:10: duplicate criterion id 'speed' (first at line 2)");
    bad(state, "criteria.yaml",
        "criteria:\n  - {id: a=b, title: T, question: Q, weight: 1, stacks: {}}\n",
        "2:10: criterion id 'a=b' must be lower-case letters, digits, '-' and '_' "
        "(at most 64, starting with a letter or digit)");
}

/* One evidence list for alpha (npm) or beta (pypi) and the expected error. */
static void bad_evidence(void **state, const char *stack, const char *list, const char *where)
{
    char *text = xasprintf(CRIT_HEAD CRIT_W "      %s: {score: 8, rationale: R, evidence: %s}\n"
                                            "      %s: {score: 6, rationale: R}\n",
                           stack, list, strcmp(stack, "alpha") == 0 ? "beta" : "alpha");
    bad(state, "criteria.yaml", text, where);
    free(text);
}

static void evidence_names_must_be_safe(void **state)
{
    /* the list starts at column 49 for alpha, 48 for beta */
    bad_evidence(state, "alpha", "[\"\"]", "7:50: package name is empty");
    bad_evidence(state, "alpha", "[ok, .]", "7:54: package name '.' is not a package name");
    bad_evidence(state, "alpha", "['..']", "7:50: package name '..' is not a package name");
    bad_evidence(state, "alpha", "[a/b]",
                 "7:50: package name 'a/b' contains '/' (only an npm scope, @scope/name, may)");
    bad_evidence(state, "alpha", "[\"@a/b/c\"]", "7:50: package name '@a/b/c' has more than one '/'");
    bad_evidence(state, "alpha", "[\"@/b\"]", "7:50: package name '@/b' is not a valid @scope/name");
    bad_evidence(state, "alpha", "[\"@a/\"]", "7:50: package name '@a/' is not a valid @scope/name");
    bad_evidence(state, "alpha", "[\"@../x\"]", "7:50: package name '@../x' is not a valid @scope/name");
    bad_evidence(state, "beta", "[\"@a/b\"]",
                 "7:49: package name '@a/b' contains '/' (only an npm scope, @scope/name, may)");
    bad_evidence(state, "alpha", "[\"a b\"]", "7:50: package name 'a b' contains white space");
    bad_evidence(state, "alpha", "[\"a\\tb\"]", "7:50: package name contains a control character");
    bad_evidence(state, "alpha", "[\"a\\u0085b\"]", "7:50: package name contains a control character");
    bad_evidence(state, "alpha", "[\"a?b\"]", "7:50: package name 'a?b' contains '?'");
    bad_evidence(state, "alpha", "[\"a#b\"]", "7:50: package name 'a#b' contains '#'");
    bad_evidence(state, "alpha", "[a%2e]", "7:50: package name 'a%2e' contains '%'");
    bad_evidence(state, "alpha", "[\"a\\\\b\"]", "7:50: package name 'a\\b' contains '\\'");
    bad_evidence(state, "alpha", "[\"\xd0\xb5xpress\"]",
                 "7:50: package name '\xd0\xb5xpress' contains a character outside ASCII");
    /* each ecosystem's own rules, from its row in core/ecosystem.c */
    bad_evidence(state, "alpha", "[_private]",
                 "7:50: package name '_private' is not an npm package name (letters, digits, - . _ ~, not "
                 "starting with . or _; a scoped one lower case)");
    bad_evidence(state, "alpha", "[\"@Scope/x\"]",
                 "7:50: package name '@Scope/x' is not an npm package name (letters, digits, - . _ ~, not "
                 "starting with . or _; a scoped one lower case)");
    bad_evidence(state, "beta", "[flask_]",
                 "7:49: package name 'flask_' is not a PyPI project name (letters, digits, - _ . with a letter "
                 "or digit at both ends)");
    bad_evidence(state, "beta", "[a+b]",
                 "7:49: package name 'a+b' is not a PyPI project name (letters, digits, - _ . with a letter or "
                 "digit at both ends)");
    bad_evidence(state, "alpha", "[x, x]", "7:53: package 'x' is listed twice");
    /* two PEP 503 spellings of one PyPI project count as one package twice */
    bad_evidence(state, "beta", "[uvicorn, Uvicorn]",
                 "7:58: package 'Uvicorn' is listed twice: 'uvicorn' (line 7) is the same project (PEP 503)");
    bad_evidence(state, "beta", "[scikit-learn, numpy, scikit_learn]",
                 "7:70: package 'scikit_learn' is listed twice: 'scikit-learn' (line 7) is the same project "
                 "(PEP 503)");
    bad_evidence(state, "beta", "[zope.interface, Zope-Interface]",
                 "7:65: package 'Zope-Interface' is listed twice: 'zope.interface' (line 7) is the same project "
                 "(PEP 503)");
    bad_evidence(state, "alpha", "[\"@nestjs/core\", ws, \"@nestjs/core\"]",
                 "7:70: package '@nestjs/core' is listed twice");
    bad_evidence(state, "alpha", "[[x]]", "7:50: a package name must be text, not a list");
    bad_evidence(state, "alpha", "express", "7:49: evidence must be a list, not text");
    char *long_name = xmalloc(216);
    memset(long_name, 'a', 215);
    long_name[215] = '\0';
    char *list = xasprintf("[%s]", long_name);
    bad_evidence(state, "alpha", list,
                 "7:50: package name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is longer than "
                 "214 characters");
    free(list);
    free(long_name);
}

/* alpha's assessment as a block, its sources list from line 10:
 *       alpha:
 *         score: 8
 *         rationale: R
 *         sources:
 *           <list> */
#define SRC_HEAD CRIT_HEAD CRIT_W "      alpha:\n        score: 8\n        rationale: R\n        sources:\n"
#define SRC_ONE "          - {title: T, url: \"https://example.org/a\", date: 2026-08-22}\n"

static void bad_sources(void **state, const char *list, const char *where)
{
    char *text = xasprintf(SRC_HEAD "%s" BETA_OK, list);
    bad(state, "criteria.yaml", text, where);
    free(text);
}

static void sources_load_with_their_fields(void **state)
{
    put(*state, "criteria.yaml",
        SRC_HEAD "          - title: The daily cold-start run\n"
                 "            url: https://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.json\n"
                 "            date: 2026-08-22\n"
                 "            note: >-\n"
                 "              nodejs24.x 135 ms,\n"
                 "              python3.12 85 ms.\n"
                 "          - {title: \"Second, quoted\", url: \"https://example.org/b?x=1#y\", date: \"2025-12-23\"}\n"
        "      beta: {score: 6, rationale: Slow., sources: []}\n");
    put(*state, "presets.yaml", "presets:\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    const Assessment *a = &ds->criteria[0].by_stack[0];
    assert_int_equal(a->ncitations, 2);
    assert_string_equal(a->citations[0].title, "The daily cold-start run");
    assert_string_equal(a->citations[0].url,
                        "https://github.com/maxday/lambda-perf/blob/main/data/2026-08-22.json");
    assert_string_equal(a->citations[0].date, "2026-08-22");
    assert_string_equal(a->citations[0].note, "nodejs24.x 135 ms, python3.12 85 ms.");
    assert_string_equal(a->citations[1].title, "Second, quoted");
    assert_string_equal(a->citations[1].date, "2025-12-23");
    assert_null(a->citations[1].note);
    assert_int_equal(ds->criteria[0].by_stack[1].ncitations, 0);
    dataset_free(ds);
}

static void sources_shape_is_checked(void **state)
{
    bad_sources(state, "          just text\n", "11:11: sources must be a list, not text");
    bad_sources(state, "          - just text\n", "11:13: a source must be a mapping, not text");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: 2026-08-22, by: me}\n",
                "11:65: unknown key 'by' (expected title, url, date, note)");
    bad_sources(state, "          - {url: \"https://e.org/\", date: 2026-08-22}\n",
                "11:13: missing field 'title'");
    bad_sources(state, "          - {title: T, date: 2026-08-22}\n", "11:13: missing field 'url'");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\"}\n", "11:13: missing field 'date'");
    bad_sources(state, "          - {title: \"\", url: \"https://e.org/\", date: 2026-08-22}\n",
                "11:21: 'title' must not be empty");
    bad_sources(state, "          - {title: [T], url: \"https://e.org/\", date: 2026-08-22}\n",
                "11:21: 'title' must be text, not a list");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: 2026-08-22, note: \"\"}\n",
                "11:71: 'note' must not be empty");
    bad_sources(state, SRC_ONE SRC_ONE, "12:13: source 'T' is listed twice");
}

static void source_urls_are_https_and_clean(void **state)
{
    bad_sources(state, "          - {title: T, url: \"http://e.org/\", date: 2026-08-22}\n",
                "11:29: url 'http://e.org/' must start with https://");
    bad_sources(state, "          - {title: T, url: \"ftp://e.org/\", date: 2026-08-22}\n",
                "11:29: url 'ftp://e.org/' must start with https://");
    bad_sources(state, "          - {title: T, url: \"HTTPS://e.org/\", date: 2026-08-22}\n",
                "11:29: url 'HTTPS://e.org/' must start with https://");
    bad_sources(state, "          - {title: T, url: \"https://\", date: 2026-08-22}\n",
                "11:29: url 'https://' has no host name");
    bad_sources(state, "          - {title: T, url: \"https:///path\", date: 2026-08-22}\n",
                "11:29: url 'https:///path' has no host name");
    bad_sources(state, "          - {title: T, url: \"https://e.org/a b\", date: 2026-08-22}\n",
                "11:29: url 'https://e.org/a b' contains white space");
    bad_sources(state, "          - {title: T, url: \"https://e.org/<x>\", date: 2026-08-22}\n",
                "11:29: url 'https://e.org/<x>' contains a character that must be percent-encoded");
    bad_sources(state, "          - {title: T, url: \"https://\xc3\xa9.org/\", date: 2026-08-22}\n",
                "11:29: url 'https://\xc3\xa9.org/' contains a character outside ASCII (percent-encode it)");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\\u0007\", date: 2026-08-22}\n",
                "11:29: 'url' must be one line without control characters");
}

static void source_dates_are_real_days(void **state)
{
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: 2026-13-01}\n",
                "11:53: date must be a day written YYYY-MM-DD, not '2026-13-01'");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: 2025-02-29}\n",
                "11:53: date must be a day written YYYY-MM-DD, not '2025-02-29'");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: last week}\n",
                "11:53: date must be a day written YYYY-MM-DD, not 'last week'");
    bad_sources(state, "          - {title: T, url: \"https://e.org/\", date: 22/08/2026}\n",
                "11:53: date must be a day written YYYY-MM-DD, not '22/08/2026'");
}

/* Every judgement the program ships rests on at least one source a reader
 * can open: an https URL and a real day no later than the review date. */
static void every_shipped_assessment_cites_a_dated_https_source(void **state)
{
    char *dir = root_path("data");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    free(dir);
    if (!ds)
        fail_msg("%s", err);
    size_t total = 0;
    for (size_t c = 0; c < ds->ncriteria; c++) {
        for (size_t s = 0; s < ds->nstacks; s++) {
            const Assessment *a = &ds->criteria[c].by_stack[s];
            if (a->ncitations == 0)
                fail_msg("%s/%s cites no source", ds->criteria[c].id, ds->stacks[s].id);
            for (size_t k = 0; k < a->ncitations; k++) {
                const Citation *ct = &a->citations[k];
                assert_true(strncmp(ct->url, "https://", 8) == 0 && strlen(ct->url) > 12);
                assert_true(strlen(ct->title) >= 8);
                assert_int_equal(strlen(ct->date), 10);
                /* YYYY-MM-DD compares as text: not before the web, not after review. */
                if (strcmp(ct->date, "1995-01-01") < 0 || strcmp(ct->date, ds->date) > 0)
                    fail_msg("%s/%s: source '%s' dated %s (review %s)", ds->criteria[c].id,
                             ds->stacks[s].id, ct->title, ct->date, ds->date);
                assert_non_null(ct->note);
                total++;
            }
        }
    }
    assert_true(total >= ds->ncriteria * ds->nstacks);
    dataset_free(ds);
}

static void scoped_npm_names_are_accepted(void **state)
{
    put(*state, "criteria.yaml",
        CRIT_HEAD CRIT_W "      alpha: {score: 8, rationale: R, evidence: [\"@aws-sdk/client-lambda\", "
                         "socket.io]}\n" BETA_OK);
    put(*state, "presets.yaml", "presets:\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->criteria[0].by_stack[0].evidence[0], "@aws-sdk/client-lambda");
    assert_string_equal(ds->criteria[0].by_stack[0].evidence[1], "socket.io");
    assert_int_equal(ds->npresets, 0);
    dataset_free(ds);
}

static void long_bad_keys_are_clipped_in_messages(void **state)
{
    bad(state, "settings.yaml",
        "data_version: x\n"
        "date: 2026-01-01\n"
        "\"\\e]0;pwned\\a0123456789012345678901234567890123456789\": 1\n",
        "3:1: unknown key '\\x1b]0;pwned\\x07012345678901234567890123456789...' (expected data_version, "
        "date, hybrid_threshold)");
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-01-01\n\"\\u009b2J\xc3\xa9\": 1\n",
        "3:1: unknown key '\\u009b2J\xc3\xa9' (expected data_version, date, hybrid_threshold)");
}

/* ---- presets.yaml ------------------------------------------------------- */

static void preset_misses_a_criterion(void **state)
{
    bad(state, "presets.yaml",
        "presets:\n"
        "  - id: fast\n"
        "    description: Fast.\n"
        "    weights: {speed: 10, reach: 0}\n",
        "4:14: preset 'fast' has no weight for criterion 'data'");
}

static void preset_unknown_criterion(void **state)
{
    bad(state, "presets.yaml",
        "presets:\n"
        "  - id: fast\n"
        "    description: Fast.\n"
        "    weights:\n"
        "      speed: 10\n"
        "      data: 1\n"
        "      reach: 0\n"
        "      sped: 3\n",
        "8:7: unknown criterion 'sped' (criteria.yaml has no such id)");
}

static void preset_weight_rules(void **state)
{
    bad(state, "presets.yaml",
        "presets:\n"
        "  - id: fast\n"
        "    description: Fast.\n"
        "    weights: {speed: 10, data: 12, reach: 0}\n",
        "4:32: weight must be 0..10");
    bad(state, "presets.yaml",
        "presets:\n"
        "  - id: fast\n"
        "    description: Fast.\n"
        "    weights: [10, 1, 0]\n",
        "4:14: weights must be a mapping, not a list");
}

static void preset_duplicate_id_and_unknown_key(void **state)
{
    bad(state, "presets.yaml",
        "presets:\n"
        "  - {id: fast, description: F, weights: {speed: 1, data: 1, reach: 1}}\n"
        "  - {id: fast, description: G, weights: {speed: 2, data: 1, reach: 1}}\n",
        "3:10: duplicate preset id 'fast' (first at line 2)");
    bad(state, "presets.yaml",
        "presets:\n"
        "  - {id: fast, description: F, weight: {speed: 1, data: 1, reach: 1}}\n",
        "2:32: unknown key 'weight' (expected id, description, weights)");
}

/* ---- settings.yaml ------------------------------------------------------ */

static void settings_rules(void **state)
{
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-02-30\n",
        "2:7: date must be a day written YYYY-MM-DD, not '2026-02-30'");
    bad(state, "settings.yaml", "data_version: x\ndate: 28/02/2026\n",
        "2:7: date must be a day written YYYY-MM-DD, not '28/02/2026'");
    bad(state, "settings.yaml", "date: 2026-02-28\n", "1:1: missing field 'data_version'");
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-02-28\nhybrid_threshold: five\n",
        "3:19: hybrid_threshold must be a number 0..100, not 'five'");
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-02-28\nhybrid_threshold: 101\n",
        "3:19: hybrid_threshold must be 0..100");
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-02-28\nhybrid_threshold: -1\n",
        "3:19: hybrid_threshold must be a number 0..100, not '-1'");
    bad(state, "settings.yaml", "data_version: x\ndate: 2026-02-28\nhybrid-threshold: 5\n",
        "3:1: unknown key 'hybrid-threshold' (expected data_version, date, hybrid_threshold)");
}

static void settings_defaults_and_leap_day(void **state)
{
    put(*state, "settings.yaml", "data_version: 2026.11\ndate: 2028-02-29\n");
    char *err = NULL;
    Dataset *ds = dataset_load(*state, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->version, "2026.11"); /* as written, not as a float */
    assert_true(ds->hybrid_threshold == HYBRID_THRESHOLD_DEFAULT);
    dataset_free(ds);
}

/* ---- snapshot.yaml ------------------------------------------------------ */

static StatsTable *fixture_stats(void)
{
    StatsTable *t = stats_table_new();
    PackageStat *live = stats_get_or_add(t, "npm", "express");
    live->source = STAT_SOURCE_LIVE;
    live->status = STAT_STALE;
    live->fetched_at = 1234;
    stat_set_downloads(live, 70, 300);
    stat_set_detail(live, "old");
    const long long days[] = { 1, 2, 3 };
    stat_set_series(live, days, 3, "2026-02-28");
    (void)stats_get_or_add(t, "npm", "@nestjs/core");
    (void)stats_get_or_add(t, "pypi", "Scikit_Learn");
    (void)stats_get_or_add(t, "pypi", "express"); /* same name, other registry */
    (void)stats_get_or_add(t, "npm", "not-in-snapshot");
    return t;
}

static void snapshot_fills_known_entries(void **state)
{
    StatsTable *t = fixture_stats();
    char *err = NULL;
    if (bundled_stats_load(*state, t, &err) != 0)
        fail_msg("%s", err);
    assert_int_equal(t->count, 5); /* snapshot entries the table lacks are not added */
    const PackageStat *express = stats_find(t, "npm", "express");
    assert_int_equal(express->source, STAT_SOURCE_BUNDLED);
    assert_int_equal(express->status, STAT_OK);
    assert_int_equal(stat_number(express, FIG_DOWNLOADS_MONTH), 1000);
    assert_int_equal(stat_number(express, FIG_DOWNLOADS_WEEK), STAT_UNKNOWN); /* never mixed with a live figure */
    assert_null(express->daily);
    assert_null(express->detail);
    assert_int_equal(express->fetched_at, 0);
    assert_string_equal(express->period, "30 days ending between 2026-02-28 and 2026-03-31");
    assert_string_equal(express->origin, "a test source");
    assert_int_equal(stat_number(stats_find(t, "npm", "@nestjs/core"), FIG_DOWNLOADS_MONTH), 20);
    const PackageStat *sk = stats_find(t, "pypi", "Scikit_Learn");
    assert_int_equal(stat_number(sk, FIG_DOWNLOADS_MONTH), 50); /* PyPI names compare as PyPI does */
    assert_string_equal(sk->origin, "another test source");
    assert_string_equal(sk->period, "calendar month March 2026");
    assert_int_equal(stats_find(t, "pypi", "express")->source, STAT_SOURCE_NONE);
    const PackageStat *missing = stats_find(t, "npm", "not-in-snapshot");
    assert_int_equal(missing->source, STAT_SOURCE_NONE);
    assert_int_equal(stat_number(missing, FIG_DOWNLOADS_MONTH), STAT_UNKNOWN);
    stats_table_free(t);
}

/* The snapshot must fail with this error and leave the table untouched. */
static void bad_snapshot(void **state, const char *content, const char *where)
{
    put(*state, "snapshot.yaml", content);
    StatsTable *t = fixture_stats();
    char *err = NULL;
    assert_int_equal(bundled_stats_load(*state, t, &err), -1);
    char *want = xasprintf("%s/snapshot.yaml:%s", (char *)*state, where);
    assert_string_equal(err, want);
    const PackageStat *express = stats_find(t, "npm", "express");
    assert_int_equal(express->source, STAT_SOURCE_LIVE);
    assert_int_equal(stat_number(express, FIG_DOWNLOADS_MONTH), 300);
    assert_int_equal(stats_find(t, "npm", "@nestjs/core")->source, STAT_SOURCE_NONE);
    free(want);
    free(err);
    stats_table_free(t);
}

#define SNAP_NPM "ecosystems:\n  npm:\n    source: s\n    period: p\n    last_month:\n      express: 1\n"

static void snapshot_rules(void **state)
{
    bad_snapshot(state, SNAP_NPM "      left-pad: -5\n",
                 "7:17: downloads must be a whole number 0 or more, not '-5'");
    bad_snapshot(state, SNAP_NPM "      left-pad: 1.5e6\n",
                 "7:17: downloads must be a whole number 0 or more, not '1.5e6'");
    bad_snapshot(state, SNAP_NPM "      left-pad: \"5\"\n",
                 "7:17: downloads must be a whole number, not quoted text '5'");
    bad_snapshot(state, SNAP_NPM "      left-pad: 99999999999999999999999\n",
                 "7:17: downloads must be a whole number 0 or more, not '99999999999999999999999'");
    bad_snapshot(state, SNAP_NPM "      \"../x\": 5\n",
                 "7:7: package name '../x' contains '/' (only an npm scope, @scope/name, may)");
    bad_snapshot(state, SNAP_NPM "    weekly: {}\n",
                 "7:5: unknown key 'weekly' (expected source, period, last_month)");
    bad_snapshot(state, "ecosystems:\n  npm:\n    source: s\n    last_month: {}\n",
                 "3:5: missing field 'period'");
    bad_snapshot(state, "ecosystems:\n  npm:\n    source: s\n    period: \"\"\n    last_month: {}\n",
                 "4:13: 'period' must not be empty");
    bad_snapshot(state, "ecosystems:\n  NPM!:\n    source: s\n    period: p\n    last_month: {}\n",
                 "2:3: ecosystem 'NPM!' must be lower-case letters, digits, '-' and '_'");
    bad_snapshot(state, "ecosystems: []\n", "1:13: ecosystems must be a mapping, not a list");
    bad_snapshot(state, "packages: {}\n", "1:1: unknown key 'packages' (expected ecosystems)");
    bad_snapshot(state, "", "1:1: file is empty");
    bad_snapshot(state, SNAP_NPM "      react: &n 5\n", "7:14: YAML anchors and aliases are not allowed");
    /* beyond any plausible month: refused, not summed */
    bad_snapshot(state, SNAP_NPM "      left-pad: 10000000000001\n",
                 "7:17: downloads 10000000000001 is implausible for one package in a month (more than 10^13)");
    bad_snapshot(state, SNAP_NPM "      left-pad: 9223372036854775807\n",
                 "7:17: downloads 9223372036854775807 is implausible for one package in a month (more than 10^13)");
    /* the same PyPI project under two spellings */
    bad_snapshot(state,
                 SNAP_NPM "  pypi:\n    source: s\n    period: p\n    last_month:\n      Django: 5\n"
                          "      numpy: 6\n      django: 7\n",
                 "13:7: package 'django' is listed twice: 'Django' (line 11) is the same project (PEP 503)");
}

static void snapshot_may_be_empty_of_figures(void **state)
{
    put(*state, "snapshot.yaml", "ecosystems: {}\n");
    StatsTable *t = fixture_stats();
    char *err = NULL;
    assert_int_equal(bundled_stats_load(*state, t, &err), 0);
    assert_int_equal(stats_find(t, "npm", "@nestjs/core")->source, STAT_SOURCE_NONE);
    stats_table_free(t);
}

/* ---- yaml_tree ---------------------------------------------------------- */

static void yaml_tree_rules(void **state)
{
    char *err = NULL;
    YNode *root;
    const char bom[] = "\xEF\xBB\xBFkey: \x01\n";
    assert_null(ytree_load_buffer("t.yaml", bom, sizeof bom - 1, &err));
    assert_string_equal(err, "t.yaml:1:6: control characters are not allowed (the file must be UTF-8 text)");
    free(err);
    const char crlf[] = "a: 1\r\nb: 2\r\nc: \xC3\x28\r\n";
    assert_null(ytree_load_buffer("t.yaml", crlf, sizeof crlf - 1, &err));
    assert_string_equal(err, "t.yaml:3:5: invalid trailing UTF-8 octet (the file must be UTF-8 text)");
    free(err);
    const char two_docs[] = "a: 1\n---\nb: 2\n";
    assert_null(ytree_load_buffer("t.yaml", two_docs, sizeof two_docs - 1, &err));
    assert_string_equal(err, "t.yaml:2:1: only one YAML document is allowed per file");
    free(err);
    const char nul[] = "a: \"x\\0y\"\n";
    assert_null(ytree_load_buffer("t.yaml", nul, sizeof nul - 1, &err));
    assert_string_equal(err, "t.yaml:1:4: text contains a NUL character");
    free(err);
    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    assert_null(ytree_load_buffer("t.yaml", deep, sizeof deep, &err));
    assert_string_equal(err, "t.yaml:1:66: nesting is too deep");
    free(err);
    const char complex_key[] = "? [a]\n: 1\n";
    assert_null(ytree_load_buffer("t.yaml", complex_key, sizeof complex_key - 1, &err));
    assert_string_equal(err, "t.yaml:1:3: a mapping key must be plain text");
    free(err);
    const char dup_escape[] = "\"\\e]0;x\\a\": 1\n\"\\e]0;x\\a\": 2\n";
    assert_null(ytree_load_buffer("t.yaml", dup_escape, sizeof dup_escape - 1, &err));
    assert_string_equal(err, "t.yaml:2:1: duplicate key '\\x1b]0;x\\x07' (first at line 1)");
    free(err);
    /* many keys: duplicates are still found once the key set has grown */
    StrBuf keys = STRBUF_INIT;
    for (int i = 0; i < 3000; i++)
        sb_appendf(&keys, "k%d: %d\n", i, i);
    char *many = sb_take(&keys);
    char *with_dup = xasprintf("%sk1234: again\n", many);
    assert_null(ytree_load_buffer("t.yaml", with_dup, strlen(with_dup), &err));
    assert_string_equal(err, "t.yaml:3001:1: duplicate key 'k1234' (first at line 1235)");
    free(err);
    free(with_dup);
    root = ytree_load_buffer("t.yaml", many, strlen(many), &err);
    assert_non_null(root);
    assert_int_equal(root->count, 3000);
    assert_string_equal(ynode_get(root, "k2999")->value, "2999");
    ynode_free(root);
    free(many);
    const char ok[] = "\xEF\xBB\xBFk: [\"v\", 'w', x, ~]\nm: 1\n";
    root = ytree_load_buffer("t.yaml", ok, sizeof ok - 1, &err);
    assert_non_null(root);
    const YNode *list = ynode_get(root, "k");
    assert_int_equal(list->count, 4);
    assert_true(list->items[0]->quoted && list->items[1]->quoted);
    assert_false(list->items[2]->quoted);
    assert_true(ynode_is_null(list->items[3]));
    assert_int_equal(list->items[2]->column, 15); /* a byte order mark is no column */
    assert_int_equal(ynode_get(root, "m")->line, 2);
    ynode_free(root);
}

static void assert_same_tree(const YNode *a, const YNode *b);

/* A file is read a piece at a time, never whole, and reads as the same
 * bytes in a buffer do: the same tree, the same errors at the same places
 * (a byte order mark, reader errors past the first piece read, a file of
 * comments). */
static void yaml_file_reads_as_its_buffer(void **state)
{
    StrBuf lines = STRBUF_INIT;
    for (int i = 0; i < 2000; i++) /* well past one piece */
        sb_appendf(&lines, "k%d: \"v%d\"\n", i, i);
    char *long_ok = sb_take(&lines);
    char *long_bad = xasprintf("\xEF\xBB\xBF%szz: \xC3\x28\n", long_ok);
    char *long_ctl = xasprintf("%sa: \x01\n", long_ok);
    const char *cases[] = {
        "\xEF\xBB\xBFkey: \x01\n",
        "a: 1\r\nb: 2\r\nc: \xC3\x28\r\n",
        "a: 1\n---\nb: 2\n",
        "\xEF\xBB\xBFk: [\"v\", 'w', x, ~]\nm: 1\n",
        "\xEF\xBB\xBF# only a comment\n",
        "  # indented comment\n\t\n",
        "",
        "a: [1, 2\n",
        long_ok,
        long_bad,
        long_ctl,
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = path_join(*state, "t.yaml"), *ferr = NULL, *berr = NULL;
        put(*state, "t.yaml", cases[i]);
        YNode *f = ytree_load_file(path, &ferr);
        YNode *b = ytree_load_buffer(path, cases[i], strlen(cases[i]), &berr);
        if (b) {
            assert_non_null(f);
            assert_same_tree(f, b);
        } else {
            assert_null(f);
            assert_string_equal(ferr, berr);
        }
        ynode_free(f);
        ynode_free(b);
        free(ferr);
        free(berr);
        free(path);
    }
    free(long_ok);
    free(long_bad);
    free(long_ctl);
}

/* Two trees say the same: kinds, positions, texts and quoting. */
static void assert_same_tree(const YNode *a, const YNode *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->column, b->column);
    assert_int_equal(a->count, b->count);
    if (a->kind == YNODE_SCALAR) {
        assert_string_equal(a->value, b->value);
        assert_int_equal(a->quoted, b->quoted);
    }
    for (size_t i = 0; i < a->count; i++) {
        if (a->kind == YNODE_SEQ) {
            assert_same_tree(a->items[i], b->items[i]);
        } else {
            assert_same_tree(a->pairs[i].key, b->pairs[i].key);
            assert_same_tree(a->pairs[i].value, b->pairs[i].value);
        }
    }
}

typedef struct StreamSeen {
    const YNode *whole; /* the list as a whole tree has it */
    size_t calls, stop_at;
} StreamSeen;

static bool stream_item(void *ctx, const YNode *item, size_t index)
{
    StreamSeen *s = ctx;
    assert_int_equal(index, s->calls);
    s->calls++;
    if (s->whole)
        assert_same_tree(item, s->whole->items[index]);
    return index != s->stop_at;
}

/* A streamed list's items are the whole tree's, one at a time; the rest
 * of the file is a tree as before, and errors are as before. */
static void yaml_stream_hands_over_each_item(void **state)
{
    char *path = path_join(*state, "criteria.yaml"), *err = NULL;
    YNode *whole = ytree_load_file(path, &err);
    assert_non_null(whole);
    StreamSeen seen = { .whole = ynode_get(whole, "criteria"), .stop_at = SIZE_MAX };
    YNode *root = ytree_load_file_stream(path, "criteria", stream_item, &seen, &err);
    assert_non_null(root);
    assert_true(seen.calls > 0);
    assert_int_equal(seen.calls, seen.whole->count);
    const YNode *list = ynode_get(root, "criteria");
    assert_int_equal(list->kind, YNODE_SEQ);
    assert_int_equal(list->count, seen.calls);
    assert_null(list->items);
    assert_int_equal(list->line, seen.whole->line);
    ynode_free(root);
    ynode_free(whole);
    free(path);

    /* only the named top-level list streams; a stop leaves no message */
    put(*state, "s.yaml", "other: [a, b]\nlist:\n  - {a: 1}\n  - [x, y]\n  - z\nlast: {k: v}\n");
    path = path_join(*state, "s.yaml");
    whole = ytree_load_file(path, &err);
    assert_non_null(whole);
    seen = (StreamSeen){ .whole = ynode_get(whole, "list"), .stop_at = SIZE_MAX };
    root = ytree_load_file_stream(path, "list", stream_item, &seen, &err);
    assert_int_equal(seen.calls, 3);
    assert_same_tree(ynode_get(root, "other"), ynode_get(whole, "other"));
    assert_same_tree(ynode_get(root, "last"), ynode_get(whole, "last"));
    ynode_free(root);
    seen = (StreamSeen){ .whole = ynode_get(whole, "list"), .stop_at = 1 };
    err = NULL;
    assert_null(ytree_load_file_stream(path, "list", stream_item, &seen, &err));
    assert_null(err);
    assert_int_equal(seen.calls, 2);
    ynode_free(whole);
    free(path);

    /* a key that is not a list is an ordinary node; bad YAML in an item is
     * placed as ever */
    put(*state, "s.yaml", "list: text\n");
    path = path_join(*state, "s.yaml");
    seen = (StreamSeen){ .stop_at = SIZE_MAX };
    root = ytree_load_file_stream(path, "list", stream_item, &seen, &err);
    assert_int_equal(seen.calls, 0);
    assert_string_equal(ynode_get(root, "list")->value, "text");
    ynode_free(root);
    free(path);
    put(*state, "s.yaml", "list:\n  - {a: 1}\n  - {a: 1, a: 2}\n");
    path = path_join(*state, "s.yaml");
    seen = (StreamSeen){ .stop_at = SIZE_MAX };
    assert_null(ytree_load_file_stream(path, "list", stream_item, &seen, &err));
    assert_non_null(strstr(err, "s.yaml:3:12: duplicate key 'a' (first at line 3)"));
    assert_int_equal(seen.calls, 1);
    free(err);
    free(path);
}

/* ---- robustness --------------------------------------------------------- */

/* Every prefix of every fixture file, and every file with one byte
 * replaced, either loads or fails with a positioned message naming the file:
 * no crash and (under ASan) no leak, whatever the damage. */
static void damaged_files_never_crash(void **state)
{
    static const char *const garbage[] = { "\0", "\xff", "\t", ":", "-", "[", "{", "&", "*", "\"", "#", "!" };
    for (size_t f = 0; f < NDATA_FILES; f++) {
        char *path = path_join(*state, DATA_FILES[f]), *orig = NULL, *err = NULL;
        size_t len = 0;
        assert_int_equal(file_read_all(path, 1 << 20, &orig, &len, &err), 0);
        for (size_t cut = 0; cut <= len; cut += 3) {
            for (size_t g = 0; g <= sizeof garbage / sizeof garbage[0]; g++) {
                char *copy = xmalloc(len + 1);
                memcpy(copy, orig, len);
                size_t n = cut;
                if (g > 0 && cut < len) {
                    copy[cut] = garbage[g - 1][0];
                    n = len;
                } else if (g > 0) {
                    free(copy);
                    continue;
                }
                write_file(*state, DATA_FILES[f], copy, n);
                free(copy);
                Dataset *ds = dataset_load(*state, &err);
                StatsTable *t = stats_table_new();
                if (ds) {
                    stats_add_evidence(t, ds);
                    dataset_free(ds);
                } else {
                    assert_non_null(err);
                    assert_true(strncmp(err, *state, strlen(*state)) == 0);
                    free(err);
                    err = NULL;
                }
                if (bundled_stats_load(*state, t, &err) != 0) {
                    assert_non_null(err);
                    free(err);
                    err = NULL;
                }
                stats_table_free(t);
            }
        }
        write_file(*state, DATA_FILES[f], orig, len);
        free(orig);
        free(path);
    }
}

/* ---- a large generated data set ----------------------------------------- */

static void generated_1000_by_8_loads(void **state)
{
    char *out = path_join(*state, "big");
    char *tool = path_join(tool_dir, "gen_data");
    char *cmd = xasprintf("'%s' '%s' 1000 8", tool, out);
    int status = system(cmd);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *err = NULL;
    Dataset *ds = dataset_load(out, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_int_equal(ds->nstacks, 8);
    assert_int_equal(ds->ncriteria, 1000);
    assert_true(ds->npresets >= 2);
    size_t scoped = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t s = 0; s < ds->nstacks; s++)
            for (size_t e = 0; e < ds->criteria[c].by_stack[s].nevidence; e++)
                scoped += ds->criteria[c].by_stack[s].evidence[e][0] == '@';
    assert_true(scoped > 0);
    StatsTable *t = stats_table_new();
    stats_add_evidence(t, ds);
    assert_true(t->count > 0);
    assert_int_equal(bundled_stats_load(out, t, &err), 0);
    for (size_t i = 0; i < t->count; i++)
        assert_int_equal(t->items[i].source, STAT_SOURCE_BUNDLED);
    Evaluation *ev = evaluation_new(ds);
    for (size_t p = 0; p < ds->npresets; p++) {
        evaluation_run(ev, ds, ds->presets[p].weights);
        assert_non_null(evaluation_winner_id(ev, ds));
    }
    evaluation_free(ev);
    stats_table_free(t);
    dataset_free(ds);
    remove_tree(out);
    free(cmd);
    free(tool);
    free(out);
}

static void generator_refuses_bad_arguments(void **state)
{
    char *tool = path_join(tool_dir, "gen_data");
    static const char *const args[] = { "", "1000", "1000 9", "1000 1", "0 2", "x 2", "10 2 extra" };
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        char *cmd = xasprintf("'%s' '%s/never' %s 2>/dev/null", tool, (char *)*state, args[i]);
        int status = system(cmd);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 2);
        free(cmd);
    }
    free(tool);
}

int main(int argc, char **argv)
{
    /* tests/test_loader -> tools/gen_data, in the same build directory */
    char *self = path_dirname(argc > 0 ? argv[0] : ".");
    char *build = path_dirname(self);
    tool_dir = path_join(build, "tools");
    free(self);
    free(build);
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bundled_data_loads),
        cmocka_unit_test(every_shipped_assessment_cites_a_dated_https_source),
        T(minimal_fixture_loads),
        T(folded_text_is_one_trimmed_line),
        T(empty_presets_are_allowed),
        T(missing_file_names_it),
        T(malformed_yaml),
        T(empty_file),
        T(file_over_one_mib),
        T(anchors_and_aliases),
        T(non_utf8),
        T(duplicate_key),
        T(root_must_be_a_mapping),
        T(unknown_top_level_key),
        T(stack_unknown_key),
        T(stack_runtime_rules),
        T(stack_missing_field),
        T(stack_mistyped_field),
        T(stack_count_out_of_range),
        T(stack_duplicate_id),
        T(stack_bad_and_reserved_ids),
        T(control_characters_in_text),
        T(weight_out_of_range),
        T(informed_by_rules),
        T(weight_mistyped),
        T(score_out_of_range),
        T(score_with_two_decimals),
        T(score_mistyped),
        T(scores_are_read_exactly),
        T(criterion_unknown_keys),
        T(criterion_missing_fields),
        T(criterion_stack_rules),
        T(criterion_duplicate_and_bad_ids),
        T(evidence_names_must_be_safe),
        T(scoped_npm_names_are_accepted),
        T(sources_load_with_their_fields),
        T(sources_shape_is_checked),
        T(source_urls_are_https_and_clean),
        T(source_dates_are_real_days),
        T(long_bad_keys_are_clipped_in_messages),
        T(bidi_controls_in_text),
        T(bidi_controls_in_criteria),
        T(preset_misses_a_criterion),
        T(preset_unknown_criterion),
        T(preset_weight_rules),
        T(preset_duplicate_id_and_unknown_key),
        T(settings_rules),
        T(settings_defaults_and_leap_day),
        T(snapshot_fills_known_entries),
        T(snapshot_rules),
        T(snapshot_may_be_empty_of_figures),
        cmocka_unit_test(yaml_tree_rules),
        T(yaml_stream_hands_over_each_item),
        T(yaml_file_reads_as_its_buffer),
        T(damaged_files_never_crash),
        T(generated_1000_by_8_loads),
        T(generator_refuses_bad_arguments),
    };
#undef T
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(tool_dir);
    return rc;
}
