/*
 * price.h - a student's best whole schedule under prices on department-weeks,
 * by dynamic programming over weeks (the path network of form/path.c) with
 * the student's own rules as resources.
 *
 * A schedule's reduced value is scale x its score, plus a bonus per rotation
 * when the caller gives one, less the price of every cell it occupies: its
 * department-weeks and, in departments with teams of supervisors
 * (model/teams.h), the weeks of the team guiding each rotation, the choice
 * of team being part of the rotation option. A path begins in the first
 * week of the student's intake. Labels "week w begins, the last hospital was g" carry the set of
 * disciplines done (rule 2, requirements, prerequisites) and, when a
 * hospital limit can bind, the rotations per hospital; of two labels with
 * the same node and resources the better one is kept, and a label that
 * cannot beat the best complete schedule known (by an optimistic value of
 * the weeks left) or can no longer meet its requirements is dropped. The
 * search is exact; when a student's rules would need more labels than the
 * limit it stops with RP_PRICE_TOO_LARGE, a weaker bound (the least of
 * those it proved) and the best schedule it reached, if any, and the caller
 * prices that student another way (a small MIP).
 *
 * A pricer owns scratch space for one search at a time: one pricer per
 * thread. It borrows the model. Deterministic: the same input gives the
 * same schedule. Never prints.
 */
#ifndef RP_SCHED_PRICE_H
#define RP_SCHED_PRICE_H

#include <signal.h>
#include <stdbool.h>

#include "base/status.h"
#include "model/model.h"
#include "solver/sched/schedule.h"

typedef struct rp_price_input {
    const double *cell_price; /* [cells] (schedule.h): one student there that week, in a
                                 department and, where it has teams, in the team
                                 guiding the rotation; NULL: none */
    double scale;             /* multiplier of the score (1 + the student's worst-off
                                 dual); clamped at 0 */
    /* Extra filter on starts, as rp_form_options.allow_start; NULL: none. */
    bool (*allow_start)(void *ctx, int student, int department, int start);
    /* Extra value of a rotation (re-planning keeps rotations); NULL: none. */
    double (*bonus)(void *ctx, int student, int department, int start);
    void *ctx;
    /* A reduced value the caller can already reach (a schedule it holds):
     * only better schedules are looked for. -HUGE_VAL: none. */
    double incumbent;
    long label_limit; /* <= 0: RP_PRICE_LABELS */
    /* on base/clock.h: the search stops here (or when *stop becomes non-zero)
     * as at the label limit, with the bound it has; 0 / NULL: never. The
     * search is then cut by the clock, so only a caller whose time is up
     * anyway should set it. */
    double stop_at;
    volatile sig_atomic_t *stop;
    /* stop after the completion table: its value bounds the student (the
     * search is skipped unless the table's own path keeps every rule) */
    bool bound_only;
    /* cheaper still, for a round whose time is up: only the options are
     * valued, and the bound is what the student's weeks can hold of each
     * discipline's best option (each done at most once) */
    bool rough_bound;
    /* multipliers start levelled for every student, not only for students of
     * many disciplines (price_table.c): the bounds are the same, another of
     * equal schedules may come first (tests of what follows the pricing) */
    bool level_every_student;
} rp_price_input;

#define RP_PRICE_LABELS 400000L

typedef enum rp_price_outcome {
    RP_PRICE_EXACT,      /* *bound is the best reduced value of any schedule */
    RP_PRICE_INFEASIBLE, /* the student has no schedule that keeps their rules */
    RP_PRICE_TOO_LARGE,  /* stopped at the label limit or stop_at; *bound is optimistic */
    RP_PRICE_BOUNDED     /* bound_only or rough_bound: *bound is optimistic, no search
                            was run */
} rp_price_outcome;

typedef struct rp_price_result {
    rp_price_outcome outcome;
    bool found;   /* a schedule better than the incumbent was found: in *out */
    double value; /* its reduced value */
    double bound; /* no schedule of the student has a higher reduced value */
    long labels;  /* work done: labels made */
} rp_price_result;

typedef struct rp_pricer rp_pricer;

/* Scratch for pricing students of m; NULL when out of memory. */
rp_pricer *rp_pricer_new(const rp_model *m);
/* Accepts NULL; clears *p. */
void rp_pricer_free(rp_pricer **p);

/*
 * Prices student s. When a better schedule than in->incumbent is found it
 * goes to *out (score set) and res->found is true. RP_ERR_NOMEM; otherwise
 * RP_OK with res->outcome saying what the search proved.
 */
rp_status rp_price_student(rp_pricer *p, const rp_price_input *in, int s, rp_schedule *out,
                           rp_price_result *res);

/* The reduced value of a schedule of student s under in (score included). */
double rp_price_value(const rp_model *m, const rp_price_input *in, int s, const rp_schedule *sc);

#endif
