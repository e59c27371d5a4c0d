/* runtimes_load.h: the bundled support windows, DATA_DIR/runtimes.yaml —
 * recorded endoflife.date rows per product, with the source and the day
 * they describe — into a RuntimeTable, for offline use and before any
 * fetch. Problems are reported as FILE:LINE:COLUMN; a bad file changes
 * nothing. A missing file is no snapshot, not an error. */
#ifndef VERSUS_LOAD_RUNTIMES_LOAD_H
#define VERSUS_LOAD_RUNTIMES_LOAD_H

#include "core/runtime.h"

/* Fills (adding where absent) the entry of every product the file lists,
 * with source bundled. 0, or -1 with *err set (caller frees). */
int runtimes_bundled_load(const char *dir, RuntimeTable *t, char **err);

#endif
