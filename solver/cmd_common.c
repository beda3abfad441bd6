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
