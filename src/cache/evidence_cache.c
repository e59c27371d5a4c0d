/* evidence_cache.c: support windows and package health on disk (see
 * evidence_cache.h). */
#include "cache/evidence_cache.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache.h"
#include "core/day.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#define EVIDENCE_CACHE_FORMAT 1
#define TEXT_MAX 300

static char *runtime_path(const char *dir, const char *product) { return cache_record_path(dir, "eol", product); }

static char *health_path(const char *dir, const PackageHealth *h)
{
    char *eco = xasprintf("health-%s", h->ecosystem);
    char *path = cache_record_path(dir, eco, h->package);
    free(eco);
    return path;
}

/* Reads path: 1 text, 0 none, -1 refused. */
static int read_record(const char *path, char **text, size_t *len, char **err)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        *err = xasprintf("%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = xasprintf("%s: not a regular file", path);
        return -1;
    }
    return file_read_own(path, CACHE_RECORD_MAX_BYTES, text, len, err) == 0 ? 1 : -1;
}

static int write_record(const char *dir, const char *path, json_t *o, char **err)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        die("out of memory writing a cache record");
    int rc = dir_create_all(dir, 0700, err) == 0 ? file_write_cache(path, text, strlen(text), 0600, err) : -1;
    free(text);
    return rc;
}

static json_t *iso(time_t t)
{
    char buf[32];
    time_to_iso(t, buf);
    return json_string(buf);
}

int cache_runtime_write(const char *dir, const char *product, const char *origin, time_t fetched_at,
                        const char *body, size_t len, char **err)
{
    json_error_t jerr;
    json_t *reply = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!reply) {
        *err = xstrdup("the reply is not JSON");
        return -1;
    }
    json_t *o = json_object();
    json_object_set_new(o, "format", json_integer(EVIDENCE_CACHE_FORMAT));
    json_object_set_new(o, "product", json_string(product));
    json_object_set_new(o, "origin", json_string(origin));
    json_object_set_new(o, "fetched_at", iso(fetched_at));
    json_object_set_new(o, "reply", reply);
    char *path = runtime_path(dir, product);
    int rc = write_record(dir, path, o, err);
    free(path);
    return rc;
}

/* A string member of at most TEXT_MAX bytes, or NULL. */
static const char *str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) && strlen(json_string_value(v)) <= TEXT_MAX ? json_string_value(v) : NULL;
}

static bool when(const json_t *o, const char *key, time_t *out)
{
    const char *s = str(o, key);
    return s && iso_to_time(s, out);
}

int cache_runtime_read(const char *dir, const char *product, char **origin, time_t *fetched_at, char **body,
                       size_t *len, char **err)
{
    *origin = NULL;
    *body = NULL;
    *len = 0;
    char *path = runtime_path(dir, product), *text = NULL;
    size_t n = 0;
    int rc = read_record(path, &text, &n, err);
    if (rc != 1) {
        free(path);
        return rc;
    }
    json_error_t jerr;
    json_t *o = json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    const json_t *reply = json_is_object(o) ? json_object_get(o, "reply") : NULL;
    const char *prod = json_is_object(o) ? str(o, "product") : NULL, *from = json_is_object(o) ? str(o, "origin") : NULL;
    const json_t *fmt = json_is_object(o) ? json_object_get(o, "format") : NULL;
    if (!json_is_integer(fmt) || json_integer_value(fmt) != EVIDENCE_CACHE_FORMAT || !prod ||
        strcmp(prod, product) != 0 || !from || !when(o, "fetched_at", fetched_at) || !reply) {
        *err = xasprintf("%s: not a support-window record for %s", path, product);
        json_decref(o);
        free(path);
        return -1;
    }
    *body = json_dumps(reply, JSON_COMPACT | JSON_PRESERVE_ORDER);
    *len = *body ? strlen(*body) : 0;
    *origin = xstrdup(from);
    json_decref(o);
    free(path);
    return 1;
}

static json_t *opt_str(const char *s) { return s ? json_string(s) : json_null(); }

char *cache_health_to_json(const PackageHealth *h)
{
    const HealthFigures *f = &h->f;
    json_t *o = json_object();
    json_object_set_new(o, "format", json_integer(EVIDENCE_CACHE_FORMAT));
    json_object_set_new(o, "ecosystem", json_string(h->ecosystem));
    json_object_set_new(o, "package", json_string(h->package));
    json_object_set_new(o, "origin", opt_str(h->origin));
    json_object_set_new(o, "fetched_at", iso(h->fetched_at));
    json_object_set_new(o, "version", opt_str(f->version));
    json_object_set_new(o, "published", f->published[0] ? json_string(f->published) : json_null());
    json_object_set_new(o, "license", opt_str(f->license));
    json_object_set_new(o, "advisories", f->advisories >= 0 ? json_integer(f->advisories) : json_null());
    json_object_set_new(o, "repository_known", json_boolean(f->repo_known));
    json_object_set_new(o, "repository", opt_str(f->repo));
    json_object_set_new(o, "stars", f->stars >= 0 ? json_integer(f->stars) : json_null());
    json_object_set_new(o, "scorecard", f->scorecard >= 0 ? json_real(f->scorecard) : json_null());
    json_object_set_new(o, "scorecard_date", f->scorecard_date[0] ? json_string(f->scorecard_date) : json_null());
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        die("out of memory writing a cache record");
    return text;
}

/* A day "YYYY-MM-DD" or null. */
static bool day_member(const json_t *o, const char *key, char out[HEALTH_DATE_LEN])
{
    const json_t *v = json_object_get(o, key);
    long day;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v) || strlen(json_string_value(v)) != 10 || !day_parse(json_string_value(v), &day))
        return false;
    memcpy(out, json_string_value(v), HEALTH_DATE_LEN);
    return true;
}

static bool text_member(const json_t *o, const char *key, char **out)
{
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v) || strlen(json_string_value(v)) > TEXT_MAX)
        return false;
    *out = xstrdup(json_string_value(v));
    return true;
}

static bool count_member(const json_t *o, const char *key, long long max, long long *out)
{
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return true;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max)
        return false;
    *out = json_integer_value(v);
    return true;
}

int cache_health_from_json(const char *text, size_t len, PackageHealth *h, char **err)
{
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    HealthFigures f;
    health_figures_init(&f);
    char *origin = NULL;
    time_t fetched = 0;
    long long adv = HEALTH_UNKNOWN, stars = HEALTH_UNKNOWN;
    const char *bad = NULL;
    const json_t *fmt = json_is_object(o) ? json_object_get(o, "format") : NULL;
    const json_t *known = json_is_object(o) ? json_object_get(o, "repository_known") : NULL;
    const json_t *score = json_is_object(o) ? json_object_get(o, "scorecard") : NULL;
    if (!json_is_integer(fmt) || json_integer_value(fmt) != EVIDENCE_CACHE_FORMAT)
        bad = "format";
    else if (!str(o, "ecosystem") || strcmp(str(o, "ecosystem"), h->ecosystem) != 0 || !str(o, "package") ||
             strcmp(str(o, "package"), h->package) != 0)
        bad = "package";
    else if (!when(o, "fetched_at", &fetched))
        bad = "fetched_at";
    else if (!text_member(o, "origin", &origin) || !text_member(o, "version", &f.version) ||
             !text_member(o, "license", &f.license) || !text_member(o, "repository", &f.repo))
        bad = "text";
    else if (!day_member(o, "published", f.published) || !day_member(o, "scorecard_date", f.scorecard_date))
        bad = "day";
    else if (!count_member(o, "advisories", HEALTH_ADVISORIES_MAX, &adv) ||
             !count_member(o, "stars", HEALTH_STARS_MAX, &stars))
        bad = "count";
    else if (!json_is_boolean(known) || (f.repo && !json_is_true(known)))
        bad = "repository_known";
    else if (score && !json_is_null(score) &&
             (!json_is_number(score) || !isfinite(json_number_value(score)) || json_number_value(score) < 0 ||
              json_number_value(score) > 10))
        bad = "scorecard";
    if (bad) {
        *err = xasprintf("invalid or missing '%s'", bad);
        health_figures_clear(&f);
        free(origin);
        json_decref(o);
        return -1;
    }
    f.advisories = (int)adv;
    f.stars = stars;
    f.repo_known = json_is_true(known);
    f.scorecard = score && json_is_number(score) ? json_number_value(score) : -1.0;
    health_figures_clear(&h->f);
    h->f = f;
    health_set_text(&h->origin, origin);
    free(origin);
    h->fetched_at = fetched;
    h->source = STAT_SOURCE_CACHE;
    h->status = STAT_OK;
    health_set_text(&h->detail, NULL);
    h->repo_status = STAT_OK;
    health_set_text(&h->repo_detail, NULL);
    health_set_text(&h->as_of, NULL);
    json_decref(o);
    return 0;
}

int cache_health_write(const char *dir, const PackageHealth *h, char **err)
{
    char *text = cache_health_to_json(h);
    char *path = health_path(dir, h);
    int rc = dir_create_all(dir, 0700, err) == 0 ? file_write_cache(path, text, strlen(text), 0600, err) : -1;
    free(path);
    free(text);
    return rc;
}

int cache_health_read(const char *dir, PackageHealth *h, char **err)
{
    char *path = health_path(dir, h), *text = NULL;
    size_t len = 0;
    int rc = read_record(path, &text, &len, err);
    if (rc == 1) {
        char *why = NULL;
        if (cache_health_from_json(text, len, h, &why) != 0) {
            *err = xasprintf("%s: %s", path, why);
            free(why);
            rc = -1;
        }
    }
    free(text);
    free(path);
    return rc;
}

/* ---- answers without figures ---- */

static char *answer_path(const char *dir, const char *kind, const char *ecosystem, const char *key)
{
    char *prefix = ecosystem ? xasprintf("answer-%s-%s", kind, ecosystem) : xasprintf("answer-%s", kind);
    char *path = cache_record_path(dir, prefix, key);
    free(prefix);
    return path;
}

void evidence_answer_clear(EvidenceAnswer *a)
{
    free(a->detail);
    memset(a, 0, sizeof *a);
}

char *cache_answer_to_json(const char *kind, const char *ecosystem, const char *key, const EvidenceAnswer *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_integer(EVIDENCE_CACHE_FORMAT));
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "ecosystem", opt_str(ecosystem));
    json_object_set_new(o, "key", json_string(key));
    json_object_set_new(o, "status", json_string(stat_status_name(a->status)));
    json_object_set_new(o, "detail", opt_str(a->detail));
    json_object_set_new(o, "checked_at", iso(a->checked_at));
    json_object_set_new(o, "retry_at", a->retry_at > 0 ? iso(a->retry_at) : json_null());
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        die("out of memory writing a cache record");
    return text;
}

static bool same_text(const json_t *o, const char *member, const char *want)
{
    const json_t *v = json_object_get(o, member);
    if (!want)
        return json_is_null(v);
    return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}

int cache_answer_from_json(const char *text, size_t len, const char *kind, const char *ecosystem, const char *key,
                           EvidenceAnswer *a, char **err)
{
    memset(a, 0, sizeof *a);
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    const json_t *fmt = json_is_object(o) ? json_object_get(o, "format") : NULL;
    const json_t *retry = json_is_object(o) ? json_object_get(o, "retry_at") : NULL;
    const char *status = json_is_object(o) ? str(o, "status") : NULL;
    char *detail = NULL;
    const char *bad = NULL;
    if (!json_is_integer(fmt) || json_integer_value(fmt) != EVIDENCE_CACHE_FORMAT)
        bad = "format";
    else if (!same_text(o, "kind", kind) || !same_text(o, "ecosystem", ecosystem) || !same_text(o, "key", key))
        bad = "key";
    else if (!status || !stat_status_from_name(status, &a->status) ||
             (a->status != STAT_NOT_FOUND && a->status != STAT_RATE_LIMITED))
        bad = "status";
    else if (!text_member(o, "detail", &detail))
        bad = "detail";
    else if (!when(o, "checked_at", &a->checked_at))
        bad = "checked_at";
    else if (retry && !json_is_null(retry) && !when(o, "retry_at", &a->retry_at))
        bad = "retry_at";
    else if (a->status != STAT_RATE_LIMITED && a->retry_at)
        bad = "retry_at";
    json_decref(o);
    if (bad) {
        free(detail);
        memset(a, 0, sizeof *a);
        *err = xasprintf("invalid or missing '%s'", bad);
        return -1;
    }
    a->detail = detail;
    return 0;
}

int cache_answer_write(const char *dir, const char *kind, const char *ecosystem, const char *key,
                       const EvidenceAnswer *a, char **err)
{
    if (a->status != STAT_NOT_FOUND && a->status != STAT_RATE_LIMITED) {
        *err = xstrdup("only 'not found' and 'rate-limited' answers are recorded");
        return -1;
    }
    char *text = cache_answer_to_json(kind, ecosystem, key, a);
    char *path = answer_path(dir, kind, ecosystem, key);
    int rc = dir_create_all(dir, 0700, err) == 0 ? file_write_cache(path, text, strlen(text), 0600, err) : -1;
    free(path);
    free(text);
    return rc;
}

int cache_answer_read(const char *dir, const char *kind, const char *ecosystem, const char *key, EvidenceAnswer *a,
                      char **err)
{
    memset(a, 0, sizeof *a);
    char *path = answer_path(dir, kind, ecosystem, key), *text = NULL;
    size_t len = 0;
    int rc = read_record(path, &text, &len, err);
    if (rc == 1) {
        char *why = NULL;
        if (cache_answer_from_json(text, len, kind, ecosystem, key, a, &why) != 0) {
            *err = xasprintf("%s: %s", path, why);
            free(why);
            rc = -1;
        }
    }
    free(text);
    free(path);
    return rc;
}

void cache_answer_forget(const char *dir, const char *kind, const char *ecosystem, const char *key)
{
    char *path = answer_path(dir, kind, ecosystem, key);
    (void)unlink(path); /* none there, or a read-only cache: the later figures outrank it on reading */
    free(path);
}
