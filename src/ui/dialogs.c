/* dialogs.c: everything that takes the keyboard for a moment — the help
 * overlay (printed from the same key table the handler uses), the preset
 * and stack pickers, the export dialog, yes/no questions and the filter. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load/state.h"
#include "ui/ui_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- shared pieces ----------------------------------------------------------- */

typedef struct Box {
    int y, x, h, w;
} Box;

static Box centred_box(const Ui *ui, int h, int w)
{
    if (w > ui->width - 2)
        w = ui->width - 2;
    if (h > ui->height - 2)
        h = ui->height - 2;
    if (w < 4)
        w = 4;
    if (h < 3)
        h = 3;
    return (Box){ (ui->height - h) / 2, (ui->width - w) / 2, h, w };
}

static void draw_box(Ui *ui, Box b, const char *title)
{
    const char *tl = ui->utf8 ? "\u250c" : "+", *tr = ui->utf8 ? "\u2510" : "+";
    const char *bl = ui->utf8 ? "\u2514" : "+", *br = ui->utf8 ? "\u2518" : "+";
    for (int i = 0; i < b.h; i++)
        fill_row(ui, b.y + i, b.x, b.w, ROLE_DIALOG);
    for (int x = 1; x < b.w - 1; x++) {
        put_text(ui, b.y, b.x + x, 1, ROLE_DIALOG, ui->g->hline);
        put_text(ui, b.y + b.h - 1, b.x + x, 1, ROLE_DIALOG, ui->g->hline);
    }
    for (int y = 1; y < b.h - 1; y++) {
        put_text(ui, b.y + y, b.x, 1, ROLE_DIALOG, ui->g->vline);
        put_text(ui, b.y + y, b.x + b.w - 1, 1, ROLE_DIALOG, ui->g->vline);
    }
    put_text(ui, b.y, b.x, 1, ROLE_DIALOG, tl);
    put_text(ui, b.y, b.x + b.w - 1, 1, ROLE_DIALOG, tr);
    put_text(ui, b.y + b.h - 1, b.x, 1, ROLE_DIALOG, bl);
    put_text(ui, b.y + b.h - 1, b.x + b.w - 1, 1, ROLE_DIALOG, br);
    put_bold(ui, true);
    put_textf_cut(ui, b.y, b.x + 2, b.w - 4, ROLE_DIALOG_TITLE, " %s ", title);
    put_bold(ui, false);
}

/* Appends a typed character to a UTF-8 buffer; false when it is not text. */
static bool text_insert(char *buf, size_t cap, int key)
{
    if (key & KEY_FN || key < 0x20 || key == 0x7f)
        return false;
    char enc[4];
    size_t n = utf8_encode((uint32_t)key, enc);
    size_t len = strlen(buf);
    if (len + n + 1 > cap)
        return true; /* full: swallow the key */
    memcpy(buf + len, enc, n);
    buf[len + n] = '\0';
    return true;
}

/* Removes the last character (not byte) of a UTF-8 buffer. */
static void text_backspace(char *buf)
{
    size_t len = strlen(buf);
    while (len > 0) {
        len--;
        if (((unsigned char)buf[len] & 0xc0) != 0x80)
            break;
    }
    buf[len] = '\0';
}

/* ---- help ---------------------------------------------------------------------- */

static size_t add_wrapped_line(const Ui *ui, char ***lines, size_t n, const char *text, int width)
{
    /* Continuations start under the text of "  %-16s %s" (column 19), or
     * under the two-space indent of a plain line. */
    int indent = 0;
    if (text[0] == ' ' && text[1] == ' ')
        indent = strlen(text) > 19 && text[18] == ' ' && text[19] != ' ' ? 19 : 2;
    if (width < indent + 10 || text_width(ui, text) <= width) {
        *lines = xreallocarray(*lines, n + 1, sizeof **lines);
        (*lines)[n++] = xstrdup(text);
        return n;
    }
    size_t head_len = (size_t)indent;
    size_t *starts, *lens;
    size_t k = text_wrap(ui, text + head_len, width - indent, &starts, &lens);
    for (size_t i = 0; i < k; i++) {
        *lines = xreallocarray(*lines, n + 1, sizeof **lines);
        (*lines)[n++] = xasprintf("%-*.*s%.*s", indent, i == 0 ? indent : 0, text, (int)lens[i],
                                  text + head_len + starts[i]);
    }
    free(starts);
    free(lens);
    return n;
}

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

/* A scrolled box of lines (headings are those not indented), freed here;
 * help_scroll is its position. */
static void draw_scrolled(Ui *ui, const char *title, char **lines, size_t n)
{
    Box b = centred_box(ui, (int)n + 3, 84);
    int body = b.h - 3;
    int max = (int)n - body;
    if (ui->help_scroll > max)
        ui->help_scroll = max > 0 ? max : 0;
    draw_box(ui, b, title);
    for (int i = 0; i < body; i++) {
        size_t li = (size_t)(ui->help_scroll + i);
        if (li >= n)
            break;
        bool heading = lines[li][0] != ' ' && lines[li][0] != '\0';
        put_bold(ui, heading);
        put_text(ui, b.y + 1 + i, b.x + 2, b.w - 4, heading ? ROLE_DIALOG_TITLE : ROLE_DIALOG,
                 lines[li]);
        put_bold(ui, false);
    }
    /* The footer's second entry (scrolling) only when there is something to scroll. */
    char footer[160], close_keys[32], scroll_keys[32];
    const KeyDef *items[4];
    size_t nitems = keymap_bar_items(SCOPE_HELP, items, 4);
    snprintf(footer, sizeof footer, "%s %s",
             nitems > 0 ? keymap_bar_keys(items[0], close_keys, sizeof close_keys) : "",
             nitems > 0 ? items[0]->bar : "");
    if (max > 0 && nitems > 1) {
        size_t len = strlen(footer);
        snprintf(footer + len, sizeof footer - len, ", %s %s",
                 keymap_bar_keys(items[1], scroll_keys, sizeof scroll_keys), items[1]->bar);
    }
    put_textf_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG, "%s%s%s%s",
              ui->help_scroll > 0 ? ui->g->up : "", max > ui->help_scroll ? ui->g->down : "",
              ui->help_scroll > 0 || max > ui->help_scroll ? " " : "", footer);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static void draw_help(Ui *ui)
{
    char **lines;
    Box b0 = centred_box(ui, 3, 84);
    size_t n = help_lines(ui, b0.w - 4, &lines);
    draw_scrolled(ui, "versus help", lines, n);
}

/* ---- sources ------------------------------------------------------------------- */

void dialog_open_sources(Ui *ui)
{
    if (ui_current_criterion(ui) < 0) {
        ui_message(ui, MSG_WARNING, "no criterion selected");
        return;
    }
    ui->mode = MODE_SOURCES;
    ui->help_scroll = 0;
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
    bool any_runtime = false;
    for (size_t p = 0; p < ui->nshown; p++) {
        char *window = runtime_line(ui->s->runtimes, &ui->ds->stacks[ui->shown[p]], time(NULL));
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
    for (size_t p = 0; p < ui->nshown; p++) {
        int s = ui->shown[p];
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
    }
#undef ADD_OWNED
    *out = lines;
    return n;
}

static void draw_sources(Ui *ui)
{
    int c = ui_current_criterion(ui);
    if (c < 0) {
        ui->mode = MODE_NORMAL;
        return;
    }
    char **lines;
    Box b0 = centred_box(ui, 3, 84);
    size_t n = sources_lines(ui, c, b0.w - 4, &lines);
    char *title = xasprintf("Sources: %s", ui->ds->criteria[c].title);
    draw_scrolled(ui, title, lines, n);
    free(title);
}

static bool help_key(Ui *ui, int key)
{
    int page = ui->height - 5;
    switch (keymap_action(SCOPE_HELP, key)) {
    case DLG_DOWN: ui->help_scroll++; break;
    case DLG_UP: ui->help_scroll = ui->help_scroll > 0 ? ui->help_scroll - 1 : 0; break;
    case DLG_PAGE_DOWN: ui->help_scroll += page; break;
    case DLG_PAGE_UP: ui->help_scroll = ui->help_scroll > page ? ui->help_scroll - page : 0; break;
    case DLG_FIRST: ui->help_scroll = 0; break;
    case DLG_LAST: ui->help_scroll = 1 << 20; break; /* clamped when drawn */
    default: /* Esc, q, ? and any other key close it */
        ui->mode = MODE_NORMAL;
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- outcomes of the scenarios -------------------------------------------------------- */

/* Computed when a picker opens, for the weights of that moment. */
static void refresh_scenarios(Ui *ui)
{
    scenarios_free(ui->scen);
    ui->scen = scenarios_compute(ui->s);
}

static void close_scenarios(Ui *ui)
{
    scenarios_free(ui->scen);
    ui->scen = NULL;
}

/* "Node.js by 6.6, 71%" / "hybrid, Node.js by 2.1, 55%" / "no total" */
static char *outcome_text(const Ui *ui, const Scenario *sc)
{
    if (!sc->has_total)
        return xstrdup("no total");
    char share[8];
    session_format_share(sc->share, share);
    const char *lead = ui->ds->stacks[sc->leader].name;
    bool hybrid = strcmp(sc->winner, "hybrid") == 0;
    return xasprintf("%s%s by %.1f, %s", hybrid ? "hybrid, " : "", lead, sc->margin, share);
}

/* Applies a scenario's weights as one change. */
static void apply_scenario(Ui *ui, const Scenario *sc)
{
    switch (sc->kind) {
    case SCENARIO_DEFAULTS:
        session_reset(ui->s);
        ui_message(ui, MSG_INFO, "weights reset to the data's defaults");
        break;
    case SCENARIO_PRESET: {
        const Preset *p = &ui->ds->presets[sc->preset];
        session_apply_preset(ui->s, (size_t)sc->preset);
        ui_message(ui, MSG_INFO, "preset %s: %s", p->id, p->description);
        break;
    }
    case SCENARIO_CURRENT:
        ui_message(ui, MSG_INFO, "the current weights are kept");
        break;
    }
    ui_weights_changed(ui);
}

/* ---- preset picker ----------------------------------------------------------------- */

void dialog_open_presets(Ui *ui)
{
    if (ui->ds->npresets == 0) {
        ui_message(ui, MSG_WARNING, "the data has no presets");
        return;
    }
    refresh_scenarios(ui);
    int cur = session_matching_preset(ui->s);
    ui->picker_sel = cur >= 0 ? (size_t)cur : 0;
    ui->mode = MODE_PRESETS;
    ui->dirty |= DIRTY_OVERLAY;
}

static void draw_presets(Ui *ui)
{
    const Dataset *ds = ui->ds;
    int idw = 0;
    for (size_t p = 0; p < ds->npresets; p++) {
        int w = text_width(ui, ds->presets[p].id);
        idw = w > idw ? w : idw;
    }
    /* The outcomes in one column, as wide as the widest. */
    int outw = 0;
    for (size_t p = 0; ui->scen && p < ds->npresets && p + 1 < ui->scen->count; p++) {
        char *out = outcome_text(ui, &ui->scen->items[p + 1]);
        int w = text_width(ui, out);
        outw = w > outw ? w : outw;
        free(out);
    }
    Box b = centred_box(ui, (int)ds->npresets + 6, idw + 80 + outw);
    draw_box(ui, b, "Presets");
    if (outw + 2 > (b.w - 8 - idw) / 2)
        outw = 0; /* too narrow: the descriptions matter more */
    int rows = b.h - 6;
    size_t first = ui->picker_sel >= (size_t)rows ? ui->picker_sel - (size_t)rows + 1 : 0;
    int cur = session_matching_preset(ui->s);
    for (int i = 0; i < rows && first + (size_t)i < ds->npresets; i++) {
        size_t p = first + (size_t)i;
        int y = b.y + 1 + i;
        bool sel = p == ui->picker_sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, y, b.x + 1, b.w - 2, role);
        put_text(ui, y, b.x + 2, 2, role, (int)p == cur ? ui->g->better : " ");
        put_bold(ui, true);
        put_text(ui, y, b.x + 4, idw, role, ds->presets[p].id);
        put_bold(ui, false);
        /* What the preset would give, before it is applied. */
        int ow = 0;
        if (outw > 0) {
            char *out = outcome_text(ui, &ui->scen->items[p + 1]);
            ow = outw + 2;
            put_text(ui, y, b.x + b.w - 2 - outw, outw, role, out);
            free(out);
        }
        put_text_cut(ui, y, b.x + 6 + idw, b.w - 8 - idw - ow, role, ds->presets[p].description);
    }
    /* The chosen preset's description in full, over two rows at most. */
    const char *desc = ds->presets[ui->picker_sel].description;
    size_t *starts, *lens;
    size_t nl = text_wrap(ui, desc ? desc : "", b.w - 4, &starts, &lens);
    for (size_t i = 0; i < nl && i < 2; i++) {
        char *line = xstrndup(desc + starts[i], lens[i]);
        put_text(ui, b.y + b.h - 4 + (int)i, b.x + 2, b.w - 4, ROLE_DIALOG_TITLE, line);
        free(line);
    }
    free(starts);
    free(lens);
    char footer[160];
    put_textf_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG, "%s  (%s: the current weights)",
              keymap_footer(SCOPE_PRESETS, footer, sizeof footer), ui->g->better);
}

static bool presets_key(Ui *ui, int key)
{
    size_t n = ui->ds->npresets;
    Action a = keymap_action(SCOPE_PRESETS, key);
    if (a == DLG_DOWN)
        ui->picker_sel = (ui->picker_sel + 1) % n;
    else if (a == DLG_UP)
        ui->picker_sel = (ui->picker_sel + n - 1) % n;
    else if (a == DLG_FIRST)
        ui->picker_sel = 0;
    else if (a == DLG_LAST)
        ui->picker_sel = n - 1;
    else if (a == DLG_ACCEPT) {
        bool custom = session_matching_preset(ui->s) < 0 && !session_is_default(ui->s);
        session_apply_preset(ui->s, ui->picker_sel);
        ui->mode = MODE_NORMAL;
        close_scenarios(ui);
        ui_weights_changed(ui);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        const Preset *p = &ui->ds->presets[ui->picker_sel];
        ui_message(ui, MSG_INFO, "preset %s: %s%s", p->id, p->description,
                   custom ? " (z brings the custom weights back)" : "");
        return true;
    } else if (a == DLG_CANCEL) {
        ui->mode = MODE_NORMAL;
        close_scenarios(ui);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- preset comparison ------------------------------------------------------------- */

void dialog_open_compare(Ui *ui)
{
    refresh_scenarios(ui);
    ui->picker_sel = ui->scen->count - 1; /* the current weights */
    ui->mode = MODE_COMPARE;
    ui->dirty |= DIRTY_OVERLAY;
}

/* One table: scenario, each stack's total, verdict, margin, share. */
static void draw_compare(Ui *ui)
{
    const Dataset *ds = ui->ds;
    const Scenarios *sc = ui->scen;
    int namew = 8;
    for (size_t i = 0; i < sc->count; i++) {
        int w = text_width(ui, sc->items[i].name);
        namew = w > namew ? w : namew;
    }
    if (namew > 24)
        namew = 24;
    int colw = 9;
    int want = 4 + namew + 2 + (int)ds->nstacks * colw + 10 + 8 + 8 + 2;
    Box b = centred_box(ui, (int)sc->count + 6, want);
    draw_box(ui, b, "Compare the presets");
    int x0 = b.x + 2, y = b.y + 1;
    /* Stacks beyond the box's width are left out, from the last. */
    int room = b.w - 4 - 2 - namew - 2 - 10 - 8 - 8;
    size_t nst = ds->nstacks;
    while (nst > 0 && (int)nst * colw > room)
        nst--;
    put_bold(ui, true);
    int x = x0 + 2;
    put_text(ui, y, x, namew, ROLE_DIALOG_TITLE, "scenario");
    x += namew + 2;
    for (size_t s = 0; s < nst; s++, x += colw)
        put_text_cut(ui, y, x, colw - 1, ROLE_DIALOG_TITLE, ds->stacks[s].name);
    put_text(ui, y, x, 10, ROLE_DIALOG_TITLE, "verdict");
    put_text(ui, y, x + 10, 8, ROLE_DIALOG_TITLE, "margin");
    put_text(ui, y, x + 18, 8, ROLE_DIALOG_TITLE, "robust");
    put_bold(ui, false);
    int rows = b.h - 5;
    size_t first = ui->picker_sel >= (size_t)rows ? ui->picker_sel - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && first + (size_t)i < sc->count; i++) {
        size_t k = first + (size_t)i;
        const Scenario *it = &sc->items[k];
        int yy = y + 1 + i;
        bool sel = k == ui->picker_sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, yy, b.x + 1, b.w - 2, role);
        x = x0 + 2;
        put_bold(ui, it->kind != SCENARIO_PRESET);
        put_text_cut(ui, yy, x, namew, role, it->name);
        put_bold(ui, false);
        x += namew + 2;
        for (size_t s = 0; s < nst; s++, x += colw) {
            if (!it->has_total) {
                put_text(ui, yy, x, colw, role, "    -");
                continue;
            }
            put_bold(ui, (int)s == it->leader);
            put_textf(ui, yy, x, colw, role, "%5.1f", it->totals[s]);
            put_bold(ui, false);
        }
        if (!it->has_total) {
            put_text(ui, yy, x, 10, role, "none");
            continue;
        }
        bool hybrid = strcmp(it->winner, "hybrid") == 0;
        put_text_cut(ui, yy, x, 9, role, hybrid ? "hybrid" : ds->stacks[it->leader].name);
        put_textf(ui, yy, x + 10, 8, role, "%5.1f", it->margin);
        char share[8];
        session_format_share(it->share, share);
        put_textf(ui, yy, x + 18, 8, role, "%5s", share);
    }
    char footer[160];
    put_textf_cut(ui, b.y + b.h - 2, x0, b.w - 4, ROLE_DIALOG,
              "%s; robust: the leader's share within %s%g",
              keymap_footer(SCOPE_COMPARE, footer, sizeof footer),
              ui->utf8 ? "\xc2\xb1" : "+/-", ui->s->robust_opt.spread);
}

static bool compare_key(Ui *ui, int key)
{
    size_t n = ui->scen->count;
    Action a = keymap_action(SCOPE_COMPARE, key);
    if (a == DLG_DOWN)
        ui->picker_sel = (ui->picker_sel + 1) % n;
    else if (a == DLG_UP)
        ui->picker_sel = (ui->picker_sel + n - 1) % n;
    else if (a == DLG_FIRST)
        ui->picker_sel = 0;
    else if (a == DLG_LAST)
        ui->picker_sel = n - 1;
    else if (a == DLG_ACCEPT) {
        ui->mode = MODE_NORMAL;
        apply_scenario(ui, &ui->scen->items[ui->picker_sel]);
        close_scenarios(ui);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return true;
    } else if (a == DLG_CANCEL) {
        ui->mode = MODE_NORMAL;
        close_scenarios(ui);
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- stack picker --------------------------------------------------------------------- */

void dialog_open_stacks(Ui *ui)
{
    memset(ui->stack_pick, 0, sizeof ui->stack_pick);
    ui->nstack_order = 0;
    for (size_t i = 0; i < ui->nshown; i++) {
        ui->stack_pick[ui->shown[i]] = true;
        ui->stack_order[ui->nstack_order++] = ui->shown[i];
    }
    ui->picker_sel = 0;
    ui->mode = MODE_STACKS;
    ui->dirty |= DIRTY_OVERLAY;
}

static void draw_stacks(Ui *ui)
{
    const Dataset *ds = ui->ds;
    Box b = centred_box(ui, (int)ds->nstacks + 4, 76);
    draw_box(ui, b, "Stacks side by side");
    int rows = b.h - 4;
    for (int i = 0; i < rows && (size_t)i < ds->nstacks; i++) {
        size_t s = (size_t)i;
        int y = b.y + 1 + i;
        bool sel = s == ui->picker_sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, y, b.x + 1, b.w - 2, role);
        int pos = 0;
        for (size_t k = 0; k < ui->nstack_order; k++)
            if (ui->stack_order[k] == (int)s)
                pos = (int)k + 1;
        char mark[16];
        if (pos)
            snprintf(mark, sizeof mark, "[%d]", pos);
        else
            snprintf(mark, sizeof mark, "[ ]");
        put_text(ui, y, b.x + 2, 4, role, mark);
        put_bold(ui, true);
        int used = put_text(ui, y, b.x + 7, 16, role, ds->stacks[s].name);
        put_bold(ui, false);
        put_text(ui, y, b.x + 8 + (used > 14 ? used : 14), b.w - 24, role,
                 ds->stacks[s].summary ? ds->stacks[s].summary : "");
    }
    char footer[160];
    put_text_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG,
             keymap_footer(SCOPE_STACKS, footer, sizeof footer));
}

static bool stacks_key(Ui *ui, int key)
{
    size_t n = ui->ds->nstacks;
    Action a = keymap_action(SCOPE_STACKS, key);
    if (a == DLG_DOWN) {
        ui->picker_sel = (ui->picker_sel + 1) % n;
    } else if (a == DLG_UP) {
        ui->picker_sel = (ui->picker_sel + n - 1) % n;
    } else if (a == DLG_TOGGLE) {
        int s = (int)ui->picker_sel;
        if (ui->stack_pick[s]) {
            ui->stack_pick[s] = false;
            size_t k = 0;
            while (k < ui->nstack_order && ui->stack_order[k] != s)
                k++;
            for (; k + 1 < ui->nstack_order; k++)
                ui->stack_order[k] = ui->stack_order[k + 1];
            ui->nstack_order--;
        } else {
            ui->stack_pick[s] = true;
            ui->stack_order[ui->nstack_order++] = s;
        }
    } else if (a == DLG_ACCEPT) {
        if (ui->nstack_order < 2) {
            ui_message(ui, MSG_WARNING, "tick at least two stacks to compare");
            ui->dirty |= DIRTY_STATUS | DIRTY_OVERLAY;
            return true;
        }
        memcpy(ui->shown, ui->stack_order, ui->nstack_order * sizeof *ui->shown);
        ui->nshown = ui->nstack_order;
        if (ui->sort == BROWSE_GAP || ui->sort == BROWSE_CONTRIBUTION)
            ui_rebuild_view(ui); /* gaps are between the stacks shown */
        ui->compact_pane = 0;
        ui->mode = MODE_NORMAL;
        ui->detail_stale = true;
        ui->dirty |= DIRTY_LAYOUT;
        ui_message(ui, MSG_INFO, "%zu stacks chosen", ui->nshown);
        return true;
    } else if (a == DLG_CANCEL) {
        ui->mode = MODE_NORMAL;
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- export ------------------------------------------------------------------------------ */

static void default_export_path(Ui *ui)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], path[64];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "versus-%s.%s", stamp, export_format_extension(ui->export_format));
    lineedit_set(&ui->export_edit, path);
}

/* Keeps the path's extension in step with the chosen format; the cursor
 * keeps its place unless it was in the extension. */
static void retarget_extension(Ui *ui)
{
    LineEdit *le = &ui->export_edit;
    char *dot = strrchr(le->text, '.');
    char *slash = strrchr(le->text, '/');
    if (!dot || (slash && dot < slash))
        return;
    ExportFormat known;
    if (!export_format_from_name(dot + 1, &known))
        return; /* not one of ours: the user's own extension stays */
    size_t at = (size_t)(dot - le->text), cur = le->cur;
    char *path = xasprintf("%.*s.%s", (int)at, le->text, export_format_extension(ui->export_format));
    lineedit_set(le, path);
    free(path);
    if (cur <= at)
        le->cur = cur;
}

/* The path to write: "~" and "~/" stand for the home directory. */
static char *export_target(const Ui *ui)
{
    return lineedit_expand_home(ui->export_edit.text, getenv("HOME"));
}

void dialog_open_export(Ui *ui)
{
    const char *p = ui->export_edit.text;
    if (!p[0] || (strncmp(p, "versus-", 7) == 0 && !strchr(p, '/')))
        default_export_path(ui); /* a fresh time stamp for a default name */
    lineedit_end(&ui->export_edit); /* typing goes on at the end, as a shell's line */
    tabcycle_clear(&ui->export_tab);
    ui->mode = MODE_EXPORT;
    ui->dirty |= DIRTY_OVERLAY;
}

static void draw_export(Ui *ui)
{
    Box b = centred_box(ui, 8, 72);
    draw_box(ui, b, "Export a snapshot");
    int y = b.y + 1;
    int x = b.x + 2;
    put_text(ui, y + 1, x, 8, ROLE_DIALOG, "Format:");
    int fx = x + 9;
    for (int i = 0; i < EXPORT_NFORMATS; i++) {
        bool on = (ExportFormat)i == ui->export_format;
        char label[24];
        snprintf(label, sizeof label, on ? "[%s]" : " %s ", export_format_info(i)->label);
        put_bold(ui, on);
        fx += put_text(ui, y + 1, fx, b.x + b.w - 1 - fx, on ? ROLE_INPUT : ROLE_DIALOG, label);
        put_bold(ui, false);
        fx += put_text(ui, y + 1, fx, 1, ROLE_DIALOG, " ");
    }
    put_text(ui, y + 2, x, 8, ROLE_DIALOG, "Path:");
    int px = x + 9, pw = b.w - 2 - 9 - 2;
    fill_row(ui, y + 2, px, pw, ROLE_INPUT);
    /* Scroll a long path so that the cursor stays in view. */
    const LineEdit *le = &ui->export_edit;
    const char *shown = le->text;
    char *before = xstrndup(le->text, le->cur);
    int cur_col = text_width(ui, before);
    free(before);
    while (cur_col > pw - 1 && *shown) {
        uint32_t cp;
        size_t n = utf8_decode(shown, &cp);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)n, shown);
        cur_col -= text_width(ui, one);
        shown += n;
    }
    put_text(ui, y + 2, px, pw, ROLE_INPUT, shown);
    ui->cursor_y = y + 2;
    ui->cursor_x = px + cur_col;
    char cwd[512];
    char *target = export_target(ui);
    if (target[0] != '/' && getcwd(cwd, sizeof cwd))
        put_textf(ui, y + 3, px, pw, ROLE_DIALOG, "in %s", cwd);
    else if (strcmp(target, le->text) != 0)
        put_text_cut(ui, y + 3, px, pw, ROLE_DIALOG, target);
    free(target);
    char footer[160];
    put_text_cut(ui, b.y + b.h - 2, x, b.w - 4, ROLE_DIALOG,
                 keymap_footer(SCOPE_EXPORT, footer, sizeof footer));
}

static void export_now(Ui *ui)
{
    char *err = NULL;
    char *target = export_target(ui);
    if (export_write_nowait(ui->s, ui->export_format, target, time(NULL), &err) != 0) {
        ui->mode = MODE_EXPORT;
        ui_message(ui, MSG_ERROR, "export failed: %s", err ? err : "unknown error");
        free(err);
        free(target);
        ui->dirty |= DIRTY_OVERLAY;
        return;
    }
    ui->mode = MODE_NORMAL;
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    ui_message(ui, MSG_INFO, "exported %s to %s", export_format_info(ui->export_format)->label,
               target);
    free(target);
}

static bool export_key(Ui *ui, int key)
{
    LineEdit *le = &ui->export_edit;
    Action a = keymap_action(SCOPE_EXPORT, key);
    switch (a) {
    case DLG_NEXT:
    case DLG_PREV: {
        int step = a == DLG_PREV ? EXPORT_NFORMATS - 1 : 1;
        ui->export_format = (ExportFormat)(((int)ui->export_format + step) % EXPORT_NFORMATS);
        retarget_extension(ui);
        break;
    }
    case DLG_ACCEPT: {
        if (!le->text[0]) {
            ui_message(ui, MSG_ERROR, "type a path to export to");
            break;
        }
        char *target = export_target(ui);
        bool exists = access(target, F_OK) == 0;
        free(target);
        if (exists)
            dialog_confirm(ui, CONFIRM_OVERWRITE);
        else
            export_now(ui);
        return true;
    }
    case DLG_CANCEL:
        ui->mode = MODE_NORMAL;
        ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        ui_message(ui, MSG_INFO, "export cancelled");
        return true;
    case DLG_COMPLETE: {
        char *list = NULL;
        size_t which = 0;
        size_t n = lineedit_complete_cycle(le, &ui->export_tab, getenv("HOME"), &which, &list);
        if (n == 0)
            ui_message(ui, MSG_INFO, "no file or folder name starts so");
        else if (list)
            ui_message(ui, MSG_INFO, "%zu matches (Tab again puts each in): %s", n, list);
        else if (which)
            ui_message(ui, MSG_INFO, "match %zu of %zu: %s", which, n,
                       ui->export_tab.names[which - 1]);
        free(list);
        break;
    }
    case DLG_LEFT: lineedit_left(le); break;
    case DLG_RIGHT: lineedit_right(le); break;
    case DLG_HOME: lineedit_home(le); break;
    case DLG_END: lineedit_end(le); break;
    case DLG_BACKSPACE: lineedit_backspace(le); break;
    case DLG_DELETE: lineedit_delete(le); break;
    case DLG_CLEAR_INPUT: lineedit_kill_start(le); break;
    case DLG_CUT_WORD: lineedit_kill_word(le); break;
    default:
        if (!(key & KEY_FN))
            lineedit_insert(le, (uint32_t)key);
        break;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- yes/no questions ----------------------------------------------------------------------- */

void dialog_confirm(Ui *ui, Confirm what)
{
    ui->confirm = what;
    ui->confirm_return = ui->mode;
    ui->mode = MODE_CONFIRM;
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS;
}

void ui_do_reset(Ui *ui)
{
    session_reset(ui->s);
    ui_weights_changed(ui);
    ui_message(ui, MSG_INFO, "weights reset to the data's defaults (z undoes)");
}

static void draw_confirm(Ui *ui)
{
    if (ui->confirm_return == MODE_EXPORT)
        draw_export(ui);
    Rect r = ui->lay.status;
    fill_row(ui, r.y, 0, r.w, ROLE_WARNING);
    char *q = ui->confirm == CONFIRM_RESET
                  ? xstrdup("Reset the custom weights to the data's defaults? (y/n) ")
                  : xasprintf("%s exists: overwrite it? (y/n) ", ui->export_edit.text);
    put_bold(ui, true);
    int used = put_text(ui, r.y, 1, r.w - 2, ROLE_WARNING, q);
    put_bold(ui, false);
    free(q);
    ui->cursor_y = r.y;
    ui->cursor_x = 1 + used < r.w ? 1 + used : r.w - 1;
}

static bool confirm_key(Ui *ui, int key)
{
    bool yes = keymap_action(SCOPE_CONFIRM, key) == DLG_YES;
    ui->mode = ui->confirm_return;
    ui->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    if (ui->confirm == CONFIRM_RESET) {
        if (yes)
            ui_do_reset(ui);
        else
            ui_message(ui, MSG_INFO, "reset cancelled: the weights are unchanged");
    } else if (yes) {
        export_now(ui);
    } else {
        ui_message(ui, MSG_INFO, "not overwritten: edit the path or press Esc");
    }
    return true;
}

/* ---- filter ------------------------------------------------------------------------------------ */

void dialog_open_filter(Ui *ui)
{
    snprintf(ui->filter_before, sizeof ui->filter_before, "%s", ui->filter);
    ui->mode = MODE_FILTER;
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS;
}

static void draw_filter(Ui *ui)
{
    Rect r = ui->lay.status;
    fill_row(ui, r.y, 0, r.w, ROLE_INPUT);
    int used = put_text(ui, r.y, 1, r.w - 2, ROLE_INPUT, "Filter: ");
    const char *shown = ui->filter;
    int room = r.w - 2 - used - 30;
    while (room > 0 && text_width(ui, shown) > room) {
        uint32_t cp;
        shown += utf8_decode(shown, &cp);
    }
    used += put_text(ui, r.y, 1 + used, r.w - 2 - used, ROLE_INPUT, shown);
    ui->cursor_y = r.y;
    ui->cursor_x = 1 + used < r.w ? 1 + used : r.w - 1;
    char footer[80];
    put_textf(ui, r.y, 2 + used, r.w - 3 - used, ROLE_INPUT, "  (%s)",
              keymap_footer(SCOPE_FILTER, footer, sizeof footer));
}

static bool filter_key(Ui *ui, int key)
{
    Action a = keymap_action(SCOPE_FILTER, key);
    if (a == DLG_ACCEPT) {
        ui->mode = MODE_NORMAL;
        ui->dirty |= DIRTY_STATUS;
        if (ui->filter[0])
            ui_message(ui, MSG_INFO, "%zu of %zu criteria match; Esc clears the filter", ui->nview,
                       ui->ds->ncriteria);
        return true;
    }
    if (a == DLG_CANCEL) {
        ui->filter[0] = '\0';
        ui->mode = MODE_NORMAL;
        ui_rebuild_view(ui);
        ui->dirty |= DIRTY_STATUS;
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!ui->filter[0]) {
            ui->mode = MODE_NORMAL;
            ui->dirty |= DIRTY_STATUS;
            return true;
        }
        text_backspace(ui->filter);
    } else if (a == DLG_CLEAR_INPUT) {
        ui->filter[0] = '\0';
    } else if (!text_insert(ui->filter, sizeof ui->filter, key)) {
        return true; /* arrows and such do nothing while typing */
    }
    ui_rebuild_view(ui);
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}

/* ---- search ------------------------------------------------------------------------------------ */

void dialog_open_search(Ui *ui)
{
    ui->search[0] = '\0';
    ui->search_from = ui->sel;
    ui->mode = MODE_SEARCH;
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
}

static void draw_search(Ui *ui)
{
    Rect r = ui->lay.status;
    fill_row(ui, r.y, 0, r.w, ROLE_INPUT);
    int used = put_text(ui, r.y, 1, r.w - 2, ROLE_INPUT, "Search: ");
    const char *shown = ui->search;
    int room = r.w - 2 - used - 30;
    while (room > 0 && text_width(ui, shown) > room) {
        uint32_t cp;
        shown += utf8_decode(shown, &cp);
    }
    used += put_text(ui, r.y, 1 + used, r.w - 2 - used, ROLE_INPUT, shown);
    ui->cursor_y = r.y;
    ui->cursor_x = 1 + used < r.w ? 1 + used : r.w - 1;
    size_t which, n = ui_search_count(ui, &which);
    char footer[96], info[160];
    if (!ui->search[0])
        snprintf(info, sizeof info, "  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else if (n == 0)
        snprintf(info, sizeof info, "  no match  (%s)", keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    else
        snprintf(info, sizeof info, "  %zu of %zu  (%s)", which, n,
                 keymap_footer(SCOPE_SEARCH, footer, sizeof footer));
    put_text_cut(ui, r.y, 2 + used, r.w - 3 - used, n == 0 && ui->search[0] ? ROLE_ERROR : ROLE_INPUT,
                 info);
}

static bool search_key(Ui *ui, int key)
{
    Action a = keymap_action(SCOPE_SEARCH, key);
    if (a == DLG_ACCEPT) {
        ui->mode = MODE_NORMAL;
        ui->dirty |= DIRTY_STATUS;
        size_t which, n = ui_search_count(ui, &which);
        if (ui->search[0] && n)
            ui_message(ui, MSG_INFO,
                       "match %zu of %zu for \"%s\"; n next, N previous, Esc clears the marks",
                       which, n, ui->search);
        else if (ui->search[0])
            ui_message(ui, MSG_WARNING, "no criterion in the list matches \"%s\"", ui->search);
        return true;
    }
    if (a == DLG_CANCEL) {
        ui->search[0] = '\0';
        ui->mode = MODE_NORMAL;
        if (ui->search_from < ui->nview && ui->search_from != ui->sel) {
            ui->sel = ui->search_from;
            ui->detail_stale = true;
            ui->detail_scroll = 0;
            ui_ensure_visible(ui);
        }
        ui->dirty |= DIRTY_STATUS | DIRTY_LIST | DIRTY_DETAIL;
        return true;
    }
    if (a == DLG_NEXT || a == DLG_PREV) {
        ui_search_step(ui, a == DLG_NEXT ? 1 : -1, false);
        ui->dirty |= DIRTY_OVERLAY;
        return true;
    }
    if (a == DLG_BACKSPACE) {
        if (!ui->search[0]) {
            ui->mode = MODE_NORMAL;
            ui->dirty |= DIRTY_STATUS;
            return true;
        }
        text_backspace(ui->search);
    } else if (a == DLG_CLEAR_INPUT) {
        ui->search[0] = '\0';
    } else if (!text_insert(ui->search, sizeof ui->search, key)) {
        return true;
    }
    /* As it is typed: the first match from where the search started. */
    size_t here = ui->sel;
    ui->sel = ui->search_from < ui->nview ? ui->search_from : 0;
    if (!ui_search_step(ui, 1, true))
        ui->sel = here;
    ui->detail_stale = true;
    ui_ensure_visible(ui);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_LIST | DIRTY_DETAIL;
    return true;
}

/* ---- dispatch -------------------------------------------------------------------------------------- */

bool dialog_handle_key(Ui *ui, int key)
{
    switch (ui->mode) {
    case MODE_NORMAL: return false;
    case MODE_HELP: return help_key(ui, key);
    case MODE_SOURCES: return help_key(ui, key);
    case MODE_PRESETS: return presets_key(ui, key);
    case MODE_STACKS: return stacks_key(ui, key);
    case MODE_EXPORT: return export_key(ui, key);
    case MODE_CONFIRM: return confirm_key(ui, key);
    case MODE_FILTER: return filter_key(ui, key);
    case MODE_COMPARE: return compare_key(ui, key);
    case MODE_SEARCH: return search_key(ui, key);
    }
    return false;
}

void dialog_draw(Ui *ui)
{
    switch (ui->mode) {
    case MODE_NORMAL: break;
    case MODE_HELP: draw_help(ui); break;
    case MODE_SOURCES: draw_sources(ui); break;
    case MODE_PRESETS: draw_presets(ui); break;
    case MODE_STACKS: draw_stacks(ui); break;
    case MODE_EXPORT: draw_export(ui); break;
    case MODE_CONFIRM: draw_confirm(ui); break;
    case MODE_FILTER: draw_filter(ui); break;
    case MODE_COMPARE: draw_compare(ui); break;
    case MODE_SEARCH: draw_search(ui); break;
    }
}
