/* idindex.c: open addressing with linear probing over FNV-1a hashes. */
#include "core/idindex.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static unsigned long long compares;

unsigned long long id_index_compares(void) { return compares; }

void id_index_init(IdIndex *ix, size_t n)
{
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->ids = xcalloc(ix->cap, sizeof *ix->ids);
    ix->pos = xcalloc(ix->cap, sizeof *ix->pos);
}

void id_index_free(IdIndex *ix)
{
    free(ix->ids);
    free(ix->pos);
    ix->ids = NULL;
    ix->pos = NULL;
    ix->cap = 0;
}

/* The slot holding id, or the empty slot where it belongs. */
static size_t slot(const IdIndex *ix, const char *id)
{
    size_t h = 14695981039346656037ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    size_t i = h & (ix->cap - 1);
    while (ix->ids[i]) {
        compares++;
        if (strcmp(ix->ids[i], id) == 0)
            break;
        i = (i + 1) & (ix->cap - 1);
    }
    return i;
}

int id_index_find(const IdIndex *ix, const char *id)
{
    if (ix->cap == 0)
        return -1;
    size_t i = slot(ix, id);
    return ix->ids[i] ? (int)ix->pos[i] : -1;
}

int id_index_add(IdIndex *ix, const char *id, size_t pos)
{
    size_t i = slot(ix, id);
    if (ix->ids[i])
        return (int)ix->pos[i];
    ix->ids[i] = id;
    ix->pos[i] = pos;
    return -1;
}
