/* chart.h: the line chart behind the trends view and the HTML report's
 * trend figures. Pure: daily download series in, a grid of cells (glyph
 * and style) out, which the screen copies to curses and the tests dump as
 * text. No curses, no I/O.
 *
 * The steps, each its own function so each can be tested alone:
 *   chart_data_build  picks the range (the last N days up to the newest day
 *                     of any series), lines the series up by date, applies
 *                     the 7-day moving average and the share of the total,
 *                     and works out each series' growth over the range;
 *   chart_axis        chooses the value axis (linear from 0 with round
 *                     steps, or log10 in decades) and its tick labels;
 *   chart_render      draws lines on a dot canvas (braille 2x4 dots a
 *                     cell, quadrant blocks 2x2, or ASCII 1x3) inside a
 *                     frame of value labels and date labels.
 * Ownership: chart_data_build returns a ChartData freed with
 * chart_data_free; chart_render returns a ChartGrid freed with
 * chart_grid_free; chart_grid_text returns a string the caller frees. */
#ifndef VERSUS_CORE_CHART_H
#define VERSUS_CORE_CHART_H

#include <stdbool.h>
#include <stddef.h>

#define CHART_SERIES_MAX 16
#define CHART_MA_DAYS 7
/* Growth compares the mean of this many days at each end of the range. */
#define CHART_GROWTH_DAYS 7
#define CHART_TICKS_MAX 12

/* How the dots are drawn: braille (2x4 dots a cell), quadrant blocks (2x2)
 * or plain ASCII (1 column, 3 levels a cell: . - '). */
typedef enum ChartDots { CHART_BRAILLE, CHART_BLOCKS, CHART_ASCII } ChartDots;

/* One input series: daily downloads, oldest first, a negative value is an
 * unknown day; end_day is the date of the last value (days since
 * 1970-01-01, see chart_parse_day). The arrays are borrowed. */
typedef struct ChartSeries {
    const char *name;
    const long long *daily;
    size_t ndaily;
    long end_day;
} ChartSeries;

typedef struct ChartOptions {
    int range_days;    /* days shown, ending at the newest day of any series */
    bool log_scale;    /* value axis in decades */
    bool moving_avg;   /* trailing 7-day mean instead of the raw days */
    bool share;        /* each series as a percent of the series' sum that day */
} ChartOptions;

/* The series lined up on the range's days. values[s][d] is NaN where the
 * series has no figure for day d (or, with the moving average, fewer than
 * 7 known days up to it; with share, where any series has no figure). */
typedef struct ChartData {
    size_t nseries;
    int ndays;
    long first_day, last_day;     /* the range, inclusive */
    double *values[CHART_SERIES_MAX];
    const char *names[CHART_SERIES_MAX];
    long data_from[CHART_SERIES_MAX]; /* the series' first known day; > last_day: none */
    bool growth_known[CHART_SERIES_MAX];
    double growth_pct[CHART_SERIES_MAX]; /* last 7 days' mean against the first 7's */
    bool share, log_scale;
    double max_value;             /* of every value shown; 0 when none */
    double min_positive;          /* the smallest value above 0; 0 when none */
} ChartData;

/* NULL when range_days < 1. At most CHART_SERIES_MAX series are used;
 * a series with no days only gets a legend entry. */
ChartData *chart_data_build(const ChartSeries *series, size_t nseries, const ChartOptions *opts);
void chart_data_free(ChartData *d);

/* The raw figure of a series on a day (days since 1970-01-01), or a
 * negative value when unknown; for the cursor's exact read-out. */
long long chart_raw_at(const ChartSeries *series, long day);

/* The day-by-day sum of parts (series with no days are left out): a day
 * is known only when every part with days knows it, so a sum never
 * silently drops a package. *out (caller frees; NULL when no part has
 * days) runs from the latest first day to the earliest last day of the
 * parts; returns its length and sets *end_day. */
size_t chart_sum_series(const ChartSeries *parts, size_t nparts, long long **out, long *end_day);

/* The value axis: lo..hi (log10 values on a log scale) and its ticks. */
typedef struct ChartAxis {
    double lo, hi;
    int nticks;
    double ticks[CHART_TICKS_MAX];        /* in data units, ascending */
    char labels[CHART_TICKS_MAX][12];     /* "1.2M", "50%" */
} ChartAxis;

/* An axis for values up to max (and, on a log scale, down to
 * min_positive) with at most max_ticks ticks (>= 2). */
void chart_axis(ChartAxis *axis, double max, double min_positive, bool log_scale, bool share,
                int max_ticks);
/* Where v sits on the axis, 0 (lo) .. 1 (hi), clamped. */
double chart_axis_pos(const ChartAxis *axis, double v);

/* Axis labels: "1.2M", "950k", "12k", "875", "1.5B"; one decimal below
 * 10 units (round ticks need no more; figures use trend_format_count). */
void chart_format_count(double v, char out[12]);
/* "+12%", "-3.4%", "0%". */
void chart_format_pct(double pct, char out[16]);

/* "YYYY-MM-DD" -> days since 1970-01-01; false when not a date. */
bool chart_parse_day(const char *s, long *day);
/* Days since 1970-01-01 -> "YYYY-MM-DD" (11 bytes). */
void chart_format_day(long day, char out[11]);
/* Days since 1970-01-01 -> "Oct 05" (English month, 7 bytes). */
void chart_format_short_day(long day, char out[8]);

/* One cell: a UTF-8 glyph (ASCII in ASCII mode) and how to colour it. */
enum {
    CHART_STYLE_BLANK = 0,
    CHART_STYLE_AXIS = 1,   /* frame lines and tick marks */
    CHART_STYLE_LABEL = 2,  /* value and date labels */
    CHART_STYLE_SERIES = 3, /* + series index */
};
#define CHART_CELL_CURSOR 0x80 /* flag: the cell is in the cursor's column */

typedef struct ChartCell {
    char glyph[5];
    unsigned char style; /* CHART_STYLE_*, | CHART_CELL_CURSOR */
} ChartCell;

typedef struct ChartGrid {
    int width, height;
    ChartCell *cells;              /* height rows of width cells */
    int plot_x, plot_y, plot_w, plot_h; /* the area the lines are drawn in */
    ChartAxis axis;
    int ndays;                     /* days across the plot */
    int dots_x;                    /* dots a cell across: 2, or 1 in ASCII */
} ChartGrid;

/* Draws d into a width x height grid (NULL when too small for a plot:
 * less than 20x5). cursor_day is a range day to mark (-1: none). */
ChartGrid *chart_render(const ChartData *d, int width, int height, ChartDots dots, int cursor_day);
void chart_grid_free(ChartGrid *g);

/* The range day under column x of the grid, clamped to the range; -1 when
 * x is left of the plot. */
int chart_day_at(const ChartGrid *g, int x);
/* The column of range day `day` in the grid. */
int chart_column_of(const ChartGrid *g, int day);

/* The grid as text, one line per row (trailing blanks trimmed); with
 * styles, a second block of the same size shows each cell's style as a
 * character (' ' blank, '|' axis, 'l' label, 'a'.. series, upper case
 * under the cursor), for golden tests. */
char *chart_grid_text(const ChartGrid *g, bool styles);

#endif
