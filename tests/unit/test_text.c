/* test_text.c: the screen-free text helpers — UTF-8 decoding of hostile
 * bytes, column widths with and without UTF-8, word wrap, and ages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"

static void decodes_valid_and_refuses_malformed(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode("A", &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xc3\xa9", &cp), 2);
    assert_int_equal(cp, 0xe9);
    assert_int_equal(utf8_decode("\xe2\x97\x86", &cp), 3);
    assert_int_equal(cp, 0x25c6);
    assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", &cp), 4);
    assert_int_equal(cp, 0x1f600);
    /* overlong, surrogate, beyond U+10FFFF, a lone continuation byte */
    assert_int_equal(utf8_decode("\xc0\xaf", &cp), 2);
    assert_int_equal(cp, 0xfffd);
    assert_int_equal(utf8_decode("\xed\xa0\x80", &cp), 3);
    assert_int_equal(cp, 0xfffd);
    assert_int_equal(utf8_decode("\xf4\x90\x80\x80", &cp), 4);
    assert_int_equal(cp, 0xfffd);
    assert_int_equal(utf8_decode("\x80", &cp), 1);
    assert_int_equal(cp, 0xfffd);
    /* a sequence cut short: the next byte starts the next character */
    assert_int_equal(utf8_decode("\xe2\x97Z", &cp), 2);
    assert_int_equal(cp, 0xfffd);
    assert_int_equal(utf8_decode("\xe2", &cp), 1); /* at the end: the NUL is not eaten */
}

static void encodes_what_it_decodes(void **state)
{
    (void)state;
    const uint32_t cps[] = { 0x41, 0xe9, 0x7ff, 0x800, 0x25c6, 0xffff, 0x10000, 0x10ffff };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[5] = { 0 };
        size_t n = utf8_encode(cps[i], buf);
        uint32_t back;
        assert_int_equal(utf8_decode(buf, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static void columns_with_and_without_utf8(void **state)
{
    (void)state;
    assert_int_equal(text_columns(true, "abc"), 3);
    assert_int_equal(text_columns(true, "caf\xc3\xa9"), 4);
    assert_int_equal(text_columns(true, "\xe5\xad\x97"), 2); /* a wide CJK character */
    assert_int_equal(text_columns(true, "a\tb\x1b"), 4);       /* controls show as spaces */
    /* ASCII stand-ins: an ellipsis is three dots, an arrow two characters */
    assert_int_equal(text_columns(false, "\xe2\x80\xa6"), 3);
    assert_int_equal(text_columns(false, "\xe2\x86\x92"), 2);
    assert_int_equal(text_columns(false, "\xe5\xad\x97"), 1);
    const char *out;
    size_t len;
    assert_int_equal(text_char_out(false, 0x2019, "\xe2\x80\x99", 3, &out, &len), 1);
    assert_memory_equal(out, "'", 1);
    assert_int_equal(text_char_out(true, 0xfffd, "\xef\xbf\xbd", 3, &out, &len), 1);
    assert_memory_equal(out, "?", 1);
}

static void wraps_at_spaces_and_line_breaks(void **state)
{
    (void)state;
    size_t *starts, *lens;
    const char *s = "the quick brown fox\njumps";
    size_t n = text_wrap_lines(true, s, 10, &starts, &lens);
    assert_int_equal(n, 3);
    assert_int_equal(lens[0], 9);
    assert_memory_equal(s + starts[0], "the quick", 9);
    assert_memory_equal(s + starts[1], "brown fox", lens[1]);
    assert_memory_equal(s + starts[2], "jumps", lens[2]);
    free(starts);
    free(lens);
    /* a word longer than the line is cut; a character wider than it kept */
    n = text_wrap_lines(true, "abcdefghij", 4, &starts, &lens);
    assert_int_equal(n, 3);
    assert_int_equal(lens[0], 4);
    assert_int_equal(lens[2], 2);
    free(starts);
    free(lens);
    n = text_wrap_lines(true, "\xe5\xad\x97", 1, &starts, &lens);
    assert_int_equal(n, 1);
    assert_int_equal(lens[0], 3);
    free(starts);
    free(lens);
    n = text_wrap_lines(true, "   ", 5, &starts, &lens);
    assert_int_equal(n, 0);
    free(starts);
    free(lens);
    /* without the arrays: the same counts */
    assert_int_equal(text_wrap_lines(true, s, 10, NULL, NULL), 3);
    assert_int_equal(text_wrap_lines(true, "abcdefghij", 4, NULL, NULL), 3);
    assert_int_equal(text_wrap_lines(true, "\xe5\xad\x97", 1, NULL, NULL), 1);
    assert_int_equal(text_wrap_lines(true, "   ", 5, NULL, NULL), 0);
}

/* Cut to a number of columns: wide characters count two, an ASCII screen
 * counts what it shows, the ellipsis never follows a space. */
static void cuts_to_columns(void **state)
{
    (void)state;
    const struct { bool utf8; const char *s; int maxw; const char *want; } cases[] = {
        { true, "short", 10, "short" },
        { true, "exactly10!", 10, "exactly10!" },
        { true, "the quick brown fox", 10, "the quick~" },
        { true, "the quick brown fox", 11, "the quick~" },
        { true, "\xe5\xad\x97\xe5\xad\x97\xe5\xad\x97", 5, "\xe5\xad\x97\xe5\xad\x97~" },
        { true, "\xe5\xad\x97\xe5\xad\x97\xe5\xad\x97", 4, "\xe5\xad\x97~" },
        { false, "a\xe2\x80\xa6" "bcdefgh", 6, "a\xe2\x80\xa6" "b~" },
        { true, "a\tb", 1, "a\tb" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = text_cut_columns(cases[i].utf8, "~", cases[i].s, cases[i].maxw);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static void ages_in_one_style(void **state)
{
    (void)state;
    char out[16];
    const struct { long long s; const char *want; } cases[] = {
        { -5, "1m" },      { 0, "1m" },         { 59, "1m" },       { 60, "1m" },
        { 3599, "59m" },   { 3600, "1h" },      { 47 * 3600, "47h" }, { 48 * 3600, "2d" },
        { 86400LL * 400, "400d" }, { 86400LL * 100000, "9999d" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        text_age(cases[i].s, out);
        assert_string_equal(out, cases[i].want);
    }
}

/* The characters text_char_out measures without wcwidth are exactly the
 * ones wcwidth calls one column wide; the rest still ask it. */
static void single_width_ranges_agree_with_wcwidth(void **state)
{
    (void)state;
    size_t fast = 0;
    for (uint32_t cp = 0xa0; cp < 0x30000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff)
            continue;
        if (text_single_width(cp)) {
            fast++;
            assert_int_equal(wcwidth((wchar_t)cp), 1);
        }
        char src[4];
        size_t n = utf8_encode(cp, src);
        const char *out;
        size_t len;
        int w = text_char_out(true, cp, src, n, &out, &len);
        int want = wcwidth((wchar_t)cp);
        assert_int_equal(w, want < 0 || cp == 0xfffd ? 1 : want);
    }
    assert_true(fast > 900); /* the box drawing, blocks, arrows, accents */
    assert_true(text_single_width(0x2500) && text_single_width(0x00e9));
    assert_false(text_single_width(0x25fd)); /* a wide one among the shapes */
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8"); /* wcwidth needs a UTF-8 locale */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_valid_and_refuses_malformed),
        cmocka_unit_test(encodes_what_it_decodes),
        cmocka_unit_test(columns_with_and_without_utf8),
        cmocka_unit_test(wraps_at_spaces_and_line_breaks),
        cmocka_unit_test(cuts_to_columns),
        cmocka_unit_test(ages_in_one_style),
        cmocka_unit_test(single_width_ranges_agree_with_wcwidth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
