/*
 * roster.h - who each named supervisor guides, and when: the roster a ward
 * pins on its wall (rotaplan check --roster).
 */
#ifndef RP_CLI_ROSTER_H
#define RP_CLI_ROSTER_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"
#include "model/plan.h"

/* For every named supervisor of m, in config order, the rotations of plan
 * they guide (by first week), as text or as the value of a JSON key. A
 * rotation that changes supervisor is listed under each, for its weeks. */
void rp_cli_print_roster(FILE *out, const rp_model *m, const rp_plan *plan, bool json);

#endif
