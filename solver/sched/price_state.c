/* A label's resources: requirement counts, hospital counts, disciplines done. */
#include "solver/sched/price_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The pairs of a hospital count word: pair k is (hospital + 1, count), 0
 * when empty; pairs are kept in increasing hospital order. */
static unsigned pair_at(uint64_t hosc, int k)
{
    return (unsigned)(hosc >> (PAIR_BITS * k)) & ((1u << PAIR_BITS) - 1);
}

static int pair_hospital(unsigned pair)
{
    return (int)(pair >> 4) - 1;
}

static int pair_count(unsigned pair)
{
    return (int)(pair & 15);
}

int rp_pr_hospital_count(uint64_t hosc, int h)
{
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(hosc, k);
        if (pair && pair_hospital(pair) == h)
            return pair_count(pair);
    }
    return 0;
}

/* hosc with one more rotation at hospital h; false when the pairs are full. */
bool rp_pr_count_rotation(uint64_t hosc, int h, uint64_t *out)
{
    unsigned pairs[PAIRS + 1];
    int n = 0;
    bool placed = false;
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(hosc, k);
        if (!pair)
            break;
        if (!placed && pair_hospital(pair) >= h) {
            placed = true;
            if (pair_hospital(pair) == h) {
                pairs[n++] = pair + 1;
                continue;
            }
            pairs[n++] = ((unsigned)(h + 1) << 4) | 1;
        }
        pairs[n++] = pair;
    }
    if (!placed)
        pairs[n++] = ((unsigned)(h + 1) << 4) | 1;
    if (n > PAIRS)
        return false;
    *out = 0;
    for (int k = 0; k < n; k++)
        *out |= (uint64_t)pairs[k] << (PAIR_BITS * k);
    return true;
}

/* Every hospital count of a at most b's. */
bool rp_pr_counts_within(uint64_t a, uint64_t b)
{
    if (a == b || a == 0)
        return true;
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(a, k);
        if (!pair)
            break;
        if (pair_count(pair) > rp_pr_hospital_count(b, pair_hospital(pair)))
            return false;
    }
    return true;
}

int rp_pr_counter(uint64_t word, int slot)
{
    return (int)(word >> (4 * slot) & 15);
}

/* Most rotations a label at week with requirement counts reqc can still
 * take: as many as fit, and no more than the counted requirements allow
 * when every discipline counts in one with a most. */
int rp_pr_rotations_left(const search *x, int week, uint64_t reqc)
{
    const rp_pricer *p = x->p;
    int left = p->rot_from[week];
    if (x->capped) {
        int room = 0;
        for (int r = 0; r < p->n_req; r++)
            if (p->req[r].max >= 0)
                room += p->req[r].max - rp_pr_counter(reqc, r);
        if (room < left)
            left = room;
    }
    return left;
}

/* Hospital counts that can no longer reach the limit are all alike: gone. */
uint64_t rp_pr_canonical_counts(const search *x, int week, uint64_t reqc, uint64_t hosc)
{
    if (!hosc)
        return 0;
    int left = rp_pr_rotations_left(x, week, reqc);
    uint64_t out = 0;
    int n = 0;
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(hosc, k);
        if (!pair)
            break;
        if (pair_count(pair) + left > x->limit)
            out |= (uint64_t)pair << (PAIR_BITS * n++);
    }
    return out;
}

bool rp_pr_requirements_met(const rp_pricer *p, uint64_t reqc)
{
    for (int r = 0; r < p->n_req; r++)
        if (rp_pr_counter(reqc, r) < p->req[r].min)
            return false;
    return true;
}

/* Rotations the requirements short of their minimum still need, at a week
 * each at least: fewer available weeks left cannot meet them. */
int rp_pr_weeks_needed(const rp_pricer *p, uint64_t reqc)
{
    int need = 0;
    for (int r = 0; r < p->n_req; r++) {
        int short_of = p->req[r].min - rp_pr_counter(reqc, r);
        if (short_of > need)
            need = short_of;
    }
    return need;
}

/* The requirement counts after a rotation of discipline `bit`, or false
 * when it would pass a requirement's most. */
bool rp_pr_advance_counts(const rp_pricer *p, int bit, uint64_t reqc, uint64_t *next)
{
    *next = reqc;
    for (uint64_t rs = p->reqs_of_bit[bit]; rs; rs &= rs - 1) {
        int r = __builtin_ctzll(rs);
        int c = rp_pr_counter(reqc, r);
        if (p->req[r].max >= 0 && c + 1 > p->req[r].max)
            return false;
        if (c < p->req[r].cap)
            *next += UINT64_C(1) << (4 * r);
    }
    return true;
}

/* The label's resources after o, or false when o breaks a counted rule. */
bool rp_pr_take(search *x, const rot_option *o, const label *l, uint64_t *set,
                 uint64_t *reqc, uint64_t *hosc)
{
    const rp_pricer *p = x->p;
    uint64_t bit = UINT64_C(1) << o->bit;
    if ((l->set & bit) || (p->prereq[o->bit] & ~l->set))
        return false;
    if (!rp_pr_advance_counts(p, o->bit, l->reqc, reqc))
        return false;
    *set = l->set | (x->tracked & bit);
    *hosc = l->hosc;
    if (x->counted >> o->hospital & 1) {
        if (rp_pr_hospital_count(*hosc, o->hospital) + 1 > x->limit)
            return false;
        if (!rp_pr_count_rotation(*hosc, o->hospital, hosc)) {
            x->overflow = true; /* more hospitals at once than a label counts */
            return false;
        }
    }
    return true;
}

/* A pinned discipline whose pinned week has passed undone ends the label. */
bool rp_pr_pins_still_possible(const rp_pricer *p, uint64_t pinned, uint64_t set, int week)
{
    for (uint64_t left = pinned & ~set; left; left &= left - 1) {
        int b = __builtin_ctzll(left);
        if (p->pin_start[b] >= 0 && p->pin_start[b] < week)
            return false;
    }
    return true;
}
