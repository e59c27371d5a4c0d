/* ui.h: the full-screen dashboard. The only module that includes curses.
 * It draws a Session and turns keys and mouse events into calls on it. */
#ifndef VERSUS_UI_UI_H
#define VERSUS_UI_UI_H

#include <stdbool.h>

#include "core/session.h"
#include "fetch/fetcher.h"

typedef struct UiOptions {
    const char *data_dir;   /* for sources.yaml and the stats cache */
    const char *theme;      /* theme name or path, NULL: saved or "default" */
    bool no_color;          /* --no-color or NO_COLOR */
    bool ascii;             /* --ascii: no UTF-8 block or box characters */
    bool no_mouse;          /* --no-mouse */
    bool offline;           /* --offline: never touch the network */
    bool reset;             /* --reset: ignore the saved state */
    bool weights_from_cli;  /* --preset/--weight/--load given: they win over saved state */
} UiOptions;

/* Runs the dashboard until the user quits. Returns the process exit code.
 * fetcher, from app_prepare_stats (NULL: the dashboard makes its own), is
 * the dashboard's from then on, whatever happens. */
int ui_run(Session *session, const UiOptions *opts, Fetcher *fetcher);

#endif
