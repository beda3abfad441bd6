/*
 * cli.h - pieces the subcommands share: loading a config with its
 * diagnostics printed, the checker's verdict on a solver's plan, and Ctrl-C.
 *
 * These print (to stderr); the library modules never do. Like every step of
 * a command they return RP_EXIT_GO_ON (exit.h) when the command goes on,
 * else the exit code to end it with.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "model/check.h"
#include "model/model.h"
#include "model/plan_io.h"
#include "solver/cli/exit.h"
#include "solver/cli/options.h"

/* Loads path into *m, printing its diagnostics. */
int rp_cli_load(const char *path, rp_model **m);

/* Says on stderr that memory ran out when st is RP_ERR_NOMEM: a step out of
 * memory may have had no room for a diagnostic, and exit 6 alone says too
 * little. Call it after printing the step's diagnostics. */
void rp_cli_print_nomem(rp_status st);

/* The independent checker has the last word on a solver's plan: the command
 * goes on when it finds no violation but `short_of` missing required
 * rotations (a partial plan's) and the score the plan states; else the
 * internal error is printed. *report is the checker's (free it either way). */
int rp_cli_check_plan(const rp_model *m, const rp_plan *plan, const rp_check_options *opt,
                      int short_of, rp_check_report **report);

/* Options more than one command takes, spelled and checked alike (help:
 * what the option does for that command). */
rp_cli_option rp_cli_option_quiet(bool *quiet);
rp_cli_option rp_cli_option_time_limit(double *seconds, const char *help);
/* --format F: the index of csv, yaml or json into *choice. */
rp_cli_option rp_cli_option_format(int *choice, const char *help);

/* The format of a plan file: the --format choice when there is one (0 and
 * up), else the one path's extension says. */
rp_plan_format rp_cli_plan_format(int choice, const char *path);

/* Where an option (`option`: "-o") sends an output, checked before any
 * work: base/files.h rp_output_possible. When it cannot be written, the
 * reason is printed and the exit code is RP_EXIT_FAILURE, as a failed write
 * would end the command, only without the wait. */
int rp_cli_output(const rp_cli_command *cmd, const char *option, const char *path);
/* The same for a plan file, whose format must also be known: the --format
 * choice, else the extension (none: CSV); an extension that names no plan
 * format (.xlsx, .ics ...) is refused with a pointer to publish. */
int rp_cli_plan_output(const rp_cli_command *cmd, const char *option, const char *path,
                       int choice);
/* True for "-": the output goes to standard output, so the summary that
 * would go there goes to stderr. */
bool rp_cli_is_stdout(const char *path);
/* Where the summary goes when `output` (NULL: none) may be standard output. */
FILE *rp_cli_summary_stream(const char *output);

/* Set by the first Ctrl-C after rp_cli_catch_interrupt; a search polls it. */
extern volatile sig_atomic_t rp_cli_interrupted;

/* Holds Ctrl-C and termination while an output file is written and put in
 * place: one arriving meanwhile takes effect once released, when the file is
 * whole and no temporary file is left. Pair every hold with a release. */
void rp_cli_hold_interrupts(sigset_t *saved);
void rp_cli_release_interrupts(const sigset_t *saved);

/* Ctrl-C once sets rp_cli_interrupted; a second one (default action) ends
 * the process. The earlier action goes to *saved for sigaction to restore. */
void rp_cli_catch_interrupt(struct sigaction *saved);

#endif
