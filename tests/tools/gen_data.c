/* gen_data.c: writes a valid synthetic data directory of any size, for the
 * loader's tests and the benchmark:  gen_data OUTDIR NCRITERIA NSTACKS
 * The content is deterministic (a fixed pseudo-random sequence), so two
 * runs with the same arguments write the same files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define POOL_SIZE 24   /* packages per ecosystem: a live refresh stays small */
#define SCOPED_EVERY 6 /* every sixth npm package is scoped, as real ones often are */
#define MAX_CRITERIA 100000

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: deterministic and good enough to spread scores and weights. */
static unsigned next_random(unsigned bound)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % bound;
}

static const char *ecosystem_of(int stack) { return stack % 2 ? "pypi" : "npm"; }

/* The i-th package name of an ecosystem's pool; caller frees. */
static char *package_name(const char *ecosystem, int i)
{
    if (strcmp(ecosystem, "npm") == 0)
        return i % SCOPED_EVERY == 0 ? xasprintf("@scope%d/pkg-%d", i / SCOPED_EVERY, i)
                                     : xasprintf("pkg-%d", i);
    return xasprintf("py_pkg.%d", i); /* not normalised, as PyPI allows */
}

static void append_name(StrBuf *sb, const char *name)
{
    if (name[0] == '@')
        sb_appendf(sb, "\"%s\"", name); /* '@' cannot start a plain YAML scalar */
    else
        sb_append(sb, name);
}

static int write_out(const char *dir, const char *name, StrBuf *sb)
{
    char *path = path_join(dir, name), *err = NULL;
    int rc = file_write_atomic(path, sb_str(sb), sb->len, 0644, &err);
    if (rc != 0) {
        fprintf(stderr, "gen_data: %s\n", err);
        free(err);
    } else if (sb->len > 1024 * 1024) {
        fprintf(stderr, "gen_data: warning: %s is over 1 MiB; versus refuses it unless "
                        "VERSUS_YAML_MAX_BYTES allows more\n", path);
    }
    free(path);
    sb_reset(sb);
    return rc;
}

static void gen_stacks(StrBuf *sb, int nstacks)
{
    sb_append(sb, "# synthetic data written by gen_data\nstacks:\n");
    for (int s = 0; s < nstacks; s++)
        sb_appendf(sb, "  - {id: s%d, name: Stack %d, ecosystem: %s, summary: Synthetic stack %d.}\n",
                   s, s, ecosystem_of(s), s);
}

static void gen_criteria(StrBuf *sb, int ncriteria, int nstacks)
{
    sb_append(sb, "criteria:\n");
    for (int c = 0; c < ncriteria; c++) {
        sb_appendf(sb,
                   "  - id: c%d\n    title: Criterion %d\n    label: label %d\n"
                   "    question: Question %d?\n    weight: %u\n    stacks:\n",
                   c, c, c, c, next_random(WEIGHT_MAX + 1));
        for (int s = 0; s < nstacks; s++) {
            unsigned tenths = next_random(101);
            char *pkg = package_name(ecosystem_of(s), (int)next_random(POOL_SIZE));
            sb_appendf(sb, "      s%d: {score: %u.%u, rationale: Reason %d., evidence: [", s,
                       tenths / 10, tenths % 10, c);
            append_name(sb, pkg);
            sb_append(sb, "]}\n");
            free(pkg);
        }
    }
}

static void gen_presets(StrBuf *sb, int ncriteria)
{
    static const char *const ids[] = { "balanced", "front-loaded", "scattered" };
    static const char *const descriptions[] = { "Every criterion counts the same.",
                                                "The first half of the criteria matters most.",
                                                "Weights drawn at random." };
    sb_append(sb, "presets:\n");
    for (int p = 0; p < 3; p++) {
        sb_appendf(sb, "  - id: %s\n    description: %s\n    weights:\n", ids[p], descriptions[p]);
        for (int c = 0; c < ncriteria; c++) {
            unsigned w = p == 0 ? 5 : p == 1 ? (c < ncriteria / 2 ? 9 : 1) : next_random(WEIGHT_MAX + 1);
            sb_appendf(sb, "      c%d: %u\n", c, w);
        }
    }
}

static void gen_snapshot(StrBuf *sb)
{
    static const char *const ecosystems[] = { "npm", "pypi" };
    sb_append(sb, "ecosystems:\n");
    for (int e = 0; e < 2; e++) {
        sb_appendf(sb, "  %s:\n    source: \"gen_data (synthetic figures)\"\n"
                       "    period: \"synthetic month\"\n    last_month:\n",
                   ecosystems[e]);
        for (int i = 0; i < POOL_SIZE; i++) {
            char *pkg = package_name(ecosystems[e], i);
            sb_append(sb, "      ");
            append_name(sb, pkg);
            sb_appendf(sb, ": %u\n", 1000 + next_random(1000000));
            free(pkg);
        }
    }
}

static int parse_count(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int main(int argc, char **argv)
{
    int ncriteria, nstacks;
    if (argc != 4 || parse_count(argv[2], 1, MAX_CRITERIA, &ncriteria) != 0 ||
        parse_count(argv[3], STACKS_MIN, STACKS_MAX, &nstacks) != 0) {
        fprintf(stderr, "usage: gen_data OUTDIR NCRITERIA NSTACKS  (criteria 1..%d, stacks %d..%d)\n",
                MAX_CRITERIA, STACKS_MIN, STACKS_MAX);
        return 2;
    }
    const char *dir = argv[1];
    char *err = NULL;
    if (dir_create_all(dir, 0755, &err) != 0) {
        fprintf(stderr, "gen_data: %s\n", err);
        free(err);
        return 1;
    }
    StrBuf sb = STRBUF_INIT;
    int rc = 0;
    sb_appendf(&sb, "data_version: \"synthetic-%d-%d\"\ndate: 2026-01-01\nhybrid_threshold: 5.0\n",
               ncriteria, nstacks);
    rc |= write_out(dir, "settings.yaml", &sb);
    gen_stacks(&sb, nstacks);
    rc |= write_out(dir, "stacks.yaml", &sb);
    gen_criteria(&sb, ncriteria, nstacks);
    rc |= write_out(dir, "criteria.yaml", &sb);
    gen_presets(&sb, ncriteria);
    rc |= write_out(dir, "presets.yaml", &sb);
    gen_snapshot(&sb);
    rc |= write_out(dir, "snapshot.yaml", &sb);
    sb_free(&sb);
    return rc ? 1 : 0;
}
