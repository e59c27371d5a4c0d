/* cache.c: per-package JSON records of fetched figures (see cache.h). */
#include "cache/cache.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fileio.h"
#include "util/safetext.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Escaped record names longer than this (plus a margin) are shortened:
 * the file name stays far within NAME_MAX. */
#define CACHE_NAME_KEEP_BYTES 120
/* 18 months of npm history (about 548 days), with room to spare. */
#define CACHE_SERIES_MAX 600
#define CACHE_COUNT_MAX STAT_COUNT_MAX /* a day or a month: above it, junk */

void cache_record_clear(CacheRecord *r)
{
    free(r->ecosystem);
    free(r->package);
    free(r->detail);
    free(r->daily);
    free(r->series_end);
    free(r->period);
    free(r->url);
    memset(r, 0, sizeof *r);
}

char *cache_default_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return path_join(xdg, "versus");
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return xasprintf("%s%s.cache/versus", home, home[strlen(home) - 1] == '/' ? "" : "/");
    return NULL;
}

static void encode_into(StrBuf *sb, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     (c == '.' && p != s && p[-1] != '.');
        if (plain)
            sb_append_char(sb, (char)c);
        else
            sb_appendf(sb, "%%%02X", c);
    }
}

/* FNV-1a, 64 bits: a stable digest of a name, the same on every machine. */
static unsigned long long fnv1a(const char *s, unsigned long long h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

char *cache_record_path(const char *dir, const char *ecosystem, const char *package)
{
    StrBuf sb = STRBUF_INIT;
    encode_into(&sb, ecosystem);
    sb_append_char(&sb, '_');
    encode_into(&sb, package);
    if (sb.len > CACHE_NAME_KEEP_BYTES + 40) {
        /* Too long for a file name once escaped (a 214-character npm name
         * can triple): keep a readable start, cut before a "%XX", and add
         * two digests of the whole name, so every name has a record of its
         * own. '~' never appears in an escaped name. */
        size_t keep = CACHE_NAME_KEEP_BYTES;
        if (sb.data[keep - 1] == '%')
            keep -= 1;
        else if (sb.data[keep - 2] == '%')
            keep -= 2;
        sb.len = keep;
        sb.data[keep] = '\0';
        unsigned long long a = fnv1a(package, fnv1a(ecosystem, 0xcbf29ce484222325ULL) ^ 0x5f);
        unsigned long long b = fnv1a(ecosystem, fnv1a(package, 0x84222325cbf29ce4ULL) ^ 0x2f);
        sb_appendf(&sb, "~%016llx%016llx", a, b);
    }
    sb_append(&sb, ".json");
    char *name = sb_take(&sb);
    char *path = path_join(dir, name);
    free(name);
    return path;
}

static json_t *time_json(time_t t)
{
    if (t <= 0)
        return json_null();
    char buf[32];
    time_to_iso(t, buf);
    return json_string(buf);
}

static json_t *opt_string(const char *s) { return s ? json_string(s) : json_null(); }

/* A record keeps only what a reply said: ok, not found or rate-limited. */
static bool status_recorded(StatStatus s)
{
    return s == STAT_OK || s == STAT_NOT_FOUND || s == STAT_RATE_LIMITED;
}

static const char *status_word(StatStatus s)
{
    return stat_status_name(status_recorded(s) ? s : STAT_OK);
}

char *cache_record_to_json(const CacheRecord *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "versus_cache", json_integer(CACHE_FORMAT_VERSION));
    json_object_set_new(o, "ecosystem", json_string(r->ecosystem));
    json_object_set_new(o, "package", json_string(r->package));
    json_object_set_new(o, "status", json_string(status_word(r->status)));
    json_object_set_new(o, "detail", opt_string(r->detail));
    json_object_set_new(o, "checked_at", time_json(r->checked_at));
    json_object_set_new(o, "retry_at", time_json(r->retry_at));
    if (r->has_figures) {
        json_t *f = json_object();
        json_object_set_new(f, "last_week", json_integer(r->last_week));
        json_object_set_new(f, "last_month", json_integer(r->last_month));
        json_t *daily = json_array();
        for (size_t i = 0; i < r->ndaily; i++)
            json_array_append_new(daily, json_integer(r->daily[i]));
        json_object_set_new(f, "daily", daily);
        json_object_set_new(f, "series_end", opt_string(r->series_end));
        json_object_set_new(f, "period", opt_string(r->period));
        json_object_set_new(f, "url", opt_string(r->url));
        json_object_set_new(f, "fetched_at", time_json(r->fetched_at));
        json_object_set_new(o, "figures", f);
    } else {
        json_object_set_new(o, "figures", json_null());
    }
    char *text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        die("out of memory");
    char *copy = xasprintf("%s\n", text);
    free(text);
    return copy;
}

/* Field readers: each returns an error message (static) or NULL. */
static const char *get_string(json_t *o, const char *key, bool nullable, char **out)
{
    json_t *v = json_object_get(o, key);
    if (nullable && (!v || json_is_null(v))) {
        *out = NULL;
        return NULL;
    }
    /* No control or bidi character: these fields reach the screen and exports. */
    if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > 4096 ||
        strlen(json_string_value(v)) != json_string_length(v) || safetext_has_control(json_string_value(v)))
        return key;
    *out = xstrdup(json_string_value(v));
    return NULL;
}

static const char *get_time(json_t *o, const char *key, time_t *out)
{
    json_t *v = json_object_get(o, key);
    *out = 0;
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v) || !iso_to_time(json_string_value(v), out))
        return key;
    return NULL;
}

/* Where a bad count sits: its key, and its place in a list (-1: none). */
typedef struct BadCount {
    const char *key;
    long index;
} BadCount;

static const char *get_count(json_t *o, const char *key, long long *out, BadCount *bc)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return key;
    if (json_integer_value(v) > CACHE_COUNT_MAX) {
        bc->key = key;
        bc->index = -1;
        return key;
    }
    *out = json_integer_value(v);
    return NULL;
}

static const char *read_figures(json_t *f, CacheRecord *r, BadCount *bc)
{
    const char *bad;
    if ((bad = get_count(f, "last_week", &r->last_week, bc)) ||
        (bad = get_count(f, "last_month", &r->last_month, bc)))
        return bad;
    json_t *daily = json_object_get(f, "daily");
    if (!json_is_array(daily) || json_array_size(daily) > CACHE_SERIES_MAX)
        return "daily";
    size_t n = json_array_size(daily);
    if (n) {
        r->daily = xcalloc(n, sizeof *r->daily);
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(daily, i);
            if (!json_is_integer(v) || json_integer_value(v) < 0)
                return "daily";
            if (json_integer_value(v) > CACHE_COUNT_MAX) {
                bc->key = "daily";
                bc->index = (long)i;
                return "daily";
            }
            r->daily[i] = json_integer_value(v);
        }
        r->ndaily = n;
    }
    if ((bad = get_string(f, "series_end", true, &r->series_end)) || (bad = get_string(f, "period", true, &r->period)) ||
        (bad = get_string(f, "url", true, &r->url)) || (bad = get_time(f, "fetched_at", &r->fetched_at)))
        return bad;
    if (r->fetched_at == 0)
        return "fetched_at";
    r->has_figures = true;
    return NULL;
}

/* LINE:COLUMN (1-based) of the value of "key" in text, or of its
 * index-th element when index >= 0: jansson keeps no positions, and the
 * records are flat enough to find a value by its key. 0:0 when not found. */
static void locate(const char *text, size_t len, const char *key, long index, int *line, int *col)
{
    *line = *col = 0;
    char *quoted = xasprintf("\"%s\"", key);
    size_t ql = strlen(quoted), at = len;
    for (size_t i = 0; i + ql <= len; i++)
        if (memcmp(text + i, quoted, ql) == 0) {
            at = i + ql;
            break;
        }
    free(quoted);
    while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r' ||
                        text[at] == ':'))
        at++;
    if (index >= 0 && at < len && text[at] == '[') {
        at++;
        for (long k = 0; k < index && at < len; at++)
            if (text[at] == ',')
                k++;
        while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
            at++;
    }
    if (at >= len)
        return;
    *line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < at; i++)
        if (text[i] == '\n') {
            (*line)++;
            bol = i + 1;
        }
    *col = (int)(at - bol) + 1;
}

int cache_record_from_json(const char *text, size_t len, CacheRecord *out, char **err)
{
    BadCount bc = { NULL, -1 };
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) {
        *err = xasprintf("%d:%d: malformed JSON: %s", jerr.line, jerr.column, jerr.text);
        return -1;
    }
    const char *bad = NULL;
    json_t *ver = json_object_get(o, "versus_cache");
    char *status = NULL;
    if (!json_is_object(o))
        bad = "the record";
    else if (!json_is_integer(ver) || json_integer_value(ver) != CACHE_FORMAT_VERSION)
        bad = "versus_cache";
    else if (!(bad = get_string(o, "ecosystem", false, &out->ecosystem)) &&
             !(bad = get_string(o, "package", false, &out->package)) &&
             !(bad = get_string(o, "status", false, &status)) && !(bad = get_string(o, "detail", true, &out->detail)) &&
             !(bad = get_time(o, "checked_at", &out->checked_at)) && !(bad = get_time(o, "retry_at", &out->retry_at))) {
        if (!stat_status_from_name(status, &out->status) || !status_recorded(out->status))
            bad = "status";
        json_t *f = json_object_get(o, "figures");
        if (!bad && f && !json_is_null(f))
            bad = json_is_object(f) ? read_figures(f, out, &bc) : "figures";
        if (!bad && out->status == STAT_OK && !out->has_figures)
            bad = "figures";
    }
    free(status);
    json_decref(o);
    int line = 0, col = 0;
    if (bad && bc.key)
        locate(text, len, bc.key, bc.index, &line, &col);
    if (bad && line > 0) {
        *err = xasprintf("%d:%d: implausible download count in '%s' (more than 10^13)", line, col, bc.key);
        cache_record_clear(out);
        return -1;
    }
    if (bad) {
        *err = xasprintf("invalid or missing '%s'", bad);
        cache_record_clear(out);
        return -1;
    }
    return 0;
}

int cache_read(const char *dir, const char *ecosystem, const char *package, CacheRecord *out, char **err)
{
    memset(out, 0, sizeof *out);
    char *path = cache_record_path(dir, ecosystem, package);
    struct stat st;
    if (lstat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT) {
            free(path);
            return 0;
        }
        *err = xasprintf("%s: %s", path, strerror(e));
        free(path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = xasprintf("%s: not a regular file", path);
        free(path);
        return -1;
    }
    char *text = NULL;
    size_t len = 0;
    if (file_read_own(path, CACHE_RECORD_MAX_BYTES, &text, &len, err) != 0) {
        free(path);
        return -1;
    }
    char *why = NULL;
    int rc = cache_record_from_json(text, len, out, &why);
    free(text);
    if (rc == 0 && (strcmp(out->ecosystem, ecosystem) != 0 || strcmp(out->package, package) != 0)) {
        why = xstrdup("the record is for another package");
        cache_record_clear(out);
        rc = -1;
    }
    if (rc != 0) {
        /* "PATH:LINE:COLUMN: message" when the reason has a place */
        *err = xasprintf("%s:%s%s", path, why[0] >= '0' && why[0] <= '9' ? "" : " ", why);
        free(why);
        free(path);
        return -1;
    }
    free(path);
    return 1;
}

int cache_write(const char *dir, const CacheRecord *r, char **err)
{
    if (dir_create_all(dir, 0700, err) != 0)
        return -1;
    char *path = cache_record_path(dir, r->ecosystem, r->package);
    char *text = cache_record_to_json(r);
    int rc = file_write_cache(path, text, strlen(text), 0600, err);
    free(text);
    free(path);
    return rc;
}

void cache_apply(const CacheRecord *r, PackageStat *st, time_t now, long daily_update_s)
{
    if (r->has_figures) {
        stat_set_series(st, r->daily, r->ndaily, r->series_end);
        stat_set_period(st, r->period);
        stat_set_origin(st, r->url);
        st->fetched_at = r->fetched_at;
        st->source = STAT_SOURCE_CACHE;
        bool fresh = now >= r->fetched_at && now < stats_next_update(r->fetched_at, daily_update_s);
        st->status = fresh ? STAT_OK : STAT_STALE;
        st->retry_at = 0;
        stat_set_detail(st, NULL);
        stat_set_downloads(st, r->last_week, r->last_month);
    }
    if (r->status == STAT_NOT_FOUND) {
        st->status = STAT_NOT_FOUND;
        stat_set_detail(st, r->detail ? r->detail : "not found");
    } else if (r->status == STAT_RATE_LIMITED && r->retry_at > now) {
        st->status = STAT_RATE_LIMITED;
        st->retry_at = r->retry_at;
        stat_set_detail(st, r->detail);
    }
}

/* How far ahead of now a record's own time may be (clocks drift). */
#define CACHE_CLOCK_SLACK_S 300

time_t cache_trusted_retry_at(const CacheRecord *r, time_t now, long max_wait_s)
{
    if (r->retry_at <= 0 || r->checked_at <= 0 || r->checked_at > now + CACHE_CLOCK_SLACK_S)
        return 0;
    time_t latest = r->checked_at + max_wait_s;
    return r->retry_at < latest ? r->retry_at : latest;
}

void cache_record_set_figures(CacheRecord *r, const PackageStat *st)
{
    free(r->daily);
    r->daily = NULL;
    r->ndaily = 0;
    if (st->ndaily) {
        r->daily = xcalloc(st->ndaily, sizeof *r->daily);
        memcpy(r->daily, st->daily, st->ndaily * sizeof *r->daily);
        r->ndaily = st->ndaily;
    }
    r->has_figures = true;
    r->last_week = stat_number(st, FIG_DOWNLOADS_WEEK);
    r->last_month = stat_number(st, FIG_DOWNLOADS_MONTH);
    free(r->series_end);
    r->series_end = st->series_end ? xstrdup(st->series_end) : NULL;
    free(r->period);
    r->period = st->period ? xstrdup(st->period) : NULL;
    free(r->url);
    r->url = st->origin ? xstrdup(st->origin) : NULL;
    r->fetched_at = st->fetched_at;
}
