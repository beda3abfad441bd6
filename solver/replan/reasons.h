/*
 * replan/reasons.h - why each change of a re-plan was made, in the office's
 * words, and the undoing of moves that buy nothing.
 *
 * A change (changes.h) is judged by undoing it in the new plan (the student
 * gets back the rotation of the plan in force and loses the new one) and
 * asking the independent checker (model/check.h, in history mode from
 * from_week) what that breaks which the new plan does not:
 *   forced   the plan in force breaks that same rule of the changed config:
 *            a department over its capacity in those weeks, a closure, the
 *            student unavailable ... ("forced: general_surgery at Bai Chay
 *            Hospital over capacity in weeks 5-6 (capacity 12)"), with the
 *            note of the department's change in those weeks;
 *   chain    it breaks a rule only because of another change that is itself
 *            forced, directly or through a chain: that student takes its
 *            place, or the same student's move takes its weeks ("forced:
 *            makes room in urology at Bai Chay Hospital in weeks 4-6 for
 *            HP104");
 *   gain     undoing it, with the unforced changes it makes room for, breaks
 *            nothing and lowers the score ("improves the score by 3");
 *   nothing  undoing it breaks nothing and does not lower the score.
 * A change whose undoing breaks a rule that nothing above explains (a
 * required rotation only it supplies, say) is forced by that rule, given in
 * the checker's words.
 *
 * Nothing here prints; the checker is the only judge, so these reasons
 * share nothing with the searches that made the plan.
 */
#ifndef RP_REPLAN_REASONS_H
#define RP_REPLAN_REASONS_H

#include "model/model.h"
#include "model/plan.h"
#include "model/changes.h"

/* Fills why, gain, reason and note of every change of c, which must be
 * rp_changes_diff(m, previous, plan, c->from_week). RP_ERR_NOMEM. */
rp_status rp_reasons_explain(const rp_model *m, const rp_plan *previous, const rp_plan *plan,
                             rp_changes *c);

/*
 * Undoes, in plan, every change that buys nothing (undoing it breaks no rule
 * the plan keeps and does not lower the score): a student's changes together
 * first, then one at a time, until none is left. *n_undone counts the undo
 * steps. The plan's rotations are replaced; its status and objective are left
 * for the caller. RP_ERR_NOMEM.
 */
rp_status rp_moves_undo_idle(const rp_model *m, const rp_plan *previous, rp_plan *plan,
                             int from_week, int *n_undone);

#endif
