/* draw.c: painting the main screen into curses' virtual screen, one area
 * at a time and only the areas marked dirty; doupdate then sends the
 * terminal just the cells that changed. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/trend.h"
#include "ui/live.h"
#include "ui/ui_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#ifndef VERSUS_VERSION
#define VERSUS_VERSION "unknown"
#endif

int pane_stack(const Ui *ui, int p)
{
    if (ui->lay.compact)
        return ui->shown[ui->compact_pane < ui->nshown ? ui->compact_pane : 0];
    return (size_t)p < ui->nshown ? ui->shown[p] : -1;
}

int better_stack(const Ui *ui, int c)
{
    const Criterion *cr = &ui->ds->criteria[c];
    int best = -1, best_t = -1;
    bool tie = false;
    for (size_t i = 0; i < ui->nshown; i++) {
        int t = score_tenths(cr->by_stack[ui->shown[i]].score);
        if (t > best_t) {
            best_t = t;
            best = ui->shown[i];
            tie = false;
        } else if (t == best_t) {
            tie = true;
        }
    }
    return tie ? -1 : best;
}

ThemeRole ui_stack_role(const Ui *ui, int stack)
{
    /* The colour follows the stack's position among the shown ones, so two
     * stacks side by side never share a colour. */
    for (size_t i = 0; i < ui->nshown; i++)
        if (ui->shown[i] == stack)
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
    if (view_is_open(ui, VIEW_FILTER) || ui->filter[0])
        return ui->filter[0] ? ui->filter : NULL;
    return ui->search[0] ? ui->search : NULL;
}

/* Marks each match of the needle in text, drawn at (y, x) in at most maxw
 * columns, by redrawing it in the input role. */
static void mark_matches(Ui *ui, int y, int x, int maxw, const char *text)
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
            put_text(ui, y, x + col, maxw - col, ROLE_INPUT, hit);
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

const char *header_weights_name(const Ui *ui)
{
    int p = session_matching_preset(ui->s);
    return p >= 0 ? ui->ds->presets[p].id : session_is_default(ui->s) ? "default weights" : "custom";
}

/* The weights' name as the header shows it at a shortening level. */
static char *header_weights(const Ui *ui, int p, bool is_default, int level)
{
    const Team *t = ui->s->team;
    if (t) {
        bool adjusted = session_team_adjusted(ui->s);
        return xasprintf("team of %zu%s", t->count, adjusted ? (level >= 3 ? "*" : ", adjusted") : "");
    }
    if (p < 0)
        return xstrdup(is_default ? (level >= 3 ? "defaults" : "default weights") : "custom");
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
    Rect r = ui->lay.header;
    fill_row(ui, r.y, 0, r.w, ROLE_HEADER);
    const char *sep = ui->utf8 ? " \u2502 " : " | ";
    int sepw = text_width(ui, sep);
    StrBuf stacks = STRBUF_INIT;
    for (size_t i = 0; i < ui->nshown; i++)
        sb_appendf(&stacks, "%s%s", i ? " vs " : "", ui->ds->stacks[ui->shown[i]].name);
    int p = session_matching_preset(ui->s);
    bool is_default = p < 0 && session_is_default(ui->s);
    ui->header_weights = header_weights_name(ui);
    const char *stats = live_status(ui->live);
    /* Room kept for the figures' status, which changes as fetches go. */
    int stats_w = text_width(ui, stats) > 16 ? text_width(ui, stats) : 16;
    enum { LEVELS = 8 };
    int level = 0;
    for (; level < LEVELS - 1; level++) {
        int worst = 0;
        for (int k = -2; k < (int)ui->ds->npresets; k++) {
            char *w = header_weights(ui, k < 0 ? -1 : k, k == -2, level);
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
    char *weights = header_weights(ui, p, is_default, level);
    char *left = xasprintf(" %s%s%s%s%s", level >= 6 ? "" : level >= 4 ? "versus" : "versus " VERSUS_VERSION,
                           level >= 6 ? "" : sep, sb_str(&stacks), sep, "");
    char *right = level >= 7 ? xasprintf("%s%s ", level >= 1 ? "" : "stats: ", stats)
                             : xasprintf("%s%s%s%s%s ", level >= 2 ? "" : "data ", ui->ds->date, sep,
                                         level >= 1 ? "" : "stats: ", stats);
    put_bold(ui, true);
    int x = put_text(ui, r.y, 0, r.w, ROLE_HEADER, left);
    int rw = text_width(ui, right);
    int room = r.w - x - rw - sepw;
    if (room < 4) { /* not even the weights fit beside the right part: cut the whole line */
        char *all = xasprintf("%s%s%s%s", left, weights, sep, right);
        put_text_cut(ui, r.y, 0, r.w, ROLE_HEADER, all);
        free(all);
    } else {
        x += put_text_cut(ui, r.y, x, room, ROLE_HEADER, weights);
        put_text(ui, r.y, r.w - rw - sepw + 1, sepw, ROLE_HEADER, sep + 1);
        put_text(ui, r.y, r.w - rw, rw, ROLE_HEADER, right);
    }
    put_bold(ui, false);
    /* Where "N failed" is, for a click to open the evidence view there. */
    ui->header_failed_x[0] = ui->header_failed_x[1] = -1;
    const char *failed = strstr(right, " failed");
    if (failed && room >= 4) {
        const char *start = failed;
        while (start > right && start[-1] >= '0' && start[-1] <= '9')
            start--;
        char *before = xstrndup(right, (size_t)(start - right));
        ui->header_failed_x[0] = r.w - rw + text_width(ui, before);
        ui->header_failed_x[1] = ui->header_failed_x[0] + (int)(failed - start) + 7;
        free(before);
    }
    free(left);
    free(right);
    free(weights);
    sb_free(&stacks);
}

/* ---- criteria list and stack panes ---------------------------------------- */

/* After a pane's stack name: the runtime line a team would pick today and
 * its end of life, " 26 LTS to 2029-04", marked when under 12 months away. */
static void draw_support_window(Ui *ui, int y, int x, int w, int stack)
{
    const Stack *sk = &ui->ds->stacks[stack];
    if (!sk->runtime || w < 6)
        return;
    const RuntimeInfo *info = runtime_table_find(ui->s->runtimes, sk->runtime);
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, time(NULL));
    int c = runtime_pick_cycle(info, (RuntimePick)sk->runtime_pick, today);
    if (c < 0)
        return;
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
    const char *text = forms[3];
    for (int i = 0; i < 4; i++)
        if (text_width(ui, forms[i]) <= w) {
            text = forms[i];
            break;
        }
    put_text_cut(ui, y, x, w, soon ? ROLE_WARNING : ROLE_DIM, text);
}

static void draw_list_head(Ui *ui)
{
    const Layout *l = &ui->lay;
    int y = l->list_head.y;
    fill_row(ui, y, 0, l->width, ROLE_TITLE);
    char title[TEXT_INPUT_MAX + 64];
    bool scrolls = ui->nview > (size_t)l->list.h;
    /* Which ways the list goes on: up, down, or both mid-list. */
    bool above = ui->top > 0, below = ui->top + (size_t)l->list.h < ui->nview;
    char arrows[16];
    snprintf(arrows, sizeof arrows, "%s%s", scrolls && above ? ui->g->up : "",
             scrolls && below ? ui->g->down : "");
    static const char *const by[BROWSE_SORT_COUNT] = { "", " by weight", " by gap", " by contribution" };
    if (ui->filter[0])
        snprintf(title, sizeof title, "\\%s: %zu of %zu%s", ui->filter, ui->nview, ui->ds->ncriteria,
                 by[ui->sort]);
    else if (scrolls)
        snprintf(title, sizeof title, "Criteria %zu/%zu %s%s", ui->sel + 1, ui->nview, arrows,
                 by[ui->sort]);
    else
        snprintf(title, sizeof title, "Criteria (%zu)%s", ui->ds->ncriteria, by[ui->sort]);
    put_text_cut(ui, y, l->name_x, l->name_w, ROLE_TITLE, title);
    put_text(ui, y, l->slider_x, l->slider_w + 3, ROLE_TITLE, "Weight");
    if (l->flip_w)
        put_text(ui, y, l->flip_x, l->flip_w, ROLE_TITLE, l->flip_w >= LAYOUT_FLIP_LONG ? "Flips" : "Flip");
    for (int p = 0; p < l->npanes; p++) {
        Rect pr = l->panes[p];
        int st = pane_stack(ui, p);
        put_text(ui, y, pr.x, 1, ROLE_BORDER, ui->g->vline);
        put_bold(ui, true);
        int name_room = l->compact && l->pane_more_n > 0 ? l->pane_more_off - 2 : pr.w - 3;
        int used = put_text_cut(ui, y, pr.x + 2, name_room, ui_stack_role(ui, st), ui->ds->stacks[st].name);
        put_bold(ui, false);
        if (l->compact && ui->nshown > 1 && used + 5 <= name_room)
            used += put_text(ui, y, pr.x + 2 + used, name_room - used, ROLE_DIM, " Tab");
        draw_support_window(ui, y, pr.x + 2 + used, name_room - used, st);
        if (l->compact && l->pane_more_n > 0) {
            /* the other scores' column titles: each stack's name, cut */
            int k = 0;
            for (size_t i = 0; i < ui->nshown && k < l->pane_more_n; i++) {
                if (ui->shown[i] == st)
                    continue;
                put_bold(ui, true);
                put_text_cut(ui, y, pr.x + l->pane_more_off + k * 6 + 1, 5,
                             ui_stack_role(ui, ui->shown[i]), ui->ds->stacks[ui->shown[i]].name);
                put_bold(ui, false);
                k++;
            }
        }
    }
}

static void draw_flip(Ui *ui, int y, int c, ThemeRole base)
{
    const Layout *l = &ui->lay;
    if (!l->flip_w)
        return;
    int to, fw = evaluation_flip(ui->s->eval, (size_t)c, &to);
    ui->flip_shown[c] = fw;
    ui->flip_shown_to[c] = to;
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
    put_bold(ui, better);
    put_textf(ui, y, pr.x + l->pane_num_off, 4, num, "%4.1f", score);
    if (better)
        put_text(ui, y, pr.x + l->pane_mark_off, 1, num, ui->g->better);
    put_bold(ui, false);
    /* Compact: the other shown stacks' scores beside, in their colours. */
    int k = 0;
    for (size_t i = 0; i < ui->nshown && k < l->pane_more_n; i++) {
        int other = ui->shown[i];
        if (other == st)
            continue;
        double sc = ui->ds->criteria[c].by_stack[other].score;
        bool ob = better_stack(ui, c) == other;
        ThemeRole role = selected ? ROLE_SELECTED : ob ? ROLE_BETTER : ui_stack_role(ui, other);
        int x = pr.x + l->pane_more_off + k * 6;
        put_bold(ui, ob);
        put_textf(ui, y, x, 5, role, " %4.1f", sc);
        if (ob)
            put_text(ui, y, x + 5, 1, role, ui->g->better);
        put_bold(ui, false);
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
        put_bold(ui, spread);
        put_text(ui, y, l->slider_x + i, 1, role, on ? ui->g->slider_on : ui->g->slider_off);
        put_bold(ui, false);
    }
    put_bold(ui, true);
    put_textf(ui, y, l->weight_x, 2, base, "%2ld", (num + scale / 2) / scale);
    put_bold(ui, false);
}

/* The role a shown row is drawn on. */
static ThemeRole row_base(const Ui *ui, size_t vi)
{
    bool selected = vi == ui->sel;
    bool dim_sel = selected && ui->focus == FOCUS_DETAIL;
    return selected && !dim_sel ? ROLE_SELECTED : ROLE_NORMAL;
}

static void draw_list_row(Ui *ui, int row)
{
    const Layout *l = &ui->lay;
    int y = l->list.y + row;
    size_t vi = ui->top + (size_t)row;
    if (vi >= ui->nview) {
        fill_row(ui, y, 0, l->width, ROLE_NORMAL);
        for (int p = 0; p < l->npanes; p++)
            put_text(ui, y, l->panes[p].x, 1, ROLE_BORDER, ui->g->vline);
        if (ui->nview == 0 && row == 0)
            put_textf_cut(ui, y, l->name_x, l->list.w - 2, ROLE_WARNING,
                          "no criterion matches \"%s\": Esc clears the filter", ui->filter);
        return;
    }
    int c = ui->view[vi];
    bool selected = vi == ui->sel;
    bool dim_sel = selected && ui->focus == FOCUS_DETAIL;
    ThemeRole base = selected && !dim_sel ? ROLE_SELECTED : ROLE_NORMAL;
    fill_row(ui, y, 0, l->list.w, base);
    put_text(ui, y, 0, 1, base, selected ? (ui->utf8 ? "\u25b8" : ">") : " ");
    put_bold(ui, dim_sel);
    char label[256];
    const char *name = criterion_name(ui, c, l->name_w, label, sizeof label);
    char tag[96];
    int tag_w = match_tag(ui, c, name, l->name_w, tag, sizeof tag);
    int name_w = tag_w ? l->name_w - tag_w - 1 : l->name_w;
    put_text_cut(ui, y, l->name_x, name_w, base, name);
    if (text_width(ui, name) <= name_w)
        mark_matches(ui, y, l->name_x, name_w, name);
    put_bold(ui, false);
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
    for (int r = 0; r < ui->lay.list.h && ui->top + (size_t)r < ui->nview; r++) {
        size_t vi = ui->top + (size_t)r;
        if (ui->view[vi] == ui->changed_row)
            draw_weight(ui, ui->lay.list.y + r, ui->changed_row, row_base(ui, vi));
    }
}

/* After one weight changed: every shown row's flip point. */
static void draw_flips(Ui *ui)
{
    const Layout *l = &ui->lay;
    if (!l->flip_w)
        return;
    for (int r = 0; r < l->list.h && ui->top + (size_t)r < ui->nview; r++) {
        size_t vi = ui->top + (size_t)r;
        int c = ui->view[vi];
        int to, fw = evaluation_flip(ui->s->eval, (size_t)c, &to);
        if (ui->flip_shown[c] == fw && ui->flip_shown_to[c] == to)
            continue;
        ThemeRole base = row_base(ui, vi);
        fill_row(ui, l->list.y + r, l->flip_x, l->flip_w, base);
        draw_flip(ui, l->list.y + r, c, base);
    }
}

/* ---- detail area ------------------------------------------------------------ */

void detail_free(Ui *ui)
{
    for (size_t i = 0; i < ui->ndetail; i++) {
        for (size_t k = 0; k < ui->detail[i].count; k++)
            free(ui->detail[i].spans[k].text);
        free(ui->detail[i].spans);
    }
    free(ui->detail);
    ui->detail = NULL;
    ui->ndetail = 0;
}

typedef struct Lines {
    DetailLine *lines;
    size_t count, cap;
} Lines;

static DetailLine *line_at(Lines *ls, size_t i)
{
    while (ls->count <= i) {
        if (ls->count == ls->cap) {
            ls->cap = ls->cap ? ls->cap * 2 : 16;
            ls->lines = xreallocarray(ls->lines, ls->cap, sizeof *ls->lines);
        }
        ls->lines[ls->count++] = (DetailLine){ NULL, 0, false };
    }
    return &ls->lines[i];
}

/* No edge but the screen's: a span across the whole width. */
#define SPAN_NO_EDGE (1 << 20)

/* A span at column x that never reaches column right (its own column's
 * edge), so text never runs into the next column. */
static void span_add(DetailLine *dl, int x, int right, ThemeRole role, bool bold, const char *text)
{
    dl->spans = xreallocarray(dl->spans, dl->count + 1, sizeof *dl->spans);
    dl->spans[dl->count++] = (Span){ x, right, role, bold, xstrdup(text) };
}

/* Appends text wrapped to width at column x, one line per row from *row. */
static void add_wrapped(Ui *ui, Lines *ls, size_t *row, int x, int width, ThemeRole role,
                        const char *text)
{
    size_t *starts, *lens;
    size_t n = text_wrap(ui, text, width, &starts, &lens);
    for (size_t i = 0; i < n; i++) {
        char *piece = xstrndup(text + starts[i], lens[i]);
        DetailLine *dl = line_at(ls, (*row)++);
        span_add(dl, x, x + width, role, false, piece);
        if (i + 1 < n)
            dl->continues = true;
        free(piece);
    }
    free(starts);
    free(lens);
}

/* The last 30 days as sparkline glyphs in at most width cells. */
static void sparkline(const Ui *ui, const PackageStat *st, int width, char *out, size_t outsz)
{
    out[0] = '\0';
    if (width < 2)
        return;
    int levels[TREND_SPARK_DAYS];
    size_t cells = trend_spark_levels(st->daily, st->ndaily,
                                      (size_t)width < TREND_SPARK_DAYS ? (size_t)width
                                                                       : TREND_SPARK_DAYS,
                                      levels);
    size_t used = 0;
    for (size_t i = 0; i < cells; i++) {
        const char *g = ui->g->spark[levels[i]];
        size_t gl = strlen(g);
        if (used + gl + 1 > outsz)
            break;
        memcpy(out + used, g, gl);
        used += gl;
    }
    out[used] = '\0';
}

/* Where a figure came from and its status, in a few characters, and how
 * to colour it: "live 2h ok", "cache 3h ok", "stale 4d", "rate-limited". */
static ThemeRole provenance(const PackageStat *st, time_t now, char out[32])
{
    char age[16];
    text_age((long long)(now - st->fetched_at), age);
    const char *status = stat_status_name(st->status), *source = stat_source_name(st->source);
    switch (st->status) {
    case STAT_PENDING: snprintf(out, 32, "fetching"); return ROLE_DIM;
    case STAT_NOT_FOUND: snprintf(out, 32, "%s", status); return ROLE_ERROR;
    case STAT_RATE_LIMITED: snprintf(out, 32, "%s", status); return ROLE_WARNING;
    case STAT_ERROR: snprintf(out, 32, "%s", status); return ROLE_ERROR;
    case STAT_STALE: snprintf(out, 32, "%s %s", status, age); return ROLE_WARNING;
    case STAT_OFFLINE: snprintf(out, 32, "%s", status); return ROLE_WARNING;
    case STAT_OK: break;
    }
    /* ok: where it came from, with its age when fetched */
    switch (st->source) {
    case STAT_SOURCE_BUNDLED: snprintf(out, 32, "%s %s", source, status); break;
    case STAT_SOURCE_CACHE:
    case STAT_SOURCE_LIVE: snprintf(out, 32, "%s %s %s", source, age, status); break;
    case STAT_SOURCE_NONE: snprintf(out, 32, "no figure"); break;
    }
    return ROLE_DIM;
}

/* A sentence for a package whose last fetch did not go well, or NULL:
 * what went wrong, when the next try is, and which figures are shown. */
static char *status_note(const PackageStat *st, time_t now)
{
    StrBuf sb = STRBUF_INIT;
    switch (st->status) {
    case STAT_OK:
    case STAT_PENDING:
        return NULL;
    case STAT_STALE: sb_append(&sb, "stale: the service has updated since; u refreshes"); break;
    case STAT_NOT_FOUND: sb_append(&sb, "not found in the registry"); break;
    case STAT_OFFLINE: sb_append(&sb, "offline: not fetched"); break;
    case STAT_ERROR: sb_append(&sb, "error"); break;
    case STAT_RATE_LIMITED: {
        sb_append(&sb, "rate-limited");
        if (st->retry_at > 0) {
            struct tm tm;
            char when[32];
            localtime_r(&st->retry_at, &tm);
            /* the date too when the next try is not within a day */
            strftime(when, sizeof when,
                     st->retry_at - now < 20 * 3600 && st->retry_at >= now - 3600 ? "%H:%M"
                                                                                  : "%Y-%m-%d %H:%M",
                     &tm);
            sb_appendf(&sb, ", next try %s", when);
        }
        break;
    }
    }
    /* a detail that only repeats the status ("not found") says nothing more */
    if (st->detail && st->detail[0] && strcmp(st->detail, stat_status_name(st->status)) != 0)
        sb_appendf(&sb, st->status == STAT_RATE_LIMITED ? " (%s)" : ": %s", st->detail);
    if (st->status != STAT_STALE && st->source != STAT_SOURCE_NONE && stat_number(st, FIG_DOWNLOADS_MONTH) >= 0) {
        char age[16];
        text_age((long long)(now - st->fetched_at), age);
        if (st->source == STAT_SOURCE_BUNDLED)
            sb_append(&sb, "; showing the bundled figure");
        else
            sb_appendf(&sb, "; showing the %s figure from %s ago",
                       st->source == STAT_SOURCE_CACHE ? "cached" : "last live", age);
    }
    char *s = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return s;
}

/* An origin fit to read: a URL loses its query, and a bulk request's list
 * of names is cut after the first ("/last-month/express,..."). */
static char *short_origin(const Ui *ui, const char *origin)
{
    if (!strstr(origin, "://"))
        return xstrdup(origin);
    size_t len = strcspn(origin, "?#");
    const char *last = origin + len;
    while (last > origin && last[-1] != '/')
        last--;
    const char *comma = memchr(last, ',', (size_t)(origin + len - last));
    if (comma)
        return xasprintf("%.*s%s", (int)(comma - origin + 1), origin, ui->g->ellipsis);
    return xstrndup(origin, len);
}

/* "live", or "mixed: live + bundled" naming the sources summed. */
static void sum_source_text(const TrendSum *sum, char *out, size_t outsz)
{
    if (!sum->mixed) {
        snprintf(out, outsz, "%s", trend_sum_source_name(sum));
        return;
    }
    static const StatSource order[] = { STAT_SOURCE_LIVE, STAT_SOURCE_CACHE, STAT_SOURCE_BUNDLED };
    size_t used = (size_t)snprintf(out, outsz, "mixed:");
    bool first = true;
    for (size_t i = 0; i < 3 && used < outsz; i++) {
        if (!(sum->sources & (1u << order[i])))
            continue;
        used += (size_t)snprintf(out + used, outsz - used, "%s%s", first ? " " : " + ",
                                 stat_source_name(order[i]));
        first = false;
    }
}

/* A bar of w cells as two spans: the filled part in role, the rest dim. */
static void bar_spans(const Ui *ui, DetailLine *dl, int x, int w, double fraction, ThemeRole role)
{
    if (w <= 0)
        return;
    long eighths = (long)(fraction * w * 8 + 0.5);
    int full = (int)(eighths / 8), part = (int)(eighths % 8), cells = 0;
    StrBuf on = STRBUF_INIT, off = STRBUF_INIT;
    for (; cells < full && cells < w; cells++)
        sb_append(&on, ui->g->bar[8]);
    if (part > 0 && cells < w && ui->g->bar[part][0] != ' ') {
        sb_append(&on, ui->g->bar[part]);
        cells++;
    }
    int filled = cells;
    for (; cells < w; cells++)
        sb_append(&off, ui->g->slider_off);
    if (filled > 0)
        span_add(dl, x, x + w, role, false, sb_str(&on));
    if (filled < w)
        span_add(dl, x + filled, x + w, ROLE_SLIDER_EMPTY, false, sb_str(&off));
    sb_free(&on);
    sb_free(&off);
}

/* Columns this wide have room for each source's URL on a row of its own. */
#define CITATION_URL_COLUMNS 72

/* "[1] Title, 2026-08-22" on one row, the title cut to fit (i lists the
 * sources in full). */
static char *citation_line(const Ui *ui, size_t number, const Citation *c, int cw)
{
    char *head = xasprintf("[%zu] ", number);
    char *tail = xasprintf(", %s", c->date);
    int room = cw - text_width(ui, head) - text_width(ui, tail);
    char *title = text_cut(ui, c->title, room > 4 ? room : 4);
    char *line = xasprintf("%s%s%s", head, title, tail);
    free(head);
    free(tail);
    free(title);
    return line;
}

static bool citation_url_shown(const Ui *ui, const Citation *c, int cw)
{
    return cw >= CITATION_URL_COLUMNS && text_width(ui, c->url) + 4 <= cw;
}

/* Under a rationale: one row per source, and its URL beneath it in a
 * column wide enough. */
static void add_citations(Ui *ui, Lines *ls, size_t *row, int x, int cw, const Assessment *as)
{
    if (as->ncitations == 0) {
        span_add(line_at(ls, (*row)++), x, x + cw, ROLE_DIM, false, "no sources cited");
        return;
    }
    for (size_t k = 0; k < as->ncitations; k++) {
        const Citation *c = &as->citations[k];
        char *line = citation_line(ui, k + 1, c, cw);
        add_wrapped(ui, ls, row, x, cw, ROLE_DIM, line);
        free(line);
        if (citation_url_shown(ui, c, cw))
            span_add(line_at(ls, (*row)++), x + 4, x + cw, ROLE_DIM, false, c->url);
        if (ui->detail_notes && c->note && c->note[0]) {
            char *note = xasprintf("figure used: %s", c->note);
            add_wrapped(ui, ls, row, x + 4, cw - 4, ROLE_DIM, note);
            free(note);
        }
    }
}

static size_t wrapped_rows(const Ui *ui, const char *text, int width)
{
    size_t *starts, *lens;
    size_t n = text_wrap(ui, text, width, &starts, &lens);
    free(starts);
    free(lens);
    return n;
}

/* How many rows a column's rationale and sources take, so that every
 * column's evidence table starts on the same row. */
static size_t column_text_rows(const Ui *ui, const Assessment *as, int cw)
{
    size_t n = wrapped_rows(ui, as->rationale ? as->rationale : "", cw);
    if (as->ncitations == 0)
        return n + 1;
    for (size_t k = 0; k < as->ncitations; k++) {
        const Citation *c = &as->citations[k];
        char *line = citation_line(ui, k + 1, c, cw);
        n += wrapped_rows(ui, line, cw);
        free(line);
        if (citation_url_shown(ui, c, cw))
            n++;
        if (ui->detail_notes && c->note && c->note[0]) {
            char *note = xasprintf("figure used: %s", c->note);
            n += wrapped_rows(ui, note, cw - 4);
            free(note);
        }
    }
    return n;
}

/* On the column's first row, after the score: the runtime line a team
 * would pick today and its end of life, in the longest form that fits:
 * "Node.js 26 LTS, end of life 2029-04-30", "26 LTS, EOL 2029-04-30",
 * "26 LTS"; a line within 12 months of its end is marked. */
static void add_support_window(Ui *ui, DetailLine *dl, int x, int right, int stack)
{
    const Stack *sk = &ui->ds->stacks[stack];
    if (!sk->runtime || right - x < 4)
        return;
    const RuntimeInfo *info = runtime_table_find(ui->s->runtimes, sk->runtime);
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, time(NULL));
    int c = runtime_pick_cycle(info, (RuntimePick)sk->runtime_pick, today);
    if (c < 0)
        return;
    const RuntimeCycle *cy = &info->cycles[c];
    bool soon = runtime_eol_soon(cy, today);
    const char *lts = sk->runtime_pick == RUNTIME_PICK_LTS ? " LTS" : "";
    const char *eol = cy->eol[0] ? cy->eol : "not announced";
    char forms[5][128];
    snprintf(forms[0], sizeof forms[0], "runtime %s%s, end of life %s%s", cy->cycle, lts, eol,
             soon ? " (under 12 months)" : "");
    snprintf(forms[1], sizeof forms[1], "%s%s, EOL %s%s", cy->cycle, lts, eol, soon ? " !" : "");
    snprintf(forms[2], sizeof forms[2], "%s%s to %s%s", cy->cycle, lts, eol, soon ? " !" : "");
    snprintf(forms[3], sizeof forms[3], "%s%s %s%s", cy->cycle, lts, eol, soon ? " !" : "");
    snprintf(forms[4], sizeof forms[4], "%s%s%s", cy->cycle, lts, soon ? " !" : "");
    int w = right - x;
    for (int i = 0; i < 5; i++)
        if (text_width(ui, forms[i]) <= w) {
            span_add(dl, x, right, soon ? ROLE_WARNING : ROLE_DIM, false, forms[i]);
            return;
        }
}

/* One stack's column: name and score at row0, the rationale, then the
 * evidence from ev_row, which every column shares so the tables line up. */
static void build_column(Ui *ui, Lines *ls, size_t row0, size_t ev_row, int x, int cw, int c,
                         int stack)
{
    const Dataset *ds = ui->ds;
    const Criterion *cr = &ds->criteria[c];
    const Assessment *as = &cr->by_stack[stack];
    const Stack *sk = &ds->stacks[stack];
    size_t row = row0;
    DetailLine *dl = line_at(ls, row++);
    span_add(dl, x, x + cw, ui_stack_role(ui, stack), true, sk->name);
    int nx = x + text_width(ui, sk->name) + 2;
    char score[48];
    bool better = better_stack(ui, c) == stack;
    snprintf(score, sizeof score, "%.1f/10%s%s", as->score, better ? " " : "",
             better ? ui->g->better : "");
    span_add(dl, nx, x + cw, better ? ROLE_BETTER : ROLE_NORMAL, better, score);
    add_support_window(ui, dl, nx + text_width(ui, score) + 2, x + cw, stack);
    add_wrapped(ui, ls, &row, x, cw, ROLE_NORMAL, as->rationale ? as->rationale : "");
    add_citations(ui, ls, &row, x, cw, as);
    row = ev_row > row ? ev_row : row + 1;
    if (as->nevidence == 0) {
        span_add(line_at(ls, row++), x, x + cw, ROLE_DIM, false, "no evidence packages");
        return;
    }
    /* Wide columns put every figure on the package's row: name, week,
     * month, week-over-week, the last 30 days, source. Narrow ones keep
     * name, month and source on it and give the rest a second row. */
    bool any_daily = false;
    for (size_t i = 0; i < as->nevidence; i++) {
        const PackageStat *st = stats_find(ui->s->stats, sk->ecosystem, as->evidence[i]);
        any_daily = any_daily || (st && st->daily && st->ndaily > 1);
    }
    const int num_w = 7, chg_w = 6, src_w = 12;
    /* Without any daily series (bundled monthly figures) week, w/w and the
     * trend are unknown for every package: one row each, said once below. */
    bool monthly_only = !any_daily;
    bool wide = cw >= 72 || monthly_only;
    int spark_w = 0, name_w;
    if (monthly_only) {
        name_w = cw - (num_w + 1) - (src_w + 1);
    } else if (wide) {
        spark_w = any_daily ? (cw - 51 < TREND_SPARK_DAYS ? cw - 51 : TREND_SPARK_DAYS) : 0;
        name_w = cw - (num_w + 1) * 2 - (chg_w + 1) - (spark_w ? spark_w + 1 : 0) - (src_w + 1);
    } else {
        name_w = cw - (num_w + 1) - (src_w + 1);
        spark_w = cw - 2 - (num_w + 1) - (chg_w + 2);
        spark_w = spark_w > TREND_SPARK_DAYS ? TREND_SPARK_DAYS : spark_w;
    }
    if (name_w < 6)
        name_w = 6;
    if (name_w > 36)
        name_w = 36; /* package names are short: spare width stays spare */
    /* x of each field; in the narrow form wx, cx and sx are on the second row */
    int wx, mx, cx, sx, px;
    if (monthly_only) {
        mx = x + name_w + 1;
        px = mx + num_w + 1;
        wx = cx = sx = -1;
    } else if (wide) {
        wx = x + name_w + 1;
        mx = wx + num_w + 1;
        cx = mx + num_w + 1;
        sx = cx + chg_w + 1;
        px = sx + (spark_w ? spark_w + 1 : 0);
    } else {
        mx = x + name_w + 1;
        px = mx + num_w + 1;
        wx = x + 2;
        cx = wx + num_w + 1;
        sx = cx + chg_w + 2;
    }
    dl = line_at(ls, row++);
    span_add(dl, x, x + cw, ROLE_TITLE, false, "Evidence");
    span_add(dl, mx, x + cw, ROLE_TITLE, false, "  month");
    span_add(dl, px, x + cw, ROLE_TITLE, false, "source");
    if (!monthly_only) {
        if (!wide)
            dl = line_at(ls, row++);
        span_add(dl, wx, x + cw, ROLE_TITLE, false, "   week");
        span_add(dl, cx, x + cw, ROLE_TITLE, false, "   w/w");
        if (spark_w >= 2)
            span_add(dl, sx, x + cw, ROLE_TITLE, false, spark_w >= 12 ? "last 30 days" : "30d");
    }
    time_t now = time(NULL);
    const char *periods[4] = { NULL };
    const char *origins[4] = { NULL };
    size_t nperiods = 0;
    TrendSum sum;
    trend_sum_init(&sum);
    size_t note_run = 0; /* packages before this one that share its note */
    for (size_t i = 0; i < as->nevidence; i++) {
        const PackageStat *st = stats_find(ui->s->stats, sk->ecosystem, as->evidence[i]);
        trend_sum_add(&sum, st);
        dl = line_at(ls, row++);
        char name[256];
        snprintf(name, sizeof name, "%s", as->evidence[i]);
        int nw = text_width(ui, name);
        if (nw > name_w) {
            /* keep the start of the name and mark the cut */
            char cut[256];
            size_t k = 0;
            int cols = 0;
            while (name[k] && cols < name_w - 1) {
                uint32_t cp;
                size_t n = utf8_decode(name + k, &cp);
                k += n;
                cols++;
            }
            snprintf(cut, sizeof cut, "%.*s%s", (int)k, name, ui->g->ellipsis);
            span_add(dl, x, x + cw, ROLE_NORMAL, false, cut);
        } else {
            span_add(dl, x, x + cw, ROLE_NORMAL, false, name);
        }
        if (!st) {
            span_add(dl, px, x + cw, ROLE_DIM, false, "no figure");
            continue;
        }
        char wk[16], mo[16], cell[24], chg[8];
        trend_format_count(stat_number(st, FIG_DOWNLOADS_WEEK), wk);
        trend_format_count(stat_number(st, FIG_DOWNLOADS_MONTH), mo);
        snprintf(cell, sizeof cell, "%*s", num_w, mo);
        span_add(dl, mx, x + cw, ROLE_NORMAL, false, cell);
        char prov[32];
        ThemeRole role = provenance(st, now, prov);
        span_add(dl, px, x + cw, role, false, prov);
        if (!monthly_only) {
            if (!wide)
                dl = line_at(ls, row++);
            snprintf(cell, sizeof cell, "%*s", num_w, wk);
            span_add(dl, wx, x + cw, ROLE_NORMAL, false, cell);
            double pct = 0;
            bool known = trend_week_change(st->daily, st->ndaily, &pct);
            trend_format_change(known, pct, chg);
            snprintf(cell, sizeof cell, "%*s", chg_w, chg);
            span_add(dl, cx, x + cw, known ? ROLE_NORMAL : ROLE_DIM, false, cell);
            if (spark_w >= 2) {
                char spark[TREND_SPARK_DAYS * 4 + 1];
                sparkline(ui, st, spark_w, spark, sizeof spark);
                if (spark[0])
                    span_add(dl, sx, x + cw, ROLE_SPARK, false, spark);
                else
                    span_add(dl, sx, x + cw, ROLE_DIM, false, "no daily series");
            }
        }
        /* A note the next package shares waits for the end of the run and
         * is said once for all of it ("the 3 above: offline: ..."). */
        char *note = status_note(st, now);
        const PackageStat *next_st =
            i + 1 < as->nevidence ? stats_find(ui->s->stats, sk->ecosystem, as->evidence[i + 1]) : NULL;
        char *next_note = next_st ? status_note(next_st, now) : NULL;
        bool shared = note && next_note && strcmp(note, next_note) == 0;
        free(next_note);
        if (note && shared) {
            note_run++;
        } else if (note) {
            char *line = note_run == 1   ? xasprintf("both above: %s", note)
                         : note_run > 1 ? xasprintf("the %zu above: %s", note_run + 1, note)
                                        : NULL;
            add_wrapped(ui, ls, &row, x + 2, cw - 2, role == ROLE_DIM ? ROLE_WARNING : role,
                        line ? line : note);
            free(line);
            note_run = 0;
        }
        free(note);
        bool seen = false;
        for (size_t k = 0; k < nperiods; k++)
            seen = seen || ((periods[k] == st->period || (periods[k] && st->period &&
                                                          strcmp(periods[k], st->period) == 0)));
        if (!seen && nperiods < 4 && (st->period || st->origin)) {
            periods[nperiods] = st->period;
            origins[nperiods++] = st->origin;
        }
    }
    if (as->nevidence > 1) {
        /* Monthly figures only: a bundled month and a live month cover the
         * same length of time; the source says when they were mixed. */
        char total[16], cell[24], src[48];
        trend_format_count(sum.known ? sum.total : STAT_UNKNOWN, total);
        dl = line_at(ls, row++);
        span_add(dl, x, x + cw, ROLE_DIM, false, "sum");
        snprintf(cell, sizeof cell, "%*s", num_w, total);
        span_add(dl, mx, x + cw, ROLE_NORMAL, true, cell);
        span_add(dl, px, x + cw, sum.mixed ? ROLE_WARNING : ROLE_DIM, false, trend_sum_source_name(&sum));
        if (sum.mixed) {
            sum_source_text(&sum, src, sizeof src);
            char *why = xasprintf("(%s: months from different sources and days)",
                                  src + strlen("mixed: "));
            add_wrapped(ui, ls, &row, x + 2, cw - 2, ROLE_DIM, why);
            free(why);
        }
        if (sum.unknown) {
            char *why = xasprintf("(%zu of %zu packages have no figure)", sum.unknown,
                                  sum.known + sum.unknown);
            add_wrapped(ui, ls, &row, x + 2, cw - 2, ROLE_DIM, why);
            free(why);
        }
    }
    if (monthly_only)
        add_wrapped(ui, ls, &row, x, cw, ROLE_DIM,
                    "monthly figures only: no daily series for week, w/w or the trend "
                    "(u fetches them)");
    for (size_t k = 0; k < nperiods; k++) {
        char *from = origins[k] ? short_origin(ui, origins[k]) : NULL;
        char *line = xasprintf("period: %s%s%s", periods[k] ? periods[k] : "unknown",
                               from ? "; from " : "", from ? from : "");
        add_wrapped(ui, ls, &row, x, cw, ROLE_DIM, line);
        free(line);
        free(from);
    }
}

/* The all-criteria sums only change when the figures do, yet the details
 * are rebuilt on every key: they are kept until a fetch changes the stats
 * (all_downloads_known is cleared where the fetcher reports a change). */
static TrendSum stack_downloads(Ui *ui, int stack, int c)
{
    if (c >= 0)
        return trend_stack_downloads(ui->ds, ui->s->stats, (size_t)stack, c);
    if (!ui->all_downloads_known) {
        for (size_t i = 0; i < ui->ds->nstacks; i++)
            ui->all_downloads[i] = trend_stack_downloads(ui->ds, ui->s->stats, i, -1);
        ui->all_downloads_known = true;
    }
    return ui->all_downloads[stack];
}

/* Per criterion and per stack: each shown stack's summed monthly downloads,
 * its share of the shown stacks' total, and a bar (linear or log, L). */
static void build_share(Ui *ui, Lines *ls, size_t *row, int c, int width)
{
    if (ui->nshown < 2 || width < 30)
        return;
    int label_w = 4;
    for (size_t i = 0; i < ui->nshown; i++) {
        int w = text_width(ui, ui->ds->stacks[ui->shown[i]].name);
        label_w = w > label_w ? w : label_w;
    }
    label_w = label_w > 14 ? 14 : label_w;
    int src_w = 22;
    int bar_w = width - 2 - label_w - 1 - 8 - 6 - 2 - src_w;
    bar_w = bar_w > 40 ? 40 : bar_w < 6 ? 6 : bar_w;
    int bx = 1 + label_w + 1, nx = bx + bar_w, shx = nx + 8, sx = shx + 6 + 1;
    bool ecos_differ = false, printed = false;
    for (int scope = 0; scope < 2; scope++) {
        TrendSum sums[STACKS_MAX];
        long long total = 0, max = 0, min = -1;
        for (size_t i = 0; i < ui->nshown; i++) {
            sums[i] = stack_downloads(ui, ui->shown[i], scope == 0 ? c : -1);
            long long v = sums[i].known ? sums[i].total : 0;
            total += v;
            max = v > max ? v : max;
            min = min < 0 || v < min ? v : min;
            if (strcmp(ui->ds->stacks[ui->shown[i]].ecosystem,
                       ui->ds->stacks[ui->shown[0]].ecosystem) != 0)
                ecos_differ = true;
        }
        if (total <= 0)
            continue;
        if (printed)
            (*row)++; /* a blank line between the two blocks */
        printed = true;
        DetailLine *dl = line_at(ls, (*row)++);
        const char *title = scope == 0 ? "Downloads a month, summed: this criterion"
                                       : "Downloads a month, summed: all criteria, each package once";
        span_add(dl, 1, SPAN_NO_EDGE, ROLE_TITLE, true, title);
        char scale[64];
        double ratio = trend_ratio(max, min);
        if (ui->log_scale)
            snprintf(scale, sizeof scale, "[log scale] L: linear");
        else if (ratio >= 10)
            snprintf(scale, sizeof scale, "[linear] %.0fx apart, L: log", ratio);
        else
            snprintf(scale, sizeof scale, "[linear] L: log");
        /* right-aligned with the rows below, or just after the title */
        int scw = text_width(ui, scale), tw = text_width(ui, title);
        int right = sx + src_w < width - 1 ? sx + src_w : width - 1;
        int at = right - scw > 1 + tw + 2 ? right - scw : 1 + tw + 2;
        if (at + scw <= width - 1)
            span_add(dl, at, SPAN_NO_EDGE, ROLE_DIM, false, scale);
        else
            span_add(line_at(ls, (*row)++), 3, SPAN_NO_EDGE, ROLE_DIM, false, scale);
        for (size_t i = 0; i < ui->nshown; i++) {
            int st = ui->shown[i];
            dl = line_at(ls, (*row)++);
            span_add(dl, 1, bx - 1, ui_stack_role(ui, st), true, ui->ds->stacks[st].name);
            long long v = sums[i].known ? sums[i].total : 0;
            bar_spans(ui, dl, bx, bar_w, trend_bar_fraction(v, max, ui->log_scale),
                      ui_stack_role(ui, st));
            char num[16], cell[24], src[48];
            trend_format_count(sums[i].known ? sums[i].total : STAT_UNKNOWN, num);
            snprintf(cell, sizeof cell, "%*s", 7, num);
            span_add(dl, nx, SPAN_NO_EDGE, ROLE_NORMAL, true, cell);
            snprintf(cell, sizeof cell, "%4.0f%%", 100.0 * trend_share(v, total));
            span_add(dl, shx, SPAN_NO_EDGE, ROLE_NORMAL, false, cell);
            sum_source_text(&sums[i], src, sizeof src);
            span_add(dl, sx, SPAN_NO_EDGE, sums[i].mixed ? ROLE_WARNING : ROLE_DIM, false, src);
        }
    }
    if (ecos_differ)
        add_wrapped(ui, ls, row, 1, width - 2, ROLE_DIM,
                    "Not like for like: npm counts every registry download, CI included; PyPI "
                    "figures exclude mirrors; the two cut days off differently.");
}

/* The team in a few sentences: who picks whom, and the most disputed
 * criterion with each member's weight on it. */
static char *team_explain(const Ui *ui)
{
    const Team *t = ui->s->team;
    const Dataset *ds = ui->ds;
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "Team of %zu, weights combined by their %s%s. Own winners: ", t->count,
               team_combine_name(t->combine), session_team_adjusted(ui->s) ? ", then adjusted" : "");
    for (size_t i = 0; i < t->count; i++) {
        const TeamMember *m = &t->members[i];
        sb_appendf(&sb, "%s%s %s", i ? ", " : "", m->author,
                   m->hybrid ? "hybrid" : m->winner >= 0 ? ds->stacks[m->winner].name : "none");
    }
    sb_append(&sb, " (");
    for (size_t i = 0; i < ds->nstacks; i++)
        sb_appendf(&sb, "%s%s %zu", i ? ", " : "", ds->stacks[i].name, t->picks[i]);
    sb_appendf(&sb, ", hybrid %zu).", t->hybrids);
    if (t->most_disputed >= 0) {
        int c = t->most_disputed;
        sb_appendf(&sb, " Most disputed: %s, from %d to %d (", ds->criteria[c].title, t->min[c],
                   t->max[c]);
        for (size_t i = 0; i < t->count; i++)
            sb_appendf(&sb, "%s%s %d", i ? ", " : "", t->members[i].author, t->members[i].weights[c]);
        sb_append(&sb, ").");
    }
    return sb_take(&sb);
}

/* The details' line on what criterion c's weight does now, wrapped from *row. */
static void add_weight_line(Ui *ui, Lines *ls, size_t *row, int c)
{
    const Evaluation *ev = ui->s->eval;
    StrBuf sb = STRBUF_INIT;
    char wt[16];
    ui_weight_text(ui, c, wt);
    sb_appendf(&sb, "weight %s", wt);
    if (ui->s->team) {
        const Team *t = ui->s->team;
        sb_appendf(&sb, " (team %s; members %d..%d, sd %.1f%s)", team_combine_name(t->combine),
                   t->min[c], t->max[c], t->stdev[c], t->most_disputed == c ? ", most disputed" : "");
    }
    if (ev->has_total) {
        sb_append(&sb, "; adds ");
        for (size_t i = 0; i < ui->nshown; i++)
            sb_appendf(&sb, "%s%.1f to %s", i ? ", " : "", evaluation_contrib(ev, (size_t)c, ui->shown[i]),
                       ui->ds->stacks[ui->shown[i]].name);
        int flip_leader, flip_weight = evaluation_flip(ev, (size_t)c, &flip_leader);
        if (flip_weight >= 0 && flip_leader >= 0)
            sb_appendf(&sb, "; at weight %d %s would lead", flip_weight,
                       ui->ds->stacks[flip_leader].name);
        else
            sb_append(&sb, "; no weight of this criterion alone changes the leader");
    }
    add_wrapped(ui, ls, row, 1, ui->lay.detail.w - 2, ROLE_DIM, sb_str(&sb));
    sb_free(&sb);
}

static void build_detail(Ui *ui)
{
    detail_free(ui);
    ui->detail_stale = false;
    int c = ui_current_criterion(ui);
    if (c < 0 || ui->lay.detail.w < 2)
        return;
    const Criterion *cr = &ui->ds->criteria[c];
    int width = ui->lay.detail.w;
    Lines ls = { NULL, 0, 0 };
    size_t row = 0;
    span_add(line_at(&ls, row), 1, SPAN_NO_EDGE, ROLE_TITLE, true, "Q:");
    size_t qrow = row;
    add_wrapped(ui, &ls, &qrow, 4, width - 5, ROLE_NORMAL, cr->question ? cr->question : "");
    row = qrow > row ? qrow : row + 1;

    /* What this weight does right now, where there is room for it. */
    ui->detail_weight_row = row;
    ui->detail_weight_lines = 0;
    if (ui->lay.detail.h >= 12) {
        add_weight_line(ui, &ls, &row, c);
        ui->detail_weight_lines = row - ui->detail_weight_row;
        row++; /* a blank line, where rows are not short */
    }
    /* A team: who picks whom and where they disagree, before the evidence. */
    if (ui->s->team) {
        char *team = team_explain(ui);
        add_wrapped(ui, &ls, &row, 1, width - 2, ROLE_DIM, team);
        free(team);
        row++;
    }

    int ncols = ui->lay.compact ? 1 : ui->lay.npanes;
    int gap = 3;
    int cw = (width - 2 - gap * (ncols - 1)) / ncols;
    size_t longest = 0;
    for (int i = 0; i < ncols; i++) {
        size_t n = column_text_rows(ui, &cr->by_stack[pane_stack(ui, i)], cw);
        longest = n > longest ? n : longest;
    }
    for (int i = 0; i < ncols; i++)
        build_column(ui, &ls, row, row + 2 + longest, 1 + i * (cw + gap), cw, c, pane_stack(ui, i));
    row = ls.count + 1;
    build_share(ui, &ls, &row, c, width);
    char *robust = session_robust_explain(ui->s, ui->utf8);
    if (robust) {
        row = ls.count + 1;
        add_wrapped(ui, &ls, &row, 1, width - 2, ROLE_DIM, robust);
        free(robust);
    }
    ui->detail = ls.lines;
    ui->ndetail = ls.count;
}

int detail_rows_needed(Ui *ui)
{
    /* The most lines over the selected criterion and the first few: enough
     * to size the area once per layout, so moving through the list never
     * makes it jump. The details are rebuilt for the selection after. */
    int keep_sel = (int)ui->sel;
    int most = 0;
    size_t n = ui->nview < 32 ? ui->nview : 32;
    for (size_t i = 0; i <= n; i++) {
        size_t vi = i < n ? i : (size_t)keep_sel;
        if (vi >= ui->nview)
            continue;
        ui->sel = vi;
        build_detail(ui);
        most = (int)ui->ndetail > most ? (int)ui->ndetail : most;
    }
    ui->sel = (size_t)keep_sel;
    ui->detail_stale = true;
    return most;
}

/* Row i of the details' body, from the built lines. */
static void draw_detail_line(Ui *ui, int i)
{
    Rect r = ui->lay.detail;
    int y = r.y + 1 + i;
    fill_row(ui, y, 0, r.w, ROLE_NORMAL);
    size_t li = (size_t)(ui->detail_scroll + i);
    if (li >= ui->ndetail)
        return;
    const DetailLine *dl = &ui->detail[li];
    int end = 0;
    for (size_t k = 0; k < dl->count; k++) {
        const Span *sp = &dl->spans[k];
        /* Each span may run to the next span's start (or the edge). */
        int limit = (sp->right < r.w ? sp->right : r.w) - sp->x;
        for (size_t j = 0; j < dl->count; j++)
            if (dl->spans[j].x > sp->x && dl->spans[j].x - sp->x < limit)
                limit = dl->spans[j].x - sp->x;
        put_bold(ui, sp->bold);
        int took = put_text(ui, y, sp->x, limit, sp->role, sp->text);
        mark_matches(ui, y, sp->x, limit, sp->text);
        put_bold(ui, false);
        end = sp->x + took > end ? sp->x + took : end;
    }
    /* The last row shown, with more below: say the text goes on. */
    int body = r.h - 1;
    bool more_below = ui->detail_scroll + body < (int)ui->ndetail;
    if (i == body - 1 && more_below && dl->continues && end > 0)
        put_text(ui, y, end < r.w - 1 ? end : r.w - 2, 1, ROLE_DIM, ui->g->ellipsis);
}

static void draw_detail(Ui *ui)
{
    Rect r = ui->lay.detail;
    if (r.h <= 0)
        return;
    if (ui->detail_stale)
        build_detail(ui);
    int body = r.h - 1;
    int max = (int)ui->ndetail - body;
    if (ui->detail_scroll > max)
        ui->detail_scroll = max > 0 ? max : 0;

    /* Title rule: the criterion, and how to get around. */
    bool focused = ui->focus == FOCUS_DETAIL;
    fill_row(ui, r.y, 0, r.w, ROLE_BORDER);
    for (int x = 0; x < r.w; x++)
        put_text(ui, r.y, x, 1, ROLE_BORDER, ui->g->hline);
    int c = ui_current_criterion(ui);
    char label[256];
    char *title = xasprintf(" %s%s ", focused ? (ui->utf8 ? "\u25b8 " : "> ") : "",
                            c >= 0 ? criterion_name(ui, c, r.w - 8 - (focused ? 2 : 0) - 20, label,
                                                    sizeof label)
                                   : "no criterion");
    put_bold(ui, true);
    int used = put_text_cut(ui, r.y, 2, r.w - 4, focused ? ROLE_SELECTED : ROLE_TITLE, title);
    put_bold(ui, false);
    free(title);
    char hint[96];
    bool more_below = ui->detail_scroll + body < (int)ui->ndetail;
    snprintf(hint, sizeof hint, " %s%s%s%s ", ui->detail_scroll > 0 ? ui->g->up : "",
             more_below ? ui->g->down : "", ui->detail_scroll > 0 || more_below ? " " : "",
             ui->lay.compact ? "Enter closes" : focused ? "Tab: list" : "Tab: scroll here");
    int hw = text_width(ui, hint);
    /* Tab to scroll only says something when there is something to scroll. */
    bool scrolls = ui->detail_scroll > 0 || more_below;
    if (c >= 0 && (scrolls || focused || ui->lay.compact) && 2 + used + hw + 2 <= r.w)
        put_text(ui, r.y, r.w - hw - 2, hw, ROLE_DIM, hint);

    for (int i = 0; i < body; i++)
        draw_detail_line(ui, i);
}

/* After one weight changed: the details' weight line, rebuilt in place when
 * it still takes as many lines, else the whole details. */
static void draw_detail_weight(Ui *ui)
{
    int c = ui_current_criterion(ui);
    if (c < 0 || ui->lay.detail.h <= 0 || ui->detail_weight_lines == 0)
        return;
    Lines fresh = { NULL, 0, 0 };
    size_t n = 0;
    add_weight_line(ui, &fresh, &n, c);
    if (n != ui->detail_weight_lines || ui->detail_weight_row + n > ui->ndetail) {
        for (size_t i = 0; i < fresh.count; i++) {
            for (size_t k = 0; k < fresh.lines[i].count; k++)
                free(fresh.lines[i].spans[k].text);
            free(fresh.lines[i].spans);
        }
        free(fresh.lines);
        ui->detail_stale = true;
        draw_detail(ui);
        return;
    }
    int body = ui->lay.detail.h - 1;
    for (size_t i = 0; i < n; i++) {
        DetailLine *dl = &ui->detail[ui->detail_weight_row + i];
        for (size_t k = 0; k < dl->count; k++)
            free(dl->spans[k].text);
        free(dl->spans);
        *dl = fresh.lines[i];
        int shown = (int)(ui->detail_weight_row + i) - ui->detail_scroll;
        if (shown >= 0 && shown < body)
            draw_detail_line(ui, shown);
    }
    free(fresh.lines);
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
    const Layout *l = &ui->lay;
    const Evaluation *ev = ui->s->eval;
    Rect r = l->totals;
    int y = r.y;
    if (l->totals_titled) {
        fill_row(ui, y, 0, r.w, ROLE_BORDER);
        for (int x = 0; x < r.w; x++)
            put_text(ui, y, x, 1, ROLE_BORDER, ui->g->hline);
        put_bold(ui, true);
        put_text(ui, y, 2, r.w - 4, ROLE_TITLE, " Totals (0..100) ");
        put_bold(ui, false);
        y++;
    }
    /* Shown stacks first, then the others. */
    int order[STACKS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < ui->nshown; i++)
        order[n++] = ui->shown[i];
    for (size_t s = 0; s < ui->ds->nstacks && n < STACKS_MAX; s++) {
        bool seen = false;
        for (size_t i = 0; i < ui->nshown; i++)
            seen = seen || ui->shown[i] == (int)s;
        if (!seen)
            order[n++] = (int)s;
    }
    /* Beyond two stacks the order of the panes says little: rank the shown
     * ones by total, leader first (a stable insertion sort keeps pane order
     * among equals). */
    if (ui->nshown > 2 && ev->has_total) {
        for (size_t i = 1; i < ui->nshown; i++) {
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
        put_bold(ui, true);
        put_text_cut(ui, y, 1, l->total_label_w, ui_stack_role(ui, s), ui->ds->stacks[s].name);
        put_bold(ui, false);
        if (!ev->has_total) {
            put_text(ui, y, l->total_num_x, 5, ROLE_DIM, "    -");
            continue;
        }
        put_bar(ui, y, l->total_bar_x, l->total_bar_w, ev->totals[s] / 100.0, ui_stack_role(ui, s),
                ROLE_SLIDER_EMPTY, ui->g->slider_off);
        put_bold(ui, leader);
        put_textf(ui, y, l->total_num_x, 5, leader ? ROLE_BETTER : ROLE_NORMAL, "%5.1f",
                  ev->totals[s]);
        if (leader)
            put_textf(ui, y, l->total_num_x + 6, r.w - l->total_num_x - 6, ROLE_BETTER, "%s leads",
                      ui->g->better);
        else
            put_textf(ui, y, l->total_num_x + 6, r.w - l->total_num_x - 6, ROLE_DIM, "%+.1f",
                      ev->totals[s] - ev->totals[ev->leader]);
        put_bold(ui, false);
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
    put_bold(ui, true);
    int used = put_text(ui, r.y, 1, r.w - 1, ROLE_TITLE, "Verdict: ");
    int width = r.w - 1 - used;
    int last_y = r.y, last_x = 1 + used;
    if (r.h < 2 || text_width(ui, summary) <= width) {
        last_x += put_text_cut(ui, r.y, 1 + used, width, ROLE_VERDICT, summary);
    } else {
        /* Two rows, the second indented under the first. */
        size_t *starts, *lens;
        size_t n = text_wrap(ui, summary, width, &starts, &lens);
        for (size_t i = 0; i < n && i < 2; i++) {
            const char *rest = summary + starts[i];
            char *line = i + 1 < 2 ? xstrndup(rest, lens[i]) : xstrdup(rest);
            int w = put_text_cut(ui, r.y + (int)i, 1 + used, width, ROLE_VERDICT, line);
            last_y = r.y + (int)i;
            last_x = 1 + used + w;
            free(line);
        }
        free(starts);
        free(lens);
    }
    put_bold(ui, false);
    free(summary);
    /* Nothing fitted after a one-row verdict: its second row, if it has one. */
    if (!draw_robustness(ui, last_y, last_x, r.w, false) && last_y == r.y && r.h >= 2)
        draw_robustness(ui, r.y + 1, 1 + used, r.w, true);
}

static void draw_status(Ui *ui)
{
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
    int c = ui_current_criterion(ui);
    if (c < 0) {
        put_text(ui, r.y, 1, r.w - 1, ROLE_STATUS, "no criterion selected; Esc clears the filter");
        return;
    }
    StrBuf sb = STRBUF_INIT;
    const Criterion *cr = &ui->ds->criteria[c];
    for (size_t i = 0; i < ui->nshown; i++)
        sb_appendf(&sb, "%s%s %.1f", i ? " vs " : "", ui->ds->stacks[ui->shown[i]].name,
                   cr->by_stack[ui->shown[i]].score);
    char wt[16];
    ui_weight_text(ui, c, wt);
    sb_appendf(&sb, " %s weight %s", ui->g->dot, wt);
    /* Then the hints, each whole or not at all. */
    char weigh[32];
    snprintf(weigh, sizeof weigh, "%s 0-9 weigh", ui->utf8 ? "\u2190\u2192" : "h/l");
    const char *hints[3] = { weigh, "Enter details", "? keys" };
    size_t nhints = 3;
    if (ui->focus == FOCUS_DETAIL && !ui->lay.compact) {
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

/* The key bar in the first form that fits: "F1/? Help  F2/p Preset ...",
 * then single spaces, then the letter keys alone. Quit always keeps its
 * place; other entries give way. */
static void draw_keybar(Ui *ui)
{
    Rect r = ui->lay.keybar;
    fill_row(ui, r.y, 0, r.w, ROLE_KEY_LABEL);
    const KeyDef *items[KEYBAR_MAX];
    size_t n = keymap_bar_items(SCOPE_MAIN, items, KEYBAR_MAX);
    char keys[KEYBAR_MAX][32];
    for (size_t i = 0; i < n; i++) {
        if (items[i]->bar_arrows && !ui->utf8)
            snprintf(keys[i], sizeof keys[i], "%s", ui->g->left_right);
        else
            keymap_bar_keys(items[i], keys[i], sizeof keys[i]);
    }
    int form = 0;
    for (; form < 2; form++) {
        int sep = form == 0 ? 2 : 1, need = 0;
        for (size_t i = 0; i < n; i++)
            if (items[i]->essential)
                need += text_width(ui, keys[i]) + 1 + text_width(ui, items[i]->bar) + sep;
        if (need - sep <= r.w)
            break;
    }
    int sep = form == 0 ? 2 : 1;
    int quit_need = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i]->action == ACT_QUIT)
            quit_need = (form == 2 ? 1 : text_width(ui, keys[i])) + 1 + text_width(ui, items[i]->bar);
    int x = 0;
    bool quit_drawn = false, stop = false;
    for (size_t i = 0; i < KEYBAR_MAX; i++)
        ui->keybar_x[i][0] = ui->keybar_x[i][1] = -1;
    for (size_t i = 0; i < n && !stop; i++) {
        const KeyDef *it = items[i];
        const char *k = keys[i];
        if (form == 2 && strchr(k, '/'))
            k = strchr(k, '/') + 1;
        int need = text_width(ui, k) + 1 + text_width(ui, it->bar);
        int reserve = quit_drawn || it->action == ACT_QUIT ? 0 : quit_need + sep;
        if (x + need + reserve > r.w) {
            if (!it->essential)
                stop = true;
            continue;
        }
        int start = x;
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY, k);
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY_LABEL, " ");
        x += put_text(ui, r.y, x, r.w - x, ROLE_KEY_LABEL, it->bar);
        ui->keybar_x[i][0] = start;
        ui->keybar_x[i][1] = x;
        quit_drawn = quit_drawn || it->action == ACT_QUIT;
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
    else if (d & DIRTY_DETAIL_WEIGHT)
        draw_detail_weight(ui);
    if (d & DIRTY_TOTALS) {
        draw_totals(ui);
        draw_verdict(ui);
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
