/* ui_internal.h: the dashboard's state shared by the files of src/ui/.
 * One Ui value holds everything the screen shows; input handlers change it
 * and set dirty flags, and the renderer repaints only the dirty areas. */
#ifndef VERSUS_UI_UI_INTERNAL_H
#define VERSUS_UI_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/chart.h"
#include "core/detail.h"
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
#include "core/browse.h"

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

/* ---- the dashboard ------------------------------------------------------ */

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
    DIRTY_ROW = 1 << 8,           /* the row of criterion changed_row */
    DIRTY_FLIPS = 1 << 9,         /* every shown row's flip column */
    DIRTY_DETAIL_WEIGHT = 1 << 10, /* the details' "weight N; adds ..." line */
    DIRTY_DETAIL_ROBUST = 1 << 11, /* the details' robustness estimate lines */
    DIRTY_VERDICT = 1 << 12,       /* the verdict alone (DIRTY_TOTALS covers it): the estimate moved */
};

typedef enum Confirm { CONFIRM_RESET, CONFIRM_OVERWRITE } Confirm;
typedef enum MsgKind { MSG_INFO, MSG_WARNING, MSG_ERROR } MsgKind;
typedef enum Focus { FOCUS_LIST, FOCUS_DETAIL } Focus;

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

    /* the list: view[] holds the criteria that pass the filter, in order */
    int *view;
    size_t nview;
    size_t sel;         /* index into view */
    size_t top;         /* first view row shown */
    char filter[TEXT_INPUT_MAX];
    BrowseSort sort;    /* the list's order */
    char search[TEXT_INPUT_MAX]; /* the last search, for n and N and the marks */

    /* stacks side by side: indices into ds->stacks */
    int shown[STACKS_MAX];
    size_t nshown;
    size_t compact_pane; /* which of shown[] the compact layout shows */

    bool detail_expanded;
    bool detail_notes;   /* rows to spare: each source's note (the figure used) under it */
    bool log_scale;      /* download bars in the details on a log scale */
    TrendSum all_downloads[STACKS_MAX]; /* per stack, every criterion's evidence */
    bool all_downloads_known;           /* false: recompute (the stats changed) */
    Focus focus;
    int detail_scroll;
    DetailLine *detail;  /* built for the selected criterion and width */
    size_t ndetail;
    bool detail_stale;   /* rebuild before drawing */
    int changed_row;     /* the criterion DIRTY_ROW redraws */
    int *flip_shown;     /* [ncriteria]: the flip point each row last showed, and */
    int *flip_shown_to;  /* who it named, so DIRTY_FLIPS repaints only the ones that moved */
    char header_weights[192];   /* the weights' description the header last drew
                                   (session_weights_text), "" before the first */
    size_t detail_weight_row;   /* where the details' weight line starts */
    size_t detail_weight_lines; /* how many lines it has; 0: not shown */
    size_t detail_robust_row;   /* where the estimate's lines start */
    DetailKey detail_key;       /* what the details were built for (stale aside) */
    unsigned detail_due;        /* DETAIL_PART_*: parts to rebuild before they are drawn */

    /* the views: one of each, and the stack of those open (view.h) */
    View *views[VIEW_COUNT];
    ViewId open[VIEW_COUNT];
    size_t nopen;
    int header_failed_x[2]; /* the header's "N failed" columns, -1 when not shown */

    /* status line */
    char *msg;
    MsgKind msg_kind;
    bool msg_refresh;     /* msg is a refresh's progress, updated as it goes */
    bool watch_refresh;   /* a refresh started here is under way: report its end */
    bool refresh_yields;  /* its end leaves another message alone (the start-up refresh) */

    /* mouse */
    bool dragging;
    int drag_criterion;
    int keybar_x[KEYBAR_MAX][2]; /* drawn x range of each key-bar item, -1 when hidden */

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
void ui_relayout(Ui *ui);
void ui_rebuild_view(Ui *ui);
/* Selects the next (dir > 0) or previous match of ui->search in the list,
 * wrapping; from_current: the selection itself counts. False: no match. */
bool ui_search_step(Ui *ui, int dir, bool from_current);
/* How many criteria in the list match the search; *which: the selection's
 * place among them (0: it does not match). */
size_t ui_search_count(const Ui *ui, size_t *which);
void ui_weights_changed(Ui *ui);
/* Criterion c's weight as the status line shows it: "6", "5.33". */
void ui_weight_text(const Ui *ui, int c, char out[16]);
/* Runs a slice of the robustness estimate; redraws what shows it when done. */
void ui_robust_work(Ui *ui);
/* After session_set_weight changed criterion c's weight alone: marks only
 * what that changes (its row, the flip column, the totals, the details'
 * weight line), not the whole list and details. */
void ui_weight_changed(Ui *ui, int c);
void ui_apply_theme(Ui *ui, Theme *theme, const char *name);
void ui_next_theme(Ui *ui);
int ui_current_criterion(const Ui *ui);
void ui_ensure_visible(Ui *ui);

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
/* The dashboard view's draw: the areas in d (DIRTY_*). */
void draw_dashboard(Ui *ui, View *v, unsigned d);
/* True when the weights' description differs from the one the header drew. */
bool header_weights_changed(const Ui *ui);
void draw_header(Ui *ui);
/* The colour of a stack: by its place among the shown stacks. */
ThemeRole ui_stack_role(const Ui *ui, int stack);
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
void detail_free(Ui *ui);
/* The most lines the details hold at the current layout's width. */
int detail_rows_needed(Ui *ui);
/* The stack drawn in pane p. */
int pane_stack(const Ui *ui, int p);
/* The criterion's title, or its label where the title does not fit in
 * maxw columns (buf holds the capitalised label). */
const char *criterion_name(const Ui *ui, int c, int maxw, char *buf, size_t bufsz);
/* The better of the shown stacks on criterion c, or -1 on a tie. */
int better_stack(const Ui *ui, int c);

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
