/* test_clock.c: the system's clock (util/clock.h) tells the time and
 * never skips: its waits are real. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "util/clock.h"

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
    struct timespec pause = { 0, 20 * 1000000L };
    nanosleep(&pause, NULL);
    long long b = c->mono_ms(c->ctx);
    assert_true(b - a >= 19); /* milliseconds, not seconds or microseconds */
    assert_true(b - a < 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(system_clock_tells_the_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
