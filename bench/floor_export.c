/* floor_export.c: the least a file export can cost. It links the libraries
 * versus links, takes the bytes versus wrote (read from SOURCE before any
 * figure that matters: a small file in the page cache) and puts them at
 * DEST the way versus does: a new temporary file beside it, write, fsync,
 * rename, fsync of the directory. With DEST "-" it writes them to stdout.
 *   floor_export SOURCE DEST */
#include <curses.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static char buf[1 << 22];

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* Referenced, never reached: without a use, --as-needed drops them. */
    if (argc > 99) {
        initscr();
        json_decref(json_object());
        yaml_parser_t p;
        yaml_parser_initialize(&p);
    }
    if (argc != 3)
        return 2;
    int in = open(argv[1], O_RDONLY);
    if (in < 0)
        return 1;
    ssize_t n = read(in, buf, sizeof buf);
    close(in);
    if (n < 0)
        return 1;
    if (strcmp(argv[2], "-") == 0)
        return write_all(1, buf, (size_t)n) ? 1 : 0;
    char tmp[4096], dir[4096];
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", argv[2]);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return 1;
    if (write_all(fd, buf, (size_t)n) != 0 || fsync(fd) != 0 || close(fd) != 0 ||
        rename(tmp, argv[2]) != 0)
        return 1;
    snprintf(dir, sizeof dir, "%s", argv[2]);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}
