/* pty_drive.c: runs a program in a pseudo-terminal of a fixed size, waits
 * for its first complete frame, feeds it scripted keys one at a time, and
 * reports times, the bytes it wrote for each key, its CPU time and its peak
 * RSS, so the benchmark measures a terminal program the way a user meets it.
 *
 *   pty_drive [-s COLSxROWS] [-u MARKER] [-w KEYS] [-k KEYS] [-r N] [-g MS]
 *             [-W MS] [-x KEYS] [-n] [-t SECONDS] -- PROGRAM ARGS...
 *
 *   -s  terminal size (default 120x40)
 *   -u  the first frame is complete once the output holds MARKER
 *       (without -u: once the output has been quiet for the gap)
 *   -w  keys to press after the first frame and before KEYS, each waiting
 *       for its reply as KEYS do, but not counted (to leave a state first)
 *   -k  keys to press after the first frame, one at a time; each press
 *       waits for the reply (some output within WAIT ms, then GAP ms of quiet)
 *   -r  press the KEYS sequence N times (default 1)
 *   -g  quiet gap in ms that ends a reply (default 40)
 *   -W  how long a press waits for the reply to begin, in ms (default 250;
 *       longer under valgrind)
 *   -x  the keys that end the program, written at once (default q; ""
 *       sends nothing)
 *   -n  no terminal: stdin, stdout and stderr are /dev/null; only the
 *       wall time, CPU and RSS of the run are reported
 *   -t  give up (kill the program) after SECONDS (default 60)
 *
 * One line on stdout: key=value pairs, times in microseconds:
 *   exit_us frame_us frame_bytes presses key_bytes=B1,B2,... user_us sys_us
 *   maxrss_kb status
 * Exit status 0 when the program ran and exited by itself, 1 otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static struct timespec t_start;
static char *output;  /* everything the program wrote since the last key */
static size_t out_len, out_cap;
static unsigned long long total_bytes;

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t_start.tv_sec) * 1000000LL + (t.tv_nsec - t_start.tv_nsec) / 1000;
}

static void die_errno(const char *what)
{
    fprintf(stderr, "pty_drive: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void keep(const char *buf, size_t n)
{
    if (out_len + n + 1 > out_cap) {
        out_cap = (out_len + n + 1) * 2;
        output = realloc(output, out_cap);
        if (!output)
            die_errno("realloc");
    }
    memcpy(output + out_len, buf, n);
    out_len += n;
    output[out_len] = '\0';
    total_bytes += n;
}

/* Reads what the program wrote within timeout_ms; returns bytes read, 0 on
 * timeout, -1 once the terminal is closed (the program exited). */
static long read_some(int fd, int timeout_ms)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int r = poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR)
        return 0;
    if (r <= 0)
        return 0;
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0)
        return -1; /* EIO: every slave descriptor is closed */
    keep(buf, (size_t)n);
    return n;
}

static int contains(const char *marker)
{
    size_t m = strlen(marker);
    for (size_t i = 0; output && i + m <= out_len; i++)
        if (memcmp(output + i, marker, m) == 0)
            return 1;
    return 0;
}

/* Waits until deadline_us for some output followed by gap_ms of quiet, or
 * (with a marker) until the output holds the marker. Returns -1 on exit. */
static int wait_reply(int fd, const char *marker, int gap_ms, long long deadline_us)
{
    int got = 0;
    while (now_us() < deadline_us) {
        if (marker && contains(marker))
            return 0;
        long n = read_some(fd, got && !marker ? gap_ms : 50);
        if (n < 0)
            return -1;
        if (n > 0)
            got = 1;
        else if (got && !marker)
            return 0;
    }
    return 0;
}

static void usage(void)
{
    fputs("usage: pty_drive [-s COLSxROWS] [-u MARKER] [-w KEYS] [-k KEYS] [-r N] [-g MS] [-W MS] "
          "[-x KEYS] [-n] [-t SECONDS] -- PROGRAM ARGS...\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    int cols = 120, rows = 40, repeat = 1, gap_ms = 40, wait_ms = 250, no_tty = 0, opt;
    double timeout_s = 60;
    const char *marker = NULL, *keys = "", *warm = "", *quit = "q";
    while ((opt = getopt(argc, argv, "s:u:w:k:r:g:W:x:nt:")) != -1) {
        switch (opt) {
        case 's':
            if (sscanf(optarg, "%dx%d", &cols, &rows) != 2)
                usage();
            break;
        case 'u': marker = optarg; break;
        case 'k': keys = optarg; break;
        case 'w': warm = optarg; break;
        case 'W': wait_ms = atoi(optarg); break;
        case 'r': repeat = atoi(optarg); break;
        case 'g': gap_ms = atoi(optarg); break;
        case 'x': quit = optarg; break;
        case 'n': no_tty = 1; break;
        case 't': timeout_s = atof(optarg); break;
        default: usage();
        }
    }
    if (optind >= argc)
        usage();
    char **prog = argv + optind;

    int master = -1;
    char *slave_name = NULL;
    if (!no_tty) {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
            die_errno("posix_openpt");
        slave_name = ptsname(master);
        if (!slave_name)
            die_errno("ptsname");
    }

    clock_gettime(CLOCK_MONOTONIC, &t_start);
    pid_t pid = fork();
    if (pid < 0)
        die_errno("fork");
    if (pid == 0) {
        int fd;
        if (no_tty) {
            fd = open("/dev/null", O_RDWR);
        } else {
            setsid();
            fd = open(slave_name, O_RDWR);
            if (fd >= 0) {
                struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
                ioctl(fd, TIOCSCTTY, 0);
                ioctl(fd, TIOCSWINSZ, &ws);
            }
            close(master);
        }
        if (fd < 0)
            _exit(127);
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        if (fd > 2)
            close(fd);
        execvp(prog[0], prog);
        _exit(127);
    }

    long long deadline = (long long)(timeout_s * 1e6);
    long long frame_us = -1;
    unsigned long long frame_bytes = 0;
    int presses = 0, exited = 0;
    char *key_bytes = calloc(1, 1);
    size_t kb_len = 0;
    if (!no_tty) {
        if (wait_reply(master, marker, gap_ms, deadline) < 0)
            exited = 1;
        if (!exited && (!marker || contains(marker))) {
            frame_us = now_us();
            /* let the rest of the frame arrive before the first key (not
             * before the quit key: that wait would count as start-up) */
            while ((*keys || *warm) && read_some(master, gap_ms) > 0)
                ;
            frame_bytes = total_bytes;
        }
        for (size_t i = 0; warm[i] && !exited && frame_us >= 0; i++) {
            out_len = 0;
            if (write(master, warm + i, 1) != 1)
                die_errno("write");
            if (wait_reply(master, NULL, gap_ms, now_us() + wait_ms * 1000LL) < 0)
                exited = 1;
        }
        size_t nkeys = strlen(keys);
        for (int r = 0; r < repeat && !exited && frame_us >= 0; r++) {
            for (size_t i = 0; i < nkeys && !exited; i++) {
                unsigned long long before = total_bytes;
                out_len = 0;
                if (write(master, keys + i, 1) != 1)
                    die_errno("write");
                if (wait_reply(master, NULL, gap_ms, now_us() + wait_ms * 1000LL) < 0)
                    exited = 1;
                presses++;
                char num[32];
                int len = snprintf(num, sizeof num, "%s%llu", kb_len ? "," : "", total_bytes - before);
                char *grown = realloc(key_bytes, kb_len + (size_t)len + 1);
                if (!grown)
                    die_errno("realloc");
                key_bytes = grown;
                memcpy(key_bytes + kb_len, num, (size_t)len + 1);
                kb_len += (size_t)len;
            }
        }
        if (!exited && *quit && write(master, quit, strlen(quit)) < 0)
            die_errno("write");
        /* drain until the terminal closes, so the program never blocks on output */
        while (!exited && now_us() < deadline)
            if (read_some(master, 50) < 0)
                exited = 1;
    }

    int status = 0;
    struct rusage ru;
    pid_t got;
    for (;;) {
        got = wait4(pid, &status, WNOHANG, &ru);
        if (got == pid || got < 0)
            break;
        if (now_us() >= deadline) {
            kill(pid, SIGKILL);
            got = wait4(pid, &status, 0, &ru);
            break;
        }
        if (master >= 0)
            read_some(master, 5);
        else
            usleep(200);
    }
    long long exit_us = now_us();
    if (got != pid)
        die_errno("wait4");
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("exit_us=%lld frame_us=%lld frame_bytes=%llu presses=%d key_bytes=%s user_us=%lld "
           "sys_us=%lld maxrss_kb=%ld status=%d\n",
           exit_us, frame_us, frame_bytes, presses, kb_len ? key_bytes : "-",
           (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss, code);
    free(key_bytes);
    free(output);
    return WIFEXITED(status) ? 0 : 1;
}
