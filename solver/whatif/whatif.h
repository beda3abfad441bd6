/*
 * solver/whatif/ - what a change of the config is worth, for the
 * negotiation before the plan: one supervisor more or fewer in a department,
 * and named scenarios (model/scenario.h). It may use solver/replan/ and
 * everything below it.
 *
 * whatif.h - estimates from marginal values, exact answers by re-solving.
 *
 * The base is the config as it is: its best plan (rp_solve), or the plan in
 * force when one is given, and what one more place in each department-week
 * is worth: the duals of the schedule master (solver/solve/cg.h, the best
 * bound's prices). A candidate change is one supervisor more or fewer in a
 * department, over all its open weeks and over each run of weeks in which
 * its places are worth something; its estimate is the sum of those weeks'
 * values times the places a supervisor gives, with the sign of the change.
 * The duals bound the master's value to first order: one more supervisor
 * gains at most the estimate, one fewer loses at least it (in the master's
 * units, where a missing place costs far more than any score: a large
 * estimate says a plan may stop or start existing). Estimates rank; the top
 * entries are then re-solved exactly (rp_whatif_evaluate).
 *
 * An exact answer applies the change to a copy of the config and solves it:
 * whether a plan exists (when none does, the elastic diagnosis says what
 * must bend), its best score and the change against the base's; with a plan
 * in force also the re-plan from week 1 that moves fewest rotations
 * (replan.h): how many rotations must move for the plan to keep every rule,
 * and that re-plan's score.
 *
 * Nothing here prints; progress goes to the callback.
 */
#ifndef RP_WHATIF_H
#define RP_WHATIF_H

#include <signal.h>
#include <stdbool.h>

#include "model/model.h"
#include "model/plan.h"
#include "model/scenario.h"
#include "solver/diagnose/diagnose.h"
#include "solver/form/mip.h"

typedef struct rp_whatif_options {
    double time_limit;       /* seconds for each solve (base, estimates, each exact answer);
                                <= 0: none */
    const rp_plan *plan;     /* the plan in force (borrowed), or NULL */
    int threads;             /* pricing threads of the schedule master (default 2) */
    rp_mip_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
    volatile sig_atomic_t *interrupt;
} rp_whatif_options;

void rp_whatif_options_init(rp_whatif_options *opt);

/* A config's answer: whether it has a plan, and how good. */
typedef struct rp_whatif_answer {
    rp_verdict verdict;      /* PLAN, ELASTIC/STATIC/RIGID (no plan), UNDECIDED */
    double score;            /* PLAN: the best score found */
    bool proven;             /* the score is proven best */
    int moves;               /* with a plan in force: the fewest rotations that must move
                                for it to keep every rule, else -1 */
    int students_moved;      /* with a plan in force: the students concerned, else -1 */
    double moved_score;      /* with a plan in force: the score of that re-plan */
    long relaxation;         /* no plan: the elastic diagnosis's cost (elastic.h units) */
    rp_shortfall shortfall;  /* no plan: that cost by kind */
    rp_findings findings;    /* no plan: what must bend (owned) */
    double seconds;
} rp_whatif_answer;

void rp_whatif_answer_clear(rp_whatif_answer *a);

/* The config as it is. */
typedef struct rp_whatif_base {
    rp_whatif_answer answer;
    rp_plan *plan;           /* owned: its best plan (a warm start for the others), or NULL */
    double *value;           /* owned [departments x weeks]: one more place's worth */
    bool has_values;         /* the schedule master gave them */
    double value_seconds;
} rp_whatif_base;

void rp_whatif_base_clear(rp_whatif_base *b);

/* Solves the config as it is (with opt->plan: checks it) and prices its
 * department-weeks. RP_OK, RP_ERR_NOMEM, RP_ERR_SOLVER, RP_ERR_INTERRUPTED. */
rp_status rp_whatif_base_run(const rp_model *m, const rp_whatif_options *opt,
                             rp_whatif_base *out);

/* One candidate: a supervisor more or fewer in a department's weeks. */
typedef struct rp_worth {
    int department;
    int first_week, last_week; /* 0-based; a run of weeks, or the department's open weeks */
    int supervisors;           /* +1 or -1 */
    int places;                /* places per week that makes (a supervisor's, or one place
                                  when the department gives its capacity directly) */
    double estimate;           /* from the values: score points, signed */
    bool evaluated;            /* answer holds the exact answer */
    rp_whatif_answer answer;
} rp_worth;

typedef struct rp_worths {
    rp_worth *items;           /* most valuable first: by |estimate| */
    int count;
} rp_worths;

void rp_worths_clear(rp_worths *w);

/*
 * The candidates of m ranked by what value[departments x weeks] (one more
 * place's worth per department-week, as the schedule master's duals give
 * it) says they are worth. Departments give a supervisor's places, or one
 * place when they give their capacity directly; closed weeks are left out.
 * Ties keep the config's order. RP_ERR_NOMEM.
 */
rp_status rp_whatif_rank(const rp_model *m, const double *value, rp_worths *out);

/* The scenario of a candidate, for rp_whatif_evaluate (rp_scenario_clear
 * frees it). RP_ERR_NOMEM. */
rp_status rp_worth_scenario(const rp_model *m, const rp_worth *w, rp_scenario *out);

/*
 * The exact answer for m changed by scenario s, against base. RP_OK with
 * the answer (verdict UNDECIDED when the time ran out first); RP_ERR_INVALID
 * when the scenario cannot be applied (diags says why); RP_ERR_NOMEM,
 * RP_ERR_SOLVER, RP_ERR_INTERRUPTED. *plan (plan may be NULL) gets the best
 * plan found, a plan of rp_scenario_apply(m, s), or NULL.
 */
rp_status rp_whatif_evaluate(const rp_model *m, const rp_whatif_base *base,
                             const rp_scenario *s, const rp_whatif_options *opt,
                             rp_whatif_answer *out, rp_plan **plan, rp_diags *diags);

#endif
