/* runtime.c: support windows — the table, the pick of the line a team
 * would use today, and how near its end of life is. */
#include "core/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

RuntimeTable *runtime_table_new(void) { return xcalloc(1, sizeof(RuntimeTable)); }

void runtime_cycle_clear(RuntimeCycle *c)
{
    free(c->cycle);
    free(c->latest);
    memset(c, 0, sizeof *c);
}

void runtime_cycles_free(RuntimeCycle *cycles, size_t n)
{
    for (size_t i = 0; cycles && i < n; i++)
        runtime_cycle_clear(&cycles[i]);
    free(cycles);
}

void runtime_set_cycles(RuntimeInfo *info, RuntimeCycle *cycles, size_t n)
{
    for (size_t i = 0; i < info->ncycles; i++)
        runtime_cycle_clear(&info->cycles[i]);
    free(info->cycles);
    info->cycles = cycles;
    info->ncycles = n;
}

void runtime_set_text(char **slot, const char *text)
{
    char *copy = text ? xstrdup(text) : NULL;
    free(*slot);
    *slot = copy;
}

void runtime_table_free(RuntimeTable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        RuntimeInfo *r = &t->items[i];
        runtime_set_cycles(r, NULL, 0);
        free(r->product);
        free(r->origin);
        free(r->as_of);
        free(r->detail);
    }
    free(t->items);
    free(t);
}

const RuntimeInfo *runtime_table_find(const RuntimeTable *t, const char *product)
{
    for (size_t i = 0; t && i < t->count; i++)
        if (strcmp(t->items[i].product, product) == 0)
            return &t->items[i];
    return NULL;
}

RuntimeInfo *runtime_table_get(RuntimeTable *t, const char *product)
{
    RuntimeInfo *found = (RuntimeInfo *)runtime_table_find(t, product);
    if (found)
        return found;
    t->items = xreallocarray(t->items, t->count + 1, sizeof *t->items);
    RuntimeInfo *r = &t->items[t->count++];
    memset(r, 0, sizeof *r);
    r->product = xstrdup(product);
    r->source = STAT_SOURCE_NONE;
    r->status = STAT_OK;
    return r;
}

void runtime_table_add_stacks(RuntimeTable *t, const Dataset *ds)
{
    for (size_t s = 0; s < ds->nstacks; s++)
        if (ds->stacks[s].runtime)
            runtime_table_get(t, ds->stacks[s].runtime);
}

static const char *const PICK_NAMES[] = { [RUNTIME_PICK_NONE] = "none", [RUNTIME_PICK_LTS] = "lts",
                                          [RUNTIME_PICK_STABLE] = "stable" };

bool runtime_pick_from_name(const char *name, RuntimePick *out)
{
    for (int p = RUNTIME_PICK_LTS; p <= RUNTIME_PICK_STABLE; p++)
        if (strcmp(name, PICK_NAMES[p]) == 0) {
            *out = (RuntimePick)p;
            return true;
        }
    return false;
}

const char *runtime_pick_name(RuntimePick p)
{
    return p <= RUNTIME_PICK_STABLE ? PICK_NAMES[p] : "none";
}

/* Released by today and not past its end of life on it. */
static bool usable(const RuntimeCycle *c, const char *today)
{
    if (!c->release[0] || strcmp(c->release, today) > 0)
        return false;
    return !c->eol[0] || strcmp(c->eol, today) > 0;
}

int runtime_pick_cycle(const RuntimeInfo *info, RuntimePick pick, const char *today)
{
    if (!info || pick == RUNTIME_PICK_NONE)
        return -1;
    /* The service lists the newest line first, but take the newest by
     * release date whatever the order. */
    int best = -1;
    for (size_t i = 0; i < info->ncycles; i++) {
        const RuntimeCycle *c = &info->cycles[i];
        if (!usable(c, today))
            continue;
        if (pick == RUNTIME_PICK_LTS && (!c->lts[0] || strcmp(c->lts, today) > 0))
            continue;
        if (best < 0 || strcmp(c->release, info->cycles[best].release) > 0)
            best = (int)i;
    }
    return best;
}

static int ymd(const char *s, int *y, int *m, int *d)
{
    return sscanf(s, "%4d-%2d-%2d", y, m, d) == 3 ? 0 : -1;
}

int runtime_months_left(const RuntimeCycle *c, const char *today)
{
    int y0, m0, d0, y1, m1, d1;
    if (!c->eol[0] || ymd(today, &y0, &m0, &d0) != 0 || ymd(c->eol, &y1, &m1, &d1) != 0)
        return -1;
    int months = (y1 - y0) * 12 + (m1 - m0) - (d1 < d0 ? 1 : 0);
    return months < 0 ? 0 : months;
}

bool runtime_eol_soon(const RuntimeCycle *c, const char *today)
{
    if (!c->eol[0])
        return false;
    int y, m, d;
    if (ymd(today, &y, &m, &d) != 0)
        return false;
    /* Within 12 months: on or before the same day a year from today. */
    char limit[32];
    snprintf(limit, sizeof limit, "%04d-%02d-%02d", (y + RUNTIME_EOL_WARN_MONTHS / 12) % 10000,
             m % 100, d % 100);
    return strcmp(c->eol, limit) <= 0;
}

void runtime_today(char out[RUNTIME_DATE_LEN], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, RUNTIME_DATE_LEN, "%Y-%m-%d", &tm);
}

char *runtime_describe(const RuntimeInfo *info, RuntimePick pick, const char *name,
                       const char *today)
{
    int i = runtime_pick_cycle(info, pick, today);
    if (i < 0)
        return xstrdup("no support window known");
    const RuntimeCycle *c = &info->cycles[i];
    const char *kind = pick == RUNTIME_PICK_LTS ? " LTS" : "";
    if (!c->eol[0])
        return xasprintf("%s %s%s, end of life not announced", name, c->cycle, kind);
    if (!runtime_eol_soon(c, today))
        return xasprintf("%s %s%s, end of life %s", name, c->cycle, kind, c->eol);
    int left = runtime_months_left(c, today);
    return xasprintf("%s %s%s, end of life %s (within 12 months: %d left)", name, c->cycle, kind,
                     c->eol, left);
}

char *runtime_provenance(const RuntimeInfo *info)
{
    char buf[256];
    size_t n = 0;
    if (!info || info->source == STAT_SOURCE_NONE) {
        n = (size_t)snprintf(buf, sizeof buf, "no data");
    } else if (info->fetched_at) {
        struct tm tm;
        char when[32];
        gmtime_r(&info->fetched_at, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        n = (size_t)snprintf(buf, sizeof buf, "%s, fetched %s", stat_source_name(info->source), when);
    } else {
        n = (size_t)snprintf(buf, sizeof buf, "%s%s%s", stat_source_name(info->source),
                             info->as_of ? ", as of " : "", info->as_of ? info->as_of : "");
    }
    if (info && info->status != STAT_OK && n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "; %s%s%.80s", stat_status_name(info->status),
                 info->detail ? ": " : "", info->detail ? info->detail : "");
    return xstrdup(buf);
}

char *runtime_line(const RuntimeTable *t, const Stack *st, time_t now)
{
    if (!st->runtime)
        return NULL;
    const RuntimeInfo *info = runtime_table_find(t, st->runtime);
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, now);
    char *line = runtime_describe(info, (RuntimePick)st->runtime_pick, st->name, today);
    char *prov = runtime_provenance(info);
    char *out = xasprintf("%s (%s)", line, prov);
    free(line);
    free(prov);
    return out;
}
