/* help.c: the help overlay (printed from the same key table the handler
 * uses) and the selected criterion's sources in full: two scrolled boxes,
 * each a view with its own scroll position. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_internal.h"
#include "ui/view.h"
#include "load/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The state of a scrolled box: where it is scrolled to. */
typedef struct ScrollView {
    View base;
    int scroll;
} ScrollView;

/* ---- help ---------------------------------------------------------------------- */

/* Where the key table's lines go: wrapped into the help's lines. */
typedef struct HelpSink {
    const Ui *ui;
    char ***lines;
    size_t *n;
    int width;
} HelpSink;

static void help_sink_line(const char *text, void *user)
{
    HelpSink *h = user;
    *h->n = add_wrapped_line(h->ui, h->lines, *h->n, text, h->width);
}

static size_t help_lines(const Ui *ui, int width, char ***out)
{
    StrBuf sb = STRBUF_INIT;
    char **lines = NULL;
    size_t n = 0;
    /* Lines longer than the box wrap, indented under their text. */
#define ADD(...)                                                            \
    do {                                                                    \
        sb_reset(&sb);                                                      \
        sb_appendf(&sb, __VA_ARGS__);                                       \
        n = add_wrapped_line(ui, &lines, n, sb_str(&sb), width);            \
    } while (0)
    HelpSink sink = { ui, &lines, &n, width };
    keymap_each_help_line(help_sink_line, &sink);
    ADD("%s", "");
    ADD("Mouse%s", ui->mouse ? "" : " (off: --no-mouse)");
    ADD("  %-16s %s", "click", "select a criterion; on a key-bar entry, press that key");
    ADD("  %-16s %s", "click/drag", "on a slider: set the weight (left of it: 0)");
    ADD("  %-16s %s", "wheel", "move through the list, or scroll the details");
    ADD("%s", "");
    ADD("Reading the screen");
    ADD("  %s marks the better score on each row and the leader's total;", ui->g->better);
    ADD("  \"flips at N\": at weight N (others unchanged) another stack would lead.");
    ADD("  Download figures: npm counts every registry download, CI included;");
    ADD("  PyPI figures exclude mirrors, and the two count days differently,");
    ADD("  so compare each side with itself more than with the other.");
    ADD("  Sums add monthly figures only and say \"mixed\" when live, cached and");
    ADD("  bundled months are added together; w/w is the last 7 days against the");
    ADD("  7 before (n/a without a daily series); L puts the bars on a log scale.");
    char *state = state_default_path();
    ADD("%s", "");
    ADD("Theme: %s (t for the next one).", ui->theme_name ? ui->theme_name : "default");
    ADD("State is saved on quit to %s", state ? state : "(no HOME: not saved)");
    free(state);
#undef ADD
    sb_free(&sb);
    *out = lines;
    return n;
}

static void help_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    char **lines;
    Box b0 = centred_box(ui, 3, 84);
    size_t n = help_lines(ui, b0.w - 4, &lines);
    draw_scrolled(ui, "versus help", lines, n, &((ScrollView *)v)->scroll);
}

void dialog_open_help(Ui *ui)
{
    ((ScrollView *)ui_view(ui, VIEW_HELP))->scroll = 0;
    view_push(ui, VIEW_HELP);
    ui->dirty |= DIRTY_OVERLAY;
}

/* ---- sources ------------------------------------------------------------------- */

void dialog_open_sources(Ui *ui)
{
    if (dashboard_criterion(ui) < 0) {
        ui_message(ui, MSG_WARNING, "no criterion selected");
        return;
    }
    ((ScrollView *)ui_view(ui, VIEW_SOURCES))->scroll = 0;
    view_push(ui, VIEW_SOURCES);
    ui->dirty |= DIRTY_OVERLAY;
}

/* Every source of the selected criterion for each stack shown, in full:
 * the title, then its date and URL (wrapped, never cut), then the note. */
static size_t sources_lines(const Ui *ui, int c, int width, char ***out)
{
    const Dataset *ds = ui->ds;
    const Criterion *cr = &ds->criteria[c];
    char **lines = NULL;
    size_t n = 0;
    char *line;
#define ADD_OWNED(text)                                              \
    do {                                                             \
        line = (text);                                               \
        n = add_wrapped_line(ui, &lines, n, line, width);            \
        free(line);                                                  \
    } while (0)
    /* First where the runtimes stand: the support window each side's
     * figures assume, with its provenance and date. */
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    bool any_runtime = false;
    for (size_t p = 0; p < nshown; p++) {
        char *window = runtime_line(ui->s->runtimes, &ui->ds->stacks[shown[p]], time(NULL));
        if (!window)
            continue;
        if (!any_runtime)
            ADD_OWNED(xstrdup("Runtime support windows"));
        any_runtime = true;
        ADD_OWNED(xasprintf("  %s", window));
        free(window);
    }
    if (any_runtime)
        ADD_OWNED(xstrdup(""));
    for (size_t p = 0; p < nshown; p++) {
        int s = shown[p];
        const Assessment *a = &cr->by_stack[s];
        if (p > 0)
            ADD_OWNED(xstrdup(""));
        ADD_OWNED(xasprintf("%s %.1f/10", ds->stacks[s].name, a->score));
        if (a->ncitations == 0)
            ADD_OWNED(xstrdup("  no sources cited"));
        for (size_t k = 0; k < a->ncitations; k++) {
            const Citation *ct = &a->citations[k];
            ADD_OWNED(xasprintf("  [%zu] %s, %s", k + 1, ct->title, ct->date));
            ADD_OWNED(xasprintf("  %s", ct->url));
            if (ct->note)
                ADD_OWNED(xasprintf("  %s", ct->note));
        }
        /* The health of its evidence packages, in full, with provenance. */
        for (size_t e = 0; e < a->nevidence; e++) {
            if (e == 0)
                ADD_OWNED(xstrdup("  Package health (evidence only, not scored)"));
            char *health = health_line(ui->s->health, ds->stacks[s].ecosystem, a->evidence[e], time(NULL));
            ADD_OWNED(xasprintf("  %s: %s", a->evidence[e], health));
            free(health);
        }
    }
#undef ADD_OWNED
    *out = lines;
    return n;
}

static void sources_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    int c = dashboard_criterion(ui);
    if (c < 0)
        return; /* dialog_open_sources opens only on a criterion */
    char **lines;
    Box b0 = centred_box(ui, 3, 84);
    size_t n = sources_lines(ui, c, b0.w - 4, &lines);
    char *title = xasprintf("Sources: %s", ui->ds->criteria[c].title);
    draw_scrolled(ui, title, lines, n, &((ScrollView *)v)->scroll);
    free(title);
}

/* The keys of both scrolled boxes: the help and the sources. */
static bool scroll_key(Ui *ui, View *v, int key)
{
    int *scroll = &((ScrollView *)v)->scroll;
    int page = ui->height - 5;
    switch (keymap_action(SCOPE_HELP, key)) {
    case DLG_DOWN: (*scroll)++; break;
    case DLG_UP: *scroll = *scroll > 0 ? *scroll - 1 : 0; break;
    case DLG_PAGE_DOWN: *scroll += page; break;
    case DLG_PAGE_UP: *scroll = *scroll > page ? *scroll - page : 0; break;
    case DLG_FIRST: *scroll = 0; break;
    case DLG_LAST: *scroll = 1 << 20; break; /* clamped when drawn */
    default: /* Esc, q, ? and any other key close it */
        view_pop(ui);
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* The wheel scrolls the box; clicks do nothing. */
static void scroll_mouse(Ui *ui, View *v, int x, int y, unsigned long bstate)
{
    (void)x;
    (void)y;
    if (bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
        scroll_key(ui, v, FK((bstate & BUTTON4_PRESSED) ? KEY_UP : KEY_DOWN));
}

const ViewOps help_view_ops = {
    .name = "help",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = help_draw,
    .key = scroll_key,
    .mouse = scroll_mouse,
    .size = sizeof(ScrollView),
};

const ViewOps sources_view_ops = {
    .name = "sources",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = sources_draw,
    .key = scroll_key,
    .mouse = scroll_mouse,
    .size = sizeof(ScrollView),
};
