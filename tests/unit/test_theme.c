/* test_theme.c: the theme loader — shipped themes, fallbacks, colour
 * reduction for 16/8-colour terminals, and every error with its position. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/theme_load.h"

static Theme *load(const char *text, char **err)
{
    *err = NULL;
    return theme_load_buffer("t.yaml", text, strlen(text), err);
}

static void expect_error(const char *text, const char *where, const char *what)
{
    char *err;
    Theme *t = load(text, &err);
    if (t) {
        theme_free(t);
        fail_msg("accepted: %s", text);
    }
    assert_non_null(err);
    if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, what))
        fail_msg("for %s\n  got: %s\n  want: %s ... %s", text, err, where, what);
    free(err);
}

static void shipped_themes_load(void **state)
{
    const char *names[] = { "default", "light", "high-contrast", "mono" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[64];
        snprintf(path, sizeof path, "themes/%s.yaml", names[i]);
        char *err = NULL;
        Theme *t = theme_load_file(path, &err);
        if (!t)
            fail_msg("%s", err);
        assert_string_equal(t->name, names[i]);
        assert_non_null(t->description);
        for (int r = 0; r < ROLE_COUNT; r++) {
            assert_true(t->roles[r].fg >= THEME_COLOR_DEFAULT && t->roles[r].fg <= 255);
            assert_true(t->roles[r].bg >= THEME_COLOR_DEFAULT && t->roles[r].bg <= 255);
        }
        /* the better side must stand out without colour */
        assert_true(t->roles[ROLE_BETTER].attrs & THEME_BOLD);
        theme_free(t);
    }
}

/* Up to eight panes side by side: each position its own role, and each
 * colour theme gives those roles eight different looks. */
static void eight_stacks_eight_colours(void **state)
{
    (void)state;
    for (size_t i = 0; i < 8; i++)
        for (size_t j = i + 1; j < 8; j++)
            assert_int_not_equal(theme_stack_role(i), theme_stack_role(j));
    assert_int_equal(theme_stack_role(0), ROLE_STACK1);
    assert_int_equal(theme_stack_role(7), ROLE_STACK8);
    assert_int_equal(theme_stack_role(8), ROLE_STACK1);
    const char *names[] = { "default", "light", "high-contrast" };
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        char path[64], *err = NULL;
        snprintf(path, sizeof path, "themes/%s.yaml", names[n]);
        Theme *t = theme_load_file(path, &err);
        if (!t)
            fail_msg("%s", err);
        for (size_t i = 0; i < 8; i++)
            for (size_t j = i + 1; j < 8; j++) {
                const ThemeStyle *a = &t->roles[theme_stack_role(i)], *b = &t->roles[theme_stack_role(j)];
                if (a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs)
                    fail_msg("%s: stacks %zu and %zu look the same", names[n], i + 1, j + 1);
            }
        theme_free(t);
    }
}

static void mono_has_no_colours(void **state)
{
    char *err = NULL;
    Theme *t = theme_load_file("themes/mono.yaml", &err);
    assert_non_null(t);
    for (int r = 0; r < ROLE_COUNT; r++) {
        assert_int_equal(t->roles[r].fg, THEME_COLOR_DEFAULT);
        assert_int_equal(t->roles[r].bg, THEME_COLOR_DEFAULT);
    }
    assert_true(t->roles[ROLE_SELECTED].attrs & THEME_REVERSE);
    theme_free(t);
}

static void omitted_roles_take_their_fallback(void **state)
{
    char *err;
    Theme *t = load("roles:\n"
                    "  normal: { fg: white, bg: black }\n"
                    "  stack1: { fg: 114, fg16: green }\n"
                    "  status: { fg: 250, bg: 17, bg16: blue }\n"
                    "  warning: { attrs: [bold] }\n",
                    &err);
    assert_non_null(t);
    assert_string_equal(t->name, "t"); /* from the file name without .yaml */
    assert_null(t->description);
    /* stack3 falls back to stack1 */
    assert_int_equal(t->roles[ROLE_STACK3].fg, 114);
    assert_int_equal(t->roles[ROLE_STACK3].fg16, 2);
    /* border -> dim -> normal */
    assert_int_equal(t->roles[ROLE_BORDER].fg, 7);
    assert_int_equal(t->roles[ROLE_BORDER].bg, 0);
    /* warning keeps its own bold and the status colours, 16-colour ones too */
    assert_int_equal(t->roles[ROLE_WARNING].attrs, THEME_BOLD);
    assert_int_equal(t->roles[ROLE_WARNING].fg, 250);
    assert_int_equal(t->roles[ROLE_WARNING].bg, 17);
    assert_int_equal(t->roles[ROLE_WARNING].bg16, 4);
    /* a role that names only fg keeps the fallback's background */
    assert_int_equal(t->roles[ROLE_STACK1].bg, 0);
    theme_free(t);
}

static void colours_parse_in_every_spelling(void **state)
{
    int c;
    assert_true(theme_parse_color("default", &c));
    assert_int_equal(c, THEME_COLOR_DEFAULT);
    assert_true(theme_parse_color("blue", &c));
    assert_int_equal(c, 4);
    assert_true(theme_parse_color("bright-white", &c));
    assert_int_equal(c, 15);
    assert_true(theme_parse_color("gray", &c));
    assert_int_equal(c, 8);
    assert_true(theme_parse_color("0", &c));
    assert_int_equal(c, 0);
    assert_true(theme_parse_color("255", &c));
    assert_int_equal(c, 255);
    assert_true(theme_parse_color("#ff0000", &c));
    assert_int_equal(c, 196);
    assert_true(theme_parse_color("#808080", &c));
    assert_int_equal(c, 244);
    assert_false(theme_parse_color("256", &c));
    assert_false(theme_parse_color("99999999999", &c));
    assert_false(theme_parse_color("#12345", &c));
    assert_false(theme_parse_color("#gg0000", &c));
    assert_false(theme_parse_color("purple", &c));
    assert_false(theme_parse_color("", &c));
    assert_false(theme_parse_color("-1", &c));
}

static void colours_reduce_to_what_the_terminal_has(void **state)
{
    /* 256 colours: exactly what the theme says */
    assert_int_equal(theme_color_for(24, 4, 256), 24);
    assert_int_equal(theme_color_for(THEME_COLOR_DEFAULT, 4, 256), THEME_COLOR_DEFAULT);
    /* 16: the theme's own alternative first, else the nearest */
    assert_int_equal(theme_color_for(24, 4, 16), 4);
    assert_int_equal(theme_color_for(196, -1, 16), 9);
    assert_int_equal(theme_color_for(231, -1, 16), 15);
    assert_int_equal(theme_color_for(16, -1, 16), 0);
    assert_int_equal(theme_color_for(12, -1, 16), 12);
    /* 8: bright colours fold onto the basic ones */
    assert_int_equal(theme_color_for(24, 12, 8), 4);
    assert_int_equal(theme_color_for(196, -1, 8), 1);
    assert_int_equal(theme_color_for(231, -1, 8), 7);
    assert_int_equal(theme_color_for(THEME_COLOR_DEFAULT, -1, 8), THEME_COLOR_DEFAULT);
    /* no colours at all */
    assert_int_equal(theme_color_for(196, -1, 0), THEME_COLOR_DEFAULT);
}

static void greys_follow_the_8_colour_convention(void **state)
{
    (void)state;
    unsigned a = 0;
    /* the nearest basic colour to mid grey is yellow: not for greys */
    assert_int_equal(theme_color_for(8, -1, 8), 3);
    assert_int_equal(theme_color_attrs_for(240, 8, 8, false, &a), 7);
    assert_int_equal(a, THEME_DIM);
    a = 0;
    assert_int_equal(theme_color_attrs_for(250, -1, 8, false, &a), 7);
    assert_int_equal(a, 0);
    assert_int_equal(theme_color_attrs_for(231, -1, 8, false, &a), 7);
    assert_int_equal(a, THEME_BOLD);
    a = 0;
    assert_int_equal(theme_color_attrs_for(16, -1, 8, false, &a), 0);
    assert_int_equal(a, 0);
    /* on a light background greys darken */
    assert_int_equal(theme_color_attrs_for(249, 8, 8, true, &a), 0);
    assert_int_equal(a, THEME_DIM);
    /* backgrounds: the nearer of black and white, no attributes */
    assert_int_equal(theme_color_attrs_for(238, -1, 8, false, NULL), 0);
    assert_int_equal(theme_color_attrs_for(255, 15, 8, false, NULL), 7);
    /* colours and richer terminals are left alone */
    a = 0;
    assert_int_equal(theme_color_attrs_for(196, -1, 8, false, &a), 1);
    assert_int_equal(theme_color_attrs_for(240, 8, 16, false, &a), 8);
    assert_int_equal(theme_color_attrs_for(240, 8, 256, false, &a), 240);
    assert_int_equal(a, 0);
}

static void errors_name_file_line_and_column(void **state)
{
    expect_error("roles:\n  headr: { fg: red }\n", "t.yaml:2:3:", "unknown role 'headr'");
    expect_error("roles:\n  header: { fg: purple }\n", "t.yaml:2:17:", "'purple' is not a colour");
    expect_error("roles:\n  header: { bg: 300 }\n", "t.yaml:2:17:", "not a colour");
    expect_error("roles:\n  header: { fg16: 200 }\n", "t.yaml:2:19:", "out of range (0..15)");
    expect_error("roles:\n  header: { fg: [1] }\n", "t.yaml:2:17:", "must be a colour");
    expect_error("roles:\n  header: { colour: red }\n", "t.yaml:2:13:", "unknown key 'colour'");
    expect_error("roles:\n  header: { attrs: bold }\n", "t.yaml:2:20:", "must be a list");
    expect_error("roles:\n  header: { attrs: [bold, blink] }\n", "t.yaml:2:27:",
                 "unknown attribute 'blink'");
    expect_error("roles:\n  header: red\n", "t.yaml:2:11:", "must be a mapping");
    expect_error("roles: [header]\n", "t.yaml:1:8:", "roles must be a mapping");
    expect_error("name: x\n", "t.yaml:1:1:", "missing 'roles'");
    expect_error("- a\n- b\n", "t.yaml:1:1:", "must be a mapping");
    expect_error("name: x\nroles: {}\ncolours: {}\n", "t.yaml:3:1:", "unknown key 'colours'");
    expect_error("name: [x]\nroles: {}\n", "t.yaml:1:7:", "name must be text");
    /* The description reaches the status line: no escapes, no bidi tricks. */
    expect_error("description: \"a\\e]0;x\\a\"\nroles: {}\n", "t.yaml:1:14:",
                 "description must be one line without control or bidi characters");
    expect_error("description: \"a\xe2\x80\xae\"\nroles: {}\n", "t.yaml:1:14:",
                 "without control or bidi characters");
    expect_error("name: \"\xe2\x81\xa7x\"\nroles: {}\n", "t.yaml:1:7:", "without control or bidi");
    expect_error("roles:\n  header: { fg: red\n", "t.yaml:", "");
    expect_error("roles:\n  header: &a { fg: red }\n  title: *a\n", "t.yaml:", "");
    expect_error("roles:\n  header: { fg: red }\n  header: { fg: blue }\n", "t.yaml:3:3:",
                 "duplicate key");
}

static void missing_file_is_an_error(void **state)
{
    char *err = NULL;
    Theme *t = theme_load_file("themes/no-such-theme.yaml", &err);
    assert_null(t);
    assert_non_null(strstr(err, "no-such-theme.yaml"));
    free(err);
}

static void builtin_theme_is_complete(void **state)
{
    Theme *t = theme_builtin();
    assert_non_null(t);
    assert_true(t->roles[ROLE_BETTER].attrs & THEME_BOLD);
    assert_int_not_equal(t->roles[ROLE_HEADER].bg, THEME_COLOR_DEFAULT);
    for (int r = 0; r < ROLE_COUNT; r++) {
        assert_non_null(theme_role_name((ThemeRole)r));
        assert_true(strlen(theme_role_help((ThemeRole)r)) > 0);
    }
    theme_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_themes_load),
        cmocka_unit_test(eight_stacks_eight_colours),
        cmocka_unit_test(mono_has_no_colours),
        cmocka_unit_test(omitted_roles_take_their_fallback),
        cmocka_unit_test(colours_parse_in_every_spelling),
        cmocka_unit_test(colours_reduce_to_what_the_terminal_has),
        cmocka_unit_test(greys_follow_the_8_colour_convention),
        cmocka_unit_test(errors_name_file_line_and_column),
        cmocka_unit_test(missing_file_is_an_error),
        cmocka_unit_test(builtin_theme_is_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
