/* fileio.h: reading whole files with a size cap, and crash-safe writes.
 * Every file versus writes goes through a temp file in the target's
 * directory, flushed to disk, then renamed over the target, so a reader only
 * ever sees the old or the new complete file: file_write_atomic for versus's
 * own files (the state), file_write_cache for the cache (the same, without
 * waiting for the disk), file_write_user for a path the user named (an
 * export), which may also be a device or a FIFO on purpose.
 * Reads never block: a FIFO, a device or a directory is refused with
 * "PATH: not a regular file" before a byte is read.
 * Errors come back as an allocated message in *err that the caller frees;
 * functions return 0 on success and -1 on failure. */
#ifndef VERSUS_UTIL_FILEIO_H
#define VERSUS_UTIL_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* The message of a path that is not a regular file (after "PATH: "). */
#define FILE_NOT_REGULAR "not a regular file"

/* Reads the whole of path (at most max_bytes) into *out (NUL-terminated,
 * caller frees) and its length into *len. A larger file is an error, and so
 * is anything but a regular file (opened without blocking, so a FIFO with no
 * writer cannot hang the caller). */
int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* file_read_all for versus's own files: a symlink at path is refused, not
 * followed (O_NOFOLLOW), so a planted link cannot make it read elsewhere. */
int file_read_own(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* For reading a file a piece at a time: opens path as file_read_all does
 * (without blocking, a regular file only) into *fd (caller closes), and
 * reads at most n bytes of it into buf (*got: 0 at the end), going on
 * after a signal. */
int file_open_read(const char *path, int *fd, char **err);
int file_read_some(int fd, const char *path, void *buf, size_t n, size_t *got, char **err);

/* Writes one of versus's own files (state, cache) atomically with the given
 * permission bits (e.g. 0600): always a fresh temp file (O_EXCL|O_NOFOLLOW)
 * renamed over path. Whatever was at path (a planted symlink, FIFO or
 * device node) is replaced, never written through. */
int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err);

/* file_write_atomic without its two fsyncs (the file's and the directory's):
 * for files that can be fetched again, the cache. A reader still sees only
 * the old or the new complete file, and a planted link is still replaced,
 * never followed; only after a power cut may the file be old, empty or cut
 * short, which the cache's reader refuses like any damaged record (the
 * figure is fetched again). A refresh writes a record per package, and
 * two fsyncs each were most of its time between transfers. */
int file_write_cache(const char *path, const char *data, size_t len, mode_t mode, char **err);

/* How file_write_user may wait. */
typedef enum FileWait {
    FILE_MAY_BLOCK, /* headless: a FIFO's reader is waited for, as cat would */
    FILE_NO_BLOCK,  /* the dashboard: a FIFO no one reads, or a reader that stops
                       taking data for FILE_WRITE_PATIENCE_MS, is an error */
} FileWait;
#define FILE_WRITE_PATIENCE_MS 2000

/* Writes a file at a path the user named (an export): a regular file (or
 * none yet) as file_write_atomic does, following a symlink the user made;
 * an existing device or FIFO (/dev/stdout, /dev/null, a pipe) is written in
 * place, since renaming over it would replace the node itself. */
int file_write_user(const char *path, const char *data, size_t len, mode_t mode, FileWait wait,
                    char **err);

/* Creates dir and its missing parents with the given mode (e.g. 0700).
 * dir itself is versus's own: when it already exists with group or world
 * write access it is tightened to mode if it belongs to this user, and
 * refused otherwise (others could plant files and links in it). */
int dir_create_all(const char *dir, mode_t mode, char **err);

/* The directory part of path ("." when there is none); caller frees. */
char *path_dirname(const char *path);
/* Joins dir and name with one '/'; caller frees. */
char *path_join(const char *dir, const char *name);

#endif
