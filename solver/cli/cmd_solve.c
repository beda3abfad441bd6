/* rotaplan solve - find a placement plan for a config. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"
#include "solver/solve/solve.h"
#include "solver/cli/progress.h"
#include "solver/cli/report.h"

static const char usage_text[] =
    "usage: rotaplan solve CONFIG [-o PLAN] [--format csv|yaml|json] [--time-limit S]\n"
    "                      [--gap G] [--partial] [--quiet]\n";

static const char help_text[] =
    "\n"
    "Finds the best placement plan for CONFIG: every hard rule of docs/config.md\n"
    "holds and the score is as high as it can be.\n"
    "\n"
    "  -o PLAN            write the plan to PLAN (replaced only once complete);\n"
    "                     without -o a compact timetable is printed instead\n"
    "  --format F         plan format: csv, yaml or json (default: from PLAN's\n"
    "                     extension, csv when it has none)\n"
    "  --time-limit S     stop after S seconds with the best plan found so far\n"
    "  --gap G            stop once the plan is proven within G of the best\n"
    "                     possible, relative (0.01 = 1%); default 0: optimal\n"
    "  --partial          when no plan keeps every rule, the plan that misses the\n"
    "                     fewest required rotations (then scores best) within\n"
    "                     every other rule; marked partial, students left short\n"
    "                     listed, exit code 1\n"
    "  --quiet            no progress line on stderr\n"
    "  -h, --help         this text\n"
    "\n"
    "Ctrl-C stops the search and keeps the best plan found so far. When no plan\n"
    "keeps every rule, the reasons are printed as 'rotaplan diagnose' does (the\n"
    "diagnosis has the same time limit again) and no plan is written, unless\n"
    "--partial.\n"
    "\n"
    "exit codes: 0 plan found, 1 partial plan, 2 usage, 3 invalid config, 4 no\n"
    "plan satisfies every rule, 5 no plan within the time limit, 6 solver or I/O\n"
    "failure, 130 interrupted before any plan\n";

typedef struct args {
    const char *config, *output;
    rp_plan_format format;
    double time_limit, gap;
    bool quiet, partial;
} args;

static int usage_error(const char *fmt, const char *what)
{
    return rp_cli_usage_error("solve", usage_text, fmt, what);
}

/* Returns -1 when the arguments are good, else the exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            printf("%s%s", usage_text, help_text);
            return RP_EXIT_OK;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            a->quiet = true;
        } else if (strcmp(arg, "--partial") == 0) {
            a->partial = true;
        } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (!value)
                return usage_error("'%s' needs a file name", arg);
            a->output = argv[++i];
        } else if (strcmp(arg, "--format") == 0) {
            if (!value)
                return usage_error("'%s' needs csv, yaml or json", arg);
            a->format = rp_plan_format_parse(argv[++i]);
            if (a->format == RP_FORMAT_AUTO)
                return usage_error("unknown plan format '%s' (use csv, yaml or json)", value);
        } else if (strcmp(arg, "--time-limit") == 0) {
            int code = rp_cli_time_limit("solve", usage_text, value, &a->time_limit);
            if (code >= 0)
                return code;
            i++;
        } else if (strcmp(arg, "--gap") == 0) {
            if (!value || !rp_cli_number(value, &a->gap) || a->gap >= 1)
                return usage_error("'--gap' needs a relative gap from 0 to below 1, not '%s'",
                                   value ? value : "");
            i++;
        } else if (arg[0] == '-' && arg[1]) {
            return usage_error("unknown option '%s'", arg);
        } else if (!a->config) {
            a->config = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (!a->config)
        return usage_error("%s", "missing CONFIG");
    return -1;
}

/* Static checks that prove no plan exists; returns the exit code or -1.
 * With --partial their findings say why the plan will be partial. */
static int precheck(const rp_model *m, bool partial)
{
    rp_findings findings;
    rp_findings_init(&findings);
    rp_status st = rp_precheck(m, &findings);
    int code = -1;
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

static int write_plan(const rp_model *m, const rp_plan *plan, const args *a)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_plan_format format = a->format ? a->format : rp_plan_format_for_path(a->output);
    rp_status st = rp_plan_write(m, plan, a->output, format, a->config, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    return st ? rp_exit_code(st) : -1;
}

static int run(const args *a, const rp_model *m)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.time_limit = a->time_limit;
    opt.gap = a->gap;
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
    int code = -1;
    if (st == RP_ERR_INFEASIBLE && !a->partial)
        code = rp_cli_explain_infeasible(m, a->config, a->time_limit, a->quiet);
    else if (st)
        code = report_failure(st, &res, a);
    if (code >= 0)
        goto done;

    rp_check_report *report = NULL;
    code = rp_cli_check_plan(m, plan, NULL, a->partial ? partial.short_of.count : 0, &report);
    if (code < 0 && a->output)
        code = write_plan(m, plan, a);
    if (code < 0) {
        rp_solve_report_summary(stdout, m, plan, &res, report);
        if (a->partial)
            rp_cli_report_short(stdout, &partial);
        if (a->output)
            printf("plan       written to %s\n", a->output);
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
    args a;
    int code = parse_args(argc, argv, &a);
    if (code >= 0)
        return code;
    rp_model *m = NULL;
    code = rp_cli_load(a.config, &m);
    if (code < 0)
        code = precheck(m, a.partial);
    if (code < 0)
        code = run(&a, m);
    rp_model_free(&m);
    return code;
}
