/* fuzz_state.c: the saved state file; a bad one must be refused with a
 * message, and a good one must round-trip through state_save. */
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_common.h"
#include "load/state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("state.yaml", data, size);
    SavedState st = SAVED_STATE_INIT;
    char *err = NULL;
    int rc = state_load(path, &st, &err);
    if (rc == -1 && err == NULL) abort();
    if (rc != -1 && err != NULL) abort();
    if (rc == 0) {
        /* Whatever was accepted must save and read back the same. */
        char *again_path = strdup(path);
        size_t n = strlen(again_path);
        memcpy(again_path + n - 5, ".out", 5);   /* state.yaml -> state.out */
        if (state_save(again_path, &st, &err) != 0) abort();
        SavedState back = SAVED_STATE_INIT;
        if (state_load(again_path, &back, &err) != 0) abort();
        if (back.nstacks != st.nstacks || back.nweights != st.nweights) abort();
        for (size_t i = 0; i < st.nweights; i++)
            if (back.weights[i] != st.weights[i] || strcmp(back.weight_ids[i], st.weight_ids[i]) != 0)
                abort();
        for (size_t i = 0; i < st.nstacks; i++)
            if (strcmp(back.stacks[i], st.stacks[i]) != 0) abort();
        if ((back.preset == NULL) != (st.preset == NULL)) abort();
        if (st.preset && strcmp(back.preset, st.preset) != 0) abort();
        if ((back.theme == NULL) != (st.theme == NULL)) abort();
        if (st.theme && strcmp(back.theme, st.theme) != 0) abort();
        state_clear(&back);
        free(again_path);
    }
    state_clear(&st);
    free(err);
    return 0;
}
