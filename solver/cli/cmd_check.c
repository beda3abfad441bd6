/* rotaplan check: every hard rule re-checked and the score broken down, for
 * a plan read from a file. Exit 0 when the plan is valid, 1 on a violation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/check.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/cli/json_out.h"
#include "solver/cli/options.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/cli/roster.h"

static const char about[] =
    "Re-checks every hard rule of CONFIG on the plan in PLAN and recomputes its\n"
    "score term by term (discipline preference, hospital preference, school\n"
    "priority, hospital changes, idle weeks), for the cohort and per student.";

struct check_args {
    const char *config, *plan;
    int format; /* the --format choice, or -1 */
    bool json, roster;
    int from_week; /* 1-based; 0: none */
};

/* Reading an input that is missing or broken is the user's input problem
 * (exit 3); only running out of memory is a failure of the run. */
static int input_exit(rp_status st)
{
    return st == RP_ERR_NOMEM ? RP_EXIT_FAILURE : RP_EXIT_INVALID;
}

static void json_department(FILE *out, const rp_model *m, int d)
{
    if (d < 0) {
        fputs("null", out);
        return;
    }
    char ref[512];
    snprintf(ref, sizeof ref, "%s/%s", m->hospitals[m->departments[d].hospital].id,
             m->departments[d].id);
    rp_json_string(out, ref);
}

static rp_score term_totals(const rp_check_report *r)
{
    rp_score t = {0};
    for (int s = 0; s < r->n_students; s++) {
        t.discipline += r->scores[s].discipline;
        t.hospital += r->scores[s].hospital;
        t.school += r->scores[s].school;
        t.change += r->scores[s].change;
        t.idle += r->scores[s].idle;
        t.total += r->scores[s].total;
        t.n_changes += r->scores[s].n_changes;
        t.n_idle_weeks += r->scores[s].n_idle_weeks;
    }
    return t;
}

static void json_terms(FILE *out, const rp_score *s)
{
    fprintf(out,
            "\"discipline\": %ld, \"hospital\": %ld, \"school\": %ld, \"change\": %ld, "
            "\"idle\": %ld, \"changes\": %d, \"idle_weeks\": %d, \"total\": %ld",
            s->discipline, s->hospital, s->school, s->change, s->idle, s->n_changes,
            s->n_idle_weeks, s->total);
}

/* A JSON list's items and its closing bracket. */
static void json_violations(FILE *out, const rp_model *m, const rp_violation *list, int n)
{
    for (int i = 0; i < n; i++) {
        const rp_violation *v = &list[i];
        fputs(i ? ",\n    {\"rule\": " : "\n    {\"rule\": ", out);
        rp_json_string(out, rp_rule_str(v->rule));
        fputs(", \"student\": ", out);
        if (v->student >= 0)
            rp_json_string(out, m->students[v->student].id);
        else
            fputs("null", out);
        fputs(", \"department\": ", out);
        json_department(out, m, v->department);
        if (v->week >= 0)
            fprintf(out, ", \"week\": %d, \"message\": ", v->week + 1);
        else
            fputs(", \"week\": null, \"message\": ", out);
        rp_json_string(out, v->message);
        fputc('}', out);
    }
    fputs(n ? "\n  ]" : "]", out);
}

#define HISTOGRAM_BINS 12
#define HISTOGRAM_BAR 40

static void json_histogram(FILE *out, const rp_check_report *r)
{
    rp_score_bin bins[HISTOGRAM_BINS];
    int n = rp_check_histogram(r, bins, HISTOGRAM_BINS);
    fputs(",\n  \"histogram\": [", out);
    for (int b = 0; b < n; b++)
        fprintf(out, "%s{\"low\": %ld, \"high\": %ld, \"students\": %d}", b ? ", " : "",
                bins[b].low, bins[b].high, bins[b].students);
    fputc(']', out);
}

/* Scores as a bar per bin, so that the spread shows at a glance. */
static void print_histogram(FILE *out, const rp_check_report *r)
{
    rp_score_bin bins[HISTOGRAM_BINS];
    int n = rp_check_histogram(r, bins, HISTOGRAM_BINS), most = 1;
    for (int b = 0; b < n; b++)
        if (bins[b].students > most)
            most = bins[b].students;
    fprintf(out, "\nstudents by score:\n");
    for (int b = 0; b < n; b++) {
        char label[48];
        if (bins[b].low == bins[b].high)
            snprintf(label, sizeof label, "%ld", bins[b].low);
        else
            snprintf(label, sizeof label, "%ld..%ld", bins[b].low, bins[b].high);
        int bar = (int)(((long)bins[b].students * HISTOGRAM_BAR + most - 1) / most);
        fprintf(out, "  %12s %5d%s", label, bins[b].students, bar ? " " : "");
        for (int i = 0; i < bar; i++)
            fputc('#', out);
        fputc('\n', out);
    }
}

static void print_json(FILE *out, const struct check_args *a, const rp_model *m,
                       const rp_plan *plan, const rp_check_report *r)
{
    fputs("{\n  \"config\": ", out);
    rp_json_string(out, a->config);
    fputs(",\n  \"plan\": ", out);
    rp_json_string(out, a->plan);
    fprintf(out, ",\n  \"valid\": %s,\n  \"violations\": [", r->n_violations ? "false" : "true");
    json_violations(out, m, r->violations, r->n_violations);
    if (a->from_week > 0) {
        fprintf(out, ",\n  \"from_week\": %d,\n  \"warnings\": [", a->from_week);
        json_violations(out, m, r->warnings, r->n_warnings);
    }
    fputs(",\n  \"terms\": {", out);
    rp_score totals = term_totals(r);
    json_terms(out, &totals);
    fprintf(out, "},\n  \"sum\": %ld,\n  \"worst\": %ld,\n  \"worst_student\": ", r->sum, r->worst);
    if (r->worst_student >= 0)
        rp_json_string(out, m->students[r->worst_student].id);
    else
        fputs("null", out);
    if (m->objective.leximin)
        fprintf(out, ",\n  \"fairness\": \"leximin\",\n  \"objective\": %ld", r->objective);
    else
        fprintf(out, ",\n  \"fairness\": %d,\n  \"objective\": %ld", m->objective.fairness,
                r->objective);
    json_histogram(out, r);
    if (plan->has_objective && isfinite(plan->objective))
        fprintf(out, ",\n  \"stated_objective\": %.17g", plan->objective);
    if (a->roster) {
        fputs(",\n  \"roster\": ", out);
        rp_cli_print_roster(out, m, plan, true);
    }
    fputs(",\n  \"students\": [", out);
    for (int s = 0; s < r->n_students; s++) {
        fputs(s ? ",\n    {\"student\": " : "\n    {\"student\": ", out);
        rp_json_string(out, m->students[s].id);
        fputs(", ", out);
        json_terms(out, &r->scores[s]);
        fputc('}', out);
    }
    fputs(r->n_students ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* What --json prints when the config or the plan cannot be read: the
 * diagnostics that say why, so a program gets an answer on stdout too. */
static void print_json_errors(FILE *out, const struct check_args *a, const rp_diags *diags,
                              rp_status st)
{
    fputs("{\n  \"config\": ", out);
    rp_json_string(out, a->config);
    fputs(",\n  \"plan\": ", out);
    rp_json_string(out, a->plan);
    fputs(",\n  \"valid\": false,\n  \"error\": ", out);
    rp_json_string(out, st == RP_ERR_NOMEM ? "out of memory" : "invalid input");
    fputs(",\n  \"diagnostics\": ", out);
    rp_json_diags(out, diags);
    fputs("\n}\n", out);
}

static void print_score_row(FILE *out, const char *label, int width, const rp_score *s)
{
    fprintf(out, "  %-*s %10ld %8ld %6ld %7ld %5ld %7ld\n", width, label, s->discipline,
            s->hospital, s->school, s->change, s->idle, s->total);
}

static void print_text(FILE *out, const rp_model *m, const rp_check_report *r)
{
    if (r->n_violations) {
        fprintf(out, "%d violation%s:\n", r->n_violations, r->n_violations == 1 ? "" : "s");
        for (int i = 0; i < r->n_violations; i++)
            fprintf(out, "  %s: %s\n", rp_rule_str(r->violations[i].rule),
                    r->violations[i].message);
    } else {
        fputs("no violations: the plan keeps every hard rule\n", out);
    }
    if (r->n_warnings) {
        fprintf(out, "%d warning%s about history:\n", r->n_warnings, r->n_warnings == 1 ? "" : "s");
        for (int i = 0; i < r->n_warnings; i++)
            fprintf(out, "  %s: %s\n", rp_rule_str(r->warnings[i].rule), r->warnings[i].message);
    }
    int width = 7;
    for (int s = 0; s < m->n_students; s++)
        if ((int)strlen(m->students[s].id) > width)
            width = (int)strlen(m->students[s].id);
    fprintf(out, "\nscore by student (changes and idle weeks are penalties):\n");
    fprintf(out, "  %-*s %10s %8s %6s %7s %5s %7s\n", width, "student", "discipline", "hospital",
            "school", "changes", "idle", "total");
    for (int s = 0; s < r->n_students; s++)
        print_score_row(out, m->students[s].id, width, &r->scores[s]);
    rp_score totals = term_totals(r);
    print_score_row(out, "all", width, &totals);
    fprintf(out, "\n%d hospital change%s, %d idle week%s\n", totals.n_changes,
            totals.n_changes == 1 ? "" : "s", totals.n_idle_weeks,
            totals.n_idle_weeks == 1 ? "" : "s");
    if (r->worst_student >= 0) {
        const rp_student *w = &m->students[r->worst_student];
        if (w->name && strcmp(w->name, w->id) != 0)
            fprintf(out, "worst-off student: %s (%s), score %ld\n", w->id, w->name, r->worst);
        else
            fprintf(out, "worst-off student: %s, score %ld\n", w->id, r->worst);
    }
    if (m->objective.leximin)
        fprintf(out, "objective: leximin (the lowest scores raised first), sum %ld\n", r->sum);
    else
        fprintf(out, "objective: sum %ld + fairness %d x worst %ld = %ld\n", r->sum,
                m->objective.fairness, r->worst, r->objective);
    print_histogram(out, r);
}

int rp_cmd_check(int argc, char **argv)
{
    struct check_args a = {.format = -1};
    const rp_cli_option options[] = {
        {"json", 0, RP_CLI_FLAG, NULL, "print the result as one JSON object", .flag = &a.json},
        rp_cli_option_format(&a.format, "how PLAN is written: csv, yaml or json (default: "
                                        "from its extension, else csv)"),
        {"from-week", 0, RP_CLI_WEEK, "K",
         "weeks before K are history (a re-planned plan): rules broken only there, and "
         "rotations cut short there, are warnings, not violations",
         .whole = &a.from_week},
        {"roster", 0, RP_CLI_FLAG, NULL,
         "also list, for each named supervisor, the students they guide and when",
         .flag = &a.roster},
        {0}};
    const rp_cli_positional positionals[] = {
        {"CONFIG", true, &a.config}, {"PLAN", true, &a.plan}, {0}};
    const rp_cli_command cmd = {"check", about, NULL, positionals, options,
                                RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_VIOLATIONS, RP_EXIT_USAGE,
                                             RP_EXIT_INVALID, RP_EXIT_FAILURE)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;

    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_plan *plan = NULL;
    rp_check_report *report = NULL;
    rp_status st = rp_load_config(a.config, &m, &diags);
    if (st == RP_OK)
        st = rp_plan_read(m, a.plan, rp_cli_plan_format(a.format, a.plan), &plan, &diags);
    if (diags.count)
        rp_diags_print(&diags, stderr, 50);
    rp_cli_print_nomem(st);
    if (st) {
        if (a.json)
            print_json_errors(stdout, &a, &diags, st);
        code = input_exit(st);
        goto done;
    }
    rp_check_options opt = {a.from_week > 0 ? a.from_week - 1 : 0};
    if ((st = rp_check_plan_with(m, plan, &opt, &report)) != RP_OK) {
        rp_cli_print_nomem(st);
        code = rp_exit_code(st);
        goto done;
    }
    if (plan->has_objective && plan->objective != (double)report->objective)
        fprintf(stderr,
                "rotaplan check: warning: %s states objective %.17g but the plan scores %ld\n",
                a.plan, plan->objective, report->objective);
    if (a.json)
        print_json(stdout, &a, m, plan, report);
    else
        print_text(stdout, m, report);
    if (a.roster && !a.json)
        rp_cli_print_roster(stdout, m, plan, false);
    code = report->n_violations ? RP_EXIT_VIOLATIONS : RP_EXIT_OK;
done:
    rp_check_report_free(&report);
    rp_plan_free(&plan);
    rp_model_free(&m);
    rp_diags_clear(&diags);
    return code;
}
