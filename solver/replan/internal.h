/*
 * replan/internal.h - private to replan*.c: one re-plan's program and state,
 * shared by the orchestration (replan.c), the searches (stages.c) and the
 * start (start.c).
 */
#ifndef RP_REPLAN_INTERNAL_H
#define RP_REPLAN_INTERNAL_H

#include "solver/diagnose/elastic.h"
#include "solver/form/history.h"
#include "solver/replan/replan.h"

typedef struct replan {
    const rp_replan_options *opt;
    rp_replan_result *res;
    const rp_model *m;   /* the changed config (borrowed) */
    rp_model *work;      /* owned: m widened for history */
    rp_history h;
    rp_history_fit fit;
    rp_elastic *e;       /* partial: the elastic program, owning f */
    rp_form *f;          /* the program; owned unless e */
    uint8_t *previous_col; /* [n_x] 1 for the x column of a previous rotation */
    int *keep, n_keep;   /* x columns of the previous rotations that may change */
    int *added, n_added; /* x columns from from_week on that no previous rotation has */
    double *obj, offset; /* the config's objective, saved while a stage changes it */
    rp_plan *start;      /* the first search's start */
    bool bound_on_score; /* the answer's bound is one on the config's objective */
    const char *phase;   /* what the progress line says the search is after */
    bool disruption_shown; /* the search's objective is the disruption: shown as such */
    double t0;
} replan;

/* stages.c: keeps the config's objective (the score) aside, so that the
 * stages can change the program's and scores can be computed. */
rp_status rp_replan_save_objective(replan *r);
/* The searches in the order asked for; *plan is the last good one. */
rp_status rp_replan_run_stages(replan *r, rp_plan **plan);
/* The config's objective of a plan on the program (history and cut rotations
 * aside), into *score; RP_ERR_INVALID when the plan does not fit it. */
rp_status rp_replan_score(const replan *r, const rp_plan *plan, double *score);

/* start.c: the plan in force made to keep every rule (history pinned, the
 * students who must move rebuilt by the heuristic) into *out, or NULL when
 * the heuristic finds none in its time. Only RP_ERR_NOMEM fails. */
rp_status rp_replan_repair_start(const replan *r, rp_plan **out);

#endif
