/* health_load.c: data/health.yaml -> HealthTable (see health_load.h). */
#include "load/health_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/day.h"
#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/xalloc.h"

_Static_assert(HEALTH_DATE_LEN == YPARSE_DAY_LEN, "a health day is read by yparse_day");

#define TOKEN_MAX 200
#define PACKAGES_MAX 5000

static const char *const ECO_KEYS[] = { "source", "as_of", "packages", NULL };
static const char *const ROW_KEYS[] = { "version", "published", "license", "repository", NULL };

static bool token(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > TOKEN_MAX)
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    return true;
}

static bool load_row(YParse *p, const YNode *row, HealthFigures *f)
{
    if (row->kind != YNODE_MAP)
        return yparse_fail(p, row, "a package's figures must be a mapping, not %s", ynode_kind_name(row));
    const YNode *bad = ynode_unknown_key(row, ROW_KEYS);
    if (bad)
        return yparse_fail(p, bad, "unknown key '%.40s' (expected version, published, license, repository)",
                           bad->value);
    const char *s = NULL;
    const YNode *v = ynode_get(row, "version");
    if (v) {
        if (!yparse_text(p, v, "version", &s))
            return false;
        if (!token(s) || strchr(s, ' '))
            return yparse_fail(p, v, "version must be a version without spaces");
        f->version = xstrdup(s);
    }
    v = ynode_get(row, "published");
    if (v && !yparse_day(p, v, "published", f->published))
        return false;
    v = ynode_get(row, "license");
    if (v) {
        if (!yparse_text(p, v, "license", &s))
            return false;
        if (!token(s))
            return yparse_fail(p, v, "license must be a licence name");
        f->license = xstrdup(s);
    }
    v = ynode_get(row, "repository");
    if (v) {
        if (!yparse_text(p, v, "repository", &s))
            return false;
        if (!token(s) || strchr(s, ' ') || !strchr(s, '/') || strstr(s, "://") || strstr(s, ".."))
            return yparse_fail(p, v, "repository must be written host/owner/name");
        f->repo_known = true;
        f->repo = xstrdup(s);
    }
    return true;
}

typedef struct Parsed {
    const char *ecosystem, *package, *source, *as_of;
    HealthFigures f;
} Parsed;

int health_bundled_load(const char *dir, HealthTable *t, char **err)
{
    char *path = path_join(dir, "health.yaml");
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        free(path);
        return 0;
    }
    YParse p = { path, NULL };
    YNode *root = ytree_load_file(path, &p.err);
    Parsed *parsed = NULL;
    size_t nparsed = 0, cap = 0;
    bool ok = false;
    if (!root)
        goto done;
    const YNode *ecos = root->kind == YNODE_MAP ? ynode_get(root, "ecosystems") : NULL;
    if (root->kind != YNODE_MAP || root->count != 1 || !ecos) {
        yparse_fail(&p, root, "the file must be a mapping with one key, ecosystems");
        goto done;
    }
    if (ecos->kind != YNODE_MAP) {
        yparse_fail(&p, ecos, "ecosystems must be a mapping of ecosystem to its figures");
        goto done;
    }
    for (size_t e = 0; e < ecos->count; e++) {
        const YNode *name = ecos->pairs[e].key, *eco = ecos->pairs[e].value;
        if (eco->kind != YNODE_MAP) {
            yparse_fail(&p, eco, "ecosystem '%.40s' must be a mapping with source, as_of, packages", name->value);
            goto done;
        }
        const YNode *bad = ynode_unknown_key(eco, ECO_KEYS);
        if (bad) {
            yparse_fail(&p, bad, "unknown key '%.40s' (expected source, as_of, packages)", bad->value);
            goto done;
        }
        const YNode *src = ynode_get(eco, "source"), *day = ynode_get(eco, "as_of");
        const YNode *pkgs = ynode_get(eco, "packages");
        if (!src || !day || !pkgs) {
            yparse_fail(&p, eco, "missing field '%s'", !src ? "source" : !day ? "as_of" : "packages");
            goto done;
        }
        const char *source = NULL;
        char as_of[HEALTH_DATE_LEN];
        if (!yparse_text(&p, src, "source", &source) || !yparse_day(&p, day, "as_of", as_of))
            goto done;
        if (pkgs->kind != YNODE_MAP || pkgs->count > PACKAGES_MAX) {
            yparse_fail(&p, pkgs, "packages must be a mapping of package name to its figures");
            goto done;
        }
        for (size_t i = 0; i < pkgs->count; i++) {
            if (nparsed == cap) {
                cap = cap ? cap * 2 : 32;
                parsed = xreallocarray(parsed, cap, sizeof *parsed);
            }
            Parsed *pp = &parsed[nparsed++];
            pp->ecosystem = name->value;
            pp->package = pkgs->pairs[i].key->value;
            pp->source = source;
            pp->as_of = day->value;
            health_figures_init(&pp->f);
            if (!load_row(&p, pkgs->pairs[i].value, &pp->f))
                goto done;
        }
    }
    /* Only a whole good file changes the table. */
    for (size_t i = 0; i < nparsed; i++) {
        PackageHealth *h = (PackageHealth *)health_table_find(t, parsed[i].ecosystem, parsed[i].package);
        if (!h)
            continue;
        health_figures_copy(&h->f, &parsed[i].f);
        h->source = STAT_SOURCE_BUNDLED;
        health_set_text(&h->origin, parsed[i].source);
        health_set_text(&h->as_of, parsed[i].as_of);
        h->fetched_at = 0;
        h->status = STAT_OK;
        health_set_text(&h->detail, NULL);
        h->repo_status = STAT_OK;
        health_set_text(&h->repo_detail, NULL);
    }
    ok = true;
done:
    for (size_t i = 0; i < nparsed; i++)
        health_figures_clear(&parsed[i].f);
    free(parsed);
    ynode_free(root);
    free(path);
    if (!ok)
        *err = p.err ? p.err : xstrdup("cannot load the bundled package health");
    return ok ? 0 : -1;
}
