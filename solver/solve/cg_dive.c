/*
 * A dive over the master: the LP's favourite schedules are fixed a step at a
 * time and the students still free are priced again at the master's new
 * duals, so the schedules they need once others are settled can still come.
 * The master LP at the end of column generation is nearly integral on large
 * cohorts; what a branch-and-bound over a fixed pool cannot do is find the
 * schedules the last, contested students need.
 */
#include "solver/solve/cg_internal.h"

#include <math.h>
#include <stdlib.h>

#include "base/clock.h"

/* Weight above which the LP already gives a student this schedule whole. */
#define WHOLE 0.999
/* Of the students still free, the most a step fixes beyond those whole ones
 * (at least one); a step that leaves the others no plan is undone and tried
 * again with half as many, and each step that holds lets the next fix more. */
#define STEP_SHARE 0.25
#define STEP_GROWTH 1.5
/* Pricing rounds per step at most: the first usually finds what the new
 * duals ask for. */
#define STEP_ROUNDS 2
/* Of the time left, the share the dive may take: the rest is the integer
 * master's and the groups'. When the master's LP was nearly converged
 * (cg_internal.h) the dive may take all the time to the decomposition's
 * last deadline (cg.h): such an LP is nearly integral on large cohorts and
 * the dive's plan comes near it, where the heuristics that would have had
 * the time reach less (2,000 students: the dive's plan 21,374 against the
 * LP's 21,364, by 86 s of 120; cut at the early deadline, 285 students
 * short of a plan, and the annealing's 20,617). An LP further off makes a
 * dive no better than the heuristics (5,000 students after 3 rounds, 23%
 * off: 48,800 at best), and the time is theirs. */
#define DIVE_SHARE 0.8
/* A step prices the free students only when a round of theirs, at the
 * rounds' pace so far, fits this many times in the dive's time left: where
 * a student's pricing is a GLPK program (24 disciplines) a round takes
 * minutes, and the dive then fixes on the LP alone. */
#define PRICE_FITS 4
/* A step of one fractional fix that leaves the others no plan bars that
 * schedule from being fixed and goes on: ending there would leave the
 * decomposition without a plan (a generated 250-student cohort, its pricing
 * returning others of equal schedules first: the warm start, 13.6% below
 * the bound, where the dive going on finds 0.3%). At most this many
 * schedules are barred before the dive gives up. */
#define MOST_BARRED 64

/* A free student's heaviest schedule in the master's LP. */
typedef struct candidate {
    double weight;
    int student, column;
} candidate;

typedef struct dive_state {
    char *fixed;          /* [S] */
    int *fixed_col;       /* [S] the columns fixed, in order */
    int n_fixed;
    int step_from;        /* fixed_col[step_from..n_fixed): the last step's fractional fixes */
    candidate *candidate; /* [S] */
    int barred[MOST_BARRED]; /* columns a step may not fix */
    int n_barred;
} dive_state;

static bool is_barred(const dive_state *d, int column)
{
    for (int i = 0; i < d->n_barred; i++)
        if (d->barred[i] == column)
            return true;
    return false;
}

/* Whether a round pricing the n_free students fits the time left. */
static bool pricing_fits(const cg *g, const rp_master_limits *lim, int n_free)
{
    if (g->res->rounds <= 0)
        return false;
    double per_student = g->res->price_seconds / ((double)g->res->rounds * g->S);
    return PRICE_FITS * per_student * n_free <= lim->deadline - rp_clock_seconds();
}

/* Solves the master, then, once some students are fixed, prices the free
 * ones at its duals and solves again while that adds schedules that move
 * it. Before any fix a round would be one more of the rounds before the
 * dive, which stopped for want of time or of schedules to add. */
static rp_status solve_and_price(cg *g, const rp_master_limits *lim, int n_free)
{
    bool optimal;
    RP_TRY(rp_master_solve(g->master, lim, 0, &optimal, NULL));
    for (int round = 0; round < STEP_ROUNDS && n_free > 0 && n_free < g->S &&
                        pricing_fits(g, lim, n_free);
         round++) {
        rp_master_duals(g->master, g->lp_cell, g->lp_worst, g->lp_conv);
        rp_cg_smooth(g, 0);
        RP_TRY(rp_cg_price_all(g));
        if (g->cut_short)
            return RP_ERR_INTERRUPTED;
        bool useful;
        RP_TRY(rp_cg_add_round(g, &useful));
        if (!useful)
            break;
        RP_TRY(rp_master_solve(g->master, lim, 0, &optimal, NULL));
    }
    return RP_OK;
}

/* Heaviest first; the student's number breaks ties, so the order is the
 * same on every run. */
static int heavier_first(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return (x->student > y->student) - (x->student < y->student);
}

/* Fixes the whole schedules and the heaviest `share` of the rest; returns
 * how many students are still free. */
static int fix_step(cg *g, dive_state *d, double share)
{
    int n = 0;
    for (int s = 0; s < g->S; s++) {
        if (d->fixed[s])
            continue;
        candidate c = {-1, s, -1};
        for (int k = g->first_of[s]; k >= 0; k = g->next_of[k]) {
            double w = rp_master_weight(g->master, k);
            if (w > c.weight && !is_barred(d, k)) {
                c.weight = w;
                c.column = k;
            }
        }
        d->candidate[n++] = c;
    }
    qsort(d->candidate, (size_t)n, sizeof *d->candidate, heavier_first);
    int whole = 0;
    while (whole < n && d->candidate[whole].weight >= WHOLE)
        whole++;
    int most = (int)ceil(share * (n - whole)), left = n, fractional = 0;
    d->step_from = -1;
    for (int i = 0; i < n; i++) {
        const candidate *c = &d->candidate[i];
        if (c->column < 0)
            break; /* every schedule of the rest is barred */
        if (c->weight < WHOLE) {
            if (fractional == most)
                break;
            if (fractional++ == 0)
                d->step_from = d->n_fixed;
        }
        rp_master_fix(g->master, c->column, true);
        d->fixed[c->student] = 1;
        d->fixed_col[d->n_fixed++] = c->column;
        left--;
    }
    return left;
}

/* Frees the last step's fractional fixes; returns how many. */
static int undo_step(cg *g, dive_state *d)
{
    int freed = d->n_fixed - d->step_from;
    for (int i = d->step_from; i < d->n_fixed; i++) {
        rp_master_fix(g->master, d->fixed_col[i], false);
        d->fixed[rp_master_student(g->master, d->fixed_col[i])] = 0;
    }
    d->n_fixed = d->step_from;
    d->step_from = -1;
    return freed;
}

rp_status rp_cg_dive(cg *g, int *choice)
{
    size_t n = (size_t)g->S + 1;
    dive_state d = {calloc(n, 1), malloc(n * sizeof(int)), 0, -1, malloc(n * sizeof(candidate)),
                    {0}, 0};
    rp_status st = d.fixed && d.fixed_col && d.candidate && rp_master_keep_basis(g->master)
                       ? RP_OK
                       : RP_ERR_NOMEM;
    double now = rp_clock_seconds(), deadline = g->deadline;
    rp_master_limits lim = {rp_cg_nearly_converged(g) || isinf(deadline)
                                ? g->opt->deadline
                                : now + DIVE_SHARE * (deadline - now),
                            g->opt->interrupt};
    g->deadline = fmax(deadline, lim.deadline);
    /* the dive's pricing finds schedules until the dive's own end */
    double generate_until = g->generate_until;
    g->generate_until = lim.deadline;
    g->fixed = d.fixed;
    int n_free = g->S;
    double share = STEP_SHARE, used = share; /* of the next step, of the last */
    while (st == RP_OK && !rp_cg_out_of_time(g) && rp_clock_seconds() < lim.deadline) {
        st = solve_and_price(g, &lim, n_free);
        if (st != RP_OK)
            break;
        if (rp_master_slack(g->master) > 0.5) {
            /* the last step left the others no plan: fewer fixes, or
             * another schedule than the one fixed alone */
            if (d.step_from < 0)
                break;
            if (d.n_fixed - d.step_from <= 1) {
                if (d.n_barred == MOST_BARRED)
                    break;
                d.barred[d.n_barred++] = d.fixed_col[d.step_from];
            } else {
                share = used / 2;
            }
            n_free += undo_step(g, &d);
            continue;
        }
        if (n_free == 0) {
            for (int i = 0; i < d.n_fixed; i++)
                choice[rp_master_student(g->master, d.fixed_col[i])] = d.fixed_col[i];
            st = rp_cg_offer_choice(g, choice);
            break;
        }
        n_free = fix_step(g, &d, share);
        used = share;
        share = fmin(STEP_SHARE, share * STEP_GROWTH);
    }
    for (int i = 0; i < d.n_fixed; i++)
        rp_master_fix(g->master, d.fixed_col[i], false);
    rp_master_back_to_basis(g->master); /* the groups' solves go on from there */
    g->fixed = NULL;
    g->generate_until = generate_until;
    g->deadline = deadline; /* what is left of the early share is the groups' */
    free(d.fixed);
    free(d.fixed_col);
    free(d.candidate);
    return st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED ? RP_OK : st;
}
