/*
 * gen/witness.h - the hidden plan of a synthetic cohort as an rp_plan.
 *
 * The cohort (gen/cohort.h) is drawn around a plan that keeps every hard
 * rule. Once its config has been written and loaded, this turns that plan
 * into the loaded model's indices, so it can be checked (check.h) and written
 * (plan_io.h) like any other plan.
 */
#ifndef RP_GEN_WITNESS_H
#define RP_GEN_WITNESS_H

#include "solver/gen/cohort.h"
#include "model/model.h"
#include "model/plan.h"

/*
 * Builds the hidden plan of c in terms of m, the model loaded from c's
 * config, into *out (freed with rp_plan_free; status feasible).
 * RP_ERR_INVALID when m does not hold a student, hospital or department of
 * c (m was not loaded from c's config); RP_ERR_NOMEM.
 */
rp_status rp_witness_plan(const rp_cohort *c, const rp_model *m, rp_plan **out);

#endif
