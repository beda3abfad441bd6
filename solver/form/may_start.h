/*
 * may_start.h - where a student's rotation may begin: the one definition the
 * formulation (which columns exist), the pre-checks (who could be where) and
 * the heuristic (which placements it tries) share.
 *
 * The checker (model/check*) keeps its own reading of the same rules on
 * purpose: it is the independent judge of every plan, so it never calls this.
 */
#ifndef RP_FORM_MAY_START_H
#define RP_FORM_MAY_START_H

#include <stdbool.h>

#include "model/model.h"

/* Whether pins count: the pre-checks look at pins separately, to say which
 * pin is at fault. */
typedef enum rp_pins_rule { RP_PINS_IGNORED, RP_PINS_KEPT } rp_pins_rule;

/*
 * Whether student s may do a rotation of department p's discipline in p
 * starting in 0-based week t: s is not blocked from p, the rotation ends
 * within the horizon, s is available and p open (capacity above 0) every week
 * of it, (RP_PINS_KEPT) every pin of s on that discipline allows p and t,
 * and, when p has teams (model/teams.h), one of them may guide the rotation
 * (rp_may_guide).
 */
bool rp_may_start(const rp_model *m, int s, int p, int t, rp_pins_rule pins);

/* Whether team (of department p) may guide s's rotation there from week t:
 * it guides s (pool, languages), is present every week of the rotation and
 * (RP_PINS_KEPT) is the team of any supervisor a pin of s on p's discipline
 * names. Says nothing about the rest of rp_may_start. */
bool rp_may_guide(const rp_model *m, int s, int p, int team, int t, rp_pins_rule pins);

/* rp_may_start for one way of guiding the rotation: `team` of p, or -1 for a
 * department without teams. */
bool rp_may_start_with(const rp_model *m, int s, int p, int team, int t, rp_pins_rule pins);

#endif
