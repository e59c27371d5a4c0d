/* fetch_status.c: the download figures' state in one line (see fetch_status.h). */
#include "core/fetch_status.h"

#include <stdio.h>

#include "core/text.h"

void fetch_status_line(const FetchSummary *s, time_t now, char out[FETCH_STATUS_MAX])
{
    if (s->busy) {
        snprintf(out, FETCH_STATUS_MAX, "fetching %zu/%zu", s->done, s->total);
        return;
    }
    if (s->retry_at && !s->offline) {
        struct tm tm;
        char hhmm[16] = "?";
        if (localtime_r(&s->retry_at, &tm))
            strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
        snprintf(out, FETCH_STATUS_MAX, "rate-limited, next try %s", hhmm);
        return;
    }
    char what[64], age[16];
    text_age((long long)(now - s->oldest_cached), age);
    if (s->live > 0 && s->cached > 0)
        /* A refresh renewed some figures and kept others: say how old the
         * kept ones are, so "live" never passes for all of them. */
        snprintf(what, sizeof what, "live, %zu from cache %s old", s->cached, age);
    else if (s->live > 0)
        snprintf(what, sizeof what, "live");
    else if (s->cached > 0)
        snprintf(what, sizeof what, "cache %s old", age);
    else
        snprintf(what, sizeof what, "bundled");
    if (s->offline)
        snprintf(out, FETCH_STATUS_MAX, "%s, offline", what);
    else if (s->failed)
        snprintf(out, FETCH_STATUS_MAX, "%s, %zu failed", what, s->failed);
    else
        snprintf(out, FETCH_STATUS_MAX, "%s", what);
}
