/* The previous plan as history: what is fixed, what may move, and a working
 * model wide enough to hold what was done. */
#include "solver/form/history.h"

#include <stdlib.h>
#include <string.h>

static rp_past past_kind(const rp_model *m, const rp_rotation *r, int from_week)
{
    int end = r->start + r->length;
    if (r->start >= from_week)
        return RP_PAST_FUTURE;
    if (end > from_week)
        return RP_PAST_RUNNING;
    int length = m->disciplines[m->departments[r->department].discipline].length;
    return r->length == length ? RP_PAST_HISTORY : RP_PAST_SHORT;
}

rp_status rp_history_init(rp_history *h, const rp_model *m, const rp_plan *previous,
                          int from_week)
{
    memset(h, 0, sizeof *h);
    h->m = m;
    h->previous = previous;
    h->from_week = from_week;
    size_t n = (size_t)previous->n_rotations + 1;
    h->kind = malloc(n);
    h->first = calloc((size_t)m->n_students + 2, sizeof *h->first);
    h->order = malloc(n * sizeof *h->order);
    if (!h->kind || !h->first || !h->order) {
        rp_history_clear(h);
        return RP_ERR_NOMEM;
    }
    for (int i = 0; i < previous->n_rotations; i++) {
        const rp_rotation *r = &previous->rotations[i];
        h->kind[i] = (uint8_t)past_kind(m, r, from_week);
        h->first[r->student + 2]++;
    }
    for (int s = 0; s < m->n_students; s++)
        h->first[s + 2] += h->first[s + 1];
    for (int i = 0; i < previous->n_rotations; i++)
        h->order[h->first[previous->rotations[i].student + 1]++] = i;
    return RP_OK;
}

void rp_history_clear(rp_history *h)
{
    free(h->kind);
    free(h->first);
    free(h->order);
    memset(h, 0, sizeof *h);
}

/* Pins whose rotation history has already decided (their week is past, or
 * the student did or is doing the discipline) go: history is kept as it is. */
static void drop_decided_pins(const rp_history *h, int s, rp_student *st)
{
    const rp_plan *p = h->previous;
    int kept = 0;
    for (int k = 0; k < st->n_pins; k++) {
        const rp_pin *pin = &st->pins[k];
        bool decided = pin->start >= 0 && pin->start < h->from_week;
        for (int i = h->first[s]; !decided && i < h->first[s + 1]; i++) {
            const rp_rotation *r = &p->rotations[h->order[i]];
            decided = r->start < h->from_week &&
                      h->m->departments[r->department].discipline == pin->discipline;
        }
        if (!decided)
            st->pins[kept++] = *pin;
    }
    st->n_pins = kept;
}

void rp_history_relax(const rp_history *h, rp_model *work)
{
    const rp_plan *p = h->previous;
    int k = h->from_week < work->weeks ? h->from_week : work->weeks;
    /* The past cannot change, so its limits cannot bind: only the previous
     * plan's own rotations may start there (rp_history_allow_start). */
    for (int d = 0; d < work->n_departments; d++) {
        rp_department *dep = &work->departments[d];
        for (int t = 0; t < k; t++) {
            dep->minimum[t] = 0;
            if (dep->capacity[t] < work->n_students)
                dep->capacity[t] = work->n_students;
        }
    }
    /* so are its teams' (who guided whom then is kept as it was, in finish) */
    for (int i = 0; i < work->n_teams; i++)
        for (int t = 0; t < k; t++)
            if (work->teams[i].capacity[t] < work->n_students)
                work->teams[i].capacity[t] = work->n_students;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *r = &p->rotations[i];
        if (h->kind[i] == RP_PAST_FUTURE)
            continue;
        rp_student *st = &work->students[r->student];
        st->blocked[r->department] = RP_BLOCK_NONE;
        for (int t = r->start; t < r->start + r->length && t < k; t++)
            st->available[t] = true;
    }
    for (int s = 0; s < work->n_students; s++)
        drop_decided_pins(h, s, &work->students[s]);
}

bool rp_history_allow_start(void *ctx, int student, int department, int start)
{
    const rp_history *h = ctx;
    if (start >= h->from_week)
        return h->m->students[student].blocked[department] == RP_BLOCK_NONE;
    for (int i = h->first[student]; i < h->first[student + 1]; i++) {
        const rp_rotation *r = &h->previous->rotations[h->order[i]];
        if (r->department == department && r->start == start)
            return true;
    }
    return false;
}

void rp_history_form_options(const rp_history *h, rp_form_options *fo)
{
    fo->allow_start = rp_history_allow_start;
    fo->allow_ctx = (void *)h;
}

/* The x column of a rotation of full length, or -1. */
static int rotation_col(const rp_form *f, const rp_rotation *rot)
{
    const rp_model *m = f->model;
    int length = m->disciplines[m->departments[rot->department].discipline].length;
    if (rot->length != length)
        return -1;
    return rp_form_x(f, rot->student, rot->department, rot->start);
}

/* A running rotation kept whole keeps its supervisor: x column j may only be
 * guided by their team, or not kept at all. Returns the guide column to fix
 * (-1: none needed), or -2 when j cannot keep the supervisor. */
static int supervisor_guide(const rp_form *f, const rp_rotation *rot, int j)
{
    const rp_model *m = f->model;
    if (rot->supervisor < 0 || !f->x_team || m->departments[rot->department].n_teams == 0)
        return -1;
    int team = m->supervisors[rot->supervisor].team;
    if (f->x_team[j] >= 0)
        return f->x_team[j] == team ? -1 : -2;
    int g = rp_form_guide_col(f, j, team);
    return g >= 0 ? g : -2;
}

rp_status rp_history_fit_form(const rp_history *h, rp_form *f, bool running_whole,
                              rp_history_fit *fit)
{
    const rp_plan *previous = h->previous;
    memset(fit, 0, sizeof *fit);
    fit->bad_rotation = -1;
    fit->col = malloc(((size_t)previous->n_rotations + 1) * sizeof *fit->col);
    if (!fit->col)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    for (int i = 0; i < previous->n_rotations; i++) {
        const rp_rotation *rot = &previous->rotations[i];
        rp_past kind = h->kind[i];
        int j = kind == RP_PAST_SHORT ? -1 : rotation_col(f, rot);
        int guide = j >= 0 && kind == RP_PAST_RUNNING ? supervisor_guide(f, rot, j) : -1;
        if (guide == -2) {
            /* whole, it would change supervisor part way, or rewrite who
             * guided its past weeks: it is cut instead */
            rp_lp_set_col_bounds(f->lp, j, 0, 0);
            j = -1;
        }
        fit->col[i] = j;
        if (kind == RP_PAST_HISTORY || kind == RP_PAST_SHORT) {
            fit->n_history++;
            if (kind == RP_PAST_HISTORY && j < 0 && fit->bad_rotation < 0) {
                fit->bad_rotation = i;
                st = RP_ERR_INVALID;
            }
        } else {
            fit->n_future++;
            fit->n_running += kind == RP_PAST_RUNNING;
            fit->n_impossible += j < 0;
        }
        if (j >= 0 && (kind == RP_PAST_HISTORY || (kind == RP_PAST_RUNNING && running_whole))) {
            rp_lp_set_col_bounds(f->lp, j, 1, 1);
            if (guide >= 0)
                rp_lp_set_col_bounds(f->lp, guide, 1, 1);
        }
    }
    return st;
}

void rp_history_fit_clear(rp_history_fit *fit)
{
    free(fit->col);
    memset(fit, 0, sizeof *fit);
    fit->bad_rotation = -1;
}

void rp_history_release_running(const rp_history *h, const rp_history_fit *fit, rp_form *f)
{
    for (int i = 0; i < h->previous->n_rotations; i++)
        if (h->kind[i] == RP_PAST_RUNNING && fit->col[i] >= 0) {
            rp_lp_set_col_bounds(f->lp, fit->col[i], 0, 1);
            int guide = supervisor_guide(f, &h->previous->rotations[i], fit->col[i]);
            if (guide >= 0)
                rp_lp_set_col_bounds(f->lp, guide, 0, 1);
        }
}

rp_status rp_history_start_plan(const rp_history *h, const rp_history_fit *fit, bool past_only,
                                rp_plan **out)
{
    *out = rp_plan_new();
    if (!*out)
        return RP_ERR_NOMEM;
    for (int i = 0; i < h->previous->n_rotations; i++) {
        const rp_rotation *rot = &h->previous->rotations[i];
        if (fit->col[i] >= 0 && !(past_only && h->kind[i] == RP_PAST_FUTURE) &&
            rp_plan_add(*out, rot->student, rot->department, rot->start, rot->length)) {
            rp_plan_free(out);
            return RP_ERR_NOMEM;
        }
    }
    return RP_OK;
}
