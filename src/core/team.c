/* team.c: combining members' weights exactly, and how much they disagree. */
#include "core/team.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "util/xalloc.h"

Team *team_new(TeamCombine combine)
{
    Team *t = xcalloc(1, sizeof *t);
    t->combine = combine;
    t->scale = 1;
    t->most_disputed = -1;
    return t;
}

void team_add(Team *t, const Dataset *ds, const char *author, const char *source,
              const int *weights)
{
    t->members = xreallocarray(t->members, t->count + 1, sizeof *t->members);
    TeamMember *m = &t->members[t->count++];
    m->author = xstrdup(author);
    m->source = source ? xstrdup(source) : NULL;
    m->weights = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *m->weights);
    memcpy(m->weights, weights, ds->ncriteria * sizeof *weights);
    m->winner = -1;
    m->hybrid = false;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void team_finish(Team *t, const Dataset *ds)
{
    size_t nc = ds->ncriteria ? ds->ncriteria : 1, n = t->count;
    free(t->combined);
    free(t->min);
    free(t->max);
    free(t->stdev);
    free(t->picks);
    t->combined = xcalloc(nc, sizeof *t->combined);
    t->min = xcalloc(nc, sizeof *t->min);
    t->max = xcalloc(nc, sizeof *t->max);
    t->stdev = xcalloc(nc, sizeof *t->stdev);
    t->picks = xcalloc(ds->nstacks ? ds->nstacks : 1, sizeof *t->picks);
    t->hybrids = 0;
    /* mean: sum / n; median: the middle weight, or the two middle ones'
     * sum / 2, written over 2 either way */
    t->scale = t->combine == TEAM_MEAN ? (int)n : 2;
    int *col = xcalloc(n ? n : 1, sizeof *col);
    t->most_disputed = -1;
    double widest = 0;
    for (size_t c = 0; c < ds->ncriteria; c++) {
        long sum = 0;
        for (size_t i = 0; i < n; i++) {
            col[i] = t->members[i].weights[c];
            sum += col[i];
        }
        qsort(col, n, sizeof *col, compare_ints);
        t->min[c] = col[0];
        t->max[c] = col[n - 1];
        if (t->combine == TEAM_MEAN)
            t->combined[c] = (int)sum;
        else
            t->combined[c] = n % 2 ? 2 * col[n / 2] : col[n / 2 - 1] + col[n / 2];
        double mean = (double)sum / (double)n, var = 0;
        for (size_t i = 0; i < n; i++)
            var += (col[i] - mean) * (col[i] - mean);
        t->stdev[c] = sqrt(var / (double)n);
        if (t->stdev[c] > widest + 1e-12) {
            widest = t->stdev[c];
            t->most_disputed = (int)c;
        }
    }
    free(col);
    Evaluation *ev = evaluation_new(ds);
    for (size_t i = 0; i < n; i++) {
        TeamMember *m = &t->members[i];
        evaluation_run(ev, ds, m->weights);
        m->winner = ev->leader;
        m->hybrid = ev->has_total && ev->hybrid;
        if (m->hybrid)
            t->hybrids++;
        else if (ev->has_total)
            t->picks[ev->leader]++;
    }
    evaluation_free(ev);
}

void team_free(Team *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        free(t->members[i].author);
        free(t->members[i].source);
        free(t->members[i].weights);
    }
    free(t->members);
    free(t->combined);
    free(t->min);
    free(t->max);
    free(t->stdev);
    free(t->picks);
    free(t);
}

bool team_combine_from_name(const char *name, TeamCombine *out)
{
    if (strcmp(name, "mean") == 0)
        *out = TEAM_MEAN;
    else if (strcmp(name, "median") == 0)
        *out = TEAM_MEDIAN;
    else
        return false;
    return true;
}

const char *team_combine_name(TeamCombine c) { return c == TEAM_MEDIAN ? "median" : "mean"; }
