/*
 * cmd_common.h - what several subcommands share: loading a config with its
 * diagnostics printed, reading a number of seconds, and Ctrl-C.
 */
#ifndef RP_CMD_COMMON_H
#define RP_CMD_COMMON_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"

/* Loads path into *m, printing any diagnostics to stderr. Returns -1 when
 * loaded, else the exit code. */
int rp_cli_load(const char *path, rp_model **m);

/* A finite number >= 0 from the whole of text. */
bool rp_cli_number(const char *text, double *out);

/* Prints "rotaplan COMMAND: " and the message (fmt with one %s) to stderr,
 * then the usage; returns RP_EXIT_USAGE. */
int rp_cli_usage_error(const char *command, const char *usage, const char *fmt,
                       const char *what);

/* The value of --time-limit (seconds above 0) into *out. Returns -1 when
 * good, else prints a usage error and returns its exit code. */
int rp_cli_time_limit(const char *command, const char *usage, const char *value, double *out);

/* Set by the first Ctrl-C after rp_cli_catch_interrupt. */
extern volatile sig_atomic_t rp_cli_interrupted;
/* Ctrl-C once sets rp_cli_interrupted; a second one (default action) ends
 * the process. The previous action is saved in *saved for sigaction. */
void rp_cli_catch_interrupt(struct sigaction *saved);

#endif
