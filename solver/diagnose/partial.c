#include "solver/diagnose/partial.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/elastic.h"
#include "solver/diagnose/partial_limits.h"
#include "solver/diagnose/partial_warm_start.h"
#include "solver/diagnose/precheck.h"
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

/* Values of the elastic program for the plan values[] stands for, each
 * column as the plan alone sets it: no slack beyond what a row lacks, no
 * path column the plan does not need. A search stopped early may leave a
 * requirement's slack above what the plan misses, or a change of hospital
 * that changes nothing, which would count rotations and score the plan
 * otherwise than the checker; these are the values every figure comes from.
 * *out is new; RP_ERR_SOLVER when the plan breaks a rule that may not bend. */
static rp_status canonical(const rp_elastic *e, const double *values, double **out)
{
    *out = NULL;
    rp_plan *plan = rp_plan_new();
    if (!plan)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_plan(e->form, values, plan);
    if (st == RP_OK)
        st = rp_elastic_warm_start(e, plan, out);
    rp_plan_free(&plan);
    if (st == RP_OK && !*out)
        st = RP_ERR_SOLVER;
    return st;
}

/* Replaces mr's values with their canonical form. */
static rp_status make_canonical(const rp_elastic *e, rp_mip_result *mr)
{
    double *values;
    RP_TRY(canonical(e, mr->values, &values));
    free(mr->values);
    mr->values = values;
    mr->objective = rp_lp_objective(e->form->lp, values);
    return RP_OK;
}

/* Where the first search starts: a plan keeping every hard limit from the
 * heuristic (partial_limits.h) when it finds one, else the diagnosis's plan
 * trimmed to the capacities (partial_warm_start.h), which may still bend a
 * minimum. NULL in *out when neither gives values for the program. */
static rp_status first_warm_start(rp_elastic *e, const rp_solve_options *opt,
                                  const rp_findings *findings, double t0, double **out)
{
    *out = NULL;
    const rp_model *m = e->form->model;
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.time_limit = opt->time_limit > 0 ? time_left(opt, t0, 0.2) : 10;
    ho.interrupt = opt->interrupt;
    rp_plan *plan = NULL;
    RP_TRY(rp_partial_limits_plan(m, findings, &ho, &plan));
    if (!plan) {
        rp_mip_options mo;
        mip_options(opt, t0, 0.25, &mo);
        mo.gap = 0.1; /* a warm start, not an answer */
        RP_TRY(rp_partial_warm_start(m, &mo, &plan));
    }
    rp_status st = plan ? rp_elastic_warm_start(e, plan, out) : RP_OK;
    rp_plan_free(&plan);
    return st;
}

/* The first search: fewest missed rotations. Capacities and minimums may
 * bend too, at a cost above missing everything, so that the search can start
 * from a plan that bends them when it has no other; a solution still bending
 * them is none. */
static rp_status fewest_missed(rp_elastic *e, const rp_solve_options *opt,
                               const rp_findings *findings, double t0,
                               rp_partial_result *res, rp_mip_result *mr)
{
    double *warm_start = NULL;
    RP_TRY(first_warm_start(e, opt, findings, t0, &warm_start));
    rp_mip_options mo;
    mip_options(opt, t0, 0.5, &mo);
    mo.warm_start = warm_start;
    rp_status st = rp_elastic_solve(e, &mo, mr);
    free(warm_start);
    if (st)
        return st;
    if (rp_elastic_limit_slack(e, mr->values) > 0)
        return mr->optimal ? RP_ERR_INFEASIBLE : mr->interrupted ? RP_ERR_INTERRUPTED
                                                                 : RP_ERR_NO_PLAN;
    RP_TRY(make_canonical(e, mr));
    /* within the limits, a solution's cost is its missed rotations: the
     * search's bound bounds them, as do the static findings */
    res->missed = rp_elastic_missed_total(e, mr->values);
    res->missed_bound = rp_partial_limits_missed_at_least(e->form->model, findings);
    if (mr->has_bound && (long)ceil(mr->bound - 1e-6) > res->missed_bound)
        res->missed_bound = (long)ceil(mr->bound - 1e-6);
    if (mr->optimal || res->missed_bound > res->missed)
        res->missed_bound = res->missed;
    rp_elastic_hold_limits(e);
    return RP_OK;
}

/* The second search, from the first one's plan: the best score missing no
 * more rotations. When it ends without a plan of its own (time limit,
 * interrupt, a failure of the solver), the first plan stands. */
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
    if (st == RP_ERR_NOMEM)
        return st;
    if (st == RP_OK) {
        rp_mip_result_clear(mr);
        *mr = second;
    } else {
        /* the first plan, scored in the program as it is now */
        mr->objective = rp_lp_objective(e->form->lp, mr->values);
        mr->optimal = mr->has_bound = false;
        mr->time_limit_reached = second.time_limit_reached || st == RP_ERR_NO_PLAN;
        mr->interrupted = second.interrupted || st == RP_ERR_INTERRUPTED;
        rp_mip_result_clear(&second);
    }
    RP_TRY(make_canonical(e, mr));
    res->solve.time_limit_reached = mr->time_limit_reached;
    res->solve.interrupted = mr->interrupted;
    return RP_OK;
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
        /* the second search may miss fewer than the first allowed */
        res->missed = total.rotations;
        if (res->missed_bound > res->missed)
            res->missed_bound = res->missed;
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
    plan->has_objective = true;
    plan->has_bound = mr->has_bound || mr->optimal;
    plan->objective = objective;
    plan->bound = bound;
    res->solve.plan_status = plan->status;
    res->solve.has_objective = true;
    res->solve.has_bound = plan->has_bound;
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
    rp_findings findings;
    rp_findings_init(&findings);
    rp_status st = rp_elastic_build(m, rules, NULL, &e);
    if (st)
        goto done;
    res->solve.build_seconds = rp_clock_seconds() - t0;
    RP_TRY_GOTO(rp_precheck(m, &findings), done);
    RP_TRY_GOTO(fewest_missed(e, opt, &findings, t0, res, &mr), done);
    RP_TRY_GOTO(best_score(e, opt, t0, res, &mr), done);
    res->solve.size = rp_lp_size_of(e->form->lp);
    st = make_plan(e, &mr, res, plan);
done:
    rp_findings_clear(&findings);
    rp_mip_result_clear(&mr);
    rp_elastic_free(&e);
    res->solve.status = st;
    res->solve.seconds = rp_clock_seconds() - t0;
    return st;
}
