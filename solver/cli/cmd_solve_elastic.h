/*
 * cli/cmd_solve_elastic.h - the command line's side of configs without a plan:
 * running a diagnosis with a progress line and Ctrl-C, the diagnosis `solve`
 * prints once the search proves there is no plan, and the students a
 * --partial plan leaves short.
 */
#ifndef RP_CMD_SOLVE_ELASTIC_H
#define RP_CMD_SOLVE_ELASTIC_H

#include <stdbool.h>
#include <stdio.h>

#include "solver/diagnose/diagnose.h"
#include "model/model.h"
#include "solver/diagnose/partial.h"

/* rp_diagnose with the progress line on stderr (unless quiet) and Ctrl-C
 * stopping it; *d as rp_diagnose. */
rp_status rp_cli_diagnose(const rp_model *m, double time_limit, bool skip_precheck, bool quiet,
                          rp_diagnosis *d);

/* Runs the elastic diagnosis (the pre-checks passed already) and prints it
 * to stderr; returns the exit code: 4, or 6 when the diagnosis fails. */
int rp_cli_explain_infeasible(const rp_model *m, const char *config, double time_limit,
                              bool quiet);

/* "short      ..." lines: how many rotations are missed, then each student
 * left short and what they miss. Nothing when none is missed. */
void rp_cli_report_short(FILE *out, const rp_partial_result *res);

#endif
