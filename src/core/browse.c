/* browse.c: sorting the criteria list and matching text in criteria. */
#include "core/browse.h"

#include <string.h>

const char *browse_sort_name(BrowseSort sort)
{
    switch (sort) {
    case BROWSE_DATA: return "data order";
    case BROWSE_WEIGHT: return "weight";
    case BROWSE_GAP: return "gap between the stacks";
    case BROWSE_CONTRIBUTION: return "contribution";
    case BROWSE_SORT_COUNT: break;
    }
    return "?";
}

/* The widest difference between two of the shown stacks' values. */
static double spread(const double *v, size_t n)
{
    if (n == 0)
        return 0;
    double lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    return hi - lo;
}

static double sort_key(BrowseSort sort, const Dataset *ds, const int *weights, const Evaluation *ev,
                       const int *shown, size_t nshown, int c)
{
    double v[64];
    size_t n = nshown < 64 ? nshown : 64;
    switch (sort) {
    case BROWSE_WEIGHT:
        return weights[c];
    case BROWSE_GAP:
        for (size_t i = 0; i < n; i++)
            v[i] = ds->criteria[c].by_stack[shown[i]].score;
        return spread(v, n);
    case BROWSE_CONTRIBUTION:
        if (ev && ev->has_total) {
            for (size_t i = 0; i < n; i++)
                v[i] = evaluation_contrib(ev, (size_t)c, (size_t)shown[i]);
            return spread(v, n);
        }
        for (size_t i = 0; i < n; i++)
            v[i] = ds->criteria[c].by_stack[shown[i]].score;
        return weights[c] * spread(v, n);
    case BROWSE_DATA:
    case BROWSE_SORT_COUNT:
        break;
    }
    return -c; /* data order: earlier first */
}

void browse_sort(int *idx, size_t n, BrowseSort sort, const Dataset *ds, const int *weights,
                 const Evaluation *ev, const int *shown, size_t nshown)
{
    /* Insertion sort, stable, largest key first; ties in data order. The
     * list is short (and sorted once per change), so n^2 is fine to a few
     * thousand criteria. Keys are computed as they are compared. */
    for (size_t i = 1; i < n; i++) {
        int v = idx[i];
        double kv = sort_key(sort, ds, weights, ev, shown, nshown, v);
        size_t k = i;
        while (k > 0) {
            int u = idx[k - 1];
            double ku = sort_key(sort, ds, weights, ev, shown, nshown, u);
            if (ku > kv || (ku == kv && u < v))
                break;
            idx[k] = u;
            k--;
        }
        idx[k] = v;
    }
}

const char *browse_field_name(BrowseField field)
{
    switch (field) {
    case FIELD_NONE: return "";
    case FIELD_TITLE: return "title";
    case FIELD_LABEL: return "label";
    case FIELD_QUESTION: return "question";
    case FIELD_RATIONALE: return "rationale";
    case FIELD_ID: return "id";
    }
    return "";
}

static char fold(char ch) { return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch; }

long browse_find(const char *text, const char *needle)
{
    if (!text || !needle || !needle[0])
        return -1;
    size_t n = strlen(needle);
    for (const char *p = text; *p; p++) {
        size_t k = 0;
        while (k < n && p[k] && fold(p[k]) == fold(needle[k]))
            k++;
        if (k == n)
            return (long)(p - text);
    }
    return -1;
}

/* The order texts are searched in, and the field each one reports. */
static const struct {
    size_t text;
    BrowseField field;
} MATCH_ORDER[] = {
    { DATASET_TEXT_TITLE, FIELD_TITLE },
    { DATASET_TEXT_LABEL, FIELD_LABEL },
    { DATASET_TEXT_QUESTION, FIELD_QUESTION },
    { DATASET_TEXT_RATIONALE, FIELD_RATIONALE }, /* each stack's, in turn */
    { DATASET_TEXT_ID, FIELD_ID },
};

BrowseField browse_match(const Dataset *ds, size_t c, const char *needle, size_t *at, int *stack)
{
    if (stack)
        *stack = -1;
    if (!needle || !needle[0] || c >= ds->ncriteria)
        return FIELD_NONE;
    /* The texts were folded at load: fold the needle alone, once. */
    char folded[BROWSE_NEEDLE_MAX + 1];
    size_t n = 0;
    for (; needle[n]; n++) {
        if (n == BROWSE_NEEDLE_MAX)
            return FIELD_NONE;
        folded[n] = fold(needle[n]);
    }
    folded[n] = '\0';
    for (size_t i = 0; i < sizeof MATCH_ORDER / sizeof MATCH_ORDER[0]; i++) {
        size_t first = MATCH_ORDER[i].text, count = 1;
        if (first == DATASET_TEXT_RATIONALE)
            count = ds->nstacks;
        for (size_t k = 0; k < count; k++) {
            const char *text = dataset_folded(ds, c, first + k);
            const char *hit = text ? strstr(text, folded) : NULL;
            if (!hit)
                continue;
            if (at)
                *at = (size_t)(hit - text);
            if (stack && first == DATASET_TEXT_RATIONALE)
                *stack = (int)k;
            return MATCH_ORDER[i].field;
        }
    }
    return FIELD_NONE;
}
