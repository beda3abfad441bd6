#include "cmd_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "load.h"

volatile sig_atomic_t rp_cli_interrupted;

int rp_cli_load(const char *path, rp_model **m)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_status st = rp_load_config(path, m, &diags);
    rp_diags_print(&diags, stderr, 0);
    rp_diags_clear(&diags);
    return st ? rp_exit_code(st) : -1;
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
