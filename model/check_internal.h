/*
 * check_internal.h - shared state of the plan checker (check*.c).
 *
 * Not part of the public API. rp_check_plan builds an rp_checker holding the
 * plan's rotations grouped by student and sorted by start week, then runs the
 * rule passes and the score pass over it. Passes append violations through
 * rp_check_violation; an allocation failure sets `nomem` and the check ends
 * with RP_ERR_NOMEM.
 */
#ifndef RP_CHECK_INTERNAL_H
#define RP_CHECK_INTERNAL_H

#include <stddef.h>

#include "model/check.h"
#include "base/diag.h"

typedef struct rp_checker {
    const rp_model *m;
    const rp_plan *plan;
    rp_check_report *report;
    int violations_capacity, warnings_capacity;
    int from_week;   /* history mode (check.h), else 0 */
    int *order; /* rotation indices grouped by student, each group by start week */
    int *first; /* [n_students + 1] where each student's group starts in order */
    bool nomem;
} rp_checker;

/* Appends a violation with a formatted message (weeks already 1-based in it);
 * in history mode one about a week before from_week is a warning instead. */
void rp_check_violation(rp_checker *c, rp_rule rule, int student, int department, int week,
                        const char *fmt, ...) RP_PRINTF(6, 7);

/* Number of rotations of student s, and its i-th by start week. */
int rp_check_n_rotations(const rp_checker *c, int s);
const rp_rotation *rp_check_rotation(const rp_checker *c, int s, int i);

/* "cardiology at Bai Chay Hospital": the department id and its hospital's name. */
void rp_check_place(const rp_model *m, int department, char *buf, size_t size);
/* "week 4" or "weeks 4-6" for the 0-based weeks first..last. */
void rp_check_weeks(int first, int last, char *buf, size_t size);

/* Rules about one rotation at a time, and pairs of one student's rotations:
 * horizon, length, repeat, overlap, not required, prerequisite, eligibility,
 * availability (check_rotation.c). */
void rp_check_rotation_rules(rp_checker *c, int s);
/* Rules about a student's whole programme: requirements, hospital limit, pins
 * (check_student.c). */
void rp_check_student_rules(rp_checker *c, int s);
/* Capacity and minimum of every department in every week (check_department.c). */
void rp_check_department_rules(rp_checker *c);
/* Pools of unnamed supervisors per department-week; each rotation's named
 * supervisor (one for all its weeks, present, of the student's pool, speaking
 * their language) and each supervisor's ratio per week (check_supervisor.c). */
void rp_check_supervisor_rules(rp_checker *c);
/* Fills report->scores, sum, worst and objective (check_score.c). */
void rp_check_score(rp_checker *c);

#endif
