/* presets.c: the preset picker and the side-by-side comparison of the
 * defaults, every preset and the current weights. Each is a view holding
 * its selection and the outcomes it shows, computed when it opens. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "ui/view.h"
#include "util/xalloc.h"

/* A list of scenarios to choose from. */
typedef struct PickView {
    View base;
    size_t sel;
    Scenarios *scen; /* the outcomes shown, for the weights when it opened */
} PickView;

/* ---- outcomes of the scenarios -------------------------------------------------------- */

/* Computed when a picker opens, for the weights of that moment. */
static void refresh_scenarios(Ui *ui, PickView *pv)
{
    scenarios_free(pv->scen);
    pv->scen = scenarios_compute(ui->s);
}

static void close_scenarios(PickView *pv)
{
    scenarios_free(pv->scen);
    pv->scen = NULL;
}

static void pick_free(View *v) { close_scenarios((PickView *)v); }

/* "Node.js by 6.6, 71%" / "hybrid, Node.js by 2.1, 55%" / "no total" */
static char *outcome_text(const Ui *ui, const Scenario *sc)
{
    if (!sc->has_total)
        return xstrdup("no total");
    char share[8];
    session_format_share(sc->share, share);
    const char *lead = ui->ds->stacks[sc->leader].name;
    bool hybrid = strcmp(sc->winner, "hybrid") == 0;
    return xasprintf("%s%s by %.*f, %s", hybrid ? "hybrid, " : "", lead, TOTAL_DECIMALS,
                     evaluation_printed_margin(sc->ev, TOTAL_DECIMALS), share);
}

/* Applies a scenario's weights as one change. */
static void apply_scenario(Ui *ui, const Scenario *sc)
{
    switch (sc->kind) {
    case SCENARIO_DEFAULTS:
        session_reset(ui->s);
        ui_message(ui, MSG_INFO, "weights reset to the data's defaults");
        break;
    case SCENARIO_PRESET: {
        const Preset *p = &ui->ds->presets[sc->preset];
        session_apply_preset(ui->s, (size_t)sc->preset);
        ui_message(ui, MSG_INFO, "preset %s: %s", p->id, p->description);
        break;
    }
    case SCENARIO_CURRENT:
        ui_message(ui, MSG_INFO, "the current weights are kept");
        break;
    }
    ui_weights_changed(ui);
}

/* ---- preset picker ----------------------------------------------------------------- */

void dialog_open_presets(Ui *ui)
{
    PickView *pv = (PickView *)ui_view(ui, VIEW_PRESETS);
    if (ui->ds->npresets == 0) {
        ui_message(ui, MSG_WARNING, "the data has no presets");
        return;
    }
    refresh_scenarios(ui, pv);
    int cur = session_matching_preset(ui->s);
    pv->sel = cur >= 0 ? (size_t)cur : 0;
    view_push(ui, VIEW_PRESETS);
    ui->dirty |= DIRTY_OVERLAY;
}

static void presets_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    PickView *pv = (PickView *)v;
    const Dataset *ds = ui->ds;
    int idw = 0;
    for (size_t p = 0; p < ds->npresets; p++) {
        int w = text_width(ui, ds->presets[p].id);
        idw = w > idw ? w : idw;
    }
    /* The outcomes in one column, as wide as the widest. */
    int outw = 0;
    for (size_t p = 0; pv->scen && p < ds->npresets && p + 1 < pv->scen->count; p++) {
        char *out = outcome_text(ui, &pv->scen->items[p + 1]);
        int w = text_width(ui, out);
        outw = w > outw ? w : outw;
        free(out);
    }
    Box b = centred_box(ui, (int)ds->npresets + 6, idw + 80 + outw);
    draw_box(ui, b, "Presets");
    if (outw + 2 > (b.w - 8 - idw) / 2)
        outw = 0; /* too narrow: the descriptions matter more */
    int rows = b.h - 6;
    size_t first = pv->sel >= (size_t)rows ? pv->sel - (size_t)rows + 1 : 0;
    int cur = session_matching_preset(ui->s);
    for (int i = 0; i < rows && first + (size_t)i < ds->npresets; i++) {
        size_t p = first + (size_t)i;
        int y = b.y + 1 + i;
        bool sel = p == pv->sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, y, b.x + 1, b.w - 2, role);
        put_text(ui, y, b.x + 2, 2, role, (int)p == cur ? ui->g->better : " ");
        put_styled(ui, y, b.x + 4, idw, role, true, ds->presets[p].id);
        /* What the preset would give, before it is applied. */
        int ow = 0;
        if (outw > 0) {
            char *out = outcome_text(ui, &pv->scen->items[p + 1]);
            ow = outw + 2;
            put_text(ui, y, b.x + b.w - 2 - outw, outw, role, out);
            free(out);
        }
        put_text_cut(ui, y, b.x + 6 + idw, b.w - 8 - idw - ow, role, ds->presets[p].description);
    }
    /* The chosen preset's description in full, over two rows at most. */
    const char *desc = ds->presets[pv->sel].description;
    size_t *starts, *lens;
    size_t nl = text_wrap(ui, desc ? desc : "", b.w - 4, &starts, &lens);
    for (size_t i = 0; i < nl && i < 2; i++) {
        char *line = xstrndup(desc + starts[i], lens[i]);
        put_text(ui, b.y + b.h - 4 + (int)i, b.x + 2, b.w - 4, ROLE_DIALOG_TITLE, line);
        free(line);
    }
    free(starts);
    free(lens);
    char footer[160];
    put_textf_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG, "%s  (%s: the current weights)",
              keymap_footer(SCOPE_PRESETS, footer, sizeof footer), ui->g->better);
}

/* Up/Down round the list, Home/End to its ends: whether a was one. */
static bool pick_move(size_t *sel, size_t n, Action a)
{
    switch (a) {
    case DLG_DOWN: *sel = (*sel + 1) % n; return true;
    case DLG_UP: *sel = (*sel + n - 1) % n; return true;
    case DLG_FIRST: *sel = 0; return true;
    case DLG_LAST: *sel = n - 1; return true;
    default: return false;
    }
}

static bool presets_key(Ui *ui, View *v, int key)
{
    PickView *pv = (PickView *)v;
    size_t n = ui->ds->npresets;
    Action a = keymap_action(SCOPE_PRESETS, key);
    if (pick_move(&pv->sel, n, a)) {
        /* the selection moved: repainted below */
    } else if (a == DLG_ACCEPT) {
        bool custom = session_matching_preset(ui->s) < 0 && !session_is_default(ui->s);
        session_apply_preset(ui->s, pv->sel);
        close_scenarios(pv);
        view_pop(ui);
        ui_weights_changed(ui);
        const Preset *p = &ui->ds->presets[pv->sel];
        ui_message(ui, MSG_INFO, "preset %s: %s%s", p->id, p->description,
                   custom ? " (z brings the custom weights back)" : "");
        return true;
    } else if (a == DLG_CANCEL) {
        close_scenarios(pv);
        view_pop(ui);
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- preset comparison ------------------------------------------------------------- */

void dialog_open_compare(Ui *ui)
{
    PickView *pv = (PickView *)ui_view(ui, VIEW_COMPARE);
    refresh_scenarios(ui, pv);
    pv->sel = pv->scen->count - 1; /* the current weights */
    view_push(ui, VIEW_COMPARE);
    ui->dirty |= DIRTY_OVERLAY;
}

/* One table: scenario, each stack's total, verdict, margin, share. */
static void compare_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    PickView *pv = (PickView *)v;
    const Dataset *ds = ui->ds;
    const Scenarios *sc = pv->scen;
    int namew = 8;
    for (size_t i = 0; i < sc->count; i++) {
        int w = text_width(ui, sc->items[i].name);
        namew = w > namew ? w : namew;
    }
    if (namew > 24)
        namew = 24;
    int colw = 9;
    int want = 4 + namew + 2 + (int)ds->nstacks * colw + 10 + 8 + 8 + 2;
    Box b = centred_box(ui, (int)sc->count + 6, want);
    draw_box(ui, b, "Compare the presets");
    int x0 = b.x + 2, y = b.y + 1;
    /* Stacks beyond the box's width are left out, from the last. */
    int room = b.w - 4 - 2 - namew - 2 - 10 - 8 - 8;
    size_t nst = ds->nstacks;
    while (nst > 0 && (int)nst * colw > room)
        nst--;
    int x = x0 + 2;
    put_styled(ui, y, x, namew, ROLE_DIALOG_TITLE, true, "scenario");
    x += namew + 2;
    for (size_t s = 0; s < nst; s++, x += colw)
        put_styled_cut(ui, y, x, colw - 1, ROLE_DIALOG_TITLE, true, ds->stacks[s].name);
    put_styled(ui, y, x, 10, ROLE_DIALOG_TITLE, true, "verdict");
    put_styled(ui, y, x + 10, 8, ROLE_DIALOG_TITLE, true, "margin");
    put_styled(ui, y, x + 18, 8, ROLE_DIALOG_TITLE, true, "robust");
    int rows = b.h - 5;
    size_t first = pv->sel >= (size_t)rows ? pv->sel - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < sc->count; i++) {
        size_t k = first + (size_t)i;
        const Scenario *it = &sc->items[k];
        int yy = y + 1 + i;
        bool sel = k == pv->sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, yy, b.x + 1, b.w - 2, role);
        x = x0 + 2;
        put_styled_cut(ui, yy, x, namew, role, it->kind != SCENARIO_PRESET, it->name);
        x += namew + 2;
        for (size_t s = 0; s < nst; s++, x += colw) {
            if (!it->has_total) {
                put_text(ui, yy, x, colw, role, "    -");
                continue;
            }
            put_styledf(ui, yy, x, colw, role, (int)s == it->leader, "%5.*f", TOTAL_DECIMALS,
                        evaluation_printed_total(it->ev, s, TOTAL_DECIMALS));
        }
        if (!it->has_total) {
            put_text(ui, yy, x, 10, role, "none");
            continue;
        }
        bool hybrid = strcmp(it->winner, "hybrid") == 0;
        put_text_cut(ui, yy, x, 9, role, hybrid ? "hybrid" : ds->stacks[it->leader].name);
        put_textf(ui, yy, x + 10, 8, role, "%5.*f", TOTAL_DECIMALS,
                  evaluation_printed_margin(it->ev, TOTAL_DECIMALS));
        char share[8];
        session_format_share(it->share, share);
        put_textf(ui, yy, x + 18, 8, role, "%5s", share);
    }
    char footer[160];
    put_textf_cut(ui, b.y + b.h - 2, x0, b.w - 4, ROLE_DIALOG,
              "%s; robust: the leader's share within %s%g",
              keymap_footer(SCOPE_COMPARE, footer, sizeof footer),
              ui->utf8 ? "\xc2\xb1" : "+/-", ui->s->robust_opt.spread);
}

static bool compare_key(Ui *ui, View *v, int key)
{
    PickView *pv = (PickView *)v;
    size_t n = pv->scen->count;
    Action a = keymap_action(SCOPE_COMPARE, key);
    if (pick_move(&pv->sel, n, a)) {
        /* the selection moved: repainted below */
    } else if (a == DLG_ACCEPT) {
        view_pop(ui);
        apply_scenario(ui, &pv->scen->items[pv->sel]);
        close_scenarios(pv);
        return true;
    } else if (a == DLG_CANCEL) {
        close_scenarios(pv);
        view_pop(ui);
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}


const ViewOps presets_view_ops = {
    .name = "presets",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = presets_draw,
    .key = presets_key,
    .free = pick_free,
    .size = sizeof(PickView),
};

const ViewOps compare_view_ops = {
    .name = "compare",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = compare_draw,
    .key = compare_key,
    .free = pick_free,
    .size = sizeof(PickView),
};
