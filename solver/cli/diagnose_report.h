/*
 * diagnose_report.h - a diagnosis (diagnose.h) as the office reads it, or as
 * one JSON object for programs, written to a stream the caller gives.
 *
 * Findings print as diagnostics at the config entity's file and line; then a
 * closing line says what they add up to (the smallest relaxation found, and
 * whether the search proved it smallest).
 */
#ifndef RP_DIAGNOSE_REPORT_H
#define RP_DIAGNOSE_REPORT_H

#include <stdio.h>

#include "solver/diagnose/diagnose.h"

/* Findings, then the verdict in one sentence about `config`. */
void rp_diagnose_report_text(FILE *out, const rp_diagnosis *d, const char *config);
/* The same as one JSON object (keys in docs: verdict, found_by, relaxation,
 * findings, seconds ...). */
void rp_diagnose_report_json(FILE *out, const rp_model *m, const rp_diagnosis *d,
                             const char *config);

/* "2 place-weeks of extra capacity, 1 required rotation missed" */
void rp_diagnose_relaxation_text(FILE *out, const rp_shortfall *s);
/* One finding as a JSON object (keys as in the diagnosis's findings). */
void rp_diagnose_finding_json(FILE *out, const rp_model *m, const rp_finding *f);

/* The exit code of a verdict (exit.h): 0 plan, 4 infeasible or rigid,
 * 5 undecided (130 when interrupted). */
int rp_diagnose_exit_code(const rp_diagnosis *d);

#endif
