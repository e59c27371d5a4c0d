/* main.c: argv to exit code — parse the options, find and load the data,
 * set the weights asked for, then list, export, or open the dashboard. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/app.h"
#include "app/cli.h"
#include "core/scenario.h"
#include "core/session.h"
#include "export/export.h"
#include "ui/keymap.h"
#include "ui/ui.h"
#include "util/safetext.h"

#ifndef VERSUS_VERSION
#define VERSUS_VERSION "unknown"
#endif

/* Prints "versus: message" and frees it; returns code for a tail call.
 * A message may quote a file or a reply: its control characters are
 * escaped, so none reaches the terminal. */
static int report(int code, char *message)
{
    char *safe = safetext_escaped(message ? message : "unknown error");
    fprintf(stderr, "versus: %s\n", safe);
    free(safe);
    free(message);
    return code;
}

/* stdout is where lists and "-" exports go: a full disk or a closed pipe
 * must not pass as success. */
static int finish_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("versus: cannot write to stdout\n", stderr);
        return code == EXIT_OK ? EXIT_IO : code;
    }
    return code;
}

static int run_headless_or_ui(Session *s, const CliOptions *opts, const char *data_dir)
{
    char *err = NULL;
    if (opts->list_presets || opts->list_criteria || opts->list_sources) {
        if (opts->list_presets)
            app_list_presets(stdout, s->ds);
        if (opts->list_criteria)
            app_list_criteria(stdout, s->ds);
        if (opts->list_sources)
            app_list_sources(stdout, s->ds);
        return finish_stdout(EXIT_OK);
    }
    if (opts->compare_presets) {
        Scenarios *sc = scenarios_compute(s);
        char *tsv = scenarios_tsv(sc, s->ds);
        fputs(tsv, stdout);
        free(tsv);
        scenarios_free(sc);
        return finish_stdout(EXIT_OK);
    }
    Fetcher *fetcher = NULL;
    bool dashboard = !opts->export_path;
    if (!dashboard && opts->theme)
        fprintf(stderr, "versus: warning: --theme is ignored with --export: it only colours the "
                        "dashboard\n");
    int code = app_prepare_stats(s, data_dir, opts, dashboard ? &fetcher : NULL, &err);
    if (code != EXIT_OK)
        return report(code, err);
    if (!dashboard) {
        if (export_write(s, opts->format, opts->export_path, time(NULL), &err) != 0)
            return report(EXIT_IO, err);
        return EXIT_OK;
    }
    UiOptions ui = {
        .data_dir = data_dir,
        .theme = opts->theme,
        .no_color = opts->no_color,
        .ascii = opts->ascii,
        .no_mouse = opts->no_mouse,
        .offline = opts->offline,
        .reset = opts->reset,
        .weights_from_cli = opts->preset || opts->load || opts->nweights > 0 || opts->nteam > 0,
    };
    return ui_run(s, &ui, fetcher);
}

int main(int argc, char **argv)
{
    CliOptions opts;
    char *err = NULL;
    if (cli_parse(argc, argv, &opts, &err) != 0) {
        cli_options_free(&opts);
        char *safe = safetext_escaped(err);
        fprintf(stderr, "versus: %s (see versus --help)\n", safe);
        free(safe);
        free(err);
        return EXIT_USAGE;
    }
    if (opts.help || opts.version || opts.list_keys) {
        if (opts.help)
            cli_print_help(stdout);
        else if (opts.version)
            printf("versus %s\n", VERSUS_VERSION);
        else
            keymap_print(stdout);
        cli_options_free(&opts);
        return finish_stdout(EXIT_OK);
    }
    int code = EXIT_OK;
    Dataset *ds = NULL;
    Session *session = NULL;
    char *data_dir = app_find_data_dir(opts.data_dir, &err);
    if (!data_dir)
        code = report(EXIT_DATA, err);
    else if ((code = app_load_dataset(data_dir, &ds, &err)) != EXIT_OK)
        code = report(code, err);
    if (code == EXIT_OK) {
        session = session_new(ds);
        session_set_robust_options(session, &opts.robust);
        session_set_author(session, opts.author ? opts.author : getenv("USER"));
        code = app_apply_weights(session, &opts, &err);
        if (code != EXIT_OK)
            code = report(code, err);
        else
            code = run_headless_or_ui(session, &opts, data_dir);
    }
    session_free(session);
    dataset_free(ds);
    free(data_dir);
    cli_options_free(&opts);
    return code;
}
