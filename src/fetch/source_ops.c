/* source_ops.c: the protocols' rows, in SOURCE_PROTOCOLS' order (see
 * source_ops.h); nothing to edit here when a protocol is added. */
#include "fetch/source_ops.h"

#define SOURCE_OPS_ROW(id, ops, name, placeholder, bulk_max) [id] = &source_##ops,
static const SourceOps *const ROWS[SOURCE_NPROTOCOLS] = { SOURCE_PROTOCOLS(SOURCE_OPS_ROW) };
#undef SOURCE_OPS_ROW

void evidence_work_clear(EvidenceWork *w)
{
    runtime_cycles_free(w->cycles, w->ncycles);
    health_figures_clear(&w->f);
    w->cycles = NULL;
    w->ncycles = 0;
    w->step = 0;
}

const SourceOps *source_ops(SourceProtocol p)
{
    return ROWS[(unsigned)p < SOURCE_NPROTOCOLS ? p : 0];
}
