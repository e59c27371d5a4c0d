/* test_snapshot_load.c: --load reads back what the JSON export wrote (the
 * round trip), and rejects every malformed snapshot with the file, line
 * and column of the culprit, leaving the caller's weights alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/session.h"
#include "export/export.h"
#include "load/snapshot_load.h"
#include "unit/helpers.h"
#include "util/fileio.h"
#include "util/xalloc.h"

typedef struct Fixture {
    Dataset *ds;
    char dir[64];
    char *path; /* dir/snap.json, written by each test */
} Fixture;

static int setup(void **state)
{
    Fixture *f = xcalloc(1, sizeof *f);
    const double scores[] = { 9, 6, 5.5, 8, 7, 7.5, 4, 8 };
    const int weights[] = { 8, 5, 3, 6 };
    f->ds = test_dataset(2, 4, scores, weights);
    const int balanced[] = { 5, 5, 5, 5 };
    const int io[] = { 10, 2, 2, 4 };
    test_dataset_add_preset(f->ds, "balanced", balanced);
    test_dataset_add_preset(f->ds, "io", io);
    char *tmp = test_temp_dir("snapload");
    assert_true(strlen(tmp) < sizeof f->dir);
    strcpy(f->dir, tmp);
    free(tmp);
    f->path = path_join(f->dir, "snap.json");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    free(f->path);
    dataset_free(f->ds);
    free(f);
    return 0;
}

static void write_text(const Fixture *f, const char *text)
{
    char *err = NULL;
    if (file_write_atomic(f->path, text, strlen(text), 0644, &err) != 0)
        fail_msg("%s", err);
}

/* Loads f->path expecting failure with exactly "PATH:" + where_and_what,
 * and checks the weights and preset were not touched. */
static void expect_error(const Fixture *f, int code, const char *where_and_what)
{
    int weights[4] = { -7, -7, -7, -7 };
    int preset = -7;
    char *err = NULL;
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), code);
    assert_non_null(err);
    char *want = xasprintf("%s:%s", f->path, where_and_what);
    assert_string_equal(err, want);
    for (size_t c = 0; c < 4; c++)
        assert_int_equal(weights[c], -7);
    assert_int_equal(preset, -7);
    free(want);
    free(err);
}

/* A minimal valid snapshot with the given weights and preset text. */
static char *snapshot_text(const int w[4], const char *preset)
{
    return xasprintf("{\"versus_snapshot\": 1, \"preset\": %s, \"criteria\": [\n"
                     "  {\"id\": \"c0\", \"weight\": %d},\n"
                     "  {\"id\": \"c1\", \"weight\": %d},\n"
                     "  {\"id\": \"c2\", \"weight\": %d},\n"
                     "  {\"id\": \"c3\", \"weight\": %d}\n]}\n",
                     preset, w[0], w[1], w[2], w[3]);
}

/* Export -> load -> the same weights, preset, totals and verdict. */
static void round_trip_reproduces_the_decision(void **state)
{
    Fixture *f = *state;
    const int cases[][4] = { { 10, 2, 2, 4 }, { 1, 0, 9, 3 }, { 0, 0, 0, 0 }, { 5, 5, 5, 5 } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Session *a = session_new(f->ds);
        session_set_weights(a, cases[k], -1);
        char *err = NULL;
        assert_int_equal(export_write(a, EXPORT_JSON, f->path, 1796040000, &err), 0);

        Session *b = session_new(f->ds);
        int weights[4];
        int preset = -9;
        if (snapshot_load(f->path, f->ds, weights, &preset, &err) != 0)
            fail_msg("%s", err);
        session_set_weights(b, weights, preset);
        assert_memory_equal(b->weights, cases[k], sizeof cases[k]);
        assert_int_equal(preset, session_matching_preset(a));
        assert_int_equal(b->eval->has_total, a->eval->has_total);
        for (size_t s = 0; s < 2; s++)
            assert_true(b->eval->totals[s] == a->eval->totals[s]);
        assert_int_equal(b->eval->leader, a->eval->leader);
        const char *wa = evaluation_winner_id(a->eval, f->ds);
        const char *wb = evaluation_winner_id(b->eval, f->ds);
        assert_true((wa == NULL && wb == NULL) || (wa && wb && strcmp(wa, wb) == 0));
        session_free(a);
        session_free(b);
    }
}

static void preset_is_kept_only_when_it_still_matches(void **state)
{
    Fixture *f = *state;
    int weights[4];
    int preset;
    char *err = NULL;
    const int io[4] = { 10, 2, 2, 4 };
    char *text = snapshot_text(io, "\"io\"");
    write_text(f, text);
    free(text);
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), 0);
    assert_int_equal(preset, 1);
    /* named, but the weights were changed afterwards: custom weights that
     * started from it (the session then says "custom, from io, 1 changed") */
    const int changed[4] = { 10, 2, 2, 5 };
    text = snapshot_text(changed, "\"io\"");
    write_text(f, text);
    free(text);
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), 0);
    assert_int_equal(preset, 1);
    assert_memory_equal(weights, changed, sizeof changed);
    /* a preset this data set no longer has: the weights still load */
    text = snapshot_text(io, "\"gone\"");
    write_text(f, text);
    free(text);
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), 0);
    assert_int_equal(preset, -1);
    assert_memory_equal(weights, io, sizeof io);
}

/* Keys written with escapes are still found, for the data and for the
 * position of an error. */
static void escaped_keys_are_located(void **state)
{
    Fixture *f = *state;
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n"
                  "  {\"\\u0069d\": \"c0\", \"weight\": 1},\n"
                  "  {\"id\": \"c1\", \"weight\": 2},\n"
                  "  {\"id\": \"c2\", \"weight\": 3},\n"
                  "  {\"id\": \"c3\", \"w\\u00e9ight\": 0, \"weight\": 11}\n]}\n");
    expect_error(f, SNAPSHOT_LOAD_BAD, "5:44: weight of 'c3' must be an integer from 0 to 10");
}

static void bad_json_is_reported_where_jansson_saw_it(void **state)
{
    Fixture *f = *state;
    write_text(f, "{\"versus_snapshot\": 1,\n  \"criteria\": [1, 2,]\n}\n");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:21: unexpected token near ']'");
    write_text(f, "{\"versus_snapshot\": 1, \"versus_snapshot\": 1}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:40: duplicate object key near '\"versus_snapshot\"'");
    write_text(f, "{\"a\": \"\xff\"}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:7: unable to decode byte 0xff near '\"'");
    write_text(f, "");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:1: '[' or '{' expected near end of file");
    write_text(f, "[1, 2]");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:1: a snapshot is a JSON object");
}

static void version_is_checked(void **state)
{
    Fixture *f = *state;
    write_text(f, "{\"criteria\": []}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:1: not a versus snapshot: no \"versus_snapshot\" key");
    write_text(f, "{\n  \"versus_snapshot\": 2,\n  \"criteria\": []\n}");
    expect_error(f, SNAPSHOT_LOAD_BAD,
                 "2:22: snapshot format version 2 is not supported (this versus reads version 1)");
    write_text(f, "{\"versus_snapshot\": \"1\"}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:21: \"versus_snapshot\" must be the integer 1");
    write_text(f, "{\"versus_snapshot\": 1.0}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:21: \"versus_snapshot\" must be the integer 1");
}

static void criteria_are_checked(void **state)
{
    Fixture *f = *state;
    write_text(f, "{\"versus_snapshot\": 1}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:1: no \"criteria\" list");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": {}}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:36: \"criteria\" must be a list");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  7\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD,
                 "2:3: each criterion must be an object with \"id\" and \"weight\"");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  {\"weight\": 3}\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:3: a criterion needs an \"id\" string");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  {\"id\": 4}\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:10: a criterion needs an \"id\" string");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  {\"id\": \"nope\", \"weight\": 3}\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:10: unknown criterion 'nope' (not in this data set)");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  {\"id\": \"c0\", \"weight\": 3},\n"
                  "  {\"id\": \"c0\", \"weight\": 4}\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "3:10: criterion 'c0' appears twice");
    write_text(f, "{\"versus_snapshot\": 1, \"criteria\": [\n  {\"id\": \"c1\"}\n]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:3: criterion 'c1' has no \"weight\"");
    const char *bad_weights[] = { "11", "-1", "5.5", "\"5\"", "null", "true", "99999999999999" };
    for (size_t i = 0; i < sizeof bad_weights / sizeof bad_weights[0]; i++) {
        char *text = xasprintf("{\"versus_snapshot\": 1, \"criteria\": [\n"
                               "  {\"id\": \"c2\", \"weight\": %s}\n]}",
                               bad_weights[i]);
        write_text(f, text);
        free(text);
        expect_error(f, SNAPSHOT_LOAD_BAD, "2:26: weight of 'c2' must be an integer from 0 to 10");
    }
    /* c3 is missing: the error points at the list */
    write_text(f, "{\"versus_snapshot\": 1,\n \"criteria\": [{\"id\": \"c0\", \"weight\": 1}, "
                  "{\"id\": \"c1\", \"weight\": 1}, {\"id\": \"c2\", \"weight\": 1}]}");
    expect_error(f, SNAPSHOT_LOAD_BAD, "2:14: the snapshot has no weight for criterion 'c3'");
    const int fine[4] = { 1, 2, 3, 4 };
    char *text = snapshot_text(fine, "3");
    write_text(f, text);
    free(text);
    expect_error(f, SNAPSHOT_LOAD_BAD, "1:34: \"preset\" must be a preset name or null");
}

static void unreadable_files_are_io_errors(void **state)
{
    Fixture *f = *state;
    int weights[4];
    int preset;
    char *err = NULL;
    /* no such file */
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), SNAPSHOT_LOAD_IO);
    assert_non_null(strstr(err, f->path));
    free(err);
    err = NULL;
    /* a directory */
    assert_int_equal(snapshot_load(f->dir, f->ds, weights, &preset, &err), SNAPSHOT_LOAD_IO);
    assert_non_null(strstr(err, f->dir));
    free(err);
    err = NULL;
    /* too large to be a snapshot: bad content, not an I/O failure */
    FILE *fp = fopen(f->path, "w");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, SNAPSHOT_MAX_BYTES, SEEK_SET), 0);
    assert_int_equal(fputc(' ', fp), ' ');
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), SNAPSHOT_LOAD_BAD);
    assert_non_null(strstr(err, "1:1: a snapshot is at most"));
    free(err);
}

/* Deep nesting must neither crash jansson nor the position finder. */
static void deep_nesting_is_refused_cleanly(void **state)
{
    Fixture *f = *state;
    size_t depth = 100000;
    char *text = xmalloc(2 * depth + 64);
    size_t n = (size_t)sprintf(text, "{\"versus_snapshot\": 1, \"criteria\": ");
    for (size_t i = 0; i < depth; i++)
        text[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        text[n++] = ']';
    text[n++] = '}';
    text[n] = '\0';
    write_text(f, text);
    free(text);
    int weights[4];
    int preset;
    char *err = NULL;
    assert_int_equal(snapshot_load(f->path, f->ds, weights, &preset, &err), SNAPSHOT_LOAD_BAD);
    assert_non_null(strstr(err, f->path));
    free(err);
}

/* --load looks each criterion of the file up by id: a few id comparisons
 * each through the data set's index, not a scan of the criteria. */
static void loading_is_linear(void **state)
{
    Fixture *f = *state;
    enum { N = 10000 };
    double *scores = xcalloc(2 * N, sizeof *scores);
    int *weights = xcalloc(N, sizeof *weights);
    for (size_t c = 0; c < N; c++) {
        scores[2 * c + 1] = (double)(c % 11);
        weights[c] = (int)((c * 7) % 11);
    }
    Dataset *ds = test_dataset(2, N, scores, weights);
    Session *a = session_new(ds);
    /* What is measured is the snapshot's reading; the export's estimate
     * (10,000 draws over 10,000 weights) is not, and one draw writes the
     * same weights. */
    RobustOptions one = ROBUST_OPTIONS_DEFAULT;
    one.samples = 1;
    session_set_robust_options(a, &one);
    char *err = NULL;
    assert_int_equal(export_write(a, EXPORT_JSON, f->path, 1796040000, &err), 0);
    int *back = xcalloc(N, sizeof *back);
    int preset = -9;
    unsigned long long before = id_index_compares();
    if (snapshot_load(f->path, ds, back, &preset, &err) != 0)
        fail_msg("%s", err);
    unsigned long long made = id_index_compares() - before;
    assert_true(made >= N);
    assert_true(made <= 4 * N);
    assert_memory_equal(back, weights, N * sizeof *back);
    free(back);
    session_free(a);
    dataset_free(ds);
    free(scores);
    free(weights);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(round_trip_reproduces_the_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(preset_is_kept_only_when_it_still_matches, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(escaped_keys_are_located, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_json_is_reported_where_jansson_saw_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(version_is_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(criteria_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_files_are_io_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_nesting_is_refused_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(loading_is_linear, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
