/* replay.c: runs one harness over files and directories without libFuzzer,
 * with the normal compiler, so `make check` replays every corpus and every
 * crash input kept as a regression file. Prints TAP: one line per directory
 * or file given. A crash ends the program, which the runner counts as a
 * failure; the file being replayed is printed first so it can be found. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz_common.h"

#ifndef FUZZ_NAME
#define FUZZ_NAME "unnamed"
#endif

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    /* An exact-size copy, as libFuzzer gives, so overreads are caught. */
    unsigned char *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    free(buf);
    fprintf(stderr, "replaying %s\n", path);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns how many files were replayed, or -1 on a read error. */
static long replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return replay_file(path) == 0 ? 1 : -1;
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t nnames = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        names = realloc(names, (nnames + 1) * sizeof *names);
        names[nnames++] = strdup(e->d_name);
    }
    closedir(d);
    if (nnames > 1)
        qsort(names, nnames, sizeof *names, name_cmp);
    long count = 0;
    for (size_t i = 0; i < nnames; i++) {
        size_t plen = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(plen);
        snprintf(child, plen, "%s/%s", path, names[i]);
        long r = replay_path(child);
        if (r < 0) count = -1;
        else if (count >= 0) count += r;
        free(child);
        free(names[i]);
    }
    free(names);
    return count;
}

/* With no arguments: the harness's corpus and its regression inputs, found
 * through FUZZ_ROOT and FUZZ_NAME (set by the Makefile). The regression
 * directory may be absent while nothing has ever crashed. */
int main(int argc, char **argv)
{
    const char *defaults[] = {
        FUZZ_ROOT "/tests/fuzz/corpus/" FUZZ_NAME,
        FUZZ_ROOT "/tests/fuzz/regressions/" FUZZ_NAME,
    };
    const char *const *paths = (const char *const *)argv + 1;
    int npaths = argc - 1;
    if (npaths == 0) {
        paths = defaults;
        npaths = 2;
    }
    int failed = 0;
    printf("1..%d\n", npaths);
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (argc == 1 && i == 1 && stat(paths[i], &st) != 0) {
            /* Nothing replayed is not a pass: the runner counts a skip. */
            printf("ok %d - %s # SKIP no regression inputs yet\n", i + 1, paths[i]);
            continue;
        }
        long n = replay_path(paths[i]);
        if (n <= 0) {
            /* An empty corpus or regression directory is a mistake too: it
             * would replay nothing. */
            printf("not ok %d - %s (%s)\n", i + 1, paths[i], n == 0 ? "no inputs" : "unreadable");
            failed = 1;
        } else {
            printf("ok %d - " FUZZ_NAME " %s: %ld inputs replayed without a fault\n", i + 1,
                   paths[i], n);
        }
        fflush(stdout);
    }
    return failed;
}
