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

FetchOutcome parse_endoflife(const HttpReply *reply, RuntimeCycle **cycles, size_t *n, char **detail)
{
    *cycles = NULL;
    *n = 0;
    *detail = NULL;
    if (reply->status == 404) {
        *detail = xstrdup("endoflife.date does not know this product");
        return FETCH_NOT_FOUND;
    }
    if (reply->status == 429) {
        *detail = xstrdup("HTTP 429: too many requests");
        return FETCH_RATE_LIMITED;
    }
    if (reply->status < 200 || reply->status >= 300) {
        *detail = xasprintf("HTTP %ld", reply->status);
        return FETCH_ERROR;
    }
    if (reply_is_html(reply)) {
        *detail = xstrdup("an HTML page, not the JSON asked for");
        return FETCH_ERROR;
    }
    json_error_t jerr;
    json_t *root = reply->body ? json_loadb(reply->body, reply->len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_array(root) || json_array_size(root) == 0 || json_array_size(root) > PARSE_EOL_CYCLES_MAX) {
        *detail = xstrdup(!root ? "not JSON" : "not a list of release lines");
        json_decref(root);
        return FETCH_ERROR;
    }
    size_t count = json_array_size(root);
    RuntimeCycle *out = xcalloc(count, sizeof *out);
    const char *why = NULL;
    for (size_t i = 0; i < count && !why; i++)
        why = take_row(json_array_get(root, i), &out[i]);
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
