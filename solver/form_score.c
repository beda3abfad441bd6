/*
 * The score's state columns and rule 1.
 *
 * Idle weeks: active[s,w] = 1 when s has a rotation in week w or later. With
 * active[w] >= active[w+1] and active[w] >= busy[w] (busy[w] = rotations
 * covering w, which the same row also keeps <= 1: rule 1), the least active
 * is exact, and idle weeks = sum_w active[w] - sum_w busy[w]. The second sum
 * is weight.idle x length on each x column (form.c); here active gets
 * -weight.idle.
 *
 * Hospital changes: only weeks in which s can start a rotation matter. For
 * the i-th such week, last[i,h] = 1 when the latest rotation started in that
 * week or before is at hospital h:
 *   last[i,h] >= start_h(i)                               (LAST_START)
 *   last[i,h] >= last[i-1,h] - sum_{g != h} start_g(i)     (LAST_KEEP)
 *   change[i] >= start_h(i) + sum_{g != h} last[i-1,g] - 1 (CHANGE)
 * Changes cost, so the least last and change are exact.
 *
 * The worst-off student: worst <= score[s] for every s, worst in the
 * objective with weight fairness.
 */
#include <stdlib.h>
#include <string.h>

#include "form_build.h"

typedef struct scratch {
    int *busy_count; /* [weeks] x columns covering the week */
    int *start_list; /* [weeks] distinct start weeks, ascending */
    int *last;       /* [weeks x hospitals] last columns, -1 when absent */
    char *has_start; /* [weeks x hospitals] x starts at hospital in week */
} scratch;

static int x_length(const rp_form *f, int j)
{
    return f->model->disciplines[f->col_tags[j].discipline].length;
}

/* Adds val x col to s's worst row (the score's coefficient, negated). */
static void add_to_worst(rp_form *f, int si, int col, double score)
{
    if (f->worst_col >= 0 && score != 0)
        rp_lp_add_coef(f->lp, f->worst_rows[si], col, -score);
}

static bool must_rotate(const rp_student *s)
{
    if (s->n_pins > 0)
        return true;
    for (int r = 0; r < s->n_requirements; r++)
        if (s->requirements[r].min > 0)
            return true;
    return false;
}

/* Rule 1 and idle weeks. */
static rp_status week_rows(rp_form *f, int si, scratch *sc)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    int lo = f->x_first[si], hi = f->x_first[si + 1];
    int last_week = -1;
    memset(sc->busy_count, 0, (size_t)m->weeks * sizeof *sc->busy_count);
    for (int j = lo; j < hi; j++) {
        int end = f->col_tags[j].week + x_length(f, j) - 1;
        for (int w = f->col_tags[j].week; w <= end; w++)
            sc->busy_count[w]++;
        if (end > last_week)
            last_week = end;
    }
    bool idle = s->weights.idle > 0 && last_week >= 0;
    int *rows = &f->week_rows[(size_t)si * m->weeks];
    int prev_active = -1;
    for (int w = 0; w <= last_week; w++) {
        int active = -1;
        if (idle) {
            double score = -(double)s->weights.idle;
            active = rp_form_new_col(f, rp_form_tag_make(RP_FORM_COL_ACTIVE, si, -1, -1, -1, w, -1),
                                     RP_LP_BINARY, 0, 1, score, score, "active[%s,w%d]", s->id, w + 1);
            if (active < 0)
                return RP_ERR_NOMEM;
            if (w == 0 && must_rotate(s))
                rp_lp_set_col_bounds(f->lp, active, 1, 1);
            add_to_worst(f, si, active, score);
            if (prev_active >= 0) {
                int order = rp_form_new_row(
                    f, rp_form_tag_make(RP_FORM_ROW_ACTIVE_ORDER, si, -1, -1, -1, w - 1, -1), 0,
                    RP_LP_INF, "active_order[%s,w%d]", s->id, w);
                rp_lp_add_coef(f->lp, order, prev_active, 1);
                rp_lp_add_coef(f->lp, order, active, -1);
            }
            prev_active = active;
        }
        int n = sc->busy_count[w];
        if (idle && n >= 1) {
            rows[w] = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_WEEK, si, -1, -1, -1, w, -1), 0,
                                      RP_LP_INF, "week[%s,w%d]", s->id, w + 1);
            rp_lp_add_coef(f->lp, rows[w], active, 1);
        } else if (!idle && (n >= 2 || (f->options.keep_redundant_rows && n >= 1))) {
            rows[w] = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_WEEK, si, -1, -1, -1, w, -1),
                                      -RP_LP_INF, 1, "week[%s,w%d]", s->id, w + 1);
        }
    }
    RP_TRY(rp_lp_status(f->lp));
    double sign = idle ? -1 : 1;
    for (int j = lo; j < hi; j++) {
        int end = f->col_tags[j].week + x_length(f, j) - 1;
        for (int w = f->col_tags[j].week; w <= end; w++)
            if (rows[w] >= 0)
                rp_lp_add_coef(f->lp, rows[w], j, sign);
    }
    return rp_lp_status(f->lp);
}

/* Hospital changes (see the top of the file). */
static rp_status change_rows(rp_form *f, int si, scratch *sc)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    int H = m->n_hospitals;
    int lo = f->x_first[si], hi = f->x_first[si + 1];
    if (s->weights.change <= 0 || lo == hi)
        return RP_OK;
    memset(sc->has_start, 0, (size_t)m->weeks * H);
    int hospitals = 0;
    for (int j = lo; j < hi; j++) {
        const rp_form_tag *tg = &f->col_tags[j];
        sc->has_start[(size_t)tg->week * H + tg->hospital] = 1;
    }
    int n_starts = 0;
    char *used = calloc((size_t)H, 1);
    if (!used)
        return RP_ERR_NOMEM;
    for (int w = 0; w < m->weeks; w++) {
        bool any = false;
        for (int h = 0; h < H; h++)
            if (sc->has_start[(size_t)w * H + h]) {
                any = true;
                if (!used[h]++)
                    hospitals++;
            }
        if (any)
            sc->start_list[n_starts++] = w;
    }
    free(used);
    if (hospitals < 2 || n_starts < 2)
        return RP_OK;
    double score = -(double)s->weights.change;
    int *last = sc->last;
    for (int i = 0; i < n_starts * H; i++)
        last[i] = -1;
    /* last[i,h] exists once some rotation at h can have started by week i */
    for (int i = 0; i + 1 < n_starts; i++) {
        int w = sc->start_list[i];
        for (int h = 0; h < H; h++) {
            bool reachable = sc->has_start[(size_t)w * H + h] || (i > 0 && last[(i - 1) * H + h] >= 0);
            if (!reachable)
                continue;
            last[i * H + h] = rp_form_new_col(
                f, rp_form_tag_make(RP_FORM_COL_LAST, si, -1, h, -1, w, -1), RP_LP_BINARY, 0, 1, 0, 0,
                "last[%s,%s,w%d]", s->id, m->hospitals[h].id, w + 1);
        }
    }
    RP_TRY(rp_lp_status(f->lp));
    for (int i = 0; i < n_starts; i++) {
        int w = sc->start_list[i];
        int change = -1;
        for (int h = 0; h < H; h++) {
            bool starts_here = sc->has_start[(size_t)w * H + h];
            /* LAST_START and LAST_KEEP for i < n_starts-1 */
            if (i + 1 < n_starts && starts_here) {
                int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_LAST_START, si, -1, h, -1, w, -1),
                                          0, RP_LP_INF, "last_start[%s,%s,w%d]", s->id,
                                          m->hospitals[h].id, w + 1);
                rp_lp_add_coef(f->lp, row, last[i * H + h], 1);
                for (int j = lo; row >= 0 && j < hi; j++)
                    if (f->col_tags[j].week == w && f->col_tags[j].hospital == h)
                        rp_lp_add_coef(f->lp, row, j, -1);
            }
            if (i + 1 < n_starts && i > 0 && last[(i - 1) * H + h] >= 0) {
                int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_LAST_KEEP, si, -1, h, -1, w, -1),
                                          0, RP_LP_INF, "last_keep[%s,%s,w%d]", s->id,
                                          m->hospitals[h].id, w + 1);
                rp_lp_add_coef(f->lp, row, last[i * H + h], 1);
                rp_lp_add_coef(f->lp, row, last[(i - 1) * H + h], -1);
                for (int j = lo; row >= 0 && j < hi; j++)
                    if (f->col_tags[j].week == w && f->col_tags[j].hospital != h)
                        rp_lp_add_coef(f->lp, row, j, 1);
            }
            if (i == 0 || !starts_here)
                continue;
            bool elsewhere = false;
            for (int g = 0; g < H; g++)
                if (g != h && last[(i - 1) * H + g] >= 0)
                    elsewhere = true;
            if (!elsewhere)
                continue;
            if (change < 0) {
                change = rp_form_new_col(f, rp_form_tag_make(RP_FORM_COL_CHANGE, si, -1, -1, -1, w, -1),
                                         RP_LP_BINARY, 0, 1, score, score, "change[%s,w%d]", s->id,
                                         w + 1);
                if (change < 0)
                    return RP_ERR_NOMEM;
                add_to_worst(f, si, change, score);
            }
            int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_CHANGE, si, -1, h, -1, w, -1), -1,
                                      RP_LP_INF, "change[%s,%s,w%d]", s->id, m->hospitals[h].id, w + 1);
            rp_lp_add_coef(f->lp, row, change, 1);
            for (int g = 0; g < H; g++)
                if (g != h && last[(i - 1) * H + g] >= 0)
                    rp_lp_add_coef(f->lp, row, last[(i - 1) * H + g], -1);
            for (int j = lo; row >= 0 && j < hi; j++)
                if (f->col_tags[j].week == w && f->col_tags[j].hospital == h)
                    rp_lp_add_coef(f->lp, row, j, -1);
        }
        RP_TRY(rp_lp_status(f->lp));
    }
    return RP_OK;
}

/* The worst-off student's column and one row per student, holding the x part
 * of the score; state columns add theirs as they are made. */
static rp_status worst_rows(rp_form *f)
{
    const rp_model *m = f->model;
    if (m->objective.fairness == 0 || m->n_students == 0)
        return RP_OK;
    f->worst_rows = malloc((size_t)m->n_students * sizeof *f->worst_rows);
    if (!f->worst_rows)
        return RP_ERR_NOMEM;
    f->worst_col = rp_form_new_col(f, rp_form_tag_make(RP_FORM_COL_WORST, -1, -1, -1, -1, -1, -1),
                                   RP_LP_INTEGER, -RP_LP_INF, RP_LP_INF,
                                   (double)m->objective.fairness, 0, "worst");
    for (int si = 0; si < m->n_students; si++) {
        f->worst_rows[si] = rp_form_new_row(
            f, rp_form_tag_make(RP_FORM_ROW_WORST, si, -1, -1, -1, -1, -1), -RP_LP_INF, 0,
            "worst[%s]", m->students[si].id);
        if (f->worst_rows[si] < 0)
            return RP_ERR_NOMEM;
        rp_lp_add_coef(f->lp, f->worst_rows[si], f->worst_col, 1);
        for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
            add_to_worst(f, si, j, f->score_coef[j]);
    }
    return rp_lp_status(f->lp);
}

rp_status rp_form_add_score(rp_form *f)
{
    const rp_model *m = f->model;
    size_t W = (size_t)m->weeks, H = (size_t)m->n_hospitals;
    f->week_rows = malloc((W * m->n_students + 1) * sizeof *f->week_rows);
    f->aux_first = calloc((size_t)m->n_students + 1, sizeof *f->aux_first);
    scratch sc = {
        malloc((W + 1) * sizeof(int)),
        malloc((W + 1) * sizeof(int)),
        malloc((W * H + 1) * sizeof(int)),
        malloc(W * H + 1),
    };
    rp_status st = RP_ERR_NOMEM;
    if (!f->week_rows || !f->aux_first || !sc.busy_count || !sc.start_list || !sc.last ||
        !sc.has_start)
        goto done;
    for (size_t i = 0; i < W * m->n_students; i++)
        f->week_rows[i] = -1;
    RP_TRY_GOTO(worst_rows(f), done);
    for (int si = 0; si < m->n_students; si++) {
        f->aux_first[si] = f->lp->n_cols;
        RP_TRY_GOTO(week_rows(f, si, &sc), done);
        RP_TRY_GOTO(change_rows(f, si, &sc), done);
    }
    f->aux_first[m->n_students] = f->lp->n_cols;
    st = RP_OK;
done:
    free(sc.busy_count);
    free(sc.start_list);
    free(sc.last);
    free(sc.has_start);
    return st;
}
