/*
 * precheck.h - cheap static checks that find the common reasons no plan can
 * exist, before any solve, with exact figures.
 *
 * Every check is a necessary condition of the hard rules in docs/config.md:
 * a finding proves there is no plan (the checks never flag a config that has
 * one). They catch: a discipline whose forced demand exceeds its capacity; a
 * student whose available weeks cannot hold their rotations; a requirement a
 * student cannot meet at all; a department minimum too few students can fill;
 * prerequisites that do not fit; pins that collide with each other, with
 * unavailability, eligibility or capacity, or leave no room before them for
 * what their discipline needs first. Passing them does not prove a plan
 * exists (the elastic diagnosis answers that).
 */
#ifndef RP_PRECHECK_H
#define RP_PRECHECK_H

#include "solver/diagnose/finding.h"
#include "model/model.h"

/* Appends a finding for every problem found; RP_OK (even with findings) or
 * RP_ERR_NOMEM. */
rp_status rp_precheck(const rp_model *m, rp_findings *out);

#endif
