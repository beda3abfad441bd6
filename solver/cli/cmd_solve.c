/* rotaplan solve - find a placement plan for a config. */
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/clock.h"
#include "model/check.h"
#include "model/keep.h"
#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"
#include "solver/solve/solve.h"
#include "solver/cli/progress.h"
#include "solver/cli/report.h"

static const char about[] =
    "Finds the best placement plan for CONFIG: every hard rule of docs/config.md\n"
    "holds and the score is as high as it can be.";

static const char notes[] =
    "Ctrl-C stops the search and keeps the best plan found so far. When no plan\n"
    "keeps every rule, the reasons are printed as 'rotaplan diagnose' does (the\n"
    "diagnosis has the same time limit again) and no plan is written, unless\n"
    "--partial.";

typedef struct args {
    const char *config, *output, *keep;
    int format; /* the --format choice, or -1 */
    double time_limit, gap;
    bool quiet, partial;
    int threads;   /* 0: the machine's cores */
    uint64_t seed;
} args;

/* Static checks that prove no plan exists; the exit code when they do.
 * With --partial their findings say why the plan will be partial. */
static int precheck(const rp_model *m, bool partial)
{
    rp_findings findings;
    rp_findings_init(&findings);
    rp_status st = rp_precheck(m, &findings);
    int code = RP_EXIT_GO_ON;
    if (st) {
        fprintf(stderr, "rotaplan: %s\n", rp_status_str(st));
        code = rp_exit_code(st);
    } else if (findings.count > 0) {
        rp_diags diags;
        rp_diags_init(&diags);
        rp_findings_to_diags(&findings, &diags);
        rp_diags_print(&diags, stderr, 0);
        rp_diags_clear(&diags);
        if (partial) {
            fprintf(stderr, "rotaplan: no plan can satisfy every rule; looking for a partial "
                            "plan\n");
        } else {
            fprintf(stderr, "rotaplan: no plan can satisfy every rule\n");
            code = RP_EXIT_INFEASIBLE;
        }
    }
    rp_findings_clear(&findings);
    return code;
}

static int report_failure(rp_status st, const rp_solve_result *res, const args *a)
{
    switch (st) {
    case RP_ERR_INFEASIBLE:
        fprintf(stderr, "rotaplan: no plan satisfies every rule of '%s'\n", a->config);
        break;
    case RP_ERR_NO_PLAN:
        fprintf(stderr, "rotaplan: no plan found within the time limit of %g s ('rotaplan "
                        "diagnose' tells whether one exists)\n", a->time_limit);
        break;
    case RP_ERR_INTERRUPTED:
        fprintf(stderr, "rotaplan: interrupted after %.1f s before any plan was found\n",
                res->seconds);
        break;
    default:
        fprintf(stderr, "rotaplan: solving '%s' failed: %s\n", a->config, rp_status_str(st));
        break;
    }
    return rp_exit_code(st);
}

/* --keep: the students the plan names keep their rotations exactly; the
 * exit code when the plan cannot be read (3) or breaks a rule on its own (4). */
static int keep_plan(rp_model *m, const args *a, int *n_kept)
{
    rp_diags diags;
    rp_diags_init(&diags);
    bool *listed = calloc((size_t)m->n_students + 1, sizeof *listed);
    rp_plan_read_options ro = {.listed = listed};
    rp_plan *plan = NULL;
    rp_status st = listed ? rp_plan_read_with(m, a->keep, &ro, &plan, &diags) : RP_ERR_NOMEM;
    int code = RP_EXIT_GO_ON;
    if (st) {
        code = st == RP_ERR_NOMEM ? RP_EXIT_FAILURE : RP_EXIT_INVALID;
    } else if ((st = rp_model_keep(m, plan, listed, a->keep, &diags)) != RP_OK) {
        code = st == RP_ERR_INVALID ? RP_EXIT_INFEASIBLE : rp_exit_code(st);
    }
    rp_diags_print(&diags, stderr, 0);
    if (code == RP_EXIT_INFEASIBLE)
        fprintf(stderr, "rotaplan: the plan to keep, '%s', breaks rules of '%s' on its own\n",
                a->keep, a->config);
    *n_kept = 0;
    for (int s = 0; listed && s < m->n_students; s++)
        *n_kept += listed[s];
    rp_diags_clear(&diags);
    rp_plan_free(&plan);
    free(listed);
    return code;
}

static int write_plan(const rp_model *m, const rp_plan *plan, const args *a)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_plan_format format = rp_cli_plan_format(a->format, a->output);
    sigset_t saved;
    rp_cli_hold_interrupts(&saved);
    rp_status st = rp_plan_write(m, plan, a->output, format, a->config, &diags);
    rp_cli_release_interrupts(&saved);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    rp_cli_print_nomem(st);
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

static int run(const args *a, const rp_model *m, double started, int n_kept)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    /* the limit counts from the command's start: loading and pre-checks too,
     * and checking and writing the plan after, which take about what loading
     * took (a tenth of the limit at most is kept for them) */
    opt.time_limit = a->time_limit;
    if (a->time_limit > 0) {
        double loading = rp_clock_seconds() - started;
        double after = fmin(loading, a->time_limit / 10);
        opt.time_limit = fmax(1e-3, a->time_limit - loading - after);
    }
    opt.gap = a->gap;
    opt.threads = a->threads;
    opt.seed = a->seed;
    opt.interrupt = &rp_cli_interrupted;
    if (!a->quiet) {
        opt.progress = rp_progress_print;
        opt.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_plan *plan = NULL;
    rp_solve_result res;
    rp_partial_result partial;
    rp_status st;
    if (a->partial) {
        st = rp_solve_partial(m, &opt, &plan, &partial);
        res = partial.solve;
    } else {
        st = rp_solve(m, &opt, &plan, &res);
    }
    sigaction(SIGINT, &saved, NULL);
    if (!a->quiet)
        rp_progress_end(&printer);
    int code = RP_EXIT_GO_ON;
    if (st == RP_ERR_INFEASIBLE && !a->partial) {
        rp_cli_question q = {.config = a->config, .time_limit = a->time_limit,
                             .skip_precheck = true, .quiet = a->quiet};
        code = rp_cli_explain_infeasible(m, &q);
    } else if (st) {
        code = report_failure(st, &res, a);
    }
    if (code != RP_EXIT_GO_ON)
        goto done;

    rp_check_report *report = NULL;
    code = rp_cli_check_plan(m, plan, NULL, a->partial ? partial.short_of.count : 0, &report);
    if (code == RP_EXIT_GO_ON && a->output)
        code = write_plan(m, plan, a);
    if (code == RP_EXIT_GO_ON) {
        FILE *say = rp_cli_summary_stream(a->output); /* stderr when the plan is on stdout */
        rp_solve_report_summary(say, m, plan, &res, report);
        if (a->keep)
            fprintf(say, "kept       %d student%s as %s has them\n", n_kept,
                    n_kept == 1 ? "" : "s", a->keep);
        if (a->partial)
            rp_cli_report_short(say, &partial.short_of, partial.missed,
                                partial.missed_bound);
        if (rp_cli_is_stdout(a->output))
            fprintf(say, "plan       written to standard output\n");
        else if (a->output)
            fprintf(say, "plan       written to %s\n", a->output);
        else {
            printf("\n");
            rp_solve_report_timetable(stdout, m, plan);
        }
        code = plan->status == RP_PLAN_PARTIAL ? RP_EXIT_VIOLATIONS : RP_EXIT_OK;
    }
    rp_check_report_free(&report);
done:
    if (a->partial)
        rp_partial_result_clear(&partial);
    rp_plan_free(&plan);
    return code;
}

int rp_cmd_solve(int argc, char **argv)
{
    double started = rp_clock_seconds();
    args a = {.format = -1, .seed = 1};
    const rp_cli_option options[] = {
        {"output", 'o', RP_CLI_FILE, "PLAN",
         "write the plan to PLAN (replaced only once complete; '-' for standard output, the "
         "summary then going to stderr); without -o a compact timetable is printed instead",
         .text = &a.output},
        rp_cli_option_format(&a.format, "plan format: csv, yaml or json (default: from PLAN's "
                                        "extension, csv when it has none)"),
        rp_cli_option_time_limit(&a.time_limit,
                                 "stop after S seconds with the best plan found so far"),
        {"gap", 0, RP_CLI_NUMBER, "G",
         "stop once the plan is proven within G of the best possible, relative (0.01 = 1%); "
         "default 0: optimal",
         .number = &a.gap, .below = 1},
        {"partial", 0, RP_CLI_FLAG, NULL,
         "when no plan keeps every rule, the plan that misses the fewest required rotations "
         "(then scores best) within every other rule; marked partial, students left short "
         "listed, exit code 1",
         .flag = &a.partial},
        {"threads", 0, RP_CLI_WHOLE, "N",
         "price students in N threads (default: one per core of the machine); the plan is the "
         "same whatever N",
         .whole = &a.threads, .min = 1, .max = 64},
        {"seed", 0, RP_CLI_U64, "S",
         "seed of the heuristic and the neighbourhood search (default 1): the same config, "
         "options and seed give the same plan, unless the time limit cuts the run short",
         .u64 = &a.seed},
        {"keep", 0, RP_CLI_FILE, "PLAN",
         "the students PLAN names (an earlier wave's plan in force) keep their rotations and "
         "supervisors exactly; the others are planned around them; the plan written holds "
         "everyone",
         .text = &a.keep},
        rp_cli_option_quiet(&a.quiet),
        {0}};
    const rp_cli_positional positionals[] = {{"CONFIG", true, &a.config}, {0}};
    const rp_cli_command cmd = {
        "solve", about, notes, positionals, options,
        RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_VIOLATIONS, RP_EXIT_USAGE, RP_EXIT_INVALID,
                     RP_EXIT_INFEASIBLE, RP_EXIT_NO_PLAN, RP_EXIT_FAILURE, RP_EXIT_INTERRUPTED)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;
    /* A plan that could not be written is found before the search, not after. */
    code = rp_cli_plan_output(&cmd, "-o", a.output, a.format);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_model *m = NULL;
    int n_kept = 0;
    code = rp_cli_load(a.config, &m);
    if (code == RP_EXIT_GO_ON && a.keep)
        code = keep_plan(m, &a, &n_kept);
    if (code == RP_EXIT_GO_ON)
        code = precheck(m, a.partial);
    if (code == RP_EXIT_GO_ON)
        code = run(&a, m, started, n_kept);
    rp_model_free(&m);
    return code;
}
