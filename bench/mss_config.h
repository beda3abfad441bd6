/*
 * mss_config.h - an MSS instance written as a rotaplan config (YAML).
 *
 * The ids keep the MSS indices: students s1..sN, hospitals h1..hH,
 * disciplines d1..dD, groups g1..gG, programmes p1..pK; weeks are the MSS
 * periods. The mapping (DESIGN.md):
 *   Duration -> every discipline's length; DiscGroup -> group;
 *   Precededby[d,d1] = 1 -> d1 is a prerequisite of d; ManPref -> priority;
 *   a department (discipline d at hospital h, id d) wherever MaxPosHosp[h,d,t] > 0
 *   for some t, its capacity and minimum the most common value over the weeks
 *   (over open weeks for the capacity) and every other week as a change
 *   (`closed: true` where MaxPosHosp is 0);
 *   students with identical StudDiscGroup rows share a programme whose
 *   requirements are `{group: gK, count: n}` for every group with a discipline
 *   (count 0 included), and max_per_hospital MaxDiscPerHosp;
 *   AllowedDisc = 0 -> avoid_disciplines; Ability = 0 -> avoid_departments
 *   (only where the department exists and the discipline is allowed);
 *   Availability = 0 -> unavailable; WeightPref -> weights {discipline: W1,
 *   hospital: W2, change: -W3, idle: -W4}; PrefStudDisc, PrefStudHosp ->
 *   preferences (zeros left out); objective: default weights 1,
 *   school_priority 1, fairness 1.
 */
#ifndef RP_MSS_CONFIG_H
#define RP_MSS_CONFIG_H

#include <stdio.h>

#include "bench/mss_instance.h"
#include "base/status.h"

/* Writes the config for m to out; `source` (may be NULL) is named in the
 * opening comment and the title. RP_ERR_IO when the stream fails. */
rp_status rp_mss_config_write(const rp_mss *m, const char *source, FILE *out);

/* The programme (0-based) of each student: students with identical
 * StudDiscGroup rows share one, numbered in order of first appearance.
 * Fills programme[students]; returns how many programmes there are. */
int rp_mss_config_programmes(const rp_mss *m, int *programme);

#endif
