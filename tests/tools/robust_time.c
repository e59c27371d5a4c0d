/* robust_time.c: times the robustness estimate for the benchmark:
 *   robust_time DATADIR RUNS
 * loads the data set, then runs the whole Monte-Carlo estimate (the default
 * 10,000 draws around the default weights) RUNS times on one core, and
 * prints "robust_us=MEDIAN flip_us=MEDIAN" in microseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/robust.h"
#include "core/session.h"
#include "load/dataset_load.h"

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int by_value(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: robust_time DATADIR RUNS\n");
        return 2;
    }
    int runs = atoi(argv[2]);
    if (runs < 1 || runs > 1000)
        runs = 7;
    char *err = NULL;
    Dataset *ds = dataset_load(argv[1], &err);
    if (!ds) {
        fprintf(stderr, "robust_time: %s\n", err);
        free(err);
        return 65;
    }
    Session *s = session_new(ds);
    long long *robust = calloc((size_t)runs, sizeof *robust);
    long long *flip = calloc((size_t)runs, sizeof *flip);
    if (!robust || !flip)
        return 1;
    for (int i = 0; i < runs; i++) {
        long long t0 = now_us();
        robust_run(s->robust, s->weights, s->scale);
        long long t1 = now_us();
        flip_compute(&s->flip, ds, s->eval, s->weights, s->scale);
        long long t2 = now_us();
        robust[i] = t1 - t0;
        flip[i] = t2 - t1;
    }
    qsort(robust, (size_t)runs, sizeof *robust, by_value);
    qsort(flip, (size_t)runs, sizeof *flip, by_value);
    printf("robust_us=%lld flip_us=%lld samples=%ld\n", robust[runs / 2], flip[runs / 2],
           s->robust->done);
    free(robust);
    free(flip);
    session_free(s);
    dataset_free(ds);
    return 0;
}
