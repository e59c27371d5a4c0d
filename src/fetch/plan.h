/* plan.h: which requests one refresh makes. Pure: names in, URL paths out.
 * npm: every unscoped name goes into bulk `range` requests (at most
 * bulk_max names and PLAN_PATH_MAX bytes each, so the URL stays short
 * enough for the server), every scoped name (@scope/name) is asked for
 * alone, unencoded. pypistats: one request per project, PEP 503-normalised.
 * Names are guarded first: nothing that could change the URL's path
 * (".", "..", "/", "%", "?", "#", ",", spaces...) ever reaches a URL.
 * Ownership: plan_* return an array the caller frees with plan_free. */
#ifndef VERSUS_FETCH_PLAN_H
#define VERSUS_FETCH_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ecosystem.h" /* the name guards and PEP 503 */

/* The longest request path planned; past a few kilobytes servers answer 400. */
#define PLAN_PATH_MAX 2000

typedef struct PlannedRequest {
    char *path;    /* the endpoint with its placeholder filled in */
    size_t *items; /* indices into the names given to the planner */
    size_t nitems;
    long first_day, last_day; /* a history request's days (days since 1970); 0 for a refresh */
} PlannedRequest;

/* npm's limits on one `range` request's period: 365 days for a bulk
 * request, 18 months (the API cuts longer ones) for a single name. */
#define PLAN_NPM_BULK_DAYS 365
#define PLAN_NPM_SINGLE_DAYS 548

/* The days an npm endpoint's period covers: 1, 7 or 30 for last-day,
 * last-week and last-month; 0 for any other period (not checked). */
size_t plan_npm_period_days(const char *endpoint);

/* endpoint with its one placeholder ("{packages}" or "{package}")
 * replaced by value. Caller frees. */
char *plan_expand(const char *endpoint, const char *placeholder, const char *value);

/* Plans the npm requests for names[0..n) (valid, no duplicates). Unscoped
 * names come first, in bulk requests, then each scoped name. */
PlannedRequest *plan_npm(const char *endpoint, const char *const *names, size_t n, size_t bulk_max,
                         size_t *nrequests);
/* One request per name (valid, normalised, no duplicates), the name in
 * place of placeholder: the plan of any protocol that asks for one name a
 * request. */
PlannedRequest *plan_each(const char *endpoint, const char *placeholder, const char *const *names, size_t n,
                          size_t *nrequests);
/* plan_each with pypistats' "{package}". */
PlannedRequest *plan_pypistats(const char *endpoint, const char *const *names, size_t n, size_t *nrequests);
/* A single-name request for npm or pypistats. */
PlannedRequest plan_single(const char *endpoint, const char *placeholder, const char *name, size_t item);
/* One npm request for names[0..n) (items 0..n-1), e.g. half of a refused
 * bulk request: comma-separated in {packages}, the flat shape when n is 1. */
PlannedRequest plan_group(const char *endpoint, const char *const *names, size_t n);
/* The endpoint with its `range` period ("/downloads/range/last-month/...")
 * replaced by the days first..last ("2025-06-01:2026-11-30"). Caller frees;
 * NULL when the endpoint has no such period. */
char *plan_npm_period_endpoint(const char *endpoint, long first_day, long last_day);
/* The npm requests for the days first..last of names[0..n) (valid, no
 * duplicates): unscoped names in bulk requests of at most bulk_max names
 * and PLAN_NPM_BULK_DAYS days each (the latest days first), each scoped
 * name alone over at most PLAN_NPM_SINGLE_DAYS days a request. Each
 * request says its days. NULL (*nrequests 0) when the endpoint has no
 * period to replace or first > last. */
PlannedRequest *plan_npm_history(const char *endpoint, const char *const *names, size_t n, size_t bulk_max,
                                 long first_day, long last_day, size_t *nrequests);
void plan_free(PlannedRequest *reqs, size_t n);

#endif
