/* engine.h: the scoring engine. Pure arithmetic on a Dataset and a weight
 * vector: totals, contributions, leader, margin, verdict and the exact
 * sensitivity of the verdict to each weight. No I/O, no allocation on the
 * per-key path once an Evaluation exists; a weight step costs O(stacks),
 * and what depends on each criterion is derived when it is asked for.
 *
 * Total for stack s on 0..100: 100 * sum_c(w_c * score_sc) / (10 * sum_c w_c).
 * Scores carry at most one decimal, so the engine works in tenths with
 * integers: comparisons and flip points are exact, never approximated.
 * Weights are exact fractions num[c] / scale: a person's own weights are
 * integers (scale 1); a team's mean or median is not, and is used as it is,
 * never rounded. */
#ifndef VERSUS_CORE_ENGINE_H
#define VERSUS_CORE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

#define FAVOUR_MAX 2 /* criteria named per side in a hybrid verdict */

typedef struct Evaluation {
    size_t nstacks;
    size_t ncriteria;
    bool has_total;     /* false when every weight is 0: no totals exist */
    int scale;          /* weights are num / scale; 1 for integer weights */
    long long weight_sum; /* sum of the weights' numerators: the weight sum times scale */
    double *totals;     /* [nstacks], 0..100 */
    int leader;         /* stack index; ties go to the earlier stack; -1 without totals */
    int runner_up;      /* stack index; -1 without totals */
    double margin;      /* leader's total minus the runner-up's, in points */
    bool hybrid;        /* margin below the data's hybrid threshold */
    /* The state everything else is derived from on demand. */
    long long *sums;    /* [nstacks] sum of w * score-in-tenths */
    int *tenths;        /* [ncriteria * nstacks] the data's scores in tenths */
    int *num;           /* [ncriteria] the weight numerators evaluated */
    double threshold;   /* the data's hybrid threshold at the last run */
    struct EvalFavour *favour; /* computed when first asked for after a change */
} Evaluation;

/* The criteria most in favour of the leader (side 0) and of the runner-up
 * (side 1), largest gap first; earlier criteria win ties. */
typedef struct EvalFavour {
    bool valid;
    int favour[2][FAVOUR_MAX];
    size_t nfavour[2];
} EvalFavour;

/* Allocates an Evaluation for ds, whose scores it reads once: every
 * evaluation_run must be given the same, unchanged ds. Free with
 * evaluation_free. */
Evaluation *evaluation_new(const Dataset *ds);
void evaluation_free(Evaluation *ev);

/* Recomputes the sums for the given weights ([ncriteria], each 0..10). */
void evaluation_run(Evaluation *ev, const Dataset *ds, const int *weights);

/* The same for weights num[c] / scale (scale 1..WEIGHT_SCALE_MAX, each num
 * 0..10 * scale), computed exactly: the totals, margin and verdict of the
 * fractions themselves. Flip weights stay integer weights 0..10. */
#define WEIGHT_SCALE_MAX 10000
void evaluation_run_scaled(Evaluation *ev, const Dataset *ds, const int *num, int scale);

/* One weight numerator changed (same scale as the last run): updates the
 * sums, totals and verdict in O(stacks), with results identical to a full
 * run on the new weights. The Evaluation must have been run once. */
void evaluation_set(Evaluation *ev, size_t criterion, int num);

/* What follows is computed from the sums when asked, so a weight change
 * costs O(stacks) and a screen asks only for the rows it shows; exports ask
 * for every criterion. */

/* The points criterion c adds to stack s's total; 0 without totals. */
double evaluation_contrib(const Evaluation *ev, size_t c, size_t s);

/* The nearest integer weight 0..10 of criterion c (others held) at which a
 * different stack would lead, or -1 when none does; *leader (if not NULL)
 * gets who would lead there, or -1. O(stacks). */
int evaluation_flip(const Evaluation *ev, size_t c, int *leader);

/* The (at most max) criteria that add most to stack s, largest first,
 * earlier criteria first among equals, only those adding more than 0: one
 * pass over the criteria. Returns how many it wrote to out. */
size_t evaluation_top_contrib(const Evaluation *ev, size_t s, int *out, size_t max);

/* The criteria most in favour of each side; O(criteria) the first time
 * after a change, then kept. */
const EvalFavour *evaluation_favour(const Evaluation *ev);

/* A one-line verdict: "Node.js leads by 7.3 points", "Hybrid: Node.js for
 * real-time and I/O, Python for AI and data", or why there is no total.
 * Caller frees. */
char *evaluation_summary(const Evaluation *ev, const Dataset *ds);

/* The stack id of the winner, "hybrid", or NULL without totals. Not owned. */
const char *evaluation_winner_id(const Evaluation *ev, const Dataset *ds);

/* Score in tenths (7.5 -> 75): the exact unit the engine computes in. */
int score_tenths(double score);

/* ---- figures as printed ----
 * A total is rounded once, from its exact value, to the places it is
 * printed with (half away from zero); every figure derived from totals —
 * the margin, a stack's gap to the leader — is the difference of the
 * rounded totals, so what one screen or document shows adds up: 80.4 and
 * 75.0 print a margin of 5.4, never 5.3. The verdict's hybrid rule alone
 * uses the exact margin (ev->margin, ev->hybrid). Results are doubles
 * nearest a number of `decimals` places (0..4), so printf's "%.*f" with
 * the same places prints exactly those digits. */
#define TOTAL_DECIMALS 1 /* the screen and every export's prose */

/* num / den points (den > 0) rounded once to `decimals` places: the value
 * times 10^decimals as a whole number. Checked: exact while num * 10^decimals
 * fits a long long; past that, rounded through a double. */
long long points_rounded(long long num, long long den, int decimals);
/* Stack s's total as printed; 0 without totals. */
double evaluation_printed_total(const Evaluation *ev, size_t s, int decimals);
/* The printed total of a minus that of b. */
double evaluation_printed_gap(const Evaluation *ev, size_t a, size_t b, int decimals);
/* The leader's printed total minus the runner-up's; 0 without totals. */
double evaluation_printed_margin(const Evaluation *ev, int decimals);
/* True when the printed margin and the exact one fall on different sides
 * of the hybrid threshold (4.96 exact prints 5.0): where a reader could
 * not tell the verdict from the figures, the exports say so. */
bool evaluation_margin_misleads(const Evaluation *ev, const Dataset *ds, int decimals);

#endif
