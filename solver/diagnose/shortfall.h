/*
 * shortfall.h - what the slack of a solved elastic program (elastic.h) says,
 * in the office's words.
 *
 * Each department's extra places and missing students are grouped into runs
 * of consecutive weeks with the same figures ("gynecology at Provincial
 * General Hospital: 1 more place needed in weeks 3-7 (capacity 4, demand
 * 5)"), each student's missed rotations per requirement ("student S3 cannot
 * be given 1 rotation of discipline 'pediatrics' (needs 1, can be given 0)").
 * Each finding sits at the department's or student's place in the config;
 * when a change of the department (leave, a closure) sets the limit in those
 * weeks, at that change, with its note quoted ("... (capacity 24, demand 26;
 * Dr. Tạ on leave)").
 */
#ifndef RP_SHORTFALL_H
#define RP_SHORTFALL_H

#include "solver/diagnose/elastic.h"
#include "solver/diagnose/finding.h"

/* The slack summed by kind, in the units elastic.h prices it. */
typedef struct rp_shortfall {
    long place_weeks;   /* over capacity */
    long student_weeks; /* under a minimum */
    long rotations;     /* required rotations missed */
} rp_shortfall;

/* Appends a finding per run or missed requirement of the solution values[]
 * and sums the slack into *total. RP_OK or RP_ERR_NOMEM. */
rp_status rp_shortfall_findings(const rp_elastic *e, const double *values, rp_findings *out,
                                rp_shortfall *total);

#endif
