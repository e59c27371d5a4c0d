/* evidence_cache.h: the disk cache of the evidence beyond downloads, in
 * the same directory and with the same care as cache.h's records (one
 * small JSON file each, 0600, written with file_write_atomic, read without
 * following links, checked before use):
 *   a runtime's support windows  DIR/eol_PRODUCT.json: the service's
 *                                reply as it came, re-read by the same
 *                                parser as a live one
 *   a package's health           DIR/health-ECOSYSTEM_PACKAGE.json: the
 *                                figures, each checked as a reply's are
 * Only good answers are written, so a failure never costs what was cached.
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

/* Pure conversions, for the tests: 0, or -1 with *err. */
char *cache_health_to_json(const PackageHealth *h);
int cache_health_from_json(const char *text, size_t len, PackageHealth *h, char **err);

#endif
