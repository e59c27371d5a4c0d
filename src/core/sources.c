/* sources.c: freeing and looking up the live-stats sources. */
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

const char *source_protocol_name(SourceProtocol p)
{
    return p == SOURCE_NPM_DOWNLOADS ? "npm-downloads" : "pypistats";
}
