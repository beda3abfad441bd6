/*
 * partial_warm_start.h - where the search for a partial plan (partial.h) starts:
 * the plan of the diagnosis (elastic.h with capacities, minimums and
 * requirements bending), with rotations dropped until no department is over
 * its capacity, and rotations whose prerequisite was dropped dropped too.
 *
 * Finding a plan within every capacity is what makes the search for the
 * fewest missed rotations slow; the diagnosis, free to add places, finds
 * its plan fast, and dropping the students it squeezed in is then close to
 * the fewest missed. Pinned rotations are never dropped.
 */
#ifndef RP_PARTIAL_WARM_START_H
#define RP_PARTIAL_WARM_START_H

#include "model/model.h"
#include "model/plan.h"
#include "solver/form/mip.h"

/* *out is a new plan, or NULL when the diagnosis found none under opt (time
 * limit, interrupt) or none exists. RP_OK, RP_ERR_NOMEM, RP_ERR_SOLVER or
 * RP_ERR_INVALID. */
rp_status rp_partial_warm_start(const rp_model *m, const rp_mip_options *opt, rp_plan **out);

#endif
