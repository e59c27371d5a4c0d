/* model.c: freeing and looking up the data set. */
#include "core/model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define EVIDENCE_KIND_KEY_ROW(id, key, label) [id] = key,
static const char *const EVIDENCE_KEYS[EVIDENCE_NKINDS] = { EVIDENCE_KINDS(EVIDENCE_KIND_KEY_ROW) };
#undef EVIDENCE_KIND_KEY_ROW
#define EVIDENCE_KIND_LABEL_ROW(id, key, label) [id] = label,
static const char *const EVIDENCE_LABELS[EVIDENCE_NKINDS] = { EVIDENCE_KINDS(EVIDENCE_KIND_LABEL_ROW) };
#undef EVIDENCE_KIND_LABEL_ROW

bool evidence_kind_from_key(const char *key, EvidenceKind *out)
{
    for (int k = 0; k < EVIDENCE_NKINDS; k++)
        if (strcmp(key, EVIDENCE_KEYS[k]) == 0) {
            *out = (EvidenceKind)k;
            return true;
        }
    return false;
}

const char *evidence_kind_key(EvidenceKind k) { return (unsigned)k < EVIDENCE_NKINDS ? EVIDENCE_KEYS[k] : "?"; }
const char *evidence_kind_label(EvidenceKind k) { return (unsigned)k < EVIDENCE_NKINDS ? EVIDENCE_LABELS[k] : "?"; }

void dataset_free(Dataset *ds)
{
    if (!ds)
        return;
    for (size_t c = 0; c < ds->ncriteria; c++) {
        Criterion *cr = &ds->criteria[c];
        free(cr->id);
        free(cr->title);
        free(cr->label);
        free(cr->question);
        if (cr->by_stack) {
            for (size_t s = 0; s < ds->nstacks; s++) {
                Assessment *a = &cr->by_stack[s];
                free(a->rationale);
                for (size_t e = 0; e < a->nevidence; e++)
                    free(a->evidence[e]);
                free(a->evidence);
                for (size_t k = 0; k < a->ncitations; k++) {
                    free(a->citations[k].title);
                    free(a->citations[k].url);
                    free(a->citations[k].date);
                    free(a->citations[k].note);
                }
                free(a->citations);
            }
            free(cr->by_stack);
        }
    }
    free(ds->criteria);
    for (size_t s = 0; s < ds->nstacks; s++) {
        free(ds->stacks[s].id);
        free(ds->stacks[s].name);
        free(ds->stacks[s].ecosystem);
        free(ds->stacks[s].summary);
        free(ds->stacks[s].runtime);
    }
    free(ds->stacks);
    for (size_t p = 0; p < ds->npresets; p++) {
        free(ds->presets[p].id);
        free(ds->presets[p].description);
        free(ds->presets[p].weights);
    }
    free(ds->presets);
    id_index_free(&ds->criterion_ids);
    free(ds->folded);
    free(ds->folded_at);
    free(ds->dir);
    free(ds->version);
    free(ds->date);
    free(ds);
}

int dataset_stack_index(const Dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->nstacks; i++)
        if (strcmp(ds->stacks[i].id, id) == 0)
            return (int)i;
    return -1;
}

void dataset_index_criteria(Dataset *ds)
{
    id_index_free(&ds->criterion_ids);
    id_index_init(&ds->criterion_ids, ds->ncriteria);
    for (size_t i = 0; i < ds->ncriteria; i++)
        id_index_add(&ds->criterion_ids, ds->criteria[i].id, i);
    dataset_fold_texts(ds);
}

static const char *criterion_text(const Dataset *ds, const Criterion *cr, size_t k)
{
    switch (k) {
    case DATASET_TEXT_TITLE: return cr->title;
    case DATASET_TEXT_LABEL: return cr->label;
    case DATASET_TEXT_QUESTION: return cr->question;
    case DATASET_TEXT_ID: return cr->id;
    default: break;
    }
    size_t s = k - DATASET_TEXT_RATIONALE;
    return cr->by_stack && s < ds->nstacks ? cr->by_stack[s].rationale : NULL;
}

void dataset_fold_texts(Dataset *ds)
{
    free(ds->folded);
    free(ds->folded_at);
    size_t per = DATASET_TEXTS(ds), n = ds->ncriteria * per, bytes = 0;
    ds->folded_at = xcalloc(n ? n : 1, sizeof *ds->folded_at);
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t k = 0; k < per; k++) {
            const char *t = criterion_text(ds, &ds->criteria[c], k);
            bytes += t ? strlen(t) + 1 : 0;
        }
    ds->folded = xmalloc(bytes ? bytes : 1);
    size_t at = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t k = 0; k < per; k++) {
            const char *t = criterion_text(ds, &ds->criteria[c], k);
            if (!t) {
                ds->folded_at[c * per + k] = SIZE_MAX;
                continue;
            }
            ds->folded_at[c * per + k] = at;
            for (; *t; t++)
                ds->folded[at++] = (char)(*t >= 'A' && *t <= 'Z' ? *t - 'A' + 'a' : *t);
            ds->folded[at++] = '\0';
        }
}

const char *dataset_folded(const Dataset *ds, size_t c, size_t k)
{
    size_t per = DATASET_TEXTS(ds);
    if (!ds->folded_at || c >= ds->ncriteria || k >= per)
        return NULL;
    size_t at = ds->folded_at[c * per + k];
    return at == SIZE_MAX ? NULL : ds->folded + at;
}

int dataset_criterion_index(const Dataset *ds, const char *id)
{
    return id_index_find(&ds->criterion_ids, id);
}

int dataset_preset_index(const Dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->npresets; i++)
        if (strcmp(ds->presets[i].id, id) == 0)
            return (int)i;
    return -1;
}

void dataset_default_weights(const Dataset *ds, int *weights)
{
    for (size_t i = 0; i < ds->ncriteria; i++)
        weights[i] = ds->criteria[i].default_weight;
}
