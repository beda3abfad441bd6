/*
 * glpk_prob.h - part of the GLPK driver (private to glpk_*.c): GLPK's copy
 * of an rp_lp, with names made valid for a file format.
 *
 * GLPK reports its own errors through its error hook; callers install one.
 */
#ifndef RP_GLPK_PROB_H
#define RP_GLPK_PROB_H

#include <glpk.h>

#include "solver/glpk/driver.h"
#include "solver/form/lp.h"

/*
 * Builds GLPK's copy of lp (compacting lp's coefficients first). `names`: 0
 * for none, else the rp_lp_file_format + 1 the names must suit. MPS has no
 * optimisation direction (readers minimise), so for MPS a maximisation is
 * built as the minimisation of the negated objective.
 */
glp_prob *rp_glpk_prob_make(rp_lp *lp, int names);

/* The objective value of x[1..n] (n = columns of P), constant term included. */
double rp_glpk_objective_of(glp_prob *P, const double *x);

/* A glp_term_hook that swallows GLPK's terminal output. */
int rp_glpk_silence(void *info, const char *text);

#endif
