/* test_chart.c: the trend chart's pure parts: dates, range selection,
 * moving average, share, growth, value axes (linear and log), braille,
 * block and ASCII packing, the cursor, and whole renderings against golden
 * text in tests/golden/chart/ (UPDATE=1 rewrites them for review). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "util/fileio.h"

static void check_golden(const char *name, const char *actual)
{
    const char *root = getenv("VERSUS_ROOT");
    char *dir = path_join(root && *root ? root : ".", "tests/golden/chart");
    char *path = path_join(dir, name);
    char *err = NULL;
    const char *update = getenv("UPDATE");
    if (update && strcmp(update, "1") == 0) {
        if (dir_create_all(dir, 0755, &err) != 0 ||
            file_write_atomic(path, actual, strlen(actual), 0644, &err) != 0)
            fail_msg("%s", err);
        print_message("# rewrote %s: review it before committing\n", path);
        free(dir);
        free(path);
        return;
    }
    free(dir);
    char *expected = NULL;
    size_t len = 0;
    if (file_read_all(path, 1 << 20, &expected, &len, &err) != 0)
        fail_msg("%s (run with UPDATE=1 to create it)", err);
    if (strcmp(expected, actual) != 0) {
        size_t line = 1, i = 0;
        while (expected[i] && expected[i] == actual[i]) {
            if (expected[i] == '\n')
                line++;
            i++;
        }
        fail_msg("%s differs at line %zu:\n  expected: %.80s\n  actual:   %.80s\nwhole:\n%s", path, line,
                 expected + i, actual + i, actual);
    }
    free(expected);
    free(path);
}

static long day_of(const char *iso)
{
    long d = 0;
    assert_true(chart_parse_day(iso, &d));
    return d;
}

static void dates_round_trip(void **state)
{
    (void)state;
    assert_int_equal(day_of("1970-01-01"), 0);
    assert_int_equal(day_of("2000-03-01"), 11017);
    long d = day_of("2024-02-29");
    char out[11], shortd[8];
    chart_format_day(d, out);
    assert_string_equal(out, "2024-02-29");
    chart_format_day(d + 1, out);
    assert_string_equal(out, "2024-03-01");
    chart_format_short_day(day_of("2026-10-05"), shortd);
    assert_string_equal(shortd, "Oct 05");
    long x;
    assert_false(chart_parse_day("2023-02-29", &x));
    assert_false(chart_parse_day("2026-13-01", &x));
    assert_false(chart_parse_day("2026-1-01", &x));
    assert_false(chart_parse_day(NULL, &x));
    for (long k = day_of("2019-12-25"); k < day_of("2021-01-05"); k++) {
        chart_format_day(k, out);
        assert_int_equal(day_of(out), k);
    }
}

static void counts_and_percents_format_with_units(void **state)
{
    (void)state;
    char out[12], pct[16];
    chart_format_count(0, out);
    assert_string_equal(out, "0");
    chart_format_count(875, out);
    assert_string_equal(out, "875");
    chart_format_count(1200000, out);
    assert_string_equal(out, "1.2M");
    chart_format_count(1000000, out);
    assert_string_equal(out, "1M");
    chart_format_count(12345, out);
    assert_string_equal(out, "12k");
    chart_format_count(1500, out);
    assert_string_equal(out, "1.5k");
    chart_format_count(250000, out);
    assert_string_equal(out, "250k");
    chart_format_count(1.5e9, out);
    assert_string_equal(out, "1.5B");
    chart_format_count(-1, out);
    assert_string_equal(out, "-");
    chart_format_pct(12.4, pct);
    assert_string_equal(pct, "+12%");
    chart_format_pct(-3.44, pct);
    assert_string_equal(pct, "-3.4%");
    chart_format_pct(0.01, pct);
    assert_string_equal(pct, "0%");
    chart_format_pct(NAN, pct);
    assert_string_equal(pct, "n/a");
}

static void range_selection_lines_series_up_by_date(void **state)
{
    (void)state;
    /* a ends on day 100 with 5 days, b ends two days earlier with 3. */
    long long a[5] = { 1, 2, 3, 4, 5 }, b[3] = { 10, -1, 30 };
    ChartSeries s[2] = { { "a", a, 5, 100 }, { "b", b, 3, 98 } };
    ChartOptions o = { .range_days = 4 };
    ChartData *d = chart_data_build(s, 2, &o);
    assert_non_null(d);
    assert_int_equal(d->last_day, 100);
    assert_int_equal(d->first_day, 97);
    assert_true(d->values[0][0] == 2 && d->values[0][3] == 5);
    assert_true(isnan(d->values[1][0]));  /* day 97: b's unknown middle day */
    assert_true(d->values[1][1] == 30);   /* day 98 */
    assert_true(isnan(d->values[1][2]) && isnan(d->values[1][3]));
    assert_int_equal(d->data_from[0], 96);
    assert_int_equal(d->data_from[1], 96);
    assert_true(d->max_value == 30);
    assert_true(d->min_positive == 2);
    assert_int_equal(chart_raw_at(&s[1], 97), -1);
    assert_int_equal(chart_raw_at(&s[1], 98), 30);
    assert_int_equal(chart_raw_at(&s[1], 95), -1);
    chart_data_free(d);
    o.range_days = 0;
    assert_null(chart_data_build(s, 2, &o));
}

static void sums_line_parts_up_by_date(void **state)
{
    (void)state;
    long long a[4] = { 1, 2, 3, 4 }, b[3] = { 10, -1, 30 }, c[1] = { 0 };
    /* a: days 7..10, b: days 6..8, c: no days (left out) */
    ChartSeries parts[3] = { { "a", a, 4, 10 }, { "b", b, 3, 8 }, { "c", c, 0, 99 } };
    long long *sum = NULL;
    long end = 0;
    size_t n = chart_sum_series(parts, 3, &sum, &end);
    assert_int_equal(n, 2); /* days 7 and 8 */
    assert_int_equal(end, 8);
    assert_int_equal(sum[0], -1); /* b does not know day 7 */
    assert_int_equal(sum[1], 2 + 30);
    free(sum);
    assert_int_equal(chart_sum_series(parts + 2, 1, &sum, &end), 0);
    assert_null(sum);
    /* parts that do not overlap have no common day */
    ChartSeries apart[2] = { { "a", a, 4, 10 }, { "b", b, 3, 3 } };
    assert_int_equal(chart_sum_series(apart, 2, &sum, &end), 0);
    assert_null(sum);
}

static void moving_average_needs_seven_known_days(void **state)
{
    (void)state;
    long long v[10];
    for (int i = 0; i < 10; i++)
        v[i] = i % 7 == 5 || i % 7 == 6 ? 0 : 70; /* weekends at 0 */
    ChartSeries s = { "w", v, 10, 50 };
    ChartOptions o = { .range_days = 10, .moving_avg = true };
    ChartData *d = chart_data_build(&s, 1, &o);
    for (int i = 0; i < 6; i++)
        assert_true(isnan(d->values[0][i]));
    for (int i = 6; i < 10; i++)
        assert_true(fabs(d->values[0][i] - 50.0) < 1e-9); /* 5 x 70 / 7 */
    chart_data_free(d);
    /* Days before the range count towards the first days' means. */
    o.range_days = 3;
    d = chart_data_build(&s, 1, &o);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(d->values[0][i] - 50.0) < 1e-9);
    chart_data_free(d);
    v[8] = -1;
    o.range_days = 10;
    d = chart_data_build(&s, 1, &o);
    assert_true(isnan(d->values[0][8]) && isnan(d->values[0][9]));
    chart_data_free(d);
}

static void share_is_a_percent_of_the_days_total(void **state)
{
    (void)state;
    long long a[3] = { 30, 50, 0 }, b[3] = { 10, -1, 0 }, none[1] = { 0 };
    ChartSeries s[3] = { { "a", a, 3, 10 }, { "b", b, 3, 10 }, { "none", none, 0, 10 } };
    ChartOptions o = { .range_days = 3, .share = true };
    ChartData *d = chart_data_build(s, 3, &o);
    assert_true(fabs(d->values[0][0] - 75) < 1e-9 && fabs(d->values[1][0] - 25) < 1e-9);
    assert_true(isnan(d->values[0][1]) && isnan(d->values[1][1])); /* b unknown */
    assert_true(isnan(d->values[0][2]));                           /* nothing at all */
    assert_true(d->max_value == 75);
    chart_data_free(d);
}

static void growth_compares_the_ends_of_the_range(void **state)
{
    (void)state;
    long long v[30];
    for (int i = 0; i < 30; i++)
        v[i] = i < 7 ? 100 : i >= 23 ? 150 : 5;
    ChartSeries s[2] = { { "up", v, 30, 200 }, { "short", v, 10, 200 } };
    ChartOptions o = { .range_days = 30 };
    ChartData *d = chart_data_build(s, 2, &o);
    assert_true(d->growth_known[0]);
    assert_true(fabs(d->growth_pct[0] - 50.0) < 1e-9);
    /* 10 days: the two ends would overlap, so there is no growth to tell */
    assert_false(d->growth_known[1]);
    chart_data_free(d);
}

static void linear_axis_uses_round_steps_from_zero(void **state)
{
    (void)state;
    ChartAxis a;
    chart_axis(&a, 1234567, 1, false, false, 5);
    assert_true(a.lo == 0);
    assert_true(a.hi == 1500000);
    assert_int_equal(a.nticks, 4);
    assert_string_equal(a.labels[0], "0");
    assert_string_equal(a.labels[1], "500k");
    assert_string_equal(a.labels[3], "1.5M");
    assert_true(fabs(chart_axis_pos(&a, 750000) - 0.5) < 1e-9);
    assert_true(chart_axis_pos(&a, 9e9) == 1 && chart_axis_pos(&a, -5) == 0);
    chart_axis(&a, 3, 1, false, false, 6); /* never fractions of a download */
    assert_true(a.hi == 3);
    assert_int_equal(a.nticks, 4);
    chart_axis(&a, 0, 0, false, false, 4); /* nothing: still an axis */
    assert_true(a.hi > a.lo);
    chart_axis(&a, 62.5, 1, false, true, 5);
    assert_string_equal(a.labels[a.nticks - 1], "80%");
}

static void log_axis_counts_decades(void **state)
{
    (void)state;
    ChartAxis a;
    chart_axis(&a, 2500000, 450, true, false, 6);
    assert_true(a.lo == 2 && a.hi == 7);
    assert_int_equal(a.nticks, 6);
    assert_string_equal(a.labels[0], "100");
    assert_string_equal(a.labels[5], "10M");
    assert_true(fabs(chart_axis_pos(&a, 100000) - 0.6) < 1e-9);
    assert_true(chart_axis_pos(&a, 0) == 0);
    /* few rows: every other decade, ending at the top */
    chart_axis(&a, 2500000, 5, true, false, 3);
    assert_true(a.hi == 7);
    assert_true(a.nticks <= 3);
    assert_true(a.ticks[a.nticks - 1] == 1e7);
}

/* A 30-day series that rises and falls: the same data for every golden. */
static void wave(long long *v, int n, long long base)
{
    for (int i = 0; i < n; i++)
        v[i] = base + (long long)(base * 0.8 * sin(i / 4.0));
}

static char *render(ChartDots dots, const ChartOptions *o, int w, int h, int cursor)
{
    static long long a[200], b[200];
    wave(a, 200, 1000000);
    for (int i = 0; i < 200; i++)
        b[i] = 20000 + i * 1000;
    ChartSeries s[2] = { { "a", a, 200, 20000 }, { "b", b, 200, 20000 } };
    ChartData *d = chart_data_build(s, 2, o);
    ChartGrid *g = chart_render(d, w, h, dots, cursor);
    assert_non_null(g);
    char *text = chart_grid_text(g, true);
    chart_grid_free(g);
    chart_data_free(d);
    return text;
}

static void golden_renderings(void **state)
{
    (void)state;
    ChartOptions lin = { .range_days = 30 };
    ChartOptions log = { .range_days = 30, .log_scale = true };
    ChartOptions ma = { .range_days = 90, .moving_avg = true };
    ChartOptions share = { .range_days = 30, .share = true };
    struct { const char *name; ChartDots dots; const ChartOptions *o; int w, h, cursor; } cases[] = {
        { "braille-linear.txt", CHART_BRAILLE, &lin, 60, 12, -1 },
        { "braille-log.txt", CHART_BRAILLE, &log, 60, 12, -1 },
        { "blocks-linear.txt", CHART_BLOCKS, &lin, 60, 10, -1 },
        { "ascii-linear.txt", CHART_ASCII, &lin, 60, 10, 12 },
        { "ascii-ma90.txt", CHART_ASCII, &ma, 72, 12, -1 },
        { "braille-share-cursor.txt", CHART_BRAILLE, &share, 40, 8, 29 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = render(cases[i].dots, cases[i].o, cases[i].w, cases[i].h, cases[i].cursor);
        check_golden(cases[i].name, text);
        free(text);
    }
}

/* 12 and 18 months are labelled by month, each label a different month on
 * its 1st, in order, however wide the chart. */
static void long_ranges_label_each_month_once(void **state)
{
    (void)state;
    static long long v[540];
    for (int i = 0; i < 540; i++)
        v[i] = 1000 + i;
    ChartSeries s = { "a", v, 540, 20757 }; /* ends 2026-10-31 */
    const int ranges[] = { 365, 540 }, widths[] = { 60, 120, 200 };
    for (int r = 0; r < 2; r++)
        for (int w = 0; w < 3; w++) {
            ChartOptions o = { .range_days = ranges[r] };
            ChartData *d = chart_data_build(&s, 1, &o);
            ChartGrid *g = chart_render(d, widths[w], 12, CHART_BRAILLE, -1);
            assert_non_null(g);
            char *text = chart_grid_text(g, false);
            /* the row under the date axis */
            char *axis = strstr(text, "\u2514");
            assert_non_null(axis);
            char *row = strchr(axis, '\n') + 1;
            char *end = strchr(row, '\n');
            if (end)
                *end = '\0';
            char seen[24][9];
            int n = 0;
            long last = -1;
            for (char *p = row; (p = strpbrk(p, "JFMASOND")) != NULL; p += 8) {
                static const char *const names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
                int m = -1;
                for (int k = 0; k < 12; k++)
                    if (strncmp(p, names[k], 3) == 0)
                        m = k;
                assert_true(m >= 0);
                long key = atol(p + 4) * 12 + m;
                assert_true(key > last); /* a later month each time, none twice */
                last = key;
                assert_true(n < 24);
                memcpy(seen[n], p, 8);
                seen[n++][8] = '\0';
            }
            assert_true(n >= (widths[w] >= 120 ? 6 : 3));
            free(text);
            chart_grid_free(g);
            chart_data_free(d);
        }
}

static void braille_packs_two_by_four_dots(void **state)
{
    (void)state;
    /* A rising line of 8 days on a plot 4 cells wide and 2 rows high:
     * 8 dot columns and 8 dot rows, one dot per column. */
    long long v[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    ChartSeries s = { "r", v, 8, 1000 };
    ChartOptions o = { .range_days = 8 };
    ChartData *d = chart_data_build(&s, 1, &o);
    ChartGrid *g = chart_render(d, 20, 5, CHART_BRAILLE, -1);
    assert_non_null(g);
    /* Widen the plot check to the first cell: days 0 and 1 in the bottom
     * row, dots 7 (left, lowest) and 8 (right, lowest) at least. */
    const ChartCell *first = &g->cells[(size_t)(g->plot_y + g->plot_h - 1) * (size_t)g->width + (size_t)g->plot_x];
    unsigned cp = ((unsigned)(unsigned char)first->glyph[0] & 0x0f) << 12 |
                  ((unsigned)(unsigned char)first->glyph[1] & 0x3f) << 6 |
                  ((unsigned)(unsigned char)first->glyph[2] & 0x3f);
    assert_true(cp >= 0x2800 && cp <= 0x28ff);
    assert_true((cp - 0x2800) & 0x40); /* bottom-left dot: day 0 at 0 */
    assert_int_equal(first->style, CHART_STYLE_SERIES);
    chart_grid_free(g);
    chart_data_free(d);
}

static void ascii_draws_only_ascii(void **state)
{
    (void)state;
    ChartOptions o = { .range_days = 30, .log_scale = true, .moving_avg = true };
    char *text = render(CHART_ASCII, &o, 50, 9, 5);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        assert_true(*p < 0x80);
    free(text);
}

static void cursor_and_columns_agree(void **state)
{
    (void)state;
    long long v[180];
    for (int i = 0; i < 180; i++)
        v[i] = 100 + i;
    ChartSeries s = { "x", v, 180, 5000 };
    int ranges[3] = { 30, 90, 180 };
    for (int r = 0; r < 3; r++) {
        ChartOptions o = { .range_days = ranges[r] };
        ChartData *d = chart_data_build(&s, 1, &o);
        for (int w = 20; w <= 130; w += 37) {
            ChartGrid *g = chart_render(d, w, 10, CHART_BRAILLE, d->ndays - 1);
            assert_int_equal(chart_day_at(g, g->plot_x - 1), -1);
            assert_int_equal(chart_day_at(g, g->plot_x), 0);
            assert_int_equal(chart_day_at(g, w - 1), d->ndays - 1);
            assert_int_equal(chart_day_at(g, w + 50), d->ndays - 1);
            for (int day = 0; day < d->ndays; day++) {
                int col = chart_column_of(g, day);
                assert_true(col >= g->plot_x && col < w);
                /* the day read back from a column lands in that column */
                assert_int_equal(chart_column_of(g, chart_day_at(g, col)), col);
            }
            /* the cursor's column is marked from top to bottom */
            int col = chart_column_of(g, d->ndays - 1);
            for (int y = 0; y < g->plot_h; y++)
                assert_true(g->cells[(size_t)y * (size_t)w + (size_t)col].style & CHART_CELL_CURSOR);
            chart_grid_free(g);
        }
        chart_data_free(d);
    }
}

static void too_small_and_empty(void **state)
{
    (void)state;
    ChartOptions o = { .range_days = 30 };
    ChartData *d = chart_data_build(NULL, 0, &o);
    assert_non_null(d);
    assert_null(chart_render(d, 19, 10, CHART_BRAILLE, -1));
    assert_null(chart_render(d, 40, 4, CHART_BRAILLE, -1));
    ChartGrid *g = chart_render(d, 40, 6, CHART_BRAILLE, -1);
    assert_non_null(g); /* a frame with no lines */
    chart_grid_free(g);
    chart_data_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_round_trip),
        cmocka_unit_test(counts_and_percents_format_with_units),
        cmocka_unit_test(range_selection_lines_series_up_by_date),
        cmocka_unit_test(sums_line_parts_up_by_date),
        cmocka_unit_test(moving_average_needs_seven_known_days),
        cmocka_unit_test(share_is_a_percent_of_the_days_total),
        cmocka_unit_test(growth_compares_the_ends_of_the_range),
        cmocka_unit_test(linear_axis_uses_round_steps_from_zero),
        cmocka_unit_test(log_axis_counts_decades),
        cmocka_unit_test(golden_renderings),
        cmocka_unit_test(long_ranges_label_each_month_once),
        cmocka_unit_test(braille_packs_two_by_four_dots),
        cmocka_unit_test(ascii_draws_only_ascii),
        cmocka_unit_test(cursor_and_columns_agree),
        cmocka_unit_test(too_small_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
