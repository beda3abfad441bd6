/* rotaplan diagnose - why a config has no plan, in the office's words. */
#include <stdio.h>

#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "solver/cli/diagnose_report.h"
#include "solver/cli/options.h"
#include "model/plan_io.h"

static const char about[] =
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
    "With --previous PLAN --from-week K it asks a re-plan's question: is there a\n"
    "plan that keeps weeks 1 to K-1 exactly as PLAN has them and every rule of\n"
    "CONFIG from week K on? What must bend is then found in the weeks from K on,\n"
    "with the weeks already done kept.";

typedef struct args {
    const char *config, *previous;
    int from_week; /* 1-based as given, 0 when not */
    double time_limit;
    bool json, quiet;
} args;

/* The plan in force, when given: the one the re-plan would start from. */
static int load_previous(const args *a, const rp_model *m, rp_plan **previous)
{
    rp_diags diags;
    rp_diags_init(&diags);
    /* a student taken out of the config has left: their rows go */
    rp_plan_read_options ro = {.skip_unknown_students = true};
    rp_status st = rp_plan_read_with(m, a->previous, &ro, previous, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    if (st == RP_ERR_IO)
        return RP_EXIT_INVALID;
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

static int run(const args *a, const rp_model *m, const rp_plan *previous)
{
    rp_diagnosis d;
    rp_cli_question q = {.config = a->config, .previous = previous,
                         .from_week = a->from_week - 1, .time_limit = a->time_limit,
                         .quiet = a->quiet};
    rp_status st = rp_cli_diagnose(m, &q, &d);
    int code;
    if (st == RP_ERR_INVALID && d.bad_rotation >= 0) {
        const rp_rotation *r = &previous->rotations[d.bad_rotation];
        const rp_department *dep = &m->departments[r->department];
        fprintf(stderr,
                "%s: error: %s's rotation in %s/%s from week %d cannot be kept: the config has "
                "no such rotation (its length or the horizon changed?)\n",
                a->previous, m->students[r->student].id, m->hospitals[dep->hospital].id,
                dep->id, r->start + 1);
        code = RP_EXIT_INVALID;
    } else if (st) {
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
        {"previous", 0, RP_CLI_FILE, "PLAN",
         "a plan in force (csv, yaml or json): keep its weeks before --from-week", .text = &a.previous},
        {"from-week", 0, RP_CLI_WEEK, "K",
         "with --previous: the first week that may change (1-based)", .whole = &a.from_week},
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
    if (code == RP_EXIT_GO_ON && (a.previous != NULL) != (a.from_week > 0))
        code = rp_cli_usage_error(&cmd, "'--previous PLAN' and '--from-week K' go together");
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_model *m = NULL;
    rp_plan *previous = NULL;
    code = rp_cli_load(a.config, &m);
    if (code == RP_EXIT_GO_ON && a.from_week > m->weeks)
        code = rp_cli_usage_error(&cmd, "'--from-week %d' is past the last week, %d",
                                  a.from_week, m->weeks);
    if (code == RP_EXIT_GO_ON && a.previous)
        code = load_previous(&a, m, &previous);
    if (code == RP_EXIT_GO_ON)
        code = run(&a, m, previous);
    rp_plan_free(&previous);
    rp_model_free(&m);
    return code;
}
