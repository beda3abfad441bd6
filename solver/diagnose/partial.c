#include "solver/diagnose/partial.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/elastic.h"
#include "solver/diagnose/partial_warm_start.h"
#include "solver/diagnose/shortfall.h"
#include "base/clock.h"

void rp_partial_result_clear(rp_partial_result *res)
{
    rp_findings_clear(&res->short_of);
    memset(res, 0, sizeof *res);
    rp_findings_init(&res->short_of);
}

/* Seconds left of the limit from t0, at most `share` of it; 0: no limit. */
static double time_left(const rp_solve_options *opt, double t0, double share)
{
    if (opt->time_limit <= 0)
        return 0;
    double left = opt->time_limit * share - (rp_clock_seconds() - t0);
    return left > 0 ? left : 1e-9; /* spent already; 0 would mean no limit */
}

static void mip_options(const rp_solve_options *opt, double t0, double share, rp_mip_options *mo)
{
    rp_mip_options_init(mo);
    mo->time_limit = time_left(opt, t0, share);
    mo->progress = opt->progress;
    mo->progress_ctx = opt->progress_ctx;
    mo->seconds_before = rp_clock_seconds() - t0;
    mo->interrupt = opt->interrupt;
}

/* The first search: fewest missed rotations, from the diagnosis's plan
 * trimmed to the capacities (partial_warm_start.h) when there is one. Capacities
 * and minimums may bend too, at a cost above missing everything, so that the
 * search can start from the pins alone otherwise; a solution still bending
 * them is none. */
static rp_status fewest_missed(rp_elastic *e, const rp_solve_options *opt, double t0,
                               rp_partial_result *res, rp_mip_result *mr)
{
    rp_mip_options mo;
    mip_options(opt, t0, 0.25, &mo);
    mo.gap = 0.1; /* a warm start, not an answer */
    rp_plan *plan = NULL;
    double *warm_start = NULL;
    rp_status st = rp_partial_warm_start(e->form->model, &mo, &plan);
    if (st == RP_OK && plan)
        st = rp_elastic_warm_start(e, plan, &warm_start);
    rp_plan_free(&plan);
    if (st)
        return st;
    mip_options(opt, t0, 0.5, &mo);
    mo.warm_start = warm_start;
    st = rp_elastic_solve(e, &mo, mr);
    free(warm_start);
    if (st)
        return st;
    if (rp_elastic_limit_slack(e, mr->values) > 0)
        return mr->optimal ? RP_ERR_INFEASIBLE : mr->interrupted ? RP_ERR_INTERRUPTED
                                                                 : RP_ERR_NO_PLAN;
    /* the cost of a solution within the limits is its missed rotations */
    res->missed = rp_elastic_missed_total(e, mr->values);
    res->missed_bound = mr->has_bound ? (long)ceil(mr->bound - 1e-6) : 0;
    if (mr->optimal || res->missed_bound > res->missed)
        res->missed_bound = res->missed;
    rp_elastic_hold_limits(e);
    return RP_OK;
}

/* The second search, from the first one's plan: the best score missing no
 * more rotations. */
static rp_status best_score(rp_elastic *e, const rp_solve_options *opt, double t0,
                            rp_partial_result *res, rp_mip_result *mr)
{
    RP_TRY(rp_elastic_score_within(e, res->missed));
    rp_mip_options mo;
    mip_options(opt, t0, 1, &mo);
    mo.gap = opt->gap;
    mo.warm_start = mr->values;
    rp_mip_result second;
    rp_status st = rp_elastic_solve(e, &mo, &second);
    rp_mip_result_clear(mr);
    *mr = second;
    res->solve.time_limit_reached = mr->time_limit_reached;
    res->solve.interrupted = mr->interrupted;
    return st;
}

static rp_status make_plan(const rp_elastic *e, const rp_mip_result *mr,
                           rp_partial_result *res, rp_plan **out)
{
    rp_plan *plan = rp_plan_new();
    if (!plan)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_plan(e->form, mr->values, plan);
    if (st == RP_OK) {
        rp_shortfall total;
        st = rp_shortfall_findings(e, mr->values, &res->short_of, &total);
    }
    if (st) {
        rp_plan_free(&plan);
        return st;
    }
    /* every score term is an integer */
    double objective = round(mr->objective);
    double bound = mr->has_bound ? floor(mr->bound + 1e-6) : objective;
    if (mr->optimal || bound < objective)
        bound = objective;
    plan->status = res->missed > 0 ? RP_PLAN_PARTIAL
                   : mr->optimal   ? RP_PLAN_OPTIMAL
                                   : RP_PLAN_FEASIBLE;
    plan->has_objective = plan->has_bound = true;
    plan->objective = objective;
    plan->bound = bound;
    res->solve.plan_status = plan->status;
    res->solve.has_objective = res->solve.has_bound = true;
    res->solve.objective = objective;
    res->solve.bound = bound;
    res->solve.gap = rp_mip_gap(objective, bound);
    *out = plan;
    return RP_OK;
}

rp_status rp_solve_partial(const rp_model *m, const rp_solve_options *opt, rp_plan **plan,
                           rp_partial_result *res)
{
    double t0 = rp_clock_seconds();
    rp_solve_options defaults;
    if (!opt) {
        rp_solve_options_init(&defaults);
        opt = &defaults;
    }
    *plan = NULL;
    memset(res, 0, sizeof *res);
    rp_findings_init(&res->short_of);
    rp_elastic *e = NULL;
    rp_elastic_rules rules = {true, true, true, true};
    rp_mip_result mr;
    memset(&mr, 0, sizeof mr);
    rp_status st = rp_elastic_build(m, rules, NULL, &e);
    if (st)
        goto done;
    res->solve.build_seconds = rp_clock_seconds() - t0;
    RP_TRY_GOTO(fewest_missed(e, opt, t0, res, &mr), done);
    RP_TRY_GOTO(best_score(e, opt, t0, res, &mr), done);
    res->solve.size = rp_lp_size_of(e->form->lp);
    st = make_plan(e, &mr, res, plan);
done:
    rp_mip_result_clear(&mr);
    rp_elastic_free(&e);
    res->solve.status = st;
    res->solve.seconds = rp_clock_seconds() - t0;
    return st;
}
