/*
 * plan.h - a placement plan: every student's rotations.
 *
 * A rotation is one student in one department for `length` consecutive weeks
 * starting at 0-based week `start`. The plan owns its rotation array. The
 * solver fills plans, plan_io.h reads and writes them, check.h judges them.
 * A plan read from a file may break any rule (that is what the checker is
 * for); only its ids are known to exist in the model.
 */
#ifndef RP_PLAN_H
#define RP_PLAN_H

#include <stdbool.h>

#include "base/status.h"

typedef enum rp_plan_status {
    RP_PLAN_UNKNOWN = 0, /* read from a file that did not say */
    RP_PLAN_OPTIMAL,     /* proven optimal within the gap asked for */
    RP_PLAN_FEASIBLE,    /* satisfies every rule, not proven optimal */
    RP_PLAN_PARTIAL      /* some required rotations are missing on purpose */
} rp_plan_status;

typedef struct rp_rotation {
    int student;    /* index into model->students */
    int department; /* index into model->departments */
    int start;      /* 0-based first week */
    int length;     /* weeks */
    int supervisor; /* index into model->supervisors, or -1 for none */
    /* A plan file may give one rotation another supervisor from some week on
     * (the checker reports it): that 0-based week and that supervisor (-1:
     * none), else both -1. */
    int switch_week, switch_supervisor;
} rp_rotation;

typedef struct rp_plan {
    rp_rotation *rotations;
    int n_rotations, capacity;
    rp_plan_status status;
    bool has_objective, has_bound;
    double objective, bound; /* as the producer reported them */
} rp_plan;

/* An empty plan, status unknown; NULL when out of memory. */
rp_plan *rp_plan_new(void);
/* Accepts NULL; clears *p. */
void rp_plan_free(rp_plan **p);
/* A deep copy, or NULL when out of memory. */
rp_plan *rp_plan_clone(const rp_plan *p);
/* Adds a rotation without a supervisor. */
rp_status rp_plan_add(rp_plan *p, int student, int department, int start, int length);
/* Whether a and b are the same rotation: student, department, start, length. */
bool rp_rotation_same(const rp_rotation *a, const rp_rotation *b);
/* Whether p holds rotation r. Linear in p's rotations. */
bool rp_plan_holds(const rp_plan *p, const rp_rotation *r);
/* Adds a rotation guided by `supervisor` (-1: none). */
rp_status rp_plan_add_guided(rp_plan *p, int student, int department, int start, int length,
                             int supervisor);
/* Orders rotations by student, then start week, then department. */
void rp_plan_sort(rp_plan *p);
/* Removes rotation i (order of the rest kept). */
void rp_plan_remove(rp_plan *p, int i);
/* Removes every rotation; keeps the allocation. */
void rp_plan_reset(rp_plan *p);
const char *rp_plan_status_str(rp_plan_status st);

#endif
