#include "solver/solve/leximin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/heur/heur.h"

/* Seconds left of the limit (0: none), never quite nothing. */
static double left(const rp_solve_options *opt, double t0)
{
    if (opt->time_limit <= 0)
        return 0;
    double l = opt->time_limit - (rp_clock_seconds() - t0);
    return l > 1e-3 ? l : 1e-3;
}

/* The first plan: the heuristic's, else whatever the search finds first. */
static rp_status first_plan(rp_form *f, const rp_solve_options *opt, double t0, rp_plan **plan,
                            rp_solve_result *res)
{
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.time_limit = opt->heuristic_time > 0 ? opt->heuristic_time : 10;
    if (opt->time_limit > 0 && opt->time_limit / 5 < ho.time_limit)
        ho.time_limit = opt->time_limit / 5;
    ho.interrupt = opt->interrupt;
    ho.warm_start = opt->warm_start;
    rp_heur_result hr;
    rp_status st = opt->heuristic || opt->warm_start ? rp_heur_plan(f->model, &ho, plan, &hr)
                                                     : RP_ERR_NO_PLAN;
    if (st == RP_OK || st == RP_ERR_NOMEM)
        return st;
    rp_solve_options first = *opt;
    first.gap = 0.99; /* any plan will do: the levels improve it */
    first.time_limit = left(opt, t0);
    return rp_solve_form(f, &first, plan, res);
}

typedef struct run {
    rp_form *f;
    const rp_solve_options *opt;
    double t0;
    double *values;     /* [cap] the plan's column values */
    int cap;
    rp_plan *plan;      /* the best so far, owned */
    rp_solve_result *res;
    bool proven;        /* every level so far proven */
} run;

/* The plan's column values, and the sum and minimum of the students' scores. */
static rp_status plan_values(run *r, double *sum, double *worst)
{
    int n = r->f->lp->n_cols;
    if (n + 1 > r->cap) {
        double *grown = realloc(r->values, ((size_t)n + 1) * sizeof *grown);
        if (!grown)
            return RP_ERR_NOMEM;
        r->values = grown;
        r->cap = n + 1;
    }
    RP_TRY(rp_form_values(r->f, r->plan, r->values, NULL));
    *sum = 0;
    *worst = HUGE_VAL;
    for (int s = 0; s < r->f->model->n_students; s++) {
        double v = rp_form_student_score(r->f, s, r->values);
        *sum += v;
        if (v < *worst)
            *worst = v;
    }
    if (r->f->model->n_students == 0)
        *worst = 0;
    return RP_OK;
}

/* One level v: its optimum, searched from the plan before unless that plan
 * meets the lower bound. Sets *h to the level's value in the plan kept and
 * *stop when the time ran out. */
static rp_status raise_level(run *r, long v, double lower, double *h, bool *stop)
{
    int level;
    RP_TRY(rp_form_add_level(r->f, v, &level));
    double sum, worst;
    RP_TRY(plan_values(r, &sum, &worst));
    *h = rp_form_level_value(r->f, level, r->values);
    if (*h > lower + 0.5) {
        rp_solve_options so = *r->opt;
        so.warm_start = r->plan;
        so.heuristic = false;
        so.gap = 0;
        so.time_limit = left(r->opt, r->t0);
        rp_plan *better = NULL;
        rp_solve_result sr;
        rp_status st = rp_solve_form(r->f, &so, &better, &sr);
        if (st == RP_ERR_NOMEM)
            return st;
        if (st == RP_OK) {
            rp_plan_free(&r->plan);
            r->plan = better;
            RP_TRY(plan_values(r, &sum, &worst));
            *h = rp_form_level_value(r->f, level, r->values);
        }
        r->res->root_seconds += sr.root_seconds;
        if (st != RP_OK || sr.plan_status != RP_PLAN_OPTIMAL) {
            r->proven = false;
            r->res->time_limit_reached |= sr.time_limit_reached;
            r->res->interrupted |= sr.interrupted;
            *stop = true;
        }
    }
    rp_form_cap_level(r->f, level, *h);
    return RP_OK;
}

static rp_status levels(run *r, double floor)
{
    const rp_model *m = r->f->model;
    rp_form_floor_scores(r->f, floor);
    r->res->level_floor = (long)floor;
    double h_prev = 0, at_most_prev = 0; /* h(v-1), and the students at most v-2 */
    bool stop = false;
    for (long v = (long)floor + 1; !stop; v++) {
        double h;
        RP_TRY(raise_level(r, v, h_prev + at_most_prev, &h, &stop));
        r->res->levels++;
        r->res->level_last = v;
        double at_most = h - h_prev; /* students scoring at most v-1 */
        if (at_most >= m->n_students - 0.5) {
            r->res->levels_complete = r->proven;
            break;
        }
        if (r->opt->interrupt && *r->opt->interrupt) {
            r->res->interrupted = true;
            r->proven = false;
            break;
        }
        h_prev = h;
        at_most_prev = at_most;
    }
    return RP_OK;
}

rp_status rp_solve_leximin(const rp_model *m, const rp_solve_options *opt_in, rp_plan **out,
                           rp_solve_result *res)
{
    double t0 = rp_clock_seconds();
    rp_solve_options opt;
    if (opt_in)
        opt = *opt_in;
    else
        rp_solve_options_init(&opt);
    opt.form.score_columns = true;
    *out = NULL;
    memset(res, 0, sizeof *res);
    res->warm_start_bad_rotation = -1;
    run r = {.opt = &opt, .t0 = t0, .res = res, .proven = true};
    rp_status st = rp_form_build(m, &opt.form, &r.f);
    res->build_seconds = rp_clock_seconds() - t0;
    if (st == RP_OK)
        st = first_plan(r.f, &opt, t0, &r.plan, res);
    double sum = 0, worst = 0;
    if (st == RP_OK)
        st = plan_values(&r, &sum, &worst);
    if (st == RP_OK)
        st = levels(&r, worst);
    if (st == RP_OK) {
        st = plan_values(&r, &sum, &worst);
        res->size = rp_lp_size_of(r.f->lp);
    }
    if (st == RP_OK) {
        bool optimal = r.proven && res->levels_complete;
        r.plan->status = optimal ? RP_PLAN_OPTIMAL : RP_PLAN_FEASIBLE;
        r.plan->has_objective = true;
        r.plan->objective = round(sum);
        r.plan->has_bound = optimal;
        r.plan->bound = optimal ? round(sum) : 0;
        res->plan_status = r.plan->status;
        res->has_objective = true;
        res->objective = r.plan->objective;
        res->has_bound = optimal;
        res->bound = r.plan->bound;
        res->gap = 0;
        *out = r.plan;
        r.plan = NULL;
    }
    rp_plan_free(&r.plan);
    free(r.values);
    rp_form_free(&r.f);
    res->seconds = rp_clock_seconds() - t0;
    res->status = st;
    return st;
}
