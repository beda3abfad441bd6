/*
 * cli.h - pieces the subcommands share: loading a config with its
 * diagnostics printed, reading numbers from options, and Ctrl-C.
 *
 * These print (to stderr); the library modules never do.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"

/* Loads path into *m, printing its diagnostics; -1 when loaded, else the
 * exit code. */
int rp_cli_load(const char *path, rp_model **m);

/* A finite number >= 0 from the whole of text. */
bool rp_cli_number(const char *text, double *out);

/* Set by the first Ctrl-C after rp_cli_catch_interrupt; a search polls it. */
extern volatile sig_atomic_t rp_cli_interrupted;

/* Ctrl-C once sets rp_cli_interrupted; a second one (default action) ends
 * the process. The earlier action goes to *saved for sigaction to restore. */
void rp_cli_catch_interrupt(struct sigaction *saved);

#endif
