/* cli.h: the command line of versus — parsing argv into CliOptions (no data
 * needed) and the text of --help. What the options mean for a data set
 * (preset and criterion ids) is checked later, in app.h, once it is loaded.
 * Ownership: CliOptions borrows every string from argv except `weights`,
 * an array it owns; cli_options_free releases it. */
#ifndef VERSUS_APP_CLI_H
#define VERSUS_APP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/robust.h"
#include "core/team.h"
#include "export/export.h"
#include "util/exit_codes.h"


/* One --weight ID=N, as written; the id is checked against the data later. */
typedef struct CliWeight {
    const char *arg; /* the whole argument, for messages */
    char *id;        /* owned copy of the part before '=' */
    int weight;      /* 0..10 */
} CliWeight;

typedef struct CliOptions {
    bool help;
    bool version;
    bool list_presets;
    bool list_criteria;
    bool compare_presets; /* --compare-presets: the scenarios as TSV on stdout */
    bool list_keys;       /* --list-keys: the dashboard's key table */
    bool list_sources;
    bool offline;
    bool fetch;           /* --fetch: refresh the live stats before --export */
    const char *data_dir; /* --data, or NULL */
    const char *preset;   /* --preset, or NULL */
    const char *load;     /* --load, or NULL */
    const char *export_path; /* --export, or NULL; "-" is stdout */
    bool format_given;
    ExportFormat format;  /* --format, else from export_path */
    CliWeight *weights;   /* in command-line order */
    size_t nweights;
    RobustOptions robust; /* --samples, --spread, --seed (defaults otherwise) */
    const char *author;   /* --author, or NULL ($USER then) */
    const char **team;    /* --team paths, in order (the strings are argv's) */
    size_t nteam;
    TeamCombine combine;  /* --combine, TEAM_MEAN by default */
    bool combine_given;
    /* dashboard only */
    const char *theme;
    bool no_color;
    bool ascii;
    bool no_mouse;
    bool reset;
} CliOptions;

/* Parses argv. Returns 0, or -1 with *err set to a one-line message
 * (without the "versus: " prefix; caller frees): a usage error. The options
 * are filled either way and must be freed with cli_options_free. */
int cli_parse(int argc, char **argv, CliOptions *opts, char **err);
void cli_options_free(CliOptions *opts);

/* Writes the --help text. */
void cli_print_help(FILE *out);

#endif
