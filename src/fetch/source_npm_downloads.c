/* source_npm_downloads.c: the npm downloads API's row (source_ops.h).
 * `range` requests: every unscoped name in bulk requests of at most
 * bulk_max names, each scoped name alone (plan.h); a refused bulk request
 * is asked again in halves; the reply is checked against the days of the
 * endpoint's period (parse.h). A chart's longer history is asked for with
 * the same endpoint, its period replaced by the days (plan.h). */
#include "fetch/source_ops.h"

static PlannedRequest *npm_plan(const Source *src, const char *const *names, size_t n, size_t *nrequests)
{
    return plan_npm(src->endpoint, names, n, (size_t)src->bulk_max, nrequests);
}

static PlannedRequest *npm_plan_history(const Source *src, const char *const *names, size_t n, long first_day,
                                        long last_day, size_t *nrequests)
{
    return plan_npm_history(src->endpoint, names, n, (size_t)src->bulk_max, first_day, last_day, nrequests);
}

static PlannedRequest npm_regroup(const Source *src, const char *const *names, size_t n)
{
    return plan_group(src->endpoint, names, n);
}

static void npm_parse(const Source *src, const HttpReply *reply, const char *const *names, size_t n,
                      const ParseWindow *w, PackageResult *out)
{
    ParseWindow period = *w;
    if (period.want_days == 0)
        period.want_days = plan_npm_period_days(src->endpoint);
    parse_npm_range(reply, names, n, &period, out);
}

const SourceOps source_npm_downloads = {
    .protocol = SOURCE_NPM_DOWNLOADS,
    .kind = SOURCE_KIND_DOWNLOADS,
    .plan = npm_plan,
    .plan_history = npm_plan_history,
    .regroup = npm_regroup,
    .parse = npm_parse,
    .shared_latest_day = false,
};
