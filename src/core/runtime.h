/* runtime.h: the support windows of the runtimes the stacks run on (from
 * endoflife.date): each product's release lines, which are LTS, when each
 * ends, and the latest patch; and which line a team would pick today.
 * Every table carries its provenance like the download figures do: where it
 * came from, as of when, when it was fetched and how that went.
 * Pure data and date arithmetic on "YYYY-MM-DD" strings (which compare as
 * text); src/load/ fills it from the bundled snapshot, src/fetch/ and the
 * cache replace it; src/export/ and src/ui/ read it.
 * Ownership: a RuntimeTable owns every entry and string in it;
 * runtime_table_free releases all. */
#ifndef VERSUS_CORE_RUNTIME_H
#define VERSUS_CORE_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model.h"
#include "core/stats.h"

#define RUNTIME_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL; "" when unknown */
/* A line is marked when its end of life is this close. */
#define RUNTIME_EOL_WARN_MONTHS 12

/* Which line of a runtime a team picks. */
typedef enum RuntimePick {
    RUNTIME_PICK_NONE,   /* the stack names no runtime */
    RUNTIME_PICK_LTS,    /* the newest line in long-term support (Node.js) */
    RUNTIME_PICK_STABLE, /* the newest released, supported line (Python) */
} RuntimePick;

/* One release line ("cycle"). Dates are "" when the service gives none:
 * lts "" = not an LTS line; eol "" = end of life not announced. */
typedef struct RuntimeCycle {
    char *cycle;                          /* "24", "3.14" */
    char release[RUNTIME_DATE_LEN];
    char lts[RUNTIME_DATE_LEN];           /* when it became LTS */
    char support[RUNTIME_DATE_LEN];       /* end of active support */
    char eol[RUNTIME_DATE_LEN];
    char *latest;                         /* "24.19.0", or NULL */
    char latest_date[RUNTIME_DATE_LEN];
} RuntimeCycle;

typedef struct RuntimeInfo {
    char *product;        /* endoflife.date product id: "nodejs", "python" */
    RuntimeCycle *cycles; /* newest first, as the service lists them */
    size_t ncycles;
    StatSource source;    /* none, bundled, cache or live */
    char *origin;         /* the data set or URL it came from */
    char *as_of;          /* the day the table describes (YYYY-MM-DD), or NULL */
    time_t fetched_at;    /* 0 unless fetched */
    StatStatus status;
    char *detail;         /* why, when not ok */
} RuntimeInfo;

typedef struct RuntimeTable {
    RuntimeInfo *items;
    size_t count;
} RuntimeTable;

RuntimeTable *runtime_table_new(void);
void runtime_table_free(RuntimeTable *t);
/* The entry for product, added (empty, source none) if absent. */
RuntimeInfo *runtime_table_get(RuntimeTable *t, const char *product);
const RuntimeInfo *runtime_table_find(const RuntimeTable *t, const char *product);
/* Adds an entry for every stack's runtime. */
void runtime_table_add_stacks(RuntimeTable *t, const Dataset *ds);

/* Replaces info's cycles with cycles[0..n) (taken over; the array too). */
void runtime_set_cycles(RuntimeInfo *info, RuntimeCycle *cycles, size_t n);
void runtime_set_text(char **slot, const char *text);
void runtime_cycle_clear(RuntimeCycle *c);
/* Clears cycles[0..n) and frees the array (NULL: nothing). */
void runtime_cycles_free(RuntimeCycle *cycles, size_t n);

/* "lts" / "stable" <-> RuntimePick; false / NULL for anything else. */
bool runtime_pick_from_name(const char *name, RuntimePick *out);
const char *runtime_pick_name(RuntimePick p);

/* The line a team would pick on day today (YYYY-MM-DD): for LTS the newest
 * released line whose LTS has begun, for stable the newest released line;
 * either way one not past its end of life. -1 when none qualifies. */
int runtime_pick_cycle(const RuntimeInfo *info, RuntimePick pick, const char *today);
/* True when c's end of life is known and within RUNTIME_EOL_WARN_MONTHS of
 * today (or already past). */
bool runtime_eol_soon(const RuntimeCycle *c, const char *today);
/* Whole months from today to c's end of life (0 when past), -1 unknown. */
int runtime_months_left(const RuntimeCycle *c, const char *today);
/* "YYYY-MM-DD" of t in UTC. */
void runtime_today(char out[RUNTIME_DATE_LEN], time_t t);

/* "Node.js 26 LTS, end of life 2029-04-30" / "Python 3.14, end of life
 * 2030-10-31 (in 10 months)" / "no support window known": one line for the
 * details and the exports; name is the stack's. Caller frees. */
char *runtime_describe(const RuntimeInfo *info, RuntimePick pick, const char *name,
                       const char *today);

/* Where a table came from: "bundled, as of 2026-08-22", "live, fetched
 * 2026-12-02T07:00:00Z", "no data"; then "; stale" or "; error: HTTP 500"
 * when not ok. Caller frees. */
char *runtime_provenance(const RuntimeInfo *info);
/* A stack's support window on the day of now with its provenance: "Node.js
 * 26 LTS, end of life 2029-04-30 (bundled, as of 2026-08-22)"; NULL when
 * the stack names no runtime. Caller frees. */
char *runtime_line(const RuntimeTable *t, const Stack *st, time_t now);

#endif
