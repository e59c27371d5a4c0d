/* filter.c: the filter (F4) and the search (F3), typed on the status line.
 * Each view edits its own copy of the text and hands it to the dashboard
 * at every change (dashboard_set_filter, dashboard_set_search), whose list
 * and marks follow it as it is typed; the search keeps where it started,
 * for Esc. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "ui/view.h"

typedef struct FilterView {
    View base;
    char text[TEXT_INPUT_MAX]; /* as typed: the dashboard's filter, edited; Esc clears it */
} FilterView;

typedef struct SearchView {
    View base;
    char text[TEXT_INPUT_MAX]; /* as typed, the dashboard's search at every change */
    size_t from; /* the selection when the search started: Esc goes back */
} SearchView;

/* ---- filter ------------------------------------------------------------------------------------ */

void dialog_open_filter(Ui *ui)
{
    FilterView *fv = (FilterView *)ui_view(ui, VIEW_FILTER);
    snprintf(fv->text, sizeof fv->text, "%s", dashboard_filter(ui));
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
    Rect r = ui->lay.status;
    int used = draw_input_line(ui, "Filter: ", ((FilterView *)v)->text);
    char footer[80];
    put_textf(ui, r.y, 2 + used, r.w - 3 - used, ROLE_INPUT, "  (%s)",
              keymap_footer(SCOPE_FILTER, footer, sizeof footer));
}

static bool filter_key(Ui *ui, View *v, int key)
{
    char *text = ((FilterView *)v)->text;
    Action a = keymap_action(SCOPE_FILTER, key);
    if (a == DLG_ACCEPT) {
        view_pop(ui);
        if (text[0])
            ui_message(ui, MSG_INFO, "%zu of %zu criteria match; Esc clears the filter",
                       dashboard_list_count(ui), ui->ds->ncriteria);
        return true;
    }
    if (a == DLG_CANCEL) {
        text[0] = '\0';
        view_pop(ui);
        dashboard_set_filter(ui, text);
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!text[0]) {
            view_pop(ui);
            return true;
        }
        text_backspace(text);
    } else if (a == DLG_CLEAR_INPUT) {
        text[0] = '\0';
    } else if (!text_insert(text, sizeof ((FilterView *)v)->text, key)) {
        return true; /* arrows and such do nothing while typing */
    }
    dashboard_set_filter(ui, text);
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- search ------------------------------------------------------------------------------------ */

void dialog_open_search(Ui *ui)
{
    SearchView *sv = (SearchView *)ui_view(ui, VIEW_SEARCH);
    sv->text[0] = '\0';
    dashboard_set_search(ui, sv->text);
    sv->from = dashboard_selection(ui);
    view_push(ui, VIEW_SEARCH);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
}

static void search_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    const char *text = ((SearchView *)v)->text;
    Rect r = ui->lay.status;
    int used = draw_input_line(ui, "Search: ", text);
    size_t which, n = dashboard_search_count(ui, &which);
    char footer[96], info[160];
    if (!text[0])
        snprintf(info, sizeof info, "  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else if (n == 0)
        snprintf(info, sizeof info, "  no match  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else
        snprintf(info, sizeof info, "  %zu of %zu  (%s)", which, n,
                 keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    put_text_cut(ui, r.y, 2 + used, r.w - 3 - used, n == 0 && text[0] ? ROLE_ERROR : ROLE_INPUT, info);
}

static bool search_key(Ui *ui, View *v, int key)
{
    SearchView *sv = (SearchView *)v;
    Action a = keymap_action(SCOPE_SEARCH, key);
    if (a == DLG_ACCEPT) {
        view_pop(ui);
        size_t which, n = dashboard_search_count(ui, &which);
        if (sv->text[0] && n)
            ui_message(ui, MSG_INFO,
                       "match %zu of %zu for \"%s\"; n next, N previous, Esc clears the marks",
                       which, n, sv->text);
        else if (sv->text[0])
            ui_message(ui, MSG_WARNING, "no criterion in the list matches \"%s\"", sv->text);
        return true;
    }
    if (a == DLG_CANCEL) {
        sv->text[0] = '\0';
        dashboard_set_search(ui, sv->text);
        view_pop(ui);
        dashboard_select(ui, sv->from);
        return true;
    }
    if (a == DLG_NEXT || a == DLG_PREV) {
        dashboard_search_step(ui, a == DLG_NEXT ? 1 : -1, false);
        ui->dirty |= DIRTY_OVERLAY;
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!sv->text[0]) {
            view_pop(ui);
            return true;
        }
        text_backspace(sv->text);
    } else if (a == DLG_CLEAR_INPUT) {
        sv->text[0] = '\0';
    } else if (!text_insert(sv->text, sizeof sv->text, key)) {
        return true;
    }
    /* As it is typed: the first match from where the search started. */
    dashboard_set_search(ui, sv->text);
    dashboard_search_from(ui, sv->from);
    ui->dirty |= DIRTY_OVERLAY;
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
