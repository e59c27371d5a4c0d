/* cache.h: the disk cache of fetched download figures, one small JSON file
 * per package in $XDG_CACHE_HOME/versus/ (default ~/.cache/versus/), mode
 * 0600 in a 0700 directory, always written with file_write_cache (atomic,
 * without waiting for the disk: a record a power cut damaged is refused on
 * reading and fetched again).
 *
 * A record keeps the last good figures apart from the last answer: a
 * rate-limit or "not found" answer updates the status (and retry_at) but
 * never throws the last good figures away, and errors (5xx, timeouts,
 * broken bodies) are not written at all, so nothing good is ever lost.
 * Ownership: a CacheRecord owns its strings and series; cache_record_clear
 * frees them. Functions returning char * give the caller a string to free. */
#ifndef VERSUS_CACHE_CACHE_H
#define VERSUS_CACHE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/day.h"

#include "core/stats.h"

#define CACHE_FORMAT_VERSION 1
/* A record is a few kilobytes; anything far larger is not ours. */
#define CACHE_RECORD_MAX_BYTES (256 * 1024)

typedef struct CacheRecord {
    char *ecosystem;
    char *package;      /* as written in the data */
    StatStatus status;  /* of the last answer: ok, not found or rate-limited */
    char *detail;       /* short reason for a non-ok status, or NULL */
    time_t checked_at;  /* when the last answer came (0: never) */
    time_t retry_at;    /* rate-limited: not before this time; else 0 */
    /* The last good figures, when there ever were any. */
    bool has_figures;
    long long last_week;
    long long last_month;
    long long *daily;   /* oldest first, or NULL */
    size_t ndaily;
    char *series_end;   /* YYYY-MM-DD of the last daily value, or NULL */
    char *period;       /* e.g. "2026-10-01..2026-10-30", or NULL */
    char *url;          /* where the figures came from */
    time_t fetched_at;  /* when the figures were fetched */
} CacheRecord;

void cache_record_clear(CacheRecord *r);

/* $XDG_CACHE_HOME/versus when XDG_CACHE_HOME is an absolute path, else
 * $HOME/.cache/versus; NULL when neither is usable. */
char *cache_default_dir(void);

/* The file of one package: DIR/ECOSYSTEM_NAME.json with every byte outside
 * [A-Za-z0-9.-] (and a leading or repeated '.') percent-encoded, so no name
 * can make a path leave DIR or hide itself. A name that would be too long
 * for a file keeps its first 120 bytes and ends in "~" and 32 hex digits
 * of digests of the whole name (a collision would only cost a refetch:
 * a record names its package and is checked on read). */
char *cache_record_path(const char *dir, const char *ecosystem, const char *package);

/* Pure conversions, for tests and fuzzing. from_json returns 0, or -1 with
 * *err set (caller frees) when the text is not a valid record. */
char *cache_record_to_json(const CacheRecord *r);
int cache_record_from_json(const char *text, size_t len, CacheRecord *out, char **err);

/* Reads the record of (ecosystem, package): 1 found, 0 no record, -1 an
 * unreadable or invalid record (*err set, caller frees; the file is left
 * alone for the next good fetch to replace). A count above STAT_COUNT_MAX
 * makes a record invalid, reported as "PATH:LINE:COLUMN: implausible
 * download count in 'daily' (more than 10^13)". */
int cache_read(const char *dir, const char *ecosystem, const char *package, CacheRecord *out, char **err);
/* Writes a record atomically, creating dir (0700) if needed; 0 or -1 with *err. */
int cache_write(const char *dir, const CacheRecord *r, char **err);

/* Record <-> stat. cache_apply puts a record's figures and status into a
 * stat (source cache) as of `now`, for a service that updates its figures
 * daily at daily_update_s past 00:00 UTC: figures fetched before its last
 * update are stale, an expired rate-limit is no longer reported.
 * cache_record_from_stat copies a live stat's figures into a record. */
void cache_apply(const CacheRecord *r, PackageStat *st, time_t now, long daily_update_s);
void cache_record_set_figures(CacheRecord *r, const PackageStat *st);

/* The retry_at a record may still impose as of now: never later than
 * max_wait_s (the longest backoff its source allows) after the answer that
 * set it, and none at all when that answer is dated in the future (a clock
 * that was wrong once must not hold a package for years). */
time_t cache_trusted_retry_at(const CacheRecord *r, time_t now, long max_wait_s);

/* Times in records are written and read by core/day.h's time_to_iso and
 * iso_to_time. */

#endif
