/* fileio.c: size-capped reads that never block, and atomic writes that
 * never go through a planted link. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

static int fail(char **err, const char *what, const char *path, int errnum)
{
    if (err)
        *err = xasprintf("%s: %s: %s", path, what, strerror(errnum));
    return -1;
}

static int fail_not_regular(char **err, const char *path)
{
    if (err)
        *err = xasprintf("%s: " FILE_NOT_REGULAR, path);
    return -1;
}

/* O_NONBLOCK makes open() return at once on a FIFO with no writer (and on
 * a device that would wait for a carrier); the fstat then refuses it. */
static int open_regular(const char *path, int extra_flags, int *fd_out, char **err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | extra_flags);
    if (fd < 0) {
        if (errno == ELOOP && (extra_flags & O_NOFOLLOW)) {
            if (err)
                *err = xasprintf("%s: is a symbolic link; versus does not follow links for its own files",
                                 path);
            return -1;
        }
        return fail(err, "cannot open", path, errno);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(err, "cannot stat", path, e);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail_not_regular(err, path);
    }
    *fd_out = fd;
    return 0;
}

int file_open_read(const char *path, int *fd, char **err) { return open_regular(path, 0, fd, err); }

int file_read_some(int fd, const char *path, void *buf, size_t n, size_t *got, char **err)
{
    for (;;) {
        ssize_t r = read(fd, buf, n);
        if (r >= 0) {
            *got = (size_t)r;
            return 0;
        }
        if (errno != EINTR)
            return fail(err, "cannot read", path, errno);
    }
}

static int read_all(const char *path, int extra_flags, size_t max_bytes, char **out, size_t *len,
                    char **err)
{
    int fd;
    if (open_regular(path, extra_flags, &fd, err) != 0)
        return -1;
    size_t cap = 4096, used = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (used == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got;
        if (file_read_some(fd, path, buf + used, cap - used, &got, err) != 0) {
            free(buf);
            close(fd);
            return -1;
        }
        if (got == 0)
            break;
        used += got;
        if (used > max_bytes) {
            free(buf);
            close(fd);
            if (err)
                *err = xasprintf("%s: file is larger than %zu bytes", path, max_bytes);
            return -1;
        }
    }
    close(fd);
    buf = xrealloc(buf, used + 1);
    buf[used] = '\0';
    *out = buf;
    if (len)
        *len = used;
    return 0;
}

int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, char **err)
{
    return read_all(path, 0, max_bytes, out, len, err);
}

int file_read_own(const char *path, size_t max_bytes, char **out, size_t *len, char **err)
{
    return read_all(path, O_NOFOLLOW, max_bytes, out, len, err);
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n > 0 && dir[n - 1] == '/')
        return xasprintf("%s%s", dir, name);
    return xasprintf("%s/%s", dir, name);
}

static long ms_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Writes all of data. On a non-blocking descriptor a full pipe is waited
 * for, but only up to FILE_WRITE_PATIENCE_MS in all; then errno is EAGAIN. */
static int write_fully(int fd, const char *data, size_t len)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (len > 0) {
        ssize_t put = write(fd, data, len);
        if (put < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                long left = FILE_WRITE_PATIENCE_MS - ms_since(&start);
                struct pollfd pfd = { .fd = fd, .events = POLLOUT };
                if (left > 0 && poll(&pfd, 1, (int)left) > 0 && !(pfd.revents & POLLERR))
                    continue;
                errno = EAGAIN;
            }
            return -1;
        }
        data += put;
        len -= (size_t)put;
    }
    return 0;
}

static int write_in_place(const char *path, const char *data, size_t len, FileWait wait, char **err)
{
    int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC | (wait == FILE_NO_BLOCK ? O_NONBLOCK : 0);
    int fd = open(path, flags);
    if (fd < 0) {
        if (errno == ENXIO && wait == FILE_NO_BLOCK) {
            if (err)
                *err = xasprintf("%s: nothing is reading this FIFO; nothing written", path);
            return -1;
        }
        return fail(err, "cannot write", path, errno);
    }
    int e = 0;
    if (write_fully(fd, data, len) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == EAGAIN) {
        if (err)
            *err = xasprintf("%s: the reader stopped taking data; export cut short after %d s", path,
                             FILE_WRITE_PATIENCE_MS / 1000);
        return -1;
    }
    return e ? fail(err, "cannot write", path, e) : 0;
}

/* A fresh temp file in dir created with O_EXCL|O_NOFOLLOW, so that a
 * symlink planted in advance can neither be followed nor make us write
 * elsewhere. Its name starts with the target's (cut short so the whole
 * name stays within NAME_MAX). Returns the descriptor and sets *tmp. */
static int open_temp(const char *dir, const char *base, mode_t mode, char **tmp)
{
    int fd = -1;
    *tmp = NULL;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        char suffix[64];
        snprintf(suffix, sizeof suffix, ".tmp-%ld-%08lx", (long)getpid(),
                 ((unsigned long)random() ^ (unsigned long)attempt) & 0xffffffffUL);
        size_t keep = strlen(base);
        size_t room = NAME_MAX - 1 - strlen(suffix); /* the leading '.' */
        if (keep > room)
            keep = room;
        free(*tmp);
        *tmp = xasprintf("%s/.%.*s%s", dir, (int)keep, base, suffix);
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    return fd;
}

/* Temp file, fsync, rename over path, fsync the directory; without the
 * fsyncs when not durable. */
static int replace_file(const char *path, const char *dir, const char *base, const char *data,
                        size_t len, mode_t mode, bool durable, char **err)
{
    char *tmp = NULL;
    int fd = open_temp(dir, base, mode, &tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return fail(err, "cannot write", path, e);
    }
    /* open() applies the umask; the caller's mode is what it asked for. */
    (void)fchmod(fd, mode);
    int e = 0;
    if (write_fully(fd, data, len) != 0 || (durable && fsync(fd) != 0))
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e != 0) {
        unlink(tmp);
        free(tmp);
        return fail(err, "cannot write", path, e);
    }
    /* Make the rename itself durable. */
    int dfd = durable ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(tmp);
    return 0;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int write_own(const char *path, const char *data, size_t len, mode_t mode, bool durable, char **err)
{
    const char *base = base_of(path);
    struct stat st;
    if (*base == '\0' || (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return fail(err, "cannot write", path, EISDIR);
    char *dir = path_dirname(path);
    int rc = replace_file(path, dir, base, data, len, mode, durable, err);
    free(dir);
    return rc;
}

int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err)
{
    return write_own(path, data, len, mode, true, err);
}

int file_write_cache(const char *path, const char *data, size_t len, mode_t mode, char **err)
{
    return write_own(path, data, len, mode, false, err);
}

int file_write_user(const char *path, const char *data, size_t len, mode_t mode, FileWait wait,
                    char **err)
{
    const char *base = base_of(path);
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (*base == '\0' || (exists && S_ISDIR(st.st_mode)))
        return fail(err, "cannot write", path, EISDIR);
    /* A device or pipe (/dev/null, /dev/full, a FIFO) is written in place:
     * renaming a temp file over it would replace the device node itself. */
    if (exists && !S_ISREG(st.st_mode))
        return write_in_place(path, data, len, wait, err);
    char *dir = path_dirname(path);
    int rc = replace_file(path, dir, base, data, len, mode, true, err);
    free(dir);
    return rc;
}

/* dir exists: make sure no one else can write in it. */
static int secure_dir(const char *dir, mode_t mode, char **err)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fail(err, "cannot create directory", dir, ENOTDIR);
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
        return 0;
    if (st.st_uid != geteuid()) {
        if (err)
            *err = xasprintf("%s: other users can write in this directory and it is not yours; "
                             "refusing to keep files there",
                             dir);
        return -1;
    }
    if (chmod(dir, mode & ~(mode_t)(S_IWGRP | S_IWOTH)) != 0)
        return fail(err, "cannot tighten the permissions of", dir, errno);
    return 0;
}

int dir_create_all(const char *dir, mode_t mode, char **err)
{
    char *copy = xstrdup(dir);
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    for (char *p = copy + 1; ; p++) {
        int at_end = (*p == '\0');
        if (*p == '/' || at_end) {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, mode) != 0 && errno != EEXIST) {
                int e = errno;
                int r = fail(err, "cannot create directory", copy, e);
                free(copy);
                return r;
            }
            *p = saved;
            if (at_end)
                break;
        }
    }
    int rc = secure_dir(copy, mode, err);
    free(copy);
    return rc;
}
