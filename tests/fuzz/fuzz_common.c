/* fuzz_common.c: the temp directory and file writing the harnesses share. */
#include "fuzz/fuzz_common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmp_dir[256];
static char tmp_path[512];

/* Removes everything the harness (or a loader under test) left behind. */
static void tmpdir_remove(void)
{
    DIR *d = opendir(tmp_dir);
    if (d) {
        struct dirent *e;
        char p[600];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            snprintf(p, sizeof p, "%s/%s", tmp_dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(tmp_dir);
}

const char *fuzz_tmpdir(void)
{
    if (tmp_dir[0] == '\0') {
        const char *base = getenv("TMPDIR");
        snprintf(tmp_dir, sizeof tmp_dir, "%s/versus-fuzz.XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmp_dir)) {
            perror("mkdtemp");
            abort();
        }
        atexit(tmpdir_remove);
    }
    return tmp_dir;
}

const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    snprintf(tmp_path, sizeof tmp_path, "%s/%s", fuzz_tmpdir(), name);
    int fd = open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror(tmp_path);
        abort();
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            perror(tmp_path);
            abort();
        }
        done += (size_t)n;
    }
    close(fd);
    return tmp_path;
}
