/* runtimes_load.c: data/runtimes.yaml -> RuntimeTable (see runtimes_load.h). */
#include "load/runtimes_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/day.h"
#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/xalloc.h"

_Static_assert(RUNTIME_DATE_LEN == YPARSE_DAY_LEN, "a runtime day is read by yparse_day");

#define CYCLES_MAX 500
#define TOKEN_MAX 64

static const char *const FILE_KEYS[] = { "source", "as_of", "products", NULL };
static const char *const ROW_KEYS[] = { "cycle", "releaseDate", "lts", "eol", "support", "latest",
                                        "latestReleaseDate", NULL };

/* A real day written YYYY-MM-DD. */
static bool is_day(const char *s)
{
    long day;
    return strlen(s) == YPARSE_DAY_LEN - 1 && day_parse(s, &day);
}

static bool token(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > TOKEN_MAX)
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    return true;
}

/* A date, or plain false (none) / true (when_true). */
static bool date_or_bool(YParse *p, const YNode *v, const char *key, char out[RUNTIME_DATE_LEN],
                         const char *when_true)
{
    if (v && v->kind == YNODE_SCALAR && !v->quoted && strcmp(v->value, "false") == 0)
        return true;
    if (v && v->kind == YNODE_SCALAR && !v->quoted && strcmp(v->value, "true") == 0) {
        snprintf(out, RUNTIME_DATE_LEN, "%s", when_true);
        return true;
    }
    if (v && v->kind == YNODE_SCALAR && !ynode_is_null(v) && !is_day(v->value))
        return yparse_fail(p, v, "%s must be a day written YYYY-MM-DD, true or false", key);
    return yparse_day(p, v, key, out);
}

static bool load_row(YParse *p, const YNode *row, RuntimeCycle *c)
{
    if (row->kind != YNODE_MAP)
        return yparse_fail(p, row, "a release line must be a mapping, not %s", ynode_kind_name(row));
    const YNode *bad = ynode_unknown_key(row, ROW_KEYS);
    if (bad)
        return yparse_fail(p, bad, "unknown key '%.40s' (expected cycle, releaseDate, lts, eol, "
                                   "support, latest, latestReleaseDate)", bad->value);
    const YNode *cycle = ynode_get(row, "cycle");
    const char *s = NULL;
    if (!cycle)
        return yparse_fail(p, row, "missing field 'cycle'");
    if (!yparse_text(p, cycle, "cycle", &s))
        return false;
    if (!token(s))
        return yparse_fail(p, cycle, "cycle must be a short name without spaces");
    c->cycle = xstrdup(s);
    const YNode *release = ynode_get(row, "releaseDate");
    if (!release)
        return yparse_fail(p, row, "missing field 'releaseDate'");
    if (!yparse_day(p, release, "releaseDate", c->release))
        return false;
    const YNode *lts = ynode_get(row, "lts");
    if (lts && !date_or_bool(p, lts, "lts", c->lts, c->release))
        return false;
    const YNode *eol = ynode_get(row, "eol");
    if (!eol)
        return yparse_fail(p, row, "missing field 'eol'");
    if (!date_or_bool(p, eol, "eol", c->eol, c->release))
        return false;
    const YNode *support = ynode_get(row, "support");
    if (support && !date_or_bool(p, support, "support", c->support, ""))
        return false;
    const YNode *latest = ynode_get(row, "latest");
    if (latest) {
        if (!yparse_text(p, latest, "latest", &s))
            return false;
        if (!token(s))
            return yparse_fail(p, latest, "latest must be a version without spaces");
        c->latest = xstrdup(s);
    }
    const YNode *latest_date = ynode_get(row, "latestReleaseDate");
    return !latest_date || yparse_day(p, latest_date, "latestReleaseDate", c->latest_date);
}

typedef struct Parsed {
    const char *product;
    RuntimeCycle *cycles;
    size_t n;
} Parsed;

int runtimes_bundled_load(const char *dir, RuntimeTable *t, char **err)
{
    char *path = path_join(dir, "runtimes.yaml");
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        free(path);
        return 0;
    }
    YParse p = { path, NULL };
    YNode *root = ytree_load_file(path, &p.err);
    Parsed *parsed = NULL;
    size_t nparsed = 0;
    bool ok = false;
    const char *source = NULL, *as_of = NULL;
    if (!root)
        goto done;
    if (root->kind != YNODE_MAP) {
        yparse_fail(&p, root, "the file must be a mapping");
        goto done;
    }
    const YNode *bad = ynode_unknown_key(root, FILE_KEYS);
    if (bad) {
        yparse_fail(&p, bad, "unknown key '%.40s' (expected source, as_of, products)", bad->value);
        goto done;
    }
    const YNode *src = ynode_get(root, "source"), *day = ynode_get(root, "as_of");
    const YNode *products = ynode_get(root, "products");
    if (!src || !day || !products) {
        yparse_fail(&p, root, "missing field '%s'", !src ? "source" : !day ? "as_of" : "products");
        goto done;
    }
    char as_of_day[RUNTIME_DATE_LEN];
    if (!yparse_text(&p, src, "source", &source) || !yparse_day(&p, day, "as_of", as_of_day))
        goto done;
    as_of = day->value;
    if (products->kind != YNODE_MAP) {
        yparse_fail(&p, products, "products must be a mapping of product to release lines");
        goto done;
    }
    parsed = xcalloc(products->count ? products->count : 1, sizeof *parsed);
    for (size_t i = 0; i < products->count; i++) {
        const YNode *key = products->pairs[i].key, *rows = products->pairs[i].value;
        if (!token(key->value)) {
            yparse_fail(&p, key, "product names are short names without spaces");
            goto done;
        }
        if (rows->kind != YNODE_SEQ || rows->count == 0 || rows->count > CYCLES_MAX) {
            yparse_fail(&p, rows, "product '%.40s' needs a list of 1 to %d release lines", key->value,
                        CYCLES_MAX);
            goto done;
        }
        Parsed *pp = &parsed[nparsed++];
        pp->product = key->value;
        pp->cycles = xcalloc(rows->count, sizeof *pp->cycles);
        pp->n = rows->count;
        for (size_t r = 0; r < rows->count; r++)
            if (!load_row(&p, rows->items[r], &pp->cycles[r]))
                goto done;
    }
    /* Only a whole good file changes the table. */
    for (size_t i = 0; i < nparsed; i++) {
        RuntimeInfo *info = runtime_table_get(t, parsed[i].product);
        runtime_set_cycles(info, parsed[i].cycles, parsed[i].n);
        parsed[i].cycles = NULL;
        info->source = STAT_SOURCE_BUNDLED;
        runtime_set_text(&info->origin, source);
        runtime_set_text(&info->as_of, as_of);
        info->fetched_at = 0;
        info->status = STAT_OK;
        runtime_set_text(&info->detail, NULL);
    }
    ok = true;
done:
    for (size_t i = 0; i < nparsed; i++) {
        for (size_t r = 0; parsed[i].cycles && r < parsed[i].n; r++)
            runtime_cycle_clear(&parsed[i].cycles[r]);
        free(parsed[i].cycles);
    }
    free(parsed);
    ynode_free(root);
    free(path);
    if (!ok)
        *err = p.err ? p.err : xstrdup("cannot load the bundled support windows");
    return ok ? 0 : -1;
}
