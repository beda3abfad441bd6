/*
 * solver/heur/ - the heuristic: plans built and improved without a MIP solver.
 * It may use solver/form/, model/ and base/.
 *
 * heur/heur.h - a fast heuristic that builds a plan keeping every hard rule and
 * improves it until a move budget or a time limit runs out.
 *
 * Method: each student's schedule is built by dynamic programming over weeks
 * against what the departments have left, the most constrained students
 * first; settling passes rebuild everyone against everyone else with rising
 * prices on crowded department-weeks, and ejection chains repair what is
 * left; then simulated annealing moves, swaps and replaces rotations, trades
 * placements between students and rebuilds whole students, with capacity and
 * minimum breaches priced by an adaptive penalty. Every other hard rule of
 * docs/config.md holds at every step. The plan returned is the best one found
 * that breaks no rule at all; the score is computed here, not by the checker.
 * Measurements: bench/results/heur.md.
 *
 * The annealing cools over the move budget; the time limit only ends it.
 * Deterministic for a seed unless the time limit or an interrupt ended the
 * search (result.stopped_early). Library code: never prints.
 */
#ifndef RP_HEUR_H
#define RP_HEUR_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "model/plan.h"

typedef struct rp_heur_options {
    double time_limit;       /* seconds of wall time; <= 0: no limit */
    long long max_moves;     /* annealing moves; 0: chosen from the model's size; < 0: none */
    uint64_t seed;           /* same seed and budget, same plan */
    const rp_plan *warm_start; /* borrowed, optional: a plan to improve; students whose part
                                breaks a rule are rebuilt */
    volatile sig_atomic_t *interrupt; /* borrowed, optional: stop when it becomes non-zero */
    /* each student built in one try, in the order its estimates suggest,
     * again with full effort only when that breaches a capacity, and breaches
     * repaired before any settling pass, a short minimum by a student
     * present that week, if need be one busy elsewhere (a first plan fast,
     * for a large cohort that other methods improve) */
    bool quick;
    /* before annealing, one settling pass rebuilds every student with full
     * effort against all the others (what a quick build skipped), its
     * breaches repaired: a large step up from a quick plan */
    bool settle_first;
    /* the annealing ends once the best plan scores this (a bound proven
     * elsewhere: nothing scores more); defaults to HUGE_VAL: never */
    double target;
} rp_heur_options;

typedef struct rp_heur_result {
    bool feasible;          /* the plan returned satisfies every hard rule */
    long objective;         /* sum + fairness x worst, as docs/config.md defines it */
    long sum, worst;        /* sum of students' scores, smallest score */
    long breaches;          /* capacity and minimum shortfalls left in the best plan seen
                               (0 when feasible) */
    int impossible_student; /* a student no schedule fits on their own, or -1 */
    double seconds;         /* wall time of the whole call */
    double first_feasible;  /* seconds until the first plan keeping every rule, or -1 */
    long long moves;        /* annealing moves tried */
    bool stopped_early;     /* the time limit or an interrupt ended the search:
                               the plan then depends on timing, not on the seed alone */
} rp_heur_result;

/* Defaults: 10 s, automatic move budget, seed 1, no warm start. */
void rp_heur_options_init(rp_heur_options *opt);

/*
 * Builds a plan for m. opt may be NULL (defaults); res may be NULL.
 * RP_OK: *out is a new plan (status RP_PLAN_FEASIBLE, objective set) that the
 * caller frees with rp_plan_free. RP_ERR_NO_PLAN: no plan keeping every rule
 * was found (res says why); RP_ERR_INTERRUPTED: interrupted before one was;
 * RP_ERR_NOMEM. On failure *out is NULL. The plan in opt->warm_start must only name
 * students and departments of m.
 */
rp_status rp_heur_plan(const rp_model *m, const rp_heur_options *opt, rp_plan **out,
                       rp_heur_result *res);

#endif
