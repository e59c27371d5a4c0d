/* app.h: the steps the command line runs between parsing argv and the
 * dashboard or an export — finding the data, opening a Session with the
 * weights asked for, filling its stats, and the --list-* outputs. Each step
 * returns an exit code (cli.h: EXIT_OK, EXIT_USAGE, EXIT_DATA, EXIT_IO) and,
 * when it is not EXIT_OK, a one-line message in *err (caller frees). */
#ifndef VERSUS_APP_APP_H
#define VERSUS_APP_APP_H

#include <stdio.h>

#include "app/cli.h"
#include "core/model.h"
#include "core/session.h"
#include "fetch/fetcher.h"

/* The data directory, in this order: flag (--data), env ($VERSUS_DATA_DIR),
 * installed (the share directory `make install` fills), then data/ next to
 * the program at exe_path, or the data/ of the source tree the program was
 * built in (up to three levels up, for build/, build/asan/, build/NAME/ and
 * build/NAME/asan/). NULL or empty arguments are skipped. Returns an
 * allocated path, or NULL with *err set. */
char *app_find_data_dir_in(const char *flag, const char *env, const char *installed,
                           const char *exe_path, char **err);
/* The same with $VERSUS_DATA_DIR, VERSUS_DATADIR "/data" and /proc/self/exe. */
char *app_find_data_dir(const char *flag, char **err);

/* Loads the data set in dir into *ds (caller frees with dataset_free). */
int app_load_dataset(const char *dir, Dataset **ds, char **err);

/* Sets the session's weights from --preset or --load, then each --weight,
 * checking every preset and criterion id against the data. */
int app_apply_weights(Session *s, const CliOptions *opts, char **err);

/* Fills the session's stats for a headless run or the dashboard's first
 * frame: the bundled snapshot in data_dir, then the figures in the disk
 * cache, then (--fetch only) a blocking fetch of what was fetched before
 * its service's last daily update, with a progress line when stderr is a terminal. Failed
 * packages keep their figures and record why; only bad data (including a
 * bad sources.yaml) is an error. With keep, the Fetcher that did this is
 * handed to the caller (who frees it) instead of freed, so the dashboard
 * does not read the sources and the cache a second time. */
int app_prepare_stats(Session *s, const char *data_dir, const CliOptions *opts, Fetcher **keep,
                      char **err);

/* One line per preset / criterion: the id, then its description. */
void app_list_presets(FILE *out, const Dataset *ds);
void app_list_criteria(FILE *out, const Dataset *ds);
/* One line per cited source: criterion id, stack id, title, date, URL,
 * separated by tabs, in data order. */
void app_list_sources(FILE *out, const Dataset *ds);

#endif
