/* parse_eol.h: endoflife.date's product reply into RuntimeCycles, newest
 * first: API v0 (GET /api/{product}.json, an array of release lines) or
 * v1 (GET /api/v1/products/{product}/, an envelope whose result.releases
 * lists them; dates are a date or null, and the is* flags, fixed when the
 * site was built, only fill in a date the service left out). Pure, like
 * the download parsers: no network, unit-tested and fuzzable.
 * Rules: 404 is "not found" whatever its body (the service answers an
 * unknown product with an HTML page); 429 is "rate-limited"; an HTML body
 * is never parsed; every row needs a cycle and a release date, and lts,
 * eol and support are a date or a boolean (false: none / not announced);
 * other keys are ignored. Any bad row makes the whole reply an error, so a
 * half-read table never replaces a good one. */
#ifndef VERSUS_FETCH_PARSE_EOL_H
#define VERSUS_FETCH_PARSE_EOL_H

#include <stddef.h>

#include "core/runtime.h"
#include "fetch/parse.h"

/* More lines than any product has had; beyond it the reply is junk. */
#define PARSE_EOL_CYCLES_MAX 500

/* FETCH_OK: *cycles (n of them, caller frees each with runtime_cycle_clear
 * and the array) in the reply's order. Otherwise *detail says why (caller
 * frees). */
FetchOutcome parse_endoflife(const HttpReply *reply, RuntimeCycle **cycles, size_t *n, char **detail);
/* The same, and a v1 reply must be product's (result.name); product NULL:
 * not checked. */
FetchOutcome parse_endoflife_for(const HttpReply *reply, const char *product, RuntimeCycle **cycles,
                                 size_t *n, char **detail);

#endif
