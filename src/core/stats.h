/* stats.h: download figures for every evidence package, with provenance.
 * One PackageStat per (ecosystem, package) named anywhere in the data set.
 * Each figure says where it came from (bundled snapshot, disk cache or a live
 * fetch), what period it covers, when it was fetched, and its status.
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

typedef struct PackageStat {
    char *ecosystem;      /* "npm", "pypi" */
    char *package;        /* as written in the data */
    long long last_week;  /* downloads, or STAT_UNKNOWN */
    long long last_month; /* downloads, or STAT_UNKNOWN */
    long long *daily;     /* oldest first; NULL when no series is known */
    size_t ndaily;
    char *series_end;     /* YYYY-MM-DD of the last daily value, or NULL */
    StatSource source;
    char *period;         /* what the figures cover, e.g. "2026-10-29..2026-11-27" */
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
