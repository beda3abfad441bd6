/*
 * form/history.h - a plan in force as history of the integer program: the
 * weeks before from_week are past and stay exactly as the plan has them;
 * from from_week on the rules of the (changed) config hold.
 *
 * Re-planning (solver/replan/) and the diagnosis of a re-plan
 * (solver/diagnose/) both build their program this way, so it lives with the
 * formulation:
 *   1. rp_history_init sorts the previous plan's rotations by what history
 *      makes of them (rp_past);
 *   2. rp_history_relax widens a copy of the config so the past fits it: in
 *      weeks before from_week capacities, minimums, availability and
 *      eligibility become what the previous plan did, and pins history has
 *      decided are dropped;
 *   3. rp_history_form_options makes the form start, before from_week, only
 *      the previous plan's own rotations (rp_history_allow_start); starts the
 *      config forbids stay forbidden from from_week on;
 *   4. rp_history_fit finds each previous rotation's column and fixes the past
 *      (and, when asked, the rotations running across from_week) at 1.
 * The history borrows the config and the plan; both must outlive it. Nothing
 * here prints.
 */
#ifndef RP_FORM_HISTORY_H
#define RP_FORM_HISTORY_H

#include <stdint.h>

#include "model/model.h"
#include "model/plan.h"
#include "solver/form/form.h"

typedef enum rp_past {
    RP_PAST_HISTORY, /* wholly before from_week, full length: fixed */
    RP_PAST_SHORT,   /* wholly before from_week, shorter than its discipline (cut by an
                        earlier re-plan): copied to the new plan, its weeks idle for the
                        formulation, as the checker scores them */
    RP_PAST_RUNNING, /* across from_week: kept whole when possible, else cut */
    RP_PAST_FUTURE   /* from from_week on: free */
} rp_past;

typedef struct rp_history {
    const rp_model *m;       /* the changed config, unrelaxed (borrowed) */
    const rp_plan *previous; /* borrowed */
    int from_week;           /* 0-based */
    uint8_t *kind;           /* [previous->n_rotations] rp_past */
    int *first, *order;      /* previous's rotations by student: order[first[s] .. first[s+1]-1] */
} rp_history;

/* Sorts previous's rotations into history kinds. RP_ERR_NOMEM. */
rp_status rp_history_init(rp_history *h, const rp_model *m, const rp_plan *previous,
                          int from_week);
/* Frees what init allocated; accepts a zeroed history. */
void rp_history_clear(rp_history *h);

/* Widens work (a copy of h->m, rp_model_clone) so every history and running
 * rotation fits in the weeks before from_week. */
void rp_history_relax(const rp_history *h, rp_model *work);

/* The form's allow_start filter (ctx: the rp_history): before from_week only
 * the previous plan's own rotations, from it on what the config allows. */
bool rp_history_allow_start(void *ctx, int student, int department, int start);
/* Sets fo's filter to rp_history_allow_start on h. */
void rp_history_form_options(const rp_history *h, rp_form_options *fo);

/* The previous plan's rotations in a form built on the relaxed copy with the
 * filter above. */
typedef struct rp_history_fit {
    int *col;          /* [previous->n_rotations] its x column, or -1 (owned) */
    int n_history;     /* rotations wholly before from_week (short ones included) */
    int n_running;     /* rotations running across from_week */
    int n_future;      /* rotations ending at or after from_week (running ones included):
                          the ones that may change */
    int n_impossible;  /* of n_future, those without a column: the config forbids them */
    int bad_rotation;  /* a history rotation without a column (index into previous), or -1 */
} rp_history_fit;

/*
 * Finds the columns into *fit and fixes history rotations at 1, running ones
 * too when running_whole. RP_ERR_INVALID when a full-length history rotation
 * has no column at all (fit->bad_rotation; its length or the horizon changed);
 * RP_ERR_NOMEM. *fit is filled either way (rp_history_fit_clear frees it).
 */
rp_status rp_history_fit_form(const rp_history *h, rp_form *f, bool running_whole,
                              rp_history_fit *fit);
void rp_history_fit_clear(rp_history_fit *fit);

/* Running rotations may be cut after all: their columns become free. */
void rp_history_release_running(const rp_history *h, const rp_history_fit *fit, rp_form *f);

/* The previous plan without the rotations the form has no column for (nor
 * short ones), or with past_only its history and running rotations alone: a
 * start for a search on that form. *out is new. RP_ERR_NOMEM. */
rp_status rp_history_start_plan(const rp_history *h, const rp_history_fit *fit, bool past_only,
                                rp_plan **out);

#endif
