/* browse.h: finding one's way through the criteria — the orders the list
 * can be sorted in, and text matching over everything a criterion says
 * (title, label, question, each stack's rationale) for search and filter.
 * Pure functions; no allocation. Matching reads the texts the Dataset
 * folded to lower case when it was loaded (dataset_fold_texts). */
#ifndef VERSUS_CORE_BROWSE_H
#define VERSUS_CORE_BROWSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/engine.h"
#include "core/model.h"

typedef enum BrowseSort {
    BROWSE_DATA,         /* the data's order */
    BROWSE_WEIGHT,       /* heaviest first */
    BROWSE_GAP,          /* widest score gap between the shown stacks first */
    BROWSE_CONTRIBUTION, /* most points moved between the shown stacks first */
    BROWSE_SORT_COUNT,
} BrowseSort;

/* "data order", "weight", "gap between the stacks", "contribution". */
const char *browse_sort_name(BrowseSort sort);

/* Sorts the criterion indices idx[0..n) by sort, for the shown stacks
 * (indices into ds->stacks); ties keep the data's order. weights and ev
 * are the session's current ones (ev may lack totals: contribution then
 * falls back to weight times gap, which is what it is proportional to). */
void browse_sort(int *idx, size_t n, BrowseSort sort, const Dataset *ds, const int *weights,
                 const Evaluation *ev, const int *shown, size_t nshown);

typedef enum BrowseField {
    FIELD_NONE,
    FIELD_TITLE,
    FIELD_LABEL,
    FIELD_QUESTION,
    FIELD_RATIONALE,
    FIELD_ID,
} BrowseField;

/* "title", "label", "question", "rationale", "id". */
const char *browse_field_name(BrowseField field);

/* Where needle first occurs in criterion c (ASCII case folded), searching
 * its title, label, question, then each stack's rationale, then its id.
 * Returns the field (FIELD_NONE: no match, or an empty needle), with the
 * byte offset in *at and, for a rationale, the stack in *stack (both may
 * be NULL). */
BrowseField browse_match(const Dataset *ds, size_t c, const char *needle, size_t *at, int *stack);
/* The longest needle browse_match takes, in bytes (the dashboard's input
 * lines are shorter); a longer one matches nothing. */
#define BROWSE_NEEDLE_MAX 1024

/* The byte offset of needle in text (ASCII case folded), or -1. */
long browse_find(const char *text, const char *needle);

#endif
