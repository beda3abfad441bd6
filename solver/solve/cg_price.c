/* Pricing rounds and the Lagrangian bound of the schedule decomposition. */
#include "solver/solve/cg_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/glpk/driver.h"
#include "solver/solve/price_mip.h"

/* Without a label limit in the options a round prices in two passes:
 * every student with at most FIRST_LABELS labels, then those who outgrew
 * them with the pricing's own limit and, past it, a small GLPK program, as
 * long as they are at most OUTGROWN_SHARE of the cohort. When more outgrow
 * the first pass, the rules of most students make more schedules than a
 * search can go through (generated MSS instances of 24 disciplines: two
 * students in three past 50,000 labels, half still past 400,000 at 0.6 s
 * each, and 1.8 s for each program after): the first pass's bounds are
 * within 0.3% of the full search's and 1.4% of the programs', at a tenth
 * and a fortieth of the time (bench/results/pricing.md). Students of the
 * benchmark's own instances of 24 disciplines outgrow the first pass one
 * or two in eighty. The options may still have the programs price them
 * (rp_cg_options.program_outgrown), straight after the first pass. */
#define FIRST_LABELS 50000L
#define OUTGROWN_SHARE 0.1

static rp_price_input input_for(const cg *g, int s)
{
    rp_price_input in = {.cell_price = g->cell, .scale = 1 + g->worst[s], .incumbent = -HUGE_VAL,
                         .label_limit = g->label_limit,
                         .level_every_student = g->opt->level_every_student};
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

/* A later pricing's result r, searched for schedules better than an
 * earlier one's: when it finds none the earlier schedule (still in place)
 * stands, and of two bounds the lower holds. */
static void keep_earlier(rp_price_result *r, const rp_price_result *first)
{
    if (r->outcome == RP_PRICE_INFEASIBLE && first->found)
        *r = *first; /* the earlier schedule keeps every rule: trust it */
    if (!r->found && first->found) {
        r->found = true;
        r->value = first->value;
    }
    if (r->outcome != RP_PRICE_INFEASIBLE)
        r->bound = fmin(r->bound, first->bound);
}

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
    if (st == RP_OK && r->found) {
        rp_schedule t = g->found[s];
        g->found[s] = better;
        better = t;
    }
    rp_schedule_clear(&better);
    if (st == RP_OK)
        keep_earlier(r, &labels);
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
        if (g->second_pass && g->priced[s].outcome != RP_PRICE_TOO_LARGE)
            continue;
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
        const rp_price_result first = g->priced[s];
        if (g->second_pass && first.found)
            in.incumbent = fmax(in.incumbent, first.value);
        st = rp_price_student(g->pricer[w->id], &in, s, &g->found[s], &g->priced[s]);
        g->labels_made[w->id] += g->priced[s].labels;
        if (st == RP_OK && g->second_pass)
            keep_earlier(&g->priced[s], &first);
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

/* Students whose pricing outgrew the labels. */
static int count_outgrown(const cg *g)
{
    int n = 0;
    for (int s = 0; s < g->S; s++)
        n += g->priced[s].outcome == RP_PRICE_TOO_LARGE;
    return n;
}

rp_status rp_cg_price_all(cg *g)
{
    g->cut_short = 0;
    g->restored_useful = false;
    for (int s = 0; s < g->S; s++)
        g->incumbent[s] = g->fixed && g->fixed[s] ? -HUGE_VAL : known_best(g, s);
    bool two_passes = g->opt->label_limit <= 0;
    g->label_limit = two_passes ? FIRST_LABELS : g->opt->label_limit;
    g->second_pass = false;
    RP_TRY(run_shares(g, price_share, false));
    int outgrown = count_outgrown(g);
    if (two_passes && outgrown > OUTGROWN_SHARE * g->S) {
        if (outgrown > g->res->outgrown)
            g->res->outgrown = outgrown;
        if (!g->opt->program_outgrown)
            outgrown = 0; /* their bounds and schedules stay the first pass's */
    } else if (two_passes && outgrown > 0 && !g->cut_short) {
        g->label_limit = RP_PRICE_LABELS;
        g->second_pass = true;
        RP_TRY(run_shares(g, price_share, false));
        g->second_pass = false;
        outgrown = count_outgrown(g);
    }
    /* students whose rules outgrow the labels: a small GLPK program each,
     * in threads of their own when GLPK keeps an environment per thread
     * (the main thread's holds the master), else here in student order */
    if (outgrown && g->mip_in_threads) {
        RP_TRY(run_shares(g, program_share, true));
    } else if (outgrown) {
        for (int s = 0; s < g->S && !g->cut_short && !rp_cg_stopped(g); s++)
            if (g->priced[s].outcome == RP_PRICE_TOO_LARGE)
                RP_TRY(price_by_mip(g, 0, s));
    }
    for (int t = 0; t < g->threads; t++) {
        g->res->rough += g->late[t];
        g->res->too_large += g->mipped[t];
        g->res->labels += g->labels_made[t];
        g->late[t] = g->mipped[t] = 0;
        g->labels_made[t] = 0;
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

