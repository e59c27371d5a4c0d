/* snapshot_load.c: --load — an exported JSON snapshot back into weights.
 * jansson parses and reports syntax errors with their line and column; for
 * a value that parses but is wrong (an unknown criterion, a weight of 11),
 * the position is found by walking the raw text along the value's path, as
 * jansson keeps no positions once a document is parsed. */
#include "load/snapshot_load.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/session.h"
#include "util/fileio.h"
#include "util/safetext.h"
#include "util/xalloc.h"

/* ---- finding a value's line and column in the text ---- */

/* One step of a path into the document: an object key, or (key NULL) an
 * array index. */
typedef struct PathStep {
    const char *key;
    size_t index;
} PathStep;

typedef struct Cursor {
    const char *p, *end;
    int line, column; /* of the character at p, both 1-based */
} Cursor;

static bool at(const Cursor *c, char ch) { return c->p < c->end && *c->p == ch; }

/* Columns count characters, not bytes: UTF-8 continuation bytes are skipped. */
static void advance(Cursor *c)
{
    if (c->p >= c->end)
        return;
    unsigned char ch = (unsigned char)*c->p++;
    if (ch == '\n') {
        c->line++;
        c->column = 1;
    } else if ((ch & 0xC0) != 0x80) {
        c->column++;
    }
}

static void skip_space(Cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        advance(c);
}

static void skip_string(Cursor *c)
{
    advance(c); /* the opening quote */
    while (c->p < c->end && *c->p != '"') {
        if (*c->p == '\\')
            advance(c);
        advance(c);
    }
    advance(c); /* the closing quote */
}

/* Skips one value of any kind without recursion, so nesting depth costs
 * nothing here (jansson has already bounded it). */
static void skip_value(Cursor *c)
{
    if (at(c, '"')) {
        skip_string(c);
        return;
    }
    if (!at(c, '{') && !at(c, '[')) {
        while (c->p < c->end && !strchr(",]} \t\r\n", *c->p))
            advance(c);
        return;
    }
    long depth = 0;
    while (c->p < c->end) {
        char ch = *c->p;
        if (ch == '"') {
            skip_string(c);
            continue;
        }
        if (ch == '{' || ch == '[')
            depth++;
        else if (ch == '}' || ch == ']')
            depth--;
        advance(c);
        if (depth == 0)
            return;
    }
}

/* Does the string token at the cursor decode to key? Escapes such as
 * "\u0069d" for "id" are decoded by jansson itself. */
static bool key_matches(const char *token, size_t len, const char *key)
{
    json_t *decoded = json_loadb(token, len, JSON_DECODE_ANY, NULL);
    bool same = json_is_string(decoded) && strcmp(json_string_value(decoded), key) == 0;
    json_decref(decoded);
    return same;
}

/* Moves the cursor from a container to the value the step names. */
static bool descend(Cursor *c, PathStep step)
{
    skip_space(c);
    if (!at(c, step.key ? '{' : '['))
        return false;
    advance(c);
    for (size_t i = 0;; i++) {
        skip_space(c);
        if (c->p >= c->end || at(c, '}') || at(c, ']'))
            return false;
        if (step.key) {
            const char *token = c->p;
            skip_string(c);
            bool match = key_matches(token, (size_t)(c->p - token), step.key);
            skip_space(c);
            if (!at(c, ':'))
                return false;
            advance(c);
            skip_space(c);
            if (match)
                return true;
        } else if (i == step.index) {
            return true;
        }
        skip_value(c);
        skip_space(c);
        if (!at(c, ','))
            return false;
        advance(c);
    }
}

/* The position of the value at path, or of the deepest container on the
 * way to it that exists. */
static void locate(const char *text, size_t len, const PathStep *path, size_t n, int *line,
                   int *column)
{
    Cursor c = { text, text + len, 1, 1 };
    Cursor found = c;
    skip_space(&found);
    for (size_t i = 0; i < n; i++) {
        Cursor next = found;
        if (!descend(&next, path[i]))
            break;
        skip_space(&next);
        found = next;
    }
    *line = found.line;
    *column = found.column;
}

/* ---- checking the document ---- */

typedef struct Reader {
    const char *path;
    const char *text;
    size_t len;
    char **err;
} Reader;

static int fail_at(const Reader *r, const PathStep *path, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(const Reader *r, const PathStep *path, size_t n, const char *fmt, ...)
{
    int line, column;
    locate(r->text, r->len, path, n, &line, &column);
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    *r->err = xasprintf("%s:%d:%d: %s", r->path, line, column, msg);
    free(msg);
    return SNAPSHOT_LOAD_BAD;
}

static int check_version(const Reader *r, json_t *root)
{
    PathStep at_version[] = { { "versus_snapshot", 0 } };
    json_t *v = json_object_get(root, "versus_snapshot");
    if (!v)
        return fail_at(r, NULL, 0, "not a versus snapshot: no \"versus_snapshot\" key");
    if (!json_is_integer(v) || json_integer_value(v) != SNAPSHOT_FORMAT_VERSION) {
        if (json_is_integer(v))
            return fail_at(r, at_version, 1,
                           "snapshot format version %" JSON_INTEGER_FORMAT
                           " is not supported (this versus reads version %d)",
                           json_integer_value(v), SNAPSHOT_FORMAT_VERSION);
        return fail_at(r, at_version, 1, "\"versus_snapshot\" must be the integer %d",
                       SNAPSHOT_FORMAT_VERSION);
    }
    return 0;
}

/* A team's export holds the members' combined weights, fractions as often
 * as not: it is the record of a team decision, not a member's snapshot,
 * so it is refused whole, with the way to get it back, rather than only
 * when some weight happens not to be whole. */
static int check_not_team(const Reader *r, json_t *root)
{
    PathStep at_team[] = { { "team", 0 } };
    json_t *t = json_object_get(root, "team");
    if (!t || json_is_null(t))
        return 0;
    return fail_at(r, at_team, 1,
                   "a team's export, not one member's snapshot: give the members' own snapshots to --team");
}

/* Reads "criteria" into weights, every criterion of ds exactly once. */
static int read_criteria(const Reader *r, json_t *root, const Dataset *ds, int *weights)
{
    PathStep path[3] = { { "criteria", 0 }, { NULL, 0 }, { NULL, 0 } };
    json_t *criteria = json_object_get(root, "criteria");
    if (!criteria)
        return fail_at(r, NULL, 0, "no \"criteria\" list");
    if (!json_is_array(criteria))
        return fail_at(r, path, 1, "\"criteria\" must be a list");
    bool *seen = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *seen);
    int rc = 0;
    size_t i;
    json_t *item;
    json_array_foreach(criteria, i, item) {
        path[1].index = i;
        if (!json_is_object(item)) {
            rc = fail_at(r, path, 2, "each criterion must be an object with \"id\" and \"weight\"");
            break;
        }
        json_t *id = json_object_get(item, "id");
        path[2].key = "id";
        if (!json_is_string(id)) {
            rc = fail_at(r, path, id ? 3 : 2, "a criterion needs an \"id\" string");
            break;
        }
        int c = dataset_criterion_index(ds, json_string_value(id));
        if (c < 0) {
            /* The id is the file's text: quoted short, with controls escaped. */
            char *shown = safetext_quote(json_string_value(id), SAFETEXT_QUOTE_MAX);
            rc = fail_at(r, path, 3, "unknown criterion '%s' (not in this data set)", shown);
            free(shown);
            break;
        }
        if (seen[c]) {
            rc = fail_at(r, path, 3, "criterion '%s' appears twice", json_string_value(id));
            break;
        }
        seen[c] = true;
        json_t *w = json_object_get(item, "weight");
        path[2].key = "weight";
        if (!w) {
            rc = fail_at(r, path, 2, "criterion '%s' has no \"weight\"", json_string_value(id));
            break;
        }
        if (!json_is_integer(w) || json_integer_value(w) < WEIGHT_MIN ||
            json_integer_value(w) > WEIGHT_MAX) {
            rc = fail_at(r, path, 3, "weight of '%s' must be an integer from %d to %d",
                         json_string_value(id), WEIGHT_MIN, WEIGHT_MAX);
            break;
        }
        weights[c] = (int)json_integer_value(w);
    }
    for (size_t c = 0; rc == 0 && c < ds->ncriteria; c++)
        if (!seen[c])
            rc = fail_at(r, path, 1, "the snapshot has no weight for criterion '%s'",
                         ds->criteria[c].id);
    free(seen);
    return rc;
}

/* Which preset the weights are, or started from, as the export said it
 * (session_weights_origin): "preset" names the preset they equal, and
 * custom weights name in "custom_from" the preset they started from (null:
 * the defaults). Either becomes the session's preset, so a loaded snapshot
 * is described as it was ("custom, from fintech-analytics, 2 changed");
 * a preset the data no longer has leaves -1: the weights are what a
 * snapshot records, and a preset renamed since must not block them. */
static int read_preset(const Reader *r, json_t *root, const Dataset *ds, const int *weights,
                       int *preset)
{
    (void)weights;
    PathStep at_preset[] = { { "preset", 0 } };
    PathStep at_from[] = { { "custom_from", 0 }, { "preset", 0 } };
    json_t *p = json_object_get(root, "preset");
    json_t *from = json_object_get(root, "custom_from");
    *preset = -1;
    if (p && !json_is_null(p) && !json_is_string(p))
        return fail_at(r, at_preset, 1, "\"preset\" must be a preset name or null");
    if (from && !json_is_null(from) && !json_is_object(from))
        return fail_at(r, at_from, 1, "\"custom_from\" must be an object or null");
    json_t *base = from && json_is_object(from) ? json_object_get(from, "preset") : NULL;
    if (base && !json_is_null(base) && !json_is_string(base))
        return fail_at(r, at_from, 2, "\"custom_from\".\"preset\" must be a preset name or null");
    const char *name = p && json_is_string(p) ? json_string_value(p)
                       : base && json_is_string(base) ? json_string_value(base) : NULL;
    if (name)
        *preset = dataset_preset_index(ds, name);
    return 0;
}

/* "author": a string, null or absent. */
static int read_author(const Reader *r, json_t *root, char **author)
{
    PathStep at_author[] = { { "author", 0 } };
    json_t *a = json_object_get(root, "author");
    *author = NULL;
    if (!a || json_is_null(a))
        return 0;
    if (!json_is_string(a))
        return fail_at(r, at_author, 1, "\"author\" must be a name or null");
    *author = xstrdup(json_string_value(a));
    return 0;
}

static int load_snapshot(const char *path, const Dataset *ds, int *weights, int *preset,
                         char **author, char **err);

int snapshot_load(const char *path, const Dataset *ds, int *weights, int *preset, char **err)
{
    return load_snapshot(path, ds, weights, preset, NULL, err);
}

int snapshot_load_member(const char *path, const Dataset *ds, int *weights, char **author,
                         char **err)
{
    int preset;
    return load_snapshot(path, ds, weights, &preset, author, err);
}

static int load_snapshot(const char *path, const Dataset *ds, int *weights, int *preset,
                         char **author, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *err = xasprintf("%s: cannot read the snapshot: %s", path, strerror(errno));
        return SNAPSHOT_LOAD_IO;
    }
    if (S_ISREG(st.st_mode) && st.st_size > SNAPSHOT_MAX_BYTES) {
        *err = xasprintf("%s:1:1: a snapshot is at most %d bytes; this file is larger", path,
                         SNAPSHOT_MAX_BYTES);
        return SNAPSHOT_LOAD_BAD;
    }
    char *text = NULL;
    size_t len = 0;
    if (file_read_all(path, SNAPSHOT_MAX_BYTES, &text, &len, err) != 0)
        return SNAPSHOT_LOAD_IO;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        *err = xasprintf("%s:%d:%d: %s", path, jerr.line > 0 ? jerr.line : 1,
                         jerr.column > 0 ? jerr.column : 1, jerr.text);
        free(text);
        return SNAPSHOT_LOAD_BAD;
    }
    Reader r = { path, text, len, err };
    int *loaded = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *loaded);
    int found_preset = -1;
    int rc;
    if (!json_is_object(root))
        rc = fail_at(&r, NULL, 0, "a snapshot is a JSON object");
    else if ((rc = check_version(&r, root)) == 0 && (rc = check_not_team(&r, root)) == 0 &&
             (rc = read_criteria(&r, root, ds, loaded)) == 0)
        rc = read_preset(&r, root, ds, loaded, &found_preset);
    char *found_author = NULL;
    if (rc == 0 && author)
        rc = read_author(&r, root, &found_author);
    if (rc == 0 && author)
        *author = found_author;
    else
        free(found_author);
    if (rc == 0) {
        memcpy(weights, loaded, ds->ncriteria * sizeof *weights);
        *preset = found_preset;
    }
    free(loaded);
    json_decref(root);
    free(text);
    return rc;
}
