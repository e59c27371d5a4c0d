/* sources.c: the protocols' table; freeing and looking up the live-stats sources. */
#include "core/sources.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

Sources *sources_new(void)
{
    return xcalloc(1, sizeof(Sources));
}

void source_clear(Source *s)
{
    free(s->id);
    free(s->ecosystem);
    free(s->base_url);
    free(s->base_url_env);
    free(s->endpoint);
}

void sources_free(Sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        source_clear(&s->items[i]);
    free(s->items);
    free(s);
}

const Source *sources_find(const Sources *s, const char *ecosystem)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].ecosystem, ecosystem) == 0)
            return &s->items[i];
    return NULL;
}

#define SOURCE_PROTOCOL_INFO_ROW(id, ops, pname, ph, bulk) [id] = { .name = pname, .placeholder = ph, .bulk_max = bulk },
static const SourceProtocolInfo PROTOCOLS[SOURCE_NPROTOCOLS] = { SOURCE_PROTOCOLS(SOURCE_PROTOCOL_INFO_ROW) };
#undef SOURCE_PROTOCOL_INFO_ROW

const SourceProtocolInfo *source_protocol_info(SourceProtocol p)
{
    return &PROTOCOLS[(unsigned)p < SOURCE_NPROTOCOLS ? p : 0];
}

const char *source_protocol_name(SourceProtocol p) { return source_protocol_info(p)->name; }

bool source_protocol_from_name(const char *name, SourceProtocol *out)
{
    for (int p = 0; p < SOURCE_NPROTOCOLS; p++)
        if (strcmp(PROTOCOLS[p].name, name) == 0) {
            *out = (SourceProtocol)p;
            return true;
        }
    return false;
}
