/*
 * solver/solve/ - from a model to a plan: a warm start from the heuristic,
 * the schedule decomposition (bound and plans, cg.h), and then GLPK's search
 * of the compact program when it is small, or fix-and-optimise (lns.h) when
 * it is not. It may use solver/glpk/, solver/heur/, solver/sched/,
 * solver/form/, model/ and base/.
 *
 * solve.h - one entry point from a model to a plan.
 *
 * rp_solve: (1) a warm start, the caller's (checked by the checker and set
 * aside when it breaks a rule) or the heuristic's, bounded at once from each
 * student's options alone, and on a cohort built quickly (over 2,000
 * students) settled by one pass of full-effort rebuilds; (2) column generation
 * over whole schedules, which bounds every plan and often combines a better
 * or optimal one; (3) while the bound leaves a gap, GLPK's branch and bound
 * on the compact program (form.h) when it has at most RP_SOLVE_COMPACT_MAX
 * candidate rotations, else neighbourhoods of a few students, each a small
 * program: the compact program of a large cohort is never built. Callers
 * that change the formulation first (re-planning, diagnosis) build it
 * themselves and call rp_solve_form.
 *
 * Time is shared out as work decides (the heuristic's moves, the rounds of
 * column generation to convergence, the nodes of each neighbourhood), so the
 * same model and options give the same plan; the time limit and the
 * interrupt only cut a phase short. Nothing here prints. A time limit or an
 * interrupt with a plan in hand still gives RP_OK and a plan marked
 * RP_PLAN_FEASIBLE; the plan is marked RP_PLAN_OPTIMAL only when proven
 * (within options.gap).
 */
#ifndef RP_SOLVE_H
#define RP_SOLVE_H

#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/form/lp.h"
#include "model/model.h"
#include "model/plan.h"
#include "solver/form/mip.h"

#include <stdint.h>

/* Candidate rotations above which the compact program is not built. */
#define RP_SOLVE_COMPACT_MAX 200000L

typedef struct rp_solve_options {
    double time_limit;          /* seconds; <= 0: none */
    double gap;                 /* relative gap to stop at; 0: prove optimality */
    const rp_plan *warm_start;  /* a plan to start from (borrowed), or NULL */
    bool heuristic;             /* without a warm start, build one with heur/heur.h first (default true) */
    double heuristic_time;      /* seconds it may take at most; <= 0: a fifth of the
                                   time limit, at most 10 s */
    bool heuristic_quick;       /* one try per student (heur.h quick) */
    long long heuristic_moves;  /* its annealing moves (heur.h max_moves); 0: a few per
                                   rotation in rp_solve, where the decomposition follows,
                                   and the heuristic's own budget in rp_solve_form */
    rp_mip_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
    volatile sig_atomic_t *interrupt; /* set non-zero (from a signal handler) to stop */
    rp_form_options form;       /* used by rp_solve only */
    const rp_glpk_tuning *tuning; /* NULL: the measured defaults */
    int threads;                /* pricing threads; <= 0: the machine's cores */
    uint64_t seed;              /* of the heuristic and the neighbourhoods (default 1) */
    /* rp_solve_form: a bound proven before (the schedule decomposition), and
     * the seconds spent before, for progress reports */
    bool has_known_bound;
    double known_bound;
    double seconds_before;
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
    rp_lp_size size;         /* rows, columns, binaries ... of the compact program,
                                when built (compact) */
    bool compact;            /* the compact program was built and searched */
    long candidate_rotations;/* rotations some student could be given: the compact
                                program's binaries, without building it */
    bool candidates_estimated; /* ... estimated from the first students (a large cohort) */
    /* the schedule decomposition (cg.h) and the neighbourhood search (lns.h) */
    int cg_rounds, cg_columns, cg_too_large, cg_rough;
    bool cg_few_rounds; /* cg.h few_rounds */
    int cg_outgrown;    /* cg.h outgrown */
    double cg_seconds, lns_seconds;
    long lns_tried, lns_improved;
    /* a large cohort's quick first plan settled: every student rebuilt with
     * full effort against the rest, before the decomposition */
    bool settled;
    double settle_from, settle_to, settle_seconds;
    /* the heuristic's search from the best plan after the decomposition */
    bool annealed;
    double anneal_from, anneal_to, anneal_seconds;
    int anneal_cycles;
    int threads;
    /* leximin (solve/leximin.h): the levels gone through, from the floor (the
     * first plan's worst score) to the last level; complete when the sorted
     * scores are proven best */
    int levels;
    long level_floor, level_last;
    bool levels_complete;
} rp_solve_result;

/*
 * Solves m (leximin models through solve/leximin.h). On RP_OK *plan is a new plan (free with rp_plan_free) whose
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
