/*
 * solver/sched/ - whole student schedules: what one student does over the
 * horizon, its score, and the best schedule of a student under prices on
 * department-weeks (price.h), by dynamic programming straight from the
 * model. No integer program, no GLPK. It may use solver/form/, model/ and
 * base/.
 *
 * schedule.h - one student's rotations as a value, its score as
 * docs/config.md defines it, and the department-weeks it occupies.
 *
 * A schedule owns its rotation array; rp_schedule_clear frees it. Scores are
 * computed here for the solver's own use; the checker (model/check*) scores
 * every plan again on its own.
 */
#ifndef RP_SCHED_SCHEDULE_H
#define RP_SCHED_SCHEDULE_H

#include <stdbool.h>

#include "base/status.h"
#include "model/model.h"
#include "model/plan.h"

typedef struct rp_sched_rot {
    int department;
    int start; /* 0-based first week; the length is the discipline's */
} rp_sched_rot;

typedef struct rp_schedule {
    int n;              /* rotations, in time order */
    rp_sched_rot *rots; /* owned */
    int cap;
    long score;         /* the student's score (rp_schedule_score) */
} rp_schedule;

/* Empties s and frees its rotations; accepts a zeroed schedule. */
void rp_schedule_clear(rp_schedule *s);

/* Appends a rotation (the caller keeps time order). RP_ERR_NOMEM. */
rp_status rp_schedule_push(rp_schedule *s, int department, int start);

/* A copy of from into to (to's old contents freed). RP_ERR_NOMEM. */
rp_status rp_schedule_copy(rp_schedule *to, const rp_schedule *from);

/* Student s's score for rotations rots[0..n) in time order: preferences and
 * school priority of each rotation, less a change for each move to another
 * hospital and an idle week for each free week before the last rotation. */
long rp_schedule_score(const rp_model *m, int s, const rp_sched_rot *rots, int n);

/* True when both hold the same rotations. */
bool rp_schedule_equal(const rp_schedule *a, const rp_schedule *b);

/* Every student's rotations in plan (ids valid for the model) into
 * out[0..n_students), scores included; out's old contents are replaced.
 * RP_ERR_NOMEM. */
rp_status rp_schedules_from_plan(const rp_model *m, const rp_plan *plan, rp_schedule *out);

#endif
