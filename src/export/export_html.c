/* export_html.c: the HTML report — one self-contained file that opens
 * offline in any browser and prints well: inline CSS and SVG, no script,
 * nothing fetched. The verdict and how sure it is, a totals bar chart, a
 * diverging chart of what each criterion adds to the two leading sides,
 * the criteria table, each stack's download trend as a line chart (the
 * chart core's axes), and the evidence with the provenance of every figure
 * and the sources, as the Markdown report gives them. Every piece of text
 * is escaped, and each SVG is well-formed XML on its own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chart.h"
#include "core/day.h"
#include "core/trend.h"
#include "export/export.h"
#include "export/export_internal.h"
#include "util/xalloc.h"

#define NO_VALUE "\xe2\x80\x94" /* an em dash: nothing to show */

/* A light, print-friendly palette, one colour per line or stack. */
static const char *const palette[] = { "#1b7837", "#2166ac", "#b2182b", "#762a83",
                                       "#d95f02", "#01665e", "#8c510a", "#525252" };
#define NPALETTE (sizeof palette / sizeof palette[0])

/* Text for HTML and for XML (SVG) alike: the five special characters as
 * entities every XML parser knows, control characters (which XML 1.0
 * forbids) as spaces. */
static void esc(StrBuf *sb, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '&': sb_append(sb, "&amp;"); break;
        case '<': sb_append(sb, "&lt;"); break;
        case '>': sb_append(sb, "&gt;"); break;
        case '"': sb_append(sb, "&quot;"); break;
        case '\'': sb_append(sb, "&#39;"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                sb_append_char(sb, ' ');
            else
                sb_append_char(sb, (char)*p);
        }
    }
}

/* A coordinate with one decimal, whatever the locale. */
static void coord(StrBuf *sb, double v) { export_append_fixed(sb, v, 1); }

static const char *css =
    ":root{color-scheme:light}"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;"
    "background:#fff;max-width:980px;margin:2rem auto;padding:0 1rem}"
    "h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;"
    "padding-bottom:.2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1.2rem 0 .4rem}"
    ".meta{color:#555;margin:0}.verdict{font-size:1.25rem;font-weight:600;margin:.4rem 0}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0}"
    "th,td{padding:.25rem .5rem;border-bottom:1px solid #e2e2e2;text-align:left;vertical-align:top}"
    "th{background:#f4f4f4}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}tr.total td{font-weight:600;border-top:2px solid #999}"
    ".best{font-weight:700}.note{color:#444;font-size:.92rem}"
    ".box{border-left:4px solid #999;background:#f7f7f7;padding:.5rem .8rem}"
    "figure{margin:.6rem 0 1.2rem}figcaption{color:#444;font-size:.9rem;margin-top:.2rem}"
    "svg{max-width:100%;height:auto;display:block}"
    "ol.sources{font-size:.85rem;word-break:break-all}"
    "@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}"
    "figure,tr{break-inside:avoid}th{background:none}}";

static void svg_open(StrBuf *sb, int w, int h, const char *label)
{
    sb_appendf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                   "height=\"%d\" role=\"img\" aria-label=\"", w, h, w, h);
    esc(sb, label);
    sb_append(sb, "\" font-family=\"sans-serif\" font-size=\"12\">");
}

static void svg_text(StrBuf *sb, double x, double y, const char *anchor, const char *extra,
                     const char *text)
{
    sb_append(sb, "<text x=\"");
    coord(sb, x);
    sb_append(sb, "\" y=\"");
    coord(sb, y);
    sb_appendf(sb, "\" text-anchor=\"%s\"%s%s>", anchor, extra ? " " : "", extra ? extra : "");
    esc(sb, text);
    sb_append(sb, "</text>");
}

static void svg_rect(StrBuf *sb, double x, double y, double w, double h, const char *fill)
{
    sb_append(sb, "<rect x=\"");
    coord(sb, x);
    sb_append(sb, "\" y=\"");
    coord(sb, y);
    sb_append(sb, "\" width=\"");
    coord(sb, w > 0 ? w : 0);
    sb_append(sb, "\" height=\"");
    coord(sb, h);
    sb_appendf(sb, "\" fill=\"%s\"/>", fill);
}

static void svg_line(StrBuf *sb, double x1, double y1, double x2, double y2, const char *stroke)
{
    sb_append(sb, "<line x1=\"");
    coord(sb, x1);
    sb_append(sb, "\" y1=\"");
    coord(sb, y1);
    sb_append(sb, "\" x2=\"");
    coord(sb, x2);
    sb_append(sb, "\" y2=\"");
    coord(sb, y2);
    sb_appendf(sb, "\" stroke=\"%s\" stroke-width=\"1\"/>", stroke);
}

/* ---- head and verdict ------------------------------------------------------------- */

static void append_head(StrBuf *sb, const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    char date[EXPORT_TIME_LEN], stamp[EXPORT_TIME_LEN];
    export_format_date(date, now);
    time_to_iso(now, stamp);
    StrBuf title = STRBUF_INIT;
    sb_append(&title, "versus: ");
    for (size_t i = 0; i < ds->nstacks; i++)
        sb_appendf(&title, "%s%s", i ? " vs " : "", ds->stacks[i].name);
    sb_append(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"versus\">\n<title>");
    esc(sb, sb_str(&title));
    sb_appendf(sb, ", %s</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", date, css);
    esc(sb, sb_str(&title));
    sb_append(sb, "</h1>\n<p class=\"meta\">");
    WeightsOrigin origin = session_weights_origin(s);
    int preset = origin.kind == WEIGHTS_PRESET ? origin.preset : -1;
    sb_appendf(sb, "Snapshot taken %s from data version ", stamp);
    esc(sb, ds->version ? ds->version : "unknown");
    if (ds->date) {
        sb_append(sb, " (judgements reviewed ");
        esc(sb, ds->date);
        sb_append(sb, ")");
    }
    sb_append(sb, ". ");
    if (preset >= 0) {
        sb_append(sb, "Weights of preset <strong>");
        esc(sb, ds->presets[preset].id);
        sb_append(sb, "</strong>: ");
        esc(sb, ds->presets[preset].description);
    } else if (origin.kind == WEIGHTS_DEFAULTS) {
        sb_append(sb, "Weights: the data's defaults.");
    } else {
        char *described = session_weights_text(s, WEIGHTS_DETAIL_MAX);
        sb_append(sb, "Weights: <strong>");
        esc(sb, described);
        sb_append(sb, "</strong>.");
        free(described);
    }
    sb_append(sb, "</p>\n</header>\n");
    sb_free(&title);
}

static void append_verdict(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    char *summary = evaluation_summary(ev, ds);
    const char *winner = evaluation_winner_id(ev, ds);
    sb_append(sb, "<section id=\"verdict-section\">\n<h2>Verdict</h2>\n<p class=\"verdict\" id=\"verdict\"");
    if (winner) {
        sb_append(sb, " data-winner=\"");
        esc(sb, winner);
        sb_append(sb, "\"");
    }
    sb_append(sb, ">");
    esc(sb, summary);
    sb_append(sb, "</p>\n");
    free(summary);
    if (!ev->has_total) {
        sb_append(sb, "<p>Give at least one criterion a weight above 0 to get totals.</p>\n</section>\n");
        return;
    }
    sb_append(sb, "<p>");
    esc(sb, ds->stacks[ev->leader].name);
    sb_append(sb, " scores ");
    export_append_total(sb, s, (size_t)ev->leader);
    sb_append(sb, " and ");
    esc(sb, ds->stacks[ev->runner_up].name);
    sb_append(sb, " ");
    export_append_total(sb, s, (size_t)ev->runner_up);
    sb_append(sb, " out of 100: a margin of ");
    export_append_margin(sb, s);
    sb_append(sb, " points. ");
    sb_append(sb, ev->hybrid ? "Below " : "At or above ");
    export_append_fixed(sb, ds->hybrid_threshold, 1);
    sb_append(sb, ev->hybrid ? " points the verdict is a hybrid: use each stack where it is strongest."
                             : " points a single stack wins.");
    export_append_margin_note(sb, s);
    sb_append(sb, "</p>\n");
    if (evaluation_favour(ev)->nfavour[0] || evaluation_favour(ev)->nfavour[1])
        sb_append(sb, "<ul>\n");
    for (int side = 0; side < 2; side++) {
        if (evaluation_favour(ev)->nfavour[side] == 0)
            continue;
        sb_append(sb, "<li>Most in favour of ");
        esc(sb, ds->stacks[side == 0 ? ev->leader : ev->runner_up].name);
        sb_append(sb, ": ");
        for (size_t i = 0; i < evaluation_favour(ev)->nfavour[side]; i++) {
            if (i)
                sb_append(sb, "; ");
            esc(sb, ds->criteria[evaluation_favour(ev)->favour[side][i]].title);
        }
        sb_append(sb, "</li>\n");
    }
    if (evaluation_favour(ev)->nfavour[0] || evaluation_favour(ev)->nfavour[1])
        sb_append(sb, "</ul>\n");

    /* How sure: the Monte-Carlo shares and the smallest flip. */
    Robustness *owned;
    const Robustness *r = export_robustness(s, &owned);
    sb_append(sb, "<h3>Robustness</h3>\n<p id=\"robustness\">Of ");
    export_append_count(sb, s->robust_opt.samples);
    sb_append(sb, " weightings drawn near these (each weight uniform within \xc2\xb1");
    export_append_fixed(sb, s->robust_opt.spread, s->robust_opt.spread == (long)s->robust_opt.spread ? 0 : 2);
    sb_appendf(sb, ", kept to 0\xe2\x80\x93" "10; seed %llu), ", (unsigned long long)s->robust_opt.seed);
    for (size_t i = 0; i < ds->nstacks; i++) {
        char share[8];
        session_format_share(robust_win_share(r, i), share);
        sb_append(sb, i ? ", " : "");
        esc(sb, ds->stacks[i].name);
        sb_append(sb, " leads in ");
        esc(sb, share);
    }
    char hybrid[8];
    session_format_share(robust_hybrid_share(r), hybrid);
    sb_append(sb, "; the verdict is a hybrid in ");
    esc(sb, hybrid);
    sb_append(sb, ".");
    robust_free(owned);
    const Flip *f = &s->flip;
    if (f->found) {
        sb_append(sb, " The fewest weight points that hand the lead to ");
        esc(sb, ds->stacks[f->to].name);
        sb_appendf(sb, ": %s%d (", f->exact ? "" : "at most ", f->points);
        char *moves = flip_moves_text(f, ds);
        esc(sb, moves);
        free(moves);
        sb_append(sb, ").");
    } else {
        sb_append(sb, " No weights from 0 to 10 hand the lead to ");
        esc(sb, ds->stacks[ev->runner_up].name);
        sb_append(sb, ".");
    }
    sb_append(sb, "</p>\n</section>\n");
}

/* ---- charts of the totals and the contributions ----------------------------------------- */

static void append_totals_chart(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    if (!ev->has_total)
        return;
    int label_w = 150, bar_w = 480, row = 30, w = label_w + bar_w + 110;
    int h = (int)ds->nstacks * row + 30;
    sb_append(sb, "<section id=\"totals\">\n<h2>Totals</h2>\n<figure>\n");
    svg_open(sb, w, h, "Each stack's total on a scale of 0 to 100");
    for (int t = 0; t <= 100; t += 25) {
        double x = label_w + bar_w * t / 100.0;
        svg_line(sb, x, 4, x, h - 22, "#dddddd");
        char lab[12];
        snprintf(lab, sizeof lab, "%d", t);
        svg_text(sb, x, h - 8, "middle", "fill=\"#555555\"", lab);
    }
    for (size_t i = 0; i < ds->nstacks; i++) {
        double y = 8 + (double)i * row;
        sb_append(sb, "<g data-stack=\"");
        esc(sb, ds->stacks[i].id);
        sb_append(sb, "\" data-total=\"");
        export_append_total(sb, s, i);
        sb_append(sb, "\">");
        svg_text(sb, label_w - 8, y + 15, "end", (int)i == ev->leader ? "font-weight=\"bold\"" : NULL,
                 ds->stacks[i].name);
        svg_rect(sb, label_w, y + 2, bar_w * ev->totals[i] / 100.0, 18, palette[i % NPALETTE]);
        StrBuf v = STRBUF_INIT;
        export_append_total(&v, s, i);
        if ((int)i == ev->leader)
            sb_append(&v, " leads");
        svg_text(sb, label_w + bar_w * ev->totals[i] / 100.0 + 6, y + 15, "start",
                 (int)i == ev->leader ? "font-weight=\"bold\"" : NULL, sb_str(&v));
        sb_free(&v);
        sb_append(sb, "</g>");
    }
    sb_append(sb, "</svg>\n<figcaption>A total is 100 \xc3\x97 \xce\xa3(weight \xc3\x97 score) / "
                  "(10 \xc3\x97 \xce\xa3 weight).</figcaption>\n</figure>\n</section>\n");
}

static void append_contributions_chart(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    if (!ev->has_total || ds->ncriteria == 0)
        return;
    int a = ev->leader, b = ev->runner_up;
    double max = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (int k = 0; k < 2; k++) {
            double v = evaluation_contrib(ev, c, (size_t)(k ? b : a));
            max = v > max ? v : max;
        }
    if (max <= 0)
        max = 1;
    int label_w = 330, half = 210, row = 24, w = label_w + 2 * half + 20;
    int h = (int)ds->ncriteria * row + 44;
    double mid = label_w + half;
    sb_append(sb, "<section id=\"contributions\">\n<h2>What each criterion adds</h2>\n<figure>\n");
    StrBuf label = STRBUF_INIT;
    sb_appendf(&label, "Points each criterion adds to %s (left) and %s (right)", ds->stacks[a].name,
               ds->stacks[b].name);
    svg_open(sb, w, h, sb_str(&label));
    sb_free(&label);
    svg_text(sb, mid - 8, 14, "end", "font-weight=\"bold\"", ds->stacks[a].name);
    svg_text(sb, mid + 8, 14, "start", "font-weight=\"bold\"", ds->stacks[b].name);
    for (size_t c = 0; c < ds->ncriteria; c++) {
        double y = 26 + (double)c * row;
        double va = evaluation_contrib(ev, c, (size_t)a), vb = evaluation_contrib(ev, c, (size_t)b);
        double la = (half - 40) * va / max, lb = (half - 40) * vb / max;
        sb_append(sb, "<g data-criterion=\"");
        esc(sb, ds->criteria[c].id);
        sb_append(sb, "\">");
        svg_text(sb, 4, y + 13, "start", NULL, ds->criteria[c].title);
        svg_rect(sb, mid - la, y + 2, la, 16, palette[(size_t)a % NPALETTE]);
        svg_rect(sb, mid, y + 2, lb, 16, palette[(size_t)b % NPALETTE]);
        StrBuf v = STRBUF_INIT;
        export_append_fixed(&v, va, 1);
        svg_text(sb, mid - la - 4, y + 14, "end", "fill=\"#333333\"", sb_str(&v));
        sb_reset(&v);
        export_append_fixed(&v, vb, 1);
        svg_text(sb, mid + lb + 4, y + 14, "start", "fill=\"#333333\"", sb_str(&v));
        sb_free(&v);
        sb_append(sb, "</g>");
    }
    svg_line(sb, mid, 20, mid, h - 16, "#555555");
    sb_append(sb, "</svg>\n<figcaption>Points on the 0\xe2\x80\x93" "100 scale each criterion adds "
                  "to the leader and the runner-up: weight \xc3\x97 score, scaled like the totals.");
    if (ds->nstacks > 2)
        sb_append(sb, " Other stacks are in the criteria table.");
    sb_append(sb, "</figcaption>\n</figure>\n</section>\n");
}

/* ---- criteria table ----------------------------------------------------------------------- */

static void append_criteria(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    sb_append(sb, "<section id=\"criteria\">\n<h2>Criteria</h2>\n<table>\n<thead><tr><th>Criterion</th>"
                  "<th class=\"n\">Weight</th>");
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append(sb, "<th class=\"n\">");
        esc(sb, ds->stacks[i].name);
        sb_append(sb, "</th>");
    }
    sb_append(sb, "<th>Flips at</th></tr></thead>\n<tbody>\n");
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        int best = score_tenths(cr->by_stack[0].score);
        for (size_t i = 1; i < ds->nstacks; i++)
            if (score_tenths(cr->by_stack[i].score) > best)
                best = score_tenths(cr->by_stack[i].score);
        sb_append(sb, "<tr><td>");
        esc(sb, cr->title);
        sb_append(sb, " <span class=\"note\">(");
        esc(sb, cr->id);
        sb_appendf(sb, ")</span></td><td class=\"n\">%d</td>", s->weights[c]);
        for (size_t i = 0; i < ds->nstacks; i++) {
            bool top = score_tenths(cr->by_stack[i].score) == best;
            sb_append(sb, top ? "<td class=\"n best\">" : "<td class=\"n\">");
            export_append_fixed(sb, cr->by_stack[i].score, 1);
            sb_append(sb, "</td>");
        }
        int flip_leader, flip_weight = evaluation_flip(ev, c, &flip_leader);
        if (flip_weight >= 0) {
            sb_appendf(sb, "<td>%d (", flip_weight);
            esc(sb, ds->stacks[flip_leader].name);
            sb_append(sb, ")</td></tr>\n");
        } else {
            sb_append(sb, "<td>" NO_VALUE "</td></tr>\n");
        }
    }
    sb_append(sb, "<tr class=\"total\"><td>Total (0\xe2\x80\x93" "100)</td><td class=\"n\">");
    export_append_weight_sum(sb, s);
    sb_append(sb, "</td>");
    for (size_t i = 0; i < ds->nstacks; i++) {
        if (!ev->has_total) {
            sb_append(sb, "<td class=\"n\">" NO_VALUE "</td>");
            continue;
        }
        sb_append(sb, (int)i == ev->leader ? "<td class=\"n best\">" : "<td class=\"n\">");
        export_append_total(sb, s, i);
        sb_append(sb, "</td>");
    }
    sb_append(sb, "<td></td></tr>\n</tbody>\n</table>\n<p class=\"note\">Scores are 0\xe2\x80\x93" "10. "
                  "A total is 100 \xc3\x97 \xce\xa3(weight \xc3\x97 score) / (10 \xc3\x97 \xce\xa3 weight). "
                  "<em>Flips at</em> is the weight of that criterion, all other weights held, at "
                  "which the stack named would take the lead; " NO_VALUE " when no weight from 0 to "
                  "10 changes the leader.</p>\n</section>\n");
}

/* ---- trend charts -------------------------------------------------------------------------- */

/* One stack's evidence packages as lines over the days their series
 * cover: a log scale when they are orders of magnitude apart. */
static void append_stack_trend(StrBuf *sb, const Session *s, size_t stack, const ExportPackage *pkgs,
                               size_t n)
{
    const Dataset *ds = s->ds;
    ChartSeries series[CHART_SERIES_MAX];
    size_t ns = 0, left_out = 0, without = 0;
    int longest = 0;
    for (size_t i = 0; i < n; i++) {
        if (pkgs[i].stack != stack)
            continue;
        const PackageStat *st = pkgs[i].stat;
        long end;
        if (!st || !st->daily || st->ndaily < 2 || !st->series_end || !chart_parse_day(st->series_end, &end)) {
            without++;
            continue;
        }
        if (ns == CHART_SERIES_MAX) {
            left_out++;
            continue;
        }
        series[ns++] = (ChartSeries){ pkgs[i].package, st->daily, st->ndaily, end };
        longest = (int)st->ndaily > longest ? (int)st->ndaily : longest;
    }
    sb_append(sb, "<h3>");
    esc(sb, ds->stacks[stack].name);
    sb_append(sb, "</h3>\n");
    if (ns == 0) {
        sb_append(sb, "<p class=\"note\">No daily series for this stack's packages: the bundled "
                      "figures are monthly totals; a fetch (<code>--fetch</code>) brings the days.</p>\n");
        return;
    }
    ChartOptions probe = { .range_days = longest > 540 ? 540 : longest };
    ChartData *d = chart_data_build(series, ns, &probe);
    bool log_scale = d->min_positive > 0 && d->max_value / d->min_positive > 50;
    chart_data_free(d);
    /* Downloads dip every weekend: past two months the weekly mean reads better. */
    bool average = probe.range_days > 60;
    ChartOptions o = { .range_days = probe.range_days, .log_scale = log_scale, .moving_avg = average };
    d = chart_data_build(series, ns, &o);
    ChartAxis axis;
    chart_axis(&axis, d->max_value, d->min_positive, log_scale, false, 6);

    int cols = 3, legend_rows = ((int)ns + cols - 1) / cols;
    int left = 56, right = 16, top = 10, plot_w = 720 - left - right, plot_h = 200;
    int w = 720, h = top + plot_h + 30 + legend_rows * 18 + 8;
    StrBuf label = STRBUF_INIT;
    sb_appendf(&label, "Daily downloads of %s's evidence packages", ds->stacks[stack].name);
    sb_append(sb, "<figure>\n");
    svg_open(sb, w, h, sb_str(&label));
    sb_free(&label);
    /* value axis: grid lines and labels */
    for (int i = 0; i < axis.nticks; i++) {
        double y = top + plot_h - chart_axis_pos(&axis, axis.ticks[i]) * plot_h;
        svg_line(sb, left, y, left + plot_w, y, "#e4e4e4");
        svg_text(sb, left - 6, y + 4, "end", "fill=\"#555555\"", axis.labels[i]);
    }
    svg_line(sb, left, top, left, top + plot_h, "#555555");
    svg_line(sb, left, top + plot_h, left + plot_w, top + plot_h, "#555555");
    /* date axis: five labels from the first day to the last */
    int nlab = d->ndays > 4 ? 5 : d->ndays;
    for (int i = 0; i < nlab; i++) {
        int day = nlab > 1 ? (int)lround((double)i * (d->ndays - 1) / (nlab - 1)) : 0;
        double x = left + (d->ndays > 1 ? (double)day * plot_w / (d->ndays - 1) : 0);
        char lab[11];
        chart_format_day(d->first_day + day, lab);
        svg_line(sb, x, top + plot_h, x, top + plot_h + 4, "#555555");
        svg_text(sb, x, top + plot_h + 17, i == 0 ? "start" : i == nlab - 1 ? "end" : "middle",
                 "fill=\"#555555\"", lab);
    }
    /* the lines: a polyline per run of known days */
    for (size_t k = 0; k < ns; k++) {
        bool open = false;
        for (int i = 0; i < d->ndays; i++) {
            double v = d->values[k][i];
            if (isnan(v)) {
                if (open)
                    sb_append(sb, "\"/>");
                open = false;
                continue;
            }
            if (!open)
                sb_appendf(sb, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                               "stroke-linejoin=\"round\" points=\"", palette[k % NPALETTE]);
            else
                sb_append_char(sb, ' ');
            open = true;
            coord(sb, left + (d->ndays > 1 ? (double)i * plot_w / (d->ndays - 1) : 0));
            sb_append_char(sb, ',');
            coord(sb, top + plot_h - chart_axis_pos(&axis, v) * plot_h);
        }
        if (open)
            sb_append(sb, "\"/>");
    }
    /* the legend: a swatch, the name and the growth over the days shown */
    for (size_t k = 0; k < ns; k++) {
        double x = left + (double)(k % (size_t)cols) * (plot_w / cols);
        double y = top + plot_h + 34 + (double)(k / (size_t)cols) * 18;
        svg_rect(sb, x, y - 9, 14, 4, palette[k % NPALETTE]);
        StrBuf t = STRBUF_INIT;
        sb_append(&t, series[k].name);
        if (d->growth_known[k]) {
            char pct[16];
            chart_format_pct(d->growth_pct[k], pct);
            sb_appendf(&t, " %s", pct);
        }
        svg_text(sb, x + 20, y - 3, "start", NULL, sb_str(&t));
        sb_free(&t);
    }
    sb_append(sb, average ? "</svg>\n<figcaption>Daily downloads as a 7-day moving average, "
                          : "</svg>\n<figcaption>Daily downloads, ");
    sb_append(sb, log_scale ? "log scale (the packages are orders of magnitude apart)" : "linear scale");
    char first[11], last[11];
    chart_format_day(d->first_day, first);
    chart_format_day(d->last_day, last);
    sb_appendf(sb, ", %s to %s; growth compares the last 7 days' mean with the first 7's.", first, last);
    if (strcmp(ds->stacks[stack].ecosystem, "pypi") == 0)
        sb_append(sb, " pypistats keeps 180 days.");
    if (without)
        sb_appendf(sb, " %zu package%s without a daily series.", without, without == 1 ? "" : "s");
    if (left_out)
        sb_appendf(sb, " %zu more not drawn.", left_out);
    sb_append(sb, "</figcaption>\n</figure>\n");
    chart_data_free(d);
}

static void append_trends(StrBuf *sb, const Session *s, const ExportPackage *pkgs, size_t n)
{
    if (n == 0)
        return;
    sb_append(sb, "<section id=\"trends\">\n<h2>Download trends</h2>\n");
    for (size_t st = 0; st < s->ds->nstacks; st++)
        append_stack_trend(sb, s, st, pkgs, n);
    sb_append(sb, "</section>\n");
}

/* ---- evidence --------------------------------------------------------------------------------- */

static void append_provenance(StrBuf *sb, const PackageStat *st, ExportOrigins *origins)
{
    if (export_append_provenance(sb, st, esc)) {
        size_t k = export_origin_number(origins, st->origin);
        sb_appendf(sb, ", source <a href=\"#S%zu\">S%zu</a>", k, k);
    }
}

static void count_cell(StrBuf *sb, long long count)
{
    sb_append(sb, "<td class=\"n\">");
    if (count < 0)
        sb_append(sb, NO_VALUE);
    else
        export_append_count(sb, count);
    sb_append(sb, "</td>");
}

static void append_evidence(StrBuf *sb, const Session *s, const ExportPackage *pkgs, size_t n)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "<section id=\"evidence\">\n<h2>Download evidence</h2>\n");
    if (n == 0) {
        sb_append(sb, "<p>This data set names no evidence packages.</p>\n</section>\n");
        return;
    }
    sb_append(sb, "<p class=\"note\">W/w is the last 7 days against the 7 before, from a daily series "
                  "(fetched figures only).</p>\n<table>\n<thead><tr><th>Stack</th><th>Package</th>"
                  "<th class=\"n\">Last week</th><th class=\"n\">W/w</th><th class=\"n\">Last month</th>"
                  "<th>Provenance</th><th>Status</th></tr></thead>\n<tbody>\n");
    ExportOrigins origins = { NULL, 0 };
    for (size_t i = 0; i < n; i++) {
        const PackageStat *st = pkgs[i].stat;
        const Stack *stack = &ds->stacks[pkgs[i].stack];
        sb_append(sb, "<tr><td>");
        esc(sb, stack->name);
        sb_append(sb, "</td><td>");
        esc(sb, stack->ecosystem);
        sb_append(sb, ": ");
        esc(sb, pkgs[i].package);
        sb_append(sb, "</td>");
        count_cell(sb, stat_number(st, FIG_DOWNLOADS_WEEK));
        double pct = 0;
        char change[8];
        bool known = st && trend_week_change(st->daily, st->ndaily, &pct);
        trend_format_change(known, pct, change);
        sb_append(sb, "<td class=\"n\">");
        esc(sb, known ? change : NO_VALUE);
        sb_append(sb, "</td>");
        count_cell(sb, stat_number(st, FIG_DOWNLOADS_MONTH));
        sb_append(sb, "<td>");
        append_provenance(sb, st, &origins);
        sb_append(sb, "</td><td>");
        char *status = export_status_text(st);
        esc(sb, status);
        free(status);
        sb_append(sb, "</td></tr>\n");
    }
    sb_append(sb, "</tbody>\n</table>\n");
    if (origins.count > 0) {
        /* Sources as text: the report links to nothing outside itself. */
        sb_append(sb, "<h3>Sources</h3>\n<ol class=\"sources\">\n");
        for (size_t i = 0; i < origins.count; i++) {
            sb_appendf(sb, "<li id=\"S%zu\">S%zu: ", i + 1, i + 1);
            esc(sb, origins.items[i]);
            sb_append(sb, "</li>\n");
        }
        sb_append(sb, "</ol>\n");
    }
    free(origins.items);
    sb_append(sb, "<p class=\"box\"><strong>Not like for like.</strong> npm figures count every "
                  "download from the registry, CI runs and other automated installs included; PyPI "
                  "figures exclude known mirrors. The sources also cover different periods and cut "
                  "their days off at different times. Compare each ecosystem's packages with each "
                  "other and over time, not npm numbers against PyPI numbers.</p>\n</section>\n");
}

/* The runtimes' support windows and the evidence packages' health, each
 * with where it came from. */
static void append_windows_and_health(StrBuf *sb, const Session *s, const ExportPackage *pkgs, size_t n,
                                      time_t now)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "<section id=\"support\">\n<h2>Support windows and package health</h2>\n"
                  "<p class=\"note\">Evidence only: no score is computed from these.</p>\n<ul>\n");
    for (size_t i = 0; i < ds->nstacks; i++) {
        char *line = export_runtime_line(s, i, now);
        if (!line)
            continue;
        sb_append(sb, "<li>");
        esc(sb, line);
        sb_append(sb, "</li>\n");
        free(line);
    }
    sb_append(sb, "</ul>\n");
    if (n > 0) {
        sb_append(sb, "<table>\n<thead><tr><th>Stack</th><th>Package</th><th>Health</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < n; i++) {
            sb_append(sb, "<tr><td>");
            esc(sb, ds->stacks[pkgs[i].stack].name);
            sb_append(sb, "</td><td>");
            esc(sb, ds->stacks[pkgs[i].stack].ecosystem);
            sb_append(sb, ": ");
            esc(sb, pkgs[i].package);
            sb_append(sb, "</td><td>");
            char *line = export_health_line(s, pkgs[i].stack, pkgs[i].package, now);
            esc(sb, line);
            free(line);
            sb_append(sb, "</td></tr>\n");
        }
        sb_append(sb, "</tbody>\n</table>\n");
    }
    sb_append(sb, "</section>\n");
}

char *export_render_html(const Session *s, time_t now)
{
    StrBuf sb = STRBUF_INIT;
    append_head(&sb, s, now);
    sb_append(&sb, "<main>\n");
    append_verdict(&sb, s);
    append_totals_chart(&sb, s);
    append_contributions_chart(&sb, s);
    append_criteria(&sb, s);
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    append_trends(&sb, s, pkgs, n);
    append_evidence(&sb, s, pkgs, n);
    append_windows_and_health(&sb, s, pkgs, n, now);
    free(pkgs);
    sb_append(&sb, "</main>\n<footer><p class=\"note\">A versus report: this file needs nothing "
                   "else to be read or printed.</p></footer>\n"
                   "</body>\n</html>\n");
    return sb_take(&sb);
}
