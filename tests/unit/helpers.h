/* helpers.h: building small data sets in memory for unit tests, and the
 * scratch directories some of them write in. */
#ifndef VERSUS_TESTS_HELPERS_H
#define VERSUS_TESTS_HELPERS_H

#include <stddef.h>

#include "core/model.h"

/* A data set of nstacks stacks ("s0".."sN", named "Stack 0"..) and
 * ncriteria criteria ("c0".., label "label 0"..), scores taken row by row
 * from scores[c * nstacks + s], default weights from weights[c]. Every
 * stack is on ecosystem "npm" except odd ones on "pypi"; no evidence.
 * Free with dataset_free. */
Dataset *test_dataset(size_t nstacks, size_t ncriteria, const double *scores, const int *weights);

/* Adds a preset with the given id and weights[ncriteria]. */
void test_dataset_add_preset(Dataset *ds, const char *id, const int *weights);
/* Replaces *slot with a copy of value. */
void test_set_string(char **slot, const char *value);
/* Criterion c names package as stack s's evidence. */
void test_add_evidence(Dataset *ds, size_t c, size_t s, const char *package);
/* Criterion c's assessment for stack s cites a source (note may be NULL). */
void test_add_citation(Dataset *ds, size_t c, size_t s, const char *title, const char *url,
                       const char *date, const char *note);

/* A fresh private directory /tmp/versus-NAME.XXXXXX (caller frees); the
 * program stops with a message if it cannot be made. */
char *test_temp_dir(const char *name);
/* Removes dir and everything in it: 0, or -1 when that failed. */
int test_remove_tree(const char *dir);

#endif
