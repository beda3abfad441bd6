/*
 * partial.h - when no plan keeps every rule: the best plan that places as
 * many required rotations as possible within the hard limits.
 *
 * Two searches on the elastic program (elastic.h) in which only requirements
 * may bend, at 1 per missed rotation: first the fewest missed rotations, then,
 * with no more missed than that, the best score. Capacities, minimums,
 * availability, eligibility, closed weeks, prerequisites, hospital limits
 * and pins all hold. The first search starts from a plan keeping all of them
 * (partial_limits.h), so a time limit still ends with a plan; when the second
 * search finds none of its own, the first one's stands. Every count and the
 * score come from the plan itself (the program's columns as the plan alone
 * sets them), as the checker would count them. Nothing here prints.
 */
#ifndef RP_PARTIAL_H
#define RP_PARTIAL_H

#include "solver/diagnose/finding.h"
#include "solver/solve/solve.h"

typedef struct rp_partial_result {
    rp_solve_result solve;  /* the whole run; objective and bound are the score's */
    long missed;            /* required rotations the plan misses */
    long missed_bound;      /* no plan misses fewer than this */
    rp_findings short_of;   /* one RP_FIND_MISSING per requirement a student is short of */
} rp_partial_result;

/*
 * Solves m under opt (time_limit: a fifth of it for the heuristic's start,
 * half of it at most for the first search; gap, progress and interrupt as
 * rp_solve; warm_start, heuristic and form are not used). On RP_OK *plan is new: RP_PLAN_PARTIAL when it misses rotations,
 * else optimal or feasible as rp_solve. Otherwise *plan is NULL:
 * RP_ERR_INFEASIBLE (the hard limits fail even with rotations missed: a
 * minimum or a pin), RP_ERR_NO_PLAN, RP_ERR_INTERRUPTED, RP_ERR_SOLVER,
 * RP_ERR_NOMEM, RP_ERR_INVALID. res is always filled (free with
 * rp_partial_result_clear).
 */
rp_status rp_solve_partial(const rp_model *m, const rp_solve_options *opt, rp_plan **plan,
                           rp_partial_result *res);
void rp_partial_result_clear(rp_partial_result *res);

#endif
