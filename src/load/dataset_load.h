/* dataset_load.h: reads a data directory (stacks.yaml, criteria.yaml,
 * presets.yaml, settings.yaml) into a Dataset, and the bundled stats
 * snapshot (snapshot.yaml) into a StatsTable.
 * Errors: NULL / -1 with *err = "FILE:LINE:COLUMN: message" (caller frees). */
#ifndef VERSUS_LOAD_DATASET_LOAD_H
#define VERSUS_LOAD_DATASET_LOAD_H

#include "core/model.h"
#include "core/stats.h"

/* Returns a Dataset the caller frees with dataset_free. */
Dataset *dataset_load(const char *dir, char **err);

/* Fills every entry of stats that the snapshot knows with its bundled
 * monthly figure (last_month), source STAT_SOURCE_BUNDLED, the snapshot's
 * period and origin. Entries the snapshot lacks stay as they are. */
int bundled_stats_load(const char *dir, StatsTable *stats, char **err);

#endif
