/* test_lineedit.c: the export dialog's path field — editing anywhere,
 * word and line cuts, "~" expansion and Tab completion against a real
 * directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/lineedit.h"
#include "unit/helpers.h"
#include "util/xalloc.h"

static void edits_anywhere(void **state)
{
    (void)state;
    LineEdit le;
    lineedit_set(&le, "report.md");
    assert_int_equal(le.cur, 9);
    lineedit_home(&le);
    lineedit_insert_str(&le, "out/");
    assert_string_equal(le.text, "out/report.md");
    lineedit_end(&le);
    lineedit_left(&le);
    lineedit_left(&le);
    lineedit_left(&le);
    lineedit_backspace(&le); /* the 't' of "report" */
    assert_string_equal(le.text, "out/repor.md");
    lineedit_delete(&le); /* the '.' */
    assert_string_equal(le.text, "out/repormd");
    lineedit_insert(&le, '-');
    assert_string_equal(le.text, "out/repor-md");
    lineedit_right(&le);
    lineedit_right(&le);
    lineedit_right(&le); /* past the end: stays there */
    assert_int_equal(le.cur, le.len);
    lineedit_delete(&le); /* at the end: nothing */
    assert_string_equal(le.text, "out/repor-md");
    /* control characters are not text */
    assert_false(lineedit_insert(&le, '\t'));
}

static void moves_by_character_not_byte(void **state)
{
    (void)state;
    LineEdit le;
    lineedit_set(&le, "r\xc3\xa9sum\xc3\xa9.md"); /* résumé.md */
    lineedit_home(&le);
    lineedit_right(&le);
    lineedit_right(&le);
    assert_int_equal(le.cur, 3); /* after "ré" */
    lineedit_backspace(&le);
    assert_string_equal(le.text, "rsum\xc3\xa9.md");
    lineedit_insert(&le, 0xe9);
    assert_string_equal(le.text, "r\xc3\xa9sum\xc3\xa9.md");
}

static void cuts_words_and_lines(void **state)
{
    (void)state;
    LineEdit le;
    lineedit_set(&le, "/tmp/out/report.md");
    lineedit_kill_word(&le);
    assert_string_equal(le.text, "/tmp/out/");
    lineedit_kill_word(&le); /* the '/' goes with the word before it */
    assert_string_equal(le.text, "/tmp/");
    lineedit_set(&le, "/tmp/out/report.md");
    lineedit_home(&le);
    for (int i = 0; i < 9; i++)
        lineedit_right(&le);
    lineedit_kill_start(&le);
    assert_string_equal(le.text, "report.md");
    assert_int_equal(le.cur, 0);
    lineedit_kill_start(&le); /* nothing before the cursor */
    assert_string_equal(le.text, "report.md");
}

static void never_overflows(void **state)
{
    (void)state;
    LineEdit le;
    char big[LINEEDIT_MAX + 10];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    lineedit_set(&le, big);
    assert_int_equal(le.len, LINEEDIT_MAX - 1);
    assert_false(lineedit_insert(&le, 'b'));
    lineedit_insert_str(&le, "more");
    assert_int_equal(le.len, LINEEDIT_MAX - 1);
}

static void expands_home(void **state)
{
    (void)state;
    char *s = lineedit_expand_home("~/r.md", "/home/ann");
    assert_string_equal(s, "/home/ann/r.md");
    free(s);
    s = lineedit_expand_home("~", "/home/ann/");
    assert_string_equal(s, "/home/ann");
    free(s);
    s = lineedit_expand_home("~bob/r.md", "/home/ann");
    assert_string_equal(s, "~bob/r.md");
    free(s);
    s = lineedit_expand_home("a/~/r.md", "/home/ann");
    assert_string_equal(s, "a/~/r.md");
    free(s);
    s = lineedit_expand_home("~/r.md", NULL);
    assert_string_equal(s, "~/r.md");
    free(s);
}

static void completes_like_a_shell(void **state)
{
    (void)state;
    char *dir = test_temp_dir("le");
    char *p;
    p = xasprintf("%s/reports", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
    const char *files[] = { "reports/q1.md", "reports/q2.md", "readme.txt", ".hidden" };
    for (size_t i = 0; i < 4; i++) {
        p = xasprintf("%s/%s", dir, files[i]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
        free(p);
    }
    LineEdit le;
    char *list = NULL;
    /* one match: completed whole, a directory with its '/' */
    p = xasprintf("%s/rep", dir);
    lineedit_set(&le, p);
    free(p);
    assert_int_equal(lineedit_complete(&le, NULL, &list), 1);
    p = xasprintf("%s/reports/", dir);
    assert_string_equal(le.text, p);
    free(p);
    assert_null(list);
    /* several: their common start, and the list */
    lineedit_insert(&le, 'q');
    assert_int_equal(lineedit_complete(&le, NULL, &list), 2);
    assert_string_equal(list, "q1.md q2.md");
    free(list);
    /* "re": reports/ and readme.txt share only "re" */
    p = xasprintf("%s/re", dir);
    lineedit_set(&le, p);
    assert_int_equal(lineedit_complete(&le, NULL, NULL), 2);
    assert_string_equal(le.text, p);
    free(p);
    /* hidden files only for a typed '.' */
    p = xasprintf("%s/", dir);
    lineedit_set(&le, p);
    free(p);
    assert_int_equal(lineedit_complete(&le, NULL, &list), 2);
    assert_string_equal(list, "readme.txt reports/");
    free(list);
    p = xasprintf("%s/.", dir);
    lineedit_set(&le, p);
    free(p);
    assert_int_equal(lineedit_complete(&le, NULL, NULL), 1);
    p = xasprintf("%s/.hidden", dir);
    assert_string_equal(le.text, p);
    free(p);
    /* "~/" looks in home and keeps the "~" as typed */
    lineedit_set(&le, "~/readm");
    assert_int_equal(lineedit_complete(&le, dir, NULL), 1);
    assert_string_equal(le.text, "~/readme.txt");
    /* completion at the cursor, text after it kept */
    lineedit_set(&le, "~/readm|x");
    lineedit_left(&le);
    lineedit_left(&le);
    assert_int_equal(lineedit_complete(&le, dir, NULL), 1);
    assert_string_equal(le.text, "~/readme.txt|x");
    /* no match: nothing changes */
    lineedit_set(&le, "~/zzz");
    assert_int_equal(lineedit_complete(&le, dir, NULL), 0);
    assert_string_equal(le.text, "~/zzz");
    /* Tab again and again: each match in turn, round, until another edit */
    TabCycle tc = { 0 };
    size_t which = 9;
    p = xasprintf("%s/reports/q", dir);
    lineedit_set(&le, p);
    free(p);
    lineedit_insert_str(&le, "|x");
    lineedit_left(&le);
    lineedit_left(&le);
    assert_int_equal(lineedit_complete_cycle(&le, &tc, NULL, &which, &list), 2);
    assert_int_equal(which, 0);
    assert_string_equal(list, "q1.md q2.md");
    free(list);
    const char *want[] = { "q1.md", "q2.md", "q1.md" };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lineedit_complete_cycle(&le, &tc, NULL, &which, &list), 2);
        assert_null(list);
        assert_int_equal(which, i % 2 + 1);
        p = xasprintf("%s/reports/%s|x", dir, want[i]);
        assert_string_equal(le.text, p);
        free(p);
        assert_int_equal(le.cur, le.len - 2); /* the cursor after the name */
    }
    lineedit_backspace(&le); /* "q1.m": another edit ends the cycle */
    assert_int_equal(lineedit_complete_cycle(&le, &tc, NULL, &which, NULL), 1);
    assert_int_equal(which, 0);
    p = xasprintf("%s/reports/q1.md|x", dir);
    assert_string_equal(le.text, p);
    free(p);
    assert_int_equal(lineedit_complete_cycle(&le, &tc, NULL, &which, NULL), 1);
    assert_string_equal(le.text + le.len - 7, "q1.md|x"); /* one match: nothing to cycle */
    tabcycle_clear(&tc);
    assert_int_equal(test_remove_tree(dir), 0);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edits_anywhere),
        cmocka_unit_test(moves_by_character_not_byte),
        cmocka_unit_test(cuts_words_and_lines),
        cmocka_unit_test(never_overflows),
        cmocka_unit_test(expands_home),
        cmocka_unit_test(completes_like_a_shell),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
