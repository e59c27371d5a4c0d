/* test_runtime.c: support windows — the line a team picks on a given day,
 * the 12-month mark, endoflife.date's reply parsed from recorded shapes and
 * its faults, and the bundled data/runtimes.yaml with its error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/runtime.h"
#include "fetch/parse_eol.h"
#include "load/dataset_load.h"
#include "load/runtimes_load.h"
#include "util/fileio.h"
#include "util/xalloc.h"
#include "unit/helpers.h"

/* endoflife.date's /api/nodejs.json as generated at a70eca3 (2026-08-22),
 * lines 23 and 21 left out as in the recording. */
static const char NODE_REPLY[] =
    "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"lts\":\"2026-10-28\",\"eol\":\"2029-04-30\","
    "\"latest\":\"26.7.0\",\"latestReleaseDate\":\"2026-08-05\",\"support\":\"2027-10-27\",\"extendedSupport\":false},"
    "{\"cycle\":\"25\",\"releaseDate\":\"2025-10-15\",\"eol\":\"2026-06-01\",\"latest\":\"25.9.0\","
    "\"latestReleaseDate\":\"2026-04-01\",\"lts\":false,\"support\":\"2026-04-01\",\"extendedSupport\":false},"
    "{\"cycle\":\"24\",\"releaseDate\":\"2025-05-06\",\"lts\":\"2025-10-28\",\"eol\":\"2028-04-30\","
    "\"latest\":\"24.19.0\",\"latestReleaseDate\":\"2026-08-03\",\"support\":\"2026-10-20\",\"extendedSupport\":false},"
    "{\"cycle\":\"22\",\"releaseDate\":\"2024-04-24\",\"lts\":\"2024-10-29\",\"eol\":\"2027-04-30\","
    "\"latest\":\"22.23.2\",\"latestReleaseDate\":\"2026-07-29\",\"support\":\"2025-10-21\",\"extendedSupport\":true},"
    "{\"cycle\":\"20\",\"releaseDate\":\"2023-04-18\",\"lts\":\"2023-10-24\",\"eol\":\"2026-04-30\","
    "\"latest\":\"20.20.2\",\"latestReleaseDate\":\"2026-03-24\",\"support\":\"2024-10-22\",\"extendedSupport\":true}]";

static HttpReply reply(long status, const char *ctype, const char *body)
{
    return (HttpReply){ status, ctype, body, strlen(body) };
}

static RuntimeInfo *node_info(RuntimeTable *t)
{
    RuntimeInfo *info = runtime_table_get(t, "nodejs");
    HttpReply r = reply(200, "application/json", NODE_REPLY);
    RuntimeCycle *cycles;
    size_t n;
    char *detail;
    assert_int_equal(parse_endoflife(&r, &cycles, &n, &detail), FETCH_OK);
    assert_null(detail);
    runtime_set_cycles(info, cycles, n);
    return info;
}

static const char *picked(const RuntimeInfo *info, RuntimePick pick, const char *today)
{
    int i = runtime_pick_cycle(info, pick, today);
    return i < 0 ? "none" : info->cycles[i].cycle;
}

static void the_recorded_node_reply_parses(void **state)
{
    RuntimeTable *t = runtime_table_new();
    RuntimeInfo *info = node_info(t);
    assert_int_equal(info->ncycles, 5);
    const RuntimeCycle *c = &info->cycles[0];
    assert_string_equal(c->cycle, "26");
    assert_string_equal(c->release, "2026-05-05");
    assert_string_equal(c->lts, "2026-10-28");
    assert_string_equal(c->eol, "2029-04-30");
    assert_string_equal(c->support, "2027-10-27");
    assert_string_equal(c->latest, "26.7.0");
    assert_string_equal(c->latest_date, "2026-08-05");
    assert_string_equal(info->cycles[1].lts, ""); /* lts: false */
    runtime_table_free(t);
}

/* Newest LTS for Node.js: 24 until 26's LTS begins on 2026-10-28. */
static void the_newest_lts_line_is_picked(void **state)
{
    RuntimeTable *t = runtime_table_new();
    RuntimeInfo *info = node_info(t);
    assert_string_equal(picked(info, RUNTIME_PICK_LTS, "2026-08-22"), "24");
    assert_string_equal(picked(info, RUNTIME_PICK_LTS, "2026-10-27"), "24");
    assert_string_equal(picked(info, RUNTIME_PICK_LTS, "2026-10-28"), "26");
    assert_string_equal(picked(info, RUNTIME_PICK_LTS, "2026-12-02"), "26");
    /* Newest stable: 26 once released, though not yet LTS; 25 before. */
    assert_string_equal(picked(info, RUNTIME_PICK_STABLE, "2026-05-04"), "25");
    assert_string_equal(picked(info, RUNTIME_PICK_STABLE, "2026-05-05"), "26");
    /* Past every end of life: nothing to pick. */
    assert_string_equal(picked(info, RUNTIME_PICK_LTS, "2030-01-01"), "none");
    assert_string_equal(picked(info, RUNTIME_PICK_NONE, "2026-12-02"), "none");
    assert_string_equal(picked(NULL, RUNTIME_PICK_LTS, "2026-12-02"), "none");
    runtime_table_free(t);
}

static void a_line_within_twelve_months_is_marked(void **state)
{
    RuntimeCycle c = { .eol = "2027-04-30" };
    assert_false(runtime_eol_soon(&c, "2026-04-29"));
    assert_true(runtime_eol_soon(&c, "2026-04-30"));
    assert_true(runtime_eol_soon(&c, "2026-12-02"));
    assert_true(runtime_eol_soon(&c, "2027-06-01")); /* past: marked too */
    assert_int_equal(runtime_months_left(&c, "2026-12-02"), 4);
    assert_int_equal(runtime_months_left(&c, "2026-04-30"), 12);
    assert_int_equal(runtime_months_left(&c, "2028-01-01"), 0);
    RuntimeCycle unknown = { .eol = "" };
    assert_false(runtime_eol_soon(&unknown, "2026-12-02"));
    assert_int_equal(runtime_months_left(&unknown, "2026-12-02"), -1);
}

static void the_description_names_line_and_end(void **state)
{
    RuntimeTable *t = runtime_table_new();
    RuntimeInfo *info = node_info(t);
    char *d = runtime_describe(info, RUNTIME_PICK_LTS, "Node.js", "2026-12-02");
    assert_string_equal(d, "Node.js 26 LTS, end of life 2029-04-30");
    free(d);
    /* On 2026-06-01, 24 is the newest LTS and 22 is not picked; a stack on
     * stable would get 26. Near its end, 24 is marked with months left. */
    d = runtime_describe(info, RUNTIME_PICK_LTS, "Node.js", "2027-06-01");
    assert_string_equal(d, "Node.js 26 LTS, end of life 2029-04-30");
    free(d);
    d = runtime_describe(info, RUNTIME_PICK_LTS, "Node.js", "2028-06-01");
    assert_string_equal(d, "Node.js 26 LTS, end of life 2029-04-30 (within 12 months: 10 left)");
    free(d);
    d = runtime_describe(NULL, RUNTIME_PICK_LTS, "Node.js", "2026-12-02");
    assert_string_equal(d, "no support window known");
    free(d);
    runtime_table_free(t);
}

static void expect_reply(long status, const char *ctype, const char *body, FetchOutcome want,
                         const char *detail)
{
    HttpReply r = reply(status, ctype, body);
    RuntimeCycle *cycles;
    size_t n;
    char *why;
    assert_int_equal(parse_endoflife(&r, &cycles, &n, &why), want);
    assert_null(cycles);
    assert_int_equal(n, 0);
    assert_non_null(why);
    assert_string_equal(why, detail);
    free(why);
}

static void faults_are_named(void **state)
{
    expect_reply(404, "text/html", "<!DOCTYPE html><title>404</title>", FETCH_NOT_FOUND,
                 "endoflife.date does not know this product");
    expect_reply(429, "text/html", "<html>slow down</html>", FETCH_RATE_LIMITED, "HTTP 429: too many requests");
    expect_reply(500, "text/plain", "oops", FETCH_ERROR, "HTTP 500");
    expect_reply(503, "application/json", "[]", FETCH_ERROR, "HTTP 503");
    expect_reply(200, "text/html", "<html>a captive portal</html>", FETCH_ERROR,
                 "an HTML page, not the JSON asked for");
    expect_reply(200, "application/json", "[{\"cycle\":", FETCH_ERROR, "not JSON");
    expect_reply(200, "application/json", "{\"result\":[]}", FETCH_ERROR, "not a list of release lines");
    expect_reply(200, "application/json", "[]", FETCH_ERROR, "not a list of release lines");
    expect_reply(200, "application/json", "[{\"releaseDate\":\"2026-05-05\",\"eol\":false}]", FETCH_ERROR,
                 "a release line has no usable cycle");
    expect_reply(200, "application/json", "[{\"cycle\":\"a b\",\"releaseDate\":\"2026-05-05\",\"eol\":false}]",
                 FETCH_ERROR, "a release line has no usable cycle");
    expect_reply(200, "application/json", "[{\"cycle\":\"26\",\"releaseDate\":\"2026-02-30\",\"eol\":false}]",
                 FETCH_ERROR, "a release line has no release date");
    expect_reply(200, "application/json", "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\"}]", FETCH_ERROR,
                 "eol is neither a date nor a boolean");
    expect_reply(200, "application/json", "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"eol\":\"soon\"}]",
                 FETCH_ERROR, "eol is neither a date nor a boolean");
    expect_reply(200, "application/json",
                 "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"eol\":false,\"lts\":3}]", FETCH_ERROR,
                 "lts is neither a date nor a boolean");
    expect_reply(200, "application/json",
                 "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"eol\":false,\"latest\":\"\\u001b[2J\"}]",
                 FETCH_ERROR, "latest is not a version");
    /* One good and one bad row: the whole reply is refused. */
    expect_reply(200, "application/json",
                 "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"eol\":false},7]", FETCH_ERROR,
                 "a release line is not an object");
}

/* eol false: not announced (26 when it was added); lts and support true. */
static void booleans_mean_what_the_service_says(void **state)
{
    HttpReply r = reply(200, "application/json",
                        "[{\"cycle\":\"26\",\"releaseDate\":\"2026-05-05\",\"eol\":false,\"lts\":true,\"support\":true}]");
    RuntimeCycle *cycles;
    size_t n;
    char *why;
    assert_int_equal(parse_endoflife(&r, &cycles, &n, &why), FETCH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(cycles[0].eol, "");
    assert_string_equal(cycles[0].lts, "2026-05-05");
    assert_string_equal(cycles[0].support, "");
    assert_null(cycles[0].latest);
    RuntimeInfo info = { .cycles = cycles, .ncycles = n };
    char *d = runtime_describe(&info, RUNTIME_PICK_LTS, "Node.js", "2026-06-01");
    assert_string_equal(d, "Node.js 26 LTS, end of life not announced");
    free(d);
    runtime_cycle_clear(&cycles[0]);
    free(cycles);
}

static char *root_path(const char *rel)
{
    const char *root = getenv("VERSUS_ROOT");
    return path_join(root && *root ? root : ".", rel);
}

/* The shipped snapshot: real rows, dated, for both stacks' runtimes. */
static void the_bundled_snapshot_loads(void **state)
{
    char *dir = root_path("data");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    if (!ds)
        fail_msg("%s", err);
    assert_string_equal(ds->stacks[0].runtime, "nodejs");
    assert_int_equal(ds->stacks[0].runtime_pick, RUNTIME_PICK_LTS);
    assert_string_equal(ds->stacks[1].runtime, "python");
    assert_int_equal(ds->stacks[1].runtime_pick, RUNTIME_PICK_STABLE);
    RuntimeTable *t = runtime_table_new();
    runtime_table_add_stacks(t, ds);
    if (runtimes_bundled_load(dir, t, &err) != 0)
        fail_msg("%s", err);
    const RuntimeInfo *node = runtime_table_find(t, "nodejs");
    const RuntimeInfo *py = runtime_table_find(t, "python");
    assert_non_null(node);
    assert_non_null(py);
    assert_int_equal(node->source, STAT_SOURCE_BUNDLED);
    assert_string_equal(node->as_of, "2026-08-22");
    assert_non_null(strstr(node->origin, "endoflife.date"));
    assert_string_equal(picked(node, RUNTIME_PICK_LTS, "2026-12-02"), "26");
    assert_string_equal(picked(py, RUNTIME_PICK_STABLE, "2026-12-02"), "3.14");
    assert_string_equal(picked(py, RUNTIME_PICK_STABLE, "2026-08-22"), "3.14");
    runtime_table_free(t);
    dataset_free(ds);
    free(dir);
}

static char *tmp_dir_with(const char *content)
{
    char *dir = test_temp_dir("rt");
    char *path = path_join(dir, "runtimes.yaml");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    free(path);
    return dir;
}

static void remove_dir(char *dir)
{
    char *path = path_join(dir, "runtimes.yaml");
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

#define HEAD "source: recorded\nas_of: 2026-08-22\nproducts:\n  nodejs:\n"
static void expect_bad(const char *rows, const char *where)
{
    char *dir = tmp_dir_with(rows);
    RuntimeTable *t = runtime_table_new();
    RuntimeInfo *before = runtime_table_get(t, "nodejs");
    before->source = STAT_SOURCE_CACHE;
    char *err = NULL;
    assert_int_equal(runtimes_bundled_load(dir, t, &err), -1);
    char *want = xasprintf("%s/runtimes.yaml:%s", dir, where);
    assert_string_equal(err, want);
    /* A bad file changes nothing. */
    assert_int_equal(runtime_table_find(t, "nodejs")->source, STAT_SOURCE_CACHE);
    free(want);
    free(err);
    runtime_table_free(t);
    remove_dir(dir);
}

static void the_snapshot_loader_names_each_problem(void **state)
{
    expect_bad(HEAD "    - {cycle: \"26\", releaseDate: 2026-05-05}\n", "5:7: missing field 'eol'");
    expect_bad(HEAD "    - {cycle: \"26\", releaseDate: 2026-13-05, eol: false}\n",
               "5:34: releaseDate must be a day written YYYY-MM-DD");
    expect_bad(HEAD "    - {cycle: \"26\", releaseDate: 2026-05-05, eol: soon}\n",
               "5:51: eol must be a day written YYYY-MM-DD, true or false");
    expect_bad(HEAD "    - {cycle: \"26\", releaseDate: 2026-05-05, eol: false, codename: x}\n",
               "5:58: unknown key 'codename' (expected cycle, releaseDate, lts, eol, support, latest, "
               "latestReleaseDate)");
    expect_bad(HEAD "    - {releaseDate: 2026-05-05, eol: false}\n", "5:7: missing field 'cycle'");
    expect_bad(HEAD "    []\n", "5:5: product 'nodejs' needs a list of 1 to 500 release lines");
    expect_bad("source: recorded\nproducts: {}\n", "1:1: missing field 'as_of'");
    expect_bad("source: recorded\nas_of: yesterday\nproducts: {}\n",
               "2:8: as_of must be a day written YYYY-MM-DD");
}

static void a_missing_snapshot_is_no_snapshot(void **state)
{
    char *dir = tmp_dir_with("");
    char *path = path_join(dir, "runtimes.yaml");
    unlink(path);
    free(path);
    RuntimeTable *t = runtime_table_new();
    char *err = NULL;
    assert_int_equal(runtimes_bundled_load(dir, t, &err), 0);
    assert_int_equal(t->count, 0);
    runtime_table_free(t);
    rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_recorded_node_reply_parses),
        cmocka_unit_test(the_newest_lts_line_is_picked),
        cmocka_unit_test(a_line_within_twelve_months_is_marked),
        cmocka_unit_test(the_description_names_line_and_end),
        cmocka_unit_test(faults_are_named),
        cmocka_unit_test(booleans_mean_what_the_service_says),
        cmocka_unit_test(the_bundled_snapshot_loads),
        cmocka_unit_test(the_snapshot_loader_names_each_problem),
        cmocka_unit_test(a_missing_snapshot_is_no_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
