/* live.c: the fetcher behind the dashboard's event loop, or a plain poll on
 * the keyboard when live stats cannot run. */
#include "ui/live.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch/fetcher.h"
#include "load/sources_load.h"
#include "util/xalloc.h"

struct Live {
    Session *s;
    Fetcher *f;        /* NULL when live stats cannot run */
    bool offline;
    char *unavailable; /* why f is NULL */
    char status[FETCH_STATUS_MAX];
};

Live *live_new(Session *s, const UiOptions *opts, Fetcher *fetcher, char **warning)
{
    Live *l = xcalloc(1, sizeof *l);
    l->s = s;
    l->offline = opts->offline;
    if (fetcher) {
        fetcher_set_offline(fetcher, opts->offline);
        l->f = fetcher;
        return l;
    }
    FetchOptions fo = { .cache_dir = NULL, .offline = opts->offline };
    char *err = NULL;
    Sources *sources = opts->data_dir ? sources_load_dir(opts->data_dir, &err) : sources_new();
    l->f = sources ? fetcher_new(s->ds, s->stats, sources, &fo) : NULL;
    if (!l->f) {
        l->unavailable = xasprintf("live stats are not available: %s", err ? err : "unknown error");
        if (warning)
            *warning = xstrdup(l->unavailable);
        free(err);
    }
    return l;
}

void live_free(Live *l)
{
    if (!l)
        return;
    fetcher_free(l->f);
    free(l->unavailable);
    free(l);
}

size_t live_start(Live *l)
{
    return l->f && !l->offline ? fetcher_start(l->f, false) : 0;
}

bool live_wait(Live *l, int fd, int timeout_ms)
{
    if (l->f)
        return fetcher_wait(l->f, fd, timeout_ms);
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, timeout_ms) < 0 && errno != EINTR)
        return false;
    return false;
}

size_t live_refresh(Live *l, char **why)
{
    if (l->offline) {
        *why = xstrdup("offline (--offline): showing cached and bundled figures, no fetching");
        return 0;
    }
    if (!l->f) {
        *why = xstrdup(l->unavailable);
        return 0;
    }
    if (fetcher_busy(l->f)) {
        size_t done = 0, total = 0;
        fetcher_progress(l->f, &done, &total);
        *why = xasprintf("a refresh is already under way (%zu of %zu done)", done, total);
        return 0;
    }
    size_t n = fetcher_start(l->f, true);
    if (n == 0)
        *why = xasprintf("nothing to refresh now: %s", live_status(l));
    return n;
}

/* Without a fetcher: where the figures on screen came from. */
static const char *status_from_stats(Live *l)
{
    const StatsTable *t = l->s->stats;
    size_t live = 0, cache = 0, bundled = 0;
    for (size_t i = 0; i < t->count; i++) {
        switch (t->items[i].source) {
        case STAT_SOURCE_LIVE: live++; break;
        case STAT_SOURCE_CACHE: cache++; break;
        case STAT_SOURCE_BUNDLED: bundled++; break;
        case STAT_SOURCE_NONE: break;
        }
    }
    const char *what = live      ? stat_source_name(STAT_SOURCE_LIVE)
                       : cache   ? stat_source_name(STAT_SOURCE_CACHE)
                       : bundled ? stat_source_name(STAT_SOURCE_BUNDLED)
                                 : "no figures";
    snprintf(l->status, sizeof l->status, "%s%s", what, l->offline ? ", offline" : "");
    return l->status;
}

const char *live_status(Live *l)
{
    if (!l->f)
        return status_from_stats(l);
    time_t now = time(NULL);
    FetchSummary sum;
    fetcher_summary(l->f, now, &sum);
    fetch_status_line(&sum, now, l->status);
    return l->status;
}

bool live_busy(const Live *l) { return l->f && fetcher_busy(l->f); }

size_t live_history(Live *l, const char *ecosystem, const char *const *packages, size_t n, int days)
{
    return l->f ? fetcher_fetch_history(l->f, ecosystem, packages, n, days) : 0;
}

bool live_history_busy(const Live *l) { return l->f && fetcher_history_busy(l->f); }

const char *live_history_error(const Live *l) { return l->f ? fetcher_history_error(l->f) : NULL; }

char *live_progress_text(const Live *l)
{
    size_t done = 0, total = 0;
    if (l->f)
        fetcher_progress(l->f, &done, &total);
    time_t until = l->f ? fetcher_waiting_until(l->f) : 0;
    char when[16] = "";
    if (until) {
        struct tm tm;
        localtime_r(&until, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
    }
    return xasprintf("refreshing %zu look-up%s: %zu done%s%s", total, total == 1 ? "" : "s", done,
                     until ? "; waiting for the rate limit until " : "", when);
}

char *live_result_text(const Live *l, bool *failed)
{
    size_t ok = 0, bad = 0;
    StatStatus why = STAT_ERROR;
    if (l->f)
        fetcher_results(l->f, &ok, &bad, &why);
    *failed = bad > 0;
    if (bad == 0)
        return xasprintf("refreshed %zu look-up%s", ok, ok == 1 ? "" : "s");
    if (ok == 0)
        return xasprintf("%zu look-up%s failed: %s", bad, bad == 1 ? "" : "s", stat_status_name(why));
    return xasprintf("%zu refreshed, %zu failed (most: %s)", ok, bad, stat_status_name(why));
}
