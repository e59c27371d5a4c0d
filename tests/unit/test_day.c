/* test_day.c: whole calendar days and ISO 8601 instants, as the data, the
 * services' series, the charts, the cache and the exports count them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/day.h"

static void days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(day_from_civil(1970, 1, 1), 0);
    assert_int_equal(day_from_civil(1969, 12, 31), -1);
    assert_int_equal(day_from_civil(2000, 3, 1) - day_from_civil(2000, 2, 28), 2); /* 2000 leaps */
    assert_int_equal(day_from_civil(1900, 3, 1) - day_from_civil(1900, 2, 28), 1); /* 1900 does not */
    for (long day = -800000; day < 800000; day += 997) {
        long y;
        int m, d;
        day_to_civil(day, &y, &m, &d);
        assert_int_equal(day_from_civil(y, m, d), day);
    }
}

static void parses_real_days_only(void **state)
{
    (void)state;
    long day = 42;
    assert_true(day_parse("2026-03-01", &day));
    assert_int_equal(day, day_from_civil(2026, 3, 1));
    assert_true(day_parse("2028-02-29", &day));
    assert_true(day_parse("0000-01-01", &day));
    day = 42;
    const char *bad[] = { "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01",
                          "2026/04/01", "2026-04-01T", " 2026-04-01", "", "abcd-ef-gh" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(day_parse(bad[i], &day));
    assert_false(day_parse(NULL, &day));
    assert_int_equal(day, 42); /* untouched on failure */
    char out[11];
    day_format(day_from_civil(2026, 11, 7), out);
    assert_string_equal(out, "2026-11-07");
}

static void instants_as_iso(void **state)
{
    (void)state;
    char buf[32];
    time_to_iso(0, buf);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    time_to_iso(1790000000, buf);
    assert_string_equal(buf, "2026-09-21T14:13:20Z");
    time_t back;
    assert_true(iso_to_time(buf, &back));
    assert_int_equal(back, 1790000000);
    assert_false(iso_to_time("2026-09-21T14:13:20", &back));
    assert_false(iso_to_time("2026-11-01 00:00:00Z", &back));
    assert_false(iso_to_time("2026-11-01T00:00:00Zjunk", &back));
    assert_false(iso_to_time("2026-13-01T00:00:00Z", &back));
    assert_false(iso_to_time("1960-01-01T00:00:00Z", &back));
    assert_int_equal(day_of_time(1790000000), day_from_civil(2026, 9, 21));
    assert_int_equal(day_of_time(-1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days_round_trip),
        cmocka_unit_test(parses_real_days_only),
        cmocka_unit_test(instants_as_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
