/* Between column values and plans. */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "form_build.h"

rp_status rp_form_plan(const rp_form *f, const double *values, rp_plan *plan)
{
    rp_plan_reset(plan);
    for (int j = 0; j < f->n_x; j++) {
        if (values[j] <= 0.5)
            continue;
        const rp_form_tag *tg = &f->col_tags[j];
        RP_TRY(rp_plan_add(plan, tg->student, tg->department, tg->week,
                           f->model->disciplines[tg->discipline].length));
    }
    rp_plan_sort(plan);
    return RP_OK;
}

double rp_form_student_score(const rp_form *f, int student, const double *values)
{
    double score = 0;
    for (int j = f->x_first[student]; j < f->x_first[student + 1]; j++)
        score += f->score_coef[j] * values[j];
    for (int j = f->aux_first[student]; j < f->aux_first[student + 1]; j++)
        score += f->score_coef[j] * values[j];
    return score;
}

/* The x columns a student's values choose (> 0.5). */
typedef struct chosen {
    int *cols;
    int n;
} chosen;

/* Week after the student's last covered week (0 when none). */
static int busy_end(const rp_form *f, const chosen *c)
{
    int end = 0;
    for (int k = 0; k < c->n; k++) {
        const rp_form_tag *tg = &f->col_tags[c->cols[k]];
        int e = tg->week + f->model->disciplines[tg->discipline].length;
        if (e > end)
            end = e;
    }
    return end;
}

/* Hospital of the latest rotation started in week <= w (< w when strict),
 * or -1; the week it started in *started. */
static int latest_hospital(const rp_form *f, const chosen *c, int w, bool strict, int *started)
{
    int best = -1, best_week = -1;
    for (int k = 0; k < c->n; k++) {
        const rp_form_tag *tg = &f->col_tags[c->cols[k]];
        if (tg->week > w || (strict && tg->week == w))
            continue;
        if (tg->week > best_week) {
            best_week = tg->week;
            best = tg->hospital;
        }
    }
    if (started)
        *started = best_week;
    return best;
}

static double state_value(const rp_form *f, const chosen *c, const rp_form_tag *tg, int end)
{
    switch (tg->kind) {
    case RP_FORM_COL_ACTIVE:
        return tg->week < end ? 1 : 0;
    case RP_FORM_COL_LAST:
        return latest_hospital(f, c, tg->week, false, NULL) == tg->hospital ? 1 : 0;
    case RP_FORM_COL_CHANGE: {
        int started;
        int now = latest_hospital(f, c, tg->week, false, &started);
        if (started != tg->week)
            return 0;
        int before = latest_hospital(f, c, tg->week, true, NULL);
        return before >= 0 && before != now ? 1 : 0;
    }
    default:
        return 0;
    }
}

rp_status rp_form_values(const rp_form *f, const rp_plan *plan, double *values,
                         int *bad_rotation)
{
    const rp_model *m = f->model;
    memset(values, 0, (size_t)f->lp->n_cols * sizeof *values);
    for (int r = 0; r < plan->n_rotations; r++) {
        const rp_rotation *rot = &plan->rotations[r];
        int j = rp_form_x(f, rot->student, rot->department, rot->start);
        bool fits = j >= 0 && rot->department >= 0 && rot->department < m->n_departments &&
                    rot->length == m->disciplines[m->departments[rot->department].discipline].length;
        if (!fits) {
            if (bad_rotation)
                *bad_rotation = r;
            return RP_ERR_INVALID;
        }
        values[j] = 1;
    }
    chosen c = {malloc(((size_t)plan->n_rotations + 1) * sizeof(int)), 0};
    if (!c.cols)
        return RP_ERR_NOMEM;
    for (int si = 0; si < m->n_students; si++) {
        c.n = 0;
        for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
            if (values[j] > 0.5 && c.n < plan->n_rotations)
                c.cols[c.n++] = j;
        int end = busy_end(f, &c);
        for (int j = f->aux_first[si]; j < f->aux_first[si + 1]; j++)
            values[j] = state_value(f, &c, &f->col_tags[j], end);
    }
    free(c.cols);
    if (f->worst_col >= 0) {
        double worst = DBL_MAX;
        for (int si = 0; si < m->n_students; si++) {
            double s = rp_form_student_score(f, si, values);
            if (s < worst)
                worst = s;
        }
        values[f->worst_col] = worst;
    }
    return RP_OK;
}
