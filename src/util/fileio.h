/* fileio.h: reading whole files with a size cap, and crash-safe writes.
 * Every file versus writes (state, cache, exports) goes through
 * file_write_atomic: a temp file in the target's directory, flushed to disk,
 * then renamed over the target, so a reader only ever sees the old or the new
 * complete file. Errors come back as an allocated message in *err that the
 * caller frees; functions return 0 on success and -1 on failure. */
#ifndef VERSUS_UTIL_FILEIO_H
#define VERSUS_UTIL_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Reads the whole of path (at most max_bytes) into *out (NUL-terminated,
 * caller frees) and its length into *len. A larger file is an error. */
int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* Writes data to path atomically with the given permission bits (e.g. 0644,
 * or 0600 for private files). Never follows a symlink planted as the temp
 * file; an existing target is replaced only once the new one is complete. */
int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err);

/* Creates dir and its missing parents with the given mode (e.g. 0700). */
int dir_create_all(const char *dir, mode_t mode, char **err);

/* The directory part of path ("." when there is none); caller frees. */
char *path_dirname(const char *path);
/* Joins dir and name with one '/'; caller frees. */
char *path_join(const char *dir, const char *name);

#endif
