/* stats.c: the table of evidence packages and their figures. */
#include "core/stats.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/trend.h"
#include "core/day.h"
#include "util/safetext.h"
#include "util/xalloc.h"

StatsTable *stats_table_new(void) { return xcalloc(1, sizeof(StatsTable)); }

static void stat_clear(PackageStat *st)
{
    free(st->ecosystem);
    free(st->package);
    free(st->daily);
    free(st->series_end);
    free(st->period);
    free(st->origin);
    free(st->detail);
    figures_clear(&st->figures);
}

void stats_table_free(StatsTable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        stat_clear(&t->items[i]);
    free(t->items);
    free(t->slots);
    free(t);
}

/* FNV-1a over both names, with a separator so ("ab","c") != ("a","bc"). */
static size_t key_hash(const char *ecosystem, const char *package)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (const char *p = ecosystem; *p; p++)
        h = (h ^ (unsigned char)*p) * (size_t)1099511628211ULL;
    h = (h ^ 0xffu) * (size_t)1099511628211ULL;
    for (const char *p = package; *p; p++)
        h = (h ^ (unsigned char)*p) * (size_t)1099511628211ULL;
    return h;
}

/* The slot holding (ecosystem, package), or the empty slot where it would go. */
static size_t slot_for(const StatsTable *t, const char *ecosystem, const char *package)
{
    size_t mask = t->nslots - 1;
    size_t i = key_hash(ecosystem, package) & mask;
    while (t->slots[i] != 0) {
        const PackageStat *st = &t->items[t->slots[i] - 1];
        if (strcmp(st->package, package) == 0 && strcmp(st->ecosystem, ecosystem) == 0)
            break;
        i = (i + 1) & mask;
    }
    return i;
}

/* Keeps the index at most half full; rebuilt whole since entries never leave. */
static void index_grow(StatsTable *t)
{
    if (t->nslots >= 2 * (t->count + 1))
        return;
    free(t->slots);
    t->nslots = t->nslots ? t->nslots * 2 : 64;
    while (t->nslots < 2 * (t->count + 1))
        t->nslots *= 2;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    for (size_t e = 0; e < t->count; e++)
        t->slots[slot_for(t, t->items[e].ecosystem, t->items[e].package)] = e + 1;
}

PackageStat *stats_find(const StatsTable *t, const char *ecosystem, const char *package)
{
    if (t->nslots == 0)
        return NULL;
    size_t slot = t->slots[slot_for(t, ecosystem, package)];
    return slot ? &t->items[slot - 1] : NULL;
}

PackageStat *stats_get_or_add(StatsTable *t, const char *ecosystem, const char *package)
{
    PackageStat *found = stats_find(t, ecosystem, package);
    if (found)
        return found;
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->items = xreallocarray(t->items, t->cap, sizeof *t->items);
    }
    index_grow(t);
    PackageStat *st = &t->items[t->count];
    memset(st, 0, sizeof *st);
    st->ecosystem = xstrdup(ecosystem);
    st->package = xstrdup(package);
    st->source = STAT_SOURCE_NONE;
    st->status = STAT_OK;
    t->slots[slot_for(t, ecosystem, package)] = ++t->count;
    return st;
}

void stats_add_evidence(StatsTable *t, const Dataset *ds)
{
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t s = 0; s < ds->nstacks; s++) {
            const Assessment *a = &ds->criteria[c].by_stack[s];
            for (size_t e = 0; e < a->nevidence; e++)
                (void)stats_get_or_add(t, ds->stacks[s].ecosystem, a->evidence[e]);
        }
}

/* Periods, origins and details come from the cache and the network: they
 * are kept free of control characters and of a length a status line or a
 * report cell can show, whoever set them. */
#define STAT_TEXT_MAX_CHARS 300

static void replace(char **slot, const char *value)
{
    char *clean = value ? safetext_clean(value, STAT_TEXT_MAX_CHARS) : NULL; /* value may be *slot */
    free(*slot);
    *slot = clean;
}

void stat_set_period(PackageStat *st, const char *period) { replace(&st->period, period); }
void stat_set_origin(PackageStat *st, const char *origin) { replace(&st->origin, origin); }
void stat_set_detail(PackageStat *st, const char *detail) { replace(&st->detail, detail); }

void stat_set_series(PackageStat *st, const long long *daily, size_t n, const char *series_end)
{
    free(st->daily);
    st->daily = NULL;
    st->ndaily = 0;
    if (daily && n > 0) {
        st->daily = xcalloc(n, sizeof *st->daily);
        memcpy(st->daily, daily, n * sizeof *daily);
        st->ndaily = n;
    }
    replace(&st->series_end, series_end);
}

bool stat_merge_series(PackageStat *st, const long long *daily, size_t n, const char *series_end)
{
    long new_end, old_end;
    if (!series_end || !day_parse(series_end, &new_end))
        return false;
    if (!daily || n == 0)
        return true;
    if (!st->daily || st->ndaily == 0 || !st->series_end || !day_parse(st->series_end, &old_end)) {
        size_t keep = n > STAT_SERIES_MAX ? STAT_SERIES_MAX : n;
        stat_set_series(st, daily + (n - keep), keep, series_end);
        return true;
    }
    long end = new_end > old_end ? new_end : old_end;
    long new_first = new_end - (long)n + 1, old_first = old_end - (long)st->ndaily + 1;
    /* Back from the end while one of the two has the day. */
    long first = end;
    while (end - first + 1 < STAT_SERIES_MAX) {
        long d = first - 1;
        if (!((d >= new_first && d <= new_end) || (d >= old_first && d <= old_end)))
            break;
        first = d;
    }
    size_t len = (size_t)(end - first + 1);
    long long *out = xcalloc(len, sizeof *out);
    for (long d = first; d <= end; d++) {
        long long v;
        if (d >= new_first && d <= new_end)
            v = daily[d - new_first];
        else if (d >= old_first && d <= old_end)
            v = st->daily[d - old_first];
        else
            v = 0; /* between the two ends: the later one covers it, see above */
        out[d - first] = v;
    }
    char end_s[11];
    day_format(end, end_s);
    stat_set_series(st, out, len, end_s);
    free(out);
    return true;
}

#define STAT_NAME_ROW(id, name) [id] = name,
static const char *const source_names[STAT_NSOURCES] = { STAT_SOURCES(STAT_NAME_ROW) };
static const char *const status_names[STAT_NSTATUSES] = { STAT_STATUSES(STAT_NAME_ROW) };
#undef STAT_NAME_ROW

const char *stat_source_name(StatSource s)
{
    return source_names[(int)s < STAT_NSOURCES ? s : STAT_SOURCE_NONE];
}

const char *stat_status_name(StatStatus s)
{
    return status_names[(int)s < STAT_NSTATUSES ? s : STAT_ERROR];
}

bool stat_source_from_name(const char *name, StatSource *out)
{
    for (int i = 0; i < STAT_NSOURCES; i++)
        if (strcmp(name, source_names[i]) == 0) {
            *out = (StatSource)i;
            return true;
        }
    return false;
}

bool stat_status_from_name(const char *name, StatStatus *out)
{
    for (int i = 0; i < STAT_NSTATUSES; i++)
        if (strcmp(name, status_names[i]) == 0) {
            *out = (StatStatus)i;
            return true;
        }
    return false;
}

time_t stats_next_update(time_t t, long update_s)
{
    time_t day = t - (t % 86400 + 86400) % 86400; /* 00:00 UTC of t's day */
    time_t at = day + update_s;
    return at > t ? at : at + 86400;
}

bool stat_count_add(long long *sum, long long v)
{
    if (v < 0 || *sum > LLONG_MAX - v)
        return false;
    *sum += v;
    return true;
}

/* ---- figures ---- */

#define FIGURE_UNIT_ROW(id, name) [id] = name,
static const char *const unit_names[FIGURE_NUNITS] = { FIGURE_UNITS(FIGURE_UNIT_ROW) };
#undef FIGURE_UNIT_ROW

typedef struct FigureKindRow {
    const char *key;
    const char *label;
    FigureUnit unit;
} FigureKindRow;
#define FIGURE_KIND_ROW(id, k, l, u) [id] = { .key = k, .label = l, .unit = u },
static const FigureKindRow kind_rows[FIGURE_NKINDS] = { FIGURE_KINDS(FIGURE_KIND_ROW) };
#undef FIGURE_KIND_ROW

static const FigureKindRow *kind_row(FigureKind k) { return &kind_rows[(unsigned)k < FIGURE_NKINDS ? k : 0]; }

const char *figure_kind_key(FigureKind k) { return kind_row(k)->key; }
const char *figure_kind_label(FigureKind k) { return kind_row(k)->label; }
FigureUnit figure_kind_unit(FigureKind k) { return kind_row(k)->unit; }
const char *figure_unit_name(FigureUnit u) { return unit_names[(unsigned)u < FIGURE_NUNITS ? u : 0]; }

bool figure_kind_from_key(const char *key, FigureKind *out)
{
    for (int i = 0; i < FIGURE_NKINDS; i++)
        if (strcmp(kind_rows[i].key, key) == 0) {
            *out = (FigureKind)i;
            return true;
        }
    return false;
}

static bool unit_is_text(FigureUnit u) { return u == FIG_UNIT_DATE || u == FIG_UNIT_TEXT; }

const Figure *figures_find(const FigureSet *set, FigureKind k)
{
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].kind == k)
            return &set->items[i];
    return NULL;
}

static void figure_free(Figure *f)
{
    free(f->text);
    free(f->period);
    free(f->origin);
}

void figures_remove(FigureSet *set, FigureKind k)
{
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].kind == k) {
            figure_free(&set->items[i]);
            memmove(&set->items[i], &set->items[i + 1], (set->count - i - 1) * sizeof *set->items);
            set->count--;
            return;
        }
}

const Figure *figures_put(FigureSet *set, FigureKind k, long long number, const char *text,
                          const char *period, StatSource source, const char *origin, time_t fetched_at,
                          StatStatus status)
{
    bool is_text = unit_is_text(figure_kind_unit(k));
    if (is_text ? !text : number < 0) {
        figures_remove(set, k);
        return NULL;
    }
    Figure *f = (Figure *)figures_find(set, k);
    if (!f) {
        set->items = xreallocarray(set->items, set->count + 1, sizeof *set->items);
        f = &set->items[set->count++];
        memset(f, 0, sizeof *f);
    }
    f->kind = k;
    f->number = is_text ? 0 : number;
    replace(&f->text, is_text ? text : NULL);
    replace(&f->period, period);
    replace(&f->origin, origin);
    f->source = source;
    f->fetched_at = fetched_at;
    f->status = status;
    return f;
}

void figures_clear(FigureSet *set)
{
    for (size_t i = 0; i < set->count; i++)
        figure_free(&set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

void figure_format_value(FigureUnit u, long long number, const char *text, char out[FIGURE_TEXT_MAX])
{
    switch (u) {
    case FIG_UNIT_COUNT: {
        char n[16];
        trend_format_count(number, n); /* "-" when negative */
        snprintf(out, FIGURE_TEXT_MAX, "%s", n);
        return;
    }
    case FIG_UNIT_DAYS:
        if (number < 0)
            break;
        snprintf(out, FIGURE_TEXT_MAX, "%lldd", number);
        return;
    case FIG_UNIT_DATE:
    case FIG_UNIT_TEXT:
        if (!text)
            break;
        if (snprintf(out, FIGURE_TEXT_MAX, "%s", text) >= FIGURE_TEXT_MAX) {
            size_t n = FIGURE_TEXT_MAX - 1; /* cut, but never inside a UTF-8 character */
            while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
                n--;
            out[n] = '\0';
        }
        return;
    }
    snprintf(out, FIGURE_TEXT_MAX, "-");
}

void figure_format(const Figure *f, char out[FIGURE_TEXT_MAX])
{
    if (f)
        figure_format_value(figure_kind_unit(f->kind), f->number, f->text, out);
    else
        snprintf(out, FIGURE_TEXT_MAX, "-");
}

long long stat_number(const PackageStat *st, FigureKind k)
{
    const Figure *f = st ? figures_find(&st->figures, k) : NULL;
    return f && !unit_is_text(figure_kind_unit(k)) ? f->number : STAT_UNKNOWN;
}

void stat_set_downloads(PackageStat *st, long long last_week, long long last_month)
{
    figures_put(&st->figures, FIG_DOWNLOADS_WEEK, last_week, NULL, st->period, st->source, st->origin,
                st->fetched_at, st->status);
    figures_put(&st->figures, FIG_DOWNLOADS_MONTH, last_month, NULL, st->period, st->source, st->origin,
                st->fetched_at, st->status);
}
