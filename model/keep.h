/*
 * keep.h - students whose rotations are decided already (an earlier wave's
 * plan in force), kept exactly while the others are planned around them.
 *
 * Keeping changes the model in place, so that every solver honours it
 * without knowing: each kept rotation becomes a pin (discipline, department,
 * first week and, when it has one, supervisor), the kept student is
 * unavailable in every other week, and the teams are built again (a pinned
 * supervisor is a team alone). The checker still judges the final plan
 * against the config as written.
 */
#ifndef RP_KEEP_H
#define RP_KEEP_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/model.h"
#include "model/plan.h"

/*
 * Keeps the rotations plan gives each student s with kept[s]. First the kept
 * part alone is checked against m: a rule it breaks whatever the others do
 * (everything but department minimums, which the others may fill, and a
 * missing supervisor, which the solver gives) is an error in diags, located
 * at the student or department, naming `plan_name`; then RP_ERR_INVALID and
 * m is unchanged. RP_ERR_NOMEM (m may then be partly changed).
 */
rp_status rp_model_keep(rp_model *m, const rp_plan *plan, const bool *kept,
                        const char *plan_name, rp_diags *diags);

#endif
