/* fuzz_eol.c: endoflife.date product replies, v0 or v1. The first byte
 * picks the status and content type (bits 0-2, 3-4) and the product the
 * reply must be for (bit 5); the rest is the body. */
#include <stdlib.h>
#include <string.h>

#include "fetch/parse_eol.h"
#include "fuzz/fuzz_common.h"

static const long statuses[] = { 200, 200, 200, 404, 429, 301, 500, 400 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned mode = data[0];
    size_t len = size - 1;
    char *body = malloc(len ? len : 1);
    if (len) memcpy(body, data + 1, len);
    HttpReply reply = {
        .status = statuses[mode & 7],
        .content_type = (mode & 8) ? "text/html" : ((mode & 16) ? NULL : "application/json"),
        .body = body,
        .len = len,
    };
    RuntimeCycle *cycles = NULL;
    size_t n = 0;
    char *detail = NULL;
    FetchOutcome o = parse_endoflife_for(&reply, (mode & 32) ? "python" : "nodejs", &cycles, &n, &detail);
    if ((o == FETCH_OK) != (detail == NULL)) abort();
    if (o != FETCH_OK && (cycles || n)) abort();
    if (n > PARSE_EOL_CYCLES_MAX) abort();
    for (size_t i = 0; i < n; i++) {
        const RuntimeCycle *c = &cycles[i];
        if (!c->cycle || strlen(c->release) != 10) abort();
        if (c->eol[0] && strlen(c->eol) != 10) abort();
        if (c->lts[0] && strlen(c->lts) != 10) abort();
    }
    for (size_t i = 0; i < n; i++)
        runtime_cycle_clear(&cycles[i]);
    free(cycles);
    free(detail);
    free(body);
    return 0;
}
