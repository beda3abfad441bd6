/*
 * partial_limits.h - a partial plan fast: one that keeps every hard rule but
 * the requirements' minimums, for the search of partial.h to start from.
 *
 * The heuristic (heur.h) keeps capacities and minimums in seconds, but only
 * for a config that has a plan. Here it runs on a copy of the model in which
 * requirements ask for nothing they need not: first only the requirements
 * the static pre-checks name (those drawing on a discipline or department
 * short of places, those of a student who cannot meet them), then, if that
 * still has no plan, every requirement. Whatever it places keeps every
 * capacity, minimum, availability, eligibility, prerequisite, hospital limit
 * and pin of the original model; only required rotations may be missing.
 *
 * Nothing here prints; the model is only read.
 */
#ifndef RP_PARTIAL_LIMITS_H
#define RP_PARTIAL_LIMITS_H

#include "model/model.h"
#include "model/plan.h"
#include "solver/diagnose/finding.h"
#include "solver/heur/heur.h"

/*
 * *out is a new plan keeping every hard limit of m, or NULL when the
 * heuristic found none within opt (time limit, interrupt), as when a minimum
 * cannot be filled. `findings` are m's static pre-check findings. RP_OK or
 * RP_ERR_NOMEM.
 */
rp_status rp_partial_limits_plan(const rp_model *m, const rp_findings *findings,
                                 const rp_heur_options *opt, rp_plan **out);

/* Required rotations no partial plan can avoid missing, from the findings:
 * when a discipline's forced demand exceeds its capacity, that many students
 * (at least) cannot do it, and each then misses a required rotation. */
long rp_partial_limits_missed_at_least(const rp_model *m, const rp_findings *findings);

#endif
