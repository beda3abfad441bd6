/*
 * solver/form/ - the integer program: the formulation of a model as an rp_lp
 * (lp.h), what any MIP strategy takes and gives back (mip.h), and where a
 * rotation may begin (may_start.h). It may use model/ and base/.
 *
 * form.h - the placement problem as an integer program (docs/config.md,
 * "Hard rules" and "Score", exactly).
 *
 * rp_form_build turns a model into an rp_lp (lp.h) with start-based binaries
 * x[student, department, start week], defined only where the student may go,
 * is available every week of the rotation, the department is open every week
 * of it, it fits the horizon and the student's pins allow it.
 *
 * Each student's weeks are a path through a small network (form/path.c):
 * nodes "week w begins, the last hospital attended is g (or none yet)", arcs
 * for rotations (the x columns), idle weeks, changes of hospital and
 * stopping. Idle weeks and hospital changes are arc costs, so both terms are
 * exact and each student's part of the LP relaxation is integral; one
 * rotation at a time (rule 1) holds because a path is in one place at a time.
 * The worst-off student's score is one column bounded by every student's
 * score.
 *
 * Departments with teams (model/teams.h: supervisors who can stand in for
 * one another) add a capacity row per team and week (form/guide.c). A
 * rotation only one team may guide counts there through its x column; one
 * that two teams or more may guide gets a guide column per team, exactly
 * one of which it takes. Within a team of named supervisors, rotations that
 * keep its weekly capacity can always be given one supervisor each for all
 * their weeks (rp_teams_assign), so every plan of the program has a
 * supervisor for every rotation: the count per team makes exact what a
 * count per department and week could not once leave splits a rotation. Every column with an objective coefficient is integer and every
 * coefficient is an integer, so a MIP solver may round its bound.
 *
 * Later stages (re-planning, diagnosis) extend the built program in place:
 * rp_form_x finds x by (student, department, start); the rp_form_*_row
 * functions find the row of one rule; rp_form_row_tag/rp_form_col_tag say what
 * any row or column of the build stands for; rows, columns, bounds and
 * objective terms are then added or changed with the lp.h functions. Rows that
 * can never bind are left out unless options.keep_redundant_rows is set, so a
 * row lookup may answer -1.
 *
 * The form borrows the model (it must outlive the form) and owns its lp.
 */
#ifndef RP_FORM_H
#define RP_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/form/lp.h"
#include "model/model.h"
#include "model/plan.h"
#include "base/status.h"

typedef struct rp_form_options {
    bool names;               /* readable row and column names (default true) */
    bool keep_redundant_rows; /* keep rows that can never bind (default false) */
    /* one integer column per student holding their score (a row defines it),
     * carrying the objective instead of the x and path columns; GLPK can
     * then branch on a student's score, which closes gaps far faster
     * (default true; bench/results/solve.md) */
    bool score_columns;
    /* every student's path may end at any week, even before their first
     * rotation, so a plan may leave required rotations out; the requirement
     * rows then decide (elastic.h relaxes them) (default false) */
    bool may_stop_early;
    /* Extra filter on starts: false leaves x[student, department, start] out.
     * NULL: no extra filter. */
    bool (*allow_start)(void *ctx, int student, int department, int start);
    void *allow_ctx;
} rp_form_options;

/* Defaults as documented above. */
void rp_form_options_init(rp_form_options *opt);

/* What a column of the build stands for. Fields unused by a kind are -1; for
 * arcs `item` is the hospital of the state left (-1: no rotation yet) and
 * `hospital` the hospital of the state entered. */
typedef enum rp_form_col_kind {
    RP_FORM_COL_X,      /* student starts in department at week (a rotation arc) */
    RP_FORM_COL_IDLE,   /* student spends week idle (costs weight.idle) */
    RP_FORM_COL_STOP,   /* student has no rotation from week on */
    RP_FORM_COL_ENTER,  /* student starts a rotation at hospital in week, no change */
    RP_FORM_COL_LEAVE,  /* student leaves hospital `item` to change in week */
    RP_FORM_COL_CHANGE, /* ... and starts at hospital: a change (costs weight.change) */
    RP_FORM_COL_SCORE,  /* student's score (options.score_columns) */
    RP_FORM_COL_WORST,  /* the smallest student score */
    RP_FORM_COL_GUIDE,  /* student's rotation in department from week is guided by team
                           `item` (only where two teams or more could guide it) */
    RP_FORM_COL_SHORTFALL, /* how far student's score falls short of leximin level `item` */
    RP_FORM_COL_OTHER   /* added after the build */
} rp_form_col_kind;

/* What a row of the build stands for. */
typedef enum rp_form_row_kind {
    RP_FORM_ROW_WEEK_NODE,      /* student: flow through "week begins, last hospital
                                   `hospital`" (rule 1 and the path) */
    RP_FORM_ROW_START_NODE,     /* student: flow into rotations at hospital in week */
    RP_FORM_ROW_CHANGE_NODE,    /* student: flow through changes of hospital in week */
    RP_FORM_ROW_ONCE,           /* student: discipline at most once (rule 2) */
    RP_FORM_ROW_REQUIREMENT,    /* student: requirement `item` holds (rule 3) */
    RP_FORM_ROW_PREREQUISITE,   /* student: discipline started by week needs `item`
                                   finished before (rule 4) */
    RP_FORM_ROW_HOSPITAL_LIMIT, /* student: at most max_per_hospital at hospital (rule 5) */
    RP_FORM_ROW_DEPARTMENT,     /* department: minimum..capacity in week (rule 6) */
    RP_FORM_ROW_PIN,            /* student: pin `item` holds (rule 7) */
    RP_FORM_ROW_SCORE,          /* student: their score column is their score */
    RP_FORM_ROW_WORST,          /* student: the worst score is at most theirs */
    RP_FORM_ROW_GUIDE,          /* student: their rotation in department from week has one
                                   guiding team (x = sum of its guide columns) */
    RP_FORM_ROW_TEAM,           /* team `item` of department: students it guides in week
                                   within its capacity */
    RP_FORM_ROW_SHORTFALL,      /* student: shortfall below level `item` + score >= level */
    RP_FORM_ROW_LEVEL,          /* leximin level `item`: the students' shortfalls in all */
    RP_FORM_ROW_OTHER           /* added after the build */
} rp_form_row_kind;

typedef struct rp_form_tag {
    uint8_t kind;   /* rp_form_col_kind or rp_form_row_kind */
    int student;    /* or -1 */
    int department; /* or -1 */
    int hospital;   /* or -1 */
    int discipline; /* or -1 */
    int week;       /* 0-based, or -1 */
    int item;       /* requirement, pin or prerequisite discipline index, or -1 */
} rp_form_tag;

typedef struct rp_form {
    const rp_model *model; /* borrowed */
    rp_form_options options;
    rp_lp *lp;             /* owned */
    int n_x;               /* x columns are lp columns 0 .. n_x-1 */
    int *x_first;          /* [n_students+1] x columns of student s: x_first[s] .. x_first[s+1]-1 */
    int *aux_first;        /* [n_students+1] path columns of student s, likewise */
    int worst_col;         /* -1 when fairness is 0 */
    /* private lookups; use the functions below */
    int *x_map;            /* [students x departments x weeks] column or -1 */
    int *once_rows, *hospital_rows, *department_rows, *worst_rows;
    int *score_cols, *score_rows; /* [n_students] with options.score_columns, else NULL */
    int *req_first, *req_rows, *pin_first, *pin_rows;
    rp_form_tag *col_tags, *row_tags; /* [n_tagged_cols], [n_tagged_rows] */
    int n_tagged_cols, n_tagged_rows, cap_col_tags, cap_row_tags;
    double *score_coef;    /* [n_tagged_cols] the column's part in its student's score */
    /* Teams (model/teams.h): x_team[j] is the one team that may guide x
     * column j, or -1 (no teams, or several: then its guide columns
     * guide_cols[guide_start[j] .. guide_start[j+1]) choose one). */
    int *x_team, *guide_start, *guide_cols;
    int *team_rows;        /* [n_teams x weeks] */
    /* Leximin levels (rp_form_add_level), in the order added. */
    struct rp_form_level {
        long value;        /* the level v */
        int first_col;     /* the students' shortfall columns: first_col + student */
        int row;           /* the row summing them */
    } *levels;
    int n_levels;
} rp_form;

/*
 * Builds the program for m. *out is a new form (free with rp_form_free).
 * RP_ERR_NOMEM; RP_ERR_INVALID when the model breaks an assumption the loader
 * guarantees (a negative fairness weight). An infeasible model still builds:
 * finding that out is the solver's job.
 */
rp_status rp_form_build(const rp_model *m, const rp_form_options *opt, rp_form **out);
/* Accepts NULL; clears *f. */
void rp_form_free(rp_form **f);

/* Column of x[student, department, start], or -1 when it does not exist. */
int rp_form_x(const rp_form *f, int student, int department, int start);
/* The student, department and start of x column col (< n_x). */
void rp_form_x_info(const rp_form *f, int col, int *student, int *department, int *start);

/* Rows of one rule, or -1 when absent (never binding, or nothing to count). */
int rp_form_once_row(const rp_form *f, int student, int discipline);
int rp_form_requirement_row(const rp_form *f, int student, int requirement);
int rp_form_hospital_row(const rp_form *f, int student, int hospital);
int rp_form_department_row(const rp_form *f, int department, int week);
int rp_form_pin_row(const rp_form *f, int student, int pin);
int rp_form_worst_row(const rp_form *f, int student);
/* Row of team's capacity in week, or -1. */
int rp_form_team_row(const rp_form *f, int team, int week);
/* The team guiding x column j (< n_x) under values: its one team, the guide
 * column chosen, or -1 (no teams, or none chosen). */
int rp_form_x_team(const rp_form *f, int j, const double *values);
/* The guide column of x column j for team, or -1 (no choice of teams there,
 * or not that team). */
int rp_form_guide_col(const rp_form *f, int j, int team);
/* Student's score column and its defining row (options.score_columns), or -1. */
int rp_form_score_col(const rp_form *f, int student);
int rp_form_score_row(const rp_form *f, int student);

/*
 * Leximin (`fairness: leximin`), as a sequence of programs over levels v:
 * h(v) = sum over students of max(0, v - score) is the total shortfall
 * below v. For integer scores, raising the lowest scores first, then the
 * next, is minimising h(v) for v = 1 + the worst score, then the next v with
 * h(v) held at its optimum, and so on (h(v+1) - h(v) counts the students
 * scoring at most v). Needs the score columns (options.score_columns).
 *
 * rp_form_add_level adds level v: an integer shortfall column per student
 * (shortfall + score >= v, shortfall >= 0) and a row summing them, open above;
 * the objective becomes -h(v) alone (every other objective coefficient 0).
 * rp_form_cap_level closes a level's row at `most` (its optimum). Every
 * student's score column may be held at or above `floor` with
 * rp_form_floor_scores. rp_form_values fills the shortfall columns of every
 * level. RP_ERR_INVALID without score columns; RP_ERR_NOMEM.
 */
rp_status rp_form_add_level(rp_form *f, long v, int *level);
void rp_form_cap_level(rp_form *f, int level, double most);
void rp_form_floor_scores(rp_form *f, double floor);
/* h(v) of a level under values (the sum of its shortfall columns). */
double rp_form_level_value(const rp_form *f, int level, const double *values);

/* What row/column i of the build stands for (kind OTHER when added later). */
rp_form_tag rp_form_row_tag(const rp_form *f, int row);
rp_form_tag rp_form_col_tag(const rp_form *f, int col);

/* The plan the x columns of values[n_cols] describe (x > 0.5 is a rotation).
 * Appends to plan after resetting it; status and objective are left alone. */
rp_status rp_form_plan(const rp_form *f, const double *values, rp_plan *plan);

/*
 * The column values that describe plan: x from its rotations, each student's
 * path from them, later columns 0. RP_ERR_INVALID when a rotation has no x
 * column or no path holds the student's rotations (the plan breaks a rule
 * the columns encode: overlap, ineligibility, a pin ...); then *bad_rotation
 * is the offending rotation's index (-1 for a student who must rotate and
 * has no rotation) when bad_rotation is not NULL.
 */
rp_status rp_form_values(const rp_form *f, const rp_plan *plan, double *values,
                         int *bad_rotation);

/* Student s's score under values (the columns of the build only). */
double rp_form_student_score(const rp_form *f, int student, const double *values);

#endif
