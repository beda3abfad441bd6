#include "base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void rp_strmap_init(rp_strmap *map)
{
    memset(map, 0, sizeof *map);
}

void rp_strmap_clear(rp_strmap *map)
{
    free(map->keys);
    free(map->values);
    rp_strmap_init(map);
}

static size_t slot_of(const rp_strmap *map, const char *key)
{
    size_t mask = map->capacity - 1;
    size_t i = (size_t)hash_string(key) & mask;
    while (map->keys[i] && strcmp(map->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static rp_status grow(rp_strmap *map)
{
    size_t capacity = map->capacity ? 2 * map->capacity : 64;
    rp_strmap bigger = {calloc(capacity, sizeof(char *)), malloc(capacity * sizeof(int)),
                        capacity, 0};
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return RP_ERR_NOMEM;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        if (!map->keys[i])
            continue;
        size_t j = slot_of(&bigger, map->keys[i]);
        bigger.keys[j] = map->keys[i];
        bigger.values[j] = map->values[i];
        bigger.count++;
    }
    rp_strmap_clear(map);
    *map = bigger;
    return RP_OK;
}

rp_status rp_strmap_put(rp_strmap *map, const char *key, int value, bool *added)
{
    if (2 * (map->count + 1) > map->capacity)
        RP_TRY(grow(map));
    size_t i = slot_of(map, key);
    bool is_new = map->keys[i] == NULL;
    if (is_new) {
        map->keys[i] = key;
        map->values[i] = value;
        map->count++;
    }
    if (added)
        *added = is_new;
    return RP_OK;
}

int rp_strmap_get(const rp_strmap *map, const char *key)
{
    if (map->capacity == 0)
        return -1;
    size_t i = slot_of(map, key);
    return map->keys[i] ? map->values[i] : -1;
}
