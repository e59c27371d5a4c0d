/* dashboard.c: the dashboard's life (its state made and freed), the list
 * and its selection, the stacks it shows, what a change of weights or
 * figures marks to repaint, and the layout its state asks for; see
 * dashboard.h. Its painting is draw.c, its actions and mouse keys.c. */
#include "ui/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "util/xalloc.h"

/* ---- life ---------------------------------------------------------------- */

static void dashboard_init(Ui *ui, View *v)
{
    Dashboard *db = (Dashboard *)v;
    size_t n = ui->ds->ncriteria ? ui->ds->ncriteria : 1;
    db->view = xcalloc(n, sizeof *db->view);
    db->flip_shown = xcalloc(n, sizeof *db->flip_shown);
    db->flip_shown_to = xcalloc(n, sizeof *db->flip_shown_to);
    db->header_failed_x[0] = db->header_failed_x[1] = -1;
    /* The first two stacks of the data until the saved state says others. */
    for (size_t s = 0; s < ui->ds->nstacks && s < 2; s++)
        db->shown[db->nshown++] = (int)s;
}

static void dashboard_free(View *v)
{
    Dashboard *db = (Dashboard *)v;
    detail_free(db);
    free(db->view);
    free(db->flip_shown);
    free(db->flip_shown_to);
}

/* The dashboard as the view at the bottom of the stack. A change of size
 * needs nothing of its own: DIRTY_LAYOUT lays it out again
 * (dashboard_layout). */
const ViewOps dashboard_view_ops = {
    .name = "dashboard",
    .overlay = false,
    .uncover = DIRTY_LAYOUT,
    .init = dashboard_init,
    .draw = draw_dashboard,
    .key = dashboard_key,
    .mouse = dashboard_mouse,
    .free = dashboard_free,
    .size = sizeof(Dashboard),
};

/* ---- the list and the selection ------------------------------------------ */

int dashboard_criterion(const Ui *ui)
{
    const Dashboard *db = dashboard_of(ui);
    return db->sel < db->nview ? db->view[db->sel] : -1;
}

void dashboard_ensure_visible(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    size_t h = ui->lay.list.h > 0 ? (size_t)ui->lay.list.h : 1;
    if (db->sel < db->top)
        db->top = db->sel;
    if (db->sel >= db->top + h)
        db->top = db->sel - h + 1;
    if (db->top + h > db->nview)
        db->top = db->nview > h ? db->nview - h : 0;
}

void dashboard_rebuild_list(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    int keep = dashboard_criterion(ui);
    size_t had = db->nview;
    db->nview = 0;
    /* The filter looks at everything a criterion says, not its title only. */
    for (size_t c = 0; c < ui->ds->ncriteria; c++)
        if (!db->filter[0] || browse_match(ui->ds, c, db->filter, NULL, NULL) != FIELD_NONE)
            db->view[db->nview++] = (int)c;
    if (db->sort != BROWSE_DATA)
        browse_sort(db->view, db->nview, db->sort, ui->ds, ui->s->weights, ui->s->eval, db->shown,
                    db->nshown);
    db->sel = 0;
    for (size_t i = 0; i < db->nview; i++)
        if (db->view[i] == keep)
            db->sel = i;
    dashboard_ensure_visible(ui);
    db->detail_scroll = 0;
    db->detail_stale = true;
    ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS;
    if (db->nview != had)
        ui->dirty |= DIRTY_LAYOUT; /* the list's rows follow what the filter leaves */
}

size_t dashboard_list_count(const Ui *ui) { return dashboard_of(ui)->nview; }

size_t dashboard_selection(const Ui *ui) { return dashboard_of(ui)->sel; }

void dashboard_select(Ui *ui, size_t i)
{
    Dashboard *db = dashboard_of(ui);
    if (i < db->nview && i != db->sel) {
        db->sel = i;
        db->detail_stale = true;
        db->detail_scroll = 0;
        dashboard_ensure_visible(ui);
    }
    ui->dirty |= DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
}

bool dashboard_step(Ui *ui, long delta)
{
    Dashboard *db = dashboard_of(ui);
    if (db->nview == 0)
        return false;
    long to = (long)db->sel + delta;
    if (to < 0 || to >= (long)db->nview)
        return false;
    db->sel = (size_t)to;
    db->detail_stale = true;
    dashboard_ensure_visible(ui);
    return true;
}

const char *dashboard_filter(const Ui *ui) { return dashboard_of(ui)->filter; }

void dashboard_set_filter(Ui *ui, const char *text)
{
    Dashboard *db = dashboard_of(ui);
    snprintf(db->filter, sizeof db->filter, "%s", text);
    dashboard_rebuild_list(ui);
}

const char *dashboard_search(const Ui *ui) { return dashboard_of(ui)->search; }

void dashboard_set_search(Ui *ui, const char *text)
{
    Dashboard *db = dashboard_of(ui);
    snprintf(db->search, sizeof db->search, "%s", text);
}

bool dashboard_search_step(Ui *ui, int dir, bool from_current)
{
    Dashboard *db = dashboard_of(ui);
    if (!db->search[0] || db->nview == 0)
        return false;
    size_t n = db->nview;
    for (size_t k = from_current ? 0 : 1; k <= n; k++) {
        size_t i = dir > 0 ? (db->sel + k) % n : (db->sel + n - k % n) % n;
        if (browse_match(ui->ds, (size_t)db->view[i], db->search, NULL, NULL) != FIELD_NONE) {
            if (i != db->sel) {
                db->sel = i;
                db->detail_scroll = 0;
                db->detail_stale = true;
                dashboard_ensure_visible(ui);
            }
            ui->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS;
            return true;
        }
    }
    return false;
}

bool dashboard_search_from(Ui *ui, size_t from)
{
    Dashboard *db = dashboard_of(ui);
    size_t here = db->sel;
    db->sel = from < db->nview ? from : 0;
    bool found = dashboard_search_step(ui, 1, true);
    if (!found)
        db->sel = here;
    db->detail_stale = true;
    dashboard_ensure_visible(ui);
    ui->dirty |= DIRTY_LIST | DIRTY_DETAIL;
    return found;
}

size_t dashboard_search_count(const Ui *ui, size_t *which)
{
    const Dashboard *db = dashboard_of(ui);
    size_t n = 0;
    *which = 0;
    for (size_t i = 0; db->search[0] && i < db->nview; i++) {
        if (browse_match(ui->ds, (size_t)db->view[i], db->search, NULL, NULL) != FIELD_NONE) {
            n++;
            if (i == db->sel)
                *which = n;
        }
    }
    return n;
}

/* ---- the stacks shown ------------------------------------------------------ */

size_t dashboard_shown(const Ui *ui, const int **shown)
{
    const Dashboard *db = dashboard_of(ui);
    *shown = db->shown;
    return db->nshown;
}

void dashboard_show_stacks(Ui *ui, const int *stacks, size_t n)
{
    Dashboard *db = dashboard_of(ui);
    if (n > STACKS_MAX)
        n = STACKS_MAX;
    memcpy(db->shown, stacks, n * sizeof *db->shown);
    db->nshown = n;
    if (db->sort == BROWSE_GAP || db->sort == BROWSE_CONTRIBUTION)
        dashboard_rebuild_list(ui); /* gaps are between the stacks shown */
    db->compact_pane = 0;
    db->detail_stale = true;
    ui->dirty |= DIRTY_LAYOUT;
}

/* ---- what a change marks ------------------------------------------------------ */

void dashboard_stats_changed(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    db->all_downloads_known = false; /* the all-criteria sums, recomputed */
    db->detail_stale = true;
}

/* Score products per slice of the estimate between two looks at the keys:
 * well under a millisecond, so a held key never waits for it. */
#define ROBUST_SLICE_WORK 200000L

/* A finished estimate: its lines and the verdict repainted. */
static void robust_done(Ui *ui)
{
    /* the details' robustness lines, rebuilt alone when nothing else waits */
    dashboard_of(ui)->detail_due |= DETAIL_PART_ROBUST;
    ui->dirty |= DIRTY_VERDICT | DIRTY_DETAIL_ROBUST | DIRTY_OVERLAY;
}

void ui_robust_work(Ui *ui)
{
    if (session_robust_complete(ui->s))
        return;
    if (!session_robust_step(ui->s, ROBUST_SLICE_WORK))
        return;
    robust_done(ui);
}

bool ui_robust_at_once(Ui *ui)
{
    if (session_robust_complete(ui->s) || session_robust_work_left(ui->s) > ROBUST_SLICE_WORK)
        return false;
    /* The same slices as between keys (the flip, then the draws): the
     * estimate's work, whenever it runs, is the estimate's. */
    for (int i = 0; i < 3 && !session_robust_step(ui->s, ROBUST_SLICE_WORK); i++)
        ;
    robust_done(ui);
    return session_robust_complete(ui->s);
}

/* A long verdict (a hybrid naming criteria) gets a second row. */
static int verdict_rows_needed(Ui *ui)
{
    char *summary = evaluation_summary(ui->s->eval, ui->ds);
    int need = 1 + text_width(ui, "Verdict: ") + text_width(ui, summary);
    free(summary);
    return need > ui->width ? 2 : 1;
}

void ui_weights_changed(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    if (verdict_rows_needed(ui) != ui->lay.verdict.h && !ui->lay.too_small)
        ui->dirty |= DIRTY_LAYOUT;
    if (db->sort == BROWSE_WEIGHT || db->sort == BROWSE_CONTRIBUTION)
        dashboard_rebuild_list(ui); /* the order follows the weights; the selection stays */
    db->detail_stale = true;
    ui->dirty |= DIRTY_HEADER | DIRTY_LIST | DIRTY_DETAIL | DIRTY_TOTALS | DIRTY_STATUS;
}

void ui_weight_changed(Ui *ui, int c)
{
    Dashboard *db = dashboard_of(ui);
    /* A team's summary in the details follows every weight, and a list in
     * the order of the weights or contributions moves: all of it. */
    if (ui->s->team || db->sort == BROWSE_WEIGHT || db->sort == BROWSE_CONTRIBUTION) {
        ui_weights_changed(ui);
        return;
    }
    if (verdict_rows_needed(ui) != ui->lay.verdict.h && !ui->lay.too_small)
        ui->dirty |= DIRTY_LAYOUT;
    /* Two rows changed before one redraw: the whole list. */
    if ((ui->dirty & DIRTY_ROW) && db->changed_row != c)
        ui->dirty |= DIRTY_LIST;
    db->changed_row = c;
    ui->dirty |= DIRTY_ROW | DIRTY_FLIPS | DIRTY_TOTALS | DIRTY_STATUS;
    if (header_weights_changed(ui))
        ui->dirty |= DIRTY_HEADER;
    /* The details' weight line follows its own weight; another criterion's
     * moves its shares and restarts the estimate the details explain: those
     * lines are rebuilt (all of it when stale). The estimate's lines of the
     * criterion's own weight follow with the estimate's first slice. */
    db->detail_due |= c == dashboard_criterion(ui) ? DETAIL_PART_WEIGHT
                                                    : DETAIL_PART_WEIGHT | DETAIL_PART_ROBUST;
    ui->dirty |= db->detail_stale ? DIRTY_DETAIL : DIRTY_DETAIL_WEIGHT;
}

/* ---- layout -------------------------------------------------------------------- */

void dashboard_layout(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    LayoutOptions lo = {
        .npanes = (int)db->nshown,
        .ntotals = (int)ui->ds->nstacks,
        /* the rows the list can fill: a filter that leaves few gives the
         * rest to the details */
        .ncriteria = db->nview > 0 ? (int)db->nview : 1,
        /* focus on the details gives them the height, like Enter */
        .detail_expanded = db->detail_expanded || db->focus == FOCUS_DETAIL,
        .verdict_rows = 1,
    };
    /* A flip names who would lead there: any of the stacks, shown or not. */
    for (size_t i = 0; i < ui->ds->nstacks; i++) {
        int w = text_width(ui, ui->ds->stacks[i].name);
        if (w > lo.flip_name_w)
            lo.flip_name_w = w;
    }
    lo.verdict_rows = verdict_rows_needed(ui);
    bool was_compact = ui->lay.compact;
    int had_panes = ui->lay.npanes;
    layout_compute(&ui->lay, ui->width, ui->height, &lo);
    /* Again, now that the widths are known: sized to what the details hold. */
    if (!ui->lay.too_small) {
        /* Rows to spare go by priority: the details whole, then under
         * each total where its points come from and where it loses most
         * (they explain the verdict), and only then each source's note:
         * the notes show if every criterion's details still fit whole
         * beside the whole list with them and the totals keep the lines
         * they have without them; else the details go without. */
        db->detail_notes = false;
        db->detail_fit_notes = false; /* until the next build decides */
        lo.detail_rows = detail_rows_needed(ui);
        layout_compute(&ui->lay, ui->width, ui->height, &lo);
        Layout plain = ui->lay;
        int plain_rows = lo.detail_rows;
        /* Without a row to spare beside the whole list the notes cannot
         * fit: the area could only grow by the list's or the totals' rows,
         * which they may not take (so no second count of every criterion). */
        bool room = !plain.compact && plain.detail.h - 1 > plain_rows && plain.list.h >= lo.ncriteria;
        if (room) {
            db->detail_notes = true;
            lo.detail_rows = detail_rows_needed(ui);
            layout_compute(&ui->lay, ui->width, ui->height, &lo);
        }
        if (!room || ui->lay.compact || ui->lay.detail.h - 1 < lo.detail_rows || ui->lay.list.h < lo.ncriteria ||
            ui->lay.totals_breakdown != plain.totals_breakdown || ui->lay.totals_behind != plain.totals_behind) {
            db->detail_notes = false;
            lo.detail_rows = plain_rows;
            ui->lay = plain;
        }
    }
    if (!ui->lay.too_small && !ui->lay.compact && ui->lay.npanes < (int)db->nshown &&
        ui->lay.npanes != had_panes)
        ui_message(ui, MSG_INFO, "%d of the %zu chosen stacks fit side by side: widen the terminal "
                                 "for the rest", ui->lay.npanes, db->nshown);
    if (ui->lay.compact != was_compact && db->focus == FOCUS_DETAIL && !db->detail_expanded)
        db->focus = FOCUS_LIST;
    dashboard_ensure_visible(ui);
}
