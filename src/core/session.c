/* session.c: the one place weights change, so the evaluation never lags. */
#include "core/session.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int clamp_weight(int w)
{
    return w < WEIGHT_MIN ? WEIGHT_MIN : w > WEIGHT_MAX ? WEIGHT_MAX : w;
}

static void reevaluate(Session *s) { evaluation_run(s->eval, s->ds, s->weights); }

Session *session_new(const Dataset *ds)
{
    Session *s = xcalloc(1, sizeof *s);
    s->ds = ds;
    s->weights = xcalloc(ds->ncriteria, sizeof *s->weights);
    dataset_default_weights(ds, s->weights);
    s->preset = -1;
    s->eval = evaluation_new(ds);
    s->stats = stats_table_new();
    stats_add_evidence(s->stats, ds);
    reevaluate(s);
    return s;
}

void session_free(Session *s)
{
    if (!s)
        return;
    free(s->weights);
    evaluation_free(s->eval);
    stats_table_free(s->stats);
    free(s);
}

bool session_set_weight(Session *s, size_t criterion, int weight)
{
    if (criterion >= s->ds->ncriteria)
        return false;
    weight = clamp_weight(weight);
    if (s->weights[criterion] == weight)
        return false;
    s->weights[criterion] = weight;
    reevaluate(s);
    return true;
}

void session_apply_preset(Session *s, size_t preset)
{
    if (preset >= s->ds->npresets)
        return;
    memcpy(s->weights, s->ds->presets[preset].weights, s->ds->ncriteria * sizeof *s->weights);
    s->preset = (int)preset;
    reevaluate(s);
}

void session_reset(Session *s)
{
    dataset_default_weights(s->ds, s->weights);
    s->preset = -1;
    reevaluate(s);
}

void session_set_weights(Session *s, const int *weights, int preset)
{
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        s->weights[c] = clamp_weight(weights[c]);
    s->preset = preset;
    reevaluate(s);
}

static bool weights_equal(const Session *s, const int *other)
{
    return memcmp(s->weights, other, s->ds->ncriteria * sizeof *other) == 0;
}

int session_matching_preset(const Session *s)
{
    if (s->preset >= 0 && weights_equal(s, s->ds->presets[s->preset].weights))
        return s->preset;
    for (size_t p = 0; p < s->ds->npresets; p++)
        if (weights_equal(s, s->ds->presets[p].weights))
            return (int)p;
    return -1;
}

bool session_is_default(const Session *s)
{
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        if (s->weights[c] != s->ds->criteria[c].default_weight)
            return false;
    return true;
}
