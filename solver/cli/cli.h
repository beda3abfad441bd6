/*
 * cli.h - pieces the subcommands share: loading a config with its
 * diagnostics printed, the checker's verdict on a solver's plan, reading
 * numbers from options, usage errors, and Ctrl-C.
 *
 * These print (to stderr); the library modules never do.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <signal.h>
#include <stdbool.h>

#include "model/check.h"
#include "model/model.h"

/* Loads path into *m, printing its diagnostics; -1 when loaded, else the
 * exit code. */
int rp_cli_load(const char *path, rp_model **m);

/* True when both paths name one existing file, or are the same string. */
bool rp_cli_same_file(const char *a, const char *b);

/* The independent checker has the last word on a solver's plan: -1 when it
 * finds no violation but `short_of` missing required rotations (a partial
 * plan's) and the score the plan states, else the exit code (internal error
 * printed). *report is the checker's (free it either way). */
int rp_cli_check_plan(const rp_model *m, const rp_plan *plan, const rp_check_options *opt,
                      int short_of, rp_check_report **report);

/* A finite number >= 0 from the whole of text. */
bool rp_cli_number(const char *text, double *out);

/* Prints "rotaplan COMMAND: " and the message (fmt with one %s) to stderr,
 * then the usage; returns RP_EXIT_USAGE. */
int rp_cli_usage_error(const char *command, const char *usage, const char *fmt,
                       const char *what);

/* The value of --time-limit (seconds above 0) into *out. Returns -1 when
 * good, else prints a usage error and returns its exit code. */
int rp_cli_time_limit(const char *command, const char *usage, const char *value, double *out);

/* Set by the first Ctrl-C after rp_cli_catch_interrupt; a search polls it. */
extern volatile sig_atomic_t rp_cli_interrupted;

/* Ctrl-C once sets rp_cli_interrupted; a second one (default action) ends
 * the process. The earlier action goes to *saved for sigaction to restore. */
void rp_cli_catch_interrupt(struct sigaction *saved);

#endif
