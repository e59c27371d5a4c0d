/* plan.c: name guards and request planning for one refresh (see plan.h). */
#include "fetch/plan.h"

#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/ecosystem.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

size_t plan_npm_period_days(const char *endpoint)
{
    static const struct {
        const char *segment;
        size_t days;
    } periods[] = { { "/last-day/", 1 }, { "/last-week/", 7 }, { "/last-month/", 30 } };
    for (size_t i = 0; i < sizeof periods / sizeof *periods; i++)
        if (strstr(endpoint, periods[i].segment))
            return periods[i].days;
    return 0;
}

char *plan_expand(const char *endpoint, const char *placeholder, const char *value)
{
    const char *at = strstr(endpoint, placeholder);
    if (!at)
        return xstrdup(endpoint);
    return xasprintf("%.*s%s%s", (int)(at - endpoint), endpoint, value, at + strlen(placeholder));
}

PlannedRequest plan_single(const char *endpoint, const char *placeholder, const char *name, size_t item)
{
    PlannedRequest r = { NULL, NULL, 0, 0, 0 };
    r.path = plan_expand(endpoint, placeholder, name);
    r.items = xmalloc(sizeof *r.items);
    r.items[0] = item;
    r.nitems = 1;
    return r;
}

PlannedRequest plan_group(const char *endpoint, const char *const *names, size_t n)
{
    StrBuf list = STRBUF_INIT;
    PlannedRequest r = { NULL, NULL, 0, 0, 0 };
    r.items = xcalloc(n ? n : 1, sizeof *r.items);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_append_char(&list, ',');
        sb_append(&list, names[i]);
        r.items[i] = i;
    }
    r.path = plan_expand(endpoint, "{packages}", sb_str(&list));
    r.nitems = n;
    sb_free(&list);
    return r;
}

static void push(PlannedRequest **reqs, size_t *n, size_t *cap, PlannedRequest r)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *reqs = xreallocarray(*reqs, *cap, sizeof **reqs);
    }
    (*reqs)[(*n)++] = r;
}

PlannedRequest *plan_npm(const char *endpoint, const char *const *names, size_t n, size_t bulk_max,
                         size_t *nrequests)
{
    PlannedRequest *reqs = NULL;
    size_t count = 0, cap = 0;
    if (bulk_max < 1)
        bulk_max = 1;
    size_t overhead = strlen(endpoint);

    StrBuf list = STRBUF_INIT;
    size_t *items = NULL, nitems = 0;
    for (size_t i = 0; i <= n; i++) {
        bool flush = i == n;
        if (!flush) {
            if (npm_name_scoped(names[i]))
                continue;
            size_t grown = list.len + (nitems ? 1 : 0) + strlen(names[i]) + overhead;
            if (nitems == bulk_max || (nitems > 0 && grown > PLAN_PATH_MAX))
                flush = true;
        }
        if (flush && nitems > 0) {
            PlannedRequest r = { plan_expand(endpoint, "{packages}", sb_str(&list)), items, nitems, 0, 0 };
            push(&reqs, &count, &cap, r);
            sb_reset(&list);
            items = NULL;
            nitems = 0;
        }
        if (i == n)
            break;
        if (nitems)
            sb_append_char(&list, ',');
        sb_append(&list, names[i]);
        items = xreallocarray(items, nitems + 1, sizeof *items);
        items[nitems++] = i;
    }
    sb_free(&list);
    for (size_t i = 0; i < n; i++)
        if (npm_name_scoped(names[i]))
            push(&reqs, &count, &cap, plan_single(endpoint, "{packages}", names[i], i));
    *nrequests = count;
    return reqs;
}

PlannedRequest *plan_each(const char *endpoint, const char *placeholder, const char *const *names, size_t n,
                          size_t *nrequests)
{
    PlannedRequest *reqs = n ? xcalloc(n, sizeof *reqs) : NULL;
    for (size_t i = 0; i < n; i++)
        reqs[i] = plan_single(endpoint, placeholder, names[i], i);
    *nrequests = n;
    return reqs;
}

PlannedRequest *plan_pypistats(const char *endpoint, const char *const *names, size_t n, size_t *nrequests)
{
    return plan_each(endpoint, "{package}", names, n, nrequests);
}

void plan_free(PlannedRequest *reqs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(reqs[i].path);
        free(reqs[i].items);
    }
    free(reqs);
}

char *plan_npm_period_endpoint(const char *endpoint, long first_day, long last_day)
{
    const char *at = strstr(endpoint, "/range/");
    if (!at)
        return NULL;
    at += strlen("/range/");
    const char *end = strchr(at, '/');
    if (!end || end == at)
        return NULL;
    char a[11], b[11];
    day_format(first_day, a);
    day_format(last_day, b);
    return xasprintf("%.*s%s:%s%s", (int)(at - endpoint), endpoint, a, b, end);
}

/* Requests for names[idx[0..m)] over first..last in windows of at most
 * span days, the latest first, each planned by plan_npm. */
static void plan_windows(PlannedRequest **reqs, size_t *count, size_t *cap, const char *endpoint,
                         const char *const *names, const size_t *idx, size_t m, size_t bulk_max, long first,
                         long last, long span)
{
    if (m == 0)
        return;
    const char **sub = xcalloc(m, sizeof *sub);
    for (size_t i = 0; i < m; i++)
        sub[i] = names[idx[i]];
    for (long hi = last; hi >= first; hi -= span) {
        long lo = hi - span + 1 < first ? first : hi - span + 1;
        char *ep = plan_npm_period_endpoint(endpoint, lo, hi);
        size_t k = 0;
        PlannedRequest *part = plan_npm(ep, sub, m, bulk_max, &k);
        for (size_t j = 0; j < k; j++) {
            for (size_t t = 0; t < part[j].nitems; t++)
                part[j].items[t] = idx[part[j].items[t]];
            part[j].first_day = lo;
            part[j].last_day = hi;
            push(reqs, count, cap, part[j]);
        }
        free(part);
        free(ep);
    }
    free(sub);
}

PlannedRequest *plan_npm_history(const char *endpoint, const char *const *names, size_t n, size_t bulk_max,
                                 long first_day, long last_day, size_t *nrequests)
{
    *nrequests = 0;
    char *probe = plan_npm_period_endpoint(endpoint, first_day, last_day);
    if (!probe || first_day > last_day) {
        free(probe);
        return NULL;
    }
    free(probe);
    PlannedRequest *reqs = NULL;
    size_t count = 0, cap = 0;
    size_t *plain = xcalloc(n ? n : 1, sizeof *plain), *scoped = xcalloc(n ? n : 1, sizeof *scoped);
    size_t np = 0, ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (npm_name_scoped(names[i]))
            scoped[ns++] = i;
        else
            plain[np++] = i;
    }
    plan_windows(&reqs, &count, &cap, endpoint, names, plain, np, bulk_max, first_day, last_day,
                 PLAN_NPM_BULK_DAYS);
    plan_windows(&reqs, &count, &cap, endpoint, names, scoped, ns, 1, first_day, last_day,
                 PLAN_NPM_SINGLE_DAYS);
    free(plain);
    free(scoped);
    *nrequests = count;
    return reqs;
}
