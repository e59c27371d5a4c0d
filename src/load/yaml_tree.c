/* yaml_tree.c: libyaml events -> YNode tree, with positions. */
#include "load/yaml_tree.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "core/day.h"
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

/* ---- the arena: a tree's nodes, lists and strings ----------------------- */

/* Every node, list and string of one tree lives in a few large blocks,
 * freed together: a node by node calloc and free was a third of start-up
 * at 1,000 criteria, with a malloc header and rounding on each. The blocks
 * grow, doubling from YARENA_FIRST to YARENA_BLOCK: most files are a few
 * hundred bytes, and a fixed large block each was most of what loading
 * one touched. */
typedef struct YBlock {
    struct YBlock *next;
    size_t used, cap;
    max_align_t data[];
} YBlock;

#define YARENA_FIRST 2048
#define YARENA_BLOCK (64 * 1024)

typedef struct YTree {
    YBlock *blocks; /* the newest first */
    YNode root;     /* what ytree_load_* returns */
} YTree;

static void *arena_alloc(YTree *t, size_t size, size_t align)
{
    YBlock *b = t->blocks;
    size_t at = b ? (b->used + align - 1) / align * align : 0;
    if (!b || at + size > b->cap) {
        size_t regular = !b ? YARENA_FIRST : b->cap < YARENA_BLOCK / 2 ? b->cap * 2 : YARENA_BLOCK;
        bool outsize = size > regular / 4;
        size_t cap = outsize ? size : regular;
        YBlock *nb = xmalloc(sizeof *nb + cap);
        nb->cap = cap;
        nb->used = 0;
        if (b && outsize) {
            /* an outsize list gets a block of its own, behind the current one */
            nb->next = b->next;
            b->next = nb;
            nb->used = size;
            return nb->data;
        }
        nb->next = b;
        t->blocks = b = nb;
        at = 0;
    }
    b->used = at + size;
    return (char *)b->data + at;
}

static void arena_free(YTree *t)
{
    for (YBlock *b = t->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    t->blocks = NULL;
}

void ynode_free(YNode *root)
{
    if (!root)
        return;
    YTree *t = (YTree *)(void *)((char *)root - offsetof(YTree, root));
    arena_free(t);
    free(t);
}

/* Short texts (keys, numbers, ids) are kept once per tree: the same few
 * keys recur on every line of a data file. */
#define INTERN_MAX 32

/* A file read as libyaml asks for it, a piece at a time, never whole. */
typedef struct Input {
    int fd;
    const char *path;
    size_t read, cap;
    bool too_big; /* it grew past the cap after its size was checked */
    char *err;    /* a read failed */
} Input;

typedef struct Builder {
    const char *name;
    const char *buf; /* the whole input, to place reader errors; NULL: read from input */
    size_t len;
    Input *input;
    bool bom; /* the file's byte order mark, skipped */
    yaml_parser_t parser;
    char *err;
    YTree *tree;
    /* The children of every list and mapping still open, innermost last:
     * each is copied to the arena at its exact size when it closes. */
    YNode **items;
    size_t nitems, items_cap;
    YPair *pairs;
    size_t npairs, pairs_cap;
    /* interned short texts: arena strings by hash, open addressing */
    char **interned;
    size_t ninterned, intern_cap;
    /* ytree_load_file_stream: the top-level key whose list is streamed */
    const char *stream_key;
    YItemFn each;
    void *ctx;
    bool stopped; /* each said stop */
} Builder;

static YNode *node_new(Builder *b, YNodeKind kind, yaml_mark_t mark)
{
    YNode *n = arena_alloc(b->tree, sizeof *n, _Alignof(YNode));
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = (int)mark.line + 1;
    n->column = (int)mark.column + 1;
    return n;
}

static size_t text_hash(const char *s, size_t len)
{
    size_t h = 14695981039346656037ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static char *arena_text(Builder *b, const char *s, size_t len)
{
    char *out = arena_alloc(b->tree, len + 1, 1);
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

/* The tree's copy of s[0..len) (no NUL inside). */
static char *tree_text(Builder *b, const char *s, size_t len)
{
    if (len > INTERN_MAX)
        return arena_text(b, s, len);
    if ((b->ninterned + 1) * 2 > b->intern_cap) {
        size_t cap = b->intern_cap ? b->intern_cap * 2 : 256;
        char **slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < b->intern_cap; i++) {
            char *t = b->interned[i];
            if (!t)
                continue;
            size_t j = text_hash(t, strlen(t)) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = t;
        }
        free(b->interned);
        b->interned = slots;
        b->intern_cap = cap;
    }
    size_t j = text_hash(s, len) & (b->intern_cap - 1);
    while (b->interned[j]) {
        const char *t = b->interned[j];
        if (strncmp(t, s, len) == 0 && t[len] == '\0')
            return b->interned[j];
        j = (j + 1) & (b->intern_cap - 1);
    }
    b->ninterned++;
    return b->interned[j] = arena_text(b, s, len);
}

static void push_item(Builder *b, YNode *item)
{
    if (b->nitems == b->items_cap) {
        b->items_cap = b->items_cap ? b->items_cap * 2 : 64;
        b->items = xreallocarray(b->items, b->items_cap, sizeof *b->items);
    }
    b->items[b->nitems++] = item;
}

static void push_pair(Builder *b, YNode *key, YNode *value)
{
    if (b->npairs == b->pairs_cap) {
        b->pairs_cap = b->pairs_cap ? b->pairs_cap * 2 : 64;
        b->pairs = xreallocarray(b->pairs, b->pairs_cap, sizeof *b->pairs);
    }
    b->pairs[b->npairs].key = key;
    b->pairs[b->npairs].value = value;
    b->npairs++;
}

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

/* A reader error's offset in a file parsed from its input: placed in the
 * file read again whole (only ever on this path). */
static yaml_mark_t file_offset_mark(const Builder *b, size_t offset)
{
    yaml_mark_t mark = { offset, 0, 0 };
    char *buf = NULL, *err = NULL;
    size_t len = 0;
    if (file_read_all(b->input->path, ytree_max_bytes(), &buf, &len, &err) != 0) {
        free(err);
        return mark;
    }
    size_t skip = b->bom && len >= 3 ? 3 : 0;
    mark = offset_mark(buf + skip, len - skip, offset);
    free(buf);
    return mark;
}

static void set_parser_error(Builder *b)
{
    yaml_parser_t *p = &b->parser;
    yaml_mark_t mark = p->problem_mark;
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR && b->input && (b->input->err || b->input->too_big)) {
        if (!b->err && b->input->err) {
            b->err = b->input->err;
            b->input->err = NULL;
        } else if (!b->err) {
            char *c = cap_text(b->input->cap);
            b->err = xasprintf("%s:1:1: file is larger than %s", b->name, c);
            free(c);
        }
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark: turn it into one. */
        mark = b->buf ? offset_mark(b->buf, b->len, p->problem_offset) : file_offset_mark(b, p->problem_offset);
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

static void intern_clear(Builder *b)
{
    if (b->interned)
        memset(b->interned, 0, b->intern_cap * sizeof *b->interned);
    b->ninterned = 0;
}

/* The streamed list: each item is parsed into an arena of its own, handed
 * to b->each and dropped; the list node keeps only the count. */
static YNode *parse_stream(Builder *b, yaml_event_t *start, int depth)
{
    YNode *seq = node_new(b, YNODE_SEQ, start->start_mark);
    YTree *main_tree = b->tree;
    YTree item_tree = { 0 };
    YNode *out = NULL;
    intern_clear(b); /* interned texts point into the arena in use */
    b->tree = &item_tree;
    for (size_t index = 0;; index++) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            break;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            if (index > UINT_MAX) {
                set_error_at(b, start->start_mark, "the list is too long");
                break;
            }
            seq->count = (unsigned)index;
            out = seq;
            break;
        }
        YNode *item = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!item)
            break;
        if (!b->each(b->ctx, item, index)) {
            b->stopped = true;
            break;
        }
        intern_clear(b);
        arena_free(&item_tree);
    }
    intern_clear(b);
    arena_free(&item_tree);
    b->tree = main_tree;
    return out;
}

static bool refuse_anchor(Builder *b, const yaml_event_t *ev, const yaml_char_t *anchor)
{
    if (anchor) {
        set_error_at(b, ev->start_mark, "YAML anchors and aliases are not allowed");
        return true;
    }
    return false;
}

/* On failure a node is simply dropped: the whole arena goes with the tree. */
static YNode *parse_sequence(Builder *b, yaml_event_t *start, int depth)
{
    YNode *seq = node_new(b, YNODE_SEQ, start->start_mark);
    size_t base = b->nitems;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            return NULL;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            if (b->nitems - base > UINT_MAX) {
                set_error_at(b, start->start_mark, "the list is too long");
                return NULL;
            }
            seq->count = (unsigned)(b->nitems - base);
            if (seq->count) {
                seq->items = arena_alloc(b->tree, seq->count * sizeof *seq->items, _Alignof(YNode *));
                memcpy(seq->items, b->items + base, seq->count * sizeof *seq->items);
            }
            b->nitems = base;
            return seq;
        }
        YNode *item = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!item)
            return NULL;
        push_item(b, item);
    }
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

/* The slot holding key, or the empty slot where it belongs, among the
 * mapping's pairs so far. */
static size_t keyset_find(const KeySet *ks, const YPair *pairs, const char *key)
{
    size_t i = key_hash(key) & (ks->cap - 1);
    while (ks->slots[i] && strcmp(pairs[ks->slots[i] - 1].key->value, key) != 0)
        i = (i + 1) & (ks->cap - 1);
    return i;
}

/* Makes room for one more key after count. */
static void keyset_reserve(KeySet *ks, const YPair *pairs, size_t count)
{
    if ((count + 1) * 2 < ks->cap)
        return;
    free(ks->slots);
    ks->cap = ks->cap ? ks->cap * 2 : 16;
    ks->slots = xcalloc(ks->cap, sizeof *ks->slots);
    for (size_t p = 0; p < count; p++)
        ks->slots[keyset_find(ks, pairs, pairs[p].key->value)] = p + 1;
}

/* Text fit to quote in a message: controls escaped, long text cut. */
static char *quotable(const char *s) { return safetext_quote(s, SAFETEXT_QUOTE_MAX); }

static YNode *parse_mapping(Builder *b, yaml_event_t *start, int depth)
{
    YNode *map = node_new(b, YNODE_MAP, start->start_mark);
    KeySet keys = { 0 };
    size_t base = b->npairs;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev))
            goto fail;
        size_t count = b->npairs - base;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            free(keys.slots);
            if (count > UINT_MAX) {
                set_error_at(b, start->start_mark, "the mapping is too long");
                return NULL;
            }
            map->count = (unsigned)count;
            if (count) {
                map->pairs = arena_alloc(b->tree, count * sizeof *map->pairs, _Alignof(YPair));
                memcpy(map->pairs, b->pairs + base, count * sizeof *map->pairs);
            }
            b->npairs = base;
            return map;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            if (ev.type != YAML_ALIAS_EVENT)
                set_error_at(b, ev.start_mark, "a mapping key must be plain text");
            parse_node(b, &ev, depth + 1);
            yaml_event_delete(&ev);
            goto fail;
        }
        YNode *key = parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!key)
            goto fail;
        keyset_reserve(&keys, b->pairs + base, count);
        size_t slot = keyset_find(&keys, b->pairs + base, key->value);
        if (keys.slots[slot]) {
            yaml_mark_t mark = { 0, (size_t)key->line - 1, (size_t)key->column - 1 };
            char *shown = quotable(key->value);
            char *msg = xasprintf("duplicate key '%s' (first at line %d)", shown,
                                  b->pairs[base + keys.slots[slot] - 1].key->line);
            set_error_at(b, mark, msg);
            free(msg);
            free(shown);
            goto fail;
        }
        if (!next_event(b, &ev))
            goto fail;
        bool stream = depth == 0 && b->stream_key && ev.type == YAML_SEQUENCE_START_EVENT &&
                      !ev.data.sequence_start.anchor && strcmp(key->value, b->stream_key) == 0;
        YNode *value = stream ? parse_stream(b, &ev, depth + 1) : parse_node(b, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!value)
            goto fail;
        push_pair(b, key, value);
        keys.slots[slot] = b->npairs - base;
    }
fail:
    free(keys.slots);
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
        const char *text = (const char *)ev->data.scalar.value;
        size_t len = ev->data.scalar.length;
        if (memchr(text, '\0', len)) {
            set_error_at(b, ev->start_mark, "text contains a NUL character");
            return NULL;
        }
        YNode *n = node_new(b, YNODE_SCALAR, ev->start_mark);
        n->value = tree_text(b, text, len);
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

/* Only comments and white space so far: nothing a loader could use
 * (*in_comment carries from one piece of a file to the next). */
static bool blank_so_far(const char *buf, size_t len, bool *in_comment_p)
{
    bool in_comment = *in_comment_p;
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
    *in_comment_p = in_comment;
    return true;
}

static bool is_blank(const char *buf, size_t len)
{
    bool in_comment = false;
    return blank_so_far(buf, len, &in_comment);
}

static YNode *parse_input(Builder *b, char **err);

static YNode *load_buffer(const char *name, const char *buf, size_t len, const char *stream_key,
                          YItemFn each, void *ctx, char **err)
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
    Builder b = { .name = name, .buf = buf, .len = len, .stream_key = stream_key, .each = each,
                  .ctx = ctx };
    if (!yaml_parser_initialize(&b.parser))
        die("cannot initialise the YAML parser");
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)buf, len);
    return parse_input(&b, err);
}

/* The tree of what b's parser (its input set) reads; the parser and b's
 * stacks freed. */
static YNode *parse_input(Builder *b, char **err)
{
    const char *name = b->name;
    b->tree = xcalloc(1, sizeof *b->tree);
    yaml_parser_set_encoding(&b->parser, YAML_UTF8_ENCODING);

    YNode *root = NULL;
    yaml_event_t ev;
    /* stream start, document start */
    for (int i = 0; i < 2; i++) {
        if (!next_event(b, &ev))
            goto done;
        yaml_event_type_t t = ev.type;
        yaml_event_delete(&ev);
        if ((i == 0 && t != YAML_STREAM_START_EVENT) || (i == 1 && t != YAML_DOCUMENT_START_EVENT)) {
            yaml_mark_t zero = { 0, 0, 0 };
            set_error_at(b, zero, "file is empty");
            goto done;
        }
    }
    if (!next_event(b, &ev))
        goto done;
    root = parse_node(b, &ev, 0);
    yaml_event_delete(&ev);
    if (!root)
        goto done;
    /* The tree's header holds the root, so ynode_free finds the arena. */
    b->tree->root = *root;
    root = &b->tree->root;
    if (!next_event(b, &ev)) /* document end */
        goto fail;
    yaml_event_delete(&ev);
    if (!next_event(b, &ev))
        goto fail;
    if (ev.type != YAML_STREAM_END_EVENT) {
        set_error_at(b, ev.start_mark, "only one YAML document is allowed per file");
        yaml_event_delete(&ev);
        goto fail;
    }
    yaml_event_delete(&ev);
    goto done;
fail:
    root = NULL;
done:
    yaml_parser_delete(&b->parser);
    free(b->items);
    free(b->pairs);
    free(b->interned);
    if (!root) {
        arena_free(b->tree);
        free(b->tree);
        if (b->stopped && !b->err) {
            *err = NULL; /* the caller's own error stands */
            return NULL;
        }
        if (!b->err)
            b->err = xasprintf("%s:1:1: malformed YAML", name);
        *err = b->err;
    } else {
        free(b->err);
    }
    return root;
}

YNode *ytree_load_buffer(const char *name, const char *buf, size_t len, char **err)
{
    return load_buffer(name, buf, len, NULL, NULL, NULL, err);
}

/* libyaml's read handler: the next piece of the file, within the cap. */
static int input_read(void *data, unsigned char *buf, size_t size, size_t *size_read)
{
    Input *in = data;
    size_t got;
    if (in->err || file_read_some(in->fd, in->path, buf, size, &got, &in->err) != 0)
        return 0;
    in->read += got;
    if (in->read > in->cap) {
        in->too_big = true;
        return 0;
    }
    *size_read = got;
    return 1;
}

/* Before parsing, as load_buffer checks a buffer: the size within the cap,
 * a byte order mark, and anything but comments and white space; read a
 * piece at a time. */
static int check_file(int fd, const char *path, size_t cap, bool *bom, char **err)
{
    char piece[16384];
    size_t total = 0, got;
    bool in_comment = false, blank = true;
    *bom = false;
    for (;;) {
        if (file_read_some(fd, path, piece, sizeof piece, &got, err) != 0)
            return -1;
        if (got == 0)
            break;
        size_t skip = 0;
        if (total == 0 && got >= 3 && memcmp(piece, "\xEF\xBB\xBF", 3) == 0) {
            *bom = true;
            skip = 3;
        }
        total += got;
        if (total > cap) {
            char *c = cap_text(cap);
            *err = xasprintf("%s:1:1: file is larger than %s", path, c);
            free(c);
            return -1;
        }
        blank = blank && blank_so_far(piece + skip, got - skip, &in_comment);
    }
    if (blank) {
        *err = xasprintf("%s:1:1: file is empty", path);
        return -1;
    }
    return 0;
}

/* A file parsed as libyaml reads it, never held whole: a data set's
 * criteria file is most of its bytes. */
static YNode *load_file(const char *path, const char *stream_key, YItemFn each, void *ctx,
                        char **err)
{
    int fd;
    if (file_open_read(path, &fd, err) != 0)
        return NULL;
    size_t cap = ytree_max_bytes();
    bool bom;
    if (check_file(fd, path, cap, &bom, err) != 0) {
        close(fd);
        return NULL;
    }
    /* With the encoding set, libyaml skips a byte order mark but counts it
     * as a column (see load_buffer): it is never read. */
    if (lseek(fd, bom ? 3 : 0, SEEK_SET) < 0) {
        *err = xasprintf("%s: cannot seek: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    Input in = { .fd = fd, .path = path, .read = bom ? 3 : 0, .cap = cap };
    Builder b = { .name = path, .input = &in, .bom = bom, .stream_key = stream_key, .each = each,
                  .ctx = ctx };
    if (!yaml_parser_initialize(&b.parser))
        die("cannot initialise the YAML parser");
    yaml_parser_set_input(&b.parser, input_read, &in);
    YNode *root = parse_input(&b, err);
    free(in.err);
    close(fd);
    return root;
}

YNode *ytree_load_file(const char *path, char **err) { return load_file(path, NULL, NULL, NULL, err); }

YNode *ytree_load_file_stream(const char *path, const char *key, YItemFn each, void *ctx, char **err)
{
    return load_file(path, key, each, ctx, err);
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

bool yparse_text(YParse *p, const YNode *v, const char *key, const char **out)
{
    if (!v || v->kind != YNODE_SCALAR || ynode_is_null(v))
        return yparse_fail(p, v, "'%s' must be text", key);
    *out = v->value;
    return true;
}

bool yparse_day(YParse *p, const YNode *v, const char *key, char out[YPARSE_DAY_LEN])
{
    const char *s = NULL;
    long day;
    if (!yparse_text(p, v, key, &s))
        return false;
    if (strlen(s) != YPARSE_DAY_LEN - 1 || !day_parse(s, &day))
        return yparse_fail(p, v, "%s must be a day written YYYY-MM-DD", key);
    memcpy(out, s, YPARSE_DAY_LEN);
    return true;
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
