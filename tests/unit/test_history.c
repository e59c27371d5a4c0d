/* test_history.c: undo and redo of every change of weights in a Session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"
#include "unit/helpers.h"

static Dataset *fixture(void)
{
    const double scores[] = { 9, 5, 4, 8, 7.5, 7 };
    const int weights[] = { 5, 3, 2 };
    Dataset *ds = test_dataset(2, 3, scores, weights);
    const int heavy[] = { 10, 0, 1 };
    test_dataset_add_preset(ds, "heavy", heavy);
    return ds;
}

static void every_kind_of_change_undoes_and_redoes(void **state)
{
    Dataset *ds = fixture();
    Session *s = session_new(ds);
    assert_false(session_undo(s)); /* nothing yet */
    double start = s->eval->totals[0];
    session_set_weight(s, 1, 9);
    double after_key = s->eval->totals[0];
    session_apply_preset(s, 0);
    assert_int_equal(s->preset, 0);
    session_reset(s);
    const int w[] = { 1, 2, 3 };
    session_set_weights(s, w, -1);
    assert_int_equal(session_undo_depth(s), 4);

    assert_true(session_undo(s)); /* back to the defaults */
    assert_true(session_is_default(s));
    assert_true(session_undo(s)); /* back to the preset, preset index too */
    assert_int_equal(s->preset, 0);
    assert_int_equal(s->weights[0], 10);
    assert_int_equal(session_matching_preset(s), 0);
    assert_true(session_undo(s));
    assert_true(s->eval->totals[0] == after_key);
    assert_true(session_undo(s));
    assert_true(s->eval->totals[0] == start);
    assert_false(session_undo(s));
    assert_int_equal(session_redo_depth(s), 4);

    for (int i = 0; i < 4; i++)
        assert_true(session_redo(s));
    assert_false(session_redo(s));
    assert_int_equal(s->weights[2], 3);

    /* a new change forgets what was undone */
    assert_true(session_undo(s));
    session_set_weight(s, 0, 0);
    assert_false(session_redo(s));
    session_free(s);
    dataset_free(ds);
}

static void no_change_is_no_step(void **state)
{
    Dataset *ds = fixture();
    Session *s = session_new(ds);
    session_set_weight(s, 0, 5); /* already 5 */
    session_reset(s);            /* already the defaults */
    session_apply_preset(s, 0);
    session_apply_preset(s, 0);  /* already that preset */
    assert_int_equal(session_undo_depth(s), 1);
    session_history_clear(s);
    assert_false(session_undo(s));
    session_free(s);
    dataset_free(ds);
}

static void a_drag_is_one_step(void **state)
{
    Dataset *ds = fixture();
    Session *s = session_new(ds);
    session_begin_merge(s);
    for (int w = 0; w <= 10; w++)
        session_set_weight(s, 1, w);
    session_end_merge(s);
    session_set_weight(s, 1, 4);
    assert_int_equal(session_undo_depth(s), 2);
    assert_true(session_undo(s));
    assert_int_equal(s->weights[1], 10);
    assert_true(session_undo(s));
    assert_int_equal(s->weights[1], 3); /* where the drag started */
    session_free(s);
    dataset_free(ds);
}

static void more_than_a_hundred_steps_restore_totals_exactly(void **state)
{
    Dataset *ds = fixture();
    Session *s = session_new(ds);
    int seen[SESSION_HISTORY_MAX + 50][3];
    double totals[SESSION_HISTORY_MAX + 50];
    size_t n = SESSION_HISTORY_MAX + 40;
    srand(5);
    for (size_t i = 0; i < n; i++) {
        memcpy(seen[i], s->weights, sizeof seen[i]);
        totals[i] = s->eval->totals[1];
        int c = rand() % 3, w;
        do
            w = rand() % 11;
        while (w == s->weights[c]);
        session_set_weight(s, (size_t)c, w);
    }
    /* the oldest steps beyond the limit are gone; the rest come back exactly */
    assert_int_equal(session_undo_depth(s), SESSION_HISTORY_MAX);
    for (size_t i = n; i-- > n - SESSION_HISTORY_MAX;) {
        assert_true(session_undo(s));
        assert_memory_equal(s->weights, seen[i], sizeof seen[i]);
        assert_true(s->eval->totals[1] == totals[i]);
    }
    assert_false(session_undo(s));
    for (size_t i = 0; i < 150; i++)
        assert_true(session_redo(s));
    assert_memory_equal(s->weights, seen[n - SESSION_HISTORY_MAX + 150], sizeof seen[0]);
    session_free(s);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_of_change_undoes_and_redoes),
        cmocka_unit_test(no_change_is_no_step),
        cmocka_unit_test(a_drag_is_one_step),
        cmocka_unit_test(more_than_a_hundred_steps_restore_totals_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
