/* test_stats.c: the stats table's lookup index stays right as it grows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/stats.h"

static void finds_every_entry_as_the_table_grows(void **state)
{
    StatsTable *t = stats_table_new();
    assert_null(stats_find(t, "npm", "express"));
    char name[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(name, sizeof name, "pkg-%d", i);
        PackageStat *st = stats_get_or_add(t, i % 2 ? "pypi" : "npm", name);
        st->last_month = i;
        /* every earlier entry is still found after each growth */
        if (i % 499 == 0)
            for (int j = 0; j <= i; j++) {
                snprintf(name, sizeof name, "pkg-%d", j);
                PackageStat *found = stats_find(t, j % 2 ? "pypi" : "npm", name);
                assert_non_null(found);
                assert_int_equal(found->last_month, j);
            }
    }
    assert_int_equal(t->count, 3000);
    assert_null(stats_find(t, "pypi", "pkg-0")); /* right name, other ecosystem */
    assert_null(stats_find(t, "npm", "pkg-3000"));
    stats_table_free(t);
}

static void adding_twice_returns_the_same_entry(void **state)
{
    StatsTable *t = stats_table_new();
    PackageStat *a = stats_get_or_add(t, "npm", "ws");
    a->last_week = 7;
    PackageStat *b = stats_get_or_add(t, "npm", "ws");
    assert_ptr_equal(a, b);
    assert_int_equal(t->count, 1);
    /* names that concatenate alike stay apart */
    stats_get_or_add(t, "np", "mws");
    assert_int_equal(t->count, 2);
    assert_int_equal(stats_find(t, "npm", "ws")->last_week, 7);
    assert_int_equal(stats_find(t, "np", "mws")->last_week, STAT_UNKNOWN);
    stats_table_free(t);
}

/* The names are the ones exports, the cache and the screen have always
 * used, and each reads back as its value. */
static void status_and_source_names_read_back(void **state)
{
    (void)state;
    static const char *const statuses[] = { "ok", "stale", "pending", "not found",
                                            "rate-limited", "offline", "error" };
    static const char *const sources[] = { "none", "bundled", "cache", "live" };
    assert_int_equal(STAT_NSTATUSES, 7);
    assert_int_equal(STAT_NSOURCES, 4);
    for (int i = 0; i < STAT_NSTATUSES; i++) {
        StatStatus got;
        assert_string_equal(stat_status_name((StatStatus)i), statuses[i]);
        assert_true(stat_status_from_name(statuses[i], &got));
        assert_int_equal(got, i);
    }
    for (int i = 0; i < STAT_NSOURCES; i++) {
        StatSource got;
        assert_string_equal(stat_source_name((StatSource)i), sources[i]);
        assert_true(stat_source_from_name(sources[i], &got));
        assert_int_equal(got, i);
    }
    StatStatus st;
    StatSource so;
    assert_false(stat_status_from_name("OK", &st));
    assert_false(stat_status_from_name("", &st));
    assert_false(stat_source_from_name("bundle", &so));
    assert_string_equal(stat_status_name(STAT_ERROR), "error");
    assert_string_equal(stat_status_name(STAT_STALE), "stale");
    assert_string_equal(stat_source_name(STAT_SOURCE_LIVE), "live");
}

static void fresh_until_the_next_daily_update(void **state)
{
    const time_t day = 1790035200; /* 2026-09-22 00:00:00 UTC */
    assert_int_equal(day % 86400, 0);
    /* fetched after today's 01:00 update: fresh until tomorrow's */
    assert_int_equal(stats_next_update(day + 5 * 3600, 3600), day + 86400 + 3600);
    /* fetched before it: stale from today's */
    assert_int_equal(stats_next_update(day + 1800, 3600), day + 3600);
    /* at the update itself the figures may be the old ones: next day */
    assert_int_equal(stats_next_update(day + 3600, 3600), day + 86400 + 3600);
    assert_int_equal(stats_next_update(day, 0), day + 86400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_every_entry_as_the_table_grows),
        cmocka_unit_test(adding_twice_returns_the_same_entry),
        cmocka_unit_test(fresh_until_the_next_daily_update),
        cmocka_unit_test(status_and_source_names_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
