/* snapshot_load.h: reads an exported JSON snapshot (--load) back into
 * weights and a preset, so a decision can be reproduced. Criteria are
 * matched by id; the snapshot must cover every criterion of the data set.
 * Errors: -1 with *err = "FILE:LINE:COLUMN: message" (caller frees). */
#ifndef VERSUS_LOAD_SNAPSHOT_LOAD_H
#define VERSUS_LOAD_SNAPSHOT_LOAD_H

#include "core/model.h"

/* weights: [ds->ncriteria] filled on success; *preset: the preset index
 * named in the snapshot, or -1 for none/custom. */
int snapshot_load(const char *path, const Dataset *ds, int *weights, int *preset, char **err);

#endif
