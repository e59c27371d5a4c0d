/* sources_load.c: data/sources.yaml -> Sources, with strict checks so a
 * typo or an impolite limit is caught at load time, not by the server. */
#include "load/sources_load.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/yaml_tree.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define SOURCES_MAX 16

/* The file being read and its first error. */
typedef YParse Ctx;

static bool check_keys(Ctx *c, const YNode *map, const char *const *allowed)
{
    const YNode *key = ynode_unknown_key(map, allowed);
    if (key)
        return yparse_fail(c, key, "unknown key '%s'", key->value);
    return true;
}

/* A required plain or quoted text value. */
static const YNode *need_text(Ctx *c, const YNode *map, const char *key)
{
    const YNode *v = ynode_get(map, key);
    if (!v) {
        yparse_fail(c, map, "missing '%s'", key);
        return NULL;
    }
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || v->value[0] == '\0') {
        yparse_fail(c, v, "'%s' must be text, not %s", key,
                v->kind == YNODE_SCALAR ? "empty" : ynode_kind_name(v));
        return NULL;
    }
    return v;
}

static bool parse_int_range(Ctx *c, const YNode *map, const char *key, long lo, long hi, int *out)
{
    const YNode *v = need_text(c, map, key);
    if (!v)
        return false;
    char *end = NULL;
    errno = 0;
    long n = strtol(v->value, &end, 10);
    if (v->quoted || errno != 0 || end == v->value || *end != '\0' || !isdigit((unsigned char)v->value[0]))
        return yparse_fail(c, v, "'%s' must be a whole number, not '%s'", key, v->value);
    if (n < lo || n > hi)
        return yparse_fail(c, v, "'%s' must be between %ld and %ld, not %ld", key, lo, hi, n);
    *out = (int)n;
    return true;
}

typedef struct Unit {
    const char *suffix;
    long long scale;
} Unit;

/* A whole number followed directly by one of units[] (ended by a NULL
 * suffix): returns that unit's scale and the number in *n, or 0. */
static long long parse_with_unit(const char *s, const Unit *units, long long *n)
{
    if (!isdigit((unsigned char)s[0]))
        return 0;
    char *end = NULL;
    errno = 0;
    *n = strtoll(s, &end, 10);
    if (errno != 0 || end == s)
        return 0;
    for (const Unit *u = units; u->suffix; u++)
        if (strcmp(end, u->suffix) == 0)
            return u->scale;
    return 0;
}

/* "500ms", "30s", "10m", "12h", "1d" -> milliseconds. */
static bool parse_duration_ms(Ctx *c, const YNode *map, const char *key, long long lo_ms, long long hi_ms,
                              long long *out)
{
    const YNode *v = need_text(c, map, key);
    if (!v)
        return false;
    static const Unit units[] = { { "ms", 1 },           { "s", 1000 },
                                  { "m", 60 * 1000LL },   { "h", 3600 * 1000LL },
                                  { "d", 86400 * 1000LL }, { NULL, 0 } };
    const char *s = v->value;
    long long n = 0;
    long long unit = parse_with_unit(s, units, &n);
    if (unit == 0 || n > LLONG_MAX / unit / 2)
        return yparse_fail(c, v, "'%s' must be a duration such as 30s, 10m or 12h, not '%s'", key, s);
    long long ms = n * unit;
    if (ms < lo_ms || ms > hi_ms)
        return yparse_fail(c, v, "'%s' is out of range (%lld ms to %lld ms)", key, lo_ms, hi_ms);
    *out = ms;
    return true;
}

/* "HH:MM" (UTC, 00:00..23:59) -> seconds after midnight. */
static bool parse_time_of_day(Ctx *c, const YNode *map, const char *key, long *out)
{
    const YNode *v = need_text(c, map, key);
    if (!v)
        return false;
    const char *s = v->value;
    bool shape = strlen(s) == 5 && s[2] == ':';
    for (int i = 0; shape && i < 5; i++)
        shape = i == 2 || (s[i] >= '0' && s[i] <= '9');
    long h = shape ? (s[0] - '0') * 10 + (s[1] - '0') : 0, m = shape ? (s[3] - '0') * 10 + (s[4] - '0') : 0;
    if (!shape || h > 23 || m > 59)
        return yparse_fail(c, v, "'%s' must be a time of day in UTC such as 01:00, not '%s'", key, s);
    *out = h * 3600 + m * 60;
    return true;
}

/* "2MiB", "512KiB", "4096B" -> bytes. */
static bool parse_size(Ctx *c, const YNode *map, const char *key, size_t lo, size_t hi, size_t *out)
{
    const YNode *v = need_text(c, map, key);
    if (!v)
        return false;
    static const Unit units[] = { { "B", 1 }, { "KiB", 1024 }, { "MiB", 1024 * 1024 }, { NULL, 0 } };
    const char *s = v->value;
    long long n = 0;
    long long unit = parse_with_unit(s, units, &n);
    if (unit == 0 || n > (long long)(SIZE_MAX / 2) / unit)
        return yparse_fail(c, v, "'%s' must be a size such as 2MiB or 512KiB, not '%s'", key, s);
    size_t bytes = (size_t)(n * unit);
    if (bytes < lo || bytes > hi)
        return yparse_fail(c, v, "'%s' must be between %zu and %zu bytes", key, lo, hi);
    *out = bytes;
    return true;
}

static bool word_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' && *s != '_')
            return false;
    return true;
}

static bool env_name_ok(const char *s)
{
    if (!isupper((unsigned char)*s) && *s != '_')
        return false;
    for (; *s; s++)
        if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

/* scheme://authority[/path] with a scheme versus accepts, no query,
 * fragment, credentials or whitespace. Loopback rules for plain http are
 * applied when the URL is used, since the environment can change it. */
static bool base_url_ok(const char *u)
{
    const char *rest;
    if (strncmp(u, "https://", 8) == 0)
        rest = u + 8;
    else if (strncmp(u, "http://", 7) == 0)
        rest = u + 7;
    else
        return false;
    if (*rest == '\0' || *rest == '/')
        return false;
    for (const char *p = rest; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '?' || *p == '#' || *p == '@' || *p == '\\')
            return false;
    return true;
}

static bool endpoint_ok(const char *e, const char *placeholder)
{
    if (e[0] != '/')
        return false;
    const char *p = strstr(e, placeholder);
    if (!p || strstr(p + 1, placeholder))
        return false;
    for (const char *q = e; *q; q++)
        if (*q <= ' ' || *q == 0x7f || *q == '#' || *q == '\\')
            return false;
    /* Only the one placeholder may hold braces. */
    size_t braces = 0;
    for (const char *q = e; *q; q++)
        if (*q == '{' || *q == '}')
            braces++;
    return braces == 2;
}

static bool load_source(Ctx *c, const YNode *n, Source *out)
{
    static const char *const keys[] = { "id", "ecosystem", "protocol", "base_url", "base_url_env",
                                        "endpoint", "bulk_max", "limits", "backoff", "daily_update",
                                        "connect_timeout", "timeout", "max_response", NULL };
    static const char *const limit_keys[] = { "connections", "per_second", "per_minute", "interval", NULL };
    if (n->kind != YNODE_MAP)
        return yparse_fail(c, n, "a source must be a mapping, not %s", ynode_kind_name(n));
    if (!check_keys(c, n, keys))
        return false;

    const YNode *id = need_text(c, n, "id");
    const YNode *eco = id ? need_text(c, n, "ecosystem") : NULL;
    const YNode *proto = eco ? need_text(c, n, "protocol") : NULL;
    const YNode *base = proto ? need_text(c, n, "base_url") : NULL;
    const YNode *endpoint = base ? need_text(c, n, "endpoint") : NULL;
    if (!endpoint)
        return false;
    if (!word_ok(id->value))
        return yparse_fail(c, id, "'id' must be lower-case letters, digits, '-' or '_', not '%s'", id->value);
    if (!word_ok(eco->value))
        return yparse_fail(c, eco, "'ecosystem' must be lower-case letters, digits, '-' or '_', not '%s'",
                       eco->value);
    if (!source_protocol_from_name(proto->value, &out->protocol)) {
        StrBuf known = STRBUF_INIT;
        for (int p = 0; p < SOURCE_NPROTOCOLS; p++) {
            if (p)
                sb_append(&known, ", ");
            sb_append(&known, source_protocol_name((SourceProtocol)p));
        }
        yparse_fail(c, proto, "unknown protocol '%s' (known: %s)", proto->value, sb_str(&known));
        sb_free(&known);
        return false;
    }
    const SourceProtocolInfo *info = source_protocol_info(out->protocol);

    size_t blen = strlen(base->value);
    char *base_url = xstrdup(base->value);
    while (blen > 0 && base_url[blen - 1] == '/')
        base_url[--blen] = '\0';
    if (!base_url_ok(base_url)) {
        yparse_fail(c, base, "'base_url' must be an https:// (or loopback http://) URL "
                                "without query or credentials, not '%s'", base->value);
        goto fail;
    }
    if (!endpoint_ok(endpoint->value, info->placeholder)) {
        yparse_fail(c, endpoint, "'endpoint' must be a path starting with '/' that holds %s once",
                       info->placeholder);
        goto fail;
    }

    const YNode *env = ynode_get(n, "base_url_env");
    if (env && !ynode_is_null(env) && (env->kind != YNODE_SCALAR || !env_name_ok(env->value))) {
        yparse_fail(c, env, "'base_url_env' must be an environment variable name such as VERSUS_NPM_API");
        goto fail;
    }

    int bulk_max = 1;
    if (info->bulk_max > 1) {
        /* The protocol's row says the most its service takes at once. */
        if (!parse_int_range(c, n, "bulk_max", 1, info->bulk_max, &bulk_max)) {
            goto fail;
        }
    } else if (ynode_get(n, "bulk_max")) {
        yparse_fail(c, ynode_get(n, "bulk_max"), "'bulk_max' applies only to a protocol that asks for several "
                                                  "names at once, not to %s", info->name);
        goto fail;
    }

    const YNode *limits = ynode_get(n, "limits");
    int conns = 0, per_s = 0, per_m = 0;
    bool ok = true;
    if (!limits)
        ok = yparse_fail(c, n, "missing 'limits'");
    else if (limits->kind != YNODE_MAP)
        ok = yparse_fail(c, limits, "'limits' must be a mapping, not %s", ynode_kind_name(limits));
    else
        ok = check_keys(c, limits, limit_keys) && parse_int_range(c, limits, "connections", 1, 16, &conns) &&
             parse_int_range(c, limits, "per_second", 1, 100, &per_s) &&
             parse_int_range(c, limits, "per_minute", 1, 6000, &per_m);
    if (ok && per_m < per_s)
        ok = yparse_fail(c, ynode_get(limits, "per_minute"), "'per_minute' must be at least 'per_second'");
    long long interval = 0;
    if (ok && ynode_get(limits, "interval"))
        ok = parse_duration_ms(c, limits, "interval", 0, 600 * 1000LL, &interval);

    long long backoff = 0, connect = 0, total = 0;
    long update = 0;
    size_t max_response = 0;
    ok = ok && parse_duration_ms(c, n, "backoff", 1000, 86400 * 1000LL, &backoff) &&
         parse_time_of_day(c, n, "daily_update", &update) &&
         parse_duration_ms(c, n, "connect_timeout", 100, 600 * 1000LL, &connect) &&
         parse_duration_ms(c, n, "timeout", 100, 3600 * 1000LL, &total) &&
         parse_size(c, n, "max_response", 1024, 64u * 1024 * 1024, &max_response);
    if (!ok) {
        goto fail;
    }
    if (connect > total) {
        yparse_fail(c, ynode_get(n, "connect_timeout"), "'connect_timeout' must not exceed 'timeout'");
        goto fail;
    }

    out->id = xstrdup(id->value);
    out->ecosystem = xstrdup(eco->value);
    out->base_url = base_url;
    out->base_url_env = env && !ynode_is_null(env) ? xstrdup(env->value) : NULL;
    out->endpoint = xstrdup(endpoint->value);
    out->bulk_max = bulk_max;
    out->connections = conns;
    out->per_second = per_s;
    out->per_minute = per_m;
    out->backoff_s = (long)(backoff / 1000);
    out->interval_ms = (long)interval;
    out->daily_update_s = update;
    out->connect_timeout_ms = (long)connect;
    out->timeout_ms = (long)total;
    out->max_response = max_response;
    return true;

fail: /* the one way out after base_url is taken */
    free(base_url);
    return false;
}

static Sources *build(Ctx *c, const YNode *root)
{
    static const char *const top_keys[] = { "sources", NULL };
    if (root->kind != YNODE_MAP) {
        yparse_fail(c, root, "the file must be a mapping with a 'sources' list, not %s", ynode_kind_name(root));
        return NULL;
    }
    if (!check_keys(c, root, top_keys))
        return NULL;
    const YNode *list = ynode_get(root, "sources");
    if (!list) {
        yparse_fail(c, root, "missing 'sources'");
        return NULL;
    }
    if (list->kind != YNODE_SEQ || list->count == 0) {
        yparse_fail(c, list, "'sources' must be a non-empty list");
        return NULL;
    }
    if (list->count > SOURCES_MAX) {
        yparse_fail(c, list, "at most %d sources are allowed", SOURCES_MAX);
        return NULL;
    }
    Sources *s = xcalloc(1, sizeof *s);
    s->items = xcalloc(list->count, sizeof *s->items);
    for (size_t i = 0; i < list->count; i++) {
        if (!load_source(c, list->items[i], &s->items[i])) {
            sources_free(s);
            return NULL;
        }
        s->count++;
        for (size_t j = 0; j < i; j++) {
            const char *what = NULL;
            if (strcmp(s->items[j].id, s->items[i].id) == 0)
                what = "id";
            else if (strcmp(s->items[j].ecosystem, s->items[i].ecosystem) == 0)
                what = "ecosystem";
            if (what) {
                const YNode *at = ynode_get(list->items[i], what);
                yparse_fail(c, at, "duplicate %s '%s' (first at line %d)", what,
                        strcmp(what, "id") == 0 ? s->items[i].id : s->items[i].ecosystem,
                        ynode_get(list->items[j], what)->line);
                sources_free(s);
                return NULL;
            }
        }
    }
    return s;
}

Sources *sources_load_buffer(const char *name, const char *buf, size_t len, char **err)
{
    YNode *root = ytree_load_buffer(name, buf, len, err);
    if (!root)
        return NULL;
    Ctx c = { .file = name, .err = NULL };
    Sources *s = build(&c, root);
    ynode_free(root);
    if (!s)
        *err = c.err;
    return s;
}

Sources *sources_load(const char *path, char **err)
{
    YNode *root = ytree_load_file(path, err);
    if (!root)
        return NULL;
    Ctx c = { .file = path, .err = NULL };
    Sources *s = build(&c, root);
    ynode_free(root);
    if (!s)
        *err = c.err;
    return s;
}

Sources *sources_load_dir(const char *data_dir, char **err)
{
    char *path = path_join(data_dir, "sources.yaml");
    Sources *s = access(path, F_OK) == 0 || errno != ENOENT ? sources_load(path, err) : sources_new();
    free(path);
    return s;
}
