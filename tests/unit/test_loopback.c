/* test_loopback.c: plain http is allowed only to a loopback host, and the
 * host is parsed strictly — a trailing dot, a short form, an octal-looking
 * part or a name that merely starts like a loopback address would all be
 * handed to a resolver and could go anywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fetch/fetcher.h"

static void loopback_hosts(void **state)
{
    const char *yes[] = {
        "127.0.0.1",        "127.0.0.1:8080",     "127.0.0.1/api",   "127.0.0.1:65535/x",
        "127.255.255.254",  "127.1.2.3:1",        "localhost",       "localhost:8080/api",
        "[::1]",            "[::1]:8080",         "[::1]/api",       "127.0.0.0",
    };
    const char *no[] = {
        "127.0.0.1.",        "127.0.0.1.:8080",   "127.1",            "127.0.1",
        "127.0.0.1.2",       "127.0.0.256",       "127.0.0.01",       "127.00.0.1",
        "0127.0.0.1",        "127.0.0.1a",        "127.0.0.1.evil.example", "127..0.1",
        "128.0.0.1",         "12.0.0.1",          "1127.0.0.1",       "127.0.0.1:",
        "127.0.0.1:0",       "127.0.0.1:65536",   "127.0.0.1:80a",    "127.0.0.1:123456",
        "localhost.",        "localhost.evil.example", "localhostx", "[::1].evil",
        "[::2]",             "",                  "0x7f.0.0.1",       "2130706433",
        "127.0.0.1@evil.example", "127.0.0.1 ",   "127.0.0.-1",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!fetcher_host_is_loopback(yes[i]))
            fail_msg("refused %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (fetcher_host_is_loopback(no[i]))
            fail_msg("accepted %s", no[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loopback_hosts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
