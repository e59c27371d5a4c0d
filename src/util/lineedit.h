/* lineedit.h: a one-line text field edited anywhere, as in a shell: the
 * cursor moves by character (UTF-8 aware), Backspace and Delete remove
 * around it, Ctrl-U and Ctrl-W cut before it, and a path can have "~"
 * expanded and its last component completed from the file system.
 * Plain C, no terminal: the dashboard maps keys to these calls.
 * Ownership: a LineEdit is a plain value with a fixed buffer; nothing to
 * free. Completion's list of candidates is allocated (caller frees). */
#ifndef VERSUS_UTIL_LINEEDIT_H
#define VERSUS_UTIL_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 1024

typedef struct LineEdit {
    char text[LINEEDIT_MAX]; /* NUL-terminated UTF-8 */
    size_t len;              /* bytes */
    size_t cur;              /* byte offset of the cursor, on a character boundary */
} LineEdit;

/* Replaces the text; the cursor goes to its end. */
void lineedit_set(LineEdit *le, const char *text);
/* Inserts one character at the cursor; false when it would not fit. */
bool lineedit_insert(LineEdit *le, uint32_t cp);
/* Inserts a string at the cursor (as much as fits). */
void lineedit_insert_str(LineEdit *le, const char *s);
void lineedit_left(LineEdit *le);
void lineedit_right(LineEdit *le);
void lineedit_home(LineEdit *le);
void lineedit_end(LineEdit *le);
/* The character before the cursor, and the one under it. */
void lineedit_backspace(LineEdit *le);
void lineedit_delete(LineEdit *le);
/* Ctrl-U: everything before the cursor. */
void lineedit_kill_start(LineEdit *le);
/* Ctrl-W: the word before the cursor, where a path's words end at '/'
 * (one trailing '/' goes with the word before it) and at spaces. */
void lineedit_kill_word(LineEdit *le);

/* The text with a leading "~" or "~/" replaced by home (unchanged when
 * home is NULL or empty, or for "~user"). Caller frees. */
char *lineedit_expand_home(const char *text, const char *home);

/* Tab: completes the path before the cursor from the directory it names
 * ("~" expanded with home for the look-up, kept as typed in the text).
 * One match is completed whole, with '/' after a directory; several are
 * completed to their longest common start. Returns the number of matches;
 * when it is more than one, *list (may be NULL) gets them, space-separated,
 * sorted (caller frees). Names starting with '.' match only a '.' typed. */
size_t lineedit_complete(LineEdit *le, const char *home, char **list);

/* Tab pressed again and again, as a shell's menu completion: the first Tab
 * is lineedit_complete; when it leaves several matches, each further Tab
 * (with no other edit between) puts the next match in place of the name
 * being completed, wrapping round after the last. Any other edit ends the
 * cycle: the next Tab completes afresh from what is then typed.
 * Ownership: the caller owns a TabCycle (zeroed to start) and frees it
 * with tabcycle_clear, which leaves it ready to use again. */
typedef struct TabCycle {
    char **names;  /* the matches, sorted (a directory's with its '/') */
    size_t n;
    size_t next;   /* the match the next Tab puts in */
    size_t from;   /* byte offset where the name being completed starts */
    char text[LINEEDIT_MAX]; /* the field as the last Tab left it */
    size_t cur;
} TabCycle;

/* Returns the number of matches; *which (may be NULL) gets the 1-based
 * place of the match now in the field, 0 when none is (the first Tab).
 * *list as for lineedit_complete, on the first Tab only. */
size_t lineedit_complete_cycle(LineEdit *le, TabCycle *tc, const char *home, size_t *which,
                               char **list);
void tabcycle_clear(TabCycle *tc);

#endif
