/* state.h: what the dashboard remembers between runs — the weights (by
 * criterion id, so a data update does not scramble them), the preset, the
 * theme and the stacks shown side by side — in
 * $XDG_CONFIG_HOME/versus/state.yaml (default ~/.config/versus/state.yaml).
 * Written atomically with mode 0600 in a 0700 directory. A file that cannot
 * be read back is reported, set aside as state.yaml.bad and never silently
 * overwritten.
 * Ownership: a SavedState owns every string and array in it; state_clear
 * frees them and leaves an empty state. */
#ifndef VERSUS_LOAD_STATE_H
#define VERSUS_LOAD_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/session.h"

#define STATE_FORMAT_VERSION 1

typedef struct SavedState {
    char *preset;      /* id of the preset last applied, or NULL */
    char *theme;       /* theme name or path, or NULL */
    char **stacks;     /* ids of the stacks shown side by side, in order */
    size_t nstacks;
    char **weight_ids; /* criterion ids, parallel to weights */
    int *weights;      /* each 0..10 */
    size_t nweights;
} SavedState;

#define SAVED_STATE_INIT { NULL, NULL, NULL, 0, NULL, NULL, 0 }

/* $XDG_CONFIG_HOME/versus/state.yaml (an absolute XDG_CONFIG_HOME only),
 * else $HOME/.config/versus/state.yaml; NULL when neither is set. Caller frees. */
char *state_default_path(void);

/* Reads path into *out (which must be empty). Returns 0 when read, 1 when
 * there is no file (out stays empty), -1 with *err set ("FILE:LINE:COLUMN:
 * message", or the system's reason) when it exists but is unusable. */
int state_load(const char *path, SavedState *out, char **err);

/* Writes st to path atomically (0600), creating the directory (0700);
 * a private file that already holds exactly this state is left alone.
 * Returns 0, or -1 with *err set. */
int state_save(const char *path, const SavedState *st, char **err);

/* Renames an unusable state file to PATH.bad so the next save cannot
 * destroy it. Returns 0 (and the new name in *moved_to, caller frees), or -1
 * with *err set. */
int state_set_aside(const char *path, char **moved_to, char **err);

void state_clear(SavedState *st);

/* Fills st (emptied first) from the session's weights and preset, the theme
 * name and the shown stacks (indices into the data set). */
void state_capture(SavedState *st, const Session *s, const char *theme, const int *stacks,
                   size_t nstacks);

/* Puts the saved weights and preset into the session. Criteria the state
 * does not know keep their current weight; ids the data no longer has are
 * ignored, and so is a preset that no longer exists. */
void state_apply_weights(const SavedState *st, Session *s);

/* The saved stacks as indices into ds (unknown ids and repeats dropped), at
 * most max of them. Returns how many. */
size_t state_stack_indices(const SavedState *st, const Dataset *ds, int *out, size_t max);

#endif
