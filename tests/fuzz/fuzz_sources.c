/* fuzz_sources.c: sources.yaml, which names the stats services and their limits. */
#include <stdlib.h>

#include "fuzz/fuzz_common.h"
#include "load/sources_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *err = NULL;
    Sources *s = sources_load_buffer("sources.yaml", (const char *)data, size, &err);
    if ((s == NULL) == (err == NULL)) abort();
    if (s) {
        (void)sources_find(s, "npm");
        (void)sources_find(s, "pypi");
    }
    sources_free(s);
    free(err);
    return 0;
}
