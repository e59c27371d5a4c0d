/* lineedit.c: a shell-like one-line text field; see lineedit.h. */
#include "util/lineedit.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static bool is_cont(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

void lineedit_set(LineEdit *le, const char *text)
{
    size_t n = strlen(text);
    if (n >= LINEEDIT_MAX) {
        n = LINEEDIT_MAX - 1;
        while (n > 0 && is_cont(text[n]))
            n--; /* never keep half a character */
    }
    memcpy(le->text, text, n);
    le->text[n] = '\0';
    le->len = le->cur = n;
}

static bool insert_bytes(LineEdit *le, const char *b, size_t n)
{
    if (le->len + n + 1 > LINEEDIT_MAX)
        return false;
    memmove(le->text + le->cur + n, le->text + le->cur, le->len - le->cur + 1);
    memcpy(le->text + le->cur, b, n);
    le->len += n;
    le->cur += n;
    return true;
}

bool lineedit_insert(LineEdit *le, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return false;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    return insert_bytes(le, b, n);
}

void lineedit_insert_str(LineEdit *le, const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && le->len + n + 1 > LINEEDIT_MAX) {
        n--;
        while (n > 0 && is_cont(s[n]))
            n--;
    }
    insert_bytes(le, s, n);
}

static size_t prev_char(const LineEdit *le, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && is_cont(le->text[at]))
        at--;
    return at;
}

static size_t next_char(const LineEdit *le, size_t at)
{
    if (at >= le->len)
        return le->len;
    at++;
    while (at < le->len && is_cont(le->text[at]))
        at++;
    return at;
}

void lineedit_left(LineEdit *le) { le->cur = prev_char(le, le->cur); }
void lineedit_right(LineEdit *le) { le->cur = next_char(le, le->cur); }
void lineedit_home(LineEdit *le) { le->cur = 0; }
void lineedit_end(LineEdit *le) { le->cur = le->len; }

/* Removes the bytes [from, to). */
static void cut(LineEdit *le, size_t from, size_t to)
{
    memmove(le->text + from, le->text + to, le->len - to + 1);
    le->len -= to - from;
    if (le->cur >= to)
        le->cur -= to - from;
    else if (le->cur > from)
        le->cur = from;
}

void lineedit_backspace(LineEdit *le)
{
    if (le->cur > 0)
        cut(le, prev_char(le, le->cur), le->cur);
}

void lineedit_delete(LineEdit *le)
{
    if (le->cur < le->len)
        cut(le, le->cur, next_char(le, le->cur));
}

void lineedit_kill_start(LineEdit *le) { cut(le, 0, le->cur); }

void lineedit_kill_word(LineEdit *le)
{
    size_t at = le->cur;
    /* spaces before the cursor, then one '/' that ends the word */
    while (at > 0 && le->text[at - 1] == ' ')
        at--;
    if (at > 0 && le->text[at - 1] == '/')
        at--;
    while (at > 0 && le->text[at - 1] != '/' && le->text[at - 1] != ' ')
        at--;
    cut(le, at, le->cur);
}

char *lineedit_expand_home(const char *text, const char *home)
{
    if (text[0] == '~' && (text[1] == '\0' || text[1] == '/') && home && home[0]) {
        size_t hl = strlen(home);
        while (hl > 1 && home[hl - 1] == '/')
            hl--; /* "~/x" with HOME=/home/a/ is /home/a/x */
        return xasprintf("%.*s%s", (int)hl, home, text + 1);
    }
    return xstrdup(text);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The matches for the name before the cursor: *from is where that name
 * starts; *names gets them sorted (caller frees each and the array).
 * Returns their count; SIZE_MAX for a lone "~", which completes to "~/". */
static size_t gather_matches(const LineEdit *le, const char *home, size_t *from, char ***names_out)
{
    *names_out = NULL;
    /* The path being completed: from the start of the field (or the last
     * space, for text that is not a path) to the cursor. */
    size_t start = le->cur;
    while (start > 0 && le->text[start - 1] != ' ')
        start--;
    char *typed = xstrndup(le->text + start, le->cur - start);
    char *slash = strrchr(typed, '/');
    *from = slash ? start + (size_t)(slash - typed) + 1 : start;
    if (!slash && typed[0] == '~' && typed[1] == '\0' && home && home[0]) {
        free(typed);
        return SIZE_MAX;
    }
    const char *prefix = slash ? slash + 1 : typed;
    char *dir_typed = slash ? xstrndup(typed, (size_t)(slash - typed) + 1) : xstrdup("");
    char *dir = dir_typed[0] ? lineedit_expand_home(dir_typed, home) : xstrdup(".");
    size_t plen = strlen(prefix);
    char **names = NULL;
    size_t n = 0;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            const char *name = e->d_name;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                continue;
            if (name[0] == '.' && prefix[0] != '.')
                continue;
            if (strncmp(name, prefix, plen) != 0)
                continue;
            char *path = xasprintf("%s/%s", dir, name);
            struct stat sb;
            bool is_dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
            free(path);
            names = xreallocarray(names, n + 1, sizeof *names);
            names[n++] = xasprintf("%s%s", name, is_dir ? "/" : "");
        }
        closedir(d);
    }
    if (n > 0)
        qsort(names, n, sizeof *names, compare_names);
    free(dir);
    free(dir_typed);
    free(typed);
    *names_out = names;
    return n;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Completes the name that starts at from to names' longest common start
 * (all of a lone match); *list gets several matches space-separated. */
static void complete_common(LineEdit *le, size_t from, char **names, size_t n, char **list)
{
    size_t plen = le->cur - from;
    /* the longest start all matches share (a lone match: all of it) */
    size_t common = strlen(names[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < common && names[i][k] == names[0][k])
            k++;
        common = k;
    }
    if (n > 1 && common > 0 && names[0][common - 1] == '/')
        common--; /* a '/' only completes a single directory */
    while (common > plen && is_cont(names[0][common]))
        common--;
    if (common > plen) {
        char *add = xstrndup(names[0] + plen, common - plen);
        lineedit_insert_str(le, add);
        free(add);
    }
    if (n > 1 && list) {
        StrBuf sb = STRBUF_INIT;
        for (size_t i = 0; i < n; i++)
            sb_appendf(&sb, "%s%s", i ? " " : "", names[i]);
        *list = xstrdup(sb_str(&sb));
        sb_free(&sb);
    }
}

size_t lineedit_complete(LineEdit *le, const char *home, char **list)
{
    if (list)
        *list = NULL;
    size_t from = 0;
    char **names = NULL;
    size_t n = gather_matches(le, home, &from, &names);
    if (n == SIZE_MAX) {
        /* "~" alone: complete it to the directory it is */
        insert_bytes(le, "/", 1);
        return 1;
    }
    if (n > 0)
        complete_common(le, from, names, n, list);
    free_names(names, n);
    return n;
}

void tabcycle_clear(TabCycle *tc)
{
    free_names(tc->names, tc->n);
    memset(tc, 0, sizeof *tc);
}

size_t lineedit_complete_cycle(LineEdit *le, TabCycle *tc, const char *home, size_t *which,
                               char **list)
{
    if (list)
        *list = NULL;
    if (which)
        *which = 0;
    if (tc->n > 1 && le->cur == tc->cur && strcmp(le->text, tc->text) == 0) {
        /* Tab again: the next match in place of the name */
        LineEdit rest;
        lineedit_set(&rest, le->text + le->cur);
        le->text[tc->from] = '\0';
        le->len = le->cur = tc->from;
        lineedit_insert_str(le, tc->names[tc->next]);
        size_t cur = le->cur;
        lineedit_insert_str(le, rest.text);
        le->cur = cur;
        if (which)
            *which = tc->next + 1;
        tc->next = (tc->next + 1) % tc->n;
        memcpy(tc->text, le->text, le->len + 1);
        tc->cur = le->cur;
        return tc->n;
    }
    tabcycle_clear(tc);
    size_t from = 0;
    char **names = NULL;
    size_t n = gather_matches(le, home, &from, &names);
    if (n == SIZE_MAX) {
        insert_bytes(le, "/", 1);
        return 1;
    }
    if (n > 0)
        complete_common(le, from, names, n, list);
    if (n > 1) {
        tc->names = names;
        tc->n = n;
        tc->from = from;
        memcpy(tc->text, le->text, le->len + 1);
        tc->cur = le->cur;
        return n;
    }
    free_names(names, n);
    return n;
}
