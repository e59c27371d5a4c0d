/* test_browse.c: the criteria list's sort orders (weight, gap between the
 * shown stacks, contribution, the data's order, ties in data order) and
 * text matching over titles, labels, questions and rationales. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/browse.h"
#include "core/engine.h"
#include "unit/helpers.h"
#include "util/xalloc.h"

/* Three stacks, four criteria: scores by row. */
static const double scores[] = {
    5.0, 6.0, 9.0, /* c0: gap 4 over all, 1 between s0 and s1 */
    8.0, 2.0, 5.0, /* c1: gap 6 */
    7.0, 7.0, 7.0, /* c2: gap 0 */
    1.0, 4.0, 1.0, /* c3: gap 3 */
};
static const int weights[] = { 2, 9, 10, 2 };

static void check_order(const int *got, const int *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

static void sorts_by_each_key(void **state)
{
    (void)state;
    Dataset *ds = test_dataset(3, 4, scores, weights);
    Evaluation *ev = evaluation_new(ds);
    evaluation_run(ev, ds, weights);
    int shown[] = { 0, 1 };
    int idx[4];
    for (int i = 0; i < 4; i++)
        idx[i] = 3 - i; /* any starting order */
    browse_sort(idx, 4, BROWSE_DATA, ds, weights, ev, shown, 2);
    check_order(idx, (int[]){ 0, 1, 2, 3 }, 4);
    browse_sort(idx, 4, BROWSE_WEIGHT, ds, weights, ev, shown, 2);
    check_order(idx, (int[]){ 2, 1, 0, 3 }, 4); /* 10, 9, then 2 and 2 in data order */
    browse_sort(idx, 4, BROWSE_GAP, ds, weights, ev, shown, 2);
    check_order(idx, (int[]){ 1, 3, 0, 2 }, 4); /* gaps 6, 3, 1, 0 */
    /* contribution: weight times gap, 9*6, 2*3, 2*1, 10*0 */
    browse_sort(idx, 4, BROWSE_CONTRIBUTION, ds, weights, ev, shown, 2);
    check_order(idx, (int[]){ 1, 3, 0, 2 }, 4);
    /* the gap is between the stacks shown: with all three, c0's is 4 */
    int all[] = { 0, 1, 2 };
    browse_sort(idx, 4, BROWSE_GAP, ds, weights, ev, all, 3);
    check_order(idx, (int[]){ 1, 0, 3, 2 }, 4);
    /* without totals (every weight 0) contribution still orders by w*gap */
    int zero[] = { 0, 0, 0, 0 };
    evaluation_run(ev, ds, zero);
    browse_sort(idx, 4, BROWSE_CONTRIBUTION, ds, zero, ev, shown, 2);
    check_order(idx, (int[]){ 0, 1, 2, 3 }, 4); /* all 0: data order */
    assert_string_equal(browse_sort_name(BROWSE_GAP), "gap between the stacks");
    evaluation_free(ev);
    dataset_free(ds);
}

/* Case-folded search the slow way: every offset of every raw text. */
static long slow_find(const char *text, const char *needle)
{
    if (!text || !needle[0])
        return -1;
    size_t n = strlen(needle);
    for (const char *p = text; *p; p++) {
        size_t k = 0;
        while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)needle[k]))
            k++;
        if (k == n)
            return (long)(p - text);
    }
    return -1;
}

static BrowseField slow_match(const Dataset *ds, size_t c, const char *needle, size_t *at, int *stack)
{
    const Criterion *cr = &ds->criteria[c];
    const char *texts[3] = { cr->title, cr->label, cr->question };
    BrowseField fields[3] = { FIELD_TITLE, FIELD_LABEL, FIELD_QUESTION };
    long pos;
    *stack = -1;
    for (int i = 0; i < 3; i++)
        if ((pos = slow_find(texts[i], needle)) >= 0) {
            *at = (size_t)pos;
            return fields[i];
        }
    for (size_t s = 0; s < ds->nstacks; s++)
        if ((pos = slow_find(cr->by_stack[s].rationale, needle)) >= 0) {
            *at = (size_t)pos;
            *stack = (int)s;
            return FIELD_RATIONALE;
        }
    if ((pos = slow_find(cr->id, needle)) >= 0) {
        *at = (size_t)pos;
        return FIELD_ID;
    }
    return FIELD_NONE;
}

/* Texts folded once at load find what folding at every offset found, at
 * the same field, stack and byte offset, UTF-8 included. */
static void folded_texts_match_like_folding_every_offset(void **state)
{
    (void)state;
    static const char *const alphabet[] = { "a", "B", "c", "A", "b", "C", " ", "\xc3\xa9", "\xc3\x89", "-" };
    srand(5);
    Dataset *ds = test_dataset(3, 4, (const double[12]){ 0 }, (const int[4]){ 1, 1, 1, 1 });
    for (int round = 0; round < 300; round++) {
        for (size_t c = 0; c < ds->ncriteria; c++) {
            Criterion *cr = &ds->criteria[c];
            char **texts[6] = { &cr->title, &cr->label, &cr->question, &cr->by_stack[0].rationale,
                                &cr->by_stack[1].rationale, &cr->by_stack[2].rationale };
            for (int i = 0; i < 6; i++) {
                char buf[64] = "";
                int len = rand() % 12;
                for (int k = 0; k < len; k++)
                    strcat(buf, alphabet[rand() % 10]);
                free(*texts[i]);
                *texts[i] = i == 1 && rand() % 4 == 0 ? NULL : xstrdup(buf);
            }
        }
        dataset_fold_texts(ds);
        for (int q = 0; q < 20; q++) {
            char needle[16] = "";
            int len = 1 + rand() % 3;
            for (int k = 0; k < len; k++)
                strcat(needle, alphabet[rand() % 10]);
            size_t c = (size_t)rand() % ds->ncriteria;
            size_t at = 0, want_at = 0;
            int stack = 0, want_stack = 0;
            BrowseField want = slow_match(ds, c, needle, &want_at, &want_stack);
            assert_int_equal(browse_match(ds, c, needle, &at, &stack), want);
            if (want != FIELD_NONE) {
                assert_int_equal(at, want_at);
                assert_int_equal(stack, want_stack);
            }
        }
    }
    dataset_free(ds);
}

static void matches_every_field_a_criterion_has(void **state)
{
    (void)state;
    Dataset *ds = test_dataset(2, 2, scores, weights);
    Criterion *c0 = &ds->criteria[0];
    free(c0->title);
    c0->title = xstrdup("I/O-bound concurrency");
    free(c0->question);
    c0->question = xstrdup("How many sockets can one process hold?");
    free(c0->by_stack[1].rationale);
    c0->by_stack[1].rationale = xstrdup("asyncio handles it, with Uvicorn.");
    dataset_fold_texts(ds); /* the texts changed */
    size_t at = 99;
    int stack = 99;
    assert_int_equal(browse_match(ds, 0, "CONCUR", &at, &stack), FIELD_TITLE);
    assert_int_equal(at, 10);
    assert_int_equal(stack, -1);
    assert_int_equal(browse_match(ds, 0, "label 0", &at, NULL), FIELD_LABEL);
    assert_int_equal(browse_match(ds, 0, "sockets", &at, NULL), FIELD_QUESTION);
    assert_int_equal(at, 9);
    assert_int_equal(browse_match(ds, 0, "uvicorn", &at, &stack), FIELD_RATIONALE);
    assert_int_equal(stack, 1);
    assert_int_equal(browse_match(ds, 0, "c0", &at, NULL), FIELD_ID);
    assert_int_equal(browse_match(ds, 0, "nowhere", &at, NULL), FIELD_NONE);
    assert_int_equal(browse_match(ds, 0, "", &at, NULL), FIELD_NONE);
    assert_int_equal(browse_match(ds, 1, "uvicorn", NULL, NULL), FIELD_NONE);
    assert_int_equal(browse_find("abcABC", "cab"), 2);
    assert_int_equal(browse_find(NULL, "x"), -1);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sorts_by_each_key),
        cmocka_unit_test(matches_every_field_a_criterion_has),
        cmocka_unit_test(folded_texts_match_like_folding_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
