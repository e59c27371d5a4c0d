/* fetcher.h: background refresh of the live download stats with libcurl's
 * multi interface. The dashboard's single event loop calls fetcher_wait in
 * place of its own poll: it waits on curl's sockets and on extra_fd (the
 * keyboard) together, so the screen never freezes while the network is slow.
 * Only src/fetch/ includes <curl/curl.h>.
 *
 * Ownership: the Fetcher borrows the Dataset and the StatsTable it updates
 * (both must outlive it); fetcher_free releases everything it owns. */
#ifndef VERSUS_FETCH_FETCHER_H
#define VERSUS_FETCH_FETCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/stats.h"

typedef struct Fetcher Fetcher;

typedef struct FetchOptions {
    const char *data_dir;  /* where sources.yaml lives */
    const char *cache_dir; /* NULL: $XDG_CACHE_HOME/versus or ~/.cache/versus */
    bool offline;          /* never open a connection */
} FetchOptions;

/* Loads the sources and the cache (cached figures go into stats at once).
 * Returns NULL with *err set (caller frees) on bad sources data. */
Fetcher *fetcher_new(const Dataset *ds, StatsTable *stats, const FetchOptions *opts, char **err);
void fetcher_free(Fetcher *f);

/* Starts fetching what is older than the cache lifetime (force: everything,
 * still within the rate limits). Returns the number of packages queued. */
size_t fetcher_start(Fetcher *f, bool force);

/* Waits up to timeout_ms for network activity or for extra_fd (-1: none)
 * to become readable, then makes progress on transfers. Finished transfers
 * update the StatsTable. Returns true when any stat changed. */
bool fetcher_wait(Fetcher *f, int extra_fd, int timeout_ms);

/* True while transfers are queued or in flight (or waiting for a rate-limit
 * slot). */
bool fetcher_busy(const Fetcher *f);
/* Packages finished and in total for the current refresh. */
void fetcher_progress(const Fetcher *f, size_t *done, size_t *total);
/* A short line for the header: "live", "fetching 7/18", "offline",
 * "cache 3h old", "bundled"... Owned by the fetcher, valid until the next call. */
const char *fetcher_status_line(Fetcher *f);

#endif
