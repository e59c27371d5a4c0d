/* test_fetch_status.c: the header's line for where the download figures
 * stand, from counts and times alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "core/fetch_status.h"

#define NOW 1764000000 /* 2025-11-24 16:00:00 UTC */

static const char *line(FetchSummary s)
{
    static char out[FETCH_STATUS_MAX];
    fetch_status_line(&s, NOW, out);
    return out;
}

static void each_state_in_its_words(void **state)
{
    (void)state;
    assert_string_equal(line((FetchSummary){ .busy = true, .done = 7, .total = 18 }), "fetching 7/18");
    assert_string_equal(line((FetchSummary){ 0 }), "bundled");
    assert_string_equal(line((FetchSummary){ .offline = true }), "bundled, offline");
    assert_string_equal(line((FetchSummary){ .live = 4 }), "live");
    assert_string_equal(line((FetchSummary){ .live = 4, .failed = 2 }), "live, 2 failed");
    assert_string_equal(line((FetchSummary){ .cached = 3, .oldest_cached = NOW - 3 * 3600 }),
                        "cache 3h old");
    assert_string_equal(line((FetchSummary){ .cached = 3, .oldest_cached = NOW - 10, .offline = true }),
                        "cache 1m old, offline");
    assert_string_equal(line((FetchSummary){ .live = 1, .cached = 3, .oldest_cached = NOW - 5 * 86400 }),
                        "live, 3 from cache 5d old");
    /* a backoff ahead says when, in local time; offline says offline instead */
    assert_string_equal(line((FetchSummary){ .live = 1, .retry_at = NOW + 3900 }),
                        "rate-limited, next try 17:05");
    assert_string_equal(line((FetchSummary){ .live = 1, .retry_at = NOW + 3900, .offline = true }),
                        "live, offline");
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_state_in_its_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
