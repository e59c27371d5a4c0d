/* fuzz_cache.c: a cache record as found on disk, which anyone who can write
 * the cache directory (or a crash, or a full disk) may have shaped. The
 * first byte picks what is done with an accepted record: the chart's range
 * and views, the dots and the moment it is read at; the rest is the file.
 * A record read must be whole and plausible, must write and read back the
 * same, and must go into a stat and a chart without harm. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "core/chart.h"
#include "core/stats.h"
#include "fuzz/fuzz_common.h"
#include "util/safetext.h"

/* 2026-11-27T10:00:00Z: days before the seeds were fetched, so their
 * times are in the future as read then. */
#define SEED_TIME 1795773600L

static void string_check(const char *s, bool nullable)
{
    if (!s) {
        if (!nullable) abort();
        return;
    }
    if (s[0] == '\0' || strlen(s) > 4096 || safetext_has_control(s)) abort();
}

static void same_string(const char *a, const char *b)
{
    if ((a == NULL) != (b == NULL)) abort();
    if (a && strcmp(a, b) != 0) abort();
}

static void record_check(const CacheRecord *r)
{
    string_check(r->ecosystem, false);
    string_check(r->package, false);
    string_check(r->detail, true);
    string_check(r->series_end, true);
    string_check(r->period, true);
    string_check(r->url, true);
    if (strcmp(r->ecosystem, "npm") != 0 || strcmp(r->package, "express") != 0) abort();
    if (r->status == STAT_OK && !r->has_figures) abort();
    if ((r->ndaily == 0) != (r->daily == NULL)) abort();
    if (r->ndaily > 600) abort();
    if (r->has_figures) {
        if (r->last_week < 0 || r->last_week > STAT_COUNT_MAX) abort();
        if (r->last_month < 0 || r->last_month > STAT_COUNT_MAX) abort();
        if (r->fetched_at == 0) abort();
    }
    for (size_t i = 0; i < r->ndaily; i++)
        if (r->daily[i] < 0 || r->daily[i] > STAT_COUNT_MAX) abort();
}

/* What was accepted writes and reads back identical. */
static void round_trip(const CacheRecord *r)
{
    char *text = cache_record_to_json(r);
    CacheRecord back;
    char *err = NULL;
    if (cache_record_from_json(text, strlen(text), &back, &err) != 0) abort();
    same_string(r->ecosystem, back.ecosystem);
    same_string(r->package, back.package);
    same_string(r->detail, back.detail);
    same_string(r->series_end, back.series_end);
    same_string(r->period, back.period);
    same_string(r->url, back.url);
    if (r->status != back.status || r->checked_at != back.checked_at || r->retry_at != back.retry_at ||
        r->has_figures != back.has_figures || r->fetched_at != back.fetched_at)
        abort();
    if (r->has_figures && (r->last_week != back.last_week || r->last_month != back.last_month))
        abort();
    if (r->ndaily != back.ndaily) abort();
    for (size_t i = 0; i < r->ndaily; i++)
        if (r->daily[i] != back.daily[i]) abort();
    cache_record_clear(&back);
    free(text);
}

static void chart_check(const PackageStat *st, unsigned mode)
{
    long end;
    if (!st->daily || !st->series_end || !chart_parse_day(st->series_end, &end))
        return;
    static const int ranges[] = { 30, 90, 180, 548 };
    ChartSeries s = { "express", st->daily, st->ndaily, end };
    ChartOptions o = { ranges[mode & 3], (mode & 4) != 0, (mode & 8) != 0, (mode & 16) != 0 };
    ChartData *d = chart_data_build(&s, 1, &o);
    if (!d) abort();
    for (int i = 0; i < d->ndays; i++) {
        double v = d->values[0][i];
        if (!isnan(v) && (v < 0 || !isfinite(v))) abort();
    }
    static const ChartDots dots[] = { CHART_BRAILLE, CHART_BLOCKS, CHART_ASCII, CHART_BRAILLE };
    ChartGrid *g = chart_render(d, 80, 20, dots[(mode >> 5) & 3], d->ndays / 2);
    if (!g) abort();
    char *text = chart_grid_text(g, true);
    free(text);
    chart_grid_free(g);
    chart_data_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned mode = data[0];
    const char *path = fuzz_write_file("npm_express.json", data + 1, size - 1);
    char *dir = strdup(path);
    *strrchr(dir, '/') = '\0';
    CacheRecord r;
    char *err = NULL;
    int rc = cache_read(dir, "npm", "express", &r, &err);
    if (rc == 0) abort(); /* the file is there */
    if ((rc == -1) != (err != NULL)) abort();
    if (rc == -1 && strncmp(err, path, strlen(path)) != 0) abort(); /* names the file */
    if (rc == 1) {
        record_check(&r);
        round_trip(&r);
        /* As the fetcher reads it: a wait held to the source's longest. */
        time_t now = (mode & 128) ? SEED_TIME : r.checked_at + 3600;
        long longest = 86400;
        time_t retry = cache_trusted_retry_at(&r, now, longest);
        if (retry != 0 && (retry > r.retry_at || retry > r.checked_at + longest)) abort();
        r.retry_at = retry;
        StatsTable *t = stats_table_new();
        PackageStat *st = stats_get_or_add(t, "npm", "express");
        cache_apply(&r, st, now, 0);
        if (r.has_figures && st->source != STAT_SOURCE_CACHE) abort();
        chart_check(st, mode);
        stats_table_free(t);
        cache_record_clear(&r);
    }
    free(err);
    free(dir);
    return 0;
}
