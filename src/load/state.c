/* state.c: reading and writing the dashboard's state.yaml. */
#include "load/state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

char *state_default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/versus/state.yaml", xdg);
    const char *home = getenv("HOME");
    if (home && home[0])
        return xasprintf("%s/.config/versus/state.yaml", home);
    return NULL;
}

void state_clear(SavedState *st)
{
    free(st->preset);
    free(st->theme);
    for (size_t i = 0; i < st->nstacks; i++)
        free(st->stacks[i]);
    free(st->stacks);
    for (size_t i = 0; i < st->nweights; i++)
        free(st->weight_ids[i]);
    free(st->weight_ids);
    free(st->weights);
    memset(st, 0, sizeof *st);
}

/* A non-empty scalar, or NULL for a YAML null. */
static bool parse_optional_text(YParse *p, const YNode *n, const char *key, char **out)
{
    if (n->kind == YNODE_SCALAR && ynode_is_null(n)) {
        *out = NULL;
        return true;
    }
    if (n->kind != YNODE_SCALAR || n->value[0] == '\0')
        return yparse_fail(p, n, "%s must be text or null", key);
    *out = xstrdup(n->value);
    return true;
}

static bool parse_int(YParse *p, const YNode *n, const char *what, int lo, int hi, int *out)
{
    if (n->kind != YNODE_SCALAR || n->quoted)
        return yparse_fail(p, n, "%s must be a whole number %d..%d", what, lo, hi);
    const char *s = n->value;
    int v = 0;
    if (!*s)
        return yparse_fail(p, n, "%s must be a whole number %d..%d", what, lo, hi);
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 1000)
            return yparse_fail(p, n, "%s must be a whole number %d..%d, not '%s'", what, lo, hi,
                           n->value);
        v = v * 10 + (*s - '0');
    }
    if (v < lo || v > hi)
        return yparse_fail(p, n, "%s %d is out of range (%d..%d)", what, v, lo, hi);
    *out = v;
    return true;
}

static bool parse_stacks(YParse *p, const YNode *n, SavedState *st)
{
    if (n->kind != YNODE_SEQ)
        return yparse_fail(p, n, "stacks must be a list of stack ids");
    if (n->count > STACKS_MAX)
        return yparse_fail(p, n, "stacks lists %zu stacks, at most %d are allowed", (size_t)n->count,
                       STACKS_MAX);
    st->stacks = xcalloc(n->count ? n->count : 1, sizeof *st->stacks);
    for (size_t i = 0; i < n->count; i++) {
        const YNode *item = n->items[i];
        if (item->kind != YNODE_SCALAR || ynode_is_null(item))
            return yparse_fail(p, item, "a stack id must be text");
        st->stacks[st->nstacks++] = xstrdup(item->value);
    }
    return true;
}

static bool parse_weights(YParse *p, const YNode *n, SavedState *st)
{
    if (n->kind != YNODE_MAP)
        return yparse_fail(p, n, "weights must be a mapping of criterion id to weight");
    st->weight_ids = xcalloc(n->count ? n->count : 1, sizeof *st->weight_ids);
    st->weights = xcalloc(n->count ? n->count : 1, sizeof *st->weights);
    for (size_t i = 0; i < n->count; i++) {
        int w;
        if (!parse_int(p, n->pairs[i].value, "a weight", WEIGHT_MIN, WEIGHT_MAX, &w))
            return false;
        st->weight_ids[st->nweights] = xstrdup(n->pairs[i].key->value);
        st->weights[st->nweights++] = w;
    }
    return true;
}

static bool parse_state(YParse *p, const YNode *root, SavedState *st)
{
    if (root->kind != YNODE_MAP)
        return yparse_fail(p, root, "the state must be a mapping, not %s", ynode_kind_name(root));
    const YNode *version = ynode_get(root, "version");
    if (!version)
        return yparse_fail(p, root, "missing 'version'");
    int v;
    if (!parse_int(p, version, "version", STATE_FORMAT_VERSION, STATE_FORMAT_VERSION, &v))
        return false;
    for (size_t i = 0; i < root->count; i++) {
        const YNode *key = root->pairs[i].key;
        const YNode *val = root->pairs[i].value;
        bool ok = true;
        if (strcmp(key->value, "version") == 0)
            continue;
        if (strcmp(key->value, "preset") == 0)
            ok = parse_optional_text(p, val, "preset", &st->preset);
        else if (strcmp(key->value, "theme") == 0)
            ok = parse_optional_text(p, val, "theme", &st->theme);
        else if (strcmp(key->value, "stacks") == 0)
            ok = parse_stacks(p, val, st);
        else if (strcmp(key->value, "weights") == 0)
            ok = parse_weights(p, val, st);
        else
            ok = yparse_fail(p, key, "unknown key '%s' (version, preset, theme, stacks, weights)",
                         key->value);
        if (!ok)
            return false;
    }
    return true;
}

int state_load(const char *path, SavedState *out, char **err)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 && errno == ENOENT)
        return 1;
    /* The state is versus's own file: a link planted in its place is not
     * followed, and a FIFO or device there is refused without blocking. */
    char *text = NULL;
    size_t len = 0;
    if (file_read_own(path, YTREE_MAX_BYTES, &text, &len, err) != 0)
        return -1;
    YNode *root = ytree_load_buffer(path, text, len, err);
    free(text);
    if (!root)
        return -1;
    YParse p = { path, NULL };
    bool ok = parse_state(&p, root, out);
    ynode_free(root);
    if (!ok) {
        state_clear(out);
        *err = p.err;
        return -1;
    }
    return 0;
}

/* A double-quoted YAML scalar: safe for any id or path. */
static void append_quoted(StrBuf *sb, const char *s)
{
    sb_append_char(sb, '"');
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            sb_appendf(sb, "\\%c", *c);
        else if (*c < 0x20 || *c == 0x7f)
            sb_appendf(sb, "\\x%02x", *c);
        else
            sb_append_char(sb, (char)*c);
    }
    sb_append_char(sb, '"');
}

static void append_optional(StrBuf *sb, const char *key, const char *value)
{
    sb_appendf(sb, "%s: ", key);
    if (value)
        append_quoted(sb, value);
    else
        sb_append(sb, "null");
    sb_append_char(sb, '\n');
}

/* Most sessions end with the state they started with: rewriting an
 * identical private file would only cost a quit its fsyncs (about a
 * millisecond here) and the disk a write. */
static bool already_saved(const char *path, const char *data, size_t len)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (sb.st_mode & 0777) != 0600 ||
        (size_t)sb.st_size != len)
        return false;
    char *old = NULL, *err = NULL;
    size_t old_len = 0;
    bool same = file_read_own(path, len + 1, &old, &old_len, &err) == 0 && old_len == len &&
                memcmp(old, data, len) == 0;
    free(old);
    free(err);
    return same;
}

int state_save(const char *path, const SavedState *st, char **err)
{
    char *dir = path_dirname(path);
    int rc = dir_create_all(dir, 0700, err);
    free(dir);
    if (rc != 0)
        return -1;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "# versus dashboard state: saved on quit, restored on start "
                   "(versus --reset ignores it)\n");
    sb_appendf(&sb, "version: %d\n", STATE_FORMAT_VERSION);
    append_optional(&sb, "preset", st->preset);
    append_optional(&sb, "theme", st->theme);
    sb_append(&sb, "stacks: [");
    for (size_t i = 0; i < st->nstacks; i++) {
        if (i)
            sb_append(&sb, ", ");
        append_quoted(&sb, st->stacks[i]);
    }
    sb_append(&sb, "]\n");
    if (st->nweights == 0) {
        sb_append(&sb, "weights: {}\n");
    } else {
        sb_append(&sb, "weights:\n");
        for (size_t i = 0; i < st->nweights; i++) {
            /* YAML allows a plain "key:" only up to 1024 characters; a
             * longer id needs the explicit "? key" form to read back. */
            size_t start = sb.len;
            sb_append(&sb, "  ");
            append_quoted(&sb, st->weight_ids[i]);
            if (sb.len - start > 1000) {
                sb.len = start;
                sb_append(&sb, "  ? ");
                append_quoted(&sb, st->weight_ids[i]);
                sb_appendf(&sb, "\n  : %d\n", st->weights[i]);
            } else {
                sb_appendf(&sb, ": %d\n", st->weights[i]);
            }
        }
    }
    rc = already_saved(path, sb_str(&sb), sb.len) ? 0 : file_write_atomic(path, sb_str(&sb), sb.len, 0600, err);
    sb_free(&sb);
    return rc;
}

int state_set_aside(const char *path, char **moved_to, char **err)
{
    char *bad = xasprintf("%s.bad", path);
    if (rename(path, bad) != 0) {
        *err = xasprintf("%s: cannot move it aside to %s: %s", path, bad, strerror(errno));
        free(bad);
        return -1;
    }
    if (moved_to)
        *moved_to = bad;
    else
        free(bad);
    return 0;
}

void state_capture(SavedState *st, const Session *s, const char *theme, const int *stacks,
                   size_t nstacks)
{
    state_clear(st);
    const Dataset *ds = s->ds;
    if (s->preset >= 0 && (size_t)s->preset < ds->npresets)
        st->preset = xstrdup(ds->presets[s->preset].id);
    st->theme = theme ? xstrdup(theme) : NULL;
    st->stacks = xcalloc(nstacks ? nstacks : 1, sizeof *st->stacks);
    for (size_t i = 0; i < nstacks; i++)
        if (stacks[i] >= 0 && (size_t)stacks[i] < ds->nstacks)
            st->stacks[st->nstacks++] = xstrdup(ds->stacks[stacks[i]].id);
    size_t n = ds->ncriteria;
    st->weight_ids = xcalloc(n ? n : 1, sizeof *st->weight_ids);
    st->weights = xcalloc(n ? n : 1, sizeof *st->weights);
    for (size_t c = 0; c < n; c++) {
        st->weight_ids[c] = xstrdup(ds->criteria[c].id);
        st->weights[c] = s->weights[c];
    }
    st->nweights = n;
}

void state_apply_weights(const SavedState *st, Session *s)
{
    const Dataset *ds = s->ds;
    int *w = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *w);
    memcpy(w, s->weights, ds->ncriteria * sizeof *w);
    for (size_t i = 0; i < st->nweights; i++) {
        int c = dataset_criterion_index(ds, st->weight_ids[i]);
        if (c >= 0)
            w[c] = st->weights[i];
    }
    int preset = st->preset ? dataset_preset_index(ds, st->preset) : -1;
    session_set_weights(s, w, preset);
    free(w);
}

size_t state_stack_indices(const SavedState *st, const Dataset *ds, int *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < st->nstacks && n < max; i++) {
        int idx = dataset_stack_index(ds, st->stacks[i]);
        if (idx < 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen = seen || out[k] == idx;
        if (!seen)
            out[n++] = idx;
    }
    return n;
}
