/*
 * glpk/prob.h - part of the GLPK driver (private to solver/glpk): GLPK's copy
 * of an rp_lp, with names made valid for a file format.
 *
 * GLPK reports its own errors through its error hook; callers install one.
 */
#ifndef RP_GLPK_PROB_H
#define RP_GLPK_PROB_H

#include <glpk.h>

#include "solver/glpk/driver.h"
#include "solver/form/lp.h"

/* The names GLPK's copy carries: none (to solve it), or names valid in the
 * file format it is written to. */
typedef enum rp_glpk_names {
    RP_GLPK_NAMES_NONE,
    RP_GLPK_NAMES_LP, /* CPLEX LP */
    RP_GLPK_NAMES_MPS
} rp_glpk_names;

/* The names a file of this format needs. */
rp_glpk_names rp_glpk_names_for(rp_lp_file_format format);

/*
 * Builds GLPK's copy of lp (compacting lp's coefficients first). MPS has no
 * optimisation direction (readers minimise), so for MPS a maximisation is
 * built as the minimisation of the negated objective.
 */
glp_prob *rp_glpk_prob_make(rp_lp *lp, rp_glpk_names names);

/* The objective value of x[1..n] (n = columns of P), constant term included. */
double rp_glpk_objective_of(glp_prob *P, const double *x);

/* GLPK's time limit (tm_lim, milliseconds) for `seconds` left: at least 1,
 * INT_MAX for as good as none. */
int rp_glpk_ms(double seconds);

/* A glp_term_hook that swallows GLPK's terminal output. */
int rp_glpk_silence(void *info, const char *text);

/* Makes sure GLPK's environment exists. GLPK creates it on its first call
 * and aborts the process when it cannot; called first, this answers
 * RP_ERR_NOMEM instead (RP_ERR_SOLVER if GLPK refuses otherwise). */
rp_status rp_glpk_env(void);

#endif
