/* ratelimit.h: the per-host request limit — at most per_second requests
 * started in any one second and per_minute in any sixty seconds, and (for
 * services that ban bursts, such as npm's) at least interval_ms from the
 * later of the previous request's start and its end to the next start. The
 * server sees a request some time after versus starts it (a connection to
 * open, a busy loop), so spacing starts alone can bring two arrivals closer
 * than the interval; the previous reply's end comes after the server saw
 * that request, so an interval counted from it is one the server sees too.
 * It keeps
 * the start times of the last per_minute requests (a sliding-window log)
 * rather than a refilling bucket: a bucket lets a burst plus its refill
 * through within one window, and the services count requests per window.
 * Pure: the caller passes the time (monotonic milliseconds), so tests can
 * step through it. Ownership: ratelimit_free releases the log. */
#ifndef VERSUS_FETCH_RATELIMIT_H
#define VERSUS_FETCH_RATELIMIT_H

#include <stddef.h>

/* Safety margins added to each window: clocks and networks jitter, and a
 * request that lands a hair early at the server still counts there. */
#define RATELIMIT_SECOND_MS 1050
#define RATELIMIT_MINUTE_MS 60500

typedef struct RateLimit {
    int per_second;
    int per_minute;
    long interval_ms;  /* at least this long from the last start or end to the next start */
    long long last_done; /* when the latest request ended; -1 before any */
    long long *starts; /* ring of the last per_minute start times */
    size_t count;      /* entries used, at most per_minute */
    size_t next;       /* where the next start goes */
} RateLimit;

void ratelimit_init(RateLimit *rl, int per_second, int per_minute, long interval_ms);
void ratelimit_free(RateLimit *rl);
/* The earliest time (>= now_ms) a request may start. */
long long ratelimit_next(const RateLimit *rl, long long now_ms);
/* Records a request started at now_ms. */
void ratelimit_take(RateLimit *rl, long long now_ms);
/* Records that a request (any one started) ended at now_ms: its reply or
 * its failure came back. */
void ratelimit_done(RateLimit *rl, long long now_ms);

#endif
