#include "solver/cli/cmd_solve_elastic.h"

#include "solver/cli/cli.h"
#include "solver/cli/diagnose_report.h"
#include "solver/cli/progress.h"

rp_status rp_cli_diagnose(const rp_model *m, double time_limit, bool skip_precheck, bool quiet,
                          rp_diagnosis *d)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_diagnose_options opt;
    rp_diagnose_options_init(&opt);
    opt.time_limit = time_limit;
    opt.skip_precheck = skip_precheck;
    opt.heuristic = !skip_precheck; /* after a search proved there is no plan */
    opt.interrupt = &rp_cli_interrupted;
    if (!quiet) {
        opt.progress = rp_progress_print;
        opt.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_status st = rp_diagnose(m, &opt, d);
    sigaction(SIGINT, &saved, NULL);
    if (!quiet)
        rp_progress_end(&printer);
    return st;
}

int rp_cli_explain_infeasible(const rp_model *m, const char *config, double time_limit,
                              bool quiet)
{
    if (!quiet)
        fprintf(stderr, "rotaplan: no plan satisfies every rule; finding the smallest "
                        "relaxation that allows one\n");
    rp_diagnosis d;
    rp_status st = rp_cli_diagnose(m, time_limit, true, quiet, &d);
    int code = RP_EXIT_INFEASIBLE;
    if (st) {
        fprintf(stderr, "rotaplan: no plan satisfies every rule of '%s'; diagnosing it failed: "
                        "%s\n", config, rp_status_str(st));
    } else if (d.verdict == RP_VERDICT_PLAN) {
        fprintf(stderr, "rotaplan: internal error: the search found no plan for '%s' but the "
                        "elastic program needs no relaxation\n", config);
        code = RP_EXIT_FAILURE;
    } else if (d.verdict == RP_VERDICT_UNDECIDED) {
        fprintf(stderr, "rotaplan: no plan satisfies every rule of '%s'; the diagnosis did not "
                        "finish in time ('rotaplan diagnose' without a time limit)\n", config);
    } else {
        rp_diagnose_report_text(stderr, &d, config);
    }
    rp_diagnosis_clear(&d);
    return code;
}

void rp_cli_report_short(FILE *out, const rp_partial_result *res)
{
    if (res->missed == 0)
        return;
    int students = 0;
    for (int i = 0; i < res->short_of.count; i++)
        students += i == 0 || res->short_of.items[i].student != res->short_of.items[i - 1].student;
    /* requirements as `check` counts its violations, rotations as the search */
    int short_of = res->short_of.count;
    fprintf(out, "short      %d student%s short of %d requirement%s, %ld required rotation%s "
                 "missing ",
            students, students == 1 ? "" : "s", short_of, short_of == 1 ? "" : "s",
            res->missed, res->missed == 1 ? "" : "s");
    if (res->missed_bound >= res->missed)
        fputs("(fewest possible)\n", out);
    else if (res->missed_bound > 0)
        fprintf(out, "(at least %ld must be; fewer not ruled out: time limit)\n",
                res->missed_bound);
    else
        fputs("(fewer not ruled out: time limit)\n", out);
    for (int i = 0; i < res->short_of.count; i++)
        fprintf(out, "  %s\n", res->short_of.items[i].message);
}
