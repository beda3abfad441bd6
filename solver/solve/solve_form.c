/* rp_solve_form: the compact program, from a warm start, by GLPK's search. */
#include "solver/solve/solve.h"

#include "base/clock.h"
#include "solver/solve/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tolerance for checking a solution against the rows (all data are integers). */
#define FEAS_TOL 1e-6

/* The student of each column (-1 for none), so that improving the warm start may
 * re-place a few students at once. NULL when out of memory: then it is
 * done without. */
static int *column_students(const rp_form *f)
{
    int n = f->lp->n_cols;
    int *group = malloc((size_t)(n > 0 ? n : 1) * sizeof *group);
    for (int j = 0; group && j < n; j++)
        group[j] = rp_form_col_tag(f, j).student;
    return group;
}

/* Column values for the starting plan, or NULL when it cannot be used. */
static rp_status warm_start_values(rp_form *f, const rp_plan *plan, rp_solve_result *res,
                              double **out)
{
    *out = NULL;
    res->warm_start_given = true;
    res->warm_start_bad_rotation = -1;
    double *values = malloc(((size_t)f->lp->n_cols + 1) * sizeof *values);
    if (!values)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_values(f, plan, values, &res->warm_start_bad_rotation);
    if (st == RP_ERR_NOMEM) {
        free(values);
        return st;
    }
    rp_lp_breach first;
    int breaches = st == RP_OK ? rp_lp_check(f->lp, values, FEAS_TOL, &first) : 1;
    if (breaches < 0) {
        free(values);
        return RP_ERR_NOMEM;
    }
    if (breaches > 0) {
        res->warm_start_rejected = true;
        free(values);
        return RP_OK;
    }
    *out = values;
    return RP_OK;
}

static rp_status make_plan(rp_form *f, const rp_mip_result *mr, rp_solve_result *res,
                           rp_plan **out)
{
    /* the search's word is checked, not trusted */
    int breaches = rp_lp_check(f->lp, mr->values, FEAS_TOL, NULL);
    if (breaches < 0)
        return RP_ERR_NOMEM;
    if (breaches > 0)
        return RP_ERR_SOLVER;
    rp_plan *plan = rp_plan_new();
    if (!plan)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_plan(f, mr->values, plan);
    if (st) {
        rp_plan_free(&plan);
        return st;
    }
    bool integral = rp_lp_objective_integral(f->lp);
    double objective = rp_lp_objective(f->lp, mr->values);
    double bound = mr->bound;
    if (integral) {
        objective = round(objective);
        bound = f->lp->maximise ? floor(bound + 1e-6) : ceil(bound - 1e-6);
    }
    if (mr->optimal && mr->gap == 0)
        bound = objective;
    if (f->lp->maximise ? bound < objective : bound > objective)
        bound = objective;
    plan->status = mr->optimal ? RP_PLAN_OPTIMAL : RP_PLAN_FEASIBLE;
    plan->has_objective = true;
    plan->objective = objective;
    plan->has_bound = mr->has_bound;
    plan->bound = mr->has_bound ? bound : 0;
    res->has_objective = true;
    res->objective = objective;
    res->bound = plan->bound;
    res->gap = mr->has_bound ? rp_mip_gap(objective, bound) : 0;
    res->plan_status = plan->status;
    *out = plan;
    return RP_OK;
}

rp_status rp_solve_form(rp_form *f, const rp_solve_options *opt, rp_plan **plan,
                        rp_solve_result *res)
{
    double t0 = rp_clock_seconds();
    rp_solve_options defaults;
    if (!opt) {
        rp_solve_options_init(&defaults);
        opt = &defaults;
    }
    *plan = NULL;
    double build_seconds = res->build_seconds;
    memset(res, 0, sizeof *res);
    res->build_seconds = build_seconds;
    res->warm_start_bad_rotation = -1;
    rp_lp_compact(f->lp);
    res->size = rp_lp_size_of(f->lp);

    double *warm_start = NULL;
    rp_plan *heuristic_plan = NULL;
    rp_status st = RP_OK;
    const rp_plan *warm_start_plan = opt->warm_start;
    if (!warm_start_plan && opt->heuristic) {
        RP_TRY_GOTO(rp_solve_heuristic(f->model, opt, res->build_seconds + opt->seconds_before, res,
                                               &heuristic_plan), done);
        warm_start_plan = heuristic_plan;
        res->warm_start_from_heuristic = heuristic_plan != NULL;
    }
    if (warm_start_plan)
        RP_TRY_GOTO(warm_start_values(f, warm_start_plan, res, &warm_start), done);

    rp_mip_options mo;
    rp_mip_options_init(&mo);
    /* the build and the heuristic count against the limit too */
    mo.time_limit = opt->time_limit;
    if (opt->time_limit > 0) {
        mo.time_limit = opt->time_limit - res->build_seconds - (rp_clock_seconds() - t0);
        if (mo.time_limit <= 0)
            mo.time_limit = 1e-9; /* spent already; 0 would mean no limit */
    }
    mo.gap = opt->gap;
    mo.warm_start = warm_start;
    int *col_group = warm_start ? column_students(f) : NULL;
    mo.col_group = col_group;
    mo.progress = opt->progress;
    mo.progress_ctx = opt->progress_ctx;
    mo.seconds_before = res->build_seconds + (rp_clock_seconds() - t0) + opt->seconds_before;
    mo.interrupt = opt->interrupt;
    mo.has_known_bound = opt->has_known_bound;
    mo.known_bound = opt->known_bound;
    rp_mip_result mr;
    st = rp_glpk_solve(f->lp, &mo, opt->tuning, &mr);
    free(col_group);
    res->time_limit_reached = mr.time_limit_reached;
    res->interrupted = mr.interrupted;
    res->warm_start_used = mr.warm_start_used;
    res->root_seconds = mr.root_seconds;
    res->has_bound = mr.has_bound;
    res->bound = mr.bound;
    res->gap = mr.gap;
    if (st == RP_OK)
        st = make_plan(f, &mr, res, plan);
    rp_mip_result_clear(&mr);
done:
    free(warm_start);
    rp_plan_free(&heuristic_plan);
    res->seconds = res->build_seconds + (rp_clock_seconds() - t0);
    res->status = st;
    return st;
}
