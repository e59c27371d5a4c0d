/* fuzz_evidence_cache.c: the evidence cache's records as found in the cache
 * directory. The first byte picks the record (bit 0: a package's health,
 * or the last answer without figures; bit 1: of which item, the answer's
 * being a package's health or a runtime's support window); the rest is
 * the file. An accepted record is within the bounds a reply's figures
 * keep, and writes and reads back identical. */
#include <stdlib.h>
#include <string.h>

#include "cache/evidence_cache.h"
#include "fuzz/fuzz_common.h"

static void health_record(const char *text, size_t len, int which)
{
    HealthTable *t = health_table_new();
    PackageHealth *h = health_table_get(t, which ? "pypi" : "npm", which ? "django" : "express");
    char *err = NULL;
    int rc = cache_health_from_json(text, len, h, &err);
    if ((rc == 0) != (err == NULL)) abort();
    if (rc == 0) {
        const HealthFigures *f = &h->f;
        if (h->source != STAT_SOURCE_CACHE || h->status != STAT_OK) abort();
        if (f->advisories > HEALTH_ADVISORIES_MAX || f->stars > HEALTH_STARS_MAX || f->scorecard > 10) abort();
        if (f->published[0] && strlen(f->published) != 10) abort();
        if (f->repo && !f->repo_known) abort();
        char *once = cache_health_to_json(h);
        HealthTable *t2 = health_table_new();
        PackageHealth *h2 = health_table_get(t2, h->ecosystem, h->package);
        char *why = NULL;
        if (cache_health_from_json(once, strlen(once), h2, &why) != 0) abort();
        char *twice = cache_health_to_json(h2);
        if (strcmp(once, twice) != 0) abort();
        free(once);
        free(twice);
        health_table_free(t2);
    }
    free(err);
    health_table_free(t);
}

static void answer_record(const char *text, size_t len, int which)
{
    const char *kind = which ? "eol" : "health", *eco = which ? NULL : "npm", *key = which ? "nodejs" : "express";
    EvidenceAnswer a;
    char *err = NULL;
    int rc = cache_answer_from_json(text, len, kind, eco, key, &a, &err);
    if ((rc == 0) != (err == NULL)) abort();
    if (rc == 0) {
        if (a.status != STAT_NOT_FOUND && a.status != STAT_RATE_LIMITED) abort();
        if (a.status != STAT_RATE_LIMITED && a.retry_at) abort();
        if (a.checked_at <= 0) abort();
        char *once = cache_answer_to_json(kind, eco, key, &a);
        EvidenceAnswer b;
        char *why = NULL;
        if (cache_answer_from_json(once, strlen(once), kind, eco, key, &b, &why) != 0) abort();
        char *twice = cache_answer_to_json(kind, eco, key, &b);
        if (strcmp(once, twice) != 0) abort();
        free(once);
        free(twice);
        evidence_answer_clear(&b);
    }
    free(err);
    evidence_answer_clear(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned mode = data[0];
    size_t len = size - 1;
    char *text = malloc(len ? len : 1);
    if (len) memcpy(text, data + 1, len);
    if (mode & 1)
        answer_record(text, len, (mode >> 1) & 1);
    else
        health_record(text, len, (mode >> 1) & 1);
    free(text);
    return 0;
}
