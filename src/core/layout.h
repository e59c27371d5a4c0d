/* layout.h: where each part of the dashboard goes for a terminal size.
 * A pure function from (width, height, options) to rectangles, so every
 * size — including absurd ones — is unit-tested without a terminal, and the
 * mouse hit-testing uses exactly the geometry the screen was drawn with.
 * No allocation: a Layout is a plain value. */
#ifndef VERSUS_CORE_LAYOUT_H
#define VERSUS_CORE_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_W 40     /* below this: "terminal too small" */
#define LAYOUT_MIN_H 10
#define LAYOUT_COMPACT_W 80 /* below this (or LAYOUT_COMPACT_H): one stack pane */
#define LAYOUT_COMPACT_H 24
#define LAYOUT_PANES_MAX 8
#define LAYOUT_SLIDER_W 10  /* one cell per weight step */

typedef struct Rect {
    int x, y, w, h;
} Rect;

typedef struct LayoutOptions {
    int npanes;           /* stacks the user wants side by side (1..LAYOUT_PANES_MAX) */
    int ntotals;          /* stacks that get a total line */
    int ncriteria;        /* rows the list could fill */
    bool detail_expanded; /* Enter or focus: the details come first, the list shrinks */
    int detail_rows;      /* lines the details hold at this width (the most over
                             criteria); 0: unknown, the details take what is left */
    int verdict_rows;     /* rows the verdict needs at this width: 1 or 2 */
    int flip_name_w;      /* columns of the longest stack name a flip may name;
                             0: flips never name their stack */
} LayoutOptions;

typedef struct Layout {
    int width, height;
    bool too_small;       /* nothing but the "too small" message fits */
    int min_w, min_h;     /* the size that would fit */
    bool compact;         /* one stack pane, no detail unless expanded */

    Rect header;          /* one row */
    Rect list_head;       /* column titles, full width */
    Rect list;            /* one row per criterion, left part */
    Rect panes[LAYOUT_PANES_MAX]; /* right of the list, same rows as list */
    int npanes;
    Rect detail;          /* h == 0 when hidden; its first row is a title */
    Rect totals;          /* one row per stack, after an optional title row */
    bool totals_titled;
    int ntotals;          /* total lines that fit */
    bool totals_breakdown; /* rows to spare: under each total, where its points come from */
    bool totals_behind;    /* more rows to spare: and where it loses most to its rival */
    Rect verdict;         /* one row, two for a long verdict when the height allows */
    Rect status, keybar;  /* one row each */

    /* Columns of the criteria list, absolute x. flip_w is 0 when hidden;
     * every form holds a flip weight of 10 in full: LAYOUT_FLIP_SHORT
     * "at 10", LAYOUT_FLIP_LONG "flips at 10", and with flip_named
     * "at 10 → Python", the stack's name in the flip_w - LAYOUT_FLIP_NAMED
     * cells after the arrow. */
    int name_x, name_w;
    int slider_x, slider_w;
    int weight_x;         /* the weight number, 2 cells */
    int flip_x, flip_w;
    bool flip_named;

    /* Inside every pane, offsets from the pane's x: a border cell, then the
     * score bar, the score number (4 cells, "10.0") and the better-side marker. */
    int pane_bar_off, pane_bar_w, pane_num_off, pane_mark_off;
    /* Compact: the other stacks' scores beside the shown one's, 6 cells
     * each ("  7.0◆") from pane_more_off; pane_more_n of them (0: none). */
    int pane_more_off, pane_more_n;

    /* Totals rows, absolute x: stack name, bar 0..100, number. */
    int total_label_w, total_bar_x, total_bar_w, total_num_x;
} Layout;

#define LAYOUT_FLIP_SHORT 5  /* "at 10", under the title "Flip" */
#define LAYOUT_FLIP_LONG 11  /* "flips at 10" */
#define LAYOUT_FLIP_NAMED 8  /* "at 10 → ", before the stack's name */
#define LAYOUT_FLIP_NAME_MAX 16 /* a longer name is cut */

/* Fills *out for a terminal of width x height. */
void layout_compute(Layout *out, int width, int height, const LayoutOptions *opts);

typedef enum LayoutArea {
    AREA_NONE,
    AREA_HEADER,
    AREA_LIST_HEAD,
    AREA_LIST,    /* a criterion row, left of the slider */
    AREA_SLIDER,  /* the slider (or the cell just before it, meaning 0) */
    AREA_PANE,
    AREA_DETAIL,
    AREA_TOTALS,
    AREA_VERDICT,
    AREA_STATUS,
    AREA_KEYBAR,
} LayoutArea;

/* What is at cell (x, y). *row is the row inside the list, detail or
 * totals (0-based); *pane the pane index for AREA_PANE. Either may be NULL. */
LayoutArea layout_hit(const Layout *l, int x, int y, int *row, int *pane);

/* The weight a click or drag at column x on the slider means: 0 left of
 * the bar, 1..10 along it, clamped beyond its ends. */
int layout_slider_weight(const Layout *l, int x);

#endif
