/* fetch_probe.c: drives the fetcher on a list of packages, the way the
 * dashboard and --fetch do, and prints each package's resulting stat on one
 * line, so the network tests can check statuses, figures and provenance
 * against a loopback server without a screen.
 *
 *   fetch_probe --data DIR [--cache DIR] [--offline] [--force] [--no-fetch]
 *               [--bundled ECO:NAME=N]... [--wait-ms N] ECO:NAME...
 *
 * Each output line: "ECO NAME key=value ..." with status, source, week,
 * month, days, end, period, detail, retry_in (seconds) and origin; then
 * "queued N" and "line TEXT" (the header line). --wait-ms keeps calling
 * fetcher_wait after the refresh ends (to see a backoff expire). --press
 * starts the refresh, writes a byte to a pipe and waits on the pipe as the
 * dashboard waits on its keyboard: "pressed busy=1" shows fetcher_wait came
 * back for the key while the transfers were still under way.
 * --skip-clock runs the fetcher on a clock that skips (util/clock.h): it stands
 * still (from the time the probe starts) but for the waits it skips: every
 * wait only a timer could end (a rate-limit slot, a backoff) passes at
 * once, so paces and backoffs take no time and land to the millisecond;
 * --wait-ms then counts on that clock.
 * Each request's start is printed as "start +MS URL" (MS on the fetcher's
 * clock since the probe began) as it starts; "clock +MS" at the end says
 * how far the clock moved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/stats.h"
#include "fetch/fetcher.h"
#include "load/sources_load.h"
#include "util/xalloc.h"

static long long probe_t0;

static void on_start(void *user, const char *url, long long at_ms)
{
    (void)user;
    printf("start +%lld %s\n", at_ms - probe_t0, url);
    fflush(stdout);
}

static void print_stat(const PackageStat *st, time_t now)
{
    printf("%s %s status=%s source=%s week=%lld month=%lld days=%zu end=%s period=%s detail=%s retry_in=%ld",
           st->ecosystem, st->package, stat_status_name(st->status), stat_source_name(st->source),
           stat_number(st, FIG_DOWNLOADS_WEEK), stat_number(st, FIG_DOWNLOADS_MONTH), st->ndaily, st->series_end ? st->series_end : "-",
           st->period ? st->period : "-", st->detail ? st->detail : "-",
           st->retry_at ? (long)(st->retry_at - now) : 0L);
    printf(" first=%lld last=%lld origin=%s\n", st->ndaily ? st->daily[0] : -1LL,
           st->ndaily ? st->daily[st->ndaily - 1] : -1LL, st->origin ? st->origin : "-");
}

static void usage(void)
{
    fputs("usage: fetch_probe --data DIR [--cache DIR] [--offline] [--force] [--no-fetch]\n"
          "                   [--bundled ECO:NAME=N]... [--wait-ms N] [--press] [--skip-clock] ECO:NAME...\n",
          stderr);
    exit(2);
}

static void split_pkg(const char *arg, char **eco, char **name)
{
    const char *colon = strchr(arg, ':');
    if (!colon || colon == arg || !colon[1])
        usage();
    *eco = xstrndup(arg, (size_t)(colon - arg));
    *name = xstrdup(colon + 1);
}

static const Clock *probe_clock;

/* The header's line for the fetcher's state now. */
static const char *status_line(const Fetcher *f, char line[FETCH_STATUS_MAX])
{
    time_t now = probe_clock->wall(probe_clock->ctx);
    FetchSummary sum;
    fetcher_summary(f, now, &sum);
    fetch_status_line(&sum, now, line);
    return line;
}

int main(int argc, char **argv)
{
    FetchOptions opts = { 0 };
    SkippingClock skip;
    const Clock *skipping = clock_skipping_start(&skip, false);
    probe_clock = clock_system();
    opts.on_start = on_start;
    const char *data_dir = NULL;
    bool force = false, fetch = true, press = false;
    long wait_ms = 0;
    StatsTable *stats = stats_table_new();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--data") == 0 && i + 1 < argc)
            data_dir = argv[++i];
        else if (strcmp(a, "--cache") == 0 && i + 1 < argc)
            opts.cache_dir = argv[++i];
        else if (strcmp(a, "--skip-clock") == 0)
            probe_clock = opts.clock = skipping;
        else if (strcmp(a, "--offline") == 0)
            opts.offline = true;
        else if (strcmp(a, "--force") == 0)
            force = true;
        else if (strcmp(a, "--press") == 0)
            press = true;
        else if (strcmp(a, "--no-fetch") == 0)
            fetch = false;
        else if (strcmp(a, "--wait-ms") == 0 && i + 1 < argc)
            wait_ms = atol(argv[++i]);
        else if (strcmp(a, "--bundled") == 0 && i + 1 < argc) {
            char *eco, *name;
            split_pkg(argv[++i], &eco, &name);
            char *eq = strchr(name, '=');
            if (!eq)
                usage();
            *eq = '\0';
            PackageStat *st = stats_get_or_add(stats, eco, name);
            st->source = STAT_SOURCE_BUNDLED;
            stat_set_period(st, "bundled period");
            stat_set_origin(st, "bundled origin");
            stat_set_downloads(st, STAT_UNKNOWN, atoll(eq + 1));
            free(eco);
            free(name);
        } else if (a[0] == '-') {
            usage();
        } else {
            char *eco, *name;
            split_pkg(a, &eco, &name);
            (void)stats_get_or_add(stats, eco, name);
            free(eco);
            free(name);
        }
    }
    char line[FETCH_STATUS_MAX];
    char *err = NULL;
    Sources *sources = data_dir ? sources_load_dir(data_dir, &err) : sources_new();
    Fetcher *f = sources ? fetcher_new(NULL, stats, sources, &opts) : NULL;
    if (!f) {
        fprintf(stderr, "fetch_probe: %s\n", err);
        free(err);
        stats_table_free(stats);
        return 65;
    }
    probe_t0 = probe_clock->mono_ms(probe_clock->ctx);
    printf("before %s\n", status_line(f, line));
    size_t queued = 0;
    if (press) {
        int fds[2];
        if (pipe(fds) != 0)
            return 1;
        queued = fetcher_start(f, force);
        if (write(fds[1], "k", 1) != 1)
            return 1;
        /* Up to 20 s: far longer than any reply here, so only the key can end it early. */
        fetcher_wait(f, fds[0], 20000);
        char key;
        ssize_t got = read(fds[0], &key, 1);
        printf("pressed busy=%d key=%d line=%s\n", fetcher_busy(f) ? 1 : 0, got == 1, status_line(f, line));
        close(fds[0]);
        close(fds[1]);
    } else if (fetch) {
        queued = fetcher_run_blocking(f, force, NULL, NULL);
    }
    /* Keep the loop going for a while, as the dashboard would. */
    long long t0 = probe_clock->mono_ms(probe_clock->ctx);
    for (;;) {
        long elapsed = (long)(probe_clock->mono_ms(probe_clock->ctx) - t0);
        if (elapsed >= wait_ms)
            break;
        fetcher_wait(f, -1, (int)(wait_ms - elapsed < 200 ? wait_ms - elapsed : 200));
    }
    while (fetcher_busy(f))
        fetcher_wait(f, -1, 200);
    time_t now = probe_clock->wall(probe_clock->ctx);
    for (size_t i = 0; i < stats->count; i++)
        print_stat(&stats->items[i], now);
    printf("queued %zu\n", queued);
    printf("line %s\n", status_line(f, line));
    printf("clock +%lld\n", skip.skipped_ms);
    fetcher_free(f);
    stats_table_free(stats);
    return 0;
}
