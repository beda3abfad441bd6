/*
 * The column generation loop. Each round: solve the master LP, smooth its
 * duals towards the center (the duals of the best bound), price every
 * student at the smoothed duals, update the bound, add the schedules that
 * beat each student's known ones. When the smoothed duals add nothing that
 * helps the master (mispricing), the next round prices at the master's own
 * duals; when those add nothing, the master is optimal over all schedules.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/glpk/driver.h"
#include "solver/solve/cg_internal.h"

#define SMOOTHING 0.5      /* weight of the center in the smoothed duals */
#define ROUND_EPS 1e-6     /* before rounding a bound down */
#define CONVERGED_EPS 1e-6 /* relative: bound and LP value agree */
#define RETIRE_AFTER 2     /* solves a schedule may stay out at a loss before it is retired */
/* Of the time given, the share pricing may take: the rest is kept for
 * combining the schedules into a plan. */
#define GENERATE_SHARE 0.75
/* ... and of the whole time, the share rounds given more time may take:
 * after that many rounds the master is large and the dive's steps slow,
 * and a dive cut short leaves no plan (1,000 students over 52 weeks at
 * 120 s: rounds to 77 s, the dive 99 students short at 102 s). */
#define GENERATE_SHARE_MORE 0.65
/* The master's LP within this share of the bound, or risen by at most
 * LP_SETTLED of itself in its last solve: nearly converged
 * (rp_cg_nearly_converged). The bound comes down more slowly than the LP
 * settles (2,000 students: the LP 1% below its final value, the bound still
 * 13% above it). */
#define NEARLY_CONVERGED 0.1
#define LP_SETTLED 0.01
/* Priced rounds a master needs before its LP can lead a dive: a cohort
 * whose rounds' time fits fewer, at the pace of its first round, keeps the
 * schedules of that round and leaves the time to the heuristics. Early
 * rounds price at duals that bound worse than no prices at all (2,000
 * students: rounds 2 to 9 all above the first round's bound, the dive at
 * round 9); 5,000 students at 120 s made four rounds in 55 s that neither
 * lowered the bound nor left the dive any time, and the annealing given
 * that time instead ends 1.2% higher (50,784 and 50,733 against 50,201 and
 * 50,108). */
#define ROUNDS_WORTH 6

void rp_cg_options_init(rp_cg_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->deadline = HUGE_VAL;
    opt->early_deadline = HUGE_VAL;
    opt->threads = 1;
    opt->target = -HUGE_VAL;
}

void rp_cg_result_clear(rp_cg_result *res)
{
    rp_plan_free(&res->plan);
    free(res->cell_dual);
    memset(res, 0, sizeof *res);
}

/* When rounds begun at `now` stop generating, for a phase ending at `deadline`. */
static double generating_until(double now, double deadline)
{
    return isinf(deadline) ? HUGE_VAL : now + GENERATE_SHARE * (deadline - now);
}

bool rp_cg_interrupted(const cg *g)
{
    return g->opt->interrupt && *g->opt->interrupt;
}

bool rp_cg_stopped(const cg *g)
{
    return rp_cg_interrupted(g) || rp_clock_seconds() >= g->generate_until;
}

bool rp_cg_out_of_time(const cg *g)
{
    return rp_cg_interrupted(g) || rp_clock_seconds() >= g->deadline;
}

/* A bound on the size of any student's score, for the worst-off column's
 * range and the slack's price. */
static double score_range(const rp_model *m)
{
    double most_pref = 0, most_priority = 0;
    for (int d = 0; d < m->n_disciplines; d++)
        most_priority = fmax(most_priority, fabs((double)m->disciplines[d].priority));
    double range = 0;
    for (int s = 0; s < m->n_students; s++) {
        const rp_student *st = &m->students[s];
        most_pref = 0;
        for (int d = 0; d < m->n_disciplines; d++)
            most_pref = fmax(most_pref, fabs((double)st->pref_discipline[d]));
        double hosp = 0;
        for (int h = 0; h < m->n_hospitals; h++)
            hosp = fmax(hosp, fabs((double)st->pref_hospital[h]));
        double r = (double)m->weeks *
                   (fabs((double)st->weights.discipline) * most_pref +
                    fabs((double)st->weights.hospital) * hosp +
                    fabs((double)m->objective.school_priority) * most_priority +
                    fabs((double)st->weights.change) + fabs((double)st->weights.idle));
        range = fmax(range, r);
    }
    return range + 1;
}

void rp_cg_report(const cg *g, const char *phase)
{
    if (!g->opt->progress)
        return;
    rp_mip_progress p =
        rp_mip_report(rp_clock_seconds() - g->opt->started + g->opt->seconds_before, phase,
                      g->res->plan != NULL, g->res->objective, g->res->has_bound, g->res->bound);
    g->opt->progress(g->opt->progress_ctx, &p);
}

static double rounded(double bound)
{
    return floor(bound + ROUND_EPS);
}

static bool bound_meets_target(const cg *g)
{
    return g->res->has_bound &&
           (g->res->bound <= g->opt->target + ROUND_EPS ||
            (g->res->plan && g->res->bound <= g->res->objective + ROUND_EPS));
}

/* A round's bound when it is the best so far. The duals of the best round
 * priced at the master's duals are the smoothing's center, even while the
 * first round, at no prices, bounds better: a center of zero duals would
 * hold the smoothing back for rounds, and with no center the master's
 * first duals, far above a place's worth, would go unsmoothed until a
 * round beat the first (9 rounds at 2,000 students). */
static void keep_bound(cg *g, double bound, bool center)
{
    if (center && bound < g->center_bound) {
        g->center_bound = bound;
        memcpy(g->center_cell, g->cell, (size_t)g->C * sizeof *g->cell);
        memcpy(g->center_worst, g->worst, (size_t)g->S * sizeof *g->worst);
        g->has_center = true;
    }
    if (bound >= g->best_bound)
        return;
    g->best_bound = bound;
    g->res->has_bound = true;
    g->res->bound = rounded(bound);
    if (center)
        memcpy(g->res->cell_dual, g->cell, (size_t)g->C * sizeof *g->cell);
}

/* First columns: the warm start's schedules, and each student's best alone. */
static rp_status first_columns(cg *g)
{
    if (g->opt->warm_start) {
        rp_schedule *mine = calloc((size_t)g->S + 1, sizeof *mine);
        if (!mine)
            return RP_ERR_NOMEM;
        rp_status st = rp_schedules_from_plan(g->m, g->opt->warm_start, mine);
        bool added;
        for (int s = 0; st == RP_OK && s < g->S; s++)
            st = rp_cg_add_column(g, s, &mine[s], &added);
        for (int s = 0; s < g->S; s++)
            rp_schedule_clear(&mine[s]);
        free(mine);
        RP_TRY(st);
        double objective;
        int *choice = malloc((size_t)g->S * sizeof *choice);
        if (!choice)
            return RP_ERR_NOMEM;
        for (int s = 0; s < g->S; s++)
            choice[s] = g->first_of[s];
        rp_master_start_at(g->master, choice);
        st = rp_cg_plan_of(g, choice, &g->res->plan, &objective);
        free(choice);
        RP_TRY(st);
        g->res->objective = objective;
    }
    /* no prices yet: the smoothed duals are all 0 */
    memset(g->cell, 0, (size_t)g->C * sizeof *g->cell);
    memset(g->worst, 0, (size_t)g->S * sizeof *g->worst);
    double t = rp_clock_seconds();
    RP_TRY(rp_cg_price_all(g));
    g->res->price_seconds += rp_clock_seconds() - t;
    if (g->cut_short)
        return RP_ERR_NO_PLAN; /* not every student has a schedule yet */
    g->worst_most = g->score_range;
    for (int s = 0; s < g->S; s++)
        /* no prices, scale 1: a student's bound is their best score alone */
        g->worst_most = fmin(g->worst_most, g->priced[s].bound);
    /* at no prices the round bounds too: a cohort whose first round takes
     * the whole time has this bound at least */
    g->res->rounds++;
    keep_bound(g, rp_cg_lagrangian(g), false);
    for (int s = 0; s < g->S; s++) {
        if (g->priced[s].outcome == RP_PRICE_INFEASIBLE && g->first_of[s] < 0)
            return RP_ERR_INFEASIBLE;
        bool added;
        if (g->priced[s].found)
            RP_TRY(rp_cg_add_column(g, s, &g->found[s], &added));
        if (g->first_of[s] < 0)
            /* only a bound (time), or its own MIP found no schedule */
            return g->priced[s].outcome == RP_PRICE_EXACT ? RP_ERR_INFEASIBLE : RP_ERR_NO_PLAN;
    }
    return RP_OK;
}

static rp_status setup(cg *g)
{
    const rp_model *m = g->m;
    g->S = m->n_students;
    g->W = m->weeks;
    g->C = rp_sched_cells(m);
    g->threads = g->opt->threads < 1 ? 1 : g->opt->threads > CG_MAX_THREADS ? CG_MAX_THREADS
                                                                         : g->opt->threads;
    g->mip_in_threads = rp_glpk_per_thread();
    size_t S = (size_t)g->S + 1, C = (size_t)g->C + 1;
    double *lb = g->cell_lb = calloc(C, sizeof *lb), *ub = g->cell_ub = calloc(C, sizeof *ub);
    g->first_of = malloc(S * sizeof *g->first_of);
    g->lp_cell = calloc(C, sizeof(double));
    g->lp_worst = calloc(S, sizeof(double));
    g->lp_conv = calloc(S, sizeof(double));
    g->center_cell = calloc(C, sizeof(double));
    g->center_worst = calloc(S, sizeof(double));
    g->cell = calloc(C, sizeof(double));
    g->worst = calloc(S, sizeof(double));
    g->found = calloc(S, sizeof *g->found);
    g->priced = calloc(S, sizeof *g->priced);
    g->incumbent = calloc(S, sizeof *g->incumbent);
    g->cells = malloc((2 * (size_t)m->weeks + 1) * sizeof *g->cells);
    g->res->cell_dual = calloc(C, sizeof(double));
    bool ok = lb && ub && g->first_of && g->lp_cell && g->lp_worst && g->lp_conv &&
              g->center_cell && g->center_worst && g->cell && g->worst && g->found &&
              g->priced && g->incumbent && g->cells && g->res->cell_dual;
    for (int t = 0; ok && t < g->threads; t++)
        ok = (g->pricer[t] = rp_pricer_new(m)) != NULL;
    if (ok) {
        for (int s = 0; s < g->S; s++)
            g->first_of[s] = -1;
        for (int p = 0; p < m->n_departments; p++)
            for (int w = 0; w < g->W; w++) {
                lb[p * g->W + w] = m->departments[p].minimum[w];
                ub[p * g->W + w] = m->departments[p].capacity[w];
            }
        for (int t = 0; t < m->n_teams; t++)
            for (int w = 0; w < g->W; w++)
                ub[(m->n_departments + t) * g->W + w] = m->teams[t].capacity[w];
        g->score_range = score_range(m);
        g->worst_most = g->score_range;
        double fairness = m->objective.fairness;
        rp_master_shape shape = {g->S, g->C, lb, ub, fairness, -g->score_range, g->score_range,
                                 (1 + fairness) * 2 * g->score_range, g->opt->mem_limit_mb};
        g->master = rp_master_new(&shape);
        ok = g->master != NULL;
    }
    return ok ? RP_OK : RP_ERR_NOMEM;
}

static void teardown(cg *g)
{
    rp_master_free(&g->master);
    for (int k = 0; k < g->n_pool; k++)
        rp_schedule_clear(&g->pool[k]);
    free(g->pool);
    free(g->next_of);
    free(g->first_of);
    free(g->lp_cell);
    free(g->lp_worst);
    free(g->lp_conv);
    free(g->center_cell);
    free(g->center_worst);
    free(g->cell);
    free(g->worst);
    free(g->cell_lb);
    free(g->cell_ub);
    for (int s = 0; g->found && s < g->S; s++)
        rp_schedule_clear(&g->found[s]);
    free(g->found);
    free(g->priced);
    free(g->incumbent);
    free(g->cells);
    for (int t = 0; t < CG_MAX_THREADS; t++)
        rp_pricer_free(&g->pricer[t]);
}

rp_status rp_cg_add_round(cg *g, bool *useful)
{
    *useful = g->restored_useful;
    for (int s = 0; s < g->S; s++) {
        if (!g->priced[s].found)
            continue;
        bool added;
        RP_TRY(rp_cg_add_column(g, s, &g->found[s], &added));
        if (added && rp_cg_master_reduced(g, s, &g->found[s]) > CG_REDUCED_EPS)
            *useful = true;
    }
    return RP_OK;
}

/* Simplex iterations the master may take per round: a round of pricing
 * with duals not yet optimal moves the decomposition further than more
 * iterations on an old set of schedules. */
static int lp_budget(const cg *g)
{
    (void)g;
    return 0;
}

/* Keeps the gap between the best bound and the master's LP value after
 * each round (infinite while the master has slack), with the time. */
static void follow_pace(cg *g)
{
    for (int i = PACE_ROUNDS; i > 0; i--) {
        g->gap_after[i] = g->gap_after[i - 1];
        g->gap_at[i] = g->gap_at[i - 1];
    }
    g->gap_after[0] = g->res->lp_slack > 0 ? HUGE_VAL : g->best_bound - g->res->lp_value;
    g->gap_at[0] = rp_clock_seconds();
}

/* Seconds the rounds need to close the gap at the pace of the last
 * PACE_ROUNDS (a round's pace alone varies too much: one cut short by the
 * time bounds little); HUGE_VAL when they have not closed any. */
static double seconds_to_converge(const cg *g)
{
    double then = g->gap_after[PACE_ROUNDS], now = g->gap_after[0];
    if (!isfinite(then) || !isfinite(now) || now >= then)
        return HUGE_VAL;
    return now / ((then - now) / (g->gap_at[0] - g->gap_at[PACE_ROUNDS]));
}

/* Rounds stopped by their share of the early deadline go on to their share
 * of the whole one when, at the pace of the last rounds, the gap closes
 * within it: a converged master proves its bound, worth more than the time
 * the phases after it lose. Once only; never after an interrupt. */
static bool more_time(cg *g, rp_master_limits *lim)
{
    const rp_cg_options *opt = g->opt;
    if (g->deadline >= opt->deadline || rp_cg_interrupted(g))
        return false;
    double until = g->begun + GENERATE_SHARE_MORE * (opt->deadline - g->begun);
    if (seconds_to_converge(g) > until - rp_clock_seconds())
        return false;
    g->deadline = lim->deadline = opt->deadline;
    g->generate_until = until;
    return true;
}

bool rp_cg_nearly_converged(const cg *g)
{
    double lp = g->res->lp_value;
    return g->res->lp_slack <= 0 && (g->best_bound - lp <= NEARLY_CONVERGED * fabs(lp) ||
                                     lp - g->lp_before <= LP_SETTLED * fabs(lp));
}

/* Whether the rounds' time fits ROUNDS_WORTH rounds of first_round seconds. */
static bool rounds_fit(const cg *g, double first_round)
{
    return ROUNDS_WORTH * first_round <= g->generate_until - rp_clock_seconds();
}

/* Pricing rounds until the master converges, the bound meets the target,
 * or the rounds' time (g->generate_until) is up. */
static rp_status rounds(cg *g, rp_master_limits *lim)
{
    rp_cg_result *res = g->res;
    double alpha = 0;
    /* a round whose pricing outgrew its labels for many students ends the
     * rounds: more at bounds that loose only add columns the master cannot
     * prove anything with (MSS 320 x 24 at 120 s: 15 rounds, the bound of
     * the first, and the annealing left a fifth of the time) */
    while (!res->few_rounds && !res->outgrown &&
           (g->opt->max_rounds <= 0 || res->rounds < g->opt->max_rounds)) {
        if (rp_cg_stopped(g) && !more_time(g, lim))
            break;
        double t = rp_clock_seconds();
        bool optimal;
        rp_status st = rp_master_solve(g->master, lim, lp_budget(g), &optimal, NULL);
        res->lp_seconds += rp_clock_seconds() - t;
        if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
            break;
        RP_TRY(st);
        rp_master_retire_idle(g->master, RETIRE_AFTER);
        g->lp_before = g->lp_known ? res->lp_value : -HUGE_VAL;
        res->lp_value = rp_master_value(g->master);
        g->lp_known = true;
        res->lp_slack = rp_master_slack(g->master);
        rp_master_duals(g->master, g->lp_cell, g->lp_worst, g->lp_conv);
        rp_cg_smooth(g, alpha);
        t = rp_clock_seconds();
        RP_TRY(rp_cg_price_all(g));
        res->price_seconds += rp_clock_seconds() - t;
        if (g->cut_short)
            break; /* a round cut short bounds nothing */
        res->rounds++;
        double bound = rp_cg_lagrangian(g);
        keep_bound(g, bound, true);
        follow_pace(g);
        bool useful;
        RP_TRY(rp_cg_add_round(g, &useful));
        rp_cg_report(g, "bound");
        if (bound_meets_target(g))
            break;
        double lp = res->lp_value;
        if (!useful && !optimal) {
            alpha = 0; /* the master has not converged yet: it goes on from its basis */
        } else if (!useful) {
            if (alpha == 0) {
                /* nothing improves the master at its own duals: optimal */
                res->converged = fabs(g->best_bound - lp) <= CONVERGED_EPS * fmax(1, fabs(lp)) ||
                                 g->best_bound <= lp;
                break;
            }
            alpha = 0; /* mispricing: price at the master's duals next */
        } else {
            alpha = SMOOTHING;
        }
    }
    res->columns = g->n_pool;
    return RP_OK;
}

static rp_status generate(cg *g, int *choice)
{
    rp_cg_result *res = g->res;
    rp_master_limits lim = {g->deadline, g->opt->interrupt};
    RP_TRY(rounds(g, &lim));
    if (rp_cg_out_of_time(g) || bound_meets_target(g))
        return RP_OK;
    bool nearly = rp_cg_nearly_converged(g);
    rp_cg_report(g, "combining schedules");
    double t = rp_clock_seconds();
    RP_TRY(rp_cg_combine(g, choice));
    res->integer_seconds += rp_clock_seconds() - t;
    rp_cg_report(g, "bound");
    /* A nearly converged master has its plan from the dive, near its LP:
     * the time left to the last deadline then lowers the bound more than
     * the heuristics after would raise the plan (1,000 students over 52
     * weeks at 120 s: the dive's plan at 73 s, then 47 s of annealing and
     * neighbourhoods raised it by nothing). */
    double now = rp_clock_seconds();
    if (!nearly || res->converged || bound_meets_target(g) ||
        rp_cg_interrupted(g) || now >= g->opt->deadline)
        return RP_OK;
    g->deadline = lim.deadline = g->opt->deadline;
    g->generate_until = generating_until(now, g->deadline);
    return rounds(g, &lim);
}

rp_status rp_cg_run(const rp_model *m, const rp_cg_options *opt, rp_cg_result *res)
{
    rp_cg_options defaults;
    if (!opt) {
        rp_cg_options_init(&defaults);
        opt = &defaults;
    }
    memset(res, 0, sizeof *res);
    double now = rp_clock_seconds();
    cg g = {.m = m, .opt = opt, .res = res, .best_bound = HUGE_VAL, .center_bound = HUGE_VAL,
            .begun = now, .lp_before = -HUGE_VAL,
            .deadline = fmin(opt->deadline, opt->early_deadline)};
    for (int i = 0; i <= PACE_ROUNDS; i++)
        g.gap_after[i] = g.gap_at[i] = HUGE_VAL;
    g.generate_until = generating_until(now, g.deadline);
    rp_status st = setup(&g);
    int *choice = malloc(((size_t)m->n_students + 1) * sizeof *choice);
    if (!choice)
        st = RP_ERR_NOMEM;
    if (st == RP_OK)
        st = first_columns(&g);
    res->few_rounds = st == RP_OK && !res->outgrown && !rounds_fit(&g, rp_clock_seconds() - now);
    if (st == RP_OK)
        st = generate(&g, choice);
    if (st == RP_ERR_NO_PLAN)
        st = RP_OK; /* stopped before the master could start: nothing reached */
    res->columns = g.n_pool;
    res->interrupted = rp_cg_interrupted(&g);
    res->time_limit_reached = !res->interrupted && rp_clock_seconds() >= g.deadline;
    free(choice);
    teardown(&g);
    return st;
}
