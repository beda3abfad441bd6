/*
 * view.h - the plan arranged the ways the outputs show it: each student's
 * rotations in week order, each department's students week by week, loads
 * and dates. Internal to solver/publish; built once, read by every writer.
 */
#ifndef RP_PUBLISH_VIEW_H
#define RP_PUBLISH_VIEW_H

#include <stdio.h>

#include "solver/publish/publish.h"

typedef struct rp_pub_view {
    const rp_publish *p;
    const rp_model *m;
    rp_plan *plan;       /* owned sorted copy: by student, then week */
    int *student_first; /* [n_students + 1] the student's rotations in plan */
    int *cell_first;    /* [n_departments * weeks + 1] into cell_students */
    int *cell_students; /* student indices, by department, week, then student */
    bool *cell_breach;  /* [n_departments * weeks] a violation names the cell */
    bool *student_breach; /* [n_students] a violation names the student */
    bool *student_changed;  /* [n_students] a change concerns the student */
    bool *rotation_changed; /* [plan->n_rotations] new in this plan against the previous */
} rp_pub_view;

rp_status rp_pub_view_build(const rp_publish *p, rp_pub_view *v);
void rp_pub_view_clear(rp_pub_view *v);

/* Students in department d in 0-based week w: count, and the first index
 * into v->cell_students. */
int rp_pub_cell_count(const rp_pub_view *v, int d, int w);
const int *rp_pub_cell(const rp_pub_view *v, int d, int w);

/* "2025-03-03": the first (day 0) to last (day 6) day of 0-based week. */
void rp_pub_date(const rp_model *m, int week, int day, char buf[11]);
/* "3 Mar", or "3 Mar 2025" with the year. */
void rp_pub_short_date(const rp_model *m, int week, int day, bool year, char *buf, size_t size);

/* Supervisors of department d in weeks [start, start+length): "4", "3-4";
 * "" when the department's capacity is given without supervisors. */
void rp_pub_supervisors(const rp_model *m, int d, int start, int length, char *buf,
                        size_t size);

/* The notes of department d's changes that touch weeks [start, start+length),
 * joined with "; " ("closed" for a closure without a note). */
void rp_pub_notes(const rp_model *m, int d, int start, int length, char *buf, size_t size);

/* "Nguyễn Thị Hương", or the id when the student has no name. */
const char *rp_pub_student_name(const rp_model *m, int s);
/* The department's display name (the discipline's name when it has none). */
const char *rp_pub_department_name(const rp_model *m, int d);

/* Students placed in the hospital's departments in week w, and their
 * capacity. */
void rp_pub_hospital_load(const rp_pub_view *v, int h, int w, long *placed, long *capacity);

#endif
