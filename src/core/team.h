/* team.h: a team's weights combined — each member's own integer weights
 * from their snapshot, the combined weight of each criterion (the members'
 * mean or median, an exact fraction), how far the members spread on each
 * criterion, which criterion they dispute most, and whom each member's own
 * weights make the winner. Pure: no I/O (src/app/ reads the snapshots).
 * Ownership: a Team owns its members and arrays; team_free releases them. */
#ifndef VERSUS_CORE_TEAM_H
#define VERSUS_CORE_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

#define TEAM_MIN 2
#define TEAM_MAX 100

typedef enum TeamCombine { TEAM_MEAN, TEAM_MEDIAN } TeamCombine;

typedef struct TeamMember {
    char *author;
    char *source; /* where the weights came from (a snapshot's path), or NULL */
    int *weights; /* [ncriteria], each 0..10 */
    int winner;   /* stack index their own weights make the leader; -1 without totals */
    bool hybrid;  /* their own verdict is a hybrid */
} TeamMember;

typedef struct Team {
    TeamMember *members;
    size_t count;
    TeamCombine combine;
    int scale;          /* the combined weights are combined[c] / scale */
    int *combined;      /* [ncriteria] */
    int *min, *max;     /* [ncriteria] the members' lowest and highest weight */
    double *stdev;      /* [ncriteria] population standard deviation */
    int most_disputed;  /* the criterion with the largest stdev (earliest among equals); -1 when all agree */
    size_t *picks;      /* [nstacks]: members whose own verdict names that stack (hybrids not counted) */
    size_t hybrids;     /* members whose own verdict is a hybrid */
} Team;

Team *team_new(TeamCombine combine);
/* Adds a member; weights [ds->ncriteria] are copied, source may be NULL. */
void team_add(Team *t, const Dataset *ds, const char *author, const char *source,
              const int *weights);
/* Computes everything above from the members (at least one). */
void team_finish(Team *t, const Dataset *ds);
void team_free(Team *t);

/* "mean" / "median"; false for anything else. */
bool team_combine_from_name(const char *name, TeamCombine *out);
const char *team_combine_name(TeamCombine c);

#endif
