/* engine.c: totals, verdict and exact sensitivity. */
#include "core/engine.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

int score_tenths(double score) { return (int)lround(score * 10.0); }

Evaluation *evaluation_new(const Dataset *ds)
{
    Evaluation *ev = xcalloc(1, sizeof *ev);
    ev->nstacks = ds->nstacks;
    ev->ncriteria = ds->ncriteria;
    ev->totals = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *ev->totals);
    ev->sums = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *ev->sums);
    ev->num = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *ev->num);
    ev->favour = xcalloc(1, sizeof *ev->favour);
    ev->threshold = ds->hybrid_threshold;
    ev->scale = 1;
    /* Converted once: rounding each score again on every run was a large
     * part of it at scale. */
    size_t ncells = ds->ncriteria * ds->nstacks;
    ev->tenths = xcalloc(ncells ? ncells : 1, sizeof *ev->tenths);
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t s = 0; s < ds->nstacks; s++)
            ev->tenths[c * ds->nstacks + s] = score_tenths(ds->criteria[c].by_stack[s].score);
    ev->leader = ev->runner_up = -1;
    return ev;
}

void evaluation_free(Evaluation *ev)
{
    if (!ev)
        return;
    free(ev->totals);
    free(ev->sums);
    free(ev->tenths);
    free(ev->num);
    free(ev->favour);
    free(ev);
}

/* Does stack s lead stack l when their weighted sums are a and b?
 * Ties go to the earlier stack, matching the leader's own tie rule. */
static bool beats(long long a, long long b, size_t s, size_t l)
{
    return a > b || (a == b && s < l);
}

/* Floor division for possibly negative numerators, positive denominators. */
static long long floor_div(long long num, long long den)
{
    long long q = num / den;
    if ((num % den != 0) && (num < 0))
        q--;
    return q;
}

/* The integer weights in [0, 10] at which s beats l, given
 * f(w) = da + w * dx (s's sum minus l's sum at weight w), form an interval
 * that touches 0 or 10. Returns it in [*lo, *hi], or false when empty. */
static bool beating_interval(long long da, long long dx, bool tie_wins, int *lo, int *hi)
{
    /* s beats l iff f(w) > 0, or f(w) >= 0 when ties go to s. */
    long long need = tie_wins ? 0 : 1; /* f(w) >= need, all integers */
    if (dx == 0) {
        if (da >= need) {
            *lo = WEIGHT_MIN;
            *hi = WEIGHT_MAX;
            return true;
        }
        return false;
    }
    if (dx > 0) {
        /* w >= (need - da) / dx, rounded up */
        long long w = -floor_div(-(need - da), dx);
        if (w < WEIGHT_MIN)
            w = WEIGHT_MIN;
        if (w > WEIGHT_MAX)
            return false;
        *lo = (int)w;
        *hi = WEIGHT_MAX;
        return true;
    }
    /* dx < 0: w <= (da - need) / -dx, rounded down */
    long long w = floor_div(da - need, -dx);
    if (w > WEIGHT_MAX)
        w = WEIGHT_MAX;
    if (w < WEIGHT_MIN)
        return false;
    *lo = WEIGHT_MIN;
    *hi = (int)w;
    return true;
}

int evaluation_flip(const Evaluation *ev, size_t c, int *leader)
{
    if (leader)
        *leader = -1;
    if (!ev->has_total || c >= ev->ncriteria)
        return -1;
    size_t l = (size_t)ev->leader;
    long long scale = ev->scale;
    long long w0 = ev->num[c]; /* the weight times scale */
    const int *x = &ev->tenths[c * ev->nstacks];
    long long x_l = x[l];
    long long a_l = ev->sums[l] - w0 * x_l;
    long long others = ev->weight_sum - w0;
    int up = WEIGHT_MAX + 1, down = WEIGHT_MIN - 1;
    for (size_t s = 0; s < ev->nstacks; s++) {
        if (s == l)
            continue;
        long long x_s = x[s];
        long long a_s = ev->sums[s] - w0 * x_s;
        int lo, hi;
        /* An integer weight w adds w * scale to the numerator. */
        if (!beating_interval(a_s - a_l, (x_s - x_l) * scale, s < l, &lo, &hi))
            continue;
        /* Weight 0 with every other weight 0 has no totals: no leader there. */
        if (others == 0 && lo == 0)
            lo = 1;
        if (lo > hi)
            continue;
        if (lo * scale > w0 && lo < up)
            up = lo;
        if (hi * scale < w0 && hi > down)
            down = hi;
    }
    int pick = -1;
    if (up <= WEIGHT_MAX && down >= WEIGHT_MIN)
        pick = (up * scale - w0 <= w0 - down * scale) ? up : down;
    else if (up <= WEIGHT_MAX)
        pick = up;
    else if (down >= WEIGHT_MIN)
        pick = down;
    if (pick < 0)
        return -1;
    if (leader) {
        /* Who leads there: the argmax of the sums with this one weight changed. */
        int best = -1;
        long long best_sum = 0;
        for (size_t s = 0; s < ev->nstacks; s++) {
            long long x_s = x[s];
            long long sum = ev->sums[s] + (pick * scale - w0) * x_s;
            if (best < 0 || beats(sum, best_sum, s, (size_t)best)) {
                best = (int)s;
                best_sum = sum;
            }
        }
        *leader = best;
    }
    return pick;
}

double evaluation_contrib(const Evaluation *ev, size_t c, size_t s)
{
    if (!ev->has_total || c >= ev->ncriteria || s >= ev->nstacks)
        return 0;
    return (double)ev->num[c] * ev->tenths[c * ev->nstacks + s] / (double)ev->weight_sum;
}

size_t evaluation_top_contrib(const Evaluation *ev, size_t s, int *out, size_t max)
{
    if (!ev->has_total || s >= ev->nstacks || max == 0)
        return 0;
    /* The points are num * tenths / W: the integer products order them. */
    long long *best = xcalloc(max, sizeof *best);
    size_t n = 0;
    for (size_t c = 0; c < ev->ncriteria; c++) {
        long long v = (long long)ev->num[c] * ev->tenths[c * ev->nstacks + s];
        if (v <= 0 || (n == max && v <= best[n - 1]))
            continue;
        /* insertion into the list kept largest first; the last one drops */
        size_t pos = n < max ? n : max - 1;
        while (pos > 0 && best[pos - 1] < v) {
            best[pos] = best[pos - 1];
            out[pos] = out[pos - 1];
            pos--;
        }
        best[pos] = v;
        out[pos] = (int)c;
        if (n < max)
            n++;
    }
    free(best);
    return n;
}

/* The favour lists are a cache behind a pointer: filling them does not
 * change what the Evaluation says, so a const one may fill them. */
const EvalFavour *evaluation_favour(const Evaluation *ev)
{
    EvalFavour *f = ev->favour;
    if (f->valid)
        return f;
    f->valid = true;
    f->nfavour[0] = f->nfavour[1] = 0;
    if (!ev->has_total || ev->runner_up < 0)
        return f;
    size_t l = (size_t)ev->leader, r = (size_t)ev->runner_up;
    long long best[2][FAVOUR_MAX];
    for (size_t c = 0; c < ev->ncriteria; c++) {
        const int *x = &ev->tenths[c * ev->nstacks];
        long long gap = (long long)ev->num[c] * (x[l] - x[r]);
        int side = gap > 0 ? 0 : 1;
        long long size = gap > 0 ? gap : -gap;
        if (size == 0)
            continue;
        size_t n = f->nfavour[side];
        /* insertion into a short list kept largest first; earlier criteria win ties */
        size_t pos = n;
        while (pos > 0 && best[side][pos - 1] < size)
            pos--;
        if (pos >= FAVOUR_MAX)
            continue;
        size_t last = n < FAVOUR_MAX ? n : FAVOUR_MAX - 1;
        for (size_t i = last; i > pos; i--) {
            best[side][i] = best[side][i - 1];
            f->favour[side][i] = f->favour[side][i - 1];
        }
        best[side][pos] = size;
        f->favour[side][pos] = (int)c;
        if (n < FAVOUR_MAX)
            f->nfavour[side]++;
    }
    return f;
}

/* Everything the header needs, from the sums: O(stacks). */
static void derive(Evaluation *ev)
{
    size_t ns = ev->nstacks;
    ev->favour->valid = false;
    ev->has_total = ev->weight_sum > 0;
    ev->leader = ev->runner_up = -1;
    ev->margin = 0;
    ev->hybrid = false;
    if (!ev->has_total) {
        for (size_t s = 0; s < ns; s++)
            ev->totals[s] = 0;
        return;
    }
    /* sums are in tenths of a point times weight: total = sums / W (0..100);
     * the scale of fractional weights cancels out of every ratio. */
    double denom = (double)ev->weight_sum;
    for (size_t s = 0; s < ns; s++)
        ev->totals[s] = (double)ev->sums[s] / denom;
    for (size_t s = 0; s < ns; s++) {
        if (ev->leader < 0 || beats(ev->sums[s], ev->sums[ev->leader], s, (size_t)ev->leader)) {
            ev->runner_up = ev->leader;
            ev->leader = (int)s;
        } else if (ev->runner_up < 0 ||
                   beats(ev->sums[s], ev->sums[ev->runner_up], s, (size_t)ev->runner_up)) {
            ev->runner_up = (int)s;
        }
    }
    if (ev->runner_up < 0) {
        ev->margin = 0;
        ev->hybrid = false;
        return;
    }
    ev->margin = ev->totals[ev->leader] - ev->totals[ev->runner_up];
    /* Compare in exact units: margin*W*10 vs threshold*W*10 avoids rounding
     * a 4.99999 margin into a winner. */
    long long gap = ev->sums[ev->leader] - ev->sums[ev->runner_up];
    ev->hybrid = (double)gap < ev->threshold * denom - 1e-9;
}

void evaluation_run(Evaluation *ev, const Dataset *ds, const int *weights)
{
    evaluation_run_scaled(ev, ds, weights, 1);
}

void evaluation_run_scaled(Evaluation *ev, const Dataset *ds, const int *weights, int scale)
{
    size_t ns = ev->nstacks;
    ev->threshold = ds->hybrid_threshold;
    ev->scale = scale < 1 ? 1 : scale;
    ev->weight_sum = 0;
    for (size_t s = 0; s < ns; s++)
        ev->sums[s] = 0;
    for (size_t c = 0; c < ev->ncriteria; c++) {
        int w = weights[c];
        ev->num[c] = w;
        ev->weight_sum += w;
        for (size_t s = 0; s < ns; s++)
            ev->sums[s] += (long long)w * ev->tenths[c * ns + s];
    }
    derive(ev);
}

void evaluation_set(Evaluation *ev, size_t c, int num)
{
    if (c >= ev->ncriteria || ev->num[c] == num)
        return;
    long long d = (long long)num - ev->num[c];
    const int *x = &ev->tenths[c * ev->nstacks];
    for (size_t s = 0; s < ev->nstacks; s++)
        ev->sums[s] += d * x[s];
    ev->weight_sum += (int)d;
    ev->num[c] = num;
    derive(ev);
}

static void append_labels(StrBuf *sb, const EvalFavour *f, const Dataset *ds, int side)
{
    for (size_t i = 0; i < f->nfavour[side]; i++) {
        const Criterion *cr = &ds->criteria[f->favour[side][i]];
        if (i > 0)
            sb_append(sb, " and ");
        sb_append(sb, cr->label ? cr->label : cr->title);
    }
}

char *evaluation_summary(const Evaluation *ev, const Dataset *ds)
{
    if (!ev->has_total)
        return xstrdup("No verdict: every weight is 0");
    /* The rule weighs the exact margin; where the printed one would read
     * the other way, the line says what it is before rounding. */
    bool misleads = evaluation_margin_misleads(ev, ds, TOTAL_DECIMALS);
    const char *lead = ds->stacks[ev->leader].name;
    const char *run = ds->stacks[ev->runner_up].name;
    if (!ev->hybrid && misleads)
        return xasprintf("%s leads by %.*f points (%.1f or more before rounding)", lead, TOTAL_DECIMALS,
                         evaluation_printed_margin(ev, TOTAL_DECIMALS), ds->hybrid_threshold);
    if (!ev->hybrid)
        return xasprintf("%s leads by %.*f points", lead, TOTAL_DECIMALS,
                         evaluation_printed_margin(ev, TOTAL_DECIMALS));
    const EvalFavour *f = evaluation_favour(ev);
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "Hybrid: ");
    if (f->nfavour[0] == 0 && f->nfavour[1] == 0) {
        sb_appendf(&sb, "%s and %s score the same on every weighted criterion", lead, run);
        return sb_take(&sb);
    }
    if (f->nfavour[0] > 0) {
        sb_appendf(&sb, "%s for ", lead);
        append_labels(&sb, f, ds, 0);
    }
    if (f->nfavour[1] > 0) {
        if (f->nfavour[0] > 0)
            sb_append(&sb, ", ");
        sb_appendf(&sb, "%s for ", run);
        append_labels(&sb, f, ds, 1);
    }
    sb_appendf(&sb, " (margin %.*f points", TOTAL_DECIMALS, evaluation_printed_margin(ev, TOTAL_DECIMALS));
    if (misleads)
        sb_appendf(&sb, ", below %.1f before rounding", ds->hybrid_threshold);
    sb_append(&sb, ")");
    return sb_take(&sb);
}

const char *evaluation_winner_id(const Evaluation *ev, const Dataset *ds)
{
    if (!ev->has_total)
        return NULL;
    if (ev->hybrid)
        return "hybrid";
    return ds->stacks[ev->leader].id;
}

static const long long ten_to[] = { 1, 10, 100, 1000, 10000 };

static int clamp_places(int decimals) { return decimals < 0 ? 0 : decimals > 4 ? 4 : decimals; }

long long points_rounded(long long num, long long den, int decimals)
{
    decimals = clamp_places(decimals);
    if (den <= 0)
        return 0;
    bool negative = num < 0;
    long long mag = negative ? (num == LLONG_MIN ? LLONG_MAX : -num) : num;
    long long ten = ten_to[decimals], q = mag / den, r = mag % den, whole, part, out;
    /* The whole part and the fraction apart, so no product can overflow:
     * a value whose places a long long cannot hold saturates. */
    if (__builtin_mul_overflow(q, ten, &whole))
        return negative ? -LLONG_MAX : LLONG_MAX;
    if (!__builtin_mul_overflow(r, ten, &part)) {
        long long rest = part % den;
        part /= den;
        if (rest >= den - rest) /* half away from zero: up from half of den */
            part++;
    } else {
        part = llround((double)r / (double)den * (double)ten); /* below ten: exact enough */
    }
    if (__builtin_add_overflow(whole, part, &out))
        out = LLONG_MAX;
    return negative ? -out : out;
}

double evaluation_printed_total(const Evaluation *ev, size_t s, int decimals)
{
    if (!ev->has_total || s >= ev->nstacks)
        return 0;
    decimals = clamp_places(decimals);
    return (double)points_rounded(ev->sums[s], ev->weight_sum, decimals) / (double)ten_to[decimals];
}

double evaluation_printed_gap(const Evaluation *ev, size_t a, size_t b, int decimals)
{
    if (!ev->has_total || a >= ev->nstacks || b >= ev->nstacks)
        return 0;
    decimals = clamp_places(decimals);
    long long ra = points_rounded(ev->sums[a], ev->weight_sum, decimals);
    long long rb = points_rounded(ev->sums[b], ev->weight_sum, decimals);
    return (double)(ra - rb) / (double)ten_to[decimals];
}

double evaluation_printed_margin(const Evaluation *ev, int decimals)
{
    if (!ev->has_total || ev->leader < 0 || ev->runner_up < 0)
        return 0;
    return evaluation_printed_gap(ev, (size_t)ev->leader, (size_t)ev->runner_up, decimals);
}

bool evaluation_margin_misleads(const Evaluation *ev, const Dataset *ds, int decimals)
{
    if (!ev->has_total || ev->runner_up < 0)
        return false;
    decimals = clamp_places(decimals);
    /* the threshold in the same units, rounded as it is printed */
    long long margin = points_rounded(ev->sums[ev->leader], ev->weight_sum, decimals) -
                       points_rounded(ev->sums[ev->runner_up], ev->weight_sum, decimals);
    long long threshold = llround(ds->hybrid_threshold * (double)ten_to[decimals]);
    bool printed_hybrid = margin < threshold;
    return printed_hybrid != ev->hybrid;
}
