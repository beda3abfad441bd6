/*
 * form/mip.h - what any MIP strategy takes and gives back.
 *
 * A strategy (the GLPK driver in glpk/driver.h today; decomposition or
 * large-neighbourhood search later) solves an rp_lp under these options and
 * fills an rp_mip_result. Strategies never print: progress goes to the
 * caller's callback, at most about once per progress_interval seconds, plus
 * once whenever a better solution is found.
 */
#ifndef RP_SOLVE_MIP_H
#define RP_SOLVE_MIP_H

#include <signal.h>
#include <stdbool.h>

#include "base/status.h"

typedef struct rp_mip_progress {
    double seconds;      /* since the strategy started */
    const char *phase;   /* "root LP", "search" */
    bool has_incumbent;
    double incumbent;    /* objective of the best solution so far */
    bool has_bound;
    double bound;        /* no solution can be better than this */
    double gap;          /* relative gap, when both are known; else -1 */
    int open_nodes;      /* active nodes of the search tree */
} rp_mip_progress;

typedef void (*rp_mip_progress_fn)(void *ctx, const rp_mip_progress *p);

typedef struct rp_mip_options {
    double time_limit;        /* seconds; <= 0: none */
    double gap;               /* stop once the relative gap is at most this; 0: optimal */
    const double *warm_start; /* [n_cols] a feasible solution to start from, or NULL */
    /* [n_cols] the group (a student) of each column, -1 for none: a strategy
     * improving the warm start may free whole groups at once; NULL: no groups */
    const int *col_group;
    rp_mip_progress_fn progress;
    void *progress_ctx;
    double progress_interval; /* seconds between reports; <= 0: 1 */
    double seconds_before;    /* spent before this run: added to the reported times */
    volatile sig_atomic_t *interrupt; /* non-zero: stop and return the best so far */
    long node_limit;          /* branch-and-bound nodes at most; <= 0: none. Stopping on
                                 work, not time, keeps the result the same run to run */
    bool has_known_bound;     /* a bound proven elsewhere (the schedule decomposition): */
    double known_bound;       /* no solution is better than this */
} rp_mip_options;

void rp_mip_options_init(rp_mip_options *opt);

typedef struct rp_mip_result {
    /* RP_OK with a solution; RP_ERR_INFEASIBLE; RP_ERR_NO_PLAN (time limit,
     * nothing found); RP_ERR_INTERRUPTED (nothing found); RP_ERR_SOLVER;
     * RP_ERR_NOMEM */
    rp_status status;
    bool has_solution;
    bool optimal;             /* proven optimal within the gap asked for */
    bool time_limit_reached;
    bool interrupted;
    bool warm_start_used;     /* the warm start was handed to the search */
    double objective;
    double *values;           /* [n_cols], owned; NULL without a solution */
    bool has_bound;
    double bound;
    double gap;               /* |bound - objective| / max(1, |objective|) */
    double seconds, root_seconds;
} rp_mip_result;

/* Frees values and zeroes the result; accepts a zeroed result. */
void rp_mip_result_clear(rp_mip_result *r);

/* The gap as rp_mip_result defines it. */
double rp_mip_gap(double objective, double bound);

/* A progress report outside a search tree (no open nodes), with the gap
 * filled in when both the incumbent and the bound are known. */
rp_mip_progress rp_mip_report(double seconds, const char *phase, bool has_incumbent,
                              double incumbent, bool has_bound, double bound);

#endif
