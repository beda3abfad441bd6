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

/* Branch-and-bound nodes one student's program may take: its bound, at the
 * root, comes within a point or two of the best; the nodes after it close
 * those last points for one student while the round waits. A count of
 * nodes, not seconds, so that the round is the same run to run. On a
 * 320-student, 24-discipline MSS instance at 120 s the bound was 66,184,
 * 66,179, 66,162, 66,654 and 68,790 at 1, 3, 10, 30 and 100 nodes, and
 * 69,627 at 5 s a program (the plans 65,546 to 65,570). */
#define RP_PRICE_MIP_NODES 10
/* Seconds one student's program may take at most, should its root alone
 * take longer than a round can wait. */
#define RP_PRICE_MIP_SECONDS 5.0

/*
 * Prices student s of m as rp_price_student does, until `deadline` (on
 * base/clock.h), RP_PRICE_MIP_NODES, RP_PRICE_MIP_SECONDS or the
 * interrupt: res->outcome is RP_PRICE_EXACT when GLPK proved its best,
 * RP_PRICE_TOO_LARGE with GLPK's bound otherwise.
 * `start` (or NULL) is a schedule of s keeping every rule that the search
 * starts from, pruning by its value. RP_ERR_NOMEM; RP_ERR_SOLVER.
 */
rp_status rp_price_mip(const rp_model *m, const rp_price_input *in, int s,
                       const rp_schedule *start, double deadline,
                       volatile sig_atomic_t *interrupt, rp_schedule *out, rp_price_result *res);

#endif
