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
    int team;  /* the team guiding it (model/teams.h), or -1: the department has none */
} rp_sched_rot;

typedef struct rp_schedule {
    int n;              /* rotations, in time order */
    rp_sched_rot *rots; /* owned */
    int cap;
    long score;         /* the student's score (rp_schedule_score) */
} rp_schedule;

/* Empties s and frees its rotations; accepts a zeroed schedule. */
void rp_schedule_clear(rp_schedule *s);

/* Appends a rotation guided by team (-1: none) (the caller keeps time order).
 * RP_ERR_NOMEM. */
rp_status rp_schedule_push(rp_schedule *s, int department, int start, int team);

/* A copy of from into to (to's old contents freed). RP_ERR_NOMEM. */
rp_status rp_schedule_copy(rp_schedule *to, const rp_schedule *from);

/* Student s's score for rotations rots[0..n) in time order: preferences and
 * school priority of each rotation, less a change for each move to another
 * hospital and an idle week for each free week before the last rotation,
 * counted from the first week of the student's intake. */
long rp_schedule_score(const rp_model *m, int s, const rp_sched_rot *rots, int n);

/* True when both hold the same rotations. */
bool rp_schedule_equal(const rp_schedule *a, const rp_schedule *b);

/* Every student's rotations in plan (ids valid for the model) into
 * out[0..n_students), scores included, each rotation's team its
 * supervisor's or the one that fits (rp_team_for); out's old contents are
 * replaced. RP_ERR_NOMEM. */
rp_status rp_schedules_from_plan(const rp_model *m, const rp_plan *plan, rp_schedule *out);

/*
 * Cells: what a shared capacity counts, one per department and week
 * (department p, week w: p x weeks + w), then one per team and week (team t:
 * (departments + t) x weeks + w). A schedule occupies its departments' cells
 * and its teams' cells in the weeks of its rotations.
 */
int rp_sched_cells(const rp_model *m);
/* The cells sc occupies into cells[] (room for 2 x weeks); how many. */
int rp_schedule_cells(const rp_model *m, const rp_schedule *sc, int *cells);

/*
 * The plan holding of_student[s] for every student s (NULL: none), each
 * rotation given a supervisor of its team (rp_teams_assign); *out is new.
 * RP_ERR_NOMEM; RP_ERR_INVALID when a team holds more rotations in a week
 * than its capacity (the plan then is still made, those rotations without
 * a supervisor).
 */
rp_status rp_schedules_to_plan(const rp_model *m, const rp_schedule *const *of_student,
                               rp_plan **out);

#endif
