/* test_evidence_answer.c: the last not-found or rate-limited answer of a
 * support window or a package's health survives a round trip on disk as a
 * private file beside the figures' record, names its item (a record of
 * another is refused), refuses junk and the statuses it does not record,
 * and is gone once forgotten. */
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

#include "cache/evidence_cache.h"
#include "unit/helpers.h"
#include "util/xalloc.h"

static void rate_limited_round_trip(void **state)
{
    (void)state;
    char *dir = test_temp_dir("answer-test"), *err = NULL;
    EvidenceAnswer a = { STAT_RATE_LIMITED, xstrdup("HTTP 429"), 1790000000, 1790003600 }, back;
    assert_int_equal(cache_answer_write(dir, "health", "npm", "@nestjs/core", &a, &err), 0);
    char *path = xasprintf("%s/answer-health-npm_%%40nestjs%%2Fcore.json", dir);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(cache_answer_read(dir, "health", "npm", "@nestjs/core", &back, &err), 1);
    assert_int_equal(back.status, STAT_RATE_LIMITED);
    assert_string_equal(back.detail, "HTTP 429");
    assert_int_equal(back.checked_at, 1790000000);
    assert_int_equal(back.retry_at, 1790003600);
    evidence_answer_clear(&back);
    /* another package's record is not this one's */
    assert_int_equal(cache_answer_read(dir, "health", "npm", "@nestjs/common", &back, &err), 0);
    cache_answer_forget(dir, "health", "npm", "@nestjs/core");
    assert_int_equal(lstat(path, &st), -1);
    assert_int_equal(cache_answer_read(dir, "health", "npm", "@nestjs/core", &back, &err), 0);
    evidence_answer_clear(&a);
    free(path);
    assert_int_equal(test_remove_tree(dir), 0);
    free(dir);
}

static void not_found_of_a_runtime(void **state)
{
    (void)state;
    char *dir = test_temp_dir("answer-test"), *err = NULL;
    EvidenceAnswer a = { STAT_NOT_FOUND, NULL, 1790000000, 0 }, back;
    assert_int_equal(cache_answer_write(dir, "eol", NULL, "python", &a, &err), 0);
    assert_int_equal(cache_answer_read(dir, "eol", NULL, "python", &back, &err), 1);
    assert_int_equal(back.status, STAT_NOT_FOUND);
    assert_null(back.detail);
    assert_int_equal(back.retry_at, 0);
    evidence_answer_clear(&back);
    assert_int_equal(test_remove_tree(dir), 0);
    free(dir);
}

static void only_lasting_answers_are_written(void **state)
{
    (void)state;
    char *dir = test_temp_dir("answer-test"), *err = NULL;
    EvidenceAnswer a = { STAT_ERROR, (char *)"HTTP 500", 1790000000, 0 };
    assert_int_equal(cache_answer_write(dir, "eol", NULL, "nodejs", &a, &err), -1);
    assert_non_null(err);
    free(err);
    EvidenceAnswer back;
    err = NULL;
    assert_int_equal(cache_answer_read(dir, "eol", NULL, "nodejs", &back, &err), 0);
    assert_int_equal(test_remove_tree(dir), 0);
    free(dir);
}

/* from_json TEXT for (eol, -, nodejs): -1 and a message naming BAD. */
static void refused(const char *text, const char *bad)
{
    EvidenceAnswer a;
    char *err = NULL;
    assert_int_equal(cache_answer_from_json(text, strlen(text), "eol", NULL, "nodejs", &a, &err), -1);
    assert_non_null(err);
    if (!strstr(err, bad))
        fail_msg("'%s' does not name '%s'", err, bad);
    free(err);
}

#define OK_HEAD "{\"format\":1,\"kind\":\"eol\",\"ecosystem\":null,\"key\":\"nodejs\","

static void junk_is_refused(void **state)
{
    (void)state;
    EvidenceAnswer a;
    char *err = NULL;
    const char *good = OK_HEAD "\"status\":\"not found\",\"detail\":null,\"checked_at\":\"2026-12-03T10:00:00Z\","
                               "\"retry_at\":null}";
    assert_int_equal(cache_answer_from_json(good, strlen(good), "eol", NULL, "nodejs", &a, &err), 0);
    evidence_answer_clear(&a);
    refused("[]", "format");
    refused("{\"format\":2}", "format");
    refused("{\"format\":1,\"kind\":\"eol\",\"ecosystem\":null,\"key\":\"python\",\"status\":\"not found\","
            "\"checked_at\":\"2026-12-03T10:00:00Z\"}",
            "key");
    refused("{\"format\":1,\"kind\":\"health\",\"ecosystem\":null,\"key\":\"nodejs\",\"status\":\"not found\","
            "\"checked_at\":\"2026-12-03T10:00:00Z\"}",
            "key");
    refused(OK_HEAD "\"status\":\"ok\",\"checked_at\":\"2026-12-03T10:00:00Z\"}", "status");
    refused(OK_HEAD "\"status\":\"error\",\"checked_at\":\"2026-12-03T10:00:00Z\"}", "status");
    refused(OK_HEAD "\"status\":\"not found\",\"checked_at\":\"yesterday\"}", "checked_at");
    refused(OK_HEAD "\"status\":\"not found\"}", "checked_at");
    refused(OK_HEAD "\"status\":\"rate-limited\",\"checked_at\":\"2026-12-03T10:00:00Z\",\"retry_at\":7}",
            "retry_at");
    refused(OK_HEAD "\"status\":\"not found\",\"checked_at\":\"2026-12-03T10:00:00Z\","
                    "\"retry_at\":\"2026-12-03T11:00:00Z\"}",
            "retry_at");
    refused(OK_HEAD "\"status\":\"not found\",\"detail\":5,\"checked_at\":\"2026-12-03T10:00:00Z\"}", "detail");
    refused(OK_HEAD "\"status\":\"not found\",\"status\":\"not found\",\"checked_at\":\"2026-12-03T10:00:00Z\"}",
            "format");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rate_limited_round_trip),
        cmocka_unit_test(not_found_of_a_runtime),
        cmocka_unit_test(only_lasting_answers_are_written),
        cmocka_unit_test(junk_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
