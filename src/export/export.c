/* export.c: choosing a format, the helpers the renderers share, and
 * writing a rendered snapshot to a file or stdout. */
#include "export/export.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/day.h"
#include "export/export_internal.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#define EXPORT_FORMAT_ROW(id, lbl, mime_type, renderer, ext, help_note, ...)                 \
    [id] = { .label = lbl, .mime = mime_type, .extension = ext, .note = help_note,           \
             .names = { __VA_ARGS__ }, .render = renderer },
static const ExportFormatInfo formats[EXPORT_NFORMATS] = { EXPORT_FORMATS(EXPORT_FORMAT_ROW) };
#undef EXPORT_FORMAT_ROW

const ExportFormatInfo *export_format_info(ExportFormat fmt)
{
    return &formats[(int)fmt < EXPORT_NFORMATS ? fmt : 0];
}

bool export_format_from_name(const char *name, ExportFormat *out)
{
    for (int f = 0; f < EXPORT_NFORMATS; f++)
        for (size_t n = 0; n < EXPORT_NAMES_MAX && formats[f].names[n]; n++)
            if (strcmp(name, formats[f].names[n]) == 0) {
                *out = (ExportFormat)f;
                return true;
            }
    return false;
}

ExportFormat export_format_from_path(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        for (int f = 0; f < EXPORT_NFORMATS; f++)
            if (strcasecmp(dot + 1, formats[f].extension) == 0)
                return (ExportFormat)f;
    return (ExportFormat)0;
}

const char *export_format_extension(ExportFormat fmt)
{
    return export_format_info(fmt)->extension;
}

const char *export_format_names(char *buf, size_t cap, bool labels)
{
    size_t n = 0;
    if (cap > 0)
        buf[0] = '\0';
    for (int f = 0; f < EXPORT_NFORMATS && n < cap; f++) {
        const char *sep = f == 0 ? "" : f + 1 == EXPORT_NFORMATS ? " or " : ", ";
        int w = snprintf(buf + n, cap - n, "%s%s", sep,
                         labels ? formats[f].label : formats[f].names[0]);
        if (w < 0)
            break;
        n += (size_t)w;
    }
    return buf;
}

char *export_render(const Session *s, ExportFormat fmt, time_t now)
{
    return export_format_info(fmt)->render(s, now);
}

static int write_export(const Session *s, ExportFormat fmt, const char *path, time_t now,
                        FileWait wait, char **err)
{
    char *doc = export_render(s, fmt, now);
    size_t len = strlen(doc);
    int rc = 0;
    if (strcmp(path, "-") == 0) {
        errno = 0;
        if (fwrite(doc, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
            *err = xasprintf("stdout: cannot write the export: %s",
                             errno ? strerror(errno) : "write error");
            rc = -1;
        }
    } else {
        rc = file_write_user(path, doc, len, 0644, wait, err);
    }
    free(doc);
    return rc;
}

int export_write(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err)
{
    return write_export(s, fmt, path, now, FILE_MAY_BLOCK, err);
}

int export_write_nowait(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err)
{
    return write_export(s, fmt, path, now, FILE_NO_BLOCK, err);
}

static const long long powers_of_ten[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

static int clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
}

/* value * 10^decimals as an integer, rounded exactly as printf's "%.*f"
 * rounds: the engine's summaries use printf, and a margin must read the
 * same in the summary and in the table beside it. Whatever the locale
 * puts between the digits (',' or '.') is skipped. */
static long long printf_scaled(double value, int decimals, bool *negative)
{
    char buf[64];
    if (!(fabs(value) < 1e15)) /* no real total or score gets here; stay in range */
        value = 0;
    snprintf(buf, sizeof buf, "%.*f", decimals, value);
    long long scaled = 0;
    *negative = false;
    for (const char *p = buf; *p; p++) {
        if (*p == '-')
            *negative = true;
        else if (*p >= '0' && *p <= '9')
            scaled = scaled * 10 + (*p - '0');
    }
    if (scaled == 0)
        *negative = false; /* "-0.0" reads as 0 */
    return scaled;
}

double export_round(double value, int decimals)
{
    decimals = clamp_decimals(decimals);
    bool negative;
    long long scaled = printf_scaled(value, decimals, &negative);
    /* Both are exact integers, so the quotient is the double nearest the
     * decimal printf wrote. */
    double rounded = (double)scaled / (double)powers_of_ten[decimals];
    return negative ? -rounded : rounded;
}

void export_append_fixed(StrBuf *sb, double value, int decimals)
{
    decimals = clamp_decimals(decimals);
    bool negative;
    long long scaled = printf_scaled(value, decimals, &negative);
    long long unit = powers_of_ten[decimals];
    sb_appendf(sb, "%s%lld", negative ? "-" : "", scaled / unit);
    if (decimals > 0)
        sb_appendf(sb, ".%0*lld", decimals, scaled % unit);
}

void export_append_total(StrBuf *sb, const Session *s, size_t stack)
{
    export_append_fixed(sb, evaluation_printed_total(s->eval, stack, TOTAL_DECIMALS), TOTAL_DECIMALS);
}

void export_append_margin(StrBuf *sb, const Session *s)
{
    export_append_fixed(sb, evaluation_printed_margin(s->eval, TOTAL_DECIMALS), TOTAL_DECIMALS);
}

void export_append_margin_note(StrBuf *sb, const Session *s)
{
    const Evaluation *ev = s->eval;
    if (!evaluation_margin_misleads(ev, s->ds, TOTAL_DECIMALS))
        return;
    sb_append(sb, ev->hybrid ? " The rule compares the exact totals: before rounding the margin is below "
                             : " The rule compares the exact totals: before rounding the margin is at least ");
    export_append_fixed(sb, s->ds->hybrid_threshold, 1);
    sb_append(sb, ev->hybrid ? " points, so the verdict is a hybrid." : " points, so a single stack wins.");
}

void export_append_count(StrBuf *sb, long long count)
{
    if (count < 0) {
        sb_append_char(sb, '-');
        count = -count;
    }
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", count);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            sb_append_char(sb, ',');
        sb_append_char(sb, digits[i]);
    }
}

void export_format_date(char out[EXPORT_TIME_LEN], time_t t)
{
    day_format(day_of_time(t), out);
}

/* One naming of a package by a criterion for a stack, in data order. */
typedef struct Mention {
    size_t stack;
    const char *package;
    size_t seq;
} Mention;

/* Orders mentions by (stack, package, first appearance), to find each
 * stack's distinct packages in O(n log n): a data set may have a thousand
 * criteria naming thousands of packages. */
static int by_stack_package_seq(const void *a, const void *b)
{
    const Mention *x = a, *y = b;
    if (x->stack != y->stack)
        return x->stack < y->stack ? -1 : 1;
    int c = strcmp(x->package, y->package);
    if (c != 0)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int by_ecosystem_package(const void *a, const void *b)
{
    const PackageStat *x = *(const PackageStat *const *)a, *y = *(const PackageStat *const *)b;
    int c = strcmp(x->ecosystem, y->ecosystem);
    return c != 0 ? c : strcmp(x->package, y->package);
}

/* stats_find by binary search over a sorted index of the table. */
static const PackageStat *find_sorted(PackageStat **index, size_t n, const char *ecosystem,
                                      const char *package)
{
    PackageStat key = { .ecosystem = (char *)ecosystem, .package = (char *)package };
    PackageStat *keyp = &key;
    PackageStat **hit = bsearch(&keyp, index, n, sizeof *index, by_ecosystem_package);
    return hit ? *hit : NULL;
}

ExportPackage *export_packages(const Session *s, size_t *count)
{
    const Dataset *ds = s->ds;
    size_t n = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        for (size_t st = 0; st < ds->nstacks; st++)
            n += ds->criteria[c].by_stack[st].nevidence;
    *count = 0;
    if (n == 0)
        return NULL;
    /* Every mention in data order: stack by stack, criterion by criterion. */
    Mention *all = xcalloc(n, sizeof *all);
    size_t k = 0;
    for (size_t st = 0; st < ds->nstacks; st++)
        for (size_t c = 0; c < ds->ncriteria; c++) {
            const Assessment *a = &ds->criteria[c].by_stack[st];
            for (size_t e = 0; e < a->nevidence; e++, k++)
                all[k] = (Mention){ st, a->evidence[e], k };
        }
    Mention *sorted = xcalloc(n, sizeof *sorted);
    memcpy(sorted, all, n * sizeof *all);
    qsort(sorted, n, sizeof *sorted, by_stack_package_seq);
    bool *keep = xcalloc(n, sizeof *keep);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || sorted[i].stack != sorted[i - 1].stack ||
            strcmp(sorted[i].package, sorted[i - 1].package) != 0)
            keep[sorted[i].seq] = true;
    free(sorted);

    size_t nstats = s->stats->count;
    PackageStat **index = xcalloc(nstats ? nstats : 1, sizeof *index);
    for (size_t i = 0; i < nstats; i++)
        index[i] = &s->stats->items[i];
    qsort(index, nstats, sizeof *index, by_ecosystem_package);
    ExportPackage *list = xcalloc(n, sizeof *list);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        list[out].stack = all[i].stack;
        list[out].package = all[i].package;
        list[out].stat = find_sorted(index, nstats, ds->stacks[all[i].stack].ecosystem,
                                     all[i].package);
        out++;
    }
    free(index);
    free(keep);
    free(all);
    *count = out;
    return list;
}

const Robustness *export_robustness(const Session *s, Robustness **owned)
{
    *owned = NULL;
    if (session_robust_complete(s))
        return s->robust;
    *owned = robust_new(s->ds, &s->robust_opt);
    robust_run(*owned, s->weights, s->scale);
    return *owned;
}

const Flip *export_flip(const Session *s, Flip *scratch)
{
    *scratch = (Flip)FLIP_INIT;
    if (!s->flip_stale)
        return &s->flip;
    flip_compute(scratch, s->ds, s->eval, s->weights, s->scale);
    return scratch;
}

void export_append_weight(StrBuf *sb, const Session *s, size_t c)
{
    if (session_weight_is_whole(s, c))
        sb_appendf(sb, "%d", s->weights[c] / s->scale);
    else
        export_append_fixed(sb, session_weight(s, c), 2);
}

void export_append_weight_sum(StrBuf *sb, const Session *s)
{
    long sum = 0;
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        sum += s->weights[c];
    if (sum % s->scale == 0)
        sb_appendf(sb, "%ld", sum / s->scale);
    else
        export_append_fixed(sb, (double)sum / s->scale, 2);
}

const PackageHealth *export_health(const Session *s, size_t stack, const char *package)
{
    return health_table_find(s->health, s->ds->stacks[stack].ecosystem, package);
}

char *export_health_line(const Session *s, size_t stack, const char *package, time_t now)
{
    return health_line(s->health, s->ds->stacks[stack].ecosystem, package, now);
}

char *export_status_text(const PackageStat *st)
{
    if (!st)
        return xstrdup("no figure");
    const char *name = stat_status_name(st->status);
    if (st->detail && *st->detail)
        return xasprintf("%s: %s", name, st->detail);
    return xstrdup(name);
}

size_t export_origin_number(ExportOrigins *o, const char *origin)
{
    for (size_t i = 0; i < o->count; i++)
        if (strcmp(o->items[i], origin) == 0)
            return i + 1;
    o->items = xreallocarray(o->items, o->count + 1, sizeof *o->items);
    o->items[o->count++] = origin;
    return o->count;
}

bool export_append_provenance(StrBuf *sb, const PackageStat *st, void (*text)(StrBuf *sb, const char *text))
{
    if (!st || st->source == STAT_SOURCE_NONE) {
        sb_append(sb, "no figure");
        return false;
    }
    sb_append(sb, stat_source_name(st->source));
    sb_append(sb, ":");
    if (st->source == STAT_SOURCE_BUNDLED) {
        sb_append(sb, " monthly downloads");
    } else if (st->fetched_at != 0) {
        char when[EXPORT_TIME_LEN];
        time_to_iso(st->fetched_at, when);
        sb_appendf(sb, " fetched %s", when);
    }
    if (st->period) {
        sb_append(sb, ", ");
        text(sb, st->period);
    }
    return st->origin != NULL;
}
