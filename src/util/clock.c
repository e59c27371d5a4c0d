/* clock.c: the system's clock and a clock that skips (see clock.h). */
#include "util/clock.h"

#include <stddef.h>

static time_t system_wall(void *ctx)
{
    (void)ctx;
    return time(NULL);
}

static long long system_mono_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const Clock SYSTEM_CLOCK = {
    .wall = system_wall,
    .mono_ms = system_mono_ms,
    .skip = NULL,
    .ctx = NULL,
};

const Clock *clock_system(void) { return &SYSTEM_CLOCK; }

static time_t skipping_wall(void *ctx)
{
    const SkippingClock *c = ctx;
    return c->real_wall ? system_wall(NULL) : c->wall0 + (time_t)(c->skipped_ms / 1000);
}

static long long skipping_mono_ms(void *ctx)
{
    const SkippingClock *c = ctx;
    return c->mono0 + c->skipped_ms;
}

static void skipping_skip(void *ctx, long ms)
{
    SkippingClock *c = ctx;
    if (ms > 0)
        c->skipped_ms += ms;
}

const Clock *clock_skipping_start(SkippingClock *c, bool real_wall)
{
    c->real_wall = real_wall;
    c->wall0 = system_wall(NULL);
    c->mono0 = system_mono_ms(NULL);
    c->skipped_ms = 0;
    c->clock = (Clock){ .wall = skipping_wall, .mono_ms = skipping_mono_ms, .skip = skipping_skip, .ctx = c };
    return &c->clock;
}
