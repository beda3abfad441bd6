/*
 * elastic.h - the placement program with some hard rules made elastic:
 * slack columns measure how far a plan has to bend them.
 *
 * Built on the formulation (form.h), not on the checker. The rules that may
 * bend, and what a unit of bending costs:
 *   capacity     department p may take over[p, w] students beyond its
 *                capacity in week w, and a team of its supervisors
 *                (model/teams.h) team_over[t, w] beyond its own: 1 per
 *                place-week
 *   minimum      it may have under[p, w] students fewer than its minimum:
 *                1 per student-week
 *   requirement  student s may miss missed[s, r] rotations of requirement r:
 *                1 + the longest rotation r draws from, so that missing a
 *                rotation always costs more than the place-weeks that would
 *                let it fit; 1 per rotation when nothing else bends or
 *                with rules.limits_last
 * Every other rule stays hard (one rotation at a time, availability,
 * eligibility, closed weeks, prerequisites, hospital limits, pins). The
 * objective becomes the total cost of the slacks, minimised: its optimum is
 * the smallest relaxation, in these units, that makes a plan possible, and 0
 * exactly when the config has a plan.
 *
 * The elastic program owns its form; the model must outlive both.
 */
#ifndef RP_ELASTIC_H
#define RP_ELASTIC_H

#include <stdbool.h>

#include "solver/form/form.h"
#include "model/plan.h"
#include "solver/form/mip.h"

typedef struct rp_elastic_rules {
    bool capacity, minimum, requirement;
    /* capacities and minimums bend only as a last resort: a unit of their
     * slack costs more than missing every required rotation, each missed
     * rotation 1 (partial plans: a warm start that keeps them is hard to find,
     * one that bends them is not) */
    bool limits_last;
} rp_elastic_rules;

typedef struct rp_elastic {
    rp_form *form;          /* owned; its lp carries the slack columns */
    rp_elastic_rules rules;
    int *over, *under;      /* [departments x weeks] slack column, or -1 */
    int *team_over;         /* [teams x weeks] slack column, or -1 */
    int *missed;            /* [requirements, numbered as form.req_rows] column, or -1 */
    double *score_obj;      /* [n_build_cols] the score objective the slack replaced */
    int n_build_cols;
} rp_elastic;

/* Builds the elastic program of m on the form options `form` (NULL: the
 * defaults; a re-plan's filter keeps history, form/history.h); names are
 * left out and paths may stop early when requirements bend. *out is new
 * (free with rp_elastic_free). RP_ERR_NOMEM, or RP_ERR_INVALID as
 * rp_form_build. */
rp_status rp_elastic_build(const rp_model *m, rp_elastic_rules rules,
                           const rp_form_options *form, rp_elastic **out);
/* Accepts NULL; clears *e. */
void rp_elastic_free(rp_elastic **e);

/* Slack columns, or -1 where the rule cannot bind or does not bend. */
int rp_elastic_over(const rp_elastic *e, int department, int week);
int rp_elastic_under(const rp_elastic *e, int department, int week);
int rp_elastic_team_over(const rp_elastic *e, int team, int week);
int rp_elastic_missed(const rp_elastic *e, int student, int requirement);
/* The slack's value in values[], rounded; 0 for a column of -1. */
long rp_elastic_value(const double *values, int col);
/* Total slack in values[] of capacities and minimums, and of requirements. */
long rp_elastic_limit_slack(const rp_elastic *e, const double *values);
long rp_elastic_missed_total(const rp_elastic *e, const double *values);
/* Capacities and minimums stop bending (their slack columns fixed at 0). */
void rp_elastic_hold_limits(rp_elastic *e);

/* Column values for plan, each slack making up what its row lacks, into
 * *out (new, n_cols, the caller frees it); NULL in *out when the plan breaks
 * a rule that does not bend. RP_OK or RP_ERR_NOMEM. */
rp_status rp_elastic_warm_start(const rp_elastic *e, const rp_plan *plan, double **out);
/* The same for the plan holding only the pins (and what their disciplines
 * need first), each in the student's earliest free weeks. */
rp_status rp_elastic_pins_warm_start(const rp_elastic *e, double **out);

/*
 * Minimises the slack under opt. Without opt->warm_start the search starts
 * from the plan holding only the pins, each slack making up the rest (when
 * that keeps the hard rows; a pinned discipline with prerequisites may not),
 * and may re-place a few students at a time around it. The solution is
 * checked against every row before it is returned. res as rp_glpk_solve.
 */
rp_status rp_elastic_solve(rp_elastic *e, const rp_mip_options *opt, rp_mip_result *res);

/*
 * Turns the program back into the score maximisation of form.h, with the
 * slack still allowed but its total cost at most `budget` (a row): the best
 * plan among those that bend the rules no more than that.
 */
rp_status rp_elastic_score_within(rp_elastic *e, long budget);

#endif
