/*
 * model/changes.h - what a re-plan changed, in the office's words: who moves
 * from which department and weeks to which, so the office knows whom to tell
 * and which supervisors to warn. It compares two plans and needs no solver, so
 * it sits with the plans: reschedule prints it, publish shows it.
 *
 * rp_changes_diff compares two plans of one config from week `from_week` on.
 * A previous rotation ending at or after from_week that the new plan does not
 * hold unchanged is "dropped"; a new rotation ending at or after from_week
 * that the previous plan did not hold is "added". Per student, dropped and
 * added rotations are paired (same discipline first, then in week order) into
 * one change each; the rest stand alone. Student-weeks count the weeks from
 * from_week on in which a student's department (or being idle) differs.
 */
#ifndef RP_CHANGES_H
#define RP_CHANGES_H

#include <stdio.h>

#include "base/atomic_file.h"
#include "base/diag.h"
#include "model/model.h"
#include "model/plan.h"

/* Why a change was made (reasons.h fills it in; the diff leaves it unknown). */
typedef enum rp_change_why {
    RP_WHY_UNKNOWN = 0, /* not judged */
    RP_WHY_FORCED,      /* the plan in force breaks a rule of the config there */
    RP_WHY_CHAIN,       /* a forced change needs it (its place or its weeks) */
    RP_WHY_GAIN,        /* it improves the score by `gain` */
    RP_WHY_NOTHING      /* it buys nothing: re-plans undo such moves */
} rp_change_why;

typedef struct rp_change {
    int student;
    rp_rotation from; /* department -1: nothing was there (a new rotation) */
    rp_rotation to;   /* department -1: nothing instead (dropped) */
    bool cut;         /* from ran across from_week and was cut there */
    rp_change_why why;
    long gain;        /* RP_WHY_GAIN: the score points it buys (with the moves it needs) */
    char *reason;     /* owned: why, in the office's words ("forced: ..."), or NULL */
    char *note;       /* owned: the config's note on the department change behind it,
                         or NULL */
} rp_change;

typedef struct rp_changes {
    rp_change *items; /* by student, then week */
    int count;
    int n_students;      /* students with at least one change */
    int n_student_weeks; /* see above */
    int from_week;
} rp_changes;

void rp_changes_init(rp_changes *c);
void rp_changes_clear(rp_changes *c);

/* Fills c (emptied first). RP_ERR_NOMEM. */
rp_status rp_changes_diff(const rp_model *m, const rp_plan *previous, const rp_plan *next,
                          int from_week, rp_changes *c);

/* The sentence of change i into buf (no leading blanks, no line end), e.g.
 * "HP017 (Nguyễn Thị Thanh Hương) moves from cardiology at Bai Chay Hospital
 * (weeks 5-7) to urology at Bai Chay Hospital (weeks 7-9)". */
void rp_change_sentence(const rp_model *m, const rp_changes *c, int i, char *buf,
                        size_t size);

/* "forced", "chain", "gain", "nothing", or "" when not judged. */
const char *rp_change_why_str(rp_change_why why);

/* One sentence per change, e.g. "HP017 (Nguyễn Thị Thanh Hương) moves from
 * cardiology at Bai Chay Hospital (weeks 5-7) to urology at Bai Chay Hospital
 * (weeks 7-9)", and under it its reason with the config's note when known. */
void rp_changes_print(FILE *out, const rp_model *m, const rp_changes *c);

/* The changes as CSV, written atomically to path (a diagnostic on failure):
 * student,name,from_hospital,from_department,from_discipline,from_weeks,
 * to_hospital,to_department,to_discipline,to_weeks,note,why,reason,gain,
 * config_note. `note` says "cut after week N", "new rotation" or "dropped";
 * `why` is forced, chain, gain or nothing (empty when not judged); `gain` the
 * score points a gain buys; `config_note` the note of the department change
 * behind a forced move. */
rp_status rp_changes_write_csv(const rp_model *m, const rp_changes *c, const char *path,
                               rp_diags *diags);

/* The same but the last step, as rp_plan_write_ready: the file whole in *af,
 * not yet in place. */
rp_status rp_changes_write_csv_ready(const rp_model *m, const rp_changes *c, const char *path,
                                     rp_atomic_file *af, rp_diags *diags);

#endif
