/* strbuf.c: growable strings. */
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void sb_reserve(StrBuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void sb_append_len(StrBuf *sb, const char *s, size_t len)
{
    sb_reserve(sb, len);
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void sb_append(StrBuf *sb, const char *s) { sb_append_len(sb, s, strlen(s)); }

void sb_append_char(StrBuf *sb, char c) { sb_append_len(sb, &c, 1); }

void sb_vappendf(StrBuf *sb, const char *fmt, va_list ap)
{
    va_list probe;
    va_copy(probe, ap);
    int len = vsnprintf(NULL, 0, fmt, probe);
    va_end(probe);
    if (len < 0)
        die("bad format string");
    sb_reserve(sb, (size_t)len);
    vsnprintf(sb->data + sb->len, (size_t)len + 1, fmt, ap);
    sb->len += (size_t)len;
}

void sb_appendf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vappendf(sb, fmt, ap);
    va_end(ap);
}

void sb_reset(StrBuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

char *sb_take(StrBuf *sb)
{
    char *out = sb->data ? sb->data : xstrdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return out;
}

const char *sb_str(const StrBuf *sb) { return sb->data ? sb->data : ""; }

void sb_free(StrBuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
