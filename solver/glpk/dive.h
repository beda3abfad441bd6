/*
 * glpk/dive.h - part of the GLPK driver (private): a diving heuristic run
 * from the branch-and-cut callback.
 *
 * From the LP solution of the search's current node, a copy of the problem
 * fixes the binaries that are (nearly) 1, re-solves the LP with the dual
 * simplex from the node's basis, and repeats until the solution is integral
 * or the LP says the dive cannot beat the best plan. An integral solution is
 * checked against every row before it is returned. The dive never touches
 * the search's own problem. Only glpk/driver.c uses this.
 */
#ifndef RP_GLPK_DIVE_H
#define RP_GLPK_DIVE_H

#include <stdbool.h>

#include <glpk.h>

typedef struct rp_glpk_dive rp_glpk_dive;

/* A diver for P (the problem glp_intopt runs on, root LP solved). It lives
 * in GLPK's memory: glp_free_env releases it after a GLPK error, and GLPK's
 * errors go through its error hook like any other. */
rp_glpk_dive *rp_glpk_dive_new(glp_prob *P);
/* Accepts NULL; clears *d. */
void rp_glpk_dive_free(rp_glpk_dive **d);

/*
 * Dives from the current node of T until `deadline` (seconds on base/clock.h).
 * With has_cutoff, a solution must be better than cutoff (and the dive
 * stops as soon as the LP says it cannot be). On success returns true with
 * the solution in x[1..n] (n = columns) and its objective in *objective; it
 * is integral and satisfies every row within 1e-6. *solves counts LP solves.
 */
bool rp_glpk_dive_run(rp_glpk_dive *d, glp_tree *T, bool has_cutoff, double cutoff, double deadline,
                 double *x, double *objective, int *solves);

#endif
