/* yaml_tree.c: libyaml events -> YNode tree, with positions. */
#include "load/yaml_tree.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/fileio.h"
#include "util/safetext.h"
#include "util/xalloc.h"

/* Deep nesting is never legitimate in versus's files and would make the
 * recursive free and the loaders' walks unbounded. */
#define YTREE_MAX_DEPTH 64

size_t ytree_max_bytes(void)
{
    const char *v = getenv(YTREE_MAX_BYTES_ENV);
    if (!v || !*v)
        return YTREE_MAX_BYTES;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || v[0] == '-' || n <= YTREE_MAX_BYTES || n > SIZE_MAX / 2)
        return YTREE_MAX_BYTES;
    return (size_t)n;
}

/* "1 MiB", or the raised cap in bytes. Caller frees. */
static char *cap_text(size_t cap)
{
    return cap == YTREE_MAX_BYTES ? xstrdup("1 MiB") : xasprintf("%zu bytes", cap);
}

static YNode *node_new(YNodeKind kind, yaml_mark_t mark)
{
    YNode *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (int)mark.line + 1;
    n->column = (int)mark.column + 1;
    return n;
}

void ynode_free(YNode *node)
{
    if (!node)
        return;
    free(node->value);
    if (node->kind == YNODE_SEQ) {
        for (size_t i = 0; i < node->count; i++)
            ynode_free(node->items[i]);
        free(node->items);
    } else if (node->kind == YNODE_MAP) {
        for (size_t i = 0; i < node->count; i++) {
            ynode_free(node->pairs[i].key);
            ynode_free(node->pairs[i].value);
        }
        free(node->pairs);
    }
    free(node);
}

typedef struct Builder {
    const char *name;
    const char *buf; /* the whole input, to place reader errors */
    size_t len;
    yaml_parser_t parser;
    char *err;
} Builder;

static void set_error_at(Builder *b, yaml_mark_t mark, const char *msg)
{
    if (!b->err)
        b->err = xasprintf("%s:%zu:%zu: %s", b->name, mark.line + 1, mark.column + 1, msg);
}

/* Line and column (both 0-based, column in characters) of a byte offset,
 * counting CR LF, LF and a lone CR as one line break each, as YAML does. */
static yaml_mark_t offset_mark(const char *buf, size_t len, size_t offset)
{
    yaml_mark_t mark = { offset, 0, 0 };
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
            mark.line++;
            mark.column = 0;
        } else if ((c & 0xC0) != 0x80 && c != '\r') {
            mark.column++; /* UTF-8 continuation bytes do not start a character */
        }
    }
    return mark;
}

static void set_parser_error(Builder *b)
{
    yaml_parser_t *p = &b->parser;
    yaml_mark_t mark = p->problem_mark;
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark: turn it into one. */
        mark = offset_mark(b->buf, b->len, p->problem_offset);
        if (!b->err)
            b->err = xasprintf("%s:%zu:%zu: %s (the file must be UTF-8 text)", b->name,
                               mark.line + 1, mark.column + 1, problem);
        return;
    }
    if (p->context && !b->err) {
        b->err = xasprintf("%s:%zu:%zu: %s %s", b->name, mark.line + 1, mark.column + 1,
                           problem, p->context);
        return;
    }
    set_error_at(b, mark, problem);
}

static bool next_event(Builder *b, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&b->parser, ev)) {
        set_parser_error(b);
        return false;
    }
    return true;
}

static YNode *parse_node(Builder *b, yaml_event_t *ev, int depth);

static bool refuse_anchor(Builder *b, const yaml_event_t *ev, const yaml_char_t *anchor)
{
    if (anchor) {
        set_error_at(b, ev->start_mark, "YAML anchors and aliases are not allowed");
        return true;
    }
    return false;
}

static YNode *parse_sequence(Builder *b, yaml_event_t *start, int depth)
{
    YNode *seq = node_new(YNODE_SEQ, start->start_mark);
    size_t cap = 0;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            goto fail;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return seq;
        }
        YNode *item = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!item)
            goto fail;
        if (seq->count == cap) {
            cap = cap ? cap * 2 : 8;
            seq->items = xreallocarray(seq->items, cap, sizeof *seq->items);
        }
        seq->items[seq->count++] = item;
    }
fail:
    ynode_free(seq);
    return NULL;
}

/* A mapping's keys by hash, so finding duplicates stays linear: comparing
 * each key with every earlier one made a 1 MiB mapping take seconds. */
typedef struct KeySet {
    size_t *slots; /* pair index + 1; 0 is empty */
    size_t cap;    /* a power of two, more than twice the number of keys */
} KeySet;

static size_t key_hash(const char *s)
{
    size_t h = 14695981039346656037ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The slot holding key, or the empty slot where it belongs. */
static size_t keyset_find(const KeySet *ks, const YNode *map, const char *key)
{
    size_t i = key_hash(key) & (ks->cap - 1);
    while (ks->slots[i] && strcmp(map->pairs[ks->slots[i] - 1].key->value, key) != 0)
        i = (i + 1) & (ks->cap - 1);
    return i;
}

/* Makes room for one more key. */
static void keyset_reserve(KeySet *ks, const YNode *map)
{
    if ((map->count + 1) * 2 < ks->cap)
        return;
    free(ks->slots);
    ks->cap = ks->cap ? ks->cap * 2 : 16;
    ks->slots = xcalloc(ks->cap, sizeof *ks->slots);
    for (size_t p = 0; p < map->count; p++)
        ks->slots[keyset_find(ks, map, map->pairs[p].key->value)] = p + 1;
}

/* Text fit to quote in a message: controls escaped, long text cut. */
static char *quotable(const char *s) { return safetext_quote(s, SAFETEXT_QUOTE_MAX); }

static YNode *parse_mapping(Builder *b, yaml_event_t *start, int depth)
{
    YNode *map = node_new(YNODE_MAP, start->start_mark);
    KeySet keys = { 0 };
    size_t cap = 0;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            goto fail;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            free(keys.slots);
            return map;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            if (ev.type != YAML_ALIAS_EVENT)
                set_error_at(b, ev.start_mark, "a mapping key must be plain text");
            YNode *ignored = parse_node(b, &ev, depth + 1);
            ynode_free(ignored);
            yaml_event_delete(&ev);
            goto fail;
        }
        YNode *key = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!key)
            goto fail;
        keyset_reserve(&keys, map);
        size_t slot = keyset_find(&keys, map, key->value);
        if (keys.slots[slot]) {
            yaml_mark_t mark = { 0, (size_t)key->line - 1, (size_t)key->column - 1 };
            char *shown = quotable(key->value);
            char *msg = xasprintf("duplicate key '%s' (first at line %d)", shown,
                                  map->pairs[keys.slots[slot] - 1].key->line);
            set_error_at(b, mark, msg);
            free(msg);
            free(shown);
            ynode_free(key);
            goto fail;
        }
        if (!next_event(b, &ev)) {
            ynode_free(key);
            goto fail;
        }
        YNode *value = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!value) {
            ynode_free(key);
            goto fail;
        }
        if (map->count == cap) {
            cap = cap ? cap * 2 : 8;
            map->pairs = xreallocarray(map->pairs, cap, sizeof *map->pairs);
        }
        map->pairs[map->count].key = key;
        map->pairs[map->count].value = value;
        map->count++;
        keys.slots[slot] = map->count;
    }
fail:
    free(keys.slots);
    ynode_free(map);
    return NULL;
}

static YNode *parse_node(Builder *b, yaml_event_t *ev, int depth)
{
    if (depth > YTREE_MAX_DEPTH) {
        set_error_at(b, ev->start_mark, "nesting is too deep");
        return NULL;
    }
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        set_error_at(b, ev->start_mark, "YAML anchors and aliases are not allowed");
        return NULL;
    case YAML_SCALAR_EVENT: {
        if (refuse_anchor(b, ev, ev->data.scalar.anchor))
            return NULL;
        YNode *n = node_new(YNODE_SCALAR, ev->start_mark);
        n->value = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        if (strlen(n->value) != ev->data.scalar.length) {
            set_error_at(b, ev->start_mark, "text contains a NUL character");
            ynode_free(n);
            return NULL;
        }
        n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        return n;
    }
    case YAML_SEQUENCE_START_EVENT:
        if (refuse_anchor(b, ev, ev->data.sequence_start.anchor))
            return NULL;
        return parse_sequence(b, ev, depth);
    case YAML_MAPPING_START_EVENT:
        if (refuse_anchor(b, ev, ev->data.mapping_start.anchor))
            return NULL;
        return parse_mapping(b, ev, depth);
    default:
        set_error_at(b, ev->start_mark, "unexpected YAML structure");
        return NULL;
    }
}

static bool is_blank(const char *buf, size_t len)
{
    /* Only comments and white space: nothing a loader could use. */
    bool in_comment = false;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (in_comment) {
            if (c == '\n')
                in_comment = false;
            continue;
        }
        if (c == '#')
            in_comment = true;
        else if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

YNode *ytree_load_buffer(const char *name, const char *buf, size_t len, char **err)
{
    size_t cap = ytree_max_bytes();
    if (len > cap) {
        char *c = cap_text(cap);
        *err = xasprintf("%s:1:1: file is larger than %s", name, c);
        free(c);
        return NULL;
    }
    /* With the encoding set, libyaml skips a byte order mark but counts it as
     * a column, so the first line looks indented and a valid file fails. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    if (is_blank(buf, len)) {
        *err = xasprintf("%s:1:1: file is empty", name);
        return NULL;
    }
    Builder b = { .name = name, .buf = buf, .len = len };
    if (!yaml_parser_initialize(&b.parser))
        die("cannot initialise the YAML parser");
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);

    YNode *root = NULL;
    yaml_event_t ev;
    /* stream start, document start */
    for (int i = 0; i < 2; i++) {
        if (!next_event(&b, &ev))
            goto done;
        yaml_event_type_t t = ev.type;
        yaml_event_delete(&ev);
        if ((i == 0 && t != YAML_STREAM_START_EVENT) || (i == 1 && t != YAML_DOCUMENT_START_EVENT)) {
            yaml_mark_t zero = { 0, 0, 0 };
            set_error_at(&b, zero, "file is empty");
            goto done;
        }
    }
    if (!next_event(&b, &ev))
        goto done;
    root = parse_node(&b, &ev, 0);
    yaml_event_delete(&ev);
    if (!root)
        goto done;
    if (!next_event(&b, &ev)) /* document end */
        goto fail;
    yaml_event_delete(&ev);
    if (!next_event(&b, &ev))
        goto fail;
    if (ev.type != YAML_STREAM_END_EVENT) {
        set_error_at(&b, ev.start_mark, "only one YAML document is allowed per file");
        yaml_event_delete(&ev);
        goto fail;
    }
    yaml_event_delete(&ev);
    goto done;
fail:
    ynode_free(root);
    root = NULL;
done:
    yaml_parser_delete(&b.parser);
    if (!root) {
        if (!b.err)
            b.err = xasprintf("%s:1:1: malformed YAML", name);
        *err = b.err;
    } else {
        free(b.err);
    }
    return root;
}

YNode *ytree_load_file(const char *path, char **err)
{
    char *buf = NULL;
    size_t len = 0;
    char *read_err = NULL;
    size_t cap = ytree_max_bytes();
    if (file_read_all(path, cap, &buf, &len, &read_err) != 0) {
        if (strstr(read_err, "larger than")) {
            free(read_err);
            char *c = cap_text(cap);
            *err = xasprintf("%s:1:1: file is larger than %s", path, c);
            free(c);
        } else {
            *err = read_err;
        }
        return NULL;
    }
    YNode *root = ytree_load_buffer(path, buf, len, err);
    free(buf);
    return root;
}

YNode *ynode_get(const YNode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->pairs[i].key->value, key) == 0)
            return map->pairs[i].value;
    return NULL;
}

bool ynode_is_null(const YNode *node)
{
    if (!node || node->kind != YNODE_SCALAR || node->quoted)
        return false;
    const char *v = node->value;
    return v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
           strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

const char *ynode_kind_name(const YNode *node)
{
    switch (node->kind) {
    case YNODE_SCALAR:
        return "text";
    case YNODE_SEQ:
        return "a list";
    case YNODE_MAP:
        return "a mapping";
    }
    return "?";
}

char *ynode_vmessage(const char *file, const YNode *at, const char *fmt, va_list ap)
{
    char *msg = xvasprintf(fmt, ap);
    char *out = xasprintf("%s:%d:%d: %s", file, at ? at->line : 1, at ? at->column : 1, msg);
    free(msg);
    return out;
}

bool yparse_fail(YParse *p, const YNode *at, const char *fmt, ...)
{
    if (p->err)
        return false;
    va_list ap;
    va_start(ap, fmt);
    p->err = ynode_vmessage(p->file, at, fmt, ap);
    va_end(ap);
    return false;
}

const YNode *ynode_unknown_key(const YNode *map, const char *const *known)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        bool found = false;
        for (const char *const *k = known; *k && !found; k++)
            found = strcmp(map->pairs[i].key->value, *k) == 0;
        if (!found)
            return map->pairs[i].key;
    }
    return NULL;
}
