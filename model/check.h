/*
 * check.h - the independent plan checker: every hard rule re-checked, the
 * score recomputed term by term.
 *
 * This is the oracle the tests trust. It reads only the model and the plan
 * and shares no code with the formulation or the solvers, so a formulation
 * mistake cannot hide behind the same mistake here. Violations are phrased in
 * the office's words ("S017 is in cardiology at Bai Chay in week 4 but is
 * unavailable that week").
 */
#ifndef RP_CHECK_H
#define RP_CHECK_H

#include "model/model.h"
#include "model/plan.h"

typedef enum rp_rule {
    RP_RULE_OVERLAP,        /* two rotations in the same week */
    RP_RULE_LENGTH,         /* a rotation not of its discipline's length */
    RP_RULE_HORIZON,        /* a rotation outside weeks 1..weeks */
    RP_RULE_REPEAT,         /* the same discipline done twice */
    RP_RULE_REQUIREMENT,    /* a requirement's count not met (too few or too many) */
    RP_RULE_NOT_REQUIRED,   /* a discipline outside the student's requirements */
    RP_RULE_PREREQUISITE,   /* a prerequisite missing or not finished in time */
    RP_RULE_HOSPITAL_LIMIT, /* more than max_per_hospital rotations at one hospital */
    RP_RULE_CAPACITY,       /* a department over its capacity in a week */
    RP_RULE_MINIMUM,        /* a department under its minimum in a week */
    RP_RULE_ELIGIBILITY,    /* a student where they may not go */
    RP_RULE_AVAILABILITY,   /* a student placed in a week they are unavailable */
    RP_RULE_PIN,            /* a pinned rotation not in the plan */
    RP_RULE_INTERRUPTED,    /* history mode: a rotation cut short before from_week */
    RP_RULE_POOL,           /* more students of a pool in a department-week than its
                               supervisors of that pool can guide */
    RP_RULE_SUPERVISOR,     /* a rotation without its one supervisor for all its weeks, or
                               one on leave, of another pool or speaking none of the
                               student's languages */
    RP_RULE_RATIO,          /* a supervisor guiding more students in a week than their ratio */
    RP_RULE_COUNT
} rp_rule;

typedef struct rp_violation {
    rp_rule rule;
    int student;    /* index, or -1 for department rules */
    int department; /* index, or -1 */
    int week;       /* 0-based first week concerned, or -1 */
    char *message;  /* owned; complete sentence without a full stop */
} rp_violation;

/* One student's score by term; change and idle are already negative. */
typedef struct rp_score {
    long discipline, hospital, school, change, idle;
    long total;
    int n_changes, n_idle_weeks;
} rp_score;

typedef struct rp_check_report {
    rp_violation *violations;
    int n_violations;
    rp_violation *warnings; /* history mode: what the past does against the rules */
    int n_warnings;
    rp_score *scores;  /* [n_students] */
    int n_students;
    long sum;          /* sum of every student's total */
    long worst;        /* smallest total (0 when there is no student) */
    int worst_student; /* index of the first student with that total, or -1 */
    long objective;    /* sum + fairness x worst */
} rp_check_report;

/* Checks plan against model. *out is a new report (free with
 * rp_check_report_free) even when there are violations; the status is only
 * RP_ERR_NOMEM or RP_OK. */
rp_status rp_check_plan(const rp_model *m, const rp_plan *plan, rp_check_report **out);
/*
 * History mode, for a re-planned plan (docs/reschedule.md): weeks before
 * from_week are past and cannot change, so a rule broken only there (a
 * capacity, minimum or availability in a past week; a rotation or pin that
 * starts in one) is a warning, not a violation. A rotation wholly before
 * from_week and shorter than its discipline was cut short: it is a warning
 * (RP_RULE_INTERRUPTED) and otherwise left out, so its discipline is not done
 * and its weeks score as empty weeks. from_week 0 is the ordinary check.
 */
typedef struct rp_check_options {
    int from_week; /* 0-based */
} rp_check_options;

/* rp_check_plan with options (NULL: none). */
rp_status rp_check_plan_with(const rp_model *m, const rp_plan *plan,
                             const rp_check_options *opt, rp_check_report **out);
/* Accepts NULL; clears *r. */
void rp_check_report_free(rp_check_report **r);

/* Students whose score lies in low..high. */
typedef struct rp_score_bin {
    long low, high;
    int students;
} rp_score_bin;

/* The students' scores in at most max_bins (>= 1) bins of one width, lowest
 * first, every score a bin of its own when they span few enough values.
 * Returns the number of bins written (0 without students). */
int rp_check_histogram(const rp_check_report *r, rp_score_bin *bins, int max_bins);
/* A short name for a rule, e.g. "capacity". */
const char *rp_rule_str(rp_rule rule);

#endif
