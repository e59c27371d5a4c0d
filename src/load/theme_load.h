/* theme_load.h: colour themes. A theme maps the dashboard's semantic roles
 * (header, selected row, each stack's side, the better score, warnings ...)
 * to colours and attributes; the screen asks for a role, never a colour.
 * Themes are YAML files (themes/NAME.yaml):
 *
 *   name: default
 *   description: Dark background
 *   roles:
 *     header:   { fg: 231, bg: 24, fg16: white, bg16: blue, attrs: [bold] }
 *     selected: { fg: black, bg: "#5fafd7" }
 *
 * A colour is "default", a name (black red green yellow blue magenta cyan
 * white, each also as bright-NAME; gray = bright-black), a number 0..255 or
 * "#rrggbb" (the nearest of the 256). fg16/bg16 are used on terminals with
 * fewer than 256 colours; without them the colour is reduced to the nearest
 * the terminal has. A role left out looks like its fallback role (see
 * THEME_ROLES). Pure: no curses here; errors are "FILE:LINE:COLUMN: message".
 * Ownership: theme_load_* and theme_builtin return a Theme the caller frees
 * with theme_free. */
#ifndef VERSUS_LOAD_THEME_LOAD_H
#define VERSUS_LOAD_THEME_LOAD_H

#include <stdbool.h>
#include <stddef.h>

/* X(enum, yaml name, fallback role, what it colours). A fallback always
 * comes earlier in the list. */
#define THEME_ROLES(X)                                                              \
    X(ROLE_NORMAL, "normal", ROLE_NORMAL, "ordinary text")                          \
    X(ROLE_DIM, "dim", ROLE_NORMAL, "secondary text")                               \
    X(ROLE_HEADER, "header", ROLE_NORMAL, "the top line")                           \
    X(ROLE_TITLE, "title", ROLE_NORMAL, "column titles and area titles")            \
    X(ROLE_BORDER, "border", ROLE_DIM, "lines between areas")                       \
    X(ROLE_SELECTED, "selected", ROLE_NORMAL, "the selected criterion")             \
    X(ROLE_SLIDER, "slider", ROLE_NORMAL, "the filled part of a weight slider")     \
    X(ROLE_SLIDER_EMPTY, "slider_empty", ROLE_DIM, "the empty part of a slider")    \
    X(ROLE_FLIP, "flip", ROLE_DIM, "flip points")                                   \
    X(ROLE_STACK1, "stack1", ROLE_NORMAL, "the first stack's side (Node.js)")       \
    X(ROLE_STACK2, "stack2", ROLE_NORMAL, "the second stack's side (Python)")       \
    X(ROLE_STACK3, "stack3", ROLE_STACK1, "a third stack's side")                   \
    X(ROLE_STACK4, "stack4", ROLE_STACK2, "a fourth stack's side")                  \
    X(ROLE_STACK5, "stack5", ROLE_STACK1, "a fifth stack's side")                   \
    X(ROLE_STACK6, "stack6", ROLE_STACK2, "a sixth stack's side")                   \
    X(ROLE_STACK7, "stack7", ROLE_STACK3, "a seventh stack's side")                 \
    X(ROLE_STACK8, "stack8", ROLE_STACK4, "an eighth stack's side")                 \
    X(ROLE_BETTER, "better", ROLE_NORMAL, "the better score on a row, the leader")  \
    X(ROLE_VERDICT, "verdict", ROLE_NORMAL, "the verdict line")                     \
    X(ROLE_STATUS, "status", ROLE_NORMAL, "the status line")                        \
    X(ROLE_WARNING, "warning", ROLE_STATUS, "warnings and stale figures")           \
    X(ROLE_ERROR, "error", ROLE_STATUS, "errors")                                   \
    X(ROLE_KEY, "key", ROLE_NORMAL, "key names in the key bar")                     \
    X(ROLE_KEY_LABEL, "key_label", ROLE_NORMAL, "what those keys do")               \
    X(ROLE_DIALOG, "dialog", ROLE_NORMAL, "dialogs and the help overlay")           \
    X(ROLE_DIALOG_TITLE, "dialog_title", ROLE_DIALOG, "dialog titles")             \
    X(ROLE_INPUT, "input", ROLE_SELECTED, "text being edited, picker cursor")       \
    X(ROLE_SPARK, "spark", ROLE_NORMAL, "download sparklines")                      \
    X(ROLE_SERIES1, "series1", ROLE_STACK1, "the trend chart's first line")         \
    X(ROLE_SERIES2, "series2", ROLE_STACK2, "the trend chart's second line")        \
    X(ROLE_SERIES3, "series3", ROLE_STACK3, "the trend chart's third line")         \
    X(ROLE_SERIES4, "series4", ROLE_STACK4, "the trend chart's fourth line")        \
    X(ROLE_SERIES5, "series5", ROLE_FLIP, "the trend chart's fifth line")           \
    X(ROLE_SERIES6, "series6", ROLE_SPARK, "the trend chart's sixth line")          \
    X(ROLE_SERIES7, "series7", ROLE_SLIDER, "the trend chart's seventh line")       \
    X(ROLE_SERIES8, "series8", ROLE_BETTER, "the trend chart's eighth line")

#define THEME_ROLE_ENUM(e, name, fallback, help) e,
typedef enum ThemeRole { THEME_ROLES(THEME_ROLE_ENUM) ROLE_COUNT } ThemeRole;
#undef THEME_ROLE_ENUM

/* The colour role of the stack shown at position (0 = leftmost): one of
 * stack1..stack8, so up to eight panes side by side never share a role. */
ThemeRole theme_stack_role(size_t position);

#define THEME_COLOR_DEFAULT (-1) /* the terminal's own foreground/background */

enum {
    THEME_BOLD = 1u << 0,
    THEME_DIM = 1u << 1,
    THEME_UNDERLINE = 1u << 2,
    THEME_REVERSE = 1u << 3,
    THEME_ITALIC = 1u << 4,
};

typedef struct ThemeStyle {
    int fg, bg;         /* THEME_COLOR_DEFAULT or 0..255 */
    int fg16, bg16;     /* for terminals with fewer than 256 colours: -1 or 0..15 */
    unsigned attrs;     /* THEME_BOLD | ... */
} ThemeStyle;

typedef struct Theme {
    char *name;         /* from the file, else its base name */
    char *description;  /* may be NULL */
    ThemeStyle roles[ROLE_COUNT];
} Theme;

/* Parses a theme file; NULL with *err = "FILE:LINE:COLUMN: message". */
Theme *theme_load_file(const char *path, char **err);
/* The same from memory; name stands for the file in messages. */
Theme *theme_load_buffer(const char *name, const char *buf, size_t len, char **err);
/* The look used when no theme file can be found. */
Theme *theme_builtin(void);
void theme_free(Theme *theme);

const char *theme_role_name(ThemeRole role);
const char *theme_role_help(ThemeRole role);

/* The colour to ask a terminal with ncolors colours for (8, 16, 256 ...):
 * the 256-colour value or its fg16/bg16 alternative reduced to the nearest
 * the terminal has. THEME_COLOR_DEFAULT stays as it is. */
int theme_color_for(int color256, int color16, int ncolors);

/* theme_color_for for a foreground (attrs non-NULL) or a background (attrs
 * NULL), with the 8-colour convention for greys: with fewer than 16
 * colours the nearest basic colour to a grey is often yellow, so greys map
 * to white or black by lightness instead, a foreground with THEME_DIM or
 * THEME_BOLD added to *attrs to keep it apart (light_bg: the text sits on
 * a light background, where greys darken to black). */
int theme_color_attrs_for(int color256, int color16, int ncolors, bool light_bg, unsigned *attrs);

/* True when the theme paints its own light background (its normal role's
 * background is a light colour). */
bool theme_background_is_light(const Theme *t);

/* Parses one colour word as a theme file would; false when it is not one. */
bool theme_parse_color(const char *text, int *out);

#endif
