/*
 * solver/replan/ - re-planning after a change from a given week on, and the
 * reason of each move (the changes between two plans, in the office's words,
 * are model/changes.h). It may use solver/diagnose/ (a re-plan that misses
 * the fewest required rotations is solved on its elastic program),
 * solver/solve/ and everything below them.
 *
 * replan.h - a new plan after a change of the config, from a given week on,
 * moving as few student rotations as possible (docs/reschedule.md).
 *
 * Weeks before from_week are history: every student's placements there are
 * kept exactly, even where the new config forbids them (rp_check_plan_with
 * reports those as warnings). A rotation running across from_week is kept
 * whole unless the new config makes that impossible; then it is cut after
 * week from_week-1 and its weeks from there on are planned afresh. The
 * program is the formulation of the new config with history fitted in
 * (form/history.h).
 *
 * A rotation of the previous plan that ends at or after from_week is "kept"
 * when the new plan holds it unchanged (same department, start and length),
 * else "dropped"; a rotation of the new plan from from_week on that the
 * previous plan did not hold is "added". The searches count disruption as
 * dropped + added rotations (a move drops one and adds one); the changes list
 * (changes.h) pairs them per student. The orders:
 *   disruption  the least disruption first, then the best score among those plans;
 *   quality     the best score first, then the least disruption among those;
 *   mixed       score - move_weight x (dropped + added) / 2, in one search.
 * In every order a move that buys nothing is not made: after the search, a
 * student's changes that could be undone keeping every rule without lowering
 * the score are undone (reasons.h).
 *
 * The first search starts from the plan in force repaired to keep every rule
 * (the heuristic of heur/heur.h rebuilds the students it must, with history
 * pinned), so a plan and its score are known from the start.
 *
 * With `partial`, when no plan keeps every rule, the new plan misses the
 * fewest required rotations from from_week on (capacities, minimums and every
 * other rule hold), then disrupts least, then scores best.
 *
 * Nothing here prints.
 */
#ifndef RP_REPLAN_H
#define RP_REPLAN_H

#include "model/model.h"
#include "model/plan.h"
#include "solver/diagnose/finding.h"
#include "solver/solve/solve.h"

typedef enum rp_replan_order {
    RP_REPLAN_DISRUPTION = 0,
    RP_REPLAN_QUALITY,
    RP_REPLAN_MIXED
} rp_replan_order;

/* Progress of a re-plan: `aim` says what the running search is after, in
 * the office's words ("fewest changes", "best score", "fewest missed
 * rotations"; with phase NULL, the start: "start from the plan in force,
 * repaired"); with the aim "fewest changes" the incumbent and the bound count
 * changed rotations (dropped + added), else they are scores. */
typedef void (*rp_replan_progress_fn)(void *ctx, const char *aim, const rp_mip_progress *p);

typedef struct rp_replan_options {
    int from_week;           /* 0-based first week that may change */
    rp_replan_order order;   /* default disruption */
    int move_weight;         /* mixed: score points one changed rotation costs (default 10) */
    int max_changes_per_student; /* < 0: no limit (default) */
    bool partial;            /* miss the fewest required rotations when no plan keeps them all */
    double start_time;       /* seconds the repair of the plan in force may take; <= 0: a
                                tenth of the time limit, at most 5 s */
    rp_replan_progress_fn progress; /* NULL: solve.progress gets the searches' reports
                                       as they are, or nothing */
    void *progress_ctx;
    rp_solve_options solve;  /* time limit (for all stages together), gap, interrupt;
                                warm_start and heuristic are set here */
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
    int n_added;            /* rotations of the new plan from from_week on that are new */
    int n_cut;              /* running rotations cut at from_week */
    int n_impossible;       /* of n_future, how many the new config forbids outright */
    int n_undone;           /* students whose moves bought nothing and were undone */
    bool running_released;  /* keeping every running rotation whole was infeasible */
    int disruption_bound;   /* no re-plan drops plus adds fewer rotations than this */
    int n_free;             /* students the last program could move (scope.c) */
    bool start_repaired;    /* the search started from the plan in force, repaired */
    double start_score;     /* that start's score */
    double score;           /* the new plan's score (the config's objective) */
    long missed;            /* partial: required rotations the plan misses from from_week */
    long missed_bound;      /* partial: no plan keeping history misses fewer */
    rp_findings short_of;   /* partial: one RP_FIND_MISSING per requirement a student is short of */
    int bad_rotation;       /* RP_ERR_INVALID: a history rotation the new config cannot
                               hold at all (index into previous), else -1 */
} rp_replan_result;

/*
 * Re-plans m (the changed config, read only) from the plan in force. On RP_OK
 * *out is the new plan (free with rp_plan_free): its objective is the
 * config's score, history and cut rotations included; with `partial` it has
 * status RP_PLAN_PARTIAL when it misses required rotations. Failures as
 * rp_solve: RP_ERR_INFEASIBLE (no plan keeps history and the new config, or
 * the change limit; with `partial`, not even when rotations are missed),
 * RP_ERR_NO_PLAN, RP_ERR_INTERRUPTED, RP_ERR_SOLVER, RP_ERR_NOMEM;
 * RP_ERR_INVALID when a rotation before from_week cannot be expressed at all
 * (res->bad_rotation). res is always filled (rp_replan_result_clear frees it).
 */
rp_status rp_replan(const rp_model *m, const rp_plan *previous, const rp_replan_options *opt,
                    rp_plan **out, rp_replan_result *res);
void rp_replan_result_clear(rp_replan_result *res);

#endif
