/* helpers.c: in-memory data sets for unit tests. */
#include "unit/helpers.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"

Dataset *test_dataset(size_t nstacks, size_t ncriteria, const double *scores, const int *weights)
{
    Dataset *ds = xcalloc(1, sizeof *ds);
    ds->dir = xstrdup("test");
    ds->version = xstrdup("test");
    ds->date = xstrdup("2026-11-01");
    ds->hybrid_threshold = HYBRID_THRESHOLD_DEFAULT;
    ds->nstacks = nstacks;
    ds->stacks = xcalloc(nstacks, sizeof *ds->stacks);
    for (size_t s = 0; s < nstacks; s++) {
        ds->stacks[s].id = xasprintf("s%zu", s);
        ds->stacks[s].name = xasprintf("Stack %zu", s);
        ds->stacks[s].ecosystem = xstrdup(s % 2 ? "pypi" : "npm");
        ds->stacks[s].summary = xstrdup("summary");
    }
    ds->ncriteria = ncriteria;
    ds->criteria = xcalloc(ncriteria, sizeof *ds->criteria);
    for (size_t c = 0; c < ncriteria; c++) {
        Criterion *cr = &ds->criteria[c];
        cr->id = xasprintf("c%zu", c);
        cr->title = xasprintf("Criterion %zu", c);
        cr->label = xasprintf("label %zu", c);
        cr->question = xstrdup("question?");
        cr->default_weight = weights[c];
        cr->informed_by = EVIDENCE_BIT(EVIDENCE_DOWNLOADS);
        cr->by_stack = xcalloc(nstacks, sizeof *cr->by_stack);
        for (size_t s = 0; s < nstacks; s++) {
            cr->by_stack[s].score = scores[c * nstacks + s];
            cr->by_stack[s].rationale = xstrdup("because");
        }
    }
    dataset_index_criteria(ds);
    return ds;
}

void test_dataset_add_preset(Dataset *ds, const char *id, const int *weights)
{
    ds->presets = xreallocarray(ds->presets, ds->npresets + 1, sizeof *ds->presets);
    Preset *p = &ds->presets[ds->npresets++];
    p->id = xstrdup(id);
    p->description = xasprintf("preset %s", id);
    p->weights = xcalloc(ds->ncriteria, sizeof *p->weights);
    memcpy(p->weights, weights, ds->ncriteria * sizeof *weights);
}

void test_set_string(char **slot, const char *value)
{
    free(*slot);
    *slot = xstrdup(value);
}

void test_add_evidence(Dataset *ds, size_t c, size_t s, const char *package)
{
    Assessment *a = &ds->criteria[c].by_stack[s];
    a->evidence = xreallocarray(a->evidence, a->nevidence + 1, sizeof *a->evidence);
    a->evidence[a->nevidence++] = xstrdup(package);
}

void test_add_citation(Dataset *ds, size_t c, size_t s, const char *title, const char *url,
                       const char *date, const char *note)
{
    Assessment *a = &ds->criteria[c].by_stack[s];
    a->citations = xreallocarray(a->citations, a->ncitations + 1, sizeof *a->citations);
    a->citations[a->ncitations++] =
        (Citation){ xstrdup(title), xstrdup(url), xstrdup(date), note ? xstrdup(note) : NULL };
}

char *test_temp_dir(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/versus-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "cannot make a directory like %s\n", dir);
        exit(1);
    }
    return dir;
}

int test_remove_tree(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd) == 0 ? 0 : -1;
    free(cmd);
    return rc;
}
