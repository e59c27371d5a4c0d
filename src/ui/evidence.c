/* evidence.c: the evidence view — one table of every evidence package
 * (and any other figure the stats table holds) with its figures, source,
 * status and age, its package health beside the downloads (as much as the
 * width holds), and the selected package's health in full with where it
 * came from under the table; sorted by any column, filtered by text, and
 * narrowed to what failed or is stale. The header's "N failed" leads here. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/day.h"
#include "core/health.h"
#include "core/stats.h"
#include "core/trend.h"
#include "ui/ui_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "ui/view.h"

/* The evidence table's sort, filter and selection. */
typedef struct EvidenceView {
    View base;
    int sort;           /* column index */
    bool descending;
    bool problems_only; /* only failed or stale figures */
    char filter[TEXT_INPUT_MAX_EV];
    bool editing;       /* typing into the filter */
    size_t sel, top;
    int keybar_x[KEYBAR_MAX][2];
} EvidenceView;


static EvidenceView *ev_of(const Ui *ui) { return (EvidenceView *)ui_view(ui, VIEW_EVIDENCE); }

/* The view's keys are in the key table (src/ui/keymap.c, SCOPE_EVIDENCE). */

/* X(enum, title, narrowest, widest, right-aligned). Every column gets its
 * narrowest (80 columns hold them all); the width left over goes, in
 * column_xs's order, towards each widest; Health takes what remains. */
#define EVIDENCE_COLUMNS(X)                  \
    X(COL_STACK, "Stack", 7, 10, false)      \
    X(COL_PACKAGE, "Package", 13, 30, false) \
    X(COL_MONTH, "Month", 7, 7, true)        \
    X(COL_WEEK, "Week", 7, 7, true)          \
    X(COL_CHANGE, "W/w", 6, 6, true)         \
    X(COL_HEALTH, "Health", 10, 0, false)    \
    X(COL_SOURCE, "Source", 7, 7, false)     \
    X(COL_STATUS, "Status", 8, 24, false)    \
    X(COL_AGE, "Age", 5, 5, true)

#define COL_ENUM(e, title, narrow, wide, right) e,
enum { EVIDENCE_COLUMNS(COL_ENUM) NCOLS };
#undef COL_ENUM
#define COL_TITLE(e, title, narrow, wide, right) title,
static const char *const col_titles[NCOLS] = { EVIDENCE_COLUMNS(COL_TITLE) };
#undef COL_TITLE
#define COL_NARROW(e, title, narrow, wide, right) narrow,
static const int col_narrow[NCOLS] = { EVIDENCE_COLUMNS(COL_NARROW) };
#undef COL_NARROW
#define COL_WIDE(e, title, narrow, wide, right) wide,
static const int col_wide[NCOLS] = { EVIDENCE_COLUMNS(COL_WIDE) };
#undef COL_WIDE
#define COL_RIGHT(e, title, narrow, wide, right) right,
static const bool col_right[NCOLS] = { EVIDENCE_COLUMNS(COL_RIGHT) };
#undef COL_RIGHT
/* The selected package's health in full, and where it came from: two rows
 * under the table when the screen has room for them. */
#define HEALTH_PANE_ROWS 2
#define HEALTH_PANE_MIN_HEIGHT 12

/* One row: a package of a stack (stack -1: a figure no stack cites). */
typedef struct Row {
    int stack;
    const char *package;
    const PackageStat *st;
    const PackageHealth *health; /* NULL when the health table has no entry */
    bool change_known;
    double change;
} Row;

static bool is_problem(const PackageStat *st)
{
    if (!st)
        return true;
    switch (st->status) {
    case STAT_OK:
    case STAT_PENDING:
        return st->source == STAT_SOURCE_NONE;
    case STAT_STALE:
    case STAT_NOT_FOUND:
    case STAT_RATE_LIMITED:
    case STAT_OFFLINE:
    case STAT_ERROR:
        return true;
    }
    return true;
}

static bool contains(const char *text, const char *needle)
{
    if (!needle[0])
        return true;
    if (!text)
        return false;
    size_t n = strlen(needle);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return true;
    return false;
}

static const char *status_text(const PackageStat *st, char *buf, size_t n)
{
    if (!st)
        return "no figure";
    const char *name = st->source == STAT_SOURCE_NONE && st->status == STAT_OK ? "no figure"
                                                                                : stat_status_name(st->status);
    if (st->detail && st->detail[0] && strcmp(st->detail, name) != 0)
        snprintf(buf, n, "%s: %s", name, st->detail);
    else
        snprintf(buf, n, "%s", name);
    return buf;
}

static bool row_matches(const Ui *ui, const Row *r, const char *needle)
{
    char buf[256];
    return contains(r->package, needle) ||
           (r->stack >= 0 && contains(ui->ds->stacks[r->stack].name, needle)) ||
           (r->st && contains(r->st->ecosystem, needle)) ||
           (r->st && contains(stat_source_name(r->st->source), needle)) ||
           contains(status_text(r->st, buf, sizeof buf), needle);
}

/* Every (stack, package) the data cites, each once, then any other figure. */
static Row *collect(const Ui *ui, size_t *count)
{
    const Dataset *ds = ui->ds;
    const StatsTable *t = ui->s->stats;
    size_t cap = t->count + 16, n = 0;
    Row *rows = xcalloc(cap, sizeof *rows);
    bool *cited = xcalloc(t->count ? t->count : 1, sizeof *cited);
    for (size_t s = 0; s < ds->nstacks; s++) {
        const size_t first = n;
        for (size_t c = 0; c < ds->ncriteria; c++) {
            const Assessment *as = &ds->criteria[c].by_stack[s];
            for (size_t e = 0; e < as->nevidence; e++) {
                const PackageStat *st = stats_find(t, ds->stacks[s].ecosystem, as->evidence[e]);
                bool dup = false;
                if (st) {
                    size_t idx = (size_t)(st - t->items);
                    /* the same entry may be cited by another stack of the same ecosystem */
                    for (size_t k = first; k < n && !dup; k++)
                        dup = rows[k].st == st;
                    if (!dup)
                        cited[idx] = true;
                } else {
                    for (size_t k = first; k < n && !dup; k++)
                        dup = strcmp(rows[k].package, as->evidence[e]) == 0;
                }
                if (dup)
                    continue;
                if (n == cap) {
                    cap *= 2;
                    rows = xreallocarray(rows, cap, sizeof *rows);
                }
                rows[n++] = (Row){ (int)s, as->evidence[e], st, NULL, false, 0 };
            }
        }
    }
    for (size_t i = 0; i < t->count; i++) {
        if (cited[i])
            continue;
        if (n == cap) {
            cap *= 2;
            rows = xreallocarray(rows, cap, sizeof *rows);
        }
        rows[n++] = (Row){ -1, t->items[i].package, &t->items[i], NULL, false, 0 };
    }
    free(cited);
    for (size_t i = 0; i < n; i++) {
        if (rows[i].st)
            rows[i].change_known = trend_week_change(rows[i].st->daily, rows[i].st->ndaily, &rows[i].change);
        const char *eco = rows[i].st ? rows[i].st->ecosystem : ds->stacks[rows[i].stack].ecosystem;
        rows[i].health = ui->s->health ? health_table_find(ui->s->health, eco, rows[i].package) : NULL;
    }
    *count = n;
    return rows;
}

/* qsort has no context argument: the sort in force while sorting. */
static const Ui *sorting_ui;

static long long figure(const PackageStat *st, bool month)
{
    if (!st || st->source == STAT_SOURCE_NONE)
        return -1;
    return stat_number(st, month ? FIG_DOWNLOADS_MONTH : FIG_DOWNLOADS_WEEK);
}

static int cmp_ll(long long a, long long b) { return a < b ? -1 : a > b; }

static char sorting_today[HEALTH_DATE_LEN];

/* Health sorts by the days since the latest release, freshest first;
 * unknown last. */
static long long release_age(const Row *r)
{
    long d = r->health ? health_days_since_release(r->health, sorting_today) : HEALTH_UNKNOWN;
    return d >= 0 ? d : 1LL << 40;
}

static int compare_rows(const void *pa, const void *pb)
{
    const Row *a = pa, *b = pb;
    const Ui *ui = sorting_ui;
    int c = 0;
    char x[256], y[256];
    switch (ev_of(ui)->sort) {
    case COL_STACK: {
        const char *sa = a->stack >= 0 ? ui->ds->stacks[a->stack].name : "~";
        const char *sb = b->stack >= 0 ? ui->ds->stacks[b->stack].name : "~";
        c = strcasecmp(sa, sb);
        break;
    }
    case COL_PACKAGE: c = strcasecmp(a->package, b->package); break;
    case COL_MONTH: c = cmp_ll(figure(a->st, true), figure(b->st, true)); break;
    case COL_WEEK: c = cmp_ll(figure(a->st, false), figure(b->st, false)); break;
    case COL_CHANGE:
        c = a->change_known != b->change_known ? (a->change_known ? 1 : -1)
            : a->change_known ? (a->change < b->change ? -1 : a->change > b->change) : 0;
        break;
    case COL_HEALTH: c = cmp_ll(release_age(a), release_age(b)); break;
    case COL_SOURCE:
        c = strcmp(a->st ? stat_source_name(a->st->source) : "", b->st ? stat_source_name(b->st->source) : "");
        break;
    case COL_STATUS:
        /* problems first when ascending: what needs a look leads */
        c = cmp_ll(!is_problem(a->st), !is_problem(b->st));
        if (!c)
            c = strcmp(status_text(a->st, x, sizeof x), status_text(b->st, y, sizeof y));
        break;
    case COL_AGE:
        /* oldest first */
        c = cmp_ll(a->st && a->st->fetched_at ? a->st->fetched_at : 0,
                   b->st && b->st->fetched_at ? b->st->fetched_at : 0);
        break;
    default: break;
    }
    if (ev_of(ui)->descending)
        c = -c;
    if (!c) /* a stable order under any sort: stack, then package */
        c = a->stack != b->stack ? (a->stack < 0 ? 1 : b->stack < 0 ? -1 : a->stack - b->stack)
                                 : strcmp(a->package, b->package);
    return c;
}

/* The rows shown: collected, filtered and sorted. */
static Row *visible_rows(const Ui *ui, size_t *count, size_t *total)
{
    size_t n;
    Row *rows = collect(ui, &n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ev_of(ui)->problems_only && !is_problem(rows[i].st))
            continue;
        if (!row_matches(ui, &rows[i], ev_of(ui)->filter))
            continue;
        rows[k++] = rows[i];
    }
    sorting_ui = ui;
    day_format(day_of_time(time(NULL)), sorting_today);
    qsort(rows, k, sizeof *rows, compare_rows);
    sorting_ui = NULL;
    *count = k;
    *total = n;
    return rows;
}

size_t evidence_problem_count(const Ui *ui)
{
    size_t n, count = 0;
    Row *rows = collect(ui, &n);
    for (size_t i = 0; i < n; i++)
        count += is_problem(rows[i].st);
    free(rows);
    return count;
}

void evidence_open(Ui *ui, bool problems_only)
{
    view_push(ui, VIEW_EVIDENCE);
    ev_of(ui)->problems_only = problems_only;
    ev_of(ui)->sel = ev_of(ui)->top = 0;
    ev_of(ui)->editing = false;
    if (problems_only)
        ev_of(ui)->sort = COL_STATUS, ev_of(ui)->descending = false;
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    ui_message(ui, MSG_INFO, problems_only ? "evidence: only what failed or is stale (f: everything)"
                                           : "evidence: F6 sort, I invert, / filter, f failed or stale only");
}

/* ---- keys -------------------------------------------------------------------------- */

static bool health_pane(const Ui *ui) { return ui->height >= HEALTH_PANE_MIN_HEIGHT; }

static int table_rows(const Ui *ui)
{
    int h = ui->height - 5 - (health_pane(ui) ? HEALTH_PANE_ROWS : 0);
    return h > 1 ? h : 1;
}

static void clamp_selection(Ui *ui, size_t count)
{
    EvidenceView *e = ev_of(ui);
    if (count == 0) {
        e->sel = e->top = 0;
        return;
    }
    if (e->sel >= count)
        e->sel = count - 1;
    size_t h = (size_t)table_rows(ui);
    if (e->sel < e->top)
        e->top = e->sel;
    if (e->sel >= e->top + h)
        e->top = e->sel - h + 1;
    if (e->top + h > count)
        e->top = count > h ? count - h : 0;
}

static void move_sel(Ui *ui, long delta)
{
    long to = (long)ev_of(ui)->sel + delta;
    ev_of(ui)->sel = to < 0 ? 0 : (size_t)to;
    /* clamped to the rows when drawn */
}

static void set_sort(Ui *ui, int col)
{
    EvidenceView *e = ev_of(ui);
    e->sort = (col + NCOLS) % NCOLS;
    /* figures read best largest first; names A to Z */
    e->descending = e->sort == COL_MONTH || e->sort == COL_WEEK || e->sort == COL_CHANGE;
    if (e->sort == COL_HEALTH) {
        ui_message(ui, MSG_INFO, "sorted by %s: latest release, %s", col_titles[e->sort],
                   "newest first (I inverts)");
        return;
    }
    ui_message(ui, MSG_INFO, "sorted by %s, %s", col_titles[e->sort],
               e->descending ? "largest first (I inverts)" : "ascending (I inverts)");
}

static bool filter_key(Ui *ui, int key)
{
    EvidenceView *e = ev_of(ui);
    size_t len = strlen(e->filter);
    if (key == '\n' || key == '\r' || key == FK(KEY_ENTER)) {
        e->editing = false;
        ui_message(ui, MSG_INFO, e->filter[0] ? "filter kept: Esc clears it" : "no filter");
    } else if (key == KEY_ESC) {
        e->editing = false;
        e->filter[0] = '\0';
        ui_message(ui, MSG_INFO, "filter cleared");
    } else if (key == FK(KEY_BACKSPACE) || key == 127 || key == 8) {
        while (len > 0 && ((unsigned char)e->filter[len - 1] & 0xc0) == 0x80)
            len--;
        if (len > 0)
            e->filter[len - 1] = '\0';
    } else if (key == CTRL('u')) {
        e->filter[0] = '\0';
    } else if (key >= 0x20 && !(key & KEY_FN) && key != 0x7f) {
        char enc[4];
        size_t n = utf8_encode((uint32_t)key, enc);
        if (len + n + 1 < sizeof e->filter) {
            memcpy(e->filter + len, enc, n);
            e->filter[len + n] = '\0';
        }
    } else {
        return true; /* other keys do nothing while typing */
    }
    e->sel = e->top = 0;
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    return true;
}

static bool evidence_key(Ui *ui, View *v, int key)
{
    (void)v;
    EvidenceView *e = ev_of(ui);
    if (e->editing)
        return filter_key(ui, key);
    Action a = keymap_action(SCOPE_EVIDENCE, key);
    if (a == ACT_NONE)
        return false;
    switch (a) {
    case EVD_CLOSE:
        view_pop(ui);
        return true;
    case EVD_CLEAR:
        if (e->filter[0]) {
            e->filter[0] = '\0';
            ui_message(ui, MSG_INFO, "filter cleared");
        } else {
            view_pop(ui);
            return true;
        }
        break;
    case EVD_DOWN: move_sel(ui, 1); break;
    case EVD_UP: move_sel(ui, -1); break;
    case EVD_PAGE_DOWN: move_sel(ui, table_rows(ui)); break;
    case EVD_PAGE_UP: move_sel(ui, -table_rows(ui)); break;
    case EVD_FIRST: e->sel = 0; break;
    case EVD_LAST: e->sel = (size_t)-1 / 2; break;
    case EVD_SORT_NEXT: set_sort(ui, e->sort + 1); break;
    case EVD_SORT_PREV: set_sort(ui, e->sort - 1); break;
    case EVD_INVERT:
        e->descending = !e->descending;
        ui_message(ui, MSG_INFO, "sorted by %s, %s", col_titles[e->sort],
                   e->descending ? "descending" : "ascending");
        break;
    case EVD_FILTER:
        e->editing = true;
        ui_message(ui, MSG_INFO, "type to filter; Enter keeps it, Esc clears it");
        break;
    case EVD_PROBLEMS:
        e->problems_only = !e->problems_only;
        e->sel = e->top = 0;
        ui_message(ui, MSG_INFO, e->problems_only ? "only what failed or is stale" : "every package");
        break;
    default:
        return false;
    }
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    return true;
}

/* ---- drawing --------------------------------------------------------------------------- */

/* Column x positions for the screen width: each column's narrowest, then
 * what is left towards each widest in this order, then to Health. */
static void column_xs(const Ui *ui, int xs[NCOLS + 1])
{
    static const int grow[] = { COL_STACK, COL_STATUS, COL_PACKAGE };
    int w[NCOLS], left = ui->width - 1;
    for (int c = 0; c < NCOLS; c++)
        left -= (w[c] = col_narrow[c]) + 1;
    for (size_t g = 0; g < sizeof grow / sizeof grow[0] && left > 0; g++) {
        int c = grow[g], take = col_wide[c] - w[c];
        /* a long package name is worth less than the health beside it */
        if (c == COL_PACKAGE && take > left / 3)
            take = left / 3;
        take = take < left ? take : left;
        w[c] += take;
        left -= take;
    }
    if (left > 0)
        w[COL_HEALTH] += left;
    int x = 1;
    for (int c = 0; c < NCOLS; c++) {
        xs[c] = x;
        x += w[c] + 1;
    }
    xs[NCOLS] = x;
}

/* Every figure known of a package in a few cells each: "5.3.0 · 55d · MIT
 * · 0 adv · 68.9k stars · sc 7.9"; what is not known is left out (the pane
 * under the table says what and why). Caller frees. */
static char *health_compact(const PackageHealth *h, const char *today)
{
    const HealthFigures *f = &h->f;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, f->version ? f->version : "?");
    long days = health_days_since_release(h, today);
    if (days >= 0)
        sb_appendf(&sb, " · %ldd", days);
    if (f->license)
        sb_appendf(&sb, " · %s", f->license[0] ? f->license : "no licence");
    if (f->advisories >= 0)
        sb_appendf(&sb, " · %d adv", f->advisories);
    if (f->repo && f->stars >= 0) {
        char n[16];
        trend_format_count(f->stars, n);
        sb_appendf(&sb, " · %s stars", n);
    }
    if (f->repo && f->scorecard >= 0)
        sb_appendf(&sb, " · sc %.1f", f->scorecard);
    return sb_take(&sb);
}

/* A package's health in w cells: the first form that fits of the full
 * line and every known figure, both with their source, then both without;
 * the brief; version and days, cut to fit. Caller frees. */
static char *health_cell(const Ui *ui, const Row *r, const char *today, int w)
{
    const PackageHealth *h = r->health;
    if (!h || h->source == STAT_SOURCE_NONE)
        return xstrdup("-");
    enum { NFORMS = 6 };
    char *forms[NFORMS];
    forms[2] = health_describe(h, today);
    forms[0] = xasprintf("%s (%s)", forms[2], stat_source_name(h->source));
    forms[3] = health_compact(h, today);
    forms[1] = xasprintf("%s (%s)", forms[3], stat_source_name(h->source));
    forms[4] = health_brief(h, today);
    long days = health_days_since_release(h, today);
    forms[5] = days >= 0 && h->f.version ? xasprintf("%s %ldd", h->f.version, days)
                                         : xstrdup(h->f.version ? h->f.version : "?");
    char *out = NULL;
    for (int i = 0; i < NFORMS; i++) {
        if (!out && (i == NFORMS - 1 || text_width(ui, forms[i]) <= w)) {
            out = forms[i];
            continue;
        }
        free(forms[i]);
    }
    return out;
}

static void evidence_mouse(Ui *ui, View *v, int x, int y, unsigned long bstate)
{
    (void)v;
    if (bstate & BUTTON4_PRESSED) {
        move_sel(ui, -3);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return;
    }
    if (bstate & BUTTON5_PRESSED) {
        move_sel(ui, 3);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return;
    }
    if (!(bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    if (y == ui->height - 1) {
        Action a = view_keybar_hit(SCOPE_EVIDENCE, ev_of(ui)->keybar_x, x);
        if (a != ACT_NONE)
            view_press(ui, SCOPE_EVIDENCE, a);
        return;
    }
    int xs[NCOLS + 1];
    column_xs(ui, xs);
    if (y == 2) { /* a column's title: sort by it, again to invert */
        for (int c = 0; c < NCOLS; c++)
            if (x >= xs[c] && x < xs[c + 1]) {
                if (c == ev_of(ui)->sort)
                    view_press(ui, SCOPE_EVIDENCE, EVD_INVERT);
                else
                    set_sort(ui, c);
                ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
            }
        return;
    }
    if (y >= 3 && y < 3 + table_rows(ui)) {
        ev_of(ui)->sel = ev_of(ui)->top + (size_t)(y - 3);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    }
}

static ThemeRole status_role(const PackageStat *st)
{
    if (!st || st->source == STAT_SOURCE_NONE)
        return ROLE_WARNING;
    switch (st->status) {
    case STAT_OK: return ROLE_NORMAL;
    case STAT_PENDING: return ROLE_DIM;
    case STAT_STALE:
    case STAT_RATE_LIMITED:
    case STAT_OFFLINE: return ROLE_WARNING;
    case STAT_NOT_FOUND:
    case STAT_ERROR: return ROLE_ERROR;
    }
    return ROLE_NORMAL;
}

static void put_cell(Ui *ui, int y, int x, int w, bool right, ThemeRole role, bool bold, const char *text)
{
    int tw = text_width(ui, text);
    if (right && tw < w)
        x += w - tw;
    put_styled_cut(ui, y, x, w, role, bold, text);
}

static void evidence_draw(Ui *ui)
{
    erase();
    draw_header(ui);
    EvidenceView *e = ev_of(ui);
    size_t count, total;
    Row *rows = visible_rows(ui, &count, &total);
    clamp_selection(ui, count);

    fill_row(ui, 1, 0, ui->width, ROLE_TITLE);
    int used = put_styledf(ui, 1, 0, ui->width, ROLE_TITLE, true, " Evidence: %zu of %zu package%s%s", count,
                           total, total == 1 ? "" : "s", e->problems_only ? ", only failed or stale" : "");
    if (e->filter[0] || e->editing) {
        int fw = ui->width - used - 2;
        used += put_textf(ui, 1, used, fw, e->editing ? ROLE_INPUT : ROLE_TITLE, "  /%s", e->filter);
        if (e->editing) {
            ui->cursor_y = 1;
            ui->cursor_x = used < ui->width ? used : ui->width - 1;
        }
    }

    int xs[NCOLS + 1];
    column_xs(ui, xs);
    fill_row(ui, 2, 0, ui->width, ROLE_BORDER);
    for (int c = 0; c < NCOLS; c++) {
        char title[32];
        bool on = c == e->sort;
        snprintf(title, sizeof title, "%s%s", col_titles[c],
                 on ? (e->descending ? (ui->utf8 ? "\u25bc" : "v") : (ui->utf8 ? "\u25b2" : "^")) : "");
        put_cell(ui, 2, xs[c], xs[c + 1] - xs[c] - 1, col_right[c], on ? ROLE_TITLE : ROLE_DIM, on, title);
    }

    time_t now = time(NULL);
    char today[HEALTH_DATE_LEN];
    day_format(day_of_time(now), today);
    int h = table_rows(ui);
    for (int i = 0; i < h; i++) {
        size_t ri = e->top + (size_t)i;
        int y = 3 + i;
        if (ri >= count) {
            if (count == 0 && i == 0)
                put_text(ui, y, 1, ui->width - 2, ROLE_DIM,
                         e->problems_only ? "nothing failed or is stale (f shows every package)"
                                          : "no package matches the filter (Esc clears it)");
            continue;
        }
        const Row *r = &rows[ri];
        bool sel = ri == e->sel;
        ThemeRole base = sel ? ROLE_SELECTED : ROLE_NORMAL;
        fill_row(ui, y, 0, ui->width, base);
        char buf[256], num[16];
        put_cell(ui, y, xs[COL_STACK], xs[COL_STACK + 1] - xs[COL_STACK] - 1, false,
                 sel ? base : r->stack >= 0 ? ui_stack_role(ui, r->stack) : ROLE_DIM, true,
                 r->stack >= 0 ? ui->ds->stacks[r->stack].name : (r->st ? r->st->ecosystem : "-"));
        put_cell(ui, y, xs[COL_PACKAGE], xs[COL_PACKAGE + 1] - xs[COL_PACKAGE] - 1, false, base, false,
                 r->package);
        trend_format_count(figure(r->st, true), num);
        put_cell(ui, y, xs[COL_MONTH], xs[COL_MONTH + 1] - xs[COL_MONTH] - 1, true, base, false, num);
        trend_format_count(figure(r->st, false), num);
        put_cell(ui, y, xs[COL_WEEK], xs[COL_WEEK + 1] - xs[COL_WEEK] - 1, true, base, false, num);
        char change[8];
        trend_format_change(r->change_known, r->change, change);
        put_cell(ui, y, xs[COL_CHANGE], xs[COL_CHANGE + 1] - xs[COL_CHANGE] - 1, true, sel ? base : ROLE_DIM,
                 false, change);
        char *health = health_cell(ui, r, today, xs[COL_HEALTH + 1] - xs[COL_HEALTH] - 1);
        put_cell(ui, y, xs[COL_HEALTH], xs[COL_HEALTH + 1] - xs[COL_HEALTH] - 1, false, base, false, health);
        free(health);
        put_cell(ui, y, xs[COL_SOURCE], xs[COL_SOURCE + 1] - xs[COL_SOURCE] - 1, false, sel ? base : ROLE_DIM,
                 false, r->st ? stat_source_name(r->st->source) : "none");
        put_cell(ui, y, xs[COL_STATUS], xs[COL_STATUS + 1] - xs[COL_STATUS] - 1, false,
                 sel ? base : status_role(r->st), false, status_text(r->st, buf, sizeof buf));
        char age[16];
        if (r->st && r->st->fetched_at > 0)
            text_age((long long)(now - r->st->fetched_at), age);
        else
            snprintf(age, sizeof age, "-");
        put_cell(ui, y, xs[COL_AGE], xs[COL_AGE + 1] - xs[COL_AGE] - 1, true, sel ? base : ROLE_DIM, false, age);
    }

    if (health_pane(ui)) {
        /* the selected package's health in full, then where it came from */
        int py = 3 + h;
        fill_row(ui, py, 0, ui->width, ROLE_NORMAL);
        if (count > 0) {
            const Row *r = &rows[e->sel];
            char *line = health_describe(r->health, today), *prov = health_provenance(r->health);
            int x = put_styledf(ui, py, 1, ui->width - 1, ROLE_TITLE, true, "Health of %s: ", r->package);
            put_text(ui, py, 1 + x, ui->width - 2 - x, ROLE_NORMAL, line);
            put_textf(ui, py + 1, 1, ui->width - 2, ROLE_DIM, "health from %s; not scored", prov);
            free(line);
            free(prov);
        }
    }

    int sy = ui->height - 2;
    fill_row(ui, sy, 0, ui->width, ROLE_STATUS);
    if (ui->msg) {
        put_text(ui, sy, 1, ui->width - 1,
                 ui->msg_kind == MSG_ERROR ? ROLE_ERROR : ui->msg_kind == MSG_WARNING ? ROLE_WARNING : ROLE_STATUS,
                 ui->msg);
    } else if (count > 0) {
        const Row *r = &rows[e->sel];
        char buf[256];
        put_textf(ui, sy, 1, ui->width - 1, ROLE_STATUS, "%s %s: %s%s%s", r->st ? r->st->ecosystem : "",
                  r->package, status_text(r->st, buf, sizeof buf), r->st && r->st->origin ? "; from " : "",
                  r->st && r->st->origin ? r->st->origin : "");
    }
    draw_view_keybar(ui, SCOPE_EVIDENCE, e->keybar_x);
    free(rows);
}

/* The table is cheap to draw whole: any change repaints it. */
static void evidence_view_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)v;
    if (dirty)
        evidence_draw(ui);
}

const ViewOps evidence_view_ops = {
    .name = "evidence",
    .overlay = false,
    .uncover = DIRTY_LAYOUT,
    .draw = evidence_view_draw,
    .key = evidence_key,
    .mouse = evidence_mouse,
    .size = sizeof(EvidenceView),
};
