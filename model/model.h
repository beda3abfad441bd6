/*
 * model/ - the domain: the model and its loading from YAML and CSV with
 * validation, plan files and the changes between two plans, and the checker
 * that re-verifies every plan on its own. It may use base/ only; nothing in it
 * knows an integer program.
 *
 * model.h - the placement problem as the rest of rotaplan sees it.
 *
 * An rp_model is built by the config loader (load.h) and is read-only after
 * that. Every reference is already resolved to an index, every per-week value
 * is expanded to an array of `weeks` entries, and every student carries the
 * effective rules that apply to them (programme defaults merged with personal
 * overrides), so the formulation and the checker never look at YAML.
 *
 * Weeks are 0-based inside the program (0 .. weeks-1) and 1-based in every
 * file and message. The model owns all its memory; rp_model_free releases it.
 * Locations (rp_loc) point into strings the model owns.
 */
#ifndef RP_MODEL_H
#define RP_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/status.h"

#define RP_NO_LIMIT (-1) /* max_per_hospital when there is none */

typedef struct rp_group {
    char *id;
    rp_loc loc; /* first discipline that named it */
} rp_group;

typedef struct rp_discipline {
    char *id, *name;    /* name defaults to id */
    int length;         /* weeks per rotation, >= 1 */
    int group;          /* index into groups, or -1 */
    int *prerequisites; /* discipline indices that must be completed first */
    int n_prerequisites;
    int priority;       /* the school's priority (MSS ManPref) */
    rp_loc loc;
} rp_discipline;

typedef struct rp_hospital {
    char *id, *name;
    rp_loc loc;
} rp_hospital;

/* A department's change as the config writes it (leave, a closure ...), kept
 * so that outputs can show it with its note; capacity, minimum and supervisors
 * of the department already hold its effect. */
typedef struct rp_dept_change {
    bool *weeks;     /* [weeks] the weeks it applies to */
    char *note;      /* the config's free text, or NULL */
    bool closed;     /* `closed: true` */
    int supervisors; /* supervisors in those weeks, or -1 when it does not say */
    int capacity;    /* explicit capacity in those weeks, or -1 when it does not say */
    rp_loc loc;
} rp_dept_change;
/* A wave of students who arrive together: their weeks are first_week ..
 * first_week + weeks - 1. Intakes may overlap; they share every capacity. */
typedef struct rp_intake {
    char *id, *name;   /* name defaults to id */
    int first_week;    /* 0-based */
    int weeks;         /* >= 1, within the horizon */
    rp_loc loc;
} rp_intake;

/* Who guides whom: doctors guide medical students, nurse preceptors guide
 * nursing students. Students belong to one pool; a department may give its
 * supervisors per pool, each pool with its own ratio. */
typedef struct rp_pool {
    char *id, *name;
    rp_loc loc;
} rp_pool;

/* A supervisor listed by name in one department. */
typedef struct rp_supervisor {
    char *id, *name;   /* id unique in the config; name defaults to id */
    int department;    /* index into departments */
    int pool;          /* index into pools, or -1 when the config has none */
    int ratio;         /* students they guide at once */
    bool *present;     /* [weeks] at work: not on leave, the department open */
    int *languages;    /* indices into the model's languages */
    int n_languages;
    int team;          /* index into teams (rp_model_build_teams) */
    rp_loc loc;
} rp_supervisor;

/*
 * Supervisors who can stand in for one another: in one department, guiding
 * one pool (or every pool), present in the same weeks and, when named,
 * speaking the same languages. Teams are what the solvers count against:
 * students guided by a team in a week are at most its capacity. Within a
 * named team, rotations that keep that count in every week can always be
 * given one supervisor each for all their weeks (rp_teams_assign), which a
 * count per department and week could not promise once leave splits a
 * rotation. A supervisor named by a pin is a team of their own.
 *
 * Departments without pools or named supervisors have no teams: their
 * capacity is shared by everyone. An unnamed pool of a department is one
 * team with no members.
 */
typedef struct rp_team {
    int department;
    int pool;      /* the pool it guides, or -1: every pool */
    int *capacity; /* [weeks] students it guides at once (0 when absent) */
    int *members;  /* named supervisors (indices), NULL for an unnamed pool */
    int n_members;
} rp_team;

/* One ward: a discipline taught at a hospital, with a weekly capacity. */
typedef struct rp_department {
    char *id, *name;   /* id is unique within its hospital; defaults to the discipline id */
    int hospital;      /* index into hospitals */
    int discipline;    /* index into disciplines */
    int *capacity;     /* [weeks] most students in the week (0 when closed) */
    int *minimum;      /* [weeks] fewest students in the week */
    int *supervisors;  /* [weeks] supervisors present, or NULL when capacity is given directly */
    rp_dept_change *changes; /* in config order */
    int n_changes;
    /* [n_pools x weeks] most students of pool k in week w (index k * weeks + w),
     * or NULL when the department's places are shared by every pool */
    int *pool_capacity;
    int first_supervisor, n_supervisors; /* its named supervisors, in config order */
    int first_team, n_teams;             /* its teams (rp_team) */
    rp_loc loc;
} rp_department;

/* "Between min and max distinct disciplines of this set": groups, a mandatory
 * discipline and lists are all expressed this way. */
typedef struct rp_requirement {
    int *disciplines;
    int n_disciplines;
    int min, max;
    char *label; /* how the office names it: "group 'surgery'", "discipline 'pediatrics'" */
    rp_loc loc;
} rp_requirement;

typedef struct rp_programme {
    char *id, *name;
    rp_requirement *requirements;
    int n_requirements;
    int max_per_hospital;   /* most rotations at any one hospital, or RP_NO_LIMIT */
    bool *hospital_allowed; /* [n_hospitals] */
    int pool;               /* the pool guiding its students, or -1 */
    rp_loc loc;
} rp_programme;

/* A rotation the student must do: discipline always, the rest optional. */
typedef struct rp_pin {
    int discipline;
    int hospital;   /* index, or -1 for any */
    int department; /* index, or -1 for any (when set, hospital is set too) */
    int start;      /* 0-based first week, or -1 for any */
    int supervisor; /* named supervisor, or -1 for any (when set, department is set too) */
    rp_loc loc;
} rp_pin;

/* Personal weights of the score. change and idle are penalties (>= 0). */
typedef struct rp_weights {
    int discipline, hospital, change, idle;
} rp_weights;

/* Why a student may not be placed in a department (0: they may). */
typedef enum rp_block {
    RP_BLOCK_NONE = 0,
    RP_BLOCK_NOT_IN_PROGRAMME,  /* the discipline is in none of the student's requirements */
    RP_BLOCK_DISCIPLINE,        /* the student avoids the discipline */
    RP_BLOCK_PROGRAMME_HOSPITAL,/* the programme does not use the hospital */
    RP_BLOCK_STUDENT_HOSPITAL,  /* the student may not go to the hospital */
    RP_BLOCK_DEPARTMENT,        /* the student may not go to the department */
    RP_BLOCK_POOL,              /* no supervisor of the student's pool works there */
    RP_BLOCK_LANGUAGE           /* no supervisor there speaks one of the student's languages */
} rp_block;

typedef struct rp_student {
    char *id, *name;
    int programme;
    rp_requirement *requirements; /* effective: the programme's or the student's own */
    int n_requirements;
    bool own_requirements;        /* true when the student overrides the programme's */
    int max_per_hospital;         /* effective, or RP_NO_LIMIT */
    bool *available;              /* [weeks]; false outside their intake */
    int intake;                   /* index into intakes, or -1 */
    int first_week;               /* 0-based first week of their intake (0 without one):
                                     idle weeks count from here */
    int pool;                     /* effective: their own or their programme's, or -1 */
    int *languages;               /* languages they need a named supervisor to speak,
                                     indices into the model's languages; none: any */
    int n_languages;
    uint8_t *blocked;             /* [n_departments] rp_block */
    int *pref_discipline;         /* [n_disciplines], 0 when not stated */
    int *pref_hospital;           /* [n_hospitals], 0 when not stated */
    rp_weights weights;           /* effective */
    rp_pin *pins;
    int n_pins;
    rp_loc loc;
} rp_student;

typedef struct rp_objective {
    rp_weights weights;  /* defaults for students without their own */
    int school_priority; /* multiplier on disciplines' priority */
    int fairness;        /* weight of the worst-off student's score */
    /* `fairness: leximin`: the sorted scores, lowest first, compared
     * lexicographically (the worst-off raised first, then the next ...);
     * fairness is then 0 and the score sum only breaks ties */
    bool leximin;
} rp_objective;

typedef struct rp_model {
    char *name;      /* the config's title, or NULL */
    int weeks;
    bool has_start_date;
    int start_year, start_month, start_day;

    rp_group *groups;             int n_groups;
    rp_discipline *disciplines;   int n_disciplines;
    rp_hospital *hospitals;       int n_hospitals;
    rp_department *departments;   int n_departments;
    rp_programme *programmes;     int n_programmes;
    rp_student *students;         int n_students;
    rp_intake *intakes;           int n_intakes;
    rp_pool *pools;               int n_pools;
    rp_supervisor *supervisors;   int n_supervisors; /* named, grouped by department */
    rp_team *teams;               int n_teams;       /* grouped by department */
    char **languages;             int n_languages;   /* every language named */
    rp_objective objective;

    char **sources;  /* files the model was read from; rp_loc.file points here */
    int n_sources;
    struct rp_index *index; /* id lookup, built by rp_model_index_build */
} rp_model;

/* An empty model (weeks 0, no entities); NULL when out of memory. */
rp_model *rp_model_new(void);
/* Frees the model and everything it owns; accepts NULL; clears *m. */
void rp_model_free(rp_model **m);

/* A deep copy of m into *out: every array, string and location, the sources
 * (the copy's locations point into its own), and the id lookup when m has
 * one. The copy owns all its memory and outlives m. RP_ERR_NOMEM (and *out
 * NULL) when an allocation fails. */
rp_status rp_model_clone(const rp_model *m, rp_model **out);

/* Appends a student with id and name (NULL: the id), a twin of student
 * `like`: the same programme, rules, availability and preferences, without
 * pins (a pin is one student's). *index is theirs. The id lookup, when m has
 * one, is rebuilt. RP_ERR_NOMEM. */
rp_status rp_model_add_student_like(rp_model *m, int like, const char *id, const char *name,
                                    int *index);
/* Removes student s; later students move down one index. RP_ERR_NOMEM when
 * the id lookup cannot be rebuilt. */
rp_status rp_model_remove_student(rp_model *m, int s);

/* Builds the id lookup used by the rp_model_find_* functions. Call once after
 * all entities are added; the find functions fall back to a linear scan
 * without it. */
rp_status rp_model_index_build(rp_model *m);

/* The department's change in force in 0-based `week` for its capacity
 * (capacity true: a change of supervisors, capacity or a closure) or else for
 * its minimum: the last such change in config order that covers the week,
 * as later changes override earlier ones. NULL when there is none. */
const rp_dept_change *rp_dept_change_in_force(const rp_department *d, int week, bool capacity);

/* Index of the entity with this id, or -1. */
int rp_model_find_discipline(const rp_model *m, const char *id);
int rp_model_find_hospital(const rp_model *m, const char *id);
int rp_model_find_programme(const rp_model *m, const char *id);
int rp_model_find_student(const rp_model *m, const char *id);
int rp_model_find_group(const rp_model *m, const char *id);
int rp_model_find_intake(const rp_model *m, const char *id);
int rp_model_find_pool(const rp_model *m, const char *id);
int rp_model_find_supervisor(const rp_model *m, const char *id);
int rp_model_find_language(const rp_model *m, const char *id);
/* Department `dept_id` of hospital `hospital`, or -1. */
int rp_model_find_department(const rp_model *m, int hospital, const char *dept_id);

/* The calendar date of the first day of 0-based `week` as YYYY-MM-DD into buf
 * (at least 11 bytes); false when the model has no start date. */
bool rp_model_week_date(const rp_model *m, int week, char *buf);

/* The calendar date `day` days after the first day of 0-based `week` (day 6:
 * the week's last day); false when the model has no start date. */
bool rp_model_day(const rp_model *m, int week, int day, int *year, int *month, int *mday);

/* The weeks set in a 0-based mask of n weeks as people write them, 1-based:
 * "5-6, 8". Stops short of overflowing buf (at least 24 bytes). */
void rp_model_format_weeks(const bool *weeks, int n, char *buf, size_t size);

/* Short words for an rp_block, e.g. "may not go to that hospital". */
const char *rp_block_str(rp_block b);

#endif
