/*
 * gen_cohort_internal.h - shared by the files of the cohort generator
 * (gen_cohort.c and the gen_*.c files it calls); not for other modules.
 *
 * The cohort is built in stages, each in its own file: the world
 * (gen_world.c: disciplines, hospitals, departments, programmes), the hidden
 * plan (gen_plan.c), the staffing cut to fit it (gen_staff.c) and the
 * students' personal rules and wishes (gen_extras.c). The stages share one
 * builder; each returns RP_ERR_NOMEM on a failed allocation and leaves
 * freeing to rp_cohort_free.
 */
#ifndef RP_GEN_COHORT_INTERNAL_H
#define RP_GEN_COHORT_INTERNAL_H

#include "solver/gen/cohort.h"
#include "base/rng.h"

/* A discipline of the synthetic school. Lengths are for a 12-week horizon and
 * scale with the horizon asked for. */
struct rp_cohort_entry {
    const char *id, *name, *group;
    int base_length;
    const char *prerequisite;
    int priority;
    bool core;       /* nearly every hospital has the ward */
    bool splittable; /* big hospitals may run two wards of it */
};

/* Programme templates. A requirement names a group or a list of discipline
 * ids; a discipline with a prerequisite only appears where the prerequisite
 * is mandatory and comes earlier, so dropping requirements from the end
 * (short horizons) never strands a prerequisite and every draw is closed. */
struct rp_cohort_template_req {
    rp_cohort_req_kind kind;
    const char *names[RP_COHORT_MAX_REQ_DISCIPLINES]; /* group name, or discipline ids */
    int min, max;
};

struct rp_cohort_template {
    const char *id, *name;
    int share; /* percent of students */
    int max_per_hospital; /* applied with 3 or more hospitals; -1: none */
    int hospital_percent; /* chance a hospital other than the first is used; 100: all */
    struct rp_cohort_template_req reqs[RP_COHORT_MAX_REQUIREMENTS];
    int n_reqs;
};

#define RP_COHORT_N_TEMPLATES 4

extern const struct rp_cohort_entry rp_cohort_catalogue[];
extern const int rp_cohort_n_catalogue;
extern const struct rp_cohort_template rp_cohort_templates[RP_COHORT_N_TEMPLATES];
extern const char *const rp_cohort_hospital_names[][2];
extern const int rp_cohort_n_hospital_names;
extern const char *const rp_cohort_given_names[];
extern const int rp_cohort_n_given;
extern const char *const rp_cohort_family_names[];
extern const int rp_cohort_n_family;

/* Working state while drawing. */
struct rp_cohort_builder {
    rp_cohort *c;
    rp_rng rng;
    int *dept_first, *dept_count; /* [n_disciplines] departments of each discipline, */
    int *dept_of;                 /* listed in dept_of */
    int *dept_total;              /* [n_departments] student-weeks sent so far */
    int min_total[RP_COHORT_N_TEMPLATES]; /* weeks of each programme's shortest draw */
};

rp_status rp_cohort_build_disciplines(struct rp_cohort_builder *b);
rp_status rp_cohort_build_hospitals(struct rp_cohort_builder *b);
rp_status rp_cohort_build_departments(struct rp_cohort_builder *b);
rp_status rp_cohort_build_programmes(struct rp_cohort_builder *b);
/* The hidden plan: every student's disciplines, weeks and departments. */
rp_status rp_cohort_draw_plan(struct rp_cohort_builder *b);
/* Supervisors, leave, closures and minimums cut to fit the hidden plan. */
rp_status rp_cohort_size_departments(struct rp_cohort_builder *b);
/* Restrictions, preferences, weights, pins taken from or fitting the plan. */
void rp_cohort_draw_extras(struct rp_cohort_builder *b);
/* The most students the plan sends to dp in weeks start .. start+length-1. */
int rp_cohort_peak_load(const rp_cohort_department *dp, int start, int length);
/* True when a requirement of the programme lists discipline d. */
bool rp_cohort_programme_has(const rp_cohort_programme *pg, int d);

#endif
