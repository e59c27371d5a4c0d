/* keys.c: what each action of the main screen does to the session and the
 * view, and the mouse (the keys themselves are in keymap.c). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui/dashboard.h"
#include "ui/live.h"
#include "ui/ui_internal.h"

static int list_rows(const Ui *ui) { return ui->lay.list.h > 0 ? ui->lay.list.h : 1; }

static void move_selection(Ui *ui, long delta)
{
    Dashboard *db = dashboard_of(ui);
    if (db->nview == 0)
        return;
    long to = (long)db->sel + delta;
    if (to < 0)
        to = 0;
    if (to >= (long)db->nview)
        to = (long)db->nview - 1;
    if ((size_t)to == db->sel)
        return;
    db->sel = (size_t)to;
    db->detail_scroll = 0;
    db->detail_stale = true;
    dashboard_ensure_visible(ui);
    ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS;
}

static void scroll_detail(Ui *ui, int delta)
{
    Dashboard *db = dashboard_of(ui);
    int body = ui->lay.detail.h - 1;
    int max = (int)db->ndetail - body;
    if (max < 0)
        max = 0;
    int to = db->detail_scroll + delta;
    if (to > max)
        to = max;
    if (to < 0)
        to = 0;
    if (to != db->detail_scroll) {
        db->detail_scroll = to;
        ui->dirty |= DIRTY_DETAIL;
    }
}

static bool detail_has_focus(const Ui *ui)
{
    const Dashboard *db = dashboard_of(ui);
    return db->focus == FOCUS_DETAIL && ui->lay.detail.h > 1;
}

/* Sets the selected weight to a whole number (to >= 0), or moves it by
 * delta whole points (a team's fractional weight keeps its fraction). */
static void change_weight(Ui *ui, int to, int delta)
{
    int c = dashboard_criterion(ui);
    if (c < 0) {
        ui_message(ui, MSG_WARNING, "no criterion selected (the filter matches none)");
        return;
    }
    bool changed = to >= 0 ? session_set_weight(ui->s, (size_t)c, to)
                           : session_step_weight(ui->s, (size_t)c, delta);
    if (changed)
        ui_weight_changed(ui, c);
}

static void next_preset(Ui *ui)
{
    const Dataset *ds = ui->ds;
    if (ds->npresets == 0) {
        ui_message(ui, MSG_WARNING, "the data has no presets");
        return;
    }
    int cur = session_matching_preset(ui->s);
    bool custom = cur < 0 && !session_is_default(ui->s);
    size_t next = cur < 0 ? 0 : ((size_t)cur + 1) % ds->npresets;
    session_apply_preset(ui->s, next);
    ui_weights_changed(ui);
    ui_message(ui, MSG_INFO, "preset %s: %s%s", ds->presets[next].id, ds->presets[next].description,
               custom ? " (z brings the custom weights back)" : "");
}

/* z and Z: one step back or forward through the changes of weights. */
static void undo_redo(Ui *ui, bool redo)
{
    bool done = redo ? session_redo(ui->s) : session_undo(ui->s);
    if (!done) {
        ui_message(ui, MSG_INFO, redo ? "nothing to redo" : "nothing to undo");
        return;
    }
    ui_weights_changed(ui);
    char *what = session_weights_text(ui->s, WEIGHTS_DETAIL_MAX);
    ui_message(ui, MSG_INFO, "%s: %s %s %zu more to undo, %zu to redo", redo ? "redone" : "undone", what,
               ui->g->dot, session_undo_depth(ui->s), session_redo_depth(ui->s));
    free(what);
}

static void toggle_focus(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    if (ui->lay.compact) {
        if (db->nshown > 1) {
            db->compact_pane = (db->compact_pane + 1) % db->nshown;
            db->detail_stale = true;
            ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_HEADER;
            ui_message(ui, MSG_INFO, "showing %s",
                       ui->ds->stacks[db->shown[db->compact_pane]].name);
        }
        return;
    }
    db->focus = db->focus == FOCUS_LIST ? FOCUS_DETAIL : FOCUS_LIST;
    ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS | DIRTY_LAYOUT;
    ui_message(ui, MSG_INFO, db->focus == FOCUS_DETAIL
                                 ? "focus: details (Up/Down scroll, Tab back to the list)"
                                 : "focus: criteria list");
}

static void stacks_action(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    if (ui->lay.compact && db->nshown > 1 && ui->ds->nstacks <= 2) {
        toggle_focus(ui);
        return;
    }
    if (ui->ds->nstacks <= 2 && !ui->lay.compact) {
        ui_message(ui, MSG_INFO, "both stacks of the data are already side by side");
        return;
    }
    dialog_open_stacks(ui);
}

void ui_do_action(Ui *ui, Action a, int key)
{
    Dashboard *db = dashboard_of(ui);
    switch (a) {
    case ACT_NONE:
        break;
    case ACT_HELP:
        dialog_open_help(ui);
        break;
    case ACT_DOWN:
        if (detail_has_focus(ui))
            scroll_detail(ui, 1);
        else
            move_selection(ui, 1);
        break;
    case ACT_UP:
        if (detail_has_focus(ui))
            scroll_detail(ui, -1);
        else
            move_selection(ui, -1);
        break;
    case ACT_PAGE_DOWN:
        if (detail_has_focus(ui))
            scroll_detail(ui, ui->lay.detail.h - 2);
        else
            move_selection(ui, list_rows(ui));
        break;
    case ACT_PAGE_UP:
        if (detail_has_focus(ui))
            scroll_detail(ui, -(ui->lay.detail.h - 2));
        else
            move_selection(ui, -list_rows(ui));
        break;
    case ACT_FIRST:
        if (detail_has_focus(ui))
            scroll_detail(ui, -(int)db->ndetail);
        else
            move_selection(ui, -(long)db->nview);
        break;
    case ACT_LAST:
        if (detail_has_focus(ui))
            scroll_detail(ui, (int)db->ndetail);
        else
            move_selection(ui, (long)db->nview);
        break;
    case ACT_WEIGHT_DEC:
        change_weight(ui, -1, -1);
        break;
    case ACT_WEIGHT_INC:
        change_weight(ui, -1, 1);
        break;
    case ACT_WEIGHT_DEC5:
        change_weight(ui, -1, -5);
        break;
    case ACT_WEIGHT_INC5:
        change_weight(ui, -1, 5);
        break;
    case ACT_WEIGHT_SET:
        change_weight(ui, key == ')' ? 10 : key - '0', 0);
        break;
    case ACT_PRESET_NEXT:
        next_preset(ui);
        break;
    case ACT_PRESET_PICK:
        dialog_open_presets(ui);
        break;
    case ACT_COMPARE:
        dialog_open_compare(ui);
        break;
    case ACT_UNDO:
        undo_redo(ui, false);
        break;
    case ACT_REDO:
        undo_redo(ui, true);
        break;
    case ACT_RESET:
        if (session_is_default(ui->s))
            ui_message(ui, MSG_INFO, "the weights are already the data's defaults");
        else if (session_matching_preset(ui->s) < 0)
            dialog_confirm(ui, CONFIRM_RESET);
        else
            ui_do_reset(ui);
        break;
    case ACT_FOCUS:
        toggle_focus(ui);
        break;
    case ACT_EXPAND:
        db->detail_expanded = !db->detail_expanded;
        if (ui->lay.compact)
            db->focus = db->detail_expanded ? FOCUS_DETAIL : FOCUS_LIST;
        db->detail_scroll = 0;
        ui->dirty |= DIRTY_LAYOUT;
        ui_message(ui, MSG_INFO, db->detail_expanded ? "details expanded: Enter collapses them"
                                                     : "details collapsed");
        break;
    case ACT_FILTER:
        dialog_open_filter(ui);
        break;
    case ACT_SEARCH:
        dialog_open_search(ui);
        break;
    case ACT_SEARCH_NEXT:
    case ACT_SEARCH_PREV:
        if (!db->search[0]) {
            ui_message(ui, MSG_INFO, "nothing searched yet: F3 or / searches");
        } else if (!dashboard_search_step(ui, a == ACT_SEARCH_NEXT ? 1 : -1, false)) {
            ui_message(ui, MSG_WARNING, "no criterion in the list matches \"%s\"", db->search);
        } else {
            size_t which, n = dashboard_search_count(ui, &which);
            ui_message(ui, MSG_INFO, "match %zu of %zu for \"%s\"", which, n, db->search);
        }
        break;
    case ACT_SORT:
        db->sort = (BrowseSort)((db->sort + 1) % BROWSE_SORT_COUNT);
        dashboard_rebuild_list(ui);
        ui_message(ui, MSG_INFO, "criteria sorted by %s (F6: by %s)", browse_sort_name(db->sort),
                   browse_sort_name((BrowseSort)((db->sort + 1) % BROWSE_SORT_COUNT)));
        break;
    case ACT_CLEAR:
        if (db->search[0] && !db->filter[0]) {
            db->search[0] = '\0';
            ui->dirty |= DIRTY_LIST | DIRTY_DETAIL;
            ui_message(ui, MSG_INFO, "search marks cleared");
        } else if (db->filter[0]) {
            db->filter[0] = '\0';
            dashboard_rebuild_list(ui);
            ui_message(ui, MSG_INFO, "filter cleared");
        } else if (db->focus == FOCUS_DETAIL || db->detail_expanded) {
            db->focus = FOCUS_LIST;
            db->detail_expanded = false;
            ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS | DIRTY_LAYOUT;
        }
        break;
    case ACT_STACKS:
        stacks_action(ui);
        break;
    case ACT_EXPORT:
        dialog_open_export(ui);
        break;
    case ACT_REFRESH: {
        char *why = NULL;
        (void)live_refresh(ui->live, &why); /* queued or, with why set, not started */
        if (why) {
            ui_message(ui, MSG_WARNING, "%s", why);
        } else {
            ui->watch_refresh = true;
            ui->refresh_yields = false; /* asked for: its end is always said */
            ui->msg_refresh = true; /* replaced by the progress, then the result */
            ui_follow_refresh(ui);
        }
        free(why);
        /* A refresh that fails at once has already changed figures. */
        ui_stats_changed(ui);
        break;
    }
    case ACT_SOURCES:
        dialog_open_sources(ui);
        break;
    case ACT_LOG_SCALE:
        db->log_scale = !db->log_scale;
        db->detail_stale = true;
        ui_message(ui, MSG_INFO, "download bars: %s scale",
                   db->log_scale ? "log" : "linear");
        ui->dirty |= DIRTY_DETAIL;
        break;
    case ACT_TRENDS:
        /* Again: back. From the other view: instead of it. */
        if (view_is_open(ui, VIEW_TRENDS)) {
            view_close(ui, VIEW_TRENDS);
        } else {
            view_close(ui, VIEW_EVIDENCE);
            trends_open(ui);
        }
        break;
    case ACT_EVIDENCE:
        if (view_is_open(ui, VIEW_EVIDENCE)) {
            view_close(ui, VIEW_EVIDENCE);
        } else {
            /* When something failed, the table opens on just that (from
             * the dashboard, whose header shows the count). */
            bool from_dashboard = view_screen(ui) == VIEW_DASHBOARD;
            view_close(ui, VIEW_TRENDS);
            evidence_open(ui, evidence_problem_count(ui) > 0 && from_dashboard &&
                                  db->header_failed_x[0] >= 0);
        }
        break;
    case ACT_THEME:
        ui_next_theme(ui);
        break;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        ui->dirty |= DIRTY_ALL;
        break;
    case ACT_QUIT:
        ui->quit = true;
        break;
    /* The dialogs' actions: their dialogs handle them. */
    case DLG_DOWN: case DLG_UP: case DLG_PAGE_DOWN: case DLG_PAGE_UP: case DLG_FIRST:
    case DLG_LAST: case DLG_TOGGLE: case DLG_NEXT: case DLG_PREV: case DLG_ACCEPT:
    case DLG_CANCEL: case DLG_YES: case DLG_BACKSPACE: case DLG_CLEAR_INPUT: case DLG_CUT_WORD:
    case DLG_LEFT: case DLG_RIGHT: case DLG_HOME: case DLG_END: case DLG_DELETE: case DLG_COMPLETE:
    /* the views' own actions: trends_key and evidence_key handle them */
    case TRD_CLOSE: case TRD_DAY_BACK: case TRD_DAY_ON: case TRD_WEEK_BACK: case TRD_WEEK_ON:
    case TRD_FIRST_DAY: case TRD_LAST_DAY: case TRD_RANGE_NEXT: case TRD_RANGE_PREV: case TRD_LOG:
    case TRD_AVG: case TRD_SHARE: case TRD_MODE: case TRD_CRIT_NEXT: case TRD_CRIT_PREV: case TRD_DOTS:
    case EVD_CLOSE: case EVD_DOWN: case EVD_UP: case EVD_PAGE_DOWN: case EVD_PAGE_UP: case EVD_FIRST:
    case EVD_LAST: case EVD_SORT_NEXT: case EVD_SORT_PREV: case EVD_INVERT: case EVD_FILTER:
    case EVD_PROBLEMS: case EVD_CLEAR:
    case ACT_COUNT:
        break;
    }
}

void view_press(Ui *ui, KeyScope scope, Action action)
{
    const KeyDef *d = keymap_find(scope, action);
    if (!d)
        d = keymap_find(SCOPE_MAIN, action);
    if (d && d->codes[0])
        ui_handle_key(ui, d->codes[0]);
}

/* A new key or click replaces the last message with the selection's hint:
 * what it said ("3 more to undo") may no longer be true. */
static void drop_message(Ui *ui)
{
    if (!ui->msg)
        return;
    free(ui->msg);
    ui->msg = NULL;
    ui->msg_refresh = false;
    ui->dirty |= DIRTY_STATUS;
}

void ui_handle_key(Ui *ui, int key)
{
    if (key == FK(KEY_RESIZE)) {
        ui->dirty |= DIRTY_LAYOUT;
        views_resize(ui);
        return;
    }
    if (key == FK(KEY_MOUSE)) {
        ui_handle_mouse(ui);
        return;
    }
    if (key == FK(KEY_SGR_MOUSE)) {
        ui_read_sgr_mouse(ui);
        return;
    }
    if (ui->lay.too_small) {
        /* Only quitting makes sense on a screen that shows nothing. */
        Action a = keymap_action(SCOPE_MAIN, key);
        if (a == ACT_QUIT || a == ACT_REDRAW)
            ui_do_action(ui, a, key);
        return;
    }
    /* The top view first: a dialog takes every key, the dashboard its
     * own; a full-screen view leaves the keys every screen shares. */
    if (views_key(ui, key))
        return;
    {
        /* What still works in a view: help, refresh, export, the views,
         * the theme, redraw and quit. */
        Action ga = keymap_action(SCOPE_MAIN, key);
        switch (ga) {
        case ACT_HELP: case ACT_REFRESH: case ACT_EXPORT: case ACT_TRENDS: case ACT_EVIDENCE:
        case ACT_THEME: case ACT_REDRAW: case ACT_QUIT:
            ui_do_action(ui, ga, key);
            ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
            break;
        default:
            ui_message(ui, MSG_INFO, "that key does nothing here: press ? for the keys");
            ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
            break;
        }
    }
}

/* The dashboard's keys: the main screen's table. */
bool dashboard_key(Ui *ui, View *v, int key)
{
    (void)v;
    Action a = keymap_action(SCOPE_MAIN, key);
    if (a == ACT_NONE) {
        if (key != KEY_ESC)
            ui_message(ui, MSG_INFO, "that key does nothing here: press ? for the keys");
        return true;
    }
    drop_message(ui);
    ui_do_action(ui, a, key);
    return true;
}

/* ---- mouse --------------------------------------------------------------- */

static void select_row(Ui *ui, int row)
{
    Dashboard *db = dashboard_of(ui);
    size_t vi = db->top + (size_t)row;
    if (row < 0 || vi >= db->nview)
        return;
    move_selection(ui, (long)vi - (long)db->sel);
    if (db->focus != FOCUS_LIST) {
        db->focus = FOCUS_LIST;
        ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_LAYOUT;
    }
}

static void keybar_click(Ui *ui, int x)
{
    Dashboard *db = dashboard_of(ui);
    const KeyDef *items[KEYBAR_MAX];
    size_t n = keymap_bar_items(SCOPE_MAIN, items, KEYBAR_MAX);
    for (size_t i = 0; i < n; i++) {
        if (db->keybar_x[i][0] >= 0 && x >= db->keybar_x[i][0] && x < db->keybar_x[i][1]) {
            if (!items[i]->bar_arrows)
                ui_do_action(ui, items[i]->action, 0);
            return;
        }
    }
}

static void handle_mouse_event(Ui *ui, MEVENT ev);

void ui_handle_mouse(Ui *ui)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    handle_mouse_event(ui, ev);
}

void ui_read_sgr_mouse(Ui *ui)
{
    /* The rest of the report is already buffered: the terminal sends it
     * in one write. A malformed one is dropped whole. */
    int field[3] = { 0, 0, 0 }, nf = 0;
    int final = 0;
    for (int i = 0; i < 24 && !final; i++) {
        int ch = wgetch(stdscr);
        if (ch == ERR)
            return;
        if (ch >= '0' && ch <= '9' && nf < 3) {
            if (field[nf] < 100000)
                field[nf] = field[nf] * 10 + (ch - '0');
        } else if (ch == ';' && nf < 2) {
            nf++;
        } else if ((ch == 'M' || ch == 'm') && nf == 2) {
            final = ch;
        } else {
            return;
        }
    }
    if (!final || field[1] < 1 || field[2] < 1)
        return;
    int b = field[0];
    MEVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.x = field[1] - 1;
    ev.y = field[2] - 1;
    if (b & 64)
        ev.bstate = (b & 1) ? BUTTON5_PRESSED : BUTTON4_PRESSED;
    else if (b & 32)
        ev.bstate = REPORT_MOUSE_POSITION;
    else if ((b & 3) == 0)
        ev.bstate = final == 'M' ? BUTTON1_PRESSED : BUTTON1_RELEASED;
    else
        return; /* middle and right buttons do nothing here */
    handle_mouse_event(ui, ev);
}

static void handle_mouse_event(Ui *ui, MEVENT ev)
{
    if (ui->lay.too_small)
        return;
    /* The top view's (dialogs are keyboard-driven; the wheel still
     * scrolls the help and the sources). */
    views_mouse(ui, ev.x, ev.y, (unsigned long)ev.bstate);
}

/* The dashboard's mouse: select, set weights, scroll, press the key bar. */
void dashboard_mouse(Ui *ui, View *v, int x, int y, unsigned long bstate)
{
    Dashboard *db = dashboard_of(ui);
    (void)v;
    MEVENT ev = { .x = x, .y = y, .bstate = (mmask_t)bstate };
    int row, pane;
    LayoutArea area = layout_hit(&ui->lay, ev.x, ev.y, &row, &pane);
    if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED))
        drop_message(ui);
    if (db->dragging) {
        if (ev.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)) {
            db->dragging = false;
            session_end_merge(ui->s);
            return;
        }
        if (ev.bstate & (REPORT_MOUSE_POSITION | BUTTON1_PRESSED)) {
            int w = layout_slider_weight(&ui->lay, ev.x);
            if (session_set_weight(ui->s, (size_t)db->drag_criterion, w))
                ui_weight_changed(ui, db->drag_criterion);
            return;
        }
    }
    if (ev.bstate & BUTTON4_PRESSED) {
        if (area == AREA_DETAIL)
            scroll_detail(ui, -3);
        else
            move_selection(ui, -1);
        return;
    }
    if (ev.bstate & BUTTON5_PRESSED) {
        if (area == AREA_DETAIL)
            scroll_detail(ui, 3);
        else
            move_selection(ui, 1);
        return;
    }
    if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    switch (area) {
    case AREA_LIST:
    case AREA_PANE:
        select_row(ui, row);
        break;
    case AREA_SLIDER: {
        select_row(ui, row);
        int c = dashboard_criterion(ui);
        if (c < 0 || db->top + (size_t)row != db->sel)
            break;
        /* A press and the drag that follows are one undo step. */
        if (ev.bstate & BUTTON1_PRESSED)
            session_begin_merge(ui->s);
        if (session_set_weight(ui->s, (size_t)c, layout_slider_weight(&ui->lay, ev.x)))
            ui_weight_changed(ui, c);
        if (ev.bstate & BUTTON1_PRESSED) {
            db->dragging = true;
            db->drag_criterion = c;
        }
        break;
    }
    case AREA_DETAIL:
        if (!ui->lay.compact && db->focus != FOCUS_DETAIL)
            toggle_focus(ui);
        break;
    case AREA_KEYBAR:
        keybar_click(ui, ev.x);
        break;
    case AREA_HEADER:
        /* "N failed" in the header: the evidence table, on just those */
        if (db->header_failed_x[0] >= 0 && ev.x >= db->header_failed_x[0] &&
            ev.x < db->header_failed_x[1])
            evidence_open(ui, true);
        break;
    default:
        break;
    }
}
