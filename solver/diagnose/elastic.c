#include "solver/diagnose/elastic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/glpk/driver.h"

/* Tolerance for checking a solution against the rows (all data are integers). */
#define FEAS_TOL 1e-6
/* Neighbourhoods tried in a row without a better warm start (measured on
 * bench/run-diagnose; the default 10 left a few runs searching the tree) */
#define RINS_PATIENCE 40

void rp_elastic_free(rp_elastic **ep)
{
    if (!ep || !*ep)
        return;
    rp_elastic *e = *ep;
    rp_form_free(&e->form);
    free(e->over);
    free(e->under);
    free(e->team_over);
    free(e->missed);
    free(e->score_obj);
    free(e);
    *ep = NULL;
}

static int *unset(size_t n)
{
    int *a = malloc((n ? n : 1) * sizeof *a);
    for (size_t i = 0; a && i < n; i++)
        a[i] = -1;
    return a;
}

/* Keeps the score objective aside (rp_elastic_score_within restores it)
 * and leaves the slack cost as the only objective. */
static rp_status set_aside_score(rp_elastic *e)
{
    rp_lp *lp = e->form->lp;
    e->n_build_cols = lp->n_cols;
    e->score_obj = malloc(((size_t)lp->n_cols + 1) * sizeof *e->score_obj);
    if (!e->score_obj)
        return RP_ERR_NOMEM;
    for (int j = 0; j < lp->n_cols; j++) {
        e->score_obj[j] = lp->cols[j].obj;
        lp->cols[j].obj = 0;
    }
    lp->maximise = false;
    return RP_OK;
}

/* With rules.limits_last, more than all the rotations that can be missed. */
static double limit_cost(const rp_elastic *e)
{
    if (!e->rules.limits_last)
        return 1;
    const rp_model *m = e->form->model;
    double all = 1;
    for (int s = 0; s < m->n_students; s++)
        for (int r = 0; r < m->students[s].n_requirements; r++)
            all += m->students[s].requirements[r].min;
    return all;
}

/* A team's places bend like a department's: a pool or a supervisor short is
 * a capacity short. */
static void team_slacks(rp_elastic *e, double cost)
{
    rp_form *f = e->form;
    const rp_model *m = f->model;
    for (int t = 0; t < m->n_teams && e->rules.capacity; t++)
        for (int w = 0; w < m->weeks; w++) {
            int row = rp_form_team_row(f, t, w);
            if (row < 0)
                continue;
            size_t at = (size_t)t * m->weeks + w;
            e->team_over[at] = rp_lp_add_col(f->lp, RP_LP_INTEGER, 0, m->n_students, cost,
                                             "team_over[%d,w%d]", t, w + 1);
            if (e->team_over[at] >= 0)
                rp_lp_add_coef(f->lp, row, e->team_over[at], -1);
        }
}

static void department_slacks(rp_elastic *e)
{
    rp_form *f = e->form;
    const rp_model *m = f->model;
    double cost = limit_cost(e);
    team_slacks(e, cost);
    for (int p = 0; p < m->n_departments; p++) {
        const rp_department *dep = &m->departments[p];
        for (int w = 0; w < m->weeks; w++) {
            int row = rp_form_department_row(f, p, w);
            size_t at = (size_t)p * m->weeks + w;
            if (row < 0)
                continue;
            if (e->rules.capacity) {
                e->over[at] = rp_lp_add_col(f->lp, RP_LP_INTEGER, 0, m->n_students, cost,
                                            "over[%d,w%d]", p, w + 1);
                if (e->over[at] >= 0)
                    rp_lp_add_coef(f->lp, row, e->over[at], -1);
            }
            if (e->rules.minimum && dep->minimum[w] > 0) {
                e->under[at] = rp_lp_add_col(f->lp, RP_LP_INTEGER, 0, dep->minimum[w], cost,
                                             "under[%d,w%d]", p, w + 1);
                if (e->under[at] >= 0)
                    rp_lp_add_coef(f->lp, row, e->under[at], 1);
            }
        }
    }
}

/* What missing one rotation of req costs: more than the place-weeks that
 * would let the longest of them fit, when places may be added at all. */
static double missed_cost(const rp_elastic *e, const rp_requirement *req)
{
    if ((!e->rules.capacity && !e->rules.minimum) || e->rules.limits_last)
        return 1;
    int longest = 0;
    for (int k = 0; k < req->n_disciplines; k++) {
        int len = e->form->model->disciplines[req->disciplines[k]].length;
        if (len > longest)
            longest = len;
    }
    return 1 + longest;
}

static void requirement_slacks(rp_elastic *e)
{
    rp_form *f = e->form;
    const rp_model *m = f->model;
    for (int s = 0; s < m->n_students; s++) {
        const rp_student *st = &m->students[s];
        for (int r = 0; r < st->n_requirements; r++) {
            const rp_requirement *req = &st->requirements[r];
            int row = rp_form_requirement_row(f, s, r);
            if (row < 0 || req->min <= 0)
                continue;
            int col = rp_lp_add_col(f->lp, RP_LP_INTEGER, 0, req->min, missed_cost(e, req),
                                    "missed[%s,%d]", st->id, r + 1);
            if (col >= 0)
                rp_lp_add_coef(f->lp, row, col, 1);
            e->missed[f->req_first[s] + r] = col;
        }
    }
}

rp_status rp_elastic_build(const rp_model *m, rp_elastic_rules rules,
                           const rp_form_options *form, rp_elastic **out)
{
    *out = NULL;
    rp_elastic *e = calloc(1, sizeof *e);
    if (!e)
        return RP_ERR_NOMEM;
    e->rules = rules;
    rp_form_options fo;
    if (form)
        fo = *form;
    else
        rp_form_options_init(&fo);
    fo.names = false;
    fo.may_stop_early = rules.requirement;
    rp_status st = rp_form_build(m, &fo, &e->form);
    if (st)
        goto fail;
    size_t cells = (size_t)m->n_departments * (size_t)m->weeks;
    e->over = unset(cells);
    e->under = unset(cells);
    e->missed = unset((size_t)e->form->req_first[m->n_students]);
    e->team_over = unset((size_t)m->n_teams * (size_t)m->weeks);
    st = RP_ERR_NOMEM;
    if (!e->over || !e->under || !e->missed || !e->team_over)
        goto fail;
    RP_TRY_GOTO(set_aside_score(e), fail);
    department_slacks(e);
    if (rules.requirement)
        requirement_slacks(e);
    RP_TRY_GOTO(rp_lp_status(e->form->lp), fail);
    *out = e;
    return RP_OK;
fail:
    rp_elastic_free(&e);
    return st;
}

int rp_elastic_over(const rp_elastic *e, int department, int week)
{
    return e->over[(size_t)department * e->form->model->weeks + week];
}

int rp_elastic_under(const rp_elastic *e, int department, int week)
{
    return e->under[(size_t)department * e->form->model->weeks + week];
}

int rp_elastic_team_over(const rp_elastic *e, int team, int week)
{
    return e->team_over[(size_t)team * e->form->model->weeks + week];
}

int rp_elastic_missed(const rp_elastic *e, int student, int requirement)
{
    const rp_form *f = e->form;
    if (requirement < 0 || requirement >= f->req_first[student + 1] - f->req_first[student])
        return -1;
    return e->missed[f->req_first[student] + requirement];
}

long rp_elastic_value(const double *values, int col)
{
    return col < 0 ? 0 : lround(values[col]);
}

long rp_elastic_limit_slack(const rp_elastic *e, const double *values)
{
    const rp_model *m = e->form->model;
    long sum = 0;
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++)
            sum += rp_elastic_value(values, rp_elastic_over(e, p, w)) +
                   rp_elastic_value(values, rp_elastic_under(e, p, w));
    for (int t = 0; t < m->n_teams; t++)
        for (int w = 0; w < m->weeks; w++)
            sum += rp_elastic_value(values, rp_elastic_team_over(e, t, w));
    return sum;
}

long rp_elastic_missed_total(const rp_elastic *e, const double *values)
{
    const rp_model *m = e->form->model;
    long sum = 0;
    for (int s = 0; s < m->n_students; s++)
        for (int r = 0; r < m->students[s].n_requirements; r++)
            sum += rp_elastic_value(values, rp_elastic_missed(e, s, r));
    return sum;
}

void rp_elastic_hold_limits(rp_elastic *e)
{
    size_t cells = (size_t)e->form->model->n_departments * (size_t)e->form->model->weeks;
    for (size_t i = 0; i < cells; i++) {
        if (e->over[i] >= 0)
            rp_lp_set_col_bounds(e->form->lp, e->over[i], 0, 0);
        if (e->under[i] >= 0)
            rp_lp_set_col_bounds(e->form->lp, e->under[i], 0, 0);
    }
    size_t team_cells = (size_t)e->form->model->n_teams * (size_t)e->form->model->weeks;
    for (size_t i = 0; i < team_cells; i++)
        if (e->team_over[i] >= 0)
            rp_lp_set_col_bounds(e->form->lp, e->team_over[i], 0, 0);
}

/* The student of each column, -1 for none (slack of a department). */
static int *column_students(const rp_elastic *e)
{
    const rp_lp *lp = e->form->lp;
    int *group = malloc(((size_t)lp->n_cols + 1) * sizeof *group);
    for (int j = 0; group && j < lp->n_cols; j++)
        group[j] = rp_form_col_tag(e->form, j).student;
    const rp_model *m = e->form->model;
    for (int s = 0; group && s < m->n_students; s++)
        for (int r = 0; r < m->students[s].n_requirements; r++)
            if (rp_elastic_missed(e, s, r) >= 0)
                group[rp_elastic_missed(e, s, r)] = s;
    return group;
}

rp_status rp_elastic_solve(rp_elastic *e, const rp_mip_options *opt, rp_mip_result *res)
{
    rp_lp *lp = e->form->lp;
    memset(res, 0, sizeof *res);
    rp_lp_compact(lp);
    rp_mip_options mo = *opt;
    double *warm_start = NULL;
    if (!mo.warm_start) {
        rp_status st = rp_elastic_pins_warm_start(e, &warm_start);
        if (st) {
            res->status = st;
            return st;
        }
        mo.warm_start = warm_start;
    }
    int *group = mo.warm_start && !mo.col_group ? column_students(e) : NULL;
    if (group)
        mo.col_group = group;
    rp_glpk_tuning tune;
    rp_glpk_tuning_init(&tune);
    /* the root LP's bound is usually the answer: finding a plan that meets
     * it is the work, and neighbourhoods around the warm start find it sooner
     * than the tree does */
    tune.rins_patience = RINS_PATIENCE;
    rp_status st = rp_glpk_solve(lp, &mo, &tune, res);
    free(warm_start);
    free(group);
    if (st != RP_OK)
        return st;
    /* the search's word is checked, not trusted */
    int breaches = rp_lp_check(lp, res->values, FEAS_TOL, NULL);
    if (breaches != 0) {
        rp_mip_result_clear(res);
        st = breaches < 0 ? RP_ERR_NOMEM : RP_ERR_SOLVER;
        res->status = st;
    }
    return st;
}

rp_status rp_elastic_score_within(rp_elastic *e, long budget)
{
    rp_lp *lp = e->form->lp;
    int row = rp_lp_add_row(lp, -RP_LP_INF, (double)budget, "relaxation");
    if (row < 0)
        return RP_ERR_NOMEM;
    for (int j = e->n_build_cols; j < lp->n_cols; j++) {
        if (lp->cols[j].obj != 0)
            rp_lp_add_coef(lp, row, j, lp->cols[j].obj);
        lp->cols[j].obj = 0;
    }
    for (int j = 0; j < e->n_build_cols; j++)
        lp->cols[j].obj = e->score_obj[j];
    lp->maximise = true;
    return rp_lp_status(lp);
}
