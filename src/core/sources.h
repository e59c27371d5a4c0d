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

#include <stddef.h>

typedef enum SourceProtocol {
    SOURCE_NPM_DOWNLOADS, /* npm downloads API, range + bulk requests */
    SOURCE_PYPISTATS,     /* pypistats API, one overall request per project */
} SourceProtocol;

typedef struct Source {
    char *id;           /* e.g. "npm" */
    char *ecosystem;    /* the stacks' ecosystem it serves, e.g. "npm" */
    SourceProtocol protocol;
    char *base_url;     /* scheme://host[:port][/path], no trailing slash */
    char *base_url_env; /* environment variable that overrides base_url, or NULL */
    char *endpoint;     /* path template: "{packages}" (npm) or "{package}" (pypistats) */
    int bulk_max;       /* names per request (1 for pypistats) */
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

/* "npm-downloads", "pypistats" */
const char *source_protocol_name(SourceProtocol p);

#endif
