/* test_team.c: a team's combined weights (mean and median, exact
 * fractions), spread, most disputed criterion and members' winners, and a
 * Session running on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"
#include "core/team.h"
#include "unit/helpers.h"

static const double scores[] = { 9, 5, 4, 8, 7.5, 7 };
static const int defaults[] = { 5, 5, 5 };
static const int alice[] = { 10, 0, 3 }, bob[] = { 2, 9, 3 }, carol[] = { 6, 4, 4 },
                 dave[] = { 7, 10, 3 };

static Team *make_team(const Dataset *ds, TeamCombine how, size_t n)
{
    const int *all[] = { alice, bob, carol, dave };
    const char *names[] = { "alice", "bob", "carol", "dave" };
    Team *t = team_new(how);
    for (size_t i = 0; i < n; i++)
        team_add(t, ds, names[i], NULL, all[i]);
    team_finish(t, ds);
    return t;
}

static void mean_is_exact(void **state)
{
    Dataset *ds = test_dataset(2, 3, scores, defaults);
    Team *t = make_team(ds, TEAM_MEAN, 3);
    /* (10+2+6)/3 = 6, (0+9+4)/3 = 13/3, (3+3+4)/3 = 10/3 */
    const double want[] = { 6, 13.0 / 3, 10.0 / 3 };
    for (size_t c = 0; c < 3; c++)
        assert_true(fabs((double)t->combined[c] / t->scale - want[c]) < 1e-12);
    assert_int_equal(t->min[0], 2);
    assert_int_equal(t->max[0], 10);
    /* population sd of 10, 2, 6: sqrt(((4)^2 + 4^2 + 0) / 3) */
    assert_true(fabs(t->stdev[0] - sqrt(32.0 / 3)) < 1e-12);
    assert_int_equal(t->most_disputed, 1); /* {0, 9, 4} spreads wider than {10, 2, 6} */
    /* alice: 90+0+22.5 vs 50+0+21 -> Node; bob: 18+36+22.5 vs 10+72+21 -> Python */
    assert_int_equal(t->members[0].winner, 0);
    assert_int_equal(t->members[1].winner, 1);
    assert_int_equal(t->picks[0] + t->picks[1] + t->hybrids, 3);

    Session *s = session_new(ds);
    session_set_team(s, t);
    /* totals straight from the formula with the fractional weights */
    for (size_t st = 0; st < 2; st++) {
        double num = 0, den = 0;
        for (size_t c = 0; c < 3; c++) {
            num += want[c] * scores[c * 2 + st];
            den += want[c];
        }
        assert_true(fabs(s->eval->totals[st] - 10.0 * num / den) < 1e-9);
    }
    assert_false(session_team_adjusted(s));
    assert_true(fabs(session_weight(s, 1) - 13.0 / 3) < 1e-12);
    assert_false(session_weight_is_whole(s, 1));
    /* a step keeps the fraction; undo brings the team's weights back */
    assert_true(session_step_weight(s, 1, 1));
    assert_true(fabs(session_weight(s, 1) - 16.0 / 3) < 1e-12);
    assert_true(session_team_adjusted(s));
    assert_true(session_undo(s));
    assert_false(session_team_adjusted(s));
    /* a step past 10 stops at 10; a whole weight is whole */
    assert_true(session_step_weight(s, 0, 9));
    assert_true(session_weight(s, 0) == 10.0);
    assert_true(session_set_weight(s, 2, 7));
    assert_true(session_weight_is_whole(s, 2));
    session_free(s); /* frees the team */
    dataset_free(ds);
}

static void median_of_odd_and_even_teams(void **state)
{
    Dataset *ds = test_dataset(2, 3, scores, defaults);
    Team *odd = make_team(ds, TEAM_MEDIAN, 3);
    /* medians of {10,2,6}, {0,9,4}, {3,3,4} */
    const double want_odd[] = { 6, 4, 3 };
    for (size_t c = 0; c < 3; c++)
        assert_true((double)odd->combined[c] / odd->scale == want_odd[c]);
    team_free(odd);
    Team *even = make_team(ds, TEAM_MEDIAN, 4);
    /* {2,6,7,10} -> 6.5, {0,4,9,10} -> 6.5, {3,3,3,4} -> 3 */
    const double want_even[] = { 6.5, 6.5, 3 };
    for (size_t c = 0; c < 3; c++)
        assert_true((double)even->combined[c] / even->scale == want_even[c]);
    Session *s = session_new(ds);
    session_set_team(s, even);
    double num = 0, den = 0;
    for (size_t c = 0; c < 3; c++) {
        num += want_even[c] * scores[c * 2];
        den += want_even[c];
    }
    assert_true(fabs(s->eval->totals[0] - 10.0 * num / den) < 1e-9);
    session_free(s);
    dataset_free(ds);
}

static void agreement_has_no_dispute(void **state)
{
    Dataset *ds = test_dataset(2, 3, scores, defaults);
    Team *t = team_new(TEAM_MEAN);
    team_add(t, ds, "a", NULL, alice);
    team_add(t, ds, "b", NULL, alice);
    team_finish(t, ds);
    assert_int_equal(t->most_disputed, -1);
    assert_true(t->stdev[1] == 0);
    team_free(t);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mean_is_exact),
        cmocka_unit_test(median_of_odd_and_even_teams),
        cmocka_unit_test(agreement_has_no_dispute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
