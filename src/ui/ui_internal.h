/* ui_internal.h: what the files of src/ui/ share. One Ui value holds what
 * every view needs: the session and data, the terminal's look, the layout
 * and size, the stack of views, the dirty flags and the status line. Each
 * view's own state is in its own struct (view.h), the dashboard's too
 * (dashboard.h, for the dashboard's files only); the other views reach
 * the dashboard through the calls below. Input handlers change state and
 * set dirty flags, and the renderer repaints only the dirty areas. */
#ifndef VERSUS_UI_UI_INTERNAL_H
#define VERSUS_UI_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/chart.h"
#include "core/layout.h"
#include "core/scenario.h"
#include "core/session.h"
#include "core/text.h"
#include "core/trend.h"
#include "export/export.h"
#include "load/theme_load.h"
#include "ui/keymap.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "util/lineedit.h"

#define TEXT_INPUT_MAX 1024
#define TEXT_INPUT_MAX_EV 256

/* ---- input ------------------------------------------------------------ */

/* The start of an SGR (1006) mouse report, "ESC [ <", defined as a key
 * where ncurses does not decode those reports itself. */
#define KEY_SGR_MOUSE (KEY_MAX + 1)
/* At most this many entries in the key bar. */
#define KEYBAR_MAX 16


/* ---- look -------------------------------------------------------------- */

typedef struct Glyphs {
    const char *bar[9];     /* 0..8 eighths of a cell */
    const char *slider_on, *slider_off;
    const char *spark[8];
    const char *better;     /* marks the better score */
    const char *hline, *vline;
    const char *up, *down, *ellipsis, *dot, *bullet;
    const char *left_right; /* for the key bar: weight keys */
} Glyphs;

/* ---- what to repaint ---------------------------------------------------- */

enum {
    DIRTY_HEADER = 1 << 0,
    DIRTY_LIST = 1 << 1,    /* criteria rows and stack panes */
    DIRTY_DETAIL = 1 << 2,
    DIRTY_TOTALS = 1 << 3,  /* totals and verdict */
    DIRTY_STATUS = 1 << 4,
    DIRTY_KEYBAR = 1 << 5,
    DIRTY_OVERLAY = 1 << 6,
    DIRTY_LAYOUT = 1 << 7,  /* size or layout options changed: relayout, repaint all */
    DIRTY_ALL = 0xff,
    /* Parts of the above, for one weight changed (DIRTY_LIST and
     * DIRTY_DETAIL, when also set, cover them): */
    DIRTY_ROW = 1 << 8,           /* the row of the dashboard's changed_row */
    DIRTY_FLIPS = 1 << 9,         /* every shown row's flip column */
    DIRTY_DETAIL_WEIGHT = 1 << 10, /* the details' "weight N; adds ..." line */
    DIRTY_DETAIL_ROBUST = 1 << 11, /* the details' robustness estimate lines */
    DIRTY_VERDICT = 1 << 12,       /* the verdict alone (DIRTY_TOTALS covers it): the estimate moved */
};

typedef enum Confirm { CONFIRM_RESET, CONFIRM_OVERWRITE } Confirm;
typedef enum MsgKind { MSG_INFO, MSG_WARNING, MSG_ERROR } MsgKind;

typedef struct Live Live;

typedef struct Ui {
    Session *s;
    const Dataset *ds;
    const UiOptions *opts;
    Live *live;

    /* look */
    bool utf8;          /* UTF-8 glyphs (locale allows it, no --ascii) */
    bool color;         /* colours in use */
    bool mouse;
    const Glyphs *g;
    Theme *theme;       /* the theme in use (its colours are ignored without colour) */
    char *theme_name;   /* as the user named it, saved in the state */
    char *themes_dir;
    int attr[ROLE_COUNT]; /* curses attributes per role, pair included */

    /* geometry */
    Layout lay;
    int width, height;

    /* the views: one of each, and the stack of those open (view.h) */
    View *views[VIEW_COUNT];
    ViewId open[VIEW_COUNT];
    size_t nopen;

    /* status line */
    char *msg;
    MsgKind msg_kind;
    bool msg_refresh;     /* msg is a refresh's progress, updated as it goes */
    bool watch_refresh;   /* a refresh started here is under way: report its end */
    bool refresh_yields;  /* its end leaves another message alone (the start-up refresh) */

    int cursor_y, cursor_x; /* where a text input wants the cursor, -1: hidden */

    long long last_input_ms; /* CLOCK_MONOTONIC of the last key or mouse report */

    unsigned dirty;
    bool quit;
    bool keep_state_file; /* an unusable state file could not be moved aside: never save over it */
} Ui;

/* ui.c */
void ui_message(Ui *ui, MsgKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_follow_refresh(Ui *ui);
/* The figures changed (a fetch, a refresh that failed at once, start-up):
 * what shows them is rebuilt and repainted. The one place that knows. */
void ui_stats_changed(Ui *ui);
/* Reads the terminal's size and lays the areas out (dashboard_layout). */
void ui_relayout(Ui *ui);
/* Criterion c's weight as the status line shows it: "6", "5.33". */
void ui_weight_text(const Ui *ui, int c, char out[16]);
void ui_apply_theme(Ui *ui, Theme *theme, const char *name);
void ui_next_theme(Ui *ui);

/* dashboard.c: the dashboard, as the other views see it (its state is
 * its own, dashboard.h). */
/* The selected criterion, or -1 when the filter leaves none. */
int dashboard_criterion(const Ui *ui);
/* The list again from the filter and the order; the selection stays on
 * its criterion where the filter keeps it. */
void dashboard_rebuild_list(Ui *ui);
/* How many criteria the list holds (those the filter keeps). */
size_t dashboard_list_count(const Ui *ui);
/* The selection's place in the list. */
size_t dashboard_selection(const Ui *ui);
/* Selects the list's row i (nothing when it is out of the list) and marks
 * the list, the details and the status line. */
void dashboard_select(Ui *ui, size_t i);
/* Moves the selection delta rows when that stays in the list (no wrap, no
 * clamp); false when it does not. Marks nothing: the view that asks
 * repaints. */
bool dashboard_step(Ui *ui, long delta);
/* The filter (a copy kept by the list; "" for none), and setting it: the
 * list is rebuilt at once. */
const char *dashboard_filter(const Ui *ui);
void dashboard_set_filter(Ui *ui, const char *text);
/* The search, whose matches are marked and n and N step through; setting
 * it moves nothing (dashboard_search_from does). */
const char *dashboard_search(const Ui *ui);
void dashboard_set_search(Ui *ui, const char *text);
/* Selects the next (dir > 0) or previous match of the search in the list,
 * wrapping; from_current: the selection itself counts. False: no match. */
bool dashboard_search_step(Ui *ui, int dir, bool from_current);
/* Selects the first match of the search from row from on (the selection
 * stays where there is none); false: no match. */
bool dashboard_search_from(Ui *ui, size_t from);
/* How many criteria in the list match the search; *which: the selection's
 * place among them (0: it does not match). */
size_t dashboard_search_count(const Ui *ui, size_t *which);
/* The stacks side by side (indices into ds->stacks), in pane order;
 * returns how many. *shown stays the dashboard's. */
size_t dashboard_shown(const Ui *ui, const int **shown);
/* Shows those n stacks side by side instead (n >= 2), laid out again. */
void dashboard_show_stacks(Ui *ui, const int *stacks, size_t n);
/* The figures changed: the details and their sums are built again. */
void dashboard_stats_changed(Ui *ui);
/* Lays the areas out for the terminal's size (ui->width, ui->height) and
 * what the dashboard shows, into ui->lay. */
void dashboard_layout(Ui *ui);
/* What a change of the weights or the estimate marks to repaint, one call
 * each (as ui_stats_changed is for the figures). The weights changed (a
 * preset, undo, a reset): the list's order, the details, the totals. */
void ui_weights_changed(Ui *ui);
/* Runs a slice of the robustness estimate; redraws what shows it when done. */
void ui_robust_work(Ui *ui);
/* Finishes an estimate that is no more than one slice at once (the bundled
 * data's is), so the frame that answers a key already shows it, with no
 * "(updating)" mark to write and erase moments later; true when it did. */
bool ui_robust_at_once(Ui *ui);
/* After session_set_weight changed criterion c's weight alone: marks only
 * what that changes (its row, the flip column, the totals, the details'
 * weight line), not the whole list and details. */
void ui_weight_changed(Ui *ui, int c);

/* keys.c: the main screen's actions */
void ui_do_action(Ui *ui, Action a, int key);
void ui_handle_key(Ui *ui, int key);
void ui_handle_mouse(Ui *ui);
/* After KEY_SGR_MOUSE: reads "B;X;Y" and M or m, and handles the event. */
void ui_read_sgr_mouse(Ui *ui);

/* The dialogs' openers (each in its view's file: help.c, presets.c,
 * stacks.c, export_dialog.c, confirm.c, filter.c). */
void dialog_open_help(Ui *ui);
void dialog_open_sources(Ui *ui);
void dialog_open_presets(Ui *ui);
void dialog_open_compare(Ui *ui);
void dialog_open_stacks(Ui *ui);
void dialog_open_export(Ui *ui);
void dialog_open_filter(Ui *ui);
void dialog_open_search(Ui *ui);
void dialog_confirm(Ui *ui, Confirm what);
void ui_do_reset(Ui *ui);
/* export_dialog.c: the path as typed, and writing the export to it (the
 * dialog closes when it worked). */
const char *export_dialog_path(const Ui *ui);
void export_dialog_write(Ui *ui);

/* dialog_box.c: what the dialogs share */
typedef struct Box {
    int y, x, h, w;
} Box;
Box centred_box(const Ui *ui, int h, int w);
void draw_box(Ui *ui, Box b, const char *title);
/* A scrolled box of lines (headings are those not indented), freed here;
 * *scroll is its position, clamped here. */
void draw_scrolled(Ui *ui, const char *title, char **lines, size_t n, int *scroll);
/* Adds text to *lines (n of them so far), wrapped to width, continuations
 * indented under the text; returns the new count. */
size_t add_wrapped_line(const Ui *ui, char ***lines, size_t n, const char *text, int width);
/* Appends a typed character to a UTF-8 buffer; false when it is not text. */
bool text_insert(char *buf, size_t cap, int key);
/* Removes the last character (not byte) of a UTF-8 buffer. */
void text_backspace(char *buf);

/* draw.c */
void draw_screen(Ui *ui);
/* The dashboard's header, which the full-screen views show too. */
void draw_header(Ui *ui);
/* The colour of a stack: by its place among the shown stacks. */
ThemeRole ui_stack_role(const Ui *ui, int stack);
/* The criterion's title, or its label where the title does not fit in
 * maxw columns (buf holds the capitalised label). */
const char *criterion_name(const Ui *ui, int c, int maxw, char *buf, size_t bufsz);
/* Draws a view's key bar from the key table's entries of scope;
 * remembers each item's columns in xs (by its place in the bar). */
void draw_view_keybar(Ui *ui, KeyScope scope, int xs[KEYBAR_MAX][2]);
/* The action of the view's key-bar item at column x, or ACT_NONE. */
Action view_keybar_hit(KeyScope scope, int xs[KEYBAR_MAX][2], int x);
/* Presses the first key bound to action in scope (a view's own, or the
 * main screen's for the keys every view shares), as a click on the key
 * bar does. */
void view_press(Ui *ui, KeyScope scope, Action action);

/* trends.c: the full-screen chart of daily downloads */
void trends_open(Ui *ui);

/* evidence.c: the table of every evidence package */
void evidence_open(Ui *ui, bool problems_only);
/* Packages whose figures failed or are stale, as the header counts them. */
size_t evidence_problem_count(const Ui *ui);

/* text.c */
extern const Glyphs glyphs_utf8, glyphs_ascii;
/* core/text.h's text_columns for this screen (UTF-8 or not). */
int text_width(const Ui *ui, const char *s);
/* Draws s at (y, x) in at most maxw columns; returns the columns used. */
int put_text(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s);
/* A copy of s cut to maxw columns, ending in an ellipsis when it does not
 * fit (caller frees). */
char *text_cut(const Ui *ui, const char *s, int maxw);
/* The same, ending in an ellipsis when s does not fit. */
int put_text_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *s);
int put_textf(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* put_textf ending in an ellipsis when the text does not fit. */
int put_textf_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same four, bold when bold is true (the attribute is an argument, no
 * state kept between calls). */
int put_styled(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *s);
int put_styled_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *s);
int put_styledf(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
int put_styledf_cut(Ui *ui, int y, int x, int maxw, ThemeRole role, bool bold, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void fill_row(Ui *ui, int y, int x, int w, ThemeRole role);
/* n copies of a one-column glyph from x (rules, bars). */
void put_glyphs(Ui *ui, int y, int x, int n, ThemeRole role, const char *glyph);
/* A bar of w cells filled to fraction (0..1), eighths where UTF-8 allows. */
void put_bar(Ui *ui, int y, int x, int w, double fraction, ThemeRole fill, ThemeRole empty,
             const char *empty_glyph);
/* Splits s into lines of at most width columns; returns the count and the
 * byte offsets and lengths in starts and lens (caller frees both). */
size_t text_wrap(const Ui *ui, const char *s, int width, size_t **starts, size_t **lens);

#endif
