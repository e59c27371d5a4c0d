/* clock.h: the time as a parameter. Code that waits or stamps times (the
 * fetcher: rate limits, backoff, freshness, the cache's dates) reads it
 * through a Clock, so a test can run it on a clock of its own: one whose
 * `skip` moves time on at once instead of sleeping, so an hour's backoff
 * or a 2 s pace is checked in no time and to the millisecond.
 * Ownership: a Clock is borrowed; whoever passes one keeps it alive for as
 * long as its user (clock_system's lives for the whole run). */
#ifndef VERSUS_UTIL_CLOCK_H
#define VERSUS_UTIL_CLOCK_H

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

#endif
