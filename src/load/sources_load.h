/* sources_load.h: data/sources.yaml -> Sources (core/sources.h). A pure
 * loader: no network, no environment.
 * Errors: NULL with *err = "FILE:LINE:COLUMN: message" (caller frees).
 * Ownership: Sources owns every string in it; sources_free releases all. */
#ifndef VERSUS_LOAD_SOURCES_LOAD_H
#define VERSUS_LOAD_SOURCES_LOAD_H

#include <stddef.h>

#include "core/sources.h"

/* Reads a sources file (normally DATA_DIR/sources.yaml). */
Sources *sources_load(const char *path, char **err);
/* DATA_DIR/sources.yaml; a missing file means no live sources (an empty
 * set), any other trouble is an error. */
Sources *sources_load_dir(const char *data_dir, char **err);
/* The same from a buffer; name stands in for the path in messages. */
Sources *sources_load_buffer(const char *name, const char *buf, size_t len, char **err);

#endif
