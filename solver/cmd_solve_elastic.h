/*
 * cmd_solve_elastic.h - the parts of `rotaplan solve` for a config without a
 * plan: the diagnosis printed once the search proves there is none, and the
 * students a --partial plan leaves short.
 */
#ifndef RP_CMD_SOLVE_ELASTIC_H
#define RP_CMD_SOLVE_ELASTIC_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "partial.h"

/* Runs the elastic diagnosis (the pre-checks passed already) and prints it
 * to stderr; returns the exit code: 4, or 6 when the diagnosis fails. */
int rp_cli_explain_infeasible(const rp_model *m, const char *config, double time_limit,
                              bool quiet);

/* "short      ..." lines: how many rotations are missed, then each student
 * left short and what they miss. Nothing when none is missed. */
void rp_cli_report_short(FILE *out, const rp_partial_result *res);

#endif
