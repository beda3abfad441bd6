/* Starting points of the elastic search: a plan's columns with the slack
 * making up the rest, and the plan holding only the pins. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/elastic.h"

/* Tolerance for checking a warm start against the rows (all data are integers). */
#define FEAS_TOL 1e-6

/* Sets every slack to what its row needs under the other columns' values:
 * places over capacity, students under a minimum, rotations missed. */
static rp_status fill_slack(const rp_elastic *e, double *values)
{
    const rp_form *f = e->form;
    const rp_model *m = f->model;
    const rp_lp *lp = f->lp;
    double *act = calloc((size_t)lp->n_rows + 1, sizeof *act);
    if (!act)
        return RP_ERR_NOMEM;
    for (size_t k = 0; k < lp->n_coefs; k++)
        if (lp->coefs[k].col < e->n_build_cols)
            act[lp->coefs[k].row] += lp->coefs[k].val * values[lp->coefs[k].col];
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++) {
            int row = rp_form_department_row(f, p, w), over = rp_elastic_over(e, p, w),
                under = rp_elastic_under(e, p, w);
            if (over >= 0)
                values[over] = fmax(0, act[row] - lp->rows[row].ub);
            if (under >= 0)
                values[under] = fmax(0, lp->rows[row].lb - act[row]);
        }
    for (int t = 0; t < m->n_teams; t++)
        for (int w = 0; w < m->weeks; w++) {
            int over = rp_elastic_team_over(e, t, w);
            if (over >= 0) {
                int row = rp_form_team_row(f, t, w);
                values[over] = fmax(0, act[row] - lp->rows[row].ub);
            }
        }
    for (int s = 0; s < m->n_students; s++)
        for (int r = 0; r < m->students[s].n_requirements; r++) {
            int col = rp_elastic_missed(e, s, r);
            if (col >= 0) {
                int row = rp_form_requirement_row(f, s, r);
                values[col] = fmax(0, lp->rows[row].lb - act[row]);
            }
        }
    free(act);
    return RP_OK;
}

typedef struct placing {
    const rp_form *f;
    int s;
    char *busy; /* [weeks] */
    int *end;   /* [disciplines] week after the rotation placed, -1: none */
} placing;

/* Places discipline d for the student in their earliest free column after
 * its prerequisites, which are placed first. False when it does not fit. */
static bool place(placing *pl, rp_plan *plan, int d, rp_status *st)
{
    const rp_model *m = pl->f->model;
    if (pl->end[d] >= 0)
        return true;
    int earliest = 0;
    const rp_discipline *dis = &m->disciplines[d];
    for (int k = 0; k < dis->n_prerequisites; k++) {
        if (!place(pl, plan, dis->prerequisites[k], st))
            return false;
        if (pl->end[dis->prerequisites[k]] > earliest)
            earliest = pl->end[dis->prerequisites[k]];
    }
    for (int t = earliest; t < m->weeks; t++)
        for (int j = pl->f->x_first[pl->s]; j < pl->f->x_first[pl->s + 1]; j++) {
            rp_form_tag tg = rp_form_col_tag(pl->f, j);
            if (tg.discipline != d || tg.week != t ||
                memchr(pl->busy + t, 1, (size_t)dis->length))
                continue;
            memset(pl->busy + t, 1, (size_t)dis->length);
            pl->end[d] = t + dis->length;
            *st = rp_plan_add(plan, pl->s, tg.department, t, dis->length);
            return *st == RP_OK;
        }
    return false;
}

/* Each pinned student's pins (and what they need first), each in the
 * earliest free column; nobody else placed. */
static rp_status pins_only(const rp_form *f, rp_plan *plan)
{
    const rp_model *m = f->model;
    placing pl = {f, 0, malloc((size_t)m->weeks + 1),
                  malloc(((size_t)m->n_disciplines + 1) * sizeof(int))};
    rp_status st = pl.busy && pl.end ? RP_OK : RP_ERR_NOMEM;
    for (int s = 0; s < m->n_students && st == RP_OK; s++) {
        const rp_student *stu = &m->students[s];
        pl.s = s;
        memset(pl.busy, 0, (size_t)m->weeks);
        for (int d = 0; d < m->n_disciplines; d++)
            pl.end[d] = -1;
        for (int k = 0; k < stu->n_pins && st == RP_OK; k++)
            place(&pl, plan, stu->pins[k].discipline, &st);
    }
    free(pl.busy);
    free(pl.end);
    return st;
}

rp_status rp_elastic_warm_start(const rp_elastic *e, const rp_plan *plan, double **out)
{
    const rp_form *f = e->form;
    *out = NULL;
    double *values = malloc(((size_t)f->lp->n_cols + 1) * sizeof *values);
    if (!values)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_values(f, plan, values, NULL);
    if (st == RP_OK)
        st = fill_slack(e, values);
    int breaches = st == RP_OK ? rp_lp_check(f->lp, values, FEAS_TOL, NULL) : 0;
    if (breaches < 0)
        st = RP_ERR_NOMEM;
    if (st == RP_OK && breaches == 0)
        *out = values;
    else
        free(values);
    return st == RP_ERR_INVALID ? RP_OK : st;
}

rp_status rp_elastic_pins_warm_start(const rp_elastic *e, double **out)
{
    *out = NULL;
    rp_plan *plan = rp_plan_new();
    if (!plan)
        return RP_ERR_NOMEM;
    rp_status st = pins_only(e->form, plan);
    if (st == RP_OK)
        st = rp_elastic_warm_start(e, plan, out);
    rp_plan_free(&plan);
    return st;
}
