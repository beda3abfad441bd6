#include "solver/form/form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/form/build.h"
#include "solver/form/may_start.h"

#define NAME_MAX_LEN 512

void rp_form_options_init(rp_form_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->names = true;
    opt->score_columns = true;
}

void rp_form_free(rp_form **fp)
{
    if (!fp || !*fp)
        return;
    rp_form *f = *fp;
    rp_lp_free(&f->lp);
    free(f->x_first);
    free(f->aux_first);
    free(f->x_map);
    free(f->once_rows);
    free(f->hospital_rows);
    free(f->department_rows);
    free(f->worst_rows);
    free(f->score_cols);
    free(f->score_rows);
    free(f->req_first);
    free(f->req_rows);
    free(f->pin_first);
    free(f->pin_rows);
    free(f->col_tags);
    free(f->row_tags);
    free(f->score_coef);
    free(f->x_team);
    free(f->guide_start);
    free(f->guide_cols);
    free(f->team_rows);
    free(f->levels);
    free(f);
    *fp = NULL;
}

rp_form_tag rp_form_tag_make(int kind, int student, int department, int hospital,
                             int discipline, int week, int item)
{
    return (rp_form_tag){(uint8_t)kind, student, department, hospital, discipline, week, item};
}

const char *rp_form_dept_ref(const rp_model *m, int department, char *buf, size_t size)
{
    const rp_department *d = &m->departments[department];
    snprintf(buf, size, "%s/%s", m->hospitals[d->hospital].id, d->id);
    return buf;
}

/* Makes room for tag n in a tag array (and the score array for columns). */
static bool reserve_tag(rp_form *f, bool col, int n)
{
    int *cap = col ? &f->cap_col_tags : &f->cap_row_tags;
    if (n < *cap)
        return true;
    int c = *cap ? 2 * *cap : 1024;
    while (c <= n)
        c *= 2;
    rp_form_tag **tags = col ? &f->col_tags : &f->row_tags;
    rp_form_tag *t = realloc(*tags, (size_t)c * sizeof *t);
    if (!t)
        return false;
    *tags = t;
    if (col) {
        double *s = realloc(f->score_coef, (size_t)c * sizeof *s);
        if (!s)
            return false;
        f->score_coef = s;
    }
    *cap = c;
    return true;
}

int rp_form_new_col(rp_form *f, rp_form_tag tag, rp_lp_kind kind, double lb, double ub,
                    double obj, double score, const char *name_fmt, ...)
{
    char name[NAME_MAX_LEN];
    if (f->options.names) {
        va_list ap;
        va_start(ap, name_fmt);
        vsnprintf(name, sizeof name, name_fmt, ap);
        va_end(ap);
    }
    int j = rp_lp_add_col(f->lp, kind, lb, ub, obj, f->options.names ? "%s" : NULL, name);
    if (j < 0)
        return -1;
    if (!reserve_tag(f, true, j)) {
        f->lp->nomem = true;
        return -1;
    }
    f->col_tags[j] = tag;
    f->score_coef[j] = score;
    f->n_tagged_cols = j + 1;
    return j;
}

int rp_form_new_row(rp_form *f, rp_form_tag tag, double lb, double ub, const char *name_fmt,
                    ...)
{
    char name[NAME_MAX_LEN];
    if (f->options.names) {
        va_list ap;
        va_start(ap, name_fmt);
        vsnprintf(name, sizeof name, name_fmt, ap);
        va_end(ap);
    }
    int i = rp_lp_add_row(f->lp, lb, ub, f->options.names ? "%s" : NULL, name);
    if (i < 0)
        return -1;
    if (!reserve_tag(f, false, i)) {
        f->lp->nomem = true;
        return -1;
    }
    f->row_tags[i] = tag;
    f->n_tagged_rows = i + 1;
    return i;
}

static bool start_allowed(const rp_form *f, int si, int p, int t)
{
    return rp_may_start(f->model, si, p, t, RP_PINS_KEPT) &&
           (!f->options.allow_start || f->options.allow_start(f->options.allow_ctx, si, p, t));
}

static double x_score(const rp_model *m, const rp_student *s, const rp_department *dep)
{
    const rp_discipline *d = &m->disciplines[dep->discipline];
    double v = (double)s->weights.discipline * s->pref_discipline[dep->discipline] +
               (double)s->weights.hospital * s->pref_hospital[dep->hospital] +
               (double)m->objective.school_priority * d->priority;
    return v;
}

static rp_status add_x(rp_form *f)
{
    const rp_model *m = f->model;
    size_t cells = (size_t)m->n_students * (size_t)m->n_departments * (size_t)m->weeks;
    f->x_map = malloc((cells ? cells : 1) * sizeof *f->x_map);
    f->x_first = calloc((size_t)m->n_students + 1, sizeof *f->x_first);
    if (!f->x_map || !f->x_first)
        return RP_ERR_NOMEM;
    for (size_t i = 0; i < cells; i++)
        f->x_map[i] = -1;
    char ref[NAME_MAX_LEN];
    for (int si = 0; si < m->n_students; si++) {
        const rp_student *s = &m->students[si];
        f->x_first[si] = f->lp->n_cols;
        for (int p = 0; p < m->n_departments; p++) {
            if (s->blocked[p] != RP_BLOCK_NONE)
                continue;
            const rp_department *dep = &m->departments[p];
            double score = x_score(m, s, dep);
            for (int t = 0; t < m->weeks; t++) {
                if (!start_allowed(f, si, p, t))
                    continue;
                rp_form_tag tag = rp_form_tag_make(RP_FORM_COL_X, si, p, dep->hospital,
                                                   dep->discipline, t, -1);
                double obj = f->options.score_columns ? 0 : score;
                int j = rp_form_new_col(f, tag, RP_LP_BINARY, 0, 1, obj, score,
                                        "x[%s,%s,w%d]", s->id,
                                        f->options.names ? rp_form_dept_ref(m, p, ref, sizeof ref)
                                                         : "",
                                        t + 1);
                if (j < 0)
                    return RP_ERR_NOMEM;
                f->x_map[((size_t)si * m->n_departments + p) * m->weeks + t] = j;
            }
        }
    }
    f->x_first[m->n_students] = f->lp->n_cols;
    f->n_x = f->lp->n_cols;
    return RP_OK;
}

rp_status rp_form_build(const rp_model *m, const rp_form_options *opt, rp_form **out)
{
    *out = NULL;
    if (m->objective.fairness < 0)
        return RP_ERR_INVALID;
    rp_form *f = calloc(1, sizeof *f);
    if (!f)
        return RP_ERR_NOMEM;
    f->model = m;
    if (opt)
        f->options = *opt;
    else
        rp_form_options_init(&f->options);
    f->worst_col = -1;
    rp_status st = RP_OK;
    f->lp = rp_lp_new(true, f->options.names);
    if (!f->lp) {
        st = RP_ERR_NOMEM;
        goto fail;
    }
    RP_TRY_GOTO(add_x(f), fail);
    RP_TRY_GOTO(rp_form_add_rules(f), fail);
    RP_TRY_GOTO(rp_form_add_guides(f), fail);
    RP_TRY_GOTO(rp_form_add_paths(f), fail);
    RP_TRY_GOTO(rp_lp_status(f->lp), fail);
    *out = f;
    return RP_OK;
fail:
    rp_form_free(&f);
    return st;
}

int rp_form_x(const rp_form *f, int student, int department, int start)
{
    const rp_model *m = f->model;
    if (student < 0 || student >= m->n_students || department < 0 ||
        department >= m->n_departments || start < 0 || start >= m->weeks)
        return -1;
    return f->x_map[((size_t)student * m->n_departments + department) * m->weeks + start];
}

void rp_form_x_info(const rp_form *f, int col, int *student, int *department, int *start)
{
    const rp_form_tag *t = &f->col_tags[col];
    *student = t->student;
    *department = t->department;
    *start = t->week;
}

static int lookup(const int *rows, size_t index)
{
    return rows ? rows[index] : -1;
}

int rp_form_once_row(const rp_form *f, int student, int discipline)
{
    return lookup(f->once_rows, (size_t)student * f->model->n_disciplines + discipline);
}

int rp_form_requirement_row(const rp_form *f, int student, int requirement)
{
    if (requirement < 0 || requirement >= f->req_first[student + 1] - f->req_first[student])
        return -1;
    return f->req_rows[f->req_first[student] + requirement];
}

int rp_form_hospital_row(const rp_form *f, int student, int hospital)
{
    return lookup(f->hospital_rows, (size_t)student * f->model->n_hospitals + hospital);
}

int rp_form_department_row(const rp_form *f, int department, int week)
{
    return lookup(f->department_rows, (size_t)department * f->model->weeks + week);
}

int rp_form_pin_row(const rp_form *f, int student, int pin)
{
    if (pin < 0 || pin >= f->pin_first[student + 1] - f->pin_first[student])
        return -1;
    return f->pin_rows[f->pin_first[student] + pin];
}

int rp_form_worst_row(const rp_form *f, int student)
{
    return lookup(f->worst_rows, (size_t)student);
}

int rp_form_score_col(const rp_form *f, int student)
{
    return lookup(f->score_cols, (size_t)student);
}

int rp_form_score_row(const rp_form *f, int student)
{
    return lookup(f->score_rows, (size_t)student);
}

rp_form_tag rp_form_row_tag(const rp_form *f, int row)
{
    if (row >= 0 && row < f->n_tagged_rows)
        return f->row_tags[row];
    return rp_form_tag_make(RP_FORM_ROW_OTHER, -1, -1, -1, -1, -1, -1);
}

rp_form_tag rp_form_col_tag(const rp_form *f, int col)
{
    if (col >= 0 && col < f->n_tagged_cols)
        return f->col_tags[col];
    return rp_form_tag_make(RP_FORM_COL_OTHER, -1, -1, -1, -1, -1, -1);
}
