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
    uint8_t *freed;      /* [n_students] the students this program may move; NULL: all */
    int disruption_bound;/* no re-plan drops plus adds fewer rotations than this */
    bool bound_on_score; /* the answer's bound is one on the config's objective */
    const char *phase;   /* what the progress line says the search is after */
    bool disruption_shown; /* the search's objective is the disruption: shown as such */
    double t0;
} replan;

/* replan.c: dropped plus added rotations of plan against the plan in force
 * (the counts land in r->res). */
int rp_replan_disruption(const replan *r, const rp_plan *plan);

/* stages.c: keeps the config's objective (the score) aside, so that the
 * stages can change the program's and scores can be computed. */
rp_status rp_replan_save_objective(replan *r);
/* The searches in the order asked for; *plan is the last good one. */
rp_status rp_replan_run_stages(replan *r, rp_plan **plan);
/* The config's objective of a plan on the program (history and cut rotations
 * aside), into *score; RP_ERR_INVALID when the plan does not fit it. */
rp_status rp_replan_score(const replan *r, const rp_plan *plan, double *score);

/* scope.c: how far a re-plan reaches. Levels 0 .. RP_REPLAN_LEVELS-1 free
 * the students whose part of the plan in force breaks a rule (level 0), then
 * those sharing a department-week from from_week on with a freed one; level
 * RP_REPLAN_LEVELS frees everyone. rp_replan_free_level adds the level's
 * students to freed[] and says whether it added any. */
#define RP_REPLAN_LEVELS 3
int *rp_replan_load(const replan *r); /* [departments x weeks] of the plan in force, or NULL */
bool rp_replan_free_level(const replan *r, int level, const int *load, uint8_t *freed);
/* A lower bound on dropped + added rotations: drops the capacities and the
 * config force, and a new rotation for each dropped one whose student has no
 * requirement to spare. A re-plan that meets it changes only the students
 * of level 0, so the program of level 0 holds every such re-plan. */
int rp_replan_disruption_bound(const replan *r, const int *load);

/* start.c: the plan in force made to keep every rule (history pinned, the
 * students who must move rebuilt by the heuristic, within r->freed when set)
 * into *out, or NULL when the heuristic finds none in its time. Only
 * RP_ERR_NOMEM fails. */
rp_status rp_replan_repair_start(const replan *r, const int *load, rp_plan **out);

#endif
