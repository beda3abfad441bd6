/*
 * cg.h - the schedule decomposition, built straight from the model: column
 * generation over whole student schedules, a bound on every plan, and plans
 * combined from the schedules found.
 *
 * The restricted master (glpk/master.h) mixes each student's schedules
 * under the rows of the cells (sched/schedule.h: department-weeks, and the
 * team-weeks of supervisors who stand in for one another); its duals, smoothed towards the duals of
 * the best round priced at them so far (Wentges), price every student's next schedule
 * exactly by dynamic programming (sched/price.h) in parallel threads, or by
 * a small GLPK program for a student whose rules outgrow the labels. Every
 * pricing round gives a valid Lagrangian bound: the department-week rows'
 * ranges at the duals, plus each student's best reduced value, plus the
 * worst-off term. The integer master then picks one schedule per student.
 *
 * Work, not the clock, decides what is done: the same model and options
 * give the same bound and plan whatever the number of threads, unless the
 * deadline or an interrupt cuts the run short. Nothing prints; progress goes
 * to the callback. The model is borrowed.
 */
#ifndef RP_SOLVE_CG_H
#define RP_SOLVE_CG_H

#include <signal.h>
#include <stdbool.h>

#include "model/model.h"
#include "model/plan.h"
#include "solver/form/mip.h"

typedef struct rp_cg_options {
    double deadline;                  /* on base/clock.h; HUGE_VAL: none */
    /* The decomposition ends here, handing back the time to `deadline`,
     * unless at the pace of its last rounds they close the gap between the
     * bound and the master within their share of `deadline`; when the
     * master's LP has come close to the bound, its dive (cg_dive.c) and the
     * rounds after it go on to `deadline`; HUGE_VAL: `deadline` alone */
    double early_deadline;
    volatile sig_atomic_t *interrupt; /* or NULL */
    int threads;                      /* pricing threads; < 1: 1 */
    const rp_plan *warm_start;        /* a plan keeping every rule, or NULL */
    /* stop once the bound cannot beat this objective (the best plan known);
     * -HUGE_VAL: none */
    double target;
    int max_rounds;                   /* pricing rounds; <= 0: until converged */
    int integer_nodes;                /* nodes of the integer master; <= 0: a default */
    rp_mip_progress_fn progress;      /* NULL: silent */
    void *progress_ctx;
    double seconds_before;            /* added to the times progress reports */
    double started;                   /* base/clock.h reading progress counts from */
    int mem_limit_mb;                 /* cap on GLPK's memory for the master; 0: none */
    long label_limit;                 /* of a student's pricing (sched/price.h), past
                                         which a small GLPK program prices them; <= 0:
                                         two passes (cg_price.c) */
    /* students who outgrow the first pass are priced by their programs even
     * when they are many; the rounds still end there */
    bool program_outgrown;
    bool level_every_student;         /* sched/price.h; for tests */
} rp_cg_options;

void rp_cg_options_init(rp_cg_options *opt);

typedef struct rp_cg_result {
    bool has_bound;
    double bound;        /* no plan scores more (rounded down: scores are integers) */
    double lp_value;     /* the restricted master's LP value, slack cost included */
    double lp_slack;     /* student-weeks of slack in it: > 0 once converged means no
                            mix of schedules keeps the shared rules */
    bool converged;      /* no schedule improves the master: bound and LP agree */
    rp_plan *plan;       /* owned: the best plan combined from the schedules, or NULL */
    double objective;    /* its objective */
    double *cell_dual;   /* [cells] (sched/schedule.h) owned: the duals of the best
                            bound, the worth of one more place in each department-week
                            and team-week */
    int rounds, columns, too_large; /* work done; students priced by a small MIP */
    int rough;           /* students bounded roughly: their round ran past the deadline */
    bool few_rounds;     /* the time fitted too few rounds after the first for the
                            master's LP to lead a dive: only the first was made */
    int outgrown;        /* > 0: in a round this many students (at most) outgrew
                            the first pass's labels, too many to search further;
                            their bounds were the labels' (or, with
                            program_outgrown, their programs') and no more rounds
                            came */
    long labels;
    double lp_seconds, price_seconds, integer_seconds; /* where the time went */
    bool interrupted, time_limit_reached;
} rp_cg_result;

/* Frees what a result owns and zeroes it; accepts a zeroed result. */
void rp_cg_result_clear(rp_cg_result *res);

/*
 * Runs the decomposition on m. RP_OK with whatever it reached (a bound, a
 * plan, both or neither when the time ran out first); RP_ERR_INFEASIBLE
 * when a student has no schedule that keeps their own rules;
 * RP_ERR_NOMEM; RP_ERR_SOLVER. res is always filled.
 */
rp_status rp_cg_run(const rp_model *m, const rp_cg_options *opt, rp_cg_result *res);

#endif
