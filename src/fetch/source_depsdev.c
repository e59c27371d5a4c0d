/* source_depsdev.c: deps.dev v3's row (source_ops.h). At most three
 * requests a package, one after the other: the package (its default
 * version), that version (licence, advisories, source repository), and,
 * when a repository is linked, its project (stars, Scorecard). Every name
 * and version goes into the path percent-encoded as one segment
 * (parse_depsdev.h). */
#include "fetch/source_ops.h"

#include <stdlib.h>

#include "fetch/parse_depsdev.h"
#include "util/xalloc.h"

enum { STEP_PACKAGE, STEP_VERSION, STEP_PROJECT, STEP_DONE };

/* The query, without the endpoint's leading "/v3/". */
static char *skip_slash(char *path)
{
    char *out = xstrdup(path + (path[0] == '/'));
    free(path);
    return out;
}

static char *depsdev_query(const Source *src, const EvidenceWork *w)
{
    (void)src;
    const char *system = depsdev_system(w->ecosystem);
    if (!system)
        return NULL;
    switch (w->step) {
    case STEP_PACKAGE:
        return skip_slash(depsdev_package_path(system, w->name));
    case STEP_VERSION:
        return w->f.version ? skip_slash(depsdev_version_path(system, w->name, w->f.version)) : NULL;
    case STEP_PROJECT:
        return w->f.repo ? skip_slash(depsdev_project_path(w->f.repo)) : NULL;
    default:
        return NULL;
    }
}

static FetchOutcome depsdev_parse(const Source *src, const HttpReply *reply, EvidenceWork *w, char **detail)
{
    (void)src;
    FetchOutcome o;
    switch (w->step) {
    case STEP_PACKAGE:
        o = parse_depsdev_package(reply, w->name, &w->f, detail);
        break;
    case STEP_VERSION:
        o = parse_depsdev_version(reply, w->name, w->f.version, &w->f, detail);
        break;
    case STEP_PROJECT:
        o = parse_depsdev_project(reply, w->f.repo, &w->f, detail);
        break;
    default:
        *detail = xstrdup("no request was due");
        return FETCH_ERROR;
    }
    if (o == FETCH_OK)
        w->step++;
    return o;
}

static const EvidenceOps depsdev_evidence = {
    .query = depsdev_query,
    .parse = depsdev_parse,
    .main_steps = STEP_PROJECT,
};

const SourceOps source_depsdev = {
    .protocol = SOURCE_DEPSDEV,
    .kind = SOURCE_KIND_HEALTH,
    .evidence = &depsdev_evidence,
};
