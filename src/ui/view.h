/* view.h: the screens and dialogs of the dashboard as views. Each view
 * owns its state in a struct of its own, in a file of its own, and answers
 * the same few calls (draw, key, mouse, resize), as a table of functions.
 * Ui keeps one of each view, made at start-up, and a stack of the open
 * ones: the dashboard at the bottom, a full-screen view (trends, evidence)
 * or dialogs (help, pickers, export, questions, filter, search) above it.
 * Keys and the mouse go to the top view; drawing starts at the topmost
 * full-screen view and paints every dialog above it in order.
 * Ownership: Ui owns every view (ui_views_new / ui_views_free); a view's
 * state is freed by its own free. */
#ifndef VERSUS_UI_VIEW_H
#define VERSUS_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Ui Ui;
typedef struct View View;

/* One row per view: its id, then its table of functions. */
#define UI_VIEWS(X)                                                                  \
    X(VIEW_DASHBOARD, dashboard_view_ops)                                            \
    X(VIEW_TRENDS, trends_view_ops)                                                  \
    X(VIEW_EVIDENCE, evidence_view_ops)                                              \
    X(VIEW_HELP, help_view_ops)                                                      \
    X(VIEW_SOURCES, sources_view_ops)                                                \
    X(VIEW_PRESETS, presets_view_ops)                                                \
    X(VIEW_COMPARE, compare_view_ops)                                                \
    X(VIEW_STACKS, stacks_view_ops)                                                  \
    X(VIEW_EXPORT, export_view_ops)                                                  \
    X(VIEW_CONFIRM, confirm_view_ops)                                                \
    X(VIEW_FILTER, filter_view_ops)                                                  \
    X(VIEW_SEARCH, search_view_ops)

typedef enum ViewId {
#define X(id, ops) id,
    UI_VIEWS(X)
#undef X
    VIEW_COUNT
} ViewId;

typedef struct ViewOps {
    const char *name;
    /* true: drawn over the views below it (a dialog); false: it fills the
     * screen (the dashboard, trends, evidence) */
    bool overlay;
    /* What to repaint when it closes (DIRTY_* flags): a box, all it
     * covered; an input on the status line, that line; a full-screen
     * view, the dashboard laid out again. */
    unsigned uncover;
    /* Makes the view's state (zeroed by the caller). */
    void (*init)(Ui *ui, View *v);
    /* Paints the view; dirty: what changed since the last frame (DIRTY_*),
     * for a full-screen view to repaint only that. A dialog paints only
     * itself, every frame (it also places the text cursor). */
    void (*draw)(Ui *ui, View *v, unsigned dirty);
    /* A key for the view; false when it does not take it (the keys every
     * screen shares then get it). */
    bool (*key)(Ui *ui, View *v, int key);
    /* A mouse event at cell (x, y); NULL: the view ignores the mouse but
     * for the wheel, which comes as Up/Down keys. */
    void (*mouse)(Ui *ui, View *v, int x, int y, unsigned long bstate);
    /* The terminal changed size; NULL: nothing to do but redraw. */
    void (*resize)(Ui *ui, View *v);
    /* Frees what the view holds (not v itself). */
    void (*free)(View *v);
    size_t size; /* sizeof the view's struct, which starts with a View */
} ViewOps;

struct View {
    const ViewOps *ops;
    ViewId id;
};

#define X(id, ops) extern const ViewOps ops;
UI_VIEWS(X)
#undef X

/* Makes one of each view, and opens the dashboard. */
void ui_views_new(Ui *ui);
void ui_views_free(Ui *ui);
/* The one view of that kind (open or not). */
View *ui_view(const Ui *ui, ViewId id);
/* Puts the view on top of the open ones (nothing when it is open
 * already); the opener marks what to paint. */
void view_push(Ui *ui, ViewId id);
/* Closes the top view (never the dashboard) and marks what it covered
 * (its ops' uncover). */
void view_pop(Ui *ui);
/* The top view's id. */
ViewId view_top(const Ui *ui);
/* Whether the view is open anywhere in the stack. */
bool view_is_open(const Ui *ui, ViewId id);
/* The full-screen view the dialogs are drawn over. */
ViewId view_screen(const Ui *ui);

/* Draws the open views from the topmost full-screen one up; dirty is what
 * changed since the last frame. */
void views_draw(Ui *ui, unsigned dirty);
/* Closes the view and every dialog above it. */
void view_close(Ui *ui, ViewId id);
/* Gives the key to the top view; false when it did not take it. */
bool views_key(Ui *ui, int key);
/* Gives a mouse event to the top view. */
void views_mouse(Ui *ui, int x, int y, unsigned long bstate);
/* Tells every open view the size changed. */
void views_resize(Ui *ui);

#endif
