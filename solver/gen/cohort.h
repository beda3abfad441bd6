/*
 * solver/gen/ - the cohort generator behind `rotaplan generate`: synthetic
 * configs of any size with a hidden plan. It may use model/ and base/.
 *
 * gen/cohort.h - a synthetic but realistic cohort for benchmarks and tests.
 *
 * rp_cohort_build draws, from a seed alone, a world of disciplines, hospitals
 * with supervised departments, programmes and students, plus a hidden plan
 * that keeps every hard rule of docs/config.md. The world is cut to fit that
 * plan: supervisors are sized so the plan's busiest week just fits, leave and
 * closures fall in weeks the plan leaves room for, minimums never exceed what
 * the plan sends, late arrivals arrive before their first rotation, pins and
 * personal restrictions are taken from the plan. So every generated cohort is
 * feasible by construction, and the hidden plan (gen/witness.h) proves it.
 *
 * The same parameters give the same cohort on every machine. The cohort owns
 * all its memory; rp_cohort_free releases it. Building fails only on bad
 * parameters (RP_ERR_INVALID) or lack of memory (RP_ERR_NOMEM).
 */
#ifndef RP_GEN_COHORT_H
#define RP_GEN_COHORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/status.h"

/* Limits of the parameters, checked by rp_cohort_build. */
#define RP_COHORT_MAX_STUDENTS 1000000
#define RP_COHORT_MAX_HOSPITALS 200
#define RP_COHORT_MIN_WEEKS 4
#define RP_COHORT_MAX_WEEKS 104
#define RP_COHORT_DEFAULT_WEEKS 12

#define RP_COHORT_MAX_CHANGES 6
#define RP_COHORT_MAX_REQ_DISCIPLINES 8
#define RP_COHORT_MAX_REQUIREMENTS 6
#define RP_COHORT_MAX_PREFS 3

typedef struct rp_cohort_params {
    int students;  /* 1 .. RP_COHORT_MAX_STUDENTS */
    uint64_t seed;
    int hospitals; /* 0: chosen from the number of students */
    int weeks;     /* 0: RP_COHORT_DEFAULT_WEEKS */
} rp_cohort_params;

typedef struct rp_cohort_discipline {
    const char *id, *name, *group; /* static strings; group may be NULL */
    int length;
    int prerequisite; /* discipline index, or -1 */
    int priority;
} rp_cohort_discipline;

typedef struct rp_cohort_hospital {
    char id[32], name[64];
    int students_per_supervisor;
} rp_cohort_hospital;

/* One entry of a department's `changes`, over 0-based weeks first..last. */
typedef struct rp_cohort_change {
    int first, last;
    int supervisors; /* -1: unchanged */
    int minimum;     /* -1: unchanged */
    bool closed;
    char note[64];
} rp_cohort_change;

typedef struct rp_cohort_department {
    char id[40], name[80]; /* name empty: the loader's default */
    int hospital, discipline;
    int supervisors;
    int students_per_supervisor; /* 0: the hospital's */
    int capacity;                /* 0: none given */
    int minimum;
    rp_cohort_change changes[RP_COHORT_MAX_CHANGES];
    int n_changes;
    int *load; /* [weeks] students the hidden plan sends */
} rp_cohort_department;

typedef enum rp_cohort_req_kind {
    RP_COHORT_REQ_DISCIPLINE, /* `discipline: X` */
    RP_COHORT_REQ_GROUP,      /* `group: G` */
    RP_COHORT_REQ_LIST        /* `disciplines: [...]` */
} rp_cohort_req_kind;

typedef struct rp_cohort_requirement {
    rp_cohort_req_kind kind;
    const char *group; /* for RP_COHORT_REQ_GROUP */
    int disciplines[RP_COHORT_MAX_REQ_DISCIPLINES];
    int n_disciplines;
    int min, max;
} rp_cohort_requirement;

typedef struct rp_cohort_programme {
    const char *id, *name;
    rp_cohort_requirement requirements[RP_COHORT_MAX_REQUIREMENTS];
    int n_requirements;
    int max_per_hospital; /* -1: none */
    bool *hospital_allowed; /* [n_hospitals] */
    bool all_hospitals;     /* true: `hospitals` is not written */
} rp_cohort_programme;

typedef struct rp_cohort_rotation {
    int department, start, length; /* start is 0-based */
} rp_cohort_rotation;

typedef struct rp_cohort_pref {
    int what; /* discipline or hospital index */
    int value;
} rp_cohort_pref;

typedef enum rp_cohort_pin_kind {
    RP_COHORT_PIN_NONE,
    RP_COHORT_PIN_FULL,       /* discipline, hospital and week */
    RP_COHORT_PIN_DEPARTMENT, /* discipline and department */
    RP_COHORT_PIN_DISCIPLINE  /* discipline only */
} rp_cohort_pin_kind;

typedef struct rp_cohort_student {
    int programme;
    int given_name, family_name; /* indices into the name lists */
    int arrival;    /* weeks 0 .. arrival-1 are unavailable */
    int leave_week; /* one unavailable 0-based week mid-way, or -1 */
    int first_rotation, n_rotations; /* into rp_cohort.rotations */
    int only_hospitals[3], n_only_hospitals; /* at most three */
    int avoid_hospital, avoid_department, avoid_discipline; /* -1: none */
    bool only_departments; /* restricted to its plan's departments + extra_department */
    int extra_department;  /* -1: none */
    rp_cohort_pref pref_disciplines[RP_COHORT_MAX_PREFS];
    int n_pref_disciplines;
    rp_cohort_pref pref_hospitals[RP_COHORT_MAX_PREFS];
    int n_pref_hospitals;
    int weight_discipline, weight_hospital, weight_change, weight_idle; /* -1: default */
    int pin_rotation; /* index into the student's rotations, or -1 */
    rp_cohort_pin_kind pin_kind;
    bool own_requirements; /* requirements replaced by its plan's disciplines */
    int max_per_hospital;  /* personal limit, or -1 */
} rp_cohort_student;

typedef struct rp_cohort {
    rp_cohort_params params; /* with defaults filled in */
    int weeks;
    rp_cohort_discipline *disciplines; int n_disciplines;
    rp_cohort_hospital *hospitals;     int n_hospitals;
    rp_cohort_department *departments; int n_departments;
    rp_cohort_programme *programmes;   int n_programmes;
    rp_cohort_student *students;       int n_students;
    rp_cohort_rotation *rotations;     int n_rotations; /* the hidden plan */
} rp_cohort;

/*
 * Draws the cohort for params into *out (freed with rp_cohort_free).
 * RP_ERR_INVALID when a parameter is outside its limits (see above), with a
 * short reason in *why when why is not NULL; RP_ERR_NOMEM.
 */
rp_status rp_cohort_build(const rp_cohort_params *params, rp_cohort **out, const char **why);
/* Accepts NULL; clears *c. */
void rp_cohort_free(rp_cohort **c);

/* True when the student must be written in YAML because a CSV roster cannot
 * hold what it needs (pins, own requirements, a personal hospital limit). */
bool rp_cohort_student_needs_yaml(const rp_cohort_student *s);

/* "Given Family" for the student into buf. */
void rp_cohort_student_name(const rp_cohort_student *s, char *buf, int size);
/* The student's id ("S0042") into buf; ids are as wide as the largest. */
void rp_cohort_student_id(const rp_cohort *c, int student, char *buf, int size);

#endif
