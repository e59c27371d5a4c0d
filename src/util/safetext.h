/* safetext.h: the one definition of characters that must never reach a
 * terminal or a report from text versus did not write (data files, the
 * cache, snapshots, replies from the network), and the ways to make such
 * text safe to show: C0 controls and DEL, C1 controls (U+0080..U+009F), and
 * the bidi overrides and isolates (U+202A..U+202E, U+2066..U+2069), which
 * can make text read differently from what it holds. */
#ifndef VERSUS_UTIL_SAFETEXT_H
#define VERSUS_UTIL_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* How much of outside text a message quotes, in characters. */
#define SAFETEXT_QUOTE_MAX 40

/* The length in bytes of the control character that starts at p (1 for C0
 * and DEL, 2 for C1, 3 for a bidi control), or 0 when p starts none. */
size_t safetext_control_len(const char *p);

/* Does s hold any control character (line breaks and tabs included)? */
bool safetext_has_control(const char *s);

/* Appends s with each control character written as a visible escape
 * ("\x1b", "\u202e"), everything else unchanged. */
void safetext_append_escaped(StrBuf *sb, const char *s);

/* Appends s with control characters dropped, and line breaks and tabs
 * turned into spaces (for one-line report fields). */
void safetext_append_clean(StrBuf *sb, const char *s);

/* A copy of s cleaned as safetext_append_clean does and cut at max_chars
 * characters with "..." (0: no limit). Caller frees. */
char *safetext_clean(const char *s, size_t max_chars);

/* At most max_chars characters of s, escaped, cut at a character boundary
 * with "..." when longer: for quoting outside text in a message. Caller
 * frees. */
char *safetext_quote(const char *s, size_t max_chars);

/* The whole of s escaped (a message about to be shown). Caller frees. */
char *safetext_escaped(const char *s);

#endif
