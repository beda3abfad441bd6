/*
 * internal.h - private to solver/solve: what rp_solve and rp_solve_form
 * share.
 */
#ifndef RP_SOLVE_INTERNAL_H
#define RP_SOLVE_INTERNAL_H

#include "solver/solve/solve.h"

/*
 * A warm start from heur/heur.h into *out, or NULL when it finds none in its
 * time (opt->heuristic_time, else a fifth of the time limit, at most 10 s);
 * `seconds_before` is added to the time its progress report shows. Only
 * RP_ERR_NOMEM is a failure; res gets the heuristic's figures.
 */
rp_status rp_solve_heuristic(const rp_model *m, const rp_solve_options *opt,
                             double seconds_before, rp_solve_result *res, rp_plan **out);

#endif
