/* source_pypistats.c: the pypistats API's row (source_ops.h). One
 * `overall?mirrors=false` request per project (PEP 503 name); no day
 * without downloads has a row, so every series ends on the service's
 * latest day (parse.h). */
#include "fetch/source_ops.h"

static PlannedRequest *pypistats_plan(const Source *src, const char *const *names, size_t n,
                                      size_t *nrequests)
{
    return plan_pypistats(src->endpoint, names, n, nrequests);
}

static void pypistats_parse(const Source *src, const HttpReply *reply, const char *const *names, size_t n,
                            const ParseWindow *w, PackageResult *out)
{
    for (size_t i = 0; i < n; i++)
        parse_pypistats_overall(reply, names[i], w, &out[i]);
}

const SourceOps source_pypistats = {
    .protocol = SOURCE_PYPISTATS,
    .kind = SOURCE_KIND_DOWNLOADS,
    .plan = pypistats_plan,
    .regroup = NULL,
    .parse = pypistats_parse,
    .shared_latest_day = true,
};
