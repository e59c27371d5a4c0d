/* sources.h: the live-stats sources — for each package ecosystem, the
 * service to ask, the endpoint, how many names one request may carry, and
 * the per-host limits (connections, requests per second and per minute,
 * the gap between two starts), backoff, the time of the service's daily
 * update (figures fetched after one update are fresh until the next),
 * timeouts and response size cap. Plain data: load/sources_load.c reads it
 * from data/sources.yaml, fetch/ runs it.
 * Ownership: Sources owns every string in it; sources_free releases all. */
#ifndef VERSUS_CORE_SOURCES_H
#define VERSUS_CORE_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

/* The protocols versus speaks, one row each:
 *   X(id, ops, name, placeholder, bulk_max)
 *   id           the SourceProtocol value
 *   ops          its behaviour: the SourceOps `source_<ops>` that
 *                src/fetch/source_<ops>.c defines (fetch/source_ops.h:
 *                request planning, reply parsing and status mapping)
 *   name         its `protocol:` in sources.yaml
 *   placeholder  what `endpoint:` holds exactly once; replaced by the
 *                name(s) asked for
 *   bulk_max     the most names the service takes in one request; 1: one
 *                name a request (then sources.yaml gives no bulk_max)
 * Everything else about a source (base URL, limits, backoff, daily update,
 * timeouts, size cap) is per source in sources.yaml. Adding a protocol:
 * one row here and one file src/fetch/source_<ops>.c (HACKING.md). */
#define SOURCE_PROTOCOLS(X)                                                          \
    X(SOURCE_NPM_DOWNLOADS, npm_downloads, "npm-downloads", "{packages}", 128)      \
    X(SOURCE_PYPISTATS, pypistats, "pypistats", "{package}", 1)                \
    X(SOURCE_ENDOFLIFE, endoflife, "endoflife", "{product}", 1)                \
    X(SOURCE_DEPSDEV, depsdev, "deps-dev", "{query}", 1)

#define SOURCE_PROTOCOL_ENUM_ROW(id, ops, name, placeholder, bulk_max) id,
typedef enum SourceProtocol { SOURCE_PROTOCOLS(SOURCE_PROTOCOL_ENUM_ROW) } SourceProtocol;
#undef SOURCE_PROTOCOL_ENUM_ROW
#define SOURCE_PROTOCOL_COUNT_ROW(id, ops, name, placeholder, bulk_max) +1
enum { SOURCE_NPROTOCOLS = 0 SOURCE_PROTOCOLS(SOURCE_PROTOCOL_COUNT_ROW) };
#undef SOURCE_PROTOCOL_COUNT_ROW

/* What the loader needs to know of a protocol (its row above). */
typedef struct SourceProtocolInfo {
    const char *name;
    const char *placeholder;
    int bulk_max;
} SourceProtocolInfo;

typedef struct Source {
    char *id;           /* e.g. "npm" */
    char *ecosystem;    /* the stacks' ecosystem it serves, e.g. "npm" */
    SourceProtocol protocol;
    char *base_url;     /* scheme://host[:port][/path], no trailing slash */
    char *base_url_env; /* environment variable that overrides base_url, or NULL */
    char *endpoint;     /* path template holding its protocol's placeholder once */
    int bulk_max;       /* names per request (1 when the protocol asks one at a time) */
    int connections;    /* concurrent transfers per host */
    int per_second;     /* requests started in any 1 s */
    int per_minute;     /* requests started in any 60 s */
    long interval_ms;   /* at least this long between two request starts (0: no gap) */
    long backoff_s;        /* wait after a 429 without Retry-After */
    long daily_update_s;   /* the service's figures change daily at this time, seconds after 00:00 UTC */
    long connect_timeout_ms;
    long timeout_ms;       /* whole transfer */
    size_t max_response;   /* bytes of body accepted */
} Source;

typedef struct Sources {
    Source *items;
    size_t count;
} Sources;

/* An empty set: no live sources. */
Sources *sources_new(void);
void sources_free(Sources *s);
/* Frees what one Source owns (not the Source itself). */
void source_clear(Source *s);

/* The source serving an ecosystem, or NULL. */
const Source *sources_find(const Sources *s, const char *ecosystem);

/* The row of p; "npm-downloads", "pypistats"... */
const SourceProtocolInfo *source_protocol_info(SourceProtocol p);
const char *source_protocol_name(SourceProtocol p);
/* The protocol named name in sources.yaml; false when none is. */
bool source_protocol_from_name(const char *name, SourceProtocol *out);

#endif
