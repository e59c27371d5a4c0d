/* export_dialog.c: the export dialog: a format and a path edited as in a
 * shell. A view that keeps both between openings, so a second export
 * starts from the first's choices. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_internal.h"
#include "ui/view.h"
#include "util/lineedit.h"
#include "util/xalloc.h"

typedef struct ExportView {
    View base;
    ExportFormat format;
    LineEdit edit; /* the path being edited */
    TabCycle tab;  /* Tab pressed again cycles through the matches */
} ExportView;

static ExportView *export_view(const Ui *ui) { return (ExportView *)ui_view(ui, VIEW_EXPORT); }

/* ---- export ------------------------------------------------------------------------------ */

static void default_export_path(Ui *ui)
{
    ExportView *ev = export_view(ui);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], path[64];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "versus-%s.%s", stamp, export_format_extension(ev->format));
    lineedit_set(&ev->edit, path);
}

/* Keeps the path's extension in step with the chosen format; the cursor
 * keeps its place unless it was in the extension. */
static void retarget_extension(Ui *ui)
{
    ExportView *ev = export_view(ui);
    LineEdit *le = &ev->edit;
    char *dot = strrchr(le->text, '.');
    char *slash = strrchr(le->text, '/');
    if (!dot || (slash && dot < slash))
        return;
    ExportFormat known;
    if (!export_format_from_name(dot + 1, &known))
        return; /* not one of ours: the user's own extension stays */
    size_t at = (size_t)(dot - le->text), cur = le->cur;
    char *path = xasprintf("%.*s.%s", (int)at, le->text, export_format_extension(ev->format));
    lineedit_set(le, path);
    free(path);
    if (cur <= at)
        le->cur = cur;
}

/* The path to write: "~" and "~/" stand for the home directory. */
static char *export_target(const Ui *ui)
{
    return lineedit_expand_home(export_view(ui)->edit.text, getenv("HOME"));
}

const char *export_dialog_path(const Ui *ui) { return export_view(ui)->edit.text; }

void dialog_open_export(Ui *ui)
{
    ExportView *ev = export_view(ui);
    const char *p = ev->edit.text;
    if (!p[0] || (strncmp(p, "versus-", 7) == 0 && !strchr(p, '/')))
        default_export_path(ui); /* a fresh time stamp for a default name */
    lineedit_end(&ev->edit); /* typing goes on at the end, as a shell's line */
    tabcycle_clear(&ev->tab);
    view_push(ui, VIEW_EXPORT);
    ui->dirty |= DIRTY_OVERLAY;
}

static void export_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    ExportView *ev = (ExportView *)v;
    Box b = centred_box(ui, 8, 72);
    draw_box(ui, b, "Export a snapshot");
    int y = b.y + 1;
    int x = b.x + 2;
    put_text(ui, y + 1, x, 8, ROLE_DIALOG, "Format:");
    int fx = x + 9;
    for (int i = 0; i < EXPORT_NFORMATS; i++) {
        bool on = (ExportFormat)i == ev->format;
        char label[24];
        snprintf(label, sizeof label, on ? "[%s]" : " %s ", export_format_info(i)->label);
        fx += put_styled(ui, y + 1, fx, b.x + b.w - 1 - fx, on ? ROLE_INPUT : ROLE_DIALOG, on, label);
        fx += put_text(ui, y + 1, fx, 1, ROLE_DIALOG, " ");
    }
    put_text(ui, y + 2, x, 8, ROLE_DIALOG, "Path:");
    int px = x + 9, pw = b.w - 2 - 9 - 2;
    fill_row(ui, y + 2, px, pw, ROLE_INPUT);
    /* Scroll a long path so that the cursor stays in view. */
    const LineEdit *le = &ev->edit;
    const char *shown = le->text;
    char *before = xstrndup(le->text, le->cur);
    int cur_col = text_width(ui, before);
    free(before);
    while (cur_col > pw - 1 && *shown) {
        uint32_t cp;
        size_t n = utf8_decode(shown, &cp);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)n, shown);
        cur_col -= text_width(ui, one);
        shown += n;
    }
    put_text(ui, y + 2, px, pw, ROLE_INPUT, shown);
    ui->cursor_y = y + 2;
    ui->cursor_x = px + cur_col;
    char cwd[512];
    char *target = export_target(ui);
    if (target[0] != '/' && getcwd(cwd, sizeof cwd))
        put_textf(ui, y + 3, px, pw, ROLE_DIALOG, "in %s", cwd);
    else if (strcmp(target, le->text) != 0)
        put_text_cut(ui, y + 3, px, pw, ROLE_DIALOG, target);
    free(target);
    char footer[160];
    put_text_cut(ui, b.y + b.h - 2, x, b.w - 4, ROLE_DIALOG,
                 keymap_footer(SCOPE_EXPORT, footer, sizeof footer));
}

void export_dialog_write(Ui *ui)
{
    ExportView *ev = export_view(ui);
    char *err = NULL;
    char *target = export_target(ui);
    if (export_write_nowait(ui->s, ev->format, target, time(NULL), &err) != 0) {
        /* the dialog stays open, to edit the path */
        ui_message(ui, MSG_ERROR, "export failed: %s", err ? err : "unknown error");
        free(err);
        free(target);
        ui->dirty |= DIRTY_OVERLAY;
        return;
    }
    if (view_top(ui) == VIEW_EXPORT)
        view_pop(ui);
    ui_message(ui, MSG_INFO, "exported %s to %s", export_format_info(ev->format)->label,
               target);
    free(target);
}

static bool export_key(Ui *ui, View *v, int key)
{
    ExportView *ev = (ExportView *)v;
    LineEdit *le = &ev->edit;
    Action a = keymap_action(SCOPE_EXPORT, key);
    switch (a) {
    case DLG_NEXT:
    case DLG_PREV: {
        int step = a == DLG_PREV ? EXPORT_NFORMATS - 1 : 1;
        ev->format = (ExportFormat)(((int)ev->format + step) % EXPORT_NFORMATS);
        retarget_extension(ui);
        break;
    }
    case DLG_ACCEPT: {
        if (!le->text[0]) {
            ui_message(ui, MSG_ERROR, "type a path to export to");
            break;
        }
        char *target = export_target(ui);
        bool exists = access(target, F_OK) == 0;
        free(target);
        if (exists)
            dialog_confirm(ui, CONFIRM_OVERWRITE);
        else
            export_dialog_write(ui);
        return true;
    }
    case DLG_CANCEL:
        view_pop(ui);
        ui_message(ui, MSG_INFO, "export cancelled");
        return true;
    case DLG_COMPLETE: {
        char *list = NULL;
        size_t which = 0;
        size_t n = lineedit_complete_cycle(le, &ev->tab, getenv("HOME"), &which, &list);
        if (n == 0)
            ui_message(ui, MSG_INFO, "no file or folder name starts so");
        else if (list)
            ui_message(ui, MSG_INFO, "%zu matches (Tab again puts each in): %s", n, list);
        else if (which)
            ui_message(ui, MSG_INFO, "match %zu of %zu: %s", which, n,
                       ev->tab.names[which - 1]);
        free(list);
        break;
    }
    case DLG_LEFT: lineedit_left(le); break;
    case DLG_RIGHT: lineedit_right(le); break;
    case DLG_HOME: lineedit_home(le); break;
    case DLG_END: lineedit_end(le); break;
    case DLG_BACKSPACE: lineedit_backspace(le); break;
    case DLG_DELETE: lineedit_delete(le); break;
    case DLG_CLEAR_INPUT: lineedit_kill_start(le); break;
    case DLG_CUT_WORD: lineedit_kill_word(le); break;
    default:
        if (!(key & KEY_FN))
            lineedit_insert(le, (uint32_t)key);
        break;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}


static void export_init(Ui *ui, View *v)
{
    (void)ui;
    ((ExportView *)v)->format = EXPORT_MARKDOWN;
}

static void export_free(View *v) { tabcycle_clear(&((ExportView *)v)->tab); }

const ViewOps export_view_ops = {
    .name = "export",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .init = export_init,
    .draw = export_draw,
    .key = export_key,
    .free = export_free,
    .size = sizeof(ExportView),
};
