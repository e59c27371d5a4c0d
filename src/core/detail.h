/* detail.h: the details pane's content — the question, what the weight
 * does, each shown stack's column (score, support window, rationale,
 * sources, evidence figures with their provenance, notes said once for
 * the packages that share them, periods said once), the summed downloads
 * and their shares, and the robustness estimate — as lines of styled text
 * laid out for a width. Pure: no terminal; the dashboard only paints the
 * lines (ui/draw.c), and tests read them as text (detail_text_dump).
 * Ownership: detail_build fills a DetailText the caller frees with
 * detail_text_free; the input is borrowed for the call. */
#ifndef VERSUS_CORE_DETAIL_H
#define VERSUS_CORE_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model.h"
#include "core/session.h"
#include "core/trend.h"

/* What a piece of text means; the screen maps each to a colour role. */
typedef enum DetailStyle {
    DETAIL_NORMAL,
    DETAIL_DIM,
    DETAIL_TITLE,
    DETAIL_WARNING,
    DETAIL_ERROR,
    DETAIL_BETTER,
    DETAIL_SPARK,
    DETAIL_SLIDER_EMPTY,
    DETAIL_STACK, /* + the stack's place among the shown ones */
} DetailStyle;

/* One styled piece of a line. */
typedef struct DetailSpan {
    int x;
    int right; /* the span never reaches this column (its own column's edge) */
    DetailStyle style;
    bool bold;
    char *text;
} DetailSpan;

typedef struct DetailLine {
    DetailSpan *spans;
    size_t count;
    size_t cap;     /* spans allocated */
    bool continues; /* wrapped text goes on on the next line */
} DetailLine;

typedef struct DetailText {
    DetailLine *lines;
    size_t count;
    size_t weight_row;   /* where the "weight N; adds ..." line starts */
    size_t weight_lines; /* how many lines it has; 0: not shown */
    size_t robust_row;   /* where the robustness estimate's lines start (count: none) */
} DetailText;

/* The glyphs the text uses (UTF-8 or ASCII). */
typedef struct DetailGlyphs {
    const char *bar[9];   /* 0..8 eighths of a cell */
    const char *spark[8];
    const char *better, *ellipsis, *slider_off;
} DetailGlyphs;

typedef struct DetailInput {
    const Session *s;
    const Dataset *ds;
    int criterion;            /* index into ds->criteria; -1: none */
    int width;                /* columns of the pane */
    bool weight_line;         /* room for what the weight does (a tall pane) */
    bool compact;             /* one column, of panes[0] */
    int npanes;
    const int *panes;         /* the stack of each column */
    const int *shown;         /* the stacks shown, for sums, styles, the better score */
    size_t nshown;
    bool utf8;
    const DetailGlyphs *g;
    bool log_scale;           /* download bars on a log scale */
    bool notes;               /* each source's note under it (rows to spare) */
    const TrendSum *all_downloads; /* [ds->nstacks]: each stack over every criterion */
    time_t now;
} DetailInput;

void detail_build(const DetailInput *in, DetailText *out);
/* How many lines detail_build makes from in, counted without making their
 * text: what sizing the pane to every criterion's details needs. */
size_t detail_rows(const DetailInput *in);
void detail_text_free(DetailText *t);

/* The parts of built details that follow the weights and the estimate. */
enum {
    DETAIL_PART_WEIGHT = 1 << 0, /* the "weight N; adds ..." line */
    DETAIL_PART_ROBUST = 1 << 1, /* the robustness estimate's lines */
};

/* In t, built by detail_build from an input with the same key (below),
 * rebuild only the parts asked for (DETAIL_PART_*). changed[i] (t->count
 * entries, or NULL) is set for the lines that now read differently. False,
 * t untouched: they no longer take as many lines; build anew. */
bool detail_refresh(const DetailInput *in, DetailText *t, unsigned parts, bool *changed);

/* What built details depend on besides the weights, the estimate and the
 * figures (which the caller follows): the criterion, the size, the
 * columns and the options (utf8 stands for the glyphs). Built details are reused only for
 * an equal key. */
typedef struct DetailKey {
    int criterion, width, npanes;
    bool weight_line, compact, utf8, log_scale, notes;
    int panes[STACKS_MAX];
    int shown[STACKS_MAX];
    size_t nshown;
    const TrendSum *all_downloads;
} DetailKey;

DetailKey detail_key(const DetailInput *in);
bool detail_key_same(const DetailKey *a, const DetailKey *b);

/* The lines as plain text, each span at its column (caller frees). */
char *detail_text_dump(const DetailText *t, bool utf8);

/* The better of the shown stacks on criterion c, or -1 on a tie. */
int detail_better_stack(const Dataset *ds, int c, const int *shown, size_t nshown);

#endif
