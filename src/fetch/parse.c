/* parse.c: HTTP replies from the npm downloads API and pypistats ->
 * per-package figures, with strict shape checks (see parse.h). */
#include "fetch/parse.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/day.h"
#include "fetch/plan.h"
#include "util/xalloc.h"

#define PYPI_ROWS_MAX 5000

void package_result_clear(PackageResult *r)
{
    free(r->daily);
    free(r->detail);
    memset(r, 0, sizeof *r);
}

static void set_outcome(PackageResult *r, FetchOutcome o, const char *detail)
{
    package_result_clear(r);
    r->outcome = o;
    r->detail = detail ? xstrdup(detail) : NULL;
}

static void set_all(PackageResult *out, size_t n, FetchOutcome o, const char *detail)
{
    for (size_t i = 0; i < n; i++)
        set_outcome(&out[i], o, detail);
}

bool parse_day(const char *s, long *days)
{
    /* A day the services could send: 2000..2199, nothing older or later. */
    long d;
    if (!day_parse(s, &d) || d < day_from_civil(2000, 1, 1) || d > day_from_civil(2199, 12, 31))
        return false;
    *days = d;
    return true;
}

void format_day(long z, char *buf)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool reply_is_html(const HttpReply *reply)
{
    const char *ct = reply->content_type;
    if (ct) {
        while (*ct == ' ')
            ct++;
        if (strncasecmp(ct, "text/html", 9) == 0 || strncasecmp(ct, "application/xhtml", 17) == 0)
            return true;
    }
    for (size_t i = 0; i < reply->len; i++) {
        unsigned char c = (unsigned char)reply->body[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '<';
    }
    return false;
}

/* A server message made safe to show: printable ASCII, at most 60 bytes. */
static char *clean_message(const char *msg)
{
    size_t n = strlen(msg);
    if (n > 60)
        n = 60;
    char *out = xstrndup(msg, n);
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            *p = '?';
    return out;
}

FetchOutcome reply_status_outcome(const HttpReply *reply, const char *not_found, char **detail)
{
    *detail = NULL;
    if (reply->status == 404) {
        *detail = xstrdup(not_found);
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
    return FETCH_OK;
}

static json_t *load_json(const HttpReply *reply)
{
    json_error_t jerr;
    if (!reply->body)
        return NULL;
    return json_loadb(reply->body, reply->len, JSON_REJECT_DUPLICATES, &jerr);
}

/* The message of an {"error": "..."} body, or NULL (caller frees). */
static char *json_error_message(const HttpReply *reply)
{
    if (reply_is_html(reply))
        return NULL;
    json_t *root = load_json(reply);
    char *msg = NULL;
    if (json_is_object(root)) {
        json_t *e = json_object_get(root, "error");
        if (json_is_string(e))
            msg = clean_message(json_string_value(e));
    }
    json_decref(root);
    return msg;
}

/* Fills the series, sums and days of r from a dense series (r takes
 * daily). Sums are checked: a week or month beyond any plausible figure
 * makes r an error instead. */
static void set_figures(PackageResult *r, long long *daily, size_t n, long first, long last)
{
    package_result_clear(r);
    long long week = 0, month = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        size_t from_end = n - i;
        if (from_end <= PARSE_WEEK_DAYS)
            ok = stat_count_add(&week, daily[i]);
        if (ok && from_end <= PARSE_MONTH_DAYS)
            ok = stat_count_add(&month, daily[i]);
    }
    if (!ok || month > STAT_COUNT_MAX) {
        free(daily);
        set_outcome(r, FETCH_ERROR, "implausible download count");
        return;
    }
    r->outcome = FETCH_OK;
    r->last_week = week;
    r->last_month = month;
    r->daily = n ? daily : NULL;
    if (!n)
        free(daily);
    r->ndaily = n;
    /* The days the sums cover: the last month of a longer series. */
    if (first < last - (PARSE_MONTH_DAYS - 1))
        first = last - (PARSE_MONTH_DAYS - 1);
    if (first <= last) {
        format_day(first, r->first_day);
        format_day(last, r->last_day);
    }
}

/* A count as the APIs send it: an integer 0..PARSE_DAILY_MAX. */
static const char *check_count(const json_t *v, long long *out)
{
    if (!json_is_integer(v))
        return "wrong shape: a download count is not a whole number";
    long long n = json_integer_value(v);
    if (n < 0)
        return "negative download count";
    if (n > PARSE_DAILY_MAX)
        return "implausible download count";
    *out = n;
    return NULL;
}

/* One package in npm's range shape:
 * {"start":D,"end":D,"package":name,"downloads":[{"day":D,"downloads":N},...]} */
static void npm_one(const json_t *obj, const char *name, const ParseWindow *w, PackageResult *out)
{
    const char *why = NULL;
    long start = 0, end = 0;
    long long *daily = NULL;
    size_t span = 0;
    if (!json_is_object(obj)) {
        why = "wrong shape: expected an object";
        goto fail;
    }
    json_t *err = json_object_get(obj, "error");
    if (json_is_string(err)) {
        char *msg = clean_message(json_string_value(err));
        char *detail = xasprintf("server error: %s", msg);
        set_outcome(out, FETCH_ERROR, detail);
        free(detail);
        free(msg);
        return;
    }
    json_t *pkg = json_object_get(obj, "package");
    json_t *js = json_object_get(obj, "start"), *je = json_object_get(obj, "end");
    json_t *days = json_object_get(obj, "downloads");
    if (!json_is_string(pkg) || !json_is_string(js) || !json_is_string(je) || !json_is_array(days)) {
        why = "wrong shape: missing package, start, end or downloads";
        goto fail;
    }
    if (strcmp(json_string_value(pkg), name) != 0) {
        why = "the reply is for another package";
        goto fail;
    }
    if (!parse_day(json_string_value(js), &start) || !parse_day(json_string_value(je), &end) || end < start) {
        why = "wrong shape: bad start or end date";
        goto fail;
    }
    if (end - start + 1 > PARSE_SERIES_MAX || json_array_size(days) > PARSE_SERIES_MAX) {
        why = "the reply covers too many days";
        goto fail;
    }
    if (w->today > 0 && end > w->today) {
        why = "a day after today (UTC)";
        goto fail;
    }
    if (w->want_days > 0 && (size_t)(end - start + 1) > w->want_days) {
        why = "the reply starts before the period asked for";
        goto fail;
    }
    span = (size_t)(end - start + 1);
    daily = xcalloc(span, sizeof *daily);
    unsigned char *seen = xcalloc(span, 1);
    size_t i;
    json_t *row;
    json_array_foreach(days, i, row)
    {
        json_t *jd = json_object_get(row, "day");
        long day;
        long long count = 0;
        if (!json_is_object(row) || !json_is_string(jd) || !parse_day(json_string_value(jd), &day)) {
            why = "wrong shape: a day without a valid date";
            break;
        }
        if (day < start || day > end) {
            why = "a day outside the reply's own period";
            break;
        }
        if ((why = check_count(json_object_get(row, "downloads"), &count)) != NULL)
            break;
        if (seen[day - start]) {
            why = "the same day appears twice";
            break;
        }
        seen[day - start] = 1;
        daily[day - start] = count;
    }
    free(seen);
    if (why)
        goto fail;
    /* The API lists every day of the period, zeros included: a day left
     * out is not a day without downloads. */
    size_t want = w->want_days > span ? w->want_days : span;
    size_t have = json_array_size(days);
    if (have < want) {
        free(daily);
        char *detail = xasprintf("incomplete reply: %zu of %zu days missing", want - have, want);
        set_outcome(out, FETCH_ERROR, detail);
        free(detail);
        return;
    }
    set_figures(out, daily, span, start, end);
    return;
fail:
    free(daily);
    set_outcome(out, FETCH_ERROR, why);
}

void parse_npm_range(const HttpReply *reply, const char *const *names, size_t n, const ParseWindow *w,
                     PackageResult *out)
{
    if (n == 0)
        return;
    long st = reply->status;
    if (st == 429) {
        set_all(out, n, FETCH_RATE_LIMITED, "HTTP 429: rate-limited");
        return;
    }
    if (st == 404) {
        char *msg = json_error_message(reply);
        set_all(out, n, msg ? FETCH_NOT_FOUND : FETCH_ERROR, msg ? "not found" : "HTTP 404 (not from the API)");
        free(msg);
        return;
    }
    /* 400 (a scoped name, an over-long URL) and 403 (the firewall refuses
     * some combinations of names, every time) say nothing about the other
     * names: ask for them in smaller groups. */
    if ((st == 400 || st == 403) && n > 1) {
        set_all(out, n, FETCH_SPLIT, "bulk request refused");
        return;
    }
    if (st == 403) {
        set_all(out, n, FETCH_ERROR, PARSE_REFUSED);
        return;
    }
    if (st != 200) {
        char *msg = json_error_message(reply);
        char *detail = msg ? xasprintf("HTTP %ld: %s", st, msg) : xasprintf("HTTP %ld", st);
        set_all(out, n, FETCH_ERROR, detail);
        free(detail);
        free(msg);
        return;
    }
    if (reply_is_html(reply)) {
        set_all(out, n, FETCH_ERROR, "unexpected HTML reply");
        return;
    }
    json_t *root = load_json(reply);
    if (!root) {
        set_all(out, n, FETCH_ERROR, "malformed JSON");
        return;
    }
    if (!json_is_object(root)) {
        set_all(out, n, FETCH_ERROR, "wrong shape: expected an object");
    } else if (n == 1) {
        npm_one(root, names[0], w, &out[0]);
    } else {
        json_t *e = json_object_get(root, "error");
        if (json_is_string(e)) {
            char *msg = clean_message(json_string_value(e));
            char *detail = xasprintf("server error: %s", msg);
            set_all(out, n, FETCH_ERROR, detail);
            free(detail);
            free(msg);
        } else {
            for (size_t i = 0; i < n; i++) {
                json_t *v = json_object_get(root, names[i]);
                if (!v)
                    set_outcome(&out[i], FETCH_ERROR, "missing from the bulk reply");
                else if (json_is_null(v))
                    set_outcome(&out[i], FETCH_NOT_FOUND, "not found");
                else
                    npm_one(v, names[i], w, &out[i]);
            }
        }
    }
    json_decref(root);
}

/* True when the body is the bare text "404" pypistats sends for an
 * unknown project: a plain Flask string, so typed text/html like any page.
 * Only those three digits count; a proxy's page says more. */
static bool plain_404(const HttpReply *reply)
{
    if (!reply->body)
        return false;
    size_t a = 0, b = reply->len;
    while (a < b && isspace((unsigned char)reply->body[a]))
        a++;
    while (b > a && isspace((unsigned char)reply->body[b - 1]))
        b--;
    return b - a == 3 && memcmp(reply->body + a, "404", 3) == 0;
}

typedef struct Row {
    long day;
    long long count;
} Row;

static int row_cmp(const void *a, const void *b)
{
    long x = ((const Row *)a)->day, y = ((const Row *)b)->day;
    return (x > y) - (x < y);
}

/* Days pypistats keeps: MAX_RECORD_AGE 180 back from yesterday, and a day
 * of slack for when its purge runs. */
#define PYPI_KEEP_DAYS 182

static const char *pypi_rows(const json_t *data, const ParseWindow *w, Row *rows, size_t *nrows)
{
    size_t i, n = 0;
    json_t *row;
    json_array_foreach(data, i, row)
    {
        json_t *cat = json_object_get(row, "category"), *jd = json_object_get(row, "date");
        if (!json_is_object(row) || !json_is_string(cat) || !json_is_string(jd))
            return "wrong shape: a row without category or date";
        long day;
        if (!parse_day(json_string_value(jd), &day))
            return "wrong shape: a row with an invalid date";
        if (w->today > 0 && day > w->today)
            return "a row dated after today (UTC)";
        if (w->today > 0 && day < w->today - PYPI_KEEP_DAYS)
            return "a row before the period asked for";
        long long count;
        const char *why = check_count(json_object_get(row, "downloads"), &count);
        if (why)
            return why;
        const char *c = json_string_value(cat);
        if (strcmp(c, "with_mirrors") == 0)
            continue; /* asked for without; a server that sends both is still usable */
        if (strcmp(c, "without_mirrors") != 0)
            return "wrong shape: unexpected row category";
        rows[n].day = day;
        rows[n].count = count;
        n++;
    }
    qsort(rows, n, sizeof *rows, row_cmp);
    for (size_t k = 1; k < n; k++)
        if (rows[k].day == rows[k - 1].day)
            return "the same day appears twice";
    *nrows = n;
    return NULL;
}

void parse_pypistats_overall(const HttpReply *reply, const char *name, const ParseWindow *w, PackageResult *out)
{
    long st = reply->status;
    if (st == 429) {
        set_outcome(out, FETCH_RATE_LIMITED, "HTTP 429: rate-limited");
        return;
    }
    if (st == 403) {
        set_outcome(out, FETCH_ERROR, PARSE_REFUSED);
        return;
    }
    if (st == 404) {
        if (plain_404(reply))
            set_outcome(out, FETCH_NOT_FOUND, PARSE_PYPI_NOT_FOUND);
        else
            set_outcome(out, FETCH_ERROR, "HTTP 404 (not from the API)");
        return;
    }
    if (st != 200) {
        char *detail = xasprintf("HTTP %ld", st);
        set_outcome(out, FETCH_ERROR, detail);
        free(detail);
        return;
    }
    if (reply_is_html(reply)) {
        set_outcome(out, FETCH_ERROR, "unexpected HTML reply");
        return;
    }
    json_t *root = load_json(reply);
    if (!root) {
        set_outcome(out, FETCH_ERROR, "malformed JSON");
        return;
    }
    const char *why = NULL;
    json_t *data = json_object_get(root, "data"), *pkg = json_object_get(root, "package");
    json_t *type = json_object_get(root, "type");
    char *norm = NULL;
    Row *rows = NULL;
    size_t nrows = 0;
    if (!json_is_object(root) || !json_is_array(data) || !json_is_string(pkg) || !json_is_string(type)) {
        why = "wrong shape: missing data, package or type";
    } else if (strcmp(json_string_value(type), "overall_downloads") != 0) {
        why = "wrong shape: not an overall_downloads reply";
    } else if (!(norm = pypi_name_normalize(json_string_value(pkg))) || strcmp(norm, name) != 0) {
        why = "the reply is for another package";
    } else if (json_array_size(data) > PYPI_ROWS_MAX) {
        why = "the reply has too many rows";
    } else {
        rows = xcalloc(json_array_size(data) + 1, sizeof *rows);
        why = pypi_rows(data, w, rows, &nrows);
    }
    free(norm);
    if (!why) {
        if (nrows == 0) {
            set_figures(out, NULL, 0, 1, 0);
        } else {
            /* Measured back from the service's latest day, not this
             * project's last row: its quiet days have no row. Every day
             * pypistats keeps goes into the series, for the trend chart;
             * at least a month, so the sums always cover 30 days. */
            long last = rows[nrows - 1].day;
            if (w->latest_day > last && (w->today <= 0 || w->latest_day <= w->today))
                last = w->latest_day;
            long first = rows[0].day;
            if (first < last - (PARSE_PYPI_HISTORY_DAYS - 1))
                first = last - (PARSE_PYPI_HISTORY_DAYS - 1);
            if (first > last - (PARSE_MONTH_DAYS - 1))
                first = last - (PARSE_MONTH_DAYS - 1);
            size_t span = (size_t)(last - first + 1);
            long long *daily = xcalloc(span, sizeof *daily);
            for (size_t k = 0; k < nrows; k++)
                if (rows[k].day >= first)
                    daily[rows[k].day - first] = rows[k].count;
            set_figures(out, daily, span, first, last);
        }
    } else {
        set_outcome(out, FETCH_ERROR, why);
    }
    free(rows);
    json_decref(root);
}
