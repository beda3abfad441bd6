/* The plan arranged for the outputs: by student, by department and week. */
#include "solver/publish/view.h"

#include <stdlib.h>
#include <string.h>

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static bool same_rotation(const rp_rotation *a, const rp_rotation *b)
{
    return a->student == b->student && a->department == b->department && a->start == b->start &&
           a->length == b->length;
}

static void mark_breaches(const rp_publish *p, rp_pub_view *v)
{
    const rp_model *m = p->m;
    for (int i = 0; i < p->report->n_violations; i++) {
        const rp_violation *x = &p->report->violations[i];
        if (x->student >= 0 && x->student < m->n_students)
            v->student_breach[x->student] = true;
        if (x->department >= 0 && x->week >= 0 && x->week < m->weeks)
            v->cell_breach[(size_t)x->department * (size_t)m->weeks + (size_t)x->week] = true;
    }
}

static void mark_changes(const rp_publish *p, rp_pub_view *v)
{
    if (!p->changes)
        return;
    for (int i = 0; i < p->changes->count; i++) {
        const rp_change *ch = &p->changes->items[i];
        v->student_changed[ch->student] = true;
        for (int k = 0; k < v->plan->n_rotations && ch->to.department >= 0; k++)
            if (same_rotation(&v->plan->rotations[k], &ch->to))
                v->rotation_changed[k] = true;
    }
}

static rp_status fill_cells(rp_pub_view *v)
{
    const rp_model *m = v->m;
    size_t n_cells = (size_t)m->n_departments * (size_t)m->weeks;
    long placed = 0;
    for (int k = 0; k < v->plan->n_rotations; k++)
        placed += v->plan->rotations[k].length;
    v->cell_first = calloc(n_cells + 1, sizeof *v->cell_first);
    v->cell_students = malloc(((size_t)placed + 1) * sizeof *v->cell_students);
    int *next = calloc(n_cells + 1, sizeof *next);
    if (!v->cell_first || !v->cell_students || !next) {
        free(next);
        return RP_ERR_NOMEM;
    }
    for (int k = 0; k < v->plan->n_rotations; k++) {
        const rp_rotation *r = &v->plan->rotations[k];
        for (int w = r->start; w < r->start + r->length; w++)
            if (w >= 0 && w < m->weeks)
                v->cell_first[(size_t)r->department * (size_t)m->weeks + (size_t)w + 1]++;
    }
    for (size_t c = 0; c < n_cells; c++)
        v->cell_first[c + 1] += v->cell_first[c];
    memcpy(next, v->cell_first, n_cells * sizeof *next);
    /* Rotations are sorted by student, so each cell lists its students in order. */
    for (int k = 0; k < v->plan->n_rotations; k++) {
        const rp_rotation *r = &v->plan->rotations[k];
        for (int w = r->start; w < r->start + r->length; w++)
            if (w >= 0 && w < m->weeks)
                v->cell_students[next[(size_t)r->department * (size_t)m->weeks + (size_t)w]++] =
                    r->student;
    }
    free(next);
    return RP_OK;
}

rp_status rp_pub_view_build(const rp_publish *p, rp_pub_view *v)
{
    memset(v, 0, sizeof *v);
    v->p = p;
    v->m = p->m;
    const rp_model *m = p->m;
    v->plan = rp_plan_clone(p->plan);
    if (!v->plan)
        return RP_ERR_NOMEM;
    rp_plan_sort(v->plan);
    v->student_first = calloc((size_t)m->n_students + 1, sizeof *v->student_first);
    v->cell_breach = calloc((size_t)m->n_departments * (size_t)m->weeks + 1, sizeof(bool));
    v->student_breach = calloc((size_t)m->n_students + 1, sizeof(bool));
    v->student_changed = calloc((size_t)m->n_students + 1, sizeof(bool));
    v->rotation_changed = calloc((size_t)v->plan->n_rotations + 1, sizeof(bool));
    if (!v->student_first || !v->cell_breach || !v->student_breach || !v->student_changed ||
        !v->rotation_changed || fill_cells(v)) {
        rp_pub_view_clear(v);
        return RP_ERR_NOMEM;
    }
    for (int k = 0; k < v->plan->n_rotations; k++)
        v->student_first[v->plan->rotations[k].student + 1]++;
    for (int s = 0; s < m->n_students; s++)
        v->student_first[s + 1] += v->student_first[s];
    mark_breaches(p, v);
    mark_changes(p, v);
    return RP_OK;
}

void rp_pub_view_clear(rp_pub_view *v)
{
    rp_plan_free(&v->plan);
    free(v->student_first);
    free(v->cell_first);
    free(v->cell_students);
    free(v->cell_breach);
    free(v->student_breach);
    free(v->student_changed);
    free(v->rotation_changed);
    memset(v, 0, sizeof *v);
}

int rp_pub_cell_count(const rp_pub_view *v, int d, int w)
{
    size_t c = (size_t)d * (size_t)v->m->weeks + (size_t)w;
    return v->cell_first[c + 1] - v->cell_first[c];
}

const int *rp_pub_cell(const rp_pub_view *v, int d, int w)
{
    return v->cell_students + v->cell_first[(size_t)d * (size_t)v->m->weeks + (size_t)w];
}

void rp_pub_date(const rp_model *m, int week, int day, char buf[11])
{
    int y = 0, mo = 1, d = 1;
    rp_model_day(m, week, day, &y, &mo, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u,
             (unsigned)d % 100u);
}

void rp_pub_short_date(const rp_model *m, int week, int day, bool year, char *buf, size_t size)
{
    int y = 0, mo = 1, d = 1;
    rp_model_day(m, week, day, &y, &mo, &d);
    if (year)
        snprintf(buf, size, "%d %s %d", d, month_names[(mo - 1) % 12], y);
    else
        snprintf(buf, size, "%d %s", d, month_names[(mo - 1) % 12]);
}

void rp_pub_supervisors(const rp_model *m, int d, int start, int length, char *buf, size_t size)
{
    const rp_department *dp = &m->departments[d];
    buf[0] = '\0';
    if (!dp->supervisors)
        return;
    int lo = -1, hi = -1;
    for (int w = start; w < start + length && w < m->weeks; w++) {
        int n = dp->supervisors[w];
        if (lo < 0 || n < lo)
            lo = n;
        if (n > hi)
            hi = n;
    }
    if (lo == hi)
        snprintf(buf, size, "%d", lo);
    else
        snprintf(buf, size, "%d-%d", lo, hi);
}

void rp_pub_notes(const rp_model *m, int d, int start, int length, char *buf, size_t size)
{
    const rp_department *dp = &m->departments[d];
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < dp->n_changes; k++) {
        const rp_dept_change *ch = &dp->changes[k];
        bool touches = false;
        for (int w = start; w < start + length && w < m->weeks && ch->weeks; w++)
            touches = touches || ch->weeks[w];
        const char *text = ch->note ? ch->note : ch->closed ? "closed" : NULL;
        if (!touches || !text || used + 1 >= size)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? "; " : "", text);
        if (n > 0)
            used += (size_t)n; /* past size - 1 when cut: the loop ends */
    }
}

const char *rp_pub_student_name(const rp_model *m, int s)
{
    return m->students[s].name ? m->students[s].name : m->students[s].id;
}

const char *rp_pub_department_name(const rp_model *m, int d)
{
    const rp_department *dp = &m->departments[d];
    return dp->name ? dp->name : m->disciplines[dp->discipline].name;
}

void rp_pub_hospital_load(const rp_pub_view *v, int h, int w, long *placed, long *capacity)
{
    *placed = *capacity = 0;
    for (int d = 0; d < v->m->n_departments; d++) {
        if (v->m->departments[d].hospital != h)
            continue;
        *placed += rp_pub_cell_count(v, d, w);
        *capacity += v->m->departments[d].capacity[w];
    }
}
