/*
 * glpk/fresh.h - private to solver/glpk: an LP solved from scratch through
 * GLPK's presolver, in a way an interrupt stops at once.
 *
 * GLPK's presolved simplex cannot be stopped and resumed: it looks only at
 * its own time limit, and a try cut short starts again from scratch. So it
 * runs in a child process (a copy of this one, the problem with it) while
 * this one waits, looking at the interrupt and the deadline every few
 * milliseconds, and takes the optimal basis the child found into the
 * problem: the simplex from that basis then has nothing left to do, and
 * gives the solution the child found. Where no child can be made, the
 * presolved solve runs here, in tries of time each twice the last, the
 * interrupt looked at between them.
 */
#ifndef RP_GLPK_FRESH_H
#define RP_GLPK_FRESH_H

#include <signal.h>

#include <glpk.h>

/*
 * Solves P afresh with sm's settings (the presolver on) by the deadline (on
 * base/clock.h; HUGE_VAL: none). Returns 0 with P's basis optimal (the
 * caller's simplex computes the solution from it), GLP_ESTOP at the
 * deadline or when *interrupt (may be NULL) becomes non-zero, or GLPK's code
 * of a failure, P's basis then as it was. sm comes back with the presolver
 * off. Called where GLPK's error hook is installed.
 */
int rp_glpk_fresh_basis(glp_prob *P, glp_smcp *sm, double deadline,
                        volatile sig_atomic_t *interrupt);

#endif
