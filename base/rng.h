/*
 * rng.h - the one seeded pseudo-random generator (splitmix64) of rotaplan.
 *
 * The same seed gives the same sequence on every platform, which is what
 * makes `rotaplan generate --seed S` reproducible byte for byte and a
 * heuristic's plan a function of its seed; rand() gives no such promise.
 * The state is a plain value the caller owns; nothing fails. Inline, since
 * the heuristic draws in its innermost loops.
 */
#ifndef RP_RNG_H
#define RP_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rp_rng {
    uint64_t state;
} rp_rng;

/* A generator started from seed. */
static inline rp_rng rp_rng_seeded(uint64_t seed)
{
    return (rp_rng){seed};
}

/* The next 64 random bits. */
static inline uint64_t rp_rng_next(rp_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n); 0 when n <= 0. The top 31 bits modulo n: no
 * bias worth the name for the ranges used here. */
static inline int rp_rng_below(rp_rng *r, int n)
{
    if (n <= 0)
        return 0;
    return (int)((rp_rng_next(r) >> 33) % (uint64_t)n);
}

/* A uniform integer in [lo, hi] (lo <= hi). */
static inline int rp_rng_between(rp_rng *r, int lo, int hi)
{
    return lo + rp_rng_below(r, hi - lo + 1);
}

/* True with probability percent/100. */
static inline bool rp_rng_chance(rp_rng *r, int percent)
{
    return rp_rng_below(r, 100) < percent;
}

/* Uniform in [0, 1). */
static inline double rp_rng_unit(rp_rng *r)
{
    return (double)(rp_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Puts the n ints of v in a uniformly random order. */
static inline void rp_rng_shuffle(rp_rng *r, int *v, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rp_rng_below(r, i + 1);
        int t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

#endif
