/* health_load.h: the bundled package health, DATA_DIR/health.yaml — per
 * ecosystem a source, the day it describes and each package's figures
 * (version, published, license, repository) — into a HealthTable, for
 * offline use and before any fetch. Only entries already in the table
 * (the evidence packages) are filled; a figure the file does not give
 * stays unknown, which reads "not in the snapshot". Problems are reported
 * as FILE:LINE:COLUMN; a bad file changes nothing. A missing file is no
 * snapshot, not an error. */
#ifndef VERSUS_LOAD_HEALTH_LOAD_H
#define VERSUS_LOAD_HEALTH_LOAD_H

#include "core/health.h"

/* 0, or -1 with *err set (caller frees). */
int health_bundled_load(const char *dir, HealthTable *t, char **err);

#endif
