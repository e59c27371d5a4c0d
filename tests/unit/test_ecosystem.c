/* test_ecosystem.c: the ecosystems' name rules (core/ecosystem.h): the
 * guard every name passes, each row's own rule, and the one PEP 503 key
 * the loader and the fetcher share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ecosystem.h"

static void rows_are_whole(void **state)
{
    (void)state;
    const char *names[] = { "npm", "pypi" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const Ecosystem *e = ecosystem_find(names[i]);
        assert_non_null(e);
        assert_string_equal(e->name, names[i]);
        assert_non_null(e->valid);
        assert_non_null(e->invalid);
        assert_true(strncmp(e->invalid, "is not ", 7) == 0);
    }
    assert_null(ecosystem_find("cargo"));
    assert_null(ecosystem_find(""));
}

static void guard_applies_to_every_ecosystem(void **state)
{
    (void)state;
    const char *ecos[] = { "npm", "pypi", "cargo" };
    for (size_t i = 0; i < sizeof ecos / sizeof *ecos; i++) {
        assert_string_equal(package_name_problem(ecos[i], ""), "is empty");
        assert_string_equal(package_name_problem(ecos[i], ".."), "is not a package name");
        assert_string_equal(package_name_problem(ecos[i], "a b"), "contains white space");
        assert_string_equal(package_name_problem(ecos[i], "a%2f"), "contains '%'");
        assert_string_equal(package_name_problem(ecos[i], "a?b"), "contains '?'");
    }
    /* only npm has scopes */
    assert_null(package_name_problem("npm", "@nestjs/core"));
    assert_string_equal(package_name_problem("pypi", "@nestjs/core"),
                        "contains '/' (only an npm scope, @scope/name, may)");
    assert_string_equal(package_name_problem("cargo", "@a/b"), "contains '/' (only an npm scope, @scope/name, may)");
}

static void each_row_has_its_own_rule(void **state)
{
    (void)state;
    assert_null(package_name_problem("npm", "express"));
    assert_null(package_name_problem("npm", "JSONStream")); /* legacy upper case */
    assert_non_null(package_name_problem("npm", "_private"));
    assert_non_null(package_name_problem("npm", "@Types/node"));
    assert_non_null(package_name_problem("npm", "a+b"));
    assert_null(package_name_problem("pypi", "Django"));
    assert_null(package_name_problem("pypi", "zope.interface"));
    assert_non_null(package_name_problem("pypi", "-flask"));
    assert_non_null(package_name_problem("pypi", "a+b"));
    assert_non_null(package_name_problem("pypi", "JSON~x"));
    /* an ecosystem without a row: the guard only */
    assert_null(package_name_problem("cargo", "a+b"));
    assert_string_equal(package_name_problem("npm", "_x"), ecosystem_find("npm")->invalid);
}

static void one_key_for_the_loader_and_the_fetcher(void **state)
{
    (void)state;
    static const struct {
        const char *eco, *in, *key;
    } cases[] = {
        { "pypi", "Django", "django" },
        { "pypi", "zope.interface", "zope-interface" },
        { "pypi", "Scikit__Learn", "scikit-learn" },
        { "pypi", "a-._b", "a-b" },
        { "npm", "JSONStream", "JSONStream" },
        { "npm", "@nestjs/core", "@nestjs/core" },
        { "cargo", "Serde_Json", "Serde_Json" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *key = package_name_key(cases[i].eco, cases[i].in);
        assert_string_equal(key, cases[i].key);
        free(key);
        char *sent = package_name_to_send(cases[i].eco, cases[i].in);
        assert_string_equal(sent, cases[i].key);
        free(sent);
        if (strcmp(cases[i].eco, "pypi") == 0) {
            char *norm = pypi_name_normalize(cases[i].in);
            assert_string_equal(norm, cases[i].key);
            free(norm);
        }
    }
    /* the key folds any text (two bad spellings are still one project) */
    char *key = package_name_key("pypi", "-Flask_");
    assert_string_equal(key, "-flask-");
    free(key);
    /* a refused name is never sent */
    assert_null(package_name_to_send("pypi", "-Flask_"));
    assert_null(package_name_to_send("npm", "_x"));
    assert_null(package_name_to_send("npm", "a/b"));
    assert_null(package_name_to_send("cargo", "a b"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_are_whole),
        cmocka_unit_test(guard_applies_to_every_ecosystem),
        cmocka_unit_test(each_row_has_its_own_rule),
        cmocka_unit_test(one_key_for_the_loader_and_the_fetcher),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
