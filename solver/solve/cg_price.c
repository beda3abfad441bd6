/* Pricing rounds and the Lagrangian bound of the schedule decomposition. */
#include "solver/solve/cg_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/glpk/driver.h"
#include "solver/solve/price_mip.h"

static rp_price_input input_for(const cg *g, int s)
{
    rp_price_input in = {.cell_price = g->cell, .scale = 1 + g->worst[s], .incumbent = -HUGE_VAL,
                         .label_limit = g->opt->label_limit};
    return in;
}

/* The best reduced value among s's known schedules at the smoothed duals.
 * When the best is a retired column it is restored: it is the schedule
 * the student would take now. */
static double known_best(cg *g, int s)
{
    rp_price_input in = input_for(g, s);
    double best = -HUGE_VAL;
    int best_k = -1;
    for (int k = g->first_of[s]; k >= 0; k = g->next_of[k]) {
        double v = rp_price_value(g->m, &in, s, &g->pool[k]);
        if (v > best) {
            best = v;
            best_k = k;
        }
    }
    if (best_k >= 0 && rp_master_retired(g->master, best_k)) {
        rp_master_restore(g->master, best_k);
        if (rp_cg_master_reduced(g, s, &g->pool[best_k]) > CG_REDUCED_EPS)
            g->restored_useful = true;
    }
    return best;
}

typedef struct worker {
    cg *g;
    int id;
} worker;

/* Prices s by a small GLPK program: its rules outgrew the labels. What
 * the labels reached stays when the program does no better: their
 * schedule, and the lower of the two bounds (the program's, cut short by
 * its time, may bound less or nothing). */
static rp_status price_by_mip(cg *g, int thread, int s)
{
    g->mipped[thread]++;
    rp_price_input in = input_for(g, s);
    const rp_price_result labels = g->priced[s];
    in.incumbent = fmax(g->incumbent[s], labels.found ? labels.value : -HUGE_VAL);
    rp_schedule better = {0};
    rp_price_result *r = &g->priced[s];
    rp_status st = rp_price_mip(g->m, &in, s, labels.found ? &g->found[s] : NULL, g->deadline,
                                g->opt->interrupt, &better, r);
    if (st == RP_OK && r->outcome == RP_PRICE_INFEASIBLE && labels.found) {
        *r = labels; /* the labels' schedule keeps every rule: trust it */
    } else if (st == RP_OK && r->found) {
        rp_schedule t = g->found[s];
        g->found[s] = better;
        better = t;
    } else if (st == RP_OK && labels.found) {
        r->found = true;
        r->value = labels.value;
    }
    rp_schedule_clear(&better);
    if (st == RP_OK && r->outcome != RP_PRICE_INFEASIBLE)
        r->bound = fmin(r->bound, labels.bound);
    r->labels = labels.labels;
    return st;
}

/* Prices students id, id + threads, ... : each student's result depends on
 * the duals alone, so the round is the same for any number of threads. */
static void *price_share(void *arg)
{
    worker *w = arg;
    cg *g = w->g;
    rp_status st = RP_OK;
    for (int s = w->id; s < g->S && st == RP_OK; s += g->threads) {
        if (g->cut_short || rp_cg_interrupted(g)) {
            g->cut_short = 1;
            break;
        }
        if (g->fixed && g->fixed[s]) {
            g->priced[s] = (rp_price_result){.outcome = RP_PRICE_BOUNDED, .bound = HUGE_VAL};
            continue;
        }
        rp_price_input in = input_for(g, s);
        in.incumbent = g->incumbent[s];
        /* past pricing's share of the time, the rest of the round only
         * bounds, and past the deadline only roughly: a round that ends
         * bounds every plan, and only an interrupt cuts one short */
        in.bound_only = rp_cg_stopped(g);
        bool late = rp_cg_out_of_time(g);
        in.rough_bound = late;
        g->late[w->id] += late;
        /* a search begun before that moment ends there too, with its bound */
        in.stop_at = isinf(g->generate_until) ? 0 : g->generate_until;
        in.stop = g->opt->interrupt;
        st = rp_price_student(g->pricer[w->id], &in, s, &g->found[s], &g->priced[s]);
    }
    g->thread_status[w->id] = st;
    return NULL;
}

/* Solves the programs of the share's students whose rules outgrew the
 * labels, each in a fresh GLPK environment: an environment's history can
 * choose among equal optima, so a shared one would make the schedules depend
 * on which thread solved what. */
static void *program_share(void *arg)
{
    worker *w = arg;
    cg *g = w->g;
    rp_status st = RP_OK;
    for (int s = w->id; s < g->S && st == RP_OK && !g->cut_short && !rp_cg_stopped(g);
         s += g->threads) {
        if (g->priced[s].outcome != RP_PRICE_TOO_LARGE)
            continue;
        st = price_by_mip(g, w->id, s);
        rp_glpk_thread_end();
    }
    g->thread_status[w->id] = st;
    return NULL;
}

/* Runs fn over every share, each in a thread of its own when `every` (else
 * share 0 in this thread); a share whose thread does not start runs here. */
static rp_status run_shares(cg *g, void *(*fn)(void *), bool every)
{
    pthread_t tid[CG_MAX_THREADS];
    worker wk[CG_MAX_THREADS];
    bool own[CG_MAX_THREADS] = {false};
    for (int t = every ? 0 : 1; t < g->threads; t++) {
        wk[t] = (worker){g, t};
        own[t] = pthread_create(&tid[t], NULL, fn, &wk[t]) == 0;
    }
    for (int t = 0; t < g->threads; t++)
        if (!own[t]) {
            wk[t] = (worker){g, t};
            fn(&wk[t]);
        }
    for (int t = 0; t < g->threads; t++)
        if (own[t])
            pthread_join(tid[t], NULL);
    for (int t = 0; t < g->threads; t++)
        if (g->thread_status[t])
            return g->thread_status[t];
    return RP_OK;
}

rp_status rp_cg_price_all(cg *g)
{
    g->cut_short = 0;
    g->restored_useful = false;
    for (int s = 0; s < g->S; s++)
        g->incumbent[s] = g->fixed && g->fixed[s] ? -HUGE_VAL : known_best(g, s);
    RP_TRY(run_shares(g, price_share, false));
    bool outgrown = false;
    for (int s = 0; s < g->S; s++) {
        g->res->labels += g->priced[s].labels;
        outgrown = outgrown || g->priced[s].outcome == RP_PRICE_TOO_LARGE;
    }
    /* students whose rules outgrow the labels: a small GLPK program each,
     * in threads of their own when GLPK keeps an environment per thread
     * (the main thread's holds the master), else here in student order */
    if (outgrown && g->mip_in_threads) {
        RP_TRY(run_shares(g, program_share, true));
    } else {
        for (int s = 0; s < g->S && !g->cut_short && !rp_cg_stopped(g); s++)
            if (g->priced[s].outcome == RP_PRICE_TOO_LARGE)
                RP_TRY(price_by_mip(g, 0, s));
    }
    for (int t = 0; t < g->threads; t++) {
        g->res->rough += g->late[t];
        g->res->too_large += g->mipped[t];
        g->late[t] = g->mipped[t] = 0;
    }
    return RP_OK;
}

/* The best of pi x over a cell row's range (a student count is at least 0). */
static double row_term(double pi, double lb, double ub)
{
    return pi >= 0 ? pi * ub : pi * fmax(lb, 0);
}

/* The Lagrangian bound of the round just priced; -HUGE_VAL when a student
 * proved to have no schedule, HUGE_VAL when it bounds nothing. */
double rp_cg_lagrangian(const cg *g)
{
    const rp_model *m = g->m;
    double total = 0, worst_sum = 0;
    for (int c = 0; c < g->C; c++)
        total += row_term(g->cell[c], g->cell_lb[c], g->cell_ub[c]);
    for (int s = 0; s < g->S; s++) {
        const rp_price_result *r = &g->priced[s];
        double b = r->bound;
        if (r->outcome == RP_PRICE_EXACT && g->incumbent[s] > b)
            b = g->incumbent[s];
        total += b;
        worst_sum += g->worst[s];
    }
    double fairness = m->objective.fairness;
    if (fairness > 0) {
        /* the worst-off score is at most any student's best score alone */
        double reduced = fairness - worst_sum;
        total += reduced >= 0 ? reduced * g->worst_most : -reduced * g->score_range;
    }
    return total;
}

/* The smoothed duals: a mix of the center's and the master's. */
void rp_cg_smooth(cg *g, double alpha)
{
    for (int c = 0; c < g->C; c++)
        g->cell[c] = g->has_center ? alpha * g->center_cell[c] + (1 - alpha) * g->lp_cell[c]
                                   : g->lp_cell[c];
    for (int s = 0; s < g->S; s++) {
        double w = g->has_center ? alpha * g->center_worst[s] + (1 - alpha) * g->lp_worst[s]
                                 : g->lp_worst[s];
        g->worst[s] = w > 0 ? w : 0;
    }
}

/* The reduced cost of a schedule of s at the master's own duals. */
double rp_cg_master_reduced(const cg *g, int s, const rp_schedule *sc)
{
    rp_price_input in = {.cell_price = g->lp_cell, .scale = 1 + fmax(0, g->lp_worst[s])};
    return rp_price_value(g->m, &in, s, sc) - g->lp_conv[s];
}

