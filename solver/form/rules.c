/* The rows of the hard rules 2-7 (rule 1 lives in form/path.c). */
#include <stdlib.h>
#include <string.h>

#include "solver/form/build.h"

#define REF_LEN 512

static int *new_rows(size_t n)
{
    int *rows = malloc((n ? n : 1) * sizeof *rows);
    if (rows)
        for (size_t i = 0; i < n; i++)
            rows[i] = -1;
    return rows;
}

static int x_length(const rp_form *f, int j)
{
    return f->model->disciplines[f->col_tags[j].discipline].length;
}

/* Rule 2, second half: each discipline at most once. */
static rp_status once_rows(rp_form *f, int si, int *count)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    memset(count, 0, (size_t)m->n_disciplines * sizeof *count);
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
        count[f->col_tags[j].discipline]++;
    int *rows = &f->once_rows[(size_t)si * m->n_disciplines];
    for (int d = 0; d < m->n_disciplines; d++) {
        if (count[d] >= 2 || (f->options.keep_redundant_rows && count[d] >= 1))
            rows[d] = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_ONCE, si, -1, -1, d, -1, -1),
                                      -RP_LP_INF, 1, "once[%s,%s]", s->id, m->disciplines[d].id);
    }
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
        if (rows[f->col_tags[j].discipline] >= 0)
            rp_lp_add_coef(f->lp, rows[f->col_tags[j].discipline], j, 1);
    return rp_lp_status(f->lp);
}

/* Rule 3: min..max distinct disciplines of each requirement. Disciplines in
 * no requirement have no column (the model blocks them). */
static rp_status requirement_rows(rp_form *f, int si, const int *count, char *member)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    for (int r = 0; r < s->n_requirements; r++) {
        const rp_requirement *req = &s->requirements[r];
        memset(member, 0, (size_t)m->n_disciplines);
        int available = 0;
        for (int k = 0; k < req->n_disciplines; k++) {
            int d = req->disciplines[k];
            if (!member[d] && count[d] > 0)
                available++;
            member[d] = 1;
        }
        bool binds = req->min > 0 || (req->max >= 0 && req->max < available);
        int row = -1;
        if (binds || f->options.keep_redundant_rows) {
            double ub = req->max >= 0 ? req->max : RP_LP_INF;
            row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_REQUIREMENT, si, -1, -1, -1, -1, r),
                                  req->min, ub, "requirement[%s,%d]", s->id, r + 1);
            for (int j = f->x_first[si]; row >= 0 && j < f->x_first[si + 1]; j++)
                if (member[f->col_tags[j].discipline])
                    rp_lp_add_coef(f->lp, row, j, 1);
        }
        f->req_rows[f->req_first[si] + r] = row;
    }
    return rp_lp_status(f->lp);
}

/* Rule 7, pins: the x columns of a pinned discipline were filtered to the
 * pinned hospital, department and week, so "the pin holds" is "one of them". */
static rp_status pin_rows(rp_form *f, int si)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    for (int k = 0; k < s->n_pins; k++) {
        int d = s->pins[k].discipline;
        int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_PIN, si, -1, -1, d, -1, k), 1, 1,
                                  "pin[%s,%d]", s->id, k + 1);
        for (int j = f->x_first[si]; row >= 0 && j < f->x_first[si + 1]; j++)
            if (f->col_tags[j].discipline == d)
                rp_lp_add_coef(f->lp, row, j, 1);
        f->pin_rows[f->pin_first[si] + k] = row;
    }
    return rp_lp_status(f->lp);
}

/*
 * Rule 4: for every week t in which the student could start discipline d,
 *   (starts of d in weeks <= t) <= (rotations of prerequisite q finished by t).
 * The cumulative form also says "q is done when d is" and is tighter in the
 * LP relaxation than one row per start.
 */
static rp_status prerequisite_rows(rp_form *f, int si, const int *count, char *starts)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    int lo = f->x_first[si], hi = f->x_first[si + 1];
    for (int d = 0; d < m->n_disciplines; d++) {
        const rp_discipline *dis = &m->disciplines[d];
        if (count[d] == 0 || dis->n_prerequisites == 0)
            continue;
        memset(starts, 0, (size_t)m->weeks);
        for (int j = lo; j < hi; j++)
            if (f->col_tags[j].discipline == d)
                starts[f->col_tags[j].week] = 1;
        for (int k = 0; k < dis->n_prerequisites; k++) {
            int q = dis->prerequisites[k];
            for (int t = 0; t < m->weeks; t++) {
                if (!starts[t])
                    continue;
                int row = rp_form_new_row(
                    f, rp_form_tag_make(RP_FORM_ROW_PREREQUISITE, si, -1, -1, d, t, q), -RP_LP_INF,
                    0, "prerequisite[%s,%s,%s,w%d]", s->id, dis->id, m->disciplines[q].id, t + 1);
                if (row < 0)
                    return RP_ERR_NOMEM;
                for (int j = lo; j < hi; j++) {
                    const rp_form_tag *tg = &f->col_tags[j];
                    if (tg->discipline == d && tg->week <= t)
                        rp_lp_add_coef(f->lp, row, j, 1);
                    else if (tg->discipline == q && tg->week + x_length(f, j) <= t)
                        rp_lp_add_coef(f->lp, row, j, -1);
                }
            }
        }
    }
    return rp_lp_status(f->lp);
}

/* Rule 5: at most max_per_hospital rotations at one hospital. */
static rp_status hospital_rows(rp_form *f, int si, char *seen)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    if (s->max_per_hospital == RP_NO_LIMIT)
        return RP_OK;
    int lo = f->x_first[si], hi = f->x_first[si + 1];
    for (int h = 0; h < m->n_hospitals; h++) {
        /* each discipline counts once, so fewer disciplines than the limit
         * cannot break it */
        memset(seen, 0, (size_t)m->n_disciplines);
        int disciplines = 0;
        for (int j = lo; j < hi; j++)
            if (f->col_tags[j].hospital == h && !seen[f->col_tags[j].discipline]) {
                seen[f->col_tags[j].discipline] = 1;
                disciplines++;
            }
        if (disciplines <= s->max_per_hospital &&
            !(f->options.keep_redundant_rows && disciplines > 0))
            continue;
        int row = rp_form_new_row(f, rp_form_tag_make(RP_FORM_ROW_HOSPITAL_LIMIT, si, -1, h, -1, -1, -1),
                                  -RP_LP_INF, s->max_per_hospital, "hospital_limit[%s,%s]", s->id,
                                  m->hospitals[h].id);
        for (int j = lo; row >= 0 && j < hi; j++)
            if (f->col_tags[j].hospital == h)
                rp_lp_add_coef(f->lp, row, j, 1);
        f->hospital_rows[(size_t)si * m->n_hospitals + h] = row;
    }
    return rp_lp_status(f->lp);
}

/* Places the department's teams have in week w; -1 without teams. A
 * department whose teams hold no more than its capacity needs no row of its
 * own for that week: their rows say it already. */
static long team_places(const rp_model *m, const rp_department *dep, int w)
{
    if (dep->n_teams == 0)
        return -1;
    long sum = 0;
    for (int t = dep->first_team; t < dep->first_team + dep->n_teams; t++)
        sum += m->teams[t].capacity[w];
    return sum;
}

/* Rule 6: each week, minimum <= students in the department <= capacity. */
static rp_status department_rows(rp_form *f)
{
    const rp_model *m = f->model;
    size_t cells = (size_t)m->n_departments * m->weeks;
    int *count = calloc(cells ? cells : 1, sizeof *count);
    if (!count)
        return RP_ERR_NOMEM;
    for (int j = 0; j < f->n_x; j++) {
        const rp_form_tag *tg = &f->col_tags[j];
        for (int w = tg->week; w < tg->week + x_length(f, j); w++)
            count[(size_t)tg->department * m->weeks + w]++;
    }
    char ref[REF_LEN];
    for (int p = 0; p < m->n_departments; p++) {
        const rp_department *dep = &m->departments[p];
        for (int w = 0; w < m->weeks; w++) {
            int n = count[(size_t)p * m->weeks + w];
            long teams = team_places(m, dep, w);
            bool implied = teams >= 0 && teams <= dep->capacity[w];
            if ((n <= dep->capacity[w] || implied) && dep->minimum[w] <= 0 &&
                !(f->options.keep_redundant_rows && n > 0))
                continue;
            /* no minimum: a plain upper bound (a range would cost a slack column in LP files) */
            double lb = dep->minimum[w] > 0 ? dep->minimum[w] : -RP_LP_INF;
            f->department_rows[(size_t)p * m->weeks + w] = rp_form_new_row(
                f, rp_form_tag_make(RP_FORM_ROW_DEPARTMENT, -1, p, dep->hospital, dep->discipline, w, -1),
                lb, dep->capacity[w], "department[%s,w%d]", rp_form_dept_ref(m, p, ref, sizeof ref),
                w + 1);
        }
    }
    free(count);
    for (int j = 0; j < f->n_x; j++) {
        const rp_form_tag *tg = &f->col_tags[j];
        for (int w = tg->week; w < tg->week + x_length(f, j); w++) {
            int row = f->department_rows[(size_t)tg->department * m->weeks + w];
            if (row >= 0)
                rp_lp_add_coef(f->lp, row, j, 1);
        }
    }
    return rp_lp_status(f->lp);
}

static rp_status alloc_lookups(rp_form *f)
{
    const rp_model *m = f->model;
    size_t S = (size_t)m->n_students;
    f->once_rows = new_rows(S * m->n_disciplines);
    f->hospital_rows = new_rows(S * m->n_hospitals);
    f->department_rows = new_rows((size_t)m->n_departments * m->weeks);
    f->req_first = calloc(S + 1, sizeof *f->req_first);
    f->pin_first = calloc(S + 1, sizeof *f->pin_first);
    if (!f->once_rows || !f->hospital_rows || !f->department_rows || !f->req_first ||
        !f->pin_first)
        return RP_ERR_NOMEM;
    for (size_t s = 0; s < S; s++) {
        f->req_first[s + 1] = f->req_first[s] + m->students[s].n_requirements;
        f->pin_first[s + 1] = f->pin_first[s] + m->students[s].n_pins;
    }
    f->req_rows = new_rows((size_t)f->req_first[S]);
    f->pin_rows = new_rows((size_t)f->pin_first[S]);
    return f->req_rows && f->pin_rows ? RP_OK : RP_ERR_NOMEM;
}

rp_status rp_form_add_rules(rp_form *f)
{
    const rp_model *m = f->model;
    RP_TRY(alloc_lookups(f));
    int *count = malloc(((size_t)m->n_disciplines + 1) * sizeof *count);
    char *scratch = malloc((size_t)(m->n_disciplines > m->weeks ? m->n_disciplines : m->weeks) + 1);
    rp_status st = count && scratch ? RP_OK : RP_ERR_NOMEM;
    for (int si = 0; st == RP_OK && si < m->n_students; si++) {
        RP_TRY_GOTO(once_rows(f, si, count), done);
        RP_TRY_GOTO(requirement_rows(f, si, count, scratch), done);
        RP_TRY_GOTO(pin_rows(f, si), done);
        RP_TRY_GOTO(prerequisite_rows(f, si, count, scratch), done);
        RP_TRY_GOTO(hospital_rows(f, si, scratch), done);
    }
    if (st == RP_OK)
        st = department_rows(f);
done:
    free(count);
    free(scratch);
    return st;
}
