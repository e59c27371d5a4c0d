/* test_parse_pypi.c: the pypistats `overall` parser on recorded-shape
 * replies (mirror categories, gaps, the plain-text 404, HTML 429, broken
 * bodies), PEP 503 names and the one-request-per-project plan. */
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

/* An overall reply: `days` daily rows ending 2026-10-30 (day i, 0-based from
 * the oldest, has base + i downloads), with with_mirrors rows interleaved
 * when both is true. Keys alphabetical, as the service sends them. */
static char *overall_json_to(const char *pkg, int days, long long base, bool both, const char *last)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "{\"data\":[");
    long end;
    assert_true(parse_day(last, &end));
    for (int i = 0; i < days; i++) {
        char day[11];
        format_day(end - (days - 1 - i), day);
        if (both)
            sb_appendf(&sb, "{\"category\":\"with_mirrors\",\"date\":\"%s\",\"downloads\":%lld},", day,
                       (base + i) * 2);
        sb_appendf(&sb, "%s{\"category\":\"without_mirrors\",\"date\":\"%s\",\"downloads\":%lld}",
                   i && !both ? "," : "", day, base + i);
        if (both && i + 1 < days)
            sb_append_char(&sb, ',');
    }
    sb_appendf(&sb, "],\"package\":\"%s\",\"type\":\"overall_downloads\"}", pkg);
    return sb_take(&sb);
}

static char *overall_json(const char *pkg, int days, long long base, bool both)
{
    return overall_json_to(pkg, days, base, both, "2026-10-30");
}

/* Most cases check shapes alone: no today, no latest day known. */
static ParseWindow window = { 0, 0, 0 };

static void parse(long status, const char *ctype, const char *body, size_t len, const char *name,
                  PackageResult *out)
{
    HttpReply r = { status, ctype, body, len };
    memset(out, 0, sizeof *out);
    parse_pypistats_overall(&r, name, &window, out);
}

static long day_of(const char *s)
{
    long d = 0;
    assert_true(parse_day(s, &d));
    return d;
}

static void parses(long status, const char *ctype, const char *body, const char *name, PackageResult *out)
{
    parse(status, ctype, body, strlen(body), name, out);
}

static void last_thirty_days_of_one_eighty(void **state)
{
    char *body = overall_json("django", 180, 1000, false);
    PackageResult r;
    parses(200, "application/json", body, "django", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    /* the whole history for the trend chart; rows 150..179 make the month */
    assert_int_equal(r.ndaily, 180);
    assert_int_equal(r.daily[0], 1000);
    assert_int_equal(r.daily[150], 1150);
    assert_int_equal(r.daily[179], 1179);
    long long month = 0, week = 0;
    for (int i = 150; i < 180; i++)
        month += 1000 + i;
    for (int i = 173; i < 180; i++)
        week += 1000 + i;
    assert_int_equal(r.last_month, month);
    assert_int_equal(r.last_week, week);
    assert_string_equal(r.first_day, "2026-10-01");
    assert_string_equal(r.last_day, "2026-10-30");
    package_result_clear(&r);
    free(body);
}

static void mirror_rows_are_left_out(void **state)
{
    char *body = overall_json("flask", 40, 10, true);
    PackageResult r;
    parses(200, "application/json", body, "flask", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.ndaily, 40);
    assert_int_equal(r.daily[39], 10 + 39); /* not the doubled with_mirrors figure */
    package_result_clear(&r);
    free(body);
}

static void rows_in_any_order_and_gaps_as_zero(void **state)
{
    const char *body = "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"2026-10-30\",\"downloads\":5},"
                       "{\"category\":\"without_mirrors\",\"date\":\"2026-10-01\",\"downloads\":7},"
                       "{\"category\":\"without_mirrors\",\"date\":\"2026-09-01\",\"downloads\":100}],"
                       "\"package\":\"x\",\"type\":\"overall_downloads\"}";
    PackageResult r;
    parses(200, NULL, body, "x", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.ndaily, 60); /* 2026-09-01 .. 2026-10-30 */
    assert_int_equal(r.daily[0], 100);
    assert_int_equal(r.daily[30], 7);
    assert_int_equal(r.daily[31], 0);
    assert_int_equal(r.daily[59], 5);
    assert_int_equal(r.last_month, 12); /* 2026-09-01 is outside the month */
    assert_int_equal(r.last_week, 5);
    package_result_clear(&r);
}

static void no_rows_is_zero_downloads(void **state)
{
    PackageResult r;
    parses(200, NULL, "{\"data\":[],\"package\":\"x\",\"type\":\"overall_downloads\"}", "x", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_int_equal(r.last_week, 0);
    assert_int_equal(r.last_month, 0);
    assert_int_equal(r.ndaily, 0);
    assert_null(r.daily);
    assert_string_equal(r.first_day, "");
    package_result_clear(&r);
}

static void package_name_compared_after_normalising(void **state)
{
    char *body = overall_json("Scikit_Learn", 3, 1, false);
    PackageResult r;
    parses(200, NULL, body, "scikit-learn", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    package_result_clear(&r);
    parses(200, NULL, body, "numpy", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
    free(body);
}

static void plain_text_404_is_not_found(void **state)
{
    PackageResult r;
    /* What the service really sends: Flask types a bare string text/html. */
    parses(404, "text/html; charset=utf-8", "404", "nope", &r);
    assert_int_equal(r.outcome, FETCH_NOT_FOUND);
    /* It says the same for a project with no downloads in its window. */
    assert_string_equal(r.detail, "pypistats has no downloads for it in the last 180 days, or does not know it");
    package_result_clear(&r);
    parses(404, "text/plain", "404", "nope", &r);
    assert_int_equal(r.outcome, FETCH_NOT_FOUND);
    package_result_clear(&r);
    parses(404, NULL, "404\n", "nope", &r);
    assert_int_equal(r.outcome, FETCH_NOT_FOUND);
    package_result_clear(&r);
    /* A proxy's page is not the service saying "unknown project". */
    parses(404, "text/html", "<html><h1>404 Not Found</h1></html>", "nope", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
    parses(404, "application/json", "{\"error\":\"x\"}", "nope", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
}

static void only_429_is_rate_limited(void **state)
{
    PackageResult r;
    parses(429, "text/html", "<html><body>429 RATE LIMIT EXCEEDED</body></html>", "x", &r);
    assert_int_equal(r.outcome, FETCH_RATE_LIMITED);
    package_result_clear(&r);
    /* Only 429 is a rate limit: a 403 refuses that one request. */
    parses(403, "text/html", "<html>no</html>", "x", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "HTTP 403: the service refused the request");
    package_result_clear(&r);
    parses(502, "text/html", "<html>bad gateway</html>", "x", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "HTTP 502");
    package_result_clear(&r);
    parses(200, "text/html", "<html>maintenance</html>", "x", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    package_result_clear(&r);
}

static void wrong_shapes_are_errors(void **state)
{
    const char *bad[] = {
        "",
        "{\"data\":[",
        "{}",
        "[]",
        "{\"data\":{},\"package\":\"x\",\"type\":\"overall_downloads\"}",
        "{\"data\":[],\"package\":\"x\",\"type\":\"recent_downloads\"}",
        "{\"data\":[],\"package\":\"x\"}",
        "{\"data\":[],\"package\":5,\"type\":\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"2026-10-30\"}],\"package\":\"x\",\"type\":"
        "\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"yesterday\",\"downloads\":1}],\"package\":\"x\","
        "\"type\":\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"Linux\",\"date\":\"2026-10-30\",\"downloads\":1}],\"package\":\"x\",\"type\":"
        "\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"2026-10-30\",\"downloads\":-1}],\"package\":\"x\","
        "\"type\":\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"2026-10-30\",\"downloads\":20000000000000}],"
        "\"package\":\"x\",\"type\":\"overall_downloads\"}",
        "{\"data\":[{\"category\":\"without_mirrors\",\"date\":\"2026-10-30\",\"downloads\":1},{\"category\":"
        "\"without_mirrors\",\"date\":\"2026-10-30\",\"downloads\":2}],\"package\":\"x\",\"type\":"
        "\"overall_downloads\"}",
        "{\"data\":[7],\"package\":\"x\",\"type\":\"overall_downloads\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        PackageResult r;
        parses(200, "application/json", bad[i], "x", &r);
        if (r.outcome != FETCH_ERROR)
            fail_msg("case %zu was accepted: %s", i, bad[i]);
        assert_non_null(r.detail);
        package_result_clear(&r);
    }
}

static void cut_bodies_are_never_accepted(void **state)
{
    char *body = overall_json("x", 30, 5, true);
    size_t len = strlen(body);
    for (size_t cut = 0; cut < len; cut += 13) {
        PackageResult r;
        parse(200, "application/json", body, cut, "x", &r);
        assert_int_equal(r.outcome, FETCH_ERROR);
        package_result_clear(&r);
    }
    free(body);
}

static void pep503_names(void **state)
{
    struct {
        const char *in, *out;
    } cases[] = {
        { "Django", "django" },
        { "scikit_learn", "scikit-learn" },
        { "Foo.-_Bar", "foo-bar" },
        { "python-socketio", "python-socketio" },
        { "zope.interface", "zope-interface" },
        { "A", "a" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *n = pypi_name_normalize(cases[i].in);
        assert_non_null(n);
        assert_string_equal(n, cases[i].out);
        free(n);
    }
    const char *bad[] = { "", ".", "..", "-x", "x-", "a/b", "a b", "a%2f", "../x", "x?y", "caf\xc3\xa9", "_x" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_false(pypi_name_valid(bad[i]));
        assert_null(pypi_name_normalize(bad[i]));
    }
}

static void one_request_per_project(void **state)
{
    const char *names[] = { "django", "fastapi", "scikit-learn" };
    size_t n = 0;
    PlannedRequest *p = plan_pypistats("/packages/{package}/overall?mirrors=false", names, 3, &n);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].path, "/packages/django/overall?mirrors=false");
    assert_string_equal(p[2].path, "/packages/scikit-learn/overall?mirrors=false");
    assert_int_equal(p[2].nitems, 1);
    assert_int_equal(p[2].items[0], 2);
    plan_free(p, n);
}

static void measured_back_from_the_services_latest_day(void **state)
{
    /* A quiet project: no rows for its last two days (zero downloads), while
     * the service's latest day, known from other replies, is 2026-10-30. */
    char *body = overall_json_to("quiet", 28, 100, false, "2026-10-28");
    PackageResult r;
    window = (ParseWindow){ day_of("2026-11-01"), 0, day_of("2026-10-30") };
    parses(200, "application/json", body, "quiet", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    assert_string_equal(r.last_day, "2026-10-30");
    assert_string_equal(r.first_day, "2026-10-01");
    assert_int_equal(r.ndaily, 30);
    assert_int_equal(r.daily[29], 0);
    assert_int_equal(r.daily[28], 0);
    assert_int_equal(r.daily[27], 127); /* the project's last row, 2026-10-28 */
    /* last week: 2026-10-24..30, of which 10-24..28 have rows 123..127 */
    assert_int_equal(r.last_week, 123 + 124 + 125 + 126 + 127);
    package_result_clear(&r);
    /* Not knowing the service's day, the project's own last row is all there is. */
    window = (ParseWindow){ day_of("2026-11-01"), 0, 0 };
    parses(200, "application/json", body, "quiet", &r);
    assert_string_equal(r.last_day, "2026-10-28");
    package_result_clear(&r);
    window = (ParseWindow){ 0, 0, 0 };
    free(body);
}

static void rows_outside_the_period_are_errors(void **state)
{
    char *body = overall_json("django", 180, 1000, false); /* rows end 2026-10-30 */
    PackageResult r;
    window = (ParseWindow){ day_of("2026-10-29"), 0, 0 };
    parses(200, NULL, body, "django", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "a row dated after today (UTC)");
    package_result_clear(&r);
    window = (ParseWindow){ day_of("2026-10-31"), 0, 0 };
    parses(200, NULL, body, "django", &r);
    assert_int_equal(r.outcome, FETCH_OK);
    package_result_clear(&r);
    /* 180 days of rows, seen 200 days later: older than the service keeps */
    window = (ParseWindow){ day_of("2026-10-30") + 200, 0, 0 };
    parses(200, NULL, body, "django", &r);
    assert_int_equal(r.outcome, FETCH_ERROR);
    assert_string_equal(r.detail, "a row before the period asked for");
    package_result_clear(&r);
    window = (ParseWindow){ 0, 0, 0 };
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(last_thirty_days_of_one_eighty),
        cmocka_unit_test(mirror_rows_are_left_out),
        cmocka_unit_test(rows_in_any_order_and_gaps_as_zero),
        cmocka_unit_test(no_rows_is_zero_downloads),
        cmocka_unit_test(package_name_compared_after_normalising),
        cmocka_unit_test(plain_text_404_is_not_found),
        cmocka_unit_test(only_429_is_rate_limited),
        cmocka_unit_test(measured_back_from_the_services_latest_day),
        cmocka_unit_test(rows_outside_the_period_are_errors),
        cmocka_unit_test(wrong_shapes_are_errors),
        cmocka_unit_test(cut_bodies_are_never_accepted),
        cmocka_unit_test(pep503_names),
        cmocka_unit_test(one_request_per_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
