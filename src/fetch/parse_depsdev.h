/* parse_depsdev.h: deps.dev API v3 replies into package health, one parser
 * per request of the three a package costs at most:
 *   GET /v3/systems/{system}/packages/{name}        the default version
 *   GET .../packages/{name}/versions/{version}      its licences, advisories
 *                                                   and source repository
 *   GET /v3/projects/{projectKey}                   that repository's stars
 *                                                   and Scorecard score
 * and the paths themselves, each parameter percent-encoded as one segment
 * as the service requires ("@colors/colors" -> "%40colors%2Fcolors").
 * Pure, like the download parsers: no network, unit-tested and fuzzed.
 * Rules: 404 is "not found" whatever its body (deps.dev answers with short
 * plain text; new releases may 404 for a while); 429 is "rate-limited"; an
 * HTML body is never parsed; the reply must be about the package, version
 * or project asked for; counts are checked against HEALTH_*_MAX, scores
 * against 0..10. Any bad field makes the whole reply an error, so a
 * half-read reply never replaces good figures. */
#ifndef VERSUS_FETCH_PARSE_DEPSDEV_H
#define VERSUS_FETCH_PARSE_DEPSDEV_H

#include <stddef.h>

#include "core/health.h"
#include "fetch/parse.h"

/* More versions than any package has; beyond it the reply is junk. */
#define PARSE_DEPSDEV_VERSIONS_MAX 100000
#define PARSE_DEPSDEV_LICENSES_MAX 32

/* "NPM", "PYPI" for the ecosystems versus knows, NULL for others. */
const char *depsdev_system(const char *ecosystem);
/* s percent-encoded as one path segment: every byte but A-Z a-z 0-9 - . _ ~
 * becomes %XX. Caller frees. */
char *depsdev_escape(const char *s);
/* The three request paths (after the base URL's /v3 prefix is up to the
 * endpoint): "/systems/NPM/packages/%40nestjs%2Fcore", ".../versions/11.1.6",
 * "/projects/github.com%2Fnestjs%2Fnest". Caller frees. */
char *depsdev_package_path(const char *system, const char *name);
char *depsdev_version_path(const char *system, const char *name, const char *version);
char *depsdev_project_path(const char *project);

/* Package: the default version (isDefault; failing that the latest
 * published) into out->version and out->published. */
FetchOutcome parse_depsdev_package(const HttpReply *reply, const char *name, HealthFigures *out,
                                   char **detail);
/* Version: out->license, out->advisories, out->repo_known and out->repo
 * (the SOURCE_REPO related project, else a SOURCE_REPO link on github.com
 * or gitlab.com), and out->published when the package reply gave none. */
FetchOutcome parse_depsdev_version(const HttpReply *reply, const char *name, const char *version,
                                   HealthFigures *out, char **detail);
/* Project: out->stars and out->scorecard (overallScore) with its date. */
FetchOutcome parse_depsdev_project(const HttpReply *reply, const char *project, HealthFigures *out,
                                   char **detail);

#endif
