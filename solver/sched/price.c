/*
 * The pricing search. Per student: the rotation options (discipline,
 * department, first week) that rp_may_start and the caller's filter allow,
 * each with its reduced value; the disciplines with an option get bits of a
 * 64-bit word.
 *
 * First a completion table (price_table.c): a backward dynamic programme
 * over weeks, last hospital and requirement counts bounds what the rest of
 * any path can earn; it ignores what the counts cannot see (a discipline
 * done twice, prerequisites, pins, the hospital limit), with multipliers
 * that charge for doing a discipline twice tuned by a few subgradient steps.
 * When the table's own best path keeps every rule it is the answer.
 *
 * Otherwise labels are made week by week (price_labels.c) and pruned by the
 * table. Resources stay small by decremental state-space relaxation: labels
 * count rotations per requirement and remember only the disciplines some
 * rule needs by name plus those a best path did twice; hospital counts are
 * kept, in (hospital, count) pairs, for the hospitals a best path took over
 * the limit. Each relaxation's best bounds the student's; when its path
 * keeps every rule it is the best schedule, otherwise what it broke, and
 * what every path tied with it broke, is tracked and the search runs again
 * (a student indifferent between hospitals would otherwise learn them one
 * relaxation at a time). Two labels with the same resources but
 * different last hospitals differ by at most one change in what they can
 * still earn, so one worse by more than a change is dropped.
 */
#include "solver/sched/price_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/form/may_start.h"

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
    p->scratch_path = malloc((W + 1) * sizeof *p->scratch_path);
    p->ub = malloc((W + 2) * sizeof *p->ub);
    p->avail_from = malloc((W + 2) * sizeof *p->avail_from);
    p->best_from = malloc(MAX_BITS * (W + 2) * sizeof *p->best_from);
    p->rot_from = malloc((W + 2) * sizeof *p->rot_from);
    p->week_first = malloc((W + 2) * sizeof *p->week_first);
    if (!p->first_opt || !p->bit_of || !p->hosp_local || !p->path || !p->scratch_path ||
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
    free(p->scratch_path);
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

/* The prices of the department-weeks a rotation occupies, and of its
 * team's weeks when it has a team (sched/schedule.h: cells). */
static double occupancy_price(const rp_model *m, const rp_price_input *in, int dept, int team,
                              int start)
{
    if (!in->cell_price)
        return 0;
    int len = m->disciplines[m->departments[dept].discipline].length;
    const double *row = in->cell_price + (size_t)dept * m->weeks;
    double c = 0;
    for (int w = start; w < start + len; w++)
        c += row[w];
    if (team >= 0) {
        const double *guide = in->cell_price + (size_t)(m->n_departments + team) * m->weeks;
        for (int w = start; w < start + len; w++)
            c += guide[w];
    }
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
        v -= occupancy_price(m, in, sc->rots[i].department, sc->rots[i].team, sc->rots[i].start);
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

/* Adds the options of department dept from week t: one, or one per team of
 * the department that may guide it (a supervisor's choice is part of the
 * option). False when out of memory. */
static bool department_options(rp_pricer *p, const rp_price_input *in, int s, int dept, int t,
                               rot_option o)
{
    const rp_model *m = p->m;
    const rp_department *dep = &m->departments[dept];
    double base = scale_of(in) * rotation_score(m, &m->students[s], dep);
    if (in->bonus)
        base += in->bonus(in->ctx, s, dept, t);
    if (dep->n_teams == 0) {
        o.team = -1;
        o.value = base - occupancy_price(m, in, dept, -1, t);
        return push_option(p, o);
    }
    for (int team = dep->first_team; team < dep->first_team + dep->n_teams; team++) {
        if (!rp_may_guide(m, s, dept, team, t, RP_PINS_KEPT))
            continue;
        o.team = team;
        o.value = base - occupancy_price(m, in, dept, team, t);
        if (!push_option(p, o))
            return false;
    }
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
            rot_option o = {t, t + m->disciplines[d].length, dept, p->bit_of[d], -1,
                            p->hosp_local[dep->hospital], 0, 0};
            if (!department_options(p, in, s, dept, t, o))
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
    if (x->team != y->team)
        return x->team < y->team ? -1 : 1;
    return 0; /* same week, department and team: the same option */
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

/* A bound from the options' values alone: every discipline at most once in
 * the weeks the student has (a fractional knapsack, the best value per week
 * first), and never more than the best path with repeats (ub). Requirements,
 * order, idle weeks and changes are ignored, which only raises it. */
static double rough_bound(const rp_pricer *p, int s, int bits)
{
    const rp_model *m = p->m;
    int first = m->students[s].first_week, stride = m->weeks + 2;
    double value[MAX_BITS], per_week[MAX_BITS];
    int length[MAX_BITS], n = 0;
    for (int b = 0; b < bits; b++) {
        double v = p->best_from[b * stride + first];
        if (v <= 0)
            continue;
        length[n] = m->disciplines[p->disc_of_bit[b]].length;
        value[n] = v;
        per_week[n] = v / length[n];
        n++;
    }
    double total = 0;
    for (int weeks = p->avail_from[first]; weeks > 0 && n > 0;) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (per_week[i] > per_week[best])
                best = i;
        total += length[best] <= weeks ? value[best] : per_week[best] * weeks;
        weeks -= length[best];
        value[best] = value[n - 1];
        per_week[best] = per_week[n - 1];
        length[best] = length[n - 1];
        n--;
    }
    return fmin(total, p->ub[0]);
}

static rp_status rebuild(const search *x, int s, rp_schedule *out)
{
    const rp_pricer *p = x->p;
    out->n = 0;
    for (int k = x->path_len - 1; k >= 0; k--) {
        const rot_option *o = &p->opt[x->path[k]];
        RP_TRY(rp_schedule_push(out, o->department, o->start, o->team));
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
    if (in->rough_bound) {
        res->outcome = RP_PRICE_BOUNDED;
        res->bound = rough_bound(p, s, bits);
        return RP_OK;
    }
    order_options(p);
    search x = {.p = p,
                .limit = st->max_per_hospital,
                .bits = bits,
                .first_week = st->first_week,
                .last_start = -1,
                .label_limit = in->label_limit > 0 ? in->label_limit : RP_PRICE_LABELS,
                .stop_at = in->stop_at,
                .level_every_student = in->level_every_student,
                .stop = in->stop,
                .best = in->incumbent,
                .path = p->path,
                .path_len = -1,
                .relaxed_label = -1};
    int verdict = build_rules(p, s, bits, &x.pinned, &x.tracked, &x.repeatable);
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
        x.tracked |= x.repeatable;
    uint64_t counted = 0;
    for (int r = 0; r < p->n_req; r++)
        if (p->req[r].max >= 0)
            counted |= p->req[r].mask;
    x.capped = bits < 64 && counted == (UINT64_C(1) << bits) - 1;
    x.counts = x.limit != RP_NO_LIMIT && x.limit < rp_pr_rotations_left(&x, 0, 0);
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
    memset(p->lambda, 0, sizeof p->lambda);
    p->lambda_sum = 0;
    if (!rp_pr_completion_table(&x, bits))
        return RP_ERR_NOMEM;
    double upper = rp_pr_still(&x, x.first_week, 0, 0, 0); /* the best bound proven so far */
    if (upper <= in->incumbent + EPS) {
        /* even the relaxation cannot beat the incumbent */
        res->outcome = RP_PRICE_EXACT;
        res->bound = in->incumbent;
        return RP_OK;
    }
    if (rp_pr_table_path(&x)) {
        /* the relaxation's best keeps every rule: no search needed */
        RP_TRY(rebuild(&x, s, out));
        res->found = true;
        res->value = res->bound = upper;
        res->outcome = RP_PRICE_EXACT;
        return RP_OK;
    }
    if (!rp_pr_tune_multipliers(&x, bits, in->incumbent))
        return RP_ERR_NOMEM;
    upper = fmin(upper, rp_pr_still(&x, x.first_week, 0, 0, 0));
    bool decided = true;
    if (upper <= x.best + EPS) {
        /* a path the multipliers found is proven best */
        res->outcome = RP_PRICE_EXACT;
        res->bound = x.best;
    } else if (in->bound_only) {
        res->outcome = RP_PRICE_BOUNDED;
        res->bound = upper;
    } else {
        decided = false;
    }
    while (!decided) {
        if (!rp_pr_relaxation(&x))
            return RP_ERR_NOMEM;
        res->labels = x.labels;
        if (x.overflow) {
            res->outcome = RP_PRICE_TOO_LARGE;
            res->bound = upper;
            decided = true;
            break;
        }
        if (x.relaxed_label < 0 || x.relaxed_best <= x.best + EPS) {
            res->outcome = RP_PRICE_EXACT; /* nothing the relaxation allows does better */
            res->bound = x.best;
            decided = true;
            break;
        }
        /* the relaxation's best bounds too (labels were pruned below x.best
         * only), as do the multipliers' table and the relaxations before */
        upper = fmin(upper, x.relaxed_best);
        x.tracked |= x.relaxed_twice;
        x.counted |= x.relaxed_over;
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
