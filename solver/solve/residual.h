/*
 * residual.h - a model cut down to a few students, with what every other
 * student occupies taken off the departments: the small integer program a
 * neighbourhood search solves keeps every shared rule of the whole plan.
 *
 * Capacities become capacity less the others' load (0 at least; *overfull
 * counts the department-weeks where the others alone exceed it), minimums
 * become minimum less the others' load (0 at least), and so do the
 * capacities of the teams of supervisors (model/teams.h). Everything else
 * (disciplines, hospitals, programmes, the students' own rules) is borrowed
 * from the parent, which must outlive the view; student i of the view is
 * parent student students[i]. Free a view with rp_residual_free, never with
 * rp_model_free.
 */
#ifndef RP_SOLVE_RESIDUAL_H
#define RP_SOLVE_RESIDUAL_H

#include "base/status.h"
#include "model/model.h"

typedef struct rp_residual {
    rp_model model;     /* the view; its arrays of departments, teams and students are owned */
    const int *student; /* [model.n_students] borrowed: parent index of each student */
    int overfull;       /* department-weeks the others alone overfill */
} rp_residual;

/*
 * The view of parent for students[0..n) (distinct), others_load[cells]
 * (sched/schedule.h: department-weeks, then team-weeks) being what the
 * students not in the view occupy. RP_ERR_NOMEM.
 */
rp_status rp_residual_make(const rp_model *parent, const int *students, int n,
                           const int *others_load, rp_residual **out);

/*
 * Student s of parent alone, with only their own rules: every open
 * department-week and team-week has room for them and no minimum, and the
 * worst-off term is off. What the shared rules cost is the caller's to add (pricing).
 * RP_ERR_NOMEM.
 */
rp_status rp_residual_alone(const rp_model *parent, const int *s, rp_residual **out);

/* Accepts NULL; clears *r. */
void rp_residual_free(rp_residual **r);

#endif
