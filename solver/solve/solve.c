/* rp_solve: warm start, schedule decomposition, then the compact search or
 * fix-and-optimise (solve.h). */
#include "solver/solve/solve.h"

#include "solver/solve/leximin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "model/check.h"
#include "solver/form/may_start.h"
#include "solver/heur/heur.h"
#include "solver/solve/cg.h"
#include "solver/solve/internal.h"
#include "solver/solve/lns.h"
#include "solver/solve/rough.h"

/* Of the time left after the warm start: the share the decomposition may
 * take (it usually converges far sooner), and the most it may take when its
 * rounds are about to converge at the end of their share (cg.h
 * early_deadline). */
#define CG_SHARE 0.6
#define CG_SHARE_MOST 0.85
#define ROUND_EPS 1e-6
/* The warm start's annealing moves when the decomposition follows: a feasible
 * plan is what it needs, the decomposition finds the better ones. */
#define QUICK_MOVES 20000
/* Neighbourhoods of about this many candidate rotations, within these sizes. */
#define LNS_ROTATIONS 4000.0
#define LNS_GROUP_MIN 4
#define LNS_GROUP_MAX 40
#define QUICK_MOVES_PER_STUDENT 10
/* Cohorts above this many students are built in one try per student. */
#define QUICK_BUILD_STUDENTS 2000
/* The heuristic's full search from the best plan when the decomposition
 * proves nothing: its share of the time left, and its most seconds when the
 * compact search follows. When neighbourhoods follow it may take all the
 * time left: on those cohorts their programs are slow and gain little
 * (5,000 students at 120 s: 11 points in 27 s, where the annealing had
 * gained 4,500 in 20 s; MSS 320 x 24: no neighbourhood of four improved). */
#define ANNEAL_SHARE 0.5
#define ANNEAL_SHARE_BEFORE_NEIGHBOURHOODS 1.0
/* The most seconds the rough bound of a plan no phase bounded may take. */
#define ROUGH_SECONDS 0.3
#define ANNEAL_SECONDS 30.0
/* Of the time a second annealing cycle has, the share its moves should take
 * at the first cycle's pace: the rest is margin for a busy machine. */
#define ANNEAL_FILL 0.8
/* The most of the time left a large cohort's settling pass may take. */
#define SETTLE_SHARE 0.25

void rp_solve_options_init(rp_solve_options *opt)
{
    memset(opt, 0, sizeof *opt);
    rp_form_options_init(&opt->form);
    opt->heuristic = true;
    opt->seed = 1;
    /* names only matter for export; skipping them saves memory and time */
    opt->form.names = false;
}

static int machine_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Rotations some student could be given: the compact program's binaries,
 * counted without building it; past RP_SOLVE_COMPACT_MAX only the first
 * students are counted and the rest estimated from them (*estimated), as a
 * large cohort could spend seconds on the count alone. */
static long candidate_rotations(const rp_model *m, bool *estimated)
{
    long n = 0;
    *estimated = false;
    for (int s = 0; s < m->n_students; s++) {
        for (int p = 0; p < m->n_departments; p++)
            for (int t = 0; t < m->weeks; t++)
                n += rp_may_start(m, s, p, t, RP_PINS_KEPT);
        if (n > RP_SOLVE_COMPACT_MAX && s + 1 < m->n_students) {
            *estimated = true;
            return (long)((double)n * m->n_students / (s + 1));
        }
    }
    return n;
}

typedef struct pipeline {
    const rp_model *m;
    const rp_solve_options *opt;
    rp_solve_result *res;
    double t0, deadline;
    rp_plan *best; /* owned: every rule kept */
    double best_objective;
    bool has_bound;
    double bound;
    rp_rough *rough; /* the rough bound (rough.h) under way, until a plan takes it */
    rp_rough_limits rough_limits;
} pipeline;

static double elapsed(const pipeline *x)
{
    return rp_clock_seconds() - x->t0;
}

static bool stopped(const pipeline *x)
{
    return (x->opt->interrupt && *x->opt->interrupt) || rp_clock_seconds() >= x->deadline;
}

/* A bound some phase proved: the best of those known is kept. */
static void tighten_bound(pipeline *x, double bound)
{
    x->bound = x->has_bound ? fmin(x->bound, bound) : bound;
    x->has_bound = true;
}

static bool proven(const pipeline *x)
{
    if (!x->best || !x->has_bound)
        return false;
    if (x->bound <= x->best_objective + ROUND_EPS)
        return true;
    return x->opt->gap > 0 && rp_mip_gap(x->best_objective, x->bound) <= x->opt->gap;
}

/* Keeps plan (owned) when it is the best so far, else frees it. */
static void offer(pipeline *x, rp_plan *plan, double objective)
{
    if (plan && (!x->best || objective > x->best_objective + ROUND_EPS)) {
        rp_plan_free(&x->best);
        x->best = plan;
        x->best_objective = objective;
    } else {
        rp_plan_free(&plan);
    }
}

/* The checker's verdict on a warm start: kept when it breaks no rule. */
static rp_status take_warm_start(pipeline *x, const rp_plan *given)
{
    rp_check_report *rep = NULL;
    RP_TRY(rp_check_plan(x->m, given, &rep));
    if (rep->n_violations > 0) {
        x->res->warm_start_rejected = true;
        const rp_violation *v = &rep->violations[0];
        for (int i = 0; i < given->n_rotations && x->res->warm_start_bad_rotation < 0; i++) {
            const rp_rotation *r = &given->rotations[i];
            if (r->student == v->student &&
                (v->week < 0 || (r->start <= v->week && v->week < r->start + r->length)))
                x->res->warm_start_bad_rotation = i;
        }
    } else {
        rp_plan *copy = rp_plan_clone(given);
        if (!copy) {
            rp_check_report_free(&rep);
            return RP_ERR_NOMEM;
        }
        offer(x, copy, (double)rep->objective);
    }
    rp_check_report_free(&rep);
    return RP_OK;
}

static rp_status warm_start(pipeline *x)
{
    if (x->opt->warm_start) {
        x->res->warm_start_given = true;
        RP_TRY(take_warm_start(x, x->opt->warm_start));
        if (x->best)
            return RP_OK;
    }
    if (!x->opt->heuristic)
        return RP_OK;
    rp_plan *plan = NULL;
    rp_solve_options quick = *x->opt;
    quick.heuristic_quick = x->m->n_students > QUICK_BUILD_STUDENTS;
    /* A large cohort's moves are counted as QUICK_BUILD_STUDENTS': the
     * annealing from the best plan follows anyway, and the full count cost
     * the first plan of a 10,000-student cohort 0.8 s of its 2 s. */
    long long counted = quick.heuristic_quick ? QUICK_BUILD_STUDENTS : x->m->n_students;
    if (quick.heuristic_moves == 0)
        quick.heuristic_moves = QUICK_MOVES + QUICK_MOVES_PER_STUDENT * counted;
    /* no plan yet: the first one may take what time there is (a 10,000-student
     * cohort needs about 1.4 s, more than a fifth of a 5 s limit) */
    if (quick.heuristic_time <= 0 && x->opt->time_limit > 0)
        quick.heuristic_time = fmax(1e-3, x->deadline - rp_clock_seconds());
    RP_TRY(rp_solve_heuristic(x->m, &quick, elapsed(x), x->res, &plan));
    if (!plan)
        return RP_OK;
    x->res->warm_start_from_heuristic = true;
    rp_plan *keep = plan;
    rp_status st = take_warm_start(x, keep); /* the heuristic's word is checked too */
    rp_plan_free(&plan);
    return st;
}

/* Runs the heuristic; a better plan the checker passes becomes the best.
 * *moves (optional) gets the annealing moves made. */
static rp_status offer_heuristic(pipeline *x, const rp_heur_options *ho, long long *moves)
{
    rp_plan *plan = NULL;
    rp_heur_result hr;
    rp_status st = rp_heur_plan(x->m, ho, &plan, &hr);
    if (moves)
        *moves = hr.moves;
    if (st == RP_ERR_NOMEM)
        return st;
    if (st != RP_OK || !plan)
        return RP_OK; /* no better plan in time: the best stands */
    /* the checker's word, as for every plan offered */
    rp_check_report *rep = NULL;
    st = rp_check_plan(x->m, plan, &rep);
    if (st == RP_OK && rep->n_violations == 0)
        offer(x, plan, (double)rep->objective);
    else
        rp_plan_free(&plan);
    rp_check_report_free(&rep);
    return st;
}

/* The heuristic's options for a run from the best plan; `cycle` varies the
 * seed. */
static rp_heur_options from_best(const pipeline *x, int cycle)
{
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.seed = (x->opt->seed ? x->opt->seed : 1) + (uint64_t)cycle;
    ho.interrupt = x->opt->interrupt;
    ho.warm_start = x->best;
    ho.quick = x->m->n_students > QUICK_BUILD_STUDENTS;
    return ho;
}

/* One annealing from the best plan, of `moves` (0: the heuristic's own
 * budget). *done gets the moves made. */
static rp_status anneal_once(pipeline *x, double seconds, int cycle, long long moves,
                             long long *done)
{
    rp_heur_options ho = from_best(x, cycle);
    ho.time_limit = fmax(1e-3, seconds);
    ho.max_moves = moves;
    if (x->has_bound)
        ho.target = floor(x->bound + ROUND_EPS);
    return offer_heuristic(x, &ho, done);
}

/* A large cohort's first plan is built quickly, each student in one try;
 * one settling pass rebuilds every student with full effort against the
 * rest (generated 10,000-student cohorts: 79,110 to 87,734 and 81,286 to
 * 90,760, in about 3 s), before the decomposition, which at that size makes
 * only a round or two and is then led by the plan in hand. */
static rp_status settle_quick_plan(pipeline *x)
{
    if (!x->best || !x->res->warm_start_from_heuristic || x->m->n_students <= QUICK_BUILD_STUDENTS)
        return RP_OK;
    double t = rp_clock_seconds(), left = x->deadline - t;
    rp_heur_options ho = from_best(x, 0);
    ho.time_limit = isinf(left) ? 0 : fmax(1e-3, SETTLE_SHARE * left);
    ho.max_moves = -1;
    ho.settle_first = true;
    x->res->settled = true;
    x->res->settle_from = x->best_objective;
    rp_status st = offer_heuristic(x, &ho, NULL);
    x->res->settle_to = x->best_objective;
    x->res->settle_seconds = rp_clock_seconds() - t;
    if (st == RP_OK && x->opt->progress) {
        rp_mip_progress p = rp_mip_report(elapsed(x), "settled", true, x->best_objective,
                                          x->has_bound, x->bound);
        x->opt->progress(x->opt->progress_ctx, &p);
    }
    return st;
}

/* The compact program is small enough to build. */
static bool compact_fits(const pipeline *x)
{
    return x->res->candidate_rotations <= RP_SOLVE_COMPACT_MAX;
}

/* The compact search comes after the annealing; else neighbourhoods. Not
 * when many students outgrew the pricing's labels (cg.h outgrown): rules
 * that make a student's schedules that many make the compact program dense,
 * and its search finds nothing in the time the annealing makes good use of
 * (MSS 40 x 24, rotations of 4 periods: 10.8 million non-zeros for 40
 * students, 1.15 GB at the peak against 151 MB without it; at 60 s the
 * plans of five such instances as good or better without it). */
static bool compact_follows(const pipeline *x)
{
    return compact_fits(x) && x->res->cg_outgrown == 0;
}

/* Annealing from the best plan. The warm start took only a few moves, all
 * the decomposition needs when it proves a plan; when it does not,
 * annealing finds what the integer master over the schedules misses
 * (measured on a generated 180-student, 8-week cohort at 30 s: 1914 without
 * it, 2098 with it, bound 2194). The first cycle makes the heuristic's own
 * move budget, so that without a time limit the plan depends on the seed
 * alone. Under a limit it may take a third of the share, and the next cycle
 * starts again from the best plan with as many moves as the first cycle's
 * pace fits in the rest: cooling slowly finds more, and a budget the clock
 * cuts short ends hot and finds little (250 students: 1 million moves reach
 * 2830, 3 million 2876, 30 million cut at a third only 2596). */
static rp_status anneal_best(pipeline *x)
{
    x->res->anneal_to = x->best_objective;
    if (!x->best || !x->opt->heuristic)
        return RP_OK;
    double t = rp_clock_seconds(), left = x->deadline - t;
    double share = compact_follows(x) ? fmin(ANNEAL_SECONDS, ANNEAL_SHARE * left)
                                      : ANNEAL_SHARE_BEFORE_NEIGHBOURHOODS * left;
    double until = t + (isinf(left) ? ANNEAL_SECONDS : share);
    x->res->annealed = true;
    x->res->anneal_from = x->best_objective;
    long long done = 0;
    rp_status st = anneal_once(x, isinf(left) ? until - t : (until - t) / 3, 0, 0, &done);
    x->res->anneal_cycles = 1;
    double pace = done / fmax(1e-3, rp_clock_seconds() - t); /* moves per second */
    long long more = (long long)(ANNEAL_FILL * pace * (until - rp_clock_seconds()));
    if (st == RP_OK && !isinf(left) && !stopped(x) && !proven(x) && more > done / 2) {
        st = anneal_once(x, until - rp_clock_seconds(), 1, more, &done);
        x->res->anneal_cycles = 2;
    }
    x->res->anneal_seconds = rp_clock_seconds() - t;
    x->res->anneal_to = x->best_objective;
    return st;
}

static rp_status decompose(pipeline *x)
{
    double t = rp_clock_seconds();
    rp_cg_options co;
    rp_cg_options_init(&co);
    co.deadline = isinf(x->deadline) ? HUGE_VAL : t + CG_SHARE_MOST * (x->deadline - t);
    co.early_deadline = isinf(x->deadline) ? HUGE_VAL : t + CG_SHARE * (x->deadline - t);
    co.interrupt = x->opt->interrupt;
    co.threads = x->res->threads;
    co.warm_start = x->best;
    co.target = x->best ? x->best_objective : -HUGE_VAL;
    co.progress = x->opt->progress;
    co.progress_ctx = x->opt->progress_ctx;
    co.started = x->t0;
    co.mem_limit_mb = x->opt->tuning ? x->opt->tuning->mem_limit_mb : 0;
    /* on cohorts small enough for the compact program, the tighter bounds
     * of the students' programs are worth their time (MSS 80 x 24 at 120 s:
     * a gap of 1.0% with them, 3.7% without) */
    co.program_outgrown = compact_fits(x);
    rp_cg_result cr;
    rp_status st = rp_cg_run(x->m, &co, &cr);
    x->res->cg_rounds = cr.rounds;
    x->res->cg_columns = cr.columns;
    x->res->cg_too_large = cr.too_large;
    x->res->cg_rough = cr.rough;
    x->res->cg_few_rounds = cr.few_rounds;
    x->res->cg_outgrown = cr.outgrown;
    x->res->cg_seconds = rp_clock_seconds() - t;
    /* a bound and a plan reached before GLPK failed stand */
    if (st == RP_OK || st == RP_ERR_SOLVER) {
        if (cr.has_bound)
            tighten_bound(x, cr.bound);
        if (cr.plan) {
            offer(x, cr.plan, cr.objective);
            cr.plan = NULL;
        }
        if (cr.converged && cr.lp_slack > 0.5)
            st = RP_ERR_INFEASIBLE; /* no mix of schedules at all keeps the shared rules */
    }
    rp_cg_result_clear(&cr);
    return st;
}

/* GLPK's branch and bound on the compact program, from the best plan. */
static rp_status compact_search(pipeline *x)
{
    rp_form *f = NULL;
    double t = rp_clock_seconds();
    RP_TRY(rp_form_build(x->m, &x->opt->form, &f));
    rp_solve_options so = *x->opt;
    so.warm_start = x->best;
    so.heuristic = x->best == NULL && x->opt->heuristic;
    so.time_limit = isinf(x->deadline) ? 0 : fmax(1e-3, x->deadline - rp_clock_seconds());
    so.has_known_bound = x->has_bound;
    so.known_bound = x->bound;
    so.seconds_before = t - x->t0;
    rp_glpk_tuning tune;
    if (x->opt->tuning)
        tune = *x->opt->tuning;
    else
        rp_glpk_tuning_init(&tune);
    tune.bound_share = 0; /* the decomposition's bound is the tighter one */
    so.tuning = &tune;
    rp_solve_result sr;
    memset(&sr, 0, sizeof sr);
    sr.build_seconds = rp_clock_seconds() - t;
    rp_plan *plan = NULL;
    rp_status st = rp_solve_form(f, &so, &plan, &sr);
    x->res->compact = true;
    x->res->size = sr.size;
    x->res->build_seconds = sr.build_seconds;
    x->res->root_seconds = sr.root_seconds;
    x->res->warm_start_used = sr.warm_start_used;
    if (st == RP_OK) {
        if (sr.has_bound)
            tighten_bound(x, sr.bound);
        if (plan->status == RP_PLAN_OPTIMAL && sr.has_objective)
            tighten_bound(x, sr.objective);
        offer(x, plan, sr.objective);
    } else if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED) {
        st = x->best ? RP_OK : st;
    }
    rp_form_free(&f);
    return st;
}

static rp_status improve_by_neighbourhoods(pipeline *x)
{
    double t = rp_clock_seconds();
    rp_lns_options lo;
    rp_lns_options_init(&lo);
    lo.deadline = x->deadline;
    lo.interrupt = x->opt->interrupt;
    lo.seed = x->opt->seed ? x->opt->seed : 1;
    lo.has_bound = x->has_bound;
    lo.bound = x->bound;
    lo.progress = x->opt->progress;
    lo.progress_ctx = x->opt->progress_ctx;
    lo.started = x->t0;
    if (isinf(x->deadline))
        lo.max_neighbourhoods = 20L * (x->m->n_students + 1);
    /* small programs: a few thousand candidate rotations each */
    double per_student = (double)x->res->candidate_rotations / (x->m->n_students + 1);
    lo.group = (int)fmax(LNS_GROUP_MIN, fmin(LNS_GROUP_MAX, LNS_ROTATIONS / fmax(1, per_student)));
    rp_lns_result lr;
    rp_status st = rp_lns_improve(x->m, &lo, x->best, &lr);
    x->res->lns_tried = lr.tried;
    x->res->lns_improved = lr.improved;
    x->res->lns_seconds = rp_clock_seconds() - t;
    if (st == RP_OK)
        x->best_objective = lr.objective;
    return st;
}

/* The rough bound (rough.h), worked out while the first plan is built,
 * bounds the first plan there is, so that no plan is reported without a
 * bound, even when an interrupt or the deadline skips the decomposition.
 * Once stopped (an interrupt, or a first plan that came at the deadline) it
 * may take ROUGH_SECONDS more at most: the answer to Ctrl-C comes first.
 * 10,000 students take 0.6 s. */
static rp_status bound_roughly(pipeline *x)
{
    if (!x->best || !x->rough)
        return RP_OK;
    bool has;
    double bound;
    rp_status st = rp_rough_finish(&x->rough, &has, &bound);
    if (st == RP_OK && has)
        tighten_bound(x, bound);
    return st;
}

/* A phase's failure in GLPK leaves the plan in hand standing. */
static rp_status survive(const pipeline *x, rp_status st)
{
    return st == RP_ERR_SOLVER && x->best ? RP_OK : st;
}

static void finish(pipeline *x, rp_plan **plan, rp_status st)
{
    rp_solve_result *res = x->res;
    res->interrupted = x->opt->interrupt && *x->opt->interrupt;
    res->time_limit_reached = !res->interrupted && rp_clock_seconds() >= x->deadline;
    if (st == RP_OK && !x->best)
        st = res->interrupted ? RP_ERR_INTERRUPTED : RP_ERR_NO_PLAN;
    if (st == RP_OK) {
        bool optimal = proven(x);
        rp_plan *p = x->best;
        x->best = NULL;
        p->status = optimal ? RP_PLAN_OPTIMAL : RP_PLAN_FEASIBLE;
        p->has_objective = true;
        p->objective = x->best_objective;
        p->has_bound = x->has_bound;
        /* a bound can never be worse than a plan in hand */
        double bound = x->has_bound ? fmax(x->bound, x->best_objective) : 0;
        if (optimal)
            bound = x->best_objective;
        p->bound = bound;
        res->has_objective = true;
        res->objective = x->best_objective;
        res->has_bound = x->has_bound;
        res->bound = bound;
        res->gap = x->has_bound ? rp_mip_gap(x->best_objective, bound) : 0;
        res->plan_status = p->status;
        *plan = p;
    }
    rp_plan_free(&x->best);
    res->status = st;
    res->seconds = elapsed(x);
}

rp_status rp_solve(const rp_model *m, const rp_solve_options *opt, rp_plan **plan,
                   rp_solve_result *res)
{
    rp_solve_options defaults;
    if (!opt) {
        rp_solve_options_init(&defaults);
        opt = &defaults;
    }
    *plan = NULL;
    memset(res, 0, sizeof *res);
    if (m->objective.leximin)
        return rp_solve_leximin(m, opt, plan, res);
    res->warm_start_bad_rotation = -1;
    pipeline x = {.m = m, .opt = opt, .res = res, .t0 = rp_clock_seconds()};
    x.deadline = opt->time_limit > 0 ? x.t0 + opt->time_limit : HUGE_VAL;
    res->threads = opt->threads > 0 ? opt->threads : machine_threads();
    res->candidate_rotations = candidate_rotations(m, &res->candidates_estimated);
    x.rough_limits = (rp_rough_limits){x.deadline, opt->interrupt, ROUGH_SECONDS};
    x.rough = rp_rough_start(m, &x.rough_limits);
    rp_status st = x.rough ? warm_start(&x) : RP_ERR_NOMEM;
    if (st == RP_OK)
        st = bound_roughly(&x);
    if (st == RP_OK && !stopped(&x))
        st = settle_quick_plan(&x);
    if (st == RP_OK && !stopped(&x)) {
        st = survive(&x, decompose(&x));
        if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
            st = RP_OK; /* cut short: what it reached, if anything, stands */
    }
    if (st == RP_OK && !stopped(&x) && !proven(&x))
        st = anneal_best(&x);
    if (st == RP_OK && !stopped(&x) && !proven(&x)) {
        if (compact_follows(&x))
            st = survive(&x, compact_search(&x));
        else if (x.best)
            st = survive(&x, improve_by_neighbourhoods(&x));
    }
    /* a plan that came after the warm start (from the decomposition) */
    if (st == RP_OK)
        st = bound_roughly(&x);
    rp_status rough_st = rp_rough_finish(&x.rough, NULL, NULL); /* no plan took it */
    if (st == RP_OK)
        st = rough_st;
    finish(&x, plan, st);
    return res->status;
}
