/* export_csv.c: the CSV snapshot, for spreadsheets — one row per criterion
 * with its weight and each stack's score and contribution, then the totals
 * and the verdict. RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled. Text that a spreadsheet
 * would run as a formula starts with a single quote. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "export/export_internal.h"
#include "util/safetext.h"
#include "util/xalloc.h"

#define CRLF "\r\n"
#define POINT_DECIMALS 2

/* A spreadsheet runs a cell that starts with one of these as a formula
 * (OWASP's list): such text gets a leading single quote, which makes it
 * plain text. Numbers are written by the renderer, never through here. */
static bool starts_formula(const char *text)
{
    return text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
}

/* One text field: control characters other than line breaks and tabs
 * dropped, formula-like text neutralised, quoted when needed. */
static void csv_field(StrBuf *sb, const char *text)
{
    /* The quote goes in front of what is left once controls are dropped:
     * "\x01=..." must not become a formula by the dropping. */
    StrBuf clean = STRBUF_INIT;
    sb_append_char(&clean, '\'');
    for (const char *p = text; *p; p++) {
        size_t control = safetext_control_len(p);
        if (control && *p != '\n' && *p != '\r' && *p != '\t') {
            p += control - 1;
            continue;
        }
        sb_append_char(&clean, *p);
    }
    const char *field = sb_str(&clean);
    if (!starts_formula(field + 1))
        field++;
    if (strpbrk(field, ",\"\r\n") == NULL) {
        sb_append(sb, field);
        sb_free(&clean);
        return;
    }
    sb_append_char(sb, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            sb_append_char(sb, '"');
        sb_append_char(sb, *p);
    }
    sb_append_char(sb, '"');
    sb_free(&clean);
}

/* A header cell made of a stack id and a suffix: "node score". */
static void csv_field_pair(StrBuf *sb, const char *id, const char *suffix)
{
    char *cell = xasprintf("%s %s", id, suffix);
    csv_field(sb, cell);
    free(cell);
}

static void append_empty_fields(StrBuf *sb, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sb_append_char(sb, ',');
}

/* The robustness row: the model in the title column, each stack's share of
 * the draws in its contribution column, the flip's points and who it
 * hands the lead to in the flip columns. */
static void append_robustness(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    Robustness *owned;
    const Robustness *r = export_robustness(s, &owned);
    sb_append(sb, "robustness,");
    char *model = xasprintf("share of %ld weightings within +/-%g (seed %llu)", s->robust_opt.samples,
                            s->robust_opt.spread, (unsigned long long)s->robust_opt.seed);
    csv_field(sb, model);
    free(model);
    sb_append_char(sb, ',');
    export_append_fixed(sb, robust_hybrid_share(r), 4);
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append(sb, ",,");
        export_append_fixed(sb, robust_win_share(r, i), 4);
    }
    robust_free(owned);
    Flip scratch;
    const Flip *f = export_flip(s, &scratch);
    if (f->found) {
        sb_appendf(sb, ",%d,", f->points);
        csv_field(sb, ds->stacks[f->to].id);
    } else {
        sb_append(sb, ",,");
    }
    flip_clear(&scratch);
    sb_append(sb, CRLF);
}

char *export_render_csv(const Session *s, time_t now)
{
    (void)now; /* a CSV row has no place for it; JSON and Markdown carry it */
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "criterion,title,weight");
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append_char(&sb, ',');
        csv_field_pair(&sb, ds->stacks[i].id, "score");
        sb_append_char(&sb, ',');
        csv_field_pair(&sb, ds->stacks[i].id, "contribution");
    }
    sb_append(&sb, ",flip_weight,flip_leader" CRLF);
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        csv_field(&sb, cr->id);
        sb_append_char(&sb, ',');
        csv_field(&sb, cr->title);
        sb_append_char(&sb, ',');
        export_append_weight(&sb, s, c);
        for (size_t i = 0; i < ds->nstacks; i++) {
            sb_append_char(&sb, ',');
            export_append_fixed(&sb, cr->by_stack[i].score, 1);
            sb_append_char(&sb, ',');
            if (ev->has_total)
                export_append_fixed(&sb, evaluation_contrib(ev, c, i), POINT_DECIMALS);
        }
        int flip_leader, flip_weight = evaluation_flip(ev, c, &flip_leader);
        if (flip_weight >= 0) {
            sb_appendf(&sb, ",%d,", flip_weight);
            csv_field(&sb, ds->stacks[flip_leader].id);
        } else {
            sb_append(&sb, ",,");
        }
        sb_append(&sb, CRLF);
    }
    /* The totals sit in the contribution columns, which they are the sum of. */
    sb_append(&sb, "total,Total,");
    export_append_weight_sum(&sb, s);
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append(&sb, ",,");
        if (ev->has_total)
            export_append_total(&sb, s, i);
    }
    sb_append(&sb, ",," CRLF);
    /* The verdict: its summary in the title column and the winner's id (or
     * "hybrid") in the last column, so every row has the same fields. */
    sb_append(&sb, "verdict,");
    char *summary = evaluation_summary(ev, ds);
    csv_field(&sb, summary);
    free(summary);
    append_empty_fields(&sb, 1 + 2 * ds->nstacks + 2); /* up to flip_leader */
    const char *winner = evaluation_winner_id(ev, ds);
    if (winner)
        csv_field(&sb, winner);
    sb_append(&sb, CRLF);
    if (ev->has_total)
        append_robustness(&sb, s);
    /* Which weights these are: the description in the title column, the
     * kind (defaults, preset, custom, team) in the last. */
    sb_append(&sb, "weights,");
    char *described = session_weights_text(s, WEIGHTS_DETAIL_MAX);
    csv_field(&sb, described);
    free(described);
    append_empty_fields(&sb, 1 + 2 * ds->nstacks + 2);
    csv_field(&sb, weights_kind_name(session_weights_origin(s).kind));
    sb_append(&sb, CRLF);
    /* Each stack's support window: the line in the title column, the stack
     * id in the last, like the verdict row. */
    for (size_t i = 0; i < ds->nstacks; i++) {
        char *line = export_runtime_line(s, i, now);
        if (!line)
            continue;
        sb_append(&sb, "runtime,");
        csv_field(&sb, line);
        free(line);
        append_empty_fields(&sb, 1 + 2 * ds->nstacks + 2);
        csv_field(&sb, ds->stacks[i].id);
        sb_append(&sb, CRLF);
    }
    /* Each evidence package's health: "ecosystem:package: figures
     * (provenance)" in the title column, the stack id in the last. */
    size_t npkgs;
    ExportPackage *pkgs = export_packages(s, &npkgs);
    for (size_t i = 0; i < npkgs; i++) {
        char *line = export_health_line(s, pkgs[i].stack, pkgs[i].package, now);
        char *cell = xasprintf("%s:%s: %s", ds->stacks[pkgs[i].stack].ecosystem, pkgs[i].package, line);
        sb_append(&sb, "health,");
        csv_field(&sb, cell);
        free(cell);
        free(line);
        append_empty_fields(&sb, 1 + 2 * ds->nstacks + 2);
        csv_field(&sb, ds->stacks[pkgs[i].stack].id);
        sb_append(&sb, CRLF);
    }
    free(pkgs);
    return sb_take(&sb);
}
