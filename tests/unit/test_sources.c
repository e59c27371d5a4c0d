/* test_sources.c: data/sources.yaml loads with polite limits, and every
 * kind of mistake in a sources file is reported at FILE:LINE:COLUMN; the
 * per-host rate limit never lets more requests through than a window allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/ratelimit.h"
#include "load/sources_load.h"
#include "util/xalloc.h"

static const char *good_npm =
    "sources:\n"
    "  - id: npm\n"
    "    ecosystem: npm\n"
    "    protocol: npm-downloads\n"
    "    base_url: https://api.example.test/\n"
    "    base_url_env: VERSUS_NPM_API\n"
    "    endpoint: /downloads/range/last-month/{packages}\n"
    "    bulk_max: 128\n"
    "    limits:\n"
    "      connections: 2\n"
    "      per_second: 1\n"
    "      per_minute: 20\n"
    "    backoff: 15m\n"
    "    daily_update: 01:30\n"
    "    connect_timeout: 500ms\n"
    "    timeout: 30s\n"
    "    max_response: 2MiB\n";

static Sources *load(const char *text, char **err)
{
    *err = NULL;
    return sources_load_buffer("sources.yaml", text, strlen(text), err);
}

static void the_shipped_file_is_polite(void **state)
{
    char *err = NULL;
    /* The tests run from the source tree root. */
    Sources *s = sources_load("data/sources.yaml", &err);
    if (!s)
        fail_msg("%s", err);
    const Source *npm = sources_find(s, "npm");
    const Source *pypi = sources_find(s, "pypi");
    assert_non_null(npm);
    assert_non_null(pypi);
    assert_int_equal(npm->protocol, SOURCE_NPM_DOWNLOADS);
    assert_int_equal(pypi->protocol, SOURCE_PYPISTATS);
    assert_string_equal(npm->base_url_env, "VERSUS_NPM_API");
    assert_string_equal(pypi->base_url_env, "VERSUS_PYPI_API");
    assert_non_null(strstr(npm->endpoint, "range/last-month/{packages}"));
    assert_non_null(strstr(pypi->endpoint, "/overall?mirrors=false"));
    assert_int_equal(npm->bulk_max, 128);
    /* pypistats: 5 a second and 30 a minute per client */
    assert_true(pypi->per_second < 5);
    assert_true(pypi->per_minute < 30);
    /* npm: one request every 2 s on one connection, an hour after a bare 429 */
    assert_int_equal(npm->connections, 1);
    assert_true(npm->interval_ms >= 2000);
    assert_true(npm->per_minute <= 30);
    assert_true(npm->backoff_s >= 3600);
    assert_true(pypi->backoff_s >= 60); /* minutes, not seconds */
    /* both update once a day, after midnight UTC */
    assert_true(npm->daily_update_s >= 0 && npm->daily_update_s <= 3 * 3600);
    assert_true(pypi->daily_update_s >= 3600 && pypi->daily_update_s <= 3 * 3600);
    assert_int_equal(npm->max_response, 2 * 1024 * 1024);
    assert_null(sources_find(s, "cargo"));
    sources_free(s);
}

static void a_good_file(void **state)
{
    char *err = NULL;
    Sources *s = load(good_npm, &err);
    if (!s)
        fail_msg("%s", err);
    assert_int_equal(s->count, 1);
    const Source *n = &s->items[0];
    assert_string_equal(n->base_url, "https://api.example.test"); /* trailing slash dropped */
    assert_int_equal(n->connections, 2);
    assert_int_equal(n->per_second, 1);
    assert_int_equal(n->per_minute, 20);
    assert_int_equal(n->backoff_s, 900);
    assert_int_equal(n->daily_update_s, 5400);
    assert_int_equal(n->interval_ms, 0); /* optional */
    assert_int_equal(n->connect_timeout_ms, 500);
    assert_int_equal(n->timeout_ms, 30000);
    assert_string_equal(source_protocol_name(n->protocol), "npm-downloads");
    sources_free(s);
}

/* Replaces the first occurrence of from in good_npm with to. */
static char *variant(const char *from, const char *to)
{
    const char *at = strstr(good_npm, from);
    assert_non_null(at);
    return xasprintf("%.*s%s%s", (int)(at - good_npm), good_npm, to, at + strlen(from));
}

static void mistakes_are_placed(void **state)
{
    struct {
        const char *from, *to, *where, *what;
    } cases[] = {
        { "    bulk_max: 128\n", "    bulk_max: 129\n", "sources.yaml:8:15:", "between 1 and 128" },
        { "      per_second: 1\n", "      per_second: 0\n", "sources.yaml:11:19:", "between" },
        { "      per_minute: 20\n", "      per_minute: 1x\n", "sources.yaml:12:19:", "whole number" },
        { "    protocol: npm-downloads\n", "    protocol: gopher\n", "sources.yaml:4:15:", "unknown protocol" },
        { "    base_url: https://api.example.test/\n", "    base_url: ftp://x\n", "sources.yaml:5:15:", "https" },
        { "    base_url: https://api.example.test/\n", "    base_url: https://u:p@x\n", "sources.yaml:5:15:",
          "credentials" },
        { "{packages}", "{package}", "sources.yaml:7:15:", "{packages}" },
        { "    daily_update: 01:30\n", "    daily_update: 12h\n", "sources.yaml:14:19:", "time of day" },
        { "    daily_update: 01:30\n", "    daily_update: 24:00\n", "sources.yaml:14:19:", "time of day" },
        { "    daily_update: 01:30\n", "    cache_lifetime: 12h\n", "sources.yaml:14:5:", "unknown key" },
        { "      per_minute: 20\n", "      per_minute: 20\n      interval: 2\n", "sources.yaml:13:17:",
          "duration" },
        { "    timeout: 30s\n", "    timeout: 200ms\n", "sources.yaml:15:22:", "must not exceed" },
        { "    max_response: 2MiB\n", "    max_response: 2GB\n", "sources.yaml:17:19:", "size" },
        { "    backoff: 15m\n", "    backof: 15m\n", "sources.yaml:13:5:", "unknown key 'backof'" },
        { "    backoff: 15m\n", "", "sources.yaml:2:5:", "missing 'backoff'" },
        { "    base_url_env: VERSUS_NPM_API\n", "    base_url_env: npm api\n", "sources.yaml:6:19:",
          "environment variable" },
        { "    ecosystem: npm\n", "    ecosystem: [npm]\n", "sources.yaml:3:16:", "must be text" },
        { "    limits:\n", "    limits: {}\n    x:\n", "sources.yaml:10:5:", "unknown key 'x'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *text = variant(cases[i].from, cases[i].to);
        char *err = NULL;
        Sources *s = load(text, &err);
        if (s)
            fail_msg("case %zu was accepted", i);
        if (strncmp(err, cases[i].where, strlen(cases[i].where)) != 0 || !strstr(err, cases[i].what))
            fail_msg("case %zu: got '%s', wanted %s ... %s", i, err, cases[i].where, cases[i].what);
        free(err);
        free(text);
    }
}

static void whole_file_mistakes(void **state)
{
    struct {
        const char *text, *what;
    } cases[] = {
        { "sources: []\n", "sources.yaml:1:10: 'sources' must be a non-empty list" },
        { "- a\n", "sources.yaml:1:1: the file must be a mapping" },
        { "other: 1\n", "sources.yaml:1:1: unknown key 'other'" },
        { "sources:\n  - 5\n", "sources.yaml:2:5: a source must be a mapping" },
        { "sources: &a\n  - x\n", "sources.yaml:1:10: YAML anchors" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *err = NULL;
        Sources *s = load(cases[i].text, &err);
        assert_null(s);
        if (strncmp(err, cases[i].what, strlen(cases[i].what)) != 0)
            fail_msg("case %zu: got '%s', wanted '%s'", i, err, cases[i].what);
        free(err);
    }
}

static void duplicates_are_refused(void **state)
{
    const char *body = strstr(good_npm, "  - id: npm");
    char *twice = xasprintf("%s%s", good_npm, body);
    char *err = NULL;
    assert_null(load(twice, &err));
    assert_non_null(strstr(err, "sources.yaml:18:9: duplicate id 'npm' (first at line 2)"));
    free(err);
    free(twice);
    char *renamed = xasprintf("%s%s", good_npm, body);
    char *id = strstr(renamed + strlen(good_npm), "id: npm");
    memcpy(id, "id: np2", 7);
    assert_null(load(renamed, &err));
    assert_non_null(strstr(err, "duplicate ecosystem 'npm'"));
    free(err);
    free(renamed);
}

static void pypistats_takes_no_bulk(void **state)
{
    const char *text = "sources:\n"
                       "  - id: pypistats\n"
                       "    ecosystem: pypi\n"
                       "    protocol: pypistats\n"
                       "    base_url: https://stats.example.test/api\n"
                       "    endpoint: /packages/{package}/overall?mirrors=false\n"
                       "    bulk_max: 10\n";
    char *err = NULL;
    assert_null(load(text, &err));
    assert_non_null(strstr(err, "sources.yaml:7:15: 'bulk_max' applies only"));
    free(err);
}

/* ---- rate limits ---- */

/* Starts requests as fast as the limit allows for `span` ms and checks no
 * window holds more than allowed. */
static void limit_holds(int per_second, int per_minute, long long span)
{
    RateLimit rl;
    ratelimit_init(&rl, per_second, per_minute, 0);
    long long *starts = xcalloc(100000, sizeof *starts);
    size_t n = 0;
    long long t = 0;
    while (t < span && n < 100000) {
        long long at = ratelimit_next(&rl, t);
        assert_true(at >= t);
        t = at;
        ratelimit_take(&rl, t);
        starts[n++] = t;
        t += 7; /* the caller's loop takes a little time */
    }
    for (size_t i = 0; i < n; i++) {
        size_t in_second = 0, in_minute = 0;
        for (size_t k = i; k < n && starts[k] < starts[i] + 1000; k++)
            in_second++;
        for (size_t k = i; k < n && starts[k] < starts[i] + 60000; k++)
            in_minute++;
        assert_true(in_second <= (size_t)per_second);
        assert_true(in_minute <= (size_t)per_minute);
    }
    /* and it does not starve: close to the allowed number per minute */
    assert_true(n >= (size_t)(span / 61000) * (size_t)per_minute);
    free(starts);
    ratelimit_free(&rl);
}

static void windows_never_overflow(void **state)
{
    limit_holds(4, 28, 5 * 60000);
    limit_holds(1, 12, 3 * 60000);
    limit_holds(5, 5, 60000);
    limit_holds(100, 6000, 120000);
}

static void the_first_requests_go_at_once(void **state)
{
    RateLimit rl;
    ratelimit_init(&rl, 4, 28, 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(ratelimit_next(&rl, 1000), 1000);
        ratelimit_take(&rl, 1000);
    }
    assert_int_equal(ratelimit_next(&rl, 1000), 1000 + RATELIMIT_SECOND_MS);
    ratelimit_free(&rl);
}

/* npm's pace: however eagerly the caller asks, no two starts are closer
 * than the interval. Time is simulated: nothing here waits. */
static void the_interval_spaces_every_start(void **state)
{
    RateLimit rl;
    ratelimit_init(&rl, 1, 30, 2000);
    long long t = 5000, prev = -1;
    for (int i = 0; i < 40; i++) {
        long long at = ratelimit_next(&rl, t);
        assert_true(at >= t);
        if (prev >= 0)
            assert_true(at - prev >= 2000);
        else
            assert_int_equal(at, t); /* the first goes at once */
        ratelimit_take(&rl, at);
        prev = at;
        t = at + (i % 3) * 700; /* asks again soon, or at once */
    }
    ratelimit_free(&rl);
}

/* A reply that takes long to come back pushes the next start: the interval
 * counts from the later of the last start and the last end, so the server,
 * which saw the last request before its reply left, sees the full interval. */
static void the_interval_counts_from_the_last_reply(void **state)
{
    RateLimit rl;
    ratelimit_init(&rl, 1, 30, 2000);
    assert_int_equal(ratelimit_next(&rl, 1000), 1000);
    ratelimit_take(&rl, 1000);
    assert_int_equal(ratelimit_next(&rl, 1200), 3000);
    ratelimit_done(&rl, 1500); /* a quick reply: the start still rules */
    assert_int_equal(ratelimit_next(&rl, 1600), 3500);
    ratelimit_take(&rl, 3500);
    ratelimit_done(&rl, 4800); /* a slow one: 2 s from its end */
    assert_int_equal(ratelimit_next(&rl, 5000), 6800);
    ratelimit_done(&rl, 4000); /* an earlier end changes nothing */
    assert_int_equal(ratelimit_next(&rl, 5000), 6800);
    ratelimit_free(&rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_shipped_file_is_polite),
        cmocka_unit_test(a_good_file),
        cmocka_unit_test(mistakes_are_placed),
        cmocka_unit_test(whole_file_mistakes),
        cmocka_unit_test(duplicates_are_refused),
        cmocka_unit_test(pypistats_takes_no_bulk),
        cmocka_unit_test(windows_never_overflow),
        cmocka_unit_test(the_first_requests_go_at_once),
        cmocka_unit_test(the_interval_spaces_every_start),
        cmocka_unit_test(the_interval_counts_from_the_last_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
