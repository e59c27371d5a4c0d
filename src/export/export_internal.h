/* export_internal.h: what the three renderers share — locale-independent
 * number formatting, timestamps, and the list of evidence packages per
 * stack that every format reports on. Private to src/export/. */
#ifndef VERSUS_EXPORT_EXPORT_INTERNAL_H
#define VERSUS_EXPORT_EXPORT_INTERNAL_H

#include <stddef.h>
#include <time.h>

#include "core/session.h"
#include "util/strbuf.h"

/* Each renderer (one per row of EXPORT_FORMATS) returns the whole
 * document; caller frees. */
#define EXPORT_RENDER_DECL(id, label, mime, render, ...) char *render(const Session *s, time_t now);
EXPORT_FORMATS(EXPORT_RENDER_DECL)
#undef EXPORT_RENDER_DECL
/* Text for Markdown prose or a table cell: syntax characters escaped, line
 * breaks as spaces. */
void export_md_text(StrBuf *sb, const char *text);

/* value rounded half away from zero to `decimals` (0..6) places. */
double export_round(double value, int decimals);
/* Appends value with exactly `decimals` places and a '.' whatever the
 * locale (the dashboard runs with the user's LC_NUMERIC). */
void export_append_fixed(StrBuf *sb, double value, int decimals);
/* Stack i's total as every export prints it: rounded once, to
 * TOTAL_DECIMALS places (evaluation_printed_total). */
void export_append_total(StrBuf *sb, const Session *s, size_t stack);
/* The margin as printed: the difference of the two totals printed. */
void export_append_margin(StrBuf *sb, const Session *s);
/* Where the printed margin sits on the other side of the hybrid threshold
 * from the exact one (the rule's), a sentence saying which decides, with a
 * leading space; nothing otherwise. */
void export_append_margin_note(StrBuf *sb, const Session *s);
/* Appends a download count grouped in thousands: 1,234,567. */
void export_append_count(StrBuf *sb, long long count);

/* The distinct origins of the figures, numbered in order of first use, so
 * a source shared by dozens of rows is written out once below the table.
 * The strings are borrowed; free `items` alone. */
typedef struct ExportOrigins {
    const char **items;
    size_t count;
} ExportOrigins;
/* origin's number (1-based), added at the end when it is new. */
size_t export_origin_number(ExportOrigins *o, const char *origin);

#define EXPORT_TIME_LEN 32
/* "2026-11-27" (UTC). */
void export_format_date(char out[EXPORT_TIME_LEN], time_t t);

/* One evidence package of one stack, with its figures (NULL when the
 * stats table has no entry for it). */
typedef struct ExportPackage {
    size_t stack;
    const char *package;
    const PackageStat *stat;
} ExportPackage;

/* Every stack's evidence packages, stack by stack, each package once per
 * stack in the order the criteria first name it. Caller frees the array
 * (the strings belong to the Session). */
ExportPackage *export_packages(const Session *s, size_t *count);

/* The session's Monte-Carlo estimate when complete; otherwise a complete
 * one computed here into *owned (caller frees it with robust_free). */
const Robustness *export_robustness(const Session *s, Robustness **owned);

/* The session's smallest flip when current; otherwise one computed here
 * into *scratch (caller clears it with flip_clear). */
const Flip *export_flip(const Session *s, Flip *scratch);

/* Criterion c's weight: "5", or "5.33" for a team's combined weight (to
 * two decimals; the JSON export carries it exactly). The sum likewise. */
void export_append_weight(StrBuf *sb, const Session *s, size_t c);
void export_append_weight_sum(StrBuf *sb, const Session *s);

/* Stack i's support window on the day of now, with where it came from
 * (runtime_line in core/runtime.h); NULL when it names no runtime. */
#define export_runtime_line(s, stack, now) runtime_line((s)->runtimes, &(s)->ds->stacks[stack], (now))
#define export_runtime_provenance(info) runtime_provenance(info)

/* An evidence package's health on the day of now with where it came
 * from: "5.3.0, 54 days old · MIT · 0 advisories · ... (live, fetched
 * 2026-12-02T07:00:00Z)". Caller frees. */
char *export_health_line(const Session *s, size_t stack, const char *package, time_t now);
/* The entry of stack's evidence package, or NULL. */
const PackageHealth *export_health(const Session *s, size_t stack, const char *package);

/* Text for a stat's status: "ok", or "error: timed out" with its detail. */
char *export_status_text(const PackageStat *st);

/* A figure's provenance as every format words it: "bundled: monthly
 * downloads, PERIOD" or "live: fetched ISO-TIME, PERIOD", the period
 * through the format's own `text` escaping; "no figure" without one.
 * Returns whether st has an origin the caller should reference. */
bool export_append_provenance(StrBuf *sb, const PackageStat *st, void (*text)(StrBuf *sb, const char *text));

#endif
