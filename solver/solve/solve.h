/*
 * solver/solve/ - from a model to a plan: the formulation, a warm start from
 * the heuristic and the GLPK search put together. It may use solver/glpk/,
 * solver/heur/, solver/form/, model/ and base/.
 *
 * solve.h - one entry point from a model to a plan.
 *
 * rp_solve builds the formulation (form.h), hands a starting plan (the
 * caller's, or else one from the heuristic of heur/heur.h) to the MIP search, runs
 * it (glpk/driver.h) and turns the best solution into an rp_plan. Callers that change the formulation first (re-planning,
 * diagnosis) build it themselves and call rp_solve_form.
 *
 * Nothing here prints. A time limit or an interrupt with a plan in hand still
 * gives RP_OK and a plan marked RP_PLAN_FEASIBLE; the plan is marked
 * RP_PLAN_OPTIMAL only when the search proved it (within options.gap).
 */
#ifndef RP_SOLVE_H
#define RP_SOLVE_H

#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/form/lp.h"
#include "model/model.h"
#include "model/plan.h"
#include "solver/form/mip.h"

typedef struct rp_solve_options {
    double time_limit;          /* seconds; <= 0: none */
    double gap;                 /* relative gap to stop at; 0: prove optimality */
    const rp_plan *warm_start;  /* a plan to start from (borrowed), or NULL */
    bool heuristic;             /* without a warm start, build one with heur/heur.h first (default true) */
    double heuristic_time;      /* seconds it may take at most; <= 0: a fifth of the
                                   time limit, at most 10 s */
    rp_mip_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
    volatile sig_atomic_t *interrupt; /* set non-zero (from a signal handler) to stop */
    rp_form_options form;       /* used by rp_solve only */
    const rp_glpk_tuning *tuning; /* NULL: the measured defaults */
} rp_solve_options;

void rp_solve_options_init(rp_solve_options *opt);

typedef struct rp_solve_result {
    rp_status status;        /* as returned */
    rp_plan_status plan_status;
    bool has_objective, has_bound;
    double objective, bound, gap;
    double seconds;          /* everything, the build included */
    double build_seconds, root_seconds;
    bool time_limit_reached, interrupted;
    bool warm_start_given, warm_start_used; /* a warm start was there; it was handed to the search */
    bool warm_start_from_heuristic;
    double heuristic_seconds, heuristic_objective;
    bool warm_start_rejected;     /* the warm start breaks a rule the formulation encodes */
    int warm_start_bad_rotation;  /* when rejected for a rotation without a column: its index, else -1 */
    rp_lp_size size;         /* rows, columns, binaries ... */
} rp_solve_result;

/*
 * Solves m. On RP_OK *plan is a new plan (free with rp_plan_free) whose
 * status, objective and bound are set. Otherwise *plan is NULL and the status
 * says why: RP_ERR_INFEASIBLE, RP_ERR_NO_PLAN (time limit before any plan),
 * RP_ERR_INTERRUPTED, RP_ERR_SOLVER, RP_ERR_NOMEM, RP_ERR_INVALID (see
 * rp_form_build). res is always filled.
 */
rp_status rp_solve(const rp_model *m, const rp_solve_options *opt, rp_plan **plan,
                   rp_solve_result *res);

/* The same for a formulation built (and perhaps extended) by the caller. */
rp_status rp_solve_form(rp_form *f, const rp_solve_options *opt, rp_plan **plan,
                        rp_solve_result *res);

#endif
