/* test_export.c: the Markdown, JSON and CSV snapshots against golden files
 * in tests/golden/ (UPDATE=1 rewrites them for review), and each format
 * read back: JSON totals against the engine and the formula, CSV quoting
 * by a strict RFC 4180 reader, Markdown tables that stay tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/scenario.h"
#include "core/session.h"
#include "export/export.h"
#include "unit/helpers.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* 2026-11-30T12:00:00Z: every golden file is rendered at this moment. */
#define FIXED_NOW ((time_t)1796040000)

/* Two stacks, three criteria whose titles hold the characters each format
 * must escape: a comma, quotes and a pipe, and a line break. */
static Dataset *fixture_dataset(void)
{
    const double scores[] = { 9, 6, 5.5, 8, 7, 7.5 };
    const int weights[] = { 8, 5, 3 };
    Dataset *ds = test_dataset(2, 3, scores, weights);
    test_set_string(&ds->version, "2026.11");
    test_set_string(&ds->stacks[0].id, "node");
    test_set_string(&ds->stacks[0].name, "Node.js");
    test_set_string(&ds->stacks[1].id, "python");
    test_set_string(&ds->stacks[1].name, "Python");
    test_set_string(&ds->criteria[0].id, "io");
    test_set_string(&ds->criteria[0].title, "I/O-bound concurrency");
    test_set_string(&ds->criteria[1].id, "cpu");
    test_set_string(&ds->criteria[1].title, "CPU work, \"raw\" | parallel");
    test_set_string(&ds->criteria[2].id, "hiring");
    test_set_string(&ds->criteria[2].title, "Hiring\nand talent_pool");
    test_add_evidence(ds, 0, 0, "express");
    test_add_evidence(ds, 0, 0, "ws");
    test_add_evidence(ds, 1, 0, "express"); /* named twice: reported once */
    test_add_evidence(ds, 0, 1, "uvicorn");
    test_add_evidence(ds, 2, 1, "python_socketio");
    /* Titles and notes with Markdown syntax in them; a URL with '_' and '#'. */
    test_add_citation(ds, 0, 0, "Don't Block the Event Loop", "https://nodejs.org/en/learn/dont_block#x",
                 "2026-12-02", "one loop, *small* callbacks");
    test_add_citation(ds, 0, 0, "Second [source] | piped", "https://example.org/b", "2025-01-31", NULL);
    test_add_citation(ds, 0, 1, "Developing with asyncio", "https://docs.python.org/3/library/asyncio-dev.html",
                 "2026-12-02", "blocking calls stall the loop");
    const int io_heavy[] = { 8, 5, 3 };
    const int balanced[] = { 5, 5, 5 };
    test_dataset_add_preset(ds, "balanced", balanced);
    test_dataset_add_preset(ds, "io-heavy", io_heavy);
    return ds;
}

/* One figure of every provenance and a few statuses. */
static void fill_stats(Session *s)
{
    PackageStat *st = stats_find(s->stats, "npm", "express");
    assert_non_null(st);
    st->source = STAT_SOURCE_BUNDLED;
    stat_set_period(st, "30 days ending between 2026-02-28 and 2026-03-31");
    stat_set_origin(st, "npm package download-counts@2.20260301.0");
    stat_set_downloads(st, STAT_UNKNOWN, 299476266);

    st = stats_find(s->stats, "npm", "ws");
    assert_non_null(st);
    st->source = STAT_SOURCE_LIVE;
    st->fetched_at = FIXED_NOW - 60;
    stat_set_period(st, "2026-10-31..2026-11-29");
    stat_set_origin(st, "http://127.0.0.1:8080/downloads/range/last-month/ws");
    stat_set_downloads(st, 1234567, 5000000);
    /* 14 days: a week of 100 a day, then a week of 125 (+25% week over week). */
    long long daily[14];
    for (int i = 0; i < 14; i++)
        daily[i] = i < 7 ? 100 : 125;
    stat_set_series(st, daily, 14, "2026-11-29");

    st = stats_find(s->stats, "pypi", "uvicorn");
    assert_non_null(st);
    st->source = STAT_SOURCE_CACHE;
    st->status = STAT_STALE;
    st->fetched_at = FIXED_NOW - 3 * 86400;
    stat_set_period(st, "2026-10-28..2026-11-26");
    stat_set_downloads(st, 987, 4321);
    stat_set_detail(st, "older than a day");

    st = stats_find(s->stats, "pypi", "python_socketio");
    assert_non_null(st);
    st->status = STAT_ERROR;
    stat_set_detail(st, "HTTP 503 | try later");

    /* Package health: live with every figure, bundled with a few, a live
     * one whose repository's request failed. */
    PackageHealth *h = health_table_get(s->health, "npm", "express");
    h->source = STAT_SOURCE_LIVE;
    h->fetched_at = FIXED_NOW - 60;
    health_set_text(&h->origin, "http://127.0.0.1:8080/v3/systems/NPM/packages/express/versions/5.3.0");
    h->f.version = xstrdup("5.3.0");
    memcpy(h->f.published, "2026-10-09", HEALTH_DATE_LEN);
    h->f.license = xstrdup("MIT");
    h->f.advisories = 0;
    h->f.repo_known = true;
    h->f.repo = xstrdup("github.com/expressjs/express");
    h->f.stars = 68412;
    h->f.scorecard = 8.1;
    memcpy(h->f.scorecard_date, "2026-11-23", HEALTH_DATE_LEN);
    h = health_table_get(s->health, "npm", "ws");
    h->source = STAT_SOURCE_BUNDLED;
    health_set_text(&h->origin, "npm registry package metadata, read 2026-12-02");
    health_set_text(&h->as_of, "2026-12-02");
    h->f.version = xstrdup("8.23.1");
    memcpy(h->f.published, "2026-11-27", HEALTH_DATE_LEN);
    h->f.license = xstrdup("MIT");
    h = health_table_get(s->health, "pypi", "uvicorn");
    h->source = STAT_SOURCE_LIVE;
    h->fetched_at = FIXED_NOW - 60;
    h->f.version = xstrdup("0.38.0");
    h->f.license = xstrdup("BSD-3-Clause");
    h->f.advisories = 1;
    h->f.repo_known = true;
    h->f.repo = xstrdup("github.com/encode/uvicorn");
    h->repo_status = STAT_ERROR;
    health_set_text(&h->repo_detail, "HTTP 500");
}

typedef struct Fixture {
    Dataset *ds;
    Session *s;
} Fixture;

static int fixture_setup(void **state)
{
    Fixture *f = xcalloc(1, sizeof *f);
    f->ds = fixture_dataset();
    f->s = session_new(f->ds);
    fill_stats(f->s);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    Fixture *f = *state;
    session_free(f->s);
    dataset_free(f->ds);
    free(f);
    return 0;
}

static char *golden_path(const char *name)
{
    const char *root = getenv("VERSUS_ROOT");
    char *dir = path_join(root && *root ? root : ".", "tests/golden");
    char *path = path_join(dir, name);
    free(dir);
    return path;
}

/* Compares actual with tests/golden/NAME, naming the first line that
 * differs; with UPDATE=1 rewrites the file instead. */
static void check_golden(const char *name, const char *actual)
{
    char *path = golden_path(name);
    char *err = NULL;
    const char *update = getenv("UPDATE");
    if (update && strcmp(update, "1") == 0) {
        if (file_write_atomic(path, actual, strlen(actual), 0644, &err) != 0)
            fail_msg("%s", err);
        print_message("# rewrote %s: review it before committing\n", path);
        free(path);
        return;
    }
    char *expected = NULL;
    size_t len = 0;
    if (file_read_all(path, 1 << 20, &expected, &len, &err) != 0)
        fail_msg("%s (run with UPDATE=1 to create it)", err);
    if (strcmp(expected, actual) != 0) {
        size_t line = 1, i = 0;
        while (expected[i] && expected[i] == actual[i]) {
            if (expected[i] == '\n')
                line++;
            i++;
        }
        fail_msg("%s differs at line %zu:\n  expected: %.80s\n  actual:   %.80s", path, line,
                 expected + i, actual + i);
    }
    free(expected);
    free(path);
}

static void golden_markdown(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_MARKDOWN, FIXED_NOW);
    check_golden("basic.md", doc);
    free(doc);
}

static void golden_json(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_JSON, FIXED_NOW);
    check_golden("basic.json", doc);
    free(doc);
}

static void golden_csv(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    check_golden("basic.csv", doc);
    free(doc);
}

static void golden_adr(void **state)
{
    Fixture *f = *state;
    session_set_author(f->s, "Ada \"the analyst\" Lovelace");
    char *doc = export_render(f->s, EXPORT_ADR, FIXED_NOW);
    check_golden("basic.adr.md", doc);
    /* the MADR 4.0 layout: front matter, then its headings in order */
    const char *headings[] = { "---\nstatus: proposed\ndate: 2026-11-30\n"
                               "decision-makers: \"Ada \\\"the analyst\\\" Lovelace\"\n---\n",
                               "\n# ", "\n## Context and Problem Statement\n",
                               "\n## Decision Drivers\n", "\n## Considered Options\n",
                               "\n## Decision Outcome\n", "\nChosen option: \"Node.js\", because",
                               "\n### Consequences\n", "\n### Confirmation\n",
                               "\n## Pros and Cons of the Options\n", "\n### Node.js\n",
                               "\n### Python\n", "\n## More Information\n",
                               "--weight io=8 --weight cpu=5 --weight hiring=3" };
    const char *at = doc;
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        const char *hit = strstr(at, headings[i]);
        if (!hit)
            fail_msg("missing or out of order: %s", headings[i]);
        at = hit + 1;
    }
    free(doc);
}

/* Every weight 0: no totals, no verdict, nulls in JSON, empty CSV cells. */
static void golden_no_total(void **state)
{
    Fixture *f = *state;
    for (size_t c = 0; c < f->ds->ncriteria; c++)
        session_set_weight(f->s, c, 0);
    const char *names[] = { "no-total.md", "no-total.json", "no-total.csv" };
    const ExportFormat fmts[] = { EXPORT_MARKDOWN, EXPORT_JSON, EXPORT_CSV };
    for (size_t i = 0; i < 3; i++) {
        char *doc = export_render(f->s, fmts[i], FIXED_NOW);
        check_golden(names[i], doc);
        free(doc);
    }
}

/* Three stacks close together: a hybrid verdict, at the defaults. */
static void golden_hybrid(void **state)
{
    const double scores[] = { 9, 4, 6, 3, 9, 6, 6, 6, 7 };
    const int weights[] = { 5, 5, 2 };
    Dataset *ds = test_dataset(3, 3, scores, weights);
    Session *s = session_new(ds);
    assert_true(s->eval->hybrid);
    const char *names[] = { "hybrid.md", "hybrid.json", "hybrid.csv" };
    const ExportFormat fmts[] = { EXPORT_MARKDOWN, EXPORT_JSON, EXPORT_CSV };
    for (size_t i = 0; i < 3; i++) {
        char *doc = export_render(s, fmts[i], FIXED_NOW);
        check_golden(names[i], doc);
        free(doc);
    }
    session_free(s);
    dataset_free(ds);
}

static double json_number(json_t *v)
{
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static json_t *parse_json_export(const Session *s)
{
    char *doc = export_render(s, EXPORT_JSON, FIXED_NOW);
    json_error_t jerr;
    json_t *root = json_loads(doc, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        fail_msg("export is not JSON: %d:%d: %s", jerr.line, jerr.column, jerr.text);
    free(doc);
    return root;
}

/* The JSON totals are the engine's, and the formula's computed here from
 * the exported weights and scores alone. */
static void json_matches_engine_and_formula(void **state)
{
    Fixture *f = *state;
    const int weights[] = { 2, 9, 4 };
    for (size_t c = 0; c < 3; c++)
        session_set_weight(f->s, c, weights[c]);
    json_t *root = parse_json_export(f->s);
    const Evaluation *ev = f->s->eval;

    const char *order[] = { "versus_snapshot", "generated_at", "data_version", "data_date", "weights",
                            "weights_text", "preset", "custom_from", "author", "stacks", "criteria",
                            "verdict", "stats", "runtimes", "health" };
    size_t k = 0;
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        assert_true(k < sizeof order / sizeof order[0]);
        assert_string_equal(key, order[k]);
        k++;
    }
    assert_int_equal(k, sizeof order / sizeof order[0]);
    assert_int_equal(json_integer_value(json_object_get(root, "versus_snapshot")), 1);
    assert_string_equal(json_string_value(json_object_get(root, "generated_at")),
                        "2026-11-30T12:00:00Z");
    assert_true(json_is_null(json_object_get(root, "preset"))); /* 2,9,4 is no preset */

    json_t *stacks = json_object_get(root, "stacks");
    json_t *criteria = json_object_get(root, "criteria");
    assert_int_equal(json_array_size(stacks), 2);
    assert_int_equal(json_array_size(criteria), 3);
    for (size_t s = 0; s < 2; s++) {
        json_t *st = json_array_get(stacks, s);
        const char *id = json_string_value(json_object_get(st, "id"));
        assert_string_equal(id, f->ds->stacks[s].id);
        double num = 0, contrib_sum = 0;
        int wsum = 0;
        for (size_t c = 0; c < 3; c++) {
            json_t *cr = json_array_get(criteria, c);
            int w = (int)json_integer_value(json_object_get(cr, "weight"));
            assert_int_equal(w, weights[c]);
            double score = json_number(json_object_get(json_object_get(cr, "scores"), id));
            assert_true(fabs(score - f->ds->criteria[c].by_stack[s].score) < 1e-9);
            num += w * score;
            wsum += w;
            contrib_sum += json_number(json_object_get(json_object_get(cr, "contribution"), id));
        }
        double formula = 100.0 * num / (10.0 * wsum);
        double total = json_number(json_object_get(st, "total"));
        /* the total as printed: the formula rounded once, to one decimal */
        assert_true(total == evaluation_printed_total(ev, s, TOTAL_DECIMALS));
        assert_true(fabs(total - ev->totals[s]) <= 0.05 + 1e-9);
        assert_true(fabs(total - formula) <= 0.05 + 1e-9);
        assert_true(fabs(contrib_sum - total) <= 0.015 + 0.05 + 1e-9); /* four roundings */
    }
    for (size_t c = 0; c < 3; c++) {
        json_t *flip = json_object_get(json_array_get(criteria, c), "flip_weight");
        if (evaluation_flip(ev, c, NULL) < 0)
            assert_true(json_is_null(flip));
        else
            assert_int_equal(json_integer_value(flip), evaluation_flip(ev, c, NULL));
    }
    json_t *verdict = json_object_get(root, "verdict");
    assert_string_equal(json_string_value(json_object_get(verdict, "winner")),
                        evaluation_winner_id(ev, f->ds));
    /* the margin is the difference of the totals as printed */
    double t0 = json_number(json_object_get(json_array_get(stacks, (size_t)ev->leader), "total"));
    double t1 = json_number(json_object_get(json_array_get(stacks, (size_t)ev->runner_up), "total"));
    assert_true(fabs(json_number(json_object_get(verdict, "margin")) - (t0 - t1)) < 1e-9);
    assert_true(fabs(json_number(json_object_get(verdict, "margin")) - ev->margin) <= 0.1 + 1e-9);
    json_decref(root);
}

/* One entry per stack x evidence package, with each provenance as set. */
/* Each assessment's sources, in order, with a null note where none. */
static void json_carries_sources(void **state)
{
    Fixture *f = *state;
    json_t *root = parse_json_export(f->s);
    json_t *io = json_array_get(json_object_get(root, "criteria"), 0);
    json_t *node = json_object_get(json_object_get(io, "sources"), "node");
    assert_int_equal(json_array_size(node), 2);
    json_t *first = json_array_get(node, 0);
    assert_string_equal(json_string_value(json_object_get(first, "title")), "Don't Block the Event Loop");
    assert_string_equal(json_string_value(json_object_get(first, "url")),
                        "https://nodejs.org/en/learn/dont_block#x");
    assert_string_equal(json_string_value(json_object_get(first, "date")), "2026-12-02");
    assert_string_equal(json_string_value(json_object_get(first, "note")), "one loop, *small* callbacks");
    assert_true(json_is_null(json_object_get(json_array_get(node, 1), "note")));
    json_t *python = json_object_get(json_object_get(io, "sources"), "python");
    assert_int_equal(json_array_size(python), 1);
    json_t *cpu = json_array_get(json_object_get(root, "criteria"), 1);
    assert_int_equal(json_array_size(json_object_get(json_object_get(cpu, "sources"), "node")), 0);
    json_decref(root);
}

/* Numbered references per assessment, restarting at 1 for each. */
static void markdown_numbers_references_per_assessment(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_MARKDOWN, FIXED_NOW);
    const char *section = strstr(doc, "## Judgements and sources");
    assert_non_null(section);
    const char *node = strstr(section, "- **Node.js** 9.0: ");
    assert_non_null(node);
    assert_non_null(strstr(node, " [1] [2]\n"));
    assert_non_null(strstr(node, "   1. Don't Block the Event Loop, 2026-12-02. "
                                 "<https://nodejs.org/en/learn/dont_block#x> one loop, \\*small\\* "
                                 "callbacks\n"));
    assert_non_null(strstr(node, "   2. Second \\[source\\] \\| piped, 2025-01-31. "
                                 "<https://example.org/b>\n"));
    const char *python = strstr(node, "- **Python** 6.0: ");
    assert_non_null(python);
    assert_non_null(strstr(python, "   1. Developing with asyncio, 2026-12-02."));
    assert_non_null(strstr(section, "(no sources cited)"));
    assert_true(strstr(section, "## Download evidence") > python);
    free(doc);
}

static void json_stats_carry_provenance(void **state)
{
    Fixture *f = *state;
    json_t *root = parse_json_export(f->s);
    json_t *stats = json_object_get(root, "stats");
    assert_int_equal(json_array_size(stats), 4); /* express once, ws, uvicorn, python_socketio */
    json_t *express = json_array_get(stats, 0);
    assert_string_equal(json_string_value(json_object_get(express, "package")), "express");
    assert_string_equal(json_string_value(json_object_get(express, "stack")), "node");
    assert_string_equal(json_string_value(json_object_get(express, "ecosystem")), "npm");
    assert_true(json_is_null(json_object_get(express, "last_week")));
    assert_int_equal(json_integer_value(json_object_get(express, "last_month")), 299476266);
    assert_string_equal(json_string_value(json_object_get(express, "source")), "bundled");
    assert_true(json_is_null(json_object_get(express, "fetched_at")));
    json_t *ws = json_array_get(stats, 1);
    assert_string_equal(json_string_value(json_object_get(ws, "source")), "live");
    assert_string_equal(json_string_value(json_object_get(ws, "fetched_at")),
                        "2026-11-30T11:59:00Z");
    json_t *uv = json_array_get(stats, 2);
    assert_string_equal(json_string_value(json_object_get(uv, "status")), "stale");
    assert_string_equal(json_string_value(json_object_get(uv, "detail")), "older than a day");
    json_t *sio = json_array_get(stats, 3);
    assert_string_equal(json_string_value(json_object_get(sio, "source")), "none");
    assert_string_equal(json_string_value(json_object_get(sio, "status")), "error");
    assert_true(json_is_null(json_object_get(sio, "last_month")));
    json_decref(root);
}

/* A strict RFC 4180 reader: records of fields, CRLF between records,
 * quoted fields may hold commas, doubled quotes and line breaks. Fails the
 * test on anything else (a bare LF, a quote inside an unquoted field). */
typedef struct CsvTable {
    char ***rows;
    size_t *nfields;
    size_t nrows;
} CsvTable;

static void csv_push_field(CsvTable *t, StrBuf *field)
{
    size_t r = t->nrows - 1;
    t->rows[r] = xreallocarray(t->rows[r], t->nfields[r] + 1, sizeof *t->rows[r]);
    t->rows[r][t->nfields[r]++] = sb_take(field);
}

static void csv_new_row(CsvTable *t)
{
    t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
    t->nfields = xreallocarray(t->nfields, t->nrows + 1, sizeof *t->nfields);
    t->rows[t->nrows] = NULL;
    t->nfields[t->nrows] = 0;
    t->nrows++;
}

static CsvTable csv_parse(const char *p)
{
    CsvTable t = { NULL, NULL, 0 };
    StrBuf field = STRBUF_INIT;
    while (*p) {
        csv_new_row(&t);
        for (;;) {
            if (*p == '"') {
                p++;
                for (;;) {
                    assert_true(*p != '\0'); /* an unterminated quoted field */
                    if (*p == '"' && p[1] == '"') {
                        sb_append_char(&field, '"');
                        p += 2;
                    } else if (*p == '"') {
                        p++;
                        break;
                    } else {
                        sb_append_char(&field, *p++);
                    }
                }
            } else {
                while (*p && *p != ',' && *p != '\r') {
                    assert_true(*p != '"' && *p != '\n');
                    sb_append_char(&field, *p++);
                }
            }
            csv_push_field(&t, &field);
            if (*p == ',') {
                p++;
                continue;
            }
            assert_true(p[0] == '\r' && p[1] == '\n'); /* every record ends in CRLF */
            p += 2;
            break;
        }
    }
    sb_free(&field);
    return t;
}

static void csv_free(CsvTable *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < t->nfields[r]; i++)
            free(t->rows[r][i]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->nfields);
}

static void csv_quotes_and_shape(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    /* quotes doubled, the field quoted because of its comma and quotes */
    assert_non_null(strstr(doc, ",\"CPU work, \"\"raw\"\" | parallel\","));
    assert_non_null(strstr(doc, ",\"Hiring\nand talent_pool\","));
    CsvTable t = csv_parse(doc);
    /* header, three criteria, totals, verdict, robustness, weights, a
     * health row per evidence package (four) */
    assert_int_equal(t.nrows, 12);
    assert_string_equal(t.rows[7][0], "weights");
    assert_string_equal(t.rows[8][0], "health");
    assert_string_equal(t.rows[8][t.nfields[8] - 1], "node");
    assert_string_equal(t.rows[6][0], "robustness");
    assert_string_equal(t.rows[6][7], "4");     /* flip points */
    assert_string_equal(t.rows[6][8], "python"); /* to whom */
    size_t width = 3 + 2 * 2 + 2;
    for (size_t r = 0; r < t.nrows; r++)
        assert_int_equal(t.nfields[r], width);
    assert_string_equal(t.rows[0][3], "node score");
    assert_string_equal(t.rows[0][4], "node contribution");
    assert_string_equal(t.rows[2][1], "CPU work, \"raw\" | parallel");
    assert_string_equal(t.rows[3][1], "Hiring\nand talent_pool");
    assert_string_equal(t.rows[2][2], "5");
    assert_string_equal(t.rows[2][3], "5.5");
    /* totals in the contribution columns, as printed everywhere */
    assert_string_equal(t.rows[4][0], "total");
    char want[32];
    snprintf(want, sizeof want, "%.1f", evaluation_printed_total(f->s->eval, 1, TOTAL_DECIMALS));
    assert_string_equal(t.rows[4][6], want);
    assert_string_equal(t.rows[5][0], "verdict");
    assert_string_equal(t.rows[5][width - 1], evaluation_winner_id(f->s->eval, f->ds));
    csv_free(&t);
    free(doc);
}

/* CSV formula injection (OWASP): text a spreadsheet would run, starting
 * with = + - @ tab or CR, gets a leading single quote; numbers do not. */
static void csv_formulas_are_neutralised(void **state)
{
    Fixture *f = *state;
    test_set_string(&f->ds->criteria[0].title, "=HYPERLINK(\"http://evil.example/\",\"click\")");
    test_set_string(&f->ds->criteria[1].title, "+1+cmd|' /C calc'!A0");
    test_set_string(&f->ds->criteria[2].title, "@SUM(A1:A9)");
    test_set_string(&f->ds->stacks[1].name, "-2+3");
    char *doc = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    CsvTable t = csv_parse(doc);
    assert_string_equal(t.rows[1][1], "'=HYPERLINK(\"http://evil.example/\",\"click\")");
    assert_string_equal(t.rows[2][1], "'+1+cmd|' /C calc'!A0");
    assert_string_equal(t.rows[3][1], "'@SUM(A1:A9)");
    /* Numbers stay numbers: scores, weights and totals are never quoted. */
    assert_string_equal(t.rows[2][2], "5");
    assert_string_equal(t.rows[2][3], "5.5");
    char want[32];
    snprintf(want, sizeof want, "%.1f", evaluation_printed_total(f->s->eval, 1, TOTAL_DECIMALS));
    assert_string_equal(t.rows[4][6], want);
    /* No field of the document starts a formula. */
    for (size_t r = 0; r < t.nrows; r++)
        for (size_t i = 0; i < t.nfields[r]; i++) {
            const char *cell = t.rows[r][i];
            bool number = cell[0] == '-' && cell[1] >= '0' && cell[1] <= '9' && strspn(cell + 1, "0123456789.") == strlen(cell + 1);
            if (!number && cell[0] && strchr("=+-@\t\r", cell[0]))
                fail_msg("row %zu field %zu starts a formula: %s", r, i, cell);
        }
    csv_free(&t);
    free(doc);
    test_set_string(&f->ds->criteria[0].title, "\tTabbed");
    test_set_string(&f->ds->criteria[1].title, "\rReturn, then more");
    doc = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    t = csv_parse(doc);
    assert_string_equal(t.rows[1][1], "'\tTabbed");
    assert_string_equal(t.rows[2][1], "'\rReturn, then more");
    csv_free(&t);
    free(doc);
    /* A control or bidi character that is dropped does not unmask a formula. */
    test_set_string(&f->ds->criteria[0].title, "\x01=HYPERLINK(\"http://evil.example/\")");
    test_set_string(&f->ds->criteria[1].title, "\xe2\x80\xae+1+1");
    doc = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    t = csv_parse(doc);
    assert_string_equal(t.rows[1][1], "'=HYPERLINK(\"http://evil.example/\")");
    assert_string_equal(t.rows[2][1], "'+1+1");
    csv_free(&t);
    free(doc);
}

/* Text from outside (the cache, the network) reaches no export with an
 * escape sequence or a bidi control in it, whichever format. */
static void exports_carry_no_control_characters(void **state)
{
    Fixture *f = *state;
    PackageStat *st = stats_find(f->s->stats, "npm", "express");
    stat_set_period(st, "2026-10-01\x1b]0;owned\x07..2026-10-30");
    stat_set_origin(st, "https://evil.example/\x1b[2J\xe2\x80\xae" "gpj.exe");
    stat_set_detail(st, "\xc2\x9b" "31mred\xe2\x81\xa6");
    assert_string_equal(st->period, "2026-10-01]0;owned..2026-10-30");
    assert_string_equal(st->origin, "https://evil.example/[2Jgpj.exe");
    assert_string_equal(st->detail, "31mred");
    /* and even data text that got past the loader is cleaned by the renderers */
    test_set_string(&f->ds->stacks[0].name, "Node\x1b[31m.js\xe2\x80\xae");
    ExportFormat formats[] = { EXPORT_MARKDOWN, EXPORT_CSV, EXPORT_JSON };
    for (size_t i = 0; i < 3; i++) {
        char *doc = export_render(f->s, formats[i], FIXED_NOW);
        assert_null(strchr(doc, '\x1b'));
        if (formats[i] != EXPORT_JSON) /* JSON is data: jansson escapes C0, the rest is text */
            assert_null(strstr(doc, "\xe2\x80\xae"));
        assert_null(strstr(doc, "\xe2\x81\xa6"));
        assert_null(strstr(doc, "\xc2\x9b"));
        free(doc);
    }
    /* Long outside text is cut to what a cell can show. */
    char *longest = xmalloc(5001);
    memset(longest, 'x', 5000);
    longest[5000] = '\0';
    stat_set_detail(st, longest);
    assert_true(strlen(st->detail) < 400);
    free(longest);
}

/* Counts the '|' that are cell borders, not escaped text. */
static size_t md_borders(const char *line, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\') {
            i++;
            continue;
        }
        n += line[i] == '|';
    }
    return n;
}

/* Every row of a table has as many borders as its header row, so no cell
 * text breaks the table; and the report carries what it must. */
static void markdown_tables_stay_tables(void **state)
{
    Fixture *f = *state;
    char *doc = export_render(f->s, EXPORT_MARKDOWN, FIXED_NOW);
    size_t header = 0;
    size_t rows = 0;
    for (const char *line = doc; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 0 && line[0] == '|') {
            size_t borders = md_borders(line, len);
            if (header == 0)
                header = borders;
            else
                assert_int_equal(borders, header);
            rows++;
        } else {
            header = 0;
        }
        line += len + (end ? 1 : 0);
    }
    assert_true(rows >= 2 + 4 + 2 + 4);
    assert_non_null(strstr(doc, "CPU work, \"raw\" \\| parallel"));
    assert_non_null(strstr(doc, "Hiring and talent\\_pool"));
    assert_non_null(strstr(doc, "preset io-heavy"));
    assert_non_null(strstr(doc, "2026-11-30"));
    assert_non_null(strstr(doc, "Not like for like"));
    assert_non_null(strstr(doc, "bundled: monthly downloads, 30 days ending between 2026-02-28 and 2026-03-31"));
    assert_non_null(strstr(doc, "| 299,476,266 |"));
    assert_non_null(strstr(doc, "error: HTTP 503 \\| try later"));
    free(doc);
}

static void format_names_and_extensions(void **state)
{
    (void)state;
    ExportFormat fmt;
    assert_true(export_format_from_name("md", &fmt) && fmt == EXPORT_MARKDOWN);
    assert_true(export_format_from_name("markdown", &fmt) && fmt == EXPORT_MARKDOWN);
    assert_true(export_format_from_name("json", &fmt) && fmt == EXPORT_JSON);
    assert_true(export_format_from_name("csv", &fmt) && fmt == EXPORT_CSV);
    assert_false(export_format_from_name("xml", &fmt));
    assert_false(export_format_from_name("", &fmt));
    assert_int_equal(export_format_from_path("a/b.json"), EXPORT_JSON);
    assert_int_equal(export_format_from_path("B.CSV"), EXPORT_CSV);
    assert_int_equal(export_format_from_path("notes.md"), EXPORT_MARKDOWN);
    assert_int_equal(export_format_from_path("x.json/report"), EXPORT_MARKDOWN);
    assert_int_equal(export_format_from_path(".json"), EXPORT_MARKDOWN); /* a hidden file */
    assert_int_equal(export_format_from_path("snapshot"), EXPORT_MARKDOWN);
    assert_string_equal(export_format_extension(EXPORT_JSON), "json");
    assert_string_equal(export_format_extension(EXPORT_CSV), "csv");
    assert_string_equal(export_format_extension(EXPORT_MARKDOWN), "md");
}

/* Every row of the format table is whole and reachable: each name picks it
 * for --format, its extension picks the first row writing it, its renderer
 * makes a document, and the lists in messages name every format. */
static void format_table_rows_are_whole(void **state)
{
    Session *s = ((Fixture *)*state)->s;
    char names[128], labels[128];
    export_format_names(names, sizeof names, false);
    export_format_names(labels, sizeof labels, true);
    assert_string_equal(names, "md, json, csv, adr or html");
    assert_string_equal(labels, "Markdown, JSON, CSV, ADR or HTML");
    for (int f = 0; f < EXPORT_NFORMATS; f++) {
        const ExportFormatInfo *info = export_format_info((ExportFormat)f);
        assert_true(info->label && *info->label && info->mime && strchr(info->mime, '/'));
        assert_true(info->extension && *info->extension && info->names[0]);
        assert_non_null(strstr(names, info->names[0]));
        assert_non_null(strstr(labels, info->label));
        for (size_t n = 0; n < EXPORT_NAMES_MAX && info->names[n]; n++) {
            ExportFormat got;
            assert_true(export_format_from_name(info->names[n], &got));
            assert_int_equal(got, f);
        }
        char *path = xasprintf("dir/snap.%s", info->extension);
        assert_string_equal(export_format_extension(export_format_from_path(path)), info->extension);
        free(path);
        char *doc = export_render(s, (ExportFormat)f, 1764000000);
        assert_true(doc && strlen(doc) > 100);
        free(doc);
    }
}

static void export_write_and_its_errors(void **state)
{
    Fixture *f = *state;
    char *dir = test_temp_dir("export");
    char *path = path_join(dir, "snap.csv");
    char *err = NULL;
    assert_int_equal(export_write(f->s, EXPORT_CSV, path, FIXED_NOW, &err), 0);
    char *written = NULL;
    size_t len = 0;
    assert_int_equal(file_read_all(path, 1 << 20, &written, &len, &err), 0);
    char *expected = export_render(f->s, EXPORT_CSV, FIXED_NOW);
    assert_string_equal(written, expected);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    free(written);
    free(expected);

    /* A path whose directory does not exist: an error naming the path. */
    char *missing = path_join(dir, "no/such/dir/snap.json");
    assert_int_equal(export_write(f->s, EXPORT_JSON, missing, FIXED_NOW, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, missing));
    free(err);
    err = NULL;
    /* A directory as the target: refused, and the directory is untouched. */
    assert_int_equal(export_write(f->s, EXPORT_JSON, dir, FIXED_NOW, &err), -1);
    assert_non_null(strstr(err, dir));
    free(err);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    free(missing);
    free(path);
}

/* The number after `key` in doc, or NAN when key is not there. */
static double number_after(const char *doc, const char *key)
{
    const char *p = strstr(doc, key);
    double v;
    if (!p || sscanf(p + strlen(key), "%lf", &v) != 1)
        return NAN;
    return v;
}

/* The margin in a verdict line: "leads by 5.4 points" or "(margin 2.5 points". */
static double summary_margin(const char *summary)
{
    double m = number_after(summary, "leads by ");
    return isnan(m) ? number_after(summary, "(margin ") : m;
}

static void assert_difference(const char *what, double margin, double a, double b)
{
    if (isnan(margin) || isnan(a) || isnan(b) || fabs(margin - (a - b)) > 1e-9)
        fail_msg("%s: margin %.4f, totals %.4f and %.4f", what, margin, a, b);
}

/* Round once, then derive: for weights whose exact margin rounds otherwise
 * than the difference of the rounded totals (80.40 - 75.04 = 5.36 rounds to
 * 5.4, 80.4 - 75.0 is 5.4; 80.44 - 75.05 = 5.39 rounds to 5.4, 80.4 - 75.1
 * is 5.3), every format prints a margin that is the difference of the
 * totals it prints, and so does its verdict line. */
static void margins_are_differences_of_printed_totals(void **state)
{
    Fixture *f = *state;
    Session *s = f->s;
    int found = 0;
    int w[3];
    for (int i = 0; i <= 1000 && !found; i++) {
        w[0] = i / 100;
        w[1] = i / 10 % 10;
        w[2] = i % 10;
        session_set_weights(s, w, -1);
        const Evaluation *ev = s->eval;
        if (!ev->has_total)
            continue;
        char exact[16], a[16], b[16];
        snprintf(exact, sizeof exact, "%.1f", ev->margin);
        snprintf(a, sizeof a, "%.1f", ev->totals[ev->leader]);
        snprintf(b, sizeof b, "%.1f", ev->totals[ev->runner_up]);
        if (fabs(atof(exact) - (atof(a) - atof(b))) > 1e-9)
            found = 1;
    }
    assert_true(found); /* the fixture has such weights: the test can fail */
    print_message("# weights %d %d %d\n", w[0], w[1], w[2]);
    const Evaluation *ev = s->eval;
    size_t l = (size_t)ev->leader, r = (size_t)ev->runner_up;
    const char *lead = f->ds->stacks[l].name, *run = f->ds->stacks[r].name;
    char key[64];

    char *md = export_render(s, EXPORT_MARKDOWN, FIXED_NOW);
    snprintf(key, sizeof key, "%s scores ", lead);
    double ma = number_after(md, key);
    snprintf(key, sizeof key, " and %s ", run);
    double mb = number_after(md, key);
    assert_difference("markdown", number_after(md, "out of 100: a margin of "), ma, mb);
    assert_difference("markdown verdict", summary_margin(strstr(md, "## Verdict")), ma, mb);
    free(md);

    char *html = export_render(s, EXPORT_HTML, FIXED_NOW);
    assert_difference("html", number_after(html, "out of 100: a margin of "), ma, mb);
    assert_difference("html verdict", summary_margin(strstr(html, "id=\"verdict\"")), ma, mb);
    snprintf(key, sizeof key, "data-stack=\"%s\" data-total=\"", f->ds->stacks[l].id);
    double ha = number_after(html, key);
    snprintf(key, sizeof key, "data-stack=\"%s\" data-total=\"", f->ds->stacks[r].id);
    assert_difference("html chart", ma - mb, ha, number_after(html, key));
    free(html);

    char *adr = export_render(s, EXPORT_ADR, FIXED_NOW);
    snprintf(key, sizeof key, "because %s scores ", lead);
    double aa = number_after(adr, key);
    snprintf(key, sizeof key, "against %s's ", run);
    assert_difference("adr", number_after(adr, ", a margin of "), aa, number_after(adr, key));
    free(adr);

    char *doc = export_render(s, EXPORT_JSON, FIXED_NOW);
    json_error_t jerr;
    json_t *root = json_loads(doc, 0, &jerr);
    assert_non_null(root);
    json_t *stacks = json_object_get(root, "stacks"), *verdict = json_object_get(root, "verdict");
    double ja = json_number(json_object_get(json_array_get(stacks, l), "total"));
    double jb = json_number(json_object_get(json_array_get(stacks, r), "total"));
    assert_difference("json", json_number(json_object_get(verdict, "margin")), ja, jb);
    assert_difference("json summary", summary_margin(json_string_value(json_object_get(verdict, "summary"))),
                      ja, jb);
    assert_difference("json and markdown print one total", ma - mb, ja, jb);
    json_decref(root);
    free(doc);

    doc = export_render(s, EXPORT_CSV, FIXED_NOW);
    CsvTable t = csv_parse(doc);
    assert_string_equal(t.rows[4][0], "total");
    assert_string_equal(t.rows[5][0], "verdict");
    assert_difference("csv", summary_margin(t.rows[5][1]), atof(t.rows[4][4 + 2 * l]),
                      atof(t.rows[4][4 + 2 * r]));
    csv_free(&t);
    free(doc);

    /* the comparison of presets, and the screen's verdict line */
    Scenarios *sc = scenarios_compute(s);
    char *tsv = scenarios_tsv(sc, f->ds);
    const char *cur = strstr(tsv, "\ncurrent\t");
    assert_non_null(cur);
    double ta, tb, tm;
    char winner[32];
    assert_int_equal(sscanf(cur, "\ncurrent\t%lf\t%lf\t%31s\t%lf", &ta, &tb, winner, &tm), 4);
    assert_difference("compare-presets", tm, l == 0 ? ta : tb, l == 0 ? tb : ta);
    free(tsv);
    scenarios_free(sc);
    char *line = evaluation_summary(ev, f->ds);
    assert_difference("verdict line", summary_margin(line), ma, mb);
    free(line);
}

/* One notion of weights: the defaults, a preset or custom weights with what
 * they started from, said the same way by every format, from the one core
 * description (session_weights_text). */
static void every_format_names_the_weights_alike(void **state)
{
    (void)state;
    const double scores[] = { 9, 4, 3, 9, 6, 7 };
    const int defaults[] = { 5, 3, 2 };
    Dataset *ds = test_dataset(2, 3, scores, defaults);
    const int balanced[] = { 5, 5, 5 };
    test_dataset_add_preset(ds, "balanced", balanced);
    Session *s = session_new(ds);
    struct {
        const char *text, *kind, *preset, *from;
        long changed;
    } want[3] = {
        { "defaults", "defaults", NULL, NULL, -1 },
        { "preset balanced", "preset", "balanced", NULL, -1 },
        { "custom, from balanced, 2 changed", "custom", NULL, "balanced", 2 },
    };
    for (int k = 0; k < 3; k++) {
        if (k == 1)
            session_apply_preset(s, 0);
        if (k == 2) {
            session_set_weight(s, 0, 9);
            session_set_weight(s, 2, 1);
        }
        char *text = session_weights_text(s, WEIGHTS_DETAIL_MAX);
        assert_string_equal(text, want[k].text);
        free(text);
        char title[96], quoted[96];
        snprintf(title, sizeof title, ", 2026-11-30 (%s)\n", want[k].text);
        snprintf(quoted, sizeof quoted, "weights,%s%s%s,", k == 2 ? "\"" : "", want[k].text, k == 2 ? "\"" : "");
        char *md = export_render(s, EXPORT_MARKDOWN, FIXED_NOW);
        assert_non_null(strstr(md, title));
        free(md);
        char *csv = export_render(s, EXPORT_CSV, FIXED_NOW);
        char *row = strstr(csv, quoted);
        assert_non_null(row);
        assert_non_null(strstr(row, want[k].kind));
        free(csv);
        char *html = export_render(s, EXPORT_HTML, FIXED_NOW);
        char *adr = export_render(s, EXPORT_ADR, FIXED_NOW);
        if (k == 0) {
            assert_non_null(strstr(html, "Weights: the data's defaults."));
            assert_non_null(strstr(adr, "(the data's default weights)"));
        } else if (k == 1) {
            assert_non_null(strstr(html, "Weights of preset <strong>balanced</strong>"));
            assert_non_null(strstr(adr, "(the weights of preset `balanced`"));
        } else {
            assert_non_null(strstr(html, "Weights: <strong>custom, from balanced, 2 changed</strong>."));
            assert_non_null(strstr(adr, "(our own weights: custom, from balanced, 2 changed)"));
        }
        free(html);
        free(adr);
        json_t *root = parse_json_export(s);
        assert_string_equal(json_string_value(json_object_get(root, "weights")), want[k].kind);
        assert_string_equal(json_string_value(json_object_get(root, "weights_text")), want[k].text);
        json_t *p = json_object_get(root, "preset"), *from = json_object_get(root, "custom_from");
        if (want[k].preset)
            assert_string_equal(json_string_value(p), want[k].preset);
        else
            assert_true(json_is_null(p));
        if (want[k].from) {
            assert_string_equal(json_string_value(json_object_get(from, "preset")), want[k].from);
            assert_int_equal(json_integer_value(json_object_get(from, "changed")), want[k].changed);
        } else {
            assert_true(json_is_null(from));
        }
        json_decref(root);
    }
    /* custom weights from the defaults say so, shorter where asked */
    session_reset(s);
    session_set_weight(s, 1, 4);
    char *text = session_weights_text(s, WEIGHTS_DETAIL_MAX);
    assert_string_equal(text, "custom, from defaults, 1 changed");
    free(text);
    text = session_weights_text(s, 1);
    assert_string_equal(text, "custom, from defaults");
    free(text);
    text = session_weights_text(s, 0);
    assert_string_equal(text, "custom");
    free(text);
    session_free(s);
    dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(golden_markdown, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(golden_json, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(golden_adr, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(golden_csv, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(golden_no_total, fixture_setup, fixture_teardown),
        cmocka_unit_test(golden_hybrid),
        cmocka_unit_test_setup_teardown(json_matches_engine_and_formula, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(json_carries_sources, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(markdown_numbers_references_per_assessment, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(json_stats_carry_provenance, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(csv_quotes_and_shape, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(csv_formulas_are_neutralised, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(exports_carry_no_control_characters, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(markdown_tables_stay_tables, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(margins_are_differences_of_printed_totals, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test(every_format_names_the_weights_alike),
        cmocka_unit_test(format_names_and_extensions),
        cmocka_unit_test_setup_teardown(format_table_rows_are_whole, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(export_write_and_its_errors, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
