/*
 * heur/state.h - the heuristic's working state: every student's rotations,
 * each department's weekly load, each student's score and the capacity and
 * minimum breaches, all kept up to date as rotations change.
 *
 * Internal to the heuristic (heur*.c). The state borrows the model, which must
 * outlive it. Rotations change only through edits (rp_hedit), applied in
 * order and undone exactly in reverse. Loads and breaches follow every edit
 * at once; a student's other rules (overlap, requirements, prerequisites,
 * hospital limit, pins) are judged by rp_hstate_student_ok after the edits,
 * and scores by rp_hstate_rescore. Counts are plain ints: the sizes a config
 * can describe stay far below their range.
 */
#ifndef RP_HEUR_STATE_H
#define RP_HEUR_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "base/status.h"

/* One rotation change: student s's rotation of discipline d moves from
 * (old_unit, old_start) to (new_unit, new_start); a unit of -1 means "not done". */
typedef struct rp_hedit {
    int student, disc;
    int old_unit, old_start;
    int new_unit, new_start;
} rp_hedit;

typedef struct rp_hstate {
    const rp_model *m;
    /* sizes; the comments below write them S, D, W, H, U and C */
    int n_students, n_disciplines, n_weeks, n_hospitals, n_departments;
    /* A unit is one way to place a rotation: a department without teams, or
     * one team of a department (model/teams.h); without teams the units are
     * the departments, in order. A cell is what a capacity counts: each
     * department (cells 0 .. n_departments-1), then each team. */
    int n_units, n_cells;
    int *unit_dept;     /* [U] */
    int *unit_team;     /* [U] the model's team, or -1 */
    int *cell_cap, *cell_min; /* [C * W] capacity and minimum of each cell and week */
    /* [U * W] weeks in a row from t that unit u is open: its department has
     * places and its team, when it has one, is present. For a unit in
     * elig (below), the week-dependent part of rp_may_start_with beyond the
     * student's own availability and pins. */
    int *unit_run;

    /* Fixed after init. Index [s * D + d] unless said otherwise. */
    int *len;           /* [D] rotation length */
    int *unit_hosp;     /* [U] hospital of each unit */
    int *clo_off, *clo; /* [D + 1]: d's prerequisites, transitively (d excluded) */
    uint8_t *allowed;   /* s may do d at all: in a requirement, eligible somewhere, fits */
    int *elig_off;      /* [S * D + 1] into elig: units s may use for d (pins kept) */
    int *elig;
    int *pin_start;     /* first week a pin fixes, or -1 */
    uint8_t *pinned;    /* s must do d */
    int *run;           /* [S * W] weeks in a row from t that s is available */
    int *n_avail;       /* [S] available weeks */
    int *dreq_off;      /* [S * D + 1] into dreq: s's requirements counting d */
    int *dreq;
    int *req_base;      /* [S + 1] into req_cnt */

    /* Mutable. */
    int *unit_of, *start_of; /* rotation of d: unit (-1: not done) and first week */
    uint8_t *occ;            /* [S * W] rotations covering the week */
    int *req_cnt;            /* disciplines done per requirement */
    int *hosp_cnt;           /* [S * H] rotations per hospital */
    int *done, *n_done;      /* [S * D], [S]: disciplines done, in no order */
    int *load;               /* [C * W] students per cell and week */
    long breaches;           /* sum over cell-weeks of excess and shortfall */
    long *score;             /* [S] */
    long sum, worst;
    int n_worst;             /* students whose score is `worst` */
    int *scratch;            /* [D] working space for scoring */
} rp_hstate;

/* Builds the fixed part and an empty plan. RP_ERR_NOMEM on failure (the state
 * is then freed); st is overwritten. */
rp_status rp_hstate_init(rp_hstate *st, const rp_model *m);
/* Frees what init allocated; accepts a zeroed state. */
void rp_hstate_free(rp_hstate *st);

/* Applies edits in order, or reverts them (in reverse). Loads, breaches,
 * counts and the done lists follow; scores do not (see rp_hstate_rescore). */
void rp_hstate_apply(rp_hstate *st, const rp_hedit *e, int n);
void rp_hstate_revert(rp_hstate *st, const rp_hedit *e, int n);

/* Whether student s keeps every rule that concerns them alone. */
bool rp_hstate_student_ok(const rp_hstate *st, int s);

/* Score of student s as the plan stands. */
long rp_hstate_student_score(const rp_hstate *st, int s);

#define RP_HSCORE_MAX 8 /* students one rescore may cover */

/* What rescore changed, so that it can be undone. */
typedef struct rp_hscore_undo {
    int n;
    int student[RP_HSCORE_MAX];
    long old_score[RP_HSCORE_MAX];
    long sum, worst;
    int n_worst;
} rp_hscore_undo;

/* Recomputes the scores of n distinct students (n <= RP_HSCORE_MAX) and the
 * sum and worst score; unrescore restores what it recorded. */
void rp_hstate_rescore(rp_hstate *st, const int *students, int n, rp_hscore_undo *u);
void rp_hstate_unrescore(rp_hstate *st, const rp_hscore_undo *u);
/* Recomputes every score, the sum and the worst from scratch. */
void rp_hstate_rescore_all(rp_hstate *st);

/* The objective of the plan as it stands: sum + fairness x worst. */
long rp_hstate_objective(const rp_hstate *st);

/* Change in breaches if one more student (delta +1) or one fewer (-1) were
 * placed in unit u in week w. */
int rp_hstate_cell_delta(const rp_hstate *st, int u, int w, int delta);

/* The cells unit u counts in (its department's, then its team's when it has
 * one) into cells[2]; returns how many. */
int rp_hstate_unit_cells(const rp_hstate *st, int u, int *cells);

/* Whether cell c is over its capacity or under its minimum in week w. */
bool rp_hstate_cell_breached(const rp_hstate *st, int c, int w);

#endif
