/*
 * teams.h - supervisors who can stand in for one another (rp_team in
 * model.h), and one supervisor for every rotation of a plan.
 *
 * The loader builds the teams once every student is read (a supervisor
 * named by a pin is a team of their own); a caller that adds pins later
 * builds them again. Teams are what the formulation and the heuristic count
 * against; rp_teams_assign turns a plan whose rotations say only which team
 * guides them into one with a named supervisor per rotation. The checker
 * never uses any of this: it judges supervisors one by one.
 */
#ifndef RP_TEAMS_H
#define RP_TEAMS_H

#include <stdbool.h>

#include "model/model.h"
#include "model/plan.h"

/*
 * Builds m->teams (replacing any), each department's first_team/n_teams and
 * each supervisor's team, and blocks students from departments with teams
 * where none guides them (RP_BLOCK_POOL, RP_BLOCK_LANGUAGE). RP_ERR_NOMEM.
 */
rp_status rp_model_build_teams(rp_model *m);
/* Frees the teams; accepts a model without. */
void rp_model_free_teams(rp_model *m);

/* Whether team may guide student s: its pool is theirs (or it guides every
 * pool) and, when named, it speaks one of their languages (or they need none). */
bool rp_team_guides(const rp_model *m, int team, int student);
/* Whether team is there (capacity above 0) every week of start .. start+length-1. */
bool rp_team_present(const rp_model *m, int team, int start, int length);

/*
 * Gives each rotation i of plan whose department has named supervisors one
 * member of team_of[i] for all its weeks: in order of first week, a member
 * with room in the rotation's first week, the one guiding fewest so far. When
 * no team holds more rotations in any week than its capacity and every
 * rotation lies in weeks its team is present, every rotation gets one, each
 * member guiding at most their ratio in any week (interval colouring: a free
 * place always exists when a rotation begins). Rotations elsewhere, or with
 * team_of[i] < 0, get no supervisor. RP_ERR_INVALID (some left without one,
 * their supervisor -1) when the counts do not hold; RP_ERR_NOMEM.
 */
rp_status rp_teams_assign(const rp_model *m, rp_plan *plan, const int *team_of);

/* The same, giving rotation i its `prefer[i]` supervisor (prefer may be NULL,
 * an entry -1) whenever they are a member of its team with room when the
 * rotation begins. Any member with room keeps the promise above, so
 * preferring one costs nothing: re-planning keeps supervisors this way. */
rp_status rp_teams_assign_preferring(const rp_model *m, rp_plan *plan, const int *team_of,
                                     const int *prefer);

/* The team guiding student s's rotation in department p from week start for
 * length weeks: its supervisor's (when one of p's), else the first of p's
 * teams that guides s and is present throughout (for a department whose
 * supervisors are counted per pool, the student's pool's); -1 when p has no
 * teams, or none fits. */
int rp_team_for(const rp_model *m, int s, int p, int start, int length, int supervisor);

/* The team of each rotation as its supervisor says ([n_rotations], -1 for
 * none or a supervisor of another department); the caller frees it. NULL
 * when out of memory. */
int *rp_teams_of_plan(const rp_model *m, const rp_plan *plan);

#endif
