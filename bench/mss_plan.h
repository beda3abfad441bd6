/*
 * mss_plan.h - a published MSS solution read as a rotaplan plan.
 *
 * A solution file gives `schedule = array4d(1..Students, 1..Horizon,
 * 1..Hospitals, 1..Disciplines, [...])`, 1 where a student is in a
 * discipline at a hospital in a period; its ranges may name the instance's
 * scalars. Each run of consecutive periods a student spends in one
 * department becomes one rotation of that length (the checker, not this
 * reader, judges whether the length is right). The plan refers to the model
 * loaded from the config imported from the same instance (ids s1.., h1..,
 * department d1..).
 *
 * Problems a plan cannot even hold are errors at the offending value: a
 * shape other than the instance's, a value other than 0 or 1, a student in
 * two places in one period, a student in a discipline the hospital does not
 * have.
 */
#ifndef RP_MSS_PLAN_H
#define RP_MSS_PLAN_H

#include "base/diag.h"
#include "model/model.h"
#include "bench/mss_instance.h"
#include "model/plan.h"
#include "base/status.h"

/* Reads the solution at path for instance inst whose config loaded as
 * model. On success *out is a new plan (status unknown) the caller frees
 * with rp_plan_free. On failure *out is NULL: RP_ERR_IO, RP_ERR_INVALID
 * (diagnostics say why) or RP_ERR_NOMEM. */
rp_status rp_mss_plan_read(const rp_mss *inst, const rp_model *model, const char *path,
                           rp_plan **out, rp_diags *diags);
/* The same for a solution's text in memory; `name` is the file name messages
 * show. */
rp_status rp_mss_plan_read_string(const rp_mss *inst, const rp_model *model, const char *name,
                                  const char *text, size_t len, rp_plan **out, rp_diags *diags);

#endif
