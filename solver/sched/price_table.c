/* The completion table: what the rest of a path can earn at best. */
#include "solver/sched/price_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most entries of a completion table. */
#define COMPLETION_MAX 4000000

/* The position of requirement counts in the completion table. */
static int combo_of(const rp_pricer *p, uint64_t reqc)
{
    int at = 0;
    for (int r = 0; r < p->n_req; r++)
        at += rp_pr_counter(reqc, r) * p->stride[r];
    return at;
}

double rp_pr_still(const search *x, int week, int node, uint64_t reqc, uint64_t set)
{
    const rp_pricer *p = x->p;
    double back = p->lambda_sum;
    for (uint64_t done = set & x->tracked; done && back > 0; done &= done - 1)
        back -= p->lambda[__builtin_ctzll(done)];
    return rp_pr_completion(x, week, node, reqc) + back;
}

double rp_pr_completion(const search *x, int week, int node, uint64_t reqc)
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
bool rp_pr_completion_table(search *x, int bits)
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
        met[c] = rp_pr_requirements_met(p, reqc) ? 0 : -HUGE_VAL;
        for (int b = 0; b < bits; b++) {
            uint64_t after;
            next[(size_t)b * combos + c] =
                rp_pr_advance_counts(p, b, reqc, &after) ? (double)combo_of(p, after) : -1;
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
                double v = o->value - p->lambda[o->bit] +
                           h[((size_t)o->end * nodes + to) * combos + (size_t)to_combo];
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

/* The path the completion table's values follow from the first week of the
 * student's intake (ties
 * to the first choice): its options in time order into path[], their number
 * into *n. False when the table is empty or the values do not lead
 * anywhere (rounding). */
static bool table_walk(const search *x, int *path, int *n)
{
    const rp_pricer *p = x->p;
    if (!p->h_combos)
        return false;
    int W = p->m->weeks, w = x->first_week, g = 0;
    uint64_t reqc = 0;
    *n = 0;
    for (;;) {
        double here = rp_pr_completion(x, w, g, reqc);
        double tol = EPS * fmax(1, fabs(here));
        if (w >= W || (rp_pr_requirements_met(p, reqc) && fabs(here) <= tol))
            return true; /* the path stops here */
        int pick = -1, to = g;
        uint64_t to_reqc = reqc;
        for (int k = p->first_opt[w]; k < p->first_opt[w + 1] && pick < 0; k++) {
            const rot_option *o = &p->opt[k];
            uint64_t next;
            if (!rp_pr_advance_counts(p, o->bit, reqc, &next))
                continue;
            int node = x->tracks ? 1 + o->hospital : 0;
            double v = o->value - p->lambda[o->bit] + rp_pr_completion(x, o->end, node, next);
            if (x->tracks && g > 0 && g != node)
                v -= x->change;
            if (fabs(v - here) <= tol) {
                pick = k;
                to = node;
                to_reqc = next;
            }
        }
        if (pick < 0) {
            if (w + 1 > x->last_start ||
                fabs(rp_pr_completion(x, w + 1, g, reqc) - x->idle - here) > tol)
                return false;
            w++;
            continue;
        }
        path[(*n)++] = pick;
        w = p->opt[pick].end;
        g = to;
        reqc = to_reqc;
    }
}

/* Whether a walk keeps the rules the table does not see: a discipline
 * twice, a prerequisite not done first, a pin not kept, a hospital over the
 * limit (which the search then counts from the start). */
static bool walk_keeps_rules(search *x, const int *path, int n)
{
    const rp_pricer *p = x->p;
    uint64_t done = 0;
    int per_hospital[PAIR_HOSPITALS + 1] = {0};
    for (int i = 0; i < n; i++) {
        const rot_option *o = &p->opt[path[i]];
        uint64_t bit = UINT64_C(1) << o->bit;
        if ((done & bit) || (p->prereq[o->bit] & ~done))
            return false;
        if (x->limit != RP_NO_LIMIT && ++per_hospital[o->hospital] > x->limit) {
            if (x->counts)
                x->counted |= UINT64_C(1) << o->hospital;
            return false;
        }
        done |= bit;
    }
    return (done & x->pinned) == x->pinned;
}

/* The walk as the best path found (last option first, as keep_path does). */
static void keep_walk(search *x, const int *path, int n, double value)
{
    for (int i = 0; i < n; i++)
        x->path[i] = path[n - 1 - i];
    x->path_len = n;
    x->best = value;
}

/* The true reduced value of a walk (the multipliers left out). */
static double walk_value(const search *x, const int *path, int n)
{
    const rp_pricer *p = x->p;
    double v = 0;
    int g = 0, at = x->first_week; /* as the search: no one's idle before their intake */
    for (int i = 0; i < n; i++) {
        const rot_option *o = &p->opt[path[i]];
        v += o->value - x->idle * (o->start - at);
        if (x->tracks && g > 0 && g != 1 + o->hospital)
            v -= x->change;
        g = 1 + o->hospital;
        at = o->end;
    }
    return v;
}

/* The walk with each discipline it repeats (and each done before its
 * prerequisites) replaced by the best rotation in the same weeks at the same
 * hospital of a discipline it does not hold, counted in the same
 * requirements: the requirement counts, the hospital counts and the changes
 * stay the table's. False when one has no such replacement. A walk of the
 * multipliers' table is near the best schedule but for its repeats; the
 * schedule repaired gives the search a value to prune by from the start. */
static bool repair_walk(const search *x, int *path, int n)
{
    const rp_pricer *p = x->p;
    uint64_t held = 0, done = 0;
    for (int i = 0; i < n; i++)
        held |= UINT64_C(1) << p->opt[path[i]].bit;
    for (int i = 0; i < n; i++) {
        const rot_option *o = &p->opt[path[i]];
        if (!(done >> o->bit & 1) && !(p->prereq[o->bit] & ~done)) {
            done |= UINT64_C(1) << o->bit;
            continue;
        }
        int pick = -1;
        for (int k = p->first_opt[o->start]; k < p->first_opt[o->start + 1]; k++) {
            const rot_option *r = &p->opt[k];
            if (r->end != o->end || r->hospital != o->hospital || (held >> r->bit & 1) ||
                p->reqs_of_bit[r->bit] != p->reqs_of_bit[o->bit] || (p->prereq[r->bit] & ~done))
                continue;
            if (pick < 0 || r->value > p->opt[pick].value)
                pick = k;
        }
        if (pick < 0)
            return false;
        path[i] = pick;
        held |= UINT64_C(1) << p->opt[pick].bit;
        done |= UINT64_C(1) << p->opt[pick].bit;
    }
    return true;
}

bool rp_pr_table_path(search *x)
{
    int n;
    if (!table_walk(x, x->p->scratch_path, &n) || !walk_keeps_rules(x, x->p->scratch_path, n))
        return false;
    keep_walk(x, x->p->scratch_path, n, walk_value(x, x->p->scratch_path, n));
    return true;
}

/* Subgradient steps on the multipliers, and how far each moves. */
#define LAMBDA_ROUNDS 12
#define LAMBDA_STEP 1.0
/* Rounds without a better bound before the steps halve, from levelled
 * multipliers: the bound zigzags before it falls again (8% more in the
 * schedules found for students of 24 disciplines than with 1). */
#define LAMBDA_PATIENCE 3

static int by_value_down(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* Starting multipliers: within a counted requirement of k disciplines,
 * each discipline the counts let repeat is charged down to the (k+1)-th
 * best discipline's best rotation, so that no one discipline is worth
 * repeating to make up the count. Subgradient steps from zero take many
 * rounds to get there: a path of the table repeats the best discipline
 * as often as the weeks allow, and Polyak's steps shrink before the
 * charges reach it. */
static void level_multipliers(search *x, int bits, uint64_t loose)
{
    rp_pricer *p = x->p;
    size_t stride = (size_t)p->m->weeks + 2;
    for (int r = 0; r < p->n_req; r++) {
        double v[MAX_BITS];
        int n = 0, k = p->req[r].min > 0 ? p->req[r].min : p->req[r].cap;
        for (uint64_t b = p->req[r].mask; b; b &= b - 1)
            v[n++] = p->best_from[(size_t)__builtin_ctzll(b) * stride + x->first_week];
        qsort(v, (size_t)n, sizeof *v, by_value_down);
        double level = k < n ? v[k] : 0;
        for (uint64_t b = p->req[r].mask & loose; b; b &= b - 1) {
            int d = __builtin_ctzll(b);
            double above = p->best_from[(size_t)d * stride + x->first_week] - level;
            p->lambda[d] = fmax(p->lambda[d], above);
        }
    }
    p->lambda_sum = 0;
    for (int d = 0; d < bits; d++)
        p->lambda_sum += p->lambda[d];
}

bool rp_pr_tune_multipliers(search *x, int bits, double incumbent)
{
    rp_pricer *p = x->p;
    uint64_t loose = x->repeatable; /* what the counts let repeat in the table */
    if (!loose || !p->h_combos)
        return true;
    /* Students of few disciplines track every repeat from the start and
     * price exactly in few labels either way; their multipliers move as
     * before, from zero, since other steps change which of equal schedules
     * comes first; the bounds are the same, and the plans of the dive over
     * the master move (tests/test_cg.c test_dive_whatever_comes_first). */
    bool many = bits > TRACK_ALL_BITS || x->level_every_student;
    int patience = many ? LAMBDA_PATIENCE : 1;
    if (many) {
        level_multipliers(x, bits, loose);
        if (p->lambda_sum > 0 && !rp_pr_completion_table(x, bits))
            return false;
    }
    double best_upper = HUGE_VAL, best_lambda[MAX_BITS];
    double theta = LAMBDA_STEP;
    int unimproved = 0;
    int *path = p->scratch_path, n;
    for (int round = 0; round < LAMBDA_ROUNDS; round++) {
        double upper = rp_pr_completion(x, x->first_week, 0, 0) + p->lambda_sum;
        if (upper < best_upper - EPS) {
            best_upper = upper;
            memcpy(best_lambda, p->lambda, sizeof best_lambda);
            unimproved = 0;
        } else if (++unimproved == patience) {
            theta /= 2;
            unimproved = 0;
        }
        double known = fmax(incumbent, x->best);
        if (upper <= known + EPS || !table_walk(x, path, &n))
            break;
        int uses[MAX_BITS] = {0};
        for (int i = 0; i < n; i++)
            uses[p->opt[path[i]].bit]++;
        double norm = 0;
        for (uint64_t b = loose; b; b &= b - 1) {
            int g = uses[__builtin_ctzll(b)] - 1;
            if (g > 0 || p->lambda[__builtin_ctzll(b)] > 0)
                norm += (double)g * g;
        }
        if (walk_keeps_rules(x, path, n) ||
            (repair_walk(x, path, n) && walk_keeps_rules(x, path, n))) {
            double v = walk_value(x, path, n);
            if (v > x->best + EPS)
                keep_walk(x, path, n, v);
        }
        if (norm == 0)
            break; /* nothing repeats: the multipliers have done their part */
        /* Polyak's step towards the best schedule known, or, with none yet,
         * towards a tenth below the bound */
        double gap = known > -HUGE_VAL ? upper - known : 0.1 * fabs(upper) + 1;
        double step = theta * fmax(gap, 1e-6) / norm;
        p->lambda_sum = 0;
        for (uint64_t b = loose; b; b &= b - 1) {
            int d = __builtin_ctzll(b);
            p->lambda[d] = fmax(0, p->lambda[d] + step * (uses[d] - 1));
            p->lambda_sum += p->lambda[d];
        }
        if (!rp_pr_completion_table(x, bits))
            return false;
    }
    /* back to the multipliers of the best bound */
    if (best_upper < HUGE_VAL && memcmp(best_lambda, p->lambda, sizeof best_lambda) != 0) {
        memcpy(p->lambda, best_lambda, sizeof best_lambda);
        p->lambda_sum = 0;
        for (int d = 0; d < bits; d++)
            p->lambda_sum += p->lambda[d];
        if (!rp_pr_completion_table(x, bits))
            return false;
    }
    return true;
}
