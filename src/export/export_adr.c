/* export_adr.c: the decision as an Architecture Decision Record in the
 * MADR 4.0 layout — YAML front matter (status, date, decision-makers), then
 * the problem, the drivers (the weighted criteria), the options (each
 * stack and a hybrid), the outcome with its margin and robustness, its
 * consequences, each option's pros and cons from its scores and
 * rationales, and how to reproduce it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "export/export_internal.h"
#include "util/xalloc.h"

/* A YAML double-quoted scalar. */
static void yaml_string(StrBuf *sb, const char *text)
{
    sb_append_char(sb, '"');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\') {
            sb_append_char(sb, '\\');
            sb_append_char(sb, (char)*p);
        } else if (*p < 0x20) {
            sb_append_char(sb, ' ');
        } else {
            sb_append_char(sb, (char)*p);
        }
    }
    sb_append_char(sb, '"');
}

static const char *stack_name(const Session *s, int i) { return s->ds->stacks[i].name; }

/* "Node.js", "Node.js and Python", "Node.js, Python and Go" */
static void append_stack_list(StrBuf *sb, const Dataset *ds)
{
    for (size_t i = 0; i < ds->nstacks; i++) {
        if (i > 0)
            sb_append(sb, i + 1 == ds->nstacks ? " or " : ", ");
        export_md_text(sb, ds->stacks[i].name);
    }
}

static void append_front_matter(StrBuf *sb, const Session *s, time_t now)
{
    char date[EXPORT_TIME_LEN];
    export_format_date(date, now);
    sb_append(sb, "---\nstatus: proposed\n");
    sb_appendf(sb, "date: %s\n", date);
    sb_append(sb, "decision-makers: ");
    if (s->team) {
        StrBuf names = STRBUF_INIT;
        for (size_t i = 0; i < s->team->count; i++)
            sb_appendf(&names, "%s%s", i ? ", " : "", s->team->members[i].author);
        yaml_string(sb, sb_str(&names));
        sb_free(&names);
    } else {
        yaml_string(sb, s->author ? s->author : "unknown");
    }
    sb_append(sb, "\n---\n\n");
}

static void append_title(StrBuf *sb, const Session *s)
{
    const Evaluation *ev = s->eval;
    sb_append(sb, "# ");
    if (!ev->has_total) {
        sb_append(sb, "Backend stack: no decision yet (every weight is 0)\n\n");
    } else if (ev->hybrid) {
        sb_append(sb, "Use ");
        export_md_text(sb, stack_name(s, ev->leader));
        sb_append(sb, " and ");
        export_md_text(sb, stack_name(s, ev->runner_up));
        sb_append(sb, " side by side, each where it is strongest\n\n");
    } else {
        sb_append(sb, "Build the backend on ");
        export_md_text(sb, stack_name(s, ev->leader));
        sb_append(sb, "\n\n");
    }
}

static void append_context(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "## Context and Problem Statement\n\n");
    sb_append(sb, "Which backend stack should we build on: ");
    append_stack_list(sb, ds);
    sb_appendf(sb, "? We weighed %zu criteria from 0 to 10 ", ds->ncriteria);
    int preset = session_matching_preset(s);
    if (s->team) {
        sb_appendf(sb, "(the %s of %zu team members' weights%s)", team_combine_name(s->team->combine),
                   s->team->count, session_team_adjusted(s) ? ", then adjusted" : "");
    } else if (preset >= 0) {
        sb_append(sb, "(the weights of preset `");
        sb_append(sb, ds->presets[preset].id);
        sb_append(sb, "`: ");
        export_md_text(sb, ds->presets[preset].description);
        sb_append(sb, ")");
    } else if (session_weights_origin(s).kind == WEIGHTS_DEFAULTS) {
        sb_append(sb, "(the data's default weights)");
    } else {
        char *described = session_weights_text(s, WEIGHTS_DETAIL_MAX);
        sb_append(sb, "(our own weights: ");
        export_md_text(sb, described);
        sb_append(sb, ")");
        free(described);
    }
    sb_append(sb, " and scored each stack from 0 to 10 on each, with a rationale, in data "
                  "version ");
    export_md_text(sb, ds->version ? ds->version : "unknown");
    if (ds->date) {
        sb_append(sb, " (judgements reviewed ");
        export_md_text(sb, ds->date);
        sb_append(sb, ")");
    }
    sb_append(sb, ". A stack's total is 100 \xc3\x97 \xce\xa3(weight \xc3\x97 score) / "
                  "(10 \xc3\x97 \xce\xa3 weight).\n\n");
}

/* Criteria with a weight above 0, heaviest first (data order among equals). */
static size_t weighted_order(const Session *s, size_t *order)
{
    size_t n = 0;
    for (int w = WEIGHT_MAX; w > WEIGHT_MIN; w--)
        for (size_t c = 0; c < s->ds->ncriteria; c++)
            if (s->weights[c] > (w - 1) * s->scale && s->weights[c] <= w * s->scale)
                order[n++] = c;
    return n;
}

static void append_drivers(StrBuf *sb, const Session *s, const size_t *order, size_t n)
{
    sb_append(sb, "## Decision Drivers\n\n");
    if (n == 0)
        sb_append(sb, "* none: every criterion has weight 0\n");
    for (size_t i = 0; i < n; i++) {
        const Criterion *cr = &s->ds->criteria[order[i]];
        sb_append(sb, "* ");
        export_md_text(sb, cr->title);
        sb_append(sb, " (weight ");
        export_append_weight(sb, s, order[i]);
        sb_append(sb, " of 10)");
        if (cr->question && *cr->question) {
            sb_append(sb, ": ");
            export_md_text(sb, cr->question);
        }
        sb_append(sb, "\n");
    }
    sb_append(sb, "\n");
}

static void append_options(StrBuf *sb, const Session *s)
{
    sb_append(sb, "## Considered Options\n\n");
    for (size_t i = 0; i < s->ds->nstacks; i++) {
        sb_append(sb, "* ");
        export_md_text(sb, s->ds->stacks[i].name);
        sb_append(sb, "\n");
    }
    sb_append(sb, "* Hybrid: each stack where it is strongest\n\n");
}

/* "Node.js for I/O-bound concurrency; Python for AI and data" */
static void append_favour(StrBuf *sb, const Session *s, int side)
{
    const Evaluation *ev = s->eval;
    for (size_t i = 0; i < evaluation_favour(ev)->nfavour[side]; i++) {
        if (i > 0)
            sb_append(sb, "; ");
        export_md_text(sb, s->ds->criteria[evaluation_favour(ev)->favour[side][i]].title);
    }
}

static void append_robustness(StrBuf *sb, const Session *s)
{
    const Evaluation *ev = s->eval;
    Robustness *owned;
    const Robustness *r = export_robustness(s, &owned);
    char share[8];
    session_format_share(robust_win_share(r, (size_t)ev->leader), share);
    export_md_text(sb, stack_name(s, ev->leader));
    sb_appendf(sb, " leads in %s of ", share);
    export_append_count(sb, s->robust_opt.samples);
    sb_append(sb, " weightings drawn within \xc2\xb1");
    export_append_fixed(sb, s->robust_opt.spread,
                        s->robust_opt.spread == (long)s->robust_opt.spread ? 0 : 2);
    sb_append(sb, " of ours");
    char hybrid[8];
    session_format_share(robust_hybrid_share(r), hybrid);
    sb_appendf(sb, " (a hybrid in %s)", hybrid);
    robust_free(owned);
    Flip scratch;
    const Flip *f = export_flip(s, &scratch);
    if (f->found) {
        sb_append(sb, ", and the fewest weight points that would hand the lead to ");
        export_md_text(sb, stack_name(s, f->to));
        sb_appendf(sb, " are %s%d (", f->exact ? "" : "at most ", f->points);
        char *moves = flip_moves_text(f, s->ds);
        export_md_text(sb, moves);
        free(moves);
        sb_append(sb, ")");
    } else {
        sb_append(sb, ", and no weights from 0 to 10 hand the lead to ");
        export_md_text(sb, stack_name(s, ev->runner_up));
    }
    sb_append(sb, ".");
    flip_clear(&scratch);
}

static void append_outcome(StrBuf *sb, const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    sb_append(sb, "## Decision Outcome\n\n");
    if (!ev->has_total) {
        sb_append(sb, "No option is chosen yet: with every weight at 0 there are no totals. "
                      "Give the criteria that matter a weight and record the decision again.\n\n");
        return;
    }
    sb_append(sb, "Chosen option: \"");
    if (ev->hybrid)
        sb_append(sb, "Hybrid: each stack where it is strongest");
    else
        export_md_text(sb, stack_name(s, ev->leader));
    sb_append(sb, "\", because ");
    export_md_text(sb, stack_name(s, ev->leader));
    sb_append(sb, " scores ");
    export_append_total(sb, s, (size_t)ev->leader);
    sb_append(sb, " of 100 against ");
    export_md_text(sb, stack_name(s, ev->runner_up));
    sb_append(sb, "'s ");
    export_append_total(sb, s, (size_t)ev->runner_up);
    sb_append(sb, ", a margin of ");
    export_append_margin(sb, s);
    sb_append(sb, " points, ");
    sb_append(sb, ev->hybrid ? "below" : "at or above");
    sb_append(sb, " the ");
    export_append_fixed(sb, ds->hybrid_threshold, 1);
    sb_append(sb, ev->hybrid ? " points at which one stack would win outright." : " points at which one stack wins outright.");
    export_append_margin_note(sb, s);
    sb_append(sb, " ");
    append_robustness(sb, s);
    sb_append(sb, "\n\n### Consequences\n\n");
    const char *lead = stack_name(s, ev->leader), *run = stack_name(s, ev->runner_up);
    if (ev->hybrid) {
        if (evaluation_favour(ev)->nfavour[0]) {
            sb_append(sb, "* Good, because ");
            export_md_text(sb, lead);
            sb_append(sb, " serves what it is strongest at: ");
            append_favour(sb, s, 0);
            sb_append(sb, "\n");
        }
        if (evaluation_favour(ev)->nfavour[1]) {
            sb_append(sb, "* Good, because ");
            export_md_text(sb, run);
            sb_append(sb, " serves what it is strongest at: ");
            append_favour(sb, s, 1);
            sb_append(sb, "\n");
        }
        sb_append(sb, "* Bad, because two stacks must be built, run, hired for and kept "
                      "talking to each other\n");
    } else {
        if (evaluation_favour(ev)->nfavour[0]) {
            sb_append(sb, "* Good, because ");
            export_md_text(sb, lead);
            sb_append(sb, " is strongest where our weights count most: ");
            append_favour(sb, s, 0);
            sb_append(sb, "\n");
        }
        sb_append(sb, "* Good, because one stack means one toolchain, one hiring profile and "
                      "one set of libraries\n");
        if (evaluation_favour(ev)->nfavour[1]) {
            sb_append(sb, "* Bad, because we give up where ");
            export_md_text(sb, run);
            sb_append(sb, " is stronger: ");
            append_favour(sb, s, 1);
            sb_append(sb, "\n");
        }
    }
    Flip scratch;
    const Flip *f = export_flip(s, &scratch);
    if (f->found && f->points <= 3)
        sb_appendf(sb, "* Bad, because the verdict is fragile: %d weight point%s would change it\n",
                   f->points, f->points == 1 ? "" : "s");
    flip_clear(&scratch);
    sb_append(sb, "\n### Confirmation\n\n");
    sb_append(sb, "Review the decision when the data's scores or our priorities change: rerun "
                  "the command under More Information and check that the verdict and its "
                  "margin still hold.\n\n");
}

/* The best score among the stacks other than s on criterion c, in tenths. */
static int best_other(const Dataset *ds, size_t c, size_t s)
{
    int best = -1;
    for (size_t i = 0; i < ds->nstacks; i++)
        if (i != s && score_tenths(ds->criteria[c].by_stack[i].score) > best)
            best = score_tenths(ds->criteria[c].by_stack[i].score);
    return best;
}

static void append_pros_cons(StrBuf *sb, const Session *s, const size_t *order, size_t n)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "## Pros and Cons of the Options\n\n");
    static const char *const verdicts[] = { "Good", "Neutral", "Bad" };
    for (size_t st = 0; st < ds->nstacks; st++) {
        sb_append(sb, "### ");
        export_md_text(sb, ds->stacks[st].name);
        sb_append(sb, "\n\n");
        if (ds->stacks[st].summary && *ds->stacks[st].summary) {
            export_md_text(sb, ds->stacks[st].summary);
            sb_append(sb, "\n\n");
        }
        /* Good points first, then neutral, then bad; heaviest criteria first. */
        for (int kind = 0; kind < 3; kind++) {
            for (size_t i = 0; i < n; i++) {
                size_t c = order[i];
                const Assessment *a = &ds->criteria[c].by_stack[st];
                int mine = score_tenths(a->score), other = best_other(ds, c, st);
                int k = mine > other ? 0 : mine == other ? 1 : 2;
                if (k != kind)
                    continue;
                sb_appendf(sb, "* %s, because ", verdicts[k]);
                export_md_text(sb, ds->criteria[c].title);
                sb_append(sb, ": ");
                export_append_fixed(sb, a->score, 1);
                sb_append(sb, " of 10 against the best other's ");
                export_append_fixed(sb, other / 10.0, 1);
                if (a->rationale && *a->rationale) {
                    sb_append(sb, ". ");
                    export_md_text(sb, a->rationale);
                }
                sb_append(sb, "\n");
            }
        }
        if (n == 0)
            sb_append(sb, "* Neutral, because no criterion has a weight\n");
        sb_append(sb, "\n");
    }
    sb_append(sb, "### Hybrid: each stack where it is strongest\n\n");
    sb_append(sb, "* Good, because every part of the system gets the stack that scores best "
                  "on what that part needs\n");
    sb_append(sb, "* Bad, because two stacks must be built, run, hired for and integrated\n\n");
}

static void append_more_information(StrBuf *sb, const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    sb_append(sb, "## More Information\n\n");
    sb_append(sb, "Recorded with versus from data version ");
    export_md_text(sb, ds->version ? ds->version : "unknown");
    if (ds->date) {
        sb_append(sb, " (judgements reviewed ");
        export_md_text(sb, ds->date);
        sb_append(sb, ")");
    }
    sb_append(sb, ". The download figures behind the evidence come from:\n\n");
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    const char **seen = xcalloc(n ? n : 1, sizeof *seen);
    size_t nseen = 0;
    for (size_t i = 0; i < n; i++) {
        const PackageStat *st = pkgs[i].stat;
        if (!st || !st->origin)
            continue;
        bool dup = false;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = strcmp(seen[k], st->origin) == 0;
        if (!dup)
            seen[nseen++] = st->origin;
    }
    for (size_t k = 0; k < nseen; k++) {
        sb_append(sb, "* ");
        export_md_text(sb, seen[k]);
        sb_append(sb, "\n");
    }
    if (nseen == 0)
        sb_append(sb, "* no download figures were loaded\n");
    free(seen);
    free(pkgs);
    bool runtimes = false;
    for (size_t i = 0; i < ds->nstacks; i++) {
        char *line = export_runtime_line(s, i, now);
        if (!line)
            continue;
        if (!runtimes)
            sb_append(sb, "\nThe runtimes' support windows on the day of this record:\n\n");
        runtimes = true;
        sb_append(sb, "* ");
        export_md_text(sb, line);
        sb_append(sb, "\n");
        free(line);
    }
    size_t nhealth;
    ExportPackage *hpkgs = export_packages(s, &nhealth);
    if (nhealth > 0)
        sb_append(sb, "\nThe evidence packages' health on the day of this record:\n\n");
    for (size_t i = 0; i < nhealth; i++) {
        char *line = export_health_line(s, hpkgs[i].stack, hpkgs[i].package, now);
        sb_append(sb, "* ");
        export_md_text(sb, ds->stacks[hpkgs[i].stack].ecosystem);
        sb_append(sb, ": ");
        export_md_text(sb, hpkgs[i].package);
        sb_append(sb, ": ");
        export_md_text(sb, line);
        sb_append(sb, "\n");
        free(line);
    }
    free(hpkgs);
    bool whole = true;
    for (size_t c = 0; c < ds->ncriteria; c++)
        whole = whole && session_weight_is_whole(s, c);
    bool from_team = s->team && !session_team_adjusted(s);
    if (from_team) {
        sb_append(sb, "\nTo reproduce the figures, combine the members' snapshots again:\n\n"
                      "```sh\nversus");
        for (size_t i = 0; i < s->team->count; i++)
            sb_appendf(sb, " --team %s", s->team->members[i].source ? s->team->members[i].source
                                                                   : "MEMBER.json");
        sb_appendf(sb, " --combine %s", team_combine_name(s->team->combine));
    } else if (!whole) {
        sb_append(sb, "\nThese weights are a team's, adjusted, and not all whole numbers: "
                      "export them as JSON to keep them exactly. The nearest whole weights:"
                      "\n\n```sh\nversus");
    } else {
        sb_append(sb, "\nTo reproduce the figures, export this decision as JSON and load it "
                      "back (`versus --load decision.json --export -`), or give the weights "
                      "directly:\n\n```sh\nversus");
    }
    for (size_t c = 0; c < ds->ncriteria && !from_team; c++)
        sb_appendf(sb, " --weight %s=%ld", ds->criteria[c].id, lround(session_weight(s, c)));
    if (s->robust_opt.samples != ROBUST_SAMPLES_DEFAULT)
        sb_appendf(sb, " --samples %ld", s->robust_opt.samples);
    if (s->robust_opt.spread != ROBUST_SPREAD_DEFAULT)
        sb_appendf(sb, " --spread %g", s->robust_opt.spread);
    if (s->robust_opt.seed != ROBUST_SEED_DEFAULT)
        sb_appendf(sb, " --seed %llu", (unsigned long long)s->robust_opt.seed);
    sb_append(sb, " --format adr --export -\n```\n");
}

char *export_render_adr(const Session *s, time_t now)
{
    StrBuf sb = STRBUF_INIT;
    size_t *order = xcalloc(s->ds->ncriteria ? s->ds->ncriteria : 1, sizeof *order);
    size_t n = weighted_order(s, order);
    append_front_matter(&sb, s, now);
    append_title(&sb, s);
    append_context(&sb, s);
    append_drivers(&sb, s, order, n);
    append_options(&sb, s);
    append_outcome(&sb, s);
    append_pros_cons(&sb, s, order, n);
    append_more_information(&sb, s, now);
    free(order);
    return sb_take(&sb);
}
