/*
 * solver/glpk/ - everything that includes glpk.h: solving and exporting an
 * rp_lp, the bound from whole student schedules, diving and neighbourhood
 * search inside GLPK's search. It may use solver/form/, model/ and base/.
 *
 * glpk/driver.h - solving and exporting an rp_lp with GLPK.
 *
 * The only module that includes glpk.h. GLPK never aborts the process: its
 * fatal errors are caught with glp_error_hook and a long jump, after which
 * its environment is freed and RP_ERR_SOLVER returned. Its terminal output is
 * silenced; progress goes to the callback in rp_mip_options.
 *
 * The root LP is solved first in short slices (so a time limit or an
 * interrupt is noticed during it), then branch and cut runs without GLPK's
 * MIP presolver so that a starting solution can be handed to it at the first
 * GLP_IHEUR request with glp_ios_heur_sol, along with the plans a diving
 * heuristic (glpk/dive.h) finds from the search's nodes. GLPK's return code and its MIP
 * status are mapped together to one result (form/mip.h): a time limit or an
 * interrupt with a solution in hand is a solution, not a failure.
 *
 * Not reentrant: GLPK keeps one environment per thread. When it was built
 * with thread-local storage (rp_glpk_per_thread), threads may solve at the
 * same time, each in its own environment, freed when the thread ends.
 */
#ifndef RP_GLPK_DRIVER_H
#define RP_GLPK_DRIVER_H

#include "base/diag.h"
#include "solver/form/lp.h"
#include "solver/form/mip.h"

/* GLPK's own knobs (see the GLPK manual, glp_iocp). */
typedef enum rp_glpk_basis {
    RP_GLPK_BASIS_STD, /* all slacks (glp_std_basis) */
    RP_GLPK_BASIS_ADV, /* glp_adv_basis */
    RP_GLPK_BASIS_BIB  /* Bixby's (glp_cpx_basis) */
} rp_glpk_basis;

typedef struct rp_glpk_tuning {
    bool mip_presolve;  /* GLPK's MIP presolver; ignored when a warm start is given */
    bool primal_root;   /* primal simplex for the root LP (else dual, primal as fallback) */
    bool flip;          /* long-step ratio test in the dual simplex (root and nodes) */
    rp_glpk_basis root_basis;
    bool gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    bool fp_heur, ps_heur, sr_heur;
    int ps_tm_lim;      /* proximity search time limit per call, ms */
    int br_tech, pp_tech; /* GLP_BR_*, GLP_PP_* values */
    /* Driebeck-Tomlin branching (br_tech GLP_BR_DTH) only on programs of at
     * most this many columns, GLPK's most fractional column beyond: it weighs
     * every fractional column with a row of the simplex table at each node,
     * and GLPK looks at the clock and the interrupt only between nodes */
    int dth_max_columns;
    /* Search plan. Until a plan is known the search itself dives: it branches
     * on the fractional column closest to 1, up branch first, and backtracks
     * depth first, which completes plans quickly. With a plan in hand it
     * tightens the bound: the node with the best bound next, br_tech to
     * branch, and a diving heuristic (glpk/dive.h) taking about dive_share
     * of the time to find better plans. */
    bool dive_first;
    bool dive_heur;
    double dive_share;
    /* With a warm start, up to this share of the time left after the root LP goes
     * to improving it in the neighbourhood the root LP suggests
     * (glpk/rins.h); 0: off */
    double rins_share;
    int rins_patience;  /* neighbourhoods tried in a row without a better warm start */
    /* When the LP bound leaves a gap to the warm start, up to this share of the
     * time left goes to the tighter bound from whole student schedules
     * (glpk/bound.h), which may prove the warm start optimal; 0: off */
    double bound_share;
    int mem_limit_mb;   /* cap on GLPK's memory (glp_mem_limit); 0: none. Running
                           out is a GLPK error: RP_ERR_SOLVER */
} rp_glpk_tuning;

/* The defaults rotaplan measured best (bench/results/solve.md). */
void rp_glpk_tuning_init(rp_glpk_tuning *t);

/*
 * Solves lp (compacting its coefficients first) under opt and tune (NULL:
 * defaults). res is filled as form/mip.h describes; the return value equals
 * res->status.
 */
rp_status rp_glpk_solve(rp_lp *lp, const rp_mip_options *opt, const rp_glpk_tuning *tune,
                        rp_mip_result *res);

/* Whether GLPK keeps its environment per thread (glp_config("TLS")): only
 * then may several threads call it at once. */
bool rp_glpk_per_thread(void);
/* Frees the calling thread's GLPK environment, if it has one: for a thread
 * that solved and is about to end (the main thread's ends with the process). */
void rp_glpk_thread_end(void);

typedef enum rp_lp_file_format { RP_LP_FILE_CPLEX, RP_LP_FILE_MPS } rp_lp_file_format;

/*
 * Writes lp to path as a CPLEX LP or free MPS file that GLPK and cbc both
 * read, with names made valid for the format (in CPLEX LP '[' ']' '/' '-'
 * become '(' ')' '@' '~'; a name too long for the format becomes a generic
 * one). MPS has no direction, so a maximisation is written as minimising the
 * negated objective. Atomic: a temporary file next to path is renamed over it
 * when complete. On failure a diagnostic names the path and RP_ERR_IO (or
 * RP_ERR_SOLVER/NOMEM) returns.
 */
rp_status rp_glpk_write(rp_lp *lp, const char *path, rp_lp_file_format format,
                        rp_diags *diags);

#endif
