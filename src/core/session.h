/* session.h: what the user is looking at — the data set, the current
 * weights, the active preset, the evaluation of those weights and the
 * evidence-package stats. Both the dashboard and the headless command line
 * drive a Session; every change goes through these functions so the
 * evaluation is always current.
 * Ownership: the Session borrows the Dataset (the caller frees it after
 * session_free) and owns weights, evaluation and stats. */
#ifndef VERSUS_CORE_SESSION_H
#define VERSUS_CORE_SESSION_H

#include <stdbool.h>

#include "core/engine.h"
#include "core/model.h"
#include "core/robust.h"
#include "core/health.h"
#include "core/runtime.h"
#include "core/stats.h"
#include "core/team.h"

/* The version of the JSON snapshot format: export writes it, --load checks
 * its major version. */
#define SNAPSHOT_FORMAT_VERSION 1

#define SESSION_HISTORY_MAX 256

typedef struct Session {
    const Dataset *ds;
    int *weights;      /* [ncriteria] weight numerators: weight c is weights[c] / scale */
    int scale;         /* 1, except for a team's exact combined weights */
    Team *team;        /* the team whose weights these are, or NULL */
    int preset;        /* index of the preset last applied, or -1 */
    Evaluation *eval;  /* always matches weights */
    StatsTable *stats; /* one entry per evidence package */
    RuntimeTable *runtimes; /* one entry per stack's runtime (support windows) */
    HealthTable *health;    /* one entry per evidence package (package health) */
    /* How many weights differ from the data's defaults and from each
     * preset's, kept as the weights change, so the header's "default" and
     * preset name cost O(presets) per frame, not a scan of every weight. */
    size_t off_default;
    size_t *off_preset; /* [npresets] */
    Flip flip;         /* the smallest flip, computed off the key path with the
                          estimate: current unless flip_stale */
    bool flip_stale;
    /* Undo and redo: earlier and undone weights, SESSION_HISTORY_MAX each,
     * the oldest dropped first. */
    struct SessionHistory {
        int *weights;   /* [SESSION_HISTORY_MAX * ncriteria] */
        int *preset;    /* [SESSION_HISTORY_MAX] */
        size_t first, count; /* a ring: entry i is at (first + i) % MAX */
    } undo, redo;
    bool merging, merged; /* between session_begin_merge and _end_merge */
    char *author;      /* who these weights are from (--author, $USER), or NULL */
    RobustOptions robust_opt;
    Robustness *robust; /* restarted on every change; complete once stepped through */
} Session;

/* A session at the data's default weights, with an empty stats table
 * holding every evidence package (source NONE until someone fills it). */
Session *session_new(const Dataset *ds);
void session_free(Session *s);

/* Sets one weight to a whole number (clamped to 0..10); returns true when
 * it changed. */
bool session_set_weight(Session *s, size_t criterion, int weight);
/* Moves one weight by delta whole points (staying in 0..10). */
bool session_step_weight(Session *s, size_t criterion, int delta);
/* Weight c as a number, and whether it is a whole one. */
double session_weight(const Session *s, size_t criterion);
/* Criterion c's weight as text: "6", or "5.33" for a team's fraction. */
void session_weight_text(const Session *s, size_t c, char out[16]);
bool session_weight_is_whole(const Session *s, size_t criterion);

/* Takes over team (finished with team_finish): its combined weights become
 * the session's, exactly, and the undo history starts over. */
void session_set_team(Session *s, Team *team);
/* True when the weights are no longer the team's combined ones. */
bool session_team_adjusted(const Session *s);
void session_apply_preset(Session *s, size_t preset);
void session_reset(Session *s); /* the data's default weights, no preset */
/* Sets all weights at once (each clamped); preset stays as given. */
void session_set_weights(Session *s, const int *weights, int preset);

/* Sets who the weights are from; NULL or "" for nobody named. */
void session_set_author(Session *s, const char *author);

/* Every change above can be undone, and an undone change redone, up to
 * SESSION_HISTORY_MAX steps back; a new change forgets what was undone.
 * Each returns false when there is nothing to undo or redo. */
bool session_undo(Session *s);
bool session_redo(Session *s);
size_t session_undo_depth(const Session *s);
size_t session_redo_depth(const Session *s);
/* Between these, every change together is one step (a slider dragged). */
void session_begin_merge(Session *s);
void session_end_merge(Session *s);
/* Forgets both: the weights a session starts with are not a change. */
void session_history_clear(Session *s);

/* A new model for the Monte-Carlo estimate (--samples, --spread, --seed). */
void session_set_robust_options(Session *s, const RobustOptions *opt);
/* Computes the smallest flip for the current weights if it is stale. */
void session_flip_update(Session *s);
/* Draws about max_work score products' worth of the estimate (the first
 * slice after a change computes the flip); true when both are complete.
 * The dashboard calls it between key presses. */
bool session_robust_step(Session *s, long max_work);
/* What is left of the estimate, in session_robust_step's units (score
 * products): 0 when complete. */
long session_robust_work_left(const Session *s);
/* Completes the estimate (headless runs, before an export). */
void session_robust_finish(Session *s);
bool session_robust_complete(const Session *s);
/* "wins 71% of weightings within ±2 · flips with 3 points" (the ASCII
 * form without utf8; brief: "wins 71% within ±2 · flip 3"), with
 * "(updating)" at the end while a new estimate is under way (the figures
 * before it keep their columns); NULL without totals.
 * Caller frees. */
char *session_robust_text(const Session *s, bool utf8, bool brief);
/* The estimate and the flip explained in a few sentences, for the
 * dashboard's details; NULL without totals. Caller frees. */
char *session_robust_explain(const Session *s, bool utf8);
/* A share as people read it: "71%", "<1%" and ">99%" near the ends. */
void session_format_share(double share, char out[8]);

/* Which weights these are: one notion for the header, every export and
 * --load, so nothing can call the same weights by two names. */
typedef enum WeightsKind { WEIGHTS_DEFAULTS, WEIGHTS_PRESET, WEIGHTS_CUSTOM, WEIGHTS_TEAM } WeightsKind;

typedef struct WeightsOrigin {
    WeightsKind kind;
    int preset;     /* PRESET: the preset they equal; CUSTOM: the preset they
                       started from, or -1 when they started from the defaults */
    size_t changed; /* CUSTOM: how many weights differ from where they started */
} WeightsOrigin;

WeightsOrigin session_weights_origin(const Session *s);
/* "defaults", "preset", "custom", "team": the JSON's "weights". */
const char *weights_kind_name(WeightsKind kind);
/* How the weights are described, at three levels of detail, all from
 * session_weights_origin: "defaults"; "preset fintech-analytics"; a team's
 * "team of 3" or "team of 3, adjusted"; custom ones as, from detail 2 down,
 * "custom, from fintech-analytics, 2 changed" (or "from defaults"),
 * "custom, from fintech-analytics" and "custom". Caller frees. */
#define WEIGHTS_DETAIL_MAX 2
char *session_weights_text(const Session *s, int detail);

/* The preset whose weights equal the current ones (the applied one first),
 * or -1 for custom weights. */
int session_matching_preset(const Session *s);
/* True when the weights are the data's defaults. */
bool session_is_default(const Session *s);

#endif
