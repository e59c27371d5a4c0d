/* test_parse_npm.c: the npm downloads API parser on recorded-shape replies
 * (flat and bulk, nulls, errors, HTML, broken and absurd bodies), and the
 * request plan: bulk for unscoped names, scoped names alone, name guards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/parse.h"
#include "fetch/plan.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* A flat range reply for name: 30 days ending 2026-10-30, day i (0-based)
 * has base + i downloads. */
static char *range_json(const char *name, long long base)
{
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"%s\",\"downloads\":[", name);
    for (int i = 0; i < 30; i++)
        sb_appendf(&sb, "%s{\"downloads\":%lld,\"day\":\"2026-10-%02d\"}", i ? "," : "", base + i, i + 1);
    sb_append(&sb, "]}");
    return sb_take(&sb);
}

static HttpReply reply(long status, const char *ctype, const char *body)
{
    HttpReply r = { status, ctype, body, strlen(body) };
    return r;
}

/* Most cases check shapes alone: no today, no period length. */
static const ParseWindow any_window = { 0, 0, 0 };

static void parse1(long status, const char *ctype, const char *body, const char *name, PackageResult *out)
{
    HttpReply r = reply(status, ctype, body);
    const char *names[] = { name };
    memset(out, 0, sizeof *out);
    parse_npm_range(&r, names, 1, &any_window, out);
}

static long day_of(const char *s)
{
    long d = 0;
    assert_true(parse_day(s, &d));
    return d;
}

/* As the fetcher asks: last-month (30 days), on day `today`. */
static void parse_month(const char *body, const char *today, PackageResult *out)
{
    HttpReply r = reply(200, "application/json; charset=utf-8", body);
    const char *names[] = { "a" };
    ParseWindow w = { day_of(today), 30, 0 };
    memset(out, 0, sizeof *out);
    parse_npm_range(&r, names, 1, &w, out);
}

static void flat_reply_gives_sums_and_series(void **state)
{
    char *body = range_json("express", 1000);
    PackageResult r;
    parse1(200, "application/json", body, "express", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.ndaily, 30);
    assert_int_equal(r.daily[0], 1000);
    assert_int_equal(r.daily[29], 1029);
    /* last 7 days: 1023..1029 */
    assert_int_equal(r.last_week, 7 * 1000 + 23 + 24 + 25 + 26 + 27 + 28 + 29);
    assert_int_equal(r.last_month, 30 * 1000 + 29 * 30 / 2);
    assert_string_equal(r.first_day, "2026-10-01");
    assert_string_equal(r.last_day, "2026-10-30");
    assert_null(r.detail);
    package_result_clear(&r);
    free(body);
}

static void days_are_placed_by_date_not_position(void **state)
{
    const char *body = "{\"start\":\"2026-10-28\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":["
                       "{\"day\":\"2026-10-30\",\"downloads\":3},{\"downloads\":1,\"day\":\"2026-10-28\"},"
                       "{\"day\":\"2026-10-29\",\"downloads\":0}]}";
    PackageResult r;
    parse1(200, NULL, body, "a", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.ndaily, 3);
    assert_int_equal(r.daily[0], 1);
    assert_int_equal(r.daily[1], 0);
    assert_int_equal(r.daily[2], 3);
    assert_int_equal(r.last_week, 4);
    package_result_clear(&r);
}

static void zero_days_are_data_not_errors(void **state)
{
    const char *body = "{\"start\":\"2026-10-29\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":["
                       "{\"day\":\"2026-10-29\",\"downloads\":0},{\"day\":\"2026-10-30\",\"downloads\":0}]}";
    PackageResult r;
    parse1(200, NULL, body, "a", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.last_month, 0);
    package_result_clear(&r);
}

static void bulk_reply_maps_each_name(void **state)
{
    char *a = range_json("express", 10), *b = range_json("fastify", 20);
    char *body = xasprintf("{\"express\":%s,\"missing-x\":null,\"fastify\":%s}", a, b);
    const char *names[] = { "express", "fastify", "missing-x", "absent" };
    PackageResult out[4];
    memset(out, 0, sizeof out);
    HttpReply r = reply(200, "application/json", body);
    parse_npm_range(&r, names, 4, &any_window, out);
    assert_int_equal(out[0].outcome, FETCH_OK);
    assert_int_equal(out[0].daily[0], 10);
    assert_int_equal(out[1].outcome, FETCH_OK);
    assert_int_equal(out[1].daily[0], 20);
    assert_int_equal(out[2].outcome, FETCH_NOT_FOUND);
    assert_int_equal(out[3].outcome, FETCH_ERROR);
    assert_non_null(strstr(out[3].detail, "missing"));
    for (int i = 0; i < 4; i++)
        package_result_clear(&out[i]);
    free(a);
    free(b);
    free(body);
}

static void bulk_entry_for_another_package_is_an_error(void **state)
{
    char *a = range_json("koa", 10), *b = range_json("fastify", 20);
    char *body = xasprintf("{\"express\":%s,\"fastify\":%s}", a, b);
    const char *names[] = { "express", "fastify" };
    PackageResult out[2];
    memset(out, 0, sizeof out);
    HttpReply r = reply(200, "application/json", body);
    parse_npm_range(&r, names, 2, &any_window, out);
    assert_int_equal(out[0].outcome, FETCH_ERROR);
    assert_int_equal(out[1].outcome, FETCH_OK);
    package_result_clear(&out[0]);
    package_result_clear(&out[1]);
    free(a);
    free(b);
    free(body);
}

static void a_single_name_expects_the_flat_shape(void **state)
{
    char *a = range_json("express", 10);
    char *body = xasprintf("{\"express\":%s}", a);
    PackageResult r;
    parse1(200, NULL, body, "express", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
    free(a);
    free(body);
}

static void scoped_name_reply(void **state)
{
    char *body = range_json("@nestjs/core", 5);
    PackageResult r;
    parse1(200, NULL, body, "@nestjs/core", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.last_month, 30 * 5 + 29 * 30 / 2);
    package_result_clear(&r);
    free(body);
}

static void json_404_is_not_found_but_html_404_is_an_error(void **state)
{
    PackageResult r;
    parse1(404, "application/json", "{\"error\":\"package nope not found\"}", "nope", &r);
    assert_int_equal(r.outcome, FETCH_NOT_FOUND);
    package_result_clear(&r);
    parse1(404, "text/html", "<html><body>404 Not Found</body></html>", "nope", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
    parse1(404, "text/plain", "404", "nope", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
}

static void refused_bulk_is_split(void **state)
{
    const char *names[] = { "a", "b" };
    PackageResult out[2];
    memset(out, 0, sizeof out);
    HttpReply r = reply(400, "application/json",
                        "{\"error\":\"scoped packages are not currently supported in bulk lookups\"}");
    parse_npm_range(&r, names, 2, &any_window, out);
    assert_int_equal(out[0].outcome, FETCH_SPLIT);
    assert_int_equal(out[1].outcome, FETCH_SPLIT);
    package_result_clear(&out[0]);
    package_result_clear(&out[1]);
    /* A single name has nothing to split: an error with the server's message. */
    PackageResult one;
    parse1(400, "application/json", "{\"error\":\"bad\\nthing\"}", "a", &one);
    assert_int_equal(one.outcome, FETCH_ERROR);
    assert_string_equal(one.detail, "HTTP 400: bad?thing");
    package_result_clear(&one);
}

static void rate_limits_with_html_bodies(void **state)
{
    PackageResult r;
    parse1(429, "text/html", "<!DOCTYPE html><html>error code: 1015</html>", "a", &r);
    assert_int_equal(r.outcome, FETCH_RATE_LIMITED);
    package_result_clear(&r);
    package_result_clear(&r);
}

static void a_403_refuses_that_request_only(void **state)
{
    /* npm's firewall: a bulk request is split, a single name ends in error,
     * and nothing says "rate-limited" (which would back the host off). */
    const char *html = "<!DOCTYPE html><html><h1>Sorry, you have been blocked</h1></html>";
    const char *names[] = { "a", "b", "c" };
    PackageResult out[3];
    memset(out, 0, sizeof out);
    HttpReply bulk = reply(403, "text/html; charset=UTF-8", html);
    parse_npm_range(&bulk, names, 3, &any_window, out);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(out[i].outcome, FETCH_SPLIT);
        package_result_clear(&out[i]);
    }
    PackageResult r;
    parse1(403, "text/html; charset=UTF-8", html, "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "HTTP 403: the service refused the request");
    package_result_clear(&r);
}

static void server_errors_say_their_status(void **state)
{
    PackageResult r;
    parse1(500, "text/plain", "Internal Server Error", "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "HTTP 500");
    package_result_clear(&r);
    parse1(503, "application/json", "{\"error\":\"overloaded\"}", "a", &r);
    assert_string_equal(r.detail, "HTTP 503: overloaded");
    package_result_clear(&r);
}

static void html_is_never_parsed_as_data(void **state)
{
    PackageResult r;
    /* Even with a JSON content type, a body starting with '<' is HTML. */
    parse1(200, "application/json", "  <html>{\"start\":1}</html>", "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_non_null(strstr(r.detail, "HTML"));
    package_result_clear(&r);
    char *body = range_json("a", 1);
    parse1(200, "text/html; charset=utf-8", body, "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
    free(body);
}

static void broken_bodies_are_errors(void **state)
{
    char *body = range_json("a", 1);
    const char *bad[] = {
        "",
        "{",
        "[1,2,3]",
        "null",
        "{\"start\":\"2026-10-01\"}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":{}}",
        "{\"start\":\"2026-13-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[]}",
        "{\"start\":\"2026-10-30\",\"end\":\"2026-10-01\",\"package\":\"a\",\"downloads\":[]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-11-02\","
        "\"downloads\":1}]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-02\","
        "\"downloads\":1},{\"day\":\"2026-10-02\",\"downloads\":2}]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-02\","
        "\"downloads\":1.5}]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-02\","
        "\"downloads\":\"7\"}]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"start\":\"2026-10-02\",\"downloads\":[]}",
        "{\"start\":\"2020-01-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[]}",
        "{\"start\":\"2026-10-01\",\"end\":\"2026-10-30\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-02\","
        "\"downloads\":99999999999999999999999}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        PackageResult r;
        parse1(200, "application/json", bad[i], "a", &r);
        if (r.outcome != FETCH_ERROR)
            fail_msg("case %zu was accepted: %s", i, bad[i]);
        assert_non_null(r.detail);
        package_result_clear(&r);
    }
    /* A body cut anywhere is never accepted. */
    size_t len = strlen(body);
    for (size_t cut = 0; cut < len; cut += 7) {
        PackageResult r;
        memset(&r, 0, sizeof r);
        HttpReply hr = { 200, "application/json", body, cut };
        const char *names[] = { "a" };
        parse_npm_range(&hr, names, 1, &any_window, &r);
        assert_int_equal(r.outcome, FETCH_ERROR);
        package_result_clear(&r);
    }
    free(body);
}

static void negative_and_absurd_counts_are_rejected(void **state)
{
    PackageResult r;
    parse1(200, NULL,
           "{\"start\":\"2026-10-01\",\"end\":\"2026-10-01\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-01\","
           "\"downloads\":-5}]}",
           "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_non_null(strstr(r.detail, "negative"));
    package_result_clear(&r);
    parse1(200, NULL,
           "{\"start\":\"2026-10-01\",\"end\":\"2026-10-01\",\"package\":\"a\",\"downloads\":[{\"day\":\"2026-10-01\","
           "\"downloads\":10000000000001}]}",
           "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
}

static void days_round_trip(void **state)
{
    long d;
    char buf[11];
    assert_true(parse_day("1970-01-01", &d) == false); /* before 2000: not a date the APIs send */
    assert_true(parse_day("2024-02-29", &d));
    format_day(d, buf);
    assert_string_equal(buf, "2024-02-29");
    assert_false(parse_day("2026-02-29", &d));
    assert_false(parse_day("2026-04-31", &d));
    assert_false(parse_day("2026-1-01", &d));
    assert_true(parse_day("2026-03-01", &d));
    long e;
    assert_true(parse_day("2026-02-28", &e));
    assert_int_equal(d - e, 1);
    for (long day = 11000; day < 11000 + 800; day++) {
        format_day(day, buf);
        long back;
        assert_true(parse_day(buf, &back));
        assert_int_equal(back, day);
    }
}

/* ---- request planning ---- */

static void unscoped_names_share_bulk_requests(void **state)
{
    const char *names[] = { "express", "@nestjs/core", "fastify", "koa", "@types/node" };
    size_t n = 0;
    PlannedRequest *p = plan_npm("/downloads/range/last-month/{packages}", names, 5, 128, &n);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].path, "/downloads/range/last-month/express,fastify,koa");
    assert_int_equal(p[0].nitems, 3);
    assert_int_equal(p[0].items[0], 0);
    assert_int_equal(p[0].items[1], 2);
    assert_int_equal(p[0].items[2], 3);
    assert_string_equal(p[1].path, "/downloads/range/last-month/@nestjs/core"); /* unencoded */
    assert_int_equal(p[1].items[0], 1);
    assert_string_equal(p[2].path, "/downloads/range/last-month/@types/node");
    plan_free(p, n);
}

static void bulk_requests_split_at_the_limit(void **state)
{
    char *names[300];
    for (int i = 0; i < 300; i++)
        names[i] = xasprintf("p%d", i);
    size_t n = 0;
    PlannedRequest *p = plan_npm("/r/{packages}", (const char *const *)names, 300, 128, &n);
    assert_int_equal(n, 3);
    assert_int_equal(p[0].nitems, 128);
    assert_int_equal(p[1].nitems, 128);
    assert_int_equal(p[2].nitems, 44);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += p[i].nitems;
        assert_true(strlen(p[i].path) <= PLAN_PATH_MAX);
    }
    assert_int_equal(total, 300);
    plan_free(p, n);
    /* Long names split by length before the count is reached. */
    for (int i = 0; i < 300; i++) {
        free(names[i]);
        names[i] = xasprintf("a-rather-long-package-name-for-testing-%03d", i);
    }
    p = plan_npm("/r/{packages}", (const char *const *)names, 300, 128, &n);
    total = 0;
    for (size_t i = 0; i < n; i++) {
        total += p[i].nitems;
        assert_true(strlen(p[i].path) <= PLAN_PATH_MAX);
    }
    assert_int_equal(total, 300);
    assert_true(n > 3);
    plan_free(p, n);
    for (int i = 0; i < 300; i++)
        free(names[i]);
}

static void a_lone_unscoped_name_is_a_one_name_bulk(void **state)
{
    const char *names[] = { "@a/b", "ws" };
    size_t n = 0;
    PlannedRequest *p = plan_npm("/r/{packages}", names, 2, 128, &n);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].path, "/r/ws");
    assert_string_equal(p[1].path, "/r/@a/b");
    plan_free(p, n);
    p = plan_npm("/r/{packages}", names, 0, 128, &n);
    assert_int_equal(n, 0);
    plan_free(p, n);
}

static void npm_names_are_guarded(void **state)
{
    const char *good[] = { "express", "socket.io", "@nestjs/core", "lodash.merge", "JSONStream", "a-b_c~d" };
    const char *bad[] = { "", ".", "..", "../etc", "@scope/..", "@../x", "a/b", "@scope", "@scope/", "@/x",
                          ".hidden", "_under", "a,b", "a b", "a?b", "a#b", "a%2e", "@Scope/x", "a\\b",
                          "caf\xc3\xa9", "@a/b/c" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!npm_name_valid(good[i]))
            fail_msg("refused good name %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (npm_name_valid(bad[i]))
            fail_msg("accepted bad name %s", bad[i]);
    char long_name[300];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_false(npm_name_valid(long_name));
}

/* A range reply for "a" from start to end with the given days listed. */
static char *range_days(const char *start, const char *end, long first, long last, long long count)
{
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "{\"start\":\"%s\",\"end\":\"%s\",\"package\":\"a\",\"downloads\":[", start, end);
    for (long d = first; d <= last; d++) {
        char day[11];
        format_day(d, day);
        sb_appendf(&sb, "%s{\"downloads\":%lld,\"day\":\"%s\"}", d > first ? "," : "", count, day);
    }
    sb_append(&sb, "]}");
    return sb_take(&sb);
}

static void missing_days_are_an_error_not_zeros(void **state)
{
    PackageResult r;
    /* the whole month: fine */
    char *full = range_days("2026-10-01", "2026-10-30", day_of("2026-10-01"), day_of("2026-10-30"), 5);
    parse_month(full, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.last_month, 150);
    package_result_clear(&r);
    free(full);
    /* three days left out of the list */
    char *gap = range_days("2026-10-01", "2026-10-30", day_of("2026-10-04"), day_of("2026-10-30"), 5);
    parse_month(gap, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "incomplete reply: 3 of 30 days missing");
    package_result_clear(&r);
    /* even where the period's length is not known, the reply's own span counts */
    parse1(200, NULL, gap, "a", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "incomplete reply: 3 of 30 days missing");
    package_result_clear(&r);
    free(gap);
    /* a reply covering fewer days than the month asked for */
    char *short_span = range_days("2026-10-05", "2026-10-30", day_of("2026-10-05"), day_of("2026-10-30"), 5);
    parse_month(short_span, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "incomplete reply: 4 of 30 days missing");
    package_result_clear(&r);
    free(short_span);
    /* days with 0 downloads are listed, and fine */
    char *zeros = range_days("2026-10-01", "2026-10-30", day_of("2026-10-01"), day_of("2026-10-30"), 0);
    parse_month(zeros, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.last_month, 0);
    package_result_clear(&r);
    free(zeros);
}

static void days_outside_the_period_are_errors(void **state)
{
    PackageResult r;
    /* the reply ends tomorrow */
    char *future = range_days("2026-10-03", "2026-11-01", day_of("2026-10-03"), day_of("2026-11-01"), 5);
    parse_month(future, "2026-10-31", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "a day after today (UTC)");
    package_result_clear(&r);
    parse_month(future, "2026-11-01", &r); /* today is fine */
    assert_int_equal(r.outcome, FETCH_OK);
    package_result_clear(&r);
    free(future);
    /* 31 days for a 30-day period: it starts before the period asked for */
    char *early = range_days("2026-09-30", "2026-10-30", day_of("2026-09-30"), day_of("2026-10-30"), 5);
    parse_month(early, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "the reply starts before the period asked for");
    package_result_clear(&r);
    free(early);
}

static void implausible_counts_and_sums_are_refused(void **state)
{
    PackageResult r;
    /* one day above 10^13 */
    char *day = range_days("2026-10-01", "2026-10-30", day_of("2026-10-01"), day_of("2026-10-30"), 5);
    char *at = strstr(day, "\"downloads\":5,");
    assert_non_null(at);
    char *big = xasprintf("%.*s\"downloads\":10000000000001,%s", (int)(at - day), day, at + strlen("\"downloads\":5,"));
    parse_month(big, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "implausible download count");
    package_result_clear(&r);
    free(big);
    free(day);
    /* every day plausible, the month not */
    char *month = range_days("2026-10-01", "2026-10-30", day_of("2026-10-01"), day_of("2026-10-30"),
                             1000000000000LL);
    parse_month(month, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "implausible download count");
    package_result_clear(&r);
    free(month);
    /* the largest plausible month passes */
    char *edge = range_days("2026-10-01", "2026-10-30", day_of("2026-10-01"), day_of("2026-10-30"),
                            STAT_COUNT_MAX / 30);
    parse_month(edge, "2026-11-01", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_true(r.last_month <= STAT_COUNT_MAX);
    package_result_clear(&r);
    free(edge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flat_reply_gives_sums_and_series),
        cmocka_unit_test(days_are_placed_by_date_not_position),
        cmocka_unit_test(zero_days_are_data_not_errors),
        cmocka_unit_test(bulk_reply_maps_each_name),
        cmocka_unit_test(bulk_entry_for_another_package_is_an_error),
        cmocka_unit_test(a_single_name_expects_the_flat_shape),
        cmocka_unit_test(scoped_name_reply),
        cmocka_unit_test(json_404_is_not_found_but_html_404_is_an_error),
        cmocka_unit_test(refused_bulk_is_split),
        cmocka_unit_test(a_403_refuses_that_request_only),
        cmocka_unit_test(missing_days_are_an_error_not_zeros),
        cmocka_unit_test(days_outside_the_period_are_errors),
        cmocka_unit_test(implausible_counts_and_sums_are_refused),
        cmocka_unit_test(rate_limits_with_html_bodies),
        cmocka_unit_test(server_errors_say_their_status),
        cmocka_unit_test(html_is_never_parsed_as_data),
        cmocka_unit_test(broken_bodies_are_errors),
        cmocka_unit_test(negative_and_absurd_counts_are_rejected),
        cmocka_unit_test(days_round_trip),
        cmocka_unit_test(unscoped_names_share_bulk_requests),
        cmocka_unit_test(bulk_requests_split_at_the_limit),
        cmocka_unit_test(a_lone_unscoped_name_is_a_one_name_bulk),
        cmocka_unit_test(npm_names_are_guarded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
