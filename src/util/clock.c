/* clock.c: the system's clock (see clock.h). */
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
