/* model.h: the data set versus compares — stacks, criteria with a score,
 * rationale and evidence packages per stack, weight presets and the verdict
 * settings. Pure data: no I/O here (src/load/ fills it from YAML).
 * Ownership: a Dataset owns every string and array reachable from it;
 * dataset_free releases all of it. */
#ifndef VERSUS_CORE_MODEL_H
#define VERSUS_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/idindex.h"

#define STACKS_MIN 2
#define STACKS_MAX 8
#define WEIGHT_MIN 0
#define WEIGHT_MAX 10
#define SCORE_MIN 0.0
#define SCORE_MAX 10.0
#define HYBRID_THRESHOLD_DEFAULT 5.0

typedef struct Stack {
    char *id;        /* e.g. "node" */
    char *name;      /* e.g. "Node.js" */
    char *ecosystem; /* package ecosystem id, e.g. "npm" or "pypi" */
    char *summary;   /* one line */
    char *runtime;   /* endoflife.date product it runs on ("nodejs"), or NULL */
    int runtime_pick; /* a RuntimePick (core/runtime.h): which line a team picks */
} Stack;

/* A public source a judgement rests on. */
typedef struct Citation {
    char *title; /* e.g. "Don't Block the Event Loop (or the Worker Pool)" */
    char *url;   /* https only */
    char *date;  /* YYYY-MM-DD: when it was published, or read */
    char *note;  /* the figure or passage used, or NULL */
} Citation;

/* How one stack fares on one criterion. */
typedef struct Assessment {
    double score;     /* 0..10, at most one decimal */
    char *rationale;  /* one or two sentences */
    char **evidence;  /* package names in the stack's ecosystem */
    size_t nevidence;
    Citation *citations; /* its sources: what the score and rationale rest on */
    size_t ncitations;
} Assessment;

/* The kinds of evidence a criterion's judgements can be informed by:
 * X(id, key, label). key is what criteria.yaml's `informed_by` and the
 * JSON export write. Evidence informs: no score is computed from it. */
#define EVIDENCE_KINDS(X)                                                   \
    X(EVIDENCE_DOWNLOADS, "downloads", "download counts")                  \
    X(EVIDENCE_SUPPORT_WINDOWS, "support-windows", "runtime support windows") \
    X(EVIDENCE_PACKAGE_HEALTH, "package-health", "package health")

#define EVIDENCE_KIND_ENUM_ROW(id, key, label) id,
typedef enum EvidenceKind { EVIDENCE_KINDS(EVIDENCE_KIND_ENUM_ROW) } EvidenceKind;
#undef EVIDENCE_KIND_ENUM_ROW
#define EVIDENCE_KIND_COUNT_ROW(id, key, label) +1
enum { EVIDENCE_NKINDS = 0 EVIDENCE_KINDS(EVIDENCE_KIND_COUNT_ROW) };
#undef EVIDENCE_KIND_COUNT_ROW
#define EVIDENCE_BIT(k) (1u << (unsigned)(k))

/* "support-windows" <-> EVIDENCE_SUPPORT_WINDOWS; false for other text. */
bool evidence_kind_from_key(const char *key, EvidenceKind *out);
const char *evidence_kind_key(EvidenceKind k);
const char *evidence_kind_label(EvidenceKind k);

typedef struct Criterion {
    char *id;
    char *title;    /* e.g. "I/O-bound concurrency" */
    char *label;    /* short phrase for verdicts, e.g. "real-time and I/O" */
    char *question; /* the question the criterion answers */
    int default_weight;
    unsigned informed_by; /* EVIDENCE_BIT(kind) of each kind that bears on it */
    Assessment *by_stack; /* [nstacks], same order as Dataset.stacks */
} Criterion;

typedef struct Preset {
    char *id;          /* e.g. "balanced" */
    char *description; /* one line */
    int *weights;      /* [ncriteria], same order as Dataset.criteria */
} Preset;

typedef struct Dataset {
    char *dir;          /* where it was loaded from */
    char *version;      /* data_version, e.g. "2026.11" */
    char *date;         /* when the judgements were last reviewed, YYYY-MM-DD */
    double hybrid_threshold; /* points on the 0..100 scale */
    Stack *stacks;
    size_t nstacks;
    Criterion *criteria;
    size_t ncriteria;
    Preset *presets;
    size_t npresets;
    IdIndex criterion_ids; /* criteria ids -> positions; dataset_index_criteria fills it */
    /* The texts a search or filter reads, folded to ASCII lower case byte
     * for byte (same lengths, same offsets), once, so matching folds only
     * the needle: folded + folded_at[c * DATASET_TEXTS(ds) + k] is text k
     * of criterion c (title, label, question, id, then each stack's
     * rationale), NULL when it has none. dataset_fold_texts fills them. */
    char *folded;
    size_t *folded_at;  /* SIZE_MAX for a missing text */
} Dataset;

/* The searchable texts per criterion, and their order in folded_at. */
enum { DATASET_TEXT_TITLE, DATASET_TEXT_LABEL, DATASET_TEXT_QUESTION, DATASET_TEXT_ID,
       DATASET_TEXT_RATIONALE };
#define DATASET_TEXTS(ds) (DATASET_TEXT_RATIONALE + (ds)->nstacks)

void dataset_free(Dataset *ds);

/* (Re)builds criterion_ids from the criteria: the loader fills it as it
 * reads them; a Dataset put together by hand calls this once its criteria
 * are in place, or dataset_criterion_index finds nothing. */
void dataset_index_criteria(Dataset *ds);

/* (Re)builds the folded texts from the criteria: the loader calls it once
 * they are read, dataset_index_criteria too. */
void dataset_fold_texts(Dataset *ds);
/* Text k of criterion c folded (see Dataset), or NULL. */
const char *dataset_folded(const Dataset *ds, size_t c, size_t k);

/* Index lookups by id; -1 when absent. Criteria go through criterion_ids
 * (constant time); stacks (at most STACKS_MAX) and presets are scanned. */
int dataset_stack_index(const Dataset *ds, const char *id);
int dataset_criterion_index(const Dataset *ds, const char *id);
int dataset_preset_index(const Dataset *ds, const char *id);

/* Fills weights[ncriteria] with the data's default weights. */
void dataset_default_weights(const Dataset *ds, int *weights);

#endif
