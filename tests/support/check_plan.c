#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "tests/support/check_plan.h"

/* How many violations a failing check shows. */
#define SHOWN 20

static rp_check_report *report_from(const rp_model *m, const rp_plan *plan, int from_week)
{
    assert_non_null(plan);
    rp_check_options opt = {from_week};
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan_with(m, plan, &opt, &r), RP_OK);
    assert_non_null(r);
    return r;
}

rp_check_report *check_plan_report(const rp_model *m, const rp_plan *plan)
{
    return report_from(m, plan, 0);
}

checked_plan check_plan_clean_from(const rp_model *m, const rp_plan *plan, int from_week)
{
    rp_check_report *r = report_from(m, plan, from_week);
    for (int i = 0; i < r->n_violations && i < SHOWN; i++)
        fprintf(stderr, "violation: [%s] %s\n", rp_rule_str(r->violations[i].rule),
                r->violations[i].message);
    if (r->n_violations > 0)
        fail_msg("the checker finds %d violation%s in the plan", r->n_violations,
                 r->n_violations == 1 ? "" : "s");
    if (plan->has_objective && plan->objective != (double)r->objective)
        fail_msg("the plan states objective %g, the checker computes %ld", plan->objective,
                 r->objective);
    checked_plan c = {r->objective, r->sum, r->worst, r->n_students, r->n_warnings};
    rp_check_report_free(&r);
    return c;
}

checked_plan check_plan_clean(const rp_model *m, const rp_plan *plan)
{
    return check_plan_clean_from(m, plan, 0);
}
