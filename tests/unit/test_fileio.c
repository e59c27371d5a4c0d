/* test_fileio.c: the one place files are read and written — reads that
 * refuse FIFOs, devices and directories without blocking, own files never
 * read or written through a planted symlink, exports that may go to a FIFO
 * but never hang the dashboard, temp names within NAME_MAX, and private
 * directories that stay private. Every blocking call runs under an alarm,
 * so a regression fails here instead of hanging the suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/fileio.h"
#include "unit/helpers.h"
#include "util/xalloc.h"

#define ALARM_S 10

/* Every fsync the library makes comes here (the program's own definition
 * wins over the C library's when the static library is linked), counted,
 * then made for real. */
static int fsyncs;
int fsync(int fd)
{
    fsyncs++;
    return (int)syscall(SYS_fsync, fd);
}

typedef struct Fixture {
    char dir[64];
} Fixture;

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "test_fileio: a file operation blocked\n";
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more to do */
    }
    _exit(3);
}

static int setup(void **state)
{
    Fixture *f = xcalloc(1, sizeof *f);
    char *tmp = test_temp_dir("fileio");
    assert_true(strlen(tmp) < sizeof f->dir);
    strcpy(f->dir, tmp);
    free(tmp);
    signal(SIGALRM, on_alarm);
    signal(SIGPIPE, SIG_IGN);
    alarm(ALARM_S);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    alarm(0);
    if (test_remove_tree(f->dir) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    free(f);
    return 0;
}

static char *in_dir(const Fixture *f, const char *name) { return path_join(f->dir, name); }

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static char *contents(const char *path)
{
    char *text = NULL, *err = NULL;
    if (file_read_all(path, 1 << 20, &text, NULL, &err) != 0)
        fail_msg("%s", err);
    return text;
}

/* Files in dir whose name starts with '.': leftover temp files. */
static int hidden_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void expect_not_regular(const char *path, int rc, char *err)
{
    assert_int_equal(rc, -1);
    assert_non_null(err);
    char *want = xasprintf("%s: %s", path, FILE_NOT_REGULAR);
    assert_string_equal(err, want);
    free(want);
    free(err);
}

static void reads_refuse_fifos_devices_and_directories(void **state)
{
    Fixture *f = *state;
    char *fifo = in_dir(f, "fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *others[] = { fifo, "/dev/null", "/dev/zero", f->dir };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        char *text = NULL, *err = NULL;
        /* A FIFO with no writer would block a plain open() for ever. */
        int rc = file_read_all(others[i], 100, &text, NULL, &err);
        expect_not_regular(others[i], rc, err);
        assert_null(text);
        err = NULL;
        rc = file_read_own(others[i], 100, &text, NULL, &err);
        expect_not_regular(others[i], rc, err);
    }
    /* Through a symlink too: file_read_all follows it, and still refuses. */
    char *link = in_dir(f, "link-to-fifo");
    assert_int_equal(symlink(fifo, link), 0);
    char *text = NULL, *err = NULL;
    int rc = file_read_all(link, 100, &text, NULL, &err);
    expect_not_regular(link, rc, err);
    free(link);
    free(fifo);
}

static void own_reads_refuse_symlinks(void **state)
{
    Fixture *f = *state;
    char *target = in_dir(f, "target");
    char *link = in_dir(f, "state.yaml");
    put(target, "secret\n");
    assert_int_equal(symlink(target, link), 0);
    char *text = NULL, *err = NULL;
    assert_int_equal(file_read_own(link, 100, &text, NULL, &err), -1);
    assert_null(text);
    assert_non_null(strstr(err, "symbolic link"));
    free(err);
    /* A path the user named may be a link. */
    size_t len = 0;
    assert_int_equal(file_read_all(link, 100, &text, &len, &err), 0);
    assert_string_equal(text, "secret\n");
    assert_int_equal(len, 7);
    free(text);
    /* And a regular own file reads. */
    assert_int_equal(file_read_own(target, 100, &text, NULL, &err), 0);
    assert_string_equal(text, "secret\n");
    free(text);
    free(target);
    free(link);
}

/* file_write_atomic over a planted link to each kind of file: the link is
 * replaced by the new regular file and the target is left as it was. */
typedef int (*OwnWrite)(const char *path, const char *data, size_t len, mode_t mode, char **err);

static void own_writes_replace_planted_links_with(Fixture *f, OwnWrite write_own)
{
    char *target = in_dir(f, "elsewhere");
    char *fifo = in_dir(f, "fifo");
    unlink(fifo); /* from the other writer's turn */
    put(target, "untouched\n");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* /dev/full fails every write: writing through the link would fail. */
    const char *targets[] = { target, fifo, "/dev/null", "/dev/full" };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        char *path = in_dir(f, "record.json");
        unlink(path);
        assert_int_equal(symlink(targets[i], path), 0);
        char *err = NULL;
        if (write_own(path, "{\"new\": 1}\n", 11, 0600, &err) != 0)
            fail_msg("writing over a link to %s: %s", targets[i], err);
        struct stat st;
        assert_int_equal(lstat(path, &st), 0);
        assert_true(S_ISREG(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0600);
        char *text = contents(path);
        assert_string_equal(text, "{\"new\": 1}\n");
        free(text);
        free(path);
    }
    char *text = contents(target);
    assert_string_equal(text, "untouched\n");
    free(text);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* A FIFO planted at the path itself is replaced, not written to. */
    char *path = in_dir(f, "record.json");
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    char *err = NULL;
    assert_int_equal(write_own(path, "x\n", 2, 0600, &err), 0);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(hidden_files(f->dir), 0);
    free(path);
    free(target);
    free(fifo);
}

static void own_writes_replace_planted_links(void **state)
{
    Fixture *f = *state;
    own_writes_replace_planted_links_with(f, file_write_atomic);
    own_writes_replace_planted_links_with(f, file_write_cache);
}

/* The state and exports wait for the disk, the file's data and then the
 * rename in its directory; the cache, which can be fetched again, does
 * not, and is as atomic: the whole new file at the path, no temp left. */
static void only_files_that_cannot_be_fetched_again_wait_for_the_disk(void **state)
{
    Fixture *f = *state;
    char *path = in_dir(f, "record.json");
    char *err = NULL;
    fsyncs = 0;
    assert_int_equal(file_write_atomic(path, "state\n", 6, 0600, &err), 0);
    assert_int_equal(fsyncs, 2);
    fsyncs = 0;
    assert_int_equal(file_write_user(path, "export\n", 7, 0600, FILE_NO_BLOCK, &err), 0);
    assert_int_equal(fsyncs, 2);
    fsyncs = 0;
    assert_int_equal(file_write_cache(path, "cache\n", 6, 0600, &err), 0);
    assert_int_equal(fsyncs, 0);
    char *text = contents(path);
    assert_string_equal(text, "cache\n");
    free(text);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(hidden_files(f->dir), 0);
    free(path);
}

static void temp_names_fit_name_max(void **state)
{
    Fixture *f = *state;
    /* 248 and 255 characters: legal names, whose temp name would not be. */
    size_t lengths[] = { 248, 255 };
    for (size_t i = 0; i < 2; i++) {
        char name[256];
        memset(name, 'n', lengths[i]);
        name[lengths[i]] = '\0';
        memcpy(name + lengths[i] - 3, ".md", 3);
        char *path = in_dir(f, name);
        char *err = NULL;
        if (file_write_atomic(path, "own\n", 4, 0600, &err) != 0)
            fail_msg("%zu characters, own: %s", lengths[i], err);
        if (file_write_user(path, "user\n", 5, 0644, FILE_NO_BLOCK, &err) != 0)
            fail_msg("%zu characters, export: %s", lengths[i], err);
        char *text = contents(path);
        assert_string_equal(text, "user\n");
        free(text);
        free(path);
    }
    assert_int_equal(hidden_files(f->dir), 0);
}

static void user_writes_to_a_fifo_never_block_the_dashboard(void **state)
{
    Fixture *f = *state;
    char *fifo = in_dir(f, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* No reader: refused at once, nothing left behind. */
    char *err = NULL;
    assert_int_equal(file_write_user(fifo, "data\n", 5, 0644, FILE_NO_BLOCK, &err), -1);
    assert_non_null(strstr(err, "nothing is reading"));
    free(err);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));

    /* A reader that takes the data: it arrives. */
    int rfd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    assert_int_equal(file_write_user(fifo, "data\n", 5, 0644, FILE_NO_BLOCK, &err), 0);
    char buf[16] = { 0 };
    assert_int_equal(read(rfd, buf, sizeof buf), 5);
    assert_string_equal(buf, "data\n");

    /* A reader that takes nothing: more than the pipe holds gives up after
     * the patience, instead of freezing the screen. */
    size_t big = 4u << 20;
    char *lots = xmalloc(big);
    memset(lots, 'x', big);
    assert_int_equal(file_write_user(fifo, lots, big, 0644, FILE_NO_BLOCK, &err), -1);
    assert_non_null(strstr(err, "stopped taking data"));
    free(err);
    free(lots);
    close(rfd);
    /* Headless, a device is written in place as before. */
    assert_int_equal(file_write_user("/dev/null", "x", 1, 0644, FILE_MAY_BLOCK, &err), 0);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    free(fifo);
}

static void private_directories_are_tightened(void **state)
{
    Fixture *f = *state;
    char *dir = in_dir(f, "cache/versus");
    char *parent = in_dir(f, "cache");
    char *err = NULL;
    assert_int_equal(dir_create_all(dir, 0700, &err), 0);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* Made group and world writable: tightened on the next use. */
    assert_int_equal(chmod(dir, 0777), 0);
    assert_int_equal(dir_create_all(dir, 0700, &err), 0);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(chmod(dir, 0720), 0);
    assert_int_equal(dir_create_all(dir, 0700, &err), 0);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* A parent that already existed is not ours to change. */
    assert_int_equal(chmod(parent, 0775), 0);
    assert_int_equal(dir_create_all(dir, 0700, &err), 0);
    assert_int_equal(stat(parent, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0775);
    /* Someone else's writable directory is refused (needs root to set up). */
    if (geteuid() == 0) {
        assert_int_equal(chown(dir, 4242, 4242), 0);
        assert_int_equal(chmod(dir, 0777), 0);
        assert_int_equal(dir_create_all(dir, 0700, &err), -1);
        assert_non_null(strstr(err, "not yours"));
        free(err);
        assert_int_equal(stat(dir, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0777);
    }
    free(dir);
    free(parent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reads_refuse_fifos_devices_and_directories, setup, teardown),
        cmocka_unit_test_setup_teardown(own_reads_refuse_symlinks, setup, teardown),
        cmocka_unit_test_setup_teardown(own_writes_replace_planted_links, setup, teardown),
        cmocka_unit_test_setup_teardown(only_files_that_cannot_be_fetched_again_wait_for_the_disk, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(temp_names_fit_name_max, setup, teardown),
        cmocka_unit_test_setup_teardown(user_writes_to_a_fifo_never_block_the_dashboard, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(private_directories_are_tightened, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
