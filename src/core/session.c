/* session.c: the one place weights change, so the evaluation never lags. */
#include "core/session.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static int clamp_weight(int w)
{
    return w < WEIGHT_MIN ? WEIGHT_MIN : w > WEIGHT_MAX ? WEIGHT_MAX : w;
}

/* After the weights changed: the evaluation, and the estimate and the
 * flip start over. */
static void reevaluate(Session *s)
{
    evaluation_run_scaled(s->eval, s->ds, s->weights, s->scale);
    /* The flip can cost a search on large data sets: it is computed with
     * the estimate, between key presses, not here. */
    s->flip_stale = true;
    robust_start(s->robust, s->weights, s->scale);
}

void session_flip_update(Session *s)
{
    if (!s->flip_stale)
        return;
    flip_compute(&s->flip, s->ds, s->eval, s->weights, s->scale);
    s->flip_stale = false;
}

/* Counts afresh how far the weights are from the defaults and each preset:
 * after a change of many weights at once. */
static void recount(Session *s)
{
    const Dataset *ds = s->ds;
    s->off_default = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        s->off_default += s->weights[c] != ds->criteria[c].default_weight * s->scale;
    for (size_t p = 0; p < ds->npresets; p++) {
        const int *w = ds->presets[p].weights;
        size_t off = 0;
        for (size_t c = 0; c < ds->ncriteria; c++)
            off += s->weights[c] != w[c] * s->scale;
        s->off_preset[p] = off;
    }
}

/* Adjusts one count as weight c goes from was to now (was != now). */
static void recount_one(size_t *off, int target, int was, int now)
{
    if (was == target)
        (*off)++;
    else if (now == target)
        (*off)--;
}

typedef struct SessionHistory History;

static void history_init(History *h, size_t ncriteria)
{
    h->weights = xcalloc(SESSION_HISTORY_MAX * (ncriteria ? ncriteria : 1), sizeof *h->weights);
    h->preset = xcalloc(SESSION_HISTORY_MAX, sizeof *h->preset);
    h->first = h->count = 0;
}

static void history_free(History *h)
{
    free(h->weights);
    free(h->preset);
}

/* Pushes weights and preset; the oldest entry goes when the ring is full. */
static void history_push(History *h, size_t nc, const int *weights, int preset)
{
    if (h->count == SESSION_HISTORY_MAX) {
        h->first = (h->first + 1) % SESSION_HISTORY_MAX;
        h->count--;
    }
    size_t at = (h->first + h->count) % SESSION_HISTORY_MAX;
    memcpy(&h->weights[at * nc], weights, nc * sizeof *weights);
    h->preset[at] = preset;
    h->count++;
}

/* Pops the newest entry into weights and *preset; false when empty. */
static bool history_pop(History *h, size_t nc, int *weights, int *preset)
{
    if (h->count == 0)
        return false;
    h->count--;
    size_t at = (h->first + h->count) % SESSION_HISTORY_MAX;
    memcpy(weights, &h->weights[at * nc], nc * sizeof *weights);
    *preset = h->preset[at];
    return true;
}

/* Before every change: what it replaces becomes undoable. */
static void remember(Session *s)
{
    s->redo.count = 0;
    if (s->merging && s->merged)
        return; /* the drag's first change holds what it started from */
    history_push(&s->undo, s->ds->ncriteria, s->weights, s->preset);
    s->merged = s->merging;
}

void session_begin_merge(Session *s)
{
    s->merging = true;
    s->merged = false;
}

void session_end_merge(Session *s) { s->merging = s->merged = false; }

Session *session_new(const Dataset *ds)
{
    Session *s = xcalloc(1, sizeof *s);
    s->ds = ds;
    s->weights = xcalloc(ds->ncriteria, sizeof *s->weights);
    dataset_default_weights(ds, s->weights);
    s->scale = 1;
    s->preset = -1;
    s->eval = evaluation_new(ds);
    s->stats = stats_table_new();
    stats_add_evidence(s->stats, ds);
    s->runtimes = runtime_table_new();
    runtime_table_add_stacks(s->runtimes, ds);
    s->health = health_table_new();
    health_table_add_evidence(s->health, ds);
    s->off_preset = xcalloc(ds->npresets ? ds->npresets : 1, sizeof *s->off_preset);
    recount(s);
    s->flip = (Flip)FLIP_INIT;
    history_init(&s->undo, ds->ncriteria);
    history_init(&s->redo, ds->ncriteria);
    s->robust_opt = (RobustOptions)ROBUST_OPTIONS_DEFAULT;
    s->robust = robust_new(ds, &s->robust_opt);
    reevaluate(s);
    return s;
}

void session_free(Session *s)
{
    if (!s)
        return;
    free(s->weights);
    free(s->off_preset);
    evaluation_free(s->eval);
    stats_table_free(s->stats);
    runtime_table_free(s->runtimes);
    health_table_free(s->health);
    flip_clear(&s->flip);
    history_free(&s->undo);
    history_free(&s->redo);
    free(s->author);
    team_free(s->team);
    robust_free(s->robust);
    free(s);
}

/* Sets weight numerator c to num (0..10 * scale). */
static bool set_numerator(Session *s, size_t criterion, int num)
{
    if (criterion >= s->ds->ncriteria)
        return false;
    int top = WEIGHT_MAX * s->scale;
    num = num < 0 ? 0 : num > top ? top : num;
    int was = s->weights[criterion];
    if (was == num)
        return false;
    remember(s);
    s->weights[criterion] = num;
    const Dataset *ds = s->ds;
    recount_one(&s->off_default, ds->criteria[criterion].default_weight * s->scale, was, num);
    for (size_t p = 0; p < ds->npresets; p++)
        recount_one(&s->off_preset[p], ds->presets[p].weights[criterion] * s->scale, was, num);
    /* One weight: the sums move in O(stacks), not a whole evaluation. */
    evaluation_set(s->eval, criterion, num);
    s->flip_stale = true;
    robust_start_one(s->robust, criterion, s->weights, s->scale);
    return true;
}

bool session_set_weight(Session *s, size_t criterion, int weight)
{
    return set_numerator(s, criterion, clamp_weight(weight) * s->scale);
}

bool session_step_weight(Session *s, size_t criterion, int delta)
{
    if (criterion >= s->ds->ncriteria)
        return false;
    return set_numerator(s, criterion, s->weights[criterion] + delta * s->scale);
}

double session_weight(const Session *s, size_t criterion)
{
    return (double)s->weights[criterion] / s->scale;
}

bool session_weight_is_whole(const Session *s, size_t criterion)
{
    return s->weights[criterion] % s->scale == 0;
}

void session_set_team(Session *s, Team *team)
{
    team_free(s->team);
    s->team = team;
    s->scale = team->scale;
    memcpy(s->weights, team->combined, s->ds->ncriteria * sizeof *s->weights);
    s->preset = -1;
    recount(s);
    reevaluate(s);
    session_history_clear(s);
}

bool session_team_adjusted(const Session *s)
{
    return s->team &&
           memcmp(s->weights, s->team->combined, s->ds->ncriteria * sizeof *s->weights) != 0;
}

void session_apply_preset(Session *s, size_t preset)
{
    if (preset >= s->ds->npresets)
        return;
    const int *w = s->ds->presets[preset].weights;
    bool same = (int)preset == s->preset;
    for (size_t c = 0; c < s->ds->ncriteria && same; c++)
        same = s->weights[c] == w[c] * s->scale;
    if (!same)
        remember(s);
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        s->weights[c] = w[c] * s->scale;
    s->preset = (int)preset;
    recount(s);
    reevaluate(s);
}

void session_reset(Session *s)
{
    if (s->preset >= 0 || !session_is_default(s))
        remember(s);
    dataset_default_weights(s->ds, s->weights);
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        s->weights[c] *= s->scale;
    s->preset = -1;
    recount(s);
    reevaluate(s);
}

void session_set_weights(Session *s, const int *weights, int preset)
{
    bool same = preset == s->preset;
    for (size_t c = 0; c < s->ds->ncriteria && same; c++)
        same = clamp_weight(weights[c]) * s->scale == s->weights[c];
    if (!same)
        remember(s);
    for (size_t c = 0; c < s->ds->ncriteria; c++)
        s->weights[c] = clamp_weight(weights[c]) * s->scale;
    s->preset = preset;
    recount(s);
    reevaluate(s);
}

/* Moves the current weights onto `to` and takes the newest of `from`. */
static bool step_history(Session *s, History *from, History *to)
{
    size_t nc = s->ds->ncriteria;
    if (from->count == 0)
        return false;
    history_push(to, nc, s->weights, s->preset);
    history_pop(from, nc, s->weights, &s->preset);
    recount(s);
    reevaluate(s);
    return true;
}

void session_set_author(Session *s, const char *author)
{
    free(s->author);
    team_free(s->team);
    s->author = author && *author ? xstrdup(author) : NULL;
}

bool session_undo(Session *s) { return step_history(s, &s->undo, &s->redo); }
bool session_redo(Session *s) { return step_history(s, &s->redo, &s->undo); }
size_t session_undo_depth(const Session *s) { return s->undo.count; }
size_t session_redo_depth(const Session *s) { return s->redo.count; }

void session_history_clear(Session *s)
{
    s->undo.count = 0;
    s->redo.count = 0;
}

int session_matching_preset(const Session *s)
{
    if (s->preset >= 0 && s->off_preset[s->preset] == 0)
        return s->preset;
    for (size_t p = 0; p < s->ds->npresets; p++)
        if (s->off_preset[p] == 0)
            return (int)p;
    return -1;
}

bool session_is_default(const Session *s) { return s->off_default == 0; }

void session_set_robust_options(Session *s, const RobustOptions *opt)
{
    s->robust_opt = *opt;
    robust_free(s->robust);
    s->robust = robust_new(s->ds, opt);
    robust_start(s->robust, s->weights, s->scale);
}

bool session_robust_step(Session *s, long max_work)
{
    if (s->flip_stale) {
        session_flip_update(s);
        return session_robust_complete(s);
    }
    long per = (long)(s->ds->ncriteria * s->ds->nstacks);
    long draws = max_work / (per > 0 ? per : 1);
    return robust_step(s->robust, draws > 0 ? draws : 1);
}

long session_robust_work_left(const Session *s)
{
    if (session_robust_complete(s))
        return 0;
    long per = (long)(s->ds->ncriteria * s->ds->nstacks);
    long left = s->robust->opt.samples - s->robust->done;
    return (left > 0 ? left : 0) * (per > 0 ? per : 1);
}

void session_robust_finish(Session *s)
{
    session_flip_update(s);
    while (!robust_step(s->robust, 1L << 20))
        ;
}

bool session_robust_complete(const Session *s)
{
    return robust_complete(s->robust) && !s->flip_stale;
}

void session_format_share(double share, char out[8])
{
    double pct = share * 100.0;
    if (pct > 0 && pct < 0.5)
        snprintf(out, 8, "<1%%");
    else if (pct < 100 && pct >= 99.5)
        snprintf(out, 8, ">99%%");
    else
        snprintf(out, 8, "%.0f%%", pct);
}

/* "spread" as written: 2, or 1.5 */
static void append_spread(StrBuf *sb, double k)
{
    if (k == floor(k))
        sb_appendf(sb, "%.0f", k);
    else
        sb_appendf(sb, "%g", k);
}

char *session_robust_text(const Session *s, bool utf8, bool brief)
{
    const Evaluation *ev = s->eval;
    if (!ev->has_total)
        return NULL;
    const char *dot = utf8 ? " \xc2\xb7 " : " - ";
    StrBuf sb = STRBUF_INIT;
    double win = 0, hybrid = 0;
    bool complete = session_robust_complete(s);
    bool shown = robust_shown_share(s->robust, (size_t)ev->leader, &win, &hybrid);
    if (shown) {
        char share[8];
        session_format_share(win, share);
        sb_appendf(&sb, "%s %s%s within %s", ev->hybrid ? "leads in" : "wins", share,
                   brief ? "" : " of weightings", utf8 ? "\xc2\xb1" : "+/-");
        append_spread(&sb, s->robust_opt.spread);
    } else {
        sb_append(&sb, utf8 ? "weighing the odds\xe2\x80\xa6" : "weighing the odds...");
    }
    sb_append(&sb, dot);
    if (!s->flip.found)
        sb_append(&sb, s->flip.exact ? (brief ? "no flip" : "no weights flip it") : "no flip found");
    else if (brief)
        sb_appendf(&sb, "flip %s%d", s->flip.exact ? "" : "<=", s->flip.points);
    else
        sb_appendf(&sb, "flips with %s%d point%s", s->flip.exact ? "" : "at most ", s->flip.points,
                   s->flip.points == 1 ? "" : "s");
    /* Last, so the figures before it keep their columns while the estimate
     * runs and only the mark comes and goes: both are being worked out
     * again (the flip in the estimate's first slice). */
    if (!complete && shown)
        sb_append(&sb, !brief ? " (updating)" : utf8 ? "\xe2\x80\xa6" : "...");
    return sb_take(&sb);
}

char *session_robust_explain(const Session *s, bool utf8)
{
    const Evaluation *ev = s->eval;
    const Dataset *ds = s->ds;
    if (!ev->has_total)
        return NULL;
    const char *pm = utf8 ? "\xc2\xb1" : "+/-";
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "Robustness: ");
    double win, hybrid;
    if (robust_shown_share(s->robust, 0, &win, &hybrid)) {
        sb_appendf(&sb, "of %ld weightings drawn within %s", s->robust_opt.samples, pm);
        append_spread(&sb, s->robust_opt.spread);
        sb_append(&sb, " of these, ");
        for (size_t i = 0; i < ds->nstacks; i++) {
            char share[8];
            robust_shown_share(s->robust, i, &win, &hybrid);
            session_format_share(win, share);
            sb_appendf(&sb, "%s%s leads in %s", i ? ", " : "", ds->stacks[i].name, share);
        }
        char h[8];
        session_format_share(hybrid, h);
        sb_appendf(&sb, "; the verdict is a hybrid in %s%s. ", h,
                   session_robust_complete(s) ? "" : " (updating)");
    } else {
        sb_append(&sb, "the estimate is under way. ");
    }
    sb_appendf(&sb, "Each draw takes every weight uniformly and independently from [w-");
    append_spread(&sb, s->robust_opt.spread);
    sb_append(&sb, ", w+");
    append_spread(&sb, s->robust_opt.spread);
    sb_appendf(&sb, "] clipped to 0..10 (seed %llu). ", (unsigned long long)s->robust_opt.seed);
    if (s->flip.found) {
        char *moves = flip_moves_text(&s->flip, ds);
        sb_appendf(&sb, "The fewest whole weight points that hand the lead to %s: %s%d (%s).",
                   ds->stacks[s->flip.to].name, s->flip.exact ? "" : "at most ", s->flip.points,
                   moves);
        free(moves);
    } else {
        sb_appendf(&sb, "No weights from 0 to 10 hand the lead to %s.",
                   ds->stacks[ev->runner_up].name);
    }
    return sb_take(&sb);
}

void session_weight_text(const Session *s, size_t c, char out[16])
{
    if (session_weight_is_whole(s, c))
        snprintf(out, 16, "%d", s->weights[c] / s->scale);
    else
        snprintf(out, 16, "%.2f", session_weight(s, c));
}

WeightsOrigin session_weights_origin(const Session *s)
{
    WeightsOrigin o = { WEIGHTS_CUSTOM, -1, 0 };
    if (s->team) {
        o.kind = WEIGHTS_TEAM;
        return o;
    }
    int p = session_matching_preset(s);
    if (p >= 0) {
        o.kind = WEIGHTS_PRESET;
        o.preset = p;
    } else if (session_is_default(s)) {
        o.kind = WEIGHTS_DEFAULTS;
    } else {
        /* the preset last applied, or loaded as the start of custom weights */
        o.preset = s->preset >= 0 && (size_t)s->preset < s->ds->npresets ? s->preset : -1;
        o.changed = o.preset >= 0 ? s->off_preset[o.preset] : s->off_default;
    }
    return o;
}

const char *weights_kind_name(WeightsKind kind)
{
    static const char *const names[] = {
        [WEIGHTS_DEFAULTS] = "defaults", [WEIGHTS_PRESET] = "preset",
        [WEIGHTS_CUSTOM] = "custom", [WEIGHTS_TEAM] = "team",
    };
    return kind <= WEIGHTS_TEAM ? names[kind] : "custom";
}

char *session_weights_text(const Session *s, int detail)
{
    WeightsOrigin o = session_weights_origin(s);
    switch (o.kind) {
    case WEIGHTS_DEFAULTS:
        return xstrdup("defaults");
    case WEIGHTS_PRESET:
        return xasprintf("preset %s", s->ds->presets[o.preset].id);
    case WEIGHTS_TEAM:
        return xasprintf("team of %zu%s", s->team->count, session_team_adjusted(s) ? ", adjusted" : "");
    case WEIGHTS_CUSTOM:
        break;
    }
    const char *from = o.preset >= 0 ? s->ds->presets[o.preset].id : "defaults";
    if (detail >= 2)
        return xasprintf("custom, from %s, %zu changed", from, o.changed);
    if (detail == 1)
        return xasprintf("custom, from %s", from);
    return xstrdup("custom");
}
