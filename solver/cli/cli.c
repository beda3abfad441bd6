#include "solver/cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/files.h"
#include "model/load.h"

int rp_cli_load(const char *path, rp_model **m)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = rp_load_config(path, m, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    rp_cli_print_nomem(st);
    return st ? rp_exit_code(st) : RP_EXIT_GO_ON;
}

void rp_cli_print_nomem(rp_status st)
{
    if (st == RP_ERR_NOMEM)
        fprintf(stderr, "rotaplan: %s\n", rp_status_str(st));
}

/* Requirement violations in r, and whether there is any other. */
static int requirement_violations(const rp_check_report *r, bool *other)
{
    int n = 0;
    *other = false;
    for (int i = 0; i < r->n_violations; i++) {
        n += r->violations[i].rule == RP_RULE_REQUIREMENT;
        *other |= r->violations[i].rule != RP_RULE_REQUIREMENT;
    }
    return n;
}

int rp_cli_check_plan(const rp_model *m, const rp_plan *plan, const rp_check_options *opt,
                      int short_of, rp_check_report **report)
{
    if (rp_check_plan_with(m, plan, opt, report) != RP_OK) {
        fprintf(stderr, "rotaplan: %s\n", rp_status_str(RP_ERR_NOMEM));
        return RP_EXIT_FAILURE;
    }
    const rp_check_report *r = *report;
    bool other;
    int missing = requirement_violations(r, &other);
    if (other || missing != short_of || (double)r->objective != plan->objective) {
        for (int i = 0; i < r->n_violations; i++)
            fprintf(stderr, "rotaplan: internal error: %s\n", r->violations[i].message);
        fprintf(stderr,
                "rotaplan: internal error: the solver's plan scores %.0f, the checker says %ld "
                "with %d violations; no plan written\n",
                plan->objective, r->objective, r->n_violations);
        return RP_EXIT_FAILURE;
    }
    return RP_EXIT_GO_ON;
}

static const char *const plan_formats[] = {"csv", "yaml", "json", NULL};

int rp_cli_output(const rp_cli_command *cmd, const char *option, const char *path)
{
    const char *why;
    if (!path || rp_output_possible(path, &why))
        return RP_EXIT_GO_ON;
    fprintf(stderr, "rotaplan %s: cannot write %s '%s': it %s\n", cmd->name, option, path, why);
    return RP_EXIT_FAILURE;
}

int rp_cli_plan_output(const rp_cli_command *cmd, const char *option, const char *path,
                       int choice)
{
    if (path && choice < 0 && !rp_cli_is_stdout(path) && !rp_plan_format_named(path))
        return rp_cli_usage_error(
            cmd,
            "%s %s: '%s' is not a plan format; name a .csv, .yaml or .json file (or give "
            "--format). For a workbook, calendars or a printable timetable, write the plan and "
            "use 'rotaplan publish CONFIG PLAN --out DIR'",
            option, path, strrchr(path, '.'));
    return rp_cli_output(cmd, option, path);
}

bool rp_cli_is_stdout(const char *path)
{
    return path && strcmp(path, "-") == 0;
}

FILE *rp_cli_summary_stream(const char *output)
{
    return rp_cli_is_stdout(output) ? stderr : stdout;
}

rp_cli_option rp_cli_option_quiet(bool *quiet)
{
    return (rp_cli_option){"quiet", 'q', RP_CLI_FLAG, NULL, "no progress line on stderr",
                           .flag = quiet};
}

rp_cli_option rp_cli_option_time_limit(double *seconds, const char *help)
{
    return (rp_cli_option){"time-limit", 0, RP_CLI_SECONDS, "S", help, .number = seconds};
}

rp_cli_option rp_cli_option_format(int *choice, const char *help)
{
    return (rp_cli_option){"format", 0, RP_CLI_CHOICE, "F", help, .whole = choice,
                           .choices = plan_formats};
}

rp_plan_format rp_cli_plan_format(int choice, const char *path)
{
    return choice >= 0 ? rp_plan_format_parse(plan_formats[choice])
                       : rp_plan_format_for_path(path);
}

volatile sig_atomic_t rp_cli_interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    rp_cli_interrupted = 1;
}

void rp_cli_hold_interrupts(sigset_t *saved)
{
    sigset_t held;
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    sigprocmask(SIG_BLOCK, &held, saved);
}

void rp_cli_release_interrupts(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void rp_cli_catch_interrupt(struct sigaction *saved)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, saved);
}
