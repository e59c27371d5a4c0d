/* live.h: the dashboard's side of the live download stats. It owns the
 * Fetcher (when the sources can be loaded), and gives the event loop its
 * one wait: the keyboard and the network together.
 * Ownership: live_new returns a Live the caller frees with live_free; it
 * borrows the Session, which must outlive it. */
#ifndef VERSUS_UI_LIVE_H
#define VERSUS_UI_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/session.h"
#include "ui/ui.h"

typedef struct Live Live;

/* Never NULL. Takes over fetcher when given (it has read the sources and
 * the cache already), else makes one. When live stats cannot work (bad
 * sources data), *warning says why (caller frees) and the dashboard runs
 * on the figures it has. */
Live *live_new(Session *s, const UiOptions *opts, Fetcher *fetcher, char **warning);
void live_free(Live *l);

/* The first refresh after start: only what was fetched before its
 * service's last daily update, and nothing when offline. Returns how many
 * packages it asks for (0: nothing to do). */
size_t live_start(Live *l);

/* Waits up to timeout_ms for a key on fd or network progress; true when a
 * figure changed and the screen should redraw. */
bool live_wait(Live *l, int fd, int timeout_ms);

/* u/F5: refetch everything the rate limits allow. Returns the number of
 * packages queued; when that is 0, *why says why (caller frees). */
size_t live_refresh(Live *l, char **why);

/* The header's stats status: "bundled", "cache 3h old", "fetching 4/18" ... */
const char *live_status(Live *l);
bool live_busy(const Live *l);

/* A chart's longer history (fetch/fetcher.h's fetcher_fetch_history):
 * the number of requests queued; whether they are under way; why the last
 * such fetch fell short (borrowed, or NULL). */
size_t live_history(Live *l, const char *ecosystem, const char *const *packages, size_t n, int days);
bool live_history_busy(const Live *l);
const char *live_history_error(const Live *l);

/* The status line during a refresh: "refreshing 98 look-ups: 26 done"
 * (a look-up is one package's downloads, one runtime's support window or
 * one package's health),
 * with "; waiting for the rate limit until 14:05:31" while every queued
 * request waits for a slot. Caller frees. */
char *live_progress_text(const Live *l);

/* The status line once a refresh has ended: "refreshed 98 look-ups",
 * "98 look-ups failed: offline", "40 refreshed, 8 failed (most: rate-limited)".
 * *failed tells whether any look-up failed. Caller frees. */
char *live_result_text(const Live *l, bool *failed);

#endif
