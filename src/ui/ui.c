/* ui.c: the screen's life — terminal setup and restore, saved state,
 * themes, and the one event loop: wait on the keyboard and the network
 * together, turn input into changes, redraw what those changes dirtied. */
#include "ui/ui.h"

#include <ctype.h>
#include <curses.h>
#include <dirent.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "load/state.h"
#include "ui/live.h"
#include "ui/ui_internal.h"
#include "util/exit_codes.h"
#include "util/fileio.h"
#include "util/safetext.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Keys quiet this long before the robustness estimate runs. */
#define ROBUST_QUIET_MS 120
#define TICK_MS 1000        /* longest wait: signals and clock-driven header updates */
#define HEADER_REFRESH_S 30 /* "cache 3h old" ages even when nothing happens */

static volatile sig_atomic_t caught_signal;
static Ui *active_ui; /* for die() and the signal exit: restore and save */
static bool curses_on;

static volatile sig_atomic_t suspend_asked; /* Ctrl-Z (SIGTSTP): stop at the next turn of the loop */

static void on_signal(int sig) { caught_signal = sig; }
static void on_suspend(int sig) { (void)sig; suspend_asked = 1; }

/* "versus: PREFIX MESSAGE" on stderr, the message's controls escaped. */
static void print_error(const char *prefix, const char *msg)
{
    char *safe = safetext_escaped(msg ? msg : "unknown error");
    fprintf(stderr, "versus: %s%s\n", prefix, safe);
    free(safe);
}

/* ---- messages ---------------------------------------------------------------------- */

void ui_message(Ui *ui, MsgKind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *raw = xvasprintf(fmt, ap);
    va_end(ap);
    /* One line: a message from a file or the network may hold newlines,
     * and must not carry a control character to the terminal. */
    for (char *p = raw; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    char *m = safetext_escaped(raw);
    free(raw);
    free(ui->msg);
    ui->msg = m;
    ui->msg_kind = kind;
    ui->msg_refresh = false;
    ui->dirty |= DIRTY_STATUS;
}

void ui_weight_text(const Ui *ui, int c, char out[16]) { session_weight_text(ui->s, (size_t)c, out); }

void ui_relayout(Ui *ui)
{
    getmaxyx(stdscr, ui->height, ui->width);
    /* The dashboard's state says what the areas hold (the stacks shown,
     * the rows the list fills, the details' height). */
    dashboard_layout(ui);
    ui->dirty = DIRTY_ALL & ~DIRTY_LAYOUT;
}

/* ---- themes ------------------------------------------------------------------------ */

/* Attributes for a screen without colour: mono.yaml's look, built in so it
 * never depends on finding a file. */
static unsigned mono_attrs(ThemeRole r)
{
    switch (r) {
    case ROLE_DIM: case ROLE_SLIDER_EMPTY: return THEME_DIM;
    case ROLE_HEADER: return THEME_REVERSE | THEME_BOLD;
    case ROLE_TITLE: case ROLE_SLIDER: case ROLE_VERDICT: case ROLE_WARNING:
    case ROLE_DIALOG_TITLE: return THEME_BOLD;
    case ROLE_SELECTED: case ROLE_KEY: case ROLE_INPUT: return THEME_REVERSE;
    case ROLE_BETTER: return THEME_BOLD | THEME_UNDERLINE;
    case ROLE_ERROR: return THEME_BOLD | THEME_REVERSE;
    default: return 0;
    }
}

static attr_t curses_attrs(unsigned a)
{
    attr_t out = 0;
    if (a & THEME_BOLD)
        out |= A_BOLD;
    if (a & THEME_DIM)
        out |= A_DIM;
    if (a & THEME_UNDERLINE)
        out |= A_UNDERLINE;
    if (a & THEME_REVERSE)
        out |= A_REVERSE;
#ifdef A_ITALIC
    if (a & THEME_ITALIC)
        out |= A_ITALIC;
#endif
    return out;
}

/* Turns the theme's roles into curses attributes and colour pairs. */
static void install_theme(Ui *ui)
{
    static bool default_colors_ok;
    static bool default_colors_tried;
    if (ui->color && !default_colors_tried) {
        default_colors_tried = true;
        default_colors_ok = use_default_colors() == OK;
    }
    const ThemeStyle *normal = &ui->theme->roles[ROLE_NORMAL];
    bool light = theme_background_is_light(ui->theme);
    for (int r = 0; r < ROLE_COUNT; r++) {
        const ThemeStyle *st = &ui->theme->roles[r];
        if (!ui->color) {
            ui->attr[r] = (int)curses_attrs(mono_attrs((ThemeRole)r));
            continue;
        }
        /* A theme that paints its own background (light) paints it under
         * every role, so no role shows the terminal's own behind it. */
        int fg256 = st->fg, fg16 = st->fg16, bg256 = st->bg, bg16 = st->bg16;
        if (fg256 == THEME_COLOR_DEFAULT && fg16 < 0) {
            fg256 = normal->fg;
            fg16 = normal->fg16;
        }
        if (bg256 == THEME_COLOR_DEFAULT && bg16 < 0) {
            bg256 = normal->bg;
            bg16 = normal->bg16;
        }
        unsigned attrs = st->attrs;
        int fg = theme_color_attrs_for(fg256, fg16, COLORS, light, &attrs);
        int bg = theme_color_attrs_for(bg256, bg16, COLORS, light, NULL);
        if (!default_colors_ok) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        init_pair((short)(r + 1), (short)fg, (short)bg);
        ui->attr[r] = (int)(COLOR_PAIR(r + 1) | curses_attrs(attrs));
    }
    bkgdset((chtype)ui->attr[ROLE_NORMAL] | ' ');
}

static char *user_themes_dir(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/versus/themes", xdg);
    const char *home = getenv("HOME");
    return home && home[0] ? xasprintf("%s/.config/versus/themes", home) : NULL;
}

static bool looks_like_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0);
}

static size_t theme_names(const Ui *ui, char ***out);

/* Finds and loads a theme by name or path. *not_found (may be NULL) is set
 * when no file of that name exists, as opposed to a file that is wrong. */
static Theme *theme_resolve(const Ui *ui, const char *name, char **err, bool *not_found)
{
    if (not_found)
        *not_found = false;
    if (looks_like_path(name))
        return theme_load_file(name, err);
    char *user = user_themes_dir();
    const char *dirs[2] = { user, ui->themes_dir };
    for (int i = 0; i < 2; i++) {
        if (!dirs[i])
            continue;
        char *path = xasprintf("%s/%s.yaml", dirs[i], name);
        if (access(path, F_OK) == 0) {
            Theme *t = theme_load_file(path, err);
            free(path);
            free(user);
            return t;
        }
        free(path);
    }
    if (strcmp(name, "default") == 0) {
        free(user);
        return theme_builtin();
    }
    /* Say everywhere that was looked and everything that was there. */
    char **names;
    size_t n = theme_names(ui, &names);
    StrBuf sb = STRBUF_INIT;
    sb_appendf(&sb, "no theme named '%s': looked in ", name);
    if (user)
        sb_appendf(&sb, "%s and ", user);
    sb_appendf(&sb, "%s; themes there: ", ui->themes_dir);
    for (size_t i = 0; i < n; i++) {
        sb_appendf(&sb, "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
    if (n == 0)
        sb_append(&sb, "none (default is built in)");
    free(names);
    free(user);
    *err = xstrdup(sb_str(&sb));
    sb_free(&sb);
    if (not_found)
        *not_found = true;
    return NULL;
}

void ui_apply_theme(Ui *ui, Theme *theme, const char *name)
{
    theme_free(ui->theme);
    ui->theme = theme;
    free(ui->theme_name);
    ui->theme_name = xstrdup(name);
    if (curses_on) {
        install_theme(ui);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Theme names from the shipped and the user's directories, sorted. */
static size_t theme_names(const Ui *ui, char ***out)
{
    char **names = NULL;
    size_t n = 0;
    char *user = user_themes_dir();
    const char *dirs[2] = { ui->themes_dir, user };
    for (int i = 0; i < 2; i++) {
        DIR *d = dirs[i] ? opendir(dirs[i]) : NULL;
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.')
                continue;
            char *name = xstrndup(e->d_name, len - 5);
            bool dup = false;
            for (size_t k = 0; k < n; k++)
                dup = dup || strcmp(names[k], name) == 0;
            if (dup) {
                free(name);
                continue;
            }
            names = xreallocarray(names, n + 1, sizeof *names);
            names[n++] = name;
        }
        closedir(d);
    }
    free(user);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    *out = names;
    return n;
}

void ui_next_theme(Ui *ui)
{
    char **names;
    size_t n = theme_names(ui, &names);
    if (n == 0) {
        ui_message(ui, MSG_WARNING, "no theme files in %s", ui->themes_dir);
        free(names);
        return;
    }
    size_t next = 0;
    for (size_t i = 0; i < n; i++)
        if (ui->theme_name && strcmp(names[i], ui->theme_name) == 0)
            next = (i + 1) % n;
    char *err = NULL;
    Theme *t = theme_resolve(ui, names[next], &err, NULL);
    if (!t) {
        ui_message(ui, MSG_ERROR, "%s", err);
        free(err);
        /* Skip the broken one next time round. */
        free(ui->theme_name);
        ui->theme_name = xstrdup(names[next]);
    } else {
        ui_apply_theme(ui, t, names[next]);
        if (ui->color)
            ui_message(ui, MSG_INFO, "theme %s%s%s", names[next], t->description ? ": " : "",
                       t->description ? t->description : "");
        else
            ui_message(ui, MSG_INFO, "theme %s (colours are off: NO_COLOR, --no-color or the terminal)",
                       names[next]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static char *themes_dir_for(const char *data_dir)
{
    if (!data_dir)
        return xstrdup("themes");
    char *d = xstrdup(data_dir);
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/')
        d[--n] = '\0';
    char *parent = path_dirname(d);
    char *themes = path_join(parent, "themes");
    free(parent);
    free(d);
    return themes;
}

/* ---- state -------------------------------------------------------------------- */

/* The unusable state file becomes state.yaml.bad before this session's
 * state replaces it; the one-line warning for the status line says so.
 * When it cannot be moved, nothing is saved over it. */
static char *set_aside_state(Ui *ui, const char *why)
{
    char *path = state_default_path();
    char *moved = NULL, *err = NULL, *warning;
    if (path && state_set_aside(path, &moved, &err) == 0) {
        warning = xasprintf("saved state ignored (%s); defaults used, old file kept as %s", why, moved);
    } else {
        warning = xasprintf("saved state ignored (%s); defaults used; %s; it will not be saved over",
                            why, err ? err : "no state path");
        ui->keep_state_file = true;
    }
    free(moved);
    free(err);
    free(path);
    return warning;
}

/* A team's weights belong to the team's snapshots, not to this user's
 * saved state: keep the weights (and preset) the state file already has,
 * or the data's defaults when it has none. */
static void keep_own_weights(SavedState *st, const char *path)
{
    SavedState old = SAVED_STATE_INIT;
    char *err = NULL;
    if (state_load(path, &old, &err) == 0) {
        char **ids = st->weight_ids;
        int *w = st->weights;
        size_t n = st->nweights;
        char *preset = st->preset;
        st->weight_ids = old.weight_ids;
        st->weights = old.weights;
        st->nweights = old.nweights;
        st->preset = old.preset;
        old.weight_ids = ids;
        old.weights = w;
        old.nweights = n;
        old.preset = preset;
    } else {
        /* no usable state: nothing of the team's is saved as one's own */
        for (size_t i = 0; i < st->nweights; i++)
            free(st->weight_ids[i]);
        st->nweights = 0;
        free(st->preset);
        st->preset = NULL;
    }
    free(err);
    state_clear(&old);
}

static void save_state(Ui *ui, bool report)
{
    if (ui->keep_state_file)
        return;
    char *path = state_default_path();
    if (!path)
        return;
    SavedState st = SAVED_STATE_INIT;
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    state_capture(&st, ui->s, ui->theme_name, shown, nshown);
    if (ui->s->team)
        keep_own_weights(&st, path);
    char *err = NULL;
    if (state_save(path, &st, &err) != 0) {
        if (report)
            print_error("could not save the dashboard state: ", err);
        free(err);
    }
    state_clear(&st);
    free(path);
}

/* Reads the saved state. An unusable file's reason goes to *unusable, for
 * set_aside_state once the dashboard is sure to run (and so to save over it). */
static void restore_state(Ui *ui, SavedState *st, char **unusable)
{
    if (ui->opts->reset)
        return;
    char *path = state_default_path();
    if (!path)
        return;
    char *err = NULL;
    int rc = state_load(path, st, &err);
    if (rc < 0) {
        *unusable = err;
    } else if (rc == 0) {
        if (!ui->opts->weights_from_cli)
            state_apply_weights(st, ui->s);
        int shown[STACKS_MAX];
        size_t nshown = state_stack_indices(st, ui->ds, shown, STACKS_MAX);
        if (nshown >= 2) /* else the dashboard's first two */
            dashboard_show_stacks(ui, shown, nshown);
    }
    free(path);
}

/* ---- terminal ------------------------------------------------------------------- */

/* ncurses asks only for clicks (mode 1000); dragging a slider needs motion
 * while a button is held (1002), which ncurses then reports as
 * REPORT_MOUSE_POSITION. */
static bool sgr_mouse_ours; /* we asked for SGR reports and decode them */

static void mouse_drag_reports(bool on)
{
    /* SGR reports (1006) too, where terminfo leaves ncurses with the old
     * encoding, whose coordinates stop at column 223. */
    static const char enable[] = "\033[?1002h", disable[] = "\033[?1002l";
    static const char enable_sgr[] = "\033[?1002h\033[?1006h",
                      disable_sgr[] = "\033[?1006l\033[?1002l";
    const char *seq = sgr_mouse_ours ? (on ? enable_sgr : disable_sgr) : (on ? enable : disable);
    fflush(stdout);
    if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
        /* nothing to do: without it a slider takes clicks but not drags */
    }
}

static void terminal_restore(void)
{
    if (!curses_on)
        return;
    curses_on = false;
    if (active_ui && active_ui->mouse) {
        mousemask(0, NULL);
        mouse_drag_reports(false);
    }
    endwin();
}

/* die() after curses started: give the shell its terminal back, keep the state. */
static void cleanup_on_die(void)
{
    Ui *ui = active_ui;
    terminal_restore();
    active_ui = NULL;
    if (ui)
        save_state(ui, false);
}

/* The signals that end a session: the terminal is given back and the
 * state saved, whichever it is (Ctrl-C, Ctrl-\\, kill, a closed terminal). */
static const int ending_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void install_suspend_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_suspend;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, NULL);
}

/* Installed before curses starts, so ncurses keeps its own SIGTSTP and
 * SIGINT handlers out: suspending and ending happen in the loop, outside
 * signal context, where the terminal can be put back properly. */
static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof ending_signals / sizeof *ending_signals; i++)
        sigaction(ending_signals[i], &sa, NULL);
    install_suspend_handler();
    signal(SIGPIPE, SIG_IGN);
}

/* Ctrl-Z: give the shell its terminal back as it was (no mouse reports,
 * normal screen and cursor), stop, and on `fg` take it again and redraw
 * everything, for whatever size the terminal has by then. */
static void suspend_session(Ui *ui)
{
    suspend_asked = 0;
    if (ui->mouse) {
        mousemask(0, NULL);
        mouse_drag_reports(false);
    }
    endwin();
    fflush(stdout);
    signal(SIGTSTP, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP); /* stops here until SIGCONT */
    install_suspend_handler();
    /* Keypad mode at once, not at the next read: a key typed as soon as
     * the screen is back must arrive in the form terminfo describes. */
    reset_prog_mode();
    keypad(stdscr, TRUE);
    if (ui->mouse) {
        mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
        mouse_drag_reports(true);
    }
    clearok(curscr, TRUE);
    refresh();
    ui->dirty |= DIRTY_ALL;
}

static bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static bool start_curses(Ui *ui)
{
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr)
        return false;
    set_term(scr);
    /* A terminal that cannot place the cursor (TERM=dumb) would only show
     * a smear of text: refuse it rather than draw garbage. */
    char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1) {
        endwin();
        delscreen(scr);
        return false;
    }
    curses_on = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    const char *no_color = getenv("NO_COLOR");
    bool want_color = !ui->opts->no_color && !(no_color && no_color[0]);
    ui->color = want_color && has_colors() && start_color() == OK && COLOR_PAIRS > ROLE_COUNT;
    install_theme(ui);
    ui->mouse = false;
    if (!ui->opts->no_mouse) {
        mouseinterval(0);
        ui->mouse = mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL) != 0;
        /* ncurses decodes SGR reports itself when terminfo's kmous says
         * so; otherwise their prefix becomes a key of ours and the rest is
         * read by ui_read_sgr_mouse. */
        char *kmous = tigetstr("kmous");
        bool native = kmous && kmous != (char *)-1 && strcmp(kmous, "\033[<") == 0;
        sgr_mouse_ours = ui->mouse && !native && define_key("\033[<", KEY_SGR_MOUSE) == OK;
    }
    return true;
}

/* ---- the loop ---------------------------------------------------------------------- */

static void redraw(Ui *ui)
{
    if (ui->dirty & DIRTY_LAYOUT)
        ui_relayout(ui);
    if (ui->dirty)
        draw_screen(ui);
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void read_keys(Ui *ui)
{
    /* Bounded, so a flood of input cannot starve the screen. */
    for (int i = 0; i < 512 && !ui->quit; i++) {
        wint_t wch;
        int rc = wget_wch(stdscr, &wch);
        if (rc == ERR)
            break;
        int key = rc == KEY_CODE_YES ? FK((int)wch) : (int)wch;
        ui->last_input_ms = monotonic_ms();
        ui_handle_key(ui, key);
        /* Lay out and draw for the new size before the next key: a mouse
         * click means a place on the new layout, and the next wget_wch
         * would otherwise refresh what ncurses kept of the old screen,
         * which ncurses 6.4 gets wrong on a one-column terminal. Reading
         * goes on: keys ncurses has already buffered must not wait for
         * the next poll. */
        if (key == FK(KEY_RESIZE))
            redraw(ui);
    }
}

void ui_stats_changed(Ui *ui)
{
    dashboard_stats_changed(ui); /* the all-criteria sums and the details, rebuilt */
    /* The panes name each runtime's support window, which a fetch may
     * change too. */
    ui->dirty |= DIRTY_HEADER | DIRTY_DETAIL | DIRTY_LIST;
}

/* A refresh (at start-up or with u/F5) keeps the status line up to date while it
 * runs and says how it ended once it has, so no message outlives its work. */
void ui_follow_refresh(Ui *ui)
{
    if (!ui->watch_refresh)
        return;
    if (live_busy(ui->live)) {
        if (!ui->msg_refresh)
            return; /* another message took the line; the end is still reported */
        char *text = live_progress_text(ui->live);
        if (!ui->msg || strcmp(text, ui->msg) != 0) {
            ui_message(ui, MSG_INFO, "%s", text);
            ui->msg_refresh = true;
        }
        free(text);
        return;
    }
    ui->watch_refresh = false;
    /* Work nobody asked for (the start-up refresh) does not take the line
     * from a warning or a key's message; the header says how it ended. */
    if (ui->refresh_yields && !ui->msg_refresh && ui->msg)
        return;
    bool failed = false;
    char *text = live_result_text(ui->live, &failed);
    ui_message(ui, failed ? MSG_WARNING : MSG_INFO, "%s", text);
    free(text);
}

static void run_loop(Ui *ui)
{
    time_t last_tick = time(NULL);
    while (!ui->quit && !caught_signal) {
        if (suspend_asked)
            suspend_session(ui);
        (void)ui_robust_at_once(ui);
        redraw(ui);
        /* A larger estimate waits until the keys have been quiet for a
         * moment (a held key repeats faster), then runs in slices between
         * looks at the keyboard. */
        int wait = TICK_MS;
        if (!session_robust_complete(ui->s)) {
            long long quiet = monotonic_ms() - ui->last_input_ms;
            wait = quiet >= ROBUST_QUIET_MS ? 0 : (int)(ROBUST_QUIET_MS - quiet);
        }
        if (live_wait(ui->live, STDIN_FILENO, wait))
            ui_stats_changed(ui);
        read_keys(ui);
        ui_follow_refresh(ui);
        if (monotonic_ms() - ui->last_input_ms >= ROBUST_QUIET_MS)
            ui_robust_work(ui);
        time_t now = time(NULL);
        if (now - last_tick >= HEADER_REFRESH_S || live_busy(ui->live)) {
            last_tick = now;
            ui->dirty |= DIRTY_HEADER;
        }
    }
}

static void ui_free(Ui *ui)
{
    live_free(ui->live);
    ui_views_free(ui);
    theme_free(ui->theme);
    free(ui->theme_name);
    free(ui->themes_dir);
    free(ui->msg);
}

int ui_run(Session *session, const UiOptions *opts, Fetcher *fetcher)
{
    Ui ui;
    memset(&ui, 0, sizeof ui);
    ui.s = session;
    ui.ds = session->ds;
    ui.opts = opts;
    /* First, so that every way out below frees the fetcher with the Ui. */
    char *live_warning = NULL;
    ui.live = live_new(session, opts, fetcher, &live_warning);
    ui.themes_dir = themes_dir_for(opts->data_dir);
    ui_views_new(&ui);
    ui.cursor_y = ui.cursor_x = -1;

    int code = EXIT_OK;
    char *warning = NULL, *state_unusable = NULL;
    SavedState st = SAVED_STATE_INIT;
    restore_state(&ui, &st, &state_unusable);

    /* The theme: --theme must work or it is an error, like a bad data file;
     * a saved theme that no longer loads only earns a warning. */
    const char *theme_name = opts->theme ? opts->theme : st.theme ? st.theme : "default";
    char *err = NULL;
    bool not_found = false;
    Theme *theme = theme_resolve(&ui, theme_name, &err, &not_found);
    if (!theme && opts->theme) {
        /* An unknown name is a usage error, like an unknown preset; a
         * theme file that does not load is bad data. */
        print_error("", err);
        free(err);
        code = not_found ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    if (!theme) {
        if (!state_unusable)
            warning = xasprintf("theme not loaded (%s); using the default", err);
        free(err);
        err = NULL;
        theme_name = "default";
        theme = theme_resolve(&ui, theme_name, &err, NULL);
        if (!theme) {
            free(err);
            theme = theme_builtin();
        }
    }
    ui_apply_theme(&ui, theme, theme_name);
    state_clear(&st);
    /* After the theme: a bad --theme is an error with or without a screen. */
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("versus: the dashboard needs a terminal; use --export for output without one\n",
              stderr);
        code = EXIT_USAGE;
        goto out;
    }

    if (live_warning && !warning) {
        warning = live_warning;
        live_warning = NULL;
    }

    setlocale(LC_ALL, "");
    /* Figures read alike on screen, in an export written from here and in
     * a headless one, whatever the user's locale: the core formats them
     * with printf and reads numbers with strtod, so '.' stays the decimal
     * point. Text (UTF-8, widths) still follows the user's locale. */
    setlocale(LC_NUMERIC, "C");
    ui.utf8 = !opts->ascii && locale_is_utf8();
    ui.g = ui.utf8 ? &glyphs_utf8 : &glyphs_ascii;

    install_signals();
    active_ui = &ui;
    die_set_cleanup(cleanup_on_die);
    if (!start_curses(&ui)) {
        char *term = safetext_quote(getenv("TERM") ? getenv("TERM") : "unset", SAFETEXT_QUOTE_MAX);
        fprintf(stderr, "versus: cannot use this terminal (TERM=%s); use --export for output "
                        "without a dashboard\n",
                term);
        free(term);
        active_ui = NULL;
        die_set_cleanup(NULL);
        code = EXIT_USAGE;
        goto out;
    }
    /* Only now is the old file sure to be replaced when this session ends. */
    if (state_unusable) {
        free(warning);
        warning = set_aside_state(&ui, state_unusable);
    }
    dashboard_rebuild_list(&ui);
    if (warning)
        ui_message(&ui, MSG_WARNING, "%s", warning);
    ui_relayout(&ui);
    draw_screen(&ui);
    if (ui.mouse)
        mouse_drag_reports(true);
    /* A refresh that cannot even start (no libcurl) has already marked
     * every package failed: show it now, not at the next key. */
    if (live_start(ui.live) > 0) {
        /* The start-up refresh reports its progress and its end as u does,
         * unless a warning or a key's message holds the line. */
        ui.watch_refresh = true;
        ui.refresh_yields = true;
        ui.msg_refresh = !warning;
        ui_follow_refresh(&ui);
    }
    ui_stats_changed(&ui);

    run_loop(&ui);

    int sig = caught_signal;
    terminal_restore();
    active_ui = NULL;
    die_set_cleanup(NULL);
    save_state(&ui, true);
    code = sig ? 128 + sig : EXIT_OK;

out: /* the one way out: whatever was made above is freed here */
    free(warning);
    free(state_unusable);
    free(live_warning);
    state_clear(&st);
    ui_free(&ui);
    return code;
}
