/* fileio.c: size-capped reads and atomic writes. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

static int fail(char **err, const char *what, const char *path, int errnum)
{
    if (err)
        *err = xasprintf("%s: %s: %s", path, what, strerror(errnum));
    return -1;
}

int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, "cannot open", path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(err, "cannot stat", path, e);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return fail(err, "cannot read", path, EISDIR);
    }
    size_t cap = 4096, used = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (used == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            return fail(err, "cannot read", path, e);
        }
        if (got == 0)
            break;
        used += (size_t)got;
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

static int write_fully(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t put = write(fd, data, len);
        if (put < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += put;
        len -= (size_t)put;
    }
    return 0;
}

static int write_in_place(const char *path, const char *data, size_t len, char **err)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, "cannot write", path, errno);
    int e = 0;
    if (write_fully(fd, data, len) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    return e ? fail(err, "cannot write", path, e) : 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode, char **err)
{
    char *dir = path_dirname(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (*base == '\0') {
        free(dir);
        return fail(err, "cannot write", path, EISDIR);
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(dir);
        return fail(err, "cannot write", path, EISDIR);
    }
    /* A device or pipe (/dev/null, /dev/full, a FIFO) is written in place:
     * renaming a temp file over it would replace the device node itself. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        free(dir);
        return write_in_place(path, data, len, err);
    }
    /* A fresh random name created with O_EXCL|O_NOFOLLOW: a symlink planted
     * in advance can neither be followed nor make us write elsewhere. */
    char *tmp = NULL;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        free(tmp);
        tmp = xasprintf("%s/.%s.tmp-%ld-%08lx", dir, base, (long)getpid(),
                        (unsigned long)random() ^ (unsigned long)attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(dir);
        return fail(err, "cannot write", path, e);
    }
    /* open() applies the umask; the caller's mode is what it asked for. */
    (void)fchmod(fd, mode);
    int e = 0;
    if (write_fully(fd, data, len) != 0 || fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e != 0) {
        unlink(tmp);
        free(tmp);
        free(dir);
        return fail(err, "cannot write", path, e);
    }
    /* Make the rename itself durable. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(tmp);
    free(dir);
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
    struct stat st;
    if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) {
        int r = fail(err, "cannot create directory", copy, ENOTDIR);
        free(copy);
        return r;
    }
    free(copy);
    return 0;
}
