/* test_cache.c: cache records survive a round trip, land as private files
 * under names that cannot escape the cache directory, refuse junk, and
 * turn back into stats with the right status (ok, stale, not found,
 * rate-limited) without losing figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache.h"
#include "util/fileio.h"
#include "unit/helpers.h"
#include "util/xalloc.h"

static void sample(CacheRecord *r)
{
    static const long long daily[] = { 5, 0, 7, 9 };
    memset(r, 0, sizeof *r);
    r->ecosystem = xstrdup("npm");
    r->package = xstrdup("@nestjs/core");
    r->status = STAT_OK;
    r->checked_at = 1790000000;
    r->has_figures = true;
    r->last_week = 21;
    r->last_month = 21;
    r->daily = xcalloc(4, sizeof *r->daily);
    memcpy(r->daily, daily, sizeof daily);
    r->ndaily = 4;
    r->series_end = xstrdup("2026-10-30");
    r->period = xstrdup("2026-10-27..2026-10-30");
    r->url = xstrdup("https://example.test/downloads/range/last-month/@nestjs/core");
    r->fetched_at = 1790000000;
}

static void record_round_trip(void **state)
{
    CacheRecord r, back;
    sample(&r);
    r.status = STAT_RATE_LIMITED;
    r.retry_at = 1790000900;
    r.detail = xstrdup("HTTP 429: rate-limited");
    char *text = cache_record_to_json(&r);
    char *err = NULL;
    assert_int_equal(cache_record_from_json(text, strlen(text), &back, &err), 0);
    assert_string_equal(back.ecosystem, "npm");
    assert_string_equal(back.package, "@nestjs/core");
    assert_int_equal(back.status, STAT_RATE_LIMITED);
    assert_string_equal(back.detail, "HTTP 429: rate-limited");
    assert_int_equal(back.checked_at, 1790000000);
    assert_int_equal(back.retry_at, 1790000900);
    assert_true(back.has_figures);
    assert_int_equal(back.last_week, 21);
    assert_int_equal(back.ndaily, 4);
    assert_int_equal(back.daily[2], 7);
    assert_string_equal(back.series_end, "2026-10-30");
    assert_string_equal(back.period, "2026-10-27..2026-10-30");
    assert_string_equal(back.url, r.url);
    assert_int_equal(back.fetched_at, 1790000000);
    cache_record_clear(&back);
    cache_record_clear(&r);
    free(text);
}

static void junk_records_are_refused(void **state)
{
    const char *bad[] = {
        "",
        "{",
        "[]",
        "{\"versus_cache\":2,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\"}",
        "{\"versus_cache\":1,\"package\":\"a\",\"status\":\"not found\"}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"fine\"}",
        /* ok without figures says nothing */
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\",\"figures\":null}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\",\"figures\":{\"last_week\":-1,"
        "\"last_month\":1,\"daily\":[],\"fetched_at\":\"2026-11-01T00:00:00Z\"}}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\",\"figures\":{\"last_week\":1,"
        "\"last_month\":1,\"daily\":[1,\"x\"],\"fetched_at\":\"2026-11-01T00:00:00Z\"}}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\",\"figures\":{\"last_week\":1,"
        "\"last_month\":1,\"daily\":[],\"fetched_at\":\"yesterday\"}}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"ok\",\"figures\":{\"last_week\":1,"
        "\"last_month\":1,\"daily\":[]}}",
        "{\"versus_cache\":1,\"ecosystem\":\"npm\",\"package\":\"a\",\"status\":\"not found\",\"checked_at\":5}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CacheRecord r;
        char *err = NULL;
        if (cache_record_from_json(bad[i], strlen(bad[i]), &r, &err) != -1)
            fail_msg("case %zu was accepted: %s", i, bad[i]);
        assert_non_null(err);
        free(err);
        /* a refused record is left empty, nothing to free */
        assert_null(r.package);
        assert_null(r.daily);
    }
}

/* A count beyond any plausible figure is refused where it stands. */
static void implausible_counts_are_refused_with_their_place(void **state)
{
    CacheRecord r, back;
    sample(&r);
    char *text = cache_record_to_json(&r);
    cache_record_clear(&r);
    /* the largest plausible figure still reads back */
    char *edge = strstr(text, "\"last_month\": 21");
    assert_non_null(edge);
    char *ok_text = xasprintf("%.*s\"last_month\": 10000000000000%s", (int)(edge - text), text,
                              edge + strlen("\"last_month\": 21"));
    char *err = NULL;
    assert_int_equal(cache_record_from_json(ok_text, strlen(ok_text), &back, &err), 0);
    cache_record_clear(&back);
    free(ok_text);
    /* one above it, as the month */
    char *month = xasprintf("%.*s\"last_month\": 10000000000001%s", (int)(edge - text), text,
                            edge + strlen("\"last_month\": 21"));
    assert_int_equal(cache_record_from_json(month, strlen(month), &back, &err), -1);
    /* where it is, found by hand: its line and the column after "key": */
    const char *at = strstr(month, "10000000000001");
    int line = 1, col = 1;
    for (const char *p = month; p < at; p++, col++)
        if (*p == '\n') {
            line++;
            col = 0;
        }
    char *want = xasprintf("%d:%d: implausible download count in 'last_month' (more than 10^13)", line, col);
    assert_string_equal(err, want);
    free(want);
    free(err);
    free(month);
    /* as a day of the series */
    char *daily = strstr(text, "\"daily\": [");
    assert_non_null(daily);
    char *nine = strstr(daily, "9");
    char *day = xasprintf("%.*s99999999999999%s", (int)(nine - text), text, nine + 1);
    assert_int_equal(cache_record_from_json(day, strlen(day), &back, &err), -1);
    assert_non_null(strstr(err, ": implausible download count in 'daily'"));
    at = strstr(day, "99999999999999");
    line = 1;
    col = 1;
    for (const char *p = day; p < at; p++, col++)
        if (*p == '\n') {
            line++;
            col = 0;
        }
    want = xasprintf("%d:%d:", line, col);
    assert_int_equal(strncmp(err, want, strlen(want)), 0);
    free(want);
    free(err);
    free(day);
    free(text);
}

static void paths_stay_inside_the_cache(void **state)
{
    const char *names[] = { "@nestjs/core", "..", "../../etc/passwd", ".hidden", "a/b/c", "x\ny" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = cache_record_path("/c", "npm", names[i]);
        assert_true(strncmp(p, "/c/", 3) == 0);
        assert_null(strchr(p + 3, '/'));
        assert_true(p[3] != '.');
        assert_null(strstr(p, ".."));
        free(p);
    }
    char *p = cache_record_path("/c/", "pypi", "scikit-learn");
    assert_string_equal(p, "/c/pypi_scikit-learn.json");
    free(p);
    p = cache_record_path("/c", "npm", "@nestjs/core");
    assert_string_equal(p, "/c/npm_%40nestjs%2Fcore.json");
    free(p);
    /* names that differ only in an encoded byte get different files */
    char *a = cache_record_path("/c", "npm", "a_b"), *b = cache_record_path("/c", "npm", "a%5Fb");
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void files_are_private_and_read_back(void **state)
{
    char *root = test_temp_dir("cache-test");
    char *dir = path_join(root, "deep/versus");
    CacheRecord r, back;
    sample(&r);
    char *err = NULL;
    assert_int_equal(cache_write(dir, &r, &err), 0);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char *path = cache_record_path(dir, "npm", "@nestjs/core");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(cache_read(dir, "npm", "@nestjs/core", &back, &err), 1);
    assert_int_equal(back.last_month, 21);
    cache_record_clear(&back);
    /* absent */
    assert_int_equal(cache_read(dir, "npm", "express", &back, &err), 0);
    /* a record under the wrong file name is not trusted */
    char *other = cache_record_path(dir, "npm", "express");
    assert_int_equal(rename(path, other), 0);
    assert_int_equal(cache_read(dir, "npm", "express", &back, &err), -1);
    assert_non_null(strstr(err, "another package"));
    free(err);
    err = NULL;
    /* a corrupt file is reported and left alone */
    assert_int_equal(file_write_atomic(path, "{\"versus_cache\":1,", 18, 0600, &err), 0);
    assert_int_equal(cache_read(dir, "npm", "@nestjs/core", &back, &err), -1);
    free(err);
    err = NULL;
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(file_read_all(path, 1024, &text, &len, &err), 0);
    assert_string_equal(text, "{\"versus_cache\":1,");
    free(text);
    /* a symlink in place of a record is not followed */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink(other, path), 0);
    assert_int_equal(cache_read(dir, "npm", "@nestjs/core", &back, &err), -1);
    free(err);
    cache_record_clear(&r);
    free(other);
    free(path);
    free(dir);
    assert_int_equal(test_remove_tree(root), 0);
    free(root);
}

static void applying_records_to_stats(void **state)
{
    StatsTable *t = stats_table_new();
    PackageStat *st = stats_get_or_add(t, "npm", "@nestjs/core");
    st->source = STAT_SOURCE_BUNDLED;
    stat_set_downloads(st, STAT_UNKNOWN, 99);
    CacheRecord r;
    sample(&r);
    /* fetched at 14:13:20 UTC; the service updates daily at 01:00 UTC */
    long update = 3600;
    assert_int_equal(r.fetched_at % 86400, 51200);
    cache_apply(&r, st, r.fetched_at + 3600, update);
    assert_int_equal(st->source, STAT_SOURCE_CACHE);
    assert_int_equal(st->status, STAT_OK);
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_MONTH), 21);
    assert_int_equal(st->ndaily, 4);
    assert_string_equal(st->origin, r.url);
    assert_int_equal(st->fetched_at, r.fetched_at);
    cache_apply(&r, st, r.fetched_at + 38799, update); /* 00:59:59 the next day: still the latest */
    assert_int_equal(st->status, STAT_OK);
    cache_apply(&r, st, r.fetched_at + 38800, update); /* 01:00: the service has newer figures */
    assert_int_equal(st->status, STAT_STALE);
    assert_int_equal(stat_number(st, FIG_DOWNLOADS_MONTH), 21); /* stale figures are shown, not hidden */
    /* rate-limited: reported while the backoff runs, then just the figures' age */
    r.status = STAT_RATE_LIMITED;
    r.retry_at = r.fetched_at + 600;
    cache_apply(&r, st, r.fetched_at + 60, update);
    assert_int_equal(st->status, STAT_RATE_LIMITED);
    assert_int_equal(st->retry_at, r.retry_at);
    cache_apply(&r, st, r.fetched_at + 601, update);
    assert_int_equal(st->status, STAT_OK);
    assert_int_equal(st->retry_at, 0);
    cache_record_clear(&r);

    /* a package the registry does not know: no figures to take */
    PackageStat *gone = stats_get_or_add(t, "pypi", "nope");
    gone->source = STAT_SOURCE_BUNDLED;
    stat_set_downloads(gone, STAT_UNKNOWN, 7);
    CacheRecord nf;
    memset(&nf, 0, sizeof nf);
    nf.ecosystem = xstrdup("pypi");
    nf.package = xstrdup("nope");
    nf.status = STAT_NOT_FOUND;
    nf.checked_at = 1790000000;
    cache_apply(&nf, gone, 1790000001, update);
    assert_int_equal(gone->status, STAT_NOT_FOUND);
    assert_int_equal(gone->source, STAT_SOURCE_BUNDLED);
    assert_int_equal(stat_number(gone, FIG_DOWNLOADS_MONTH), 7);
    cache_record_clear(&nf);
    stats_table_free(t);
}

/* Any valid package name, however long once escaped, has a record that
 * fits in a file name, is its own, and reads back. */
static void long_names_get_records_that_fit(void **state)
{
    char *root = test_temp_dir("cache-test");
    char names[4][256];
    /* 214 characters (npm's limit) of bytes that escape to three each */
    memset(names[0], 0, sizeof names[0]);
    strcpy(names[0], "@");
    memset(names[0] + 1, 'A', 100);
    names[0][101] = '/';
    memset(names[0] + 102, '_', 112);
    strcpy(names[1], names[0]);
    names[1][213] = 'b'; /* differs only in its last byte */
    memset(names[2], 'Z', 214);
    names[2][214] = '\0';
    strcpy(names[3], "express");
    char *paths[4];
    for (size_t i = 0; i < 4; i++) {
        paths[i] = cache_record_path(root, "npm", names[i]);
        const char *base = strrchr(paths[i], '/') + 1;
        assert_true(strlen(base) <= 200);
        assert_null(strchr(base, '/'));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(paths[i], paths[k]);
        /* the same name always gives the same file */
        char *again = cache_record_path(root, "npm", names[i]);
        assert_string_equal(again, paths[i]);
        free(again);
        CacheRecord r, back;
        sample(&r);
        free(r.package);
        r.package = xstrdup(names[i]);
        char *err = NULL;
        if (cache_write(root, &r, &err) != 0)
            fail_msg("%s", err);
        assert_int_equal(cache_read(root, "npm", names[i], &back, &err), 1);
        assert_string_equal(back.package, names[i]);
        cache_record_clear(&back);
        cache_record_clear(&r);
    }
    assert_string_equal(strrchr(paths[3], '/'), "/npm_express.json"); /* short names as before */
    assert_non_null(strchr(paths[0], '~'));
    /* names[0] and names[1] share their first 120 bytes: each reads its own */
    CacheRecord back;
    char *err = NULL;
    assert_int_equal(cache_read(root, "npm", names[1], &back, &err), 1);
    assert_string_equal(back.package, names[1]);
    cache_record_clear(&back);
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
    assert_int_equal(test_remove_tree(root), 0);
    free(root);
}

/* A record replaced by a symlink (to a regular file, a FIFO, a device) is
 * never written through: the link is replaced, its target left alone. */
static void writes_never_follow_planted_links(void **state)
{
    char *root = test_temp_dir("cache-test");
    char *dir = path_join(root, "versus");
    char *target = path_join(root, "target");
    char *fifo = path_join(root, "fifo");
    FILE *fp = fopen(target, "w");
    assert_non_null(fp);
    fputs("keep me\n", fp);
    fclose(fp);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *targets[] = { target, fifo, "/dev/null", "/dev/full" };
    CacheRecord r;
    sample(&r);
    char *err = NULL;
    assert_int_equal(cache_write(dir, &r, &err), 0);
    char *path = cache_record_path(dir, "npm", "@nestjs/core");
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(unlink(path), 0);
        assert_int_equal(symlink(targets[i], path), 0);
        CacheRecord back;
        /* read: refused, not followed (and a FIFO does not block) */
        assert_int_equal(cache_read(dir, "npm", "@nestjs/core", &back, &err), -1);
        free(err);
        err = NULL;
        if (cache_write(dir, &r, &err) != 0)
            fail_msg("over a link to %s: %s", targets[i], err);
        struct stat st;
        assert_int_equal(lstat(path, &st), 0);
        assert_true(S_ISREG(st.st_mode));
        assert_int_equal(cache_read(dir, "npm", "@nestjs/core", &back, &err), 1);
        cache_record_clear(&back);
    }
    char *text = NULL;
    assert_int_equal(file_read_all(target, 100, &text, NULL, &err), 0);
    assert_string_equal(text, "keep me\n");
    free(text);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    cache_record_clear(&r);
    free(path);
    free(fifo);
    free(target);
    free(dir);
    assert_int_equal(test_remove_tree(root), 0);
    free(root);
}

/* The cache's own word is not trusted blindly: a retry_at far ahead (a clock
 * that was once wrong) is held to the longest backoff after the answer, an
 * answer dated in the future imposes none, and figures fetched "in the
 * future" are stale. */
static void cached_times_are_bounded(void **state)
{
    CacheRecord r;
    sample(&r);
    time_t now = r.checked_at + 3600;
    long day = 86400;
    r.status = STAT_RATE_LIMITED;
    r.retry_at = r.checked_at + 600;
    assert_int_equal(cache_trusted_retry_at(&r, now, day), r.checked_at + 600); /* as asked */
    r.retry_at = 4102444800; /* 2100-01-01 */
    assert_int_equal(cache_trusted_retry_at(&r, now, day), r.checked_at + day);
    assert_int_equal(cache_trusted_retry_at(&r, now, 7200), r.checked_at + 7200);
    /* and once that is over, nothing holds the package */
    StatsTable *t = stats_table_new();
    PackageStat *st = stats_get_or_add(t, "npm", "@nestjs/core");
    CacheRecord held = r;
    held.retry_at = cache_trusted_retry_at(&r, r.checked_at + day + 1, day);
    cache_apply(&held, st, r.checked_at + day + 1, 3600);
    assert_int_not_equal(st->status, STAT_RATE_LIMITED);
    /* an answer from the future: no hold at all */
    r.checked_at = now + 86400 * 365;
    assert_int_equal(cache_trusted_retry_at(&r, now, day), 0);
    r.retry_at = 0;
    assert_int_equal(cache_trusted_retry_at(&r, now, day), 0);
    /* figures fetched a year from now are stale now */
    r.status = STAT_OK;
    r.fetched_at = now + 86400 * 365;
    cache_apply(&r, st, now, 3600);
    assert_int_equal(st->status, STAT_STALE);
    stats_table_free(t);
    cache_record_clear(&r);
}

static void record_from_stat_keeps_figures(void **state)
{
    StatsTable *t = stats_table_new();
    PackageStat *st = stats_get_or_add(t, "npm", "ws");
    const long long d[] = { 1, 2, 3 };
    stat_set_series(st, d, 3, "2026-10-30");
    stat_set_period(st, "2026-10-28..2026-10-30");
    stat_set_origin(st, "https://example.test/x");
    st->fetched_at = 1790000000;
    stat_set_downloads(st, 6, 6);
    CacheRecord r;
    memset(&r, 0, sizeof r);
    cache_record_set_figures(&r, st);
    assert_true(r.has_figures);
    assert_int_equal(r.ndaily, 3);
    assert_int_equal(r.daily[2], 3);
    assert_string_equal(r.period, "2026-10-28..2026-10-30");
    assert_string_equal(r.url, "https://example.test/x");
    assert_int_equal(r.fetched_at, 1790000000);
    cache_record_clear(&r);
    stats_table_free(t);
}

static void default_dir_follows_xdg(void **state)
{
    char *old_xdg = getenv("XDG_CACHE_HOME") ? xstrdup(getenv("XDG_CACHE_HOME")) : NULL;
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    setenv("HOME", "/h", 1);
    char *d = cache_default_dir();
    assert_string_equal(d, "/x/cache/versus");
    free(d);
    setenv("XDG_CACHE_HOME", "relative/path", 1); /* not absolute: ignored, as the spec says */
    d = cache_default_dir();
    assert_string_equal(d, "/h/.cache/versus");
    free(d);
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    assert_null(cache_default_dir());
    if (old_xdg)
        setenv("XDG_CACHE_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(record_round_trip),
        cmocka_unit_test(junk_records_are_refused),
        cmocka_unit_test(implausible_counts_are_refused_with_their_place),
        cmocka_unit_test(paths_stay_inside_the_cache),
        cmocka_unit_test(files_are_private_and_read_back),
        cmocka_unit_test(applying_records_to_stats),
        cmocka_unit_test(long_names_get_records_that_fit),
        cmocka_unit_test(writes_never_follow_planted_links),
        cmocka_unit_test(cached_times_are_bounded),
        cmocka_unit_test(record_from_stat_keeps_figures),
        cmocka_unit_test(default_dir_follows_xdg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
