/*
 * heur/build.h - one student's schedule built against the plan of the others.
 *
 * Internal to the heuristic. A try picks the disciplines (pins and their
 * prerequisites first, then for each requirement short of its minimum the
 * most valuable candidate that still leaves the student weeks for the rest)
 * and places them by dynamic programming over weeks and hospitals, hospital
 * changes and idle weeks counted exactly: over every order at once for small
 * sets (a table over the subsets already placed), otherwise in one order
 * (prerequisites first, each near its cheapest week) improved by swapping
 * neighbours. A hospital over the student's limit is closed to the excess
 * disciplines and the set placed again. Tries after the first vary the choice
 * at random; when none fits, the same tries are placed over every order.
 *
 * Costs are in score units: a breach (a student over capacity or, negatively,
 * one filling a minimum) costs `lambda`; optional extras are a crowding price,
 * settling prices per department-week and one department-week barred. The
 * student's own rotations must be out of the loads while building. The
 * builder owns scratch space sized for one state; it never changes the state.
 */
#ifndef RP_HEUR_BUILD_H
#define RP_HEUR_BUILD_H

#include <stdbool.h>

#include "base/rng.h"
#include "solver/heur/state.h"

typedef struct rp_hbuild {
    /* sizes; the comments below write them D, W and H */
    int n_disciplines, n_weeks, n_hospitals;
    int *set, n_set;     /* disciplines chosen by the current try */
    uint8_t *in_set;     /* [D] */
    int *order;          /* [D] */
    double *key;         /* [D] */
    int *cnt;            /* requirement counts while choosing */
    double *value;       /* [D] estimated worth of doing d */
    int *best_t;         /* [D] cheapest first week of d */
    double *cost;        /* [D * W * H] cheapest placement of d starting in t at h */
    int *cost_unit;      /* [D * W * H] unit achieving it */
    uint8_t *mark;       /* [max(D, W)] ordering state; open first weeks while costing */
    double *prefix;      /* [W + 1] cost of weeks 0 .. w-1 in one department */
    double *f, *g;       /* dynamic programming values */
    int *bp_unit, *bp_e, *bp_h, *ge;
    int *hcount;         /* [H] */
    /* The best schedule of the last successful call: unit (-1: not done)
     * and first week of each discipline. */
    int *pick_unit, *pick_start;
    double pick_value;   /* its estimated score minus lambda x added breaches */
    int *keep_unit, *keep_start; /* the best try so far */
    int order_passes;    /* rounds of neighbour swaps that improve an order */
    int exact_max;       /* largest set placed exactly, over every order */
    int *need;           /* [D] prerequisites of each set member, as a bit mask */
    double *xf;          /* exact placement: best cost per (subset, week, hospital) */
    int *xbp, *xunit;    /* its back pointers and units */
    bool force_exact;    /* place exactly whenever the set is small enough */
    double crowding;     /* price of a full department-week, scaled by how full it is */
    int ban_cell, ban_week; /* a cell-week (state.h) the student may not use, or -1 */
    const double *price; /* [C * W] borrowed, optional: extra cost of each cell-week */
} rp_hbuild;

rp_status rp_hbuild_init(rp_hbuild *b, const rp_hstate *st);
void rp_hbuild_free(rp_hbuild *b);

/*
 * Builds a schedule for student s in `tries` tries (the first without
 * noise, the others with random variation up to `noise`, in score units) and
 * keeps the best in pick_unit / pick_start. False when no try found one that
 * keeps the student's own rules (loads aside).
 */
bool rp_hbuild_student(rp_hbuild *b, const rp_hstate *st, int s, double lambda, double noise,
                       int tries, rp_rng *rng);

#endif
