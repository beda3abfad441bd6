/*
 * form/build.h - private to the form*.c files: how they share the build.
 *
 * form.c makes the x columns and owns the lookups; form/rules.c adds the rows
 * of hard rules 2-7; form/path.c adds each student's path network (rule 1,
 * idle weeks, hospital changes) and the worst-off student.
 */
#ifndef RP_FORM_BUILD_H
#define RP_FORM_BUILD_H

#include "solver/form/form.h"

/* Tag helpers: every field -1 except those given. */
rp_form_tag rp_form_tag_make(int kind, int student, int department, int hospital,
                             int discipline, int week, int item);

/* Adds a tagged column; `score` is its coefficient in its student's score.
 * Returns the index, or -1 once out of memory (sticky, see lp.h). */
int rp_form_new_col(rp_form *f, rp_form_tag tag, rp_lp_kind kind, double lb, double ub,
                    double obj, double score, const char *name_fmt, ...) RP_LP_PRINTF(8, 9);
/* Adds a tagged row. */
int rp_form_new_row(rp_form *f, rp_form_tag tag, double lb, double ub, const char *name_fmt,
                    ...) RP_LP_PRINTF(5, 6);

rp_status rp_form_add_rules(rp_form *f);
rp_status rp_form_add_guides(rp_form *f);
rp_status rp_form_add_paths(rp_form *f);

/* Whether student s's path tracks the last hospital (changes cost and the
 * student can go to two hospitals or more). */
bool rp_form_tracks_hospital(const rp_form *f, int student);

/* The department reference "hospital/department" for names, into buf. */
const char *rp_form_dept_ref(const rp_model *m, int department, char *buf, size_t size);

#endif
