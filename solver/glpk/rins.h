/*
 * glpk/rins.h - part of the GLPK driver (private): improving a starting
 * solution before the search, by neighbourhood search with sub-MIPs.
 *
 * The gap the heuristic leaves is usually one or two points of the
 * objective, and closing it by branching alone is slow: with a better warm start
 * the search prunes nodes it would otherwise open. Each round keeps the
 * warm start's value on most binaries and lets GLPK (with its presolver, which
 * removes the fixed columns) solve what is left:
 *
 * - the first round frees the binaries on which the root LP and the warm start
 *   disagree (relaxation-induced neighbourhood search);
 * - later rounds also free every column of a few groups (students) chosen
 *   at random, so plans the LP does not point at are reached too.
 *
 * Each better solution becomes the warm start of the next round. The rounds stop
 * at the deadline, after `patience` rounds in a row without a better
 * solution, once the warm start meets the bound (nothing better exists), or on an
 * interrupt. The random choices are seeded: runs repeat.
 * Only glpk/driver.c uses this.
 */
#ifndef RP_GLPK_RINS_H
#define RP_GLPK_RINS_H

#include <signal.h>
#include <stdbool.h>

#include <glpk.h>

typedef struct rp_glpk_rins_limits {
    double deadline;                  /* seconds on base/clock.h */
    volatile sig_atomic_t *interrupt; /* or NULL */
    int patience;                     /* rounds without improvement before stopping */
    double target;                    /* stop once the warm start's objective reaches this
                                         proven bound; +-HUGE_VAL: never */
} rp_glpk_rins_limits;

/*
 * P: the problem with its root LP solved. warm_start[1..n] a feasible solution
 * (n = columns of P), replaced in place by each better one. group[0..n-1]:
 * the group of each column, -1 for none; NULL: RINS rounds only. Returns
 * the number of improvements. GLPK errors go through its error hook like
 * any other.
 */
int rp_glpk_rins_improve(glp_prob *P, double *warm_start, const int *group, const rp_glpk_rins_limits *lim);

#endif
