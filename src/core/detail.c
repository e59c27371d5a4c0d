/* detail.c: the details pane's content as styled text; see detail.h. */
#include "core/detail.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/day.h"
#include "core/health.h"
#include "core/runtime.h"
#include "core/stats.h"
#include "core/team.h"
#include "core/text.h"
#include "core/trend.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static int text_width(const DetailInput *in, const char *s) { return text_columns(in->utf8, s); }

/* A stack's style: by its place among the shown stacks (as the panes'
 * colours go), else by its own index. */
static DetailStyle stack_style(const DetailInput *in, int stack)
{
    for (size_t i = 0; i < in->nshown; i++)
        if (in->shown[i] == stack)
            return DETAIL_STACK + (int)i;
    return DETAIL_STACK + stack;
}

int detail_better_stack(const Dataset *ds, int c, const int *shown, size_t nshown)
{
    const Criterion *cr = &ds->criteria[c];
    int best = -1, best_t = -1;
    bool tie = false;
    for (size_t i = 0; i < nshown; i++) {
        int t = score_tenths(cr->by_stack[shown[i]].score);
        if (t > best_t) {
            best_t = t;
            best = shown[i];
            tie = false;
        } else if (t == best_t) {
            tie = true;
        }
    }
    return tie ? -1 : best;
}

void detail_text_free(DetailText *t)
{
    for (size_t i = 0; i < t->count; i++) {
        for (size_t k = 0; k < t->lines[i].count; k++)
            free(t->lines[i].spans[k].text);
        free(t->lines[i].spans);
    }
    free(t->lines);
    memset(t, 0, sizeof *t);
}

char *detail_text_dump(const DetailText *t, bool utf8)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < t->count; i++) {
        const DetailLine *dl = &t->lines[i];
        int col = 0;
        /* spans in column order, each cut where the next begins, as drawn */
        bool *done = xcalloc(dl->count ? dl->count : 1, sizeof *done);
        for (size_t n = 0; n < dl->count; n++) {
            size_t k = dl->count;
            for (size_t j = 0; j < dl->count; j++)
                if (!done[j] && (k == dl->count || dl->spans[j].x < dl->spans[k].x))
                    k = j;
            done[k] = true;
            const DetailSpan *sp = &dl->spans[k];
            for (; col < sp->x; col++)
                sb_append(&sb, " ");
            sb_append(&sb, sp->text);
            col += text_columns(utf8, sp->text);
        }
        free(done);
        sb_append(&sb, "\n");
    }
    return sb_take(&sb);
}

/* The lines being built; counting: only how many (detail_rows), no text
 * made (line_at gives NULL, which span_add and the builders skip). */
typedef struct Lines {
    DetailLine *lines;
    size_t count, cap;
    bool counting;
} Lines;

static DetailLine *line_at(Lines *ls, size_t i)
{
    if (ls->counting) {
        ls->count = i + 1 > ls->count ? i + 1 : ls->count;
        return NULL;
    }
    while (ls->count <= i) {
        if (ls->count == ls->cap) {
            ls->cap = ls->cap ? ls->cap * 2 : 16;
            ls->lines = xreallocarray(ls->lines, ls->cap, sizeof *ls->lines);
        }
        ls->lines[ls->count++] = (DetailLine){ NULL, 0, 0, false };
    }
    return &ls->lines[i];
}

/* No edge but the screen's: a span across the whole width. */
#define SPAN_NO_EDGE (1 << 20)

/* A span at column x that never reaches column right (its own column's
 * edge), so text never runs into the next column. */
static void span_add_len(DetailLine *dl, int x, int right, DetailStyle style, bool bold, const char *text,
                         size_t len)
{
    if (!dl)
        return; /* counting */
    if (dl->count == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 4;
        dl->spans = xreallocarray(dl->spans, dl->cap, sizeof *dl->spans);
    }
    dl->spans[dl->count++] = (DetailSpan){ x, right, style, bold, xstrndup(text, len) };
}

static void span_add(DetailLine *dl, int x, int right, DetailStyle style, bool bold, const char *text)
{
    span_add_len(dl, x, right, style, bold, text, strlen(text));
}

/* Appends text wrapped to width at column x, one line per row from *row. */
static void add_wrapped(const DetailInput *in, Lines *ls, size_t *row, int x, int width, DetailStyle role,
                        const char *text)
{
    if (ls->counting) {
        size_t n = text_wrap_lines(in->utf8, text, width, NULL, NULL);
        if (n > 0)
            line_at(ls, *row + n - 1);
        *row += n;
        return;
    }
    size_t *starts, *lens;
    size_t n = text_wrap_lines(in->utf8, text, width, &starts, &lens);
    for (size_t i = 0; i < n; i++) {
        DetailLine *dl = line_at(ls, (*row)++);
        span_add_len(dl, x, x + width, role, false, text + starts[i], lens[i]);
        if (i + 1 < n)
            dl->continues = true;
    }
    free(starts);
    free(lens);
}

/* The last 30 days as sparkline glyphs in at most width cells. */
static void sparkline(const DetailInput *in, const PackageStat *st, int width, char *out, size_t outsz)
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
        const char *g = in->g->spark[levels[i]];
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
static DetailStyle provenance(const PackageStat *st, time_t now, char out[32])
{
    char age[16];
    text_age((long long)(now - st->fetched_at), age);
    const char *status = stat_status_name(st->status), *source = stat_source_name(st->source);
    switch (st->status) {
    case STAT_PENDING: snprintf(out, 32, "fetching"); return DETAIL_DIM;
    case STAT_NOT_FOUND: snprintf(out, 32, "%s", status); return DETAIL_ERROR;
    case STAT_RATE_LIMITED: snprintf(out, 32, "%s", status); return DETAIL_WARNING;
    case STAT_ERROR: snprintf(out, 32, "%s", status); return DETAIL_ERROR;
    case STAT_STALE: snprintf(out, 32, "%s %s", status, age); return DETAIL_WARNING;
    case STAT_OFFLINE: snprintf(out, 32, "%s", status); return DETAIL_WARNING;
    case STAT_OK: break;
    }
    /* ok: where it came from, with its age when fetched */
    switch (st->source) {
    case STAT_SOURCE_BUNDLED: snprintf(out, 32, "%s %s", source, status); break;
    case STAT_SOURCE_CACHE:
    case STAT_SOURCE_LIVE: snprintf(out, 32, "%s %s %s", source, age, status); break;
    case STAT_SOURCE_NONE: snprintf(out, 32, "no figure"); break;
    }
    return DETAIL_DIM;
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
static char *short_origin(const DetailInput *in, const char *origin)
{
    if (!strstr(origin, "://"))
        return xstrdup(origin);
    size_t len = strcspn(origin, "?#");
    const char *last = origin + len;
    while (last > origin && last[-1] != '/')
        last--;
    const char *comma = memchr(last, ',', (size_t)(origin + len - last));
    if (comma)
        return xasprintf("%.*s%s", (int)(comma - origin + 1), origin, in->g->ellipsis);
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
static void bar_spans(const DetailInput *in, DetailLine *dl, int x, int w, double fraction, DetailStyle role)
{
    if (w <= 0 || !dl)
        return;
    long eighths = (long)(fraction * w * 8 + 0.5);
    int full = (int)(eighths / 8), part = (int)(eighths % 8), cells = 0;
    StrBuf on = STRBUF_INIT, off = STRBUF_INIT;
    for (; cells < full && cells < w; cells++)
        sb_append(&on, in->g->bar[8]);
    if (part > 0 && cells < w && in->g->bar[part][0] != ' ') {
        sb_append(&on, in->g->bar[part]);
        cells++;
    }
    int filled = cells;
    for (; cells < w; cells++)
        sb_append(&off, in->g->slider_off);
    if (filled > 0)
        span_add(dl, x, x + w, role, false, sb_str(&on));
    if (filled < w)
        span_add(dl, x + filled, x + w, DETAIL_SLIDER_EMPTY, false, sb_str(&off));
    sb_free(&on);
    sb_free(&off);
}

/* Columns this wide have room for each source's URL on a row of its own. */
#define CITATION_URL_COLUMNS 72

/* "[1] Title, 2026-08-22" on one row, the title cut to fit (i lists the
 * sources in full). */
static char *citation_line(const DetailInput *in, size_t number, const Citation *c, int cw)
{
    char head[32];
    int room = cw - snprintf(head, sizeof head, "[%zu] ", number) - 2 - text_width(in, c->date);
    char *title = text_cut_columns(in->utf8, in->g->ellipsis, c->title, room > 4 ? room : 4);
    char *line = xasprintf("%s%s, %s", head, title, c->date);
    free(title);
    return line;
}

static bool citation_url_shown(const DetailInput *in, const Citation *c, int cw)
{
    return cw >= CITATION_URL_COLUMNS && text_width(in, c->url) + 4 <= cw;
}

/* Under a rationale: one row per source, and its URL beneath it in a
 * column wide enough. */
static void add_citations(const DetailInput *in, Lines *ls, size_t *row, int x, int cw, const Assessment *as)
{
    if (as->ncitations == 0) {
        span_add(line_at(ls, (*row)++), x, x + cw, DETAIL_DIM, false, "no sources cited");
        return;
    }
    for (size_t k = 0; k < as->ncitations; k++) {
        const Citation *c = &as->citations[k];
        char *line = citation_line(in, k + 1, c, cw);
        add_wrapped(in, ls, row, x, cw, DETAIL_DIM, line);
        free(line);
        if (citation_url_shown(in, c, cw))
            span_add(line_at(ls, (*row)++), x + 4, x + cw, DETAIL_DIM, false, c->url);
        if (in->notes && c->note && c->note[0]) {
            char *note = xasprintf("figure used: %s", c->note);
            add_wrapped(in, ls, row, x + 4, cw - 4, DETAIL_DIM, note);
            free(note);
        }
    }
}

static size_t wrapped_rows(const DetailInput *in, const char *text, int width)
{
    return text_wrap_lines(in->utf8, text, width, NULL, NULL);
}

/* How many rows a column's rationale and sources take, so that every
 * column's evidence table starts on the same row. */
static size_t column_text_rows(const DetailInput *in, const Assessment *as, int cw)
{
    size_t n = wrapped_rows(in, as->rationale ? as->rationale : "", cw);
    if (as->ncitations == 0)
        return n + 1;
    for (size_t k = 0; k < as->ncitations; k++) {
        const Citation *c = &as->citations[k];
        char *line = citation_line(in, k + 1, c, cw);
        n += wrapped_rows(in, line, cw);
        free(line);
        if (citation_url_shown(in, c, cw))
            n++;
        if (in->notes && c->note && c->note[0]) {
            char *note = xasprintf("figure used: %s", c->note);
            n += wrapped_rows(in, note, cw - 4);
            free(note);
        }
    }
    return n;
}

/* On the column's first row, after the score: the runtime line a team
 * would pick today and its end of life, in the longest form that fits:
 * "Node.js 26 LTS, end of life 2029-04-30", "26 LTS, EOL 2029-04-30",
 * "26 LTS"; a line within 12 months of its end is marked. */
static void add_support_window(const DetailInput *in, DetailLine *dl, int x, int right, int stack)
{
    const Stack *sk = &in->ds->stacks[stack];
    if (!dl || !sk->runtime || right - x < 4)
        return;
    const RuntimeInfo *info = runtime_table_find(in->s->runtimes, sk->runtime);
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, in->now);
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
        if (text_width(in, forms[i]) <= w) {
            span_add(dl, x, right, soon ? DETAIL_WARNING : DETAIL_DIM, false, forms[i]);
            return;
        }
}

/* The evidence table's number and change columns. */
enum { EVIDENCE_NUM_W = 7, EVIDENCE_CHG_W = 6 };

/* An evidence package's name at x, cut to name_w columns, and where it
 * leaves room the latest version and its age (package health; "i" gives
 * it in full). */
static void evidence_name(const DetailInput *in, DetailLine *dl, int x, int cw, int name_w, const char *eco,
                          const char *package)
{
    if (!dl)
        return;
    char name[256];
    snprintf(name, sizeof name, "%s", package);
    int nw = text_width(in, name);
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
        snprintf(cut, sizeof cut, "%.*s%s", (int)k, name, in->g->ellipsis);
        span_add(dl, x, x + cw, DETAIL_NORMAL, false, cut);
        return;
    }
    span_add(dl, x, x + cw, DETAIL_NORMAL, false, name);
    const PackageHealth *h = health_table_find(in->s->health, eco, package);
    if (h && h->f.version) {
        char today[HEALTH_DATE_LEN];
        day_format(day_of_time(in->now), today);
        char *brief = health_brief(h, today);
        bool failed = h->status != STAT_OK || h->repo_status != STAT_OK;
        if (nw + 1 + text_width(in, brief) <= name_w)
            span_add(dl, x + nw + 1, x + cw, failed ? DETAIL_WARNING : DETAIL_DIM, false, brief);
        free(brief);
    }
}

/* A package's week, week-over-week change and last 30 days, at wx, cx
 * and sx (the row's own or a second one). */
static void evidence_week(const DetailInput *in, DetailLine *dl, const PackageStat *st, int wx, int cx, int sx,
                          int right, int spark_w)
{
    const int num_w = EVIDENCE_NUM_W, chg_w = EVIDENCE_CHG_W;
    char wk[16], cell[24], chg[8];
    trend_format_count(stat_number(st, FIG_DOWNLOADS_WEEK), wk);
    snprintf(cell, sizeof cell, "%*s", num_w, wk);
    span_add(dl, wx, right, DETAIL_NORMAL, false, cell);
    double pct = 0;
    bool known = trend_week_change(st->daily, st->ndaily, &pct);
    trend_format_change(known, pct, chg);
    snprintf(cell, sizeof cell, "%*s", chg_w, chg);
    span_add(dl, cx, right, known ? DETAIL_NORMAL : DETAIL_DIM, false, cell);
    if (spark_w >= 2) {
        char spark[TREND_SPARK_DAYS * 4 + 1];
        sparkline(in, st, spark_w, spark, sizeof spark);
        if (spark[0])
            span_add(dl, sx, right, DETAIL_SPARK, false, spark);
        else
            span_add(dl, sx, right, DETAIL_DIM, false, "no daily series");
    }
}

/* One stack's column: name and score at row0, the rationale and its
 * sources (text_rows of them, column_text_rows), then the evidence from
 * ev_row, which every column shares so the tables line up.
 * Returns true when its packages have monthly figures only (no daily
 * series), which the caller says once for every column. */
static bool build_column(const DetailInput *in, Lines *ls, size_t row0, size_t text_rows, size_t ev_row, int x,
                         int cw, int c, int stack)
{
    const Dataset *ds = in->ds;
    const Criterion *cr = &ds->criteria[c];
    const Assessment *as = &cr->by_stack[stack];
    const Stack *sk = &ds->stacks[stack];
    size_t row = row0;
    DetailLine *dl = line_at(ls, row++);
    if (dl) {
        span_add(dl, x, x + cw, stack_style(in, stack), true, sk->name);
        int nx = x + text_width(in, sk->name) + 2;
        char score[48];
        bool better = detail_better_stack(in->ds, c, in->shown, in->nshown) == stack;
        snprintf(score, sizeof score, "%.1f/10%s%s", as->score, better ? " " : "",
                 better ? in->g->better : "");
        span_add(dl, nx, x + cw, better ? DETAIL_BETTER : DETAIL_NORMAL, better, score);
        add_support_window(in, dl, nx + text_width(in, score) + 2, x + cw, stack);
    }
    if (ls->counting) {
        if (text_rows > 0)
            line_at(ls, row + text_rows - 1);
        row += text_rows;
    } else {
        add_wrapped(in, ls, &row, x, cw, DETAIL_NORMAL, as->rationale ? as->rationale : "");
        add_citations(in, ls, &row, x, cw, as);
    }
    row = ev_row > row ? ev_row : row + 1;
    if (as->nevidence == 0) {
        span_add(line_at(ls, row++), x, x + cw, DETAIL_DIM, false, "no evidence packages");
        return false;
    }
    /* Wide columns put every figure on the package's row: name, week,
     * month, week-over-week, the last 30 days, source. Narrow ones keep
     * name, month and source on it and give the rest a second row. */
    bool any_daily = false;
    for (size_t i = 0; i < as->nevidence; i++) {
        const PackageStat *st = stats_find(in->s->stats, sk->ecosystem, as->evidence[i]);
        any_daily = any_daily || (st && st->daily && st->ndaily > 1);
    }
    const int num_w = EVIDENCE_NUM_W, chg_w = EVIDENCE_CHG_W, src_w = 12;
    /* Without any daily series (bundled monthly figures) week, w/w and the
     * trend are unknown for every package: one row each, said once under
     * the columns (detail_build). */
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
    span_add(dl, x, x + cw, DETAIL_TITLE, false, "Evidence");
    span_add(dl, mx, x + cw, DETAIL_TITLE, false, "  month");
    span_add(dl, px, x + cw, DETAIL_TITLE, false, "source");
    if (!monthly_only) {
        if (!wide)
            dl = line_at(ls, row++);
        span_add(dl, wx, x + cw, DETAIL_TITLE, false, "   week");
        span_add(dl, cx, x + cw, DETAIL_TITLE, false, "   w/w");
        if (spark_w >= 2)
            span_add(dl, sx, x + cw, DETAIL_TITLE, false, spark_w >= 12 ? "last 30 days" : "30d");
    }
    time_t now = in->now;
    const char *periods[4] = { NULL };
    const char *origins[4] = { NULL };
    size_t nperiods = 0;
    TrendSum sum;
    trend_sum_init(&sum);
    size_t note_run = 0; /* packages before this one that share its note */
    for (size_t i = 0; i < as->nevidence; i++) {
        const PackageStat *st = stats_find(in->s->stats, sk->ecosystem, as->evidence[i]);
        trend_sum_add(&sum, st);
        dl = line_at(ls, row++);
        evidence_name(in, dl, x, cw, name_w, sk->ecosystem, as->evidence[i]);
        if (!st) {
            span_add(dl, px, x + cw, DETAIL_DIM, false, "no figure");
            continue;
        }
        DetailStyle role = DETAIL_DIM;
        if (dl) {
            char mo[16], cell[24], prov[32];
            trend_format_count(stat_number(st, FIG_DOWNLOADS_MONTH), mo);
            snprintf(cell, sizeof cell, "%*s", num_w, mo);
            span_add(dl, mx, x + cw, DETAIL_NORMAL, false, cell);
            role = provenance(st, now, prov);
            span_add(dl, px, x + cw, role, false, prov);
        }
        if (!monthly_only) {
            if (!wide)
                dl = line_at(ls, row++);
            if (dl)
                evidence_week(in, dl, st, wx, cx, sx, x + cw, spark_w);
        }
        /* A note the next package shares waits for the end of the run and
         * is said once for all of it ("the 3 above: offline: ..."). */
        char *note = status_note(st, now);
        const PackageStat *next_st =
            i + 1 < as->nevidence ? stats_find(in->s->stats, sk->ecosystem, as->evidence[i + 1]) : NULL;
        char *next_note = next_st ? status_note(next_st, now) : NULL;
        bool shared = note && next_note && strcmp(note, next_note) == 0;
        free(next_note);
        if (note && shared) {
            note_run++;
        } else if (note) {
            char *line = note_run == 1   ? xasprintf("both above: %s", note)
                         : note_run > 1 ? xasprintf("the %zu above: %s", note_run + 1, note)
                                        : NULL;
            add_wrapped(in, ls, &row, x + 2, cw - 2, role == DETAIL_DIM ? DETAIL_WARNING : role,
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
        span_add(dl, x, x + cw, DETAIL_DIM, false, "sum");
        snprintf(cell, sizeof cell, "%*s", num_w, total);
        span_add(dl, mx, x + cw, DETAIL_NORMAL, true, cell);
        span_add(dl, px, x + cw, sum.mixed ? DETAIL_WARNING : DETAIL_DIM, false, trend_sum_source_name(&sum));
        if (sum.mixed) {
            sum_source_text(&sum, src, sizeof src);
            char *why = xasprintf("(%s: months from different sources and days)",
                                  src + strlen("mixed: "));
            add_wrapped(in, ls, &row, x + 2, cw - 2, DETAIL_DIM, why);
            free(why);
        }
        if (sum.unknown) {
            char *why = xasprintf("(%zu of %zu packages have no figure)", sum.unknown,
                                  sum.known + sum.unknown);
            add_wrapped(in, ls, &row, x + 2, cw - 2, DETAIL_DIM, why);
            free(why);
        }
    }
    for (size_t k = 0; k < nperiods; k++) {
        char *from = origins[k] ? short_origin(in, origins[k]) : NULL;
        char *line = xasprintf("period: %s%s%s", periods[k] ? periods[k] : "unknown",
                               from ? "; from " : "", from ? from : "");
        add_wrapped(in, ls, &row, x, cw, DETAIL_DIM, line);
        free(line);
        free(from);
    }
    return monthly_only;
}

/* Under the columns, once: which columns have monthly figures only. Every
 * column with packages: said plainly; some of them: those stacks named. */
static void add_monthly_only(const DetailInput *in, Lines *ls, size_t *row, int width, const int *panes,
                             const bool *monthly, const bool *has_evidence, int ncols)
{
    StrBuf names = STRBUF_INIT;
    int nmonthly = 0, nevidence = 0;
    for (int i = 0; i < ncols; i++) {
        nevidence += has_evidence[i];
        if (!monthly[i])
            continue;
        sb_appendf(&names, "%s%s", nmonthly ? ", " : "", in->ds->stacks[panes[i]].name);
        nmonthly++;
    }
    if (nmonthly > 0) {
        char *line = xasprintf("%s%smonthly figures only: no daily series for week, w/w or the trend "
                               "(u fetches them)",
                               nmonthly < nevidence ? sb_str(&names) : "", nmonthly < nevidence ? ": " : "");
        add_wrapped(in, ls, row, 1, width - 2, DETAIL_DIM, line);
        free(line);
    }
    sb_free(&names);
}

/* The all-criteria sums only change when the figures do, yet the details
 * are rebuilt on every key: they are kept until a fetch changes the stats
 * (all_downloads_known is cleared where the fetcher reports a change). */
static TrendSum stack_downloads(const DetailInput *in, int stack, int c)
{
    if (c >= 0)
        return trend_stack_downloads(in->ds, in->s->stats, (size_t)stack, c);
    return in->all_downloads[stack];
}

/* Per criterion and per stack: each shown stack's summed monthly downloads,
 * its share of the shown stacks' total, and a bar (linear or log, L). */
static void build_share(const DetailInput *in, Lines *ls, size_t *row, int c, int width)
{
    if (in->nshown < 2 || width < 30)
        return;
    int label_w = 4;
    for (size_t i = 0; i < in->nshown; i++) {
        int w = text_width(in, in->ds->stacks[in->shown[i]].name);
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
        bool too_big = false;
        for (size_t i = 0; i < in->nshown; i++) {
            sums[i] = stack_downloads(in, in->shown[i], scope == 0 ? c : -1);
            long long v = sums[i].known ? sums[i].total : 0;
            too_big = too_big || !stat_count_add(&total, v); /* checked, never wrapped */
            max = v > max ? v : max;
            min = min < 0 || v < min ? v : min;
            if (strcmp(in->ds->stacks[in->shown[i]].ecosystem,
                       in->ds->stacks[in->shown[0]].ecosystem) != 0)
                ecos_differ = true;
        }
        if (total <= 0 || too_big)
            continue; /* nothing to share out, or no sum a long long holds */
        if (printed)
            (*row)++; /* a blank line between the two blocks */
        printed = true;
        DetailLine *dl = line_at(ls, (*row)++);
        const char *title = scope == 0 ? "Downloads a month, summed: this criterion"
                                       : "Downloads a month, summed: all criteria, each package once";
        span_add(dl, 1, SPAN_NO_EDGE, DETAIL_TITLE, true, title);
        char scale[64];
        double ratio = trend_ratio(max, min);
        if (in->log_scale)
            snprintf(scale, sizeof scale, "[log scale] L: linear");
        else if (ratio >= 10)
            snprintf(scale, sizeof scale, "[linear] %.0fx apart, L: log", ratio);
        else
            snprintf(scale, sizeof scale, "[linear] L: log");
        /* right-aligned with the rows below, or just after the title */
        int scw = text_width(in, scale), tw = text_width(in, title);
        int right = sx + src_w < width - 1 ? sx + src_w : width - 1;
        int at = right - scw > 1 + tw + 2 ? right - scw : 1 + tw + 2;
        if (at + scw <= width - 1)
            span_add(dl, at, SPAN_NO_EDGE, DETAIL_DIM, false, scale);
        else
            span_add(line_at(ls, (*row)++), 3, SPAN_NO_EDGE, DETAIL_DIM, false, scale);
        for (size_t i = 0; i < in->nshown; i++) {
            int st = in->shown[i];
            dl = line_at(ls, (*row)++);
            if (!dl)
                continue; /* counting */
            span_add(dl, 1, bx - 1, stack_style(in, st), true, in->ds->stacks[st].name);
            long long v = sums[i].known ? sums[i].total : 0;
            bar_spans(in, dl, bx, bar_w, trend_bar_fraction(v, max, in->log_scale),
                      stack_style(in, st));
            char num[16], cell[24], src[48];
            trend_format_count(sums[i].known ? sums[i].total : STAT_UNKNOWN, num);
            snprintf(cell, sizeof cell, "%*s", 7, num);
            span_add(dl, nx, SPAN_NO_EDGE, DETAIL_NORMAL, true, cell);
            snprintf(cell, sizeof cell, "%4.0f%%", 100.0 * trend_share(v, total));
            span_add(dl, shx, SPAN_NO_EDGE, DETAIL_NORMAL, false, cell);
            sum_source_text(&sums[i], src, sizeof src);
            span_add(dl, sx, SPAN_NO_EDGE, sums[i].mixed ? DETAIL_WARNING : DETAIL_DIM, false, src);
        }
    }
    if (ecos_differ)
        add_wrapped(in, ls, row, 1, width - 2, DETAIL_DIM,
                    "Not like for like: npm counts every registry download, CI included; PyPI "
                    "figures exclude mirrors; the two cut days off differently.");
}

/* The team in a few sentences: who picks whom, and the most disputed
 * criterion with each member's weight on it. */
static char *team_explain(const DetailInput *in)
{
    const Team *t = in->s->team;
    const Dataset *ds = in->ds;
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "Team of %zu, weights combined by their %s%s. Own winners: ", t->count,
               team_combine_name(t->combine), session_team_adjusted(in->s) ? ", then adjusted" : "");
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
static void add_weight_line(const DetailInput *in, Lines *ls, size_t *row, int c)
{
    const Evaluation *ev = in->s->eval;
    StrBuf sb = STRBUF_INIT;
    char wt[16];
    session_weight_text(in->s, (size_t)c, wt);
    sb_appendf(&sb, "weight %s", wt);
    if (in->s->team) {
        const Team *t = in->s->team;
        sb_appendf(&sb, " (team %s; members %d..%d, sd %.1f%s)", team_combine_name(t->combine),
                   t->min[c], t->max[c], t->stdev[c], t->most_disputed == c ? ", most disputed" : "");
    }
    if (ev->has_total) {
        sb_append(&sb, "; adds ");
        for (size_t i = 0; i < in->nshown; i++)
            sb_appendf(&sb, "%s%.1f to %s", i ? ", " : "", evaluation_contrib(ev, (size_t)c, in->shown[i]),
                       in->ds->stacks[in->shown[i]].name);
        int flip_leader, flip_weight = evaluation_flip(ev, (size_t)c, &flip_leader);
        if (flip_weight >= 0 && flip_leader >= 0)
            sb_appendf(&sb, "; at weight %d %s would lead", flip_weight,
                       in->ds->stacks[flip_leader].name);
        else
            sb_append(&sb, "; no weight of this criterion alone changes the leader");
    }
    /* The evidence beyond downloads that bears on it (never scored). */
    unsigned more = in->ds->criteria[c].informed_by & ~EVIDENCE_BIT(EVIDENCE_DOWNLOADS);
    for (int k = 0, n = 0; k < EVIDENCE_NKINDS; k++)
        if (more & EVIDENCE_BIT(k))
            sb_appendf(&sb, "%s%s", n++ ? ", " : "; informed by ", evidence_kind_label((EvidenceKind)k));
    if (more)
        sb_append(&sb, " (evidence, not scored)");
    add_wrapped(in, ls, row, 1, in->width - 2, DETAIL_DIM, sb_str(&sb));
    sb_free(&sb);
}

/* The details into ls (text, or only the count), their parts' rows into out. */
static void build(const DetailInput *in, Lines *lines, DetailText *out)
{
    memset(out, 0, sizeof *out);
    int c = in->criterion;
    if (c < 0 || (size_t)c >= in->ds->ncriteria || in->width < 2)
        return;
    const Criterion *cr = &in->ds->criteria[c];
    int width = in->width;
    Lines ls = *lines;
    size_t row = 0;
    span_add(line_at(&ls, row), 1, SPAN_NO_EDGE, DETAIL_TITLE, true, "Q:");
    size_t qrow = row;
    add_wrapped(in, &ls, &qrow, 4, width - 5, DETAIL_NORMAL, cr->question ? cr->question : "");
    row = qrow > row ? qrow : row + 1;

    /* What this weight does right now, where there is room for it. */
    out->weight_row = row;
    out->weight_lines = 0;
    if (in->weight_line) {
        add_weight_line(in, &ls, &row, c);
        out->weight_lines = row - out->weight_row;
        row++; /* a blank line, where rows are not short */
    }
    /* A team: who picks whom and where they disagree, before the evidence. */
    if (in->s->team) {
        char *team = team_explain(in);
        add_wrapped(in, &ls, &row, 1, width - 2, DETAIL_DIM, team);
        free(team);
        row++;
    }

    int ncols = in->compact ? 1 : in->npanes;
    int gap = 3;
    int cw = (width - 2 - gap * (ncols - 1)) / ncols;
    size_t longest = 0, text_rows[STACKS_MAX] = { 0 };
    for (int i = 0; i < ncols && i < STACKS_MAX; i++) {
        text_rows[i] = column_text_rows(in, &cr->by_stack[in->panes[i]], cw);
        longest = text_rows[i] > longest ? text_rows[i] : longest;
    }
    bool monthly[STACKS_MAX] = { false }, has_evidence[STACKS_MAX] = { false };
    for (int i = 0; i < ncols && i < STACKS_MAX; i++) {
        monthly[i] = build_column(in, &ls, row, text_rows[i], row + 2 + longest, 1 + i * (cw + gap), cw, c,
                                  in->panes[i]);
        has_evidence[i] = cr->by_stack[in->panes[i]].nevidence > 0;
    }
    row = ls.count;
    add_monthly_only(in, &ls, &row, width, in->panes, monthly, has_evidence,
                     ncols < STACKS_MAX ? ncols : STACKS_MAX);
    row = ls.count + 1;
    build_share(in, &ls, &row, c, width);
    char *robust = session_robust_explain(in->s, in->utf8);
    out->robust_row = ls.count;
    if (robust) {
        row = ls.count + 1;
        out->robust_row = row;
        add_wrapped(in, &ls, &row, 1, width - 2, DETAIL_DIM, robust);
        free(robust);
    }
    *lines = ls;
    out->lines = ls.lines;
    out->count = ls.count;
}

void detail_build(const DetailInput *in, DetailText *out)
{
    Lines ls = { NULL, 0, 0, false };
    build(in, &ls, out);
}

size_t detail_rows(const DetailInput *in)
{
    Lines ls = { NULL, 0, 0, true };
    DetailText t;
    build(in, &ls, &t);
    return ls.count;
}

static void line_free(DetailLine *dl)
{
    for (size_t k = 0; k < dl->count; k++)
        free(dl->spans[k].text);
    free(dl->spans);
}

static bool line_same(const DetailLine *a, const DetailLine *b)
{
    if (a->count != b->count || a->continues != b->continues)
        return false;
    for (size_t k = 0; k < a->count; k++) {
        const DetailSpan *x = &a->spans[k], *y = &b->spans[k];
        if (x->x != y->x || x->right != y->right || x->style != y->style || x->bold != y->bold ||
            strcmp(x->text, y->text) != 0)
            return false;
    }
    return true;
}

/* Lines fresh[0..n) over t's from row on: the ones that differ replaced
 * (and marked in changed), the others kept; fresh's lines are used up. */
static void splice(DetailText *t, size_t row, DetailLine *fresh, size_t n, bool *changed)
{
    for (size_t i = 0; i < n; i++) {
        DetailLine *old = &t->lines[row + i];
        if (line_same(old, &fresh[i])) {
            line_free(&fresh[i]);
            continue;
        }
        line_free(old);
        *old = fresh[i];
        if (changed)
            changed[row + i] = true;
    }
    free(fresh);
}

bool detail_refresh(const DetailInput *in, DetailText *t, unsigned parts, bool *changed)
{
    int c = in->criterion;
    /* a team's summary follows every weight too: not covered here */
    if (c < 0 || (size_t)c >= in->ds->ncriteria || in->width < 2 || in->s->team || t->count == 0)
        return false;
    Lines w = { NULL, 0, 0, false }, r = { NULL, 0, 0, false };
    size_t wn = 0, rn = 0, had_r = t->count - t->robust_row;
    if (in->weight_line && (parts & DETAIL_PART_WEIGHT))
        add_weight_line(in, &w, &wn, c);
    char *robust = parts & DETAIL_PART_ROBUST ? session_robust_explain(in->s, in->utf8) : NULL;
    if (robust) {
        add_wrapped(in, &r, &rn, 1, in->width - 2, DETAIL_DIM, robust);
        free(robust);
    }
    /* the estimate's lines are the last; none before means none after */
    bool fits = t->weight_row + t->weight_lines <= t->robust_row &&
                (!(parts & DETAIL_PART_WEIGHT) || wn == t->weight_lines) &&
                (!(parts & DETAIL_PART_ROBUST) || (rn == had_r && (rn == 0 || t->robust_row + rn == t->count)));
    if (!fits) {
        DetailText tw = { w.lines, w.count, 0, 0, 0 }, tr = { r.lines, r.count, 0, 0, 0 };
        detail_text_free(&tw);
        detail_text_free(&tr);
        return false;
    }
    splice(t, t->weight_row, w.lines, wn, changed);
    splice(t, t->robust_row, r.lines, rn, changed);
    return true;
}

DetailKey detail_key(const DetailInput *in)
{
    DetailKey k;
    memset(&k, 0, sizeof k); /* padding too: keys compare field by field anyway */
    k.criterion = in->criterion;
    k.width = in->width;
    k.npanes = in->npanes;
    k.weight_line = in->weight_line;
    k.compact = in->compact;
    k.utf8 = in->utf8;
    k.log_scale = in->log_scale;
    k.notes = in->notes;
    int np = in->compact ? 1 : in->npanes;
    for (int i = 0; i < np && i < STACKS_MAX; i++)
        k.panes[i] = in->panes[i];
    k.nshown = in->nshown < STACKS_MAX ? in->nshown : STACKS_MAX;
    for (size_t i = 0; i < k.nshown; i++)
        k.shown[i] = in->shown[i];
    k.all_downloads = in->all_downloads;
    return k;
}

bool detail_key_same(const DetailKey *a, const DetailKey *b)
{
    if (a->criterion != b->criterion || a->width != b->width || a->npanes != b->npanes ||
        a->weight_line != b->weight_line || a->compact != b->compact || a->utf8 != b->utf8 ||
        a->log_scale != b->log_scale || a->notes != b->notes || a->nshown != b->nshown ||
        a->all_downloads != b->all_downloads)
        return false;
    int np = a->compact ? 1 : a->npanes;
    for (int i = 0; i < np && i < STACKS_MAX; i++)
        if (a->panes[i] != b->panes[i])
            return false;
    for (size_t i = 0; i < a->nshown; i++)
        if (a->shown[i] != b->shown[i])
            return false;
    return true;
}

