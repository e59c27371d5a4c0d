/* fetch_status.h: where the download figures stand, as counts and times
 * (the fetcher fills a FetchSummary; it formats nothing), and the one line
 * the header and the headless --fetch progress show for it. Pure. */
#ifndef VERSUS_CORE_FETCH_STATUS_H
#define VERSUS_CORE_FETCH_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct FetchSummary {
    bool busy;            /* a refresh is under way */
    size_t done, total;   /* packages of the current or last refresh */
    bool offline;         /* --offline, or no host could be reached */
    time_t retry_at;      /* the soonest retry of a rate-limited package still ahead, 0: none */
    size_t live, cached;  /* packages whose figure is live, or from the cache */
    size_t failed;        /* packages that ended in error or offline */
    time_t oldest_cached; /* when the oldest cached figure was fetched (cached > 0) */
} FetchSummary;

#define FETCH_STATUS_MAX 96

/* The first that applies: "fetching 7/18"; "rate-limited, next try 14:05"
 * (local time); "live"; "live, 3 from cache 2h old"; "cache 3h old" (the
 * oldest cached figure); "bundled" — each of the last four followed by
 * ", offline" or ", 2 failed". Ages as core/text.h writes them. */
void fetch_status_line(const FetchSummary *s, time_t now, char out[FETCH_STATUS_MAX]);

#endif
