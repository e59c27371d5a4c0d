/* dialog_box.c: what the dialogs share: a centred box with a title, a
 * scrolled box of lines, and typing into a small text buffer. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_internal.h"
#include "ui/view.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- shared pieces ----------------------------------------------------------- */

Box centred_box(const Ui *ui, int h, int w)
{
    if (w > ui->width - 2)
        w = ui->width - 2;
    if (h > ui->height - 2)
        h = ui->height - 2;
    if (w < 4)
        w = 4;
    if (h < 3)
        h = 3;
    return (Box){ (ui->height - h) / 2, (ui->width - w) / 2, h, w };
}

void draw_box(Ui *ui, Box b, const char *title)
{
    const char *tl = ui->utf8 ? "\u250c" : "+", *tr = ui->utf8 ? "\u2510" : "+";
    const char *bl = ui->utf8 ? "\u2514" : "+", *br = ui->utf8 ? "\u2518" : "+";
    for (int i = 0; i < b.h; i++)
        fill_row(ui, b.y + i, b.x, b.w, ROLE_DIALOG);
    for (int x = 1; x < b.w - 1; x++) {
        put_text(ui, b.y, b.x + x, 1, ROLE_DIALOG, ui->g->hline);
        put_text(ui, b.y + b.h - 1, b.x + x, 1, ROLE_DIALOG, ui->g->hline);
    }
    for (int y = 1; y < b.h - 1; y++) {
        put_text(ui, b.y + y, b.x, 1, ROLE_DIALOG, ui->g->vline);
        put_text(ui, b.y + y, b.x + b.w - 1, 1, ROLE_DIALOG, ui->g->vline);
    }
    put_text(ui, b.y, b.x, 1, ROLE_DIALOG, tl);
    put_text(ui, b.y, b.x + b.w - 1, 1, ROLE_DIALOG, tr);
    put_text(ui, b.y + b.h - 1, b.x, 1, ROLE_DIALOG, bl);
    put_text(ui, b.y + b.h - 1, b.x + b.w - 1, 1, ROLE_DIALOG, br);
    put_styledf_cut(ui, b.y, b.x + 2, b.w - 4, ROLE_DIALOG_TITLE, true, " %s ", title);
}

/* Appends a typed character to a UTF-8 buffer; false when it is not text. */
bool text_insert(char *buf, size_t cap, int key)
{
    if (key & KEY_FN || key < 0x20 || key == 0x7f)
        return false;
    char enc[4];
    size_t n = utf8_encode((uint32_t)key, enc);
    size_t len = strlen(buf);
    if (len + n + 1 > cap)
        return true; /* full: swallow the key */
    memcpy(buf + len, enc, n);
    buf[len + n] = '\0';
    return true;
}

/* Removes the last character (not byte) of a UTF-8 buffer. */
void text_backspace(char *buf)
{
    size_t len = strlen(buf);
    while (len > 0) {
        len--;
        if (((unsigned char)buf[len] & 0xc0) != 0x80)
            break;
    }
    buf[len] = '\0';
}

size_t add_wrapped_line(const Ui *ui, char ***lines, size_t n, const char *text, int width)
{
    /* Continuations start under the text of "  %-16s %s" (column 19), or
     * under the two-space indent of a plain line. */
    int indent = 0;
    if (text[0] == ' ' && text[1] == ' ')
        indent = strlen(text) > 19 && text[18] == ' ' && text[19] != ' ' ? 19 : 2;
    if (width < indent + 10 || text_width(ui, text) <= width) {
        *lines = xreallocarray(*lines, n + 1, sizeof **lines);
        (*lines)[n++] = xstrdup(text);
        return n;
    }
    size_t head_len = (size_t)indent;
    size_t *starts, *lens;
    size_t k = text_wrap(ui, text + head_len, width - indent, &starts, &lens);
    for (size_t i = 0; i < k; i++) {
        *lines = xreallocarray(*lines, n + 1, sizeof **lines);
        (*lines)[n++] = xasprintf("%-*.*s%.*s", indent, i == 0 ? indent : 0, text, (int)lens[i],
                                  text + head_len + starts[i]);
    }
    free(starts);
    free(lens);
    return n;
}

/* A scrolled box of lines (headings are those not indented), freed here;
 * *scroll is its position (clamped here). */
void draw_scrolled(Ui *ui, const char *title, char **lines, size_t n, int *scroll)
{
    Box b = centred_box(ui, (int)n + 3, 84);
    int body = b.h - 3;
    int max = (int)n - body;
    if (*scroll > max)
        *scroll = max > 0 ? max : 0;
    draw_box(ui, b, title);
    for (int i = 0; i < body; i++) {
        size_t li = (size_t)(*scroll + i);
        if (li >= n)
            break;
        bool heading = lines[li][0] != ' ' && lines[li][0] != '\0';
        put_styled(ui, b.y + 1 + i, b.x + 2, b.w - 4, heading ? ROLE_DIALOG_TITLE : ROLE_DIALOG, heading,
                   lines[li]);
    }
    /* The footer's second entry (scrolling) only when there is something to scroll. */
    char footer[160], close_keys[32], scroll_keys[32];
    const KeyDef *items[4];
    size_t nitems = keymap_bar_items(SCOPE_HELP, items, 4);
    snprintf(footer, sizeof footer, "%s %s",
             nitems > 0 ? keymap_bar_keys(items[0], close_keys, sizeof close_keys) : "",
             nitems > 0 ? items[0]->bar : "");
    if (max > 0 && nitems > 1) {
        size_t len = strlen(footer);
        snprintf(footer + len, sizeof footer - len, ", %s %s",
                 keymap_bar_keys(items[1], scroll_keys, sizeof scroll_keys), items[1]->bar);
    }
    put_textf_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG, "%s%s%s%s",
              *scroll > 0 ? ui->g->up : "", max > *scroll ? ui->g->down : "",
              *scroll > 0 || max > *scroll ? " " : "", footer);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

