/* rotaplan publish: a checked plan as the office hands it out: a printable
 * timetable, a workbook, calendars and a named CSV, in one new folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/changes.h"
#include "model/check.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/publish/publish.h"

static const char usage_text[] =
    "usage: rotaplan publish CONFIG PLAN --out DIR [--previous OLD_PLAN] [--from-week K]\n"
    "                        [--title TEXT] [--replace] [--allow-violations]\n"
    "\n"
    "Checks PLAN against CONFIG and writes the folder DIR with what the office\n"
    "hands out: index.html (a timetable per hospital, every student's rotations\n"
    "and score, load charts; prints one hospital per A4 landscape page),\n"
    "plan.xlsx, calendar/STUDENT.ics and calendar/HOSPITAL-DEPARTMENT.ics, and\n"
    "plan-named.csv. The folder appears whole or not at all.\n"
    "\n"
    "  --out DIR           the folder to write; it must not exist, unless --replace\n"
    "  --replace           replace DIR when an earlier publish made it and nothing\n"
    "                      else was put in it\n"
    "  --previous PLAN     the plan this one replaces: changes are highlighted\n"
    "  --from-week K       weeks before K are history (as check --from-week); the\n"
    "                      changes are counted from week K\n"
    "  --title TEXT        the page's title (default: the config's name)\n"
    "  --allow-violations  publish a plan that breaks rules, each breach marked\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit codes: 0 written, 1 the plan breaks a rule (nothing written), 2 usage\n"
    "            (DIR exists), 3 the config or a plan file is invalid, 6 I/O failure\n";

struct publish_args {
    const char *config, *plan, *out, *previous, *title;
    int from_week; /* 1-based; 0: none */
    bool replace, allow_violations;
};

static int usage_error(const char *fmt, const char *what)
{
    return rp_cli_usage_error("publish", usage_text, fmt, what);
}

/* 0 when parsed, -1 after --help, else the exit code. */
static int parse_args(int argc, char **argv, struct publish_args *a)
{
    int positional = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **value = strcmp(arg, "--out") == 0 || strcmp(arg, "-o") == 0 ? &a->out
                             : strcmp(arg, "--previous") == 0                      ? &a->previous
                             : strcmp(arg, "--title") == 0                         ? &a->title
                                                                                   : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage_text, stdout);
            return -1;
        } else if (value) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", arg);
            *value = argv[++i];
        } else if (strcmp(arg, "--from-week") == 0) {
            char *end = NULL;
            long k = i + 1 < argc ? strtol(argv[++i], &end, 10) : 0;
            if (!end || *end || k < 1 || k > 1000000)
                return usage_error("%s needs a week number from 1", arg);
            a->from_week = (int)k;
        } else if (strcmp(arg, "--replace") == 0) {
            a->replace = true;
        } else if (strcmp(arg, "--allow-violations") == 0) {
            a->allow_violations = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s'", arg);
        } else if (positional < 2) {
            *(positional++ == 0 ? &a->config : &a->plan) = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (positional < 2)
        return usage_error("%s", "a config and a plan are needed");
    if (!a->out)
        return usage_error("%s", "--out DIR names the folder to write");
    if (a->previous && rp_cli_same_file(a->previous, a->plan))
        return usage_error("--previous names the plan itself ('%s')", a->previous);
    return 0;
}

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
    return st == RP_OK ? -1 : st == RP_ERR_NOMEM ? RP_EXIT_FAILURE : RP_EXIT_INVALID;
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
    int code = parse_args(argc, argv, &a);
    if (code)
        return code < 0 ? RP_EXIT_OK : code;
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
    if ((code = rp_cli_load(a.config, &m)) >= 0 || (code = read_plan(m, a.plan, false, &plan)) >= 0 ||
        (a.previous && (code = read_plan(m, a.previous, true, &previous)) >= 0))
        goto done;
    if (a.from_week > m->weeks) {
        char weeks[32];
        snprintf(weeks, sizeof weeks, "%d", m->weeks);
        code = usage_error("--from-week is past the last week (%s)", weeks);
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
