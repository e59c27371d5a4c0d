/* fetcher.c: live download counts with libcurl's multi interface, driven
 * from the caller's event loop; per-host connection caps and rate limits,
 * per-package results, and the disk cache kept in step (see fetcher.h). */
#include "fetch/fetcher.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cache/evidence_cache.h"
#include "core/ecosystem.h"
#include "fetch/parse_eol.h"
#include "core/day.h"
#include "core/ecosystem.h"
#include "fetch/curl_lib.h"
#include "fetch/parse.h"
#include "fetch/plan.h"
#include "fetch/ratelimit.h"
#include "fetch/source_ops.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#ifndef VERSUS_VERSION
#define VERSUS_VERSION "0"
#endif

/* For a package no source serves: the services seen so far update around 01:00 UTC. */
#define DAILY_UPDATE_DEFAULT_S 3600L
#define RETRY_AFTER_MAX_S 86400L
#define WAIT_FOREVER_MS (3600 * 1000L)

/* One evidence package: a stats entry and how to ask for it. */
typedef struct Job {
    char *ecosystem;
    char *package;    /* as written in the data: the stats and cache key */
    char *name;       /* as sent (core/ecosystem.h; PyPI: normalised); NULL when refused */
    int host;         /* index into hosts, -1 when no source serves it */
    time_t fresh_at;  /* when the last good answer came (0: never) */
    bool active;      /* queued in the current refresh, not finished yet */
    int history_days; /* the longest history asked for in this process (0: none) */
} Job;

/* One runtime product or evidence package of an evidence source (support
 * windows, package health), asked in the steps its row says. */
typedef struct EJob {
    SourceKind kind;
    char *ecosystem;  /* health: the package's; support: NULL */
    char *key;        /* the product, or the package as written in the data */
    char *name;       /* as sent; NULL when refused */
    int host;
    time_t fresh_at;  /* when the last good or not-found answer came (0: never) */
    time_t retry_at;  /* rate-limited: not asked before this time; else 0 */
    bool active;
    EvidenceWork w;   /* what this refresh has read so far */
    char *origin;     /* the URL the main figures came from */
    char *body;       /* support: that reply, for the cache */
    size_t blen;
} EJob;

typedef struct Request {
    struct Request *next;
    int host;
    int ejob;     /* index into ejobs for an evidence request; -1: downloads */
    char *url;
    char **names; /* as sent, no duplicates */
    size_t nnames;
    CURL *easy;
    char *body;
    size_t len, cap;
    size_t max;
    bool too_big;
    long first_day, last_day; /* a history request's days; 0 for a refresh */
    struct Request *then; /* history: the same names' older days, asked once this reply is in */
    char errbuf[CURL_ERROR_SIZE];
} Request;

typedef struct Host {
    const Source *src;
    const SourceOps *ops; /* its protocol's row */
    char *base;         /* base URL in use (environment override applied) */
    char *refused;      /* why base is not used, or NULL */
    bool loopback_http; /* http:// to 127.0.0.1 and the like: tests only */
    RateLimit rl;
    int active;
    time_t blocked_until; /* the server asked us to back off until then */
    long latest_day;      /* ops->shared_latest_day: the service's latest day seen (days since 1970), 0: none */
    char *down;           /* this refresh: the host was unreachable (why) */
    Request *head, *tail; /* waiting requests */
} Host;

struct Fetcher {
    StatsTable *stats;
    Sources *sources;
    Host *hosts;
    size_t nhosts;
    char *cache_dir; /* NULL: no cache */
    bool offline;
    Job *jobs;
    size_t njobs;
    RuntimeTable *runtimes; /* borrowed; NULL until fetcher_add_evidence */
    HealthTable *health;
    EJob *ejobs;
    size_t nejobs;
    const CurlLib *curl; /* NULL until the first refresh loads libcurl */
    const char *curl_missing; /* why it could not be loaded */
    CURLM *multi;
    struct curl_slist *headers;
    bool curl_ready;
    Request *inflight;
    size_t done, total;
    size_t offline_results; /* of the last refresh */
    size_t results[STAT_ERROR + 1]; /* the last refresh's packages by how they ended */
    bool refreshed;         /* a refresh ran in this process */
    const Clock *clock;     /* borrowed */
    void (*on_start)(void *user, const char *url, long long at_ms);
    void *user;
    char *history_error;    /* why the last history fetch fell short, or NULL */
};

/* The fetcher's clock (FetchOptions.clock): every time it reads. */
static long long now_ms(const Fetcher *f) { return f->clock->mono_ms(f->clock->ctx); }
static time_t wall_now(const Fetcher *f) { return f->clock->wall(f->clock->ctx); }

/* ---- hosts and base URLs ---- */

/* What may follow a host: nothing, a path, or a port of 1..65535 digits. */
static bool host_end_ok(const char *p)
{
    if (*p == '\0' || *p == '/')
        return true;
    if (*p++ != ':')
        return false;
    long port = 0;
    size_t digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 6) {
        port = port * 10 + (*p++ - '0');
        digits++;
    }
    return digits > 0 && port >= 1 && port <= 65535 && (*p == '\0' || *p == '/');
}

bool fetcher_host_is_loopback(const char *rest)
{
    if (strncmp(rest, "[::1]", 5) == 0)
        return host_end_ok(rest + 5);
    if (strncmp(rest, "localhost", 9) == 0 && host_end_ok(rest + 9))
        return true;
    /* Exactly four decimal parts 0..255, the first 127: "127.0.0.1." or
     * "127.1" would go to a resolver, and "127.0.0.010" reads as octal to
     * some. */
    const char *p = rest;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && *p++ != '.')
            return false;
        if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
            return false;
        int value = 0, digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 4) {
            value = value * 10 + (*p++ - '0');
            digits++;
        }
        if (value > 255 || (part == 0 && value != 127))
            return false;
    }
    return host_end_ok(p);
}

static void host_resolve_base(Host *h)
{
    const char *env = h->src->base_url_env ? getenv(h->src->base_url_env) : NULL;
    char *base = xstrdup(env && *env ? env : h->src->base_url);
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        base[--n] = '\0';
    const char *what = env && *env ? h->src->base_url_env : "base_url";
    bool bad_char = false;
    for (const char *p = base; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '?' || *p == '#' || *p == '@' || *p == '\\')
            bad_char = true;
    if (strncmp(base, "https://", 8) == 0 && base[8] && base[8] != '/' && !bad_char) {
        h->base = base;
    } else if (strncmp(base, "http://", 7) == 0 && !bad_char && fetcher_host_is_loopback(base + 7)) {
        h->base = base;
        h->loopback_http = true;
    } else {
        h->refused = bad_char || (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0)
                         ? xasprintf("%s is not a usable URL", what)
                         : xasprintf("%s: plain http only to a loopback address", what);
        free(base);
    }
}

/* ---- jobs ---- */

static int host_for(const Fetcher *f, const char *ecosystem)
{
    for (size_t i = 0; i < f->nhosts; i++)
        if (f->hosts[i].ops->kind == SOURCE_KIND_DOWNLOADS && strcmp(f->hosts[i].src->ecosystem, ecosystem) == 0)
            return (int)i;
    return -1;
}

static long daily_update_of(const Fetcher *f, const Job *j)
{
    return j->host >= 0 ? f->hosts[j->host].src->daily_update_s : DAILY_UPDATE_DEFAULT_S;
}

static void load_cached(Fetcher *f, Job *j, PackageStat *st, time_t now)
{
    if (!f->cache_dir)
        return;
    CacheRecord rec;
    char *err = NULL;
    int rc = cache_read(f->cache_dir, j->ecosystem, j->package, &rec, &err);
    if (rc < 0) {
        /* Refused (an implausible count, a broken file): none of it is
         * shown, the package says why, and a good fetch replaces it. */
        char *detail = xasprintf("cache record refused: %s", err);
        st->status = STAT_ERROR;
        stat_set_detail(st, detail);
        free(detail);
    }
    free(err);
    if (rc != 1)
        return;
    /* The record's own word on how long to wait is held to what the source
     * could ever have asked for. */
    long longest = RETRY_AFTER_MAX_S;
    if (j->host >= 0 && f->hosts[j->host].src->backoff_s > longest)
        longest = f->hosts[j->host].src->backoff_s;
    rec.retry_at = cache_trusted_retry_at(&rec, now, longest);
    cache_apply(&rec, st, now, daily_update_of(f, j));
    long end;
    if (j->host >= 0 && f->hosts[j->host].ops->shared_latest_day && rec.has_figures &&
        rec.series_end && parse_day(rec.series_end, &end) && end <= day_of_time(now) &&
        end > f->hosts[j->host].latest_day)
        f->hosts[j->host].latest_day = end;
    if (rec.status == STAT_NOT_FOUND)
        j->fresh_at = rec.checked_at;
    else if (rec.has_figures)
        j->fresh_at = rec.fetched_at;
    cache_record_clear(&rec);
}

/* Adds a job for every stats entry that has none yet (entries only grow). */
static void sync_jobs(Fetcher *f, time_t now)
{
    for (size_t i = f->njobs; i < f->stats->count; i++) {
        PackageStat *st = &f->stats->items[i];
        f->jobs = xreallocarray(f->jobs, f->njobs + 1, sizeof *f->jobs);
        Job *j = &f->jobs[f->njobs++];
        memset(j, 0, sizeof *j);
        j->ecosystem = xstrdup(st->ecosystem);
        j->package = xstrdup(st->package);
        j->host = host_for(f, st->ecosystem);
        if (j->host >= 0)
            j->name = package_name_to_send(st->ecosystem, st->package);
        load_cached(f, j, st, now);
    }
}

/* ---- public: creation and release ---- */

Fetcher *fetcher_new(const Dataset *ds, StatsTable *stats, Sources *sources,
                     const FetchOptions *opts)
{
    if (!sources)
        sources = sources_new();
    Fetcher *f = xcalloc(1, sizeof *f);
    f->stats = stats;
    f->sources = sources;
    f->offline = opts->offline;
    f->clock = clock_system();
    f->on_start = opts->on_start;
    f->user = opts->user;
    f->cache_dir = opts->cache_dir ? xstrdup(opts->cache_dir) : cache_default_dir();
    f->nhosts = sources->count;
    f->hosts = xcalloc(f->nhosts ? f->nhosts : 1, sizeof *f->hosts);
    for (size_t i = 0; i < f->nhosts; i++) {
        Host *h = &f->hosts[i];
        h->src = &sources->items[i];
        h->ops = source_ops(h->src->protocol);
        host_resolve_base(h);
        ratelimit_init(&h->rl, h->src->per_second, h->src->per_minute, h->src->interval_ms);
    }
    if (opts->clock) {
        bool loopback = true;
        for (size_t i = 0; i < f->nhosts; i++)
            loopback = loopback && f->hosts[i].loopback_http;
        if (loopback || !opts->clock_loopback_only)
            f->clock = opts->clock;
    }
    if (ds)
        stats_add_evidence(stats, ds);
    sync_jobs(f, wall_now(f));
    return f;
}

void fetcher_set_offline(Fetcher *f, bool offline) { f->offline = offline; }

static void request_free(Request *r)
{
    if (!r)
        return;
    free(r->url);
    for (size_t i = 0; i < r->nnames; i++)
        free(r->names[i]);
    free(r->names);
    free(r->body);
    request_free(r->then);
    free(r);
}

void fetcher_free(Fetcher *f)
{
    if (!f)
        return;
    for (Request *r = f->inflight, *next; r; r = next) {
        next = r->next;
        f->curl->multi_remove_handle(f->multi, r->easy);
        f->curl->easy_cleanup(r->easy);
        request_free(r);
    }
    for (size_t i = 0; i < f->nhosts; i++) {
        Host *h = &f->hosts[i];
        for (Request *r = h->head, *next; r; r = next) {
            next = r->next;
            request_free(r);
        }
        free(h->base);
        free(h->refused);
        free(h->down);
        ratelimit_free(&h->rl);
    }
    free(f->hosts);
    for (size_t i = 0; i < f->njobs; i++) {
        free(f->jobs[i].ecosystem);
        free(f->jobs[i].package);
        free(f->jobs[i].name);
    }
    free(f->jobs);
    for (size_t i = 0; i < f->nejobs; i++) {
        EJob *j = &f->ejobs[i];
        evidence_work_clear(&j->w);
        free(j->ecosystem);
        free(j->key);
        free(j->name);
        free(j->origin);
        free(j->body);
    }
    free(f->ejobs);
    if (f->multi)
        f->curl->multi_cleanup(f->multi);
    if (f->curl)
        f->curl->slist_free_all(f->headers);
    if (f->curl_ready)
        f->curl->global_cleanup();
    sources_free(f->sources);
    free(f->cache_dir);
    free(f->history_error);
    free(f);
}

/* ---- results ---- */

static void cache_store(Fetcher *f, const Job *j, const PackageStat *st, time_t now)
{
    if (!f->cache_dir)
        return;
    CacheRecord rec;
    memset(&rec, 0, sizeof rec);
    rec.ecosystem = xstrdup(j->ecosystem);
    rec.package = xstrdup(j->package);
    rec.status = st->status;
    rec.detail = st->detail ? xstrdup(st->detail) : NULL;
    rec.checked_at = now;
    rec.retry_at = st->status == STAT_RATE_LIMITED ? st->retry_at : 0;
    /* Figures in a live or cached stat are the last good ones: failures
     * never overwrite them, so the record keeps them too. */
    if (st->source == STAT_SOURCE_LIVE || st->source == STAT_SOURCE_CACHE)
        cache_record_set_figures(&rec, st);
    char *err = NULL;
    (void)cache_write(f->cache_dir, &rec, &err); /* a read-only cache costs only the next start's head start */
    free(err);
    cache_record_clear(&rec);
}

static void job_finish(Fetcher *f, Job *j, StatStatus how)
{
    if (j->active) {
        j->active = false;
        f->done++;
        f->results[how]++;
    }
}

/* A failure: the figures stay as they were, only the status changes. */
static void job_fail(Fetcher *f, Job *j, StatStatus status, const char *detail, time_t retry_at, time_t now)
{
    PackageStat *st = stats_find(f->stats, j->ecosystem, j->package);
    if (st) {
        st->status = status;
        stat_set_detail(st, detail);
        st->retry_at = status == STAT_RATE_LIMITED ? retry_at : 0;
        if (status == STAT_NOT_FOUND)
            j->fresh_at = now;
        if (status == STAT_NOT_FOUND || status == STAT_RATE_LIMITED)
            cache_store(f, j, st, now);
    }
    if (status == STAT_OFFLINE)
        f->offline_results++;
    job_finish(f, j, status);
}

static void job_succeed(Fetcher *f, Job *j, const PackageResult *r, const char *url, time_t now)
{
    PackageStat *st = stats_find(f->stats, j->ecosystem, j->package);
    if (st) {
        /* A service that keeps a longer history: the days fetched for a
         * chart stay, the new ones put in front of them. */
        bool keeps = j->host >= 0 && f->hosts[j->host].ops->plan_history &&
                     (st->source == STAT_SOURCE_LIVE || st->source == STAT_SOURCE_CACHE) && r->last_day[0];
        if (!keeps || !stat_merge_series(st, r->daily, r->ndaily, r->last_day))
            stat_set_series(st, r->daily, r->ndaily, r->last_day[0] ? r->last_day : NULL);
        if (r->first_day[0]) {
            char *period = xasprintf("%s..%s", r->first_day, r->last_day);
            stat_set_period(st, period);
            free(period);
        } else {
            stat_set_period(st, NULL);
        }
        stat_set_origin(st, url);
        st->source = STAT_SOURCE_LIVE;
        st->fetched_at = now;
        st->status = STAT_OK;
        st->retry_at = 0;
        stat_set_detail(st, NULL);
        stat_set_downloads(st, r->last_week, r->last_month);
        j->fresh_at = now;
        cache_store(f, j, st, now);
    }
    job_finish(f, j, STAT_OK);
}

/* A service whose series share one latest day (ops->shared_latest_day:
 * pypistats sends no row for a day without downloads) has each project's
 * figures measured back from that day. When a reply
 * shows that day is later than thought, the figures fetched earlier in
 * this run that end before it are moved up to it, the days between
 * counting 0, and cached again. */
static void host_raise_latest(Fetcher *f, int host, long latest, time_t now)
{
    Host *h = &f->hosts[host];
    if (latest <= h->latest_day)
        return;
    h->latest_day = latest;
    for (size_t i = 0; i < f->njobs; i++) {
        Job *j = &f->jobs[i];
        PackageStat *st = j->host == host ? stats_find(f->stats, j->ecosystem, j->package) : NULL;
        long end;
        if (!st || st->source != STAT_SOURCE_LIVE || !st->ndaily || !st->series_end ||
            !parse_day(st->series_end, &end) || end >= latest)
            continue;
        size_t n = st->ndaily, shift = (size_t)(latest - end);
        long long *d = xcalloc(n, sizeof *d);
        long long week = 0, month = 0;
        for (size_t k = 0; k < n; k++) {
            d[k] = k + shift < n ? st->daily[k + shift] : 0;
            if (n - k <= PARSE_WEEK_DAYS)
                (void)stat_count_add(&week, d[k]); /* parts of sums already checked */
            if (n - k <= PARSE_MONTH_DAYS)
                (void)stat_count_add(&month, d[k]);
        }
        char first_s[11], last_s[11];
        format_day(latest - (long)(n - 1), first_s);
        format_day(latest, last_s);
        stat_set_series(st, d, n, last_s);
        free(d);
        char *period = xasprintf("%s..%s", first_s, last_s);
        stat_set_period(st, period);
        free(period);
        stat_set_downloads(st, week, month);
        cache_store(f, j, st, now);
    }
}

/* Calls fn on every active job of host h asked for under name. */
static void for_name(Fetcher *f, int host, const char *name,
                     void (*fn)(Fetcher *, Job *, void *), void *arg)
{
    for (size_t i = 0; i < f->njobs; i++) {
        Job *j = &f->jobs[i];
        if (j->active && j->host == host && j->name && strcmp(j->name, name) == 0)
            fn(f, j, arg);
    }
}

typedef struct FailArg {
    StatStatus status;
    const char *detail;
    time_t retry_at;
    time_t now;
} FailArg;

static void fail_cb(Fetcher *f, Job *j, void *arg)
{
    const FailArg *a = arg;
    job_fail(f, j, a->status, a->detail, a->retry_at, a->now);
}

typedef struct OkArg {
    const PackageResult *r;
    const char *url;
    time_t now;
} OkArg;

static void ok_cb(Fetcher *f, Job *j, void *arg)
{
    const OkArg *a = arg;
    job_succeed(f, j, a->r, a->url, a->now);
}

static void ejob_fail(Fetcher *f, EJob *j, StatStatus status, const char *detail, time_t retry_at, time_t now);
static void ejob_reply(Fetcher *f, Request *r, CURLcode rc);

/* A history request that fell short: the figures a refresh brought stay
 * as they are, with their status; the chart says why it has no more. */
static void history_fail(Fetcher *f, const char *detail)
{
    free(f->history_error);
    f->history_error = xstrdup(detail ? detail : "error");
}

static void request_fail(Fetcher *f, Request *r, StatStatus status, const char *detail, time_t retry_at)
{
    if (r->ejob >= 0) {
        ejob_fail(f, &f->ejobs[r->ejob], status, detail, retry_at, wall_now(f));
        return;
    }
    if (r->last_day) {
        history_fail(f, detail);
        return;
    }
    FailArg a = { status, detail, retry_at, wall_now(f) };
    for (size_t i = 0; i < r->nnames; i++)
        for_name(f, r->host, r->names[i], fail_cb, &a);
}

/* ---- requests ---- */

static Request *request_new(int host, const char *base, const PlannedRequest *p, char *const *names)
{
    Request *r = xcalloc(1, sizeof *r);
    r->host = host;
    r->ejob = -1;
    r->url = xasprintf("%s%s", base, p->path);
    r->names = xcalloc(p->nitems, sizeof *r->names);
    for (size_t i = 0; i < p->nitems; i++)
        r->names[i] = xstrdup(names[p->items[i]]);
    r->nnames = p->nitems;
    r->first_day = p->first_day;
    r->last_day = p->last_day;
    return r;
}

static void queue_push(Host *h, Request *r, bool front)
{
    if (front) {
        r->next = h->head;
        h->head = r;
        if (!h->tail)
            h->tail = r;
        return;
    }
    r->next = NULL;
    if (h->tail)
        h->tail->next = r;
    else
        h->head = r;
    h->tail = r;
}

static Request *queue_pop(Host *h)
{
    Request *r = h->head;
    if (r) {
        h->head = r->next;
        if (!h->head)
            h->tail = NULL;
        r->next = NULL;
    }
    return r;
}

static size_t write_body(char *data, size_t size, size_t nmemb, void *user)
{
    Request *r = user;
    size_t n = size * nmemb;
    if (n > r->max - r->len) {
        r->too_big = true;
        return 0; /* aborts the transfer */
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + n + 1)
            cap *= 2;
        r->body = xrealloc(r->body, cap);
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return n;
}

static bool ensure_curl(Fetcher *f)
{
    if (f->multi)
        return true;
    if (!f->curl) {
        f->curl = curl_lib_get(&f->curl_missing);
        if (!f->curl)
            return false;
    }
    if (!f->curl_ready) {
        if (f->curl->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return false;
        f->curl_ready = true;
    }
    f->multi = f->curl->multi_init();
    if (!f->multi)
        return false;
    /* Room in the connection cache for every host's connections at once:
     * by default it holds four per transfer under way, so one busy host
     * would push another's idle connection out, and the next request to
     * that host (npm asks every 2 s) would connect again. */
    long keep = 2;
    for (size_t i = 0; i < f->nhosts; i++)
        keep += f->hosts[i].src->connections;
    f->curl->multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, keep);
    f->headers = f->curl->slist_append(NULL, "Accept: application/json");
    return true;
}

/* NULL when the transfer is under way, else why it could not start. */
static const char *request_start(Fetcher *f, Host *h, Request *r)
{
    CURL *e = f->curl->easy_init();
    if (!e)
        return "cannot start a transfer";
    const Source *src = h->src;
    r->max = src->max_response;
    /* libcurl is loaded at run time, so nothing ties it to the headers this
     * was built with: the options that keep a fetch safe (only the expected
     * scheme, certificates checked) must be accepted, or nothing is sent. */
    bool guarded = f->curl->easy_setopt(e, CURLOPT_URL, r->url) == CURLE_OK;
    f->curl->easy_setopt(e, CURLOPT_PRIVATE, r);
    f->curl->easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
    f->curl->easy_setopt(e, CURLOPT_WRITEDATA, r);
    f->curl->easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
    f->curl->easy_setopt(e, CURLOPT_USERAGENT, "versus/" VERSUS_VERSION);
    f->curl->easy_setopt(e, CURLOPT_HTTPHEADER, f->headers);
    guarded = guarded && f->curl->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
    guarded = guarded && f->curl->easy_setopt(e, CURLOPT_PROTOCOLS_STR,
                                              h->loopback_http ? "http" : "https") == CURLE_OK;
#else
    guarded = guarded && f->curl->easy_setopt(e, CURLOPT_PROTOCOLS,
                                              (long)(h->loopback_http ? CURLPROTO_HTTP : CURLPROTO_HTTPS)) ==
                             CURLE_OK;
#endif
    guarded = guarded && f->curl->easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
    guarded = guarded && f->curl->easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
    if (!guarded) {
        f->curl->easy_cleanup(e);
        return "libcurl refused a safety option (too old?)";
    }
    if (h->loopback_http)
        f->curl->easy_setopt(e, CURLOPT_NOPROXY, "*");
    f->curl->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    f->curl->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, src->connect_timeout_ms);
    f->curl->easy_setopt(e, CURLOPT_TIMEOUT_MS, src->timeout_ms);
    f->curl->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)src->max_response);
    f->curl->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    if (f->curl->multi_add_handle(f->multi, e) != CURLM_OK) {
        f->curl->easy_cleanup(e);
        return "cannot start a transfer";
    }
    r->easy = e;
    if (f->on_start)
        f->on_start(f->user, r->url, now_ms(f));
    r->next = f->inflight;
    f->inflight = r;
    h->active++;
    return NULL;
}

static void inflight_remove(Fetcher *f, Request *r)
{
    for (Request **p = &f->inflight; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            r->next = NULL;
            return;
        }
}

/* Starts what the limits allow; finishes at once what cannot be asked
 * (host refused, unreachable or under backoff). Returns true when a stat
 * changed; *next_ms is lowered to when a waiting request may start. */
static bool pump(Fetcher *f, long long *next_ms)
{
    bool changed = false;
    time_t now = wall_now(f);
    for (size_t i = 0; i < f->nhosts; i++) {
        Host *h = &f->hosts[i];
        while (h->head) {
            if (h->blocked_until > now || h->down) {
                Request *r = queue_pop(h);
                if (h->down)
                    request_fail(f, r, STAT_OFFLINE, h->down, 0);
                else
                    request_fail(f, r, STAT_RATE_LIMITED, "waiting out the server's backoff", h->blocked_until);
                request_free(r);
                changed = true;
                continue;
            }
            if (h->active >= h->src->connections)
                break;
            long long t = now_ms(f), at = ratelimit_next(&h->rl, t);
            if (at > t) {
                if (*next_ms < 0 || at < *next_ms)
                    *next_ms = at;
                break;
            }
            Request *r = queue_pop(h);
            ratelimit_take(&h->rl, t);
            const char *why = request_start(f, h, r);
            if (why) {
                request_fail(f, r, STAT_ERROR, why, 0);
                request_free(r);
                changed = true;
            }
        }
    }
    return changed;
}

static const char *transport_reason(const Fetcher *f, CURLcode rc, StatStatus *status)
{
    *status = STAT_ERROR;
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        *status = STAT_OFFLINE;
        return "cannot resolve host";
    case CURLE_COULDNT_CONNECT:
        *status = STAT_OFFLINE;
        return "cannot connect";
    case CURLE_OPERATION_TIMEDOUT:
        return "timed out";
    case CURLE_PARTIAL_FILE:
        return "reply cut short";
    case CURLE_GOT_NOTHING:
        return "empty reply";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return "connection broken";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return "TLS certificate not trusted";
    case CURLE_SSL_CONNECT_ERROR:
        return "TLS handshake failed";
    case CURLE_UNSUPPORTED_PROTOCOL:
        return "protocol not allowed";
    case CURLE_TOO_MANY_REDIRECTS:
        return "redirected";
    case CURLE_BAD_CONTENT_ENCODING:
        return "bad content encoding";
    default:
        return f->curl->easy_strerror(rc);
    }
}

/* The replies to a history request: each package's older days put behind
 * the ones it has and cached; a failure leaves the figures and their
 * status alone (a rate limit still holds the host back). */
static bool history_results(Fetcher *f, Request *r, PackageResult *res, curl_off_t retry_after, time_t now)
{
    Host *h = &f->hosts[r->host];
    bool all = true;
    char last[11];
    format_day(r->last_day, last);
    for (size_t i = 0; i < r->nnames; i++) {
        PackageResult *p = &res[i];
        if (p->outcome == FETCH_OK &&
            (strcmp(p->last_day, last) != 0 || p->ndaily != (size_t)(r->last_day - r->first_day + 1))) {
            history_fail(f, "a history reply for other days than asked");
            all = false;
        } else if (p->outcome == FETCH_OK) {
            for (size_t k = 0; k < f->njobs; k++) {
                Job *j = &f->jobs[k];
                PackageStat *st = j->host == r->host && j->name && strcmp(j->name, r->names[i]) == 0
                                      ? stats_find(f->stats, j->ecosystem, j->package)
                                      : NULL;
                if (st && (st->source == STAT_SOURCE_LIVE || st->source == STAT_SOURCE_CACHE) &&
                    stat_merge_series(st, p->daily, p->ndaily, p->last_day))
                    cache_store(f, j, st, now);
            }
        } else {
            if (p->outcome == FETCH_RATE_LIMITED) {
                long wait = retry_after > 0 ? (long)(retry_after < RETRY_AFTER_MAX_S ? retry_after : RETRY_AFTER_MAX_S)
                                            : h->src->backoff_s;
                if (now + wait > h->blocked_until)
                    h->blocked_until = now + wait;
            }
            history_fail(f, p->detail ? p->detail : "error");
            all = false;
        }
        package_result_clear(p);
    }
    return all;
}

/* What every finished transfer passes before its body is parsed: a reply
 * over the size cap, a transport failure (an unreachable host is marked
 * down for the rest of the refresh) or a redirect fails, returned as its
 * words with *status (caller frees); otherwise NULL, with *reply and
 * *retry_after read from the transfer. */
static char *transfer_reply(Fetcher *f, Request *r, Host *h, CURLcode rc, HttpReply *reply,
                            curl_off_t *retry_after, StatStatus *status)
{
    *status = STAT_ERROR;
    *retry_after = -1;
    if (rc == CURLE_FILESIZE_EXCEEDED || (rc == CURLE_WRITE_ERROR && r->too_big))
        return xasprintf("reply larger than %zu KiB", r->max / 1024);
    if (rc != CURLE_OK) {
        const char *why = transport_reason(f, rc, status);
        if (*status == STAT_OFFLINE && !h->down)
            h->down = xstrdup(why); /* no use asking an unreachable host again this refresh */
        return xstrdup(why);
    }
    long code = 0;
    char *ctype = NULL;
    f->curl->easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    f->curl->easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ctype);
#if LIBCURL_VERSION_NUM >= 0x074200
    f->curl->easy_getinfo(r->easy, CURLINFO_RETRY_AFTER, retry_after);
#endif
    if (code >= 300 && code < 400)
        return xstrdup("redirected (not followed)");
    *reply = (HttpReply){ code, ctype, r->body ? r->body : "", r->len };
    return NULL;
}

static void finish_request(Fetcher *f, Request *r, CURLcode rc)
{
    if (r->ejob >= 0) {
        ejob_reply(f, r, rc);
        return;
    }
    Host *h = &f->hosts[r->host];
    time_t now = wall_now(f);
    HttpReply reply;
    curl_off_t retry_after;
    StatStatus status;
    char *why = transfer_reply(f, r, h, rc, &reply, &retry_after, &status);
    if (why) {
        request_fail(f, r, status, why, 0);
        free(why);
        return;
    }
    PackageResult *res = xcalloc(r->nnames, sizeof *res);
    ParseWindow w = { day_of_time(now), r->last_day ? (size_t)(r->last_day - r->first_day + 1) : 0, h->latest_day };
    h->ops->parse(h->src, &reply, (const char *const *)r->names, r->nnames, &w, res);

    /* A refused bulk request: ask again in two halves, at the front of the
     * queue, down to single names, so one refused name (or combination)
     * costs only itself. */
    if (r->nnames > 1 && res[0].outcome == FETCH_SPLIT && h->ops->regroup) {
        size_t half = r->nnames / 2;
        for (int part = 1; part >= 0; part--) {
            size_t from = part ? half : 0, count = part ? r->nnames - half : half;
            if (r->last_day && r->then) {
                request_free(r->then); /* the older days would no longer join on */
                r->then = NULL;
                history_fail(f, "a refused request was asked again in halves; older days were not asked");
            }
            if (r->last_day && h->ops->plan_history) {
                size_t k = 0;
                PlannedRequest *again = h->ops->plan_history(h->src, (const char *const *)r->names + from, count,
                                                             r->first_day, r->last_day, &k);
                for (size_t q = k; q-- > 0;)
                    queue_push(h, request_new(r->host, h->base, &again[q], r->names + from), true);
                plan_free(again, k);
                continue;
            }
            PlannedRequest group = h->ops->regroup(h->src, (const char *const *)r->names + from, count);
            queue_push(h, request_new(r->host, h->base, &group, r->names + from), true);
            free(group.path);
            free(group.items);
        }
        for (size_t i = 0; i < r->nnames; i++)
            package_result_clear(&res[i]);
        free(res);
        return;
    }
    if (r->last_day) {
        /* The older days only once these have joined on: each window
         * must meet the series where the one before it ends. */
        if (history_results(f, r, res, retry_after, now) && r->then) {
            queue_push(h, r->then, true);
            r->then = NULL;
        }
        free(res);
        return;
    }
    for (size_t i = 0; i < r->nnames; i++) {
        PackageResult *p = &res[i];
        switch (p->outcome) {
        case FETCH_OK: {
            long last;
            if (h->ops->shared_latest_day && parse_day(p->last_day, &last))
                host_raise_latest(f, r->host, last, now);
            OkArg a = { p, r->url, now };
            for_name(f, r->host, r->names[i], ok_cb, &a);
            break;
        }
        case FETCH_NOT_FOUND: {
            FailArg a = { STAT_NOT_FOUND, p->detail, 0, now };
            for_name(f, r->host, r->names[i], fail_cb, &a);
            break;
        }
        case FETCH_RATE_LIMITED: {
            long wait = retry_after > 0 ? (long)(retry_after < RETRY_AFTER_MAX_S ? retry_after : RETRY_AFTER_MAX_S)
                                        : h->src->backoff_s;
            time_t until = now + wait;
            if (until > h->blocked_until)
                h->blocked_until = until;
            FailArg a = { STAT_RATE_LIMITED, p->detail, h->blocked_until, now };
            for_name(f, r->host, r->names[i], fail_cb, &a);
            break;
        }
        case FETCH_SPLIT: /* a protocol without regroup: nothing to split into */
        case FETCH_ERROR: {
            FailArg a = { STAT_ERROR, p->detail ? p->detail : "error", 0, now };
            for_name(f, r->host, r->names[i], fail_cb, &a);
            break;
        }
        }
        package_result_clear(p);
    }
    free(res);
}

/* Hands finished transfers to the parsers; true when any stat changed. */
static bool drain(Fetcher *f)
{
    bool changed = false;
    int left = 0;
    CURLMsg *m;
    while ((m = f->curl->multi_info_read(f->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE)
            continue;
        CURL *e = m->easy_handle;
        CURLcode rc = m->data.result;
        char *priv = NULL;
        f->curl->easy_getinfo(e, CURLINFO_PRIVATE, &priv);
        Request *r = (Request *)(void *)priv;
        f->curl->multi_remove_handle(f->multi, e);
        if (!r) {
            f->curl->easy_cleanup(e);
            continue;
        }
        inflight_remove(f, r);
        f->hosts[r->host].active--;
        ratelimit_done(&f->hosts[r->host].rl, now_ms(f));
        finish_request(f, r, rc);
        f->curl->easy_cleanup(e);
        r->easy = NULL;
        request_free(r);
        changed = true;
    }
    return changed;
}

/* ---- refreshes ---- */

typedef enum StartMode { START_NORMAL, START_FORCE, START_RETRY_DUE } StartMode;

/* ---- evidence beyond downloads: support windows and package health ---- */

static int host_of_kind(const Fetcher *f, SourceKind kind)
{
    for (size_t i = 0; i < f->nhosts; i++)
        if (f->hosts[i].ops->kind == kind)
            return (int)i;
    return -1;
}

static RuntimeInfo *ejob_runtime(Fetcher *f, const EJob *j) { return runtime_table_get(f->runtimes, j->key); }
static PackageHealth *ejob_health(Fetcher *f, const EJob *j) { return health_table_get(f->health, j->ecosystem, j->key); }
/* Its answer records' kind (evidence_cache.h). */
static const char *ejob_kind(const EJob *j) { return j->kind == SOURCE_KIND_SUPPORT ? "eol" : "health"; }

/* Fresh until the service's next daily update after the last good (or
 * not-found) answer, as the downloads are (daily_update in sources.yaml). */
static bool ejob_fresh(const Fetcher *f, const EJob *j, time_t now)
{
    return j->fresh_at > 0 && now >= j->fresh_at &&
           now < stats_next_update(j->fresh_at, f->hosts[j->host].src->daily_update_s);
}

/* The status and detail of j's table entry (the main figures'). */
static void ejob_set_status(Fetcher *f, const EJob *j, StatStatus status, const char *detail)
{
    if (j->kind == SOURCE_KIND_SUPPORT) {
        RuntimeInfo *info = ejob_runtime(f, j);
        info->status = status;
        runtime_set_text(&info->detail, detail);
    } else {
        PackageHealth *h = ejob_health(f, j);
        h->status = status;
        health_set_text(&h->detail, detail);
    }
}

static void ejob_load_cached(Fetcher *f, EJob *j, time_t now)
{
    if (!f->cache_dir)
        return;
    char *err = NULL;
    int rc;
    time_t at = 0;
    if (j->kind == SOURCE_KIND_SUPPORT) {
        char *origin = NULL, *body = NULL;
        size_t len = 0;
        rc = cache_runtime_read(f->cache_dir, j->key, &origin, &at, &body, &len, &err);
        if (rc == 1) {
            /* The same parser as a live reply: a record it refuses is refused. */
            HttpReply reply = { 200, "application/json", body, len };
            RuntimeCycle *cycles = NULL;
            size_t n = 0;
            char *why = NULL;
            if (parse_endoflife_for(&reply, j->key, &cycles, &n, &why) == FETCH_OK) {
                RuntimeInfo *info = ejob_runtime(f, j);
                runtime_set_cycles(info, cycles, n);
                info->source = STAT_SOURCE_CACHE;
                runtime_set_text(&info->origin, origin);
                runtime_set_text(&info->as_of, NULL);
                info->fetched_at = at;
                info->status = STAT_OK;
                runtime_set_text(&info->detail, NULL);
            } else {
                err = xasprintf("%s", why);
                rc = -1;
            }
            free(why);
        }
        free(origin);
        free(body);
    } else {
        PackageHealth *h = ejob_health(f, j);
        rc = cache_health_read(f->cache_dir, h, &err);
        at = h->fetched_at;
    }
    if (rc == 1) {
        j->fresh_at = at;
        if (!ejob_fresh(f, j, now))
            ejob_set_status(f, j, STAT_STALE, "fetched before the service's last daily update");
    } else if (rc < 0) {
        char *detail = xasprintf("cache record refused: %s", err);
        ejob_set_status(f, j, STAT_ERROR, detail);
        free(detail);
    }
    free(err);
    err = NULL;
    /* The last answer without figures, when it came after them: a
     * not-found holds like a good answer until the next daily update, a
     * rate-limit until its time (held to what the source could ask). */
    EvidenceAnswer a;
    rc = cache_answer_read(f->cache_dir, ejob_kind(j), j->ecosystem, j->key, &a, &err);
    if (rc == 1 && a.checked_at > at) {
        if (a.status == STAT_NOT_FOUND) {
            j->fresh_at = a.checked_at;
            ejob_set_status(f, j, STAT_NOT_FOUND, a.detail ? a.detail : "not found");
        } else {
            CacheRecord rec;
            memset(&rec, 0, sizeof rec);
            rec.checked_at = a.checked_at;
            rec.retry_at = a.retry_at;
            long longest = f->hosts[j->host].src->backoff_s > RETRY_AFTER_MAX_S ? f->hosts[j->host].src->backoff_s
                                                                                : RETRY_AFTER_MAX_S;
            time_t until = cache_trusted_retry_at(&rec, now, longest);
            if (until > now) {
                j->retry_at = until;
                ejob_set_status(f, j, STAT_RATE_LIMITED, a.detail ? a.detail : "rate-limited");
            }
        }
    } else if (rc < 0) {
        char *detail = xasprintf("cache record refused: %s", err);
        ejob_set_status(f, j, STAT_ERROR, detail);
        free(detail);
    }
    evidence_answer_clear(&a);
    free(err);
}

static void ejob_add(Fetcher *f, SourceKind kind, int host, const char *ecosystem, const char *key, char *name)
{
    f->ejobs = xreallocarray(f->ejobs, f->nejobs + 1, sizeof *f->ejobs);
    EJob *j = &f->ejobs[f->nejobs++];
    memset(j, 0, sizeof *j);
    j->kind = kind;
    j->host = host;
    j->ecosystem = ecosystem ? xstrdup(ecosystem) : NULL;
    j->key = xstrdup(key);
    j->name = name;
    health_figures_init(&j->w.f);
}

void fetcher_add_evidence(Fetcher *f, RuntimeTable *runtimes, HealthTable *health)
{
    f->runtimes = runtimes;
    f->health = health;
    int support = host_of_kind(f, SOURCE_KIND_SUPPORT), hosth = host_of_kind(f, SOURCE_KIND_HEALTH);
    size_t from = f->nejobs;
    for (size_t i = 0; runtimes && support >= 0 && i < runtimes->count; i++) {
        const char *product = runtimes->items[i].product;
        bool plain = product[0] != '\0';
        for (const char *p = product; *p; p++)
            plain = plain && ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        ejob_add(f, SOURCE_KIND_SUPPORT, support, NULL, product, plain ? xstrdup(product) : NULL);
    }
    for (size_t i = 0; health && hosth >= 0 && i < health->count; i++) {
        const PackageHealth *h = &health->items[i];
        ejob_add(f, SOURCE_KIND_HEALTH, hosth, h->ecosystem, h->package,
                 package_name_to_send(h->ecosystem, h->package));
    }
    time_t now = wall_now(f);
    for (size_t i = from; i < f->nejobs; i++)
        ejob_load_cached(f, &f->ejobs[i], now);
    /* Package health sits beside the downloads in each stat's figures. */
    health_sync_stats(health, f->stats);
}

static void ejob_finish(Fetcher *f, EJob *j, StatStatus how)
{
    if (j->active) {
        j->active = false;
        f->done++;
        f->results[how]++;
    }
    evidence_work_clear(&j->w);
    free(j->body);
    j->body = NULL;
    j->blen = 0;
}

/* The main figures are in: they replace the table's; repo_status says how
 * the later steps went (health: the repository's figures). */
static void ejob_commit(Fetcher *f, EJob *j, StatStatus repo_status, const char *repo_detail, time_t now)
{
    char *err = NULL;
    if (j->kind == SOURCE_KIND_SUPPORT) {
        RuntimeInfo *info = ejob_runtime(f, j);
        runtime_set_cycles(info, j->w.cycles, j->w.ncycles);
        j->w.cycles = NULL;
        j->w.ncycles = 0;
        info->source = STAT_SOURCE_LIVE;
        runtime_set_text(&info->origin, j->origin);
        runtime_set_text(&info->as_of, NULL);
        info->fetched_at = now;
        info->status = STAT_OK;
        runtime_set_text(&info->detail, NULL);
        if (f->cache_dir && j->body)
            (void)cache_runtime_write(f->cache_dir, j->key, j->origin, now, j->body, j->blen, &err);
    } else {
        PackageHealth *h = ejob_health(f, j);
        health_figures_clear(&h->f);
        h->f = j->w.f;
        health_figures_init(&j->w.f);
        h->source = STAT_SOURCE_LIVE;
        health_set_text(&h->origin, j->origin);
        health_set_text(&h->as_of, NULL);
        h->fetched_at = now;
        h->status = STAT_OK;
        health_set_text(&h->detail, NULL);
        h->repo_status = repo_status;
        health_set_text(&h->repo_detail, repo_detail);
        /* A record without the repository's figures would cost the cached
         * ones: only a whole answer is written. */
        if (f->cache_dir && repo_status == STAT_OK)
            (void)cache_health_write(f->cache_dir, h, &err);
        PackageStat *st = stats_find(f->stats, j->ecosystem, j->key);
        if (st)
            health_put_figures(h, st);
    }
    free(err); /* a read-only cache costs only the next start's head start */
    if (f->cache_dir)
        cache_answer_forget(f->cache_dir, ejob_kind(j), j->ecosystem, j->key);
    j->fresh_at = now;
    j->retry_at = 0;
    ejob_finish(f, j, STAT_OK);
}

static void ejob_fail(Fetcher *f, EJob *j, StatStatus status, const char *detail, time_t retry_at, time_t now)
{
    const EvidenceOps *ev = f->hosts[j->host].ops->evidence;
    if (j->w.step >= ev->main_steps) {
        ejob_commit(f, j, status, detail, now);
        return;
    }
    /* The figures stay as they were; only the status changes. A not-found
     * and a rate-limit are remembered on disk with their time, as the
     * downloads' are: neither is asked again before it should be, in this
     * run or the next. */
    ejob_set_status(f, j, status, detail);
    if (status == STAT_NOT_FOUND)
        j->fresh_at = now;
    j->retry_at = status == STAT_RATE_LIMITED ? retry_at : 0;
    if (f->cache_dir && (status == STAT_NOT_FOUND || status == STAT_RATE_LIMITED)) {
        EvidenceAnswer a = { status, (char *)detail, now, j->retry_at };
        char *err = NULL;
        (void)cache_answer_write(f->cache_dir, ejob_kind(j), j->ecosystem, j->key, &a, &err);
        free(err);
    }
    if (status == STAT_OFFLINE)
        f->offline_results++;
    ejob_finish(f, j, status);
}

/* Queues j's next request, or ends j when nothing more is to be asked. */
static void ejob_ask(Fetcher *f, size_t index, time_t now)
{
    EJob *j = &f->ejobs[index];
    Host *h = &f->hosts[j->host];
    char *query = h->ops->evidence->query(h->src, &j->w);
    if (!query) {
        if (j->w.step == 0)
            ejob_fail(f, j, STAT_ERROR, "the service does not serve this ecosystem", 0, now);
        else
            ejob_commit(f, j, STAT_OK, NULL, now);
        return;
    }
    char *path = plan_expand(h->src->endpoint, source_protocol_info(h->src->protocol)->placeholder, query);
    Request *r = xcalloc(1, sizeof *r);
    r->host = j->host;
    r->ejob = (int)index;
    r->url = xasprintf("%s%s", h->base, path);
    free(path);
    free(query);
    queue_push(h, r, false);
}

static void ejob_reply(Fetcher *f, Request *r, CURLcode rc)
{
    EJob *j = &f->ejobs[r->ejob];
    Host *h = &f->hosts[r->host];
    time_t now = wall_now(f);
    HttpReply reply;
    curl_off_t retry_after;
    StatStatus status;
    char *why = transfer_reply(f, r, h, rc, &reply, &retry_after, &status);
    if (why) {
        ejob_fail(f, j, status, why, h->blocked_until, now);
        free(why);
        return;
    }
    const EvidenceOps *ev = h->ops->evidence;
    int step = j->w.step;
    char *detail = NULL;
    FetchOutcome o = ev->parse(h->src, &reply, &j->w, &detail);
    switch (o) {
    case FETCH_OK:
        if (step < ev->main_steps) {
            /* The main figures' origin: the last request that gave them. */
            free(j->origin);
            j->origin = xstrdup(r->url);
            free(j->body);
            j->body = xmalloc(reply.len + 1);
            memcpy(j->body, reply.body, reply.len);
            j->body[reply.len] = '\0';
            j->blen = reply.len;
        }
        ejob_ask(f, (size_t)r->ejob, now);
        break;
    case FETCH_RATE_LIMITED: {
        long wait = retry_after > 0 ? (long)(retry_after < RETRY_AFTER_MAX_S ? retry_after : RETRY_AFTER_MAX_S)
                                    : h->src->backoff_s;
        if (now + wait > h->blocked_until)
            h->blocked_until = now + wait;
        ejob_fail(f, j, STAT_RATE_LIMITED, detail, h->blocked_until, now);
        break;
    }
    case FETCH_NOT_FOUND:
        ejob_fail(f, j, STAT_NOT_FOUND, detail, 0, now);
        break;
    case FETCH_SPLIT:
    case FETCH_ERROR:
        ejob_fail(f, j, STAT_ERROR, detail ? detail : "error", 0, now);
        break;
    }
    free(detail);
}

/* Evidence is asked when it is no longer fresh, whatever the mode: a
 * forced refresh (u) asks every download figure again, but support
 * windows and package health change at most once a day, and asking
 * deps.dev some 140 times for the same answers would only spend its
 * goodwill. A rate-limit holds until its time. */
static bool ejob_wants(const Fetcher *f, const EJob *j, StartMode mode, time_t now)
{
    if (f->hosts[j->host].blocked_until > now || j->retry_at > now || mode == START_RETRY_DUE)
        return false;
    return !ejob_fresh(f, j, now);
}


static bool wants_fetch(const Fetcher *f, const Job *j, const PackageStat *st, StartMode mode, time_t now)
{
    const Host *h = &f->hosts[j->host];
    bool backing_off = (st->status == STAT_RATE_LIMITED && st->retry_at > now) || h->blocked_until > now;
    if (backing_off)
        return false;
    if (mode == START_RETRY_DUE)
        return st->status == STAT_RATE_LIMITED;
    if (mode == START_FORCE)
        return true;
    /* Fresh until the service's next daily update: sooner it would only
     * send the same figures (pypistats asks for one fetch a day). */
    return j->fresh_at == 0 || now < j->fresh_at || now >= stats_next_update(j->fresh_at, h->src->daily_update_s);
}

static size_t start_refresh(Fetcher *f, StartMode mode)
{
    if (f->offline || fetcher_busy(f))
        return 0;
    time_t now = wall_now(f);
    sync_jobs(f, now);
    /* Nothing to ask: leave the last refresh's results (and header) alone. */
    bool any = false;
    for (size_t i = 0; i < f->njobs && !any; i++) {
        const Job *j = &f->jobs[i];
        const PackageStat *st = j->host >= 0 ? stats_find(f->stats, j->ecosystem, j->package) : NULL;
        any = st && wants_fetch(f, j, st, mode, now);
    }
    for (size_t i = 0; i < f->nejobs && !any; i++)
        any = ejob_wants(f, &f->ejobs[i], mode, now);
    if (!any)
        return 0;
    f->done = f->total = 0;
    f->offline_results = 0;
    memset(f->results, 0, sizeof f->results);
    for (size_t i = 0; i < f->nhosts; i++) {
        free(f->hosts[i].down);
        f->hosts[i].down = NULL;
    }
    for (size_t i = 0; i < f->njobs; i++) {
        Job *j = &f->jobs[i];
        PackageStat *st = j->host >= 0 ? stats_find(f->stats, j->ecosystem, j->package) : NULL;
        if (!st || !wants_fetch(f, j, st, mode, now))
            continue;
        const Host *h = &f->hosts[j->host];
        if (!j->name || h->refused) {
            st->status = STAT_ERROR;
            stat_set_detail(st, h->refused ? h->refused : "package name refused");
            continue;
        }
        j->active = true;
        st->status = STAT_PENDING;
        f->total++;
    }
    for (size_t i = 0; i < f->nejobs; i++) {
        EJob *j = &f->ejobs[i];
        if (!ejob_wants(f, j, mode, now))
            continue;
        const Host *h = &f->hosts[j->host];
        if (!j->name || h->refused) {
            ejob_set_status(f, j, STAT_ERROR, h->refused ? h->refused : "name refused");
            continue;
        }
        j->active = true;
        ejob_set_status(f, j, STAT_PENDING, NULL);
        f->total++;
    }
    if (f->total == 0)
        return 0;
    f->refreshed = true;
    if (!ensure_curl(f)) {
        for (size_t i = 0; i < f->njobs; i++)
            if (f->jobs[i].active)
                job_fail(f, &f->jobs[i], STAT_ERROR,
                         f->curl ? "cannot start libcurl" : f->curl_missing, 0, now);
        for (size_t i = 0; i < f->nejobs; i++)
            if (f->ejobs[i].active)
                ejob_fail(f, &f->ejobs[i], STAT_ERROR, f->curl ? "cannot start libcurl" : f->curl_missing, 0, now);
        return f->total;
    }
    for (size_t hi = 0; hi < f->nhosts; hi++) {
        Host *h = &f->hosts[hi];
        if (h->ops->kind != SOURCE_KIND_DOWNLOADS)
            continue;
        /* The distinct names this host is asked for, in data order. */
        char **names = NULL;
        size_t n = 0;
        for (size_t i = 0; i < f->njobs; i++) {
            Job *j = &f->jobs[i];
            if (!j->active || j->host != (int)hi)
                continue;
            bool dup = false;
            for (size_t k = 0; k < n && !dup; k++)
                dup = strcmp(names[k], j->name) == 0;
            if (!dup) {
                names = xreallocarray(names, n + 1, sizeof *names);
                names[n++] = j->name;
            }
        }
        size_t nreq = 0;
        PlannedRequest *plan = h->ops->plan(h->src, (const char *const *)names, n, &nreq);
        for (size_t k = 0; k < nreq; k++)
            queue_push(h, request_new((int)hi, h->base, &plan[k], names), false);
        plan_free(plan, nreq);
        free(names);
    }
    for (size_t i = 0; i < f->nejobs; i++)
        if (f->ejobs[i].active) {
            evidence_work_clear(&f->ejobs[i].w);
            f->ejobs[i].w.ecosystem = f->ejobs[i].ecosystem;
            f->ejobs[i].w.name = f->ejobs[i].name;
            ejob_ask(f, i, now);
        }
    long long next = -1;
    pump(f, &next);
    return f->total;
}

size_t fetcher_start(Fetcher *f, bool force) { return start_refresh(f, force ? START_FORCE : START_NORMAL); }

/* Is any request of the kind (a refresh's, or a history's) queued or in flight? */
static bool any_request(const Fetcher *f, bool history)
{
    for (const Request *r = f->inflight; r; r = r->next)
        if ((r->last_day != 0) == history)
            return true;
    for (size_t i = 0; i < f->nhosts; i++)
        for (const Request *r = f->hosts[i].head; r; r = r->next)
            if ((r->last_day != 0) == history)
                return true;
    return false;
}

bool fetcher_busy(const Fetcher *f) { return any_request(f, false); }

bool fetcher_history_busy(const Fetcher *f) { return any_request(f, true); }

const char *fetcher_history_error(const Fetcher *f) { return f->history_error; }

size_t fetcher_fetch_history(Fetcher *f, const char *ecosystem, const char *const *packages, size_t n, int days)
{
    if (f->offline || fetcher_busy(f) || fetcher_history_busy(f) || days < 1 || days > STAT_SERIES_MAX)
        return 0;
    int hi = host_for(f, ecosystem);
    if (hi < 0 || !f->hosts[hi].ops->plan_history || f->hosts[hi].refused)
        return 0;
    Host *h = &f->hosts[hi];
    time_t now = wall_now(f);
    if (h->blocked_until > now)
        return 0;
    sync_jobs(f, now);
    /* The names short of days, grouped by the days they lack (one group
     * when they were fetched together, as they normally are). */
    size_t queued = 0;
    bool *done = xcalloc(n ? n : 1, sizeof *done);
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        long first = 0, last = 0;
        const char **names = xcalloc(n, sizeof *names);
        size_t m = 0;
        for (size_t k = i; k < n; k++) {
            if (done[k])
                continue;
            Job *j = NULL;
            for (size_t q = 0; q < f->njobs && !j; q++)
                if (f->jobs[q].host == hi && f->jobs[q].name && strcmp(f->jobs[q].ecosystem, ecosystem) == 0 &&
                    strcmp(f->jobs[q].package, packages[k]) == 0)
                    j = &f->jobs[q];
            const PackageStat *st = j ? stats_find(f->stats, ecosystem, packages[k]) : NULL;
            long end;
            if (!st || j->history_days >= days || !st->daily || st->ndaily >= (size_t)days ||
                (st->source != STAT_SOURCE_LIVE && st->source != STAT_SOURCE_CACHE) || !st->series_end ||
                !parse_day(st->series_end, &end)) {
                done[k] = true;
                continue;
            }
            long lo = end - days + 1, to = end - (long)st->ndaily;
            if (m > 0 && (lo != first || to != last))
                continue; /* another group */
            first = lo;
            last = to;
            j->history_days = days;
            done[k] = true;
            bool dup = false;
            for (size_t q = 0; q < m && !dup; q++)
                dup = strcmp(names[q], j->name) == 0;
            if (!dup)
                names[m++] = j->name;
        }
        if (m > 0) {
            size_t nreq = 0;
            PlannedRequest *plan = h->ops->plan_history(h->src, names, m, first, last, &nreq);
            /* The latest window of each set of names is queued; each older
             * one waits on the one before it (Request.then). */
            Request **made = xcalloc(nreq ? nreq : 1, sizeof *made);
            for (size_t k = 0; k < nreq; k++) {
                made[k] = request_new(hi, h->base, &plan[k], (char *const *)names);
                Request *prev = NULL;
                for (size_t q = k; q-- > 0 && !prev;)
                    if (plan[q].nitems == plan[k].nitems &&
                        memcmp(plan[q].items, plan[k].items, plan[k].nitems * sizeof *plan[k].items) == 0)
                        prev = made[q];
                if (prev)
                    prev->then = made[k];
                else
                    queue_push(h, made[k], false);
            }
            free(made);
            plan_free(plan, nreq);
            queued += nreq;
        }
        free(names);
    }
    free(done);
    if (queued == 0)
        return 0;
    free(f->history_error);
    f->history_error = NULL;
    if (!ensure_curl(f)) {
        history_fail(f, f->curl ? "cannot start libcurl" : f->curl_missing);
        for (Request *r; (r = h->head) != NULL;) {
            h->head = r->next;
            request_free(r);
        }
        h->tail = NULL;
        return 0;
    }
    long long next = -1;
    pump(f, &next);
    return queued;
}

void fetcher_progress(const Fetcher *f, size_t *done, size_t *total)
{
    *done = f->done;
    *total = f->total;
}

time_t fetcher_waiting_until(const Fetcher *f)
{
    if (f->inflight)
        return 0;
    long long t = now_ms(f), best = -1;
    for (size_t i = 0; i < f->nhosts; i++) {
        const Host *h = &f->hosts[i];
        if (!h->head)
            continue;
        long long at = ratelimit_next(&h->rl, t);
        if (at <= t)
            return 0; /* this host can start now: not waiting */
        if (best < 0 || at < best)
            best = at;
    }
    if (best < 0)
        return 0;
    return wall_now(f) + (time_t)((best - t + 999) / 1000);
}

void fetcher_results(const Fetcher *f, size_t *ok, size_t *failed, StatStatus *why)
{
    *ok = f->results[STAT_OK];
    *failed = 0;
    size_t most = 0;
    *why = STAT_ERROR;
    for (int s = STAT_NOT_FOUND; s <= STAT_ERROR; s++) {
        *failed += f->results[s];
        if (f->results[s] > most) {
            most = f->results[s];
            *why = (StatStatus)s;
        }
    }
}

/* The earliest retry_at still ahead among rate-limited packages, or 0. */
static time_t next_retry(const Fetcher *f, time_t now)
{
    time_t best = 0;
    for (size_t i = 0; i < f->njobs; i++) {
        const Job *j = &f->jobs[i];
        if (j->host < 0)
            continue;
        const PackageStat *st = stats_find(f->stats, j->ecosystem, j->package);
        if (st && st->status == STAT_RATE_LIMITED && st->retry_at > 0) {
            time_t at = st->retry_at > f->hosts[j->host].blocked_until ? st->retry_at : f->hosts[j->host].blocked_until;
            if (at <= now)
                at = now;
            if (best == 0 || at < best)
                best = at;
        }
    }
    return best;
}

static void wait_fd(int fd, long ms)
{
    struct pollfd p = { fd, POLLIN, 0 };
    (void)poll(fd >= 0 ? &p : NULL, fd >= 0 ? 1 : 0, (int)ms);
}

bool fetcher_wait(Fetcher *f, int extra_fd, int timeout_ms)
{
    bool changed = false;
    long wait = timeout_ms < 0 ? WAIT_FOREVER_MS : timeout_ms;
    long long t0 = now_ms(f);
    if (!f->offline && !fetcher_busy(f)) {
        time_t now = wall_now(f), due = next_retry(f, now);
        if (due && due <= now) {
            if (start_refresh(f, START_RETRY_DUE) > 0)
                changed = true;
        } else if (due) {
            long long until = (long long)(due - now) * 1000;
            if (until < wait)
                wait = (long)until;
        }
    }
    long long next = -1;
    if (f->multi)
        changed |= pump(f, &next);
    if (next >= 0 && next - t0 < wait)
        wait = next > t0 ? (long)(next - t0) : 0;
    /* Only a timer can end this wait (no transfer in flight, no key to
     * wait for): a clock that skips moves on to it at once. */
    bool skip = f->clock->skip && extra_fd < 0 && !f->inflight;
    if (skip)
        f->clock->skip(f->clock->ctx, wait);
    if (!f->multi) {
        if (!skip)
            wait_fd(extra_fd, wait);
        return changed;
    }
    struct curl_waitfd extra = { extra_fd, CURL_WAIT_POLLIN, 0 };
    int running = 0;
    if (!skip)
        f->curl->multi_poll(f->multi, extra_fd >= 0 ? &extra : NULL, extra_fd >= 0 ? 1 : 0, (int)wait, NULL);
    f->curl->multi_perform(f->multi, &running);
    changed |= drain(f);
    next = -1;
    changed |= pump(f, &next);
    return changed;
}

size_t fetcher_run_blocking(Fetcher *f, bool force,
                            void (*progress)(size_t done, size_t total, void *user), void *user)
{
    size_t queued = fetcher_start(f, force);
    size_t last = (size_t)-1;
    while (fetcher_busy(f)) {
        fetcher_wait(f, -1, 250);
        if (progress && f->done != last) {
            last = f->done;
            progress(f->done, f->total, user);
        }
    }
    return queued;
}

/* ---- where the figures stand ---- */

void fetcher_summary(const Fetcher *f, time_t now, FetchSummary *out)
{
    *out = (FetchSummary){ .busy = fetcher_busy(f), .done = f->done, .total = f->total };
    /* Offline still says which figures are shown: "cache 8m old, offline". */
    out->offline = f->offline || (f->refreshed && f->total > 0 && f->offline_results == f->total);
    for (size_t i = 0; i < f->njobs; i++) {
        const Job *j = &f->jobs[i];
        const PackageStat *st = stats_find(f->stats, j->ecosystem, j->package);
        if (!st)
            continue;
        if (st->status == STAT_RATE_LIMITED && st->retry_at > now &&
            (out->retry_at == 0 || st->retry_at < out->retry_at))
            out->retry_at = st->retry_at;
        if (st->status == STAT_ERROR || st->status == STAT_OFFLINE)
            out->failed++;
        if (st->source == STAT_SOURCE_LIVE) {
            out->live++;
        } else if (st->source == STAT_SOURCE_CACHE) {
            if (out->cached == 0 || st->fetched_at < out->oldest_cached)
                out->oldest_cached = st->fetched_at;
            out->cached++;
        }
    }
}
