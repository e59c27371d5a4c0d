/* source_endoflife.c: endoflife.date's row (source_ops.h). One request a
 * product, its v1 reply (or v0's, as the endpoint says) into the product's
 * release lines (parse_eol.h); a refresh asks once for each runtime the
 * stacks run on. */
#include "fetch/source_ops.h"

#include <stdlib.h>

#include "fetch/parse_eol.h"
#include "util/xalloc.h"

static char *endoflife_query(const Source *src, const EvidenceWork *w)
{
    (void)src;
    return w->step == 0 ? xstrdup(w->name) : NULL;
}

static FetchOutcome endoflife_parse(const Source *src, const HttpReply *reply, EvidenceWork *w, char **detail)
{
    (void)src;
    runtime_cycles_free(w->cycles, w->ncycles);
    w->cycles = NULL;
    w->ncycles = 0;
    FetchOutcome o = parse_endoflife_for(reply, w->name, &w->cycles, &w->ncycles, detail);
    if (o == FETCH_OK)
        w->step++;
    return o;
}

static const EvidenceOps endoflife_evidence = {
    .query = endoflife_query,
    .parse = endoflife_parse,
    .main_steps = 1,
};

const SourceOps source_endoflife = {
    .protocol = SOURCE_ENDOFLIFE,
    .kind = SOURCE_KIND_SUPPORT,
    .evidence = &endoflife_evidence,
};
