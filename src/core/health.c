/* health.c: package health — the table, and how its figures read. */
#include "core/health.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/trend.h"
#include "util/safetext.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Origins and details come from the network and the cache. */
#define HEALTH_TEXT_MAX_CHARS 300

HealthTable *health_table_new(void) { return xcalloc(1, sizeof(HealthTable)); }

void health_figures_init(HealthFigures *f)
{
    memset(f, 0, sizeof *f);
    f->advisories = HEALTH_UNKNOWN;
    f->stars = HEALTH_UNKNOWN;
    f->scorecard = -1.0;
}

void health_figures_clear(HealthFigures *f)
{
    free(f->version);
    free(f->license);
    free(f->repo);
    health_figures_init(f);
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

void health_figures_copy(HealthFigures *dst, const HealthFigures *src)
{
    if (dst == src)
        return;
    health_figures_clear(dst);
    *dst = *src;
    dst->version = dup_or_null(src->version);
    dst->license = dup_or_null(src->license);
    dst->repo = dup_or_null(src->repo);
}

void health_set_text(char **slot, const char *text)
{
    char *copy = text ? safetext_clean(text, HEALTH_TEXT_MAX_CHARS) : NULL;
    free(*slot);
    *slot = copy;
}

void health_table_free(HealthTable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        PackageHealth *h = &t->items[i];
        free(h->ecosystem);
        free(h->package);
        health_figures_clear(&h->f);
        free(h->origin);
        free(h->as_of);
        free(h->detail);
        free(h->repo_detail);
    }
    free(t->items);
    free(t);
}

const PackageHealth *health_table_find(const HealthTable *t, const char *ecosystem, const char *package)
{
    for (size_t i = 0; t && i < t->count; i++)
        if (strcmp(t->items[i].ecosystem, ecosystem) == 0 && strcmp(t->items[i].package, package) == 0)
            return &t->items[i];
    return NULL;
}

PackageHealth *health_table_get(HealthTable *t, const char *ecosystem, const char *package)
{
    PackageHealth *found = (PackageHealth *)health_table_find(t, ecosystem, package);
    if (found)
        return found;
    t->items = xreallocarray(t->items, t->count + 1, sizeof *t->items);
    PackageHealth *h = &t->items[t->count++];
    memset(h, 0, sizeof *h);
    h->ecosystem = xstrdup(ecosystem);
    h->package = xstrdup(package);
    health_figures_init(&h->f);
    h->source = STAT_SOURCE_NONE;
    h->status = STAT_OK;
    h->repo_status = STAT_OK;
    return h;
}

void health_table_add_evidence(HealthTable *t, const Dataset *ds)
{
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t s = 0; s < ds->nstacks; s++) {
            const Assessment *a = &ds->criteria[c].by_stack[s];
            for (size_t e = 0; e < a->nevidence; e++)
                (void)health_table_get(t, ds->stacks[s].ecosystem, a->evidence[e]);
        }
}

long health_days_since_release(const PackageHealth *h, const char *today)
{
    long from, to;
    if (!h || !h->f.published[0] || !day_parse(h->f.published, &from) || !day_parse(today, &to))
        return HEALTH_UNKNOWN;
    return to >= from ? to - from : 0;
}

char *health_describe(const PackageHealth *h, const char *today)
{
    if (!h || h->source == STAT_SOURCE_NONE)
        return xstrdup("no package health known");
    StrBuf sb = STRBUF_INIT, gone = STRBUF_INIT;
    sb_append(&sb, "");
    sb_append(&gone, "");
#define MISSING(name) sb_appendf(&gone, "%s%s", gone.len ? ", " : "", name)
    if (h->f.version) {
        sb_append(&sb, h->f.version);
        long days = health_days_since_release(h, today);
        if (days >= 0)
            sb_appendf(&sb, ", %ld day%s old", days, days == 1 ? "" : "s");
    } else {
        MISSING("latest version");
    }
    if (h->f.license)
        sb_appendf(&sb, "%s%s", sb.len ? " · " : "", h->f.license[0] ? h->f.license : "no licence declared");
    else
        MISSING("licence");
    if (h->f.advisories >= 0)
        sb_appendf(&sb, "%s%d advisor%s", sb.len ? " · " : "", h->f.advisories,
                   h->f.advisories == 1 ? "y" : "ies");
    else
        MISSING("advisories");
    if (!h->f.repo_known) {
        MISSING("repository");
    } else if (!h->f.repo) {
        sb_appendf(&sb, "%sno source repository linked", sb.len ? " · " : "");
    } else {
        sb_appendf(&sb, "%s%s", sb.len ? " · " : "", h->f.repo);
        if (h->f.stars >= 0) {
            char n[16];
            trend_format_count(h->f.stars, n);
            sb_appendf(&sb, " %s stars", n);
        } else {
            MISSING("stars");
        }
        if (h->f.scorecard >= 0)
            sb_appendf(&sb, ", scorecard %.1f", h->f.scorecard);
        else
            MISSING("scorecard");
    }
#undef MISSING
    /* What is not known, said once: the snapshot does not carry it, or the
     * service did not say. */
    if (gone.len)
        sb_appendf(&sb, "%s%s: %s", sb.len ? " · " : "",
                   h->source == STAT_SOURCE_BUNDLED ? "not in the snapshot" : "unknown", gone.data);
    free(sb_take(&gone));
    return sb_take(&sb);
}

char *health_line(const HealthTable *t, const char *ecosystem, const char *package, time_t now)
{
    const PackageHealth *h = health_table_find(t, ecosystem, package);
    char today[HEALTH_DATE_LEN];
    day_format(day_of_time(now), today);
    char *line = health_describe(h, today), *prov = health_provenance(h);
    char *out = xasprintf("%s (%s)", line, prov);
    free(line);
    free(prov);
    return out;
}

char *health_brief(const PackageHealth *h, const char *today)
{
    if (!h || !h->f.version)
        return xstrdup("?");
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, h->f.version);
    const char *sep = " (";
    long days = health_days_since_release(h, today);
    if (days >= 0) {
        sb_appendf(&sb, "%s%ldd", sep, days);
        sep = ", ";
    }
    if (h->f.advisories >= 0) {
        sb_appendf(&sb, "%s%d adv", sep, h->f.advisories);
        sep = ", ";
    }
    if (h->f.scorecard >= 0) {
        sb_appendf(&sb, "%ssc %.1f", sep, h->f.scorecard);
        sep = ", ";
    }
    if (sep[0] == ',')
        sb_append(&sb, ")");
    return sb_take(&sb);
}

void health_put_figures(const PackageHealth *h, PackageStat *st)
{
    const HealthFigures *f = &h->f;
    StatStatus status = h->status == STAT_STALE ? STAT_STALE : STAT_OK;
    const char *period = h->as_of; /* bundled: the day the snapshot describes */
    char score[16];
    snprintf(score, sizeof score, "%.1f", f->scorecard);
#define PUT(kind, number, text) \
    (void)figures_put(&st->figures, kind, number, text, period, h->source, h->origin, h->fetched_at, status)
    if (h->source == STAT_SOURCE_NONE) {
        for (int k = FIG_LATEST_VERSION; k <= FIG_SCORECARD; k++)
            figures_remove(&st->figures, (FigureKind)k);
        return;
    }
    PUT(FIG_LATEST_VERSION, 0, f->version);
    PUT(FIG_LATEST_RELEASE, 0, f->published[0] ? f->published : NULL);
    PUT(FIG_LICENSE, 0, f->license && f->license[0] ? f->license : NULL);
    PUT(FIG_ADVISORIES, f->advisories, NULL);
    PUT(FIG_REPO_STARS, f->repo ? f->stars : -1, NULL);
    PUT(FIG_SCORECARD, 0, f->repo && f->scorecard >= 0 ? score : NULL);
#undef PUT
}

void health_sync_stats(const HealthTable *t, StatsTable *stats)
{
    for (size_t i = 0; t && i < t->count; i++) {
        PackageStat *st = stats_find(stats, t->items[i].ecosystem, t->items[i].package);
        if (st)
            health_put_figures(&t->items[i], st);
    }
}

char *health_summary(const HealthTable *t)
{
    size_t by_source[STAT_NSOURCES] = { 0 }, by_status[STAT_NSTATUSES] = { 0 }, repo_failed = 0;
    for (size_t i = 0; t && i < t->count; i++) {
        by_source[t->items[i].source]++;
        by_status[t->items[i].status]++;
        repo_failed += t->items[i].repo_status != STAT_OK;
    }
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%zu package%s:", t ? t->count : 0, t && t->count == 1 ? "" : "s");
    bool first = true;
    for (int s = STAT_NSOURCES - 1; s >= 0; s--)
        if (by_source[s]) {
            sb_appendf(&sb, "%s %zu %s", first ? "" : ",", by_source[s],
                       s == STAT_SOURCE_NONE ? "without figures" : stat_source_name((StatSource)s));
            first = false;
        }
    size_t failed = 0;
    int most = -1;
    for (int s = STAT_NOT_FOUND; s < STAT_NSTATUSES; s++) {
        failed += by_status[s];
        if (by_status[s] && (most < 0 || by_status[s] > by_status[most]))
            most = s;
    }
    if (failed)
        sb_appendf(&sb, "; %zu failed (%s)", failed, stat_status_name((StatStatus)most));
    if (repo_failed)
        sb_appendf(&sb, "%s %zu without %s repository's figures", failed ? "," : ";", repo_failed,
                   repo_failed == 1 ? "its" : "their");
    return sb_take(&sb);
}

char *health_provenance(const PackageHealth *h)
{
    StrBuf sb = STRBUF_INIT;
    if (!h || h->source == STAT_SOURCE_NONE) {
        sb_append(&sb, "no data");
    } else if (h->fetched_at) {
        char when[32];
        time_to_iso(h->fetched_at, when);
        sb_appendf(&sb, "%s, fetched %s", stat_source_name(h->source), when);
    } else {
        sb_appendf(&sb, "%s%s%s", stat_source_name(h->source), h->as_of ? ", as of " : "",
                   h->as_of ? h->as_of : "");
    }
    if (h && h->status != STAT_OK)
        sb_appendf(&sb, "; %s%s%.80s", stat_status_name(h->status), h->detail ? ": " : "",
                   h->detail ? h->detail : "");
    if (h && h->repo_status != STAT_OK)
        sb_appendf(&sb, "; repository: %s%s%.80s", stat_status_name(h->repo_status),
                   h->repo_detail ? ": " : "", h->repo_detail ? h->repo_detail : "");
    return sb_take(&sb);
}
