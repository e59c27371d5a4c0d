/* dashboard.h: the dashboard, the view at the bottom of the stack: the
 * criteria list, the stacks side by side, the details, the totals. Its
 * state is here, in its own struct; Ui holds only what every view shares.
 * Only the dashboard's own files include this header: dashboard.c (its
 * life, the list and the selection, its layout), draw.c (its painting)
 * and keys.c (its actions and its mouse); tests/lint.sh refuses it
 * anywhere else. The other views reach the dashboard through the calls
 * declared in ui_internal.h ("the dashboard, as the other views see it").
 * Ownership: the view stack owns the Dashboard (ui_views_new /
 * ui_views_free); what it allocates (the list, the flip columns, the
 * built details) is made by its init and freed by its free. */
#ifndef VERSUS_UI_DASHBOARD_H
#define VERSUS_UI_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/browse.h"
#include "core/detail.h"
#include "core/model.h"
#include "core/trend.h"
#include "ui/ui_internal.h"
#include "ui/view.h"

typedef enum Focus { FOCUS_LIST, FOCUS_DETAIL } Focus;

typedef struct Dashboard {
    View base;

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

    /* the details */
    bool detail_expanded;
    bool detail_notes;   /* rows to spare: each source's note (the figure used) under it */
    bool detail_fit_notes; /* detail_notes off, but the selection's details fit the rows they
                              have with the notes: shown with them (decided at each build) */
    bool log_scale;      /* download bars in the details on a log scale */
    TrendSum all_downloads[STACKS_MAX]; /* per stack, every criterion's evidence */
    bool all_downloads_known;           /* false: recompute (the stats changed) */
    Focus focus;
    int detail_scroll;
    DetailLine *detail;  /* built for the selected criterion and width */
    size_t ndetail;
    bool detail_stale;   /* rebuild before drawing */
    size_t detail_weight_row;   /* where the details' weight line starts */
    size_t detail_weight_lines; /* how many lines it has; 0: not shown */
    size_t detail_robust_row;   /* where the estimate's lines start */
    DetailKey detail_key;       /* what the details were built for (stale aside) */
    unsigned detail_due;        /* DETAIL_PART_*: parts to rebuild before they are drawn */

    /* what the last frame showed, for repainting only what moved */
    int changed_row;     /* the criterion DIRTY_ROW redraws */
    int *flip_shown;     /* [ncriteria]: the flip point each row last showed, and */
    int *flip_shown_to;  /* who it named, so DIRTY_FLIPS repaints only the ones that moved */
    char header_weights[192];   /* the weights' description the header last drew
                                   (session_weights_text), "" before the first */
    int header_failed_x[2]; /* the header's "N failed" columns, -1 when not shown */
    int keybar_x[KEYBAR_MAX][2]; /* drawn x range of each key-bar item, -1 when hidden */

    /* the mouse: a slider dragged */
    bool dragging;
    int drag_criterion;
} Dashboard;

/* The one dashboard (open from start-up to the end). */
static inline Dashboard *dashboard_of(const Ui *ui) { return (Dashboard *)ui_view(ui, VIEW_DASHBOARD); }

/* dashboard.c */
/* Scrolls the list so that the selection is on screen. */
void dashboard_ensure_visible(Ui *ui);

/* draw.c */
/* The dashboard view's draw: the areas in d (DIRTY_*). */
void draw_dashboard(Ui *ui, View *v, unsigned d);
/* True when the weights' description differs from the one the header drew. */
bool header_weights_changed(const Ui *ui);
/* Frees the built details (db->detail). */
void detail_free(Dashboard *db);
/* The most lines the details hold at the current layout's width. */
int detail_rows_needed(Ui *ui);

/* keys.c */
/* The dashboard's keys (the main screen's table) and its mouse. */
bool dashboard_key(Ui *ui, View *v, int key);
void dashboard_mouse(Ui *ui, View *v, int x, int y, unsigned long bstate);

#endif
