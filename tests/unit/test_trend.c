/* test_trend.c: week-over-week change, like-for-like sums and shares, bar
 * scales and sparkline levels for the dashboard's download figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/stats.h"
#include "core/trend.h"
#include "unit/helpers.h"

static void week_change_compares_the_last_two_weeks(void **state)
{
    (void)state;
    /* 16 days: two leading days that must be ignored, then 7 x 10, 7 x 15. */
    long long d[16] = { 999, 999 };
    for (int i = 2; i < 9; i++)
        d[i] = 10;
    for (int i = 9; i < 16; i++)
        d[i] = 15;
    double pct = 0;
    assert_true(trend_week_change(d, 16, &pct));
    assert_true(fabs(pct - 50.0) < 1e-9);
    d[15] = 0; /* recent week 90 vs 70 */
    assert_true(trend_week_change(d, 16, &pct));
    assert_true(fabs(pct - 100.0 * 20.0 / 70.0) < 1e-9);
}

static void week_change_unknown_when_it_cannot_be_told(void **state)
{
    (void)state;
    long long d[14];
    for (int i = 0; i < 14; i++)
        d[i] = 5;
    double pct = 123;
    assert_false(trend_week_change(d, 13, &pct)); /* too short */
    assert_false(trend_week_change(NULL, 0, &pct));
    d[3] = STAT_UNKNOWN;
    assert_false(trend_week_change(d, 14, &pct)); /* a day unknown */
    for (int i = 0; i < 7; i++)
        d[i] = 0;
    assert_false(trend_week_change(d, 14, &pct)); /* nothing to compare with */
    assert_true(fabs(pct - 123) < 1e-9);          /* untouched */
}

static void change_formats(void **state)
{
    (void)state;
    char out[8];
    trend_format_change(false, 0, out);
    assert_string_equal(out, "n/a");
    trend_format_change(true, 12.4, out);
    assert_string_equal(out, "+12%");
    trend_format_change(true, -3.6, out);
    assert_string_equal(out, "-4%");
    trend_format_change(true, 0.2, out);
    assert_string_equal(out, "0%");
    trend_format_change(true, 5000, out);
    assert_string_equal(out, ">+999%");
    trend_format_change(true, -99.9, out);
    assert_string_equal(out, "<-99%");
    trend_format_change(true, -100, out);
    assert_string_equal(out, "-100%");
}

static void counts_have_three_significant_digits(void **state)
{
    (void)state;
    static const struct { long long n; const char *want; } cases[] = {
        { -1, "-" }, { 0, "0" }, { 999, "999" }, { 1000, "1.00k" }, { 1234, "1.23k" },
        { 12345, "12.3k" }, { 99949, "99.9k" }, { 99950, "100k" }, { 950000, "950k" },
        { 999499, "999k" }, { 999500, "1.00M" }, { 6020000, "6.02M" }, { 42100000, "42.1M" },
        { 279400000, "279M" }, { 999600000, "1.00B" }, { 4210000000LL, "4.21B" },
        { 12000000000000LL, "12.0T" }, { 9000000000000000LL, "9000T" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[16];
        trend_format_count(cases[i].n, out);
        assert_string_equal(out, cases[i].want);
    }
}

static PackageStat stat_of(long long month, StatSource src)
{
    PackageStat st;
    memset(&st, 0, sizeof st);
    st.source = src;
    stat_set_downloads(&st, STAT_UNKNOWN, month);
    return st;
}

static void sums_add_months_and_say_when_sources_differ(void **state)
{
    (void)state;
    TrendSum s;
    trend_sum_init(&s);
    assert_string_equal(trend_sum_source_name(&s), "none");
    PackageStat a = stat_of(1000, STAT_SOURCE_LIVE), b = stat_of(500, STAT_SOURCE_LIVE);
    trend_sum_add(&s, &a);
    trend_sum_add(&s, &b);
    assert_int_equal(s.total, 1500);
    assert_int_equal(s.known, 2);
    assert_false(s.mixed);
    assert_string_equal(trend_sum_source_name(&s), "live");
    PackageStat c = stat_of(250, STAT_SOURCE_BUNDLED);
    trend_sum_add(&s, &c);
    assert_int_equal(s.total, 1750);
    assert_true(s.mixed);
    assert_string_equal(trend_sum_source_name(&s), "mixed");
    assert_int_equal(s.sources, (1u << STAT_SOURCE_LIVE) | (1u << STAT_SOURCE_BUNDLED));
    /* unknowns are counted, never added */
    PackageStat u = stat_of(STAT_UNKNOWN, STAT_SOURCE_LIVE), none = stat_of(77, STAT_SOURCE_NONE);
    trend_sum_add(&s, &u);
    trend_sum_add(&s, &none);
    trend_sum_add(&s, NULL);
    assert_int_equal(s.total, 1750);
    assert_int_equal(s.known, 3);
    assert_int_equal(s.unknown, 3);
    PackageStat *made[] = { &a, &b, &c, &u, &none };
    for (size_t i = 0; i < sizeof made / sizeof *made; i++)
        figures_clear(&made[i]->figures);
}

static void shares_and_ratios(void **state)
{
    (void)state;
    assert_true(fabs(trend_share(25, 100) - 0.25) < 1e-12);
    assert_true(trend_share(5, 0) == 0.0);
    assert_true(trend_share(0, 10) == 0.0);
    assert_true(fabs(trend_ratio(1000, 10) - 100.0) < 1e-12);
    assert_true(fabs(trend_ratio(10, 1000) - 100.0) < 1e-12);
    assert_true(trend_ratio(0, 1000) == 0.0);
}

static void bars_linear_and_log(void **state)
{
    (void)state;
    assert_true(fabs(trend_bar_fraction(10, 1000, false) - 0.01) < 1e-12);
    assert_true(trend_bar_fraction(1000, 1000, false) == 1.0);
    assert_true(trend_bar_fraction(1000, 1000, true) == 1.0);
    assert_true(trend_bar_fraction(0, 1000, true) == 0.0);
    assert_true(trend_bar_fraction(5, 0, true) == 0.0);
    /* on a log scale 1M against 1G is about two thirds, not a thousandth */
    double f = trend_bar_fraction(1000000, 1000000000, true);
    assert_true(fabs(f - log10(1000001.0) / log10(1000000001.0)) < 1e-12);
    assert_true(f > 0.6 && f < 0.7);
    assert_true(trend_bar_fraction(1000000, 1000000000, false) < 0.01);
}

static void spark_uses_the_last_30_days(void **state)
{
    (void)state;
    /* 40 days: the first 10 are huge and must not count. */
    long long d[40];
    for (int i = 0; i < 10; i++)
        d[i] = 1000000;
    for (int i = 10; i < 40; i++)
        d[i] = i - 10; /* 0..29 rising */
    int lv[64];
    size_t n = trend_spark_levels(d, 40, 64, lv);
    assert_int_equal(n, 30);
    assert_int_equal(lv[0], 0);
    assert_int_equal(lv[29], TREND_SPARK_LEVELS - 1);
    for (size_t i = 1; i < n; i++)
        assert_true(lv[i] >= lv[i - 1]);
    /* squeezed into 10 cells: three days a cell, still rising end to end */
    n = trend_spark_levels(d, 40, 10, lv);
    assert_int_equal(n, 10);
    assert_int_equal(lv[0], 0);
    assert_int_equal(lv[9], TREND_SPARK_LEVELS - 1);
}

static void spark_flat_short_and_unknown(void **state)
{
    (void)state;
    long long flat[5] = { 7, 7, 7, 7, 7 };
    int lv[8];
    assert_int_equal(trend_spark_levels(flat, 5, 8, lv), 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(lv[i], TREND_SPARK_LEVELS / 2 - 1);
    long long one[1] = { 3 };
    assert_int_equal(trend_spark_levels(one, 1, 8, lv), 0);
    assert_int_equal(trend_spark_levels(NULL, 0, 8, lv), 0);
    assert_int_equal(trend_spark_levels(flat, 5, 0, lv), 0);
    long long gap[3] = { 10, STAT_UNKNOWN, 10 };
    assert_int_equal(trend_spark_levels(gap, 3, 8, lv), 3);
    assert_int_equal(lv[1], 0);
    assert_int_equal(lv[0], TREND_SPARK_LEVELS - 1);
}

static void set_evidence(Dataset *ds, size_t c, size_t stack, size_t n, const char *const *names)
{
    Assessment *as = &ds->criteria[c].by_stack[stack];
    as->evidence = calloc(n, sizeof *as->evidence);
    assert_non_null(as->evidence);
    for (size_t i = 0; i < n; i++)
        as->evidence[i] = strdup(names[i]);
    as->nevidence = n;
}

static void add_stat(StatsTable *t, const char *eco, const char *name, long long month, StatSource src)
{
    PackageStat *st = stats_get_or_add(t, eco, name);
    st->source = src;
    stat_set_downloads(st, STAT_UNKNOWN, month);
}

static void stack_downloads_count_each_package_once(void **state)
{
    (void)state;
    const double scores[6] = { 5, 5, 5, 5, 5, 5 };
    const int weights[3] = { 5, 5, 5 };
    Dataset *ds = test_dataset(2, 3, scores, weights);
    /* Stack 0 (npm) cites b under two criteria and "ghost", which has no
     * figures; stack 1 (pypi) cites a package that shares a name with an
     * npm one, which must not be mixed up with it. */
    set_evidence(ds, 0, 0, 2, (const char *const[]){ "a", "b" });
    set_evidence(ds, 1, 0, 3, (const char *const[]){ "b", "c", "b" });
    set_evidence(ds, 2, 0, 1, (const char *const[]){ "ghost" });
    set_evidence(ds, 0, 1, 1, (const char *const[]){ "a" });
    StatsTable *t = stats_table_new();
    add_stat(t, "npm", "a", 100, STAT_SOURCE_LIVE);
    add_stat(t, "npm", "b", 20, STAT_SOURCE_LIVE);
    add_stat(t, "npm", "c", 3, STAT_SOURCE_BUNDLED);
    add_stat(t, "pypi", "a", 7000, STAT_SOURCE_CACHE);

    TrendSum s = trend_stack_downloads(ds, t, 0, 0);
    assert_int_equal(s.total, 120);
    assert_int_equal(s.known, 2);
    assert_false(s.mixed);
    s = trend_stack_downloads(ds, t, 0, 1);
    assert_int_equal(s.total, 23); /* b once, though cited twice */
    assert_true(s.mixed);
    s = trend_stack_downloads(ds, t, 0, 2);
    assert_int_equal(s.known, 0);
    assert_int_equal(s.unknown, 1);
    s = trend_stack_downloads(ds, t, 0, -1);
    assert_int_equal(s.total, 123);
    assert_int_equal(s.known, 3);
    assert_int_equal(s.unknown, 1);
    s = trend_stack_downloads(ds, t, 1, -1);
    assert_int_equal(s.total, 7000);
    assert_string_equal(trend_sum_source_name(&s), "cache");
    s = trend_stack_downloads(ds, t, 1, 1);
    assert_int_equal(s.known + s.unknown, 0);

    stats_table_free(t);
    dataset_free(ds);
}

/* Sums at the edge of a long long: checked, never wrapped. A figure that
 * would carry a sum past LLONG_MAX counts as unknown, and a week that
 * would is no change at all; just below the edge they still add. */
static void sums_are_checked_at_the_edge(void **state)
{
    (void)state;
    TrendSum s;
    trend_sum_init(&s);
    PackageStat a = stat_of(LLONG_MAX - 10, STAT_SOURCE_LIVE), b = stat_of(10, STAT_SOURCE_LIVE);
    PackageStat c = stat_of(1, STAT_SOURCE_LIVE);
    trend_sum_add(&s, &a);
    trend_sum_add(&s, &b);
    assert_true(s.total == LLONG_MAX);
    assert_int_equal(s.known, 2);
    trend_sum_add(&s, &c); /* one more would wrap to a negative total */
    assert_true(s.total == LLONG_MAX);
    assert_int_equal(s.known, 2);
    assert_int_equal(s.unknown, 1);
    figures_clear(&a.figures);
    figures_clear(&b.figures);
    figures_clear(&c.figures);
    long long daily[14];
    for (int i = 0; i < 14; i++)
        daily[i] = LLONG_MAX / 7; /* seven of them fit; the week holds them */
    double pct = 0;
    assert_true(trend_week_change(daily, 14, &pct));
    assert_true(fabs(pct) < 1e-9);
    daily[13] = LLONG_MAX / 2; /* now the last week would pass the edge */
    assert_false(trend_week_change(daily, 14, &pct));
    /* a day-by-day sum of series: the day past the edge is unknown */
    long long x[2] = { LLONG_MAX - 1, 5 }, y[2] = { 1, 6 }, z[2] = { 1, 7 };
    ChartSeries parts[3] = { { "x", x, 2, 10 }, { "y", y, 2, 10 }, { "z", z, 2, 10 } };
    long long *sum = NULL;
    long end = 0;
    assert_int_equal(chart_sum_series(parts, 2, &sum, &end), 2);
    assert_true(sum[0] == LLONG_MAX);
    assert_int_equal(sum[1], 11);
    free(sum);
    assert_int_equal(chart_sum_series(parts, 3, &sum, &end), 2);
    assert_true(sum[0] == -1); /* unknown, not a wrapped LLONG_MIN */
    assert_int_equal(sum[1], 18);
    free(sum);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(week_change_compares_the_last_two_weeks),
        cmocka_unit_test(week_change_unknown_when_it_cannot_be_told),
        cmocka_unit_test(change_formats),
        cmocka_unit_test(sums_add_months_and_say_when_sources_differ),
        cmocka_unit_test(stack_downloads_count_each_package_once),
        cmocka_unit_test(sums_are_checked_at_the_edge),
        cmocka_unit_test(shares_and_ratios),
        cmocka_unit_test(counts_have_three_significant_digits),
        cmocka_unit_test(bars_linear_and_log),
        cmocka_unit_test(spark_uses_the_last_30_days),
        cmocka_unit_test(spark_flat_short_and_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
