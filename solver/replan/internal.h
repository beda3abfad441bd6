/*
 * replan/internal.h - private to replan*.c: the previous plan sorted by what
 * history makes of each rotation, and the relaxed working model.
 */
#ifndef RP_REPLAN_INTERNAL_H
#define RP_REPLAN_INTERNAL_H

#include "solver/form/form.h"
#include "solver/replan/replan.h"

typedef enum rp_past {
    RP_PAST_HISTORY, /* wholly before from_week, full length: fixed */
    RP_PAST_SHORT,   /* wholly before from_week, shorter than its discipline (cut by an
                        earlier re-plan): copied to the new plan, its weeks idle for the
                        formulation, as the checker scores them */
    RP_PAST_RUNNING, /* across from_week: kept whole when possible, else cut */
    RP_PAST_FUTURE   /* from from_week on: free, kept when it costs nothing */
} rp_past;

typedef struct rp_history {
    const rp_model *m;       /* the new config, unrelaxed (borrowed) */
    const rp_plan *previous; /* borrowed */
    int from_week;
    uint8_t *kind;           /* [previous->n_rotations] rp_past */
    int *first, *order;      /* previous's rotations by student: order[first[s] .. first[s+1]-1] */
} rp_history;

/* Sorts previous's rotations into history kinds. RP_ERR_NOMEM. */
rp_status rp_history_init(rp_history *h, const rp_model *m, const rp_plan *previous,
                          int from_week);
void rp_history_clear(rp_history *h);

/* Widens work (a copy of h->m) so every history and running rotation fits in
 * the weeks before from_week; see replan.h. */
void rp_history_relax(const rp_history *h, rp_model *work);

/* The form's allow_start filter (ctx: the rp_history): before from_week only
 * the previous plan's own rotations, from it on what the new config allows. */
bool rp_history_allow_start(void *ctx, int student, int department, int start);

#endif
