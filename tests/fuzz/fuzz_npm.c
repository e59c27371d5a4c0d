/* fuzz_npm.c: npm range replies. The first byte picks the status and content
 * type and whether the request was for one name or a bulk of three; the rest
 * is the body. */
#include <stdlib.h>
#include <string.h>

#include "fetch/parse.h"
#include "fuzz/fuzz_common.h"

static const long statuses[] = { 200, 200, 200, 404, 429, 403, 500, 400 };

static void result_check(const PackageResult *r)
{
    if (r->outcome == FETCH_OK) {
        if (r->ndaily > PARSE_SERIES_MAX) abort();
        if ((r->ndaily == 0) != (r->daily == NULL)) abort();
        for (size_t i = 0; i < r->ndaily; i++)
            if (r->daily[i] < 0 || r->daily[i] > PARSE_DAILY_MAX) abort();
        if (r->last_week < 0 || r->last_month < 0 || r->last_week > r->last_month) abort();
        if (strnlen(r->first_day, sizeof r->first_day) >= sizeof r->first_day) abort();
        if (strnlen(r->last_day, sizeof r->last_day) >= sizeof r->last_day) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned mode = data[0];
    /* The body in its own allocation of exactly its length, so ASan catches
     * any read past the end (bodies need not be NUL-terminated). */
    size_t len = size - 1;
    char *body = malloc(len ? len : 1);
    if (len) memcpy(body, data + 1, len);
    HttpReply reply = {
        .status = statuses[mode & 7],
        .content_type = (mode & 8) ? "text/html" : ((mode & 16) ? NULL : "application/json"),
        .body = body,
        .len = len,
    };
    static const char *const one[] = { "express" };
    static const char *const bulk[] = { "express", "fastify", "@nestjs/core" };
    size_t n = (mode & 32) ? 3 : 1;
    PackageResult out[3];
    memset(out, 0, sizeof out);
    /* 64: as the fetcher asks, last-month on 2026-11-01 */
    ParseWindow w = { (mode & 64) ? 20758 : 0, (mode & 64) ? 30 : 0, 0 };
    parse_npm_range(&reply, n == 1 ? one : bulk, n, &w, out);
    for (size_t i = 0; i < n; i++) {
        result_check(&out[i]);
        package_result_clear(&out[i]);
    }
    free(body);
    return 0;
}
