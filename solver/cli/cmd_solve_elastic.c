#include "solver/cli/cmd_solve_elastic.h"

#include "solver/cli/cli.h"
#include "solver/cli/diagnose_report.h"
#include "solver/cli/progress.h"

rp_status rp_cli_diagnose(const rp_model *m, const rp_cli_question *q, rp_diagnosis *d)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_diagnose_options opt;
    rp_diagnose_options_init(&opt);
    opt.time_limit = q->time_limit;
    opt.skip_precheck = q->skip_precheck;
    opt.heuristic = !q->skip_precheck; /* after a search proved there is no plan */
    opt.previous = q->previous;
    opt.from_week = q->from_week;
    opt.interrupt = &rp_cli_interrupted;
    if (!q->quiet) {
        opt.progress = rp_progress_print;
        opt.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_status st = rp_diagnose(m, &opt, d);
    sigaction(SIGINT, &saved, NULL);
    if (!q->quiet)
        rp_progress_end(&printer);
    return st;
}

int rp_cli_explain_infeasible(const rp_model *m, const rp_cli_question *q)
{
    if (!q->quiet && q->previous)
        fprintf(stderr, "rotaplan: no plan keeps the weeks before week %d and every rule from "
                        "it on; finding the smallest relaxation that allows one\n",
                q->from_week + 1);
    else if (!q->quiet)
        fprintf(stderr, "rotaplan: no plan satisfies every rule; finding the smallest "
                        "relaxation that allows one\n");
    rp_diagnosis d;
    rp_status st = rp_cli_diagnose(m, q, &d);
    int code = RP_EXIT_INFEASIBLE;
    if (st) {
        fprintf(stderr, "rotaplan: no plan satisfies every rule of '%s'; diagnosing it failed: "
                        "%s\n", q->config, rp_status_str(st));
    } else if (d.verdict == RP_VERDICT_PLAN && q->previous) {
        fprintf(stderr, "rotaplan: a plan keeps weeks 1-%d as they were and every rule of '%s' "
                        "from week %d on, but not within the change limit per student: raise "
                        "'--max-changes-per-student'\n", q->from_week, q->config,
                q->from_week + 1);
    } else if (d.verdict == RP_VERDICT_PLAN) {
        fprintf(stderr, "rotaplan: internal error: the search found no plan for '%s' but the "
                        "elastic program needs no relaxation\n", q->config);
        code = RP_EXIT_FAILURE;
    } else if (d.verdict == RP_VERDICT_UNDECIDED) {
        fprintf(stderr, "rotaplan: no plan satisfies every rule of '%s'; the diagnosis did not "
                        "finish in time ('rotaplan diagnose' without a time limit)\n", q->config);
    } else {
        rp_diagnose_report_text(stderr, &d, q->config);
    }
    rp_diagnosis_clear(&d);
    return code;
}

void rp_cli_report_short(FILE *out, const rp_findings *short_of, long missed, long missed_bound)
{
    if (missed == 0)
        return;
    int students = 0;
    for (int i = 0; i < short_of->count; i++)
        students += i == 0 || short_of->items[i].student != short_of->items[i - 1].student;
    /* requirements as `check` counts its violations, rotations as the search */
    int requirements = short_of->count;
    fprintf(out, "short      %d student%s short of %d requirement%s, %ld required rotation%s "
                 "missing ",
            students, students == 1 ? "" : "s", requirements, requirements == 1 ? "" : "s",
            missed, missed == 1 ? "" : "s");
    if (missed_bound >= missed)
        fputs("(fewest possible)\n", out);
    else if (missed_bound > 0)
        fprintf(out, "(at least %ld must be; fewer not ruled out: time limit)\n", missed_bound);
    else
        fputs("(fewer not ruled out: time limit)\n", out);
    for (int i = 0; i < short_of->count; i++)
        fprintf(out, "  %s\n", short_of->items[i].message);
}
