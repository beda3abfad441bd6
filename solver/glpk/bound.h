/*
 * glpk/bound.h - part of the GLPK driver (private): a bound on the best plan
 * from whole student schedules (Dantzig-Wolfe decomposition by column
 * generation).
 *
 * The LP relaxation lets a student take half of one schedule and half of
 * another that breaks a requirement, so its bound stays a few points above
 * the best plan and branch and bound must close that gap node by node. Here
 * the rows that concern one student only (their path, requirements,
 * prerequisites, hospital limits) are kept integral: each student's part is
 * a small MIP of its own, solved exactly, and only the rows shared between
 * students (capacities, minimums, the worst-off student) are relaxed. The
 * master LP mixes each student's schedules found so far; its duals price the
 * next schedule of every student. Every round gives a valid Lagrangian bound
 * (whatever the duals), so the loop may stop as soon as the bound, rounded
 * when objective values are integers, meets the best plan known: that plan
 * is then proven optimal without a search. Last, the schedules found are
 * combined (the master with whole schedules) into a plan that may beat the
 * warm start.
 *
 * Only glpk/driver.c uses this.
 */
#ifndef RP_GLPK_BOUND_H
#define RP_GLPK_BOUND_H

#include <signal.h>
#include <stdbool.h>

#include <glpk.h>

typedef struct rp_glpk_bound_limits {
    double deadline;                  /* seconds on base/clock.h */
    volatile sig_atomic_t *interrupt; /* or NULL */
    /* stop once the bound is no better than this (the best plan known) */
    double target;
    bool integral; /* objective values are integers: bounds may be rounded */
} rp_glpk_bound_limits;

/*
 * P: the problem as built (its bounds, not a node's). warm_start[1..n]: a feasible
 * solution (n = columns of P), replaced by a better one when the schedules
 * found combine into one (*improved). group[0..n-1]: the group (student) of
 * each column, -1 for none. Returns true with *bound, the best bound found
 * (rounded when lim->integral), which may be weaker than the LP
 * relaxation's when the time ran out early; false when none could be
 * computed (out of time or memory, or a group's problem unbounded). GLPK
 * errors go through its error hook like any other.
 */
bool rp_glpk_bound_by_schedules(glp_prob *P, double *warm_start, const int *group,
                           const rp_glpk_bound_limits *lim, double *bound, bool *improved);

#endif
