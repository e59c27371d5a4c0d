/* fuzz_snapshot.c: an exported JSON snapshot read back with --load, checked
 * against the bundled data set (loaded once). */
#include <stdio.h>
#include <stdlib.h>

#include "core/model.h"
#include "fuzz/fuzz_common.h"
#include "load/dataset_load.h"
#include "load/snapshot_load.h"

static Dataset *dataset;

static void dataset_release(void) { dataset_free(dataset); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dataset) {
        char *err = NULL;
        dataset = dataset_load(FUZZ_ROOT "/data", &err);
        if (!dataset) {
            fprintf(stderr, "fuzz_snapshot: %s\n", err ? err : "no data set");
            abort();
        }
        atexit(dataset_release);
    }
    const char *path = fuzz_write_file("snapshot.json", data, size);
    int *weights = calloc(dataset->ncriteria ? dataset->ncriteria : 1, sizeof *weights);
    int preset = -2;
    char *err = NULL;
    int rc = snapshot_load(path, dataset, weights, &preset, &err);
    if (rc == 0) {
        if (err) abort();
        for (size_t i = 0; i < dataset->ncriteria; i++)
            if (weights[i] < 0 || weights[i] > 10) abort();
        if (preset < -1 || preset >= (int)dataset->npresets) abort();
    } else if (!err) {
        abort();
    }
    free(weights);
    free(err);
    return 0;
}
