#include "solver/gen/witness.h"

#include <stdlib.h>

rp_status rp_witness_plan(const rp_cohort *c, const rp_model *m, rp_plan **out)
{
    *out = NULL;
    /* Model index of every cohort department, found once. */
    int *dept = malloc((size_t)(c->n_departments ? c->n_departments : 1) * sizeof *dept);
    rp_plan *plan = rp_plan_new();
    rp_status st = RP_OK;
    if (!dept || !plan) {
        st = RP_ERR_NOMEM;
        goto done;
    }
    for (int i = 0; i < c->n_departments; i++) {
        const rp_cohort_department *dp = &c->departments[i];
        int h = rp_model_find_hospital(m, c->hospitals[dp->hospital].id);
        dept[i] = h < 0 ? -1 : rp_model_find_department(m, h, dp->id);
    }
    for (int s = 0; s < c->n_students; s++) {
        char id[24];
        rp_cohort_student_id(c, s, id, sizeof id);
        int ms = rp_model_find_student(m, id);
        if (ms < 0) {
            st = RP_ERR_INVALID;
            goto done;
        }
        const rp_cohort_student *cs = &c->students[s];
        for (int k = 0; k < cs->n_rotations; k++) {
            const rp_cohort_rotation *r = &c->rotations[cs->first_rotation + k];
            if (dept[r->department] < 0) {
                st = RP_ERR_INVALID;
                goto done;
            }
            RP_TRY_GOTO(rp_plan_add(plan, ms, dept[r->department], r->start, r->length), done);
        }
    }
    plan->status = RP_PLAN_FEASIBLE;
    rp_plan_sort(plan);
    *out = plan;
    plan = NULL;
done:
    free(dept);
    rp_plan_free(&plan);
    return st;
}
