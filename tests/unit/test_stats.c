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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
