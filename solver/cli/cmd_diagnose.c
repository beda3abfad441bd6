/* rotaplan diagnose - why a config has no plan, in the office's words. */
#include <stdio.h>

#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "solver/cli/diagnose_report.h"
#include "solver/cli/options.h"

static const char about[] =
    "Says whether CONFIG has a plan and, when it has none, why, in the office's\n"
    "words with the config line of each department or student concerned.\n"
    "\n"
    "The static checks run first (demand against capacity, a student's weeks,\n"
    "minimums, prerequisites, pins). When they find nothing, an elastic version\n"
    "of the plan is solved in which capacities, minimums and requirements may\n"
    "bend: the least bending (1 per place-week of extra capacity, 1 per\n"
    "student-week below a minimum, 1 + its length per missed rotation) is the\n"
    "smallest change that makes a plan possible, reported week by week.";

typedef struct args {
    const char *config;
    double time_limit;
    bool json, quiet;
} args;

static int run(const args *a, const rp_model *m)
{
    rp_diagnosis d;
    rp_status st = rp_cli_diagnose(m, a->time_limit, false, a->quiet, &d);
    int code;
    if (st) {
        fprintf(stderr, "rotaplan diagnose: '%s': %s\n", a->config, rp_status_str(st));
        code = rp_exit_code(st);
    } else {
        if (a->json)
            rp_diagnose_report_json(stdout, m, &d, a->config);
        else
            rp_diagnose_report_text(stdout, &d, a->config);
        code = rp_diagnose_exit_code(&d);
    }
    rp_diagnosis_clear(&d);
    return code;
}

int rp_cmd_diagnose(int argc, char **argv)
{
    args a = {0};
    const rp_cli_option options[] = {
        rp_cli_option_time_limit(&a.time_limit, "stop the elastic search after S seconds"),
        {"json", 0, RP_CLI_FLAG, NULL, "print the result as one JSON object", .flag = &a.json},
        rp_cli_option_quiet(&a.quiet),
        {0}};
    const rp_cli_positional positionals[] = {{"CONFIG", true, &a.config}, {0}};
    const rp_cli_command cmd = {
        "diagnose", about, NULL, positionals, options,
        RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_INVALID, RP_EXIT_INFEASIBLE,
                     RP_EXIT_NO_PLAN, RP_EXIT_FAILURE, RP_EXIT_INTERRUPTED)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_model *m = NULL;
    code = rp_cli_load(a.config, &m);
    if (code == RP_EXIT_GO_ON)
        code = run(&a, m);
    rp_model_free(&m);
    return code;
}
