/*
 * cg_internal.h - private to the column generation files of solver/solve:
 * the state they share. cg.c runs the rounds, cg_price.c prices students
 * and bounds, cg_plan.c turns schedules into plans. A cell is a
 * department-week or a team-week (sched/schedule.h).
 */
#ifndef RP_SOLVE_CG_INTERNAL_H
#define RP_SOLVE_CG_INTERNAL_H

#include "solver/glpk/master.h"
#include "solver/sched/price.h"
#include "solver/solve/cg.h"

#define CG_MAX_THREADS 64
#define CG_REDUCED_EPS 1e-6 /* a schedule must beat the known ones by this */
#define PACE_ROUNDS 3       /* rounds the pace of convergence is judged over */

typedef struct cg {
    const rp_model *m;
    const rp_cg_options *opt;
    rp_cg_result *res;
    int S, W, C, threads;
    rp_master *master;
    /* the pool: every schedule in the master, by column */
    rp_schedule *pool;
    int n_pool, cap_pool;
    int *next_of;   /* [cap_pool] the student's next column, or -1 */
    int *first_of;  /* [S] the student's first column, or -1 */
    /* duals: of the master, the center and the smoothed ones priced at */
    double *lp_cell, *lp_worst, *lp_conv;
    double *center_cell, *center_worst;
    double *cell, *worst;
    double *cell_lb, *cell_ub; /* [C] each cell's minimum and capacity */
    bool has_center;
    double best_bound;
    double center_bound;    /* the center's: the best of the rounds at the master's duals */
    /* one pricing round */
    rp_pricer *pricer[CG_MAX_THREADS];
    rp_schedule *found;     /* [S] */
    rp_price_result *priced; /* [S] */
    double *incumbent;      /* [S] best reduced value of a known schedule */
    rp_status thread_status[CG_MAX_THREADS];
    int late[CG_MAX_THREADS]; /* students each thread bounded roughly for want of time */
    int mipped[CG_MAX_THREADS]; /* ... and priced by a small GLPK program */
    long labels_made[CG_MAX_THREADS];
    bool mip_in_threads;    /* GLPK keeps an environment per thread: threads solve those */
    long label_limit;       /* of the pass under way (sched/price.h) */
    bool second_pass;       /* the pass prices only the students who outgrew the first */
    volatile int cut_short; /* an interrupt stopped a round */
    bool restored_useful;   /* the round restored a retired schedule that improves
                               the master at its own duals */
    double begun;           /* on base/clock.h: when the run began */
    double deadline;        /* the one in force: the early deadline, or the options'
                               once the rounds were given more time */
    double generate_until;  /* on base/clock.h: pricing stops here */
    /* best bound - master's LP value after each of the last rounds, the last
     * first, and when (cg.c: whether the rounds get more time) */
    double gap_after[PACE_ROUNDS + 1], gap_at[PACE_ROUNDS + 1];
    double lp_before;       /* the master's LP value a solve before the last, or
                               -HUGE_VAL */
    bool lp_known;          /* res->lp_value is a solve's */
    const char *fixed;      /* [S] or NULL: students a dive has given their schedule;
                               pricing leaves them out */
    int *cells;             /* scratch [2 x weeks]: a schedule's cells */
    double score_range;     /* no student's score lies outside +- this */
    double worst_most;      /* the worst-off score is at most this: the smallest best
                               score a student can have alone */
} cg;


/* The caller asked the run to stop (Ctrl-C). */
bool rp_cg_interrupted(const cg *g);

/* The deadline (of pricing, or of the whole run) or an interrupt has come. */
bool rp_cg_stopped(const cg *g);
bool rp_cg_out_of_time(const cg *g);

/* Adds a schedule of s to the pool and the master unless s has it already
 * (a retired column of it is restored, and counts as added). RP_ERR_NOMEM
 * or RP_ERR_SOLVER. */
rp_status rp_cg_add_column(cg *g, int s, const rp_schedule *sc, bool *added);
/* The cells sc occupies (sched/schedule.h: department-weeks, and the
 * team-weeks of its rotations' teams), into cells; returns how many. */
int rp_cg_schedule_cells(const cg *g, const rp_schedule *sc, int *cells);

/* The master's LP, with no slack, has come within a tenth of the best
 * bound or rose by at most 1% in its last solve: its dive's plan will be
 * near the LP, and the dive, then rounds after it, may use the
 * decomposition's whole time (cg.h deadline). */
bool rp_cg_nearly_converged(const cg *g);
/* Prices every student at the smoothed duals (g->cell, g->worst). Past the
 * deadline the students left are bounded roughly (price.h rough_bound), so
 * that the round still bounds; an interrupt cuts it short and sets
 * g->cut_short. */
rp_status rp_cg_price_all(cg *g);
/* Adds the round's schedules to the pool; *useful when one of them (or a
 * schedule restored from retirement) improves the master at its own duals. */
rp_status rp_cg_add_round(cg *g, bool *useful);
/* The Lagrangian bound of the round just priced. */
double rp_cg_lagrangian(const cg *g);
/* The smoothed duals: alpha x the center's + (1 - alpha) x the master's. */
void rp_cg_smooth(cg *g, double alpha);
/* The reduced cost of a schedule of s at the master's own duals. */
double rp_cg_master_reduced(const cg *g, int s, const rp_schedule *sc);

/* The plan of choice[S] (a pool column per student), each rotation given a
 * supervisor of its team, and its objective. */
rp_status rp_cg_plan_of(cg *g, const int *choice, rp_plan **out, double *objective);
/* The plan of choice[S] becomes res->plan when it scores better. */
rp_status rp_cg_offer_choice(cg *g, const int *choice);
/* A dive over the master (cg_dive.c): schedules the LP favours are fixed a
 * step at a time, the other students priced again between steps; a plan
 * with no slack at the end is offered. The master is left as it was found,
 * its columns added to. */
rp_status rp_cg_dive(cg *g, int *choice);
/* One schedule per student: a dive with pricing, then, as good as the pool
 * allows, the integer master for cohorts it can search whole and groups of
 * students picked again with the others fixed. A better plan with no slack
 * replaces res->plan. */
rp_status rp_cg_combine(cg *g, int *choice);

/* A progress report. */
void rp_cg_report(const cg *g, const char *phase);

#endif
