/* rotaplan reschedule - a new plan after a change, from a given week on,
 * moving as few students as possible (docs/reschedule.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/load.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "model/plan_io.h"
#include "solver/replan/replan.h"
#include "solver/replan/changes.h"
#include "solver/cli/progress.h"

static const char usage_text[] =
    "usage: rotaplan reschedule CONFIG --previous PLAN --from-week K [-o NEW_PLAN]\n"
    "                           [--changes CSV] [--order disruption|quality|mixed]\n"
    "                           [--move-weight W] [--max-changes-per-student N]\n"
    "                           [--format csv|yaml|json] [--time-limit S] [--gap G] [--quiet]\n";

static const char help_text[] =
    "\n"
    "Re-plans after a change of CONFIG (a supervisor on leave, a ward closed, a\n"
    "student leaving) from week K on. Weeks before K are kept exactly as PLAN has\n"
    "them, even where the changed config would forbid them (such conflicts are\n"
    "shown as warnings); a rotation running across week K is kept whole unless\n"
    "the change makes that impossible. From week K on the new plan keeps every\n"
    "rule of CONFIG and moves as few student rotations as possible.\n"
    "\n"
    "  --previous PLAN    the plan in force (csv, yaml or json); never rewritten\n"
    "  --from-week K      the first week that may change (1-based)\n"
    "  -o NEW_PLAN        write the new plan there (replaced only once complete);\n"
    "                     without -o only the changes are shown\n"
    "  --changes CSV      write the list of changes there as CSV\n"
    "  --order O          disruption (default): fewest changed rotations, then the\n"
    "                     best score; quality: best score, then fewest changes;\n"
    "                     mixed: score minus --move-weight per changed rotation\n"
    "  --move-weight W    score points one changed rotation costs in mixed order\n"
    "                     (default 10)\n"
    "  --max-changes-per-student N\n"
    "                     change at most N rotations of any one student\n"
    "  --format F         plan format: csv, yaml or json (default: from NEW_PLAN's\n"
    "                     extension, csv when it has none)\n"
    "  --time-limit S     stop after S seconds with the best plan found so far\n"
    "  --gap G            stop once within G of the best score (relative)\n"
    "  --quiet            no progress line on stderr\n"
    "  -h, --help         this text\n"
    "\n"
    "exit codes: 0 plan found, 2 usage, 3 invalid config or plan, 4 no plan keeps\n"
    "history and every rule, 5 no plan within the time limit, 6 solver or I/O\n"
    "failure, 130 interrupted before any plan\n";

typedef struct args {
    const char *config, *previous, *output, *changes;
    rp_plan_format format;
    int from_week; /* 1-based as given */
    rp_replan_order order;
    double move_weight, max_changes, time_limit, gap;
    bool has_max_changes, quiet;
} args;

static int usage_error(const char *fmt, const char *what)
{
    fprintf(stderr, "rotaplan reschedule: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n%s", usage_text);
    return RP_EXIT_USAGE;
}

static bool whole_number(const char *text, double *out)
{
    return text && rp_cli_number(text, out) && *out == (double)(long)*out && *out < 1e9;
}

static int parse_order(const char *word, rp_replan_order *order)
{
    static const char *const names[] = {"disruption", "quality", "mixed"};
    for (int i = 0; i < 3; i++)
        if (word && strcmp(word, names[i]) == 0) {
            *order = (rp_replan_order)i;
            return -1;
        }
    return usage_error("'--order' needs disruption, quality or mixed, not '%s'",
                       word ? word : "");
}

/* One option with a value; returns -1 when it was handled, else the exit code. */
static int parse_option(const char *arg, const char *value, args *a)
{
    double k;
    if (!value)
        return usage_error("'%s' needs a value", arg);
    if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
        a->output = value;
    } else if (strcmp(arg, "--previous") == 0) {
        a->previous = value;
    } else if (strcmp(arg, "--changes") == 0) {
        a->changes = value;
    } else if (strcmp(arg, "--from-week") == 0) {
        if (!whole_number(value, &k) || k < 1)
            return usage_error("'--from-week' needs a week number from 1, not '%s'", value);
        a->from_week = (int)k;
    } else if (strcmp(arg, "--order") == 0) {
        return parse_order(value, &a->order);
    } else if (strcmp(arg, "--move-weight") == 0) {
        if (!whole_number(value, &a->move_weight))
            return usage_error("'--move-weight' needs a whole number of points, not '%s'",
                               value);
    } else if (strcmp(arg, "--max-changes-per-student") == 0) {
        if (!whole_number(value, &a->max_changes))
            return usage_error("'--max-changes-per-student' needs a whole number, not '%s'",
                               value);
        a->has_max_changes = true;
    } else if (strcmp(arg, "--format") == 0) {
        a->format = rp_plan_format_parse(value);
        if (a->format == RP_FORMAT_AUTO)
            return usage_error("unknown plan format '%s' (use csv, yaml or json)", value);
    } else if (strcmp(arg, "--time-limit") == 0) {
        if (!rp_cli_number(value, &a->time_limit) || a->time_limit <= 0)
            return usage_error("'--time-limit' needs a number of seconds above 0, not '%s'",
                               value);
    } else if (strcmp(arg, "--gap") == 0) {
        if (!rp_cli_number(value, &a->gap) || a->gap >= 1)
            return usage_error("'--gap' needs a relative gap from 0 to below 1, not '%s'",
                               value);
    } else {
        return usage_error("unknown option '%s'", arg);
    }
    return -1;
}

/* Returns -1 when the arguments are good, else the exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    a->move_weight = 10;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            printf("%s%s", usage_text, help_text);
            return RP_EXIT_OK;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            a->quiet = true;
        } else if (arg[0] == '-' && arg[1]) {
            int code = parse_option(arg, i + 1 < argc ? argv[i + 1] : NULL, a);
            if (code >= 0)
                return code;
            i++;
        } else if (!a->config) {
            a->config = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (!a->config)
        return usage_error("%s", "missing CONFIG");
    if (!a->previous)
        return usage_error("%s", "missing '--previous PLAN': the plan in force");
    if (!a->from_week)
        return usage_error("%s", "missing '--from-week K': the first week that may change");
    if (a->output && rp_cli_same_file(a->output, a->previous))
        return usage_error("refusing to write the new plan over the previous one, '%s'",
                           a->previous);
    if (a->changes && (rp_cli_same_file(a->changes, a->previous) ||
                       (a->output && rp_cli_same_file(a->changes, a->output))))
        return usage_error("'--changes %s' names a plan file", a->changes);
    return -1;
}

/* Loads the config twice (one copy is widened for history) and the plan. */
static int load_inputs(const args *a, rp_model **m, rp_model **work, rp_plan **previous,
                       int *n_left)
{
    int code = rp_cli_load(a->config, m);
    if (code >= 0)
        return code;
    if ((*m)->weeks < a->from_week) {
        fprintf(stderr, "rotaplan reschedule: '--from-week %d' is past the last week, %d\n",
                a->from_week, (*m)->weeks);
        return RP_EXIT_USAGE;
    }
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = rp_load_config(a->config, work, &diags);
    /* a student taken out of the config has left: their rows go */
    rp_plan_read_options ro = {.skip_unknown_students = true};
    if (st == RP_OK)
        st = rp_plan_read_with(*m, a->previous, &ro, previous, &diags);
    *n_left = ro.n_skipped_students;
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    if (st == RP_ERR_IO)
        return RP_EXIT_INVALID;
    return st ? rp_exit_code(st) : -1;
}

static int report_failure(rp_status st, const rp_replan_result *res, const rp_model *m,
                          const rp_plan *previous, const args *a)
{
    switch (st) {
    case RP_ERR_INFEASIBLE:
        fprintf(stderr,
                "rotaplan: no plan keeps weeks 1-%d as they were and every rule of '%s' from "
                "week %d on%s\n",
                a->from_week - 1, a->config, a->from_week,
                a->has_max_changes ? " within the change limit per student" : "");
        break;
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

/* The checker, in history mode, has the last word on the new plan. */
static int check_plan(const rp_model *m, const rp_plan *plan, int from_week,
                      rp_check_report **report)
{
    rp_check_options co = {from_week};
    int code = rp_cli_check_plan(m, plan, &co, 0, report);
    for (int i = 0; code < 0 && i < (*report)->n_warnings; i++)
        fprintf(stderr, "rotaplan: warning: history: %s\n", (*report)->warnings[i].message);
    return code;
}

static int write_outputs(const rp_model *m, const rp_plan *plan, const rp_changes *changes,
                         const args *a)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = RP_OK;
    /* refused before anything is written */
    for (int i = 0; a->changes && i < m->n_sources; i++)
        if (m->sources[i] && rp_cli_same_file(a->changes, m->sources[i])) {
            rp_diag_error(&diags, (rp_loc){a->changes, 0, 0},
                          "is an input of the config; refusing to overwrite it with changes");
            st = RP_ERR_IO;
        }
    if (st == RP_OK && a->output) {
        rp_plan_format format = a->format ? a->format : rp_plan_format_for_path(a->output);
        st = rp_plan_write(m, plan, a->output, format, a->config, &diags);
    }
    if (st == RP_OK && a->changes)
        st = rp_changes_write_csv(m, changes, a->changes, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    return st ? rp_exit_code(st) : -1;
}

static const char *status_words(const rp_plan *plan)
{
    return plan->status == RP_PLAN_OPTIMAL ? "optimal" : "feasible, not proven optimal";
}

/* What the office reads; n_left: students of the previous plan the config
 * no longer has. */
static void report(const rp_model *m, const rp_plan *previous, const rp_plan *plan,
                   const rp_replan_result *res, const rp_changes *ch,
                   const rp_check_report *check, int n_left, const args *a)
{
    if (m->name)
        printf("%s\n", m->name);
    if (a->from_week > 1)
        printf("history    weeks 1-%d kept as they were", a->from_week - 1);
    else
        printf("history    none: every week may change");
    if (check->n_warnings > 0)
        printf(" (%d warning%s about them above)", check->n_warnings,
               check->n_warnings == 1 ? "" : "s");
    printf("\nchanges    %d rotation%s changed for %d student%s, %d student-week%s\n", ch->count,
           ch->count == 1 ? "" : "s", ch->n_students, ch->n_students == 1 ? "" : "s",
           ch->n_student_weeks, ch->n_student_weeks == 1 ? "" : "s");
    rp_changes_print(stdout, m, ch);
    if (n_left > 0)
        printf("left       %d student%s of the previous plan %s not in the config: their "
               "rotations are dropped\n",
               n_left, n_left == 1 ? "" : "s", n_left == 1 ? "is" : "are");
    if (res->n_cut > 0)
        printf("cut        %d rotation%s running across week %d could not be kept whole\n",
               res->n_cut, res->n_cut == 1 ? "" : "s", a->from_week);
    printf("status     %s (%s order)\n", status_words(plan),
           a->order == RP_REPLAN_QUALITY ? "quality"
           : a->order == RP_REPLAN_MIXED ? "mixed"
                                         : "disruption");
    printf("objective  %.0f", plan->objective);
    rp_check_report *before = NULL;
    if (rp_check_plan(m, previous, &before) == RP_OK)
        printf(" (the previous plan scores %ld)", before->objective);
    rp_check_report_free(&before);
    if (plan->has_bound)
        printf(", bound %.0f", plan->bound);
    printf("\ntime       %.2f s, %d search%s\n", res->seconds, res->stages,
           res->stages == 1 ? "" : "es");
    if (a->output)
        printf("plan       written to %s\n", a->output);
    if (a->changes)
        printf("changes    written to %s\n", a->changes);
}

static int run(const args *a, const rp_model *m, rp_model *work, const rp_plan *previous,
               int n_left)
{
    rp_progress_printer printer;
    rp_progress_init(&printer, stderr);
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.from_week = a->from_week - 1;
    opt.order = a->order;
    opt.move_weight = (int)a->move_weight;
    opt.max_changes_per_student = a->has_max_changes ? (int)a->max_changes : -1;
    opt.solve.time_limit = a->time_limit;
    opt.solve.gap = a->gap;
    opt.solve.interrupt = &rp_cli_interrupted;
    if (!a->quiet) {
        opt.solve.progress = rp_progress_print;
        opt.solve.progress_ctx = &printer;
    }
    struct sigaction saved;
    rp_cli_catch_interrupt(&saved);
    rp_plan *plan = NULL;
    rp_replan_result res;
    rp_status st = rp_replan(work, m, previous, &opt, &plan, &res);
    sigaction(SIGINT, &saved, NULL);
    if (!a->quiet)
        rp_progress_end(&printer);
    if (st)
        return report_failure(st, &res, m, previous, a);

    rp_check_report *check = NULL;
    rp_changes changes;
    rp_changes_init(&changes);
    int code = check_plan(m, plan, opt.from_week, &check);
    if (code < 0 && rp_changes_diff(m, previous, plan, opt.from_week, &changes) != RP_OK) {
        fprintf(stderr, "rotaplan: %s\n", rp_status_str(RP_ERR_NOMEM));
        code = RP_EXIT_FAILURE;
    }
    if (code < 0)
        code = write_outputs(m, plan, &changes, a);
    if (code < 0) {
        report(m, previous, plan, &res, &changes, check, n_left, a);
        code = RP_EXIT_OK;
    }
    rp_changes_clear(&changes);
    rp_check_report_free(&check);
    rp_plan_free(&plan);
    return code;
}

int rp_cmd_reschedule(int argc, char **argv)
{
    args a;
    int code = parse_args(argc, argv, &a);
    if (code >= 0)
        return code;
    rp_model *m = NULL, *work = NULL;
    rp_plan *previous = NULL;
    int n_left = 0;
    code = load_inputs(&a, &m, &work, &previous, &n_left);
    if (code < 0)
        code = run(&a, m, work, previous, n_left);
    rp_plan_free(&previous);
    rp_model_free(&work);
    rp_model_free(&m);
    return code;
}
