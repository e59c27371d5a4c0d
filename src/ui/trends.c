/* trends.c: the full-screen trends view — daily downloads of the selected
 * criterion's evidence packages, or of each shown stack's summed evidence,
 * as a line chart (src/core/chart.c draws it; this file copies it to the
 * screen), with ranges, log scale, a 7-day moving average, shares, growth
 * per line in the legend and a cursor that reads every line's figure. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/stats.h"
#include "ui/live.h"
#include "ui/ui_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "ui/view.h"

/* The trends view's settings and what it last drew (for the mouse). */
typedef struct TrendsView {
    View base;
    int range;          /* index into the view's ranges */
    bool stacks;        /* each stack's summed evidence, else the criterion's packages */
    bool log_scale, moving_avg, share;
    bool blocks;        /* quadrant blocks instead of braille (UTF-8 only) */
    int cursor;         /* range day of the cursor; -1: the last day */
    ChartGrid *grid;    /* as last drawn, or NULL */
    int grid_y;         /* the grid's top row on screen */
    int keybar_x[KEYBAR_MAX][2];
} TrendsView;

static TrendsView *tv_of(const Ui *ui) { return (TrendsView *)ui_view(ui, VIEW_TRENDS); }

/* The ranges r steps through, in days; npm keeps 18 months of history. */
static const int ranges[] = { 30, 90, 180, 365, 540 };
#define NRANGES ((int)(sizeof ranges / sizeof ranges[0]))
/* pypistats keeps the last 180 days (and yesterday). */
#define PYPI_KEEPS_DAYS 180

/* The view's keys are in the key table (src/ui/keymap.c, SCOPE_TRENDS). */

static const ThemeRole series_roles[] = { ROLE_SERIES1, ROLE_SERIES2, ROLE_SERIES3, ROLE_SERIES4,
                                          ROLE_SERIES5, ROLE_SERIES6, ROLE_SERIES7, ROLE_SERIES8 };
#define NSERIES_ROLES (sizeof series_roles / sizeof series_roles[0])

/* One line of the chart and what its legend says about it. */
typedef struct Line {
    ChartSeries cs;
    char *name;          /* owned: the cs.name */
    long long *sum;      /* owned: a stack's summed series, or NULL */
    int stack;
    const char *ecosystem;
    size_t parts, parts_with_days; /* stacks: packages summed, of those cited */
} Line;

typedef struct Lines {
    Line items[CHART_SERIES_MAX];
    size_t count;
    size_t left_out; /* packages beyond CHART_SERIES_MAX */
} Lines;

static void lines_free(Lines *ls)
{
    for (size_t i = 0; i < ls->count; i++) {
        free(ls->items[i].name);
        free(ls->items[i].sum);
    }
    ls->count = 0;
}

static void series_of(const PackageStat *st, ChartSeries *cs)
{
    long end = 0;
    if (st && st->daily && st->ndaily > 0 && st->series_end && chart_parse_day(st->series_end, &end)) {
        cs->daily = st->daily;
        cs->ndaily = st->ndaily;
        cs->end_day = end;
    } else {
        cs->daily = NULL;
        cs->ndaily = 0;
        cs->end_day = 0;
    }
}

/* The selected criterion's packages, stack by stack. */
static void package_lines(const Ui *ui, Lines *ls)
{
    int c = dashboard_criterion(ui);
    if (c < 0)
        return;
    const Criterion *cr = &ui->ds->criteria[c];
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    for (size_t i = 0; i < nshown; i++) {
        int s = shown[i];
        const Assessment *as = &cr->by_stack[s];
        for (size_t e = 0; e < as->nevidence; e++) {
            if (ls->count == CHART_SERIES_MAX) {
                ls->left_out++;
                continue;
            }
            Line *l = &ls->items[ls->count++];
            memset(l, 0, sizeof *l);
            l->stack = s;
            l->ecosystem = ui->ds->stacks[s].ecosystem;
            l->name = xstrdup(as->evidence[e]);
            l->cs.name = l->name;
            series_of(stats_find(ui->s->stats, l->ecosystem, as->evidence[e]), &l->cs);
        }
    }
}

static int by_address(const void *a, const void *b)
{
    const PackageStat *x = *(const PackageStat *const *)a, *y = *(const PackageStat *const *)b;
    return x < y ? -1 : x > y;
}

/* Each shown stack's evidence over every criterion, each package once,
 * summed day by day. */
static void stack_lines(const Ui *ui, Lines *ls)
{
    const Dataset *ds = ui->ds;
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    for (size_t i = 0; i < nshown && ls->count < CHART_SERIES_MAX; i++) {
        int s = shown[i];
        size_t cap = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            cap += ds->criteria[c].by_stack[s].nevidence;
        const PackageStat **found = xcalloc(cap ? cap : 1, sizeof *found);
        size_t n = 0, cited = 0;
        for (size_t c = 0; c < ds->ncriteria; c++) {
            const Assessment *as = &ds->criteria[c].by_stack[s];
            for (size_t e = 0; e < as->nevidence; e++) {
                const PackageStat *st = stats_find(ui->s->stats, ds->stacks[s].ecosystem, as->evidence[e]);
                if (st)
                    found[n++] = st;
            }
        }
        qsort(found, n, sizeof *found, by_address);
        ChartSeries *parts = xcalloc(n ? n : 1, sizeof *parts);
        size_t np = 0;
        for (size_t k = 0; k < n; k++) {
            if (k > 0 && found[k] == found[k - 1])
                continue;
            cited++;
            series_of(found[k], &parts[np]);
            if (parts[np].ndaily > 0)
                np++;
        }
        Line *l = &ls->items[ls->count++];
        memset(l, 0, sizeof *l);
        l->stack = s;
        l->ecosystem = ds->stacks[s].ecosystem;
        l->parts = cited;
        l->parts_with_days = np;
        l->name = xstrdup(ds->stacks[s].name);
        l->cs.name = l->name;
        long end = 0;
        size_t len = chart_sum_series(parts, np, &l->sum, &end);
        l->cs.daily = l->sum;
        l->cs.ndaily = len;
        l->cs.end_day = end;
        free(parts);
        free(found);
    }
}

static void build_lines(const Ui *ui, Lines *ls)
{
    memset(ls, 0, sizeof *ls);
    if (tv_of(ui)->stacks)
        stack_lines(ui, ls);
    else
        package_lines(ui, ls);
}

/* The packages the chart draws, each once, asked for the days the range
 * needs when their series are shorter: the fetcher asks only a service
 * that keeps a longer history (npm), only for the days missing, once per
 * length, and not while a refresh is under way, so asking at every
 * repaint costs nothing and catches the figures a refresh has just
 * brought. */
static void want_history(Ui *ui, int days)
{
    if (!ui->live)
        return;
    const Dataset *ds = ui->ds;
    int c = dashboard_criterion(ui);
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    for (size_t i = 0; i < nshown; i++) {
        int s = shown[i];
        const char *eco = ds->stacks[s].ecosystem;
        bool seen_eco = false;
        for (size_t k = 0; k < i && !seen_eco; k++)
            seen_eco = strcmp(ds->stacks[shown[k]].ecosystem, eco) == 0;
        if (seen_eco)
            continue;
        const char **names = NULL;
        size_t n = 0;
        for (size_t k = i; k < nshown; k++) {
            int t = shown[k];
            if (strcmp(ds->stacks[t].ecosystem, eco) != 0)
                continue;
            for (size_t cr = 0; cr < ds->ncriteria; cr++) {
                if (!tv_of(ui)->stacks && (int)cr != c)
                    continue;
                const Assessment *as = &ds->criteria[cr].by_stack[t];
                for (size_t e = 0; e < as->nevidence; e++) {
                    const PackageStat *st = stats_find(ui->s->stats, eco, as->evidence[e]);
                    if (!st || !st->daily || st->ndaily >= (size_t)days)
                        continue;
                    names = xreallocarray(names, n + 1, sizeof *names);
                    names[n++] = as->evidence[e];
                }
            }
        }
        if (n)
            (void)live_history(ui->live, eco, names, n, days);
        free(names);
    }
}

/* ---- opening and keys ---------------------------------------------------------- */

void trends_open(Ui *ui)
{
    view_push(ui, VIEW_TRENDS);
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    int c = dashboard_criterion(ui);
    if (!tv_of(ui)->stacks && c >= 0) {
        const int *shown;
        size_t n = 0, nshown = dashboard_shown(ui, &shown);
        for (size_t i = 0; i < nshown; i++)
            n += ui->ds->criteria[c].by_stack[shown[i]].nevidence;
        if (n == 0) {
            tv_of(ui)->stacks = true;
            ui_message(ui, MSG_INFO, "this criterion names no packages: showing each stack's summed "
                                     "evidence (m: packages)");
            return;
        }
    }
    ui_message(ui, MSG_INFO, "trends: r range, L log, a average, %% share, m %s, Left/Right cursor",
               tv_of(ui)->stacks ? "packages" : "stacks");
}

/* The chart as last drawn, for the mouse: freed when the view redraws or
 * closes. */
static void trends_free_grid(TrendsView *t)
{
    chart_grid_free(t->grid);
    t->grid = NULL;
}

static int range_days(const Ui *ui) { return ranges[tv_of(ui)->range]; }

static void move_cursor(Ui *ui, int delta, bool absolute)
{
    int n = range_days(ui);
    int cur = tv_of(ui)->cursor < 0 || tv_of(ui)->cursor >= n ? n - 1 : tv_of(ui)->cursor;
    int to = absolute ? delta : cur + delta;
    to = to < 0 ? 0 : to >= n ? n - 1 : to;
    tv_of(ui)->cursor = to;
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

static void range_label(int days, char *out, size_t n)
{
    if (days >= 365)
        snprintf(out, n, "%d months", days == 365 ? 12 : 18);
    else
        snprintf(out, n, "%d days", days);
}

static void set_range(Ui *ui, int index)
{
    int old = range_days(ui);
    tv_of(ui)->range = (index + NRANGES) % NRANGES;
    /* keep the cursor on the same date: ranges all end on the newest day */
    if (tv_of(ui)->cursor >= 0) {
        int from_end = old - 1 - tv_of(ui)->cursor;
        int n = range_days(ui);
        tv_of(ui)->cursor = from_end >= n ? 0 : n - 1 - from_end;
    }
    char label[24];
    range_label(range_days(ui), label, sizeof label);
    ui_message(ui, MSG_INFO, "range: the last %s", label);
}

static void step_criterion(Ui *ui, int delta)
{
    if (tv_of(ui)->stacks) {
        ui_message(ui, MSG_INFO, "showing each stack's summed evidence: m shows a criterion's packages");
        return;
    }
    if (dashboard_step(ui, delta))
        ui_message(ui, MSG_INFO, "%s", ui->ds->criteria[dashboard_criterion(ui)].title);
}

static bool trends_key(Ui *ui, View *v, int key)
{
    (void)v;
    Action a = keymap_action(SCOPE_TRENDS, key);
    if (a == ACT_NONE)
        return false;
    TrendsView *t = tv_of(ui);
    switch (a) {
    case TRD_CLOSE:
        trends_free_grid(t);
        view_pop(ui);
        return true;
    case TRD_DAY_BACK: move_cursor(ui, -1, false); return true;
    case TRD_DAY_ON: move_cursor(ui, 1, false); return true;
    case TRD_WEEK_BACK: move_cursor(ui, -7, false); return true;
    case TRD_WEEK_ON: move_cursor(ui, 7, false); return true;
    case TRD_FIRST_DAY: move_cursor(ui, 0, true); return true;
    case TRD_LAST_DAY: move_cursor(ui, range_days(ui) - 1, true); return true;
    case TRD_RANGE_NEXT: set_range(ui, t->range + 1); break;
    case TRD_RANGE_PREV: set_range(ui, t->range - 1); break;
    case TRD_LOG:
        t->log_scale = !t->log_scale;
        ui_message(ui, MSG_INFO, "%s scale", t->log_scale ? "log" : "linear");
        break;
    case TRD_AVG:
        t->moving_avg = !t->moving_avg;
        ui_message(ui, MSG_INFO, t->moving_avg ? "7-day moving average: each day is the mean of "
                                                 "the 7 days up to it"
                                               : "daily figures");
        break;
    case TRD_SHARE:
        t->share = !t->share;
        ui_message(ui, MSG_INFO, t->share ? "share: each line as a percent of the lines' total "
                                            "that day"
                                          : "downloads");
        break;
    case TRD_MODE:
        t->stacks = !t->stacks;
        ui_message(ui, MSG_INFO, t->stacks ? "each stack's summed evidence (every criterion)"
                                           : "the selected criterion's packages (Up/Down: criterion)");
        break;
    case TRD_CRIT_NEXT: step_criterion(ui, 1); break;
    case TRD_CRIT_PREV: step_criterion(ui, -1); break;
    case TRD_DOTS:
        if (!ui->utf8) {
            ui_message(ui, MSG_INFO, "ASCII mode (--ascii or the locale): no braille or blocks");
            return true;
        }
        t->blocks = !t->blocks;
        ui_message(ui, MSG_INFO, "%s", t->blocks ? "block dots" : "braille dots");
        break;
    default:
        return false;
    }
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    return true;
}

static void trends_mouse(Ui *ui, View *v, int x, int y, unsigned long bstate)
{
    (void)v;
    if (!(bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | REPORT_MOUSE_POSITION)))
        return;
    if (y == ui->height - 1) {
        Action a = view_keybar_hit(SCOPE_TRENDS, tv_of(ui)->keybar_x, x);
        if (a != ACT_NONE && (bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
            view_press(ui, SCOPE_TRENDS, a);
        return;
    }
    const ChartGrid *g = tv_of(ui)->grid;
    if (!g || y < tv_of(ui)->grid_y || y >= tv_of(ui)->grid_y + g->height)
        return;
    int day = chart_day_at(g, x);
    if (day >= 0)
        move_cursor(ui, day, true);
}

/* ---- drawing ------------------------------------------------------------------------ */

/* 1234567 -> "1,234,567": the cursor reads exact figures. */
static void group_digits(long long v, char out[32])
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? 0 : v);
    int o = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static ThemeRole role_of(const ChartCell *c)
{
    int st = c->style & ~CHART_CELL_CURSOR;
    if (st == CHART_STYLE_AXIS)
        return ROLE_BORDER;
    if (st == CHART_STYLE_LABEL)
        return ROLE_DIM;
    if (st >= CHART_STYLE_SERIES)
        return series_roles[(size_t)(st - CHART_STYLE_SERIES) % NSERIES_ROLES];
    return ROLE_NORMAL;
}

static void copy_grid(Ui *ui, const ChartGrid *g, int y0)
{
    for (int y = 0; y < g->height; y++)
        for (int x = 0; x < g->width; x++) {
            const ChartCell *c = &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
            if (!c->glyph[0])
                continue;
            ThemeRole role = role_of(c);
            if ((c->style & CHART_CELL_CURSOR) && (c->style & ~CHART_CELL_CURSOR) == CHART_STYLE_AXIS)
                role = ROLE_TITLE;
            put_text(ui, y0 + y, x, 1, role, c->glyph);
            if (c->style & CHART_CELL_CURSOR && (c->style & ~CHART_CELL_CURSOR) >= CHART_STYLE_SERIES) {
                attr_t a = (attr_t)ui->attr[role];
                mvchgat(y0 + y, x, 1, (a & ~A_COLOR) | A_REVERSE, (short)PAIR_NUMBER(a), NULL);
            }
        }
}

/* The legend entry of line i at the cursor's day. */
static char *legend_entry(const Ui *ui, const Lines *ls, size_t i, const ChartData *d, int cursor)
{
    const Line *l = &ls->items[i];
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s %s", ui->utf8 ? "\u2501\u2501" : "--", l->name);
    const int *shown;
    if (!tv_of(ui)->stacks && dashboard_shown(ui, &shown) > 1)
        sb_appendf(&sb, " (%s)", ui->ds->stacks[l->stack].name);
    if (l->cs.ndaily == 0) {
        sb_append(&sb, tv_of(ui)->stacks && l->parts > 0 ? "  no common daily series" : "  no daily series");
        char *s = xstrdup(sb_str(&sb));
        sb_free(&sb);
        return s;
    }
    long day = d->first_day + cursor;
    long long raw = chart_raw_at(&l->cs, day);
    char num[32];
    if (raw >= 0) {
        group_digits(raw, num);
        sb_appendf(&sb, "  %s", num);
    } else {
        sb_append(&sb, "  -");
    }
    double v = d->values[i][cursor];
    if ((tv_of(ui)->moving_avg || tv_of(ui)->share) && v == v) {
        char f[16];
        if (tv_of(ui)->share)
            snprintf(f, sizeof f, "%.1f%%", v);
        else
            chart_format_count(v, f);
        sb_appendf(&sb, " %s %s", tv_of(ui)->moving_avg ? "avg" : "=", f);
        if (tv_of(ui)->moving_avg && tv_of(ui)->share)
            sb_append(&sb, " of avg");
    }
    char pct[16];
    if (d->growth_known[i]) {
        chart_format_pct(d->growth_pct[i], pct);
        sb_appendf(&sb, "  %s", pct);
    } else {
        sb_append(&sb, "  growth n/a");
    }
    if (d->data_from[i] > d->first_day && d->data_from[i] <= d->last_day) {
        char from[8];
        chart_format_short_day(d->data_from[i], from);
        sb_appendf(&sb, "  from %s", from);
    }
    if (tv_of(ui)->stacks && l->parts_with_days < l->parts)
        sb_appendf(&sb, "  %zu of %zu pkgs", l->parts_with_days, l->parts);
    char *s = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return s;
}

/* Why lines start later than the range, in one sentence, or NULL. */
static char *shortfall_note(const Ui *ui, const Lines *ls, const ChartData *d)
{
    bool pypi_short = false, other_short = false;
    long shortest = d->last_day + 1;
    for (size_t i = 0; i < ls->count; i++) {
        if (ls->items[i].cs.ndaily == 0 || d->data_from[i] <= d->first_day)
            continue;
        if (strcmp(ls->items[i].ecosystem, "pypi") == 0)
            pypi_short = true;
        else
            other_short = true;
        if (d->data_from[i] < shortest || shortest > d->last_day)
            shortest = d->data_from[i];
    }
    bool fetching = ui->live && live_history_busy(ui->live);
    const char *failed = ui->live && !fetching ? live_history_error(ui->live) : NULL;
    if (!pypi_short && !other_short)
        return NULL;
    char label[24];
    range_label(d->ndays, label, sizeof label);
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "The range is %s; ", label);
    if (pypi_short)
        sb_appendf(&sb, "pypistats keeps %d days%s", PYPI_KEEPS_DAYS, other_short ? "; " : ".");
    if (other_short && fetching)
        sb_append(&sb, "fetching the other lines' longer history...");
    else if (other_short && failed)
        sb_appendf(&sb, "other lines hold fewer days so far (the longer history: %s).", failed);
    else if (other_short)
        sb_append(&sb, "other lines hold fewer days so far.");
    char *s = xstrdup(sb_str(&sb));
    sb_free(&sb);
    (void)ui;
    return s;
}

static void draw_title(Ui *ui, int y)
{
    fill_row(ui, y, 0, ui->width, ROLE_TITLE);
    StrBuf sb = STRBUF_INIT;
    int c = dashboard_criterion(ui);
    if (tv_of(ui)->stacks)
        sb_append(&sb, " Trends: each stack's summed evidence");
    else
        sb_appendf(&sb, " Trends: %s", c >= 0 ? ui->ds->criteria[c].title : "no criterion");
    char label[24];
    range_label(range_days(ui), label, sizeof label);
    char right[96];
    snprintf(right, sizeof right, "%s %s %s %s %s%s ", label, ui->g->dot,
             tv_of(ui)->log_scale ? "log" : "linear", ui->g->dot,
             tv_of(ui)->moving_avg ? "7-day average" : "daily", tv_of(ui)->share ? " share" : "");
    /* The settings always show; the title gives way. */
    int rw = text_width(ui, right);
    if (rw > ui->width)
        rw = 0;
    put_styled_cut(ui, y, 0, ui->width - rw - 1, ROLE_TITLE, true, sb_str(&sb));
    if (rw)
        put_text(ui, y, ui->width - rw, rw, ROLE_TITLE, right);
    sb_free(&sb);
}

static void trends_draw(Ui *ui)
{
    erase();
    draw_header(ui);
    draw_title(ui, 1);
    want_history(ui, range_days(ui));
    Lines ls;
    build_lines(ui, &ls);
    ChartSeries cs[CHART_SERIES_MAX];
    for (size_t i = 0; i < ls.count; i++)
        cs[i] = ls.items[i].cs;
    ChartOptions o = { .range_days = range_days(ui), .log_scale = tv_of(ui)->log_scale,
                       .moving_avg = tv_of(ui)->moving_avg, .share = tv_of(ui)->share };
    ChartData *d = chart_data_build(cs, ls.count, &o);
    int cursor = tv_of(ui)->cursor < 0 || tv_of(ui)->cursor >= d->ndays ? d->ndays - 1 : tv_of(ui)->cursor;

    /* The legend: as many columns as fit, one row per column's worth. */
    char *entries[CHART_SERIES_MAX];
    int ew = 0;
    for (size_t i = 0; i < ls.count; i++) {
        entries[i] = legend_entry(ui, &ls, i, d, cursor);
        int w = text_width(ui, entries[i]);
        ew = w > ew ? w : ew;
    }
    int colw = ew + 3;
    int cols = colw > 0 && ui->width / colw > 0 ? ui->width / colw : 1;
    int lrows = ls.count ? ((int)ls.count + cols - 1) / cols : 1;
    char *note = shortfall_note(ui, &ls, d);
    int chart_y = 2;
    /* header, title, chart, legend heading, legend, note, status, keys */
    int room = ui->height - chart_y - 1 - 2 - (note ? 1 : 0);
    if (lrows > room - 5)
        lrows = room - 5 > 1 ? room - 5 : 1;
    int chart_h = room - lrows;
    trends_free_grid(tv_of(ui));
    int ly = chart_y;
    bool any_days = false;
    for (size_t i = 0; i < ls.count; i++)
        any_days = any_days || ls.items[i].cs.ndaily > 0;
    if (ls.count == 0) {
        put_text(ui, chart_y + 1, 2, ui->width - 4, ROLE_WARNING,
                 tv_of(ui)->stacks ? "no stacks to chart" : "no criterion selected");
    } else if (!any_days) {
        /* No day to chart: no empty axes with made-up dates, just the
         * legend and why. */
        ly = chart_y + 1;
    } else {
        ChartDots dots = !ui->utf8 ? CHART_ASCII : tv_of(ui)->blocks ? CHART_BLOCKS : CHART_BRAILLE;
        tv_of(ui)->grid = chart_render(d, ui->width - 1, chart_h, dots, cursor);
        tv_of(ui)->grid_y = chart_y;
        if (tv_of(ui)->grid)
            copy_grid(ui, tv_of(ui)->grid, chart_y);
        else
            put_text(ui, chart_y + 1, 2, ui->width - 4, ROLE_WARNING, "too small for a chart");
        ly = chart_y + (chart_h > 0 ? chart_h : 0);
    }
    /* The cursor's day, then the legend. */
    char day[11];
    chart_format_day(d->first_day + cursor, day);
    static const char *const wdays[7] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
    long dn = d->first_day + cursor;
    if (any_days)
        put_textf(ui, ly, 1, ui->width - 2, ROLE_TITLE, "%s %s%s  (growth: last 7 days vs first 7)", wdays[((dn % 7) + 7) % 7], day,
                  tv_of(ui)->moving_avg ? " (avg of 7 days to it)" : "");
    else
        put_text(ui, ly, 1, ui->width - 2, ROLE_WARNING,
                 "no daily figures yet: u fetches them (bundled figures are monthly totals)");
    for (size_t i = 0; i < ls.count; i++) {
        int row = (int)i / cols, col = (int)i % cols;
        if (row >= lrows) {
            put_textf(ui, ly + lrows, 1, ui->width - 2, ROLE_DIM, "%zu more lines not listed",
                      ls.count - i);
            break;
        }
        ThemeRole role = series_roles[i % NSERIES_ROLES];
        put_text_cut(ui, ly + 1 + row, 1 + col * colw, colw - 1, role, entries[i]);
    }
    if (ls.left_out)
        ui_message(ui, MSG_INFO, "%zu more packages than the chart has lines for: %d are shown",
                   ls.left_out, CHART_SERIES_MAX);
    if (note)
        put_text_cut(ui, ui->height - 3, 1, ui->width - 2, ROLE_DIM, note);
    free(note);
    for (size_t i = 0; i < ls.count; i++)
        free(entries[i]);

    /* status line and keys */
    int sy = ui->height - 2;
    fill_row(ui, sy, 0, ui->width, ROLE_STATUS);
    if (ui->msg)
        put_text(ui, sy, 1, ui->width - 1,
                 ui->msg_kind == MSG_ERROR ? ROLE_ERROR : ui->msg_kind == MSG_WARNING ? ROLE_WARNING : ROLE_STATUS,
                 ui->msg);
    else
        put_text(ui, sy, 1, ui->width - 1, ROLE_STATUS,
                 "Left/Right or click: cursor  r: range  Up/Down: criterion  ? keys");
    draw_view_keybar(ui, SCOPE_TRENDS, tv_of(ui)->keybar_x);
    chart_data_free(d);
    lines_free(&ls);
}

/* The view is cheap to draw whole: any change repaints it. */
static void trends_view_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)v;
    if (dirty)
        trends_draw(ui);
}

static void trends_init(Ui *ui, View *v)
{
    (void)ui;
    ((TrendsView *)v)->cursor = -1;
}

static void trends_view_free(View *v) { trends_free_grid((TrendsView *)v); }

/* The chart's cells no longer match the screen: none is hit until it is
 * drawn again at the new size. */
static void trends_resize(Ui *ui, View *v)
{
    (void)ui;
    trends_free_grid((TrendsView *)v);
}

const ViewOps trends_view_ops = {
    .name = "trends",
    .overlay = false,
    .uncover = DIRTY_LAYOUT,
    .init = trends_init,
    .draw = trends_view_draw,
    .key = trends_key,
    .mouse = trends_mouse,
    .resize = trends_resize,
    .free = trends_view_free,
    .size = sizeof(TrendsView),
};
