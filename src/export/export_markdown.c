/* export_markdown.c: the Markdown snapshot — a report a person reads, on
 * GitHub or in a terminal: verdict, criteria table, flip points and the
 * download evidence with where each figure came from. */
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "core/trend.h"
#include "core/day.h"
#include "export/export_internal.h"
#include "util/safetext.h"
#include "util/xalloc.h"

#define NO_VALUE "\xe2\x80\x94" /* an em dash: nothing to show */

/* Text inside a table cell or a line of prose: characters Markdown would
 * read as syntax are escaped, and line breaks become spaces so a table row
 * stays one line. */
static void md_text(StrBuf *sb, const char *text) { export_md_text(sb, text); }

void export_md_text(StrBuf *sb, const char *text)
{
    for (const char *p = text; *p; p++) {
        /* Control characters (escape sequences, bidi overrides) are dropped:
         * a report read in a terminal must not drive the terminal. */
        size_t control = safetext_control_len(p);
        if (control && *p != '\n' && *p != '\r' && *p != '\t') {
            p += control - 1;
            continue;
        }
        switch (*p) {
        case '\n':
        case '\r':
        case '\t':
            sb_append_char(sb, ' ');
            break;
        case '|':
        case '\\':
        case '*':
        case '_':
        case '`':
        case '<':
        case '>':
        case '[':
        case ']':
        case '#':
            sb_append_char(sb, '\\');
            sb_append_char(sb, *p);
            break;
        default:
            sb_append_char(sb, *p);
        }
    }
}

static void append_title(StrBuf *sb, const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    char date[EXPORT_TIME_LEN], stamp[EXPORT_TIME_LEN];
    export_format_date(date, now);
    time_to_iso(now, stamp);
    sb_append(sb, "# versus: ");
    for (size_t i = 0; i < ds->nstacks; i++) {
        if (i > 0)
            sb_append(sb, " vs ");
        md_text(sb, ds->stacks[i].name);
    }
    WeightsOrigin origin = session_weights_origin(s);
    int preset = origin.kind == WEIGHTS_PRESET ? origin.preset : -1;
    char *described = session_weights_text(s, WEIGHTS_DETAIL_MAX);
    sb_appendf(sb, ", %s (", date);
    md_text(sb, described);
    sb_append(sb, ")\n\n");
    sb_appendf(sb, "Snapshot taken %s from data version ", stamp);
    md_text(sb, ds->version ? ds->version : "unknown");
    if (ds->date) {
        sb_append(sb, " (judgements reviewed ");
        md_text(sb, ds->date);
        sb_append(sb, ")");
    }
    sb_append(sb, ".");
    if (preset >= 0) {
        const char *desc = ds->presets[preset].description;
        size_t len = strlen(desc);
        sb_append(sb, " Weights of preset **");
        md_text(sb, ds->presets[preset].id);
        sb_append(sb, "**: ");
        md_text(sb, desc);
        if (len == 0 || !strchr(".!?", desc[len - 1]))
            sb_append(sb, ".");
    } else if (origin.kind == WEIGHTS_DEFAULTS) {
        sb_append(sb, " Weights: the data's defaults.");
    } else {
        sb_append(sb, " Weights: ");
        md_text(sb, described);
        sb_append(sb, ".");
    }
    free(described);
    sb_append(sb, "\n\n");
}

/* "I/O-bound concurrency and CPU-bound work" from a favour list. */
static void append_favoured(StrBuf *sb, const Session *s, int side)
{
    const Evaluation *ev = s->eval;
    for (size_t i = 0; i < evaluation_favour(ev)->nfavour[side]; i++) {
        if (i > 0)
            sb_append(sb, "; "); /* titles may hold "and" and commas themselves */
        md_text(sb, s->ds->criteria[evaluation_favour(ev)->favour[side][i]].title);
    }
}

static void append_verdict(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    sb_append(sb, "## Verdict\n\n");
    char *summary = evaluation_summary(ev, ds);
    sb_append(sb, "**");
    md_text(sb, summary);
    sb_append(sb, "**\n\n");
    free(summary);
    if (!ev->has_total) {
        sb_append(sb, "Give at least one criterion a weight above 0 to get totals.\n\n");
        return;
    }
    const char *lead = ds->stacks[ev->leader].name;
    const char *run = ds->stacks[ev->runner_up].name;
    md_text(sb, lead);
    sb_append(sb, " scores ");
    export_append_total(sb, s, (size_t)ev->leader);
    sb_append(sb, " and ");
    md_text(sb, run);
    sb_append(sb, " ");
    export_append_total(sb, s, (size_t)ev->runner_up);
    sb_append(sb, " out of 100: a margin of ");
    export_append_margin(sb, s);
    sb_append(sb, " points. ");
    sb_append(sb, ev->hybrid ? "Below " : "At or above ");
    export_append_fixed(sb, ds->hybrid_threshold, 1);
    sb_append(sb, ev->hybrid ? " points the verdict is a hybrid: use each stack where it is "
                               "strongest."
                             : " points a single stack wins.");
    export_append_margin_note(sb, s);
    sb_append(sb, "\n\n");
    for (int side = 0; side < 2; side++) {
        if (evaluation_favour(ev)->nfavour[side] == 0)
            continue;
        sb_append(sb, "- Most in favour of ");
        md_text(sb, side == 0 ? lead : run);
        sb_append(sb, ": ");
        append_favoured(sb, s, side);
        sb_append(sb, "\n");
    }
    if (evaluation_favour(ev)->nfavour[0] || evaluation_favour(ev)->nfavour[1])
        sb_append(sb, "\n");
}

/* How sure the verdict is: the Monte-Carlo shares and the smallest flip. */
static void append_robustness(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    if (!ev->has_total)
        return;
    Robustness *owned;
    const Robustness *r = export_robustness(s, &owned);
    sb_append(sb, "### Robustness\n\n");
    sb_append(sb, "Of ");
    export_append_count(sb, s->robust_opt.samples);
    sb_append(sb, " weightings drawn near these (each weight uniform within \xc2\xb1");
    export_append_fixed(sb, s->robust_opt.spread, s->robust_opt.spread == (long)s->robust_opt.spread ? 0 : 2);
    sb_appendf(sb, ", kept to 0\xe2\x80\x93" "10; seed %llu), ", (unsigned long long)s->robust_opt.seed);
    bool first = true;
    for (size_t i = 0; i < ds->nstacks; i++) {
        char share[8];
        session_format_share(robust_win_share(r, i), share);
        sb_append(sb, first ? "" : ", ");
        md_text(sb, ds->stacks[i].name);
        sb_appendf(sb, " leads in %s", share);
        first = false;
    }
    char hybrid[8];
    session_format_share(robust_hybrid_share(r), hybrid);
    sb_appendf(sb, "; the verdict is a hybrid in %s.", hybrid);
    robust_free(owned);
    Flip scratch;
    const Flip *f = export_flip(s, &scratch);
    if (f->found) {
        sb_appendf(sb, " The fewest weight points that hand the lead to ");
        md_text(sb, ds->stacks[f->to].name);
        sb_appendf(sb, ": %s%d (", f->exact ? "" : "at most ", f->points);
        char *moves = flip_moves_text(f, ds);
        md_text(sb, moves);
        free(moves);
        sb_append(sb, ").");
    } else {
        sb_append(sb, " No weights from 0 to 10 hand the lead to ");
        md_text(sb, ds->stacks[ev->runner_up].name);
        sb_append(sb, ".");
    }
    sb_append(sb, "\n\n");
    flip_clear(&scratch);
}

/* The team: each member's weights and own winner beside the combined
 * weights, each criterion's spread, and where the members disagree most. */
static void append_team(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Team *t = s->team;
    if (!t)
        return;
    sb_appendf(sb, "## Team\n\nThe weights of %zu members, combined by their %s", t->count,
               team_combine_name(t->combine));
    sb_append(sb, session_team_adjusted(s) ? ", then adjusted (the Criteria table shows the "
                                             "weights used).\n\n"
                                           : " and used exactly, unrounded.\n\n");
    sb_append(sb, "| Criterion | Combined |");
    for (size_t i = 0; i < t->count; i++) {
        sb_append(sb, " ");
        md_text(sb, t->members[i].author);
        sb_append(sb, " |");
    }
    sb_append(sb, " Spread (min\xe2\x80\x93max, sd) |\n| --- | ---: |");
    for (size_t i = 0; i < t->count; i++)
        sb_append(sb, " ---: |");
    sb_append(sb, " --- |\n");
    for (size_t c = 0; c < ds->ncriteria; c++) {
        sb_append(sb, "| ");
        md_text(sb, ds->criteria[c].title);
        sb_append(sb, (int)c == t->most_disputed ? " (most disputed) | " : " | ");
        export_append_fixed(sb, (double)t->combined[c] / t->scale, 2);
        sb_append(sb, " |");
        for (size_t i = 0; i < t->count; i++)
            sb_appendf(sb, " %d |", t->members[i].weights[c]);
        sb_appendf(sb, " %d\xe2\x80\x93%d, ", t->min[c], t->max[c]);
        export_append_fixed(sb, t->stdev[c], 2);
        sb_append(sb, " |\n");
    }
    sb_append(sb, "| *Own winner* | |");
    for (size_t i = 0; i < t->count; i++) {
        const TeamMember *m = &t->members[i];
        sb_append(sb, " ");
        if (m->hybrid)
            sb_append(sb, "hybrid");
        else if (m->winner >= 0)
            md_text(sb, ds->stacks[m->winner].name);
        else
            sb_append(sb, NO_VALUE);
        sb_append(sb, " |");
    }
    sb_append(sb, " |\n\n");
    sb_append(sb, "Members' own weights pick ");
    for (size_t i = 0; i < ds->nstacks; i++) {
        md_text(sb, ds->stacks[i].name);
        sb_appendf(sb, " %zu time%s, ", t->picks[i], t->picks[i] == 1 ? "" : "s");
    }
    sb_appendf(sb, "a hybrid %zu time%s.", t->hybrids, t->hybrids == 1 ? "" : "s");
    if (t->most_disputed >= 0) {
        sb_append(sb, " Most disputed: ");
        md_text(sb, ds->criteria[t->most_disputed].title);
        sb_append(sb, " (standard deviation ");
        export_append_fixed(sb, t->stdev[t->most_disputed], 2);
        sb_append(sb, ").");
    } else {
        sb_append(sb, " The members agree on every weight.");
    }
    sb_append(sb, "\n\n");
}

static void append_criteria(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    sb_append(sb, "## Criteria\n\n| Criterion | Weight |");
    for (size_t i = 0; i < ds->nstacks; i++) {
        sb_append(sb, " ");
        md_text(sb, ds->stacks[i].name);
        sb_append(sb, " |");
    }
    sb_append(sb, " Flips at |\n| --- | ---: |");
    for (size_t i = 0; i < ds->nstacks; i++)
        sb_append(sb, " ---: |");
    sb_append(sb, " --- |\n");
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        int best = score_tenths(cr->by_stack[0].score);
        for (size_t i = 1; i < ds->nstacks; i++)
            if (score_tenths(cr->by_stack[i].score) > best)
                best = score_tenths(cr->by_stack[i].score);
        sb_append(sb, "| ");
        md_text(sb, cr->title);
        sb_append(sb, " (");
        md_text(sb, cr->id);
        sb_append(sb, ") | ");
        export_append_weight(sb, s, c);
        sb_append(sb, " |");
        for (size_t i = 0; i < ds->nstacks; i++) {
            /* Bold marks the best score in the row, so it shows without colour. */
            bool top = score_tenths(cr->by_stack[i].score) == best;
            sb_append(sb, top ? " **" : " ");
            export_append_fixed(sb, cr->by_stack[i].score, 1);
            sb_append(sb, top ? "** |" : " |");
        }
        int flip_leader, flip_weight = evaluation_flip(ev, c, &flip_leader);
        if (flip_weight >= 0) {
            sb_appendf(sb, " %d (", flip_weight);
            md_text(sb, ds->stacks[flip_leader].name);
            sb_append(sb, ") |\n");
        } else {
            sb_append(sb, " " NO_VALUE " |\n");
        }
    }
    sb_append(sb, "| **Total** (0\xe2\x80\x93" "100) | ");
    export_append_weight_sum(sb, s);
    sb_append(sb, " |");
    for (size_t i = 0; i < ds->nstacks; i++) {
        if (!ev->has_total) {
            sb_append(sb, " " NO_VALUE " |");
            continue;
        }
        bool top = (int)i == ev->leader;
        sb_append(sb, top ? " **" : " ");
        export_append_total(sb, s, i);
        sb_append(sb, top ? "** |" : " |");
    }
    sb_append(sb, " |\n\n");
    sb_append(sb, "Scores are 0\xe2\x80\x93" "10. A total is 100 \xc3\x97 \xce\xa3(weight \xc3\x97 "
                  "score) / (10 \xc3\x97 \xce\xa3 weight). *Flips at* is the weight of that "
                  "criterion, all other weights held, at which the stack named would take the "
                  "lead; " NO_VALUE " when no weight from 0 to 10 changes the leader.\n\n");
}

/* "[1] [2]" after a rationale: the numbers of its references below. */
static void append_reference_marks(StrBuf *sb, const Assessment *a)
{
    for (size_t k = 0; k < a->ncitations; k++)
        sb_appendf(sb, " [%zu]", k + 1);
}

/* "1. Title, 2026-08-22. <https://...> Note." The loader allows no
 * space, '<' or '>' in a URL, so it is safe inside an autolink. */
static void append_reference(StrBuf *sb, size_t number, const Citation *c)
{
    sb_appendf(sb, "   %zu. ", number);
    md_text(sb, c->title);
    sb_append(sb, ", ");
    md_text(sb, c->date);
    sb_append(sb, ". <");
    sb_append(sb, c->url);
    sb_append(sb, ">");
    if (c->note) {
        sb_append(sb, " ");
        md_text(sb, c->note);
    }
    sb_append(sb, "\n");
}

/* Each criterion's rationale per stack, with its numbered references. */
static void append_judgements(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "## Judgements and sources\n\n");
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        sb_append(sb, "### ");
        md_text(sb, cr->title);
        sb_append(sb, " (");
        md_text(sb, cr->id);
        sb_append(sb, ")\n\n");
        if (cr->informed_by) {
            sb_append(sb, "Informed by ");
            for (int k = 0, n = 0; k < EVIDENCE_NKINDS; k++)
                if (cr->informed_by & EVIDENCE_BIT(k))
                    sb_appendf(sb, "%s%s", n++ ? ", " : "", evidence_kind_label((EvidenceKind)k));
            sb_append(sb, " (evidence only: no score is computed from it).\n\n");
        }
        for (size_t i = 0; i < ds->nstacks; i++) {
            const Assessment *a = &cr->by_stack[i];
            sb_append(sb, "- **");
            md_text(sb, ds->stacks[i].name);
            sb_append(sb, "** ");
            export_append_fixed(sb, a->score, 1);
            sb_append(sb, ": ");
            md_text(sb, a->rationale);
            if (a->ncitations == 0)
                sb_append(sb, " (no sources cited)");
            append_reference_marks(sb, a);
            sb_append(sb, "\n\n");
            for (size_t k = 0; k < a->ncitations; k++)
                append_reference(sb, k + 1, &a->citations[k]);
            if (a->ncitations > 0)
                sb_append(sb, "\n");
        }
    }
}

/* "bundled: monthly downloads, calendar month March 2026, source S1" */
static void append_provenance(StrBuf *sb, const PackageStat *st, ExportOrigins *origins)
{
    if (export_append_provenance(sb, st, md_text))
        sb_appendf(sb, ", source S%zu", export_origin_number(origins, st->origin));
}

static void append_count_cell(StrBuf *sb, long long count)
{
    sb_append(sb, " ");
    if (count < 0)
        sb_append(sb, NO_VALUE);
    else
        export_append_count(sb, count);
    sb_append(sb, " |");
}

static void append_stats(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "## Download evidence\n\n");
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    if (n == 0) {
        sb_append(sb, "This data set names no evidence packages.\n");
        free(pkgs);
        return;
    }
    ExportOrigins origins = { NULL, 0 };
    sb_append(sb, "W/w is the last 7 days against the 7 before, from a daily series (fetched "
                  "figures only).\n\n");
    sb_append(sb, "| Stack | Package | Last week | W/w | Last month | Provenance | Status |\n"
                  "| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    for (size_t i = 0; i < n; i++) {
        const PackageStat *st = pkgs[i].stat;
        const Stack *stack = &ds->stacks[pkgs[i].stack];
        sb_append(sb, "| ");
        md_text(sb, stack->name);
        sb_append(sb, " | ");
        md_text(sb, stack->ecosystem);
        sb_append(sb, ": ");
        md_text(sb, pkgs[i].package);
        sb_append(sb, " |");
        append_count_cell(sb, stat_number(st, FIG_DOWNLOADS_WEEK));
        double pct = 0;
        char change[8];
        bool known = st && trend_week_change(st->daily, st->ndaily, &pct);
        trend_format_change(known, pct, change);
        sb_appendf(sb, " %s |", known ? change : NO_VALUE);
        append_count_cell(sb, stat_number(st, FIG_DOWNLOADS_MONTH));
        sb_append(sb, " ");
        append_provenance(sb, st, &origins);
        sb_append(sb, " | ");
        char *status = export_status_text(st);
        md_text(sb, status);
        free(status);
        sb_append(sb, " |\n");
    }
    free(pkgs);
    if (origins.count > 0) {
        sb_append(sb, "\nSources:\n\n");
        for (size_t i = 0; i < origins.count; i++) {
            sb_appendf(sb, "- S%zu: ", i + 1);
            md_text(sb, origins.items[i]);
            sb_append(sb, "\n");
        }
    }
    free(origins.items);
    sb_append(sb, "\n> **Not like for like.** npm figures count every download from the "
                  "registry, CI runs and other automated installs included; PyPI figures "
                  "exclude known mirrors. The sources also cover different periods and cut "
                  "their days off at different times. Compare each ecosystem's packages with "
                  "each other and over time, not npm numbers against PyPI numbers.\n");
}

/* Each stack's runtime: the line a team would pick on the export's day. */
static void append_runtimes(StrBuf *sb, const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    bool any = false;
    for (size_t i = 0; i < ds->nstacks && !any; i++)
        any = ds->stacks[i].runtime != NULL;
    if (!any)
        return;
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, now);
    sb_append(sb, "## Runtime support windows\n\n");
    sb_append(sb, "The release line a team would pick today (the newest LTS line, or the newest "
                  "stable one) and when it stops getting fixes; a line within 12 months of its "
                  "end of life is marked.\n\n");
    sb_append(sb, "| Stack | Runtime | Line | End of life | Latest | Provenance |\n"
                  "| --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < ds->nstacks; i++) {
        const Stack *st = &ds->stacks[i];
        if (!st->runtime)
            continue;
        const RuntimeInfo *info = runtime_table_find(s->runtimes, st->runtime);
        RuntimePick pick = (RuntimePick)st->runtime_pick;
        int c = runtime_pick_cycle(info, pick, today);
        sb_append(sb, "| ");
        md_text(sb, st->name);
        sb_append(sb, " | ");
        md_text(sb, st->runtime);
        sb_append(sb, " | ");
        if (c < 0) {
            sb_append(sb, NO_VALUE " | " NO_VALUE " | " NO_VALUE " | ");
        } else {
            const RuntimeCycle *cy = &info->cycles[c];
            md_text(sb, cy->cycle);
            sb_append(sb, pick == RUNTIME_PICK_LTS ? " (LTS) | " : " | ");
            if (!cy->eol[0]) {
                sb_append(sb, "not announced");
            } else {
                md_text(sb, cy->eol);
                if (runtime_eol_soon(cy, today))
                    sb_appendf(sb, " **(within 12 months: %d left)**", runtime_months_left(cy, today));
            }
            sb_append(sb, " | ");
            if (cy->latest) {
                md_text(sb, cy->latest);
                if (cy->latest_date[0]) {
                    sb_append(sb, " (");
                    md_text(sb, cy->latest_date);
                    sb_append(sb, ")");
                }
            } else {
                sb_append(sb, NO_VALUE);
            }
            sb_append(sb, " | ");
        }
        char *prov = export_runtime_provenance(info);
        md_text(sb, prov);
        free(prov);
        sb_append(sb, " |\n");
    }
    sb_append(sb, "\nSources:\n\n");
    for (size_t i = 0; i < ds->nstacks; i++) {
        const char *product = ds->stacks[i].runtime;
        const RuntimeInfo *info = product ? runtime_table_find(s->runtimes, product) : NULL;
        if (!info)
            continue;
        sb_append(sb, "- ");
        md_text(sb, product);
        sb_append(sb, ": ");
        md_text(sb, info->origin ? info->origin : "none");
        sb_append(sb, "\n");
    }
    sb_append(sb, "\n");
}

/* Each evidence package's health on the export's day, with provenance. */
static void append_health(StrBuf *sb, const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    if (n == 0) {
        free(pkgs);
        return;
    }
    sb_append(sb, "## Package health\n\nThe latest version and its age, its licence, the known advisories "
                  "affecting it, and the linked repository's stars and OpenSSF Scorecard score. Evidence "
                  "only: no score is computed from it.\n\n"
                  "| Stack | Package | Health | Provenance |\n| --- | --- | --- | --- |\n");
    char today[HEALTH_DATE_LEN];
    day_format(day_of_time(now), today);
    for (size_t i = 0; i < n; i++) {
        const PackageHealth *h = export_health(s, pkgs[i].stack, pkgs[i].package);
        const Stack *stack = &ds->stacks[pkgs[i].stack];
        sb_append(sb, "| ");
        md_text(sb, stack->name);
        sb_append(sb, " | ");
        md_text(sb, stack->ecosystem);
        sb_append(sb, ": ");
        md_text(sb, pkgs[i].package);
        sb_append(sb, " | ");
        char *line = health_describe(h, today), *prov = health_provenance(h);
        md_text(sb, line);
        sb_append(sb, " | ");
        md_text(sb, prov);
        sb_append(sb, " |\n");
        free(line);
        free(prov);
    }
    sb_append(sb, "\n");
    free(pkgs);
}

char *export_render_markdown(const Session *s, time_t now)
{
    StrBuf sb = STRBUF_INIT;
    append_title(&sb, s, now);
    append_verdict(&sb, s);
    append_robustness(&sb, s);
    append_team(&sb, s);
    append_criteria(&sb, s);
    append_judgements(&sb, s);
    append_runtimes(&sb, s, now);
    append_stats(&sb, s);
    append_health(&sb, s, now);
    return sb_take(&sb);
}
