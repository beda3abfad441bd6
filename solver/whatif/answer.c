/* Exact answers: a config solved (or re-planned from the plan in force),
 * diagnosed when it has no plan; the base priced by the schedule master. */
#include "solver/whatif/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "model/check.h"
#include "model/changes.h"
#include "solver/replan/replan.h"
#include "solver/sched/price.h"
#include "solver/solve/cg.h"
#include "solver/solve/solve.h"

void rp_whatif_options_init(rp_whatif_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->threads = 2;
}

/* An empty answer, whatever *a held. */
static void answer_init(rp_whatif_answer *a)
{
    memset(a, 0, sizeof *a);
    rp_findings_init(&a->findings);
    a->moves = a->students_moved = -1;
}

void rp_whatif_answer_clear(rp_whatif_answer *a)
{
    rp_findings_clear(&a->findings);
    answer_init(a);
}

void rp_whatif_base_clear(rp_whatif_base *b)
{
    rp_whatif_answer_clear(&b->answer);
    rp_plan_free(&b->plan);
    free(b->value);
    memset(b, 0, sizeof *b);
    answer_init(&b->answer);
}

/* p, a plan of `from`, as a plan of `to`: the same students by id (those
 * `to` no longer has are left out); departments are the same in both. */
static rp_status remap(const rp_model *from, const rp_plan *p, const rp_model *to,
                       rp_plan **out)
{
    *out = rp_plan_new();
    if (!*out)
        return RP_ERR_NOMEM;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *r = &p->rotations[i];
        int s = from == to ? r->student : rp_model_find_student(to, from->students[r->student].id);
        if (s >= 0 && rp_plan_add(*out, s, r->department, r->start, r->length)) {
            rp_plan_free(out);
            return RP_ERR_NOMEM;
        }
    }
    rp_plan_sort(*out);
    return RP_OK;
}

/* Whether p keeps every rule of m: then it is a start for solving m. */
static rp_status keeps_rules(const rp_model *m, const rp_plan *p, bool *keeps)
{
    rp_check_report *r = NULL;
    RP_TRY(rp_check_plan(m, p, &r));
    *keeps = r->n_violations == 0;
    rp_check_report_free(&r);
    return RP_OK;
}

static void solve_options(const rp_whatif_options *opt, rp_solve_options *so)
{
    rp_solve_options_init(so);
    so->time_limit = opt->time_limit;
    so->progress = opt->progress;
    so->progress_ctx = opt->progress_ctx;
    so->interrupt = opt->interrupt;
}

/* Whether k has a plan, by the diagnosis (pre-checks, the heuristic's try,
 * the elastic program); when it has none, what must bend. *found says a
 * plan exists. */
static rp_status diagnose(const rp_model *k, const rp_whatif_options *opt, rp_whatif_answer *a,
                          bool *found)
{
    rp_diagnose_options dopt;
    rp_diagnose_options_init(&dopt);
    dopt.time_limit = opt->time_limit;
    dopt.interrupt = opt->interrupt;
    dopt.progress = opt->progress;
    dopt.progress_ctx = opt->progress_ctx;
    rp_diagnosis d;
    rp_status st = rp_diagnose(k, &dopt, &d);
    *found = st == RP_OK && d.verdict == RP_VERDICT_PLAN;
    if (st == RP_OK && !*found) {
        a->verdict = d.verdict;
        a->relaxation = d.cost;
        a->shortfall = d.shortfall;
        a->findings = d.findings;
        rp_findings_init(&d.findings);
    }
    rp_diagnosis_clear(&d);
    return st;
}

/* With a plan in force: the re-plan from week 1 that moves fewest rotations
 * into *best. */
static rp_status replan(const rp_model *k, const rp_plan *in_force, const rp_whatif_options *opt,
                        rp_whatif_answer *a, rp_plan **best)
{
    rp_replan_options ro;
    rp_replan_options_init(&ro);
    ro.from_week = 0;
    solve_options(opt, &ro.solve);
    rp_replan_result res;
    rp_plan *plan = NULL;
    rp_status st = rp_replan(k, in_force, &ro, &plan, &res);
    rp_replan_result_clear(&res);
    if (st == RP_OK) {
        rp_changes c;
        rp_changes_init(&c);
        st = rp_changes_diff(k, in_force, plan, 0, &c);
        a->verdict = RP_VERDICT_PLAN;
        a->moved_score = plan->objective;
        a->moves = c.count;
        a->students_moved = c.n_students;
        rp_changes_clear(&c);
        *best = plan;
        return st;
    }
    rp_plan_free(&plan);
    return st;
}

/* k's best plan from `start` when it keeps every rule of k; else the
 * diagnosis says first whether there is one at all (far sooner than a search
 * proves there is none), and the search starts from the heuristic's. */
static rp_status solve(const rp_model *k, const rp_plan *start, const rp_whatif_options *opt,
                       rp_whatif_answer *a, rp_plan **best)
{
    rp_solve_options so;
    solve_options(opt, &so);
    bool keeps = false;
    if (start)
        RP_TRY(keeps_rules(k, start, &keeps));
    if (!keeps) {
        bool found;
        RP_TRY(diagnose(k, opt, a, &found));
        if (!found)
            return RP_OK;
    }
    so.warm_start = keeps ? start : NULL;
    rp_solve_result res;
    rp_plan *plan = NULL;
    rp_status st = rp_solve(k, &so, &plan, &res);
    if (st == RP_OK) {
        a->verdict = RP_VERDICT_PLAN;
        a->score = plan->objective;
        a->proven = plan->status == RP_PLAN_OPTIMAL;
        *best = plan;
    }
    return st;
}

/* The answer for config k; *best (may be NULL) gets its plan. With a plan
 * in force, the re-plan that moves fewest comes first and starts the search
 * for the best score. */
static rp_status answer(const rp_model *k, const rp_plan *start, const rp_plan *in_force,
                        const rp_whatif_options *opt, rp_whatif_answer *a, rp_plan **best)
{
    double t0 = rp_clock_seconds();
    rp_plan *plan = NULL, *moved = NULL;
    rp_status st = RP_OK;
    if (in_force)
        st = replan(k, in_force, opt, a, &moved);
    if (st == RP_OK)
        st = solve(k, moved ? moved : start, opt, a, &plan);
    rp_plan_free(&moved);
    if (st == RP_ERR_INFEASIBLE) {
        bool found;
        st = diagnose(k, opt, a, &found);
        if (st == RP_OK && found) /* the search ran out of time before it knew */
            a->verdict = RP_VERDICT_UNDECIDED;
    } else if (st == RP_ERR_NO_PLAN) {
        a->verdict = RP_VERDICT_UNDECIDED;
        st = RP_OK;
    }
    if (best)
        *best = plan;
    else
        rp_plan_free(&plan);
    a->seconds = rp_clock_seconds() - t0;
    return st;
}

/* What one more place in each department-week is worth: the duals of the
 * schedule master at its best bound. */
static rp_status price(const rp_model *m, const rp_whatif_options *opt, rp_whatif_base *b)
{
    double t0 = rp_clock_seconds();
    rp_cg_options co;
    rp_cg_options_init(&co);
    co.deadline = opt->time_limit > 0 ? t0 + opt->time_limit : HUGE_VAL;
    co.interrupt = opt->interrupt;
    co.threads = opt->threads;
    co.progress = opt->progress;
    co.progress_ctx = opt->progress_ctx;
    co.started = t0;
    /* the values are the duals of rounds: one pass, the search's own label
     * limit and the programs after it for every student, so that students
     * whose rules outgrow a quick pass (cg_price.c) do not end the rounds */
    co.label_limit = RP_PRICE_LABELS;
    rp_cg_result res;
    rp_status st = rp_cg_run(m, &co, &res);
    if (st == RP_OK && res.has_bound && res.cell_dual) {
        b->value = res.cell_dual;
        res.cell_dual = NULL;
        b->has_values = true;
    }
    rp_cg_result_clear(&res);
    b->value_seconds = rp_clock_seconds() - t0;
    /* a student with no schedule of their own leaves nothing to price: the
     * exact answers still stand */
    if (st == RP_ERR_INFEASIBLE)
        st = RP_OK;
    if (st == RP_OK && !b->value) {
        b->value = calloc((size_t)m->n_departments * (size_t)m->weeks + 1, sizeof *b->value);
        if (!b->value)
            st = RP_ERR_NOMEM;
    }
    return st;
}

rp_status rp_whatif_base_run(const rp_model *m, const rp_whatif_options *opt,
                             rp_whatif_base *out)
{
    memset(out, 0, sizeof *out);
    answer_init(&out->answer);
    RP_TRY(answer(m, NULL, opt->plan, opt, &out->answer, &out->plan));
    return price(m, opt, out);
}

rp_status rp_whatif_evaluate(const rp_model *m, const rp_whatif_base *base,
                             const rp_scenario *s, const rp_whatif_options *opt,
                             rp_whatif_answer *out, rp_plan **plan, rp_diags *diags)
{
    answer_init(out);
    if (plan)
        *plan = NULL;
    rp_model *k = NULL;
    rp_plan *start = NULL, *in_force = NULL;
    RP_TRY(rp_scenario_apply(m, s, &k, diags));
    rp_status st = RP_OK;
    if (base->plan)
        st = remap(m, base->plan, k, &start);
    if (st == RP_OK && opt->plan)
        st = remap(m, opt->plan, k, &in_force);
    if (st == RP_OK)
        st = answer(k, start, in_force, opt, out, plan);
    /* the findings point into the copy's sources */
    rp_findings_relocate(&out->findings, k, m);
    rp_plan_free(&start);
    rp_plan_free(&in_force);
    rp_model_free(&k);
    return st;
}
