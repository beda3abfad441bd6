/*
 * strmap.h - a string-to-index hash map (open addressing, keys borrowed).
 *
 * Keys are not copied: they must outlive the map. rp_strmap_put keeps the first
 * index stored for a key and reports whether the key was new, which is how
 * loaders detect duplicate ids.
 */
#ifndef RP_STRMAP_H
#define RP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/status.h"

typedef struct rp_strmap {
    const char **keys;
    int *values;
    size_t capacity, count;
} rp_strmap;

void rp_strmap_init(rp_strmap *map);
void rp_strmap_clear(rp_strmap *map);
/* Stores key -> value unless key is present; *added tells which (may be NULL). */
rp_status rp_strmap_put(rp_strmap *map, const char *key, int value, bool *added);
/* The value stored for key, or -1. */
int rp_strmap_get(const rp_strmap *map, const char *key);

#endif
