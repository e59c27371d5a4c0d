/* stats.h: the figures known of every evidence package, with provenance.
 * One PackageStat per (ecosystem, package) named anywhere in the data set.
 * A package carries a set of figures (FigureSet): each one value of a kind
 * from FIGURE_KINDS (downloads in the last 7 or 30 days today; release
 * dates, advisory counts or support windows are rows of the same table),
 * with its unit, the period it covers, where it came from (bundled
 * snapshot, disk cache or a live fetch), its origin, when it was fetched
 * and its status. Exports and the screen list figures from the table, so
 * a new kind needs a row, not a special case. The download series and the
 * state of the last fetch stay on the PackageStat itself.
 * Pure data: src/load/ fills the bundled figures, src/cache/ and src/fetch/
 * replace them; src/export/ and src/ui/ read them.
 * Ownership: a StatsTable owns all its entries and their strings;
 * stats_table_free releases everything. */
#ifndef VERSUS_CORE_STATS_H
#define VERSUS_CORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model.h"

#define STAT_UNKNOWN (-1LL)
/* No download figure of one package comes near this, not a day's and not
 * a month's (npm serves some 10^10 downloads a day in all): above it a
 * count is junk, whether it comes in a reply, the cache or snapshot.yaml.
 * Summing thousands of figures up to it cannot overflow a long long. */
#define STAT_COUNT_MAX 10000000000000LL

/* Where a figure came from: X(id, stable name). The names appear in the
 * exports, the cache and on screen.
 *   none: no figure at all; bundled: data/snapshot.yaml, a dated monthly
 *   figure shipped with versus; cache: a fetched figure read back from the
 *   disk cache; live: fetched during this run. */
#define STAT_SOURCES(X)                \
    X(STAT_SOURCE_NONE, "none")        \
    X(STAT_SOURCE_BUNDLED, "bundled")  \
    X(STAT_SOURCE_CACHE, "cache")      \
    X(STAT_SOURCE_LIVE, "live")

/* A figure's status: X(id, stable name).
 *   stale: fetched before the service's last daily update (kept, shown,
 *   marked stale); pending: a fetch is under way; not found: the registry
 *   does not know the package; rate-limited: the server asked us to back
 *   off (see retry_at); offline: not fetched, offline or the network is
 *   unreachable; error: any other failure (see detail). */
#define STAT_STATUSES(X)                    \
    X(STAT_OK, "ok")                        \
    X(STAT_STALE, "stale")                  \
    X(STAT_PENDING, "pending")              \
    X(STAT_NOT_FOUND, "not found")          \
    X(STAT_RATE_LIMITED, "rate-limited")    \
    X(STAT_OFFLINE, "offline")              \
    X(STAT_ERROR, "error")

#define STAT_ENUM_ROW(id, name) id,
typedef enum StatSource { STAT_SOURCES(STAT_ENUM_ROW) } StatSource;
typedef enum StatStatus { STAT_STATUSES(STAT_ENUM_ROW) } StatStatus;
#undef STAT_ENUM_ROW
/* How many of each (not members of the enums, so switches stay exhaustive). */
#define STAT_COUNT_ROW(id, name) +1
enum { STAT_NSOURCES = 0 STAT_SOURCES(STAT_COUNT_ROW), STAT_NSTATUSES = 0 STAT_STATUSES(STAT_COUNT_ROW) };
#undef STAT_COUNT_ROW

/* How a figure's value reads: X(id, stable name).
 *   count: a whole number, shown three digits ("42.1M"); days: a number of
 *   days ("12d"); date: a day, YYYY-MM-DD; text: a word or two (a licence,
 *   a version). count and days are `number`, date and text are `text`. */
#define FIGURE_UNITS(X)              \
    X(FIG_UNIT_COUNT, "count")       \
    X(FIG_UNIT_DAYS, "days")         \
    X(FIG_UNIT_DATE, "date")         \
    X(FIG_UNIT_TEXT, "text")

/* What a figure measures: X(id, key, label, unit). key is stable (exports,
 * cache); label is how a reader is told what it is. Adding a kind of
 * evidence: one row here; its source fills it with figures_put. */
#define FIGURE_KINDS(X)                                                                  \
    X(FIG_DOWNLOADS_WEEK, "downloads_week", "downloads in the last 7 days", FIG_UNIT_COUNT)   \
    X(FIG_DOWNLOADS_MONTH, "downloads_month", "downloads in the last 30 days", FIG_UNIT_COUNT)  \
    X(FIG_LATEST_VERSION, "latest_version", "latest version", FIG_UNIT_TEXT)                 \
    X(FIG_LATEST_RELEASE, "latest_release", "day the latest version was published", FIG_UNIT_DATE) \
    X(FIG_LICENSE, "license", "licence of the latest version", FIG_UNIT_TEXT)                \
    X(FIG_ADVISORIES, "advisories", "known advisories affecting the latest version", FIG_UNIT_COUNT) \
    X(FIG_REPO_STARS, "repository_stars", "stars of the linked source repository", FIG_UNIT_COUNT) \
    X(FIG_SCORECARD, "scorecard", "OpenSSF Scorecard score of that repository, of 10", FIG_UNIT_TEXT)

#define FIGURE_ENUM_ROW(id, ...) id,
typedef enum FigureUnit { FIGURE_UNITS(FIGURE_ENUM_ROW) } FigureUnit;
typedef enum FigureKind { FIGURE_KINDS(FIGURE_ENUM_ROW) } FigureKind;
#undef FIGURE_ENUM_ROW
#define FIGURE_COUNT_ROW(id, ...) +1
enum { FIGURE_NUNITS = 0 FIGURE_UNITS(FIGURE_COUNT_ROW), FIGURE_NKINDS = 0 FIGURE_KINDS(FIGURE_COUNT_ROW) };
#undef FIGURE_COUNT_ROW

/* One figure and where it came from: the provenance of when its value was
 * obtained (a later failed fetch leaves it, and its provenance, as it was). */
typedef struct Figure {
    FigureKind kind;
    long long number;  /* count, days: the value (never STAT_UNKNOWN: an unknown figure is absent) */
    char *text;        /* date, text: the value; NULL for count and days */
    char *period;      /* what it covers ("2026-10-29..2026-11-27") or the day it holds for, or NULL */
    StatSource source; /* bundled, cache or live */
    char *origin;      /* the data set's source, or the URL it came from */
    time_t fetched_at; /* 0 when not fetched */
    StatStatus status; /* ok or stale */
} Figure;

/* A package's figures, at most one of each kind, in the order first set. */
typedef struct FigureSet {
    Figure *items;
    size_t count;
} FigureSet;

typedef struct PackageStat {
    char *ecosystem;      /* "npm", "pypi" */
    char *package;        /* as written in the data */
    FigureSet figures;    /* what is known of it, downloads included */
    long long *daily;     /* downloads a day, oldest first; NULL when no series is known */
    size_t ndaily;
    char *series_end;     /* YYYY-MM-DD of the last daily value, or NULL */
    /* The download figures' provenance and the state of the last fetch:
     * what stat_set_downloads gives the two download figures, and what the
     * fetcher, the cache and the header go by. */
    StatSource source;
    char *period;         /* what the download figures cover, e.g. "2026-10-29..2026-11-27" */
    char *origin;         /* bundled: the data set's source; live/cache: the URL */
    time_t fetched_at;    /* 0 when not fetched */
    StatStatus status;
    char *detail;         /* short reason for a non-ok status, or NULL */
    time_t retry_at;      /* rate-limited: not before this time; else 0 */
} PackageStat;

typedef struct StatsTable {
    PackageStat *items;
    size_t count;
    size_t cap;
    /* Open-addressing index into items (entry + 1, 0 = empty): the
     * dashboard looks packages up thousands of times a frame at scale. */
    size_t *slots;
    size_t nslots;
} StatsTable;

StatsTable *stats_table_new(void);
void stats_table_free(StatsTable *t);

/* The entry for (ecosystem, package), or NULL. */
PackageStat *stats_find(const StatsTable *t, const char *ecosystem, const char *package);
/* The entry for (ecosystem, package), added empty (source NONE) if absent. */
PackageStat *stats_get_or_add(StatsTable *t, const char *ecosystem, const char *package);
/* Adds an empty entry for every evidence package of ds not yet present. */
void stats_add_evidence(StatsTable *t, const Dataset *ds);

/* Replaces the strings/series of an entry (copies them); NULL clears. */
void stat_set_period(PackageStat *st, const char *period);
void stat_set_origin(PackageStat *st, const char *origin);
void stat_set_detail(PackageStat *st, const char *detail);
void stat_set_series(PackageStat *st, const long long *daily, size_t n, const char *series_end);

/* ---- figures ---- */

/* The figure of kind k, or NULL when it is not known. */
const Figure *figures_find(const FigureSet *set, FigureKind k);
/* Sets the figure of kind k (added if absent, else replaced): a number for
 * count and days (text NULL), text for date and text (number 0), and its
 * provenance; strings are copied. A negative number or NULL text for its
 * unit removes the figure (unknown). Returns the figure, or NULL when
 * removed. */
const Figure *figures_put(FigureSet *set, FigureKind k, long long number, const char *text,
                          const char *period, StatSource source, const char *origin, time_t fetched_at,
                          StatStatus status);
void figures_remove(FigureSet *set, FigureKind k);
/* Frees every figure and leaves the set empty. */
void figures_clear(FigureSet *set);

/* The kind's row: "downloads_month", "downloads in the last 30 days",
 * FIG_UNIT_COUNT. */
const char *figure_kind_key(FigureKind k);
const char *figure_kind_label(FigureKind k);
FigureUnit figure_kind_unit(FigureKind k);
bool figure_kind_from_key(const char *key, FigureKind *out);
/* "count", "days", "date", "text" */
const char *figure_unit_name(FigureUnit u);
/* The value as shown by its unit's rule: "42.1M", "12d", "2026-10-01",
 * "MIT" (cut to fit out[FIGURE_TEXT_MAX]); "-" for NULL. */
#define FIGURE_TEXT_MAX 48
void figure_format(const Figure *f, char out[FIGURE_TEXT_MAX]);
/* The same rule for a value of unit u (number for count and days, text for
 * date and text; a negative number or NULL text is "-"). */
void figure_format_value(FigureUnit u, long long number, const char *text, char out[FIGURE_TEXT_MAX]);

/* A package's number of kind k (count or days), or STAT_UNKNOWN. */
long long stat_number(const PackageStat *st, FigureKind k);
/* Sets (or, when STAT_UNKNOWN, removes) the two download figures, with the
 * provenance st holds now: set source, period, origin, fetched_at and
 * status first. */
void stat_set_downloads(PackageStat *st, long long last_week, long long last_month);

/* The most days of a daily series kept: npm's 18 months (about 548
 * days) with room to spare. */
#define STAT_SERIES_MAX 600

/* Puts daily[0..n) ending on series_end (YYYY-MM-DD) together with the
 * entry's series, day by day: the new figures win where both have a day,
 * the old ones fill in the rest, and the result runs back from the later
 * end as far as one of the two covers each day without a gap, at most
 * STAT_SERIES_MAX days. An entry without a valid series takes the new one
 * as it is. False (entry untouched) when series_end is not a date. */
bool stat_merge_series(PackageStat *st, const long long *daily, size_t n, const char *series_end);

/* Services that update their figures once a day at update_s seconds past
 * 00:00 UTC: the first such moment after t. A figure fetched at t is fresh
 * until then: asking again sooner only gets the same numbers. */
time_t stats_next_update(time_t t, long update_s);

/* *sum += v, checked: false (and *sum unchanged) when v is negative or
 * the sum would overflow. */
bool stat_count_add(long long *sum, long long v);

/* Stable lower-case names: "bundled", "cache", "live", "none";
 * "ok", "stale", "pending", "not found", "rate-limited", "offline", "error". */
const char *stat_source_name(StatSource s);
const char *stat_status_name(StatStatus s);
/* The reverse: false when name is none of them. */
bool stat_source_from_name(const char *name, StatSource *out);
bool stat_status_from_name(const char *name, StatStatus *out);

#endif
