/* test_detail.c: the details pane's content read as text, with no
 * terminal: each stack's column at its place, the provenance of each
 * figure, a note several packages share said once, a period said once,
 * "monthly figures only" said once under the columns,
 * the summed downloads with shares that add up, the weight line, the
 * sources' notes only with rows to spare, one column when compact; a
 * weight step's partial rebuild reads as a full build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/detail.h"
#include "core/session.h"
#include "core/stats.h"
#include "load/dataset_load.h"
#include "load/health_load.h"
#include "load/runtimes_load.h"
#include "unit/helpers.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#define FIXED_NOW ((time_t)1796040000) /* 2026-11-30T12:00:00Z */

static const DetailGlyphs ascii = {
    .bar = { " ", " ", " ", " ", "#", "#", "#", "#", "#" },
    .spark = { "_", ".", "-", "~", "=", "+", "*", "#" },
    .better = "*",
    .ellipsis = "~",
    .slider_off = ".",
};

typedef struct Fixture {
    Dataset *ds;
    Session *s;
    int shown[2];
    TrendSum all[2];
} Fixture;

static void bundled(Session *s, const char *eco, const char *name, long long month,
                    StatStatus status, const char *detail)
{
    PackageStat *st = stats_find(s->stats, eco, name);
    assert_non_null(st);
    st->source = STAT_SOURCE_BUNDLED;
    st->status = status;
    stat_set_period(st, strcmp(eco, "npm") == 0 ? "the 30 days before 2026-03-01"
                                                : "calendar month March 2026");
    stat_set_origin(st, "a bundled snapshot");
    stat_set_downloads(st, STAT_UNKNOWN, month);
    if (detail)
        stat_set_detail(st, detail);
}

static int setup(void **state)
{
    Fixture *f = xcalloc(1, sizeof *f);
    const double scores[] = { 9, 7, 6, 8 };
    const int weights[] = { 8, 5 };
    f->ds = test_dataset(2, 2, scores, weights);
    test_set_string(&f->ds->stacks[0].name, "Node.js");
    test_set_string(&f->ds->stacks[1].name, "Python");
    test_set_string(&f->ds->criteria[0].question, "How well does it keep connections open?");
    test_add_evidence(f->ds, 0, 0, "express");
    test_add_evidence(f->ds, 0, 0, "fastify");
    test_add_evidence(f->ds, 0, 0, "undici");
    test_add_evidence(f->ds, 0, 1, "uvicorn");
    test_add_citation(f->ds, 0, 0, "Don't Block the Event Loop", "https://nodejs.org/x", "2026-12-02",
                      "one loop and a small worker pool");
    test_add_citation(f->ds, 0, 1, "Developing with asyncio", "https://docs.python.org/y",
                      "2026-12-02", NULL);
    f->s = session_new(f->ds);
    bundled(f->s, "npm", "express", 300000000, STAT_OK, NULL);
    bundled(f->s, "npm", "fastify", 20000000, STAT_OFFLINE, "cannot resolve host");
    bundled(f->s, "npm", "undici", 200000000, STAT_OFFLINE, "cannot resolve host");
    bundled(f->s, "pypi", "uvicorn", 400000000, STAT_OK, NULL);
    f->shown[0] = 0;
    f->shown[1] = 1;
    for (size_t i = 0; i < 2; i++)
        f->all[i] = trend_stack_downloads(f->ds, f->s->stats, i, -1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    session_free(f->s);
    dataset_free(f->ds);
    free(f);
    return 0;
}

static DetailInput input(const Fixture *f, int width, bool compact, bool notes)
{
    return (DetailInput){ .s = f->s, .ds = f->ds, .criterion = 0, .width = width,
                          .weight_line = true, .compact = compact, .npanes = compact ? 1 : 2,
                          .panes = f->shown, .shown = f->shown, .nshown = 2, .utf8 = true,
                          .g = &ascii, .log_scale = false, .notes = notes,
                          .all_downloads = f->all, .now = FIXED_NOW };
}

/* The text of a built details pane (caller frees). */
static char *dump(const Fixture *f, int width, bool compact, bool notes)
{
    DetailInput in = input(f, width, compact, notes);
    DetailText t;
    detail_build(&in, &t);
    char *text = detail_text_dump(&t, true);
    detail_text_free(&t);
    return text;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The column where a line holding needle has it, or -1. */
static int column_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    if (!p)
        return -1;
    const char *line = p;
    while (line > text && line[-1] != '\n')
        line--;
    return (int)(p - line);
}

static void columns_side_by_side(void **state)
{
    Fixture *f = *state;
    char *t = dump(f, 120, false, false);
    /* (120 - 2 - 3) / 2 = 57 columns each, a gap of 3 */
    assert_int_equal(column_of(t, "Node.js  9.0/10 *"), 1);
    assert_int_equal(column_of(t, "Python  7.0/10"), 1 + 57 + 3);
    assert_non_null(strstr(t, "Q: How well does it keep connections open?"));
    assert_non_null(strstr(t, "[1] Don't Block the Event Loop, 2026-12-02"));
    free(t);
    /* compact: the first pane's column only */
    t = dump(f, 60, true, false);
    assert_non_null(strstr(t, "Node.js  9.0/10 *"));
    assert_null(strstr(t, "Python  7.0/10"));
    free(t);
}

static void provenance_and_notes_said_once(void **state)
{
    Fixture *f = *state;
    char *t = dump(f, 120, false, false);
    assert_non_null(strstr(t, "express                                 300M bundled ok"));
    assert_non_null(strstr(t, "fastify                                20.0M offline"));
    /* fastify and undici share their note: said once, after both */
    assert_int_equal(count(t, "offline: not fetched: cannot resolve host"), 1);
    assert_non_null(strstr(t, "both above: offline: not fetched: cannot resolve host;"));
    assert_true(strstr(t, "both above") > strstr(t, "undici"));
    /* three npm packages of one period: the period said once */
    assert_int_equal(count(t, "period: the 30 days before 2026-03-01"), 1);
    assert_int_equal(count(t, "period: calendar month March 2026"), 1);
    free(t);
}

static void sums_and_shares(void **state)
{
    Fixture *f = *state;
    char *t = dump(f, 120, false, false);
    /* 520M against 400M: 57% and 43% */
    assert_non_null(strstr(t, "sum                                     520M bundled"));
    assert_non_null(strstr(t, "Downloads a month, summed: this criterion"));
    assert_int_equal(column_of(t, "520M   57%"), column_of(t, "400M   43%"));
    assert_non_null(strstr(t, "Downloads a month, summed: all criteria, each package once"));
    free(t);
}

static void weight_line_and_source_notes(void **state)
{
    Fixture *f = *state;
    char *t = dump(f, 120, false, false);
    assert_non_null(strstr(t, "weight 8; adds "));
    assert_null(strstr(t, "figure used:"));
    free(t);
    t = dump(f, 120, false, true);
    assert_non_null(strstr(t, "    figure used: one loop and a small worker pool"));
    free(t);
    DetailInput in = input(f, 120, false, false);
    DetailText d;
    detail_build(&in, &d);
    assert_int_equal(d.weight_lines, 1);
    DetailText w = { d.lines + d.weight_row, d.weight_lines, 0, 0, 0 };
    char *text = detail_text_dump(&w, true);
    /* 8 x 9 of 130 weighted points is 55.4 of 100; at weight 4 the
     * 6-to-8 criterion hands Python the lead */
    assert_string_equal(text, " weight 8; adds 55.4 to Node.js, 43.1 to Python; at weight 4 Python would lead\n");
    free(text);
    detail_text_free(&d);
}

/* Bundled figures have no daily series: "monthly figures only" is said
 * once under the columns, not once in each; where only some columns lack
 * daily figures, it names their stacks. */
static void monthly_only_said_once(void **state)
{
    Fixture *f = *state;
    const char *note = "monthly figures only: no daily series";
    char *t = dump(f, 120, false, false);
    assert_int_equal(count(t, note), 1);
    assert_int_equal(column_of(t, note), 1);
    assert_null(strstr(t, "Python: monthly figures only"));
    assert_true(strstr(t, note) > strstr(t, "period: calendar month March 2026"));
    free(t);
    t = dump(f, 60, true, false); /* one column: said once there too */
    assert_int_equal(count(t, note), 1);
    free(t);
    /* express gets a daily series: only Python's column is monthly-only */
    long long days[14];
    for (size_t i = 0; i < 14; i++)
        days[i] = 1000 + (long long)i;
    stat_set_series(stats_find(f->s->stats, "npm", "express"), days, 14, "2026-11-29");
    t = dump(f, 120, false, false);
    assert_int_equal(count(t, note), 1);
    assert_int_equal(column_of(t, "Python: monthly figures only"), 1);
    free(t);
}

/* detail_rows counts what detail_build makes, for every criterion, width,
 * column count and option, over in's data and figures. */
static void rows_as_built_over(DetailInput in, size_t ncriteria, size_t nstacks, int *panes)
{
    static const int widths[] = { 1, 2, 12, 29, 30, 40, 57, 71, 72, 80, 100, 118, 150, 200 };
    for (size_t c = 0; c < ncriteria; c++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (unsigned opt = 0; opt < 32; opt++) {
                in.criterion = (int)c;
                in.width = widths[w];
                in.compact = opt & 1;
                in.notes = opt & 2;
                in.weight_line = opt & 4;
                in.log_scale = opt & 8;
                in.utf8 = opt & 16;
                in.npanes = in.compact ? 1 : (int)(nstacks < 4 ? nstacks : 4);
                for (int i = 0; i < in.npanes; i++)
                    panes[i] = (int)((c + (size_t)i) % nstacks); /* the columns move round */
                in.panes = panes;
                DetailText t;
                detail_build(&in, &t);
                if (detail_rows(&in) != t.count)
                    fail_msg("criterion %zu, width %d, options %u: %zu rows counted, %zu built", c,
                             in.width, opt, detail_rows(&in), t.count);
                detail_text_free(&t);
            }
}

static void rows_counted_as_built(void **state)
{
    Fixture *f = *state;
    int panes[STACKS_MAX];
    rows_as_built_over(input(f, 120, false, false), f->ds->ncriteria, f->ds->nstacks, panes);
    /* a daily series (week, w/w and the trend), a mixed sum, a package
     * with no figure and one whose status differs from its neighbours' */
    long long days[40];
    for (size_t i = 0; i < 40; i++)
        days[i] = 1000 + 37 * (long long)i;
    stat_set_series(stats_find(f->s->stats, "npm", "express"), days, 40, "2026-11-29");
    stats_find(f->s->stats, "npm", "undici")->status = STAT_RATE_LIMITED;
    test_add_evidence(f->ds, 1, 0, "left-pad");
    test_add_evidence(f->ds, 1, 0, "express");
    rows_as_built_over(input(f, 120, false, false), f->ds->ncriteria, f->ds->nstacks, panes);
}

/* The same over the bundled data and its figures. */
static void rows_counted_as_built_bundled(void **state)
{
    (void)state;
    const char *root = getenv("VERSUS_ROOT");
    char *dir = path_join(root && *root ? root : ".", "data");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    if (!ds)
        fail_msg("%s", err);
    Session *s = session_new(ds);
    if (bundled_stats_load(dir, s->stats, &err) != 0 || runtimes_bundled_load(dir, s->runtimes, &err) != 0 ||
        health_bundled_load(dir, s->health, &err) != 0)
        fail_msg("%s", err);
    int shown[STACKS_MAX], panes[STACKS_MAX];
    TrendSum all[STACKS_MAX];
    size_t nshown = ds->nstacks < STACKS_MAX ? ds->nstacks : STACKS_MAX;
    for (size_t i = 0; i < nshown; i++) {
        shown[i] = (int)i;
        all[i] = trend_stack_downloads(ds, s->stats, i, -1);
    }
    session_robust_finish(s);
    DetailInput in = { .s = s, .ds = ds, .shown = shown, .nshown = nshown, .g = &ascii,
                       .all_downloads = all, .now = FIXED_NOW };
    rows_as_built_over(in, ds->ncriteria, ds->nstacks, panes);
    session_free(s);
    dataset_free(ds);
    free(dir);
}

/* While the estimate runs again after a change, the verdict's line says so
 * at its end: the figures before the mark keep their columns, so a weight
 * step repaints the mark, not the line. */
static void robust_text_marks_an_update_at_its_end(void **state)
{
    Fixture *f = *state;
    session_robust_finish(f->s);
    char *done = session_robust_text(f->s, true, false);
    assert_null(strstr(done, "(updating)"));
    assert_true(session_set_weight(f->s, 1, 9));
    session_robust_step(f->s, 1); /* the flip */
    session_robust_step(f->s, 1); /* a first draw */
    assert_false(session_robust_complete(f->s));
    for (int brief = 0; brief < 2; brief++) {
        const char *mark = brief ? "\xe2\x80\xa6" : " (updating)";
        char *t = session_robust_text(f->s, true, brief);
        size_t n = strlen(t), m = strlen(mark);
        assert_true(n > m);
        assert_string_equal(t + n - m, mark);
        assert_int_equal(strstr(t, mark) - t, (long)(n - m)); /* once, last */
        free(t);
    }
    session_robust_finish(f->s);
    char *again = session_robust_text(f->s, true, false);
    assert_null(strstr(again, "(updating)"));
    free(again);
    free(done);
}

static void no_criterion_no_lines(void **state)
{
    Fixture *f = *state;
    DetailInput in = input(f, 120, false, false);
    in.criterion = -1;
    DetailText t;
    detail_build(&in, &t);
    assert_int_equal(t.count, 0);
    detail_text_free(&t);
}

/* Built details kept with their key, as the dashboard keeps them: reused
 * (only the weight and estimate lines rebuilt) for the same key, built
 * anew for another. */
typedef struct Cache {
    DetailText t;
    DetailKey key;
    bool built;
} Cache;

static char *cached(Cache *c, const DetailInput *in, size_t *nchanged)
{
    DetailKey k = detail_key(in);
    bool *changed = c->built ? xcalloc(c->t.count, sizeof *changed) : NULL;
    *nchanged = 0;
    if (!c->built || !detail_key_same(&k, &c->key) || !detail_refresh(in, &c->t, DETAIL_PART_WEIGHT | DETAIL_PART_ROBUST, changed)) {
        if (c->built)
            detail_text_free(&c->t);
        detail_build(in, &c->t);
        c->key = k;
        c->built = true;
        *nchanged = c->t.count;
    } else {
        for (size_t i = 0; i < c->t.count; i++)
            *nchanged += changed[i];
    }
    free(changed);
    return detail_text_dump(&c->t, true);
}

static char *full(const DetailInput *in)
{
    DetailText t;
    detail_build(in, &t);
    char *text = detail_text_dump(&t, true);
    detail_text_free(&t);
    return text;
}

/* A weight step rebuilds the weight line and the estimate's lines in
 * place: the result reads as a full build does, and the other lines are
 * kept. Another criterion is built anew. */
static void refresh_equals_full_build(void **state)
{
    Fixture *f = *state;
    Cache c = { .built = false };
    size_t n;
    DetailInput in = input(f, 120, false, false);
    session_robust_finish(f->s);
    char *a = cached(&c, &in, &n), *b = full(&in);
    assert_string_equal(a, b);
    size_t lines = c.t.count;
    assert_true(c.t.robust_row < lines);
    free(a);
    free(b);

    assert_true(session_set_weight(f->s, 1, 9)); /* another criterion's weight moves the shares */
    session_robust_finish(f->s);
    a = cached(&c, &in, &n);
    b = full(&in);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "to Node.js"));
    assert_true(n >= 1);      /* the weight line at least */
    assert_true(n < lines / 2); /* and not the rest */
    free(a);
    free(b);

    in.criterion = 1;
    a = cached(&c, &in, &n);
    b = full(&in);
    assert_string_equal(a, b);
    assert_int_equal(n, c.t.count);
    free(a);
    free(b);
    detail_text_free(&c.t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(columns_side_by_side, setup, teardown),
        cmocka_unit_test_setup_teardown(provenance_and_notes_said_once, setup, teardown),
        cmocka_unit_test_setup_teardown(sums_and_shares, setup, teardown),
        cmocka_unit_test_setup_teardown(weight_line_and_source_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(monthly_only_said_once, setup, teardown),
        cmocka_unit_test_setup_teardown(no_criterion_no_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_counted_as_built, setup, teardown),
        cmocka_unit_test_setup_teardown(robust_text_marks_an_update_at_its_end, setup, teardown),
        cmocka_unit_test(rows_counted_as_built_bundled),
        cmocka_unit_test_setup_teardown(refresh_equals_full_build, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
