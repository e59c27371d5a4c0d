/* keymap.c: the key table (see keymap.h) and the lookups, the footer and
 * the help lines made from it. */
#include "ui/keymap.h"

#include <curses.h>
#include <string.h>

#define ENTER_KEYS '\n', '\r', FK(KEY_ENTER)
#define BACKSPACE_KEYS FK(KEY_BACKSPACE), 127, 8

const KeyDef keymap[] = {
    /* ---- the main screen ---- */
    { .scope = SCOPE_MAIN, .action = ACT_HELP, .keys = "F1  ?", .codes = { FK(KEY_F(1)), '?' },
      .help = "Show this help (the arrow keys scroll it; Esc, q or ? closes it)", .bar = "Help",
      .bar_pos = 1, .essential = true, .bar_rank = 1, .bar_always = true },
    { .scope = SCOPE_MAIN, .action = ACT_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' },
      .help = "Next criterion; scrolls the details when they have focus" },
    { .scope = SCOPE_MAIN, .action = ACT_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' },
      .help = "Previous criterion; scrolls the details when they have focus" },
    { .scope = SCOPE_MAIN, .action = ACT_PAGE_DOWN, .keys = "PgDn  Ctrl-F", .codes = { FK(KEY_NPAGE), CTRL('f') }, .help = "One page down" },
    { .scope = SCOPE_MAIN, .action = ACT_PAGE_UP, .keys = "PgUp  Ctrl-B", .codes = { FK(KEY_PPAGE), CTRL('b') }, .help = "One page up" },
    { .scope = SCOPE_MAIN, .action = ACT_FIRST, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' }, .help = "First criterion" },
    { .scope = SCOPE_MAIN, .action = ACT_LAST, .keys = "End  G", .codes = { FK(KEY_END), 'G' }, .help = "Last criterion" },
    { .scope = SCOPE_MAIN, .action = ACT_WEIGHT_DEC, .keys = "Left  h  -", .codes = { FK(KEY_LEFT), 'h', '-' },
      .help = "Lower the selected criterion's weight by 1" },
    { .scope = SCOPE_MAIN, .action = ACT_WEIGHT_INC, .keys = "Right  l  +  =", .codes = { FK(KEY_RIGHT), 'l', '+', '=' },
      .help = "Raise the selected criterion's weight by 1", .bar = "Weight",
      .bar_keys = "\u2190\u2192", .bar_pos = 11, .bar_arrows = true, .bar_rank = 14 },
    { .scope = SCOPE_MAIN, .action = ACT_WEIGHT_DEC5, .keys = "Shift-Left  <", .codes = { FK(KEY_SLEFT), '<' }, .help = "Lower the weight by 5" },
    { .scope = SCOPE_MAIN, .action = ACT_WEIGHT_INC5, .keys = "Shift-Right  >", .codes = { FK(KEY_SRIGHT), '>' }, .help = "Raise the weight by 5" },
    { .scope = SCOPE_MAIN, .action = ACT_WEIGHT_SET, .keys = "0 .. 9  )",
      .codes = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ')' },
      .help = "Set the weight directly: 0..9, and ) for 10" },
    { .scope = SCOPE_MAIN, .action = ACT_PRESET_NEXT, .keys = "p", .codes = { 'p' }, .help = "Apply the next preset" },
    { .scope = SCOPE_MAIN, .action = ACT_PRESET_PICK, .keys = "F2  P", .codes = { FK(KEY_F(2)), 'P' },
      .help = "Choose a preset from a list: descriptions and outcomes", .bar = "Preset", .bar_pos = 2, .essential = true, .bar_rank = 3 },
    { .scope = SCOPE_MAIN, .action = ACT_RESET, .keys = "r", .codes = { 'r' },
      .help = "Back to the data's default weights (asks first if custom)" },
    { .scope = SCOPE_MAIN, .action = ACT_COMPARE, .keys = "c", .codes = { 'c' },
      .help = "The defaults, every preset and the current weights side by side; Enter applies one" },
    { .scope = SCOPE_MAIN, .action = ACT_UNDO, .keys = "z", .codes = { 'z' },
      .help = "Undo the last change of weights (keys, mouse, presets, reset)" },
    { .scope = SCOPE_MAIN, .action = ACT_REDO, .keys = "Z  Ctrl-Y", .codes = { 'Z', CTRL('y') },
      .help = "Redo the change last undone" },
    { .scope = SCOPE_MAIN, .action = ACT_FOCUS, .keys = "Tab", .codes = { '\t' },
      .help = "Move focus between the list and the details; compact: other stack" },
    { .scope = SCOPE_MAIN, .action = ACT_EXPAND, .keys = "Enter", .codes = { ENTER_KEYS },
      .help = "Expand or collapse the details of the selected criterion", .bar = "Details",
      .bar_pos = 12, .bar_rank = 11 },
    { .scope = SCOPE_MAIN, .action = ACT_SEARCH, .keys = "F3  /", .codes = { FK(KEY_F(3)), '/' },
      .help = "Search titles, labels, questions and rationales; the first match is selected as you type",
      .bar = "Search", .bar_keys = "F3", .bar_pos = 3, .essential = true, .bar_rank = 6, .bar_short = "Find" },
    { .scope = SCOPE_MAIN, .action = ACT_SEARCH_NEXT, .keys = "n", .codes = { 'n' },
      .help = "Next match of the last search" },
    { .scope = SCOPE_MAIN, .action = ACT_SEARCH_PREV, .keys = "N", .codes = { 'N' },
      .help = "Previous match of the last search" },
    { .scope = SCOPE_MAIN, .action = ACT_FILTER, .keys = "F4  \\", .codes = { FK(KEY_F(4)), '\\' },
      .help = "Show only the criteria whose title, label, question or rationale holds the text",
      .bar = "Filter", .bar_keys = "F4", .bar_pos = 4, .essential = true, .bar_rank = 8 },
    { .scope = SCOPE_MAIN, .action = ACT_SORT, .keys = "F6  o", .codes = { FK(KEY_F(6)), 'o' },
      .help = "Sort the criteria: by weight, by the gap between the stacks, by contribution, "
              "in the data's order",
      .bar = "Sort", .bar_keys = "F6", .bar_pos = 6, .essential = true, .bar_rank = 9 },
    { .scope = SCOPE_MAIN, .action = ACT_CLEAR, .keys = "Esc", .codes = { KEY_ESC },
      .help = "Clear the filter and the search marks; give focus back to the list" },
    { .scope = SCOPE_MAIN, .action = ACT_STACKS, .keys = "s", .codes = { 's' },
      .help = "Choose the stacks side by side; compact: show the other", .bar = "Stacks",
      .bar_pos = 14, .bar_rank = 12 },
    { .scope = SCOPE_MAIN, .action = ACT_EXPORT, .keys = "e", .codes = { 'e' },
      .help = "Export a snapshot: Markdown, JSON, CSV, a decision record (ADR) or an HTML report", .bar = "Export",
      .bar_pos = 7, .essential = true, .bar_rank = 4 },
    { .scope = SCOPE_MAIN, .action = ACT_REFRESH, .keys = "F5  u", .codes = { FK(KEY_F(5)), 'u' },
      .help = "Refresh the live download figures", .bar = "Refresh", .bar_pos = 5, .essential = true, .bar_rank = 7 },
    { .scope = SCOPE_MAIN, .action = ACT_LOG_SCALE, .keys = "L", .codes = { 'L' },
      .help = "Download bars in the details: log scale or linear" },
    { .scope = SCOPE_MAIN, .action = ACT_SOURCES, .keys = "i", .codes = { 'i' },
      .help = "The selected criterion's sources in full: title, date, URL and the figure used" },
    { .scope = SCOPE_MAIN, .action = ACT_THEME, .keys = "t", .codes = { 't' }, .help = "Next colour theme", .bar = "Theme", .bar_pos = 13, .bar_rank = 13 },
    { .scope = SCOPE_MAIN, .action = ACT_REDRAW, .keys = "Ctrl-L", .codes = { CTRL('l') }, .help = "Redraw the whole screen" },
    { .scope = SCOPE_MAIN, .action = ACT_QUIT, .keys = "F10  q", .codes = { FK(KEY_F(10)), 'q' }, .help = "Save the state and quit",
      .bar = "Quit", .bar_pos = 8, .essential = true, .bar_rank = 2 },
    { .scope = SCOPE_MAIN, .action = ACT_TRENDS, .keys = "F7  T", .codes = { FK(KEY_F(7)), 'T' },
      .help = "The trends view: a full-screen chart of daily downloads (again: back)",
      .bar = "Trends", .bar_pos = 9, .essential = true, .bar_rank = 5 },
    { .scope = SCOPE_MAIN, .action = ACT_EVIDENCE, .keys = "F8  E", .codes = { FK(KEY_F(8)), 'E' },
      .help = "The evidence view: every evidence package in one table (again: back)",
      .bar = "Evidence", .bar_pos = 10, .bar_rank = 10 },

    /* ---- the trends view (help, refresh, export, the other view, theme,
     * redraw and quit keep their main-screen keys) ---- */
    { .scope = SCOPE_TRENDS, .action = TRD_CLOSE, .keys = "F7  T  Esc", .codes = { FK(KEY_F(7)), 'T', KEY_ESC },
      .help = "Back to the dashboard", .bar = "Back", .bar_keys = "F7", .bar_pos = 1 },
    { .scope = SCOPE_TRENDS, .action = TRD_DAY_BACK, .keys = "Left  h", .codes = { FK(KEY_LEFT), 'h' },
      .help = "Cursor one day back" },
    { .scope = SCOPE_TRENDS, .action = TRD_DAY_ON, .keys = "Right  l", .codes = { FK(KEY_RIGHT), 'l' },
      .help = "Cursor one day on", .bar = "Cursor", .bar_keys = "\u2190\u2192", .bar_pos = 2,
      .bar_arrows = true },
    { .scope = SCOPE_TRENDS, .action = TRD_WEEK_BACK, .keys = "Shift-Left  <", .codes = { FK(KEY_SLEFT), '<' },
      .help = "Cursor a week back" },
    { .scope = SCOPE_TRENDS, .action = TRD_WEEK_ON, .keys = "Shift-Right  >", .codes = { FK(KEY_SRIGHT), '>' },
      .help = "Cursor a week on" },
    { .scope = SCOPE_TRENDS, .action = TRD_FIRST_DAY, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' },
      .help = "Cursor on the first day" },
    { .scope = SCOPE_TRENDS, .action = TRD_LAST_DAY, .keys = "End  G", .codes = { FK(KEY_END), 'G' },
      .help = "Cursor on the last day" },
    { .scope = SCOPE_TRENDS, .action = TRD_RANGE_NEXT, .keys = "r", .codes = { 'r' },
      .help = "Next range: 30, 90, 180 days, 12, 18 months", .bar = "Range", .bar_pos = 3 },
    { .scope = SCOPE_TRENDS, .action = TRD_RANGE_PREV, .keys = "R", .codes = { 'R' }, .help = "Previous range" },
    { .scope = SCOPE_TRENDS, .action = TRD_LOG, .keys = "L", .codes = { 'L' }, .help = "Linear or log scale",
      .bar = "Log", .bar_pos = 4 },
    { .scope = SCOPE_TRENDS, .action = TRD_AVG, .keys = "a", .codes = { 'a' },
      .help = "7-day moving average (downloads dip every weekend)", .bar = "Avg", .bar_pos = 5 },
    { .scope = SCOPE_TRENDS, .action = TRD_SHARE, .keys = "%", .codes = { '%' },
      .help = "Each line as its share of the lines' total that day", .bar = "Share", .bar_pos = 6 },
    { .scope = SCOPE_TRENDS, .action = TRD_MODE, .keys = "m  Tab", .codes = { 'm', '\t' },
      .help = "The criterion's packages, or each stack's summed evidence", .bar = "Stacks", .bar_pos = 7 },
    { .scope = SCOPE_TRENDS, .action = TRD_CRIT_NEXT, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' },
      .help = "Next criterion (packages)" },
    { .scope = SCOPE_TRENDS, .action = TRD_CRIT_PREV, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' },
      .help = "Previous criterion (packages)" },
    { .scope = SCOPE_TRENDS, .action = TRD_DOTS, .keys = "b", .codes = { 'b' },
      .help = "Braille dots or blocks (for fonts without braille); a click moves the cursor" },

    /* ---- the evidence view (as the trends view, global keys work) ---- */
    { .scope = SCOPE_EVIDENCE, .action = EVD_CLOSE, .keys = "F8  E", .codes = { FK(KEY_F(8)), 'E' },
      .help = "Back to the dashboard", .bar = "Back", .bar_keys = "F8", .bar_pos = 1 },
    { .scope = SCOPE_EVIDENCE, .action = EVD_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' }, .help = "Next package" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' }, .help = "Previous package" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_PAGE_DOWN, .keys = "PgDn  Ctrl-F", .codes = { FK(KEY_NPAGE), CTRL('f') },
      .help = "One page down" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_PAGE_UP, .keys = "PgUp  Ctrl-B", .codes = { FK(KEY_PPAGE), CTRL('b') },
      .help = "One page up" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_FIRST, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' }, .help = "First package" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_LAST, .keys = "End  G", .codes = { FK(KEY_END), 'G' }, .help = "Last package" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_SORT_NEXT, .keys = "F6  >  s", .codes = { FK(KEY_F(6)), '>', 's' },
      .help = "Sort by the next column (or click a column's title; again: invert)", .bar = "Sort",
      .bar_keys = "F6", .bar_pos = 2 },
    { .scope = SCOPE_EVIDENCE, .action = EVD_SORT_PREV, .keys = "<", .codes = { '<' }, .help = "Sort by the previous column" },
    { .scope = SCOPE_EVIDENCE, .action = EVD_INVERT, .keys = "I", .codes = { 'I' }, .help = "Invert the sort order",
      .bar = "Invert", .bar_pos = 3 },
    { .scope = SCOPE_EVIDENCE, .action = EVD_FILTER, .keys = "/", .codes = { '/' },
      .help = "Filter by text (stack, package, source, status); Enter keeps it", .bar = "Filter", .bar_pos = 4 },
    { .scope = SCOPE_EVIDENCE, .action = EVD_PROBLEMS, .keys = "f", .codes = { 'f' },
      .help = "Only what failed or is stale, or everything", .bar = "Failed", .bar_pos = 5 },
    { .scope = SCOPE_EVIDENCE, .action = EVD_CLEAR, .keys = "Esc", .codes = { KEY_ESC },
      .help = "Clear the filter; with none, back to the dashboard" },

    /* ---- the help overlay (any other key closes it too) ---- */
    { .scope = SCOPE_HELP, .action = DLG_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' }, .help = "Scroll down a line",
      .bar = "scroll", .bar_keys = "Up/Down/PgUp/PgDn", .bar_pos = 2 },
    { .scope = SCOPE_HELP, .action = DLG_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' }, .help = "Scroll up a line" },
    { .scope = SCOPE_HELP, .action = DLG_PAGE_DOWN, .keys = "PgDn  Space", .codes = { FK(KEY_NPAGE), ' ' }, .help = "Scroll down a page" },
    { .scope = SCOPE_HELP, .action = DLG_PAGE_UP, .keys = "PgUp", .codes = { FK(KEY_PPAGE) }, .help = "Scroll up a page" },
    { .scope = SCOPE_HELP, .action = DLG_FIRST, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' }, .help = "To the top" },
    { .scope = SCOPE_HELP, .action = DLG_LAST, .keys = "End  G", .codes = { FK(KEY_END), 'G' }, .help = "To the end" },
    { .scope = SCOPE_HELP, .action = DLG_CANCEL, .keys = "Esc  q  ?", .codes = { KEY_ESC, 'q', '?' }, .help = "Close the help (so does any other key)",
      .bar = "close", .bar_pos = 1 },

    /* ---- the preset picker ---- */
    { .scope = SCOPE_PRESETS, .action = DLG_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' }, .help = "Next preset",
      .bar = "choose", .bar_keys = "Up/Down", .bar_pos = 1 },
    { .scope = SCOPE_PRESETS, .action = DLG_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' }, .help = "Previous preset" },
    { .scope = SCOPE_PRESETS, .action = DLG_FIRST, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' }, .help = "First preset" },
    { .scope = SCOPE_PRESETS, .action = DLG_LAST, .keys = "End  G", .codes = { FK(KEY_END), 'G' }, .help = "Last preset" },
    { .scope = SCOPE_PRESETS, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS }, .help = "Apply the chosen preset",
      .bar = "apply", .bar_pos = 2 },
    { .scope = SCOPE_PRESETS, .action = DLG_CANCEL, .keys = "Esc  q  F2  P", .codes = { KEY_ESC, 'q', FK(KEY_F(2)), 'P' },
      .help = "Close, weights unchanged", .bar = "cancel", .bar_keys = "Esc", .bar_pos = 3 },

    /* ---- the preset comparison ---- */
    { .scope = SCOPE_COMPARE, .action = DLG_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' },
      .help = "Next row" },
    { .scope = SCOPE_COMPARE, .action = DLG_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' },
      .help = "Previous row" },
    { .scope = SCOPE_COMPARE, .action = DLG_FIRST, .keys = "Home  g", .codes = { FK(KEY_HOME), 'g' },
      .help = "First row" },
    { .scope = SCOPE_COMPARE, .action = DLG_LAST, .keys = "End  G", .codes = { FK(KEY_END), 'G' },
      .help = "Last row" },
    { .scope = SCOPE_COMPARE, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS },
      .help = "Apply the chosen row's weights", .bar = "applies", .bar_pos = 1 },
    { .scope = SCOPE_COMPARE, .action = DLG_CANCEL, .keys = "Esc  q  F3  c",
      .codes = { KEY_ESC, 'q', FK(KEY_F(3)), 'c' }, .help = "Close, weights unchanged",
      .bar = "closes", .bar_keys = "Esc", .bar_pos = 2 },

    /* ---- the stack chooser ---- */
    { .scope = SCOPE_STACKS, .action = DLG_DOWN, .keys = "Down  j", .codes = { FK(KEY_DOWN), 'j' }, .help = "Next stack" },
    { .scope = SCOPE_STACKS, .action = DLG_UP, .keys = "Up  k", .codes = { FK(KEY_UP), 'k' }, .help = "Previous stack" },
    { .scope = SCOPE_STACKS, .action = DLG_TOGGLE, .keys = "Space  x", .codes = { ' ', 'x' },
      .help = "Tick or untick a stack; ticked stacks show left to right in the order ticked",
      .bar = "tick (in order, left to right)", .bar_keys = "Space", .bar_pos = 1 },
    { .scope = SCOPE_STACKS, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS }, .help = "Show the ticked stacks (two or more)",
      .bar = "apply", .bar_pos = 2 },
    { .scope = SCOPE_STACKS, .action = DLG_CANCEL, .keys = "Esc  q  s", .codes = { KEY_ESC, 'q', 's' }, .help = "Close, stacks unchanged",
      .bar = "cancel", .bar_keys = "Esc", .bar_pos = 3 },

    /* ---- the export dialog (other keys type into the path) ---- */
    { .scope = SCOPE_EXPORT, .action = DLG_NEXT, .keys = "Down", .codes = { FK(KEY_DOWN) },
      .help = "Next format; the path's extension follows", .bar = "format",
      .bar_keys = "Up/Down", .bar_pos = 1 },
    { .scope = SCOPE_EXPORT, .action = DLG_PREV, .keys = "Up", .codes = { FK(KEY_UP) }, .help = "Previous format" },
    { .scope = SCOPE_EXPORT, .action = DLG_COMPLETE, .keys = "Tab", .codes = { '\t' },
      .help = "Complete the file or folder name before the cursor; again: the next match", .bar = "complete",
      .bar_pos = 2 },
    { .scope = SCOPE_EXPORT, .action = DLG_LEFT, .keys = "Left", .codes = { FK(KEY_LEFT) }, .help = "Cursor left" },
    { .scope = SCOPE_EXPORT, .action = DLG_RIGHT, .keys = "Right", .codes = { FK(KEY_RIGHT) }, .help = "Cursor right" },
    { .scope = SCOPE_EXPORT, .action = DLG_HOME, .keys = "Home  Ctrl-A", .codes = { FK(KEY_HOME), CTRL('a') },
      .help = "Cursor to the start" },
    { .scope = SCOPE_EXPORT, .action = DLG_END, .keys = "End  Ctrl-E", .codes = { FK(KEY_END), CTRL('e') },
      .help = "Cursor to the end" },
    { .scope = SCOPE_EXPORT, .action = DLG_BACKSPACE, .keys = "Backspace", .codes = { BACKSPACE_KEYS },
      .help = "Delete the character before the cursor" },
    { .scope = SCOPE_EXPORT, .action = DLG_DELETE, .keys = "Delete", .codes = { FK(KEY_DC) },
      .help = "Delete the character under the cursor" },
    { .scope = SCOPE_EXPORT, .action = DLG_CLEAR_INPUT, .keys = "Ctrl-U", .codes = { CTRL('u') },
      .help = "Delete everything before the cursor" },
    { .scope = SCOPE_EXPORT, .action = DLG_CUT_WORD, .keys = "Ctrl-W", .codes = { CTRL('w') },
      .help = "Delete the word (or folder name) before the cursor" },
    { .scope = SCOPE_EXPORT, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS },
      .help = "Write the snapshot (~ is your home; asks before overwriting)", .bar = "write",
      .bar_pos = 3 },
    { .scope = SCOPE_EXPORT, .action = DLG_CANCEL, .keys = "Esc", .codes = { KEY_ESC }, .help = "Close without writing",
      .bar = "cancel", .bar_keys = "Esc", .bar_pos = 4 },

    /* ---- yes/no questions (any other key is no) ---- */
    { .scope = SCOPE_CONFIRM, .action = DLG_YES, .keys = "y  Y", .codes = { 'y', 'Y' }, .help = "Yes (any other key is no)" },

    /* ---- the filter line (other keys type into it) ---- */
    { .scope = SCOPE_FILTER, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS }, .help = "Keep the filter",
      .bar = "keep", .bar_pos = 1 },
    { .scope = SCOPE_FILTER, .action = DLG_CANCEL, .keys = "Esc", .codes = { KEY_ESC }, .help = "Clear the filter",
      .bar = "clear", .bar_pos = 2 },
    { .scope = SCOPE_FILTER, .action = DLG_BACKSPACE, .keys = "Backspace", .codes = { BACKSPACE_KEYS },
      .help = "Delete the last character; on an empty filter, close it" },
    { .scope = SCOPE_FILTER, .action = DLG_CLEAR_INPUT, .keys = "Ctrl-U", .codes = { CTRL('u') }, .help = "Clear what is typed" },

    /* ---- the search line (other keys type into it) ---- */
    { .scope = SCOPE_SEARCH, .action = DLG_ACCEPT, .keys = "Enter", .codes = { ENTER_KEYS },
      .help = "Stay on the match; n and N then go to the next and previous", .bar = "stay",
      .bar_pos = 1 },
    { .scope = SCOPE_SEARCH, .action = DLG_NEXT, .keys = "F3  Down", .codes = { FK(KEY_F(3)), FK(KEY_DOWN) },
      .help = "Next match", .bar = "next", .bar_keys = "F3", .bar_pos = 2 },
    { .scope = SCOPE_SEARCH, .action = DLG_PREV, .keys = "Shift-F3  Up", .codes = { FK(KEY_F(15)), FK(KEY_UP) },
      .help = "Previous match" },
    { .scope = SCOPE_SEARCH, .action = DLG_CANCEL, .keys = "Esc", .codes = { KEY_ESC },
      .help = "Back to where the search started", .bar = "cancel", .bar_pos = 3 },
    { .scope = SCOPE_SEARCH, .action = DLG_BACKSPACE, .keys = "Backspace", .codes = { BACKSPACE_KEYS },
      .help = "Delete the last character; on an empty search, close it" },
    { .scope = SCOPE_SEARCH, .action = DLG_CLEAR_INPUT, .keys = "Ctrl-U", .codes = { CTRL('u') }, .help = "Clear what is typed" },
};
const size_t keymap_count = sizeof keymap / sizeof keymap[0];

static const char *const scope_names[SCOPE_COUNT] = {
    [SCOPE_MAIN] = "Main screen",
    [SCOPE_HELP] = "Help",
    [SCOPE_PRESETS] = "Preset picker",
    [SCOPE_COMPARE] = "Preset comparison",
    [SCOPE_STACKS] = "Stack chooser",
    [SCOPE_EXPORT] = "Export dialog (other keys type the path)",
    [SCOPE_CONFIRM] = "Questions",
    [SCOPE_FILTER] = "Filter (other keys type the text)",
    [SCOPE_SEARCH] = "Search (other keys type the text)",
    [SCOPE_TRENDS] = "Trends view (F7  T)",
    [SCOPE_EVIDENCE] = "Evidence view (F8  E; a click on the header's \"N failed\" opens it on those)",
};

const char *keymap_scope_name(KeyScope scope)
{
    return scope < SCOPE_COUNT ? scope_names[scope] : "";
}

Action keymap_action(KeyScope scope, int key)
{
    if (key == 0)
        return ACT_NONE;
    for (size_t i = 0; i < keymap_count; i++) {
        if (keymap[i].scope != scope)
            continue;
        for (size_t k = 0; k < KEYDEF_CODES_MAX && keymap[i].codes[k]; k++)
            if (keymap[i].codes[k] == key)
                return keymap[i].action;
    }
    return ACT_NONE;
}

const KeyDef *keymap_find(KeyScope scope, Action action)
{
    for (size_t i = 0; i < keymap_count; i++)
        if (keymap[i].scope == scope && keymap[i].action == action)
            return &keymap[i];
    return NULL;
}

const char *keymap_bar_keys(const KeyDef *d, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    if (d->bar_keys) {
        snprintf(buf, cap, "%s", d->bar_keys);
        return buf;
    }
    /* "F1  ?" -> "F1/?": each run of spaces between names becomes "/". */
    size_t n = 0;
    for (const char *p = d->keys; *p && n + 1 < cap; p++) {
        if (p[0] == ' ' && p[1] == ' ') {
            while (p[1] == ' ')
                p++;
            buf[n++] = '/';
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}

size_t keymap_bar_items(KeyScope scope, const KeyDef **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < keymap_count && n < max; i++)
        if (keymap[i].scope == scope && keymap[i].bar)
            out[n++] = &keymap[i];
    for (size_t i = 1; i < n; i++) /* stable, by bar_pos */
        for (size_t j = i; j > 0 && out[j - 1]->bar_pos > out[j]->bar_pos; j--) {
            const KeyDef *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

const char *keymap_footer(KeyScope scope, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    buf[0] = '\0';
    const KeyDef *items[16];
    size_t count = keymap_bar_items(scope, items, sizeof items / sizeof items[0]);
    size_t n = 0;
    for (size_t i = 0; i < count && n + 1 < cap; i++) {
        char keys[64];
        int w = snprintf(buf + n, cap - n, "%s%s %s", n ? ", " : "",
                         keymap_bar_keys(items[i], keys, sizeof keys), items[i]->bar);
        n = w < 0 || (size_t)w >= cap - n ? cap - 1 : n + (size_t)w;
    }
    return buf;
}

void keymap_each_help_line(void (*line)(const char *text, void *user), void *user)
{
    char text[256];
    for (int s = 0; s < SCOPE_COUNT; s++) {
        if (s > 0)
            line("", user);
        line(scope_names[s], user);
        for (size_t i = 0; i < keymap_count; i++) {
            if (keymap[i].scope != (KeyScope)s)
                continue;
            snprintf(text, sizeof text, "  %-16s %s", keymap[i].keys, keymap[i].help);
            line(text, user);
        }
    }
}

static void print_line(const char *text, void *user)
{
    fprintf((FILE *)user, "%s\n", text);
}

void keymap_print(FILE *out)
{
    keymap_each_help_line(print_line, out);
}
