/*
 * heur/search.h - simulated annealing over plans in which every student keeps
 * their own rules, with capacity and minimum breaches priced by an adaptive
 * penalty, and a record of the best plan that breaks no rule at all.
 *
 * Internal to the heuristic. The search borrows the state and builder, which
 * must outlive it, and owns its edit buffer and the record of the best plan.
 * Moves: another unit (a department, or a team of one); another week; two
 * rotations of a student swap weeks; a discipline replaced by another; a
 * rotation added or dropped; two students trade their placements in a
 * discipline; a student rebuilt by rp_hbuild_student; and repairs aimed at a
 * breached cell-week (state.h).
 */
#ifndef RP_HEUR_SEARCH_H
#define RP_HEUR_SEARCH_H

#include <signal.h>
#include <stdbool.h>

#include "solver/heur/build.h"
#include "base/rng.h"
#include "solver/heur/state.h"

typedef struct rp_hsearch {
    rp_hstate *st;
    rp_hbuild *b;
    rp_rng rng;
    double lambda;          /* price of one breach, in score units */
    double temperature;
    rp_hedit *edits;        /* the move being tried */
    int n_edits, max_edits;
    /* The best plan with no breach seen so far. */
    bool have_best;
    long best_objective, best_sum, best_worst;
    int *best_unit, *best_start; /* [S * D] */
    bool pending;           /* the current plan beats the record but is not copied yet */
    uint8_t *dirty;         /* [S] student changed since the last copy */
    int *dirty_list, n_dirty;
    double *price;          /* [C * W] settling prices, allocated by the first pass */
    long long moves;        /* moves tried */
    double first_feasible;  /* seconds from `started` until the first plan without breach */
    double started;         /* clock reading when the search began */
    bool quick;             /* rebuilds place in the estimated order, no swaps */
    double target;          /* annealing ends once the best plan scores this */
    bool fill_short;        /* repairs of a short minimum may take students busy that
                               week (student_for in search.c) */
    /* borrowed, optional: settling and repairs stop when it becomes non-zero,
     * as at their deadline */
    volatile sig_atomic_t *interrupt;
} rp_hsearch;

rp_status rp_hsearch_init(rp_hsearch *x, rp_hstate *st, rp_hbuild *b, uint64_t seed);
void rp_hsearch_free(rp_hsearch *x);

/*
 * Replaces student s's schedule by one the builder makes at price `lambda`
 * (tries, noise as in rp_hbuild_student) and keeps it unconditionally.
 * False (and the student untouched) when the builder found none.
 */
bool rp_hsearch_rebuild(rp_hsearch *x, int s, double lambda, double noise, int tries);

/* Records the current plan as the best when it has no breach and beats the
 * record. */
void rp_hsearch_note(rp_hsearch *x);

/*
 * One settling pass: cell-weeks over capacity get dearer (under their
 * minimum, cheaper) by `step` per student too many (too few), and then every
 * student in `students` is rebuilt in that order against all the others, at
 * price lambda per breach plus those prices, until `deadline` (clock seconds,
 * <= 0: none). RP_ERR_NOMEM.
 */
rp_status rp_hsearch_settle(rp_hsearch *x, const int *students, int n, double step,
                            double deadline);

/* Repairs breaches by ejection chains kept only when the penalised objective
 * (at the current lambda) does not get worse, for `attempts` chains or until
 * there is no breach left or the deadline passes. */
void rp_hsearch_repair(rp_hsearch *x, long long attempts, double deadline);

/*
 * Anneals for `moves` moves or until `deadline` (clock seconds, <= 0: none) or
 * *interrupt, or until the best plan scores x->target. Temperature falls
 * geometrically from t0 to t1 as the moves are used up. Returns true when
 * the deadline or an interrupt ended the search (the result then depends on
 * timing, not on the seed alone).
 */
bool rp_hsearch_anneal(rp_hsearch *x, long long moves, double t0, double t1, double deadline,
                       volatile sig_atomic_t *interrupt);

/* Makes sure the record holds the best plan seen (call before reading it). */
void rp_hsearch_flush(rp_hsearch *x);

/* The typical loss of a random move in the current plan that leaves the
 * breaches as they are: the scale of starting temperatures and prices. */
double rp_hsearch_probe_temperature(rp_hsearch *x, int samples);

#endif
