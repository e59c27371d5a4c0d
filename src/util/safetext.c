/* safetext.c: spotting and neutralising control characters (see safetext.h). */
#include "util/safetext.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

size_t safetext_control_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p == '\0')
        return 0;
    if (*p < 0x20 || *p == 0x7F)
        return 1;
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    /* U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9. */
    if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
                         (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
        return 3;
    return 0;
}

bool safetext_has_control(const char *s)
{
    for (; *s; s++)
        if (safetext_control_len(s))
            return true;
    return false;
}

/* The code point of the control character of n bytes at p. */
static unsigned control_code(const unsigned char *p, size_t n)
{
    if (n == 1)
        return p[0];
    if (n == 2)
        return p[1];
    return ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

static void append_escape(StrBuf *sb, const char *p, size_t n)
{
    unsigned cp = control_code((const unsigned char *)p, n);
    if (n == 1)
        sb_appendf(sb, "\\x%02x", cp);
    else
        sb_appendf(sb, "\\u%04x", cp);
}

/* The bytes from s up to the next control character (or the end) appended
 * at once; returns that character's length (0: the end). */
static size_t append_run(StrBuf *sb, const char **s)
{
    const char *run = *s;
    size_t n = 0;
    while (**s && (n = safetext_control_len(*s)) == 0)
        (*s)++;
    sb_append_len(sb, run, (size_t)(*s - run));
    return **s ? n : 0;
}

void safetext_append_escaped(StrBuf *sb, const char *s)
{
    size_t n;
    while ((n = append_run(sb, &s)) != 0) {
        append_escape(sb, s, n);
        s += n;
    }
}

void safetext_append_clean(StrBuf *sb, const char *s)
{
    size_t n;
    while ((n = append_run(sb, &s)) != 0) {
        if (*s == '\n' || *s == '\r' || *s == '\t')
            sb_append_char(sb, ' ');
        s += n;
    }
}

char *safetext_clean(const char *s, size_t max_chars)
{
    StrBuf sb = STRBUF_INIT;
    safetext_append_clean(&sb, s);
    char *text = sb_take(&sb);
    size_t chars = 0;
    for (char *p = text; max_chars && *p; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80)
            continue;
        if (chars++ == max_chars) {
            char *cut = xasprintf("%.*s...", (int)(p - text), text);
            free(text);
            return cut;
        }
    }
    return text;
}

char *safetext_quote(const char *s, size_t max_chars)
{
    StrBuf sb = STRBUF_INIT;
    size_t chars = 0;
    while (*s) {
        if (chars == max_chars) {
            sb_append(&sb, "...");
            break;
        }
        chars++;
        size_t n = safetext_control_len(s);
        if (n) {
            append_escape(&sb, s, n);
            s += n;
            continue;
        }
        /* One whole UTF-8 character: the lead byte and its continuations. */
        sb_append_char(&sb, *s++);
        while (((unsigned char)*s & 0xC0) == 0x80)
            sb_append_char(&sb, *s++);
    }
    return sb_take(&sb);
}

char *safetext_escaped(const char *s)
{
    StrBuf sb = STRBUF_INIT;
    safetext_append_escaped(&sb, s);
    return sb_take(&sb);
}
