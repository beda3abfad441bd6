/*
 * price_mip.h - pricing one student as a small integer program, for the
 * students whose rules outgrow the labels of sched/price.h.
 *
 * The student alone (residual.h) is formulated (form.h) with the score
 * scaled and the department-week prices and bonuses taken off each
 * rotation, and solved by the GLPK driver. In GLPK's own thread: the caller
 * runs it where it runs GLPK.
 */
#ifndef RP_SOLVE_PRICE_MIP_H
#define RP_SOLVE_PRICE_MIP_H

#include <signal.h>

#include "model/model.h"
#include "solver/sched/price.h"
#include "solver/sched/schedule.h"

/* Seconds one student's program may take at most. */
#define RP_PRICE_MIP_SECONDS 5.0

/*
 * Prices student s of m as rp_price_student does, until `deadline` (on
 * base/clock.h), RP_PRICE_MIP_SECONDS or the interrupt: res->outcome is RP_PRICE_EXACT when
 * GLPK proved its best, RP_PRICE_TOO_LARGE with GLPK's bound otherwise.
 * `start` (or NULL) is a schedule of s keeping every rule that the search
 * starts from, pruning by its value. RP_ERR_NOMEM; RP_ERR_SOLVER.
 */
rp_status rp_price_mip(const rp_model *m, const rp_price_input *in, int s,
                       const rp_schedule *start, double deadline,
                       volatile sig_atomic_t *interrupt, rp_schedule *out, rp_price_result *res);

#endif
