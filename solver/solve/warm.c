/* The heuristic's warm start, for rp_solve and rp_solve_form alike. */
#include "solver/solve/internal.h"

#include "base/clock.h"
#include "solver/heur/heur.h"

/* The heuristic's share of the time limit, and its most seconds. */
#define HEURISTIC_SHARE 0.2
#define HEURISTIC_SECONDS 10.0

rp_status rp_solve_heuristic(const rp_model *m, const rp_solve_options *opt,
                             double seconds_before, rp_solve_result *res, rp_plan **out)
{
    *out = NULL;
    double t0 = rp_clock_seconds();
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.seed = opt->seed ? opt->seed : 1;
    ho.time_limit = opt->heuristic_time;
    if (ho.time_limit <= 0) {
        ho.time_limit = HEURISTIC_SECONDS;
        if (opt->time_limit > 0 && HEURISTIC_SHARE * opt->time_limit < ho.time_limit)
            ho.time_limit = HEURISTIC_SHARE * opt->time_limit;
    }
    ho.interrupt = opt->interrupt;
    ho.max_moves = opt->heuristic_moves;
    ho.quick = opt->heuristic_quick;
    rp_heur_result hr;
    rp_status st = rp_heur_plan(m, &ho, out, &hr);
    res->heuristic_seconds = rp_clock_seconds() - t0;
    if (st == RP_ERR_NOMEM)
        return st;
    if (st == RP_OK) {
        res->heuristic_objective = (double)hr.objective;
        if (opt->progress) {
            rp_mip_progress p = {seconds_before + res->heuristic_seconds, "first plan", true,
                                 (double)hr.objective, false, 0, -1, 0};
            opt->progress(opt->progress_ctx, &p);
        }
    }
    return RP_OK;
}
