/*
 * scenario.h - named what-if changes to a config: supervisors on leave or
 * added, wards closed, capacities and minimums changed, students leaving or
 * arriving (docs/whatif.md).
 *
 * A scenario file is YAML:
 *
 *   scenarios:
 *     - name: one gynecologist fewer
 *       changes:
 *         - {department: obstetrics_pediatrics/gynecology, weeks: 1-9, leave: 1}
 *     - name: neurosurgery closed from week 7, HP017 leaves
 *       changes:
 *         - {department: bai_chay/neurosurgery, weeks: 7-9, closed: true}
 *         - {leaves: HP017}
 *
 * A department change names the department and its weeks, like a `changes`
 * entry of the config, and one of: `leave: N` (N supervisors fewer), `extra:
 * N` (N more), `supervisors: N` (that many), `places: N` (N places more each
 * week; negative: fewer), `capacity: N`, `minimum: N`, `closed: true`. A supervisor counts for the students per supervisor the
 * department has (its capacity over its supervisors), so departments that
 * give their capacity directly take `capacity`. A student change is `leaves:
 * ID`, or `arrives: ID` with `like: ID` (a twin of that student: programme,
 * rules and preferences, without pins), `week: K` (the first week they are
 * there, default 1) and an optional `name`.
 *
 * The loader reports every problem at its file, line and column, as the
 * config loader does, and resolves every reference against the config.
 * Applying a scenario makes a new model; the config is never changed.
 */
#ifndef RP_MODEL_SCENARIO_H
#define RP_MODEL_SCENARIO_H

#include "base/diag.h"
#include "model/model.h"

typedef enum rp_edit_kind {
    RP_EDIT_LEAVE,      /* value supervisors fewer */
    RP_EDIT_EXTRA,      /* value supervisors more */
    RP_EDIT_SUPERVISORS,/* value supervisors */
    RP_EDIT_PLACES,     /* value places more (negative: fewer) */
    RP_EDIT_CAPACITY,   /* capacity value */
    RP_EDIT_MINIMUM,    /* minimum value */
    RP_EDIT_CLOSED,     /* closed: capacity and minimum 0 */
    RP_EDIT_LEAVES,     /* student leaves */
    RP_EDIT_ARRIVES     /* a student arrives, like another */
} rp_edit_kind;

/* One change of a scenario. */
typedef struct rp_edit {
    rp_edit_kind kind;
    int department;  /* department edits, else -1 */
    bool *weeks;     /* [weeks] owned, department edits */
    int value;
    int student;     /* LEAVES: the student; ARRIVES: the one they are like */
    char *id, *name; /* ARRIVES: owned; name may be NULL */
    int first_week;  /* ARRIVES: 0-based */
    rp_loc loc;
} rp_edit;

typedef struct rp_scenario {
    char *name;      /* owned */
    rp_edit *edits;  /* owned */
    int n_edits;
    rp_loc loc;
} rp_scenario;

typedef struct rp_scenarios {
    rp_scenario *items;
    int count;
    char *source;    /* the file, which locations point into */
} rp_scenarios;

/* Reads the scenario file at path against config m. *out is new (free with
 * rp_scenarios_free) when there is no error; RP_ERR_INVALID (errors in
 * diags), RP_ERR_IO, RP_ERR_NOMEM. */
rp_status rp_scenarios_load(const rp_model *m, const char *path, rp_scenarios **out,
                            rp_diags *diags);
/* Accepts NULL; clears *s. */
void rp_scenarios_free(rp_scenarios **s);

/* An empty scenario named `name` holding one department edit (weeks
 * first..last, 0-based), for callers that make their own. RP_ERR_NOMEM. */
rp_status rp_scenario_department(const rp_model *m, const char *name, rp_edit_kind kind,
                                 int department, int first, int last, int value,
                                 rp_scenario *out);
/* Frees what a scenario owns and zeroes it. */
void rp_scenario_clear(rp_scenario *s);

/* Places one supervisor gives in department d (its capacity over its
 * supervisors, the largest whole ratio over its weeks), or 0 when it gives
 * its capacity directly. */
int rp_department_places_per_supervisor(const rp_department *d, int weeks);

/*
 * m with the scenario's changes into *out (new; free with rp_model_free).
 * RP_ERR_INVALID with an error in diags when a change cannot be made (a
 * supervisor change on a department without supervisors, a minimum above
 * the capacity it leaves); RP_ERR_NOMEM.
 */
rp_status rp_scenario_apply(const rp_model *m, const rp_scenario *s, rp_model **out,
                            rp_diags *diags);

#endif
