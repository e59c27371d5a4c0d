/* text.c: putting text on the screen — truncation, bars, and the glyph
 * sets for UTF-8 and plain ASCII terminals. Decoding, widths and wrapping
 * are core/text.c's, which knows no screen. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
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

int text_width(const Ui *ui, const char *s) { return text_columns(ui->utf8, s); }

int put_text(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s)
{
    return put_styled(ui, y, x, maxw, role, false, s);
}

/* The cell of a character with no attributes of its own (the window's
 * apply): printable ASCII, most of what is drawn, copied from cells made
 * once; the rest made by setcchar. */
static void cell_of(wchar_t wc, cchar_t *out)
{
    static cchar_t ascii[0x7f];
    static bool made;
    if (wc >= 0x20 && wc < 0x7f) {
        if (!made) {
            for (wchar_t c = 0x20; c < 0x7f; c++) {
                wchar_t one[2] = { c, L'\0' };
                setcchar(&ascii[c], one, A_NORMAL, 0, NULL);
            }
            made = true;
        }
        *out = ascii[wc];
        return;
    }
    wchar_t one[2] = { wc, L'\0' };
    setcchar(out, one, A_NORMAL, 0, NULL);
}

int put_styled(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *s)
{
    if (maxw <= 0 || y < 0 || y >= ui->height || x >= ui->width)
        return 0;
    if (x + maxw > ui->width)
        maxw = ui->width - x;
    /* Wide characters spare curses decoding the bytes one at a time
     * (mbrtowc per byte), which was most of the cost of drawing a frame;
     * each character is decoded once, here. */
    wchar_t wbuf[1024];
    int nw = 0, cols = 0;
    bool combining = false;
    while (*s) {
        uint32_t cp;
        size_t n = utf8_decode(s, &cp);
        const char *o;
        size_t on;
        int w = text_char_out(ui->utf8, cp, s, n, &o, &on);
        if (cols + w > maxw || (size_t)nw + on >= sizeof wbuf / sizeof wbuf[0])
            break;
        if (o == s) {
            wbuf[nw++] = (wchar_t)cp; /* the character itself */
        } else {
            for (size_t i = 0; i < on; i++) /* an ASCII stand-in */
                wbuf[nw++] = (wchar_t)(unsigned char)o[i];
        }
        combining = combining || w == 0;
        cols += w;
        s += n;
    }
    attrset(ui->attr[role] | (bold ? A_BOLD : 0));
    if (combining) {
        mvaddnwstr(y, x, wbuf, nw); /* curses puts each mark on the character before it */
        return cols;
    }
    /* Each character a cell of its own: copied into the window as cells,
     * in the window's attributes as addnwstr would, without its handling
     * of each character (controls, wrapping, the cursor), which was most
     * of the cost of drawing text. */
    cchar_t cells[1024];
    for (int i = 0; i < nw; i++)
        cell_of(wbuf[i], &cells[i]);
    mvadd_wchnstr(y, x, cells, nw);
    return cols;
}

char *text_cut(const Ui *ui, const char *s, int maxw)
{
    return text_cut_columns(ui->utf8, ui->g->ellipsis, s, maxw);
}

int put_text_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s)
{
    return put_styled_cut(ui, y, x, maxw, role, false, s);
}

int put_styled_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *s)
{
    if (maxw <= 1 || text_width(ui, s) <= maxw)
        return put_styled(ui, y, x, maxw, role, bold, s);
    char *cut = text_cut(ui, s, maxw);
    int used = put_styled(ui, y, x, maxw, role, bold, cut);
    free(cut);
    fill_row(ui, y, x + used, maxw - used, role);
    return maxw;
}

static int put_vstyled(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, bool cut,
                       const char *fmt, va_list ap)
{
    char *s = xvasprintf(fmt, ap);
    int n = cut ? put_styled_cut(ui, y, x, maxw, role, bold, s) : put_styled(ui, y, x, maxw, role, bold, s);
    free(s);
    return n;
}

int put_textf(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = put_vstyled(ui, y, x, maxw, role, false, false, fmt, ap);
    va_end(ap);
    return n;
}

int put_styledf(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = put_vstyled(ui, y, x, maxw, role, bold, false, fmt, ap);
    va_end(ap);
    return n;
}

int put_textf_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = put_vstyled(ui, y, x, maxw, role, false, true, fmt, ap);
    va_end(ap);
    return n;
}

int put_styledf_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = put_vstyled(ui, y, x, maxw, role, bold, true, fmt, ap);
    va_end(ap);
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

/* Draws n copies of a one-column glyph: one line of cells (bars fill much
 * of every frame). */
void put_glyphs(Ui *ui, int y, int x, int n, ThemeRole role, const char *glyph)
{
    size_t len = strlen(glyph);
    uint32_t cp;
    const char *o;
    size_t on;
    if (n > 0 && y >= 0 && y < ui->height && x >= 0 && x < ui->width && utf8_decode(glyph, &cp) == len &&
        text_char_out(ui->utf8, cp, glyph, len, &o, &on) == 1 && o == glyph) {
        wchar_t one[2] = { (wchar_t)cp, L'\0' };
        cchar_t cell;
        setcchar(&cell, one, A_NORMAL, 0, NULL);
        attrset(ui->attr[role]);
        mvhline_set(y, x, &cell, x + n > ui->width ? ui->width - x : n);
        return;
    }
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
    put_glyphs(ui, y, x, col, fill, ui->g->bar[8]);
    if (part > 0 && col < w && ui->g->bar[part][0] != ' ')
        put_text(ui, y, x + col++, 1, fill, ui->g->bar[part]);
    put_glyphs(ui, y, x + col, w - col, empty, empty_glyph);
}

size_t text_wrap(const Ui *ui, const char *s, int width, size_t **starts, size_t **lens)
{
    return text_wrap_lines(ui->utf8, s, width, starts, lens);
}
