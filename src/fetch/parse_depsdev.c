/* parse_depsdev.c: deps.dev v3 replies -> HealthFigures. */
#include "fetch/parse_depsdev.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

#define VERSION_MAX 128
#define LICENSE_MAX 200
#define PROJECT_MAX 300

const char *depsdev_system(const char *ecosystem)
{
    if (strcmp(ecosystem, "npm") == 0)
        return "NPM";
    if (strcmp(ecosystem, "pypi") == 0)
        return "PYPI";
    return NULL;
}

char *depsdev_escape(const char *s)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
            sb_append_char(&sb, (char)*p);
        else
            sb_appendf(&sb, "%%%02X", *p);
    }
    return sb_take(&sb);
}

char *depsdev_package_path(const char *system, const char *name)
{
    char *n = depsdev_escape(name);
    char *out = xasprintf("/systems/%s/packages/%s", system, n);
    free(n);
    return out;
}

char *depsdev_version_path(const char *system, const char *name, const char *version)
{
    char *n = depsdev_escape(name), *v = depsdev_escape(version);
    char *out = xasprintf("/systems/%s/packages/%s/versions/%s", system, n, v);
    free(n);
    free(v);
    return out;
}

char *depsdev_project_path(const char *project)
{
    char *p = depsdev_escape(project);
    char *out = xasprintf("/projects/%s", p);
    free(p);
    return out;
}

/* Printable ASCII without spaces, 1..max bytes. */
static bool plain_token(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    return true;
}

/* Names as deps.dev canonicalises them: case, and PyPI's runs of - _ .,
 * do not tell two names apart. */
static bool same_name(const char *a, const char *b)
{
    for (;;) {
        bool sa = *a == '-' || *a == '_' || *a == '.', sb = *b == '-' || *b == '_' || *b == '.';
        if (sa && sb) {
            while (*a == '-' || *a == '_' || *a == '.')
                a++;
            while (*b == '-' || *b == '_' || *b == '.')
                b++;
            continue;
        }
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
        if (!*a)
            return true;
        a++;
        b++;
    }
}

/* RFC 3339 "2025-03-31T14:01:22Z" -> "2025-03-31". */
static bool take_day(const json_t *v, char out[HEALTH_DATE_LEN])
{
    long day;
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s || strlen(s) < 10 || (s[10] != '\0' && s[10] != 'T'))
        return false;
    char buf[HEALTH_DATE_LEN];
    memcpy(buf, s, 10);
    buf[10] = '\0';
    if (!parse_day(buf, &day))
        return false;
    memcpy(out, buf, HEALTH_DATE_LEN);
    return true;
}

/* The statuses every request shares; FETCH_OK with *root when the body is
 * JSON to read. */
static FetchOutcome open_reply(const HttpReply *reply, const char *what, json_t **root, char **detail)
{
    *root = NULL;
    char not_found[64];
    snprintf(not_found, sizeof not_found, "deps.dev does not know this %s (yet)", what);
    FetchOutcome o = reply_status_outcome(reply, not_found, detail);
    if (o != FETCH_OK)
        return o;
    json_error_t jerr;
    json_t *r = reply->body ? json_loadb(reply->body, reply->len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_object(r)) {
        *detail = xstrdup(r ? "not a JSON object" : "not JSON");
        json_decref(r);
        return FETCH_ERROR;
    }
    *root = r;
    return FETCH_OK;
}

static FetchOutcome fail(json_t *root, char **detail, const char *why)
{
    json_decref(root);
    *detail = xstrdup(why);
    return FETCH_ERROR;
}

FetchOutcome parse_depsdev_package(const HttpReply *reply, const char *name, HealthFigures *out,
                                   char **detail)
{
    json_t *root;
    FetchOutcome o = open_reply(reply, "package", &root, detail);
    if (o != FETCH_OK)
        return o;
    const json_t *key = json_object_get(root, "packageKey");
    const json_t *kname = json_is_object(key) ? json_object_get(key, "name") : NULL;
    if (!json_is_string(kname) || !same_name(json_string_value(kname), name))
        return fail(root, detail, "a reply for another package");
    const json_t *versions = json_object_get(root, "versions");
    if (!json_is_array(versions) || json_array_size(versions) > PARSE_DEPSDEV_VERSIONS_MAX)
        return fail(root, detail, "versions is not a list");
    const char *best = NULL;
    char best_day[HEALTH_DATE_LEN] = "";
    bool best_default = false;
    size_t i;
    const json_t *v;
    json_array_foreach(versions, i, v) {
        const json_t *vk = json_is_object(v) ? json_object_get(v, "versionKey") : NULL;
        const json_t *ver = json_is_object(vk) ? json_object_get(vk, "version") : NULL;
        if (!json_is_string(ver) || !plain_token(json_string_value(ver), VERSION_MAX))
            return fail(root, detail, "a version has no usable version key");
        char day[HEALTH_DATE_LEN] = "";
        const json_t *pub = json_object_get(v, "publishedAt");
        if (pub && !take_day(pub, day))
            return fail(root, detail, "publishedAt is not a time");
        const json_t *def = json_object_get(v, "isDefault");
        if (def && !json_is_boolean(def))
            return fail(root, detail, "isDefault is not a boolean");
        bool is_default = json_is_true(def);
        /* The default version wins; without one, the latest published. */
        if (!best || (is_default && !best_default) ||
            (is_default == best_default && strcmp(day, best_day) > 0)) {
            best = json_string_value(ver);
            memcpy(best_day, day, HEALTH_DATE_LEN);
            best_default = is_default;
        }
    }
    if (!best)
        return fail(root, detail, "no versions");
    free(out->version);
    out->version = xstrdup(best);
    memcpy(out->published, best_day, HEALTH_DATE_LEN);
    json_decref(root);
    return FETCH_OK;
}

/* "github.com/owner/name" from a SOURCE_REPO link such as
 * "https://github.com/owner/name(.git)", for the two hosts deps.dev keeps
 * projects of; NULL for anything else. */
static char *project_from_url(const char *url)
{
    const char *p = url;
    if (strncmp(p, "git+", 4) == 0)
        p += 4;
    if (strncmp(p, "https://", 8) == 0)
        p += 8;
    else if (strncmp(p, "http://", 7) == 0)
        p += 7;
    else
        return NULL;
    if (strncmp(p, "github.com/", 11) != 0 && strncmp(p, "gitlab.com/", 11) != 0)
        return NULL;
    const char *host_end = strchr(p, '/');
    const char *owner_end = strchr(host_end + 1, '/');
    if (!owner_end || owner_end == host_end + 1)
        return NULL;
    size_t n = strcspn(owner_end + 1, "/#?");
    if (n > 4 && strncmp(owner_end + 1 + n - 4, ".git", 4) == 0)
        n -= 4;
    if (n == 0)
        return NULL;
    char *out = xasprintf("%.*s", (int)((size_t)(owner_end + 1 - p) + n), p);
    for (char *c = out; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return out;
}

static bool valid_project(const char *s)
{
    return plain_token(s, PROJECT_MAX) && strchr(s, '/') != NULL && strstr(s, "..") == NULL;
}

FetchOutcome parse_depsdev_version(const HttpReply *reply, const char *name, const char *version,
                                   HealthFigures *out, char **detail)
{
    json_t *root;
    FetchOutcome o = open_reply(reply, "version", &root, detail);
    if (o != FETCH_OK)
        return o;
    const json_t *vk = json_object_get(root, "versionKey");
    const json_t *kname = json_is_object(vk) ? json_object_get(vk, "name") : NULL;
    const json_t *kver = json_is_object(vk) ? json_object_get(vk, "version") : NULL;
    if (!json_is_string(kname) || !same_name(json_string_value(kname), name) || !json_is_string(kver) ||
        strcmp(json_string_value(kver), version) != 0)
        return fail(root, detail, "a reply for another version");
    char day[HEALTH_DATE_LEN] = "";
    const json_t *pub = json_object_get(root, "publishedAt");
    if (pub && !take_day(pub, day))
        return fail(root, detail, "publishedAt is not a time");
    const json_t *lic = json_object_get(root, "licenses");
    if (lic && (!json_is_array(lic) || json_array_size(lic) > PARSE_DEPSDEV_LICENSES_MAX))
        return fail(root, detail, "licenses is not a list");
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    size_t i;
    const json_t *v;
    json_array_foreach(lic, i, v) {
        if (!json_is_string(v) || !json_string_value(v)[0] || strlen(json_string_value(v)) > LICENSE_MAX ||
            strchr(json_string_value(v), ',')) {
            free(sb_take(&sb));
            return fail(root, detail, "a licence is not a name");
        }
        sb_appendf(&sb, "%s%s", i ? ", " : "", json_string_value(v));
    }
    const json_t *adv = json_object_get(root, "advisoryKeys");
    if (adv && (!json_is_array(adv) || json_array_size(adv) > HEALTH_ADVISORIES_MAX)) {
        free(sb_take(&sb));
        return fail(root, detail, "advisoryKeys is not a list");
    }
    json_array_foreach(adv, i, v) {
        const json_t *id = json_is_object(v) ? json_object_get(v, "id") : NULL;
        if (!json_is_string(id) || !plain_token(json_string_value(id), 100)) {
            free(sb_take(&sb));
            return fail(root, detail, "an advisory has no id");
        }
    }
    /* The repository: a related SOURCE_REPO project, else a SOURCE_REPO link. */
    char *repo = NULL;
    const json_t *rel = json_object_get(root, "relatedProjects");
    json_array_foreach(rel, i, v) {
        const json_t *type = json_is_object(v) ? json_object_get(v, "relationType") : NULL;
        const json_t *pk = json_is_object(v) ? json_object_get(v, "projectKey") : NULL;
        const json_t *id = json_is_object(pk) ? json_object_get(pk, "id") : NULL;
        if (!repo && json_is_string(type) && strcmp(json_string_value(type), "SOURCE_REPO") == 0 &&
            json_is_string(id) && valid_project(json_string_value(id)))
            repo = xstrdup(json_string_value(id));
    }
    const json_t *links = json_object_get(root, "links");
    json_array_foreach(links, i, v) {
        const json_t *label = json_is_object(v) ? json_object_get(v, "label") : NULL;
        const json_t *url = json_is_object(v) ? json_object_get(v, "url") : NULL;
        if (!repo && json_is_string(label) && strcmp(json_string_value(label), "SOURCE_REPO") == 0 &&
            json_is_string(url)) {
            repo = project_from_url(json_string_value(url));
            if (repo && !valid_project(repo)) {
                free(repo);
                repo = NULL;
            }
        }
    }
    free(out->license);
    out->license = sb_take(&sb);
    out->advisories = (int)json_array_size(adv);
    out->repo_known = true;
    free(out->repo);
    out->repo = repo;
    if (!out->published[0])
        memcpy(out->published, day, HEALTH_DATE_LEN);
    json_decref(root);
    return FETCH_OK;
}

FetchOutcome parse_depsdev_project(const HttpReply *reply, const char *project, HealthFigures *out,
                                   char **detail)
{
    json_t *root;
    FetchOutcome o = open_reply(reply, "project", &root, detail);
    if (o != FETCH_OK)
        return o;
    const json_t *pk = json_object_get(root, "projectKey");
    const json_t *id = json_is_object(pk) ? json_object_get(pk, "id") : NULL;
    if (!json_is_string(id) || strcasecmp(json_string_value(id), project) != 0)
        return fail(root, detail, "a reply for another project");
    long long stars = HEALTH_UNKNOWN;
    const json_t *s = json_object_get(root, "starsCount");
    if (s) {
        if (!json_is_integer(s) || json_integer_value(s) < 0 || json_integer_value(s) > HEALTH_STARS_MAX)
            return fail(root, detail, "starsCount is not a plausible count");
        stars = json_integer_value(s);
    }
    double score = -1.0;
    char day[HEALTH_DATE_LEN] = "";
    const json_t *sc = json_object_get(root, "scorecard");
    if (sc && !json_is_null(sc)) {
        const json_t *overall = json_is_object(sc) ? json_object_get(sc, "overallScore") : NULL;
        if (!json_is_number(overall) || !isfinite(json_number_value(overall)) ||
            json_number_value(overall) < 0 || json_number_value(overall) > 10)
            return fail(root, detail, "scorecard.overallScore is not a score 0..10");
        score = json_number_value(overall);
        const json_t *d = json_object_get(sc, "date");
        if (d && !take_day(d, day))
            return fail(root, detail, "scorecard.date is not a time");
    }
    out->stars = stars;
    out->scorecard = score;
    memcpy(out->scorecard_date, day, HEALTH_DATE_LEN);
    json_decref(root);
    return FETCH_OK;
}
