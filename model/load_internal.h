/*
 * load_internal.h - shared state and helpers of the config loader (load_*.c).
 *
 * Not part of the public API. The loader walks the YAML tree section by
 * section, adding entities to the model as it goes and diagnostics for every
 * problem; it keeps going after an error so that one run reports them all.
 * An allocation failure sets `nomem` and the load ends with RP_ERR_NOMEM.
 */
#ifndef RP_LOAD_INTERNAL_H
#define RP_LOAD_INTERNAL_H

#include "model/load.h"
#include "base/strmap.h"
#include "model/ytree.h"

/* A students_per_supervisor value: a number for every pool and for shared
 * supervisors, or a number per pool. -1: not given at this level. */
typedef struct rp_ratio {
    int shared;
    int *per_pool; /* [n_pools], or NULL when the config has no pools */
} rp_ratio;

typedef struct rp_loader {
    rp_model *m;
    rp_diags *diags;
    const rp_ydoc *doc;
    const char *file;     /* the config's name as stored in m->sources */
    bool weeks_known;     /* m->weeks is valid, so week lists can be checked */
    rp_ratio ratio;       /* top-level students_per_supervisor */
    bool nomem;
    rp_strmap student_ids; /* duplicate detection across YAML and CSV */
    int students_capacity; /* m->students has room for this many */
    rp_strmap supervisor_ids; /* every named supervisor, config-wide */
    rp_strmap language_ids;   /* m->languages, as they are named */
    int cap_supervisors;      /* allocated m->supervisors */
    bool *pool_missing_told;  /* [n_programmes] a programme without a pool was reported */
} rp_loader;

/* What a department says about its supervisors, week by week, before it
 * becomes capacities (load_staff.c). */
typedef enum rp_staff_kind {
    RP_STAFF_NONE,   /* capacity only */
    RP_STAFF_SHARED, /* a count of supervisors who guide every pool */
    RP_STAFF_POOLS,  /* a count per pool */
    RP_STAFF_NAMED   /* a list of named supervisors */
} rp_staff_kind;

typedef struct rp_staff_draft {
    rp_staff_kind kind;
    int *shared;            /* [weeks] (RP_STAFF_SHARED) */
    int *pooled;            /* [n_pools x weeks] (RP_STAFF_POOLS) */
    int *explicit_capacity; /* [weeks], -1: not given */
    int *minimum;           /* [weeks] */
    bool *closed;           /* [weeks] */
    bool *pool_closed;      /* [n_pools x weeks] */
    int *own_ratio;         /* [n_supervisors of the department] their own, or -1 */
    rp_ratio ratio;         /* the department's students_per_supervisor */
} rp_staff_draft;

/* What a student says about where they may go, before it becomes `blocked`. */
typedef struct rp_student_draft {
    bool *only_hospital;   /* [n_hospitals] when has_only_hospitals */
    bool *avoid_hospital;  /* [n_hospitals] */
    bool *only_department; /* [n_departments] when has_only_departments */
    bool *avoid_department;/* [n_departments] */
    bool *avoid_discipline;/* [n_disciplines] */
    bool has_only_hospitals, has_only_departments;
    bool weight_given[4];  /* discipline, hospital, change, idle */
    bool max_given;
    int pool;              /* the student's own pool, or -1 (the programme's) */
    rp_loc pool_loc, intake_loc;
} rp_student_draft;

/* --- load_values.c: typed values with diagnostics ------------------------ */
#define RP_LOAD_INT_MAX 2147483647L /* "no upper bound" for rp_load_int */
#define RP_LOAD_VALUE_LIMIT 1000000L /* bound on weights, preferences, priorities */
rp_loc rp_load_loc(const rp_loader *ld, const rp_ynode *node);
char *rp_load_strdup(rp_loader *ld, const char *s);
/* Gives an entity that has no valid id (an error already says why) the
 * placeholder "#N" (N = index + 1), so that lookups and messages after the
 * error never meet a NULL id. Leaves a present id alone. */
void rp_load_placeholder_id(rp_loader *ld, char **id, int index);
void *rp_load_calloc(rp_loader *ld, size_t n, size_t size);
/* rp_load_placeholder_id, and a name left out is the id. */
void rp_load_name_defaults(rp_loader *ld, char **id, char **name, int index);
/* A plain text value (scalar); NULL and an error when it is not one. */
const char *rp_load_text(rp_loader *ld, const rp_ynode *node, const char *what);
/* An id value; NULL and an error when it is not a valid id. */
const char *rp_load_id(rp_loader *ld, const rp_ynode *node, const char *what);
bool rp_load_id_valid(const char *s);
/* An integer in [min, max]; false and an error otherwise. */
bool rp_load_int(rp_loader *ld, const rp_ynode *node, const char *what, long min, long max,
                 int *out);
bool rp_load_bool(rp_loader *ld, const rp_ynode *node, const char *what, bool *out);
/* The node as a list (a single scalar counts as a one-item list when
 * `scalar_ok`); false and an error otherwise. */
bool rp_load_is_list(rp_loader *ld, const rp_ynode *node, const char *what, bool scalar_ok);
bool rp_load_is_map(rp_loader *ld, const rp_ynode *node, const char *what);
/* Reports a missing required key of map. */
void rp_load_missing(rp_loader *ld, const rp_ynode *map, const char *key, const char *what);

/* Marks the weeks of one item ("5" or "5-6") in weeks[] (0-based, m->weeks
 * long). Text positions start at loc. False and an error when malformed or
 * outside the horizon. */
bool rp_load_week_item(rp_loader *ld, const char *text, rp_loc loc, bool *weeks);
/* A week list node: a week, a range, or a list of them. */
bool rp_load_week_list(rp_loader *ld, const rp_ynode *node, const char *what, bool *weeks);

/* References: the index, or -1 with an error naming what was expected. */
int rp_load_ref_discipline(rp_loader *ld, const char *id, rp_loc loc);
int rp_load_ref_hospital(rp_loader *ld, const char *id, rp_loc loc);
int rp_load_ref_programme(rp_loader *ld, const char *id, rp_loc loc);
int rp_load_ref_intake(rp_loader *ld, const char *id, rp_loc loc);
/* Says so when the config has no pools at all. */
int rp_load_ref_pool(rp_loader *ld, const char *id, rp_loc loc);
/* The index of a language id, added to the model the first time; -1 (error
 * reported) when it is not a valid id. */
int rp_load_language(rp_loader *ld, const char *id, rp_loc loc);
/* A list of language ids (or one) into a new sorted array without repeats. */
int *rp_load_languages(rp_loader *ld, const rp_ynode *node, int *n);
/* "HOSPITAL/DEPARTMENT" */
int rp_load_ref_department(rp_loader *ld, const char *ref, rp_loc loc);

/* --- load_staff.c: pools, ratios, supervisors, their leave ----------------- */
void rp_load_pools(rp_loader *ld, const rp_ynode *list);
void rp_load_intakes(rp_loader *ld, const rp_ynode *list);
/* Reads a students_per_supervisor value into r (allocated: rp_load_ratio_free). */
void rp_load_ratio(rp_loader *ld, const rp_ynode *node, rp_ratio *r);
bool rp_load_ratio_init(rp_loader *ld, rp_ratio *r);
void rp_load_ratio_free(rp_ratio *r);
/* The department's `supervisors` value into the draft (named supervisors are
 * appended to the model). The draft's weekly arrays must be allocated. */
void rp_load_staff(rp_loader *ld, const rp_ynode *node, rp_department *d, rp_staff_draft *sd);
/* A change's `supervisors` and `closed` for the weeks marked. */
void rp_load_staff_change(rp_loader *ld, const rp_ynode *change, rp_staff_draft *sd,
                          const bool *weeks, bool weeks_ok);
/* Capacities, pool capacities, supervisors present and minimums of d, from
 * the draft and the ratios of its hospital and the config. */
void rp_load_staff_finish(rp_loader *ld, rp_department *d, const rp_staff_draft *sd,
                          const rp_ratio *hospital);
bool rp_load_staff_alloc(rp_loader *ld, rp_staff_draft *sd);
void rp_load_staff_free(rp_staff_draft *sd);

/* --- sections ------------------------------------------------------------ */
void rp_load_disciplines(rp_loader *ld, const rp_ynode *list);
void rp_load_hospitals(rp_loader *ld, const rp_ynode *list);
void rp_load_programmes(rp_loader *ld, const rp_ynode *list);
void rp_load_objective(rp_loader *ld, const rp_ynode *map);
/* A weights mapping into w; given[4] (may be NULL) records the keys present. */
void rp_load_weights(rp_loader *ld, const rp_ynode *node, rp_weights *w, bool *given);
/* Parses a requirements list into a new array; *n set; NULL on error/empty. */
rp_requirement *rp_load_requirements(rp_loader *ld, const rp_ynode *list, int *n);
void rp_load_students(rp_loader *ld, const rp_ynode *list);
/* Reads a CSV roster (path relative to the config's directory). */
void rp_load_roster(rp_loader *ld, const rp_ynode *path_node);

/* --- load_students.c: shared by YAML and CSV students --------------------- */
/* Appends a zeroed student with its per-model arrays; NULL when out of memory.
 * The draft gets its arrays too. */
rp_student *rp_load_new_student(rp_loader *ld, rp_student_draft *draft);
/* Registers the id (error on a duplicate), sets the programme and turns the
 * draft into the student's effective rules. Frees the draft's arrays. */
void rp_load_finish_student(rp_loader *ld, rp_student *s, rp_student_draft *draft,
                            const char *programme_id, rp_loc programme_loc);

void rp_load_draft_free(rp_student_draft *draft);

typedef enum rp_ref_kind { RP_REF_HOSPITAL, RP_REF_DEPARTMENT, RP_REF_DISCIPLINE } rp_ref_kind;
/* Resolves text as a reference of the kind and sets marks[index]; false (error
 * reported) when it names nothing. */
bool rp_load_mark(rp_loader *ld, rp_ref_kind kind, const char *text, rp_loc loc, bool *marks);
/* Stores a preference `value` for the discipline or hospital named `id`. */
void rp_load_preference(rp_loader *ld, rp_student *s, rp_ref_kind kind, const char *id,
                        rp_loc loc, long value, rp_loc value_loc);

#endif
