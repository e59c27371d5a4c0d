/* fuzz_theme.c: theme files, as people edit them by hand. */
#include <stdlib.h>

#include "fuzz/fuzz_common.h"
#include "load/theme_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *err = NULL;
    Theme *t = theme_load_buffer("fuzz.yaml", (const char *)data, size, &err);
    /* Exactly one of a theme or a message, never both or neither. */
    if ((t == NULL) == (err == NULL)) abort();
    theme_free(t);
    free(err);
    return 0;
}
