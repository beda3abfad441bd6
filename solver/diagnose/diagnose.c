#include "solver/diagnose/diagnose.h"

#include <math.h>
#include <string.h>

#include "model/check.h"
#include "solver/diagnose/elastic.h"
#include "solver/heur/heur.h"
#include "solver/diagnose/precheck.h"
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

static rp_status run_elastic(const rp_model *m, const rp_diagnose_options *opt, double t0,
                             rp_diagnosis *d)
{
    rp_elastic *e = NULL;
    rp_elastic_rules rules = {true, true, true, false};
    RP_TRY(rp_elastic_build(m, rules, NULL, &e));
    rp_mip_options mo;
    rp_mip_options_init(&mo);
    mo.time_limit = opt->time_limit;
    if (opt->time_limit > 0) {
        mo.time_limit = opt->time_limit - (rp_clock_seconds() - t0);
        if (mo.time_limit <= 0)
            mo.time_limit = 1e-9; /* spent already; 0 would mean no limit */
    }
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
    rp_elastic_free(&e);
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
    rp_status st = RP_OK;
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
