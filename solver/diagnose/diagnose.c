#include "solver/diagnose/diagnose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/diagnose/elastic.h"
#include "solver/heur/heur.h"
#include "solver/diagnose/precheck.h"
#include "solver/form/history.h"
#include "base/clock.h"

/* Seconds the heuristic may try for a plan at most. */
#define HEURISTIC_SECONDS 3.0

void rp_diagnose_options_init(rp_diagnose_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->heuristic = true;
}

/* Whether the heuristic finds a plan, which the checker passes, within its
 * few seconds: it builds and repairs, without improving what it finds. */
static rp_status heuristic_finds_plan(const rp_model *m, const rp_diagnose_options *opt,
                                      bool *found)
{
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.time_limit = HEURISTIC_SECONDS;
    if (opt->time_limit > 0 && opt->time_limit / 5 < ho.time_limit)
        ho.time_limit = opt->time_limit / 5;
    ho.max_moves = -1;
    ho.interrupt = opt->interrupt;
    rp_plan *plan = NULL;
    rp_status st = rp_heur_plan(m, &ho, &plan, NULL);
    *found = false;
    if (st == RP_OK) {
        /* the independent checker has the last word */
        rp_check_report *report = NULL;
        st = rp_check_plan(m, plan, &report);
        *found = st == RP_OK && report->n_violations == 0;
        rp_check_report_free(&report);
    }
    rp_plan_free(&plan);
    return st == RP_ERR_NOMEM ? st : RP_OK;
}

void rp_diagnosis_clear(rp_diagnosis *d)
{
    rp_findings_clear(&d->findings);
    memset(d, 0, sizeof *d);
    rp_findings_init(&d->findings);
    d->bad_rotation = -1;
}

const char *rp_verdict_str(rp_verdict v)
{
    switch (v) {
    case RP_VERDICT_PLAN: return "plan";
    case RP_VERDICT_STATIC:
    case RP_VERDICT_ELASTIC: return "infeasible";
    case RP_VERDICT_RIGID: return "rigid";
    case RP_VERDICT_UNDECIDED: return "undecided";
    }
    return "undecided";
}

/* The verdict from a solved elastic program; findings when it had to bend. */
static rp_status judge(const rp_elastic *e, const rp_mip_result *mr, rp_diagnosis *d)
{
    d->cost = lround(mr->objective);
    /* every cost is an integer, so a bound above 0 proves the slack needed */
    d->bound = mr->has_bound ? (long)ceil(mr->bound - 1e-6) : 0;
    if (d->bound < 0)
        d->bound = 0;
    d->proven = mr->optimal || d->bound >= d->cost;
    if (d->cost == 0) {
        d->verdict = RP_VERDICT_PLAN;
        return RP_OK;
    }
    d->verdict = d->bound > 0 ? RP_VERDICT_ELASTIC : RP_VERDICT_UNDECIDED;
    return rp_shortfall_findings(e, mr->values, &d->findings, &d->shortfall);
}

/* Solves the elastic program from `warm_start` (NULL: its own start) and
 * judges what it bends. */
static rp_status solve_elastic(rp_elastic *e, const double *warm_start,
                               const rp_diagnose_options *opt, double t0, rp_diagnosis *d)
{
    rp_mip_options mo;
    rp_mip_options_init(&mo);
    mo.time_limit = opt->time_limit;
    if (opt->time_limit > 0) {
        mo.time_limit = opt->time_limit - (rp_clock_seconds() - t0);
        if (mo.time_limit <= 0)
            mo.time_limit = 1e-9; /* spent already; 0 would mean no limit */
    }
    mo.warm_start = warm_start;
    mo.progress = opt->progress;
    mo.progress_ctx = opt->progress_ctx;
    mo.seconds_before = rp_clock_seconds() - t0;
    mo.interrupt = opt->interrupt;
    rp_mip_result mr;
    rp_status st = rp_elastic_solve(e, &mo, &mr);
    d->elastic = true;
    d->time_limit_reached = mr.time_limit_reached;
    d->interrupted = mr.interrupted;
    switch (st) {
    case RP_OK:
        st = judge(e, &mr, d);
        break;
    case RP_ERR_INFEASIBLE:
        d->verdict = RP_VERDICT_RIGID;
        st = RP_OK;
        break;
    case RP_ERR_NO_PLAN:
    case RP_ERR_INTERRUPTED:
        d->verdict = RP_VERDICT_UNDECIDED;
        st = RP_OK;
        break;
    default:
        break;
    }
    rp_mip_result_clear(&mr);
    return st;
}

static rp_status run_elastic(const rp_model *m, const rp_diagnose_options *opt, double t0,
                             rp_diagnosis *d)
{
    rp_elastic *e = NULL;
    rp_elastic_rules rules = {true, true, true, false};
    RP_TRY(rp_elastic_build(m, rules, NULL, &e));
    rp_status st = solve_elastic(e, NULL, opt, t0, d);
    rp_elastic_free(&e);
    return st;
}

/* The plan in force as the elastic search's start, slack making up what it
 * breaks; its history alone when the rest breaks a rule that does not bend. */
static rp_status history_start(const rp_elastic *e, const rp_history *h,
                               const rp_history_fit *fit, double **values)
{
    *values = NULL;
    for (int past_only = 0; past_only < 2 && !*values; past_only++) {
        rp_plan *start = NULL;
        RP_TRY(rp_history_start_plan(h, fit, past_only, &start));
        rp_status st = rp_elastic_warm_start(e, start, values);
        rp_plan_free(&start);
        RP_TRY(st);
    }
    return RP_OK;
}

/* The elastic program of m widened for history, history fixed, running
 * rotations free to be cut. */
static rp_status run_history(const rp_model *m, const rp_diagnose_options *opt, double t0,
                             rp_diagnosis *d)
{
    rp_model *work = NULL;
    rp_history h;
    rp_history_fit fit;
    rp_elastic *e = NULL;
    double *start = NULL;
    memset(&h, 0, sizeof h);
    memset(&fit, 0, sizeof fit);
    rp_status st = rp_model_clone(m, &work);
    if (st == RP_OK)
        st = rp_history_init(&h, m, opt->previous, opt->from_week);
    if (st == RP_OK) {
        rp_history_relax(&h, work);
        rp_form_options fo;
        rp_form_options_init(&fo);
        rp_history_form_options(&h, &fo);
        rp_elastic_rules rules = {true, true, true, false};
        st = rp_elastic_build(work, rules, &fo, &e);
    }
    if (st == RP_OK) {
        st = rp_history_fit_form(&h, e->form, false, &fit);
        d->bad_rotation = fit.bad_rotation;
    }
    if (st == RP_OK)
        st = history_start(e, &h, &fit, &start);
    if (st == RP_OK)
        st = solve_elastic(e, start, opt, t0, d);
    /* the findings point into the copy's sources */
    rp_findings_relocate(&d->findings, work, m);
    free(start);
    rp_elastic_free(&e);
    rp_history_fit_clear(&fit);
    rp_history_clear(&h);
    rp_model_free(&work);
    return st;
}

rp_status rp_diagnose(const rp_model *m, const rp_diagnose_options *opt, rp_diagnosis *out)
{
    double t0 = rp_clock_seconds();
    rp_diagnose_options defaults;
    if (!opt) {
        rp_diagnose_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof *out);
    rp_findings_init(&out->findings);
    out->bad_rotation = -1;
    rp_status st = RP_OK;
    if (opt->previous) {
        out->history = true;
        out->from_week = opt->from_week;
        st = run_history(m, opt, t0, out);
        out->seconds = rp_clock_seconds() - t0;
        return st;
    }
    if (!opt->skip_precheck)
        st = rp_precheck(m, &out->findings);
    bool found = false;
    if (st == RP_OK && out->findings.count > 0)
        out->verdict = RP_VERDICT_STATIC;
    else if (st == RP_OK && opt->heuristic)
        st = heuristic_finds_plan(m, opt, &found);
    if (st == RP_OK && found)
        out->verdict = RP_VERDICT_PLAN;
    else if (st == RP_OK && out->verdict != RP_VERDICT_STATIC)
        st = run_elastic(m, opt, t0, out);
    out->seconds = rp_clock_seconds() - t0;
    return st;
}
