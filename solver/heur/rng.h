/*
 * heur_rng.h - the heuristic's random numbers: a small seeded generator
 * (splitmix64), so that a seed always gives the same plan on every machine.
 *
 * Internal to the heuristic (heur*.c); header-only, nothing to free.
 */
#ifndef RP_HEUR_RNG_H
#define RP_HEUR_RNG_H

#include <stdint.h>

typedef struct rp_hrng {
    uint64_t state;
} rp_hrng;

static inline void rp_hrng_seed(rp_hrng *r, uint64_t seed)
{
    r->state = seed ^ 0x9e3779b97f4a7c15ull;
}

static inline uint64_t rp_hrng_next(rp_hrng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in 0 .. n-1 (n >= 1). */
static inline int rp_hrng_below(rp_hrng *r, int n)
{
    return (int)((rp_hrng_next(r) >> 33) % (uint64_t)n);
}

/* Uniform in [0, 1). */
static inline double rp_hrng_unit(rp_hrng *r)
{
    return (double)(rp_hrng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

#endif
