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

/* Branch-and-bound nodes one student's program may take: the root alone.
 * Its bound comes within a point or two of the best; branching on the most
 * fractional column, ten nodes closed at most one point more (of 8,937 and
 * 17,892 on MSS 40 x 24 and 80 x 24) at about twice the time, and each
 * node's LP, which GLPK cannot be interrupted in, took up to 0.7 s. A count
 * of nodes, not seconds, so that the round is the same run to run. At 60 s
 * the root alone and ten nodes gave the same bounds within a point on four
 * instances (bench/results/mss-gen.md). */
#define RP_PRICE_MIP_NODES 1
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
