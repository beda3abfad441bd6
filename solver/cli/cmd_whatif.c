/* rotaplan whatif - what one supervisor more or fewer is worth in each
 * department, and what named scenarios do to the plan (docs/whatif.md). */
#include <stdio.h>
#include <stdlib.h>

#include "model/plan_io.h"
#include "model/scenario.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "solver/cli/progress.h"
#include "solver/cli/whatif_report.h"
#include "solver/whatif/whatif.h"

static const char about[] =
    "Ranks the departments of CONFIG, and runs of their weeks, by what one\n"
    "supervisor more or fewer is worth: the score change, whether a plan still\n"
    "exists and, with --plan, how many rotations of the plan in force would have\n"
    "to move. Estimates come from the duals of the schedule master (what one more\n"
    "place in each department-week is worth); the top entries are then solved\n"
    "again exactly.\n"
    "\n"
    "With --scenarios FILE it answers named changes instead (supervisors on\n"
    "leave or added, wards closed, capacities and minimums, students leaving or\n"
    "arriving; docs/whatif.md): for each, whether a plan exists (when not, what\n"
    "must bend), the score change and, with --plan, the rotations that move.";

typedef struct args {
    const char *config, *plan, *scenarios;
    int exact, top;
    double time_limit;
    bool json, csv, quiet;
} args;

typedef struct inputs {
    rp_model *m;
    rp_plan *plan;
    rp_scenarios *scenarios;
} inputs;

static int load_inputs(const args *a, inputs *in)
{
    int code = rp_cli_load(a->config, &in->m);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = RP_OK;
    if (a->plan) {
        /* a student taken out of the config has left: their rows go */
        rp_plan_read_options ro = {.skip_unknown_students = true};
        st = rp_plan_read_with(in->m, a->plan, &ro, &in->plan, &diags);
    }
    if (st == RP_OK && a->scenarios)
        st = rp_scenarios_load(in->m, a->scenarios, &in->scenarios, &diags);
    /* every scenario must apply before anything is solved */
    for (int i = 0; st == RP_OK && in->scenarios && i < in->scenarios->count; i++) {
        rp_model *k = NULL;
        st = rp_scenario_apply(in->m, &in->scenarios->items[i], &k, &diags);
        rp_model_free(&k);
    }
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    if (st == RP_ERR_IO)
        return RP_EXIT_INVALID;
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

static int failed(const args *a, rp_status st)
{
    fprintf(stderr, "rotaplan whatif: '%s': %s\n", a->config, rp_status_str(st));
    return rp_exit_code(st);
}

static int rank(const args *a, const inputs *in, const rp_whatif_options *opt,
                const rp_whatif_base *base)
{
    rp_worths w;
    rp_status st = rp_whatif_rank(in->m, base->value, &w);
    for (int i = 0; st == RP_OK && i < w.count && i < a->exact; i++) {
        rp_scenario s;
        st = rp_worth_scenario(in->m, &w.items[i], &s);
        rp_diags diags;
        rp_diags_init(&diags);
        if (st == RP_OK)
            st = rp_whatif_evaluate(in->m, base, &s, opt, &w.items[i].answer, NULL, &diags);
        /* a change the department cannot take (a minimum above the places
         * left) has no answer; the ranking goes on */
        if (st == RP_ERR_INVALID)
            st = RP_OK;
        else
            w.items[i].evaluated = st == RP_OK;
        rp_diags_clear(&diags);
        rp_scenario_clear(&s);
    }
    if (st == RP_OK) {
        if (a->json) {
            rp_whatif_rank_json(stdout, in->m, base, &w, a->config, a->plan);
        } else if (a->csv) {
            rp_whatif_rank_csv(stdout, in->m, base, &w);
        } else {
            if (in->m->name)
                printf("%s\n", in->m->name);
            rp_whatif_base_text(stdout, base, a->plan != NULL);
            rp_whatif_rank_text(stdout, in->m, base, &w, a->top);
        }
    }
    rp_worths_clear(&w);
    return st ? failed(a, st) : RP_EXIT_OK;
}

static int scenarios(const args *a, const inputs *in, const rp_whatif_options *opt,
                     const rp_whatif_base *base)
{
    const rp_scenarios *sc = in->scenarios;
    rp_whatif_answer *answers = calloc((size_t)sc->count + 1, sizeof *answers);
    if (!answers)
        return failed(a, RP_ERR_NOMEM);
    rp_status st = RP_OK;
    for (int i = 0; st == RP_OK && i < sc->count; i++) {
        rp_diags diags;
        rp_diags_init(&diags);
        st = rp_whatif_evaluate(in->m, base, &sc->items[i], opt, &answers[i], NULL, &diags);
        rp_diags_print(&diags, stderr, 0);
        rp_diags_clear(&diags);
    }
    if (st == RP_OK) {
        if (a->json) {
            rp_whatif_scenarios_json(stdout, in->m, base, sc, answers, a->config, a->plan);
        } else if (a->csv) {
            rp_whatif_scenarios_csv(stdout, base, sc, answers);
        } else {
            if (in->m->name)
                printf("%s\n", in->m->name);
            rp_whatif_base_text(stdout, base, a->plan != NULL);
            rp_whatif_scenarios_text(stdout, base, sc, answers);
        }
    }
    for (int i = 0; i < sc->count; i++)
        rp_whatif_answer_clear(&answers[i]);
    free(answers);
    return st ? failed(a, st) : RP_EXIT_OK;
}

static int run(const args *a, const inputs *in)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_whatif_options opt;
    rp_whatif_options_init(&opt);
    opt.time_limit = a->time_limit;
    opt.plan = in->plan;
    opt.interrupt = &rp_cli_interrupted;
    if (!a->quiet) {
        opt.progress = rp_progress_print;
        opt.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_whatif_base base;
    rp_status st = rp_whatif_base_run(in->m, &opt, &base);
    int code;
    if (st)
        code = failed(a, st);
    else if (in->scenarios)
        code = scenarios(a, in, &opt, &base);
    else
        code = rank(a, in, &opt, &base);
    sigaction(SIGINT, &saved, NULL);
    if (!a->quiet)
        rp_progress_end(&printer);
    rp_whatif_base_clear(&base);
    return code;
}

int rp_cmd_whatif(int argc, char **argv)
{
    args a = {.exact = 5, .top = 15, .time_limit = 60};
    const rp_cli_option options[] = {
        {"plan", 0, RP_CLI_FILE, "PLAN",
         "the plan in force (csv, yaml or json): say how many of its rotations would move",
         .text = &a.plan},
        {"scenarios", 0, RP_CLI_FILE, "FILE",
         "answer the named changes of this YAML file instead of ranking departments",
         .text = &a.scenarios},
        {"exact", 0, RP_CLI_WHOLE, "N",
         "solve the N first entries of the ranking again exactly (default 5; 0: estimates "
         "only)", .whole = &a.exact, .min = 0, .max = 1000},
        {"top", 0, RP_CLI_WHOLE, "N", "rows of the ranking printed as text (default 15; 0: all)",
         .whole = &a.top, .min = 0, .max = 1000000},
        {"json", 0, RP_CLI_FLAG, NULL, "print one JSON object", .flag = &a.json, .group = 1},
        {"csv", 0, RP_CLI_FLAG, NULL, "print CSV rows", .flag = &a.csv, .group = 1},
        rp_cli_option_time_limit(&a.time_limit,
                                 "give each solve at most S seconds (default 60)"),
        rp_cli_option_quiet(&a.quiet),
        {0}};
    const rp_cli_positional positionals[] = {{"CONFIG", true, &a.config}, {0}};
    const rp_cli_command cmd = {
        "whatif", about, NULL, positionals, options,
        RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_INVALID, RP_EXIT_FAILURE,
                     RP_EXIT_INTERRUPTED)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;
    inputs in = {0};
    code = load_inputs(&a, &in);
    if (code == RP_EXIT_GO_ON)
        code = run(&a, &in);
    rp_scenarios_free(&in.scenarios);
    rp_plan_free(&in.plan);
    rp_model_free(&in.m);
    return code;
}
