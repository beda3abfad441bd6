/*
 * leximin.h - `fairness: leximin`: the worst-off student raised first, then
 * the next, and so on, as a sequence of programs (form.h, "Leximin").
 *
 * A first plan (the heuristic's, else the search's) gives a floor every
 * student keeps: its worst score. Then, level by level from the floor up,
 * the total shortfall below the level is minimised with every lower level
 * held at its optimum, each program started from the plan before. A level
 * the plan before already meets at its lower bound (nobody scoring exactly
 * one below it) needs no search. The sequence ends once every student is
 * below the next level (the sorted scores are then fixed), or when the time
 * runs out: the last plan found is returned, marked optimal only when every
 * level was proven. The objective reported is the sum of the scores.
 */
#ifndef RP_SOLVE_LEXIMIN_H
#define RP_SOLVE_LEXIMIN_H

#include "solver/solve/solve.h"

/* As rp_solve, for a model whose objective is leximin; res->levels says how
 * far the sequence went. */
rp_status rp_solve_leximin(const rp_model *m, const rp_solve_options *opt, rp_plan **plan,
                           rp_solve_result *res);

#endif
