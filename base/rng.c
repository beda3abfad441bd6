#include "base/rng.h"

rp_rng rp_rng_seeded(uint64_t seed)
{
    return (rp_rng){seed};
}

uint64_t rp_rng_next(rp_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int rp_rng_below(rp_rng *r, int n)
{
    if (n <= 0)
        return 0;
    /* Multiply-shift on the top 32 bits: no modulo bias worth the name for
     * the small ranges a cohort needs, and no division. */
    uint64_t x = rp_rng_next(r) >> 32;
    return (int)((x * (uint64_t)n) >> 32);
}

int rp_rng_between(rp_rng *r, int lo, int hi)
{
    return lo + rp_rng_below(r, hi - lo + 1);
}

bool rp_rng_chance(rp_rng *r, int percent)
{
    return rp_rng_below(r, 100) < percent;
}

void rp_rng_shuffle(rp_rng *r, int *v, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rp_rng_below(r, i + 1);
        int t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}
