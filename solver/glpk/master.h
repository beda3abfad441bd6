/*
 * master.h - the restricted master of the schedule decomposition, in GLPK.
 *
 * Rows: one per cell (a department-week, or a team-week where supervisors
 * stand in for one another: minimum <= students <= capacity),
 * one convexity row per student (exactly one schedule), and, when the
 * worst-off student counts, one row per student bounding the worst score
 * column by theirs. Columns: the schedules found so far (a column per
 * schedule: its score in the objective, 1 in each cell it occupies), the
 * worst-off score, and per cell an over-capacity and (where there is a
 * minimum) an under-minimum slack whose objective cost is `penalty`: the
 * master is always feasible, and its slack says how far the schedules in
 * it are from a plan. Maximised.
 *
 * The LP is re-solved from its last basis after columns are added (primal
 * simplex), in slices of simplex iterations sized by the master, so that the
 * result depends on the work done, not on the clock; the deadline and the
 * interrupt are looked at between slices. Once schedules are fixed or freed
 * the next solve starts afresh through GLPK's presolver, in a child process
 * that the interrupt stops at once (glpk/fresh.h). The integer master picks
 * one schedule per student.
 *
 * GLPK's fatal errors are caught: the master is then broken and every call
 * answers RP_ERR_SOLVER. Not thread-safe: one thread uses a master.
 */
#ifndef RP_GLPK_MASTER_H
#define RP_GLPK_MASTER_H

#include <signal.h>
#include <stdbool.h>

#include "base/status.h"

typedef struct rp_master rp_master;

typedef struct rp_master_shape {
    int n_students;
    int n_cells;              /* department-weeks, then team-weeks */
    const double *cell_lb;    /* [n_cells] minimums (0: none) */
    const double *cell_ub;    /* [n_cells] capacities */
    double fairness;          /* weight of the worst-off score; 0: no worst rows */
    double worst_lb, worst_ub;/* range of any student's score */
    double penalty;           /* cost of one student-week of slack */
    int mem_limit_mb;         /* cap on GLPK's memory while the master works; 0: none.
                                 Reaching it breaks the master (RP_ERR_SOLVER) */
} rp_master_shape;

typedef struct rp_master_limits {
    double deadline;                  /* on base/clock.h; HUGE_VAL: none */
    volatile sig_atomic_t *interrupt; /* or NULL */
} rp_master_limits;

/* An empty master (no schedule yet); NULL when out of memory. */
rp_master *rp_master_new(const rp_master_shape *shape);
/* Accepts NULL; clears *m. */
void rp_master_free(rp_master **m);

/* Adds a schedule of student s: objective `score`, occupying cells[0..n)
 * (distinct). Returns its column (0-based among schedules), -1 when out of
 * memory or broken. */
int rp_master_add(rp_master *m, int student, double score, const int *cells, int n);

/*
 * After a solve: each schedule column that has stayed out of the solution at
 * a loss (non-basic at 0, reduced cost below 0) for `solves` solves in a row
 * is retired: fixed at 0, so the simplex no longer works on it. Returns how
 * many were retired now. A retired column keeps its place and number; the
 * integer master restores them all. A restored column is never retired
 * again, so that a decomposition cannot cycle on one.
 */
int rp_master_retire_idle(rp_master *m, int solves);
bool rp_master_retired(const rp_master *m, int k);
/* Gives a retired column back its range (a schedule priced again). */
void rp_master_restore(rp_master *m, int k);

/* Fixes schedule column k at 1 (its student takes it; the convexity row
 * keeps the student's others at 0), or gives it back its range [0, 1].
 * A retired column is not fixed. */
void rp_master_fix(rp_master *m, int k, bool fixed);

/*
 * Keeps the master's basis, to go back to once the columns fixed since are
 * freed: the simplex then goes on from it (the schedules added since join
 * at 0), where a large master solved afresh takes longer than the rounds
 * it is for. rp_master_keep_basis returns false when out of memory; going
 * back without a basis kept leaves the next solve to start afresh.
 */
bool rp_master_keep_basis(rp_master *m);
void rp_master_back_to_basis(rp_master *m);

/*
 * Starts the next solve from the basis of a plan: column_of[s] (a column of
 * student s) basic for each student, the slacks of the cell and worst rows
 * basic, every other column at 0. When those columns keep every cell's
 * bounds the basis is feasible and the simplex skips its search for one
 * (5,000 students: the first solve from the slack basis took 5 to 22 s).
 * Nothing is done when a student has no column in column_of.
 */
void rp_master_start_at(rp_master *m, const int *column_of);

/* Number of schedule columns. */
int rp_master_columns(const rp_master *m);
/* The student of schedule column k. */
int rp_master_student(const rp_master *m, int k);

/*
 * Solves the LP from the last basis, for at most `budget` simplex
 * iterations (<= 0: to the end). RP_OK when optimal (*optimal) or when the
 * budget ran out first (the basis then holds a feasible solution and duals
 * that are not optimal yet; the next call goes on from it); RP_ERR_NO_PLAN
 * at the deadline; RP_ERR_INTERRUPTED; RP_ERR_SOLVER. *iterations (may be
 * NULL) gets the simplex iterations spent.
 */
rp_status rp_master_solve(rp_master *m, const rp_master_limits *lim, int budget, bool *optimal,
                          int *iterations);

/* After a solve: the LP value, the slack in it, and the duals of
 * the cell rows [n_cells], the worst rows [n_students] (0 without fairness)
 * and the convexity rows [n_students]. Any pointer may be NULL. */
double rp_master_value(const rp_master *m);
double rp_master_slack(const rp_master *m);
void rp_master_duals(const rp_master *m, double *cell, double *worst, double *convexity);
/* The LP value of schedule column k. */
double rp_master_weight(const rp_master *m, int k);

/*
 * One schedule per student: an integer program over the schedules in the
 * master (slack allowed at its cost), from choice[] when it holds a schedule
 * per student (-1: none), for at most `nodes` branch-and-bound nodes or the
 * deadline. The best found goes to choice[n_students], *objective (penalty
 * included) and *slack. RP_OK with a choice; RP_ERR_NO_PLAN when none was
 * found in time; RP_ERR_INTERRUPTED; RP_ERR_SOLVER. The master stays an LP.
 */
rp_status rp_master_integer(rp_master *m, const rp_master_limits *lim, int nodes, int *choice,
                            double *objective, double *slack);

#endif
