/* text.c: UTF-8, column widths, word wrap and ages (see text.h). */
#include "core/text.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "util/xalloc.h"

size_t utf8_decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n;
    uint32_t c, min;
    if ((u[0] & 0xe0) == 0xc0) {
        n = 2, c = u[0] & 0x1f, min = 0x80;
    } else if ((u[0] & 0xf0) == 0xe0) {
        n = 3, c = u[0] & 0x0f, min = 0x800;
    } else if ((u[0] & 0xf8) == 0xf0) {
        n = 4, c = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return i; /* the bad byte starts the next sequence */
        }
        c = (c << 6) | (u[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        c = 0xfffd;
    *cp = c;
    return n;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* What an ASCII screen shows for a character it cannot: common punctuation
 * keeps its meaning, anything else becomes '?'. */
static const char *ascii_for(uint32_t cp)
{
    switch (cp) {
    case 0x2013: case 0x2014: case 0x2212: return "-";
    case 0x2018: case 0x2019: return "'";
    case 0x201c: case 0x201d: return "\"";
    case 0x2026: return "...";
    case 0x00a0: return " ";
    case 0x00d7: return "x";
    case 0x2192: return "->";
    default: return "?";
    }
}

/* Ranges every character of which takes one column (Latin letters and
 * accents, punctuation, arrows, box drawing, blocks and shapes: most of
 * what the screen draws), so they skip a wcwidth call each;
 * test_text checks them against wcwidth. */
static const uint32_t SINGLE_WIDTH[][2] = {
    { 0x00a0, 0x02ff }, { 0x2010, 0x2027 }, { 0x2030, 0x205e },
    { 0x2190, 0x21ff }, { 0x2500, 0x25fc },
};

bool text_single_width(uint32_t cp)
{
    for (size_t i = 0; i < sizeof SINGLE_WIDTH / sizeof SINGLE_WIDTH[0]; i++)
        if (cp >= SINGLE_WIDTH[i][0] && cp <= SINGLE_WIDTH[i][1])
            return true;
    return false;
}

int text_char_out(bool utf8, uint32_t cp, const char *src, size_t len, const char **out,
                  size_t *out_len)
{
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
        *out = " ";
        *out_len = 1;
        return 1;
    }
    if (cp < 0x80) {
        *out = src;
        *out_len = 1;
        return 1;
    }
    if (!utf8) {
        *out = ascii_for(cp);
        *out_len = strlen(*out);
        return (int)*out_len;
    }
    int w = text_single_width(cp) ? 1 : wcwidth((wchar_t)cp);
    if (w < 0 || cp == 0xfffd) {
        *out = "?";
        *out_len = 1;
        return 1;
    }
    *out = src;
    *out_len = len;
    return w;
}

int text_columns(bool utf8, const char *s)
{
    int w = 0;
    while (*s) {
        if ((unsigned char)*s < 0x80) { /* one column, a control shown as a space too */
            w++;
            s++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s, &cp);
        const char *o;
        size_t on;
        w += text_char_out(utf8, cp, s, n, &o, &on);
        s += n;
    }
    return w;
}

size_t text_wrap_lines(bool utf8, const char *s, int width, size_t **starts, size_t **lens)
{
    size_t cap = 8, n = 0;
    bool keep = starts != NULL; /* NULL: the lines only counted */
    if (keep) {
        *starts = xcalloc(cap, sizeof **starts);
        *lens = xcalloc(cap, sizeof **lens);
    }
    if (width < 1)
        width = 1;
    size_t pos = 0, total = strlen(s);
    while (pos < total) {
        while (pos < total && (s[pos] == ' ' || s[pos] == '\n' || s[pos] == '\t'))
            pos++;
        if (pos >= total)
            break;
        /* Take characters until the width is reached; remember the last
         * space so the line can end on a word boundary. */
        size_t end = pos, last_space = 0;
        int cols = 0;
        while (end < total && s[end] != '\n') {
            unsigned char b = (unsigned char)s[end];
            size_t k = 1;
            int w = 1; /* printable ASCII, and the controls shown as a space */
            if (b >= 0x80) {
                uint32_t cp;
                const char *o;
                size_t on;
                k = utf8_decode(s + end, &cp);
                w = text_char_out(utf8, cp, s + end, k, &o, &on);
            }
            if (cols + w > width)
                break;
            if (s[end] == ' ')
                last_space = end;
            cols += w;
            end += k;
        }
        if (end < total && s[end] != '\n' && s[end] != ' ' && last_space > pos)
            end = last_space;
        if (end == pos) { /* a character wider than the line: take it anyway */
            uint32_t cp;
            end += utf8_decode(s + pos, &cp);
        }
        if (keep) {
            size_t len = end - pos;
            while (len > 0 && s[pos + len - 1] == ' ')
                len--;
            if (n == cap) {
                cap *= 2;
                *starts = xreallocarray(*starts, cap, sizeof **starts);
                *lens = xreallocarray(*lens, cap, sizeof **lens);
            }
            (*starts)[n] = pos;
            (*lens)[n] = len;
        }
        n++;
        pos = end;
    }
    return n;
}

void text_age(long long seconds, char out[16])
{
    long long d = seconds < 0 ? 0 : seconds;
    if (d > 86400LL * 9999)
        d = 86400LL * 9999;
    if (d < 3600)
        snprintf(out, 16, "%dm", d < 60 ? 1 : (int)(d / 60));
    else if (d < 86400 * 2)
        snprintf(out, 16, "%dh", (int)(d / 3600));
    else
        snprintf(out, 16, "%dd", (int)(d / 86400));
}

char *text_cut_columns(bool utf8, const char *ellipsis, const char *s, int maxw)
{
    if (maxw <= 1 || text_columns(utf8, s) <= maxw)
        return xstrdup(s);
    /* The ellipsis follows the last character kept, never a space. */
    size_t keep = 0;
    int cols = 0, ell = text_columns(utf8, ellipsis);
    for (size_t i = 0; s[i];) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, &cp);
        const char *o;
        size_t on;
        int w = text_char_out(utf8, cp, s + i, n, &o, &on);
        if (cols + w + ell > maxw)
            break;
        cols += w;
        i += n;
        if (cp != ' ')
            keep = i;
    }
    return xasprintf("%.*s%s", (int)keep, s, ellipsis);
}
