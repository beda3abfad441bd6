/*
 * check_plan.h - test support: a plan judged by the independent checker.
 *
 * Every plan a test gets from the solver, the heuristic, re-planning or the
 * generator, or reads back from a file a binary wrote, goes through
 * check_plan_clean (model/check.h, which shares no code with the
 * formulation): it keeps every hard rule, and the objective it states, if
 * any, is the one the checker computes. A plan that may break rules on
 * purpose (a partial plan) goes through check_plan_report. Must be called
 * from inside a cmocka test; a failure fails that test, after printing the
 * violations to stderr.
 */
#ifndef RP_TEST_CHECK_PLAN_H
#define RP_TEST_CHECK_PLAN_H

#include "model/check.h"

/* What the checker says of a plan that keeps every rule. */
typedef struct checked_plan {
    long objective, sum, worst; /* the score as the checker computes it */
    int n_students;             /* students scored */
    int n_warnings;             /* history mode: rules broken in past weeks only */
} checked_plan;

/* The test fails unless plan keeps every rule of m and its stated objective
 * (when plan->has_objective) is the checker's. */
checked_plan check_plan_clean(const rp_model *m, const rp_plan *plan);
/* The same in history mode: weeks before from_week (0-based, as in
 * rp_check_options) are past, and what they break is only a warning. */
checked_plan check_plan_clean_from(const rp_model *m, const rp_plan *plan, int from_week);
/* The checker's report on a plan that may break rules (a partial plan, a
 * solution under test); free with rp_check_report_free. The test fails only
 * when the checker itself fails. */
rp_check_report *check_plan_report(const rp_model *m, const rp_plan *plan);

#endif
