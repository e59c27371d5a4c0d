/* test_source_ops.c: the protocols' table (core/sources.h's
 * SOURCE_PROTOCOLS and fetch/source_ops.h's rows): every protocol has a
 * whole row, and each row plans, regroups and reads replies the way its
 * service wants, as the fetcher calls it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/sources.h"
#include "fetch/source_ops.h"
#include "load/sources_load.h"

static void every_protocol_has_a_whole_row(void **state)
{
    (void)state;
    for (int p = 0; p < SOURCE_NPROTOCOLS; p++) {
        const SourceProtocolInfo *info = source_protocol_info((SourceProtocol)p);
        const SourceOps *ops = source_ops((SourceProtocol)p);
        assert_non_null(info->name);
        assert_non_null(info->placeholder);
        assert_true(info->placeholder[0] == '{');
        assert_true(info->bulk_max >= 1);
        assert_int_equal(ops->protocol, p);
        if (ops->kind == SOURCE_KIND_DOWNLOADS) {
            assert_non_null(ops->plan);
            assert_non_null(ops->parse);
            assert_null(ops->evidence);
        } else {
            /* evidence beyond downloads: asked in steps, one name a request */
            assert_non_null(ops->evidence);
            assert_non_null(ops->evidence->query);
            assert_non_null(ops->evidence->parse);
            assert_true(ops->evidence->main_steps >= 1);
            assert_int_equal(info->bulk_max, 1);
        }
        /* a protocol that bulks can split a refused request; one that
         * does not has nothing to split */
        assert_int_equal(ops->regroup != NULL, info->bulk_max > 1);
        SourceProtocol back;
        assert_true(source_protocol_from_name(info->name, &back));
        assert_int_equal(back, p);
        assert_string_equal(source_protocol_name((SourceProtocol)p), info->name);
    }
    SourceProtocol none;
    assert_false(source_protocol_from_name("gopher", &none));
}

static Source source(SourceProtocol p, const char *endpoint, int bulk_max)
{
    Source s = { 0 };
    s.protocol = p;
    s.endpoint = (char *)endpoint;
    s.bulk_max = bulk_max;
    return s;
}

static void npm_row_bulks_and_regroups(void **state)
{
    (void)state;
    Source s = source(SOURCE_NPM_DOWNLOADS, "/downloads/range/last-month/{packages}", 2);
    const SourceOps *ops = source_ops(s.protocol);
    const char *names[] = { "express", "@nestjs/core", "fastify", "koa" };
    size_t n = 0;
    PlannedRequest *plan = ops->plan(&s, names, 4, &n);
    assert_int_equal(n, 3); /* bulk_max 2: [express,fastify] [koa], then the scoped name alone */
    assert_string_equal(plan[0].path, "/downloads/range/last-month/express,fastify");
    assert_string_equal(plan[1].path, "/downloads/range/last-month/koa");
    assert_string_equal(plan[2].path, "/downloads/range/last-month/@nestjs/core");
    assert_int_equal(plan[2].items[0], 1);
    plan_free(plan, n);
    PlannedRequest half = ops->regroup(&s, names + 2, 2);
    assert_string_equal(half.path, "/downloads/range/last-month/fastify,koa");
    assert_int_equal(half.nitems, 2);
    free(half.path);
    free(half.items);

    /* a refused bulk request is split; the endpoint's period is checked */
    const char *refused = "<html>Sorry, you have been blocked</html>";
    HttpReply r403 = { 403, "text/html", refused, strlen(refused) };
    PackageResult res[2] = { 0 };
    ParseWindow w = { 0, 0, 0 };
    ops->parse(&s, &r403, names + 2, 2, &w, res);
    assert_int_equal(res[0].outcome, FETCH_SPLIT);
    package_result_clear(&res[0]);
    package_result_clear(&res[1]);
    const char *short_body = "{\"start\":\"2026-10-29\",\"end\":\"2026-10-30\",\"package\":\"koa\","
                             "\"downloads\":[{\"day\":\"2026-10-29\",\"downloads\":1},"
                             "{\"day\":\"2026-10-30\",\"downloads\":2}]}";
    HttpReply two_days = { 200, "application/json", short_body, strlen(short_body) };
    PackageResult one = { 0 };
    ops->parse(&s, &two_days, names + 3, 1, &w, &one);
    assert_int_equal(one.outcome, FETCH_ERROR); /* last-month wants 30 days */
    package_result_clear(&one);
    Source week = source(SOURCE_NPM_DOWNLOADS, "/downloads/range/last-day/{packages}", 2);
    const char *day_body = "{\"start\":\"2026-10-30\",\"end\":\"2026-10-30\",\"package\":\"koa\","
                           "\"downloads\":[{\"day\":\"2026-10-30\",\"downloads\":2}]}";
    HttpReply one_day = { 200, "application/json", day_body, strlen(day_body) };
    ops->parse(&week, &one_day, names + 3, 1, &w, &one);
    assert_int_equal(one.outcome, FETCH_OK);
    assert_int_equal(one.ndaily, 1);
    package_result_clear(&one);
}

/* A chart's longer history from npm: the same endpoint with the days as
 * its period, bulk requests of at most 365 days (the latest first), a
 * scoped name alone over up to 18 months; each request says its days. */
static void npm_row_plans_a_history_within_the_limits(void **state)
{
    (void)state;
    Source s = source(SOURCE_NPM_DOWNLOADS, "/downloads/range/last-month/{packages}", 128);
    const SourceOps *ops = source_ops(s.protocol);
    assert_non_null(ops->plan_history);
    const char *names[] = { "express", "@nestjs/core", "fastify" };
    long last = 20757;            /* 2026-10-31 */
    long first = last - 510 + 1;  /* 510 days: two bulk windows, one single */
    size_t n = 0;
    PlannedRequest *plan = ops->plan_history(&s, names, 3, first, last, &n);
    assert_int_equal(n, 3);
    assert_string_equal(plan[0].path, "/downloads/range/2025-11-01:2026-10-31/express,fastify");
    assert_int_equal(plan[0].first_day, last - 364);
    assert_int_equal(plan[0].last_day, last);
    assert_int_equal(plan[0].nitems, 2);
    assert_int_equal(plan[0].items[0], 0);
    assert_int_equal(plan[0].items[1], 2);
    assert_string_equal(plan[1].path, "/downloads/range/2025-06-09:2025-10-31/express,fastify");
    assert_int_equal(plan[1].first_day, first);
    assert_int_equal(plan[1].last_day, last - 365);
    assert_string_equal(plan[2].path, "/downloads/range/2025-06-09:2026-10-31/@nestjs/core");
    assert_int_equal(plan[2].items[0], 1);
    assert_int_equal(plan[2].last_day - plan[2].first_day + 1, 510);
    for (size_t i = 0; i < n; i++)
        assert_true(plan[i].last_day - plan[i].first_day + 1 <=
                    (plan[i].nitems > 1 ? PLAN_NPM_BULK_DAYS : PLAN_NPM_SINGLE_DAYS));
    plan_free(plan, n);
    /* a refresh's requests say no days */
    plan = ops->plan(&s, names, 3, &n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(plan[i].last_day, 0);
    plan_free(plan, n);
    /* an endpoint without a period to replace plans nothing */
    Source odd = source(SOURCE_NPM_DOWNLOADS, "/downloads/{packages}", 128);
    assert_null(ops->plan_history(&odd, names, 3, first, last, &n));
    assert_int_equal(n, 0);
    /* pypistats keeps no longer history */
    assert_null(source_ops(SOURCE_PYPISTATS)->plan_history);
}

static void pypistats_row_asks_one_project_a_request(void **state)
{
    (void)state;
    Source s = source(SOURCE_PYPISTATS, "/packages/{package}/overall?mirrors=false", 1);
    const SourceOps *ops = source_ops(s.protocol);
    assert_true(ops->shared_latest_day);
    assert_false(source_ops(SOURCE_NPM_DOWNLOADS)->shared_latest_day);
    const char *names[] = { "django", "flask" };
    size_t n = 0;
    PlannedRequest *plan = ops->plan(&s, names, 2, &n);
    assert_int_equal(n, 2);
    assert_string_equal(plan[1].path, "/packages/flask/overall?mirrors=false");
    assert_int_equal(plan[1].items[0], 1);
    plan_free(plan, n);
    /* its bare "404", typed text/html, is not found; a proxy's page is not */
    HttpReply bare = { 404, "text/html; charset=utf-8", "404", 3 };
    PackageResult res = { 0 };
    ParseWindow w = { 0, 0, 0 };
    ops->parse(&s, &bare, names + 1, 1, &w, &res);
    assert_int_equal(res.outcome, FETCH_NOT_FOUND);
    package_result_clear(&res);
    const char *page = "<html><body>404 Not Found</body></html>";
    HttpReply proxy = { 404, "text/html", page, strlen(page) };
    ops->parse(&s, &proxy, names + 1, 1, &w, &res);
    assert_int_equal(res.outcome, FETCH_ERROR);
    package_result_clear(&res);
}

static void one_name_a_request_for_any_placeholder(void **state)
{
    (void)state;
    const char *names[] = { "serde", "tokio" };
    size_t n = 0;
    PlannedRequest *plan = plan_each("/api/v1/crates/{crate}/downloads", "{crate}", names, 2, &n);
    assert_int_equal(n, 2);
    assert_string_equal(plan[0].path, "/api/v1/crates/serde/downloads");
    assert_string_equal(plan[1].path, "/api/v1/crates/tokio/downloads");
    assert_int_equal(plan[1].nitems, 1);
    assert_int_equal(plan[1].items[0], 1);
    plan_free(plan, n);
    assert_null(plan_each("/x/{crate}", "{crate}", names, 0, &n));
    assert_int_equal(n, 0);
}

static void loader_reads_the_table(void **state)
{
    (void)state;
    char *err = NULL;
    const char *unknown = "sources:\n  - id: x\n    ecosystem: x\n    protocol: gopher\n"
                          "    base_url: https://example.invalid\n    endpoint: /p/{package}\n";
    assert_null(sources_load_buffer("s.yaml", unknown, strlen(unknown), &err));
    assert_non_null(strstr(err, "s.yaml:4:15: unknown protocol 'gopher' (known: npm-downloads, pypistats"));
    for (int p = 0; p < SOURCE_NPROTOCOLS; p++) /* every row, however many there are */
        assert_non_null(strstr(err, source_protocol_name((SourceProtocol)p)));
    free(err);
    err = NULL;
    const char *wrong = "sources:\n  - id: x\n    ecosystem: x\n    protocol: pypistats\n"
                        "    base_url: https://example.invalid\n    endpoint: /p/{packages}\n";
    assert_null(sources_load_buffer("s.yaml", wrong, strlen(wrong), &err));
    assert_non_null(strstr(err, "s.yaml:6:15: 'endpoint' must be a path starting with '/' that holds {package} once"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_protocol_has_a_whole_row),
        cmocka_unit_test(npm_row_bulks_and_regroups),
        cmocka_unit_test(npm_row_plans_a_history_within_the_limits),
        cmocka_unit_test(pypistats_row_asks_one_project_a_request),
        cmocka_unit_test(one_name_a_request_for_any_placeholder),
        cmocka_unit_test(loader_reads_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
