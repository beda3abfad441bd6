#include "solver/glpk/driver.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "solver/glpk/bound.h"
#include "solver/glpk/dive.h"
#include "solver/glpk/rins.h"
#include "solver/glpk/prob.h"
#include "base/clock.h"

/* Seconds between bound refreshes inside the search (glp_ios_best_node walks
 * the whole active list, so not on every callback). */
#define BOUND_REFRESH 0.1
/* Root LP slices of simplex iterations, so that limits and interrupts are
 * noticed; counted in iterations, not time, so that where a slice ends does
 * not depend on the machine's speed. */
#define ROOT_SLICE_ITERATIONS 2000
/* Within a slice GLPK reports its progress to the terminal hook every this
 * many milliseconds, and that is where an interrupt reaches the simplex: a
 * slice of a large program takes seconds (2,000 iterations of a 250-student
 * compact LP, 4.5 s; of one student's program on MSS 40 x 24, 1.4 s), and
 * shorter slices slow the simplex, which starts afresh each time (a tenth as
 * many iterations: the students' programs' root LPs took 1.8 times as long). */
#define ROOT_PROGRESS_MS 50

void rp_glpk_tuning_init(rp_glpk_tuning *t)
{
    /* measured on configs/quang_ninh.yaml (bench/results/solve.md): the root
     * LP is 2-10x faster with the primal simplex from an advanced basis;
     * GLPK's default branching never completes a plan there, diving up does;
     * cuts and the MIP presolver only cost time */
    memset(t, 0, sizeof *t);
    t->mip_presolve = false;
    t->primal_root = true;
    t->flip = false;
    t->root_basis = RP_GLPK_BASIS_ADV;
    t->sr_heur = true;
    t->ps_tm_lim = 60000;
    t->br_tech = GLP_BR_DTH;
    t->pp_tech = GLP_PP_ALL;
    /* on a large program one node can outlast the time limit */
    t->dth_max_columns = 5000;
    t->dive_first = true;
    t->dive_heur = true;
    t->dive_share = 0.25;
    t->rins_share = 0.25;
    t->rins_patience = 10;
    t->bound_share = 0.5;
}

typedef struct run {
    jmp_buf jump;
    bool in_root_lp; /* an interrupt may abandon the simplex (on_glpk_output) */
    const rp_mip_options *opt;
    const rp_glpk_tuning *tune;
    double t0, last_report, last_bound;
    double *warm_start; /* 1-based copy for glp_ios_heur_sol, or NULL */
    double warm_value; /* its objective: progress shows it until GLPK has a plan */
    bool warm_start_tried, warm_start_used;
    bool integral; /* objective values are integers: bounds may be floored */
    bool maximise;
    bool has_bound;
    double bound;
    bool interrupted;
    bool node_limited; /* the search stopped at opt->node_limit */
    int open_nodes;
    rp_glpk_dive *dive;       /* NULL: no diving heuristic */
    int dives;
    double root_seconds;
    double next_dive;
    double *dive_x;      /* [1..n] a dive's solution */
    int warm_start_improvements;
} run;

/* setjmp's values in guarded_solve */
enum { GLPK_FAILED = 1, GLPK_ABANDONED = 2 };

static void on_glpk_error(void *info)
{
    longjmp(((run *)info)->jump, GLPK_FAILED);
}

static bool interrupt_requested(const run *r)
{
    return r->opt->interrupt && *r->opt->interrupt;
}

/* GLPK's terminal output, swallowed; during the root LP, also where an
 * interrupt abandons the simplex: everything GLPK holds goes with its
 * environment, as after an error, and nothing of ours is on the stack
 * between here and the setjmp. */
static int on_glpk_output(void *info, const char *text)
{
    run *r = info;
    if (r->in_root_lp && interrupt_requested(r)) {
        r->interrupted = true;
        longjmp(r->jump, GLPK_ABANDONED);
    }
    return rp_glpk_silence(NULL, text);
}

/* A bound on the objective from an LP value: integral objectives round. */
static double tighten(const run *r, double bound)
{
    if (!r->integral)
        return bound;
    return r->maximise ? floor(bound + 1e-6) : ceil(bound - 1e-6);
}

static void note_bound(run *r, double bound)
{
    bound = tighten(r, bound);
    if (!r->has_bound || (r->maximise ? bound < r->bound : bound > r->bound))
        r->bound = bound;
    r->has_bound = true;
}

static void report(run *r, const char *phase, glp_prob *P)
{
    if (!r->opt->progress)
        return;
    double t = rp_clock_seconds();
    double interval = r->opt->progress_interval > 0 ? r->opt->progress_interval : 1;
    if (t - r->last_report < interval)
        return;
    r->last_report = t;
    rp_mip_progress p = {t - r->t0 + r->opt->seconds_before, phase, false, 0, r->has_bound,
                         r->bound, -1, r->open_nodes};
    if (P && glp_mip_status(P) == GLP_FEAS) {
        p.has_incumbent = true;
        p.incumbent = glp_mip_obj_val(P);
    } else if (r->warm_start) {
        p.has_incumbent = true;
        p.incumbent = r->warm_value;
    }
    if (p.has_incumbent && p.has_bound)
        p.gap = rp_mip_gap(p.incumbent, p.bound);
    r->opt->progress(r->opt->progress_ctx, &p);
}

/*
 * Diving branching: the fractional column whose value is closest to 1, up
 * branch first. Fixing a student's most likely rotation settles much of the
 * LP at once, so depth-first search reaches whole plans quickly.
 */
static void branch_up(glp_tree *T)
{
    glp_prob *P = glp_ios_get_prob(T);
    int n = glp_get_num_cols(P), best = 0;
    double best_value = 0;
    for (int j = 1; j <= n; j++) {
        if (!glp_ios_can_branch(T, j))
            continue;
        double v = glp_get_col_prim(P, j);
        double frac = v - floor(v);
        if (frac > best_value) {
            best_value = frac;
            best = j;
        }
    }
    if (best > 0)
        glp_ios_branch_upon(T, best, GLP_UP_BRNCH);
}

/* Runs a dive from the current node when its turn has come, and hands a
 * better plan to the search. Dives take about dive_share of the time. */
static void dive(run *r, glp_tree *T)
{
    double t = rp_clock_seconds();
    if (t < r->next_dive)
        return;
    glp_prob *P = glp_ios_get_prob(T);
    bool has_plan = glp_mip_status(P) == GLP_FEAS;
    double cutoff = 0;
    if (has_plan) {
        /* with integer objective values a better plan is better by 1 */
        double step = r->integral ? 1 - 1e-6 : 1e-9;
        cutoff = glp_mip_obj_val(P) + (r->maximise ? step : -step);
    }
    /* the first dive, from the root, may take as long as the root LP did */
    double budget = r->tune->dive_share * (t - r->t0);
    if (r->dives++ == 0 && budget < r->root_seconds)
        budget = r->root_seconds;
    if (budget < 1)
        budget = 1;
    double deadline = t + budget;
    double limit = r->opt->time_limit > 0 ? r->t0 + r->opt->time_limit : HUGE_VAL;
    if (deadline > limit)
        deadline = limit;
    double objective;
    int solves;
    if (rp_glpk_dive_run(r->dive, T, has_plan, cutoff, deadline, r->dive_x, &objective, &solves))
        glp_ios_heur_sol(T, r->dive_x);
    double spent = rp_clock_seconds() - t;
    double share = r->tune->dive_share > 0.01 ? r->tune->dive_share : 0.01;
    r->next_dive = rp_clock_seconds() + spent * (1 / share - 1);
}

/* The search plan of rp_glpk_tuning. */
static void steer(run *r, glp_tree *T, int reason)
{
    bool have_plan = glp_mip_status(glp_ios_get_prob(T)) == GLP_FEAS;
    if (!have_plan) {
        /* the search dives: depth first, up branch first */
        if (reason == GLP_IBRANCH && r->tune->dive_first)
            branch_up(T);
        return;
    }
    if (reason == GLP_ISELECT) {
        int best = glp_ios_best_node(T);
        if (best > 0)
            glp_ios_select_node(T, best);
    } else if (reason == GLP_IHEUR && r->dive && !interrupt_requested(r)) {
        dive(r, T);
    }
}

static void callback(glp_tree *T, void *info)
{
    run *r = info;
    int reason = glp_ios_reason(T);
    steer(r, T, reason);
    if (reason == GLP_IHEUR && r->warm_start && !r->warm_start_tried) {
        r->warm_start_tried = true;
        r->warm_start_used = glp_ios_heur_sol(T, r->warm_start) == 0;
    }
    double t = rp_clock_seconds();
    if (reason == GLP_IBINGO || t - r->last_bound >= BOUND_REFRESH) {
        r->last_bound = t;
        int best = glp_ios_best_node(T);
        if (best > 0)
            note_bound(r, glp_ios_node_bound(T, best));
        int a_cnt, n_cnt, t_cnt;
        glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
        r->open_nodes = a_cnt;
    }
    if (interrupt_requested(r)) {
        r->interrupted = true;
        glp_ios_terminate(T);
    }
    if (r->opt->node_limit > 0) {
        int a_cnt, n_cnt, t_cnt;
        glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
        if (t_cnt > r->opt->node_limit) {
            r->node_limited = true;
            glp_ios_terminate(T);
        }
    }
    report(r, "search", glp_ios_get_prob(T));
}

static bool bounds_consistent(const rp_lp *lp)
{
    for (int i = 0; i < lp->n_rows; i++)
        if (lp->rows[i].lb > lp->rows[i].ub)
            return false;
    for (int j = 0; j < lp->n_cols; j++)
        if (lp->cols[j].lb > lp->cols[j].ub)
            return false;
    return true;
}

static double remaining(const run *r)
{
    if (r->opt->time_limit <= 0)
        return HUGE_VAL;
    return r->opt->time_limit - (rp_clock_seconds() - r->t0);
}

/* `share` of the time left, or `unlimited` seconds without a time limit. */
static double share_of_time_left(const run *r, double share, double unlimited)
{
    double left = remaining(r);
    return isinf(left) ? unlimited : share * left;
}

/* Solves the root LP in slices. RP_OK when optimal; RP_ERR_INFEASIBLE;
 * RP_ERR_NO_PLAN at the time limit; RP_ERR_INTERRUPTED; RP_ERR_SOLVER. */
static rp_status root_lp(run *r, glp_prob *P, const rp_glpk_tuning *tune, rp_mip_result *res)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_ON; /* progress to on_glpk_output, which swallows it */
    sm.out_frq = ROOT_PROGRESS_MS;
    sm.out_dly = 0;
    sm.meth = tune->primal_root ? GLP_PRIMAL : GLP_DUALP;
    if (tune->flip)
        sm.r_test = GLP_RT_FLIP;
    if (glp_get_num_rows(P) > 0) {
        if (tune->root_basis == RP_GLPK_BASIS_ADV)
            glp_adv_basis(P, 0);
        else if (tune->root_basis == RP_GLPK_BASIS_BIB)
            glp_cpx_basis(P);
    }
    bool retried = false;
    for (;;) {
        if (interrupt_requested(r)) {
            r->interrupted = true;
            return RP_ERR_INTERRUPTED;
        }
        double left = remaining(r);
        if (left <= 0) {
            res->time_limit_reached = true;
            return RP_ERR_NO_PLAN;
        }
        sm.tm_lim = rp_glpk_ms(left);
        sm.it_lim = ROOT_SLICE_ITERATIONS;
        r->in_root_lp = true;
        int ret = glp_simplex(P, &sm);
        r->in_root_lp = false;
        if (ret == GLP_ETMLIM || ret == GLP_EITLIM) {
            report(r, "root LP", NULL);
            continue;
        }
        if (ret != 0) {
            if (retried)
                return RP_ERR_SOLVER;
            retried = true;
            glp_std_basis(P);
            sm.meth = GLP_PRIMAL;
            continue;
        }
        switch (glp_get_status(P)) {
        case GLP_OPT:
            note_bound(r, glp_get_obj_val(P));
            return RP_OK;
        case GLP_NOFEAS:
            return RP_ERR_INFEASIBLE;
        default:
            return RP_ERR_SOLVER;
        }
    }
}

static void set_iocp(glp_iocp *io, const rp_glpk_tuning *tune, run *r, bool presolve, int columns)
{
    glp_init_iocp(io);
    io->msg_lev = GLP_MSG_OFF;
    io->cb_func = callback;
    io->cb_info = r;
    io->mip_gap = r->opt->gap > 0 ? r->opt->gap : 0;
    io->tm_lim = rp_glpk_ms(remaining(r));
    io->presolve = presolve ? GLP_ON : GLP_OFF;
    io->gmi_cuts = tune->gmi_cuts ? GLP_ON : GLP_OFF;
    io->mir_cuts = tune->mir_cuts ? GLP_ON : GLP_OFF;
    io->cov_cuts = tune->cov_cuts ? GLP_ON : GLP_OFF;
    io->clq_cuts = tune->clq_cuts ? GLP_ON : GLP_OFF;
    io->fp_heur = tune->fp_heur ? GLP_ON : GLP_OFF;
    io->ps_heur = tune->ps_heur ? GLP_ON : GLP_OFF;
    io->sr_heur = tune->sr_heur ? GLP_ON : GLP_OFF;
    io->ps_tm_lim = tune->ps_tm_lim;
    io->flip = tune->flip ? GLP_ON : GLP_OFF;
    io->br_tech = tune->br_tech;
    if (io->br_tech == GLP_BR_DTH && columns > tune->dth_max_columns)
        io->br_tech = GLP_BR_MFV;
    io->bt_tech = GLP_BT_DFS; /* best-first is chosen in the callback once a plan is known */
    io->pp_tech = tune->pp_tech;
}

/* Copies GLPK's MIP solution into res. */
static rp_status take_solution(glp_prob *P, int n, rp_mip_result *res)
{
    res->values = malloc(((size_t)n + 1) * sizeof *res->values);
    if (!res->values)
        return RP_ERR_NOMEM;
    for (int j = 0; j < n; j++)
        res->values[j] = glp_mip_col_val(P, j + 1);
    res->has_solution = true;
    res->objective = glp_mip_obj_val(P);
    return RP_OK;
}

/* GLPK's return code and MIP status, together, as one status. */
static rp_status map_result(int ret, int mip_status, run *r, rp_mip_result *res)
{
    bool feasible = mip_status == GLP_FEAS || mip_status == GLP_OPT;
    switch (ret) {
    case 0:
        if (mip_status == GLP_NOFEAS)
            return RP_ERR_INFEASIBLE;
        res->optimal = mip_status == GLP_OPT;
        return feasible ? RP_OK : RP_ERR_SOLVER;
    case GLP_EMIPGAP:
        res->optimal = feasible;
        return feasible ? RP_OK : RP_ERR_SOLVER;
    case GLP_ETMLIM:
        res->time_limit_reached = true;
        return feasible ? RP_OK : RP_ERR_NO_PLAN;
    case GLP_ESTOP:
        res->interrupted = r->interrupted;
        if (feasible)
            return RP_OK;
        return r->interrupted ? RP_ERR_INTERRUPTED : RP_ERR_NO_PLAN; /* the node limit */
    case GLP_ENOPFS:
        return RP_ERR_INFEASIBLE;
    default: /* GLP_EFAIL, GLP_EROOT, GLP_EBOUND, GLP_ENODFS */
        return feasible ? RP_OK : RP_ERR_SOLVER;
    }
}

/* Spends up to rins_share of the time left (without a time limit: five root
 * LPs, at least 10 s) improving the warm start before the search (glpk/rins.h). */
static void improve_warm_start(run *r, glp_prob *P, const rp_glpk_tuning *tune)
{
    double budget = share_of_time_left(r, tune->rins_share, fmax(10, 5 * r->root_seconds));
    report(r, "start", NULL);
    /* the best bound known (the root LP's or the schedules'): a warm start that
     * meets it is optimal */
    double none = r->maximise ? HUGE_VAL : -HUGE_VAL;
    double target = r->has_bound ? r->bound : none;
    rp_glpk_rins_limits lim = {rp_clock_seconds() + budget, r->opt->interrupt, tune->rins_patience, target};
    r->warm_start_improvements = rp_glpk_rins_improve(P, r->warm_start, r->opt->col_group, &lim);
    r->warm_value = rp_glpk_objective_of(P, r->warm_start);
}

/* The warm start (improved before the search, when it was) as the result: when
 * the search ended without a plan of its own (time limit or interrupt
 * before GLPK asked for one) or with a worse one, or when the warm start was
 * proven optimal before the search. */
static rp_status use_warm_start(const run *r, const rp_lp *lp, bool optimal, rp_mip_result *res)
{
    free(res->values);
    res->values = malloc(((size_t)lp->n_cols + 1) * sizeof *res->values);
    if (!res->values)
        return RP_ERR_NOMEM;
    memcpy(res->values, r->warm_start + 1, (size_t)lp->n_cols * sizeof *res->values);
    res->has_solution = true;
    res->optimal = optimal;
    res->objective = rp_lp_objective(lp, res->values);
    return RP_OK;
}

static bool warm_start_beats(const run *r, const rp_mip_result *res)
{
    if (!res->has_solution)
        return true;
    return r->maximise ? r->warm_value > res->objective + 1e-9
                       : r->warm_value < res->objective - 1e-9;
}

/* The warm start is as good as the bound proves possible (within the gap asked). */
static bool warm_start_proven(const run *r)
{
    if (!r->warm_start || !r->has_bound)
        return false;
    if (r->maximise ? r->bound <= r->warm_value + 1e-9 : r->bound >= r->warm_value - 1e-9)
        return true;
    return r->opt->gap > 0 && rp_mip_gap(r->warm_value, r->bound) <= r->opt->gap;
}

/* Spends up to bound_share of the time left (without a time limit: a
 * minute) on the bound from whole schedules (glpk/bound.h). */
static void bound_by_schedules(run *r, glp_prob *P, const rp_glpk_tuning *tune)
{
    double budget = share_of_time_left(r, tune->bound_share, 60);
    report(r, "bound", NULL);
    rp_glpk_bound_limits lim = {rp_clock_seconds() + budget, r->opt->interrupt, r->warm_value, r->integral};
    double bound;
    bool improved;
    if (rp_glpk_bound_by_schedules(P, r->warm_start, r->opt->col_group, &lim, &bound, &improved))
        note_bound(r, bound);
    if (improved)
        r->warm_value = rp_glpk_objective_of(P, r->warm_start);
}

static rp_status solve_prob(run *r, rp_lp *lp, const rp_glpk_tuning *tune, rp_mip_result *res,
                            glp_prob *volatile *Pout)
{
    glp_prob *P = rp_glpk_prob_make(lp, RP_GLPK_NAMES_NONE);
    *Pout = P;
    bool presolve = tune->mip_presolve && !r->warm_start;
    if (!presolve) {
        /* whole schedules often prove the warm start (or a plan made of them)
         * optimal before the root LP of the whole problem is even solved */
        if (r->warm_start && r->opt->col_group && tune->bound_share > 0)
            bound_by_schedules(r, P, tune);
        if (warm_start_proven(r))
            return use_warm_start(r, lp, true, res);
        rp_status st = root_lp(r, P, tune, res);
        res->root_seconds = r->root_seconds = rp_clock_seconds() - r->t0;
        if (st)
            return st;
        if (r->warm_start && tune->rins_share > 0)
            improve_warm_start(r, P, tune);
        if (warm_start_proven(r))
            return use_warm_start(r, lp, true, res);
    }
    if (tune->dive_heur && !presolve) {
        r->dive = rp_glpk_dive_new(P);
        r->dive_x = glp_alloc(glp_get_num_cols(P) + 1, sizeof *r->dive_x);
    }
    glp_iocp io;
    set_iocp(&io, tune, r, presolve, glp_get_num_cols(P));
    int ret = glp_intopt(P, &io);
    rp_glpk_dive_free(&r->dive);
    if (r->dive_x)
        glp_free(r->dive_x);
    r->dive_x = NULL;
    if (presolve)
        res->root_seconds = rp_clock_seconds() - r->t0;
    int mip_status = glp_mip_status(P);
    rp_status st = map_result(ret, mip_status, r, res);
    if (st == RP_OK)
        st = take_solution(P, lp->n_cols, res);
    if (st == RP_OK && ret == 0 && mip_status == GLP_OPT) {
        r->has_bound = true;
        r->bound = res->objective;
    }
    return st;
}

/* Runs GLPK with its fatal errors caught. */
static rp_status guarded_solve(run *r, rp_lp *lp, const rp_glpk_tuning *tune,
                               rp_mip_result *res)
{
    r->tune = tune;
    RP_TRY(rp_glpk_env());
    glp_prob *volatile P = NULL;
    switch (setjmp(r->jump)) {
    case 0:
        break;
    case GLPK_ABANDONED:
        glp_free_env(); /* everything GLPK allocated goes with its environment */
        return RP_ERR_INTERRUPTED;
    default:
        glp_free_env();
        return RP_ERR_SOLVER;
    }
    glp_error_hook(on_glpk_error, r);
    glp_term_hook(on_glpk_output, r);
    if (tune->mem_limit_mb > 0)
        glp_mem_limit(tune->mem_limit_mb);
    rp_status st = solve_prob(r, lp, tune, res, &P);
    glp_delete_prob(P);
    if (tune->mem_limit_mb > 0)
        glp_mem_limit(INT_MAX);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return st;
}

rp_status rp_glpk_solve(rp_lp *lp, const rp_mip_options *opt, const rp_glpk_tuning *tune,
                        rp_mip_result *res)
{
    rp_mip_options defaults;
    rp_glpk_tuning default_tune;
    if (!opt) {
        rp_mip_options_init(&defaults);
        opt = &defaults;
    }
    if (!tune) {
        rp_glpk_tuning_init(&default_tune);
        tune = &default_tune;
    }
    memset(res, 0, sizeof *res);
    run *r = calloc(1, sizeof *r);
    if (!r)
        return res->status = RP_ERR_NOMEM;
    r->opt = opt;
    r->t0 = rp_clock_seconds();
    r->last_report = r->t0; /* the first report after one interval: quick runs stay quiet */
    r->maximise = lp->maximise;
    r->integral = rp_lp_objective_integral(lp);
    if (opt->has_known_bound)
        note_bound(r, opt->known_bound);
    rp_status st = RP_OK;
    if (opt->warm_start) {
        r->warm_start = malloc(((size_t)lp->n_cols + 1) * sizeof *r->warm_start);
        if (!r->warm_start) {
            free(r);
            return res->status = RP_ERR_NOMEM;
        }
        r->warm_start[0] = 0;
        memcpy(r->warm_start + 1, opt->warm_start, (size_t)lp->n_cols * sizeof *r->warm_start);
        r->warm_value = rp_lp_objective(lp, opt->warm_start);
    }
    if (bounds_consistent(lp))
        st = guarded_solve(r, lp, tune, res);
    else
        st = RP_ERR_INFEASIBLE;
    res->interrupted = res->interrupted || r->interrupted;
    res->warm_start_used = r->warm_start_used;
    if (r->warm_start && !res->optimal && warm_start_beats(r, res) &&
        (st == RP_OK || st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED || st == RP_ERR_SOLVER))
        st = use_warm_start(r, lp, false, res);
    res->has_bound = r->has_bound;
    res->bound = r->bound;
    if (res->has_solution && res->has_bound) {
        /* a stale bound can never be worse than a solution in hand */
        if (lp->maximise ? res->bound < res->objective : res->bound > res->objective)
            res->bound = res->objective;
        res->gap = rp_mip_gap(res->objective, res->bound);
    }
    res->seconds = rp_clock_seconds() - r->t0;
    res->status = st;
    free(r->warm_start);
    free(r);
    return st;
}
