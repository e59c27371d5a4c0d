/* health.h: package health for every evidence package (from deps.dev):
 * the latest version and when it was published, its licence, how many
 * known advisories affect it, and where deps.dev links a source
 * repository, that repository's stars and OpenSSF Scorecard score.
 * Each package's figures carry their provenance like the download figures:
 * where they came from, as of when, when fetched and how that went; the
 * repository's figures have a status of their own, so a failed project
 * request never costs the version's figures.
 * Pure data: src/load/ fills the bundled snapshot, src/fetch/ and the
 * cache replace it; src/export/ and src/ui/ read it. Evidence informs: no
 * score is computed from it.
 * Ownership: a HealthTable owns every entry and string in it;
 * health_table_free releases all. */
#ifndef VERSUS_CORE_HEALTH_H
#define VERSUS_CORE_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model.h"
#include "core/stats.h"

#define HEALTH_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL; "" when unknown */
#define HEALTH_UNKNOWN (-1)
/* Stars above this are junk (the most starred repositories have ~10^6). */
#define HEALTH_STARS_MAX 100000000LL
/* Advisories on one version above this are junk. */
#define HEALTH_ADVISORIES_MAX 10000

/* One package's figures. A figure not known is NULL, "", or HEALTH_UNKNOWN;
 * why it is not known is the status (or, for the bundled snapshot, that
 * the snapshot does not carry it). */
typedef struct HealthFigures {
    char *version;                     /* latest (default) version */
    char published[HEALTH_DATE_LEN];   /* the day it was published */
    char *license;                     /* SPDX expression(s), "" none declared */
    int advisories;                    /* known advisories affecting version */
    bool repo_known;                   /* whether a source repository is linked was read */
    char *repo;                        /* "github.com/owner/name", NULL none linked */
    long long stars;
    double scorecard;                  /* OpenSSF Scorecard 0..10, < 0 unknown */
    char scorecard_date[HEALTH_DATE_LEN];
} HealthFigures;

typedef struct PackageHealth {
    char *ecosystem; /* "npm", "pypi" */
    char *package;   /* as written in the data */
    HealthFigures f;
    StatSource source;    /* none, bundled, cache or live */
    char *origin;         /* the data set, or the URL of the version's record */
    char *as_of;          /* bundled: the day the snapshot describes */
    time_t fetched_at;    /* 0 unless fetched */
    StatStatus status;    /* of the version's figures */
    char *detail;
    StatStatus repo_status; /* of the repository's figures (stars, scorecard) */
    char *repo_detail;
} PackageHealth;

typedef struct HealthTable {
    PackageHealth *items;
    size_t count;
} HealthTable;

HealthTable *health_table_new(void);
void health_table_free(HealthTable *t);
/* The entry of (ecosystem, package), added (empty, source none) if absent. */
PackageHealth *health_table_get(HealthTable *t, const char *ecosystem, const char *package);
const PackageHealth *health_table_find(const HealthTable *t, const char *ecosystem, const char *package);
/* Adds an entry for every evidence package of ds. */
void health_table_add_evidence(HealthTable *t, const Dataset *ds);

void health_figures_init(HealthFigures *f);
void health_figures_clear(HealthFigures *f);
/* dst = a copy of src (dst's old figures freed). */
void health_figures_copy(HealthFigures *dst, const HealthFigures *src);
void health_set_text(char **slot, const char *text);

/* Whole days from the latest version's publication to today (YYYY-MM-DD),
 * HEALTH_UNKNOWN when not known. */
long health_days_since_release(const PackageHealth *h, const char *today);

/* One line for the details and the exports: "5.1.0, 612 days old · MIT ·
 * 0 advisories · github.com/expressjs/express 68.9k stars, scorecard 7.9";
 * a figure the bundled snapshot lacks reads "not in the snapshot", a live
 * one deps.dev did not give "unknown". Caller frees. */
char *health_describe(const PackageHealth *h, const char *today);
/* (ecosystem, package)'s health on the day of now with where it came from:
 * "5.3.0, 54 days old · MIT · ... (live, fetched 2026-12-02T07:00:00Z)".
 * Caller frees. */
char *health_line(const HealthTable *t, const char *ecosystem, const char *package, time_t now);
/* A few characters for a row on screen: "5.3.0 (54d, 0 adv, sc 8.1)",
 * "?" when the version is not known; only what is known. Caller frees. */
char *health_brief(const PackageHealth *h, const char *today);
/* The package's figures in the general evidence model (stats.h's
 * FIGURE_KINDS: latest_version, latest_release, license, advisories,
 * repository_stars, scorecard) with h's provenance, so they sit beside
 * the downloads in st->figures; a figure not known is removed. */
void health_put_figures(const PackageHealth *h, PackageStat *st);
/* health_put_figures for every entry of t that stats has. */
void health_sync_stats(const HealthTable *t, StatsTable *stats);
/* The table in a few words, for --fetch: "48 packages: 45 live, 3 cache;
 * 2 failed (not found), 1 without its repository's figures". Caller frees. */
char *health_summary(const HealthTable *t);
/* Where the figures came from: "bundled, as of 2026-12-02", "live, fetched
 * 2026-12-02T07:00:00Z", "no data"; then "; not found: ..." when not ok,
 * and "; repository: error: HTTP 500" when the repository's figures
 * failed. Caller frees. */
char *health_provenance(const PackageHealth *h);

#endif
