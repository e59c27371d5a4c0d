/* export_json.c: the JSON snapshot — the machine-readable record of a
 * decision, which --load reads back. Keys keep the order they are added in
 * (jansson keeps insertion order), so the output is stable and diffable. */
#include <jansson.h>
#include <stdlib.h>

#include "export/export.h"
#include "core/trend.h"
#include "core/day.h"
#include "export/export_internal.h"
#include "util/xalloc.h"

/* Points are written to two decimals; scores carry one by definition. */
#define POINT_DECIMALS 2

static json_t *points(double value) { return json_real(export_round(value, POINT_DECIMALS)); }

/* A JSON string even from text that is not valid UTF-8 (a server's error
 * detail, say): such bytes become '?' rather than losing the field. */
static json_t *text(const char *s)
{
    json_t *str = json_string(s);
    if (str)
        return str;
    char *copy = xstrdup(s);
    for (unsigned char *p = (unsigned char *)copy; *p; p++)
        if (*p >= 0x80)
            *p = '?';
    str = json_string(copy);
    free(copy);
    return str;
}

static json_t *string_or_null(const char *s) { return s ? text(s) : json_null(); }

static json_t *time_or_null(time_t t)
{
    if (t == 0)
        return json_null();
    char buf[EXPORT_TIME_LEN];
    time_to_iso(t, buf);
    return json_string(buf);
}

static json_t *count_or_null(long long n) { return n < 0 ? json_null() : json_integer(n); }

static json_t *stack_id_or_null(const Dataset *ds, int index)
{
    return index < 0 ? json_null() : text(ds->stacks[index].id);
}

/* A weight numerator as JSON: an integer for a whole weight, else the
 * exact fraction as a real (a team's mean, say 16/3). */
static json_t *weight_value(const Session *s, int num)
{
    if (num % s->scale == 0)
        return json_integer(num / s->scale);
    return json_real((double)num / s->scale);
}

static json_t *render_stacks(const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    json_t *stacks = json_array();
    for (size_t i = 0; i < ds->nstacks; i++) {
        json_t *st = json_object();
        json_object_set_new(st, "id", text(ds->stacks[i].id));
        json_object_set_new(st, "name", text(ds->stacks[i].name));
        json_object_set_new(st, "ecosystem", text(ds->stacks[i].ecosystem));
        json_object_set_new(st, "total", ev->has_total
                                             ? json_real(evaluation_printed_total(ev, i, TOTAL_DECIMALS))
                                             : json_null());
        json_array_append_new(stacks, st);
    }
    return stacks;
}

/* {"node": [{"title", "url", "date", "note"}], ...}: what each score rests on. */
static json_t *render_citations(const Dataset *ds, const Criterion *cr)
{
    json_t *by_stack = json_object();
    for (size_t i = 0; i < ds->nstacks; i++) {
        const Assessment *a = &cr->by_stack[i];
        json_t *list = json_array();
        for (size_t k = 0; k < a->ncitations; k++) {
            const Citation *c = &a->citations[k];
            json_t *one = json_object();
            json_object_set_new(one, "title", text(c->title));
            json_object_set_new(one, "url", text(c->url));
            json_object_set_new(one, "date", text(c->date));
            json_object_set_new(one, "note", string_or_null(c->note));
            json_array_append_new(list, one);
        }
        json_object_set_new(by_stack, ds->stacks[i].id, list);
    }
    return by_stack;
}

static json_t *render_criteria(const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    json_t *criteria = json_array();
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        json_t *obj = json_object();
        json_object_set_new(obj, "id", text(cr->id));
        json_object_set_new(obj, "title", text(cr->title));
        json_object_set_new(obj, "weight", weight_value(s, s->weights[c]));
        json_t *scores = json_object();
        json_t *contrib = json_object();
        for (size_t i = 0; i < ds->nstacks; i++) {
            const char *id = ds->stacks[i].id;
            json_object_set_new(scores, id, json_real(export_round(cr->by_stack[i].score, 1)));
            json_object_set_new(contrib, id,
                                ev->has_total ? points(evaluation_contrib(ev, c, i))
                                              : json_null());
        }
        json_object_set_new(obj, "scores", scores);
        json_object_set_new(obj, "sources", render_citations(ds, cr));
        json_t *kinds = json_array();
        for (int k = 0; k < EVIDENCE_NKINDS; k++)
            if (cr->informed_by & EVIDENCE_BIT(k))
                json_array_append_new(kinds, json_string(evidence_kind_key((EvidenceKind)k)));
        json_object_set_new(obj, "informed_by", kinds);
        json_object_set_new(obj, "contribution", contrib);
        int flip_leader, flip_weight = evaluation_flip(ev, c, &flip_leader);
        bool flips = flip_weight >= 0;
        json_object_set_new(obj, "flip_weight",
                            flips ? json_integer(flip_weight) : json_null());
        json_object_set_new(obj, "flip_leader",
                            stack_id_or_null(ds, flips ? flip_leader : -1));
        json_array_append_new(criteria, obj);
    }
    return criteria;
}

/* verdict.robustness: the model, each stack's share of the draws, and the
 * smallest flip with its moves. */
static json_t *render_robustness(const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    if (!ev->has_total)
        return json_null();
    Robustness *owned;
    const Robustness *r = export_robustness(s, &owned);
    json_t *o = json_object();
    json_object_set_new(o, "samples", json_integer(s->robust_opt.samples));
    json_object_set_new(o, "spread", json_real(s->robust_opt.spread));
    json_object_set_new(o, "seed", json_integer((json_int_t)s->robust_opt.seed));
    json_t *share = json_object();
    for (size_t i = 0; i < ds->nstacks; i++)
        json_object_set_new(share, ds->stacks[i].id,
                            json_real(export_round(robust_win_share(r, i), 4)));
    json_object_set_new(o, "win_share", share);
    json_object_set_new(o, "hybrid_share", json_real(export_round(robust_hybrid_share(r), 4)));
    robust_free(owned);
    Flip scratch;
    const Flip *f = export_flip(s, &scratch);
    if (!f->found) {
        json_object_set_new(o, "flip", json_null());
    } else {
        json_t *flip = json_object();
        json_object_set_new(flip, "points", json_integer(f->points));
        json_object_set_new(flip, "exact", json_boolean(f->exact));
        json_object_set_new(flip, "leader", text(ds->stacks[f->to].id));
        json_t *moves = json_array();
        for (size_t i = 0; i < f->nmoves; i++) {
            size_t c = f->moves[i].criterion;
            json_t *m = json_object();
            json_object_set_new(m, "criterion", text(ds->criteria[c].id));
            json_object_set_new(m, "delta", json_integer(f->moves[i].delta));
            json_object_set_new(m, "weight",
                                weight_value(s, s->weights[c] + f->moves[i].delta * s->scale));
            json_array_append_new(moves, m);
        }
        json_object_set_new(flip, "moves", moves);
        json_object_set_new(o, "flip", flip);
    }
    flip_clear(&scratch);
    return o;
}

static json_t *render_verdict(const Session *s)
{
    const Dataset *ds = s->ds;
    const Evaluation *ev = s->eval;
    json_t *v = json_object();
    json_object_set_new(v, "winner", string_or_null(evaluation_winner_id(ev, ds)));
    json_object_set_new(v, "leader", stack_id_or_null(ds, ev->leader));
    json_object_set_new(v, "runner_up", stack_id_or_null(ds, ev->runner_up));
    json_object_set_new(v, "margin", ev->has_total ? json_real(evaluation_printed_margin(ev, TOTAL_DECIMALS))
                                                   : json_null());
    json_object_set_new(v, "hybrid_threshold", json_real(ds->hybrid_threshold));
    char *summary = evaluation_summary(ev, ds);
    json_object_set_new(v, "summary", text(summary));
    free(summary);
    json_object_set_new(v, "robustness", render_robustness(s));
    return v;
}

/* team: the members with their own weights and winners, how the weights
 * were combined, each criterion's spread and the most disputed one. */
static json_t *render_team(const Session *s)
{
    const Dataset *ds = s->ds;
    const Team *t = s->team;
    json_t *team = json_object();
    json_object_set_new(team, "combine", json_string(team_combine_name(t->combine)));
    json_object_set_new(team, "adjusted", json_boolean(session_team_adjusted(s)));
    json_t *members = json_array();
    for (size_t i = 0; i < t->count; i++) {
        const TeamMember *m = &t->members[i];
        json_t *o = json_object();
        json_object_set_new(o, "author", text(m->author));
        json_t *w = json_object();
        for (size_t c = 0; c < ds->ncriteria; c++)
            json_object_set_new(w, ds->criteria[c].id, json_integer(m->weights[c]));
        json_object_set_new(o, "weights", w);
        json_object_set_new(o, "winner", m->hybrid ? json_string("hybrid")
                                                   : stack_id_or_null(ds, m->winner));
        json_array_append_new(members, o);
    }
    json_object_set_new(team, "members", members);
    json_t *combined = json_object();
    json_t *spread = json_object();
    for (size_t c = 0; c < ds->ncriteria; c++) {
        json_object_set_new(combined, ds->criteria[c].id, json_real((double)t->combined[c] / t->scale));
        json_t *sp = json_object();
        json_object_set_new(sp, "min", json_integer(t->min[c]));
        json_object_set_new(sp, "max", json_integer(t->max[c]));
        json_object_set_new(sp, "stdev", json_real(export_round(t->stdev[c], 4)));
        json_object_set_new(spread, ds->criteria[c].id, sp);
    }
    json_object_set_new(team, "combined", combined);
    json_object_set_new(team, "spread", spread);
    json_object_set_new(team, "most_disputed", t->most_disputed >= 0
                                                   ? text(ds->criteria[t->most_disputed].id)
                                                   : json_null());
    json_t *picks = json_object();
    for (size_t i = 0; i < ds->nstacks; i++)
        json_object_set_new(picks, ds->stacks[i].id, json_integer((json_int_t)t->picks[i]));
    json_object_set_new(picks, "hybrid", json_integer((json_int_t)t->hybrids));
    json_object_set_new(team, "picks", picks);
    return team;
}

static json_t *date_or_null(const char *d) { return d && d[0] ? json_string(d) : json_null(); }

/* Each stack's runtime: the line a team would pick today and where the
 * table came from, like a download figure's provenance. */
static json_t *render_runtimes(const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    char today[RUNTIME_DATE_LEN];
    runtime_today(today, now);
    json_t *list = json_array();
    for (size_t i = 0; i < ds->nstacks; i++) {
        const Stack *st = &ds->stacks[i];
        if (!st->runtime)
            continue;
        const RuntimeInfo *info = runtime_table_find(s->runtimes, st->runtime);
        RuntimePick pick = (RuntimePick)st->runtime_pick;
        int c = runtime_pick_cycle(info, pick, today);
        json_t *obj = json_object();
        json_object_set_new(obj, "stack", text(st->id));
        json_object_set_new(obj, "product", text(st->runtime));
        json_object_set_new(obj, "pick", json_string(runtime_pick_name(pick)));
        json_t *line = json_null();
        if (c >= 0) {
            const RuntimeCycle *cy = &info->cycles[c];
            line = json_object();
            json_object_set_new(line, "cycle", text(cy->cycle));
            json_object_set_new(line, "release_date", date_or_null(cy->release));
            json_object_set_new(line, "lts_from", date_or_null(cy->lts));
            json_object_set_new(line, "support_until", date_or_null(cy->support));
            json_object_set_new(line, "eol", date_or_null(cy->eol));
            json_object_set_new(line, "eol_within_12_months", json_boolean(runtime_eol_soon(cy, today)));
            int left = runtime_months_left(cy, today);
            json_object_set_new(line, "months_left", left >= 0 ? json_integer(left) : json_null());
            json_object_set_new(line, "latest", string_or_null(cy->latest));
            json_object_set_new(line, "latest_date", date_or_null(cy->latest_date));
        }
        json_object_set_new(obj, "line", line);
        json_object_set_new(obj, "lines_known", json_integer(info ? (json_int_t)info->ncycles : 0));
        json_object_set_new(obj, "source",
                            json_string(stat_source_name(info ? info->source : STAT_SOURCE_NONE)));
        json_object_set_new(obj, "origin", string_or_null(info ? info->origin : NULL));
        json_object_set_new(obj, "as_of", string_or_null(info ? info->as_of : NULL));
        json_object_set_new(obj, "fetched_at", time_or_null(info ? info->fetched_at : 0));
        json_object_set_new(obj, "status", json_string(info ? stat_status_name(info->status) : "no figure"));
        json_object_set_new(obj, "detail", string_or_null(info ? info->detail : NULL));
        json_array_append_new(list, obj);
    }
    return list;
}

/* Every figure a package carries, each with its unit and provenance, from
 * the kinds' table: a new kind of evidence needs no code here. */
static json_t *render_figures(const PackageStat *st)
{
    json_t *list = json_array();
    for (size_t i = 0; st && i < st->figures.count; i++) {
        const Figure *f = &st->figures.items[i];
        FigureUnit unit = figure_kind_unit(f->kind);
        json_t *obj = json_object();
        json_object_set_new(obj, "kind", json_string(figure_kind_key(f->kind)));
        json_object_set_new(obj, "label", json_string(figure_kind_label(f->kind)));
        json_object_set_new(obj, "unit", json_string(figure_unit_name(unit)));
        json_object_set_new(obj, "value", unit == FIG_UNIT_COUNT || unit == FIG_UNIT_DAYS
                                              ? json_integer(f->number)
                                              : string_or_null(f->text));
        json_object_set_new(obj, "period", string_or_null(f->period));
        json_object_set_new(obj, "source", json_string(stat_source_name(f->source)));
        json_object_set_new(obj, "origin", string_or_null(f->origin));
        json_object_set_new(obj, "fetched_at", time_or_null(f->fetched_at));
        json_object_set_new(obj, "status", json_string(stat_status_name(f->status)));
        json_array_append_new(list, obj);
    }
    return list;
}

static json_t *render_stats(const Session *s)
{
    const Dataset *ds = s->ds;
    json_t *stats = json_array();
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    for (size_t i = 0; i < n; i++) {
        const PackageStat *st = pkgs[i].stat;
        json_t *obj = json_object();
        json_object_set_new(obj, "stack", text(ds->stacks[pkgs[i].stack].id));
        json_object_set_new(obj, "ecosystem", text(ds->stacks[pkgs[i].stack].ecosystem));
        json_object_set_new(obj, "package", text(pkgs[i].package));
        json_object_set_new(obj, "last_week", count_or_null(stat_number(st, FIG_DOWNLOADS_WEEK)));
        json_object_set_new(obj, "last_month", count_or_null(stat_number(st, FIG_DOWNLOADS_MONTH)));
        double pct = 0;
        bool change = st && trend_week_change(st->daily, st->ndaily, &pct);
        json_object_set_new(obj, "week_change_pct", change ? json_real(export_round(pct, 1)) : json_null());
        json_object_set_new(obj, "source",
                            json_string(stat_source_name(st ? st->source : STAT_SOURCE_NONE)));
        json_object_set_new(obj, "origin", string_or_null(st ? st->origin : NULL));
        json_object_set_new(obj, "period", string_or_null(st ? st->period : NULL));
        json_object_set_new(obj, "fetched_at", time_or_null(st ? st->fetched_at : 0));
        json_object_set_new(obj, "status",
                            json_string(st ? stat_status_name(st->status) : "no figure"));
        json_object_set_new(obj, "detail", string_or_null(st ? st->detail : NULL));
        json_object_set_new(obj, "figures", render_figures(st));
        json_array_append_new(stats, obj);
    }
    free(pkgs);
    return stats;
}

/* Each stack's evidence packages' health, in the order of "stats": the
 * figures (null when not known), the days since the latest release on the
 * export's day, and the provenance of the version's figures and, apart,
 * of the repository's. */
static json_t *render_health(const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    char today[HEALTH_DATE_LEN];
    day_format(day_of_time(now), today);
    json_t *list = json_array();
    size_t n;
    ExportPackage *pkgs = export_packages(s, &n);
    for (size_t i = 0; i < n; i++) {
        const PackageHealth *h = export_health(s, pkgs[i].stack, pkgs[i].package);
        const HealthFigures *f = h ? &h->f : NULL;
        json_t *obj = json_object();
        json_object_set_new(obj, "stack", text(ds->stacks[pkgs[i].stack].id));
        json_object_set_new(obj, "ecosystem", text(ds->stacks[pkgs[i].stack].ecosystem));
        json_object_set_new(obj, "package", text(pkgs[i].package));
        json_object_set_new(obj, "version", string_or_null(f ? f->version : NULL));
        json_object_set_new(obj, "published", date_or_null(f ? f->published : NULL));
        long days = health_days_since_release(h, today);
        json_object_set_new(obj, "days_since_release", days >= 0 ? json_integer(days) : json_null());
        json_object_set_new(obj, "license", string_or_null(f ? f->license : NULL));
        json_object_set_new(obj, "advisories", f && f->advisories >= 0 ? json_integer(f->advisories) : json_null());
        json_object_set_new(obj, "repository", string_or_null(f && f->repo_known ? f->repo : NULL));
        json_object_set_new(obj, "repository_known", json_boolean(f && f->repo_known));
        json_object_set_new(obj, "stars", count_or_null(f ? f->stars : -1));
        json_object_set_new(obj, "scorecard",
                            f && f->scorecard >= 0 ? json_real(export_round(f->scorecard, 1)) : json_null());
        json_object_set_new(obj, "scorecard_date", date_or_null(f ? f->scorecard_date : NULL));
        json_object_set_new(obj, "source", json_string(stat_source_name(h ? h->source : STAT_SOURCE_NONE)));
        json_object_set_new(obj, "origin", string_or_null(h ? h->origin : NULL));
        json_object_set_new(obj, "as_of", string_or_null(h ? h->as_of : NULL));
        json_object_set_new(obj, "fetched_at", time_or_null(h ? h->fetched_at : 0));
        json_object_set_new(obj, "status", json_string(h ? stat_status_name(h->status) : "no figure"));
        json_object_set_new(obj, "detail", string_or_null(h ? h->detail : NULL));
        json_object_set_new(obj, "repository_status",
                            json_string(h ? stat_status_name(h->repo_status) : "no figure"));
        json_object_set_new(obj, "repository_detail", string_or_null(h ? h->repo_detail : NULL));
        json_array_append_new(list, obj);
    }
    free(pkgs);
    return list;
}

char *export_render_json(const Session *s, time_t now)
{
    const Dataset *ds = s->ds;
    json_t *root = json_object();
    json_object_set_new(root, "versus_snapshot", json_integer(SNAPSHOT_FORMAT_VERSION));
    json_object_set_new(root, "generated_at", time_or_null(now));
    json_object_set_new(root, "data_version", string_or_null(ds->version));
    json_object_set_new(root, "data_date", string_or_null(ds->date));
    /* Which weights these are, as the header says it (session_weights_origin):
     * "weights" names the kind, "preset" the preset they equal, and custom
     * weights say where they started; --load reads the same fields back. */
    WeightsOrigin origin = session_weights_origin(s);
    char *described = session_weights_text(s, WEIGHTS_DETAIL_MAX);
    json_object_set_new(root, "weights", json_string(weights_kind_name(origin.kind)));
    json_object_set_new(root, "weights_text", text(described));
    free(described);
    json_object_set_new(root, "preset", origin.kind == WEIGHTS_PRESET ? text(ds->presets[origin.preset].id)
                                                                      : json_null());
    json_t *from = json_null();
    if (origin.kind == WEIGHTS_CUSTOM) {
        from = json_object();
        json_object_set_new(from, "preset", origin.preset >= 0 ? text(ds->presets[origin.preset].id)
                                                               : json_null());
        json_object_set_new(from, "changed", json_integer((json_int_t)origin.changed));
    }
    json_object_set_new(root, "custom_from", from);
    json_object_set_new(root, "author", string_or_null(s->author));
    json_object_set_new(root, "stacks", render_stacks(s));
    json_object_set_new(root, "criteria", render_criteria(s));
    json_object_set_new(root, "verdict", render_verdict(s));
    if (s->team)
        json_object_set_new(root, "team", render_team(s));
    json_object_set_new(root, "stats", render_stats(s));
    json_object_set_new(root, "runtimes", render_runtimes(s, now));
    json_object_set_new(root, "health", render_health(s, now));
    /* 15 significant digits print a value rounded to 2 decimals exactly
     * (72.13, not 72.129999999999995). */
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (!text)
        die("out of memory rendering the JSON export");
    /* json_dumps memory comes from jansson's allocator (malloc by default);
     * hand back our own copy with a final newline. */
    char *doc = xasprintf("%s\n", text);
    free(text);
    return doc;
}
