/* chart.c: range selection, moving average, share, growth, value axes and
 * the dot canvas of the trend chart; see chart.h. */
#include "core/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/stats.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- dates ---------------------------------------------------------------- */

bool chart_parse_day(const char *s, long *day)
{
    long d;
    if (!day_parse(s, &d) || d < 0) /* nothing before 1970 */
        return false;
    *day = d;
    return true;
}

void chart_format_day(long day, char out[11]) { day_format(day, out); }

static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void chart_format_short_day(long day, char out[8])
{
    long y;
    int m, d;
    day_to_civil(day, &y, &m, &d);
    snprintf(out, 8, "%s %02d", month_names[(m - 1) % 12], d % 100);
}

/* "Oct 2026": the long ranges' date labels. */
static void format_month_year(long day, char out[12])
{
    long y;
    int m, d;
    day_to_civil(day, &y, &m, &d);
    snprintf(out, 12, "%s %04d", month_names[(m - 1) % 12], (int)(y % 10000));
}

/* ---- numbers ---------------------------------------------------------------- */

void chart_format_count(double v, char out[12])
{
    static const struct { double div; const char *unit; } units[] = {
        { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" },
    };
    if (!(v >= 0) || !isfinite(v)) {
        snprintf(out, 12, "-");
        return;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        double u = v / units[i].div;
        if (u < 0.9995)
            continue;
        if (u < 9.95)
            snprintf(out, 12, "%.1f%s", u, units[i].unit);
        else
            snprintf(out, 12, "%.0f%s", u, units[i].unit);
        char *dot = strstr(out, ".0");
        if (dot && dot[2] && !(dot[2] >= '0' && dot[2] <= '9'))
            memmove(dot, dot + 2, strlen(dot + 2) + 1);
        return;
    }
    snprintf(out, 12, "%.0f", v);
}

void chart_format_pct(double pct, char out[16])
{
    if (!isfinite(pct))
        snprintf(out, 16, "n/a");
    else if (fabs(pct) < 0.05)
        snprintf(out, 16, "0%%");
    else if (fabs(pct) < 9.95)
        snprintf(out, 16, "%+.1f%%", pct);
    else if (fabs(pct) < 99999)
        snprintf(out, 16, "%+.0f%%", pct);
    else
        snprintf(out, 16, "%s", pct > 0 ? ">+99999%" : "<-99999%");
}

/* "50%", "2.5%", "0.1%". */
static void format_share(double v, char out[12])
{
    if (v >= 9.95 || v == 0)
        snprintf(out, 12, "%.0f%%", v);
    else if (v >= 0.95)
        snprintf(out, 12, "%.1f%%", v);
    else
        snprintf(out, 12, "%.2g%%", v);
    char *dot = strstr(out, ".0%");
    if (dot)
        memmove(dot, dot + 2, strlen(dot + 2) + 1);
}

/* ---- data ---------------------------------------------------------------------- */

long long chart_raw_at(const ChartSeries *s, long day)
{
    if (!s->daily || s->ndaily == 0 || day > s->end_day)
        return -1;
    long back = s->end_day - day;
    if ((unsigned long)back >= s->ndaily)
        return -1;
    return s->daily[s->ndaily - 1 - (size_t)back];
}

size_t chart_sum_series(const ChartSeries *parts, size_t nparts, long long **out, long *end_day)
{
    *out = NULL;
    *end_day = 0;
    bool any = false;
    long first = 0, last = 0;
    for (size_t i = 0; i < nparts; i++) {
        const ChartSeries *p = &parts[i];
        if (!p->daily || p->ndaily == 0)
            continue;
        long f = p->end_day - (long)p->ndaily + 1;
        if (!any || f > first)
            first = f;
        if (!any || p->end_day < last)
            last = p->end_day;
        any = true;
    }
    if (!any || last < first)
        return 0;
    size_t n = (size_t)(last - first + 1);
    long long *sum = xcalloc(n, sizeof *sum);
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < nparts; i++) {
            if (!parts[i].daily || parts[i].ndaily == 0)
                continue;
            long long v = chart_raw_at(&parts[i], first + (long)k);
            /* unknown, or past what a long long holds (checked): no figure */
            if (v < 0 || !stat_count_add(&sum[k], v)) {
                sum[k] = -1;
                break;
            }
        }
    }
    *out = sum;
    *end_day = last;
    return n;
}

/* The trailing mean of the CHART_MA_DAYS days up to day, NaN unless all are known. */
static double moving_mean(const ChartSeries *s, long day)
{
    double sum = 0;
    for (long k = 0; k < CHART_MA_DAYS; k++) {
        long long v = chart_raw_at(s, day - k);
        if (v < 0)
            return NAN;
        sum += (double)v;
    }
    return sum / CHART_MA_DAYS;
}

static bool growth_over(const ChartSeries *s, long first, long last, double *pct)
{
    /* The first and the last CHART_GROWTH_DAYS known days of the range. */
    double a = 0, b = 0;
    int na = 0, nb = 0;
    for (long day = first; day <= last && na < CHART_GROWTH_DAYS; day++) {
        long long v = chart_raw_at(s, day);
        if (v >= 0) {
            a += (double)v;
            na++;
        }
    }
    long a_end = first;
    for (long day = first, seen = 0; day <= last && seen < na; day++)
        if (chart_raw_at(s, day) >= 0 && ++seen == na)
            a_end = day;
    for (long day = last; day > a_end && nb < CHART_GROWTH_DAYS; day--) {
        long long v = chart_raw_at(s, day);
        if (v >= 0) {
            b += (double)v;
            nb++;
        }
    }
    if (na < CHART_GROWTH_DAYS || nb < CHART_GROWTH_DAYS || a <= 0)
        return false;
    *pct = 100.0 * (b - a) / a;
    return true;
}

ChartData *chart_data_build(const ChartSeries *series, size_t nseries, const ChartOptions *opts)
{
    if (!opts || opts->range_days < 1)
        return NULL;
    if (nseries > CHART_SERIES_MAX)
        nseries = CHART_SERIES_MAX;
    ChartData *d = xcalloc(1, sizeof *d);
    d->nseries = nseries;
    d->ndays = opts->range_days;
    d->share = opts->share;
    d->log_scale = opts->log_scale;
    bool any = false;
    for (size_t s = 0; s < nseries; s++) {
        if (series[s].ndaily == 0 || !series[s].daily)
            continue;
        if (!any || series[s].end_day > d->last_day)
            d->last_day = series[s].end_day;
        any = true;
    }
    d->first_day = d->last_day - d->ndays + 1;
    for (size_t s = 0; s < nseries; s++) {
        const ChartSeries *cs = &series[s];
        d->names[s] = cs->name;
        d->values[s] = xcalloc((size_t)d->ndays, sizeof(double));
        d->data_from[s] = d->last_day + 1;
        for (size_t k = 0; cs->daily && k < cs->ndaily; k++)
            if (cs->daily[k] >= 0) {
                d->data_from[s] = cs->end_day - (long)(cs->ndaily - 1 - k);
                break;
            }
        for (int i = 0; i < d->ndays; i++) {
            long day = d->first_day + i;
            long long raw = chart_raw_at(cs, day);
            d->values[s][i] = opts->moving_avg ? moving_mean(cs, day) : raw >= 0 ? (double)raw : NAN;
        }
        d->growth_known[s] = growth_over(cs, d->first_day, d->last_day, &d->growth_pct[s]);
    }
    if (opts->share) {
        /* Series with nothing in the range take no part; the others must
         * all be known on a day for its shares to mean anything. */
        bool takes_part[CHART_SERIES_MAX] = { false };
        for (size_t s = 0; s < nseries; s++)
            for (int i = 0; i < d->ndays && !takes_part[s]; i++)
                takes_part[s] = !isnan(d->values[s][i]);
        for (int i = 0; i < d->ndays; i++) {
            double total = 0;
            bool complete = true;
            for (size_t s = 0; s < nseries; s++) {
                if (!takes_part[s])
                    continue;
                if (isnan(d->values[s][i]))
                    complete = false;
                else
                    total += d->values[s][i];
            }
            for (size_t s = 0; s < nseries; s++)
                if (takes_part[s])
                    d->values[s][i] = complete && total > 0 ? 100.0 * d->values[s][i] / total : NAN;
        }
    }
    for (size_t s = 0; s < nseries; s++)
        for (int i = 0; i < d->ndays; i++) {
            double v = d->values[s][i];
            if (isnan(v))
                continue;
            if (v > d->max_value)
                d->max_value = v;
            if (v > 0 && (d->min_positive == 0 || v < d->min_positive))
                d->min_positive = v;
        }
    return d;
}

void chart_data_free(ChartData *d)
{
    if (!d)
        return;
    for (size_t s = 0; s < d->nseries; s++)
        free(d->values[s]);
    free(d);
}

/* ---- axis ------------------------------------------------------------------- */

/* The smallest of 1, 2, 2.5, 5 times a power of ten that is >= x. */
static double nice_step(double x)
{
    if (!(x > 0))
        return 1;
    double p = pow(10, floor(log10(x)));
    static const double mult[] = { 1, 2, 2.5, 5, 10 };
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
        if (mult[i] * p >= x * (1 - 1e-12))
            return mult[i] * p;
    return 10 * p;
}

static void tick_label(double v, bool share, char out[12])
{
    if (share)
        format_share(v, out);
    else
        chart_format_count(v, out);
}

void chart_axis(ChartAxis *axis, double max, double min_positive, bool log_scale, bool share,
                int max_ticks)
{
    memset(axis, 0, sizeof *axis);
    if (max_ticks < 2)
        max_ticks = 2;
    if (max_ticks > CHART_TICKS_MAX)
        max_ticks = CHART_TICKS_MAX;
    if (share && max > 100)
        max = 100;
    if (log_scale) {
        double hi = max > 0 ? ceil(log10(max) - 1e-9) : 1;
        double lo = min_positive > 0 ? floor(log10(min_positive) + 1e-9) : hi - 1;
        if (lo >= hi)
            lo = hi - 1;
        if (!share && lo < 0)
            lo = 0; /* downloads: nothing below 1 a day */
        int decades = (int)(hi - lo);
        int every = (decades + max_ticks - 2) / (max_ticks - 1);
        if (every < 1)
            every = 1;
        /* whole steps of `every` decades, so the top tick is the top */
        lo = hi - every * ceil((hi - lo) / every);
        axis->lo = lo;
        axis->hi = hi;
        for (double e = lo; e <= hi + 1e-9 && axis->nticks < CHART_TICKS_MAX; e += every) {
            axis->ticks[axis->nticks] = pow(10, e);
            tick_label(axis->ticks[axis->nticks], share, axis->labels[axis->nticks]);
            axis->nticks++;
        }
        return;
    }
    double step = nice_step((max > 0 ? max : 1) / (max_ticks - 1));
    if (!share && step < 1)
        step = 1;
    double hi = step * ceil((max > 0 ? max : 1) / step - 1e-9);
    axis->lo = 0;
    axis->hi = hi;
    for (int i = 0; i * step <= hi * (1 + 1e-12) && axis->nticks < CHART_TICKS_MAX; i++) {
        axis->ticks[axis->nticks] = i * step;
        tick_label(i * step, share, axis->labels[axis->nticks]);
        axis->nticks++;
    }
}

double chart_axis_pos(const ChartAxis *axis, double v)
{
    double x;
    bool log_axis = axis->nticks > 0 && axis->ticks[0] > 0;
    if (log_axis)
        x = v > 0 ? log10(v) : axis->lo;
    else
        x = v;
    double p = axis->hi > axis->lo ? (x - axis->lo) / (axis->hi - axis->lo) : 0;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* ---- canvas ------------------------------------------------------------------- */

typedef struct Canvas {
    int cols, rows;        /* in cells */
    int dx, dy;            /* dots a cell */
    unsigned char *bits;   /* per cell */
    signed char *owner;    /* per cell: the last series drawn there, -1 none */
} Canvas;

static void canvas_set(Canvas *c, int x, int y, int series)
{
    if (x < 0 || y < 0 || x >= c->cols * c->dx || y >= c->rows * c->dy)
        return;
    int cx = x / c->dx, cy = y / c->dy, sx = x % c->dx, sy = y % c->dy;
    unsigned bit;
    if (c->dx == 2 && c->dy == 4) /* braille: dots 1-3 and 7 left, 4-6 and 8 right */
        bit = sx == 0 ? (sy < 3 ? 1u << sy : 0x40u) : (sy < 3 ? 1u << (sy + 3) : 0x80u);
    else if (c->dx == 2) /* quadrants: 1 top-left, 2 top-right, 4 bottom-left, 8 bottom-right */
        bit = 1u << (sy * 2 + sx);
    else /* ASCII: 1 top, 2 middle, 4 bottom */
        bit = 1u << sy;
    size_t i = (size_t)cy * (size_t)c->cols + (size_t)cx;
    c->bits[i] |= (unsigned char)bit;
    c->owner[i] = (signed char)series;
}

static void canvas_line(Canvas *c, int x0, int y0, int x1, int y1, int series)
{
    int dxl = x1 - x0, dyl = y1 - y0;
    int steps = abs(dxl) > abs(dyl) ? abs(dxl) : abs(dyl);
    if (steps == 0) {
        canvas_set(c, x0, y0, series);
        return;
    }
    for (int i = 0; i <= steps; i++)
        canvas_set(c, x0 + (int)lround((double)i * dxl / steps), y0 + (int)lround((double)i * dyl / steps),
                   series);
}

static void cell_glyph(const Canvas *c, unsigned bits, char out[5])
{
    static const char *const quadrants[16] = {
        " ", "\u2598", "\u259d", "\u2580", "\u2596", "\u258c", "\u259e", "\u259b",
        "\u2597", "\u259a", "\u2590", "\u259c", "\u2584", "\u2599", "\u259f", "\u2588",
    };
    if (c->dx == 2 && c->dy == 4) {
        unsigned cp = 0x2800u + bits;
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        out[3] = '\0';
    } else if (c->dx == 2) {
        snprintf(out, 5, "%s", quadrants[bits & 15]);
    } else {
        const char *g = bits == 1 ? "'" : bits == 2 ? "-" : bits == 4 ? "." : "|";
        snprintf(out, 5, "%s", g);
    }
}

/* ---- the grid -------------------------------------------------------------------- */

static ChartCell *cell_at(ChartGrid *g, int x, int y) { return &g->cells[(size_t)y * (size_t)g->width + (size_t)x]; }

static void put_glyph(ChartGrid *g, int x, int y, const char *glyph, unsigned char style)
{
    if (x < 0 || y < 0 || x >= g->width || y >= g->height)
        return;
    ChartCell *c = cell_at(g, x, y);
    snprintf(c->glyph, sizeof c->glyph, "%s", glyph);
    c->style = style;
}

/* ASCII text, one byte a cell. */
static void put_str(ChartGrid *g, int x, int y, const char *s, unsigned char style)
{
    for (; *s; s++, x++) {
        char one[2] = { *s, '\0' };
        put_glyph(g, x, y, one, style);
    }
}

static int day_dot(int day, int ndays, int cols)
{
    if (ndays <= 1 || cols <= 1)
        return 0;
    return (int)lround((double)day * (cols - 1) / (ndays - 1));
}

ChartGrid *chart_render(const ChartData *d, int width, int height, ChartDots dots, int cursor_day)
{
    if (!d || width < 20 || height < 5)
        return NULL;
    ChartGrid *g = xcalloc(1, sizeof *g);
    g->width = width;
    g->height = height;
    g->cells = xcalloc((size_t)width * (size_t)height, sizeof *g->cells);
    g->ndays = d->ndays;
    g->dots_x = dots == CHART_ASCII ? 1 : 2;
    bool utf8 = dots != CHART_ASCII;
    int plot_h = height - 2;
    int max_ticks = plot_h / 2 + 1;
    chart_axis(&g->axis, d->max_value, d->min_positive, d->log_scale, d->share, max_ticks);
    int lw = 1;
    for (int i = 0; i < g->axis.nticks; i++) {
        int n = (int)strlen(g->axis.labels[i]);
        lw = n > lw ? n : lw;
    }
    g->plot_x = lw + 1;
    g->plot_y = 0;
    g->plot_w = width - g->plot_x;
    g->plot_h = plot_h;

    /* The frame: the value axis with its ticks and labels. */
    for (int y = 0; y < plot_h; y++)
        put_glyph(g, lw, y, utf8 ? "\u2502" : "|", CHART_STYLE_AXIS);
    for (int i = 0; i < g->axis.nticks; i++) {
        double p = chart_axis_pos(&g->axis, g->axis.ticks[i]);
        int y = (plot_h - 1) - (int)lround(p * (plot_h - 1));
        const char *lab = g->axis.labels[i];
        put_str(g, lw - (int)strlen(lab), y, lab, CHART_STYLE_LABEL);
        put_glyph(g, lw, y, utf8 ? "\u2524" : "+", CHART_STYLE_AXIS);
    }
    /* The date axis and its labels. */
    int axis_y = plot_h, label_y = plot_h + 1;
    put_glyph(g, lw, axis_y, utf8 ? "\u2514" : "+", CHART_STYLE_AXIS);
    for (int x = g->plot_x; x < width; x++)
        put_glyph(g, x, axis_y, utf8 ? "\u2500" : "-", CHART_STYLE_AXIS);
    bool long_range = d->ndays > 200;
    int label_w = long_range ? 8 : 6;
    int nlabels = g->plot_w / (label_w + 4);
    if (nlabels > d->ndays)
        nlabels = d->ndays;
    if (nlabels < 2)
        nlabels = d->ndays > 1 ? 2 : 1;
    /* Long ranges are labelled by month, on the 1st of every month or of
     * every few, so no two labels name the same month. */
    int month_days[24], nmonths = 0, month_step = 1;
    if (long_range) {
        long y;
        int m, dd;
        day_to_civil(d->first_day, &y, &m, &dd);
        if (dd != 1 && ++m > 12) {
            m = 1;
            y++;
        }
        for (long at = day_from_civil(y, m, 1); at <= d->last_day && nmonths < 24; at = day_from_civil(y, m, 1)) {
            month_days[nmonths++] = (int)(at - d->first_day);
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
        month_step = nlabels > 0 ? (nmonths + nlabels - 1) / nlabels : nmonths;
        if (month_step < 1)
            month_step = 1;
        nlabels = (nmonths + month_step - 1) / month_step;
    }
    int last_end = -1;
    for (int i = 0; i < nlabels; i++) {
        int day = nlabels > 1 ? (int)lround((double)i * (d->ndays - 1) / (nlabels - 1)) : 0;
        char lab[12];
        if (long_range) {
            day = month_days[i * month_step];
            format_month_year(d->first_day + day, lab);
        } else {
            chart_format_short_day(d->first_day + day, lab);
        }
        int col = chart_column_of(g, day);
        int x = col - label_w / 2;
        if (x < g->plot_x)
            x = g->plot_x;
        if (x + label_w > width)
            x = width - label_w;
        if (x <= last_end)
            continue;
        put_glyph(g, col, axis_y, utf8 ? "\u252c" : "+", CHART_STYLE_AXIS);
        put_str(g, x, label_y, lab, CHART_STYLE_LABEL);
        last_end = x + label_w;
    }

    /* The lines, series by series: later series draw over earlier ones. */
    Canvas c = { .cols = g->plot_w, .rows = plot_h, .dx = dots == CHART_ASCII ? 1 : 2,
                 .dy = dots == CHART_BRAILLE ? 4 : dots == CHART_BLOCKS ? 2 : 3 };
    c.bits = xcalloc((size_t)c.cols * (size_t)c.rows, 1);
    c.owner = xcalloc((size_t)c.cols * (size_t)c.rows, 1);
    memset(c.owner, -1, (size_t)c.cols * (size_t)c.rows);
    int cols = c.cols * c.dx, rows = c.rows * c.dy;
    for (size_t s = 0; s < d->nseries; s++) {
        int px = -1, py = -1;
        for (int i = 0; i < d->ndays; i++) {
            double v = d->values[s][i];
            if (isnan(v)) {
                px = -1;
                continue;
            }
            int x = day_dot(i, d->ndays, cols);
            int y = (rows - 1) - (int)lround(chart_axis_pos(&g->axis, v) * (rows - 1));
            if (px >= 0)
                canvas_line(&c, px, py, x, y, (int)s);
            else
                canvas_set(&c, x, y, (int)s);
            px = x;
            py = y;
        }
    }
    int cursor_col = cursor_day >= 0 && cursor_day < d->ndays ? chart_column_of(g, cursor_day) : -1;
    for (int y = 0; y < c.rows; y++)
        for (int x = 0; x < c.cols; x++) {
            size_t i = (size_t)y * (size_t)c.cols + (size_t)x;
            bool cur = g->plot_x + x == cursor_col;
            if (c.bits[i]) {
                char glyph[5];
                cell_glyph(&c, c.bits[i], glyph);
                put_glyph(g, g->plot_x + x, y, glyph,
                          (unsigned char)((CHART_STYLE_SERIES + c.owner[i]) | (cur ? CHART_CELL_CURSOR : 0)));
            } else if (cur) {
                put_glyph(g, g->plot_x + x, y, utf8 ? "\u2502" : ":", CHART_STYLE_AXIS | CHART_CELL_CURSOR);
            }
        }
    if (cursor_col >= 0)
        cell_at(g, cursor_col, axis_y)->style |= CHART_CELL_CURSOR;
    free(c.bits);
    free(c.owner);
    return g;
}

void chart_grid_free(ChartGrid *g)
{
    if (!g)
        return;
    free(g->cells);
    free(g);
}

int chart_column_of(const ChartGrid *g, int day)
{
    return g->plot_x + day_dot(day, g->ndays, g->plot_w * g->dots_x) / g->dots_x;
}

int chart_day_at(const ChartGrid *g, int x)
{
    if (x < g->plot_x)
        return -1;
    if (x >= g->plot_x + g->plot_w)
        x = g->plot_x + g->plot_w - 1;
    /* The days drawn in column x: the first of them in the first column,
     * the last in the last, else the middle one; where no day is drawn,
     * the nearest. A few hundred days at most: a scan is plenty. */
    int lo = -1, hi = -1, nearest = 0, best = 1 << 30;
    for (int day = 0; day < g->ndays; day++) {
        int col = chart_column_of(g, day);
        if (col == x) {
            if (lo < 0)
                lo = day;
            hi = day;
        }
        int dist = abs(col - x);
        if (dist < best) {
            best = dist;
            nearest = day;
        }
    }
    if (lo < 0)
        return nearest;
    if (lo == 0 || hi == g->ndays - 1)
        return lo == 0 ? 0 : g->ndays - 1;
    return (lo + hi) / 2;
}

char *chart_grid_text(const ChartGrid *g, bool styles)
{
    StrBuf sb = STRBUF_INIT;
    for (int pass = 0; pass < (styles ? 2 : 1); pass++) {
        if (pass == 1)
            sb_append(&sb, "--\n");
        for (int y = 0; y < g->height; y++) {
            StrBuf line = STRBUF_INIT;
            size_t keep = 0;
            for (int x = 0; x < g->width; x++) {
                const ChartCell *c = &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
                if (pass == 0) {
                    sb_append(&line, c->glyph[0] ? c->glyph : " ");
                    if (c->glyph[0] && strcmp(c->glyph, " ") != 0)
                        keep = line.len;
                } else {
                    int st = c->style & ~CHART_CELL_CURSOR;
                    char ch = st == CHART_STYLE_BLANK ? ' '
                              : st == CHART_STYLE_AXIS ? '|'
                              : st == CHART_STYLE_LABEL ? 'l'
                                                        : (char)('a' + (st - CHART_STYLE_SERIES));
                    if (c->style & CHART_CELL_CURSOR)
                        ch = ch == ' ' ? '#' : ch == '|' ? '!' : ch == 'l' ? 'L' : (char)(ch - 'a' + 'A');
                    sb_append_char(&line, ch);
                    if (ch != ' ')
                        keep = line.len;
                }
            }
            sb_appendf(&sb, "%.*s\n", (int)keep, sb_str(&line));
            sb_free(&line);
        }
    }
    char *out = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return out;
}
