/*
 * solver/replan/ - re-planning after a change from a given week on (the
 * changes between two plans, in the office's words, are model/changes.h). It
 * may use solver/solve/ and everything below it.
 *
 * replan.h - a new plan after a change of the config, from a given week on,
 * moving as few student rotations as possible (docs/reschedule.md).
 *
 * Weeks before from_week are history: every student's placements there are
 * kept exactly, even where the new config forbids them (rp_check_plan_with
 * reports those as warnings). A rotation running across from_week is kept
 * whole unless the new config makes that impossible; then it is cut after
 * week from_week-1 and its weeks from there on are planned afresh.
 *
 * A "kept" rotation is a rotation of the previous plan that ends at or after
 * from_week and is in the new plan unchanged (same department, start and
 * length); every other such rotation is a change. The orders:
 *   disruption  fewest changes first, then the best score among those plans;
 *   quality     the best score first, then the fewest changes among those;
 *   mixed       score - move_weight x changes, in one search.
 *
 * rp_replan builds the formulation on `work`, a second copy of the same config
 * as `m` (the caller loads it twice) that it changes in place so history
 * fits: in weeks before from_week capacities, minimums, availability and
 * eligibility are widened to what the previous plan did, and pins history
 * has decided are dropped. Starts the new config forbids stay forbidden from
 * from_week on. Nothing here prints.
 */
#ifndef RP_REPLAN_H
#define RP_REPLAN_H

#include "model/model.h"
#include "model/plan.h"
#include "solver/solve/solve.h"

typedef enum rp_replan_order {
    RP_REPLAN_DISRUPTION = 0,
    RP_REPLAN_QUALITY,
    RP_REPLAN_MIXED
} rp_replan_order;

typedef struct rp_replan_options {
    int from_week;           /* 0-based first week that may change */
    rp_replan_order order;   /* default disruption */
    int move_weight;         /* mixed: score points one change costs (default 10) */
    int max_changes_per_student; /* < 0: no limit (default) */
    rp_solve_options solve;  /* time limit (for all stages together), gap, progress,
                                interrupt; warm_start and heuristic are set here */
} rp_replan_options;

void rp_replan_options_init(rp_replan_options *opt);

typedef struct rp_replan_result {
    rp_solve_result solve;  /* the last search run */
    double seconds;         /* everything */
    int stages;             /* searches run */
    int n_history;          /* previous rotations wholly before from_week */
    int n_running;          /* previous rotations running across from_week */
    int n_future;           /* previous rotations ending at or after from_week (running
                               ones included): the ones that may change */
    int n_kept;             /* of n_future, how many the new plan keeps */
    int n_cut;              /* running rotations cut at from_week */
    int n_impossible;       /* of n_future, how many the new config forbids outright */
    bool running_released; /* keeping every running rotation whole was infeasible */
    double score;           /* the new plan's score (the config's objective) */
    int bad_rotation;       /* RP_ERR_INVALID: a history rotation the new config cannot
                               hold at all (index into previous), else -1 */
} rp_replan_result;

/*
 * Re-plans. On RP_OK *out is the new plan (free with rp_plan_free): its
 * objective is the config's score, history and cut rotations included.
 * Failures as rp_solve: RP_ERR_INFEASIBLE (no plan keeps history and the new
 * config, or the change limit), RP_ERR_NO_PLAN, RP_ERR_INTERRUPTED,
 * RP_ERR_SOLVER, RP_ERR_NOMEM; RP_ERR_INVALID when a rotation before
 * from_week cannot be expressed at all (res->bad_rotation). res is always
 * filled.
 */
rp_status rp_replan(rp_model *work, const rp_model *m, const rp_plan *previous,
                    const rp_replan_options *opt, rp_plan **out, rp_replan_result *res);

#endif
