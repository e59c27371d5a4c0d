/* ecosystem.h: the package ecosystems versus knows and the rules for
 * their package names, one row each (ecosystem.c): which names the
 * registry accepts, and the one spelling it files a name under (PyPI:
 * PEP 503; npm: as written). The loader asks it whether a name in the
 * data is valid for its stack's ecosystem; the fetcher asks it for the
 * name to send; both see the same rules.
 *
 * Every name, in any ecosystem, first passes a guard that keeps it from
 * changing a URL's path or a file name: not empty, not "." or "..", at
 * most PACKAGE_NAME_MAX bytes, ASCII, no control character, white space,
 * '?', '#', '%' or '\', and '/' only as an npm scope's one "@scope/".
 * An ecosystem with no row gets only that guard.
 *
 * Adding an ecosystem: one row in ECOSYSTEMS (ecosystem.c) with its name,
 * why a name is refused (for the loader's message), its validity check and (when the
 * registry folds spellings together) its normaliser.
 * Ownership: the rows are static; functions returning char * return a
 * string the caller frees. */
#ifndef VERSUS_CORE_ECOSYSTEM_H
#define VERSUS_CORE_ECOSYSTEM_H

#include <stdbool.h>

/* npm's limit; no ecosystem versus knows allows longer names. */
#define PACKAGE_NAME_MAX 214

typedef struct Ecosystem {
    const char *name;  /* a stack's ecosystem in stacks.yaml: "npm", "pypi" */
    const char *invalid; /* why a name is refused, after "package name 'NAME' " */
    bool scopes;       /* names may start with one "@scope/" */
    bool (*valid)(const char *name);
    /* The spelling the registry files name under (name valid); NULL: as written. */
    char *(*normalise)(const char *name);
} Ecosystem;

/* The row for an ecosystem, or NULL when versus has none. */
const Ecosystem *ecosystem_find(const char *name);

/* Why name cannot be a package of ecosystem (the guard above, then the
 * ecosystem's own rule), or NULL when it can. The reason reads after
 * "package name 'NAME' ". */
const char *package_name_problem(const char *ecosystem, const char *name);

/* The spelling the registry files name under, for telling two spellings of
 * one package apart (PyPI: PEP 503, for any text; others: a copy). */
char *package_name_key(const char *ecosystem, const char *name);

/* The name as a request sends it: the key of a name that passes
 * package_name_problem, NULL for one that does not. */
char *package_name_to_send(const char *ecosystem, const char *name);

/* npm package names: lower- or (legacy) upper-case letters, digits and
 * - . _ ~, at most 214 bytes, not starting with '.' or '_', optionally
 * "@scope/" in front (scoped names lower case only). */
bool npm_name_valid(const char *name);
bool npm_name_scoped(const char *name);
/* PyPI project names: letters, digits, - _ . with a letter or digit at
 * both ends, at most 200 bytes. */
bool pypi_name_valid(const char *name);
/* PEP 503: lower case, each run of - _ . becomes one '-'. Caller frees;
 * NULL when the name is not valid. */
char *pypi_name_normalize(const char *name);

#endif
