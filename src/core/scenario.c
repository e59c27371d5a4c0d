/* scenario.c: the defaults, every preset and the current weights, evaluated
 * side by side. */
#include "core/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static void evaluate(Scenario *out, const Session *s, Robustness *r)
{
    const Dataset *ds = s->ds;
    Evaluation *ev = out->ev = evaluation_new(ds);
    evaluation_run_scaled(ev, ds, out->weights, out->scale);
    out->has_total = ev->has_total;
    out->totals = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *out->totals);
    memcpy(out->totals, ev->totals, ds->nstacks * sizeof *out->totals);
    out->leader = ev->leader;
    out->winner = evaluation_winner_id(ev, ds);
    out->margin = ev->margin;
    out->share = 0;
    if (ev->has_total) {
        robust_run(r, out->weights, out->scale);
        out->share = robust_win_share(r, (size_t)ev->leader);
    }
}

Scenarios *scenarios_compute(const Session *s)
{
    const Dataset *ds = s->ds;
    Scenarios *sc = xcalloc(1, sizeof *sc);
    sc->count = ds->npresets + 2;
    sc->items = xcalloc(sc->count, sizeof *sc->items);
    Robustness *r = robust_new(ds, &s->robust_opt);
    size_t nc = ds->ncriteria ? ds->ncriteria : 1;
    for (size_t i = 0; i < sc->count; i++) {
        Scenario *it = &sc->items[i];
        it->weights = xcalloc(nc, sizeof *it->weights);
        it->preset = -1;
        it->scale = 1;
        if (i == 0) {
            it->kind = SCENARIO_DEFAULTS;
            it->name = "defaults";
            dataset_default_weights(ds, it->weights);
        } else if (i <= ds->npresets) {
            it->kind = SCENARIO_PRESET;
            it->preset = (int)(i - 1);
            it->name = ds->presets[i - 1].id;
            memcpy(it->weights, ds->presets[i - 1].weights, ds->ncriteria * sizeof *it->weights);
        } else {
            it->kind = SCENARIO_CURRENT;
            it->name = "current";
            memcpy(it->weights, s->weights, ds->ncriteria * sizeof *it->weights);
            it->scale = s->scale;
        }
        evaluate(it, s, r);
    }
    robust_free(r);
    return sc;
}

void scenarios_free(Scenarios *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->count; i++) {
        free(sc->items[i].weights);
        free(sc->items[i].totals);
        evaluation_free(sc->items[i].ev);
    }
    free(sc->items);
    free(sc);
}

/* A field may not hold a tab or a line break. */
static void tsv_field(StrBuf *sb, const char *text)
{
    for (const char *p = text; *p; p++)
        sb_append_char(sb, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

char *scenarios_tsv(const Scenarios *sc, const Dataset *ds)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "scenario");
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append_char(&sb, '\t');
        tsv_field(&sb, ds->stacks[i].id);
        sb_append(&sb, " total");
    }
    sb_append(&sb, "\tverdict\tmargin\trobustness\n");
    for (size_t k = 0; k < sc->count; k++) {
        const Scenario *it = &sc->items[k];
        tsv_field(&sb, it->name);
        for (size_t i = 0; i < ds->nstacks; i++) {
            if (it->has_total)
                sb_appendf(&sb, "\t%.*f", TOTAL_DECIMALS, evaluation_printed_total(it->ev, i, TOTAL_DECIMALS));
            else
                sb_append(&sb, "\t-");
        }
        if (it->has_total)
            sb_appendf(&sb, "\t%s\t%.*f\t%.4f\n", it->winner, TOTAL_DECIMALS,
                       evaluation_printed_margin(it->ev, TOTAL_DECIMALS),
                       it->share);
        else
            sb_append(&sb, "\t-\t-\t-\n");
    }
    return sb_take(&sb);
}
