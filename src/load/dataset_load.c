/* dataset_load.c: the data directory's YAML files -> Dataset, and the
 * bundled stats snapshot -> StatsTable. Every check reports the first
 * problem as FILE:LINE:COLUMN so a typo is found, never silently ignored. */
#include "load/dataset_load.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/ecosystem.h"
#include "core/idindex.h"
#include "core/runtime.h"
#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/safetext.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define ID_MAX_LEN 64
/* npm's own limit; PyPI names are shorter in practice. */
/* How much of a bad value a message quotes. */
#define SHOWN_MAX_CHARS 40

/* One file being read: its path as the caller spelled it (owned) and the
 * first error, in the shared YParse slot. */
typedef struct Loader {
    char *path;
    YParse yp;
} Loader;

/* A copy of s fit to quote in a one-line message: control characters
 * escaped, and long text cut (at a character boundary) with "...". */
static char *shown(const char *s) { return safetext_quote(s, SHOWN_MAX_CHARS); }

/* What a node is, for "must be X, not Y" messages. */
static const char *kind_word(const YNode *n)
{
    if (ynode_is_null(n))
        return "empty";
    return ynode_kind_name(n);
}

/* ---- structure ---------------------------------------------------------- */

static bool expect_map(Loader *ld, const YNode *n, const char *what)
{
    if (n->kind == YNODE_MAP)
        return true;
    return yparse_fail(&ld->yp, n, "%s must be a mapping, not %s", what, kind_word(n));
}

static bool expect_seq(Loader *ld, const YNode *n, const char *what)
{
    if (n->kind == YNODE_SEQ)
        return true;
    return yparse_fail(&ld->yp, n, "%s must be a list, not %s", what, kind_word(n));
}

/* Every key of map must be one of known[] (NULL-terminated). */
static bool check_keys(Loader *ld, const YNode *map, const char *const *known)
{
    const YNode *key = ynode_unknown_key(map, known);
    if (key) {
        StrBuf list = STRBUF_INIT;
        for (const char *const *k = known; *k; k++) {
            if (k != known)
                sb_append(&list, ", ");
            sb_append(&list, *k);
        }
        char *name = shown(key->value);
        yparse_fail(&ld->yp, key, "unknown key '%s' (expected %s)", name, sb_str(&list));
        free(name);
        sb_free(&list);
        return false;
    }
    return true;
}

/* The value of a required key, or NULL after an error at the map. */
static const YNode *require(Loader *ld, const YNode *map, const char *key)
{
    const YNode *v = ynode_get(map, key);
    if (!v)
        yparse_fail(&ld->yp, map, "missing field '%s'", key);
    return v;
}

/* ---- scalars ------------------------------------------------------------ */

/* Which control characters text that a terminal shows may not hold: C0,
 * DEL, C1, and the bidi overrides and isolates (safetext.h). NULL: none. */
static const char *control_problem(const char *s)
{
    for (; *s; s++) {
        size_t n = safetext_control_len(s);
        if (n == 3)
            return "without bidi override or isolate characters (U+202A..U+202E, U+2066..U+2069)";
        if (n)
            return "without control characters";
    }
    return NULL;
}

/* Text of a scalar with surrounding white space (a folded block's final
 * line break included) removed; one line, no control characters. */
static char *text_value(Loader *ld, const YNode *v, const char *key)
{
    if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
        yparse_fail(&ld->yp, v, "'%s' must be text, not %s", key, kind_word(v));
        return NULL;
    }
    const char *s = v->value;
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    char *text = xstrndup(s, n);
    if (text[0] == '\0') {
        yparse_fail(&ld->yp, v, "'%s' must not be empty", key);
        free(text);
        return NULL;
    }
    const char *problem = control_problem(text);
    if (problem) {
        yparse_fail(&ld->yp, v, "'%s' must be one line %s", key, problem);
        free(text);
        return NULL;
    }
    return text;
}

static char *required_text(Loader *ld, const YNode *map, const char *key)
{
    const YNode *v = require(ld, map, key);
    return v ? text_value(ld, v, key) : NULL;
}

/* ids appear on the command line (--weight ID=N) and in exported files. */
static char *id_value(Loader *ld, const YNode *map, const char *key, const char *what)
{
    const YNode *v = require(ld, map, key);
    if (!v)
        return NULL;
    char *id = text_value(ld, v, key);
    if (!id)
        return NULL;
    bool ok = strlen(id) <= ID_MAX_LEN && isalnum((unsigned char)id[0]);
    for (const char *p = id; ok && *p; p++)
        ok = (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '_');
    if (!ok) {
        char *s = shown(id);
        yparse_fail(&ld->yp, v, "%s '%s' must be lower-case letters, digits, '-' and '_' (at most %d, "
                    "starting with a letter or digit)", what, s, ID_MAX_LEN);
        free(s);
        free(id);
        return NULL;
    }
    return id;
}

/* A plain (unquoted) scalar, or an error naming what it should be. */
static const char *plain_scalar(Loader *ld, const YNode *v, const char *key, const char *should)
{
    if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
        yparse_fail(&ld->yp, v, "%s must be %s, not %s", key, should, kind_word(v));
        return NULL;
    }
    if (v->quoted) {
        char *s = shown(v->value);
        yparse_fail(&ld->yp, v, "%s must be %s, not quoted text '%s'", key, should, s);
        free(s);
        return NULL;
    }
    return v->value;
}

/* Digits only, with an optional sign; refuses YAML's 0x, 0o, 1e3 and 1_000. */
static bool parse_integer(const char *s, long long *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q))
            return false;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE)
        return false;
    *out = v;
    return true;
}

static bool weight_value(Loader *ld, const YNode *v, const char *key, int *out)
{
    const char *s = plain_scalar(ld, v, key, "a whole number");
    if (!s)
        return false;
    long long w;
    if (!parse_integer(s, &w)) {
        char *t = shown(s);
        yparse_fail(&ld->yp, v, "%s must be a whole number, not '%s'", key, t);
        free(t);
        return false;
    }
    if (w < WEIGHT_MIN || w > WEIGHT_MAX)
        return yparse_fail(&ld->yp, v, "%s must be %d..%d", key, WEIGHT_MIN, WEIGHT_MAX);
    *out = (int)w;
    return true;
}

/* Scores are read exactly, in tenths, the unit the engine computes in:
 * digits with at most one decimal, 0..10. */
static bool score_value(Loader *ld, const YNode *v, double *out)
{
    const char *s = plain_scalar(ld, v, "score", "a number");
    if (!s)
        return false;
    const char *p = s;
    bool negative = false;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    size_t int_digits = strspn(p, "0123456789");
    const char *frac = p + int_digits;
    size_t frac_digits = 0;
    if (*frac == '.') {
        frac++;
        frac_digits = strspn(frac, "0123456789");
    }
    bool well_formed = int_digits > 0 && frac[frac_digits] == '\0' &&
                       (frac == p + int_digits || frac_digits > 0);
    if (!well_formed) {
        char *t = shown(s);
        yparse_fail(&ld->yp, v, "score must be a number, not '%s'", t);
        free(t);
        return false;
    }
    /* Range first, on the whole written value, so 10.05 is out of range. */
    const char *first = p + strspn(p, "0");
    size_t significant = int_digits - (size_t)(first - p);
    long long whole = significant > 2 ? 100 : strtoll(p, NULL, 10);
    bool any_fraction = strspn(frac, "0") < frac_digits;
    bool zero = whole == 0 && !any_fraction;
    if ((negative && !zero) || whole > 10 || (whole == 10 && any_fraction))
        return yparse_fail(&ld->yp, v, "score must be %.0f..%.0f", SCORE_MIN, SCORE_MAX);
    if (frac_digits > 1)
        return yparse_fail(&ld->yp, v, "score must have at most one decimal");
    long long tenths = whole * 10 + (frac_digits == 1 ? frac[0] - '0' : 0);
    *out = (double)tenths / 10.0;
    return true;
}

/* ---- evidence names ----------------------------------------------------- */

static bool check_package_name(Loader *ld, const YNode *at, const char *ecosystem, const char *name)
{
    const char *problem = package_name_problem(ecosystem, name);
    if (!problem)
        return true;
    if (strcmp(problem, "contains a control character") == 0 || name[0] == '\0')
        return yparse_fail(&ld->yp, at, "package name %s", problem);
    char *s = shown(name);
    yparse_fail(&ld->yp, at, "package name '%s' %s", s, problem);
    free(s);
    return false;
}

/* ---- files -------------------------------------------------------------- */

static void loader_done(Loader *ld)
{
    free(ld->path);
    ld->path = NULL;
    ld->yp.file = NULL;
}

/* Parses dir/name; the root must be a mapping with only the given keys.
 * On success the caller ends with loader_done; on failure it is done. */
static YNode *load_root(Loader *ld, const char *dir, const char *name, const char *const *keys)
{
    ld->path = path_join(dir, name);
    ld->yp.file = ld->path;
    YNode *root = ytree_load_file(ld->path, &ld->yp.err);
    if (root && (!expect_map(ld, root, "the file") || !check_keys(ld, root, keys))) {
        ynode_free(root);
        root = NULL;
    }
    if (!root)
        loader_done(ld);
    return root;
}

/* load_root for a file whose list under key is handed to each an item at
 * a time (ytree_load_file_stream): the items are checked as they are read,
 * the rest of the file after. */
static YNode *load_root_stream(Loader *ld, const char *dir, const char *name, const char *const *keys,
                               const char *key, YItemFn each, void *ctx)
{
    ld->path = path_join(dir, name);
    ld->yp.file = ld->path;
    char *err = NULL;
    YNode *root = ytree_load_file_stream(ld->path, key, each, ctx, &err);
    if (!root) {
        if (err && !ld->yp.err)
            ld->yp.err = err; /* else the item's own message stands */
        else
            free(err);
    }
    if (root && (!expect_map(ld, root, "the file") || !check_keys(ld, root, keys))) {
        ynode_free(root);
        root = NULL;
    }
    if (!root)
        loader_done(ld);
    return root;
}

static const char *const STACKS_FILE_KEYS[] = { "stacks", NULL };
static const char *const STACK_KEYS[] = { "id", "name", "ecosystem", "summary", "runtime",
                                           "runtime_pick", NULL };

/* runtime: the endoflife.date product the stack runs on, and runtime_pick
 * (lts or stable) which of its lines a team would pick; both or neither. */
static bool load_stack_runtime(Loader *ld, const YNode *m, Stack *st)
{
    const YNode *runtime = ynode_get(m, "runtime");
    const YNode *pick = ynode_get(m, "runtime_pick");
    if (!runtime && !pick)
        return true;
    if (!runtime)
        return yparse_fail(&ld->yp, m, "missing field 'runtime' (runtime_pick needs it)");
    if (!(st->runtime = id_value(ld, m, "runtime", "runtime")))
        return false;
    if (!pick)
        return yparse_fail(&ld->yp, m, "missing field 'runtime_pick' (lts or stable)");
    char *name = text_value(ld, pick, "runtime_pick");
    if (!name)
        return false;
    RuntimePick p;
    bool known = runtime_pick_from_name(name, &p);
    if (!known) {
        char *s = shown(name);
        yparse_fail(&ld->yp, pick, "runtime_pick must be lts or stable, not '%s'", s);
        free(s);
    }
    free(name);
    st->runtime_pick = known ? (int)p : RUNTIME_PICK_NONE;
    return known;
}

static bool load_stacks(Loader *ld, const char *dir, Dataset *ds)
{
    YNode *root = load_root(ld, dir, "stacks.yaml", STACKS_FILE_KEYS);
    if (!root)
        return false;
    bool ok = false;
    const YNode *list = require(ld, root, "stacks");
    if (!list || !expect_seq(ld, list, "stacks"))
        goto done;
    if (list->count < STACKS_MIN || list->count > STACKS_MAX) {
        yparse_fail(&ld->yp, list, "there must be %d to %d stacks, found %zu", STACKS_MIN, STACKS_MAX,
             (size_t)list->count);
        goto done;
    }
    ds->stacks = xcalloc(list->count, sizeof *ds->stacks);
    ds->nstacks = list->count;
    for (size_t i = 0; i < list->count; i++) {
        const YNode *m = list->items[i];
        Stack *st = &ds->stacks[i];
        if (!expect_map(ld, m, "a stack") || !check_keys(ld, m, STACK_KEYS))
            goto done;
        if (!(st->id = id_value(ld, m, "id", "stack id")))
            goto done;
        if (strcmp(st->id, "hybrid") == 0) {
            /* The verdict uses this word in place of a stack id. */
            yparse_fail(&ld->yp, ynode_get(m, "id"), "stack id 'hybrid' is reserved for the verdict");
            goto done;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(ds->stacks[j].id, st->id) == 0) {
                yparse_fail(&ld->yp, ynode_get(m, "id"), "duplicate stack id '%s' (first at line %d)", st->id,
                     ynode_get(list->items[j], "id")->line);
                goto done;
            }
        }
        if (!(st->name = required_text(ld, m, "name")) ||
            !(st->ecosystem = id_value(ld, m, "ecosystem", "ecosystem")) ||
            !(st->summary = required_text(ld, m, "summary")) || !load_stack_runtime(ld, m, st))
            goto done;
    }
    ok = true;
done:
    ynode_free(root);
    loader_done(ld);
    return ok;
}

static const char *const CRITERIA_FILE_KEYS[] = { "criteria", NULL };
static const char *const CRITERION_KEYS[] = { "id", "title", "label", "question", "weight", "informed_by", "stacks",
                                               NULL };
static const char *const ASSESSMENT_KEYS[] = { "score", "rationale", "evidence", "sources", NULL };
static const char *const SOURCE_KEYS[] = { "title", "url", "date", "note", NULL };

/* Long enough for any real page address, short enough to show. */
#define SOURCE_URL_MAX_LEN 2048
#define HTTPS_PREFIX "https://"

static bool valid_date(const char *s);

/* Why a source's address is unfit, or NULL: https only, with a host, and
 * nothing a terminal or a Markdown link could misread. */
static const char *source_url_problem(const char *url)
{
    size_t prefix = strlen(HTTPS_PREFIX);
    if (strncmp(url, HTTPS_PREFIX, prefix) != 0)
        return "must start with https://";
    if (strlen(url) > SOURCE_URL_MAX_LEN)
        return "is longer than 2048 characters";
    const char *host = url + prefix;
    if (*host == '\0' || *host == '/' || *host == '?' || *host == '#' || *host == '.')
        return "has no host name";
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (isspace(*p))
            return "contains white space";
        if (*p >= 0x80)
            return "contains a character outside ASCII (percent-encode it)";
        if (*p == '<' || *p == '>' || *p == '"' || *p == '\\')
            return "contains a character that must be percent-encoded";
    }
    return NULL;
}

static bool load_citation(Loader *ld, const YNode *m, Citation *src)
{
    if (!expect_map(ld, m, "a source") || !check_keys(ld, m, SOURCE_KEYS))
        return false;
    if (!(src->title = required_text(ld, m, "title")) || !(src->url = required_text(ld, m, "url")))
        return false;
    const char *problem = source_url_problem(src->url);
    if (problem) {
        char *s = shown(src->url);
        yparse_fail(&ld->yp, ynode_get(m, "url"), "url '%s' %s", s, problem);
        free(s);
        return false;
    }
    const YNode *date = require(ld, m, "date");
    if (!date)
        return false;
    /* A plain YAML date reads as text here; a quoted one is accepted too. */
    if (!(src->date = text_value(ld, date, "date")))
        return false;
    if (!valid_date(src->date)) {
        char *s = shown(src->date);
        yparse_fail(&ld->yp, date, "date must be a day written YYYY-MM-DD, not '%s'", s);
        free(s);
        return false;
    }
    const YNode *note = ynode_get(m, "note");
    return !note || (src->note = text_value(ld, note, "note")) != NULL;
}

static bool load_sources(Loader *ld, const YNode *list, Assessment *a)
{
    if (ynode_is_null(list))
        return true; /* "sources:" with nothing after it: none */
    if (!expect_seq(ld, list, "sources"))
        return false;
    a->citations = xcalloc(list->count, sizeof *a->citations);
    a->ncitations = list->count;
    for (size_t i = 0; i < list->count; i++) {
        if (!load_citation(ld, list->items[i], &a->citations[i]))
            return false;
        for (size_t k = 0; k < i; k++)
            if (strcmp(a->citations[k].url, a->citations[i].url) == 0 &&
                strcmp(a->citations[k].title, a->citations[i].title) == 0)
                return yparse_fail(&ld->yp, list->items[i], "source '%s' is listed twice", a->citations[i].title);
    }
    return true;
}

static bool load_evidence(Loader *ld, const YNode *list, const Stack *st, Assessment *a)
{
    if (ynode_is_null(list))
        return true; /* "evidence:" with nothing after it: none */
    if (!expect_seq(ld, list, "evidence"))
        return false;
    a->evidence = xcalloc(list->count, sizeof *a->evidence);
    a->nevidence = list->count;
    for (size_t e = 0; e < list->count; e++) {
        const YNode *item = list->items[e];
        if (item->kind != YNODE_SCALAR || ynode_is_null(item))
            return yparse_fail(&ld->yp, item, "a package name must be text, not %s", kind_word(item));
        if (!check_package_name(ld, item, st->ecosystem, item->value))
            return false;
        /* The same package twice would count twice in the stack's sums,
         * also when spelt two ways the registry takes for one (PyPI's
         * Uvicorn and uvicorn). */
        char *key = package_name_key(st->ecosystem, item->value);
        for (size_t k = 0; k < e; k++) {
            char *other = package_name_key(st->ecosystem, a->evidence[k]);
            bool same = strcmp(other, key) == 0;
            free(other);
            if (!same)
                continue;
            char *s = shown(item->value), *t = shown(a->evidence[k]);
            if (strcmp(a->evidence[k], item->value) == 0)
                yparse_fail(&ld->yp, item, "package '%s' is listed twice", s);
            else
                yparse_fail(&ld->yp, item, "package '%s' is listed twice: '%s' (line %d) is the same project (PEP 503)",
                     s, t, list->items[k]->line);
            free(s);
            free(t);
            free(key);
            return false;
        }
        free(key);
        a->evidence[e] = xstrdup(item->value);
    }
    return true;
}

static bool load_assessment(Loader *ld, const YNode *m, const Stack *st, Assessment *a)
{
    if (!expect_map(ld, m, "an assessment") || !check_keys(ld, m, ASSESSMENT_KEYS))
        return false;
    const YNode *score = require(ld, m, "score");
    if (!score || !score_value(ld, score, &a->score))
        return false;
    if (!(a->rationale = required_text(ld, m, "rationale")))
        return false;
    const YNode *evidence = ynode_get(m, "evidence");
    if (evidence && !load_evidence(ld, evidence, st, a))
        return false;
    const YNode *sources = ynode_get(m, "sources");
    return !sources || load_sources(ld, sources, a);
}

/* informed_by: a list of evidence kinds (model.h's EVIDENCE_KINDS), each
 * once; absent: download counts only. */
static bool load_informed_by(Loader *ld, const YNode *list, Criterion *cr)
{
    cr->informed_by = EVIDENCE_BIT(EVIDENCE_DOWNLOADS);
    if (!list)
        return true;
    if (!expect_seq(ld, list, "informed_by"))
        return false;
    cr->informed_by = 0;
    for (size_t i = 0; i < list->count; i++) {
        const YNode *item = list->items[i];
        EvidenceKind k;
        if (item->kind != YNODE_SCALAR || !evidence_kind_from_key(item->value, &k)) {
            StrBuf known = STRBUF_INIT;
            for (int e = 0; e < EVIDENCE_NKINDS; e++)
                sb_appendf(&known, "%s%s", e ? ", " : "", evidence_kind_key((EvidenceKind)e));
            char *name = item->kind == YNODE_SCALAR ? shown(item->value) : xstrdup(kind_word(item));
            yparse_fail(&ld->yp, item, "unknown kind of evidence '%s' (known: %s)", name, sb_str(&known));
            free(name);
            sb_free(&known);
            return false;
        }
        if (cr->informed_by & EVIDENCE_BIT(k))
            return yparse_fail(&ld->yp, item, "'%s' is listed twice", item->value);
        cr->informed_by |= EVIDENCE_BIT(k);
    }
    return true;
}

/* id_lines[i]: the line of criterion i's id, for a duplicate's message
 * (the items before it are no longer in memory). */
static bool load_criterion(Loader *ld, const YNode *m, Dataset *ds, size_t index, const int *id_lines)
{
    Criterion *cr = &ds->criteria[index];
    cr->by_stack = xcalloc(ds->nstacks, sizeof *cr->by_stack);
    if (!expect_map(ld, m, "a criterion") || !check_keys(ld, m, CRITERION_KEYS))
        return false;
    if (!(cr->id = id_value(ld, m, "id", "criterion id")))
        return false;
    int first = id_index_add(&ds->criterion_ids, cr->id, index);
    if (first >= 0)
        return yparse_fail(&ld->yp, ynode_get(m, "id"), "duplicate criterion id '%s' (first at line %d)",
                    cr->id, id_lines[first]);
    if (!(cr->title = required_text(ld, m, "title")))
        return false;
    const YNode *label = ynode_get(m, "label");
    /* The verdict falls back to the title when a criterion has no label. */
    cr->label = label ? text_value(ld, label, "label") : xstrdup(cr->title);
    if (!cr->label || !(cr->question = required_text(ld, m, "question")))
        return false;
    const YNode *weight = require(ld, m, "weight");
    if (!weight || !weight_value(ld, weight, "weight", &cr->default_weight))
        return false;
    if (!load_informed_by(ld, ynode_get(m, "informed_by"), cr))
        return false;
    const YNode *stacks = require(ld, m, "stacks");
    if (!stacks || !expect_map(ld, stacks, "stacks"))
        return false;
    for (size_t i = 0; i < stacks->count; i++) {
        const YNode *key = stacks->pairs[i].key;
        int s = dataset_stack_index(ds, key->value);
        if (s < 0) {
            char *name = shown(key->value);
            yparse_fail(&ld->yp, key, "unknown stack '%s' (stacks.yaml lists no such id)", name);
            free(name);
            return false;
        }
        if (!load_assessment(ld, stacks->pairs[i].value, &ds->stacks[s], &cr->by_stack[s]))
            return false;
    }
    for (size_t s = 0; s < ds->nstacks; s++)
        if (!cr->by_stack[s].rationale)
            return yparse_fail(&ld->yp, stacks, "criterion '%s' has no entry for stack '%s'", cr->id,
                        ds->stacks[s].id);
    return true;
}

/* The criteria as the parser reads them, one at a time. */
typedef struct CriteriaReader {
    Loader *ld;
    Dataset *ds;
    size_t cap;    /* of ds->criteria and id_lines */
    int *id_lines; /* [cap] */
} CriteriaReader;

static bool read_criterion(void *ctx, const YNode *item, size_t index)
{
    CriteriaReader *r = ctx;
    Dataset *ds = r->ds;
    if (index == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        ds->criteria = xreallocarray(ds->criteria, cap, sizeof *ds->criteria);
        memset(&ds->criteria[r->cap], 0, (cap - r->cap) * sizeof *ds->criteria);
        r->id_lines = xreallocarray(r->id_lines, cap, sizeof *r->id_lines);
        r->cap = cap;
        /* the index, sized for the new capacity, again: linear overall */
        id_index_free(&ds->criterion_ids);
        id_index_init(&ds->criterion_ids, cap);
        for (size_t i = 0; i < index; i++)
            id_index_add(&ds->criterion_ids, ds->criteria[i].id, i);
    }
    ds->ncriteria = index + 1; /* dataset_free frees what one half read holds */
    const YNode *id = ynode_get(item, "id");
    r->id_lines[index] = id ? id->line : item->line;
    return load_criterion(r->ld, item, ds, index, r->id_lines);
}

/* Fills ds->criterion_ids as it goes: the presets, the saved state and
 * --load look the ids up there. The file is read a criterion at a time,
 * so a large one never sits in memory as a whole tree. */
static bool load_criteria(Loader *ld, const char *dir, Dataset *ds)
{
    CriteriaReader reader = { .ld = ld, .ds = ds };
    YNode *root = load_root_stream(ld, dir, "criteria.yaml", CRITERIA_FILE_KEYS, "criteria",
                                   read_criterion, &reader);
    if (!root) {
        free(reader.id_lines);
        return false;
    }
    bool ok = false;
    const YNode *list = require(ld, root, "criteria");
    if (!list || !expect_seq(ld, list, "criteria"))
        goto done;
    if (list->count == 0) {
        yparse_fail(&ld->yp, list, "there must be at least one criterion");
        goto done;
    }
    ds->criteria = xreallocarray(ds->criteria, ds->ncriteria, sizeof *ds->criteria);
    ok = true;
done:
    free(reader.id_lines);
    ynode_free(root);
    loader_done(ld);
    return ok;
}

static const char *const PRESETS_FILE_KEYS[] = { "presets", NULL };
static const char *const PRESET_KEYS[] = { "id", "description", "weights", NULL };

/* id_lines[i]: the line of preset i's id, as for the criteria. */
static bool load_preset(Loader *ld, const YNode *m, Dataset *ds, size_t index, const int *id_lines,
                        IdIndex *presets)
{
    Preset *p = &ds->presets[index];
    if (!expect_map(ld, m, "a preset") || !check_keys(ld, m, PRESET_KEYS))
        return false;
    if (!(p->id = id_value(ld, m, "id", "preset id")))
        return false;
    int first = id_index_add(presets, p->id, index);
    if (first >= 0)
        return yparse_fail(&ld->yp, ynode_get(m, "id"), "duplicate preset id '%s' (first at line %d)", p->id,
                    id_lines[first]);
    if (!(p->description = required_text(ld, m, "description")))
        return false;
    const YNode *weights = require(ld, m, "weights");
    if (!weights || !expect_map(ld, weights, "weights"))
        return false;
    p->weights = xcalloc(ds->ncriteria, sizeof *p->weights);
    bool *seen = xcalloc(ds->ncriteria, sizeof *seen);
    bool ok = true;
    for (size_t i = 0; i < weights->count && ok; i++) {
        const YNode *key = weights->pairs[i].key;
        int c = dataset_criterion_index(ds, key->value);
        if (c < 0) {
            char *name = shown(key->value);
            ok = yparse_fail(&ld->yp, key, "unknown criterion '%s' (criteria.yaml has no such id)", name);
            free(name);
            break;
        }
        seen[c] = true;
        ok = weight_value(ld, weights->pairs[i].value, "weight", &p->weights[c]);
    }
    for (size_t c = 0; c < ds->ncriteria && ok; c++)
        if (!seen[c])
            ok = yparse_fail(&ld->yp, weights, "preset '%s' has no weight for criterion '%s'", p->id,
                      ds->criteria[c].id);
    free(seen);
    return ok;
}

/* The presets as the parser reads them: each holds a weight per
 * criterion, so the file grows with the criteria too. */
typedef struct PresetsReader {
    Loader *ld;
    Dataset *ds;
    size_t cap;    /* of ds->presets and id_lines */
    int *id_lines; /* [cap] */
    IdIndex ids;
} PresetsReader;

static bool read_preset(void *ctx, const YNode *item, size_t index)
{
    PresetsReader *r = ctx;
    Dataset *ds = r->ds;
    if (index == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        ds->presets = xreallocarray(ds->presets, cap, sizeof *ds->presets);
        memset(&ds->presets[r->cap], 0, (cap - r->cap) * sizeof *ds->presets);
        r->id_lines = xreallocarray(r->id_lines, cap, sizeof *r->id_lines);
        r->cap = cap;
        id_index_free(&r->ids);
        id_index_init(&r->ids, cap);
        for (size_t i = 0; i < index; i++)
            id_index_add(&r->ids, ds->presets[i].id, i);
    }
    ds->npresets = index + 1;
    const YNode *id = ynode_get(item, "id");
    r->id_lines[index] = id ? id->line : item->line;
    return load_preset(r->ld, item, ds, index, r->id_lines, &r->ids);
}

static bool load_presets(Loader *ld, const char *dir, Dataset *ds)
{
    PresetsReader reader = { .ld = ld, .ds = ds };
    YNode *root = load_root_stream(ld, dir, "presets.yaml", PRESETS_FILE_KEYS, "presets",
                                   read_preset, &reader);
    bool ok = false;
    if (!root)
        goto out;
    const YNode *list = require(ld, root, "presets");
    if (!list)
        goto done;
    /* "presets:" alone: a data set without presets */
    if (!ynode_is_null(list) && !expect_seq(ld, list, "presets"))
        goto done;
    if (ds->npresets)
        ds->presets = xreallocarray(ds->presets, ds->npresets, sizeof *ds->presets);
    ok = true;
done:
    ynode_free(root);
    loader_done(ld);
out:
    id_index_free(&reader.ids);
    free(reader.id_lines);
    return ok;
}

static const char *const SETTINGS_KEYS[] = { "data_version", "date", "hybrid_threshold", NULL };

static bool valid_date(const char *s)
{
    long day;
    return day_parse(s, &day);
}

/* A plain decimal number such as 5 or 5.25, within lo..hi. */
static bool threshold_value(Loader *ld, const YNode *v, double *out)
{
    const char *key = "hybrid_threshold";
    const char *s = plain_scalar(ld, v, key, "a number");
    if (!s)
        return false;
    size_t int_digits = strspn(s, "0123456789");
    const char *rest = s + int_digits;
    bool well_formed = int_digits > 0 && int_digits <= 6 &&
                       (*rest == '\0' || (rest[0] == '.' && strspn(rest + 1, "0123456789") > 0 &&
                                          rest[1 + strspn(rest + 1, "0123456789")] == '\0'));
    if (!well_formed) {
        char *t = shown(s);
        yparse_fail(&ld->yp, v, "%s must be a number 0..100, not '%s'", key, t);
        free(t);
        return false;
    }
    double t = strtod(s, NULL);
    if (t > 100.0)
        return yparse_fail(&ld->yp, v, "%s must be 0..100", key);
    *out = t;
    return true;
}

static bool load_settings(Loader *ld, const char *dir, Dataset *ds)
{
    YNode *root = load_root(ld, dir, "settings.yaml", SETTINGS_KEYS);
    if (!root)
        return false;
    bool ok = false;
    if (!(ds->version = required_text(ld, root, "data_version")))
        goto done;
    if (!(ds->date = required_text(ld, root, "date")))
        goto done;
    if (!valid_date(ds->date)) {
        char *s = shown(ds->date);
        yparse_fail(&ld->yp, ynode_get(root, "date"), "date must be a day written YYYY-MM-DD, not '%s'", s);
        free(s);
        goto done;
    }
    ds->hybrid_threshold = HYBRID_THRESHOLD_DEFAULT;
    const YNode *threshold = ynode_get(root, "hybrid_threshold");
    if (threshold && !threshold_value(ld, threshold, &ds->hybrid_threshold))
        goto done;
    ok = true;
done:
    ynode_free(root);
    loader_done(ld);
    return ok;
}

Dataset *dataset_load(const char *dir, char **err)
{
    Dataset *ds = xcalloc(1, sizeof *ds);
    ds->dir = xstrdup(dir);
    Loader ld = { 0 };
    bool ok = load_settings(&ld, dir, ds) && load_stacks(&ld, dir, ds) &&
              load_criteria(&ld, dir, ds) && load_presets(&ld, dir, ds);
    if (ok) {
        dataset_fold_texts(ds);
        return ds;
    }
    *err = ld.yp.err ? ld.yp.err : xasprintf("%s: cannot load the data", dir);
    dataset_free(ds);
    return NULL;
}

/* ---- bundled stats ------------------------------------------------------ */

/* One figure of the snapshot, keyed for lookup. The ecosystem is borrowed
 * from the YAML tree and source/period from FigureList.texts, both of which
 * outlive the lookup. */
typedef struct BundledFigure {
    const YNode *at; /* its name in the YAML tree */
    const char *ecosystem;
    char *key; /* the name as the registry compares it; owned */
    long long downloads;
    const char *source;
    const char *period;
} BundledFigure;

static int figure_cmp(const void *a, const void *b)
{
    const BundledFigure *x = a, *y = b;
    int c = strcmp(x->ecosystem, y->ecosystem);
    return c ? c : strcmp(x->key, y->key);
}

static const char *const SNAPSHOT_FILE_KEYS[] = { "ecosystems", NULL };
static const char *const SNAPSHOT_ECOSYSTEM_KEYS[] = { "source", "period", "last_month", NULL };

typedef struct FigureList {
    BundledFigure *items;
    size_t count;
    size_t cap;
    char **texts; /* each ecosystem's source and period, owned */
    size_t ntexts;
} FigureList;

static const char *keep_text(FigureList *figs, char *text)
{
    figs->texts = xreallocarray(figs->texts, figs->ntexts + 1, sizeof *figs->texts);
    figs->texts[figs->ntexts++] = text;
    return text;
}

static bool load_ecosystem_figures(Loader *ld, const YNode *key, const YNode *m, FigureList *figs)
{
    if (!expect_map(ld, m, "an ecosystem") || !check_keys(ld, m, SNAPSHOT_ECOSYSTEM_KEYS))
        return false;
    const char *ecosystem = key->value;
    const YNode *source = require(ld, m, "source");
    const YNode *period = source ? require(ld, m, "period") : NULL;
    const YNode *counts = period ? require(ld, m, "last_month") : NULL;
    if (!counts)
        return false;
    char *text = text_value(ld, source, "source");
    if (!text)
        return false;
    const char *source_text = keep_text(figs, text);
    if (!(text = text_value(ld, period, "period")))
        return false;
    const char *period_text = keep_text(figs, text);
    if (ynode_is_null(counts))
        return true;
    if (!expect_map(ld, counts, "last_month"))
        return false;
    for (size_t i = 0; i < counts->count; i++) {
        const YNode *name = counts->pairs[i].key;
        const YNode *value = counts->pairs[i].value;
        if (!check_package_name(ld, name, ecosystem, name->value))
            return false;
        const char *s = plain_scalar(ld, value, "downloads", "a whole number");
        long long n;
        if (!s)
            return false;
        if (!parse_integer(s, &n) || n < 0) {
            char *t = shown(s);
            yparse_fail(&ld->yp, value, "downloads must be a whole number 0 or more, not '%s'", t);
            free(t);
            return false;
        }
        if (n > STAT_COUNT_MAX) {
            yparse_fail(&ld->yp, value, "downloads %lld is implausible for one package in a month (more than 10^13)", n);
            return false;
        }
        if (figs->count == figs->cap) {
            figs->cap = figs->cap ? figs->cap * 2 : 64;
            figs->items = xreallocarray(figs->items, figs->cap, sizeof *figs->items);
        }
        BundledFigure *f = &figs->items[figs->count++];
        f->at = name;
        f->ecosystem = ecosystem;
        f->key = package_name_key(ecosystem, name->value);
        f->downloads = n;
        f->source = source_text;
        f->period = period_text;
    }
    return true;
}

int bundled_stats_load(const char *dir, StatsTable *stats, char **err)
{
    Loader ld = { 0 };
    FigureList figs = { 0 };
    YNode *root = load_root(&ld, dir, "snapshot.yaml", SNAPSHOT_FILE_KEYS);
    bool ok = false;
    if (!root)
        goto done;
    const YNode *ecosystems = require(&ld, root, "ecosystems");
    if (!ecosystems || !expect_map(&ld, ecosystems, "ecosystems"))
        goto done;
    for (size_t i = 0; i < ecosystems->count; i++) {
        const YNode *key = ecosystems->pairs[i].key;
        bool valid = key->value[0] != '\0' && strlen(key->value) <= ID_MAX_LEN;
        for (const char *p = key->value; valid && *p; p++)
            valid = islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' ||
                    *p == '_';
        if (!valid) {
            char *s = shown(key->value);
            yparse_fail(&ld.yp, key, "ecosystem '%s' must be lower-case letters, digits, '-' and '_'", s);
            free(s);
            goto done;
        }
        if (!load_ecosystem_figures(&ld, key, ecosystems->pairs[i].value, &figs))
            goto done;
    }
    /* Apply only once the whole file is known to be good, so a bad snapshot
     * leaves the table as it was. */
    if (figs.count > 0)
        qsort(figs.items, figs.count, sizeof *figs.items, figure_cmp);
    /* Two spellings of one PyPI project would give it two figures. */
    for (size_t i = 1; i < figs.count; i++) {
        const BundledFigure *x = &figs.items[i - 1], *y = &figs.items[i];
        if (figure_cmp(x, y) != 0)
            continue;
        const BundledFigure *later = x->at->line > y->at->line ? x : y, *first = later == x ? y : x;
        char *s = shown(later->at->value), *t = shown(first->at->value);
        yparse_fail(&ld.yp, later->at, "package '%s' is listed twice: '%s' (line %d) is the same project (PEP 503)", s, t,
             first->at->line);
        free(s);
        free(t);
        goto done;
    }
    for (size_t i = 0; i < stats->count; i++) {
        PackageStat *st = &stats->items[i];
        BundledFigure probe = { .ecosystem = st->ecosystem, .key = package_name_key(st->ecosystem, st->package) };
        const BundledFigure *f = figs.count ? bsearch(&probe, figs.items, figs.count, sizeof *figs.items,
                                               figure_cmp)
                                     : NULL;
        free(probe.key);
        if (!f)
            continue;
        stat_set_series(st, NULL, 0, NULL);
        st->source = STAT_SOURCE_BUNDLED;
        stat_set_period(st, f->period);
        stat_set_origin(st, f->source);
        st->fetched_at = 0;
        st->status = STAT_OK;
        stat_set_detail(st, NULL);
        st->retry_at = 0;
        stat_set_downloads(st, STAT_UNKNOWN, f->downloads);
    }
    ok = true;
done:
    for (size_t i = 0; i < figs.count; i++)
        free(figs.items[i].key);
    free(figs.items);
    for (size_t i = 0; i < figs.ntexts; i++)
        free(figs.texts[i]);
    free(figs.texts);
    ynode_free(root);
    if (!ok)
        *err = ld.yp.err ? ld.yp.err : xasprintf("%s: cannot load the snapshot", dir);
    else
        free(ld.yp.err);
    loader_done(&ld);
    return ok ? 0 : -1;
}
