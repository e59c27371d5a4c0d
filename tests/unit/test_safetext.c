/* test_safetext.c: which characters count as controls (C0, DEL, C1, bidi
 * overrides and isolates, and nothing else), and the escaped, cleaned and
 * bounded forms that messages and reports use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/safetext.h"
#include "util/xalloc.h"

static void what_counts_as_a_control(void **state)
{
    assert_int_equal(safetext_control_len("\x1b[31m"), 1);
    assert_int_equal(safetext_control_len("\x7f"), 1);
    assert_int_equal(safetext_control_len("\n"), 1);
    assert_int_equal(safetext_control_len("\xc2\x80"), 2);
    assert_int_equal(safetext_control_len("\xc2\x9f"), 2);
    assert_int_equal(safetext_control_len("\xc2\xa0"), 0); /* no-break space is text */
    /* U+202A..U+202E and U+2066..U+2069, both ends of both ranges */
    assert_int_equal(safetext_control_len("\xe2\x80\xaa"), 3);
    assert_int_equal(safetext_control_len("\xe2\x80\xae"), 3);
    assert_int_equal(safetext_control_len("\xe2\x81\xa6"), 3);
    assert_int_equal(safetext_control_len("\xe2\x81\xa9"), 3);
    /* their neighbours are not: U+2029, U+202F, U+2065, U+206A */
    assert_int_equal(safetext_control_len("\xe2\x80\xa9"), 0);
    assert_int_equal(safetext_control_len("\xe2\x80\xaf"), 0);
    assert_int_equal(safetext_control_len("\xe2\x81\xa5"), 0);
    assert_int_equal(safetext_control_len("\xe2\x81\xaa"), 0);
    assert_int_equal(safetext_control_len("a"), 0);
    assert_int_equal(safetext_control_len(""), 0);
    assert_int_equal(safetext_control_len("\xe2\x80"), 0); /* cut short: not a control */
    assert_true(safetext_has_control("ok\xe2\x80\xaetxt"));
    assert_false(safetext_has_control("caf\xc3\xa9 \xe2\x80\x94 ok"));
}

static void escaped_quoted_and_cleaned(void **state)
{
    char *s = safetext_escaped("id \x1b]0;pwned\x07 \xc2\x9b \xe2\x80\xae caf\xc3\xa9");
    assert_string_equal(s, "id \\x1b]0;pwned\\x07 \\u009b \\u202e caf\xc3\xa9");
    free(s);
    s = safetext_quote("\x1b]0;0123456789", 5);
    assert_string_equal(s, "\\x1b]0;0...");
    free(s);
    /* cut at a character boundary: 3 characters of "ééééé" */
    s = safetext_quote("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3);
    assert_string_equal(s, "\xc3\xa9\xc3\xa9\xc3\xa9...");
    free(s);
    s = safetext_quote("short", 40);
    assert_string_equal(s, "short");
    free(s);
    s = safetext_clean("a\tb\nc\x1b[2Jd\xe2\x81\xa7" "e", 0);
    assert_string_equal(s, "a b c[2Jde");
    free(s);
    s = safetext_clean("\xc3\xa9\xc3\xa9\xc3\xa9", 2);
    assert_string_equal(s, "\xc3\xa9\xc3\xa9...");
    free(s);
    /* controls first, last, side by side, and none at all */
    s = safetext_clean("\x1b\x07x\r\n", 0);
    assert_string_equal(s, "x  ");
    free(s);
    s = safetext_escaped("\x01\x02" "ab\xc2\x9b");
    assert_string_equal(s, "\\x01\\x02ab\\u009b");
    free(s);
    s = safetext_clean("plain caf\xc3\xa9", 0);
    assert_string_equal(s, "plain caf\xc3\xa9");
    free(s);
    s = safetext_clean("", 0);
    assert_string_equal(s, "");
    free(s);
    /* A very long quote stays bounded. */
    char *lots = xmalloc(100001);
    memset(lots, '\x1b', 100000);
    lots[100000] = '\0';
    s = safetext_quote(lots, SAFETEXT_QUOTE_MAX);
    assert_true(strlen(s) <= SAFETEXT_QUOTE_MAX * 4 + 3);
    free(s);
    free(lots);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_counts_as_a_control),
        cmocka_unit_test(escaped_quoted_and_cleaned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
