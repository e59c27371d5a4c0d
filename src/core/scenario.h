/* scenario.h: what the defaults, each preset and the current weights give,
 * side by side — each stack's total, the verdict, the margin and how often
 * the leader still leads in weightings near those weights. Pure: computed
 * from a Session without changing it.
 * Ownership: a Scenarios owns its items and their arrays; scenarios_free
 * releases them. Names point into the Dataset or are static. */
#ifndef VERSUS_CORE_SCENARIO_H
#define VERSUS_CORE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/session.h"

typedef enum ScenarioKind { SCENARIO_DEFAULTS, SCENARIO_PRESET, SCENARIO_CURRENT } ScenarioKind;

typedef struct Scenario {
    ScenarioKind kind;
    const char *name;   /* "defaults", the preset's id, "current" */
    int preset;         /* the preset's index; -1 for the others */
    int *weights;       /* [ncriteria] numerators over scale */
    int scale;
    bool has_total;
    double *totals;     /* [nstacks] 0..100, exact; print evaluation_printed_total(ev, ...) */
    int leader;         /* -1 without totals */
    const char *winner; /* a stack id, "hybrid", or NULL without totals */
    double margin;      /* exact; print evaluation_printed_margin(ev, ...) */
    Evaluation *ev;     /* owned: these weights' evaluation, for the printed figures */
    double share;       /* the leader's share of the draws near these weights */
} Scenario;

typedef struct Scenarios {
    Scenario *items; /* defaults, every preset in data order, then current */
    size_t count;
} Scenarios;

/* Every scenario for s's data, with s's robustness options. */
Scenarios *scenarios_compute(const Session *s);
void scenarios_free(Scenarios *sc);

/* The comparison as tab-separated lines with a header: scenario, each
 * stack's total ("<id> total"), verdict, margin, robustness. Totals as
 * every export prints them (TOTAL_DECIMALS), the margin the difference of
 * the two totals as written, the share to four decimals; "-" where there
 * is no total.
 * Caller frees. */
char *scenarios_tsv(const Scenarios *sc, const Dataset *ds);

#endif
