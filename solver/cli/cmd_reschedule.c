/* rotaplan reschedule - a new plan after a change, from a given week on,
 * moving as few students as possible (docs/reschedule.md). */
#include <stdio.h>

#include "base/files.h"
#include "model/check.h"
#include "model/load.h"
#include "solver/cli/cli.h"
#include "solver/cli/cmd_solve_elastic.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "model/plan_io.h"
#include "solver/replan/replan.h"
#include "model/changes.h"
#include "solver/replan/reasons.h"
#include "solver/cli/progress.h"

static const char about[] =
    "Re-plans after a change of CONFIG (a supervisor on leave, a ward closed, a\n"
    "student leaving) from week K on. Weeks before K are kept exactly as PLAN has\n"
    "them, even where the changed config would forbid them (such conflicts are\n"
    "shown as warnings); a rotation running across week K is kept whole unless\n"
    "the change makes that impossible. From week K on the new plan keeps every\n"
    "rule of CONFIG and moves as few student rotations as possible.";

static const char *const orders[] = {"disruption", "quality", "mixed", NULL};

typedef struct args {
    const char *config, *previous, *output, *changes;
    int format;      /* the --format choice, or -1 */
    int from_week;   /* 1-based as given */
    int order;       /* index into orders: an rp_replan_order */
    int move_weight;
    int max_changes; /* per student, or -1 for no limit */
    double time_limit, gap;
    bool partial, quiet;
} args;

/* Output files that would overwrite an input or each other. */
static int check_outputs(const rp_cli_command *cmd, const args *a)
{
    if (rp_cli_is_stdout(a->output) && rp_cli_is_stdout(a->changes))
        return rp_cli_usage_error(cmd, "-o - and --changes - cannot both go to standard "
                                       "output");
    if (a->output && rp_same_file(a->output, a->previous))
        return rp_cli_usage_error(
            cmd, "refusing to write the new plan over the previous one, '%s'", a->previous);
    if (a->changes && (rp_same_file(a->changes, a->previous) ||
                       (a->output && rp_same_file(a->changes, a->output))))
        return rp_cli_usage_error(cmd, "'--changes %s' names a plan file", a->changes);
    int code = rp_cli_plan_output(cmd, "-o", a->output, a->format);
    return code == RP_EXIT_GO_ON ? rp_cli_output(cmd, "--changes", a->changes) : code;
}

/* Loads the config and the plan in force. */
static int load_inputs(const rp_cli_command *cmd, const args *a, rp_model **m,
                       rp_plan **previous, int *n_left)
{
    int code = rp_cli_load(a->config, m);
    if (code != RP_EXIT_GO_ON)
        return code;
    if ((*m)->weeks < a->from_week)
        return rp_cli_usage_error(cmd, "'--from-week %d' is past the last week, %d",
                                  a->from_week, (*m)->weeks);
    rp_diags diags;
    rp_diags_init(&diags);
    /* a student taken out of the config has left: their rows go */
    rp_plan_read_options ro = {.skip_unknown_students = true};
    rp_status st = rp_plan_read_with(*m, a->previous, &ro, previous, &diags);
    *n_left = ro.n_skipped_students;
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    rp_cli_print_nomem(st);
    if (st == RP_ERR_IO)
        return RP_EXIT_INVALID;
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

/* No plan keeps history and every rule: the diagnosis with history says what
 * must bend, where in the config and in which weeks. */
static int explain_infeasible(const rp_model *m, const rp_plan *previous, const args *a)
{
    if (a->partial) {
        fprintf(stderr,
                "rotaplan: no plan keeps weeks 1-%d as they were and the capacities, minimums "
                "and every rule but the requirements of '%s' from week %d on, even with "
                "required rotations missed\n",
                a->from_week - 1, a->config, a->from_week);
        return RP_EXIT_INFEASIBLE;
    }
    rp_cli_question q = {.config = a->config, .previous = previous,
                         .from_week = a->from_week - 1, .time_limit = a->time_limit,
                         .quiet = a->quiet};
    int code = rp_cli_explain_infeasible(m, &q);
    if (code == RP_EXIT_INFEASIBLE && a->max_changes < 0)
        fprintf(stderr, "rotaplan: 'rotaplan reschedule ... --partial' gives the plan that "
                        "misses the fewest required rotations from week %d on instead\n",
                a->from_week);
    return code;
}

static int report_failure(rp_status st, const rp_replan_result *res, const rp_model *m,
                          const rp_plan *previous, const args *a)
{
    switch (st) {
    case RP_ERR_INFEASIBLE:
        return explain_infeasible(m, previous, a);
    case RP_ERR_NO_PLAN:
        fprintf(stderr, "rotaplan: no plan found within the time limit of %g s\n",
                a->time_limit);
        break;
    case RP_ERR_INTERRUPTED:
        fprintf(stderr, "rotaplan: interrupted after %.1f s before any plan was found\n",
                res->seconds);
        break;
    case RP_ERR_INVALID:
        if (res->bad_rotation >= 0) {
            const rp_rotation *r = &previous->rotations[res->bad_rotation];
            const rp_department *d = &m->departments[r->department];
            fprintf(stderr,
                    "%s: error: %s's rotation in %s/%s from week %d cannot be kept: the "
                    "changed config has no such rotation (its length or the horizon changed?)\n",
                    a->previous, m->students[r->student].id, m->hospitals[d->hospital].id,
                    d->id, r->start + 1);
            return RP_EXIT_INVALID;
        }
        /* fall through */
    default:
        fprintf(stderr, "rotaplan: re-planning '%s' failed: %s\n", a->config,
                rp_status_str(st));
        break;
    }
    return rp_exit_code(st);
}

/* The checker, in history mode, has the last word on the new plan (a
 * partial one misses the rotations it says). */
static int check_plan(const rp_model *m, const rp_plan *plan, int from_week, int short_of,
                      rp_check_report **report)
{
    rp_check_options co = {from_week};
    int code = rp_cli_check_plan(m, plan, &co, short_of, report);
    for (int i = 0; code == RP_EXIT_GO_ON && i < (*report)->n_warnings; i++)
        fprintf(stderr, "rotaplan: warning: history: %s\n", (*report)->warnings[i].message);
    return code;
}

/* The new plan and the changes are written both or neither: each is made
 * whole next to its target first, and only then are both put in place. */
static int write_outputs(const rp_model *m, const rp_plan *plan, const rp_changes *changes,
                         const args *a)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = RP_OK;
    rp_atomic_file plan_file = {0}, changes_file = {0};
    /* refused before anything is written */
    for (int i = 0; a->changes && i < m->n_sources; i++)
        if (m->sources[i] && rp_same_file(a->changes, m->sources[i])) {
            rp_diag_error(&diags, (rp_loc){a->changes, 0, 0},
                          "is an input of the config; refusing to overwrite it with changes");
            st = RP_ERR_IO;
        }
    sigset_t saved;
    rp_cli_hold_interrupts(&saved);
    if (st == RP_OK && a->output) {
        rp_plan_format format = rp_cli_plan_format(a->format, a->output);
        st = rp_plan_write_ready(m, plan, a->output, format, a->config, &plan_file, &diags);
    }
    if (st == RP_OK && a->changes)
        st = rp_changes_write_csv_ready(m, changes, a->changes, &changes_file, &diags);
    if (st == RP_OK && a->output)
        st = rp_atomic_commit(&plan_file, true, &diags);
    /* (only a rename failing between the two could still leave one alone) */
    if (st == RP_OK && a->changes)
        st = rp_atomic_commit(&changes_file, true, &diags);
    rp_atomic_abort(&plan_file);
    rp_atomic_abort(&changes_file);
    rp_cli_release_interrupts(&saved);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    rp_cli_print_nomem(st);
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

static const char *status_words(const rp_plan *plan)
{
    return plan->status == RP_PLAN_OPTIMAL   ? "optimal"
           : plan->status == RP_PLAN_PARTIAL ? "partial: required rotations are missing (listed "
                                               "below)"
                                             : "feasible, not proven optimal";
}

/* What the office reads; n_left: students of the previous plan the config
 * no longer has. */
static void report(const rp_model *m, const rp_plan *previous, const rp_plan *plan,
                   const rp_replan_result *res, const rp_changes *ch,
                   const rp_check_report *check, int n_left, const args *a)
{
    FILE *out = rp_cli_summary_stream(rp_cli_is_stdout(a->output) ? a->output : a->changes);
    if (m->name)
        fprintf(out, "%s\n", m->name);
    if (a->from_week > 1)
        fprintf(out, "history    weeks 1-%d kept as they were", a->from_week - 1);
    else
        fprintf(out, "history    none: every week may change");
    if (check->n_warnings > 0)
        fprintf(out, " (%d warning%s about them above)", check->n_warnings,
               check->n_warnings == 1 ? "" : "s");
    fprintf(out, "\nchanges    %d rotation%s changed for %d student%s, %d student-week%s\n", ch->count,
           ch->count == 1 ? "" : "s", ch->n_students, ch->n_students == 1 ? "" : "s",
           ch->n_student_weeks, ch->n_student_weeks == 1 ? "" : "s");
    rp_changes_print(out, m, ch);
    if (n_left > 0)
        fprintf(out, "left       %d student%s of the previous plan %s not in the config: their "
               "rotations are dropped\n",
               n_left, n_left == 1 ? "" : "s", n_left == 1 ? "is" : "are");
    if (res->n_cut > 0)
        fprintf(out, "cut        %d rotation%s running across week %d could not be kept whole\n",
               res->n_cut, res->n_cut == 1 ? "" : "s", a->from_week);
    if (plan->status == RP_PLAN_PARTIAL)
        fprintf(out, "status     %s\n", status_words(plan));
    else
        fprintf(out, "status     %s (%s order)\n", status_words(plan), orders[a->order]);
    rp_cli_report_short(out, &res->short_of, res->missed, res->missed_bound);
    if (res->n_undone > 0)
        fprintf(out, "undone     %d move%s that bought nothing\n", res->n_undone,
                res->n_undone == 1 ? "" : "s");
    fprintf(out, "objective  %.0f", plan->objective);
    rp_check_report *before = NULL;
    if (rp_check_plan(m, previous, &before) == RP_OK)
        fprintf(out, " (the previous plan scores %ld)", before->objective);
    rp_check_report_free(&before);
    if (plan->has_bound)
        fprintf(out, ", bound %.0f", plan->bound);
    fprintf(out, "\ntime       %.2f s, %d search%s\n", res->seconds, res->stages,
           res->stages == 1 ? "" : "es");
    if (a->output)
        fprintf(out, "plan       written to %s\n",
                rp_cli_is_stdout(a->output) ? "standard output" : a->output);
    if (a->changes)
        fprintf(out, "changes    written to %s\n",
                rp_cli_is_stdout(a->changes) ? "standard output" : a->changes);
}

static int run(const args *a, const rp_model *m, const rp_plan *previous, int n_left)
{
    int code;
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.from_week = a->from_week - 1;
    opt.order = (rp_replan_order)a->order;
    opt.move_weight = a->move_weight;
    opt.max_changes_per_student = a->max_changes;
    opt.partial = a->partial;
    opt.solve.time_limit = a->time_limit;
    opt.solve.gap = a->gap;
    opt.solve.interrupt = &rp_cli_interrupted;
    if (!a->quiet) {
        opt.progress = rp_progress_print_aim;
        opt.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_plan *plan = NULL;
    rp_replan_result res;
    rp_status st = rp_replan(m, previous, &opt, &plan, &res);
    sigaction(SIGINT, &saved, NULL);
    if (!a->quiet)
        rp_progress_end(&printer);
    if (st) {
        code = report_failure(st, &res, m, previous, a);
        rp_replan_result_clear(&res);
        return code;
    }

    rp_check_report *check = NULL;
    rp_changes changes;
    rp_changes_init(&changes);
    code = check_plan(m, plan, opt.from_week, res.short_of.count, &check);
    if (code == RP_EXIT_GO_ON &&
        (rp_changes_diff(m, previous, plan, opt.from_week, &changes) != RP_OK ||
         rp_reasons_explain(m, previous, plan, &changes) != RP_OK)) {
        fprintf(stderr, "rotaplan: %s\n", rp_status_str(RP_ERR_NOMEM));
        code = RP_EXIT_FAILURE;
    }
    if (code == RP_EXIT_GO_ON)
        code = write_outputs(m, plan, &changes, a);
    if (code == RP_EXIT_GO_ON) {
        report(m, previous, plan, &res, &changes, check, n_left, a);
        code = plan->status == RP_PLAN_PARTIAL ? RP_EXIT_VIOLATIONS : RP_EXIT_OK;
    }
    rp_changes_clear(&changes);
    rp_check_report_free(&check);
    rp_plan_free(&plan);
    rp_replan_result_clear(&res);
    return code;
}

int rp_cmd_reschedule(int argc, char **argv)
{
    args a = {.format = -1, .move_weight = 10, .max_changes = -1};
    const rp_cli_option options[] = {
        {"previous", 0, RP_CLI_FILE, "PLAN",
         "the plan in force (csv, yaml or json); never rewritten", true, .text = &a.previous},
        {"from-week", 0, RP_CLI_WEEK, "K", "the first week that may change (1-based)", true,
         .whole = &a.from_week},
        {"output", 'o', RP_CLI_FILE, "NEW_PLAN",
         "write the new plan there (replaced only once complete; '-' for standard output, the "
         "summary then going to stderr); without -o only the changes are shown",
         .text = &a.output},
        {"changes", 0, RP_CLI_FILE, "CSV", "write the list of changes there as CSV ('-' for "
         "standard output)",
         .text = &a.changes},
        {"order", 0, RP_CLI_CHOICE, "O",
         "disruption (default): fewest changed rotations, then the best score; quality: best "
         "score, then fewest changes; mixed: score minus --move-weight per changed rotation",
         .whole = &a.order, .choices = orders},
        {"move-weight", 0, RP_CLI_WHOLE, "W",
         "score points one changed rotation costs in mixed order (default 10)",
         .whole = &a.move_weight, .min = 0, .max = 999999999},
        {"max-changes-per-student", 0, RP_CLI_WHOLE, "N",
         "change at most N rotations of any one student", .whole = &a.max_changes, .min = 0,
         .max = 999999999},
        rp_cli_option_format(&a.format, "plan format: csv, yaml or json (default: from "
                                        "NEW_PLAN's extension, csv when it has none)"),
        rp_cli_option_time_limit(&a.time_limit,
                                 "stop after S seconds with the best plan found so far"),
        {"gap", 0, RP_CLI_NUMBER, "G", "stop once within G of the best score (relative)",
         .number = &a.gap, .below = 1},
        {"partial", 0, RP_CLI_FLAG, NULL,
         "when no plan keeps every rule, the plan that misses the fewest required rotations "
         "from week K on (capacities, minimums and every other rule hold); exit 1 when it "
         "misses any",
         .flag = &a.partial},
        rp_cli_option_quiet(&a.quiet),
        {0}};
    const rp_cli_positional positionals[] = {{"CONFIG", true, &a.config}, {0}};
    const rp_cli_command cmd = {
        "reschedule", about, NULL, positionals, options,
        RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_VIOLATIONS, RP_EXIT_USAGE, RP_EXIT_INVALID, RP_EXIT_INFEASIBLE,
                     RP_EXIT_NO_PLAN, RP_EXIT_FAILURE, RP_EXIT_INTERRUPTED)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code == RP_EXIT_GO_ON)
        code = check_outputs(&cmd, &a);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_model *m = NULL;
    rp_plan *previous = NULL;
    int n_left = 0;
    code = load_inputs(&cmd, &a, &m, &previous, &n_left);
    if (code == RP_EXIT_GO_ON)
        code = run(&a, m, previous, n_left);
    rp_plan_free(&previous);
    rp_model_free(&m);
    return code;
}
