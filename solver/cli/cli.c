#include "solver/cli/cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "solver/cli/commands.h"
#include "model/load.h"

int rp_cli_load(const char *path, rp_model **m)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = rp_load_config(path, m, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    return st ? rp_exit_code(st) : -1;
}

bool rp_cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
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
    return -1;
}

bool rp_cli_number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || v < 0)
        return false;
    *out = v;
    return true;
}

volatile sig_atomic_t rp_cli_interrupted;

int rp_cli_usage_error(const char *command, const char *usage, const char *fmt,
                       const char *what)
{
    fprintf(stderr, "rotaplan %s: ", command);
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n%s", usage);
    return RP_EXIT_USAGE;
}

int rp_cli_time_limit(const char *command, const char *usage, const char *value, double *out)
{
    if (value && rp_cli_number(value, out) && *out > 0)
        return -1;
    return rp_cli_usage_error(command, usage,
                              "'--time-limit' needs a number of seconds above 0, not '%s'",
                              value ? value : "");
}

static void on_interrupt(int sig)
{
    (void)sig;
    rp_cli_interrupted = 1;
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
