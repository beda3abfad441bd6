/*
 * cli/report.h - what the office reads after a solve: a short summary and
 * a compact timetable, written to a stream the caller gives.
 *
 * The summary says whether the plan is proven optimal, the objective, bound,
 * gap and what they mean in one plain sentence, time and model size, the load of each hospital (placed student-weeks
 * against capacity) and the worst-off student with their score as the
 * independent checker computed it.
 */
#ifndef RP_SOLVE_REPORT_H
#define RP_SOLVE_REPORT_H

#include <stdio.h>

#include "model/check.h"
#include "model/model.h"
#include "model/plan.h"
#include "solver/solve/solve.h"

void rp_solve_report_summary(FILE *out, const rp_model *m, const rp_plan *plan,
                             const rp_solve_result *res, const rp_check_report *check);

/* One line per student: each rotation as "weeks hospital/department". */
void rp_solve_report_timetable(FILE *out, const rp_model *m, const rp_plan *plan);

/* "optimal", "feasible, not proven optimal" ... for res. */
const char *rp_solve_report_status(const rp_solve_result *res);

#endif
