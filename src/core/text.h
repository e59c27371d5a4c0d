/* text.h: text for a character-cell screen, with no screen attached —
 * UTF-8 decoding that never trusts the data, each character's width in
 * columns (or its ASCII stand-in on a terminal without UTF-8), word wrap,
 * and the one way ages are written ("5m", "3h", "2d"). Pure functions;
 * only text_wrap allocates (the caller frees what it returns). */
#ifndef VERSUS_CORE_TEXT_H
#define VERSUS_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one character at s (not NUL): its code point in *cp, U+FFFD for
 * a malformed, overlong or surrogate sequence; returns the bytes used (a
 * bad continuation byte is left to start the next character). */
size_t utf8_decode(const char *s, uint32_t *cp);
/* Encodes cp in out; returns the bytes written (1..4). */
size_t utf8_encode(uint32_t cp, char out[4]);

/* What the screen shows for the character cp (its bytes src, len): the
 * bytes to print in *out, *out_len and the columns they take. Control
 * characters become a space, unprintable ones '?'; without utf8, common
 * punctuation becomes its ASCII look-alike and anything else '?'. */
int text_char_out(bool utf8, uint32_t cp, const char *src, size_t len, const char **out,
                  size_t *out_len);
/* True for a character that takes one column whatever wcwidth would be
 * asked (the ranges of single-width letters, punctuation and drawing
 * characters): text_char_out skips wcwidth for them. */
bool text_single_width(uint32_t cp);
/* The columns s takes on screen. */
int text_columns(bool utf8, const char *s);
/* Splits s into lines of at most width columns, breaking at spaces where
 * it can and at line breaks always; returns the count, and each line's
 * byte offset and length in *starts and *lens (caller frees both), or
 * with starts and lens NULL only the count. */
size_t text_wrap_lines(bool utf8, const char *s, int width, size_t **starts, size_t **lens);

/* An age of seconds (negative counts as 0) in at most 5 characters: "1m"
 * below an hour (never "0m"), "3h" below two days, then "2d", up to
 * "9999d" for a clock that far off. */
void text_age(long long seconds, char out[16]);

/* A copy of s in at most maxw columns, ending in ellipsis (kept after the
 * last character that is not a space) where it is cut; caller frees. */
char *text_cut_columns(bool utf8, const char *ellipsis, const char *s, int maxw);

#endif
