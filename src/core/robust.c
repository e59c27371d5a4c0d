/* robust.c: the Monte-Carlo share of weightings each stack wins, and the
 * exact smallest change of weights that hands the lead to the runner-up. */
#include "core/robust.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- the generator: xoshiro256**, its state filled by splitmix64 ---------- */

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void rng_seed(Rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t rng_next(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

/* ---- the Monte-Carlo estimate ---------------------------------------------- */

static int *scores_in_tenths(const Dataset *ds)
{
    size_t n = ds->ncriteria * ds->nstacks;
    int *t = xcalloc(n ? n : 1, sizeof *t);
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t s = 0; s < ds->nstacks; s++)
            t[c * ds->nstacks + s] = score_tenths(ds->criteria[c].by_stack[s].score);
    return t;
}

Robustness *robust_new(const Dataset *ds, const RobustOptions *opt)
{
    Robustness *r = xcalloc(1, sizeof *r);
    r->nstacks = ds->nstacks;
    r->ncriteria = ds->ncriteria;
    r->opt = *opt;
    r->threshold = ds->hybrid_threshold;
    r->tenths = scores_in_tenths(ds);
    size_t nc = ds->ncriteria ? ds->ncriteria : 1;
    r->lo = xcalloc(nc, sizeof *r->lo);
    r->hi = xcalloc(nc, sizeof *r->hi);
    r->w = xcalloc(nc, sizeof *r->w);
    r->sums = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *r->sums);
    r->wins = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *r->wins);
    r->prev_wins = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *r->prev_wins);
    return r;
}

void robust_free(Robustness *r)
{
    if (!r)
        return;
    free(r->tenths);
    free(r->lo);
    free(r->hi);
    free(r->w);
    free(r->sums);
    free(r->wins);
    free(r->prev_wins);
    free(r);
}

/* Weight c's interval around num / scale. */
static void set_bounds(Robustness *r, size_t c, int num, int scale)
{
    double k = r->opt.spread;
    double w = (double)num / (scale > 0 ? scale : 1);
    bool was = r->hi[c] > 0;
    r->lo[c] = w - k < WEIGHT_MIN ? WEIGHT_MIN : w - k;
    r->hi[c] = w + k > WEIGHT_MAX ? WEIGHT_MAX : w + k;
    bool now = r->hi[c] > 0;
    if (now && !was)
        r->npositive++;
    else if (was && !now)
        r->npositive--;
}

/* Keeps the last complete estimate to show while the new one runs. */
static void keep_previous(Robustness *r)
{
    if (r->possible && robust_complete(r) && r->done > 0) {
        memcpy(r->prev_wins, r->wins, r->nstacks * sizeof *r->wins);
        r->prev_hybrids = r->hybrids;
        r->prev_done = r->done;
    }
}

static void restart(Robustness *r)
{
    r->possible = r->npositive > 0;
    for (size_t s = 0; s < r->nstacks; s++)
        r->wins[s] = 0;
    r->hybrids = 0;
    r->done = 0;
    rng_seed(&r->rng, r->opt.seed);
}

void robust_start(Robustness *r, const int *num, int scale)
{
    keep_previous(r);
    for (size_t c = 0; c < r->ncriteria; c++)
        set_bounds(r, c, num[c], scale);
    restart(r);
}

void robust_start_one(Robustness *r, size_t c, const int *num, int scale)
{
    keep_previous(r);
    if (c < r->ncriteria)
        set_bounds(r, c, num[c], scale);
    restart(r);
}

bool robust_complete(const Robustness *r) { return !r->possible || r->done >= r->opt.samples; }

/* One draw with a total: the weights, then the leader and the verdict. */
static void draw_one(Robustness *r)
{
    size_t ns = r->nstacks, nc = r->ncriteria;
    double wsum;
    do {
        wsum = 0;
        for (size_t c = 0; c < nc; c++) {
            r->w[c] = r->lo[c] + rng_uniform(&r->rng) * (r->hi[c] - r->lo[c]);
            wsum += r->w[c];
        }
    } while (!(wsum > 0));
    for (size_t s = 0; s < ns; s++)
        r->sums[s] = 0;
    for (size_t c = 0; c < nc; c++) {
        double w = r->w[c];
        const int *x = &r->tenths[c * ns];
        for (size_t s = 0; s < ns; s++)
            r->sums[s] += w * x[s];
    }
    /* Ties go to the earlier stack, as in the engine. */
    size_t lead = 0;
    for (size_t s = 1; s < ns; s++)
        if (r->sums[s] > r->sums[lead])
            lead = s;
    double second = -1;
    for (size_t s = 0; s < ns; s++)
        if (s != lead && r->sums[s] > second)
            second = r->sums[s];
    r->wins[lead]++;
    /* sums are tenths times weight, so the margin in points is gap / wsum */
    if (ns >= 2 && r->sums[lead] - second < r->threshold * wsum)
        r->hybrids++;
}

bool robust_step(Robustness *r, long max)
{
    if (!r->possible || r->nstacks == 0)
        return true;
    for (long i = 0; i < max && r->done < r->opt.samples; i++) {
        draw_one(r);
        r->done++;
    }
    return robust_complete(r);
}

void robust_run(Robustness *r, const int *num, int scale)
{
    robust_start(r, num, scale);
    while (!robust_step(r, LONG_MAX))
        ;
}

double robust_win_share(const Robustness *r, size_t stack)
{
    return r->done > 0 && stack < r->nstacks ? (double)r->wins[stack] / (double)r->done : 0;
}

double robust_hybrid_share(const Robustness *r)
{
    return r->done > 0 ? (double)r->hybrids / (double)r->done : 0;
}

bool robust_shown_share(const Robustness *r, size_t stack, double *win, double *hybrid)
{
    if (stack >= r->nstacks)
        return false;
    if (r->possible && robust_complete(r) && r->done > 0) {
        *win = robust_win_share(r, stack);
        *hybrid = robust_hybrid_share(r);
        return true;
    }
    if (r->prev_done == 0)
        return false;
    *win = (double)r->prev_wins[stack] / (double)r->prev_done;
    *hybrid = (double)r->prev_hybrids / (double)r->prev_done;
    return true;
}

/* ---- the smallest flip --------------------------------------------------------
 *
 * Weights move by whole points d[c]; for the runner-up r to lead, for every
 * other stack s the weighted sum of r minus that of s must rise by at least
 * its deficit. With two stacks that is one constraint, and taking points
 * from the criteria that move the gap most per point is optimal (every
 * point costs the same). With more stacks the constraints can pull apart,
 * so a branch-and-bound search over the criteria finds the least total,
 * bounded below by the same greedy count for each stack on its own. */

/* The search's steps (greedy looks at a criterion): the exact answer is a
 * small integer programme, hard in the worst case, and the flip is worked
 * out on the key path, so the search stops after this many steps and
 * reports the fewest points found as "at most". The generated data sets of
 * the bench (up to 1,000 criteria x 8 stacks) take fewer than 100. */
#define FLIP_WORK_BUDGET 2000000L

typedef struct Search {
    size_t ns, nc, r;
    long long scale;
    const int *x;        /* tenths, [nc * ns] */
    int *up, *down;      /* [nc] whole points each weight may rise or fall */
    size_t *order;       /* [nc] criteria in the order the search decides them */
    size_t *pos;         /* [nc] a criterion's place in order */
    size_t *sorted;      /* [ns * nc] per stack: criteria by |x_r - x_s|, largest first */
    long long *deficit;  /* [ns] how far r's lead over s falls short; <= 0 is met */
    long long wsum;      /* current sum of weight numerators */
    int *d, *best_d;     /* [nc] */
    int best;            /* fewest points found, INT_MAX before any */
    long work, budget;
    bool cut;
} Search;

static long long gain(const Search *z, size_t c, size_t s)
{
    return (long long)z->x[c * z->ns + z->r] - z->x[c * z->ns + s];
}

static long long llabs_(long long v) { return v < 0 ? -v : v; }

static void apply(Search *z, size_t c, int d)
{
    if (d == 0)
        return;
    for (size_t s = 0; s < z->ns; s++)
        if (s != z->r)
            z->deficit[s] -= d * z->scale * gain(z, c, s);
    z->wsum += d * z->scale;
    z->d[c] += d;
}

static bool met(const Search *z)
{
    if (z->wsum <= 0)
        return false;
    for (size_t s = 0; s < z->ns; s++)
        if (s != z->r && z->deficit[s] > 0)
            return false;
    return true;
}

/* The greedy count for stack s alone, over the criteria not yet decided
 * (place >= from); INT_MAX when they cannot cover the deficit. With take,
 * also applies those moves. */
static int greedy(Search *z, size_t s, size_t from, bool take)
{
    long long need = z->deficit[s];
    int points = 0;
    for (size_t k = 0; k < z->nc && need > 0; k++) {
        size_t c = z->sorted[s * z->nc + k];
        z->work++;
        if (z->pos[c] < from)
            continue;
        long long g = gain(z, c, s);
        if (g == 0)
            break;
        int cap = g > 0 ? z->up[c] : z->down[c];
        long long per = z->scale * llabs_(g);
        long long want = (need + per - 1) / per;
        int n = want < cap ? (int)want : cap;
        points += n;
        need -= n * per;
        if (take && n > 0)
            apply(z, c, g > 0 ? n : -n);
    }
    return need > 0 ? INT_MAX : points;
}

static int lower_bound(Search *z, size_t from)
{
    int lb = 0;
    for (size_t s = 0; s < z->ns; s++) {
        if (s == z->r || z->deficit[s] <= 0)
            continue;
        int g = greedy(z, s, from, false);
        if (g > lb)
            lb = g;
        if (lb == INT_MAX)
            break;
    }
    return lb;
}

static void record(Search *z, int cost)
{
    z->best = cost;
    memcpy(z->best_d, z->d, z->nc * sizeof *z->d);
}

static void dfs(Search *z, size_t i, int cost)
{
    if (z->work > z->budget) {
        z->cut = true;
        return;
    }
    if (met(z)) {
        if (cost < z->best)
            record(z, cost);
        return;
    }
    if (i == z->nc)
        return;
    int lb = lower_bound(z, i);
    if (lb == INT_MAX || (long long)cost + lb >= z->best)
        return;
    size_t c = z->order[i];
    /* The direction that helps against the leader first, largest move first. */
    size_t lead_rival = z->r == 0 ? 1 : 0;
    for (size_t s = 0; s < z->ns; s++)
        if (s != z->r && z->deficit[s] > z->deficit[lead_rival])
            lead_rival = s;
    bool rise = gain(z, c, lead_rival) >= 0;
    int first = rise ? z->up[c] : -z->down[c];
    int last = rise ? -z->down[c] : z->up[c];
    int step = rise ? -1 : 1;
    for (int d = first;; d += step) {
        int ad = d < 0 ? -d : d;
        if ((long long)cost + ad < z->best) {
            apply(z, c, d);
            dfs(z, i + 1, cost + ad);
            apply(z, c, -d);
            if (z->cut)
                return;
        }
        if (d == last)
            break;
    }
}

static size_t sort_stack;
static const Search *sort_search;

/* Largest |gain| first, earlier criteria first among equals. */
static int by_gain(const void *a, const void *b)
{
    size_t ca = *(const size_t *)a, cb = *(const size_t *)b;
    long long ga = llabs_(gain(sort_search, ca, sort_stack));
    long long gb = llabs_(gain(sort_search, cb, sort_stack));
    if (ga != gb)
        return ga > gb ? -1 : 1;
    return ca < cb ? -1 : ca > cb;
}

void flip_compute(Flip *out, const Dataset *ds, const Evaluation *ev, const int *num, int scale)
{
    flip_compute_within(out, ds, ev, num, scale, FLIP_WORK_BUDGET);
}

void flip_compute_within(Flip *out, const Dataset *ds, const Evaluation *ev, const int *num, int scale,
                         long budget)
{
    flip_clear(out);
    out->exact = true;
    if (!ev->has_total || ev->runner_up < 0 || ds->ncriteria == 0)
        return;
    Search z;
    memset(&z, 0, sizeof z);
    z.ns = ds->nstacks;
    z.nc = ds->ncriteria;
    z.r = (size_t)ev->runner_up;
    z.scale = scale > 0 ? scale : 1;
    int *x = scores_in_tenths(ds);
    z.x = x;
    z.up = xcalloc(z.nc, sizeof *z.up);
    z.down = xcalloc(z.nc, sizeof *z.down);
    z.order = xcalloc(z.nc, sizeof *z.order);
    z.pos = xcalloc(z.nc, sizeof *z.pos);
    z.sorted = xcalloc(z.ns * z.nc, sizeof *z.sorted);
    z.deficit = xcalloc(z.ns, sizeof *z.deficit);
    z.d = xcalloc(z.nc, sizeof *z.d);
    z.best_d = xcalloc(z.nc, sizeof *z.best_d);
    z.best = INT_MAX;
    z.budget = budget;
    for (size_t c = 0; c < z.nc; c++) {
        z.up[c] = (int)((WEIGHT_MAX * z.scale - num[c]) / z.scale);
        z.down[c] = (int)(num[c] / z.scale);
        z.wsum += num[c];
    }
    /* r must end with a sum above each s's (or equal, when r is earlier). */
    for (size_t s = 0; s < z.ns; s++) {
        if (s == z.r)
            continue;
        long long lead = 0;
        for (size_t c = 0; c < z.nc; c++)
            lead += (long long)num[c] * gain(&z, c, s);
        z.deficit[s] = (z.r < s ? 0 : 1) - lead;
    }
    sort_search = &z;
    for (size_t s = 0; s < z.ns; s++) {
        size_t *list = &z.sorted[s * z.nc];
        for (size_t c = 0; c < z.nc; c++)
            list[c] = c;
        sort_stack = s;
        qsort(list, z.nc, sizeof *list, by_gain);
    }
    /* Decide the criteria that move the gap to the leader most first. */
    size_t l = (size_t)ev->leader;
    memcpy(z.order, &z.sorted[l * z.nc], z.nc * sizeof *z.order);
    for (size_t i = 0; i < z.nc; i++)
        z.pos[z.order[i]] = i;

    /* A first answer: the greedy moves against the leader, when they also
     * beat every other stack. With two stacks it is the answer. */
    int g = greedy(&z, l, 0, true);
    if (g != INT_MAX && met(&z))
        record(&z, g);
    for (size_t c = 0; c < z.nc; c++)
        if (z.d[c])
            apply(&z, c, -z.d[c]);
    dfs(&z, 0, 0);

    out->exact = !z.cut;
    if (z.best != INT_MAX) {
        out->found = true;
        out->to = (int)z.r;
        out->points = z.best;
        for (size_t c = 0; c < z.nc; c++)
            if (z.best_d[c])
                out->nmoves++;
        out->moves = xcalloc(out->nmoves ? out->nmoves : 1, sizeof *out->moves);
        size_t k = 0;
        for (size_t c = 0; c < z.nc; c++)
            if (z.best_d[c])
                out->moves[k++] = (FlipMove){ c, z.best_d[c] };
    }
    free(x);
    free(z.up);
    free(z.down);
    free(z.order);
    free(z.pos);
    free(z.sorted);
    free(z.deficit);
    free(z.d);
    free(z.best_d);
}

void flip_clear(Flip *f)
{
    free(f->moves);
    *f = (Flip)FLIP_INIT;
}

char *flip_moves_text(const Flip *f, const Dataset *ds)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < f->nmoves; i++)
        sb_appendf(&sb, "%s%s %+d", i ? ", " : "", ds->criteria[f->moves[i].criterion].id,
                   f->moves[i].delta);
    return sb_take(&sb);
}
