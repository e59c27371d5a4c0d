/* robust.h: how sure a verdict is. Two measures, both pure and exact about
 * what they compute:
 *
 * - A Monte-Carlo estimate over weights near the user's: each weight drawn
 *   uniformly and independently from [w - K, w + K] clipped to 0..10
 *   (continuous; a draw whose weights are all 0 is drawn again), each
 *   stack's share of the draws in which it leads, and the share in which
 *   the verdict is a hybrid. The generator is xoshiro256** seeded through
 *   splitmix64, so a seed gives the same figures on every machine. The
 *   estimate can be computed in chunks (robust_step), so the dashboard
 *   never waits for it between two key presses.
 * - The smallest flip: the fewest weight points, summed over criteria, that
 *   must move (each weight by whole points, staying in 0..10) for the
 *   runner-up to lead, and which moves do it.
 *
 * Ownership: a Robustness owns its arrays; robust_free releases them.
 * A Flip owns its moves; flip_clear releases them. */
#ifndef VERSUS_CORE_ROBUST_H
#define VERSUS_CORE_ROBUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/engine.h"
#include "core/model.h"

#define ROBUST_SAMPLES_DEFAULT 10000
#define ROBUST_SAMPLES_MAX 10000000
#define ROBUST_SPREAD_DEFAULT 2.0
#define ROBUST_SPREAD_MAX 10.0
#define ROBUST_SEED_DEFAULT 20261127u

typedef struct RobustOptions {
    long samples;  /* draws, 1..ROBUST_SAMPLES_MAX */
    double spread; /* K, 0..ROBUST_SPREAD_MAX */
    uint64_t seed;
} RobustOptions;

#define ROBUST_OPTIONS_DEFAULT { ROBUST_SAMPLES_DEFAULT, ROBUST_SPREAD_DEFAULT, ROBUST_SEED_DEFAULT }

/* ---- the generator ----------------------------------------------------- */

typedef struct Rng {
    uint64_t s[4];
} Rng;

void rng_seed(Rng *r, uint64_t seed);
uint64_t rng_next(Rng *r);
/* Uniform in [0, 1), 53 random bits. */
double rng_uniform(Rng *r);

/* ---- the Monte-Carlo estimate ------------------------------------------ */

typedef struct Robustness {
    size_t nstacks, ncriteria;
    RobustOptions opt;
    double threshold;  /* the data's hybrid threshold, points */
    int *tenths;       /* [ncriteria * nstacks] the scores in tenths */
    double *lo, *hi;   /* [ncriteria] each weight's interval */
    double *w;         /* [ncriteria] scratch: one draw */
    double *sums;      /* [nstacks] scratch */
    long *wins;        /* [nstacks] draws each stack led */
    long hybrids;      /* draws whose verdict was a hybrid */
    long done;         /* draws so far */
    bool possible;     /* false when every interval is [0, 0]: no draw has a total */
    size_t npositive;  /* intervals whose top is above 0 */
    Rng rng;
    /* the last complete estimate, shown while a new one is under way */
    long *prev_wins;   /* [nstacks] */
    long prev_hybrids, prev_done;
} Robustness;

/* For ds, whose scores it reads once. Free with robust_free. */
Robustness *robust_new(const Dataset *ds, const RobustOptions *opt);
void robust_free(Robustness *r);

/* Starts over around the weights num[c] / scale, from the seed. */
void robust_start(Robustness *r, const int *num, int scale);
/* The same after only weight c changed since the last start: O(1) for the
 * weights instead of O(criteria). */
void robust_start_one(Robustness *r, size_t c, const int *num, int scale);
/* Draws up to max more samples; true once all opt.samples are drawn. */
bool robust_step(Robustness *r, long max);
bool robust_complete(const Robustness *r);
/* robust_start, then every draw. */
void robust_run(Robustness *r, const int *num, int scale);

/* Shares in 0..1 of the draws so far (0 before any). */
double robust_win_share(const Robustness *r, size_t stack);
double robust_hybrid_share(const Robustness *r);
/* The figure to show: the current estimate when complete, else the last
 * complete one. False when there is none yet. */
bool robust_shown_share(const Robustness *r, size_t stack, double *win, double *hybrid);

/* ---- the smallest flip --------------------------------------------------- */

typedef struct FlipMove {
    size_t criterion;
    int delta; /* whole weight points, + up, - down */
} FlipMove;

typedef struct Flip {
    bool found;      /* some moves make the runner-up lead */
    bool exact;      /* the search finished: points is the least there is */
    int to;          /* the stack that would lead (the runner-up), -1 without one */
    int points;      /* sum of |delta| */
    FlipMove *moves; /* in criterion order */
    size_t nmoves;
} Flip;

#define FLIP_INIT { false, false, -1, 0, NULL, 0 }

/* The fewest points for ev's runner-up to lead, from weights num / scale
 * (those ev was run with). Each weight moves by whole points and stays in
 * 0..10. Exact unless the search would take too long (several stacks on a
 * large data set): then exact is false and points is the fewest found. */
void flip_compute(Flip *out, const Dataset *ds, const Evaluation *ev, const int *num, int scale);
/* The same with a limit on the search's steps (flip_compute's is 2
 * million): past it, exact is false and the moves found are kept. */
void flip_compute_within(Flip *out, const Dataset *ds, const Evaluation *ev, const int *num, int scale,
                         long budget);
void flip_clear(Flip *f);

/* "ai-data +2, full-stack -1" (criterion ids). Caller frees. */
char *flip_moves_text(const Flip *f, const Dataset *ds);

#endif
