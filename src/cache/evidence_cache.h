/* evidence_cache.h: the disk cache of the evidence beyond downloads, in
 * the same directory and with the same care as cache.h's records (one
 * small JSON file each, 0600, written with file_write_cache, read without
 * following links, checked before use):
 *   a runtime's support windows  DIR/eol_PRODUCT.json: the service's
 *                                reply as it came, re-read by the same
 *                                parser as a live one
 *   a package's health           DIR/health-ECOSYSTEM_PACKAGE.json: the
 *                                figures, each checked as a reply's are
 * Only good answers are written there, so a failure never costs what was
 * cached. An answer that brings no figures but says something lasting
 * (not found, rate-limited with the time to wait) is remembered beside
 * them, as a download record's status is, in
 *   DIR/answer-eol_PRODUCT.json, DIR/answer-health-ECOSYSTEM_PACKAGE.json
 * and removed by the next good answer; a later fetch of figures than the
 * answer's also outranks it.
 * Ownership: strings handed out are the caller's to free. */
#ifndef VERSUS_CACHE_EVIDENCE_CACHE_H
#define VERSUS_CACHE_EVIDENCE_CACHE_H

#include <stddef.h>
#include <time.h>

#include "core/health.h"

/* The reply body (JSON) for product, fetched from origin at fetched_at. */
int cache_runtime_write(const char *dir, const char *product, const char *origin, time_t fetched_at,
                        const char *body, size_t len, char **err);
/* 1 found (*origin, *body with *len, *fetched_at set; caller frees), 0 no
 * record, -1 a record refused (*err says why, PATH: first). */
int cache_runtime_read(const char *dir, const char *product, char **origin, time_t *fetched_at, char **body,
                       size_t *len, char **err);

/* h's figures and provenance (source live or cache; status ok). */
int cache_health_write(const char *dir, const PackageHealth *h, char **err);
/* 1 found: h's figures, origin and fetched_at replaced, source cache,
 * statuses ok; 0 no record; -1 refused (*err), h untouched. */
int cache_health_read(const char *dir, PackageHealth *h, char **err);

/* The last answer without figures for one evidence item: kind "eol"
 * (ecosystem NULL, key the product) or "health" (key the package). */
typedef struct EvidenceAnswer {
    StatStatus status; /* not found or rate-limited */
    char *detail;      /* or NULL */
    time_t checked_at; /* when the answer came */
    time_t retry_at;   /* rate-limited: not before this time; else 0 */
} EvidenceAnswer;

void evidence_answer_clear(EvidenceAnswer *a);
/* 0, or -1 with *err; only not found and rate-limited are recorded. */
int cache_answer_write(const char *dir, const char *kind, const char *ecosystem, const char *key,
                       const EvidenceAnswer *a, char **err);
/* 1 found (*a set; evidence_answer_clear frees it), 0 none, -1 refused. */
int cache_answer_read(const char *dir, const char *kind, const char *ecosystem, const char *key, EvidenceAnswer *a,
                      char **err);
/* A good answer came: the recorded one, if any, no longer holds. */
void cache_answer_forget(const char *dir, const char *kind, const char *ecosystem, const char *key);
char *cache_answer_to_json(const char *kind, const char *ecosystem, const char *key, const EvidenceAnswer *a);
int cache_answer_from_json(const char *text, size_t len, const char *kind, const char *ecosystem, const char *key,
                           EvidenceAnswer *a, char **err);

/* Pure conversions, for the tests: 0, or -1 with *err. */
char *cache_health_to_json(const PackageHealth *h);
int cache_health_from_json(const char *text, size_t len, PackageHealth *h, char **err);

#endif
