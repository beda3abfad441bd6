/* rotaplan diagnose - why a config has no plan, in the office's words. */
#include <stdio.h>
#include <string.h>

#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "solver/cli/diagnose_report.h"

static const char usage_text[] =
    "usage: rotaplan diagnose CONFIG [--time-limit S] [--json] [--quiet]\n";

static const char help_text[] =
    "\n"
    "Says whether CONFIG has a plan and, when it has none, why, in the office's\n"
    "words with the config line of each department or student concerned.\n"
    "\n"
    "The static checks run first (demand against capacity, a student's weeks,\n"
    "minimums, prerequisites, pins). When they find nothing, an elastic version\n"
    "of the plan is solved in which capacities, minimums and requirements may\n"
    "bend: the least bending (1 per place-week of extra capacity, 1 per\n"
    "student-week below a minimum, 1 + its length per missed rotation) is the\n"
    "smallest change that makes a plan possible, reported week by week.\n"
    "\n"
    "  --time-limit S     stop the elastic search after S seconds\n"
    "  --json             print the result as one JSON object\n"
    "  --quiet            no progress line on stderr\n"
    "  -h, --help         this text\n"
    "\n"
    "exit codes: 0 a plan exists, 2 usage, 3 invalid config, 4 no plan (diagnosed),\n"
    "5 undecided within the time limit, 6 solver or I/O failure, 130 interrupted\n";

typedef struct args {
    const char *config;
    double time_limit;
    bool json, quiet;
} args;

static int usage_error(const char *fmt, const char *what)
{
    return rp_cli_usage_error("diagnose", usage_text, fmt, what);
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
        } else if (strcmp(arg, "--json") == 0) {
            a->json = true;
        } else if (strcmp(arg, "--time-limit") == 0) {
            int code = rp_cli_time_limit("diagnose", usage_text, value, &a->time_limit);
            if (code >= 0)
                return code;
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
    args a;
    int code = parse_args(argc, argv, &a);
    if (code >= 0)
        return code;
    rp_model *m = NULL;
    code = rp_cli_load(a.config, &m);
    if (code < 0)
        code = run(&a, m);
    rp_model_free(&m);
    return code;
}
