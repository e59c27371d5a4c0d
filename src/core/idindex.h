/* idindex.h: ids -> positions in an array, by open addressing, so that
 * looking up n ids among n costs linear time, not quadratic. The ids are
 * borrowed: whatever owns them outlives the index.
 * Ownership: id_index_free releases what id_index_init allocated. */
#ifndef VERSUS_CORE_IDINDEX_H
#define VERSUS_CORE_IDINDEX_H

#include <stddef.h>

typedef struct IdIndex {
    const char **ids;
    size_t *pos;
    size_t cap; /* a power of two, at least twice the number of ids; 0 before init */
} IdIndex;

/* Sized for n ids. */
void id_index_init(IdIndex *ix, size_t n);
void id_index_free(IdIndex *ix);

/* The position stored for id, or -1 (also on an index never initialised). */
int id_index_find(const IdIndex *ix, const char *id);

/* Adds id at pos; returns the earlier position of the same id (and keeps
 * it), or -1 when id is new. */
int id_index_add(IdIndex *ix, const char *id, size_t pos);

/* How many id comparisons every index has made since the program started:
 * what the unit tests count to show a path stays linear. */
unsigned long long id_index_compares(void);

#endif
