/*
 * rough.h - a bound on every plan of a model from each student's options
 * alone (price.h's rough bound at no prices): the sum of the students'
 * bounds plus fairness x the smallest. Weak, but true, and cheap (about 60
 * microseconds a student), so that no plan need be reported without a
 * bound.
 *
 * The bound does not depend on any plan, so it is worked out in a thread of
 * its own while the first plan is built: on a machine with a core to spare
 * it costs no wall time. The result is the same whatever the timing, unless
 * the grace below ran out.
 */
#ifndef RP_SOLVE_ROUGH_H
#define RP_SOLVE_ROUGH_H

#include <signal.h>
#include <stdbool.h>

#include "base/status.h"
#include "model/model.h"

typedef struct rp_rough_limits {
    double deadline;                  /* on base/clock.h; HUGE_VAL: none */
    volatile sig_atomic_t *interrupt; /* or NULL */
    double grace;                     /* seconds the bound may take once the deadline
                                         has passed or the interrupt is set */
} rp_rough_limits;

typedef struct rp_rough rp_rough;

/* Starts the bound of m (borrowed, as is lim, until rp_rough_finish), in a
 * thread of its own, or here when none starts. NULL when out of memory. */
rp_rough *rp_rough_start(const rp_model *m, const rp_rough_limits *lim);

/* Waits for the bound and frees *r (NULL: nothing to wait for, no bound).
 * *has is false when a student has too many options to value or the grace
 * ran out first; has and bound may be NULL when the bound is not wanted.
 * RP_ERR_NOMEM. */
rp_status rp_rough_finish(rp_rough **r, bool *has, double *bound);

#endif
