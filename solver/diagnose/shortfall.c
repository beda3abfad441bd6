#include "solver/diagnose/shortfall.h"

#include <stdio.h>

typedef int (*slack_col_fn)(const rp_elastic *e, int department, int week);

/* One department's runs of one kind of slack: consecutive weeks with the
 * same slack and the same limit (capacity or minimum). */
static rp_status department_runs(const rp_elastic *e, const double *values, int p, bool over,
                                 rp_findings *out, long *sum)
{
    const rp_model *m = e->form->model;
    const rp_department *dep = &m->departments[p];
    slack_col_fn col = over ? rp_elastic_over : rp_elastic_under;
    const int *limit = over ? dep->capacity : dep->minimum;
    char name[256], weeks[64];
    for (int w = 0; w < m->weeks;) {
        long k = rp_elastic_value(values, col(e, p, w));
        if (k <= 0) {
            w++;
            continue;
        }
        int last = w;
        while (last + 1 < m->weeks && rp_elastic_value(values, col(e, p, last + 1)) == k &&
               limit[last + 1] == limit[w] &&
               rp_dept_change_in_force(dep, last + 1, over) == rp_dept_change_in_force(dep, w, over))
            last++;
        *sum += k * (last - w + 1);
        rp_describe_department(m, p, name, sizeof name);
        rp_format_week_span(w, last, weeks, sizeof weeks);
        /* a change of the config (leave, a closure) sets the limit those
         * weeks: the finding points at it and quotes its note */
        const rp_dept_change *change = rp_dept_change_in_force(dep, w, over);
        char note[512] = "";
        if (change && change->note)
            snprintf(note, sizeof note, "; %s", change->note);
        rp_finding f = {over ? RP_FIND_DEPARTMENT : RP_FIND_MINIMUM, -1, p, dep->discipline, w,
                        last, 0, 0, change ? change->loc : dep->loc, NULL};
        if (over) {
            f.need = limit[w] + k;
            f.have = limit[w];
            RP_TRY(rp_findings_add(out, f, "%s: %ld more place%s needed in %s (capacity %d, "
                                   "demand %ld%s)", name, k, k == 1 ? "" : "s", weeks, limit[w],
                                   f.need, note));
        } else {
            f.need = limit[w];
            f.have = limit[w] - k;
            RP_TRY(rp_findings_add(out, f, "%s: %ld more student%s needed in %s to reach its "
                                   "minimum (minimum %d, at most %ld can be placed%s)", name, k,
                                   k == 1 ? "" : "s", weeks, limit[w], f.have, note));
        }
        w = last + 1;
    }
    return RP_OK;
}

static rp_status missed_rotations(const rp_elastic *e, const double *values, int s,
                                  rp_findings *out, long *sum)
{
    const rp_student *st = &e->form->model->students[s];
    for (int r = 0; r < st->n_requirements; r++) {
        long k = rp_elastic_value(values, rp_elastic_missed(e, s, r));
        if (k <= 0)
            continue;
        const rp_requirement *req = &st->requirements[r];
        *sum += k;
        rp_finding f = {RP_FIND_MISSING, s, -1, -1, -1, -1, req->min, req->min - k, st->loc,
                        NULL};
        if (req->n_disciplines == 1)
            f.discipline = req->disciplines[0];
        RP_TRY(rp_findings_add(out, f, "student %s cannot be given %ld rotation%s of %s (needs %d, "
                               "can be given %ld)", st->id, k, k == 1 ? "" : "s", req->label,
                               req->min, f.have));
    }
    return RP_OK;
}

rp_status rp_shortfall_findings(const rp_elastic *e, const double *values, rp_findings *out,
                                rp_shortfall *total)
{
    const rp_model *m = e->form->model;
    *total = (rp_shortfall){0, 0, 0};
    for (int p = 0; p < m->n_departments; p++) {
        RP_TRY(department_runs(e, values, p, true, out, &total->place_weeks));
        RP_TRY(department_runs(e, values, p, false, out, &total->student_weeks));
    }
    for (int s = 0; s < m->n_students; s++)
        RP_TRY(missed_rotations(e, values, s, out, &total->rotations));
    return RP_OK;
}
