/* test_clock.c: the system's clock (util/clock.h) tells the time and
 * never skips: its waits are real. A skipping clock moves only by what it
 * skips, both its clocks or, with real_wall, its monotonic one alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "util/clock.h"

static void pause_ms(long ms)
{
    struct timespec pause = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&pause, NULL);
}

static void system_clock_tells_the_time(void **state)
{
    (void)state;
    const Clock *c = clock_system();
    assert_ptr_equal(c, clock_system());
    assert_null(c->skip);
    time_t before = time(NULL);
    time_t wall = c->wall(c->ctx);
    time_t after = time(NULL);
    assert_true(wall >= before && wall <= after);
    long long a = c->mono_ms(c->ctx);
    pause_ms(20);
    long long b = c->mono_ms(c->ctx);
    assert_true(b - a >= 19); /* milliseconds, not seconds or microseconds */
    assert_true(b - a < 5000);
}

static void skipping_clock_moves_by_its_skips(void **state)
{
    (void)state;
    SkippingClock sc;
    time_t before = time(NULL);
    const Clock *c = clock_skipping_start(&sc, false);
    assert_non_null(c->skip);
    time_t wall = c->wall(c->ctx);
    long long mono = c->mono_ms(c->ctx);
    assert_true(wall >= before && wall <= time(NULL));
    pause_ms(20);
    assert_int_equal(c->mono_ms(c->ctx), mono); /* stands still in real time */
    assert_int_equal(c->wall(c->ctx), wall);
    (c->skip)(c->ctx, 2500);
    assert_int_equal(c->mono_ms(c->ctx), mono + 2500);
    assert_int_equal(c->wall(c->ctx), wall + 2); /* whole seconds */
    (c->skip)(c->ctx, 3600L * 1000);
    assert_int_equal(c->wall(c->ctx), wall + 3602);
    (c->skip)(c->ctx, -5); /* never back */
    assert_int_equal(sc.skipped_ms, 3602500);
}

static void skipping_clock_with_real_wall_keeps_true_dates(void **state)
{
    (void)state;
    SkippingClock sc;
    const Clock *c = clock_skipping_start(&sc, true);
    long long mono = c->mono_ms(c->ctx);
    (c->skip)(c->ctx, 3600L * 1000);
    assert_int_equal(c->mono_ms(c->ctx), mono + 3600L * 1000);
    time_t before = time(NULL);
    time_t wall = c->wall(c->ctx);
    assert_true(wall >= before && wall <= time(NULL)); /* not an hour on */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(system_clock_tells_the_time),
        cmocka_unit_test(skipping_clock_moves_by_its_skips),
        cmocka_unit_test(skipping_clock_with_real_wall_keeps_true_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
