/* ratelimit.c: sliding-window request limits (see ratelimit.h). */
#include "fetch/ratelimit.h"

#include <stdlib.h>

#include "util/xalloc.h"

void ratelimit_init(RateLimit *rl, int per_second, int per_minute, long interval_ms)
{
    rl->interval_ms = interval_ms > 0 ? interval_ms : 0;
    rl->per_second = per_second > 0 ? per_second : 1;
    rl->per_minute = per_minute >= rl->per_second ? per_minute : rl->per_second;
    rl->starts = xcalloc((size_t)rl->per_minute, sizeof *rl->starts);
    rl->count = 0;
    rl->next = 0;
    rl->last_done = -1;
}

void ratelimit_free(RateLimit *rl)
{
    free(rl->starts);
    rl->starts = NULL;
    rl->count = 0;
}

/* The start time k requests back (k = 1: the latest). */
static long long back(const RateLimit *rl, size_t k)
{
    size_t cap = (size_t)rl->per_minute;
    return rl->starts[(rl->next + cap - k) % cap];
}

long long ratelimit_next(const RateLimit *rl, long long now_ms)
{
    long long at = now_ms;
    size_t ps = (size_t)rl->per_second, pm = (size_t)rl->per_minute;
    /* per_second starts ago must be a full second back, and so on. */
    if (rl->count >= ps && back(rl, ps) + RATELIMIT_SECOND_MS > at)
        at = back(rl, ps) + RATELIMIT_SECOND_MS;
    if (rl->count >= pm && back(rl, pm) + RATELIMIT_MINUTE_MS > at)
        at = back(rl, pm) + RATELIMIT_MINUTE_MS;
    if (rl->count >= 1 && rl->interval_ms > 0) {
        long long from = back(rl, 1);
        if (rl->last_done > from)
            from = rl->last_done;
        if (from + rl->interval_ms > at)
            at = from + rl->interval_ms;
    }
    return at;
}

void ratelimit_take(RateLimit *rl, long long now_ms)
{
    rl->starts[rl->next] = now_ms;
    rl->next = (rl->next + 1) % (size_t)rl->per_minute;
    if (rl->count < (size_t)rl->per_minute)
        rl->count++;
}

void ratelimit_done(RateLimit *rl, long long now_ms)
{
    if (now_ms > rl->last_done)
        rl->last_done = now_ms;
}
