#include "solver/solve/lns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/rng.h"
#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/sched/schedule.h"
#include "solver/solve/residual.h"

#define GROUP 40        /* students freed at once */
#define NODE_LIMIT 200  /* branch-and-bound nodes per neighbourhood */
#define KINDS 4

void rp_lns_options_init(rp_lns_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->deadline = HUGE_VAL;
    opt->seed = 1;
}

typedef struct lns {
    const rp_model *m;
    const rp_lns_options *opt;
    int S, W, C, group;
    rp_schedule *sched; /* [S] the current plan */
    int *load;          /* [C] */
    int *others;        /* [C] scratch: the load of the students not freed */
    int *cells;         /* [2 x weeks] scratch: a schedule's cells */
    int *freed;         /* [group] */
    char *is_freed;     /* [S] */
    int n_freed;
    rp_rng rng;
    long sum, worst;    /* of the current plan */
    double objective;
} lns;

static int length_of(const rp_model *m, int dept)
{
    return m->disciplines[m->departments[dept].discipline].length;
}

/* Adds (sign +1) or takes out (-1) student s's cells (sched/schedule.h) in
 * load[]. */
static void count_cells(lns *x, int s, int *load, int sign)
{
    int n = rp_schedule_cells(x->m, &x->sched[s], x->cells);
    for (int i = 0; i < n; i++)
        load[x->cells[i]] += sign;
}

static void add_load(lns *x, int s, int sign)
{
    count_cells(x, s, x->load, sign);
}

static void rescore(lns *x)
{
    x->sum = 0;
    x->worst = 0;
    for (int s = 0; s < x->S; s++) {
        x->sum += x->sched[s].score;
        if (s == 0 || x->sched[s].score < x->worst)
            x->worst = x->sched[s].score;
    }
    x->objective = (double)x->sum + (double)x->m->objective.fairness * (double)x->worst;
}

static bool stopped(const lns *x)
{
    return (x->opt->interrupt && *x->opt->interrupt) || rp_clock_seconds() >= x->opt->deadline;
}

static void free_student(lns *x, int s)
{
    if (x->n_freed < x->group && !x->is_freed[s]) {
        x->is_freed[s] = 1;
        x->freed[x->n_freed++] = s;
    }
}

/* Students with a rotation in department p over weeks [from, to]. */
static void free_department(lns *x, int p, int from, int to)
{
    for (int s = 0; s < x->S && x->n_freed < x->group; s++) {
        const rp_schedule *sc = &x->sched[s];
        for (int i = 0; i < sc->n; i++) {
            const rp_sched_rot *r = &sc->rots[i];
            if (r->department == p && r->start <= to && r->start + length_of(x->m, p) > from) {
                free_student(x, s);
                break;
            }
        }
    }
}

static void free_hospital(lns *x, int h)
{
    int offset = rp_rng_below(&x->rng, x->S);
    for (int k = 0; k < x->S && x->n_freed < x->group; k++) {
        int s = (k + offset) % x->S;
        const rp_schedule *sc = &x->sched[s];
        for (int i = 0; i < sc->n; i++)
            if (x->m->departments[sc->rots[i].department].hospital == h) {
                free_student(x, s);
                break;
            }
    }
}

/* The worst-off students first, half the group at most. */
static void free_worst(lns *x)
{
    for (int round = 0; round < x->group / 2 && x->n_freed < x->group / 2; round++) {
        int pick = -1;
        for (int s = 0; s < x->S; s++)
            if (!x->is_freed[s] && (pick < 0 || x->sched[s].score < x->sched[pick].score))
                pick = s;
        if (pick < 0)
            break;
        free_student(x, pick);
    }
}

/* The next neighbourhood, of kind `kind`, topped up with random students. */
static void choose(lns *x, int kind)
{
    for (int i = 0; i < x->n_freed; i++)
        x->is_freed[x->freed[i]] = 0;
    x->n_freed = 0;
    const rp_model *m = x->m;
    if (kind == 1 && m->n_departments > 0) {
        int p = rp_rng_below(&x->rng, m->n_departments);
        int w = rp_rng_below(&x->rng, x->W);
        int len = length_of(m, p);
        free_department(x, p, w - len, w + len);
    } else if (kind == 2 && m->objective.fairness > 0) {
        free_worst(x);
    } else if (kind == 3 && m->n_hospitals > 1) {
        free_hospital(x, rp_rng_below(&x->rng, m->n_hospitals));
    }
    for (int tries = 0; x->n_freed < x->group && tries < 4 * x->group; tries++)
        free_student(x, rp_rng_below(&x->rng, x->S));
}

/* The freed students' part of the plan, as a plan of the residual model;
 * a member of each rotation's team stands for the team (form's columns are
 * read from a supervisor). */
static rp_status sub_plan(const lns *x, rp_plan *plan)
{
    rp_plan_reset(plan);
    for (int i = 0; i < x->n_freed; i++) {
        const rp_schedule *sc = &x->sched[x->freed[i]];
        for (int k = 0; k < sc->n; k++) {
            int t = sc->rots[k].team;
            int stand_in = t >= 0 && x->m->teams[t].n_members > 0 ? x->m->teams[t].members[0] : -1;
            RP_TRY(rp_plan_add_guided(plan, i, sc->rots[k].department, sc->rots[k].start,
                                      length_of(x->m, sc->rots[k].department), stand_in));
        }
    }
    return RP_OK;
}

/* The others' worst score, or +infinity when every student is freed. */
static double others_worst(const lns *x)
{
    double worst = HUGE_VAL;
    for (int s = 0; s < x->S; s++)
        if (!x->is_freed[s] && (double)x->sched[s].score < worst)
            worst = (double)x->sched[s].score;
    return worst;
}

/* Solves the freed students again; takes their new schedules when the
 * whole plan gains. */
static rp_status improve_once(lns *x, rp_plan *scratch, bool *improved)
{
    *improved = false;
    memcpy(x->others, x->load, (size_t)x->C * sizeof *x->others);
    for (int i = 0; i < x->n_freed; i++)
        count_cells(x, x->freed[i], x->others, -1);
    rp_residual *r = NULL;
    RP_TRY(rp_residual_make(x->m, x->freed, x->n_freed, x->others, &r));
    rp_form_options fo;
    rp_form_options_init(&fo);
    fo.names = false;
    rp_form *f = NULL;
    double *values = NULL;
    rp_status st = rp_form_build(&r->model, &fo, &f);
    if (st == RP_OK)
        st = sub_plan(x, scratch);
    if (st == RP_OK) {
        values = malloc(((size_t)f->lp->n_cols + 1) * sizeof *values);
        st = values ? rp_form_values(f, scratch, values, NULL) : RP_ERR_NOMEM;
    }
    if (st == RP_ERR_INVALID)
        st = RP_OK; /* the current schedules do not fit the residual model: skip */
    else if (st == RP_OK && f->worst_col >= 0) {
        double cap = others_worst(x);
        rp_lp_set_col_bounds(f->lp, f->worst_col, -RP_LP_INF, cap);
        if (values[f->worst_col] > cap)
            values[f->worst_col] = cap;
    }
    if (st == RP_OK && values && f) {
        rp_mip_options mo;
        rp_mip_options_init(&mo);
        mo.time_limit = x->opt->deadline - rp_clock_seconds();
        if (isinf(x->opt->deadline))
            mo.time_limit = 0;
        else if (mo.time_limit <= 0)
            mo.time_limit = 1e-3;
        mo.warm_start = values;
        mo.node_limit = x->opt->node_limit > 0 ? x->opt->node_limit : NODE_LIMIT;
        mo.interrupt = x->opt->interrupt;
        rp_glpk_tuning tune;
        rp_glpk_tuning_init(&tune);
        tune.rins_share = 0;
        tune.bound_share = 0;
        tune.dive_heur = false; /* its share of the time would make the result depend on it */
        rp_mip_result mr;
        st = rp_glpk_solve(f->lp, &mo, &tune, &mr);
        double before = rp_lp_objective(f->lp, values);
        if (st == RP_OK && mr.objective > before + 0.5) {
            st = rp_form_plan(f, mr.values, scratch);
            if (st == RP_OK) {
                rp_plan_sort(scratch);
                for (int i = 0; i < x->n_freed; i++)
                    add_load(x, x->freed[i], -1);
                for (int i = 0; i < x->n_freed; i++)
                    x->sched[x->freed[i]].n = 0;
                for (int k = 0; st == RP_OK && k < scratch->n_rotations; k++) {
                    const rp_rotation *rot = &scratch->rotations[k];
                    int j = rp_form_x(f, rot->student, rot->department, rot->start);
                    st = rp_schedule_push(&x->sched[x->freed[rot->student]], rot->department,
                                          rot->start, rp_form_x_team(f, j, mr.values));
                }
                for (int i = 0; i < x->n_freed; i++) {
                    int s = x->freed[i];
                    x->sched[s].score = rp_schedule_score(x->m, s, x->sched[s].rots, x->sched[s].n);
                    add_load(x, s, +1);
                }
                rescore(x);
                *improved = true;
            }
        } else if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED || st == RP_ERR_INFEASIBLE ||
                   st == RP_OK) {
            st = RP_OK;
        }
        rp_mip_result_clear(&mr);
    }
    free(values);
    rp_form_free(&f);
    rp_residual_free(&r);
    return st;
}

static void report(const lns *x)
{
    if (!x->opt->progress)
        return;
    rp_mip_progress p =
        rp_mip_report(rp_clock_seconds() - x->opt->started + x->opt->seconds_before, "improving",
                      true, x->objective, x->opt->has_bound, x->opt->bound);
    x->opt->progress(x->opt->progress_ctx, &p);
}

/* The improved plan into plan, supervisors given anew within their teams. */
static rp_status write_back(const lns *x, rp_plan *plan)
{
    const rp_schedule **of = malloc(((size_t)x->S + 1) * sizeof *of);
    if (!of)
        return RP_ERR_NOMEM;
    for (int s = 0; s < x->S; s++)
        of[s] = &x->sched[s];
    rp_plan *made = NULL;
    rp_status st = rp_schedules_to_plan(x->m, of, &made);
    free(of);
    if (st == RP_ERR_NOMEM)
        return st;
    rp_plan_reset(plan);
    for (int i = 0; i < made->n_rotations && st != RP_ERR_NOMEM; i++) {
        const rp_rotation *r = &made->rotations[i];
        st = rp_plan_add_guided(plan, r->student, r->department, r->start, r->length,
                                r->supervisor);
    }
    rp_plan_free(&made);
    if (st == RP_ERR_NOMEM)
        return st;
    plan->has_objective = true;
    plan->objective = x->objective;
    return RP_OK;
}

rp_status rp_lns_improve(const rp_model *m, const rp_lns_options *opt, rp_plan *plan,
                         rp_lns_result *res)
{
    memset(res, 0, sizeof *res);
    lns x = {.m = m, .opt = opt, .S = m->n_students, .W = m->weeks,
             .C = rp_sched_cells(m), .rng = rp_rng_seeded(opt->seed)};
    x.group = opt->group > 0 ? opt->group : GROUP;
    if (x.group > x.S)
        x.group = x.S;
    x.sched = calloc((size_t)x.S + 1, sizeof *x.sched);
    x.load = calloc((size_t)x.C + 1, sizeof *x.load);
    x.others = malloc(((size_t)x.C + 1) * sizeof *x.others);
    x.cells = malloc((2 * (size_t)x.W + 1) * sizeof *x.cells);
    x.freed = malloc(((size_t)x.group + 1) * sizeof *x.freed);
    x.is_freed = calloc((size_t)x.S + 1, 1);
    rp_plan *scratch = rp_plan_new();
    rp_status st = x.sched && x.load && x.others && x.cells && x.freed && x.is_freed && scratch
                       ? RP_OK
                       : RP_ERR_NOMEM;
    if (st == RP_OK)
        st = rp_schedules_from_plan(m, plan, x.sched);
    if (st == RP_OK) {
        for (int s = 0; s < x.S; s++)
            add_load(&x, s, +1);
        rescore(&x);
    }
    bool changed = false;
    while (st == RP_OK && x.S > 0 && !stopped(&x) &&
           (opt->max_neighbourhoods <= 0 || res->tried < opt->max_neighbourhoods) &&
           !(opt->has_bound && x.objective >= opt->bound - 1e-6)) {
        choose(&x, (int)(res->tried % KINDS));
        bool improved;
        st = improve_once(&x, scratch, &improved);
        res->tried++;
        if (improved) {
            res->improved++;
            changed = true;
            report(&x);
        }
    }
    if (st == RP_OK && changed)
        st = write_back(&x, plan);
    res->objective = x.objective;
    for (int s = 0; s < x.S && x.sched; s++)
        rp_schedule_clear(&x.sched[s]);
    free(x.sched);
    free(x.load);
    free(x.others);
    free(x.cells);
    free(x.freed);
    free(x.is_freed);
    rp_plan_free(&scratch);
    return st;
}
