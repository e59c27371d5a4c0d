/* filter.c: the filter (F4) and the search (F3), typed on the status line.
 * The text itself is the list's (Ui's filter and search, which the list
 * and the marks read); the search keeps where it started, for Esc. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "ui/view.h"

/* The filter's text is the list's own; Esc clears it. */
typedef struct FilterView {
    View base;
} FilterView;

typedef struct SearchView {
    View base;
    size_t from; /* the selection when the search started: Esc goes back */
} SearchView;

/* ---- filter ------------------------------------------------------------------------------------ */

void dialog_open_filter(Ui *ui)
{
    view_push(ui, VIEW_FILTER);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS;
}

/* The status row as an input line: "LABEL: text" with the text's tail
 * when it is long (30 columns kept for what follows), the cursor after
 * it. Returns the columns used from column 1. */
static int draw_input_line(Ui *ui, const char *label, const char *text)
{
    Rect r = ui->lay.status;
    fill_row(ui, r.y, 0, r.w, ROLE_INPUT);
    int used = put_text(ui, r.y, 1, r.w - 2, ROLE_INPUT, label);
    const char *shown = text;
    int room = r.w - 2 - used - 30;
    while (room > 0 && text_width(ui, shown) > room) {
        uint32_t cp;
        shown += utf8_decode(shown, &cp);
    }
    used += put_text(ui, r.y, 1 + used, r.w - 2 - used, ROLE_INPUT, shown);
    ui->cursor_y = r.y;
    ui->cursor_x = 1 + used < r.w ? 1 + used : r.w - 1;
    return used;
}

static void filter_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    (void)v;
    Rect r = ui->lay.status;
    int used = draw_input_line(ui, "Filter: ", ui->filter);
    char footer[80];
    put_textf(ui, r.y, 2 + used, r.w - 3 - used, ROLE_INPUT, "  (%s)",
              keymap_footer(SCOPE_FILTER, footer, sizeof footer));
}

static bool filter_key(Ui *ui, View *v, int key)
{
    (void)v;
    Action a = keymap_action(SCOPE_FILTER, key);
    if (a == DLG_ACCEPT) {
        view_pop(ui);
        if (ui->filter[0])
            ui_message(ui, MSG_INFO, "%zu of %zu criteria match; Esc clears the filter", ui->nview,
                       ui->ds->ncriteria);
        return true;
    }
    if (a == DLG_CANCEL) {
        ui->filter[0] = '\0';
        view_pop(ui);
        ui_rebuild_view(ui);
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!ui->filter[0]) {
            view_pop(ui);
            return true;
        }
        text_backspace(ui->filter);
    } else if (a == DLG_CLEAR_INPUT) {
        ui->filter[0] = '\0';
    } else if (!text_insert(ui->filter, sizeof ui->filter, key)) {
        return true; /* arrows and such do nothing while typing */
    }
    ui_rebuild_view(ui);
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- search ------------------------------------------------------------------------------------ */

void dialog_open_search(Ui *ui)
{
    ui->search[0] = '\0';
    ((SearchView *)ui_view(ui, VIEW_SEARCH))->from = ui->sel;
    view_push(ui, VIEW_SEARCH);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
}

static void search_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    (void)v;
    Rect r = ui->lay.status;
    int used = draw_input_line(ui, "Search: ", ui->search);
    size_t which, n = ui_search_count(ui, &which);
    char footer[96], info[160];
    if (!ui->search[0])
        snprintf(info, sizeof info, "  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else if (n == 0)
        snprintf(info, sizeof info, "  no match  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else
        snprintf(info, sizeof info, "  %zu of %zu  (%s)", which, n,
                 keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    put_text_cut(ui, r.y, 2 + used, r.w - 3 - used, n == 0 && ui->search[0] ? ROLE_ERROR : ROLE_INPUT,
                 info);
}

static bool search_key(Ui *ui, View *v, int key)
{
    size_t from = ((SearchView *)v)->from;
    Action a = keymap_action(SCOPE_SEARCH, key);
    if (a == DLG_ACCEPT) {
        view_pop(ui);
        size_t which, n = ui_search_count(ui, &which);
        if (ui->search[0] && n)
            ui_message(ui, MSG_INFO,
                       "match %zu of %zu for \"%s\"; n next, N previous, Esc clears the marks",
                       which, n, ui->search);
        else if (ui->search[0])
            ui_message(ui, MSG_WARNING, "no criterion in the list matches \"%s\"", ui->search);
        return true;
    }
    if (a == DLG_CANCEL) {
        ui->search[0] = '\0';
        view_pop(ui);
        if (from < ui->nview && from != ui->sel) {
            ui->sel = from;
            ui->detail_stale = true;
            ui->detail_scroll = 0;
            ui_ensure_visible(ui);
        }
        ui->dirty |= DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
        return true;
    }
    if (a == DLG_NEXT || a == DLG_PREV) {
        ui_search_step(ui, a == DLG_NEXT ? 1 : -1, false);
        ui->dirty |= DIRTY_OVERLAY;
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!ui->search[0]) {
            view_pop(ui);
            return true;
        }
        text_backspace(ui->search);
    } else if (a == DLG_CLEAR_INPUT) {
        ui->search[0] = '\0';
    } else if (!text_insert(ui->search, sizeof ui->search, key)) {
        return true;
    }
    /* As it is typed: the first match from where the search started. */
    size_t here = ui->sel;
    ui->sel = from < ui->nview ? from : 0;
    if (!ui_search_step(ui, 1, true))
        ui->sel = here;
    ui->detail_stale = true;
    ui_ensure_visible(ui);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_LIST | DIRTY_DETAIL;
    return true;
}


const ViewOps filter_view_ops = {
    .name = "filter",
    .overlay = true,
    .uncover = DIRTY_STATUS,
    .draw = filter_draw,
    .key = filter_key,
    .size = sizeof(FilterView),
};

const ViewOps search_view_ops = {
    .name = "search",
    .overlay = true,
    .uncover = DIRTY_STATUS,
    .draw = search_draw,
    .key = search_key,
    .size = sizeof(SearchView),
};
