/* cli.c: argv -> CliOptions with getopt_long, and the --help text. */
#include "app/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Long-only options get codes above the byte range. */
enum {
    OPT_OFFLINE = 256,
    OPT_FETCH,
    OPT_LIST_PRESETS,
    OPT_LIST_CRITERIA,
    OPT_LIST_KEYS,
    OPT_LIST_SOURCES,
    OPT_THEME,
    OPT_NO_COLOR,
    OPT_ASCII,
    OPT_NO_MOUSE,
    OPT_RESET,
    OPT_SAMPLES,
    OPT_SPREAD,
    OPT_SEED,
    OPT_COMPARE_PRESETS,
    OPT_AUTHOR,
    OPT_TEAM,
    OPT_COMBINE,
};

static const struct option long_options[] = {
    { "data", required_argument, NULL, 'd' },
    { "preset", required_argument, NULL, 'p' },
    { "weight", required_argument, NULL, 'w' },
    { "load", required_argument, NULL, 'l' },
    { "export", required_argument, NULL, 'e' },
    { "format", required_argument, NULL, 'f' },
    { "offline", no_argument, NULL, OPT_OFFLINE },
    { "fetch", no_argument, NULL, OPT_FETCH },
    { "list-presets", no_argument, NULL, OPT_LIST_PRESETS },
    { "list-criteria", no_argument, NULL, OPT_LIST_CRITERIA },
    { "compare-presets", no_argument, NULL, OPT_COMPARE_PRESETS },
    { "list-keys", no_argument, NULL, OPT_LIST_KEYS },
    { "author", required_argument, NULL, OPT_AUTHOR },
    { "team", required_argument, NULL, OPT_TEAM },
    { "combine", required_argument, NULL, OPT_COMBINE },
    { "list-sources", no_argument, NULL, OPT_LIST_SOURCES },
    { "theme", required_argument, NULL, OPT_THEME },
    { "no-color", no_argument, NULL, OPT_NO_COLOR },
    { "ascii", no_argument, NULL, OPT_ASCII },
    { "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
    { "reset", no_argument, NULL, OPT_RESET },
    { "samples", required_argument, NULL, OPT_SAMPLES },
    { "spread", required_argument, NULL, OPT_SPREAD },
    { "seed", required_argument, NULL, OPT_SEED },
    { "version", no_argument, NULL, 'V' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* Leading ':' makes getopt report a missing argument as ':' and stay quiet. */
static const char short_options[] = ":d:p:w:l:e:f:Vh";

void cli_print_help(FILE *out)
{
    char labels[128], names[128];
    fprintf(out,
            "Usage: versus [OPTIONS]\n"
            "Compare backend stacks across weighted criteria, in a terminal dashboard\n"
            "or as a %s snapshot.\n"
            "\n",
            export_format_names(labels, sizeof labels, true));
    fputs("Weights and data:\n"
          "  -d, --data DIR          read the data set from DIR\n"
          "  -p, --preset NAME       start from the weights of preset NAME\n"
          "  -w, --weight ID=N       set criterion ID's weight to N (0..10); repeatable,\n"
          "                          applied after --preset or --load\n"
          "  -l, --load SNAPSHOT     restore weights and preset from an exported JSON\n"
          "                          snapshot (as --export PATH.json writes)\n"
          "      --team SNAPSHOT     a team member's JSON snapshot; repeat for each member\n"
          "                          (at least 2): their weights are combined exactly\n"
          "      --combine HOW       combine the members' weights by their mean (default)\n"
          "                          or median\n"
          "\n"
          "Robustness of the verdict:\n"
          "      --samples N         weightings to draw (default 10000)\n"
          "      --spread K          how far each drawn weight may lie from yours (default 2)\n"
          "      --seed S            seed of the draws (default fixed: same inputs, same figures)\n"
          "  Each draw takes every weight uniformly and independently from [w-K, w+K]\n"
          "  clipped to 0..10, and counts who leads; the flip is the fewest whole weight\n"
          "  points that must move for the runner-up to lead.\n"
          "\n"
          "Headless output:\n"
          "  -e, --export PATH       write a snapshot to PATH ('-' for stdout) and exit\n",
          out);
    fprintf(out,
            "  -f, --format FORMAT     %s (default: from PATH's extension;\n"
            "                          %s for stdout or an unknown extension)\n",
            export_format_names(names, sizeof names, false), export_format_info(0)->label);
    for (int f = 0; f < EXPORT_NFORMATS; f++) {
        /* every name a format answers to, not its first only */
        const ExportFormatInfo *fi = export_format_info((ExportFormat)f);
        for (size_t k = 1; k < EXPORT_NAMES_MAX && fi->names[k]; k++)
            fprintf(out, "                          %s is also %s\n", fi->names[0], fi->names[k]);
    }
    for (int f = 0; f < EXPORT_NFORMATS; f++)
        if (export_format_info((ExportFormat)f)->note)
            fprintf(out, "                          %s: %s\n",
                    export_format_info((ExportFormat)f)->names[0],
                    export_format_info((ExportFormat)f)->note);
    fputs("      --author NAME       who the weights are from, in JSON snapshots and\n"
          "                          decision records (default: $USER)\n"
          "      --list-presets      print each preset's name and description\n"
          "      --list-criteria     print each criterion's id and description\n"
          "      --compare-presets   print the defaults, every preset and the current\n"
          "                          weights side by side, tab-separated: each stack's\n"
          "                          total, the verdict, the margin and the robustness\n"
          "      --list-sources      print every source the scores cite, one a line:\n"
          "                          criterion, stack, title, date and URL, tab-separated\n"
          "\n"
          "Live download figures:\n"
          "      --offline           never touch the network: cached and bundled figures\n"
          "      --fetch             with --export: fetch live download stats first (what\n"
          "                          was fetched before the service's last daily update);\n"
          "                          packages that fail keep their last figures and say\n"
          "                          why in the export\n"
          "\n"
          "Dashboard:\n"
          "      --theme NAME        colour theme (a name in themes/ or a file path)\n"
          "      --no-color          no colours (also when NO_COLOR is set)\n"
          "      --ascii             plain ASCII bars and boxes\n"
          "      --no-mouse          ignore the mouse\n"
          "      --reset             start from the data's defaults, not the saved state\n"
          "      --list-keys         print the dashboard's keys, as its help shows them\n"
          "\n"
          "  -V, --version           print the version and exit\n"
          "  -h, --help              print this help and exit\n"
          "\n"
          "The data directory is --data, else $VERSUS_DATA_DIR, else the installed\n"
          "one, else data/ next to the program. Exit status: 0 success, 2 usage\n"
          "error, 65 bad data or snapshot, 74 a file could not be read or written.\n"
          "See versus(1).\n",
          out);
}

/* "ID=N" with N a plain integer 0..10 (no sign, no spaces, no decimals). */
static int parse_weight(const char *arg, CliWeight *out, char **err)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        *err = xasprintf("--weight expects ID=N, not '%s'", arg);
        return -1;
    }
    const char *num = eq + 1;
    size_t digits = strspn(num, "0123456789");
    long value = -1;
    if (digits > 0 && digits <= 2 && num[digits] == '\0')
        value = strtol(num, NULL, 10);
    if (value < WEIGHT_MIN || value > WEIGHT_MAX) {
        *err = xasprintf("weight in '%s' must be an integer from %d to %d", arg, WEIGHT_MIN,
                         WEIGHT_MAX);
        return -1;
    }
    out->arg = arg;
    out->id = xstrndup(arg, (size_t)(eq - arg));
    out->weight = (int)value;
    return 0;
}

/* A whole number lo..hi written in plain digits. */
static bool parse_count(const char *arg, unsigned long long lo, unsigned long long hi,
                        unsigned long long *out)
{
    size_t digits = strspn(arg, "0123456789");
    if (digits == 0 || digits > 19 || arg[digits] != '\0')
        return false;
    unsigned long long v = strtoull(arg, NULL, 10);
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* A decimal 0..max: digits, optionally a point and more digits. */
static bool parse_spread(const char *arg, double max, double *out)
{
    size_t whole = strspn(arg, "0123456789");
    const char *p = arg + whole;
    size_t frac = 0;
    if (*p == '.') {
        frac = strspn(p + 1, "0123456789");
        p += 1 + frac;
    }
    if (whole + frac == 0 || *p != '\0' || whole > 3)
        return false;
    double v = strtod(arg, NULL); /* digits and '.' only: the C locale reads them */
    if (v > max)
        return false;
    *out = v;
    return true;
}

/* Does the argument `written` spell (a prefix of) the long option with
 * value val? Tells "--data" without its argument from "-d" without one. */
static bool written_is_long(const char *written, int val)
{
    if (strncmp(written, "--", 2) != 0)
        return false;
    const char *name = written + 2;
    size_t n = strcspn(name, "=");
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == val && strncmp(o->name, name, n) == 0)
            return true;
    return false;
}

/* The option getopt rejected, as the user wrote it. A short option inside a
 * cluster ("-xh") leaves optind on the cluster, so argv[optind - 1] is only
 * trusted when it is the long option that failed. */
static char *bad_option_message(char **argv, bool missing_argument)
{
    const char *written = optind > 0 ? argv[optind - 1] : "";
    bool is_short = optopt > 0 && optopt < 256 && !written_is_long(written, optopt);
    if (is_short)
        return missing_argument ? xasprintf("option '-%c' needs an argument", optopt)
                                : xasprintf("unknown option '-%c'", optopt);
    return missing_argument ? xasprintf("option '%s' needs an argument", written)
                            : xasprintf("unknown or malformed option '%s'", written);
}

int cli_parse(int argc, char **argv, CliOptions *opts, char **err)
{
    memset(opts, 0, sizeof *opts);
    opts->robust = (RobustOptions)ROBUST_OPTIONS_DEFAULT;
    *err = NULL;
    optind = 0; /* GNU: a full re-initialisation, so parsing can run more than once */
    opterr = 0;
    int code;
    while ((code = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
        switch (code) {
        case 'd':
            opts->data_dir = optarg;
            break;
        case 'p':
            opts->preset = optarg;
            break;
        case 'w':
            opts->weights = xreallocarray(opts->weights, opts->nweights + 1, sizeof *opts->weights);
            if (parse_weight(optarg, &opts->weights[opts->nweights], err) != 0)
                return -1;
            opts->nweights++;
            break;
        case 'l':
            opts->load = optarg;
            break;
        case 'e':
            opts->export_path = optarg;
            break;
        case 'f':
            if (!export_format_from_name(optarg, &opts->format)) {
                char names[128];
                *err = xasprintf("unknown format '%s' (use %s)", optarg,
                                 export_format_names(names, sizeof names, false));
                return -1;
            }
            opts->format_given = true;
            break;
        case OPT_OFFLINE:
            opts->offline = true;
            break;
        case OPT_FETCH:
            opts->fetch = true;
            break;
        case OPT_LIST_PRESETS:
            opts->list_presets = true;
            break;
        case OPT_LIST_CRITERIA:
            opts->list_criteria = true;
            break;
        case OPT_COMPARE_PRESETS:
            opts->compare_presets = true;
            break;
        case OPT_LIST_KEYS:
            opts->list_keys = true;
            break;
        case OPT_TEAM:
            opts->team = xreallocarray(opts->team, opts->nteam + 1, sizeof *opts->team);
            opts->team[opts->nteam++] = optarg;
            break;
        case OPT_COMBINE:
            if (!team_combine_from_name(optarg, &opts->combine)) {
                *err = xasprintf("--combine expects mean or median, not '%s'", optarg);
                return -1;
            }
            opts->combine_given = true;
            break;
        case OPT_AUTHOR:
            if (!optarg[0] || strpbrk(optarg, "\n\r\t")) {
                *err = xstrdup("--author needs a name on one line");
                return -1;
            }
            opts->author = optarg;
            break;
        case OPT_LIST_SOURCES:
            opts->list_sources = true;
            break;
        case OPT_THEME:
            opts->theme = optarg;
            break;
        case OPT_NO_COLOR:
            opts->no_color = true;
            break;
        case OPT_ASCII:
            opts->ascii = true;
            break;
        case OPT_NO_MOUSE:
            opts->no_mouse = true;
            break;
        case OPT_RESET:
            opts->reset = true;
            break;
        case OPT_SAMPLES: {
            unsigned long long n;
            if (!parse_count(optarg, 1, ROBUST_SAMPLES_MAX, &n)) {
                *err = xasprintf("--samples expects a whole number from 1 to %d, not '%s'",
                                 ROBUST_SAMPLES_MAX, optarg);
                return -1;
            }
            opts->robust.samples = (long)n;
            break;
        }
        case OPT_SPREAD:
            if (!parse_spread(optarg, ROBUST_SPREAD_MAX, &opts->robust.spread)) {
                *err = xasprintf("--spread expects a number of weight points from 0 to %g, not '%s'",
                                 ROBUST_SPREAD_MAX, optarg);
                return -1;
            }
            break;
        case OPT_SEED: {
            unsigned long long n;
            if (!parse_count(optarg, 0, (1ULL << 63) - 1, &n)) {
                *err = xasprintf("--seed expects a whole number from 0 to 2^63-1, not '%s'", optarg);
                return -1;
            }
            opts->robust.seed = n;
            break;
        }
        case 'V':
            opts->version = true;
            break;
        case 'h':
            opts->help = true;
            break;
        case ':':
            *err = bad_option_message(argv, true);
            return -1;
        default:
            *err = bad_option_message(argv, false);
            return -1;
        }
    }
    if (optind < argc) {
        *err = xasprintf("unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (opts->help || opts->version)
        return 0;
    if (opts->nteam == 1) {
        *err = xstrdup("--team needs at least 2 snapshots, one per member");
        return -1;
    }
    if (opts->nteam > TEAM_MAX) {
        *err = xasprintf("--team takes at most %d snapshots", TEAM_MAX);
        return -1;
    }
    if (opts->nteam && (opts->preset || opts->load)) {
        *err = xstrdup("--team cannot be combined with --preset or --load: the members' "
                       "snapshots give the weights");
        return -1;
    }
    if (opts->combine_given && !opts->nteam) {
        *err = xstrdup("--combine needs --team");
        return -1;
    }
    if (opts->preset && opts->load) {
        *err = xstrdup("--preset and --load cannot be combined: a snapshot names its own weights");
        return -1;
    }
    if (opts->fetch && opts->offline) {
        *err = xstrdup("--fetch and --offline cannot be combined: --offline never touches the network");
        return -1;
    }
    if (opts->fetch && !opts->export_path) {
        *err = xstrdup("--fetch needs --export PATH");
        return -1;
    }
    if (opts->format_given && !opts->export_path) {
        *err = xstrdup("--format needs --export PATH");
        return -1;
    }
    if (opts->export_path && opts->list_keys) {
        *err = xstrdup("--export cannot be combined with --list-keys");
        return -1;
    }
    if (opts->export_path && (opts->list_presets || opts->list_criteria || opts->list_sources)) {
        *err = xstrdup("--export cannot be combined with --list-presets, --list-criteria or "
                       "--list-sources");
        return -1;
    }
    if (opts->data_dir && opts->data_dir[0] == '\0') {
        *err = xstrdup("--data needs a directory");
        return -1;
    }
    if (opts->compare_presets &&
        (opts->export_path || opts->list_presets || opts->list_criteria || opts->list_sources)) {
        *err = xstrdup("--compare-presets cannot be combined with --export or --list-*");
        return -1;
    }
    if (opts->export_path && opts->export_path[0] == '\0') {
        *err = xstrdup("--export needs a path ('-' for stdout)");
        return -1;
    }
    if (opts->export_path && !opts->format_given)
        opts->format = strcmp(opts->export_path, "-") == 0
                           ? EXPORT_MARKDOWN
                           : export_format_from_path(opts->export_path);
    return 0;
}

void cli_options_free(CliOptions *opts)
{
    for (size_t i = 0; i < opts->nweights; i++)
        free(opts->weights[i].id);
    free(opts->weights);
    opts->weights = NULL;
    free(opts->team);
    opts->team = NULL;
    opts->nteam = 0;
    opts->nweights = 0;
}
