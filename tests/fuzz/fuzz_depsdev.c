/* fuzz_depsdev.c: deps.dev v3 replies. The first byte picks the status and
 * content type (bits 0-2, 3-4) and which reply it is (bits 5-6: package,
 * version, project); the rest is the body. */
#include <stdlib.h>
#include <string.h>

#include "fetch/parse_depsdev.h"
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
    HealthFigures f;
    health_figures_init(&f);
    char *detail = NULL;
    FetchOutcome o;
    switch ((mode >> 5) & 3) {
    case 0: o = parse_depsdev_package(&reply, "express", &f, &detail); break;
    case 1: o = parse_depsdev_version(&reply, "express", "5.3.0", &f, &detail); break;
    default: o = parse_depsdev_project(&reply, "github.com/expressjs/express", &f, &detail); break;
    }
    if ((o == FETCH_OK) != (detail == NULL)) abort();
    if (o != FETCH_OK && (f.version || f.license || f.repo || f.advisories != HEALTH_UNKNOWN ||
                          f.stars != HEALTH_UNKNOWN || f.scorecard >= 0)) abort();
    if (f.advisories > HEALTH_ADVISORIES_MAX || f.stars > HEALTH_STARS_MAX || f.scorecard > 10) abort();
    if (f.published[0] && strlen(f.published) != 10) abort();
    if (f.repo && (!strchr(f.repo, '/') || strstr(f.repo, ".."))) abort();
    free(detail);
    health_figures_clear(&f);
    free(body);
    return 0;
}
