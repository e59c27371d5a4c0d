/* app.c: finding the data, applying the command line's weights, filling the
 * stats, and the --list-* outputs. */
#include "app/app.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch/fetcher.h"
#include "load/dataset_load.h"
#include "load/health_load.h"
#include "load/runtimes_load.h"
#include "load/snapshot_load.h"
#include "load/sources_load.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#ifndef VERSUS_DATADIR
#define VERSUS_DATADIR "/usr/local/share/versus"
#endif

/* How far above the program's directory a source tree may be:
 * build/NAME/asan/versus sits three levels below it. */
#define SOURCE_TREE_MAX_UP 3

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A directory that holds a data set (its first file is enough to tell). */
static bool holds_dataset(const char *dir)
{
    char *probe = path_join(dir, "stacks.yaml");
    bool found = is_file(probe);
    free(probe);
    return found;
}

/* The canonical form of an existing path, for clearer messages. */
static char *canonical(const char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return xstrdup(path);
    char *copy = xstrdup(real);
    free(real);
    return copy;
}

/* data/ beside the program, or the data/ of the source tree it was built
 * in; the tree is recognised by src/main.c so that an unrelated data/
 * higher up (say /usr/data) is never picked. */
static char *find_beside_program(const char *exe_path)
{
    char *dir = path_dirname(exe_path);
    char *found = NULL;
    for (int up = 0; up <= SOURCE_TREE_MAX_UP && !found; up++) {
        char *data = path_join(dir, "data");
        char *marker = path_join(dir, "src/main.c");
        if (holds_dataset(data) && (up == 0 || is_file(marker)))
            found = canonical(data);
        free(data);
        free(marker);
        char *parent = path_join(dir, "..");
        free(dir);
        dir = parent;
    }
    free(dir);
    return found;
}

char *app_find_data_dir_in(const char *flag, const char *env, const char *installed,
                           const char *exe_path, char **err)
{
    if (flag && *flag)
        return xstrdup(flag);
    if (env && *env)
        return xstrdup(env);
    if (installed && *installed && holds_dataset(installed))
        return xstrdup(installed);
    char *beside = exe_path && *exe_path ? find_beside_program(exe_path) : NULL;
    if (beside)
        return beside;
    *err = xasprintf("no data directory found (looked in %s and beside the program); "
                     "use --data DIR or set VERSUS_DATA_DIR",
                     installed && *installed ? installed : "the installed share directory");
    return NULL;
}

char *app_find_data_dir(const char *flag, char **err)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0)
        n = 0;
    exe[n] = '\0';
    return app_find_data_dir_in(flag, getenv("VERSUS_DATA_DIR"), VERSUS_DATADIR "/data", exe,
                                err);
}

int app_load_dataset(const char *dir, Dataset **ds, char **err)
{
    *ds = dataset_load(dir, err);
    return *ds ? EXIT_OK : EXIT_DATA;
}

/* "balanced, fintech, ..." for a message naming what would have worked. */
static char *preset_ids(const Dataset *ds)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t p = 0; p < ds->npresets; p++)
        sb_appendf(&sb, "%s%s", p ? ", " : "", ds->presets[p].id);
    return sb_take(&sb);
}

/* A member named by neither --author nor a snapshot's author: the file's
 * name without its directory and ".json". */
static char *name_from_path(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0)
        n -= 5;
    return n ? xstrndup(base, n) : xstrdup(path);
}

/* Reads every --team snapshot (each checked as --load checks one) and
 * hands the session the combined weights. */
static int load_team(Session *s, const CliOptions *opts, char **err)
{
    const Dataset *ds = s->ds;
    Team *team = team_new(opts->combine);
    int *weights = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *weights);
    for (size_t i = 0; i < opts->nteam; i++) {
        char *author = NULL;
        int rc = snapshot_load_member(opts->team[i], ds, weights, &author, err);
        if (rc != 0) {
            free(weights);
            team_free(team);
            return rc == SNAPSHOT_LOAD_IO ? EXIT_IO : EXIT_DATA;
        }
        if (!author)
            author = name_from_path(opts->team[i]);
        team_add(team, ds, author, opts->team[i], weights);
        free(author);
    }
    free(weights);
    team_finish(team, ds);
    session_set_team(s, team);
    return EXIT_OK;
}

int app_apply_weights(Session *s, const CliOptions *opts, char **err)
{
    const Dataset *ds = s->ds;
    if (opts->preset) {
        int p = dataset_preset_index(ds, opts->preset);
        if (p < 0) {
            char *known = preset_ids(ds);
            *err = xasprintf("unknown preset '%s' (known: %s)", opts->preset, known);
            free(known);
            return EXIT_USAGE;
        }
        session_apply_preset(s, (size_t)p);
    }
    if (opts->nteam) {
        int rc = load_team(s, opts, err);
        if (rc != EXIT_OK)
            return rc;
    }
    if (opts->load) {
        int *weights = xcalloc(ds->ncriteria ? ds->ncriteria : 1, sizeof *weights);
        int preset = -1;
        int rc = snapshot_load(opts->load, ds, weights, &preset, err);
        if (rc == 0)
            session_set_weights(s, weights, preset);
        free(weights);
        if (rc != 0)
            return rc == SNAPSHOT_LOAD_IO ? EXIT_IO : EXIT_DATA;
    }
    /* Check every id before changing anything, so a typo leaves no half-applied state. */
    for (size_t i = 0; i < opts->nweights; i++) {
        if (dataset_criterion_index(ds, opts->weights[i].id) < 0) {
            *err = xasprintf("unknown criterion '%s' in --weight %s (see --list-criteria)",
                             opts->weights[i].id, opts->weights[i].arg);
            return EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < opts->nweights; i++) {
        int c = dataset_criterion_index(ds, opts->weights[i].id);
        session_set_weight(s, (size_t)c, opts->weights[i].weight);
    }
    return EXIT_OK;
}

/* --fetch's progress line, redrawn in place on a terminal. */
static void fetch_progress(size_t done, size_t total, void *user)
{
    (void)user;
    fprintf(stderr, "\rversus: fetching live evidence %zu/%zu", done, total);
    fflush(stderr);
}

/* The fetcher's state as the header would say it, in line. */
static const char *status_line(const Fetcher *f, char line[FETCH_STATUS_MAX])
{
    time_t now = time(NULL);
    FetchSummary sum;
    fetcher_summary(f, now, &sum);
    fetch_status_line(&sum, now, line);
    return line;
}

int app_prepare_stats(Session *s, const char *data_dir, const CliOptions *opts, Fetcher **keep,
                      char **err)
{
    if (bundled_stats_load(data_dir, s->stats, err) != 0 ||
        runtimes_bundled_load(data_dir, s->runtimes, err) != 0 ||
        health_bundled_load(data_dir, s->health, err) != 0)
        return EXIT_DATA;
    /* Cached figures replace bundled ones on every run; only --fetch may
     * open a connection (the dashboard fetches in its own loop). */
    Sources *sources = sources_load_dir(data_dir, err);
    if (!sources)
        return EXIT_DATA;
    FetchOptions fo = { .cache_dir = NULL, .offline = !opts->fetch };
    /* VERSUS_TEST_CLOCK=skip: a headless --fetch waits out its rate-limit
     * slots on a clock that skips them (the dates it writes stay true),
     * for the tests' loopback server; the fetcher honours it only when
     * every source is on loopback. The fetcher (and so the clock) ends with
     * this call. */
    SkippingClock skipping;
    const char *test_clock = getenv("VERSUS_TEST_CLOCK");
    if (opts->fetch && !keep && test_clock && strcmp(test_clock, "skip") == 0) {
        fo.clock = clock_skipping_start(&skipping, true);
        fo.clock_loopback_only = true;
    }
    Fetcher *f = fetcher_new(s->ds, s->stats, sources, &fo);
    fetcher_add_evidence(f, s->runtimes, s->health);
    char line[FETCH_STATUS_MAX];
    if (opts->fetch) {
        bool tty = isatty(STDERR_FILENO);
        size_t queued = fetcher_run_blocking(f, false, tty ? fetch_progress : NULL, NULL);
        if (tty && queued > 0) {
            fprintf(stderr, "\rversus: download stats: %s\033[K\n", status_line(f, line));
            /* The support windows and package health, as the exports give them. */
            time_t now = time(NULL);
            for (size_t i = 0; i < s->ds->nstacks; i++) {
                char *window = runtime_line(s->runtimes, &s->ds->stacks[i], now);
                if (window)
                    fprintf(stderr, "versus: support window: %s\n", window);
                free(window);
            }
            char *health = health_summary(s->health);
            fprintf(stderr, "versus: package health: %s\n", health);
            free(health);
        }
    }
    if (keep)
        *keep = f;
    else
        fetcher_free(f);
    return EXIT_OK;
}

/* Writes text on one line: a description written as a YAML block scalar
 * may hold line breaks, and every entry must stay on its own line. */
static void put_one_line(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++)
        fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, out);
}

/* Ids are padded to the widest one (up to a limit), so descriptions line up. */
static int pad_width(size_t widest) { return widest > 32 ? 32 : (int)widest; }

void app_list_presets(FILE *out, const Dataset *ds)
{
    size_t widest = 0;
    for (size_t p = 0; p < ds->npresets; p++)
        if (strlen(ds->presets[p].id) > widest)
            widest = strlen(ds->presets[p].id);
    for (size_t p = 0; p < ds->npresets; p++) {
        fprintf(out, "%-*s  ", pad_width(widest), ds->presets[p].id);
        put_one_line(out, ds->presets[p].description);
        fputc('\n', out);
    }
}

void app_list_sources(FILE *out, const Dataset *ds)
{
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        for (size_t s = 0; s < ds->nstacks; s++) {
            const Assessment *a = &cr->by_stack[s];
            for (size_t k = 0; k < a->ncitations; k++) {
                const Citation *ct = &a->citations[k];
                fprintf(out, "%s\t%s\t", cr->id, ds->stacks[s].id);
                put_one_line(out, ct->title);
                fprintf(out, "\t%s\t%s\n", ct->date, ct->url);
            }
        }
    }
}

void app_list_criteria(FILE *out, const Dataset *ds)
{
    size_t widest = 0;
    for (size_t c = 0; c < ds->ncriteria; c++)
        if (strlen(ds->criteria[c].id) > widest)
            widest = strlen(ds->criteria[c].id);
    for (size_t c = 0; c < ds->ncriteria; c++) {
        const Criterion *cr = &ds->criteria[c];
        fprintf(out, "%-*s  ", pad_width(widest), cr->id);
        put_one_line(out, cr->title);
        fputs(": ", out);
        put_one_line(out, cr->question);
        fprintf(out, " (default weight %d)\n", cr->default_weight);
    }
}
