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

/* What a diagnosis is asked: a config alone, or with a plan in force kept
 * before from_week (a re-plan's question). */
typedef struct rp_cli_question {
    const char *config;      /* its path, for the messages */
    const rp_plan *previous; /* or NULL */
    int from_week;           /* 0-based, with previous */
    double time_limit;
    bool skip_precheck;      /* the pre-checks passed already (solve) */
    bool quiet;
} rp_cli_question;

/* rp_diagnose with the progress line on stderr (unless quiet) and Ctrl-C
 * stopping it; *d as rp_diagnose. */
rp_status rp_cli_diagnose(const rp_model *m, const rp_cli_question *q, rp_diagnosis *d);

/* After a search proved there is no plan: runs the elastic diagnosis and
 * prints it to stderr; returns the exit code: 4, or 6 when the diagnosis
 * fails. With a plan in force, a diagnosis that finds a plan means the
 * change limit per student stood in the way, and says so. */
int rp_cli_explain_infeasible(const rp_model *m, const rp_cli_question *q);

/* "short      ..." lines: how many rotations are missed, then each student
 * left short and what they miss. Nothing when none is missed. */
void rp_cli_report_short(FILE *out, const rp_findings *short_of, long missed, long missed_bound);

#endif
