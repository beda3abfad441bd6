/*
 * The pricing search. Per student: the rotation options (discipline,
 * department, first week) that rp_may_start and the caller's filter allow,
 * each with its reduced value; the disciplines with an option get bits of a
 * 64-bit word. Labels are made week by week in time order (every arc goes
 * forward) and deduplicated through a hash table keyed by node and
 * resources.
 *
 * The resources are kept small by decremental state-space relaxation: a
 * label counts rotations per requirement (capped where more makes no
 * difference) instead of remembering every discipline done, and remembers
 * only the disciplines some rule needs by name (prerequisites, pins) plus
 * those the search has seen done twice. The hospital limit is ignored until
 * the best path breaks it, then counted for the hospitals it broke. Each
 * relaxation's best value bounds the student's; when its path keeps every
 * rule it is the best schedule, otherwise what it broke is tracked and the
 * search runs again.
 *
 * Two labels at the same week with the same resources but different last
 * hospitals differ by at most one change of hospital in what they can still
 * earn, so a label worse than another by more than a change is dropped.
 */
#include "solver/sched/price.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/form/may_start.h"

#define MAX_BITS 64
#define MAX_COUNTERS 16 /* requirements: 4-bit counters in one 64-bit word */
#define COUNTER_MAX 15
/* Hospital counts: up to this many (hospital, count) pairs in one 64-bit
 * word, 10 bits each: the local hospital + 1 (6 bits) and the count (4). */
#define PAIRS 6
#define PAIR_BITS 10
#define PAIR_HOSPITALS 63
#define PAIR_COUNT_MAX 15
#define EPS 1e-9
/* Students with at most this many disciplines remember from the start every
 * discipline that could otherwise be done twice: repetitions found one at a
 * time would cost more relaxations than the labels they save. */
#define TRACK_ALL_BITS 16

typedef struct rot_option {
    int start, end;         /* first week, first week after */
    int department, bit;
    int hospital;           /* the student's local index */
    double value;           /* reduced value of the rotation alone */
    double reach;           /* value + the optimistic value of the weeks after it */
} rot_option;

typedef struct label {
    uint64_t set;  /* tracked disciplines done */
    uint64_t reqc; /* rotations per counted requirement, 4 bits each */
    uint64_t hosc; /* rotations per hospital that can still reach the limit, in
                      (hospital, count) pairs by hospital */
    double value;
    int parent;    /* label, or -1 */
    int option;    /* taken to get here, or -1 (an idle week) */
    int node;      /* last hospital + 1, 0 before the first rotation */
    int week;
    int next;      /* in its bucket */
    bool dead;     /* dominated since it was made */
} label;

/* Labels of one week with the same disciplines and requirement counts: they
 * differ in last hospital and hospital counts only, and are compared. */
typedef struct bucket {
    uint64_t set, reqc;
    int week;
    int first; /* label */
} bucket;

typedef struct requirement {
    uint64_t mask;
    int min, max; /* max < 0: none */
    int cap;      /* counts above this make no difference */
} requirement;

struct rp_pricer {
    const rp_model *m;
    rot_option *opt;
    int n_opt, cap_opt;
    int *first_opt;    /* [weeks + 2] options starting in week w: first_opt[w] .. */
    int *bit_of;       /* [disciplines] local bit or -1 */
    int disc_of_bit[MAX_BITS];
    uint64_t prereq[MAX_BITS]; /* bits that must be done first */
    int pin_start[MAX_BITS];   /* a pinned first week, or -1 */
    uint64_t reqs_of_bit[MAX_BITS]; /* counted requirements (bit r) the discipline counts in */
    requirement req[MAX_COUNTERS];
    int n_req;
    int *hosp_local;   /* [hospitals] local index or -1 */
    int n_local_hosp;

    int *path;         /* [weeks + 1] the best path's options */
    double *ub;        /* [weeks + 2] optimistic value of the weeks from w on */
    /* The completion table: h[(week x nodes + node) x combos + counts] is the
     * best the rest of a path can earn from that week, last hospital and
     * requirement counts, by a backward dynamic programme that ignores what
     * the counts do not see (disciplines done twice, prerequisites, pins,
     * the hospital limit): an optimistic value, and the exact one for most
     * students. Empty (h_combos 0) when the counts have too many values. */
    double *h;
    size_t cap_h;
    int h_combos, h_nodes;
    int stride[MAX_COUNTERS];
    double *best_from; /* [MAX_BITS x (weeks + 2)] best value of a rotation of the
                          discipline starting in week w or later, at least 0 */
    int *rot_from;     /* [weeks + 2] most rotations that fit in the weeks from w on */
    int *avail_from;   /* [weeks + 2] available weeks from w on */
    label *lab;
    int n_lab, cap_lab;
    int *week_first;   /* [weeks + 2] heads of the per-week label lists */
    int *next_in_week; /* [cap_lab] */
    bucket *bkt;
    int n_bkt, cap_bkt;
    int *hash;         /* buckets by week, set and counts */
    size_t hash_mask;
};

rp_pricer *rp_pricer_new(const rp_model *m)
{
    rp_pricer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->m = m;
    size_t W = (size_t)m->weeks;
    p->first_opt = malloc((W + 2) * sizeof *p->first_opt);
    p->bit_of = malloc(((size_t)m->n_disciplines + 1) * sizeof *p->bit_of);
    p->hosp_local = malloc(((size_t)m->n_hospitals + 1) * sizeof *p->hosp_local);
    p->path = malloc((W + 1) * sizeof *p->path);
    p->ub = malloc((W + 2) * sizeof *p->ub);
    p->avail_from = malloc((W + 2) * sizeof *p->avail_from);
    p->best_from = malloc(MAX_BITS * (W + 2) * sizeof *p->best_from);
    p->rot_from = malloc((W + 2) * sizeof *p->rot_from);
    p->week_first = malloc((W + 2) * sizeof *p->week_first);
    if (!p->first_opt || !p->bit_of || !p->hosp_local || !p->path ||
        !p->ub || !p->avail_from || !p->best_from || !p->rot_from || !p->week_first)
        rp_pricer_free(&p);
    return p;
}

void rp_pricer_free(rp_pricer **pp)
{
    if (!pp || !*pp)
        return;
    rp_pricer *p = *pp;
    free(p->opt);
    free(p->first_opt);
    free(p->bit_of);
    free(p->hosp_local);
    free(p->path);
    free(p->ub);
    free(p->h);
    free(p->avail_from);
    free(p->best_from);
    free(p->rot_from);
    free(p->lab);
    free(p->week_first);
    free(p->next_in_week);
    free(p->hash);
    free(p->bkt);
    free(p);
    *pp = NULL;
}

/* The score of one rotation, without changes and idle weeks. */
static double rotation_score(const rp_model *m, const rp_student *st, const rp_department *dep)
{
    return (double)st->weights.discipline * st->pref_discipline[dep->discipline] +
           (double)st->weights.hospital * st->pref_hospital[dep->hospital] +
           (double)m->objective.school_priority * m->disciplines[dep->discipline].priority;
}

static double occupancy_price(const rp_model *m, const rp_price_input *in, int dept, int start)
{
    if (!in->cell_price)
        return 0;
    int len = m->disciplines[m->departments[dept].discipline].length;
    const double *row = in->cell_price + (size_t)dept * m->weeks;
    double c = 0;
    for (int w = start; w < start + len; w++)
        c += row[w];
    return c;
}

static double scale_of(const rp_price_input *in)
{
    return in->scale > 0 ? in->scale : 0;
}

double rp_price_value(const rp_model *m, const rp_price_input *in, int s, const rp_schedule *sc)
{
    double v = scale_of(in) * (double)rp_schedule_score(m, s, sc->rots, sc->n);
    for (int i = 0; i < sc->n; i++) {
        v -= occupancy_price(m, in, sc->rots[i].department, sc->rots[i].start);
        if (in->bonus)
            v += in->bonus(in->ctx, s, sc->rots[i].department, sc->rots[i].start);
    }
    return v;
}

static bool push_option(rp_pricer *p, rot_option o)
{
    if (p->n_opt == p->cap_opt) {
        int cap = p->cap_opt ? 2 * p->cap_opt : 256;
        rot_option *n = realloc(p->opt, (size_t)cap * sizeof *n);
        if (!n)
            return false;
        p->opt = n;
        p->cap_opt = cap;
    }
    p->opt[p->n_opt++] = o;
    return true;
}

/* The student's options in start order, their disciplines' bits and local
 * hospitals. False when out of memory; *too_many when more disciplines than
 * the labels can name. */
static bool collect_options(rp_pricer *p, const rp_price_input *in, int s, int *n_bits,
                            bool *too_many)
{
    const rp_model *m = p->m;
    const rp_student *st = &m->students[s];
    int W = m->weeks;
    double scale = scale_of(in);
    p->n_opt = 0;
    p->n_local_hosp = 0;
    *too_many = false;
    for (int d = 0; d < m->n_disciplines; d++)
        p->bit_of[d] = -1;
    for (int h = 0; h < m->n_hospitals; h++)
        p->hosp_local[h] = -1;
    int bits = 0;
    for (int t = 0; t < W; t++) {
        p->first_opt[t] = p->n_opt;
        for (int dept = 0; dept < m->n_departments; dept++) {
            if (st->blocked[dept] != RP_BLOCK_NONE || !rp_may_start(m, s, dept, t, RP_PINS_KEPT))
                continue;
            if (in->allow_start && !in->allow_start(in->ctx, s, dept, t))
                continue;
            const rp_department *dep = &m->departments[dept];
            int d = dep->discipline;
            if (p->bit_of[d] < 0) {
                if (bits == MAX_BITS) {
                    *too_many = true;
                    return true;
                }
                p->disc_of_bit[bits] = d;
                p->bit_of[d] = bits++;
            }
            if (p->hosp_local[dep->hospital] < 0)
                p->hosp_local[dep->hospital] = p->n_local_hosp++;
            rot_option o = {t, t + m->disciplines[d].length, dept, p->bit_of[d],
                            p->hosp_local[dep->hospital], 0, 0};
            o.value = scale * rotation_score(m, st, dep) - occupancy_price(m, in, dept, t);
            if (in->bonus)
                o.value += in->bonus(in->ctx, s, dept, t);
            if (!push_option(p, o))
                return false;
        }
    }
    p->first_opt[W] = p->first_opt[W + 1] = p->n_opt;
    *n_bits = bits;
    return true;
}

/* Prerequisite and pin masks, and the requirements that need counting.
 * Returns 0 when fine, 1 when the rules cannot all hold, 2 when there are
 * too many counters. *tracked gets the disciplines named by a prerequisite
 * or a pin; *repeatable those no counted requirement of at most one keeps
 * from being done twice. */
static int build_rules(rp_pricer *p, int s, int bits, uint64_t *pinned, uint64_t *tracked,
                       uint64_t *repeatable)
{
    const rp_model *m = p->m;
    const rp_student *st = &m->students[s];
    *pinned = 0;
    *tracked = 0;
    *repeatable = bits == 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
    for (int b = 0; b < bits; b++) {
        p->pin_start[b] = -1;
        p->reqs_of_bit[b] = 0;
        const rp_discipline *d = &m->disciplines[p->disc_of_bit[b]];
        uint64_t need = 0;
        for (int k = 0; k < d->n_prerequisites; k++) {
            int q = p->bit_of[d->prerequisites[k]];
            need |= UINT64_C(1) << (q >= 0 ? q : b); /* no option: needs itself, never done */
        }
        p->prereq[b] = need;
        *tracked |= need;
    }
    p->n_req = 0;
    for (int r = 0; r < st->n_requirements; r++) {
        const rp_requirement *req = &st->requirements[r];
        uint64_t mask = 0;
        for (int k = 0; k < req->n_disciplines; k++) {
            int b = p->bit_of[req->disciplines[k]];
            if (b >= 0)
                mask |= UINT64_C(1) << b;
        }
        int have = __builtin_popcountll(mask);
        if (have < req->min)
            return 1;
        if (req->min <= 0 && (req->max < 0 || req->max >= have))
            continue; /* never binds once no discipline is done twice */
        int cap = req->max >= 0 ? req->max : req->min;
        if (p->n_req == MAX_COUNTERS || cap > COUNTER_MAX)
            return 2;
        p->req[p->n_req] = (requirement){mask, req->min, req->max, cap};
        if (req->max == 1)
            *repeatable &= ~mask;
        for (uint64_t left = mask; left; left &= left - 1)
            p->reqs_of_bit[__builtin_ctzll(left)] |= UINT64_C(1) << p->n_req;
        p->n_req++;
    }
    for (int k = 0; k < st->n_pins; k++) {
        int b = p->bit_of[st->pins[k].discipline];
        if (b < 0)
            return 1;
        *pinned |= UINT64_C(1) << b;
        if (st->pins[k].start >= 0)
            p->pin_start[b] = st->pins[k].start;
    }
    *tracked |= *pinned;
    return 0;
}

static int by_reach(const void *a, const void *b)
{
    const rot_option *x = a, *y = b;
    if (x->reach != y->reach)
        return x->reach > y->reach ? -1 : 1;
    if (x->department != y->department)
        return x->department < y->department ? -1 : 1;
    return 0; /* same week and department: the same option */
}

/* Options of each week by what they can reach at best, so that a label
 * stops looking at them as soon as none can beat the best known. */
static void order_options(rp_pricer *p)
{
    int W = p->m->weeks;
    for (int k = 0; k < p->n_opt; k++)
        p->opt[k].reach = p->opt[k].value + p->ub[p->opt[k].end];
    for (int w = 0; w < W; w++)
        qsort(p->opt + p->first_opt[w], (size_t)(p->first_opt[w + 1] - p->first_opt[w]),
              sizeof *p->opt, by_reach);
}

/* Optimistic values of the weeks left (idle and change costs and the rules
 * ignored, which only raises them), the best value of each discipline from
 * each week on, and how many rotations still fit. */
static void bounds_to_go(rp_pricer *p, int s, int bits)
{
    const rp_model *m = p->m;
    int W = m->weeks, shortest = W + 1;
    for (int k = 0; k < p->n_opt; k++)
        if (p->opt[k].end - p->opt[k].start < shortest)
            shortest = p->opt[k].end - p->opt[k].start;
    size_t stride = (size_t)W + 2;
    for (int b = 0; b < bits; b++)
        p->best_from[b * stride + W] = p->best_from[b * stride + W + 1] = 0;
    p->ub[W] = p->ub[W + 1] = 0;
    p->avail_from[W] = p->avail_from[W + 1] = 0;
    p->rot_from[W] = p->rot_from[W + 1] = 0;
    for (int w = W - 1; w >= 0; w--) {
        double best = p->ub[w + 1];
        for (int b = 0; b < bits; b++)
            p->best_from[b * stride + w] = p->best_from[b * stride + w + 1];
        for (int k = p->first_opt[w]; k < p->first_opt[w + 1]; k++) {
            const rot_option *o = &p->opt[k];
            double v = o->value + p->ub[o->end];
            if (v > best)
                best = v;
            double *bf = &p->best_from[o->bit * stride + w];
            if (o->value > *bf)
                *bf = o->value;
        }
        p->ub[w] = best > 0 ? best : 0;
        p->avail_from[w] = p->avail_from[w + 1] + (m->students[s].available[w] ? 1 : 0);
        p->rot_from[w] = p->avail_from[w] / shortest;
    }
}

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

static int hospital_count(uint64_t hosc, int h)
{
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(hosc, k);
        if (pair && pair_hospital(pair) == h)
            return pair_count(pair);
    }
    return 0;
}

/* hosc with one more rotation at hospital h; false when the pairs are full. */
static bool count_rotation(uint64_t hosc, int h, uint64_t *out)
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
static bool counts_within(uint64_t a, uint64_t b)
{
    if (a == b || a == 0)
        return true;
    for (int k = 0; k < PAIRS; k++) {
        unsigned pair = pair_at(a, k);
        if (!pair)
            break;
        if (pair_count(pair) > hospital_count(b, pair_hospital(pair)))
            return false;
    }
    return true;
}

static int counter(uint64_t word, int slot)
{
    return (int)(word >> (4 * slot) & 15);
}

typedef struct search {
    rp_pricer *p;
    bool tracks;         /* hospital changes cost */
    int limit;           /* rotations per hospital */
    bool counts;         /* the limit can bind: labels count rotations per hospital */
    uint64_t counted;    /* the local hospitals counted: those a path went over the limit in */
    double change, idle; /* scaled penalties */
    uint64_t tracked;    /* disciplines whose repetition is forbidden */
    uint64_t pinned;
    bool capped;         /* every discipline counts in a requirement with a most */
    int bits;
    int last_start;
    long label_limit, labels;
    bool overflow;
    double best;         /* of complete labels keeping every rule, or the incumbent */
    int *path;           /* [weeks + 1] options of the best such label, when found */
    int path_len;        /* -1: none found */
    double relaxed_best; /* of complete labels breaking a rule not tracked yet */
    int relaxed_label;
} search;

/* Most rotations a label at week with requirement counts reqc can still
 * take: as many as fit, and no more than the counted requirements allow
 * when every discipline counts in one with a most. */
static int rotations_left(const search *x, int week, uint64_t reqc)
{
    const rp_pricer *p = x->p;
    int left = p->rot_from[week];
    if (x->capped) {
        int room = 0;
        for (int r = 0; r < p->n_req; r++)
            if (p->req[r].max >= 0)
                room += p->req[r].max - counter(reqc, r);
        if (room < left)
            left = room;
    }
    return left;
}

/* Hospital counts that can no longer reach the limit are all alike: gone. */
static uint64_t canonical_counts(const search *x, int week, uint64_t reqc, uint64_t hosc)
{
    if (!hosc)
        return 0;
    int left = rotations_left(x, week, reqc);
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

/* What label a can still earn at most what b can, less `slack`: from a's
 * last hospital the first rotation may cost a change b's does not. */
static double handicap(const search *x, int node_a, int node_b)
{
    return x->tracks && node_a != node_b ? x->change : 0;
}

/* Offers a label. It is dropped when a label of its bucket dominates it (as
 * good after a change's handicap, and no hospital count higher), and it
 * drops the labels it dominates. False when out of memory. */
static bool offer(search *x, int week, int node, uint64_t set, uint64_t reqc, uint64_t hosc,
                  double value, int parent, int option)
{
    rp_pricer *p = x->p;
    if (x->counts)
        hosc = canonical_counts(x, week, reqc, hosc);
    int b = bucket_of(p, week, set, reqc);
    if (b < 0)
        return false;
    for (int i = p->bkt[b].first; i >= 0; i = p->lab[i].next) {
        const label *l = &p->lab[i];
        if (!l->dead && l->value - handicap(x, l->node, node) >= value - EPS &&
            counts_within(l->hosc, hosc))
            return true;
    }
    for (int i = p->bkt[b].first; i >= 0; i = p->lab[i].next) {
        label *l = &p->lab[i];
        if (!l->dead && value - handicap(x, node, l->node) >= l->value - EPS &&
            counts_within(hosc, l->hosc))
            l->dead = true;
    }
    if (x->labels >= x->label_limit) {
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

static bool requirements_met(const rp_pricer *p, uint64_t reqc)
{
    for (int r = 0; r < p->n_req; r++)
        if (counter(reqc, r) < p->req[r].min)
            return false;
    return true;
}

/* Rotations the requirements short of their minimum still need, at a week
 * each at least: fewer available weeks left cannot meet them. */
static int weeks_needed(const rp_pricer *p, uint64_t reqc)
{
    int need = 0;
    for (int r = 0; r < p->n_req; r++) {
        int short_of = p->req[r].min - counter(reqc, r);
        if (short_of > need)
            need = short_of;
    }
    return need;
}

/* The requirement counts after a rotation of discipline `bit`, or false
 * when it would pass a requirement's most. */
static bool advance_counts(const rp_pricer *p, int bit, uint64_t reqc, uint64_t *next)
{
    *next = reqc;
    for (uint64_t rs = p->reqs_of_bit[bit]; rs; rs &= rs - 1) {
        int r = __builtin_ctzll(rs);
        int c = counter(reqc, r);
        if (p->req[r].max >= 0 && c + 1 > p->req[r].max)
            return false;
        if (c < p->req[r].cap)
            *next += UINT64_C(1) << (4 * r);
    }
    return true;
}

/* The label's resources after o, or false when o breaks a counted rule. */
static bool take(search *x, const rot_option *o, const label *l, uint64_t *set,
                 uint64_t *reqc, uint64_t *hosc)
{
    const rp_pricer *p = x->p;
    uint64_t bit = UINT64_C(1) << o->bit;
    if ((l->set & bit) || (p->prereq[o->bit] & ~l->set))
        return false;
    if (!advance_counts(p, o->bit, l->reqc, reqc))
        return false;
    *set = l->set | (x->tracked & bit);
    *hosc = l->hosc;
    if (x->counted >> o->hospital & 1) {
        if (hospital_count(*hosc, o->hospital) + 1 > x->limit)
            return false;
        if (!count_rotation(*hosc, o->hospital, hosc)) {
            x->overflow = true; /* more hospitals at once than a label counts */
            return false;
        }
    }
    return true;
}

/* A pinned discipline whose pinned week has passed undone ends the label. */
static bool pins_still_possible(const rp_pricer *p, uint64_t pinned, uint64_t set, int week)
{
    for (uint64_t left = pinned & ~set; left; left &= left - 1) {
        int b = __builtin_ctzll(left);
        if (p->pin_start[b] >= 0 && p->pin_start[b] < week)
            return false;
    }
    return true;
}

/* Whether label i's path keeps the rules the relaxation does not track: no
 * discipline done twice, no hospital over the limit. With `learn`, the
 * disciplines done twice join *more_bits and the hospitals over the limit
 * are counted from now on. */
static bool path_keeps_rules(search *x, int i, bool learn, uint64_t *more_bits)
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
            if (learn)
                *more_bits |= bit;
        }
        seen |= bit;
        if (!x->counts || (x->counted >> o->hospital & 1))
            continue;
        if (++per_hospital[o->hospital] > x->limit) {
            keeps = false;
            if (learn)
                x->counted |= UINT64_C(1) << o->hospital;
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

/* Most entries of a completion table. */
#define COMPLETION_MAX 4000000

/* The position of requirement counts in the completion table. */
static int combo_of(const rp_pricer *p, uint64_t reqc)
{
    int at = 0;
    for (int r = 0; r < p->n_req; r++)
        at += counter(reqc, r) * p->stride[r];
    return at;
}

static double completion(const search *x, int week, int node, uint64_t reqc)
{
    const rp_pricer *p = x->p;
    if (!p->h_combos)
        return p->ub[week];
    return p->h[((size_t)week * p->h_nodes + node) * p->h_combos + combo_of(p, reqc)];
}

/* The requirement counts of combo c, packed as labels hold them. */
static uint64_t counts_of(const rp_pricer *p, int c)
{
    uint64_t reqc = 0;
    for (int r = p->n_req - 1; r >= 0; r--) {
        reqc |= (uint64_t)(c / p->stride[r]) << (4 * r);
        c %= p->stride[r];
    }
    return reqc;
}

/* Builds the completion table; false when out of memory. Too many entries
 * leave it empty, and the week bounds serve instead. For each week and
 * counts, the best rotation starting then is found once for any last
 * hospital and once per hospital; a last hospital elsewhere pays a change. */
static bool completion_table(search *x, int bits)
{
    rp_pricer *p = x->p;
    int W = p->m->weeks;
    p->h_combos = 0;
    size_t combos = 1;
    for (int r = 0; r < p->n_req; r++) {
        p->stride[r] = (int)combos;
        combos *= (size_t)p->req[r].cap + 1;
        if (combos > COMPLETION_MAX)
            return true;
    }
    int nodes = x->tracks ? p->n_local_hosp + 1 : 1;
    size_t size = ((size_t)W + 2) * (size_t)nodes * combos;
    size_t moves = (size_t)bits * combos;
    if (size > COMPLETION_MAX || moves > COMPLETION_MAX)
        return true;
    size_t need = size + combos + moves + (size_t)nodes;
    if (need > p->cap_h) {
        double *h = realloc(p->h, need * sizeof *h);
        if (!h)
            return false;
        p->h = h;
        p->cap_h = need;
    }
    /* after the table: whether each combo meets the minimums, where each
     * discipline moves each combo (-1: past a most), the best rotation per
     * last hospital */
    double *met = p->h + size, *next = met + combos, *per_hospital = next + moves;
    for (size_t c = 0; c < combos; c++) {
        uint64_t reqc = counts_of(p, (int)c);
        met[c] = requirements_met(p, reqc) ? 0 : -HUGE_VAL;
        for (int b = 0; b < bits; b++) {
            uint64_t after;
            next[(size_t)b * combos + c] =
                advance_counts(p, b, reqc, &after) ? (double)combo_of(p, after) : -1;
        }
    }
    p->h_nodes = nodes;
    p->h_combos = (int)combos;
    double *h = p->h;
    for (int w = W + 1; w >= 0; w--)
        for (size_t c = 0; c < combos; c++) {
            double any = -HUGE_VAL;
            for (int g = 1; g < nodes; g++)
                per_hospital[g] = -HUGE_VAL;
            for (int k = w < W ? p->first_opt[w] : 0; w < W && k < p->first_opt[w + 1]; k++) {
                const rot_option *o = &p->opt[k];
                double to_combo = next[(size_t)o->bit * combos + c];
                if (to_combo < 0)
                    continue;
                int to = x->tracks ? 1 + o->hospital : 0;
                double v = o->value + h[((size_t)o->end * nodes + to) * combos + (size_t)to_combo];
                if (v > any)
                    any = v;
                if (x->tracks && v > per_hospital[to])
                    per_hospital[to] = v;
            }
            for (int g = 0; g < nodes; g++) {
                double best = met[c];
                if (w < W && w + 1 <= x->last_start)
                    best = fmax(best, h[(((size_t)w + 1) * nodes + g) * combos + c] - x->idle);
                double rotation = g == 0 ? any : fmax(per_hospital[g], any - x->change);
                h[((size_t)w * nodes + g) * combos + c] = fmax(best, rotation);
            }
        }
    return true;
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
    int k = rotations_left(x, week, l->reqc);
    uint64_t all = x->bits == 64 ? ~UINT64_C(0) : (UINT64_C(1) << x->bits) - 1;
    double bound = fmin(p->ub[week], top_values(x, l, week, all, k));
    if (x->capped) {
        double by_requirement = 0;
        for (int r = 0; r < p->n_req && by_requirement < bound; r++)
            if (p->req[r].max >= 0)
                by_requirement +=
                    top_values(x, l, week, p->req[r].mask, p->req[r].max - counter(l->reqc, r));
        bound = fmin(bound, by_requirement);
    }
    return bound;
}

static bool extend(search *x, int week, int i)
{
    rp_pricer *p = x->p;
    label l = p->lab[i];
    if (l.value + completion(x, week, l.node, l.reqc) <= x->best + EPS ||
        l.value + still_to_earn(x, &l, week) <= x->best + EPS)
        return true; /* cannot beat what is known */
    if (l.dead)
        return true;
    if ((l.set & x->pinned) == x->pinned && requirements_met(p, l.reqc) &&
        l.value > x->best + EPS) {
        if (path_keeps_rules(x, i, false, NULL)) {
            x->best = l.value;
            keep_path(x, i);
        } else if (l.value > x->relaxed_best + EPS) {
            x->relaxed_best = l.value;
            x->relaxed_label = i;
        }
    }
    if (!pins_still_possible(p, x->pinned, l.set, week) ||
        p->avail_from[week] < weeks_needed(p, l.reqc))
        return true;
    int g = l.node;
    if (week + 1 <= x->last_start &&
        l.value - x->idle + completion(x, week + 1, g, l.reqc) > x->best + EPS &&
        !offer(x, week + 1, g, l.set, l.reqc, l.hosc, l.value - x->idle, i, -1))
        return false;
    for (int k = p->first_opt[week]; k < p->first_opt[week + 1]; k++) {
        const rot_option *o = &p->opt[k];
        if (l.value + o->reach <= x->best + EPS)
            break; /* in order of reach: none of the rest can do better */
        double v = l.value + o->value;
        uint64_t set, reqc, hosc;
        if (!take(x, o, &l, &set, &reqc, &hosc))
            continue;
        if (x->tracks && g > 0 && g != 1 + o->hospital)
            v -= x->change;
        int to = x->tracks ? 1 + o->hospital : 0;
        if (v + completion(x, o->end, to, reqc) <= x->best + EPS)
            continue;
        if (!offer(x, o->end, to, set, reqc, hosc, v, i, k))
            return false;
    }
    return true;
}

/* One relaxation from scratch, pruned by the best schedule known. False
 * when out of memory. */
static bool relaxation(search *x)
{
    rp_pricer *p = x->p;
    int W = p->m->weeks;
    reset_labels(p, W);
    x->relaxed_best = -HUGE_VAL;
    x->relaxed_label = -1;
    if (!offer(x, 0, 0, 0, 0, 0, 0, -1, -1))
        return false;
    for (int w = 0; w <= W && !x->overflow; w++)
        for (int i = p->week_first[w]; i >= 0 && !x->overflow; i = p->next_in_week[i])
            if (!extend(x, w, i))
                return false;
    return true;
}

/* The path the completion table's values follow from the first week (ties
 * to the first choice), into x->path; false when the table is empty or the
 * path breaks a rule the table does not see: a discipline twice, a
 * prerequisite not done first, a pin not kept, a hospital over the limit.
 * When it keeps them all it is the best schedule there is. */
static bool table_path(search *x)
{
    rp_pricer *p = x->p;
    if (!p->h_combos)
        return false;
    int W = p->m->weeks, w = 0, g = 0, n = 0;
    uint64_t reqc = 0, done = 0;
    int per_hospital[PAIR_HOSPITALS + 1] = {0};
    for (;;) {
        double here = completion(x, w, g, reqc);
        if (w >= W || (requirements_met(p, reqc) && here <= EPS && here >= -EPS))
            break; /* the path stops here */
        int pick = -1, to = g;
        uint64_t to_reqc = reqc;
        for (int k = p->first_opt[w]; k < p->first_opt[w + 1] && pick < 0; k++) {
            const rot_option *o = &p->opt[k];
            uint64_t next;
            if (!advance_counts(p, o->bit, reqc, &next))
                continue;
            int node = x->tracks ? 1 + o->hospital : 0;
            double v = o->value + completion(x, o->end, node, next);
            if (x->tracks && g > 0 && g != node)
                v -= x->change;
            if (fabs(v - here) <= EPS * fmax(1, fabs(here))) {
                pick = k;
                to = node;
                to_reqc = next;
            }
        }
        if (pick < 0) {
            if (w + 1 > x->last_start ||
                fabs(completion(x, w + 1, g, reqc) - x->idle - here) > EPS * fmax(1, fabs(here)))
                return false; /* the value is stopping, met above, or a tie lost */
            w++;
            continue;
        }
        const rot_option *o = &p->opt[pick];
        uint64_t bit = UINT64_C(1) << o->bit;
        if ((done & bit) || (p->prereq[o->bit] & ~done))
            return false;
        if (x->limit != RP_NO_LIMIT && ++per_hospital[o->hospital] > x->limit) {
            /* the search that follows counts this hospital from the start */
            if (x->counts)
                x->counted |= UINT64_C(1) << o->hospital;
            return false;
        }
        done |= bit;
        x->path[n++] = pick;
        w = o->end;
        g = to;
        reqc = to_reqc;
    }
    if ((done & x->pinned) != x->pinned)
        return false;
    /* the path's options, last first, as keep_path leaves them */
    for (int a = 0, b = n - 1; a < b; a++, b--) {
        int t = x->path[a];
        x->path[a] = x->path[b];
        x->path[b] = t;
    }
    x->path_len = n;
    return true;
}

static rp_status rebuild(const search *x, int s, rp_schedule *out)
{
    const rp_pricer *p = x->p;
    out->n = 0;
    for (int k = x->path_len - 1; k >= 0; k--) {
        const rot_option *o = &p->opt[x->path[k]];
        RP_TRY(rp_schedule_push(out, o->department, o->start));
    }
    out->score = rp_schedule_score(p->m, s, out->rots, out->n);
    return RP_OK;
}

rp_status rp_price_student(rp_pricer *p, const rp_price_input *in, int s, rp_schedule *out,
                           rp_price_result *res)
{
    const rp_model *m = p->m;
    const rp_student *st = &m->students[s];
    memset(res, 0, sizeof *res);
    res->bound = HUGE_VAL;
    bool too_many;
    int bits = 0;
    if (!collect_options(p, in, s, &bits, &too_many))
        return RP_ERR_NOMEM;
    if (too_many) {
        res->outcome = RP_PRICE_TOO_LARGE;
        return RP_OK;
    }
    bounds_to_go(p, s, bits);
    order_options(p);
    search x = {.p = p,
                .limit = st->max_per_hospital,
                .bits = bits,
                .last_start = -1,
                .label_limit = in->label_limit > 0 ? in->label_limit : RP_PRICE_LABELS,
                .best = in->incumbent,
                .path = p->path,
                .path_len = -1,
                .relaxed_label = -1};
    uint64_t repeatable;
    int verdict = build_rules(p, s, bits, &x.pinned, &x.tracked, &repeatable);
    if (verdict == 1) {
        res->outcome = RP_PRICE_INFEASIBLE;
        res->bound = -HUGE_VAL;
        return RP_OK;
    }
    if (verdict == 2) {
        res->outcome = RP_PRICE_TOO_LARGE;
        res->bound = p->ub[0];
        return RP_OK;
    }
    if (bits <= TRACK_ALL_BITS)
        x.tracked |= repeatable;
    uint64_t counted = 0;
    for (int r = 0; r < p->n_req; r++)
        if (p->req[r].max >= 0)
            counted |= p->req[r].mask;
    x.capped = bits < 64 && counted == (UINT64_C(1) << bits) - 1;
    x.counts = x.limit != RP_NO_LIMIT && x.limit < rotations_left(&x, 0, 0);
    if (x.counts && (p->n_local_hosp > PAIR_HOSPITALS || x.limit >= PAIR_COUNT_MAX)) {
        res->outcome = RP_PRICE_TOO_LARGE; /* more than a label can count */
        res->bound = p->ub[0];
        return RP_OK;
    }
    double scale = scale_of(in);
    x.change = scale * st->weights.change;
    x.idle = scale * st->weights.idle;
    x.tracks = st->weights.change > 0 && p->n_local_hosp >= 2;
    for (int k = 0; k < p->n_opt; k++)
        if (p->opt[k].start > x.last_start)
            x.last_start = p->opt[k].start;
    if (!completion_table(&x, bits))
        return RP_ERR_NOMEM;
    double upper = completion(&x, 0, 0, 0); /* the best bound proven so far */
    if (upper <= in->incumbent + EPS) {
        /* even the relaxation cannot beat the incumbent */
        res->outcome = RP_PRICE_EXACT;
        res->bound = in->incumbent;
        return RP_OK;
    }
    if (table_path(&x)) {
        /* the relaxation's best keeps every rule: no search needed */
        RP_TRY(rebuild(&x, s, out));
        res->found = true;
        res->value = res->bound = upper;
        res->outcome = RP_PRICE_EXACT;
        return RP_OK;
    }
    if (in->bound_only) {
        res->outcome = RP_PRICE_BOUNDED;
        res->bound = upper;
        return RP_OK;
    }
    for (;;) {
        if (!relaxation(&x))
            return RP_ERR_NOMEM;
        res->labels = x.labels;
        if (x.overflow) {
            res->outcome = RP_PRICE_TOO_LARGE;
            res->bound = upper;
            break;
        }
        if (x.relaxed_label < 0 || x.relaxed_best <= x.best + EPS) {
            res->outcome = RP_PRICE_EXACT; /* nothing the relaxation allows does better */
            res->bound = x.best;
            break;
        }
        upper = x.relaxed_best; /* the relaxation's best: labels were pruned below x.best only */
        uint64_t more_bits = 0;
        path_keeps_rules(&x, x.relaxed_label, true, &more_bits);
        x.tracked |= more_bits;
    }
    if (x.path_len >= 0) {
        RP_TRY(rebuild(&x, s, out));
        res->found = true;
        res->value = x.best;
    }
    if (res->outcome == RP_PRICE_EXACT && x.best == -HUGE_VAL) {
        res->outcome = RP_PRICE_INFEASIBLE;
        res->bound = -HUGE_VAL;
    }
    return RP_OK;
}
