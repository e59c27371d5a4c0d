/* fuzz_dataset.c: a whole data directory. The input is the five files
 * (stacks, criteria, presets, settings, snapshot) separated by NUL bytes, so
 * the fuzzer can break references between files as well as each file. A
 * missing part means that file is absent. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"
#include "core/stats.h"
#include "fuzz/fuzz_common.h"
#include "load/dataset_load.h"

static const char *const parts[] = {
    "stacks.yaml", "criteria.yaml", "presets.yaml", "settings.yaml", "snapshot.yaml",
};
#define NPARTS (sizeof parts / sizeof parts[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t at = 0;
    bool more = true; /* false once the input has no bytes left for a part */
    char path[600];
    for (size_t i = 0; i < NPARTS; i++) {
        if (!more) {
            snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), parts[i]);
            unlink(path);
            continue;
        }
        const uint8_t *nul = memchr(data + at, 0, size - at);
        size_t stop = nul ? (size_t)(nul - data) : size;
        fuzz_write_file(parts[i], data + at, stop - at);
        if (nul && stop + 1 < size) at = stop + 1;
        else more = false;
    }
    char *err = NULL;
    Dataset *ds = dataset_load(fuzz_tmpdir(), &err);
    if ((ds == NULL) == (err == NULL)) abort();
    if (ds) {
        StatsTable *stats = stats_table_new();
        char *serr = NULL;
        (void)bundled_stats_load(fuzz_tmpdir(), stats, &serr);
        free(serr);
        stats_table_free(stats);
        int *w = calloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *w);
        dataset_default_weights(ds, w);
        free(w);
    }
    dataset_free(ds);
    free(err);
    return 0;
}
