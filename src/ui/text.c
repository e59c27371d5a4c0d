/* text.c: putting text on the screen safely — UTF-8 decoding that never
 * trusts the data, column widths, truncation, word wrap, bars, and the
 * glyph sets for UTF-8 and plain ASCII terminals. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/ui_internal.h"
#include "util/xalloc.h"

const Glyphs glyphs_utf8 = {
    /* Lower half blocks, to the nearest half cell: bars on neighbouring
     * rows keep a gap between them instead of merging into one slab. */
    .bar = { " ", " ", " ", " ", "\u2596", "\u2596", "\u2596", "\u2596", "\u2584" },
    .slider_on = "\u2588",
    .slider_off = "\u2591",
    .spark = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" },
    .better = "\u25c6",
    .hline = "\u2500",
    .vline = "\u2502",
    .up = "\u2191",
    .down = "\u2193",
    .ellipsis = "\u2026",
    .dot = "\u00b7",
    .bullet = "\u2022",
    .left_right = "\u2190\u2192",
};

/* Half a cell or more counts as a whole one: ASCII has no eighths. */
const Glyphs glyphs_ascii = {
    .bar = { " ", " ", " ", " ", "#", "#", "#", "#", "#" },
    .slider_on = "#",
    .slider_off = ".",
    .spark = { "_", ".", "-", ":", "=", "+", "*", "#" },
    .better = "*",
    .hline = "-",
    .vline = "|",
    .up = "^",
    .down = "v",
    .ellipsis = "~",
    .dot = "-",
    .bullet = "-",
    .left_right = "<>",
};

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

/* The bytes to print for one decoded character and its width in columns. */
static int char_out(const Ui *ui, uint32_t cp, const char *src, size_t len, const char **out,
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
    if (!ui->utf8) {
        *out = ascii_for(cp);
        *out_len = strlen(*out);
        return (int)*out_len;
    }
    int w = wcwidth((wchar_t)cp);
    if (w < 0 || cp == 0xfffd) {
        *out = "?";
        *out_len = 1;
        return 1;
    }
    *out = src;
    *out_len = len;
    return w;
}

int text_width(const Ui *ui, const char *s)
{
    int w = 0;
    while (*s) {
        uint32_t cp;
        size_t n = utf8_decode(s, &cp);
        const char *o;
        size_t on;
        w += char_out(ui, cp, s, n, &o, &on);
        s += n;
    }
    return w;
}

static attr_t extra_attr;

void put_bold(Ui *ui, bool on)
{
    (void)ui;
    extra_attr = on ? A_BOLD : 0;
}

int put_text(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s)
{
    if (maxw <= 0 || y < 0 || y >= ui->height || x >= ui->width)
        return 0;
    if (x + maxw > ui->width)
        maxw = ui->width - x;
    char buf[1024];
    size_t used = 0;
    int cols = 0;
    while (*s) {
        uint32_t cp;
        size_t n = utf8_decode(s, &cp);
        const char *o;
        size_t on;
        int w = char_out(ui, cp, s, n, &o, &on);
        if (cols + w > maxw || used + on >= sizeof buf)
            break;
        memcpy(buf + used, o, on);
        used += on;
        cols += w;
        s += n;
    }
    /* Wide characters spare curses decoding the bytes one at a time
     * (mbrtowc per byte), which was most of the cost of drawing a frame. */
    wchar_t wbuf[sizeof buf];
    int nw = 0;
    for (size_t i = 0; i < used; nw++) {
        uint32_t cp;
        i += utf8_decode(buf + i, &cp);
        wbuf[nw] = (wchar_t)cp;
    }
    attrset(ui->attr[role] | extra_attr);
    mvaddnwstr(y, x, wbuf, nw);
    return cols;
}

char *text_cut(const Ui *ui, const char *s, int maxw)
{
    if (maxw <= 1 || text_width(ui, s) <= maxw)
        return xstrdup(s);
    /* The ellipsis follows the last character kept, never a space. */
    size_t keep = 0;
    int cols = 0, ell = text_width(ui, ui->g->ellipsis);
    for (size_t i = 0; s[i];) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, &cp);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)n, s + i);
        int w = text_width(ui, one);
        if (cols + w + ell > maxw)
            break;
        cols += w;
        i += n;
        if (cp != ' ')
            keep = i;
    }
    return xasprintf("%.*s%s", (int)keep, s, ui->g->ellipsis);
}

int put_text_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s)
{
    if (maxw <= 1 || text_width(ui, s) <= maxw)
        return put_text(ui, y, x, maxw, role, s);
    char *cut = text_cut(ui, s, maxw);
    int used = put_text(ui, y, x, maxw, role, cut);
    free(cut);
    fill_row(ui, y, x + used, maxw - used, role);
    return maxw;
}

int put_textf(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    int n = put_text(ui, y, x, maxw, role, s);
    free(s);
    return n;
}

int put_textf_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    int n = put_text_cut(ui, y, x, maxw, role, s);
    free(s);
    return n;
}

void fill_row(Ui *ui, int y, int x, int w, ThemeRole role)
{
    if (y < 0 || y >= ui->height || x >= ui->width)
        return;
    if (x + w > ui->width)
        w = ui->width - x;
    if (w <= 0)
        return;
    attrset(ui->attr[role]);
    mvhline(y, x, ' ', w);
}

/* Draws n copies of a one-column glyph in as few curses calls as a buffer
 * allows, not one call per cell (bars fill much of every frame). */
static void put_run(Ui *ui, int y, int x, int n, ThemeRole role, const char *glyph)
{
    size_t len = strlen(glyph);
    while (n > 0) {
        char buf[1024];
        size_t used = 0;
        int k = 0;
        for (; k < n && used + len < sizeof buf; k++, used += len)
            memcpy(buf + used, glyph, len);
        buf[used] = '\0';
        put_text(ui, y, x, k, role, buf);
        x += k;
        n -= k;
    }
}

void put_bar(Ui *ui, int y, int x, int w, double fraction, ThemeRole fill, ThemeRole empty,
             const char *empty_glyph)
{
    if (w <= 0)
        return;
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    long eighths = (long)(fraction * w * 8 + 0.5);
    int full = (int)(eighths / 8), part = (int)(eighths % 8);
    int col = full < w ? full : w;
    put_run(ui, y, x, col, fill, ui->g->bar[8]);
    if (part > 0 && col < w && ui->g->bar[part][0] != ' ')
        put_text(ui, y, x + col++, 1, fill, ui->g->bar[part]);
    put_run(ui, y, x + col, w - col, empty, empty_glyph);
}

size_t text_wrap(const Ui *ui, const char *s, int width, size_t **starts, size_t **lens)
{
    size_t cap = 8, n = 0;
    *starts = xcalloc(cap, sizeof **starts);
    *lens = xcalloc(cap, sizeof **lens);
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
            uint32_t cp;
            size_t k = utf8_decode(s + end, &cp);
            const char *o;
            size_t on;
            int w = char_out(ui, cp, s + end, k, &o, &on);
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
        n++;
        pos = end;
    }
    return n;
}

void format_age(time_t then, time_t now, char out[16])
{
    long long d = (long long)(now - then);
    if (d > 86400LL * 9999)
        d = 86400LL * 9999; /* "9999d": a clock that far off says enough */
    if (d < 60)
        snprintf(out, 16, "now");
    else if (d < 3600)
        snprintf(out, 16, "%dm", (int)(d / 60));
    else if (d < 86400 * 2)
        snprintf(out, 16, "%dh", (int)(d / 3600));
    else
        snprintf(out, 16, "%dd", (int)(d / 86400));
}
