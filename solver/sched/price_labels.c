/* The labels of the pricing search: kept, compared and extended week by week. */
#include "solver/sched/price_internal.h"
#include "base/clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t set, uint64_t reqc, int week)
{
    uint64_t h = set * 0x9e3779b97f4a7c15ULL ^ (reqc + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL ^
                 (uint64_t)(week + 1) * 0x94d049bb133111ebULL;
    return h ^ (h >> 29);
}

static bool grow_hash(rp_pricer *p)
{
    size_t size = p->hash ? 2 * (p->hash_mask + 1) : 4096;
    int *h = malloc(size * sizeof *h);
    if (!h)
        return false;
    for (size_t i = 0; i < size; i++)
        h[i] = -1;
    free(p->hash);
    p->hash = h;
    p->hash_mask = size - 1;
    for (int i = 0; i < p->n_bkt; i++) {
        const bucket *b = &p->bkt[i];
        size_t at = mix(b->set, b->reqc, b->week) & p->hash_mask;
        while (p->hash[at] >= 0)
            at = (at + 1) & p->hash_mask;
        p->hash[at] = i;
    }
    return true;
}

static void reset_labels(rp_pricer *p, int weeks)
{
    p->n_lab = p->n_bkt = 0;
    for (int w = 0; w <= weeks + 1; w++)
        p->week_first[w] = -1;
    if (p->hash)
        for (size_t i = 0; i <= p->hash_mask; i++)
            p->hash[i] = -1;
}

/* The bucket of a week, set and counts, made on first use; -1 when out of
 * memory. */
static int bucket_of(rp_pricer *p, int week, uint64_t set, uint64_t reqc)
{
    if (!p->hash || (size_t)p->n_bkt * 2 >= p->hash_mask + 1)
        if (!grow_hash(p))
            return -1;
    size_t at = mix(set, reqc, week) & p->hash_mask;
    for (; p->hash[at] >= 0; at = (at + 1) & p->hash_mask) {
        const bucket *b = &p->bkt[p->hash[at]];
        if (b->week == week && b->set == set && b->reqc == reqc)
            return p->hash[at];
    }
    if (p->n_bkt == p->cap_bkt) {
        int cap = p->cap_bkt ? 2 * p->cap_bkt : 4096;
        bucket *n = realloc(p->bkt, (size_t)cap * sizeof *n);
        if (!n)
            return -1;
        p->bkt = n;
        p->cap_bkt = cap;
    }
    p->bkt[p->n_bkt] = (bucket){set, reqc, week, -1};
    p->hash[at] = p->n_bkt;
    return p->n_bkt++;
}

/* What label a can still earn at most what b can, less `slack`: from a's
 * last hospital the first rotation may cost a change b's does not. */
static double handicap(const search *x, int node_a, int node_b)
{
    return x->tracks && node_a != node_b ? x->change : 0;
}

/* Labels made between two looks at the clock. */
#define STOP_EVERY 4096

static bool out_of_time(const search *x)
{
    return (x->stop && *x->stop) || (x->stop_at > 0 && rp_clock_seconds() >= x->stop_at);
}

/* Offers a label. It is dropped when a label of its bucket dominates it (as
 * good after a change's handicap, and no hospital count higher), and it
 * drops the labels it dominates. False when out of memory. */
static bool offer(search *x, int week, int node, uint64_t set, uint64_t reqc, uint64_t hosc,
                  double value, int parent, int option)
{
    rp_pricer *p = x->p;
    if (x->counts)
        hosc = rp_pr_canonical_counts(x, week, reqc, hosc);
    int b = bucket_of(p, week, set, reqc);
    if (b < 0)
        return false;
    for (int i = p->bkt[b].first; i >= 0; i = p->lab[i].next) {
        const label *l = &p->lab[i];
        if (!l->dead && l->value - handicap(x, l->node, node) >= value - EPS &&
            rp_pr_counts_within(l->hosc, hosc))
            return true;
    }
    for (int i = p->bkt[b].first; i >= 0; i = p->lab[i].next) {
        label *l = &p->lab[i];
        if (!l->dead && value - handicap(x, node, l->node) >= l->value - EPS &&
            rp_pr_counts_within(hosc, l->hosc))
            l->dead = true;
    }
    if (x->labels >= x->label_limit || (x->labels % STOP_EVERY == 0 && out_of_time(x))) {
        x->overflow = true;
        return true;
    }
    if (p->n_lab == p->cap_lab) {
        int cap = p->cap_lab ? 2 * p->cap_lab : 4096;
        label *l = realloc(p->lab, (size_t)cap * sizeof *l);
        if (l)
            p->lab = l;
        int *nx = realloc(p->next_in_week, (size_t)cap * sizeof *nx);
        if (nx)
            p->next_in_week = nx;
        if (!l || !nx)
            return false;
        p->cap_lab = cap;
    }
    int i = p->n_lab++;
    x->labels++;
    p->lab[i] = (label){set, reqc, hosc, value, parent, option, node, week, p->bkt[b].first, false};
    p->bkt[b].first = i;
    p->next_in_week[i] = p->week_first[week];
    p->week_first[week] = i;
    return true;
}

/* Whether label i's path keeps the rules the relaxation does not track: no
 * discipline done twice, no hospital over the limit. What it breaks joins
 * *twice (disciplines done twice) and *over (local hospitals over the limit
 * that are not counted yet). */
static bool path_keeps_rules(const search *x, int i, uint64_t *twice, uint64_t *over)
{
    const rp_pricer *p = x->p;
    uint64_t seen = 0;
    int per_hospital[PAIR_HOSPITALS + 1] = {0};
    bool keeps = true;
    for (int j = i; j >= 0; j = p->lab[j].parent) {
        int k = p->lab[j].option;
        if (k < 0)
            continue;
        const rot_option *o = &p->opt[k];
        uint64_t bit = UINT64_C(1) << o->bit;
        if (seen & bit) {
            keeps = false;
            *twice |= bit;
        }
        seen |= bit;
        if (!x->counts || (x->counted >> o->hospital & 1))
            continue;
        if (++per_hospital[o->hospital] > x->limit) {
            keeps = false;
            *over |= UINT64_C(1) << o->hospital;
        }
    }
    return keeps;
}

/* Keeps label i's path as the best schedule found. */
static void keep_path(search *x, int i)
{
    const rp_pricer *p = x->p;
    int n = 0;
    for (int j = i; j >= 0; j = p->lab[j].parent)
        if (p->lab[j].option >= 0)
            x->path[n++] = p->lab[j].option;
    x->path_len = n; /* last rotation first */
}

/* The sum of the k largest positive values among those of the disciplines
 * in `among` not yet done by l, each once when it is tracked and up to k
 * times when the relaxation lets it come again. */
static double top_values(const search *x, const label *l, int week, uint64_t among, int k)
{
    const rp_pricer *p = x->p;
    if (k <= 0)
        return 0;
    double top[MAX_BITS];
    int n = 0;
    size_t stride = (size_t)p->m->weeks + 2;
    for (uint64_t left = among & ~l->set; left; left &= left - 1) {
        int b = __builtin_ctzll(left);
        double v = p->best_from[b * stride + week];
        int copies = x->tracked >> b & 1 ? 1 : k;
        for (int c = 0; c < copies && v > 0; c++) {
            /* keep the k largest, in decreasing order */
            if (n == k && v <= top[n - 1])
                break;
            int at = n < k ? n++ : n - 1;
            while (at > 0 && top[at - 1] < v) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = v;
        }
    }
    double sum = 0;
    for (int j = 0; j < n; j++)
        sum += top[j];
    return sum;
}

/* An optimistic value of what label l can still earn from week on (changes
 * and idle weeks aside): its most rotations left, each worth the best of a
 * different discipline not yet done; and when every discipline counts in a
 * requirement with a most, no more from each requirement than it has room
 * for. */
static double still_to_earn(const search *x, const label *l, int week)
{
    const rp_pricer *p = x->p;
    int k = rp_pr_rotations_left(x, week, l->reqc);
    uint64_t all = x->bits == 64 ? ~UINT64_C(0) : (UINT64_C(1) << x->bits) - 1;
    double bound = fmin(p->ub[week], top_values(x, l, week, all, k));
    if (x->capped) {
        double by_requirement = 0;
        for (int r = 0; r < p->n_req && by_requirement < bound; r++)
            if (p->req[r].max >= 0)
                by_requirement +=
                    top_values(x, l, week, p->req[r].mask, p->req[r].max - rp_pr_counter(l->reqc, r));
        bound = fmin(bound, by_requirement);
    }
    return bound;
}

static bool extend(search *x, int week, int i)
{
    rp_pricer *p = x->p;
    label l = p->lab[i];
    if (l.value + rp_pr_still(x, week, l.node, l.reqc, l.set) <= x->best + EPS ||
        l.value + still_to_earn(x, &l, week) <= x->best + EPS)
        return true; /* cannot beat what is known */
    if (l.dead)
        return true;
    if ((l.set & x->pinned) == x->pinned && rp_pr_requirements_met(p, l.reqc) &&
        l.value > x->best + EPS) {
        uint64_t twice = 0, over = 0;
        if (path_keeps_rules(x, i, &twice, &over)) {
            x->best = l.value;
            keep_path(x, i);
        } else if (l.value > x->relaxed_best + EPS) {
            x->relaxed_best = l.value;
            x->relaxed_label = i;
            x->relaxed_twice = twice;
            x->relaxed_over = over;
        } else if (l.value >= x->relaxed_best - EPS) {
            /* a tie breaks its own rules: learnt one at a time, each
             * would cost a relaxation of its own (tied hospitals) */
            x->relaxed_twice |= twice;
            x->relaxed_over |= over;
        }
    }
    if (!rp_pr_pins_still_possible(p, x->pinned, l.set, week) ||
        p->avail_from[week] < rp_pr_weeks_needed(p, l.reqc))
        return true;
    int g = l.node;
    if (week + 1 <= x->last_start &&
        l.value - x->idle + rp_pr_still(x, week + 1, g, l.reqc, l.set) > x->best + EPS &&
        !offer(x, week + 1, g, l.set, l.reqc, l.hosc, l.value - x->idle, i, -1))
        return false;
    for (int k = p->first_opt[week]; k < p->first_opt[week + 1]; k++) {
        const rot_option *o = &p->opt[k];
        if (l.value + o->reach <= x->best + EPS)
            break; /* in order of reach: none of the rest can do better */
        double v = l.value + o->value;
        uint64_t set, reqc, hosc;
        if (!rp_pr_take(x, o, &l, &set, &reqc, &hosc))
            continue;
        if (x->tracks && g > 0 && g != 1 + o->hospital)
            v -= x->change;
        int to = x->tracks ? 1 + o->hospital : 0;
        if (v + rp_pr_still(x, o->end, to, reqc, set) <= x->best + EPS)
            continue;
        if (!offer(x, o->end, to, set, reqc, hosc, v, i, k))
            return false;
    }
    return true;
}

/* One relaxation from scratch, pruned by the best schedule known. Its best
 * complete label breaking a rule is relaxed_label; what it and every label
 * tied with it break is in relaxed_twice and relaxed_over. False when out
 * of memory. */
bool rp_pr_relaxation(search *x)
{
    rp_pricer *p = x->p;
    int W = p->m->weeks;
    reset_labels(p, W);
    x->relaxed_best = -HUGE_VAL;
    x->relaxed_label = -1;
    x->relaxed_twice = x->relaxed_over = 0;
    /* a path begins in the first week of the student's intake: weeks before
     * it are no one's idle weeks */
    if (!offer(x, x->first_week, 0, 0, 0, 0, 0, -1, -1))
        return false;
    for (int w = 0; w <= W && !x->overflow; w++)
        for (int i = p->week_first[w]; i >= 0 && !x->overflow; i = p->next_in_week[i])
            if (!extend(x, w, i))
                return false;
    return true;
}
