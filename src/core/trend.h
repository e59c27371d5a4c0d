/* trend.h: the arithmetic behind the download figures the dashboard shows:
 * week-over-week change, like-for-like sums and shares, log-scaled bars and
 * sparkline levels. Pure functions over PackageStat values; no allocation.
 * Ownership: nothing here keeps memory; callers own every array passed in
 * (trend_stack_downloads uses a scratch array it frees before returning). */
#ifndef VERSUS_CORE_TREND_H
#define VERSUS_CORE_TREND_H

#include <stdbool.h>
#include <stddef.h>

#include "core/stats.h"

#define TREND_SPARK_DAYS 30
#define TREND_SPARK_LEVELS 8

/* The last 7 days of daily (oldest first) against the 7 before, as a
 * percentage change in *pct. False ("n/a") when fewer than 14 days are
 * known, a day in those 14 is unknown (negative), or the earlier week is 0. */
bool trend_week_change(const long long *daily, size_t ndaily, double *pct);

/* "+12%", "-3%", "0%", ">+999%", "<-99%" never needs more than 7 bytes;
 * "n/a" when known is false. */
void trend_format_change(bool known, double pct, char out[8]);

/* A download count in at most 5 characters by one rule, three significant
 * digits: "950", "1.20k", "42.1M", "279M", "4.21B"; "-" when unknown
 * (negative). */
void trend_format_count(long long n, char out[16]);

/* The sum of the last_month figures of a set of packages. Only monthly
 * figures are added, so a bundled month and a live month are alike in
 * period length; where the sources still differ the sum says so (mixed). */
typedef struct TrendSum {
    long long total;   /* sum of the known last_month figures; 0 when none */
    size_t known;      /* packages with a figure */
    size_t unknown;    /* packages without one (no entry or STAT_UNKNOWN) */
    StatSource source; /* the one source of all known figures; NONE when none */
    bool mixed;        /* the known figures come from more than one source */
    unsigned sources;  /* bit 1 << StatSource for each source seen among the known */
} TrendSum;

void trend_sum_init(TrendSum *sum);
/* Adds st (NULL counts as unknown, and so does a figure that would carry
 * the total past a long long: sums are checked, never wrapped). */
void trend_sum_add(TrendSum *sum, const PackageStat *st);
/* One stack's summed last_month figures over the evidence of criterion
 * (an index) or, when criterion < 0, of every criterion, each package
 * counted once however many criteria cite it. Evidence without an entry in
 * stats counts as unknown. */
TrendSum trend_stack_downloads(const Dataset *ds, const StatsTable *stats, size_t stack, int criterion);

/* "live", "bundled", "cache", "mixed", "none". */
const char *trend_sum_source_name(const TrendSum *sum);

/* part / total as a fraction 0..1; 0 when total is not positive. */
double trend_share(long long part, long long total);

/* The length of a bar for value against the largest value shown, 0..1:
 * linear, or log10(1 + v) / log10(1 + max) so that sides orders of
 * magnitude apart both stay visible. */
double trend_bar_fraction(long long value, long long max, bool log_scale);

/* How many times larger the larger of a and b is (>= 1); 0 when either
 * is not positive. */
double trend_ratio(long long a, long long b);

/* Sparkline levels 0..TREND_SPARK_LEVELS-1 for the last TREND_SPARK_DAYS
 * values of daily (fewer when fewer are known), squeezed into at most
 * width cells by averaging neighbouring days. Unknown (negative) days count
 * as 0. The lowest cell maps to 0 and the highest to the top level; a flat
 * series sits in the middle. Returns the number of cells written to levels
 * (at most width); 0 when fewer than 2 days are known. */
size_t trend_spark_levels(const long long *daily, size_t ndaily, size_t width, int *levels);

#endif
