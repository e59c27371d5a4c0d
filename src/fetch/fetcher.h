/* fetcher.h: background refresh of the live download stats with libcurl's
 * multi interface. The dashboard's single event loop calls fetcher_wait in
 * place of its own poll: it waits on curl's sockets and on extra_fd (the
 * keyboard) together, so the screen never freezes while the network is slow.
 * Only src/fetch/ includes <curl/curl.h>.
 *
 * Ownership: the Fetcher borrows the StatsTable it updates (it must outlive
 * the Fetcher; entries are looked up by ecosystem and package on every
 * update, so the table may grow meanwhile); the Dataset is only read by
 * fetcher_new; the Sources are the Fetcher's from fetcher_new on.
 * fetcher_free releases everything the Fetcher owns, including transfers
 * still in flight. */
#ifndef VERSUS_FETCH_FETCHER_H
#define VERSUS_FETCH_FETCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/fetch_status.h"
#include "core/health.h"
#include "core/runtime.h"
#include "core/model.h"
#include "core/sources.h"
#include "core/stats.h"
#include "util/clock.h"

typedef struct Fetcher Fetcher;

typedef struct FetchOptions {
    const char *cache_dir; /* NULL: $XDG_CACHE_HOME/versus or ~/.cache/versus */
    bool offline;          /* never open a connection */
    /* Every time the fetcher reads or waits for (rate limits, backoff,
     * Retry-After, freshness, the cache's dates) comes from this clock
     * (util/clock.h; borrowed; NULL: the system's). A clock that skips
     * lets tests wait out a pace or a backoff in no time. */
    const Clock *clock;
    /* Use clock only if every source's base URL (after its environment
     * override) is a loopback address, else the system's: a clock that
     * skips must never pace requests to a real service. */
    bool clock_loopback_only;
    /* Called as each request starts, with its URL and the clock's
     * monotonic milliseconds then (a log of what was asked and when);
     * NULL: none. */
    void (*on_start)(void *user, const char *url, long long at_ms);
    void *user;
} FetchOptions;

/* Takes the sources (load/sources_load.h reads them; they are the
 * Fetcher's from here on; NULL: none) and reads the cache: cached figures
 * go into stats at once, with source cache and status ok, or stale when
 * fetched before the service's last daily update. Entries of ds's evidence
 * packages are added to stats if absent (ds may be NULL). Never opens a
 * connection; curl is set up by the first fetcher_start. Never fails. */
Fetcher *fetcher_new(const Dataset *ds, StatsTable *stats, Sources *sources,
                     const FetchOptions *opts);
void fetcher_free(Fetcher *f);

/* The evidence beyond downloads: from now on a refresh also asks the
 * sources of support windows (for every product in runtimes) and of
 * package health (for every package in health), each at most once a day
 * unless forced, through the same limits, backoff and cache rules; the
 * cached figures go into both tables at once. Both tables are borrowed
 * like stats (either may be NULL). */
void fetcher_add_evidence(Fetcher *f, RuntimeTable *runtimes, HealthTable *health);

/* Allows or forbids connections from now on (a refresh under way goes on). */
void fetcher_set_offline(Fetcher *f, bool offline);

/* Starts fetching what is not fresh, i.e. fetched before its service's last
 * daily update (force: everything,
 * still within the rate limits: a package or host under a server-imposed
 * backoff is never asked early). Queued packages get status pending; each
 * then ends ok, not found, rate-limited (retry_at set), offline (the host
 * could not be reached) or error (detail says why), and a failure never
 * discards the figures it had. Does nothing while a refresh is under way
 * or when offline. Returns the number of packages queued. */
size_t fetcher_start(Fetcher *f, bool force);

/* Waits up to timeout_ms (negative: until something happens) for network
 * activity or for extra_fd (-1: none) to become readable (it never reads
 * from extra_fd), then makes progress on transfers. It may return early (a rate-limit slot opened, a
 * transfer finished): call it again from the loop. Finished transfers
 * update the StatsTable and the cache. Once a server's backoff is over it
 * asks again for the packages it refused. Returns true when any stat
 * changed (the screen should redraw). */
bool fetcher_wait(Fetcher *f, int extra_fd, int timeout_ms);

/* Headless use: fetcher_start, then waits until the refresh is over,
 * calling progress (may be NULL) after each finished package. Does not wait
 * out a server's backoff: those packages end rate-limited. Returns the
 * number of packages queued. */
size_t fetcher_run_blocking(Fetcher *f, bool force,
                            void (*progress)(size_t done, size_t total, void *user), void *user);

/* True while a refresh's transfers are queued or in flight (or waiting for
 * a rate-limit slot). */
bool fetcher_busy(const Fetcher *f);

/* A chart's longer history: for the packages[0..n) of ecosystem (as in
 * the data) whose fetched series hold fewer than `days` days, asks the
 * service (when its source keeps a longer history: npm) for the days
 * before the series, back to `days` days before its last one, in as few
 * requests as its limits allow, through the same queue, rate limits and
 * backoff as a refresh. Each reply's days are put behind the series and
 * cached; a failure leaves the figures and their status as they were and
 * is told by fetcher_history_error. A package is asked once per process
 * for a given length. Does nothing while offline, while a refresh or
 * another history fetch is under way, or while the host backs off.
 * Returns the number of requests queued. */
size_t fetcher_fetch_history(Fetcher *f, const char *ecosystem, const char *const *packages, size_t n, int days);
/* True while history requests are queued or in flight. */
bool fetcher_history_busy(const Fetcher *f);
/* Why the last history fetch fell short (borrowed), or NULL. */
const char *fetcher_history_error(const Fetcher *f);

/* Is the host at the start of rest (what follows "http://") a loopback
 * address: localhost, [::1] or exactly 127.N.N.N in four decimal parts,
 * then nothing, a path or a port? Plain http goes nowhere else. */
bool fetcher_host_is_loopback(const char *rest);
/* Packages finished and in total for the current refresh. */
void fetcher_progress(const Fetcher *f, size_t *done, size_t *total);
/* While busy: when the queued requests may start again (wall clock) if
 * every one of them waits for a rate-limit slot and none is in flight;
 * else 0. */
time_t fetcher_waiting_until(const Fetcher *f);
/* How the last refresh ended: packages fetched, packages failed, and the
 * most common failure among those. */
void fetcher_results(const Fetcher *f, size_t *ok, size_t *failed, StatStatus *why);
/* Where the figures stand at now, as counts and times; the header's line
 * is core/fetch_status.h's fetch_status_line of it. */
void fetcher_summary(const Fetcher *f, time_t now, FetchSummary *out);

#endif
