/*
 * gen_rng.h - a small seeded pseudo-random generator (splitmix64) for the
 * synthetic cohort generator.
 *
 * The same seed gives the same sequence on every platform, which is what
 * makes `rotaplan generate --seed S` reproducible byte for byte; rand() gives
 * no such promise. The state is a plain value the caller owns; nothing fails.
 */
#ifndef RP_GEN_RNG_H
#define RP_GEN_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rp_rng {
    uint64_t state;
} rp_rng;

/* A generator started from seed. */
rp_rng rp_rng_seeded(uint64_t seed);
/* The next 64 random bits. */
uint64_t rp_rng_next(rp_rng *r);
/* A uniform integer in [0, n); 0 when n <= 0. */
int rp_rng_below(rp_rng *r, int n);
/* A uniform integer in [lo, hi] (lo <= hi). */
int rp_rng_between(rp_rng *r, int lo, int hi);
/* True with probability percent/100. */
bool rp_rng_chance(rp_rng *r, int percent);
/* Puts the n ints of v in a uniformly random order. */
void rp_rng_shuffle(rp_rng *r, int *v, int n);

#endif
