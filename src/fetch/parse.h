/* parse.h: pure parsers for the two download-count APIs. Each takes one
 * HTTP reply (status, content type, body) and the package names the request
 * asked for, and gives one PackageResult per name: figures with their daily
 * series, or why there are none. No network and no globals, so they can be
 * unit-tested and fuzzed on recorded bodies.
 *
 * Rules both follow: an HTML body is never parsed as data; JSON shapes are
 * checked strictly (types, dates, the package asked for); negative or
 * absurd counts are rejected; only 429 means "rate-limited" (npm's 403 is a
 * firewall refusing that one request: a bulk one is split, a single name
 * ends in error); only the service's own 404 shape means "not found" (npm's
 * JSON error, pypistats' bare "404" body, which Flask types text/html; a
 * proxy's 404 page is an error, so a misconfigured URL never marks
 * packages missing).
 * Ownership: a PackageResult owns daily and detail; package_result_clear
 * frees them and leaves the result empty. */
#ifndef VERSUS_FETCH_PARSE_H
#define VERSUS_FETCH_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/stats.h"

/* No day of any package comes near this; above it a figure is junk (a
 * sum of days above it too). */
#define PARSE_DAILY_MAX STAT_COUNT_MAX
/* Longest daily series accepted from one response. */
#define PARSE_SERIES_MAX 600 /* npm keeps 18 months (about 548 days) */
/* Days in the trend and the last-month sum; days in the last-week sum. */
#define PARSE_MONTH_DAYS 30
#define PARSE_WEEK_DAYS 7
/* pypistats keeps 180 days before yesterday: the longest series it sends. */
#define PARSE_PYPI_HISTORY_DAYS 181

typedef enum FetchOutcome {
    FETCH_OK,
    FETCH_NOT_FOUND,
    FETCH_RATE_LIMITED,
    FETCH_SPLIT, /* a bulk request was refused (400, 403): ask again in halves */
    FETCH_ERROR,
} FetchOutcome;

/* The detail of pypistats' 404: it answers so for a project it does not
 * know and for one with no downloads in its 180-day window alike. */
#define PARSE_PYPI_NOT_FOUND "pypistats has no downloads for it in the last 180 days, or does not know it"
/* The detail of a request the service refused outright (npm's firewall). */
#define PARSE_REFUSED "HTTP 403: the service refused the request"

/* What a reply may hold, as the request was made. */
typedef struct ParseWindow {
    long today;       /* the UTC day (days since 1970-01-01) of the reply: no
                       * row may be later; 0: not checked */
    size_t want_days; /* npm: the days of the period asked for (last-month:
                       * 30; the API lists every one, zeros included); 0: not checked */
    long latest_day;  /* pypistats: the service's latest day as far as known
                       * from other replies (0: none) */
} ParseWindow;

typedef struct HttpReply {
    long status;              /* HTTP status code */
    const char *content_type; /* the Content-Type header, or NULL */
    const char *body;         /* need not be NUL-terminated */
    size_t len;
} HttpReply;

typedef struct PackageResult {
    FetchOutcome outcome;
    long long last_week;  /* FETCH_OK: sum of the last 7 days */
    long long last_month; /* FETCH_OK: sum of the last 30 days */
    long long *daily;     /* FETCH_OK: one value per day, oldest first; NULL when no days */
    size_t ndaily;
    char first_day[11];   /* FETCH_OK: "YYYY-MM-DD" the figures cover, "" when none */
    char last_day[11];
    char *detail;         /* a short reason for anything but FETCH_OK, or NULL */
} PackageResult;

void package_result_clear(PackageResult *r);

/* An npm `range` reply for names[0..n) (a bulk request when n > 1, whose
 * reply is an object keyed by name; a single name gets the flat shape).
 * A reply that lacks days of the period (w->want_days), starts before it
 * or holds a day after w->today is an error, never zeros.
 * out[0..n) are overwritten (cleared first by the caller or zeroed). */
void parse_npm_range(const HttpReply *reply, const char *const *names, size_t n, const ParseWindow *w,
                     PackageResult *out);

/* A pypistats `overall?mirrors=false` reply for one project; name is the
 * PEP 503-normalised name that was asked for. The service sends no row for
 * a day without downloads, so the series runs up to the service's latest
 * day (the later of this reply's newest row and w->latest_day), days
 * without a row counting 0, and back to the oldest row (at most
 * PARSE_PYPI_HISTORY_DAYS, at least 30 days). The sums and
 * first_day..last_day cover the last 30 and 7 days. A row after w->today,
 * or before the 181 days the service keeps, is an error. */
void parse_pypistats_overall(const HttpReply *reply, const char *name, const ParseWindow *w, PackageResult *out);

/* True when the reply looks like HTML: a text/html content type or a body
 * whose first non-blank character is '<'. */
bool reply_is_html(const HttpReply *reply);
/* The checks a JSON service's reply passes before its body is read: 404
 * is FETCH_NOT_FOUND with `not_found` as the detail, 429 rate-limited,
 * any other status outside 2xx an error, an HTML page an error. FETCH_OK
 * (and *detail NULL) means the body is worth parsing. */
FetchOutcome reply_status_outcome(const HttpReply *reply, const char *not_found, char **detail);

/* "YYYY-MM-DD" -> days since 1970-01-01; false when not a real date
 * between 2000 and 2199. */
bool parse_day(const char *s, long *days);
/* days since 1970-01-01 -> "YYYY-MM-DD" (buf of at least 11 bytes). */
void format_day(long days, char *buf);

#endif
