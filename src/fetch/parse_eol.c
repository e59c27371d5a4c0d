/* parse_eol.c: endoflife.date's product reply -> RuntimeCycles. */
#include "fetch/parse_eol.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define CYCLE_NAME_MAX 32
#define VERSION_MAX 64

/* Printable ASCII without spaces, at most max bytes: safe on screen and in
 * every export. */
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

/* A "YYYY-MM-DD" that is a real day, into out. */
static bool take_date(const json_t *v, char out[RUNTIME_DATE_LEN])
{
    long day;
    if (!json_is_string(v) || strlen(json_string_value(v)) != 10 || !parse_day(json_string_value(v), &day))
        return false;
    memcpy(out, json_string_value(v), RUNTIME_DATE_LEN);
    return true;
}

/* A date, or a boolean: false leaves out empty, true gives when_true. */
static bool take_date_or_bool(const json_t *v, char out[RUNTIME_DATE_LEN], const char *when_true)
{
    if (json_is_false(v))
        return true;
    if (json_is_true(v)) {
        snprintf(out, RUNTIME_DATE_LEN, "%s", when_true);
        return true;
    }
    return take_date(v, out);
}

static const char *take_row(const json_t *row, RuntimeCycle *c)
{
    if (!json_is_object(row))
        return "a release line is not an object";
    const json_t *cycle = json_object_get(row, "cycle");
    if (!json_is_string(cycle) || !plain_token(json_string_value(cycle), CYCLE_NAME_MAX))
        return "a release line has no usable cycle";
    c->cycle = xstrdup(json_string_value(cycle));
    if (!take_date(json_object_get(row, "releaseDate"), c->release))
        return "a release line has no release date";
    const json_t *lts = json_object_get(row, "lts");
    /* lts true: long-term support from the release itself. */
    if (lts && !take_date_or_bool(lts, c->lts, c->release))
        return "lts is neither a date nor a boolean";
    const json_t *eol = json_object_get(row, "eol");
    /* eol true: ended, date not given; the release date stands in. */
    if (!eol || !take_date_or_bool(eol, c->eol, c->release))
        return "eol is neither a date nor a boolean";
    const json_t *support = json_object_get(row, "support");
    if (support && !take_date_or_bool(support, c->support, ""))
        return "support is neither a date nor a boolean";
    const json_t *latest = json_object_get(row, "latest");
    if (latest) {
        if (!json_is_string(latest) || !plain_token(json_string_value(latest), VERSION_MAX))
            return "latest is not a version";
        c->latest = xstrdup(json_string_value(latest));
    }
    const json_t *latest_date = json_object_get(row, "latestReleaseDate");
    if (latest_date && !take_date(latest_date, c->latest_date))
        return "latestReleaseDate is not a date";
    return NULL;
}

/* v1: one release of result.releases[]. isLts/isEol are fixed when the site
 * is built, so only the dates count; a null date is "none" / "not
 * announced", like v0's false. */
static bool take_v1_date(const json_t *v, char out[RUNTIME_DATE_LEN])
{
    return !v || json_is_null(v) || take_date(v, out);
}

static const char *take_v1_row(const json_t *row, RuntimeCycle *c)
{
    if (!json_is_object(row))
        return "a release is not an object";
    const json_t *name = json_object_get(row, "name");
    if (!json_is_string(name) || !plain_token(json_string_value(name), CYCLE_NAME_MAX))
        return "a release has no usable name";
    c->cycle = xstrdup(json_string_value(name));
    if (!take_date(json_object_get(row, "releaseDate"), c->release))
        return "a release has no release date";
    const json_t *is_lts = json_object_get(row, "isLts");
    if (is_lts && !json_is_boolean(is_lts))
        return "isLts is not a boolean";
    if (!take_v1_date(json_object_get(row, "ltsFrom"), c->lts))
        return "ltsFrom is neither a date nor null";
    /* LTS without a start date: from the release itself. */
    if (json_is_true(is_lts) && !c->lts[0])
        memcpy(c->lts, c->release, RUNTIME_DATE_LEN);
    if (!take_v1_date(json_object_get(row, "eoasFrom"), c->support))
        return "eoasFrom is neither a date nor null";
    if (!take_v1_date(json_object_get(row, "eolFrom"), c->eol))
        return "eolFrom is neither a date nor null";
    const json_t *is_eol = json_object_get(row, "isEol");
    if (is_eol && !json_is_boolean(is_eol))
        return "isEol is not a boolean";
    /* Ended, date not given: the release date stands in, as in v0. */
    if (json_is_true(is_eol) && !c->eol[0])
        memcpy(c->eol, c->release, RUNTIME_DATE_LEN);
    const json_t *latest = json_object_get(row, "latest");
    if (latest && !json_is_null(latest)) {
        if (!json_is_object(latest))
            return "latest is not an object";
        const json_t *v = json_object_get(latest, "name");
        if (!json_is_string(v) || !plain_token(json_string_value(v), VERSION_MAX))
            return "latest has no version";
        c->latest = xstrdup(json_string_value(v));
        if (!take_v1_date(json_object_get(latest, "date"), c->latest_date))
            return "latest.date is not a date";
    }
    return NULL;
}

/* The rows of either version's reply: v0's array, or v1's
 * result.releases (whose result.name must be the product asked for). */
static const json_t *rows_of(const json_t *root, const char *product, bool *v1, const char **why)
{
    *v1 = false;
    *why = "not a list of release lines";
    if (json_is_array(root))
        return root;
    if (!json_is_object(root))
        return NULL;
    const json_t *result = json_object_get(root, "result");
    if (!json_is_object(result))
        return NULL;
    const json_t *name = json_object_get(result, "name");
    if (product && (!json_is_string(name) || strcmp(json_string_value(name), product) != 0)) {
        *why = "a reply for another product";
        return NULL;
    }
    *v1 = true;
    return json_object_get(result, "releases");
}

FetchOutcome parse_endoflife(const HttpReply *reply, RuntimeCycle **cycles, size_t *n, char **detail)
{
    return parse_endoflife_for(reply, NULL, cycles, n, detail);
}

FetchOutcome parse_endoflife_for(const HttpReply *reply, const char *product, RuntimeCycle **cycles,
                                 size_t *n, char **detail)
{
    *cycles = NULL;
    *n = 0;
    FetchOutcome o = reply_status_outcome(reply, "endoflife.date does not know this product", detail);
    if (o != FETCH_OK)
        return o;
    json_error_t jerr;
    json_t *root = reply->body ? json_loadb(reply->body, reply->len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    bool v1;
    const char *why = "not JSON";
    const json_t *rows = root ? rows_of(root, product, &v1, &why) : NULL;
    if (!json_is_array(rows) || json_array_size(rows) == 0 || json_array_size(rows) > PARSE_EOL_CYCLES_MAX) {
        *detail = xstrdup(why);
        json_decref(root);
        return FETCH_ERROR;
    }
    size_t count = json_array_size(rows);
    RuntimeCycle *out = xcalloc(count, sizeof *out);
    why = NULL;
    for (size_t i = 0; i < count && !why; i++)
        why = v1 ? take_v1_row(json_array_get(rows, i), &out[i]) : take_row(json_array_get(rows, i), &out[i]);
    json_decref(root);
    if (why) {
        for (size_t i = 0; i < count; i++)
            runtime_cycle_clear(&out[i]);
        free(out);
        *detail = xstrdup(why);
        return FETCH_ERROR;
    }
    *cycles = out;
    *n = count;
    return FETCH_OK;
}
