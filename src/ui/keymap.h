/* keymap.h: every key of the dashboard in one table — for each screen (the
 * main screen and each dialog): the key codes, how the help shows them, the
 * action, its help text and its entry in the key bar or the dialog's footer.
 * The handlers look keys up here, the help overlay and `versus --list-keys`
 * print this table, and the key bar is drawn from it, so none of them can
 * disagree. A test checks that README.md and versus.1 list the same keys.
 * The table is static data; nothing here allocates. */
#ifndef VERSUS_UI_KEYMAP_H
#define VERSUS_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One key press: a character, or a curses function key tagged with KEY_FN
 * (function-key codes overlap Unicode characters otherwise). */
#define KEY_FN (1 << 24)
#define FK(k) ((k) | KEY_FN)
#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* The screens that take keys, in the order the help lists them. */
typedef enum KeyScope {
    SCOPE_MAIN,
    SCOPE_HELP,
    SCOPE_PRESETS,
    SCOPE_COMPARE,
    SCOPE_STACKS,
    SCOPE_EXPORT,
    SCOPE_CONFIRM,
    SCOPE_FILTER,
    SCOPE_SEARCH,
    SCOPE_TRENDS,   /* the trends view (full screen) */
    SCOPE_EVIDENCE, /* the evidence view (full screen) */
    SCOPE_COUNT
} KeyScope;

typedef enum Action {
    ACT_NONE,
    /* the main screen */
    ACT_HELP,
    ACT_DOWN,
    ACT_UP,
    ACT_PAGE_DOWN,
    ACT_PAGE_UP,
    ACT_FIRST,
    ACT_LAST,
    ACT_WEIGHT_DEC,
    ACT_WEIGHT_INC,
    ACT_WEIGHT_DEC5,
    ACT_WEIGHT_INC5,
    ACT_WEIGHT_SET,
    ACT_PRESET_NEXT,
    ACT_PRESET_PICK,
    ACT_RESET,
    ACT_COMPARE,
    ACT_UNDO,
    ACT_REDO,
    ACT_FOCUS,
    ACT_EXPAND,
    ACT_FILTER,
    ACT_SEARCH,
    ACT_SEARCH_NEXT,
    ACT_SEARCH_PREV,
    ACT_SORT,
    ACT_CLEAR,
    ACT_STACKS,
    ACT_EXPORT,
    ACT_REFRESH,
    ACT_LOG_SCALE,
    ACT_SOURCES,
    ACT_THEME,
    ACT_REDRAW,
    ACT_QUIT,
    ACT_TRENDS,
    ACT_EVIDENCE,
    /* the trends view */
    TRD_CLOSE,
    TRD_DAY_BACK,
    TRD_DAY_ON,
    TRD_WEEK_BACK,
    TRD_WEEK_ON,
    TRD_FIRST_DAY,
    TRD_LAST_DAY,
    TRD_RANGE_NEXT,
    TRD_RANGE_PREV,
    TRD_LOG,
    TRD_AVG,
    TRD_SHARE,
    TRD_MODE,
    TRD_CRIT_NEXT,
    TRD_CRIT_PREV,
    TRD_DOTS,
    /* the evidence view */
    EVD_CLOSE,
    EVD_DOWN,
    EVD_UP,
    EVD_PAGE_DOWN,
    EVD_PAGE_UP,
    EVD_FIRST,
    EVD_LAST,
    EVD_SORT_NEXT,
    EVD_SORT_PREV,
    EVD_INVERT,
    EVD_FILTER,
    EVD_PROBLEMS,
    EVD_CLEAR,
    /* dialogs */
    DLG_DOWN,
    DLG_UP,
    DLG_PAGE_DOWN,
    DLG_PAGE_UP,
    DLG_FIRST,
    DLG_LAST,
    DLG_TOGGLE,      /* tick or untick a stack */
    DLG_NEXT,        /* the next export format */
    DLG_PREV,        /* the previous one */
    DLG_ACCEPT,
    DLG_CANCEL,
    DLG_YES,
    DLG_BACKSPACE,
    DLG_CLEAR_INPUT, /* empty a text input */
    DLG_CUT_WORD,    /* the word before the cursor */
    DLG_LEFT,        /* text inputs: the cursor */
    DLG_RIGHT,
    DLG_HOME,
    DLG_END,
    DLG_DELETE,      /* the character under the cursor */
    DLG_COMPLETE,    /* complete a file name */
    ACT_COUNT
} Action;

#define KEYDEF_CODES_MAX 12

typedef struct KeyDef {
    KeyScope scope;
    Action action;
    const char *keys;             /* as the help shows them: "F1  ?" */
    int codes[KEYDEF_CODES_MAX];  /* 0-terminated */
    const char *help;             /* what the keys do */
    /* The key bar (main screen) or the dialog's footer: */
    const char *bar;              /* label; NULL: not shown there */
    const char *bar_keys;         /* NULL: the keys, "/" between them */
    int bar_pos;                  /* order there, 1 first */
    /* The main screen's key bar on a narrow terminal, each step taken
     * highest bar_rank first until the bar fits: entries not essential
     * are dropped; the essential ones are shortened (the last of their
     * keys and bar_short: "/ Find"), then dropped, but bar_always ones. */
    bool essential;
    const char *bar_short;        /* shorter label; NULL: bar */
    int bar_rank;                 /* 1: the most important */
    bool bar_always;              /* never dropped (help) */
    bool bar_arrows;              /* key bar: shows the arrow glyphs, and a click does nothing */
} KeyDef;

extern const KeyDef keymap[];
extern const size_t keymap_count;

/* The action key has in scope, or ACT_NONE. */
Action keymap_action(KeyScope scope, int key);
/* The entry for action in scope, or NULL. */
const KeyDef *keymap_find(KeyScope scope, Action action);
/* A scope's heading in the help: "Main screen", "Preset picker"... */
const char *keymap_scope_name(KeyScope scope);
/* What the key bar or a footer shows for d: bar_keys, or its keys with "/"
 * between them ("F1  ?" -> "F1/?"), in buf; returns buf. */
const char *keymap_bar_keys(const KeyDef *d, char *buf, size_t cap);
/* The entries of scope shown in its key bar or footer, in bar_pos order:
 * up to max of them in out; returns how many. */
size_t keymap_bar_items(KeyScope scope, const KeyDef **out, size_t max);
/* A dialog's footer from its table: "Up/Down choose, Enter apply, Esc
 * cancel", in bar_pos order; in buf, truncated to cap; returns buf. */
const char *keymap_footer(KeyScope scope, char *buf, size_t cap);
/* The key table as the help shows it: per scope a heading line, then one
 * line per key "  KEYS<padded to 16> HELP". Calls line for each line. */
void keymap_each_help_line(void (*line)(const char *text, void *user), void *user);
/* The same lines on out (versus --list-keys). */
void keymap_print(FILE *out);

#endif
