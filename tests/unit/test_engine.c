/* test_engine.c: totals, verdict and sensitivity against hand-worked cases
 * and against a brute-force check of every integer weight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/session.h"
#include "unit/helpers.h"

/* Who would lead at criterion c's flip weight. */
static int flip_leader_of(const Evaluation *ev, size_t c)
{
    int leader;
    evaluation_flip(ev, c, &leader);
    return leader;
}

static void totals_follow_the_formula(void **state)
{
    /* two stacks, three criteria */
    const double scores[] = { 9, 5, 4, 8, 7.5, 7 };
    const int weights[] = { 5, 3, 2 };
    Dataset *ds = test_dataset(2, 3, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    assert_true(ev->has_total);
    double t0 = 100.0 * (5 * 9 + 3 * 4 + 2 * 7.5) / (10.0 * 10);
    double t1 = 100.0 * (5 * 5 + 3 * 8 + 2 * 7) / (10.0 * 10);
    assert_true(fabs(ev->totals[0] - t0) < 1e-9);
    assert_true(fabs(ev->totals[1] - t1) < 1e-9);
    assert_int_equal(ev->leader, 0);
    assert_int_equal(ev->runner_up, 1);
    assert_true(fabs(ev->margin - (t0 - t1)) < 1e-9);
    assert_false(ev->hybrid); /* 72 vs 63: 9 points */
    double sum0 = 0;
    for (size_t c = 0; c < 3; c++)
        sum0 += evaluation_contrib(ev, c, 0);
    assert_true(fabs(sum0 - t0) < 1e-9);
    char *summary = evaluation_summary(ev, ds);
    assert_string_equal(summary, "Stack 0 leads by 9.0 points");
    free(summary);
    assert_string_equal(evaluation_winner_id(ev, ds), "s0");
    evaluation_free(ev);
    dataset_free(ds);
}

static void all_zero_weights_have_no_total(void **state)
{
    const double scores[] = { 9, 5, 4, 8 };
    const int weights[] = { 0, 0 };
    Dataset *ds = test_dataset(2, 2, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    assert_false(ev->has_total);
    assert_int_equal(ev->leader, -1);
    assert_null(evaluation_winner_id(ev, ds));
    char *summary = evaluation_summary(ev, ds);
    assert_non_null(strstr(summary, "every weight is 0"));
    free(summary);
    for (size_t c = 0; c < 2; c++)
        assert_int_equal(evaluation_flip(ev, c, NULL), -1);
    evaluation_free(ev);
    dataset_free(ds);
}

static void close_race_is_hybrid_and_names_each_side(void **state)
{
    const double scores[] = { 9, 6, 5, 8, 7, 7 };
    const int weights[] = { 5, 5, 0 };
    Dataset *ds = test_dataset(2, 3, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    /* 70 vs 70: a tie goes to the earlier stack, margin 0 -> hybrid */
    assert_true(ev->hybrid);
    assert_int_equal(ev->leader, 0);
    assert_string_equal(evaluation_winner_id(ev, ds), "hybrid");
    char *summary = evaluation_summary(ev, ds);
    assert_string_equal(summary, "Hybrid: Stack 0 for label 0, Stack 1 for label 1 (margin 0.0 points)");
    free(summary);
    evaluation_free(ev);
    dataset_free(ds);
}

static void threshold_is_exact(void **state)
{
    /* margin exactly 5.0 points is not hybrid; just below is */
    const double scores[] = { 7.5, 7.0 };
    const int weights[] = { 3 };
    Dataset *ds = test_dataset(2, 1, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    assert_true(fabs(ev->margin - 5.0) < 1e-9);
    assert_false(ev->hybrid);
    ds->hybrid_threshold = 5.01;
    evaluation_run(ev, ds, weights);
    assert_true(ev->hybrid);
    evaluation_free(ev);
    dataset_free(ds);
}

/* The leader at given weights by direct computation, -1 without totals. */
static int brute_leader(const Dataset *ds, const int *w)
{
    int best = -1;
    double best_total = 0;
    int sum = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        sum += w[c];
    if (sum == 0)
        return -1;
    for (size_t s = 0; s < ds->nstacks; s++) {
        long long t = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            t += (long long)w[c] * score_tenths(ds->criteria[c].by_stack[s].score);
        if (best < 0 || t > best_total) {
            best = (int)s;
            best_total = (double)t;
        }
    }
    return best;
}

static void sensitivity_matches_brute_force(void **state)
{
    srand(12345);
    for (int round = 0; round < 300; round++) {
        size_t ns = 2 + (size_t)(rand() % 4), nc = 1 + (size_t)(rand() % 6);
        double scores[6 * 5];
        int weights[6];
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 101) / 10.0;
        for (size_t c = 0; c < nc; c++)
            weights[c] = rand() % 11;
        Dataset *ds = test_dataset(ns, nc, scores, weights);
        Evaluation *ev = evaluation_new(ds);
        evaluation_run(ev, ds, weights);
        int lead = brute_leader(ds, weights);
        assert_int_equal(ev->leader, lead);
        for (size_t c = 0; c < nc && lead >= 0; c++) {
            int expect = -1, expect_leader = -1;
            int w0 = weights[c];
            /* nearest weight with another leader; upward wins a tie in distance */
            for (int d = 1; d <= 10 && expect < 0; d++) {
                int candidates[2] = { w0 + d, w0 - d };
                for (int k = 0; k < 2 && expect < 0; k++) {
                    int w = candidates[k];
                    if (w < 0 || w > 10)
                        continue;
                    int tmp[6];
                    memcpy(tmp, weights, sizeof tmp);
                    tmp[c] = w;
                    int l = brute_leader(ds, tmp);
                    if (l >= 0 && l != lead) {
                        expect = w;
                        expect_leader = l;
                    }
                }
            }
            assert_int_equal(evaluation_flip(ev, c, NULL), expect);
            assert_int_equal(flip_leader_of(ev, c), expect_leader);
        }
        evaluation_free(ev);
        dataset_free(ds);
    }
}

/* The leader at weights num / scale, by direct computation with integers. */
static int brute_leader_scaled(const Dataset *ds, const int *num)
{
    int best = -1;
    long long best_total = 0;
    long long sum = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        sum += num[c];
    if (sum == 0)
        return -1;
    for (size_t s = 0; s < ds->nstacks; s++) {
        long long t = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            t += (long long)num[c] * score_tenths(ds->criteria[c].by_stack[s].score);
        if (best < 0 || t > best_total) {
            best = (int)s;
            best_total = t;
        }
    }
    return best;
}

static void fractional_weights_follow_the_formula(void **state)
{
    srand(777);
    for (int round = 0; round < 300; round++) {
        size_t ns = 2 + (size_t)(rand() % 4), nc = 1 + (size_t)(rand() % 6);
        int scale = 1 + rand() % 7;
        double scores[6 * 5];
        int num[6], ones[6];
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 101) / 10.0;
        for (size_t c = 0; c < nc; c++) {
            num[c] = rand() % (10 * scale + 1);
            ones[c] = 1;
        }
        Dataset *ds = test_dataset(ns, nc, scores, ones);
        Evaluation *ev = evaluation_new(ds);
        evaluation_run_scaled(ev, ds, num, scale);
        double wsum = 0;
        for (size_t c = 0; c < nc; c++)
            wsum += (double)num[c] / scale;
        int lead = brute_leader_scaled(ds, num);
        assert_int_equal(ev->leader, lead);
        assert_int_equal(ev->has_total, wsum > 0);
        for (size_t s = 0; s < ns && wsum > 0; s++) {
            double t = 0;
            for (size_t c = 0; c < nc; c++)
                t += (double)num[c] / scale * scores[c * ns + s];
            t = 100.0 * t / (10.0 * wsum);
            assert_true(fabs(ev->totals[s] - t) < 1e-9);
        }
        for (size_t c = 0; c < nc && lead >= 0; c++) {
            /* the integer weight nearest the fraction with another leader;
             * upward wins a tie in distance */
            int expect = -1, expect_leader = -1;
            long long best_dist = 0;
            for (int w = 0; w <= 10; w++) {
                int tmp[6];
                memcpy(tmp, num, sizeof tmp);
                tmp[c] = w * scale;
                int l = brute_leader_scaled(ds, tmp);
                long long dist = llabs((long long)w * scale - num[c]);
                if (l < 0 || l == lead)
                    continue;
                if (expect < 0 || dist < best_dist || (dist == best_dist && w > num[c] / scale)) {
                    expect = w;
                    expect_leader = l;
                    best_dist = dist;
                }
            }
            assert_int_equal(evaluation_flip(ev, c, NULL), expect);
            assert_int_equal(flip_leader_of(ev, c), expect_leader);
        }
        /* integer weights are the same at any scale */
        int mult[6];
        for (size_t c = 0; c < nc; c++)
            mult[c] = num[c] / scale;
        Evaluation *a = evaluation_new(ds);
        evaluation_run(a, ds, mult);
        for (size_t c = 0; c < nc; c++)
            mult[c] *= scale;
        evaluation_run_scaled(ev, ds, mult, scale);
        assert_int_equal(a->leader, ev->leader);
        assert_int_equal(a->hybrid, ev->hybrid);
        for (size_t c = 0; c < nc; c++)
            assert_int_equal(evaluation_flip(a, c, NULL), evaluation_flip(ev, c, NULL));
        for (size_t s = 0; s < ns; s++)
            assert_true(fabs(a->totals[s] - ev->totals[s]) < 1e-9);
        evaluation_free(a);
        evaluation_free(ev);
        dataset_free(ds);
    }
}

/* The header's predicates are kept as counts while weights change: after
 * every kind of change they must agree with comparing every weight. */
static int brute_matching_preset(const Session *s)
{
    const Dataset *ds = s->ds;
    if (s->preset >= 0 &&
        memcmp(s->weights, ds->presets[s->preset].weights, ds->ncriteria * sizeof(int)) == 0)
        return s->preset;
    for (size_t p = 0; p < ds->npresets; p++)
        if (memcmp(s->weights, ds->presets[p].weights, ds->ncriteria * sizeof(int)) == 0)
            return (int)p;
    return -1;
}

static void header_predicates_follow_the_weights(void **state)
{
    (void)state;
    const double scores[] = { 9, 6, 5.5, 8, 7, 7.5 };
    const int defaults[] = { 5, 3, 2 };
    Dataset *ds = test_dataset(2, 3, scores, defaults);
    test_dataset_add_preset(ds, "a", (const int[]){ 5, 3, 3 });
    test_dataset_add_preset(ds, "b", (const int[]){ 5, 3, 3 });
    test_dataset_add_preset(ds, "c", (const int[]){ 0, 10, 1 });
    Session *s = session_new(ds);
    assert_true(session_is_default(s));
    assert_int_equal(session_matching_preset(s), -1);
    unsigned seed = 12345;
    for (int step = 0; step < 5000; step++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = (seed >> 8) % 100;
        if (r < 85) {
            size_t c = (seed >> 16) % 3;
            int w = (int)((seed >> 20) % 13) - 1; /* -1..11: the clamps too */
            session_set_weight(s, c, w);
        } else if (r < 93) {
            session_apply_preset(s, (seed >> 16) % 3);
        } else if (r < 97) {
            session_reset(s);
        } else {
            int w[3] = { (int)((seed >> 12) % 11), 3, (int)((seed >> 18) % 4) };
            session_set_weights(s, w, -1);
        }
        bool is_default = memcmp(s->weights, defaults, sizeof defaults) == 0;
        assert_int_equal(session_is_default(s), is_default);
        assert_int_equal(session_matching_preset(s), brute_matching_preset(s));
    }
    session_apply_preset(s, 1); /* equal to "a": the applied one is named */
    assert_int_equal(session_matching_preset(s), 1);
    session_set_weight(s, 2, 2);
    assert_true(session_is_default(s));
    assert_int_equal(session_matching_preset(s), -1);
    session_free(s);
    dataset_free(ds);
}

/* Two evaluations say exactly the same: every field and every derived
 * figure, compared bit for bit. */
static void assert_same_evaluation(const Evaluation *a, const Evaluation *b)
{
    assert_int_equal(a->has_total, b->has_total);
    assert_int_equal(a->weight_sum, b->weight_sum);
    assert_int_equal(a->scale, b->scale);
    assert_int_equal(a->leader, b->leader);
    assert_int_equal(a->runner_up, b->runner_up);
    assert_int_equal(a->hybrid, b->hybrid);
    assert_memory_equal(&a->margin, &b->margin, sizeof a->margin);
    assert_memory_equal(a->sums, b->sums, a->nstacks * sizeof *a->sums);
    assert_memory_equal(a->totals, b->totals, a->nstacks * sizeof *a->totals);
    for (size_t c = 0; c < a->ncriteria; c++) {
        for (size_t s = 0; s < a->nstacks; s++) {
            double x = evaluation_contrib(a, c, s), y = evaluation_contrib(b, c, s);
            assert_memory_equal(&x, &y, sizeof x);
        }
        int la, lb;
        assert_int_equal(evaluation_flip(a, c, &la), evaluation_flip(b, c, &lb));
        assert_int_equal(la, lb);
    }
    const EvalFavour *fa = evaluation_favour(a), *fb = evaluation_favour(b);
    for (int side = 0; side < 2; side++) {
        assert_int_equal(fa->nfavour[side], fb->nfavour[side]);
        for (size_t i = 0; i < fa->nfavour[side]; i++)
            assert_int_equal(fa->favour[side][i], fb->favour[side][i]);
    }
}

/* The totals and contributions by the formula the engine has always used,
 * from the weights alone: an incremental update must give these bits. */
static void assert_formula_bits(const Evaluation *ev, const Dataset *ds, const int *num)
{
    long long wsum = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        wsum += num[c];
    assert_int_equal(ev->has_total, wsum > 0);
    if (wsum == 0)
        return;
    double denom = (double)wsum;
    for (size_t s = 0; s < ds->nstacks; s++) {
        long long sum = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            sum += (long long)num[c] * score_tenths(ds->criteria[c].by_stack[s].score);
        double t = (double)sum / denom;
        assert_memory_equal(&ev->totals[s], &t, sizeof t);
        for (size_t c = 0; c < ds->ncriteria; c++) {
            double want = (double)num[c] * score_tenths(ds->criteria[c].by_stack[s].score) / denom;
            double got = evaluation_contrib(ev, c, s);
            assert_memory_equal(&got, &want, sizeof got);
        }
    }
}

/* A weight at a time (as a key press changes it) against a whole run on
 * the same weights, over random data, random weight sequences and scales:
 * integer weights (scale 1) and exact fractions such as a team's mean. */
static void incremental_matches_full_recomputation(void **state)
{
    (void)state;
    srand(4242);
    for (int round = 0; round < 120; round++) {
        size_t ns = 2 + (size_t)(rand() % 7), nc = 1 + (size_t)(rand() % 40);
        int scale = round % 3 == 0 ? 1 : 1 + rand() % 12;
        double *scores = calloc(nc * ns, sizeof *scores);
        int *ones = calloc(nc, sizeof *ones), *num = calloc(nc, sizeof *num);
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 101) / 10.0;
        for (size_t c = 0; c < nc; c++) {
            ones[c] = 1;
            /* many zeros, so steps pass through "no totals" and one weight alone */
            num[c] = rand() % 3 == 0 ? 0 : rand() % (10 * scale + 1);
        }
        Dataset *ds = test_dataset(ns, nc, scores, ones);
        ds->hybrid_threshold = (rand() % 60) / 10.0;
        Evaluation *inc = evaluation_new(ds), *full = evaluation_new(ds);
        evaluation_run_scaled(inc, ds, num, scale);
        for (int step = 0; step < 150; step++) {
            size_t c = (size_t)rand() % nc;
            int r = rand() % 4;
            if (r == 0)
                num[c] = 0;
            else if (r == 1)
                num[c] = num[c] + scale <= 10 * scale ? num[c] + scale : num[c];
            else if (r == 2)
                num[c] = num[c] - scale >= 0 ? num[c] - scale : num[c];
            else
                num[c] = rand() % (10 * scale + 1);
            evaluation_set(inc, c, num[c]);
            evaluation_run_scaled(full, ds, num, scale);
            assert_same_evaluation(inc, full);
            assert_formula_bits(inc, ds, num);
            char *a = evaluation_summary(inc, ds), *b = evaluation_summary(full, ds);
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
        evaluation_free(inc);
        evaluation_free(full);
        dataset_free(ds);
        free(scores);
        free(ones);
        free(num);
    }
}

/* Through the session, with a team's exact mean weights and undo, redo and
 * presets in between: the evaluation always equals a whole run. */
static void session_steps_match_full_recomputation(void **state)
{
    (void)state;
    srand(99);
    size_t ns = 5, nc = 30;
    double scores[5 * 30];
    int defaults[30], other[30];
    for (size_t i = 0; i < nc * ns; i++)
        scores[i] = (rand() % 101) / 10.0;
    for (size_t c = 0; c < nc; c++) {
        defaults[c] = rand() % 11;
        other[c] = rand() % 11;
    }
    Dataset *ds = test_dataset(ns, nc, scores, defaults);
    test_dataset_add_preset(ds, "p", other);
    Session *s = session_new(ds);
    Team *team = team_new(TEAM_MEAN);
    for (int m = 0; m < 7; m++) {
        int w[30];
        for (size_t c = 0; c < nc; c++)
            w[c] = rand() % 11;
        team_add(team, ds, "member", NULL, w);
    }
    team_finish(team, ds);
    session_set_team(s, team);
    assert_true(s->scale > 1); /* seven members: sevenths */
    Evaluation *full = evaluation_new(ds);
    for (int step = 0; step < 2000; step++) {
        int r = rand() % 100;
        size_t c = (size_t)rand() % nc;
        if (r < 70)
            session_step_weight(s, c, rand() % 2 ? 1 : -1);
        else if (r < 80)
            session_set_weight(s, c, rand() % 11);
        else if (r < 88)
            session_undo(s);
        else if (r < 95)
            session_redo(s);
        else
            session_apply_preset(s, 0);
        evaluation_run_scaled(full, ds, s->weights, s->scale);
        assert_same_evaluation(s->eval, full);
    }
    evaluation_free(full);
    session_free(s);
    dataset_free(ds);
}

/* The "most from" list in one pass equals picking the largest unused
 * contribution again and again. */
static void top_contributions_match_repeated_maximum(void **state)
{
    (void)state;
    srand(7);
    for (int round = 0; round < 200; round++) {
        size_t ns = 2 + (size_t)(rand() % 3), nc = 1 + (size_t)(rand() % 25);
        double scores[25 * 4];
        int w[25];
        for (size_t i = 0; i < nc * ns; i++)
            scores[i] = (rand() % 6) / 2.0; /* few values: many ties */
        for (size_t c = 0; c < nc; c++)
            w[c] = rand() % 4;
        Dataset *ds = test_dataset(ns, nc, scores, w);
        Evaluation *ev = evaluation_new(ds);
        evaluation_run(ev, ds, w);
        for (size_t s = 0; s < ns; s++) {
            int top[8];
            size_t n = evaluation_top_contrib(ev, s, top, 8);
            bool used[25] = { false };
            size_t k = 0;
            for (; k < 8; k++) {
                int best = -1;
                double bv = 0;
                for (size_t c = 0; c < nc; c++) {
                    double v = evaluation_contrib(ev, c, s);
                    if (!used[c] && v > 0 && (best < 0 || v > bv)) {
                        best = (int)c;
                        bv = v;
                    }
                }
                if (best < 0)
                    break;
                used[best] = true;
                assert_true(k < n);
                assert_int_equal(top[k], best);
            }
            assert_int_equal(n, k);
        }
        evaluation_free(ev);
        dataset_free(ds);
    }
}

/* Rounding once: num / den to d places, half away from zero, exactly,
 * including where a double would round the other way, and at the edge of
 * a long long. */
static void points_round_once_and_exactly(void **state)
{
    assert_int_equal(points_rounded(2005, 100, 1), 201); /* 20.05 -> 20.1 */
    assert_int_equal(points_rounded(2004, 100, 1), 200);
    assert_int_equal(points_rounded(-2005, 100, 1), -201);
    assert_int_equal(points_rounded(1607, 20, 1), 804); /* 80.35: a double holds 80.3499... */
    assert_int_equal(points_rounded(1, 3, 2), 33);
    assert_int_equal(points_rounded(2, 3, 0), 1);
    assert_int_equal(points_rounded(7, 0, 1), 0); /* no denominator: no figure */
    /* num * 10^d past a long long: still exact, the whole part apart */
    long long quarter = LLONG_MAX / 4;
    assert_int_equal(points_rounded(3 * quarter, quarter, 1), 30);
    assert_int_equal(points_rounded(3 * quarter + quarter / 2, quarter, 1), 35);
    assert_int_equal(points_rounded(-(3 * quarter), quarter, 2), -300);
    /* a value whose places no long long holds saturates, never wraps */
    assert_true(points_rounded(LLONG_MAX, 1, 1) == LLONG_MAX);
    assert_true(points_rounded(LLONG_MIN, 1, 0) == -LLONG_MAX);
}

/* The printed margin is the difference of the printed totals, for every
 * weighting of a data set whose totals often round across a tenth; the
 * verdict line prints the same figure, and where it sits across the hybrid
 * threshold from the exact margin, says so. */
static void printed_margin_is_the_difference_of_printed_totals(void **state)
{
    const double scores[] = { 9.0, 7.0, 9.5, 3.5, 5.0, 9.8, 6.0, 9.5 };
    const int weights[] = { 5, 5, 5, 5 };
    Dataset *ds = test_dataset(2, 4, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    int differs = 0, misleads = 0;
    for (int i = 0; i < 14641; i++) {
        int w[4] = { i / 1331, i / 121 % 11, i / 11 % 11, i % 11 };
        evaluation_run(ev, ds, w);
        if (!ev->has_total)
            continue;
        size_t l = (size_t)ev->leader, r = (size_t)ev->runner_up;
        double a = evaluation_printed_total(ev, l, 1), b = evaluation_printed_total(ev, r, 1);
        /* each total rounded once from the exact fraction */
        long long sl = 0, sr = 0, wsum = w[0] + w[1] + w[2] + w[3];
        for (size_t c = 0; c < 4; c++) {
            sl += (long long)w[c] * score_tenths(ds->criteria[c].by_stack[l].score);
            sr += (long long)w[c] * score_tenths(ds->criteria[c].by_stack[r].score);
        }
        assert_int_equal(llround(a * 10), (sl * 20 / wsum + 1) / 2);
        assert_int_equal(llround(b * 10), (sr * 20 / wsum + 1) / 2);
        double m = evaluation_printed_margin(ev, 1);
        assert_true(fabs(m - (a - b)) < 1e-9);
        assert_true(fabs(evaluation_printed_gap(ev, r, l, 1) + m) < 1e-9);
        char exact[16];
        snprintf(exact, sizeof exact, "%.1f", ev->margin);
        differs += fabs(atof(exact) - m) > 1e-9;
        char *line = evaluation_summary(ev, ds), want[32];
        snprintf(want, sizeof want, ev->hybrid ? "(margin %.1f points" : "leads by %.1f points", m);
        assert_non_null(strstr(line, want));
        bool printed_hybrid = llround(m * 10) < 50;
        if (printed_hybrid != ev->hybrid) {
            misleads++;
            assert_true(evaluation_margin_misleads(ev, ds, 1));
            assert_non_null(strstr(line, "before rounding"));
        } else {
            assert_false(evaluation_margin_misleads(ev, ds, 1));
            assert_null(strstr(line, "before rounding"));
        }
        free(line);
    }
    /* the sweep meets both cases, so the checks above can fail */
    assert_true(differs > 0);
    assert_true(misleads > 0);
    evaluation_free(ev);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(totals_follow_the_formula),
        cmocka_unit_test(all_zero_weights_have_no_total),
        cmocka_unit_test(close_race_is_hybrid_and_names_each_side),
        cmocka_unit_test(threshold_is_exact),
        cmocka_unit_test(sensitivity_matches_brute_force),
        cmocka_unit_test(fractional_weights_follow_the_formula),
        cmocka_unit_test(header_predicates_follow_the_weights),
        cmocka_unit_test(incremental_matches_full_recomputation),
        cmocka_unit_test(session_steps_match_full_recomputation),
        cmocka_unit_test(top_contributions_match_repeated_maximum),
        cmocka_unit_test(points_round_once_and_exactly),
        cmocka_unit_test(printed_margin_is_the_difference_of_printed_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
