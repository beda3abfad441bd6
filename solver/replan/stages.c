/* The searches of a re-plan: the objective of each stage, the floors that
 * carry one stage's answer into the next, and the search itself, on the
 * formulation (rp_solve_form) or, for a partial re-plan, on the elastic
 * program (rp_elastic_solve). */
#include "solver/replan/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"

rp_status rp_replan_save_objective(replan *r)
{
    rp_lp *lp = r->f->lp;
    free(r->obj);
    r->obj = malloc(((size_t)lp->n_cols + 1) * sizeof *r->obj);
    if (!r->obj)
        return RP_ERR_NOMEM;
    /* the elastic program keeps the score aside while it minimises slack */
    for (int j = 0; j < lp->n_cols; j++)
        r->obj[j] = !r->e ? lp->cols[j].obj : j < r->e->n_build_cols ? r->e->score_obj[j] : 0;
    r->offset = lp->obj_offset;
    return RP_OK;
}

/* weight_score x (the config's objective) + weight_keep x (kept - added) + offset */
static void set_objective(replan *r, double weight_score, double weight_keep, double offset)
{
    rp_lp *lp = r->f->lp;
    int n_saved = lp->n_cols; /* rows added later bring no columns */
    for (int j = 0; j < n_saved; j++)
        rp_lp_set_obj(lp, j, weight_score * r->obj[j]);
    for (int k = 0; k < r->n_keep; k++)
        rp_lp_add_obj(lp, r->keep[k], weight_keep);
    for (int k = 0; k < r->n_added; k++)
        rp_lp_add_obj(lp, r->added[k], -weight_keep);
    lp->obj_offset = weight_score * r->offset + offset;
}

/* Adds "kept - added >= at_least" or "the config's objective >= at_least". */
static rp_status add_floor(replan *r, bool on_score, double at_least)
{
    rp_lp *lp = r->f->lp;
    int row = rp_lp_add_row(lp, at_least - (on_score ? r->offset : 0), RP_LP_INF, "%s",
                            on_score ? "score_floor" : "disruption_floor");
    if (on_score) {
        for (int j = 0; row >= 0 && j < lp->n_cols; j++)
            if (r->obj[j] != 0)
                rp_lp_add_coef(lp, row, j, r->obj[j]);
    } else {
        for (int k = 0; row >= 0 && k < r->n_keep; k++)
            rp_lp_add_coef(lp, row, r->keep[k], 1);
        for (int k = 0; row >= 0 && k < r->n_added; k++)
            rp_lp_add_coef(lp, row, r->added[k], -1);
    }
    return rp_lp_status(lp);
}

/* The progress of a search as the office reads it: which aim, and the
 * disruption as rotations dropped plus rotations added. */
static void progress(void *ctx, const rp_mip_progress *p)
{
    replan *r = ctx;
    rp_mip_progress q = *p;
    if (r->disruption_shown) {
        q.incumbent = r->res->n_future - p->incumbent;
        q.bound = r->res->n_future - p->bound;
    }
    if (r->opt->progress)
        r->opt->progress(r->opt->progress_ctx, r->phase, &q);
    else
        r->opt->solve.progress(r->opt->solve.progress_ctx, &q);
}

static bool reports(const replan *r)
{
    return r->opt->progress || r->opt->solve.progress;
}

/* What is left of the whole run's time limit (0: none). */
static double time_left(const replan *r)
{
    double limit = r->opt->solve.time_limit;
    if (limit <= 0)
        return 0;
    double left = limit - (rp_clock_seconds() - r->t0);
    return left > 0 ? left : 1e-9; /* spent already; 0 would mean no limit */
}

/* The elastic program's columns for a plan, or NULL when the plan breaks a
 * rule that does not bend; the plan's history alone is tried next. */
static rp_status elastic_start(const replan *r, const rp_plan *plan, double **values)
{
    RP_TRY(rp_elastic_warm_start(r->e, plan, values));
    if (*values)
        return RP_OK;
    rp_plan *past = NULL;
    rp_status st = rp_history_start_plan(&r->h, &r->fit, true, &past);
    if (st == RP_OK)
        st = rp_elastic_warm_start(r->e, past, values);
    rp_plan_free(&past);
    return st;
}

/* A search on the elastic program: as rp_solve_form, but starting from
 * column values that include the slack. */
static rp_status search_elastic(replan *r, const rp_plan *warm_start, double gap,
                                rp_plan **plan, double **values_out)
{
    rp_solve_result *res = &r->res->solve;
    double t0 = rp_clock_seconds();
    memset(res, 0, sizeof *res);
    double *values = NULL;
    if (warm_start)
        RP_TRY(elastic_start(r, warm_start, &values));
    rp_mip_options mo;
    rp_mip_options_init(&mo);
    mo.time_limit = time_left(r);
    mo.gap = gap;
    mo.warm_start = values;
    if (reports(r)) {
        mo.progress = progress;
        mo.progress_ctx = r;
    }
    mo.seconds_before = t0 - r->t0;
    mo.interrupt = r->opt->solve.interrupt;
    rp_mip_result mr;
    rp_status st = rp_elastic_solve(r->e, &mo, &mr);
    free(values);
    res->time_limit_reached = mr.time_limit_reached;
    res->interrupted = mr.interrupted;
    res->warm_start_given = warm_start != NULL;
    res->warm_start_used = mr.warm_start_used;
    if (st == RP_OK) {
        *plan = rp_plan_new();
        st = *plan ? rp_form_plan(r->f, mr.values, *plan) : RP_ERR_NOMEM;
    }
    if (st == RP_OK) {
        /* every objective here is an integer */
        bool max = r->f->lp->maximise;
        double objective = round(mr.objective);
        double bound = !mr.has_bound ? objective
                       : max         ? floor(mr.bound + 1e-6)
                                     : ceil(mr.bound - 1e-6);
        if (mr.optimal || (max ? bound < objective : bound > objective))
            bound = objective;
        (*plan)->status = mr.optimal ? RP_PLAN_OPTIMAL : RP_PLAN_FEASIBLE;
        (*plan)->has_objective = (*plan)->has_bound = true;
        (*plan)->objective = objective;
        (*plan)->bound = bound;
        res->has_objective = res->has_bound = true;
        res->objective = objective;
        res->bound = bound;
        res->gap = rp_mip_gap(objective, bound);
        res->plan_status = (*plan)->status;
        if (values_out) {
            *values_out = mr.values;
            mr.values = NULL;
        }
    } else {
        rp_plan_free(plan);
    }
    rp_mip_result_clear(&mr);
    res->seconds = rp_clock_seconds() - t0;
    res->status = st;
    return st;
}

/* One search from `warm_start`; the time limit is what is left of the whole run. */
static rp_status search(replan *r, const char *aim, const rp_plan *warm_start, rp_plan **plan)
{
    r->phase = aim;
    r->res->stages++;
    if (r->e)
        return search_elastic(r, warm_start, r->opt->solve.gap, plan, NULL);
    rp_solve_options so = r->opt->solve;
    so.warm_start = warm_start;
    so.heuristic = false;
    so.time_limit = time_left(r);
    so.progress = reports(r) ? progress : NULL;
    so.progress_ctx = r;
    if (r->disruption_shown) {
        /* no re-plan disrupts less than the bound: kept - added is at most this */
        so.has_known_bound = true;
        so.known_bound = r->res->n_future - r->disruption_bound;
    }
    r->res->solve.build_seconds = 0;
    return rp_solve_form(r->f, &so, plan, &r->res->solve);
}

/* True when the last search stopped early: later stages are skipped and its
 * plan is the answer. */
static bool stopped(const replan *r)
{
    return r->res->solve.interrupted || r->res->solve.time_limit_reached;
}

static void release_running(replan *r)
{
    rp_history_release_running(&r->h, &r->fit, r->f);
    r->res->running_released = true;
}

/* The first stage; when keeping running rotations whole leaves no plan, they
 * are released and the stage runs again. */
static rp_status first_stage(replan *r, const char *aim, rp_plan **plan)
{
    rp_status st = search(r, aim, r->start, plan);
    if (st == RP_ERR_INFEASIBLE && r->res->n_running > r->res->n_impossible &&
        !r->res->running_released) {
        release_running(r);
        st = search(r, aim, r->start, plan);
    }
    return st;
}



rp_status rp_replan_score(const replan *r, const rp_plan *plan, double *score)
{
    rp_lp *lp = r->f->lp;
    double *values = malloc(((size_t)lp->n_cols + 1) * sizeof *values);
    if (!values)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_values(r->f, plan, values, NULL);
    if (st == RP_OK) {
        double sum = r->offset;
        for (int j = 0; j < lp->n_cols; j++)
            sum += r->obj[j] * values[j];
        *score = round(sum);
    }
    free(values);
    return st;
}

/* Partial re-plans: first the fewest required rotations missed (capacities
 * and minimums bend only at a cost above missing every rotation, so that the
 * plan in force is a start); a plan still bending them is none. Then no more
 * missed than that, the limits held, and the score objective back for the
 * stages that follow, started from this stage's plan. */
static rp_status fewest_missed_once(replan *r, rp_plan **plan)
{
    rp_replan_result *res = r->res;
    double *values = NULL;
    r->phase = "fewest missed rotations";
    res->stages++;
    rp_status st = search_elastic(r, r->start, 0, plan, &values);
    if (st == RP_OK && rp_elastic_limit_slack(r->e, values) > 0) {
        st = res->solve.plan_status == RP_PLAN_OPTIMAL ? RP_ERR_INFEASIBLE
             : res->solve.interrupted                  ? RP_ERR_INTERRUPTED
                                                       : RP_ERR_NO_PLAN;
        rp_plan_free(plan);
    }
    if (st == RP_OK) {
        res->missed = rp_elastic_missed_total(r->e, values);
        res->missed_bound = (long)ceil(res->solve.bound - 1e-6);
        if (res->missed_bound > res->missed || res->missed_bound < 0)
            res->missed_bound = res->missed < 0 ? 0 : res->missed;
        if (res->solve.plan_status == RP_PLAN_OPTIMAL)
            res->missed_bound = res->missed;
    }
    free(values);
    return st;
}

static rp_status fewest_missed(replan *r)
{
    rp_plan *plan = NULL;
    rp_status st = fewest_missed_once(r, &plan);
    if (st == RP_ERR_INFEASIBLE && r->res->n_running > r->res->n_impossible) {
        release_running(r);
        st = fewest_missed_once(r, &plan);
    }
    if (st)
        return st;
    rp_plan_free(&r->start);
    r->start = plan;
    rp_elastic_hold_limits(r->e);
    RP_TRY(rp_elastic_score_within(r->e, r->res->missed));
    return rp_replan_save_objective(r);
}

rp_status rp_replan_run_stages(replan *r, rp_plan **plan)
{
    const rp_replan_options *opt = r->opt;
    rp_replan_result *res = r->res;
    rp_plan *first = NULL;
    rp_status st;
    const char *aim;
    if (r->e)
        RP_TRY(fewest_missed(r));
    if (r->e && stopped(r)) {
        /* the fewest missed found so far is the answer */
        *plan = rp_plan_clone(r->start);
        return *plan ? RP_OK : RP_ERR_NOMEM;
    }
    switch (opt->order) {
    case RP_REPLAN_MIXED:
        /* 2 x score - move_weight x (dropped + added): a move (one of each)
         * costs move_weight points, and every coefficient stays whole */
        set_objective(r, 2, opt->move_weight, -(double)opt->move_weight * res->n_future);
        return first_stage(r, "score minus moves", plan);
    case RP_REPLAN_QUALITY:
        set_objective(r, 1, 0, 0);
        r->bound_on_score = true;
        aim = "best score";
        break;
    default:
        set_objective(r, 0, 1, 0);
        r->disruption_shown = true;
        aim = "fewest changes";
        break;
    }
    if (opt->order == RP_REPLAN_DISRUPTION && r->start && !r->e &&
        rp_replan_disruption(r, r->start) <= r->disruption_bound) {
        /* the start meets the bound: the first search has nothing to find */
        first = rp_plan_clone(r->start);
        if (!first)
            return RP_ERR_NOMEM;
        first->status = RP_PLAN_OPTIMAL;
        first->has_objective = first->has_bound = true;
        first->objective = first->bound = res->n_future - r->disruption_bound;
        memset(&res->solve, 0, sizeof res->solve);
        st = RP_OK;
    } else {
        st = first_stage(r, aim, &first);
    }
    r->disruption_shown = false;
    if (st || stopped(r)) {
        *plan = first;
        return st;
    }
    bool quality = opt->order == RP_REPLAN_QUALITY;
    double bound = first->has_bound ? first->bound : first->objective;
    bool first_optimal = first->status == RP_PLAN_OPTIMAL;
    st = add_floor(r, quality, first->objective);
    if (st == RP_OK) {
        if (quality) {
            set_objective(r, 0, 1, 0);
            r->disruption_shown = true;
        } else {
            set_objective(r, 1, 0, 0);
        }
        st = search(r, quality ? "fewest changes" : "best score", first, plan);
        r->disruption_shown = false;
    }
    if (st == RP_OK && quality) {
        /* the bound that matters is the first stage's, on the score */
        (*plan)->has_bound = first->has_bound;
        (*plan)->bound = bound;
    }
    r->bound_on_score = st == RP_OK;
    if (st == RP_OK && !first_optimal)
        (*plan)->status = RP_PLAN_FEASIBLE;
    if (st == RP_ERR_INTERRUPTED || st == RP_ERR_NO_PLAN) {
        /* the first stage's plan still stands */
        *plan = first;
        first = NULL;
        st = RP_OK;
    }
    rp_plan_free(&first);
    return st;
}
