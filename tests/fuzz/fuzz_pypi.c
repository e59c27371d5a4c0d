/* fuzz_pypi.c: pypistats overall replies. The first byte picks the status
 * and content type; the rest is the body. */
#include <stdlib.h>
#include <string.h>

#include "fetch/parse.h"
#include "fuzz/fuzz_common.h"

static const long statuses[] = { 200, 200, 200, 404, 429, 403, 500, 400 };

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
    PackageResult r;
    memset(&r, 0, sizeof r);
    /* 64: on 2026-11-01, the service's latest day known to be 2026-10-30 */
    ParseWindow w = { (mode & 64) ? 20758 : 0, 0, (mode & 64) ? 20756 : 0 };
    parse_pypistats_overall(&reply, (mode & 32) ? "fastapi" : "django", &w, &r);
    if (r.outcome == FETCH_OK) {
        if (r.ndaily > PARSE_SERIES_MAX) abort();
        if ((r.ndaily == 0) != (r.daily == NULL)) abort();
        for (size_t i = 0; i < r.ndaily; i++)
            if (r.daily[i] < 0 || r.daily[i] > PARSE_DAILY_MAX) abort();
        if (r.last_week < 0 || r.last_month < 0 || r.last_week > r.last_month) abort();
    }
    package_result_clear(&r);
    free(body);
    return 0;
}
