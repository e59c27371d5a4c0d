/* clock.h: the time as a parameter. Code that waits or stamps times (the
 * fetcher: rate limits, backoff, freshness, the cache's dates) reads it
 * through a Clock, so a test can run it on a clock of its own: one whose
 * `skip` moves time on at once instead of sleeping, so an hour's backoff
 * or a 2 s pace is checked in no time and to the millisecond.
 * Ownership: a Clock is borrowed; whoever passes one keeps it alive for as
 * long as its user (clock_system's lives for the whole run). */
#ifndef VERSUS_UTIL_CLOCK_H
#define VERSUS_UTIL_CLOCK_H

#include <stdbool.h>
#include <time.h>

typedef struct Clock {
    /* Seconds since 1970 (UTC): dates in the cache, retry times. */
    time_t (*wall)(void *ctx);
    /* Milliseconds on a clock that never goes back: rate limits and waits. */
    long long (*mono_ms)(void *ctx);
    /* Moves both clocks on by ms at once, in place of a wait that only a
     * timer could end (nothing in flight, nothing else to listen to).
     * NULL: such waits are real. */
    void (*skip)(void *ctx, long ms);
    void *ctx;
} Clock;

/* time(), CLOCK_MONOTONIC, real waits (skip is NULL). */
const Clock *clock_system(void);

/* A clock that skips: it reads the system's time once, when started, and
 * from then on moves only by the waits it skips, so every wait only a timer
 * could end (a rate-limit slot, a backoff) passes at once and lands to the
 * millisecond. With real_wall, only the monotonic clock skips and the wall
 * clock stays the system's: for a process whose dates must be true (the
 * cache records a later run reads), and whose only timed waits are
 * rate-limit slots (a headless fetch: a backoff fails at once there), as
 * a skip cannot bring a wall-clock time any nearer. The caller owns the
 * struct and keeps it alive as long as the clock it returns. */
typedef struct SkippingClock {
    Clock clock;
    bool real_wall;
    time_t wall0;
    long long mono0;
    long long skipped_ms; /* how far the clock has moved */
} SkippingClock;

const Clock *clock_skipping_start(SkippingClock *c, bool real_wall);

#endif
