/* Leximin levels: shortfall columns and rows added to a built program
 * (form.h explains the sequence of programs they serve). */
#include <stdlib.h>

#include "solver/form/build.h"

rp_status rp_form_add_level(rp_form *f, long v, int *level)
{
    const rp_model *m = f->model;
    if (!f->score_cols)
        return RP_ERR_INVALID;
    struct rp_form_level *grown = realloc(f->levels, (size_t)(f->n_levels + 1) * sizeof *grown);
    if (!grown)
        return RP_ERR_NOMEM;
    f->levels = grown;
    int k = f->n_levels;
    /* the new level is all the objective now */
    for (int j = 0; j < f->lp->n_cols; j++)
        rp_lp_set_obj(f->lp, j, 0);
    int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_LEVEL, -1, -1, -1, -1, -1, k),
                              -RP_LP_INF, RP_LP_INF, "level[%ld]", v);
    int first = f->lp->n_cols;
    for (int s = 0; s < m->n_students && row >= 0; s++) {
        const char *id = m->students[s].id;
        int col = rp_form_new_col(
            f, rp_form_tag_make(RP_FORM_COL_SHORTFALL, s, -1, -1, -1, -1, k), RP_LP_INTEGER, 0,
            RP_LP_INF, -1, 0, "short[%s,%ld]", id, v);
        int own = rp_form_new_row(
            f, rp_form_tag_make(RP_FORM_ROW_SHORTFALL, s, -1, -1, -1, -1, k), (double)v,
            RP_LP_INF, "short[%s,%ld]", id, v);
        if (col < 0 || own < 0)
            break;
        rp_lp_add_coef(f->lp, own, col, 1);
        rp_lp_add_coef(f->lp, own, f->score_cols[s], 1);
        rp_lp_add_coef(f->lp, row, col, 1);
    }
    RP_TRY(rp_lp_status(f->lp));
    f->levels[k] = (struct rp_form_level){v, first, row};
    f->n_levels = k + 1;
    *level = k;
    return RP_OK;
}

void rp_form_cap_level(rp_form *f, int level, double most)
{
    rp_lp_set_row_bounds(f->lp, f->levels[level].row, -RP_LP_INF, most);
}

void rp_form_floor_scores(rp_form *f, double floor)
{
    for (int s = 0; f->score_cols && s < f->model->n_students; s++)
        rp_lp_set_col_bounds(f->lp, f->score_cols[s], floor, RP_LP_INF);
}

double rp_form_level_value(const rp_form *f, int level, const double *values)
{
    double h = 0;
    for (int s = 0; s < f->model->n_students; s++)
        h += values[f->levels[level].first_col + s];
    return h;
}
