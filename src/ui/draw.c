/* draw.c: painting the main screen into curses' virtual screen, one area
 * at a time and only the areas marked dirty; doupdate then sends the
 * terminal just the cells that changed. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/detail.h"
#include "core/trend.h"
#include "ui/dashboard.h"
#include "ui/live.h"
#include "ui/ui_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#ifndef VERSUS_VERSION
#define VERSUS_VERSION "unknown"
#endif

/* The stack drawn in pane p. */
static int pane_stack(const Ui *ui, int p)
{
    const Dashboard *db = dashboard_of(ui);
    if (ui->lay.compact)
        return db->shown[db->compact_pane < db->nshown ? db->compact_pane : 0];
    return (size_t)p < db->nshown ? db->shown[p] : -1;
}

/* The better of the shown stacks on criterion c, or -1 on a tie. */
static int better_stack(const Ui *ui, int c)
{
    const Dashboard *db = dashboard_of(ui);
    return detail_better_stack(ui->ds, c, db->shown, db->nshown);
}

ThemeRole ui_stack_role(const Ui *ui, int stack)
{
    const Dashboard *db = dashboard_of(ui);
    /* The colour follows the stack's position among the shown ones, so two
     * stacks side by side never share a colour. */
    for (size_t i = 0; i < db->nshown; i++)
        if (db->shown[i] == stack)
            return theme_stack_role(i);
    return theme_stack_role((size_t)stack);
}

/* The criterion's name for a space of maxw columns: its title where the
 * title fits, else its short label (capitalised, as names in a list are),
 * else whichever is shorter, cut with an ellipsis by put_text_cut. */
const char *criterion_name(const Ui *ui, int c, int maxw, char *buf, size_t bufsz)
{
    const Criterion *cr = &ui->ds->criteria[c];
    if (!cr->label || !cr->label[0] || text_width(ui, cr->title) <= maxw)
        return cr->title;
    snprintf(buf, bufsz, "%s", cr->label);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    if (text_width(ui, buf) <= maxw || text_width(ui, buf) < text_width(ui, cr->title))
        return buf;
    return cr->title;
}

/* The text searched for or filtered by, whose matches are marked; NULL
 * when there is none. */
static const char *mark_needle(const Ui *ui)
{
    const Dashboard *db = dashboard_of(ui);
    if (view_is_open(ui, VIEW_FILTER) || db->filter[0])
        return db->filter[0] ? db->filter : NULL;
    return db->search[0] ? db->search : NULL;
}

/* Marks each match of the needle in text, drawn at (y, x) in at most maxw
 * columns (bold when the text is), by redrawing it in the input role. */
static void mark_matches(Ui *ui, int y, int x, int maxw, bool bold, const char *text)
{
    const char *needle = mark_needle(ui);
    if (!needle || !text)
        return;
    size_t nlen = strlen(needle);
    const char *p = text;
    long at;
    while ((at = browse_find(p, needle)) >= 0) {
        char *before = xstrndup(text, (size_t)(p - text) + (size_t)at);
        char *hit = xstrndup(p + at, nlen);
        int col = text_width(ui, before);
        free(before);
        if (col < maxw)
            put_styled(ui, y, x + col, maxw - col, ROLE_INPUT, bold, hit);
        free(hit);
        p += at + (long)nlen;
    }
}

/* Where a row matched the search or filter when its name on the list does
 * not show it ("in the question", "in Python's rationale"...), shortened to
 * fit beside the name in maxw columns, down to one letter; the name gives
 * up room for that letter rather than hide where the row matched. Returns
 * the tag's width (0: no tag). */
static int match_tag(const Ui *ui, int c, const char *name, int maxw, char *out, size_t outsz)
{
    const char *needle = mark_needle(ui);
    if (!needle || browse_find(name, needle) >= 0)
        return 0;
    int stack = -1;
    BrowseField f = browse_match(ui->ds, (size_t)c, needle, NULL, &stack);
    if (f == FIELD_NONE)
        return 0;
    const char *field = browse_field_name(f);
    char forms[4][96];
    if (f == FIELD_RATIONALE && stack >= 0)
        snprintf(forms[0], sizeof forms[0], "in %.48s's %s", ui->ds->stacks[stack].name, field);
    else
        snprintf(forms[0], sizeof forms[0], "in the %s", field);
    snprintf(forms[1], sizeof forms[1], "in %s", field);
    snprintf(forms[2], sizeof forms[2], "%s", field);
    snprintf(forms[3], sizeof forms[3], "%c", field[0] - 'a' + 'A');
    int room = maxw - text_width(ui, name) - 1;
    for (int i = 0; i < 4; i++) {
        int w = text_width(ui, forms[i]);
        if (w <= room || (i == 3 && w < maxw - 1)) {
            snprintf(out, outsz, "%.95s", forms[i]);
            return w;
        }
    }
    return 0;
}

/* ---- header -------------------------------------------------------------- */

bool header_weights_changed(const Ui *ui)
{
    const Dashboard *db = dashboard_of(ui);
    char *now = session_weights_text(ui->s, WEIGHTS_DETAIL_MAX);
    bool changed = strcmp(now, db->header_weights) != 0;
    free(now);
    return changed;
}

/* The weights' name as the header shows it at a shortening level, for
 * the defaults (p == -2), custom weights (-1, at their shortest) or preset
 * p: the core's words (session_weights_text), the word "preset" dropped
 * from level 3 on. */
static char *header_weights(const Ui *ui, int p, int level)
{
    const Team *t = ui->s->team;
    if (t) {
        bool adjusted = session_team_adjusted(ui->s);
        return xasprintf("team of %zu%s", t->count, adjusted ? (level >= 3 ? "*" : ", adjusted") : "");
    }
    if (p == -2)
        return xstrdup(weights_kind_name(WEIGHTS_DEFAULTS));
    if (p < 0)
        return xstrdup(weights_kind_name(WEIGHTS_CUSTOM));
    return xasprintf("%s%s", level >= 3 ? "" : "preset ", ui->ds->presets[p].id);
}

/* The header's fields, always in this order: the program, the stacks, the
 * weights, then (right-aligned, so they stay put) the data's date and where
 * the figures come from. Narrower terminals shorten the fields step by step
 * before any is dropped, and the step is chosen for the longest weights
 * name the header could show, so choosing a preset never makes other
 * fields appear or vanish. */
void draw_header(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    Rect r = ui->lay.header;
    fill_row(ui, r.y, 0, r.w, ROLE_HEADER);
    const char *sep = ui->utf8 ? " \u2502 " : " | ";
    int sepw = text_width(ui, sep);
    StrBuf stacks = STRBUF_INIT;
    for (size_t i = 0; i < db->nshown; i++)
        sb_appendf(&stacks, "%s%s", i ? " vs " : "", ui->ds->stacks[db->shown[i]].name);
    WeightsOrigin origin = session_weights_origin(ui->s);
    char *shown = session_weights_text(ui->s, WEIGHTS_DETAIL_MAX);
    snprintf(db->header_weights, sizeof db->header_weights, "%s", shown);
    free(shown);
    const char *stats = live_status(ui->live);
    /* Room kept for the figures' status, which changes as fetches go. */
    int stats_w = text_width(ui, stats) > 16 ? text_width(ui, stats) : 16;
    enum { LEVELS = 8 };
    int level = 0;
    for (; level < LEVELS - 1; level++) {
        int worst = 0;
        for (int k = -2; k < (int)ui->ds->npresets; k++) {
            char *w = header_weights(ui, k, level);
            int ww = text_width(ui, w);
            worst = ww > worst ? ww : worst;
            free(w);
        }
        if (level >= 5 && worst > 14)
            worst = 14;
        int need = 1 + (level >= 6 ? 0 : level >= 4 ? 6 : 7 + (int)strlen(VERSUS_VERSION)) +
                   (level >= 6 ? 0 : sepw) + text_width(ui, sb_str(&stacks)) + sepw + worst +
                   (level >= 7 ? 0 : sepw + (level >= 2 ? 0 : 5) + (int)strlen(ui->ds->date)) + sepw +
                   (level >= 1 ? 0 : 7) + stats_w + 1;
        if (need <= r.w)
            break;
    }
    char *weights = header_weights(ui, origin.kind == WEIGHTS_PRESET     ? origin.preset
                                       : origin.kind == WEIGHTS_DEFAULTS ? -2
                                                                         : -1,
                                   level);
    char *left = xasprintf(" %s%s%s%s%s", level >= 6 ? "" : level >= 4 ? "versus" : "versus " VERSUS_VERSION,
                           level >= 6 ? "" : sep, sb_str(&stacks), sep, "");
    char *right = level >= 7 ? xasprintf("%s%s ", level >= 1 ? "" : "stats: ", stats)
                             : xasprintf("%s%s%s%s%s ", level >= 2 ? "" : "data ", ui->ds->date, sep,
                                         level >= 1 ? "" : "stats: ", stats);
    int x = put_styled(ui, r.y, 0, r.w, ROLE_HEADER, true, left);
    int rw = text_width(ui, right);
    int room = r.w - x - rw - sepw;
    if (room < 4) { /* not even the weights fit beside the right part: cut the whole line */
        char *all = xasprintf("%s%s%s%s", left, weights, sep, right);
        put_styled_cut(ui, r.y, 0, r.w, ROLE_HEADER, true, all);
        free(all);
    } else {
        /* Custom weights say what they started from where the room the
         * longest other name keeps allows: "custom, from cms-rapid, 2 changed". */
        for (int detail = WEIGHTS_DETAIL_MAX; origin.kind == WEIGHTS_CUSTOM && level < 3 && detail > 0;
             detail--) {
            char *rich = session_weights_text(ui->s, detail);
            if (text_width(ui, rich) <= room) {
                free(weights);
                weights = rich;
                break;
            }
            free(rich);
        }
        x += put_styled_cut(ui, r.y, x, room, ROLE_HEADER, true, weights);
        put_styled(ui, r.y, r.w - rw - sepw + 1, sepw, ROLE_HEADER, true, sep + 1);
        put_styled(ui, r.y, r.w - rw, rw, ROLE_HEADER, true, right);
    }
    /* Where "N failed" is, for a click to open the evidence view there. */
    db->header_failed_x[0] = db->header_failed_x[1] = -1;
    const char *failed = strstr(right, " failed");
    if (failed && room >= 4) {
        const char *start = failed;
        while (start > right && start[-1] >= '0' && start[-1] <= '9')
            start--;
        char *before = xstrndup(right, (size_t)(start - right));
        db->header_failed_x[0] = r.w - rw + text_width(ui, before);
        db->header_failed_x[1] = db->header_failed_x[0] + (int)(failed - start) + 7;
        free(before);
    }
    free(left);
    free(right);
    free(weights);
    sb_free(&stacks);
}

/* ---- criteria list and stack panes ---------------------------------------- */

/* After a pane's stack name: the runtime line a team would pick today and
 * its end of life, " 26 LTS to 2029-04", marked when under 12 months away.
 * Draws the longest form that fits in w (nothing when none does) and returns
 * its width; with draw false only measures it. */
static int draw_support_window(Ui *ui, int y, int x, int w, int stack, bool draw)
{
    const Stack *sk = &ui->ds->stacks[stack];
    if (!sk->runtime || w < 3)
        return 0;
    const RuntimeInfo *info = runtime_table_find(ui->s->runtimes, sk->runtime);
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, time(NULL));
    int c = runtime_pick_cycle(info, (RuntimePick)sk->runtime_pick, today);
    if (c < 0)
        return 0;
    const RuntimeCycle *cy = &info->cycles[c];
    bool soon = runtime_eol_soon(cy, today);
    /* The longest form that fits: " 26 LTS to 2029-04", " 26 LTS 2029-04",
     * " 26 LTS", " 26"; a line near its end keeps a "!" in every form. */
    const char *lts = sk->runtime_pick == RUNTIME_PICK_LTS ? " LTS" : "";
    const char *mark = soon ? " !" : "";
    char eol[8];
    snprintf(eol, sizeof eol, "%.7s", cy->eol[0] ? cy->eol : "?");
    char forms[4][96];
    snprintf(forms[0], sizeof forms[0], " %s%s to %s%s", cy->cycle, lts, eol, soon ? " EOL soon" : "");
    snprintf(forms[1], sizeof forms[1], " %s%s %s%s", cy->cycle, lts, eol, mark);
    snprintf(forms[2], sizeof forms[2], " %s%s%s", cy->cycle, lts, mark);
    snprintf(forms[3], sizeof forms[3], " %s%s", cy->cycle, mark);
    const char *text = NULL;
    for (int i = 0; i < 4 && !text; i++)
        if (text_width(ui, forms[i]) <= w)
            text = forms[i];
    if (!text)
        return 0;
    return draw ? put_text(ui, y, x, w, soon ? ROLE_WARNING : ROLE_DIM, text) : text_width(ui, text);
}

static void draw_list_head(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    int y = l->list_head.y;
    fill_row(ui, y, 0, l->width, ROLE_TITLE);
    char title[TEXT_INPUT_MAX + 64];
    bool scrolls = db->nview > (size_t)l->list.h;
    /* Which ways the list goes on: up, down, or both mid-list. */
    bool above = db->top > 0, below = db->top + (size_t)l->list.h < db->nview;
    char arrows[16];
    snprintf(arrows, sizeof arrows, "%s%s", scrolls && above ? ui->g->up : "",
             scrolls && below ? ui->g->down : "");
    static const char *const by[BROWSE_SORT_COUNT] = { "", " by weight", " by gap", " by contribution" };
    if (db->filter[0])
        snprintf(title, sizeof title, "\\%s: %zu of %zu%s", db->filter, db->nview, ui->ds->ncriteria,
                 by[db->sort]);
    else if (scrolls)
        snprintf(title, sizeof title, "Criteria %zu/%zu %s%s", db->sel + 1, db->nview, arrows,
                 by[db->sort]);
    else
        snprintf(title, sizeof title, "Criteria (%zu)%s", ui->ds->ncriteria, by[db->sort]);
    put_text_cut(ui, y, l->name_x, l->name_w, ROLE_TITLE, title);
    put_text(ui, y, l->slider_x, l->slider_w + 3, ROLE_TITLE, "Weight");
    if (l->flip_w)
        put_text(ui, y, l->flip_x, l->flip_w, ROLE_TITLE, l->flip_w >= LAYOUT_FLIP_LONG ? "Flips" : "Flip");
    for (int p = 0; p < l->npanes; p++) {
        Rect pr = l->panes[p];
        int st = pane_stack(ui, p);
        put_text(ui, y, pr.x, 1, ROLE_BORDER, ui->g->vline);
        int name_room = l->compact && l->pane_more_n > 0 ? l->pane_more_off - 2 : pr.w - 3;
        int used = put_styled_cut(ui, y, pr.x + 2, name_room, ui_stack_role(ui, st), true,
                                  ui->ds->stacks[st].name);
        /* The runtime line next to the name; in compact, the key that shows
         * the other stack at the end of the title, two columns clear of it,
         * where there is room left for it. */
        const KeyDef *focus = keymap_find(SCOPE_MAIN, ACT_FOCUS);
        int hint_w = l->compact && db->nshown > 1 && focus ? text_width(ui, focus->keys) : 0;
        int rt_room = name_room - used, rest = rt_room - hint_w - 2;
        /* the runtime keeps a form (a shorter one) beside the hint, or the hint goes */
        if (hint_w && rest >= 0 &&
            (draw_support_window(ui, y, 0, rest, st, false) > 0 ||
             draw_support_window(ui, y, 0, rt_room, st, false) == 0))
            rt_room = rest;
        else
            hint_w = 0;
        used += draw_support_window(ui, y, pr.x + 2 + used, rt_room, st, true);
        if (hint_w && used + 2 + hint_w <= name_room)
            put_text(ui, y, pr.x + 2 + name_room - hint_w, hint_w, ROLE_DIM, focus->keys);
        if (l->compact && l->pane_more_n > 0) {
            /* the other scores' column titles: each stack's name, cut */
            int k = 0;
            for (size_t i = 0; i < db->nshown && k < l->pane_more_n; i++) {
                if (db->shown[i] == st)
                    continue;
                put_styled_cut(ui, y, pr.x + l->pane_more_off + k * 6 + 1, 5,
                               ui_stack_role(ui, db->shown[i]), true, ui->ds->stacks[db->shown[i]].name);
                k++;
            }
        }
    }
}

static void draw_flip(Ui *ui, int y, int c, ThemeRole base)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    if (!l->flip_w)
        return;
    int to, fw = evaluation_flip(ui->s->eval, (size_t)c, &to);
    db->flip_shown[c] = fw;
    db->flip_shown_to[c] = to;
    if (fw < 0)
        return;
    ThemeRole role = base == ROLE_SELECTED ? base : ROLE_FLIP;
    char buf[24];
    if (l->flip_named && to >= 0) {
        /* "at 10 → Python": the weight, then who would lead there, in its colour */
        snprintf(buf, sizeof buf, "at %d %s ", fw, ui->utf8 ? "\u2192" : ">");
        int used = put_text(ui, y, l->flip_x, l->flip_w, role, buf);
        put_text_cut(ui, y, l->flip_x + used, l->flip_w - used,
                     base == ROLE_SELECTED ? base : ui_stack_role(ui, to), ui->ds->stacks[to].name);
        return;
    }
    if (l->flip_w >= LAYOUT_FLIP_LONG)
        snprintf(buf, sizeof buf, "flips at %d", fw);
    else
        snprintf(buf, sizeof buf, "at %d", fw);
    put_text(ui, y, l->flip_x, l->flip_w, role, buf);
}

static void draw_pane_cell(Ui *ui, int y, int p, int c, bool selected)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    Rect pr = l->panes[p];
    int st = pane_stack(ui, p);
    ThemeRole base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    fill_row(ui, y, pr.x, pr.w, base);
    put_text(ui, y, pr.x, 1, selected ? ROLE_SELECTED : ROLE_BORDER, ui->g->vline);
    double score = ui->ds->criteria[c].by_stack[st].score;
    bool better = better_stack(ui, c) == st;
    ThemeRole fill = selected ? ROLE_SELECTED : ui_stack_role(ui, st);
    put_bar(ui, y, pr.x + l->pane_bar_off, l->pane_bar_w, score / 10.0, fill, base, " ");
    ThemeRole num = selected ? ROLE_SELECTED : better ? ROLE_BETTER : ROLE_NORMAL;
    put_styledf(ui, y, pr.x + l->pane_num_off, 4, num, better, "%4.1f", score);
    if (better)
        put_styled(ui, y, pr.x + l->pane_mark_off, 1, num, better, ui->g->better);
    /* Compact: the other shown stacks' scores beside, in their colours. */
    int k = 0;
    for (size_t i = 0; i < db->nshown && k < l->pane_more_n; i++) {
        int other = db->shown[i];
        if (other == st)
            continue;
        double sc = ui->ds->criteria[c].by_stack[other].score;
        bool ob = better_stack(ui, c) == other;
        ThemeRole role = selected ? ROLE_SELECTED : ob ? ROLE_BETTER : ui_stack_role(ui, other);
        int x = pr.x + l->pane_more_off + k * 6;
        put_styledf(ui, y, x, 5, role, ob, " %4.1f", sc);
        if (ob)
            put_styled(ui, y, x + 5, 1, role, ob, ui->g->better);
        k++;
    }
}

/* A row's weight: its slider and number. */
static void draw_weight(Ui *ui, int y, int c, ThemeRole base)
{
    const Layout *l = &ui->lay;
    /* Numerators over the session's scale: whole weights unless a team's. */
    long num = ui->s->weights[c], scale = ui->s->scale;
    const Team *team = ui->s->team;
    for (int i = 0; i < l->slider_w; i++) {
        bool on = i * 10 * scale < num * l->slider_w;
        ThemeRole role = base == ROLE_SELECTED ? base : on ? ROLE_SLIDER : ROLE_SLIDER_EMPTY;
        /* A team's spread: the cells from the lowest member's weight to the
         * highest's are marked. */
        bool spread = team && team->max[c] > team->min[c] &&
                      (i + 1) * 10 > team->min[c] * l->slider_w &&
                      i * 10 < team->max[c] * l->slider_w;
        if (spread && base != ROLE_SELECTED)
            role = ROLE_FLIP;
        put_styled(ui, y, l->slider_x + i, 1, role, spread, on ? ui->g->slider_on : ui->g->slider_off);
    }
    put_styledf(ui, y, l->weight_x, 2, base, true, "%2ld", (num + scale / 2) / scale);
}

/* The role a shown row is drawn on. */
static ThemeRole row_base(const Ui *ui, size_t vi)
{
    const Dashboard *db = dashboard_of(ui);
    bool selected = vi == db->sel;
    bool dim_sel = selected && db->focus == FOCUS_DETAIL;
    return selected && !dim_sel ? ROLE_SELECTED : ROLE_NORMAL;
}

static void draw_list_row(Ui *ui, int row)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    int y = l->list.y + row;
    size_t vi = db->top + (size_t)row;
    if (vi >= db->nview) {
        fill_row(ui, y, 0, l->width, ROLE_NORMAL);
        for (int p = 0; p < l->npanes; p++)
            put_text(ui, y, l->panes[p].x, 1, ROLE_BORDER, ui->g->vline);
        if (db->nview == 0 && row == 0)
            put_textf_cut(ui, y, l->name_x, l->list.w - 2, ROLE_WARNING,
                          "no criterion matches \"%s\": Esc clears the filter", db->filter);
        return;
    }
    int c = db->view[vi];
    bool selected = vi == db->sel;
    bool dim_sel = selected && db->focus == FOCUS_DETAIL;
    ThemeRole base = selected && !dim_sel ? ROLE_SELECTED : ROLE_NORMAL;
    fill_row(ui, y, 0, l->list.w, base);
    put_text(ui, y, 0, 1, base, selected ? (ui->utf8 ? "\u25b8" : ">") : " ");
    char label[256];
    const char *name = criterion_name(ui, c, l->name_w, label, sizeof label);
    char tag[96];
    int tag_w = match_tag(ui, c, name, l->name_w, tag, sizeof tag);
    int name_w = tag_w ? l->name_w - tag_w - 1 : l->name_w;
    put_styled_cut(ui, y, l->name_x, name_w, base, dim_sel, name);
    if (text_width(ui, name) <= name_w)
        mark_matches(ui, y, l->name_x, name_w, dim_sel, name);
    if (tag_w)
        put_text(ui, y, l->name_x + l->name_w - tag_w, tag_w, ROLE_INPUT, tag);
    draw_weight(ui, y, c, base);
    draw_flip(ui, y, c, base);
    for (int p = 0; p < l->npanes; p++)
        draw_pane_cell(ui, y, p, c, selected && !dim_sel);
}

static void draw_list(Ui *ui)
{
    for (int r = 0; r < ui->lay.list.h; r++)
        draw_list_row(ui, r);
}

/* After one weight changed: that criterion's slider and number, if shown
 * (nothing else on its row depends on the weight; draw_flips does the flip). */
static void draw_changed_row(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    for (int r = 0; r < ui->lay.list.h && db->top + (size_t)r < db->nview; r++) {
        size_t vi = db->top + (size_t)r;
        if (db->view[vi] == db->changed_row)
            draw_weight(ui, ui->lay.list.y + r, db->changed_row, row_base(ui, vi));
    }
}

/* After one weight changed: every shown row's flip point. */
static void draw_flips(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    if (!l->flip_w)
        return;
    for (int r = 0; r < l->list.h && db->top + (size_t)r < db->nview; r++) {
        size_t vi = db->top + (size_t)r;
        int c = db->view[vi];
        int to, fw = evaluation_flip(ui->s->eval, (size_t)c, &to);
        if (db->flip_shown[c] == fw && db->flip_shown_to[c] == to)
            continue;
        ThemeRole base = row_base(ui, vi);
        fill_row(ui, l->list.y + r, l->flip_x, l->flip_w, base);
        draw_flip(ui, l->list.y + r, c, base);
    }
}

/* ---- detail area ------------------------------------------------------------ */

void detail_free(Dashboard *db)
{
    DetailText t = { .lines = db->detail, .count = db->ndetail };
    detail_text_free(&t);
    db->detail = NULL;
    db->ndetail = 0;
}

/* What a style of the details' text is drawn in. */
static ThemeRole detail_role(const Ui *ui, DetailStyle style)
{
    const Dashboard *db = dashboard_of(ui);
    switch (style) {
    case DETAIL_NORMAL: return ROLE_NORMAL;
    case DETAIL_DIM: return ROLE_DIM;
    case DETAIL_TITLE: return ROLE_TITLE;
    case DETAIL_WARNING: return ROLE_WARNING;
    case DETAIL_ERROR: return ROLE_ERROR;
    case DETAIL_BETTER: return ROLE_BETTER;
    case DETAIL_SPARK: return ROLE_SPARK;
    case DETAIL_SLIDER_EMPTY: return ROLE_SLIDER_EMPTY;
    case DETAIL_STACK: break;
    }
    int place = (int)style - DETAIL_STACK;
    /* by place among the shown stacks, as ui_stack_role colours them */
    return place >= 0 && (size_t)place < db->nshown ? ui_stack_role(ui, db->shown[place])
                                                    : theme_stack_role((size_t)(place < 0 ? 0 : place));
}

/* The all-criteria sums only change when the figures do, yet the details
 * are rebuilt on every key: they are kept until the stats change
 * (ui_stats_changed clears all_downloads_known). */
static const TrendSum *all_downloads(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    if (!db->all_downloads_known) {
        for (size_t i = 0; i < ui->ds->nstacks; i++)
            db->all_downloads[i] = trend_stack_downloads(ui->ds, ui->s->stats, i, -1);
        db->all_downloads_known = true;
    }
    return db->all_downloads;
}

/* The details' input: what the selection, the layout and the options say.
 * dg and panes are the caller's, for the call's duration. */
static DetailInput detail_input(Ui *ui, DetailGlyphs *dg, int panes[LAYOUT_PANES_MAX])
{
    Dashboard *db = dashboard_of(ui);
    const Glyphs *g = ui->g;
    *dg = (DetailGlyphs){ .better = g->better, .ellipsis = g->ellipsis, .slider_off = g->slider_off };
    memcpy(dg->bar, g->bar, sizeof dg->bar);
    memcpy(dg->spark, g->spark, sizeof dg->spark);
    int np = ui->lay.compact ? 1 : ui->lay.npanes;
    for (int i = 0; i < np && i < LAYOUT_PANES_MAX; i++)
        panes[i] = pane_stack(ui, i);
    return (DetailInput){
        .s = ui->s,
        .ds = ui->ds,
        .criterion = dashboard_criterion(ui),
        .width = ui->lay.detail.w,
        .weight_line = ui->lay.detail.h >= 12,
        .compact = ui->lay.compact,
        .npanes = ui->lay.npanes,
        .panes = panes,
        .shown = db->shown,
        .nshown = db->nshown,
        .utf8 = ui->utf8,
        .g = dg,
        .log_scale = db->log_scale,
        .notes = db->detail_notes || db->detail_fit_notes,
        .all_downloads = all_downloads(ui),
        .now = time(NULL),
    };
}

/* The details for the selected criterion at the layout's width, built by
 * core/detail.c; this file only paints them. */
static void build_detail(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    detail_free(db);
    db->detail_stale = false;
    DetailGlyphs dg;
    int panes[LAYOUT_PANES_MAX];
    /* The area is sized to the tallest details without the notes when
     * not all of them fit with them; this criterion's may still fit. */
    db->detail_fit_notes = false;
    if (!db->detail_notes && !ui->lay.compact && ui->lay.detail.h > 1) {
        db->detail_fit_notes = true;
        DetailInput with = detail_input(ui, &dg, panes);
        db->detail_fit_notes = detail_rows(&with) <= (size_t)(ui->lay.detail.h - 1);
    }
    DetailInput in = detail_input(ui, &dg, panes);
    DetailText t;
    detail_build(&in, &t);
    db->detail = t.lines;
    db->ndetail = t.count;
    db->detail_weight_row = t.weight_row;
    db->detail_weight_lines = t.weight_lines;
    db->detail_robust_row = t.robust_row;
    db->detail_key = detail_key(&in);
    db->detail_due = 0;
}

/* The parts due (db->detail_due) rebuilt in the built details, changed[]
 * (ndetail entries, or NULL) marking the lines that now read differently;
 * false: built anew instead (stale, built for something else, or the
 * parts no longer take as many lines). */
static bool refresh_detail(Ui *ui, bool *changed)
{
    Dashboard *db = dashboard_of(ui);
    DetailGlyphs dg;
    int panes[LAYOUT_PANES_MAX];
    DetailInput in = detail_input(ui, &dg, panes);
    DetailKey k = detail_key(&in);
    if (!db->detail_stale && detail_key_same(&k, &db->detail_key)) {
        DetailText t = { db->detail, db->ndetail, db->detail_weight_row, db->detail_weight_lines,
                         db->detail_robust_row };
        if (!db->detail_due || detail_refresh(&in, &t, db->detail_due, changed)) {
            db->detail_due = 0;
            return true;
        }
    }
    build_detail(ui);
    return false;
}

/* The built details, with the parts due rebuilt, unless stale (the figures
 * changed) or built for another criterion, size, column or option: then
 * built anew. */
static void ensure_detail(Ui *ui) { refresh_detail(ui, NULL); }

int detail_rows_needed(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    /* The most lines over the selected criterion and the first few: enough
     * to size the area once per layout, so moving through the list never
     * makes it jump. Counted, not built: the selection's are built when
     * drawn. */
    size_t keep_sel = db->sel;
    int most = 0;
    size_t n = db->nview < 32 ? db->nview : 32;
    for (size_t i = 0; i <= n; i++) {
        size_t vi = i < n ? i : keep_sel;
        if (vi >= db->nview || (i < n && vi == keep_sel))
            continue; /* the selection's once */
        db->sel = vi;
        DetailGlyphs dg;
        int panes[LAYOUT_PANES_MAX];
        DetailInput in = detail_input(ui, &dg, panes);
        size_t rows = detail_rows(&in);
        most = (int)rows > most ? (int)rows : most;
    }
    db->sel = keep_sel;
    return most;
}

/* Row i of the details' body, from the built lines. */
static void draw_detail_line(Ui *ui, int i)
{
    Dashboard *db = dashboard_of(ui);
    Rect r = ui->lay.detail;
    int y = r.y + 1 + i;
    fill_row(ui, y, 0, r.w, ROLE_NORMAL);
    size_t li = (size_t)(db->detail_scroll + i);
    if (li >= db->ndetail)
        return;
    const DetailLine *dl = &db->detail[li];
    int end = 0;
    for (size_t k = 0; k < dl->count; k++) {
        const DetailSpan *sp = &dl->spans[k];
        /* Each span may run to the next span's start (or the edge). */
        int limit = (sp->right < r.w ? sp->right : r.w) - sp->x;
        for (size_t j = 0; j < dl->count; j++)
            if (dl->spans[j].x > sp->x && dl->spans[j].x - sp->x < limit)
                limit = dl->spans[j].x - sp->x;
        int took = put_styled(ui, y, sp->x, limit, detail_role(ui, sp->style), sp->bold, sp->text);
        mark_matches(ui, y, sp->x, limit, sp->bold, sp->text);
        end = sp->x + took > end ? sp->x + took : end;
    }
    /* The last row shown, with more below: say the text goes on. */
    int body = r.h - 1;
    bool more_below = db->detail_scroll + body < (int)db->ndetail;
    if (i == body - 1 && more_below && dl->continues && end > 0)
        put_text(ui, y, end < r.w - 1 ? end : r.w - 2, 1, ROLE_DIM, ui->g->ellipsis);
}

static void draw_detail(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    Rect r = ui->lay.detail;
    if (r.h <= 0)
        return;
    ensure_detail(ui);
    int body = r.h - 1;
    int max = (int)db->ndetail - body;
    if (db->detail_scroll > max)
        db->detail_scroll = max > 0 ? max : 0;

    /* Title rule: the criterion, and how to get around. */
    bool focused = db->focus == FOCUS_DETAIL;
    fill_row(ui, r.y, 0, r.w, ROLE_BORDER);
    put_glyphs(ui, r.y, 0, r.w, ROLE_BORDER, ui->g->hline);
    int c = dashboard_criterion(ui);
    char label[256];
    char *title = xasprintf(" %s%s ", focused ? (ui->utf8 ? "\u25b8 " : "> ") : "",
                            c >= 0 ? criterion_name(ui, c, r.w - 8 - (focused ? 2 : 0) - 20, label,
                                                    sizeof label)
                                   : "no criterion");
    int used = put_styled_cut(ui, r.y, 2, r.w - 4, focused ? ROLE_SELECTED : ROLE_TITLE, true, title);
    free(title);
    char hint[96];
    bool more_below = db->detail_scroll + body < (int)db->ndetail;
    snprintf(hint, sizeof hint, " %s%s%s%s ", db->detail_scroll > 0 ? ui->g->up : "",
             more_below ? ui->g->down : "", db->detail_scroll > 0 || more_below ? " " : "",
             ui->lay.compact ? "Enter closes" : focused ? "Tab: list" : "Tab: scroll here");
    int hw = text_width(ui, hint);
    /* Tab to scroll only says something when there is something to scroll. */
    bool scrolls = db->detail_scroll > 0 || more_below;
    if (c >= 0 && (scrolls || focused || ui->lay.compact) && 2 + used + hw + 2 <= r.w)
        put_text(ui, r.y, r.w - hw - 2, hw, ROLE_DIM, hint);

    for (int i = 0; i < body; i++)
        draw_detail_line(ui, i);
}

/* After a weight changed or the estimate moved: the details' weight line
 * and robustness lines rebuilt in place, and only the lines that now read
 * differently repainted; the whole details when they no longer take as
 * many lines (or were built for something else). */
static void draw_detail_parts(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    if (ui->lay.detail.h <= 0)
        return; /* rebuilt when next drawn (detail_due) */
    bool *changed = db->ndetail ? xcalloc(db->ndetail, sizeof *changed) : NULL;
    if (!refresh_detail(ui, changed)) {
        free(changed);
        draw_detail(ui);
        return;
    }
    int body = ui->lay.detail.h - 1;
    for (int i = 0; i < body; i++) {
        size_t li = (size_t)(db->detail_scroll + i);
        if (li < db->ndetail && changed[li])
            draw_detail_line(ui, i);
    }
    free(changed);
}

/* ---- totals, verdict, status, key bar ------------------------------------------ */

/* Under a total, where its points come from: the criteria adding the
 * most to it, biggest first, as many as fit. */
static void draw_breakdown(Ui *ui, int y, int stack)
{
    const Layout *l = &ui->lay;
    const Evaluation *ev = ui->s->eval;
    fill_row(ui, y, 0, l->width, ROLE_NORMAL);
    if (!ev->has_total || stack < 0)
        return;
    int top[8];
    size_t ntop = evaluation_top_contrib(ev, (size_t)stack, top, 8);
    int x = l->total_bar_x, right = l->width - 1;
    int k = put_text(ui, y, x, right - x, ROLE_DIM, "most from: ");
    x += k;
    for (size_t shown = 0; shown < ntop; shown++) {
        int best = top[shown];
        double bv = evaluation_contrib(ev, (size_t)best, (size_t)stack);
        char label[256];
        const char *name = criterion_name(ui, best, 0, label, sizeof label);
        char *piece = xasprintf("%s%s %.1f", shown ? (ui->utf8 ? " \u00b7 " : " - ") : "", name, bv);
        int w = text_width(ui, piece);
        if (x + w > right) {
            free(piece);
            break;
        }
        x += put_text(ui, y, x, right - x, ROLE_DIM, piece);
        free(piece);
    }
}

/* Under a total's breakdown, where it loses most to its rival: the
 * criteria on which the rival gains the most points over it, biggest
 * first, as many as fit. */
static void draw_behind(Ui *ui, int y, int stack, int rival)
{
    const Layout *l = &ui->lay;
    const Evaluation *ev = ui->s->eval;
    fill_row(ui, y, 0, l->width, ROLE_NORMAL);
    if (!ev->has_total || stack < 0 || rival < 0 || rival == stack)
        return;
    size_t nc = ui->ds->ncriteria;
    bool *used = xcalloc(nc ? nc : 1, sizeof *used);
    int x = l->total_bar_x, right = l->width - 1;
    char *head = xasprintf("loses to %s on: ", ui->ds->stacks[rival].name);
    int shown = 0;
    for (; shown < 8; shown++) {
        int best = -1;
        double bv = 0;
        for (size_t c = 0; c < nc; c++) {
            double v = evaluation_contrib(ev, c, (size_t)rival) - evaluation_contrib(ev, c, (size_t)stack);
            if (!used[c] && v > 0.05 && (best < 0 || v > bv)) {
                best = (int)c;
                bv = v;
            }
        }
        if (best < 0)
            break;
        used[best] = true;
        char label[256];
        const char *name = criterion_name(ui, best, 0, label, sizeof label);
        char *piece = xasprintf("%s%s %.1f", shown ? (ui->utf8 ? " \u00b7 " : " - ") : head, name, bv);
        int w = text_width(ui, piece);
        if (x + w > right) {
            free(piece);
            break;
        }
        x += put_text(ui, y, x, right - x, ROLE_DIM, piece);
        free(piece);
    }
    if (shown == 0)
        put_textf_cut(ui, y, x, right - x, ROLE_DIM, "loses to %s on no criterion",
                      ui->ds->stacks[rival].name);
    free(head);
    free(used);
}

static void draw_totals(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    const Layout *l = &ui->lay;
    const Evaluation *ev = ui->s->eval;
    Rect r = l->totals;
    int y = r.y;
    if (l->totals_titled) {
        fill_row(ui, y, 0, r.w, ROLE_BORDER);
        put_glyphs(ui, y, 0, r.w, ROLE_BORDER, ui->g->hline);
        put_styled(ui, y, 2, r.w - 4, ROLE_TITLE, true, " Totals (0..100) ");
        y++;
    }
    /* Shown stacks first, then the others. */
    int order[STACKS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < db->nshown; i++)
        order[n++] = db->shown[i];
    for (size_t s = 0; s < ui->ds->nstacks && n < STACKS_MAX; s++) {
        bool seen = false;
        for (size_t i = 0; i < db->nshown; i++)
            seen = seen || db->shown[i] == (int)s;
        if (!seen)
            order[n++] = (int)s;
    }
    /* Beyond two stacks the order of the panes says little: rank the shown
     * ones by total, leader first (a stable insertion sort keeps pane order
     * among equals). */
    if (db->nshown > 2 && ev->has_total) {
        for (size_t i = 1; i < db->nshown; i++) {
            int v = order[i];
            size_t k = i;
            while (k > 0 && ev->totals[order[k - 1]] < ev->totals[v]) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = v;
        }
    }
    /* Each total's rival: the leader's is the runner-up, the others' the
     * leader. */
    int runner_up = -1;
    for (size_t i = 0; i < n && (size_t)i < (size_t)l->ntotals; i++)
        if (order[i] != ev->leader && (runner_up < 0 || ev->totals[order[i]] > ev->totals[runner_up]))
            runner_up = order[i];
    for (int i = 0; i < l->ntotals; i++, y++) {
        if (l->totals_breakdown && i > 0)
            draw_breakdown(ui, y++, order[i - 1]);
        if (l->totals_behind && i > 0)
            draw_behind(ui, y++, order[i - 1], order[i - 1] == ev->leader ? runner_up : ev->leader);
        fill_row(ui, y, 0, r.w, ROLE_NORMAL);
        if ((size_t)i >= n)
            continue;
        int s = order[i];
        bool leader = ev->has_total && ev->leader == s;
        put_styled_cut(ui, y, 1, l->total_label_w, ui_stack_role(ui, s), true, ui->ds->stacks[s].name);
        if (!ev->has_total) {
            put_text(ui, y, l->total_num_x, 5, ROLE_DIM, "    -");
            continue;
        }
        put_bar(ui, y, l->total_bar_x, l->total_bar_w, ev->totals[s] / 100.0, ui_stack_role(ui, s),
                ROLE_SLIDER_EMPTY, ui->g->slider_off);
        put_styledf(ui, y, l->total_num_x, 5, leader ? ROLE_BETTER : ROLE_NORMAL, leader, "%5.*f",
                    TOTAL_DECIMALS, evaluation_printed_total(ev, (size_t)s, TOTAL_DECIMALS));
        if (leader)
            put_styledf(ui, y, l->total_num_x + 6, r.w - l->total_num_x - 6, ROLE_BETTER, true, "%s leads",
                        ui->g->better);
        else
            put_styledf(ui, y, l->total_num_x + 6, r.w - l->total_num_x - 6, ROLE_DIM, false, "%+.*f",
                        TOTAL_DECIMALS,
                        evaluation_printed_gap(ev, (size_t)s, (size_t)ev->leader, TOTAL_DECIMALS));
    }
    if (l->totals_breakdown && l->ntotals > 0 && (size_t)l->ntotals <= n)
        draw_breakdown(ui, y++, order[l->ntotals - 1]);
    if (l->totals_behind && l->ntotals > 0 && (size_t)l->ntotals <= n) {
        int last = order[l->ntotals - 1];
        draw_behind(ui, y, last, last == ev->leader ? runner_up : ev->leader);
    }
}

/* How sure the verdict is, after it where there is room: the full form,
 * else the brief one, else on the verdict's second row. */
static bool draw_robustness(Ui *ui, int y, int x, int right, bool own_row)
{
    const char *sep = own_row ? "" : ui->utf8 ? " \xc2\xb7 " : " - ";
    for (int brief = 0; brief < 2; brief++) {
        char *text = session_robust_text(ui->s, ui->utf8, brief);
        if (!text)
            return true;
        char *line = xasprintf("%s%s", sep, text);
        free(text);
        bool fits = text_width(ui, line) <= right - x;
        if (fits)
            put_text(ui, y, x, right - x, ROLE_NORMAL, line);
        free(line);
        if (fits)
            return true;
    }
    return false;
}

static void draw_verdict(Ui *ui)
{
    Rect r = ui->lay.verdict;
    for (int i = 0; i < r.h; i++)
        fill_row(ui, r.y + i, 0, r.w, ROLE_NORMAL);
    char *summary = evaluation_summary(ui->s->eval, ui->ds);
    int used = put_styled(ui, r.y, 1, r.w - 1, ROLE_TITLE, true, "Verdict: ");
    int width = r.w - 1 - used;
    int last_y = r.y, last_x = 1 + used;
    if (r.h < 2 || text_width(ui, summary) <= width) {
        last_x += put_styled_cut(ui, r.y, 1 + used, width, ROLE_VERDICT, true, summary);
    } else {
        /* Two rows, the second indented under the first. */
        size_t *starts, *lens;
        size_t n = text_wrap(ui, summary, width, &starts, &lens);
        for (size_t i = 0; i < n && i < 2; i++) {
            const char *rest = summary + starts[i];
            char *line = i + 1 < 2 ? xstrndup(rest, lens[i]) : xstrdup(rest);
            int w = put_styled_cut(ui, r.y + (int)i, 1 + used, width, ROLE_VERDICT, true, line);
            last_y = r.y + (int)i;
            last_x = 1 + used + w;
            free(line);
        }
        free(starts);
        free(lens);
    }
    free(summary);
    /* Nothing fitted after a one-row verdict: its second row, if it has one. */
    if (!draw_robustness(ui, last_y, last_x, r.w, false) && last_y == r.y && r.h >= 2)
        draw_robustness(ui, r.y + 1, 1 + used, r.w, true);
}

static void draw_status(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    Rect r = ui->lay.status;
    if (view_top(ui) == VIEW_FILTER || view_top(ui) == VIEW_CONFIRM)
        return; /* the dialog owns the line */
    fill_row(ui, r.y, 0, r.w, ROLE_STATUS);
    if (ui->msg) {
        ThemeRole role = ui->msg_kind == MSG_ERROR     ? ROLE_ERROR
                         : ui->msg_kind == MSG_WARNING ? ROLE_WARNING
                                                       : ROLE_STATUS;
        put_text_cut(ui, r.y, 1, r.w - 1, role, ui->msg);
        return;
    }
    int c = dashboard_criterion(ui);
    if (c < 0) {
        put_text(ui, r.y, 1, r.w - 1, ROLE_STATUS, "no criterion selected; Esc clears the filter");
        return;
    }
    StrBuf sb = STRBUF_INIT;
    const Criterion *cr = &ui->ds->criteria[c];
    for (size_t i = 0; i < db->nshown; i++)
        sb_appendf(&sb, "%s%s %.1f", i ? " vs " : "", ui->ds->stacks[db->shown[i]].name,
                   cr->by_stack[db->shown[i]].score);
    char wt[16];
    ui_weight_text(ui, c, wt);
    sb_appendf(&sb, " %s weight %s", ui->g->dot, wt);
    /* Then the hints, each whole or not at all. */
    char weigh[32];
    snprintf(weigh, sizeof weigh, "%s 0-9 weigh", ui->utf8 ? "\u2190\u2192" : "h/l");
    const char *hints[3] = { weigh, "Enter details", "? keys" };
    size_t nhints = 3;
    if (db->focus == FOCUS_DETAIL && !ui->lay.compact) {
        hints[0] = "Up/Down scroll the details";
        hints[1] = "Tab back";
        nhints = 2;
    }
    int w = text_width(ui, sb_str(&sb));
    for (size_t i = 0; i < nhints; i++) {
        int add = 3 + text_width(ui, hints[i]);
        if (w + add > r.w - 2)
            break;
        sb_appendf(&sb, " %s %s", ui->g->dot, hints[i]);
        w += add;
    }
    put_text_cut(ui, r.y, 1, r.w - 1, ROLE_STATUS, sb_str(&sb));
    sb_free(&sb);
}

/* The key bar in the first form that fits, each step least important
 * first (the key table's bar_rank): "F1/? Help  F2/P Preset ..." without
 * the entries that are not essential, then single spaces, then essential
 * entries shortened to their last key and short label ("? Help", "/ Find"),
 * then dropped, but for those always shown. Entries keep the table's order
 * (bar_pos). */
enum { BAR_FULL, BAR_SHORT, BAR_DROPPED };

static int keybar_entry_width(Ui *ui, const KeyDef *it, const char *keys, int state)
{
    const char *k = keys, *label = it->bar;
    if (state == BAR_SHORT) {
        const char *last = strrchr(it->keys, ' ');
        if (!it->bar_arrows)
            k = last ? last + 1 : it->keys;
        label = it->bar_short ? it->bar_short : it->bar;
    }
    return text_width(ui, k) + 1 + text_width(ui, label);
}

static void draw_keybar(Ui *ui)
{
    Dashboard *db = dashboard_of(ui);
    Rect r = ui->lay.keybar;
    fill_row(ui, r.y, 0, r.w, ROLE_KEY_LABEL);
    const KeyDef *items[KEYBAR_MAX];
    size_t n = keymap_bar_items(SCOPE_MAIN, items, KEYBAR_MAX);
    char keys[KEYBAR_MAX][32];
    int state[KEYBAR_MAX];
    size_t by_rank[KEYBAR_MAX]; /* least important first */
    for (size_t i = 0; i < n; i++) {
        if (items[i]->bar_arrows && !ui->utf8)
            snprintf(keys[i], sizeof keys[i], "%s", ui->g->left_right);
        else
            keymap_bar_keys(items[i], keys[i], sizeof keys[i]);
        state[i] = BAR_FULL;
        by_rank[i] = i;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && items[by_rank[j - 1]]->bar_rank < items[by_rank[j]]->bar_rank; j--) {
            size_t t = by_rank[j];
            by_rank[j] = by_rank[j - 1];
            by_rank[j - 1] = t;
        }
    int sep = 2;
    /* steps: drop each entry not essential; single spaces; shorten each
     * essential one; drop each of those */
    for (size_t step = 0; step <= 3 * n; step++) {
        int need = -sep;
        for (size_t i = 0; i < n; i++)
            if (state[i] != BAR_DROPPED)
                need += keybar_entry_width(ui, items[i], keys[i], state[i]) + sep;
        if (need <= r.w)
            break;
        if (step < n) {
            const KeyDef *it = items[by_rank[step]];
            if (!it->essential && !it->bar_always)
                state[by_rank[step]] = BAR_DROPPED;
        } else if (step == n) {
            sep = 1;
        } else if (step <= 2 * n) {
            if (state[by_rank[step - n - 1]] == BAR_FULL)
                state[by_rank[step - n - 1]] = BAR_SHORT;
        } else if (!items[by_rank[step - 2 * n - 1]]->bar_always) {
            state[by_rank[step - 2 * n - 1]] = BAR_DROPPED;
        }
    }
    int x = 0;
    for (size_t i = 0; i < KEYBAR_MAX; i++)
        db->keybar_x[i][0] = db->keybar_x[i][1] = -1;
    for (size_t i = 0; i < n && x < r.w; i++) {
        const KeyDef *it = items[i];
        if (state[i] == BAR_DROPPED)
            continue;
        const char *k = keys[i], *label = it->bar;
        if (state[i] == BAR_SHORT) {
            const char *last = strrchr(it->keys, ' ');
            if (!it->bar_arrows)
                k = last ? last + 1 : it->keys;
            label = it->bar_short ? it->bar_short : it->bar;
        }
        int start = x;
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY, k);
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY_LABEL, " ");
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY_LABEL, label);
        db->keybar_x[i][0] = start;
        db->keybar_x[i][1] = x;
        x += sep;
    }
}

/* ---- full-screen views' key bars ------------------------------------------- */

void draw_view_keybar(Ui *ui, KeyScope scope, int xs[KEYBAR_MAX][2])
{
    int y = ui->height - 1;
    fill_row(ui, y, 0, ui->width, ROLE_KEY_LABEL);
    const KeyDef *items[KEYBAR_MAX];
    size_t n = keymap_bar_items(scope, items, KEYBAR_MAX);
    /* The view's own keys, then the main screen's help and quit, which
     * work in every view. */
    const KeyDef *global[2] = { keymap_find(SCOPE_MAIN, ACT_HELP), keymap_find(SCOPE_MAIN, ACT_QUIT) };
    for (size_t i = 0; i < 2 && n < KEYBAR_MAX; i++)
        if (global[i])
            items[n++] = global[i];
    int x = 0;
    for (size_t i = 0; i < KEYBAR_MAX; i++)
        xs[i][0] = xs[i][1] = -1;
    for (size_t i = 0; i < n; i++) {
        char k[32];
        if (items[i]->bar_arrows && !ui->utf8)
            snprintf(k, sizeof k, "%s", ui->g->left_right);
        else
            keymap_bar_keys(items[i], k, sizeof k);
        int need = text_width(ui, k) + 1 + text_width(ui, items[i]->bar);
        if (x + need > ui->width)
            break;
        xs[i][0] = x;
        x += put_text(ui, y, x, ui->width - x, ROLE_KEY, k);
        x += put_text(ui, y, x, ui->width - x, ROLE_KEY_LABEL, " ");
        x += put_text(ui, y, x, ui->width - x, ROLE_KEY_LABEL, items[i]->bar);
        xs[i][1] = x;
        x += 2;
    }
}

Action view_keybar_hit(KeyScope scope, int xs[KEYBAR_MAX][2], int x)
{
    const KeyDef *items[KEYBAR_MAX];
    size_t n = keymap_bar_items(scope, items, KEYBAR_MAX);
    const KeyDef *global[2] = { keymap_find(SCOPE_MAIN, ACT_HELP), keymap_find(SCOPE_MAIN, ACT_QUIT) };
    for (size_t i = 0; i < 2 && n < KEYBAR_MAX; i++)
        if (global[i])
            items[n++] = global[i];
    for (size_t i = 0; i < n; i++)
        if (xs[i][0] >= 0 && x >= xs[i][0] && x < xs[i][1])
            return items[i]->bar_arrows ? ACT_NONE : items[i]->action;
    return ACT_NONE;
}

/* ---- the whole screen ------------------------------------------------------ */

static void draw_too_small(Ui *ui)
{
    erase();
    char msg[96];
    snprintf(msg, sizeof msg, "terminal too small: %dx%d, needs at least %dx%d", ui->width,
             ui->height, ui->lay.min_w, ui->lay.min_h);
    size_t *starts, *lens;
    size_t n = text_wrap(ui, msg, ui->width, &starts, &lens);
    int y0 = (ui->height - (int)n) / 2;
    /* ncurses 6.4 reads before the line when it writes the bottom-right
     * cell of a one-column screen on terminals like tmux's (valgrind sees
     * it); that cell stays blank. */
    int last_row = ui->width == 1 ? ui->height - 2 : ui->height - 1;
    for (size_t i = 0; i < n; i++) {
        if ((y0 > 0 ? y0 : 0) + (int)i > last_row)
            break;
        char line[96];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], msg + starts[i]);
        int x = (ui->width - (int)lens[i]) / 2;
        put_text(ui, (y0 > 0 ? y0 : 0) + (int)i, x > 0 ? x : 0, ui->width, ROLE_WARNING, line);
    }
    free(starts);
    free(lens);
}

/* The dashboard's painting: only the areas marked dirty. */
void draw_dashboard(Ui *ui, View *v, unsigned d)
{
    (void)v;
    if (d & DIRTY_HEADER)
        draw_header(ui);
    if (d & DIRTY_LIST) {
        draw_list_head(ui);
        draw_list(ui);
    } else {
        if (d & DIRTY_FLIPS)
            draw_flips(ui);
        if (d & DIRTY_ROW)
            draw_changed_row(ui);
    }
    if (d & DIRTY_DETAIL)
        draw_detail(ui);
    else if (d & (DIRTY_DETAIL_WEIGHT | DIRTY_DETAIL_ROBUST))
        draw_detail_parts(ui);
    if (d & DIRTY_TOTALS) {
        draw_totals(ui);
        draw_verdict(ui);
    } else if (d & DIRTY_VERDICT) {
        draw_verdict(ui); /* the estimate says how sure it is there; the totals stay */
    }
    if (d & DIRTY_STATUS)
        draw_status(ui);
    if (d & DIRTY_KEYBAR)
        draw_keybar(ui);
}

void draw_screen(Ui *ui)
{
    unsigned d = ui->dirty;
    ui->dirty = 0;
    ui->cursor_y = ui->cursor_x = -1;
    if (ui->lay.too_small)
        draw_too_small(ui);
    else
        views_draw(ui, d); /* the screen's view, then each dialog over it */
    if (ui->cursor_y >= 0) {
        curs_set(1);
        move(ui->cursor_y, ui->cursor_x);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
}
