/*
 * lns.h - fix-and-optimise: a plan improved a few students at a time, each
 * neighbourhood a small integer program solved by GLPK.
 *
 * A neighbourhood frees some students (a random group, the students of one
 * department around a week, the worst-off students, the students of one
 * hospital) and keeps everyone else as the plan has them: the freed
 * students are planned again on the residual model (residual.h), where
 * capacities and minimums are what the others leave, and the worst-off
 * score may not exceed the others' worst. A better plan replaces the
 * current one at once. Memory is that of one small program at a time,
 * whatever the cohort's size.
 *
 * The neighbourhoods come from the seed and each program stops after a
 * number of branch-and-bound nodes, so the same plan, options and seed give
 * the same result unless the deadline or an interrupt ends the run. Nothing
 * prints; progress goes to the callback.
 */
#ifndef RP_SOLVE_LNS_H
#define RP_SOLVE_LNS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "model/plan.h"
#include "solver/form/mip.h"

typedef struct rp_lns_options {
    double deadline;                  /* on base/clock.h; HUGE_VAL: none */
    volatile sig_atomic_t *interrupt; /* or NULL */
    uint64_t seed;
    int group;                        /* students freed at once; <= 0: a default */
    long node_limit;                  /* per neighbourhood; <= 0: a default */
    long max_neighbourhoods;          /* <= 0: until the deadline or the bound */
    bool has_bound;                   /* stop once the plan meets it */
    double bound;
    rp_mip_progress_fn progress;      /* NULL: silent */
    void *progress_ctx;
    double started;                   /* base/clock.h reading progress counts from */
    double seconds_before;
} rp_lns_options;

void rp_lns_options_init(rp_lns_options *opt);

typedef struct rp_lns_result {
    long tried, improved; /* neighbourhoods */
    double objective;     /* of the plan returned */
} rp_lns_result;

/*
 * Improves *plan (every rule kept, replaced in place by better plans) for
 * m. RP_OK with the best plan in *plan; RP_ERR_NOMEM; RP_ERR_SOLVER.
 */
rp_status rp_lns_improve(const rp_model *m, const rp_lns_options *opt, rp_plan *plan,
                         rp_lns_result *res);

#endif
