/* test_robust.c: the Monte-Carlo shares against an independent estimate,
 * their reproducibility, and the smallest flip against brute force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/robust.h"
#include "unit/helpers.h"

static const double scores3[] = {
    /* three stacks, five criteria */
    9, 5, 6,
    4, 8, 7,
    7.5, 7, 3,
    3, 9, 6.5,
    6, 6, 8,
};
static const int weights5[] = { 5, 3, 2, 6, 4 };

/* An estimate that shares nothing with robust.c: drand48 and its own loop. */
static void independent_estimate(const Dataset *ds, const int *w, double k, long n, double *share,
                                 double *hybrid)
{
    srand48(424242);
    size_t ns = ds->nstacks, nc = ds->ncriteria;
    long wins[STACKS_MAX] = { 0 }, hyb = 0;
    for (long i = 0; i < n; i++) {
        double draw[16], total = 0;
        do {
            total = 0;
            for (size_t c = 0; c < nc; c++) {
                double lo = fmax(0, w[c] - k), hi = fmin(10, w[c] + k);
                draw[c] = lo + drand48() * (hi - lo);
                total += draw[c];
            }
        } while (total <= 0);
        double t[STACKS_MAX] = { 0 };
        for (size_t s = 0; s < ns; s++) {
            t[s] = 0;
            for (size_t c = 0; c < nc; c++)
                t[s] += draw[c] * ds->criteria[c].by_stack[s].score;
            t[s] = 10.0 * t[s] / total; /* 0..100 */
        }
        size_t best = 0;
        for (size_t s = 1; s < ns; s++)
            if (t[s] > t[best])
                best = s;
        double second = -1;
        for (size_t s = 0; s < ns; s++)
            if (s != best && t[s] > second)
                second = t[s];
        wins[best]++;
        if (t[best] - second < ds->hybrid_threshold)
            hyb++;
    }
    for (size_t s = 0; s < ns; s++)
        share[s] = (double)wins[s] / (double)n;
    *hybrid = (double)hyb / (double)n;
}

static void shares_match_an_independent_estimate(void **state)
{
    Dataset *ds = test_dataset(3, 5, scores3, weights5);
    const double spreads[] = { 1, 2, 3.5 };
    for (size_t i = 0; i < 3; i++) {
        RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
        opt.spread = spreads[i];
        Robustness *r = robust_new(ds, &opt);
        robust_run(r, weights5, 1);
        assert_int_equal(r->done, ROBUST_SAMPLES_DEFAULT);
        double share[STACKS_MAX], hybrid;
        independent_estimate(ds, weights5, spreads[i], 400000, share, &hybrid);
        double sum = 0;
        for (size_t s = 0; s < 3; s++) {
            double got = robust_win_share(r, s);
            sum += got;
            assert_true(fabs(got - share[s]) < 0.015);
        }
        assert_true(fabs(sum - 1) < 1e-12);
        assert_true(fabs(robust_hybrid_share(r) - hybrid) < 0.015);
        robust_free(r);
    }
    dataset_free(ds);
}

static void fractional_centre_matches_too(void **state)
{
    /* weights 16/3, 7/3, ... against the estimate at the same fractions */
    Dataset *ds = test_dataset(3, 5, scores3, weights5);
    const int num[] = { 16, 7, 30, 0, 11 };
    RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
    Robustness *r = robust_new(ds, &opt);
    robust_run(r, num, 3);
    /* the independent estimate takes integer weights: scale everything by 3
     * is not the same model, so compare at integer centres instead */
    const int whole[] = { 5, 2, 10, 0, 4 };
    Robustness *q = robust_new(ds, &opt);
    robust_run(q, whole, 1);
    double share[STACKS_MAX], hybrid;
    independent_estimate(ds, whole, 2, 400000, share, &hybrid);
    for (size_t s = 0; s < 3; s++)
        assert_true(fabs(robust_win_share(q, s) - share[s]) < 0.015);
    /* and the fractional centre is not the integer one */
    assert_true(r->lo[0] > 3.33 && r->lo[0] < 3.34);
    assert_true(r->hi[2] == 10.0 && r->lo[2] == 8.0);
    robust_free(q);
    robust_free(r);
    dataset_free(ds);
}

static void a_seed_reproduces_exactly_even_in_chunks(void **state)
{
    Dataset *ds = test_dataset(3, 5, scores3, weights5);
    RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
    opt.samples = 5003;
    Robustness *a = robust_new(ds, &opt), *b = robust_new(ds, &opt);
    robust_run(a, weights5, 1);
    robust_start(b, weights5, 1);
    int steps = 0;
    while (!robust_step(b, 97))
        steps++;
    assert_true(steps > 10);
    for (size_t s = 0; s < 3; s++)
        assert_int_equal(a->wins[s], b->wins[s]);
    assert_int_equal(a->hybrids, b->hybrids);
    /* starting over gives the same again */
    long first = a->wins[0];
    robust_run(a, weights5, 1);
    assert_int_equal(a->wins[0], first);
    /* another seed gives other draws */
    opt.seed = 99;
    Robustness *c = robust_new(ds, &opt);
    robust_run(c, weights5, 1);
    assert_true(c->wins[0] != a->wins[0] || c->wins[1] != a->wins[1]);
    robust_free(a);
    robust_free(b);
    robust_free(c);
    dataset_free(ds);
}

/* Restarting after one weight changed gives the same intervals, and so
 * the same draws, as a start from all the weights. */
static void one_weight_restart_matches_a_full_start(void **state)
{
    (void)state;
    srand(31);
    size_t ns = 3, nc = 12;
    double scores[3 * 12];
    int num[12];
    for (size_t i = 0; i < ns * nc; i++)
        scores[i] = (rand() % 101) / 10.0;
    for (size_t c = 0; c < nc; c++)
        num[c] = rand() % 2 ? 0 : rand() % 11;
    Dataset *ds = test_dataset(ns, nc, scores, num);
    RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
    opt.samples = 300;
    opt.spread = 1.5;
    Robustness *a = robust_new(ds, &opt), *b = robust_new(ds, &opt);
    int scale = 3;
    for (size_t c = 0; c < nc; c++)
        num[c] *= scale;
    robust_run(a, num, scale);
    robust_run(b, num, scale);
    for (int step = 0; step < 400; step++) {
        size_t c = (size_t)rand() % nc;
        num[c] = rand() % 3 == 0 ? 0 : rand() % (10 * scale + 1);
        robust_start(a, num, scale);
        robust_start_one(b, c, num, scale);
        assert_memory_equal(a->lo, b->lo, nc * sizeof *a->lo);
        assert_memory_equal(a->hi, b->hi, nc * sizeof *a->hi);
        assert_int_equal(a->possible, b->possible);
        while (!robust_step(a, 1000))
            ;
        while (!robust_step(b, 1000))
            ;
        assert_memory_equal(a->wins, b->wins, ns * sizeof *a->wins);
        assert_int_equal(a->hybrids, b->hybrids);
        assert_memory_equal(a->prev_wins, b->prev_wins, ns * sizeof *a->prev_wins);
    }
    robust_free(a);
    robust_free(b);
    dataset_free(ds);
}

static void a_stack_better_everywhere_wins_every_draw(void **state)
{
    const double scores[] = { 9, 5, 4, 8, 7.5, 7, 6, 3, 2.5, 5, 1, 4.9 };
    const int weights[] = { 0, 10, 1, 5 };
    Dataset *ds = test_dataset(3, 4, scores, weights);
    RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
    opt.spread = 10;
    Robustness *r = robust_new(ds, &opt);
    robust_run(r, weights, 1);
    assert_true(robust_win_share(r, 0) == 1.0);
    assert_true(robust_win_share(r, 1) == 0.0);
    robust_free(r);
    dataset_free(ds);
}

static void all_zero_draws_are_redrawn(void **state)
{
    const double scores[] = { 9, 5, 4, 8 };
    const int zero[] = { 0, 0 };
    Dataset *ds = test_dataset(2, 2, scores, zero);
    RobustOptions opt = ROBUST_OPTIONS_DEFAULT;
    opt.spread = 0;
    Robustness *r = robust_new(ds, &opt);
    robust_run(r, zero, 1); /* nothing to draw: no hang, no shares */
    assert_false(r->possible);
    assert_true(robust_complete(r));
    assert_true(robust_win_share(r, 0) == 0);
    const int one[] = { 0, 1 };
    robust_run(r, one, 1); /* criterion 0 stays 0, criterion 1 is always 1 */
    assert_true(robust_win_share(r, 1) == 1.0);
    robust_free(r);
    dataset_free(ds);
}

/* ---- the smallest flip ------------------------------------------------------ */

static int leader_of(const Dataset *ds, const int *num)
{
    long long wsum = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        wsum += num[c];
    if (wsum == 0)
        return -1;
    int best = -1;
    long long bt = 0;
    for (size_t s = 0; s < ds->nstacks; s++) {
        long long t = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            t += (long long)num[c] * score_tenths(ds->criteria[c].by_stack[s].score);
        if (best < 0 || t > bt) {
            best = (int)s;
            bt = t;
        }
    }
    return best;
}

/* Every move vector: the fewest points for `to` to lead, INT_MAX for none. */
static int brute_flip(const Dataset *ds, const int *num, int scale, int to)
{
    size_t nc = ds->ncriteria;
    int lo[8], hi[8], d[8], w[8] = { 0 };
    for (size_t c = 0; c < nc; c++) {
        lo[c] = -(num[c] / scale);
        hi[c] = (10 * scale - num[c]) / scale;
        d[c] = lo[c];
    }
    int best = INT_MAX;
    for (;;) {
        int cost = 0;
        for (size_t c = 0; c < nc; c++) {
            w[c] = num[c] + d[c] * scale;
            cost += abs(d[c]);
        }
        if (cost < best && leader_of(ds, w) == to)
            best = cost;
        size_t c = 0;
        while (c < nc && d[c] == hi[c]) {
            d[c] = lo[c];
            c++;
        }
        if (c == nc)
            break;
        d[c]++;
    }
    return best;
}

static void flip_matches_brute_force(void **state)
{
    srand(2024);
    int checked = 0, multi = 0;
    for (int round = 0; round < 400; round++) {
        size_t ns = 2 + (size_t)(rand() % 3), nc = 1 + (size_t)(rand() % 4);
        int scale = 1 + rand() % 3;
        double scores[4 * 4];
        int num[4], ones[4] = { 1, 1, 1, 1 };
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 21) / 2.0;
        for (size_t c = 0; c < nc; c++)
            num[c] = rand() % (10 * scale + 1);
        Dataset *ds = test_dataset(ns, nc, scores, ones);
        Evaluation *ev = evaluation_new(ds);
        evaluation_run_scaled(ev, ds, num, scale);
        Flip f = FLIP_INIT;
        flip_compute(&f, ds, ev, num, scale);
        assert_true(f.exact);
        if (!ev->has_total) {
            assert_false(f.found);
        } else {
            int expect = brute_flip(ds, num, scale, ev->runner_up);
            if (expect == INT_MAX) {
                assert_false(f.found);
            } else {
                assert_true(f.found);
                assert_int_equal(f.to, ev->runner_up);
                assert_int_equal(f.points, expect);
                /* the moves are real: applied, the runner-up leads */
                int w[4];
                memcpy(w, num, sizeof w);
                int sum = 0;
                for (size_t i = 0; i < f.nmoves; i++) {
                    w[f.moves[i].criterion] += f.moves[i].delta * scale;
                    sum += abs(f.moves[i].delta);
                    assert_true(f.moves[i].delta != 0);
                }
                assert_int_equal(sum, f.points);
                for (size_t c = 0; c < nc; c++)
                    assert_true(w[c] >= 0 && w[c] <= 10 * scale);
                assert_int_equal(leader_of(ds, w), ev->runner_up);
                checked++;
                multi += ns > 2;
            }
        }
        flip_clear(&f);
        evaluation_free(ev);
        dataset_free(ds);
    }
    assert_true(checked > 150);
    assert_true(multi > 50);
}

/* A search cut short says so, and what it found is still true: moves
 * that make the runner-up lead, never fewer points than the least. */
static void a_cut_search_is_honest(void **state)
{
    srand(77);
    int cut = 0;
    for (int round = 0; round < 300; round++) {
        size_t ns = 3 + (size_t)(rand() % 2), nc = 2 + (size_t)(rand() % 3);
        double scores[4 * 4];
        int num[4], ones[4] = { 1, 1, 1, 1 };
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 21) / 2.0;
        for (size_t c = 0; c < nc; c++)
            num[c] = rand() % 11;
        Dataset *ds = test_dataset(ns, nc, scores, ones);
        Evaluation *ev = evaluation_new(ds);
        evaluation_run(ev, ds, num);
        Flip f = FLIP_INIT;
        flip_compute_within(&f, ds, ev, num, 1, 3);
        if (!f.exact)
            cut++;
        if (ev->has_total && f.found) {
            assert_int_equal(f.to, ev->runner_up);
            int expect = brute_flip(ds, num, 1, ev->runner_up);
            assert_true(f.points >= expect);
            if (f.exact)
                assert_int_equal(f.points, expect);
            int w[4];
            memcpy(w, num, sizeof w);
            for (size_t i = 0; i < f.nmoves; i++)
                w[f.moves[i].criterion] += f.moves[i].delta;
            assert_int_equal(leader_of(ds, w), ev->runner_up);
        }
        flip_clear(&f);
        evaluation_free(ev);
        dataset_free(ds);
    }
    assert_true(cut > 30);
}

static void flip_names_its_moves(void **state)
{
    const double scores[] = { 9, 5, 4, 8 };
    const int weights[] = { 5, 3 };
    Dataset *ds = test_dataset(2, 2, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    Flip f = FLIP_INIT;
    flip_compute(&f, ds, ev, weights, 1);
    /* 5*9+3*4 = 57 vs 5*5+3*8 = 49: gap 8 tenths-weight; each point of
     * either criterion moves it by 4, and a tie keeps stack 0: 3 points */
    assert_true(f.found);
    assert_int_equal(f.points, 3);
    char *text = flip_moves_text(&f, ds);
    assert_string_equal(text, "c0 -3");
    free(text);
    flip_clear(&f);
    evaluation_free(ev);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shares_match_an_independent_estimate),
        cmocka_unit_test(fractional_centre_matches_too),
        cmocka_unit_test(a_seed_reproduces_exactly_even_in_chunks),
        cmocka_unit_test(one_weight_restart_matches_a_full_start),
        cmocka_unit_test(a_stack_better_everywhere_wins_every_draw),
        cmocka_unit_test(all_zero_draws_are_redrawn),
        cmocka_unit_test(flip_matches_brute_force),
        cmocka_unit_test(a_cut_search_is_honest),
        cmocka_unit_test(flip_names_its_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
