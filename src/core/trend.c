/* trend.c: week-over-week change, sums, shares, bar scales and sparkline
 * levels for the download figures; see trend.h. */
#include "core/trend.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"

bool trend_week_change(const long long *daily, size_t ndaily, double *pct)
{
    if (!daily || ndaily < 14)
        return false;
    long long recent = 0, before = 0;
    for (size_t i = ndaily - 14; i < ndaily; i++) {
        if (daily[i] < 0)
            return false;
        /* checked: a sum past a long long is no figure, not a wrapped one */
        if (!stat_count_add(i < ndaily - 7 ? &before : &recent, daily[i]))
            return false;
    }
    if (before <= 0)
        return false;
    *pct = 100.0 * (double)(recent - before) / (double)before;
    return true;
}

void trend_format_change(bool known, double pct, char out[8])
{
    if (!known)
        snprintf(out, 8, "n/a");
    else if (pct >= 999.5)
        snprintf(out, 8, ">+999%%");
    else if (pct <= -99.5 && pct > -100.0)
        snprintf(out, 8, "<-99%%");
    else if (fabs(pct) < 0.5)
        snprintf(out, 8, "0%%");
    else
        snprintf(out, 8, "%+.0f%%", pct);
}

void trend_format_count(long long n, char out[16])
{
    static const char units[] = "kMBT";
    if (n < 0) {
        snprintf(out, 16, "-");
        return;
    }
    if (n < 1000) {
        snprintf(out, 16, "%lld", n);
        return;
    }
    double v = (double)n;
    size_t u = 0;
    /* Divide until the value, rounded to three digits, is below 1000:
     * 999,600 is "1.00M", not "1000k". */
    v /= 1e3;
    while (v >= 999.5 && u + 1 < sizeof units - 1) {
        v /= 1e3;
        u++;
    }
    if (v < 9.995)
        snprintf(out, 16, "%.2f%c", v, units[u]);
    else if (v < 99.95)
        snprintf(out, 16, "%.1f%c", v, units[u]);
    else
        snprintf(out, 16, "%.0f%c", v, units[u]);
}

void trend_sum_init(TrendSum *sum)
{
    *sum = (TrendSum){ .total = 0, .known = 0, .unknown = 0, .source = STAT_SOURCE_NONE,
                       .mixed = false,
                       .sources = 0 };
}

void trend_sum_add(TrendSum *sum, const PackageStat *st)
{
    /* the month figure and where it came from; one the sum cannot hold
     * (past a long long) counts as unknown: the total stays the true sum
     * of the figures it says it has */
    const Figure *m = st ? figures_find(&st->figures, FIG_DOWNLOADS_MONTH) : NULL;
    long long total = sum->total;
    if (!m || m->source == STAT_SOURCE_NONE || !stat_count_add(&total, m->number)) {
        sum->unknown++;
        return;
    }
    if (sum->known == 0)
        sum->source = m->source;
    else if (m->source != sum->source)
        sum->mixed = true;
    sum->sources |= 1u << m->source;
    sum->total = total;
    sum->known++;
}

static int by_address(const void *a, const void *b)
{
    const PackageStat *pa = *(const PackageStat *const *)a, *pb = *(const PackageStat *const *)b;
    uintptr_t x = (uintptr_t)pa, y = (uintptr_t)pb;
    return x < y ? -1 : x > y;
}

TrendSum trend_stack_downloads(const Dataset *ds, const StatsTable *stats, size_t stack, int criterion)
{
    TrendSum sum;
    trend_sum_init(&sum);
    const char *eco = ds->stacks[stack].ecosystem;
    size_t from = criterion >= 0 ? (size_t)criterion : 0;
    size_t to = criterion >= 0 ? from + 1 : ds->ncriteria;
    size_t cap = 0;
    for (size_t k = from; k < to; k++)
        cap += ds->criteria[k].by_stack[stack].nevidence;
    if (cap == 0)
        return sum;
    /* Sorting the entries by address puts a package cited by several
     * criteria next to itself: one pass then counts it once, in
     * O(n log n) where comparing against every earlier one was O(n^2). */
    const PackageStat **found = xreallocarray(NULL, cap, sizeof *found);
    size_t n = 0;
    for (size_t k = from; k < to; k++) {
        const Assessment *as = &ds->criteria[k].by_stack[stack];
        for (size_t i = 0; i < as->nevidence; i++) {
            const PackageStat *st = stats_find(stats, eco, as->evidence[i]);
            if (st)
                found[n++] = st;
            else
                trend_sum_add(&sum, NULL);
        }
    }
    qsort(found, n, sizeof *found, by_address);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || found[i] != found[i - 1])
            trend_sum_add(&sum, found[i]);
    free(found);
    return sum;
}

const char *trend_sum_source_name(const TrendSum *sum)
{
    if (sum->known == 0)
        return "none";
    return sum->mixed ? "mixed" : stat_source_name(sum->source);
}

double trend_share(long long part, long long total)
{
    if (total <= 0 || part <= 0)
        return 0.0;
    return part >= total ? 1.0 : (double)part / (double)total;
}

double trend_bar_fraction(long long value, long long max, bool log_scale)
{
    if (value <= 0 || max <= 0)
        return 0.0;
    if (value >= max)
        return 1.0;
    if (!log_scale)
        return (double)value / (double)max;
    return log10(1.0 + (double)value) / log10(1.0 + (double)max);
}

double trend_ratio(long long a, long long b)
{
    if (a <= 0 || b <= 0)
        return 0.0;
    return a > b ? (double)a / (double)b : (double)b / (double)a;
}

size_t trend_spark_levels(const long long *daily, size_t ndaily, size_t width, int *levels)
{
    if (!daily || width == 0)
        return 0;
    size_t n = ndaily < TREND_SPARK_DAYS ? ndaily : TREND_SPARK_DAYS;
    if (n < 2)
        return 0;
    const long long *days = daily + (ndaily - n);
    size_t cells = width < n ? width : n;
    double v[TREND_SPARK_DAYS];
    double lo = 0, hi = 0;
    for (size_t i = 0; i < cells; i++) {
        size_t a = i * n / cells, b = (i + 1) * n / cells;
        double sum = 0;
        for (size_t k = a; k < b; k++)
            sum += days[k] > 0 ? (double)days[k] : 0.0;
        v[i] = sum / (double)(b - a);
        if (i == 0 || v[i] < lo)
            lo = v[i];
        if (i == 0 || v[i] > hi)
            hi = v[i];
    }
    for (size_t i = 0; i < cells; i++) {
        if (hi <= lo) {
            levels[i] = TREND_SPARK_LEVELS / 2 - 1;
            continue;
        }
        int lv = (int)floor((v[i] - lo) / (hi - lo) * (TREND_SPARK_LEVELS - 1) + 0.5);
        levels[i] = lv < 0 ? 0 : lv > TREND_SPARK_LEVELS - 1 ? TREND_SPARK_LEVELS - 1 : lv;
    }
    return cells;
}
