/* fuzz_common.h: what every harness shares. Loaders that read a path get the
 * input through a file in a private temp directory made once per process;
 * FUZZ_ROOT (set by the Makefile) is the source tree, for the real data set
 * the snapshot harness checks against. */
#ifndef VERSUS_FUZZ_COMMON_H
#define VERSUS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A directory of this process's own, created on first use and removed at exit. */
const char *fuzz_tmpdir(void);
/* Writes data to NAME inside fuzz_tmpdir() (plain write: speed matters here)
 * and returns the full path, which stays valid until the next call. */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

#endif
