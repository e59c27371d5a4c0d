/* source_ops.h: what each protocol does, as a table of functions, one row
 * per protocol of core/sources.h's SOURCE_PROTOCOLS. The fetcher runs
 * every source through its row and knows no protocol by name: it asks the
 * row which requests a refresh makes, how to ask again for half of a bulk
 * request the service refused, and what a reply says for each name asked.
 *
 * A row is a `const SourceOps source_<ops>` with designated initialisers,
 * in src/fetch/source_<ops>.c (ops as in the protocol's X row); that file
 * holds the protocol's planner and parser adapters. Pure: no network, no
 * globals, so each function can be unit-tested on recorded replies.
 *
 * What a row is given: the Source (sources.yaml's row: endpoint, bulk_max,
 * limits) and the names as sent (core/ecosystem.h's package_name_to_send:
 * valid for the ecosystem, normalised, no duplicates). What the limits,
 * backoff, retries and the cache do with the results is the fetcher's,
 * the same for every protocol. */
#ifndef VERSUS_FETCH_SOURCE_OPS_H
#define VERSUS_FETCH_SOURCE_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/health.h"
#include "core/runtime.h"
#include "core/sources.h"
#include "fetch/parse.h"
#include "fetch/plan.h"

/* What a source's figures are. A download source is run through plan,
 * regroup and parse above; the others through `evidence`. */
typedef enum SourceKind {
    SOURCE_KIND_DOWNLOADS, /* download counts per evidence package (stats.h) */
    SOURCE_KIND_SUPPORT,   /* release lines per runtime product (runtime.h) */
    SOURCE_KIND_HEALTH,    /* health figures per evidence package (health.h) */
} SourceKind;

/* One job of an evidence source, a runtime product or a package, asked in
 * steps, one request each (deps.dev: package, version, project). The
 * fetcher keeps it from the first request to the last; what a step reads
 * goes into it, and only a job that got through its main steps changes
 * the table. Ownership: cycles and f belong to the work until the fetcher
 * takes them (evidence_work_clear frees what is left). */
typedef struct EvidenceWork {
    const char *ecosystem; /* health: the package's ecosystem; support: NULL */
    const char *name;      /* the product, or the package's name as sent */
    int step;              /* the step to ask next, from 0 */
    RuntimeCycle *cycles;  /* support: the lines read */
    size_t ncycles;
    HealthFigures f;       /* health: the figures read so far */
} EvidenceWork;

typedef struct EvidenceOps {
    /* The value of the endpoint's placeholder for w's next step (caller
     * frees), or NULL when nothing more is to be asked. */
    char *(*query)(const Source *src, const EvidenceWork *w);
    /* Reads the reply to w's next step into w; FETCH_OK moves w->step on.
     * Otherwise *detail says why (caller frees) and w's figures are as
     * they were. This is the status mapping of the service. */
    FetchOutcome (*parse)(const Source *src, const HttpReply *reply, EvidenceWork *w, char **detail);
    /* The steps that give the main figures: a failure before them fails
     * the job and leaves the table alone; one after them costs only the
     * later figures (deps.dev: the repository's stars and Scorecard). */
    int main_steps;
} EvidenceOps;


typedef struct SourceOps {
    SourceProtocol protocol; /* its row in SOURCE_PROTOCOLS */
    SourceKind kind;         /* downloads: plan and parse; else evidence */
    const EvidenceOps *evidence; /* how an evidence source asks and reads; NULL for downloads */

    /* The requests one refresh makes for names[0..n): each a path (the
     * endpoint with its placeholder filled in) and the indices of the names
     * it asks for. Caller frees with plan_free. Required. */
    PlannedRequest *(*plan)(const Source *src, const char *const *names, size_t n, size_t *nrequests);

    /* The requests for the days first..last (days since 1970) of
     * names[0..n), within the service's limits on one request's period,
     * each saying its days: how a chart gets a longer history than a
     * refresh brings. NULL for a service that keeps no longer history. */
    PlannedRequest *(*plan_history)(const Source *src, const char *const *names, size_t n, long first_day,
                                    long last_day, size_t *nrequests);

    /* One request for names[0..n) (items 0..n-1): how the fetcher asks
     * again, in halves down to single names, when the reply to a request
     * for several names says FETCH_SPLIT. NULL for a protocol that asks
     * for one name a request (it never splits). */
    PlannedRequest (*regroup)(const Source *src, const char *const *names, size_t n);

    /* The reply to a request for names[0..n) (n is 1 unless the protocol
     * bulks), into out[0..n) (zeroed by the caller): figures, or why there
     * are none. This is the status mapping: which HTTP statuses and bodies
     * mean not found, rate-limited, split or error for this service.
     * w->want_days, when set, is the days a history request asked for.
     * Required. */
    void (*parse)(const Source *src, const HttpReply *reply, const char *const *names, size_t n,
                  const ParseWindow *w, PackageResult *out);

    /* The service's series all end on one latest day, which a reply may
     * omit for a quiet package (pypistats sends no row for a day without
     * downloads): the fetcher keeps the latest day any reply or cached
     * record showed, passes it in ParseWindow.latest_day, and moves series
     * that end earlier up to it. */
    bool shared_latest_day;
} SourceOps;

/* One declaration per row of SOURCE_PROTOCOLS. */
#define SOURCE_OPS_DECLARE(id, ops, name, placeholder, bulk_max) extern const SourceOps source_##ops;
SOURCE_PROTOCOLS(SOURCE_OPS_DECLARE)
#undef SOURCE_OPS_DECLARE

/* Frees what w still owns and empties it. */
void evidence_work_clear(EvidenceWork *w);

/* The row of protocol p. */
const SourceOps *source_ops(SourceProtocol p);

#endif
