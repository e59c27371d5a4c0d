/* yaml_tree.h: a small document tree built from libyaml events, with the
 * line and column of every node, so loaders can report FILE:LINE:COLUMN.
 * It refuses anchors and aliases (no alias bombs), files over 1 MiB (see
 * YTREE_MAX_BYTES_ENV), empty
 * files, multi-document streams and non-UTF-8 text.
 * Ownership: ytree_load_* returns a tree the caller frees with ynode_free;
 * every node, key and string inside belongs to that tree. */
#ifndef VERSUS_LOAD_YAML_TREE_H
#define VERSUS_LOAD_YAML_TREE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define YTREE_MAX_BYTES (1024 * 1024)
/* The size cap can be raised (never lowered) for a benchmark's outsize data
 * sets through this environment variable, a number of bytes. */
#define YTREE_MAX_BYTES_ENV "VERSUS_YAML_MAX_BYTES"

typedef enum YNodeKind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP } YNodeKind;

typedef struct YNode YNode;

typedef struct YPair {
    YNode *key; /* always a scalar */
    YNode *value;
} YPair;

struct YNode {
    int line;   /* 1-based */
    int column; /* 1-based */
    unsigned char kind; /* a YNodeKind (a byte: a large file has a million nodes) */
    bool quoted;       /* YNODE_SCALAR: written with quotes (never null/number) */
    unsigned count;    /* items or pairs (a file is at most a few MiB) */
    char *value;       /* YNODE_SCALAR: the text */
    YNode **items;     /* YNODE_SEQ */
    YPair *pairs;      /* YNODE_MAP, in file order */
};

/* The size cap in force: YTREE_MAX_BYTES, or more when the environment
 * variable asks for more. */
size_t ytree_max_bytes(void);

/* Parses a file. On failure returns NULL and sets *err to
 * "PATH:LINE:COLUMN: message" (caller frees). */
YNode *ytree_load_file(const char *path, char **err);
/* Parses a buffer; name is used in messages in place of a path. */
YNode *ytree_load_buffer(const char *name, const char *buf, size_t len, char **err);
/* Frees a tree as ytree_load_* returned it (its root): every node, list
 * and text of a tree lives in one arena, freed at once. */
void ynode_free(YNode *root);

/* Parses a file whose top level is a mapping with one long list under
 * key: each item of that list goes to each(ctx, item, index) as soon as it
 * is parsed, and is dropped after (the item and everything in it live only
 * during the call), so a large file's items never all sit in memory. In
 * the tree returned, key's value is a list whose count is the number of
 * items, with no items. When each returns false the parse stops and this
 * returns NULL with *err NULL: the caller's own error stands. Any other
 * failure is as ytree_load_file's. */
typedef bool (*YItemFn)(void *ctx, const YNode *item, size_t index);
YNode *ytree_load_file_stream(const char *path, const char *key, YItemFn each, void *ctx, char **err);

/* Map lookup by key; NULL when absent or when node is not a map. */
YNode *ynode_get(const YNode *map, const char *key);
/* True for a plain (unquoted) scalar that YAML reads as null: ~, null, empty. */
bool ynode_is_null(const YNode *node);
/* "FILE:LINE:COLUMN: message" for a problem at node `at` (1:1 when NULL),
 * the one shape every loader reports bad data in. Caller frees. */
char *ynode_vmessage(const char *file, const YNode *at, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* A loader's error slot: the file named in messages, and the first
 * message (caller frees). yparse_fail fills it (keeping the first message
 * when there is one already) and returns false, so a check reads
 * `return yparse_fail(p, node, "...")`. Every loader reports bad data
 * through it. */
typedef struct YParse {
    const char *file;
    char *err;
} YParse;
bool yparse_fail(YParse *p, const YNode *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* *out = v's text when v is a scalar that is not null; otherwise
 * "'KEY' must be text" at v (yparse_fail). */
bool yparse_text(YParse *p, const YNode *v, const char *key, const char **out);
/* v's text when it names a real day written YYYY-MM-DD, copied to out with
 * its NUL; otherwise "KEY must be a day written YYYY-MM-DD" at v. */
#define YPARSE_DAY_LEN 11
bool yparse_day(YParse *p, const YNode *v, const char *key, char out[YPARSE_DAY_LEN]);
/* The first key of map that is not in known[] (NULL-terminated), or NULL:
 * unknown keys are errors, so typos never pass silently. */
const YNode *ynode_unknown_key(const YNode *map, const char *const *known);

/* A human word for the node's kind ("a mapping", "a list", "text"). */
const char *ynode_kind_name(const YNode *node);

#endif
