/* rotaplan publish: a checked plan as the office hands it out: a printable
 * timetable, a workbook, calendars and a named CSV, in one new folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/changes.h"
#include "model/check.h"
#include "model/load.h"
#include "base/files.h"
#include "model/plan_io.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "solver/publish/publish.h"

static const char about[] =
    "Checks PLAN against CONFIG and writes the folder DIR with what the office\n"
    "hands out: index.html (a timetable per hospital, every student's rotations\n"
    "and score, load charts; prints one hospital per A4 landscape page),\n"
    "plan.xlsx, calendar/STUDENT.ics and calendar/HOSPITAL-DEPARTMENT.ics, and\n"
    "plan-named.csv. The folder appears whole or not at all (docs/publish.md).";

static const char notes[] =
    "DIR must not exist, unless --replace is given and an earlier publish made it\n"
    "(it holds .rotaplan-publish) with nothing else put in it; a file, a link or\n"
    "any other folder is never replaced. The config needs a start_date.";

struct publish_args {
    const char *config, *plan, *out, *previous, *title;
    int from_week; /* 1-based; 0: none */
    bool replace, allow_violations;
};

/* When published: SOURCE_DATE_EPOCH when set (reproducible outputs), else now. */
static time_t publish_stamp(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long t = epoch ? strtoll(epoch, &end, 10) : 0;
    return epoch && *epoch && end && !*end && t >= 0 ? (time_t)t : time(NULL);
}

/* A previous plan may name students who have since left (as for
 * reschedule): they are left out with a note. */
static int read_plan(const rp_model *m, const char *path, bool previous, rp_plan **plan)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_plan_read_options opt = {.skip_unknown_students = previous};
    rp_status st = rp_plan_read_with(m, path, &opt, plan, &diags);
    rp_diags_print(&diags, stderr, 50);
    rp_diags_clear(&diags);
    return st == RP_OK ? RP_EXIT_GO_ON : st == RP_ERR_NOMEM ? RP_EXIT_FAILURE : RP_EXIT_INVALID;
}

static void print_breaches(const rp_check_report *r, bool allowed)
{
    fprintf(stderr, "rotaplan publish: the plan breaks %d rule%s%s\n", r->n_violations,
            r->n_violations == 1 ? "" : "s",
            allowed ? "; each breach is marked in what is written"
                    : "; nothing written (--allow-violations publishes it with each breach "
                      "marked)");
    for (int i = 0; i < r->n_violations && i < 50; i++)
        fprintf(stderr, "  %s: %s\n", rp_rule_str(r->violations[i].rule),
                r->violations[i].message);
    if (r->n_violations > 50)
        fprintf(stderr, "  ... and %d more\n", r->n_violations - 50);
}

int rp_cmd_publish(int argc, char **argv)
{
    struct publish_args a = {0};
    const rp_cli_option options[] = {
        {"out", 'o', RP_CLI_FILE, "DIR", "the folder to write", .required = true,
         .text = &a.out},
        {"replace", 0, RP_CLI_FLAG, NULL,
         "replace DIR when an earlier publish made it and nothing else was put in it",
         .flag = &a.replace},
        {"previous", 0, RP_CLI_FILE, "OLD_PLAN",
         "the plan this one replaces: its changes are highlighted", .text = &a.previous},
        {"from-week", 0, RP_CLI_WEEK, "K",
         "weeks before K are history (as check --from-week); changes count from week K",
         .whole = &a.from_week},
        {"title", 0, RP_CLI_FILE, "TEXT", "the page's title (default: the config's name)",
         .text = &a.title},
        {"allow-violations", 0, RP_CLI_FLAG, NULL,
         "publish a plan that breaks rules, each breach marked", .flag = &a.allow_violations},
        {0}};
    const rp_cli_positional positionals[] = {
        {"CONFIG", true, &a.config}, {"PLAN", true, &a.plan}, {0}};
    const rp_cli_command cmd = {"publish", about, notes, positionals, options,
                                RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_VIOLATIONS, RP_EXIT_USAGE,
                                             RP_EXIT_INVALID, RP_EXIT_FAILURE)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;
    if (a.previous && rp_same_file(a.previous, a.plan))
        return rp_cli_usage_error(&cmd, "--previous names the plan itself ('%s')", a.previous);
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_plan *plan = NULL, *previous = NULL;
    rp_check_report *report = NULL;
    rp_changes changes;
    rp_changes_init(&changes);
    /* The folder first: nothing is worth computing when it cannot be written. */
    rp_status st = rp_publish_check_target(a.out, a.replace, &diags);
    if (st) {
        rp_diags_print(&diags, stderr, 0);
        code = st == RP_ERR_INVALID ? RP_EXIT_USAGE : rp_exit_code(st);
        goto done;
    }
    if ((code = rp_cli_load(a.config, &m)) != RP_EXIT_GO_ON ||
        (code = read_plan(m, a.plan, false, &plan)) != RP_EXIT_GO_ON ||
        (a.previous && (code = read_plan(m, a.previous, true, &previous)) != RP_EXIT_GO_ON))
        goto done;
    if (a.from_week > m->weeks) {
        code = rp_cli_usage_error(&cmd, "--from-week %d is past the last week (%d)", a.from_week,
                                  m->weeks);
        goto done;
    }
    rp_check_options opt = {a.from_week > 0 ? a.from_week - 1 : 0};
    if (rp_check_plan_with(m, plan, &opt, &report) != RP_OK ||
        (previous && rp_changes_diff(m, previous, plan, opt.from_week, &changes) != RP_OK)) {
        fprintf(stderr, "rotaplan publish: %s\n", rp_status_str(RP_ERR_NOMEM));
        code = RP_EXIT_FAILURE;
        goto done;
    }
    if (report->n_violations) {
        print_breaches(report, a.allow_violations);
        if (!a.allow_violations) {
            code = RP_EXIT_VIOLATIONS;
            goto done;
        }
    }
    rp_publish p = {.m = m,
                    .plan = plan,
                    .report = report,
                    .changes = previous ? &changes : NULL,
                    .title = a.title,
                    .config_path = a.config,
                    .stamp = publish_stamp(),
                    .replace = a.replace};
    st = rp_publish_folder(&p, a.out, &diags);
    rp_diags_print(&diags, stderr, 0);
    code = rp_exit_code(st);
    if (st == RP_OK) {
        printf("published  %s/: index.html, plan.xlsx, plan-named.csv, calendar/ "
               "(%d student and %d department calendars)\n",
               a.out, m->n_students, m->n_departments);
        if (previous)
            printf("changes    %d rotation%s for %d student%s, highlighted\n", changes.count,
                   changes.count == 1 ? "" : "s", changes.n_students,
                   changes.n_students == 1 ? "" : "s");
    }
done:
    rp_changes_clear(&changes);
    rp_check_report_free(&report);
    rp_plan_free(&previous);
    rp_plan_free(&plan);
    rp_model_free(&m);
    rp_diags_clear(&diags);
    return code;
}
