/* test_stats.c: the stats table's lookup index stays right as it grows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/stats.h"

static void finds_every_entry_as_the_table_grows(void **state)
{
    StatsTable *t = stats_table_new();
    assert_null(stats_find(t, "npm", "express"));
    char name[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(name, sizeof name, "pkg-%d", i);
        PackageStat *st = stats_get_or_add(t, i % 2 ? "pypi" : "npm", name);
        stat_set_downloads(st, STAT_UNKNOWN, i);
        /* every earlier entry is still found after each growth */
        if (i % 499 == 0)
            for (int j = 0; j <= i; j++) {
                snprintf(name, sizeof name, "pkg-%d", j);
                PackageStat *found = stats_find(t, j % 2 ? "pypi" : "npm", name);
                assert_non_null(found);
                assert_int_equal(stat_number(found, FIG_DOWNLOADS_MONTH), j);
            }
    }
    assert_int_equal(t->count, 3000);
    assert_null(stats_find(t, "pypi", "pkg-0")); /* right name, other ecosystem */
    assert_null(stats_find(t, "npm", "pkg-3000"));
    stats_table_free(t);
}

static void adding_twice_returns_the_same_entry(void **state)
{
    StatsTable *t = stats_table_new();
    PackageStat *a = stats_get_or_add(t, "npm", "ws");
    stat_set_downloads(a, 7, STAT_UNKNOWN);
    PackageStat *b = stats_get_or_add(t, "npm", "ws");
    assert_ptr_equal(a, b);
    assert_int_equal(t->count, 1);
    /* names that concatenate alike stay apart */
    stats_get_or_add(t, "np", "mws");
    assert_int_equal(t->count, 2);
    assert_int_equal(stat_number(stats_find(t, "npm", "ws"), FIG_DOWNLOADS_WEEK), 7);
    assert_int_equal(stat_number(stats_find(t, "np", "mws"), FIG_DOWNLOADS_WEEK), STAT_UNKNOWN);
    stats_table_free(t);
}

/* The names are the ones exports, the cache and the screen have always
 * used, and each reads back as its value. */
static void status_and_source_names_read_back(void **state)
{
    (void)state;
    static const char *const statuses[] = { "ok", "stale", "pending", "not found",
                                            "rate-limited", "offline", "error" };
    static const char *const sources[] = { "none", "bundled", "cache", "live" };
    assert_int_equal(STAT_NSTATUSES, 7);
    assert_int_equal(STAT_NSOURCES, 4);
    for (int i = 0; i < STAT_NSTATUSES; i++) {
        StatStatus got;
        assert_string_equal(stat_status_name((StatStatus)i), statuses[i]);
        assert_true(stat_status_from_name(statuses[i], &got));
        assert_int_equal(got, i);
    }
    for (int i = 0; i < STAT_NSOURCES; i++) {
        StatSource got;
        assert_string_equal(stat_source_name((StatSource)i), sources[i]);
        assert_true(stat_source_from_name(sources[i], &got));
        assert_int_equal(got, i);
    }
    StatStatus st;
    StatSource so;
    assert_false(stat_status_from_name("OK", &st));
    assert_false(stat_status_from_name("", &st));
    assert_false(stat_source_from_name("bundle", &so));
    assert_string_equal(stat_status_name(STAT_ERROR), "error");
    assert_string_equal(stat_status_name(STAT_STALE), "stale");
    assert_string_equal(stat_source_name(STAT_SOURCE_LIVE), "live");
}

static void fresh_until_the_next_daily_update(void **state)
{
    const time_t day = 1790035200; /* 2026-09-22 00:00:00 UTC */
    assert_int_equal(day % 86400, 0);
    /* fetched after today's 01:00 update: fresh until tomorrow's */
    assert_int_equal(stats_next_update(day + 5 * 3600, 3600), day + 86400 + 3600);
    /* fetched before it: stale from today's */
    assert_int_equal(stats_next_update(day + 1800, 3600), day + 3600);
    /* at the update itself the figures may be the old ones: next day */
    assert_int_equal(stats_next_update(day + 3600, 3600), day + 86400 + 3600);
    assert_int_equal(stats_next_update(day, 0), day + 86400);
}

/* ---- figures ---- */

static void figure_kinds_and_units_come_from_one_table(void **state)
{
    (void)state;
    for (int k = 0; k < FIGURE_NKINDS; k++) {
        const char *key = figure_kind_key((FigureKind)k);
        assert_non_null(key);
        assert_non_null(figure_kind_label((FigureKind)k));
        FigureKind back;
        assert_true(figure_kind_from_key(key, &back));
        assert_int_equal(back, k);
        assert_true((int)figure_kind_unit((FigureKind)k) < FIGURE_NUNITS);
    }
    FigureKind none;
    assert_false(figure_kind_from_key("stars", &none));
    assert_string_equal(figure_kind_key(FIG_DOWNLOADS_MONTH), "downloads_month");
    assert_int_equal(figure_kind_unit(FIG_DOWNLOADS_WEEK), FIG_UNIT_COUNT);
    assert_string_equal(figure_unit_name(FIG_UNIT_COUNT), "count");
    assert_string_equal(figure_unit_name(FIG_UNIT_DAYS), "days");
    assert_string_equal(figure_unit_name(FIG_UNIT_DATE), "date");
    assert_string_equal(figure_unit_name(FIG_UNIT_TEXT), "text");
}

static void a_figure_carries_its_value_and_provenance(void **state)
{
    (void)state;
    FigureSet set = { 0 };
    assert_null(figures_find(&set, FIG_DOWNLOADS_MONTH));
    const Figure *f = figures_put(&set, FIG_DOWNLOADS_MONTH, 42100000, "ignored", "2026-10-01..2026-10-30",
                                  STAT_SOURCE_LIVE, "https://example.test/x", 1790000000, STAT_OK);
    assert_non_null(f);
    assert_int_equal(f->number, 42100000);
    assert_null(f->text); /* a count has no text */
    assert_string_equal(f->period, "2026-10-01..2026-10-30");
    assert_int_equal(f->source, STAT_SOURCE_LIVE);
    assert_string_equal(f->origin, "https://example.test/x");
    assert_int_equal(f->fetched_at, 1790000000);
    char out[FIGURE_TEXT_MAX];
    figure_format(f, out);
    assert_string_equal(out, "42.1M");
    /* set again: replaced in place, not added twice */
    f = figures_put(&set, FIG_DOWNLOADS_MONTH, 950, NULL, f->period, STAT_SOURCE_CACHE, NULL, 0, STAT_STALE);
    assert_int_equal(set.count, 1);
    assert_int_equal(f->number, 950);
    assert_string_equal(f->period, "2026-10-01..2026-10-30"); /* its own string, passed back in */
    assert_null(f->origin);
    assert_int_equal(f->status, STAT_STALE);
    figure_format(f, out);
    assert_string_equal(out, "950");
    figures_put(&set, FIG_DOWNLOADS_WEEK, 7, NULL, NULL, STAT_SOURCE_CACHE, NULL, 0, STAT_OK);
    assert_int_equal(set.count, 2);
    assert_int_equal(set.items[0].kind, FIG_DOWNLOADS_MONTH); /* the order first set */
    /* an unknown value removes the figure */
    assert_null(figures_put(&set, FIG_DOWNLOADS_MONTH, STAT_UNKNOWN, NULL, NULL, STAT_SOURCE_LIVE, NULL, 0,
                            STAT_OK));
    assert_int_equal(set.count, 1);
    assert_null(figures_find(&set, FIG_DOWNLOADS_MONTH));
    assert_int_equal(figures_find(&set, FIG_DOWNLOADS_WEEK)->number, 7);
    figure_format(NULL, out);
    assert_string_equal(out, "-");
    /* text from outside is kept off the terminal like every stat string */
    figures_put(&set, FIG_DOWNLOADS_WEEK, 7, NULL, "a\x1b[2Jb", STAT_SOURCE_LIVE, NULL, 0, STAT_OK);
    assert_null(strchr(figures_find(&set, FIG_DOWNLOADS_WEEK)->period, '\x1b'));
    figures_clear(&set);
    assert_int_equal(set.count, 0);
    assert_null(set.items);
}

static void every_unit_has_its_rule(void **state)
{
    (void)state;
    char out[FIGURE_TEXT_MAX];
    figure_format_value(FIG_UNIT_COUNT, 4210000000LL, NULL, out);
    assert_string_equal(out, "4.21B");
    figure_format_value(FIG_UNIT_COUNT, -1, NULL, out);
    assert_string_equal(out, "-");
    figure_format_value(FIG_UNIT_DAYS, 12, NULL, out);
    assert_string_equal(out, "12d");
    figure_format_value(FIG_UNIT_DAYS, -1, NULL, out);
    assert_string_equal(out, "-");
    figure_format_value(FIG_UNIT_DATE, 0, "2028-04-30", out);
    assert_string_equal(out, "2028-04-30");
    figure_format_value(FIG_UNIT_TEXT, 0, "Apache-2.0", out);
    assert_string_equal(out, "Apache-2.0");
    figure_format_value(FIG_UNIT_TEXT, 0, NULL, out);
    assert_string_equal(out, "-");
    /* cut to fit, never past the buffer */
    char longer[100];
    memset(longer, 'x', 99);
    longer[99] = '\0';
    figure_format_value(FIG_UNIT_TEXT, 0, longer, out);
    assert_int_equal(strlen(out), FIGURE_TEXT_MAX - 1);
    /* "é" (2 bytes) across the cut is left out whole */
    memset(longer, 'x', FIGURE_TEXT_MAX - 2);
    strcpy(longer + FIGURE_TEXT_MAX - 2, "\xc3\xa9yz");
    figure_format_value(FIG_UNIT_TEXT, 0, longer, out);
    assert_int_equal(strlen(out), FIGURE_TEXT_MAX - 2);
}

static void downloads_are_figures_with_the_stats_provenance(void **state)
{
    (void)state;
    StatsTable *t = stats_table_new();
    PackageStat *st = stats_get_or_add(t, "pypi", "flask");
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_MONTH), STAT_UNKNOWN);
    assert_int_equal(stat_number(NULL, FIG_DOWNLOADS_MONTH), STAT_UNKNOWN);
    st->source = STAT_SOURCE_LIVE;
    st->fetched_at = 1790000000;
    stat_set_period(st, "2026-10-01..2026-10-30");
    stat_set_origin(st, "https://example.test/flask");
    stat_set_downloads(st, STAT_UNKNOWN, 5000);
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_MONTH), 5000);
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_WEEK), STAT_UNKNOWN);
    assert_int_equal(st->figures.count, 1);
    const Figure *m = figures_find(&st->figures, FIG_DOWNLOADS_MONTH);
    assert_int_equal(m->source, STAT_SOURCE_LIVE);
    assert_string_equal(m->period, "2026-10-01..2026-10-30");
    assert_string_equal(m->origin, "https://example.test/flask");
    assert_int_equal(m->fetched_at, 1790000000);
    /* a later failure changes the record's state, not the figure's: it
     * still says where and when its value came from */
    st->status = STAT_ERROR;
    stat_set_detail(st, "HTTP 503");
    stat_set_origin(st, NULL);
    m = figures_find(&st->figures, FIG_DOWNLOADS_MONTH);
    assert_int_equal(m->status, STAT_OK);
    assert_string_equal(m->origin, "https://example.test/flask");
    stat_set_downloads(st, 60, 700);
    assert_int_equal(st->figures.count, 2);
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_WEEK), 60);
    stats_table_free(t); /* frees the figures too (LSan) */
}

/* A longer history put together with the last 30 days: one series, day
 * by day, the newer figures winning, never across a gap, never too long. */
static void series_merge_day_by_day(void **state)
{
    StatsTable *t = stats_table_new();
    PackageStat *st = stats_get_or_add(t, "npm", "express");
    long long month[30], older[100], v[700];
    for (int i = 0; i < 30; i++)
        month[i] = 1000 + i;
    for (int i = 0; i < 100; i++)
        older[i] = 500 + i;
    /* nothing yet: the new series as it is */
    assert_true(stat_merge_series(st, month, 30, "2026-11-30"));
    assert_int_equal(st->ndaily, 30);
    assert_string_equal(st->series_end, "2026-11-30");
    /* not a date: refused, nothing changed */
    assert_false(stat_merge_series(st, older, 100, "2026-11-31"));
    assert_int_equal(st->ndaily, 30);
    /* 100 older days ending the day before the month starts */
    assert_true(stat_merge_series(st, older, 100, "2026-10-31"));
    assert_int_equal(st->ndaily, 130);
    assert_string_equal(st->series_end, "2026-11-30");
    assert_int_equal(st->daily[0], 500);
    assert_int_equal(st->daily[99], 599);
    assert_int_equal(st->daily[100], 1000);
    assert_int_equal(st->daily[129], 1029);
    /* a later month overlapping the last 29 days: the new figures win */
    for (int i = 0; i < 30; i++)
        month[i] = 7000 + i;
    assert_true(stat_merge_series(st, month, 30, "2026-12-01"));
    assert_int_equal(st->ndaily, 131);
    assert_string_equal(st->series_end, "2026-12-01");
    assert_int_equal(st->daily[0], 500);
    assert_int_equal(st->daily[101], 7000);
    assert_int_equal(st->daily[130], 7029);
    /* a month after a gap: only what runs back from the end without one */
    assert_true(stat_merge_series(st, month, 30, "2027-01-15"));
    assert_int_equal(st->ndaily, 30);
    assert_string_equal(st->series_end, "2027-01-15");
    /* never longer than STAT_SERIES_MAX: the newest days are kept */
    for (int i = 0; i < 700; i++)
        v[i] = i;
    assert_true(stat_merge_series(st, v, 700, "2027-01-15"));
    assert_int_equal(st->ndaily, STAT_SERIES_MAX);
    assert_int_equal(st->daily[STAT_SERIES_MAX - 1], 699);
    assert_int_equal(st->daily[0], 700 - STAT_SERIES_MAX);
    stats_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figure_kinds_and_units_come_from_one_table),
        cmocka_unit_test(a_figure_carries_its_value_and_provenance),
        cmocka_unit_test(every_unit_has_its_rule),
        cmocka_unit_test(downloads_are_figures_with_the_stats_provenance),
        cmocka_unit_test(finds_every_entry_as_the_table_grows),
        cmocka_unit_test(adding_twice_returns_the_same_entry),
        cmocka_unit_test(fresh_until_the_next_daily_update),
        cmocka_unit_test(status_and_source_names_read_back),
        cmocka_unit_test(series_merge_day_by_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
