/* test_parse_health.c: deps.dev's three replies (package, version,
 * project) from the recorded shapes in tests/net/fixtures/depsdev, the
 * service's faults, names percent-encoded as one path segment, how the
 * health figures read and where they came from; endoflife.date's v1 reply
 * beside v0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/health.h"
#include "core/runtime.h"
#include "fetch/parse_depsdev.h"
#include "fetch/parse_eol.h"
#include "load/dataset_load.h"
#include "load/health_load.h"
#include "util/fileio.h"
#include "util/xalloc.h"
#include "unit/helpers.h"

#define FIXTURES "tests/net/fixtures/"

static char *fixture(const char *name, size_t *len)
{
    char *path = xasprintf(FIXTURES "%s", name), *body = NULL, *err = NULL;
    if (file_read_all(path, 1 << 20, &body, len, &err) != 0)
        fail_msg("%s: %s", path, err);
    free(path);
    return body;
}

static HttpReply json_reply(const char *body, size_t len)
{
    return (HttpReply){ 200, "application/json", body, len };
}

static void paths_encode_each_parameter_as_one_segment(void **state)
{
    (void)state;
    char *p = depsdev_package_path("NPM", "@nestjs/core");
    assert_string_equal(p, "/systems/NPM/packages/%40nestjs%2Fcore");
    free(p);
    p = depsdev_version_path("PYPI", "django", "6.0+local");
    assert_string_equal(p, "/systems/PYPI/packages/django/versions/6.0%2Blocal");
    free(p);
    p = depsdev_project_path("github.com/expressjs/express");
    assert_string_equal(p, "/projects/github.com%2Fexpressjs%2Fexpress");
    free(p);
    p = depsdev_escape("a b/../?#%");
    assert_string_equal(p, "a%20b%2F..%2F%3F%23%25");
    free(p);
    assert_string_equal(depsdev_system("npm"), "NPM");
    assert_string_equal(depsdev_system("pypi"), "PYPI");
    assert_null(depsdev_system("cargo"));
}

static void the_default_version_is_the_latest(void **state)
{
    (void)state;
    size_t len;
    char *body = fixture("depsdev/package.express.json", &len);
    HttpReply r = json_reply(body, len);
    HealthFigures f;
    health_figures_init(&f);
    char *detail;
    assert_int_equal(parse_depsdev_package(&r, "express", &f, &detail), FETCH_OK);
    assert_null(detail);
    assert_string_equal(f.version, "5.3.0");
    assert_string_equal(f.published, "2026-10-09");
    /* Asked for another package: refused. */
    assert_int_equal(parse_depsdev_package(&r, "fastify", &f, &detail), FETCH_ERROR);
    assert_string_equal(detail, "a reply for another package");
    free(detail);
    assert_string_equal(f.version, "5.3.0");
    health_figures_clear(&f);
    free(body);
}

static void without_a_default_the_newest_published_wins(void **state)
{
    (void)state;
    const char *body = "{\"packageKey\":{\"system\":\"PYPI\",\"name\":\"jaraco-context\"},\"versions\":["
                       "{\"versionKey\":{\"version\":\"6.0.2\"},\"publishedAt\":\"2025-12-24T19:21:34Z\"},"
                       "{\"versionKey\":{\"version\":\"5.3.0\"},\"publishedAt\":\"2024-04-01T10:00:00Z\"}]}";
    HttpReply r = json_reply(body, strlen(body));
    HealthFigures f;
    health_figures_init(&f);
    char *detail;
    /* deps.dev canonicalises the name: jaraco.context is jaraco-context. */
    assert_int_equal(parse_depsdev_package(&r, "jaraco.context", &f, &detail), FETCH_OK);
    assert_string_equal(f.version, "6.0.2");
    assert_string_equal(f.published, "2025-12-24");
    health_figures_clear(&f);
}

static void the_version_gives_licence_advisories_and_repository(void **state)
{
    (void)state;
    size_t len;
    char *body = fixture("depsdev/version.@nestjs__core.json", &len);
    HttpReply r = json_reply(body, len);
    HealthFigures f;
    health_figures_init(&f);
    char *detail;
    assert_int_equal(parse_depsdev_version(&r, "@nestjs/core", "12.5.1", &f, &detail), FETCH_OK);
    assert_string_equal(f.license, "MIT");
    assert_int_equal(f.advisories, 1);
    assert_true(f.repo_known);
    assert_string_equal(f.repo, "github.com/nestjs/nest");
    assert_string_equal(f.published, "2026-11-16");
    /* Another version than asked for: refused. */
    assert_int_equal(parse_depsdev_version(&r, "@nestjs/core", "11.1.6", &f, &detail), FETCH_ERROR);
    free(detail);
    health_figures_clear(&f);
    free(body);

    /* No related project: the SOURCE_REPO link names it. */
    body = fixture("depsdev/version.django.json", &len);
    r = json_reply(body, len);
    health_figures_init(&f);
    assert_int_equal(parse_depsdev_version(&r, "django", "6.0", &f, &detail), FETCH_OK);
    assert_string_equal(f.license, "BSD-3-Clause");
    assert_int_equal(f.advisories, 2);
    assert_string_equal(f.repo, "github.com/django/django");
    health_figures_clear(&f);
    free(body);

    /* Nothing linked, no licence declared. */
    const char *bare = "{\"versionKey\":{\"system\":\"NPM\",\"name\":\"x\",\"version\":\"1.0.0\"},"
                       "\"licenses\":[],\"advisoryKeys\":[],\"links\":[{\"label\":\"SOURCE_REPO\","
                       "\"url\":\"https://example.org/x\"}],\"relatedProjects\":[]}";
    r = json_reply(bare, strlen(bare));
    health_figures_init(&f);
    assert_int_equal(parse_depsdev_version(&r, "x", "1.0.0", &f, &detail), FETCH_OK);
    assert_string_equal(f.license, "");
    assert_int_equal(f.advisories, 0);
    assert_true(f.repo_known);
    assert_null(f.repo);
    health_figures_clear(&f);
}

static void the_project_gives_stars_and_scorecard(void **state)
{
    (void)state;
    size_t len;
    char *body = fixture("depsdev/project.github.com__expressjs__express.json", &len);
    HttpReply r = json_reply(body, len);
    HealthFigures f;
    health_figures_init(&f);
    char *detail;
    assert_int_equal(parse_depsdev_project(&r, "github.com/expressjs/express", &f, &detail), FETCH_OK);
    assert_int_equal(f.stars, 68412);
    assert_true(f.scorecard > 8.09 && f.scorecard < 8.11);
    assert_string_equal(f.scorecard_date, "2026-11-23");
    assert_int_equal(parse_depsdev_project(&r, "github.com/nestjs/nest", &f, &detail), FETCH_ERROR);
    free(detail);
    health_figures_clear(&f);
    free(body);
}

static void expect_fault(long status, const char *ctype, const char *body, FetchOutcome want, const char *why)
{
    HttpReply r = { status, ctype, body, strlen(body) };
    HealthFigures f;
    health_figures_init(&f);
    char *detail = NULL;
    FetchOutcome got[3] = {
        parse_depsdev_package(&r, "express", &f, &detail),
        FETCH_OK,
        FETCH_OK,
    };
    if (why)
        assert_string_equal(detail, why);
    free(detail);
    got[1] = parse_depsdev_version(&r, "express", "5.3.0", &f, &detail);
    free(detail);
    got[2] = parse_depsdev_project(&r, "github.com/expressjs/express", &f, &detail);
    free(detail);
    for (int i = 0; i < 3; i++)
        assert_int_equal(got[i], want);
    /* No figure is taken from a failed reply. */
    assert_null(f.version);
    assert_int_equal(f.advisories, HEALTH_UNKNOWN);
    assert_int_equal(f.stars, HEALTH_UNKNOWN);
    health_figures_clear(&f);
}

static void faults_are_named(void **state)
{
    (void)state;
    expect_fault(404, "text/plain; charset=utf-8", "Package not found", FETCH_NOT_FOUND,
                 "deps.dev does not know this package (yet)");
    expect_fault(429, "text/html", "<html>slow down</html>", FETCH_RATE_LIMITED, "HTTP 429: too many requests");
    expect_fault(503, "text/plain", "unavailable", FETCH_ERROR, "HTTP 503");
    expect_fault(200, "text/html; charset=utf-8", "<html></html>", FETCH_ERROR,
                 "an HTML page, not the JSON asked for");
    expect_fault(200, "application/json", "{\"packageKey\":", FETCH_ERROR, "not JSON");
    expect_fault(200, "application/json", "[1,2]", FETCH_ERROR, "not a JSON object");
    /* Implausible figures. */
    const char *stars = "{\"projectKey\":{\"id\":\"github.com/a/b\"},\"starsCount\":-4}";
    HttpReply r = json_reply(stars, strlen(stars));
    HealthFigures f;
    health_figures_init(&f);
    char *detail;
    assert_int_equal(parse_depsdev_project(&r, "github.com/a/b", &f, &detail), FETCH_ERROR);
    assert_string_equal(detail, "starsCount is not a plausible count");
    free(detail);
    const char *score = "{\"projectKey\":{\"id\":\"github.com/a/b\"},\"scorecard\":{\"overallScore\":11}}";
    r = json_reply(score, strlen(score));
    assert_int_equal(parse_depsdev_project(&r, "github.com/a/b", &f, &detail), FETCH_ERROR);
    assert_string_equal(detail, "scorecard.overallScore is not a score 0..10");
    free(detail);
    const char *when = "{\"packageKey\":{\"name\":\"express\"},\"versions\":[{\"versionKey\":{\"version\":\"1\"},"
                       "\"publishedAt\":\"yesterday\"}]}";
    r = json_reply(when, strlen(when));
    assert_int_equal(parse_depsdev_package(&r, "express", &f, &detail), FETCH_ERROR);
    assert_string_equal(detail, "publishedAt is not a time");
    free(detail);
    health_figures_clear(&f);
}

static void figures_read_with_their_provenance(void **state)
{
    (void)state;
    HealthTable *t = health_table_new();
    PackageHealth *h = health_table_get(t, "npm", "express");
    char *s = health_describe(h, "2026-12-02");
    assert_string_equal(s, "no package health known");
    free(s);
    h->source = STAT_SOURCE_LIVE;
    h->fetched_at = 1796194800; /* 2026-12-02T07:00:00Z */
    h->f.version = xstrdup("5.3.0");
    memcpy(h->f.published, "2026-10-09", HEALTH_DATE_LEN);
    h->f.license = xstrdup("MIT");
    h->f.advisories = 0;
    h->f.repo_known = true;
    h->f.repo = xstrdup("github.com/expressjs/express");
    h->f.stars = 68412;
    h->f.scorecard = 8.1;
    assert_int_equal(health_days_since_release(h, "2026-12-02"), 54);
    s = health_describe(h, "2026-12-02");
    assert_string_equal(s, "5.3.0, 54 days old · MIT · 0 advisories · github.com/expressjs/express 68.4k stars, "
                           "scorecard 8.1");
    free(s);
    /* The repository's request failed: only its figures are missing. */
    h->f.stars = HEALTH_UNKNOWN;
    h->f.scorecard = -1;
    h->repo_status = STAT_ERROR;
    health_set_text(&h->repo_detail, "HTTP 500");
    s = health_provenance(h);
    assert_string_equal(s, "live, fetched 2026-12-02T07:00:00Z; repository: error: HTTP 500");
    free(s);
    s = health_describe(h, "2026-12-02");
    assert_string_equal(s, "5.3.0, 54 days old · MIT · 0 advisories · github.com/expressjs/express · unknown: stars, "
                           "scorecard");
    free(s);

    /* Bundled: what the snapshot lacks says so. */
    PackageHealth *d = health_table_get(t, "pypi", "django");
    d->source = STAT_SOURCE_BUNDLED;
    health_set_text(&d->as_of, "2026-12-02");
    s = health_describe(d, "2026-12-02");
    assert_string_equal(s, "not in the snapshot: latest version, licence, advisories, repository");
    free(s);
    s = health_provenance(d);
    assert_string_equal(s, "bundled, as of 2026-12-02");
    free(s);
    assert_int_equal(t->count, 2);
    assert_string_equal(health_table_get(t, "npm", "express")->f.version, "5.3.0");
    health_table_free(t);
}

/* endoflife.date v1: the same facts as v0, in its envelope. */
static void the_v1_reply_reads_like_v0(void **state)
{
    (void)state;
    size_t len0, len1;
    char *b0 = fixture("endoflife/nodejs.v0.json", &len0), *b1 = fixture("endoflife/nodejs.json", &len1);
    HttpReply r0 = json_reply(b0, len0), r1 = json_reply(b1, len1);
    RuntimeCycle *c0, *c1;
    size_t n0, n1;
    char *d0, *d1;
    assert_int_equal(parse_endoflife_for(&r0, "nodejs", &c0, &n0, &d0), FETCH_OK);
    assert_int_equal(parse_endoflife_for(&r1, "nodejs", &c1, &n1, &d1), FETCH_OK);
    assert_int_equal(n0, 5);
    assert_int_equal(n1, n0);
    for (size_t i = 0; i < n0; i++) {
        assert_string_equal(c1[i].cycle, c0[i].cycle);
        assert_string_equal(c1[i].release, c0[i].release);
        assert_string_equal(c1[i].lts, c0[i].lts);
        assert_string_equal(c1[i].support, c0[i].support);
        assert_string_equal(c1[i].eol, c0[i].eol);
        assert_string_equal(c1[i].latest, c0[i].latest);
        assert_string_equal(c1[i].latest_date, c0[i].latest_date);
        runtime_cycle_clear(&c0[i]);
        runtime_cycle_clear(&c1[i]);
    }
    free(c0);
    free(c1);
    /* A v1 reply for another product is refused. */
    assert_int_equal(parse_endoflife_for(&r1, "python", &c1, &n1, &d1), FETCH_ERROR);
    assert_string_equal(d1, "a reply for another product");
    free(d1);
    free(b0);
    free(b1);

    /* Nulls: not LTS, end not announced; isEol with no date: ended. */
    const char *nulls = "{\"result\":{\"name\":\"python\",\"releases\":["
                        "{\"name\":\"3.15\",\"releaseDate\":\"2026-10-01\",\"isLts\":false,\"ltsFrom\":null,"
                        "\"eoasFrom\":null,\"eolFrom\":null,\"isEol\":false,\"latest\":null},"
                        "{\"name\":\"2.7\",\"releaseDate\":\"2010-07-03\",\"isEol\":true,\"eolFrom\":null}]}}";
    HttpReply rn = json_reply(nulls, strlen(nulls));
    assert_int_equal(parse_endoflife_for(&rn, "python", &c1, &n1, &d1), FETCH_OK);
    assert_string_equal(c1[0].lts, "");
    assert_string_equal(c1[0].eol, "");
    assert_null(c1[0].latest);
    assert_string_equal(c1[1].eol, "2010-07-03");
    for (size_t i = 0; i < n1; i++)
        runtime_cycle_clear(&c1[i]);
    free(c1);
    const char *bad = "{\"result\":{\"name\":\"python\",\"releases\":[{\"name\":\"3.15\",\"releaseDate\":\"2026-10-01\","
                      "\"eolFrom\":true}]}}";
    HttpReply rb = json_reply(bad, strlen(bad));
    assert_int_equal(parse_endoflife_for(&rb, "python", &c1, &n1, &d1), FETCH_ERROR);
    assert_string_equal(d1, "eolFrom is neither a date nor null");
    free(d1);
    HttpReply html = { 404, "text/html", "<html>Not found</html>", 22 };
    assert_int_equal(parse_endoflife_for(&html, "nodejs", &c1, &n1, &d1), FETCH_NOT_FOUND);
    free(d1);
}

/* The shipped snapshot: dated, sourced, for every npm evidence package;
 * PyPI packages get none (no dated public source was at hand). */
static void the_bundled_snapshot_loads(void **state)
{
    (void)state;
    const char *root = getenv("VERSUS_ROOT");
    char *dir = xasprintf("%s/data", root && *root ? root : ".");
    char *err = NULL;
    Dataset *ds = dataset_load(dir, &err);
    if (!ds)
        fail_msg("%s", err);
    HealthTable *t = health_table_new();
    health_table_add_evidence(t, ds);
    if (health_bundled_load(dir, t, &err) != 0)
        fail_msg("%s", err);
    size_t npm = 0;
    for (size_t i = 0; i < t->count; i++) {
        const PackageHealth *h = &t->items[i];
        if (strcmp(h->ecosystem, "npm") != 0) {
            assert_int_equal(h->source, STAT_SOURCE_NONE);
            continue;
        }
        npm++;
        assert_int_equal(h->source, STAT_SOURCE_BUNDLED);
        assert_string_equal(h->as_of, "2026-12-02");
        assert_non_null(h->f.version);
        assert_int_equal(strlen(h->f.published), 10);
        assert_non_null(h->f.license);
        assert_true(h->f.repo_known && h->f.repo);
        /* Not in the snapshot: never a made-up number. */
        assert_int_equal(h->f.advisories, HEALTH_UNKNOWN);
        assert_int_equal(h->f.stars, HEALTH_UNKNOWN);
        assert_true(h->f.scorecard < 0);
    }
    assert_true(npm >= 20);
    const PackageHealth *e = health_table_find(t, "npm", "express");
    assert_string_equal(e->f.version, "5.3.0");
    assert_string_equal(e->f.published, "2026-10-09");
    health_table_free(t);
    dataset_free(ds);
    free(dir);
}

static void expect_bad_snapshot(const char *content, const char *where)
{
    char *dir = test_temp_dir("health");
    char *path = xasprintf("%s/health.yaml", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    HealthTable *t = health_table_new();
    PackageHealth *h = health_table_get(t, "npm", "express");
    h->source = STAT_SOURCE_CACHE;
    char *err = NULL;
    assert_int_equal(health_bundled_load(dir, t, &err), -1);
    char *want = xasprintf("%s:%s", path, where);
    assert_string_equal(err, want);
    /* A bad file changes nothing. */
    assert_int_equal(health_table_find(t, "npm", "express")->source, STAT_SOURCE_CACHE);
    free(want);
    free(err);
    health_table_free(t);
    unlink(path);
    free(path);
    rmdir(dir);
    free(dir);
}

#define SNAP "ecosystems:\n  npm:\n    source: registry\n    as_of: 2026-12-02\n    packages:\n"
static void the_snapshot_loader_names_each_problem(void **state)
{
    (void)state;
    expect_bad_snapshot(SNAP "      express: {version: \"5.3.0\", published: 2026-13-09}\n",
                        "6:46: published must be a day written YYYY-MM-DD");
    expect_bad_snapshot(SNAP "      express: {version: \"5.3.0\", stars: 68000}\n",
                        "6:35: unknown key 'stars' (expected version, published, license, repository)");
    expect_bad_snapshot(SNAP "      express: {repository: https://github.com/expressjs/express}\n",
                        "6:29: repository must be written host/owner/name");
    expect_bad_snapshot("ecosystems:\n  npm:\n    source: registry\n    packages: {}\n",
                        "3:5: missing field 'as_of'");
    expect_bad_snapshot("packages: {}\n", "1:1: the file must be a mapping with one key, ecosystems");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_encode_each_parameter_as_one_segment),
        cmocka_unit_test(the_default_version_is_the_latest),
        cmocka_unit_test(without_a_default_the_newest_published_wins),
        cmocka_unit_test(the_version_gives_licence_advisories_and_repository),
        cmocka_unit_test(the_project_gives_stars_and_scorecard),
        cmocka_unit_test(faults_are_named),
        cmocka_unit_test(figures_read_with_their_provenance),
        cmocka_unit_test(the_v1_reply_reads_like_v0),
        cmocka_unit_test(the_bundled_snapshot_loads),
        cmocka_unit_test(the_snapshot_loader_names_each_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
