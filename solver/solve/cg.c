/*
 * The column generation loop. Each round: solve the master LP, smooth its
 * duals towards the center (the duals of the best bound), price every
 * student at the smoothed duals, update the bound, add the schedules that
 * beat each student's known ones. When the smoothed duals add nothing that
 * helps the master (mispricing), the next round prices at the master's own
 * duals; when those add nothing, the master is optimal over all schedules.
 */
#include "solver/solve/cg.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/glpk/master.h"
#include "solver/sched/price.h"
#include "solver/solve/price_mip.h"

#define SMOOTHING 0.5      /* weight of the center in the smoothed duals */
#define REDUCED_EPS 1e-6   /* a schedule must beat the known ones by this */
#define ROUND_EPS 1e-6     /* before rounding a bound down */
#define CONVERGED_EPS 1e-6 /* relative: bound and LP value agree */
#define INTEGER_NODES 2000
#define MAX_THREADS 64
/* Of the time given, the share pricing may take: the rest is kept for
 * combining the schedules into a plan. */
#define GENERATE_SHARE 0.75

void rp_cg_options_init(rp_cg_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->deadline = HUGE_VAL;
    opt->threads = 1;
    opt->target = -HUGE_VAL;
}

void rp_cg_result_clear(rp_cg_result *res)
{
    rp_plan_free(&res->plan);
    free(res->cell_dual);
    memset(res, 0, sizeof *res);
}

typedef struct cg {
    const rp_model *m;
    const rp_cg_options *opt;
    rp_cg_result *res;
    int S, W, C, threads;
    rp_master *master;
    /* the pool: every schedule in the master, by column */
    rp_schedule *pool;
    int n_pool, cap_pool;
    int *next_of;   /* [cap_pool] the student's next column, or -1 */
    int *first_of;  /* [S] the student's first column, or -1 */
    /* duals: of the master, the center and the smoothed ones priced at */
    double *lp_cell, *lp_worst, *lp_conv;
    double *center_cell, *center_worst;
    double *cell, *worst;
    bool has_center;
    double best_bound;
    /* one pricing round */
    rp_pricer *pricer[MAX_THREADS];
    rp_schedule *found;     /* [S] */
    rp_price_result *priced; /* [S] */
    double *incumbent;      /* [S] best reduced value of a known schedule */
    rp_status thread_status[MAX_THREADS];
    volatile int cut_short; /* the deadline or an interrupt stopped a round */
    double generate_until;  /* on base/clock.h: pricing stops here */
    int *cells;             /* scratch: a schedule's cells */
    double score_range;     /* no student's score lies outside +- this */
} cg;

static bool stopped(const cg *g)
{
    return (g->opt->interrupt && *g->opt->interrupt) || rp_clock_seconds() >= g->generate_until;
}

static bool out_of_time(const cg *g)
{
    return (g->opt->interrupt && *g->opt->interrupt) || rp_clock_seconds() >= g->opt->deadline;
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

static int schedule_cells(const cg *g, const rp_schedule *sc, int *cells)
{
    int n = 0;
    for (int i = 0; i < sc->n; i++) {
        const rp_department *dep = &g->m->departments[sc->rots[i].department];
        int len = g->m->disciplines[dep->discipline].length;
        for (int w = sc->rots[i].start; w < sc->rots[i].start + len; w++)
            cells[n++] = sc->rots[i].department * g->W + w;
    }
    return n;
}

/* Adds a schedule of s to the pool and the master unless s has it already.
 * RP_ERR_NOMEM or RP_ERR_SOLVER. */
static rp_status add_column(cg *g, int s, const rp_schedule *sc, bool *added)
{
    *added = false;
    for (int k = g->first_of[s]; k >= 0; k = g->next_of[k])
        if (rp_schedule_equal(&g->pool[k], sc))
            return RP_OK;
    if (g->n_pool == g->cap_pool) {
        int cap = g->cap_pool ? 2 * g->cap_pool : 1024;
        rp_schedule *p = realloc(g->pool, (size_t)cap * sizeof *p);
        if (p)
            g->pool = p;
        int *nx = realloc(g->next_of, (size_t)cap * sizeof *nx);
        if (nx)
            g->next_of = nx;
        if (!p || !nx)
            return RP_ERR_NOMEM;
        memset(g->pool + g->cap_pool, 0, (size_t)(cap - g->cap_pool) * sizeof *p);
        g->cap_pool = cap;
    }
    int k = g->n_pool;
    RP_TRY(rp_schedule_copy(&g->pool[k], sc));
    int n = schedule_cells(g, sc, g->cells);
    int col = rp_master_add(g->master, s, (double)sc->score, g->cells, n);
    if (col < 0)
        return RP_ERR_SOLVER;
    g->n_pool++;
    g->next_of[k] = g->first_of[s];
    g->first_of[s] = k;
    *added = true;
    return RP_OK;
}

static rp_price_input input_for(const cg *g, int s)
{
    rp_price_input in = {.cell_price = g->cell, .scale = 1 + g->worst[s], .incumbent = -HUGE_VAL};
    return in;
}

/* The best reduced value among s's known schedules at the smoothed duals. */
static double known_best(const cg *g, int s)
{
    rp_price_input in = input_for(g, s);
    double best = -HUGE_VAL;
    for (int k = g->first_of[s]; k >= 0; k = g->next_of[k]) {
        double v = rp_price_value(g->m, &in, s, &g->pool[k]);
        if (v > best)
            best = v;
    }
    return best;
}

typedef struct worker {
    cg *g;
    int id;
} worker;

/* Prices students id, id + threads, ... : each student's result depends on
 * the duals alone, so the round is the same for any number of threads. */
static void *price_share(void *arg)
{
    worker *w = arg;
    cg *g = w->g;
    rp_status st = RP_OK;
    for (int s = w->id; s < g->S && st == RP_OK; s += g->threads) {
        if (g->cut_short || stopped(g)) {
            g->cut_short = 1;
            break;
        }
        rp_price_input in = input_for(g, s);
        in.incumbent = g->incumbent[s];
        st = rp_price_student(g->pricer[w->id], &in, s, &g->found[s], &g->priced[s]);
    }
    g->thread_status[w->id] = st;
    return NULL;
}

static rp_status price_all(cg *g)
{
    g->cut_short = 0;
    for (int s = 0; s < g->S; s++)
        g->incumbent[s] = known_best(g, s);
    pthread_t tid[MAX_THREADS];
    worker wk[MAX_THREADS];
    int started = 0;
    for (int t = 1; t < g->threads; t++) {
        wk[t] = (worker){g, t};
        if (pthread_create(&tid[t], NULL, price_share, &wk[t]) != 0)
            break;
        started = t;
    }
    /* the main thread takes share 0, and the shares of threads that did not start */
    for (int t = 0; t < g->threads; t++) {
        if (t != 0 && t <= started)
            continue;
        wk[t] = (worker){g, t};
        price_share(&wk[t]);
    }
    for (int t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    for (int t = 0; t < g->threads; t++)
        if (g->thread_status[t])
            return g->thread_status[t];
    for (int s = 0; s < g->S; s++)
        g->res->labels += g->priced[s].labels;
    /* students whose rules outgrow the labels: a small GLPK program each,
     * in student order, in this thread (GLPK's state is per thread) */
    for (int s = 0; s < g->S && !g->cut_short; s++) {
        if (g->priced[s].outcome != RP_PRICE_TOO_LARGE)
            continue;
        if (stopped(g)) {
            g->cut_short = 1;
            break;
        }
        g->res->too_large++;
        rp_price_input in = input_for(g, s);
        in.incumbent = g->incumbent[s];
        RP_TRY(rp_price_mip(g->m, &in, s, g->opt->deadline, g->opt->interrupt, &g->found[s],
                            &g->priced[s]));
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
static double lagrangian(const cg *g)
{
    const rp_model *m = g->m;
    double total = 0, worst_sum = 0;
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < g->W; w++)
            total += row_term(g->cell[p * g->W + w], m->departments[p].minimum[w],
                              m->departments[p].capacity[w]);
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
        double reduced = fairness - worst_sum;
        total += reduced >= 0 ? reduced * g->score_range : -reduced * g->score_range;
    }
    return total;
}

static double rounded(double bound)
{
    return floor(bound + ROUND_EPS);
}

/* The smoothed duals: a mix of the center's and the master's. */
static void smooth(cg *g, double alpha)
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
static double master_reduced(const cg *g, int s, const rp_schedule *sc)
{
    rp_price_input in = {.cell_price = g->lp_cell, .scale = 1 + fmax(0, g->lp_worst[s])};
    return rp_price_value(g->m, &in, s, sc) - g->lp_conv[s];
}

static void report(const cg *g, const char *phase)
{
    if (!g->opt->progress)
        return;
    rp_mip_progress p = {rp_clock_seconds() - g->opt->started + g->opt->seconds_before, phase,
                         g->res->plan != NULL, g->res->objective, g->res->has_bound,
                         g->res->bound, -1, 0};
    if (p.has_incumbent && p.has_bound)
        p.gap = rp_mip_gap(p.incumbent, p.bound);
    g->opt->progress(g->opt->progress_ctx, &p);
}

static rp_status plan_of(cg *g, const int *choice, rp_plan **out, double *objective)
{
    rp_plan *plan = rp_plan_new();
    if (!plan)
        return RP_ERR_NOMEM;
    long sum = 0, worst = 0;
    for (int s = 0; s < g->S; s++) {
        const rp_schedule *sc = &g->pool[choice[s]];
        for (int i = 0; i < sc->n; i++) {
            const rp_department *dep = &g->m->departments[sc->rots[i].department];
            rp_status st = rp_plan_add(plan, s, sc->rots[i].department, sc->rots[i].start,
                                       g->m->disciplines[dep->discipline].length);
            if (st) {
                rp_plan_free(&plan);
                return st;
            }
        }
        sum += sc->score;
        if (s == 0 || sc->score < worst)
            worst = sc->score;
    }
    rp_plan_sort(plan);
    *objective = (double)sum + (double)g->m->objective.fairness * (double)worst;
    *out = plan;
    return RP_OK;
}

/* The integer master from the best plan known; keeps a better plan with no
 * slack. */
static rp_status combine(cg *g, int *choice)
{
    for (int s = 0; s < g->S; s++)
        choice[s] = -1;
    if (g->res->plan) {
        /* the plan known is made of pool schedules: find them */
        rp_schedule *mine = calloc((size_t)g->S, sizeof *mine);
        if (!mine)
            return RP_ERR_NOMEM;
        rp_status st = rp_schedules_from_plan(g->m, g->res->plan, mine);
        for (int s = 0; st == RP_OK && s < g->S; s++)
            for (int k = g->first_of[s]; k >= 0 && choice[s] < 0; k = g->next_of[k])
                if (rp_schedule_equal(&g->pool[k], &mine[s]))
                    choice[s] = k;
        for (int s = 0; s < g->S; s++)
            rp_schedule_clear(&mine[s]);
        free(mine);
        RP_TRY(st);
    }
    rp_master_limits lim = {g->opt->deadline, g->opt->interrupt};
    double objective, slack;
    int nodes = g->opt->integer_nodes > 0 ? g->opt->integer_nodes : INTEGER_NODES;
    rp_status st = rp_master_integer(g->master, &lim, nodes, choice, &objective, &slack);
    if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
        return RP_OK;
    RP_TRY(st);
    if (slack > 0.5)
        return RP_OK;
    for (int s = 0; s < g->S; s++)
        if (choice[s] < 0)
            return RP_OK;
    rp_plan *plan;
    double value;
    RP_TRY(plan_of(g, choice, &plan, &value));
    if (!g->res->plan || value > g->res->objective + 0.5) {
        rp_plan_free(&g->res->plan);
        g->res->plan = plan;
        g->res->objective = value;
    } else {
        rp_plan_free(&plan);
    }
    return RP_OK;
}

static bool bound_meets_target(const cg *g)
{
    return g->res->has_bound &&
           (g->res->bound <= g->opt->target + ROUND_EPS ||
            (g->res->plan && g->res->bound <= g->res->objective + ROUND_EPS));
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
            st = add_column(g, s, &mine[s], &added);
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
        st = plan_of(g, choice, &g->res->plan, &objective);
        free(choice);
        RP_TRY(st);
        g->res->objective = objective;
    }
    /* no prices yet: the smoothed duals are all 0 */
    memset(g->cell, 0, (size_t)g->C * sizeof *g->cell);
    memset(g->worst, 0, (size_t)g->S * sizeof *g->worst);
    RP_TRY(price_all(g));
    if (g->cut_short)
        return RP_ERR_NO_PLAN; /* not every student has a schedule yet */
    for (int s = 0; s < g->S; s++) {
        if (g->priced[s].outcome == RP_PRICE_INFEASIBLE && g->first_of[s] < 0)
            return RP_ERR_INFEASIBLE;
        bool added;
        if (g->priced[s].found)
            RP_TRY(add_column(g, s, &g->found[s], &added));
        if (g->first_of[s] < 0)
            return RP_ERR_INFEASIBLE; /* a bound, no schedule: its own MIP found none */
    }
    return RP_OK;
}

static rp_status setup(cg *g)
{
    const rp_model *m = g->m;
    g->S = m->n_students;
    g->W = m->weeks;
    g->C = m->n_departments * m->weeks;
    g->threads = g->opt->threads < 1 ? 1 : g->opt->threads > MAX_THREADS ? MAX_THREADS
                                                                         : g->opt->threads;
    size_t S = (size_t)g->S + 1, C = (size_t)g->C + 1;
    double *lb = malloc(C * sizeof *lb), *ub = malloc(C * sizeof *ub);
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
    g->cells = malloc(((size_t)m->weeks + 1) * sizeof *g->cells);
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
        g->score_range = score_range(m);
        double fairness = m->objective.fairness;
        rp_master_shape shape = {g->S, g->C, lb, ub, fairness, -g->score_range, g->score_range,
                                 (1 + fairness) * 2 * g->score_range, g->opt->mem_limit_mb};
        g->master = rp_master_new(&shape);
        ok = g->master != NULL;
    }
    free(lb);
    free(ub);
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
    for (int s = 0; g->found && s < g->S; s++)
        rp_schedule_clear(&g->found[s]);
    free(g->found);
    free(g->priced);
    free(g->incumbent);
    free(g->cells);
    for (int t = 0; t < MAX_THREADS; t++)
        rp_pricer_free(&g->pricer[t]);
}

/* Adds the round's schedules; *useful when one of them has a positive
 * reduced cost at the master's own duals (so the master will move). */
static rp_status add_round(cg *g, bool *useful)
{
    *useful = false;
    for (int s = 0; s < g->S; s++) {
        if (!g->priced[s].found)
            continue;
        bool added;
        RP_TRY(add_column(g, s, &g->found[s], &added));
        if (added && master_reduced(g, s, &g->found[s]) > REDUCED_EPS)
            *useful = true;
    }
    return RP_OK;
}

static rp_status generate(cg *g, int *choice)
{
    rp_cg_result *res = g->res;
    rp_master_limits lim = {g->opt->deadline, g->opt->interrupt};
    double alpha = 0;
    g->best_bound = HUGE_VAL;
    while (!stopped(g) && (g->opt->max_rounds <= 0 || res->rounds < g->opt->max_rounds)) {
        rp_status st = rp_master_solve(g->master, &lim, NULL);
        if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
            break;
        RP_TRY(st);
        res->lp_value = rp_master_value(g->master);
        res->lp_slack = rp_master_slack(g->master);
        rp_master_duals(g->master, g->lp_cell, g->lp_worst, g->lp_conv);
        smooth(g, alpha);
        RP_TRY(price_all(g));
        if (g->cut_short)
            break; /* a round cut short bounds nothing */
        res->rounds++;
        double bound = lagrangian(g);
        if (bound < g->best_bound) {
            g->best_bound = bound;
            memcpy(g->center_cell, g->cell, (size_t)g->C * sizeof *g->cell);
            memcpy(g->center_worst, g->worst, (size_t)g->S * sizeof *g->worst);
            memcpy(res->cell_dual, g->cell, (size_t)g->C * sizeof *g->cell);
            g->has_center = true;
            res->has_bound = true;
            res->bound = rounded(bound);
        }
        bool useful;
        RP_TRY(add_round(g, &useful));
        report(g, "bound");
        if (bound_meets_target(g))
            break;
        double lp = res->lp_value;
        if (!useful) {
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
    if (!out_of_time(g) && !bound_meets_target(g)) {
        report(g, "combining schedules");
        RP_TRY(combine(g, choice));
        report(g, "bound");
    }
    return RP_OK;
}

rp_status rp_cg_run(const rp_model *m, const rp_cg_options *opt, rp_cg_result *res)
{
    rp_cg_options defaults;
    if (!opt) {
        rp_cg_options_init(&defaults);
        opt = &defaults;
    }
    memset(res, 0, sizeof *res);
    cg g = {.m = m, .opt = opt, .res = res};
    double now = rp_clock_seconds();
    g.generate_until = isinf(opt->deadline) ? HUGE_VAL : now + GENERATE_SHARE * (opt->deadline - now);
    rp_status st = setup(&g);
    int *choice = malloc(((size_t)m->n_students + 1) * sizeof *choice);
    if (!choice)
        st = RP_ERR_NOMEM;
    if (st == RP_OK)
        st = first_columns(&g);
    if (st == RP_OK)
        st = generate(&g, choice);
    if (st == RP_ERR_NO_PLAN)
        st = RP_OK; /* stopped before the master could start: nothing reached */
    res->columns = g.n_pool;
    res->interrupted = opt->interrupt && *opt->interrupt;
    res->time_limit_reached = !res->interrupted && rp_clock_seconds() >= opt->deadline;
    free(choice);
    teardown(&g);
    return st;
}
