/* snapshot_load.h: reads an exported JSON snapshot (--load) back into
 * weights and a preset, so a decision can be reproduced. Criteria are
 * matched by id; the snapshot must cover every criterion of the data set.
 * Errors: SNAPSHOT_LOAD_BAD (-1) with *err = "FILE:LINE:COLUMN: message"
 * for bad content, SNAPSHOT_LOAD_IO (-2) with *err naming the path when the
 * file cannot be read (caller frees *err either way). */
#ifndef VERSUS_LOAD_SNAPSHOT_LOAD_H
#define VERSUS_LOAD_SNAPSHOT_LOAD_H

#include "core/model.h"

#define SNAPSHOT_LOAD_BAD (-1)
#define SNAPSHOT_LOAD_IO (-2)
#define SNAPSHOT_MAX_BYTES (16 * 1024 * 1024)

/* weights: [ds->ncriteria] filled on success; *preset: the preset index
 * named in the snapshot, or -1 for none/custom. */
int snapshot_load(const char *path, const Dataset *ds, int *weights, int *preset, char **err);

/* The same, and *author (caller frees): the snapshot's "author", or NULL
 * when it has none (null or absent). A snapshot's weights must be whole:
 * a team's combined export is not a member's snapshot. */
int snapshot_load_member(const char *path, const Dataset *ds, int *weights, char **author,
                         char **err);

#endif
