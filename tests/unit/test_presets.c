/* test_presets.c: the bundled data's presets give the winners the scenarios
 * call for, and the default weights give a verdict. The expected winners are
 * written here by hand: a change to the data that flips one must be a
 * deliberate change to this file too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "load/dataset_load.h"
#include "util/fileio.h"

static Dataset *ds;
static Evaluation *ev;

static int load_data(void **state)
{
    const char *root = getenv("VERSUS_ROOT");
    char *dir = path_join(root && *root ? root : ".", "data");
    char *err = NULL;
    ds = dataset_load(dir, &err);
    free(dir);
    if (!ds) {
        print_error("%s\n", err);
        free(err);
        return -1;
    }
    ev = evaluation_new(ds);
    return 0;
}

static int free_data(void **state)
{
    evaluation_free(ev);
    dataset_free(ds);
    return 0;
}

/* Runs the preset (leaving its evaluation in ev) and checks its winner. */
static void expect_winner(const char *preset, const char *winner)
{
    int p = dataset_preset_index(ds, preset);
    if (p < 0)
        fail_msg("no preset '%s'", preset);
    evaluation_run(ev, ds, ds->presets[p].weights);
    assert_true(ev->has_total);
    const char *got = evaluation_winner_id(ev, ds);
    if (strcmp(got, winner) != 0) {
        char *summary = evaluation_summary(ev, ds);
        char msg[512];
        snprintf(msg, sizeof msg, "preset %s: expected %s, got %s (%s)", preset, winner, got, summary);
        free(summary);
        fail_msg("%s", msg);
    }
}

static void realtime_gaming_is_node(void **state) { expect_winner("realtime-gaming", "node"); }
static void social_app_is_node(void **state) { expect_winner("social-app", "node"); }
static void spa_fullstack_is_node(void **state) { expect_winner("spa-fullstack", "node"); }
static void fintech_analytics_is_python(void **state) { expect_winner("fintech-analytics", "python"); }
static void healthcare_ai_is_python(void **state) { expect_winner("healthcare-ai", "python"); }
static void cms_rapid_is_python(void **state) { expect_winner("cms-rapid", "python"); }
static void balanced_is_hybrid(void **state) { expect_winner("balanced", "hybrid"); }

static void hybrid_is_hybrid_and_names_both_sides(void **state)
{
    expect_winner("hybrid", "hybrid");
    assert_true(ev->margin < ds->hybrid_threshold);
    /* The explanation names what favours each stack: Node.js for the real-time
     * side, Python for AI and data. */
    char *summary = evaluation_summary(ev, ds);
    assert_non_null(strstr(summary, "Node.js for "));
    assert_non_null(strstr(summary, "real-time and I/O"));
    assert_non_null(strstr(summary, "Python for AI and data"));
    free(summary);
}

static void every_preset_is_a_full_vector(void **state)
{
    static const char *const ids[] = { "balanced", "realtime-gaming", "social-app", "spa-fullstack",
                                       "fintech-analytics", "healthcare-ai", "cms-rapid", "hybrid" };
    assert_int_equal(ds->npresets, sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < ds->npresets; i++) {
        assert_string_equal(ds->presets[i].id, ids[i]);
        assert_true(strlen(ds->presets[i].description) > 10);
        for (size_t c = 0; c < ds->ncriteria; c++)
            assert_in_range(ds->presets[i].weights[c], WEIGHT_MIN, WEIGHT_MAX);
    }
}

static void default_weights_give_a_verdict(void **state)
{
    int *w = calloc(ds->ncriteria, sizeof *w);
    dataset_default_weights(ds, w);
    evaluation_run(ev, ds, w);
    free(w);
    assert_true(ev->has_total);
    assert_non_null(evaluation_winner_id(ev, ds));
    assert_string_equal(evaluation_winner_id(ev, ds), "node");
    char *summary = evaluation_summary(ev, ds);
    assert_true(strncmp(summary, "Node.js leads by ", 17) == 0);
    free(summary);
}

/* The totals follow the formula, recomputed here from the raw data. */
static void totals_match_the_formula(void **state)
{
    for (size_t p = 0; p < ds->npresets; p++) {
        const int *w = ds->presets[p].weights;
        evaluation_run(ev, ds, w);
        for (size_t s = 0; s < ds->nstacks; s++) {
            double num = 0, den = 0;
            for (size_t c = 0; c < ds->ncriteria; c++) {
                num += w[c] * ds->criteria[c].by_stack[s].score;
                den += w[c];
            }
            assert_true(fabs(ev->totals[s] - 100.0 * num / (10.0 * den)) < 1e-9);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_preset_is_a_full_vector),
        cmocka_unit_test(realtime_gaming_is_node),
        cmocka_unit_test(social_app_is_node),
        cmocka_unit_test(spa_fullstack_is_node),
        cmocka_unit_test(fintech_analytics_is_python),
        cmocka_unit_test(healthcare_ai_is_python),
        cmocka_unit_test(cms_rapid_is_python),
        cmocka_unit_test(balanced_is_hybrid),
        cmocka_unit_test(hybrid_is_hybrid_and_names_both_sides),
        cmocka_unit_test(default_weights_give_a_verdict),
        cmocka_unit_test(totals_match_the_formula),
    };
    return cmocka_run_group_tests(tests, load_data, free_data);
}
