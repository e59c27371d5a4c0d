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

/* Counts afresh how far the weights are from the defaults and each preset:
 * after a change of many weights at once. */
static void recount(Session *s)
{
    const Dataset *ds = s->ds;
    s->off_default = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        s->off_default += s->weights[c] != ds->criteria[c].default_weight;
    for (size_t p = 0; p < ds->npresets; p++) {
        const int *w = ds->presets[p].weights;
        size_t off = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            off += s->weights[c] != w[c];
        s->off_preset[p] = off;
    }
}

/* Adjusts one count as weight c goes from was to now (was != now). */
static void recount_one(size_t *off, int target, int was, int now)
{
    if (was == target)
        (*off)++;
    else if (now == target)
        (*off)--;
}

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
    s->off_preset = xcalloc(ds->npresets ? ds->npresets : 1, sizeof *s->off_preset);
    recount(s);
    reevaluate(s);
    return s;
}

void session_free(Session *s)
{
    if (!s)
        return;
    free(s->weights);
    free(s->off_preset);
    evaluation_free(s->eval);
    stats_table_free(s->stats);
    free(s);
}

bool session_set_weight(Session *s, size_t criterion, int weight)
{
    if (criterion >= s->ds->ncriteria)
        return false;
    weight = clamp_weight(weight);
    int was = s->weights[criterion];
    if (was == weight)
        return false;
    s->weights[criterion] = weight;
    const Dataset *ds = s->ds;
    recount_one(&s->off_default, ds->criteria[criterion].default_weight, was, weight);
    for (size_t p = 0; p < ds->npresets; p++)
        recount_one(&s->off_preset[p], ds->presets[p].weights[criterion], was, weight);
    reevaluate(s);
    return true;
}

void session_apply_preset(Session *s, size_t preset)
{
    if (preset >= s->ds->npresets)
        return;
    memcpy(s->weights, s->ds->presets[preset].weights, s->ds->ncriteria * sizeof *s->weights);
    s->preset = (int)preset;
    recount(s);
    reevaluate(s);
}

void session_reset(Session *s)
{
    dataset_default_weights(s->ds, s->weights);
    s->preset = -1;
    recount(s);
    reevaluate(s);
}

void session_set_weights(Session *s, const int *weights, int preset)
{
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        s->weights[c] = clamp_weight(weights[c]);
    s->preset = preset;
    recount(s);
    reevaluate(s);
}

int session_matching_preset(const Session *s)
{
    if (s->preset >= 0 && s->off_preset[s->preset] == 0)
        return s->preset;
    for (size_t p = 0; p < s->ds->npresets; p++)
        if (s->off_preset[p] == 0)
            return (int)p;
    return -1;
}

bool session_is_default(const Session *s) { return s->off_default == 0; }
