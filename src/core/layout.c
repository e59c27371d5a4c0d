/* layout.c: the dashboard's geometry for any terminal size. */
#include "core/layout.h"

#include <string.h>

#define NAME_MIN 14         /* criterion titles shorter than this get cut */
#define NAME_PREF 34
#define PANE_MIN 17         /* full mode: a 7-cell score bar, names get the rest */
#define PANE_MIN_COMPACT 14
#define PANE_MAX 36
#define MORE_W 6            /* compact: "  7.0◆", another stack's score */
#define NAME_MAX 60         /* past this, spare width widens the panes instead */
#define PANE_FIXED 10       /* border, gaps, number and marker around the bar */
#define LIST_FIXED 15       /* margin, gap, slider and weight number around the name */
#define TOTAL_TAIL 16       /* "100.0 ◆ leads" after the bar */
#define TOTAL_BAR_MAX 100   /* one cell per point is plenty */

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static Rect rect(int x, int y, int w, int h) { return (Rect){ x, y, w, h }; }

/* The named flip column's width for stack names of name_w columns; 0 when
 * flips do not name their stack. */
static int flip_named_width(int name_w)
{
    return name_w > 0 ? LAYOUT_FLIP_NAMED + clamp(name_w, 1, LAYOUT_FLIP_NAME_MAX) : 0;
}

/* The criteria list columns for a list of width list_w. */
static void place_list_columns(Layout *l, int list_w, bool compact, int flip_name_w)
{
    /* name, plus the flip column if any; one cell spare before the panes */
    int remaining = list_w - LIST_FIXED - 1;
    int flip = 0, named = flip_named_width(flip_name_w);
    /* Compact screens leave the flip point to the details: the other
     * stacks' scores need the room more. The names keep NAME_PREF - 8
     * columns before the flip takes the long form, and all of NAME_PREF
     * before it names its stack: a criterion's name comes first. */
    l->flip_named = false;
    if (compact)
        flip = 0;
    else if (named && remaining - (named + 1) >= NAME_PREF) {
        flip = named;
        l->flip_named = true;
    } else if (remaining - (LAYOUT_FLIP_LONG + 1) >= NAME_PREF - 8)
        flip = LAYOUT_FLIP_LONG;
    else if (remaining - (LAYOUT_FLIP_SHORT + 1) >= NAME_MIN)
        flip = LAYOUT_FLIP_SHORT;
    l->name_x = 1;
    l->name_w = remaining - (flip ? flip + 1 : 0);
    l->slider_x = l->name_x + l->name_w + 1;
    l->slider_w = LAYOUT_SLIDER_W;
    l->weight_x = l->slider_x + l->slider_w + 1;
    l->flip_w = flip;
    l->flip_x = flip ? l->weight_x + 3 : 0;
}

static void place_panes(Layout *l, int list_w, int pane_w, int np, int more)
{
    l->npanes = np;
    for (int i = 0; i < np; i++)
        l->panes[i] = rect(list_w + i * pane_w, l->list.y, pane_w, l->list.h);
    l->pane_bar_off = 2;
    l->pane_more_n = more;
    l->pane_bar_w = pane_w - PANE_FIXED - more * MORE_W;
    l->pane_num_off = l->pane_bar_off + l->pane_bar_w + 1;
    l->pane_mark_off = l->pane_num_off + 5;
    l->pane_more_off = more ? l->pane_mark_off + 1 : 0;
}

static void place_totals_columns(Layout *l, int width)
{
    l->total_label_w = clamp(width / 5, 6, 16);
    l->total_bar_x = 1 + l->total_label_w + 1;
    l->total_bar_w = clamp(width - TOTAL_TAIL - 1 - l->total_bar_x, 1, TOTAL_BAR_MAX);
    l->total_num_x = l->total_bar_x + l->total_bar_w + 1;
}

/* Widths: how many panes fit, and how wide each is. */
static void split_width(int width, bool compact, int want, int flip_w, int *np_out,
                        int *pane_w_out, int *more_out)
{
    *more_out = 0;
    if (compact) {
        /* One pane, and beside its score as many of the other stacks'
         * scores as leave the names 10 columns. */
        *np_out = 1;
        int more = clamp(want - 1, 0, 3), pane_w;
        for (;; more--) {
            pane_w = clamp(width - (LIST_FIXED + 20), PANE_MIN_COMPACT + more * MORE_W,
                           34 + more * MORE_W);
            if (more == 0 || width - pane_w >= LIST_FIXED + 11)
                break;
        }
        *pane_w_out = pane_w;
        *more_out = more;
        return;
    }
    int list_min = LIST_FIXED + NAME_MIN + LAYOUT_FLIP_SHORT + 1;
    int np = want;
    while (np > 1 && list_min + np * PANE_MIN > width)
        np--;
    int list_pref = LIST_FIXED + NAME_PREF + LAYOUT_FLIP_LONG + 1;
    int pane_w = clamp((width - list_pref) / np, PANE_MIN, PANE_MAX);
    int list_max = LIST_FIXED + NAME_MAX + flip_w + 2;
    if (width - np * pane_w > list_max)
        pane_w = (width - list_max) / np;
    if (list_min + np * pane_w > width)
        pane_w = (width - list_min) / np;
    *np_out = np;
    *pane_w_out = pane_w;
}

void layout_compute(Layout *out, int width, int height, const LayoutOptions *opts)
{
    Layout *l = out;
    memset(l, 0, sizeof *l);
    l->width = width;
    l->height = height;
    l->min_w = LAYOUT_MIN_W;
    l->min_h = LAYOUT_MIN_H;
    if (width < LAYOUT_MIN_W || height < LAYOUT_MIN_H) {
        l->too_small = true;
        return;
    }
    l->compact = width < LAYOUT_COMPACT_W || height < LAYOUT_COMPACT_H;
    int want = clamp(opts->npanes, 1, LAYOUT_PANES_MAX);
    int ncrit = opts->ncriteria > 0 ? opts->ncriteria : 1;

    /* Rows from the bottom up: key bar, status, verdict, totals. */
    l->keybar = rect(0, height - 1, width, 1);
    l->status = rect(0, height - 2, width, 1);
    int vrows = opts->verdict_rows >= 2 && height >= LAYOUT_MIN_H + 4 ? 2 : 1;
    l->verdict = rect(0, height - 2 - vrows, width, vrows);
    int ntot = opts->ntotals > 0 ? opts->ntotals : 1;
    if (l->compact) {
        l->ntotals = clamp(ntot, 1, 2);
        l->totals_titled = false;
    } else {
        l->ntotals = clamp(ntot, 1, height / 8 > 2 ? height / 8 : 2);
        /* the title row goes first when rows are short */
        l->totals_titled = height > 30;
    }
    int totals_h = l->ntotals + (l->totals_titled ? 1 : 0);
    l->totals = rect(0, l->verdict.y - totals_h, width, totals_h);
    place_totals_columns(l, width);

    l->header = rect(0, 0, width, 1);
    l->list_head = rect(0, 1, width, 1);
    int avail = l->totals.y - 2; /* rows for the list and the detail area */
    /* What the details would fill: their lines plus the title rule. */
    int detail_need = opts->detail_rows > 0 ? opts->detail_rows + 1 : avail;
    int list_h, detail_h;
    if (l->compact) {
        if (opts->detail_expanded) {
            /* the selected criterion's row stays, the details take the rest */
            list_h = avail - detail_need >= 1 ? clamp(avail - detail_need, 1, ncrit) : 1;
            detail_h = avail - list_h;
        } else if (avail - ncrit >= 3) {
            /* all criteria fit: spare rows show the details */
            list_h = ncrit;
            detail_h = avail - ncrit;
        } else {
            list_h = avail;
            detail_h = 0;
        }
    } else if (opts->detail_expanded) {
        /* Details first: as many rows as they hold, the list keeps the rest
         * (at least the selected row). */
        detail_h = clamp(detail_need, 2, avail - 1);
        list_h = clamp(avail - detail_h, 1, ncrit > 1 ? ncrit : 1);
        detail_h = avail - list_h;
    } else {
        /* The list first, but never squeezing the details below half the
         * rows (or what they hold, if less) unless every criterion then fits. */
        int detail_min = clamp(detail_need < avail / 2 ? detail_need : avail / 2, 5, avail);
        list_h = clamp(avail - detail_min, ncrit < 3 ? ncrit : 3, ncrit);
        if (ncrit <= avail - 5 && ncrit > list_h && ncrit - list_h <= 2)
            list_h = ncrit; /* two rows of details are worth less than a scrolling list */
        detail_h = avail - list_h;
        /* Rows the details cannot fill go to the totals: a line under each
         * saying where its points come from. */
        if (opts->detail_rows > 0 && detail_h - detail_need >= l->ntotals) {
            l->totals_breakdown = true;
            detail_h -= l->ntotals;
            l->totals = rect(0, l->totals.y - l->ntotals, width, l->totals.h + l->ntotals);
        }
        /* Still rows to spare: a second line under each, where it loses
         * most to its rival. */
        if (l->totals_breakdown && detail_h - detail_need >= l->ntotals) {
            l->totals_behind = true;
            detail_h -= l->ntotals;
            l->totals = rect(0, l->totals.y - l->ntotals, width, l->totals.h + l->ntotals);
        }
    }
    l->list = rect(0, 2, 0, list_h);
    l->detail = rect(0, 2 + list_h, width, detail_h);

    int np, pane_w, more;
    int named = flip_named_width(opts->flip_name_w);
    split_width(width, l->compact, want, named > LAYOUT_FLIP_LONG ? named : LAYOUT_FLIP_LONG, &np,
                &pane_w, &more);
    int list_w = width - np * pane_w;
    l->list.w = list_w;
    place_list_columns(l, list_w, l->compact, opts->flip_name_w);
    while (more > 0 && pane_w - PANE_FIXED - more * MORE_W < 4)
        more--; /* and a bar of 4 cells */
    place_panes(l, list_w, pane_w, np, more);
}

static bool inside(Rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

LayoutArea layout_hit(const Layout *l, int x, int y, int *row, int *pane)
{
    int r = -1, p = -1;
    LayoutArea area = AREA_NONE;
    if (l->too_small) {
        /* nothing to hit */
    } else if (inside(l->header, x, y)) {
        area = AREA_HEADER;
    } else if (inside(l->list_head, x, y)) {
        area = AREA_LIST_HEAD;
    } else if (inside(l->list, x, y)) {
        r = y - l->list.y;
        area = (x >= l->slider_x - 1 && x < l->slider_x + l->slider_w) ? AREA_SLIDER : AREA_LIST;
    } else if (l->detail.h > 0 && inside(l->detail, x, y)) {
        r = y - l->detail.y;
        area = AREA_DETAIL;
    } else if (inside(l->totals, x, y)) {
        r = y - l->totals.y - (l->totals_titled ? 1 : 0);
        r /= 1 + (l->totals_breakdown ? 1 : 0) + (l->totals_behind ? 1 : 0);
        area = AREA_TOTALS;
    } else if (inside(l->verdict, x, y)) {
        area = AREA_VERDICT;
    } else if (inside(l->status, x, y)) {
        area = AREA_STATUS;
    } else if (inside(l->keybar, x, y)) {
        area = AREA_KEYBAR;
    } else {
        for (int i = 0; i < l->npanes; i++) {
            if (inside(l->panes[i], x, y)) {
                area = AREA_PANE;
                r = y - l->panes[i].y;
                p = i;
                break;
            }
        }
    }
    if (row)
        *row = r;
    if (pane)
        *pane = p;
    return area;
}

int layout_slider_weight(const Layout *l, int x)
{
    if (l->slider_w <= 0 || x < l->slider_x)
        return 0;
    int w = ((x - l->slider_x + 1) * 10 + l->slider_w - 1) / l->slider_w;
    return clamp(w, 0, 10);
}
