/* strbuf.h: a growable byte string, used to render exports and messages
 * before they are written in one piece. The StrBuf owns its data; sb_free
 * releases it, sb_take hands it to the caller. */
#ifndef VERSUS_UTIL_STRBUF_H
#define VERSUS_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} StrBuf;

#define STRBUF_INIT { NULL, 0, 0 }

void sb_append(StrBuf *sb, const char *s);
void sb_append_len(StrBuf *sb, const char *s, size_t len);
void sb_append_char(StrBuf *sb, char c);
void sb_appendf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vappendf(StrBuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Empties the buffer but keeps its memory. */
void sb_reset(StrBuf *sb);
/* Returns the contents ("" when empty) and leaves the buffer empty; caller frees. */
char *sb_take(StrBuf *sb);
/* Read-only view, "" when nothing was appended. */
const char *sb_str(const StrBuf *sb);
void sb_free(StrBuf *sb);

#endif
