/* Between column values and plans. */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "model/teams.h"
#include "solver/form/build.h"

rp_status rp_form_plan(const rp_form *f, const double *values, rp_plan *plan)
{
    rp_plan_reset(plan);
    int *team_of = f->x_team ? malloc(((size_t)f->n_x + 1) * sizeof *team_of) : NULL;
    if (f->x_team && !team_of)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    for (int j = 0; j < f->n_x && st == RP_OK; j++) {
        if (values[j] <= 0.5)
            continue;
        const rp_form_tag *tg = &f->col_tags[j];
        if (team_of)
            team_of[plan->n_rotations] = rp_form_x_team(f, j, values);
        st = rp_plan_add(plan, tg->student, tg->department, tg->week,
                         f->model->disciplines[tg->discipline].length);
    }
    /* A plan the program holds keeps every team's capacity, so each
     * rotation finds its supervisor; one that does not (a relaxed program)
     * leaves those rotations without, for the checker to report. */
    if (st == RP_OK && team_of && rp_teams_assign(f->model, plan, team_of) == RP_ERR_NOMEM)
        st = RP_ERR_NOMEM;
    free(team_of);
    rp_plan_sort(plan);
    return st;
}

int rp_form_guide_col(const rp_form *f, int j, int t)
{
    if (!f->x_team || j < 0 || j >= f->n_x)
        return -1;
    for (int k = f->guide_start[j]; k < f->guide_start[j + 1]; k++)
        if (f->col_tags[f->guide_cols[k]].item == t)
            return f->guide_cols[k];
    return -1;
}

/* Guide columns for the plan's rotations (their x already set): the team of
 * the rotation's supervisor when it may guide it, else the team with the
 * most room left over the rotation's weeks, rotations with no choice first. */
static rp_status set_guides(const rp_form *f, const rp_plan *plan, double *values)
{
    const rp_model *m = f->model;
    int W = m->weeks;
    int *load = calloc((size_t)m->n_teams * W + 1, sizeof *load);
    int *pending = malloc(((size_t)plan->n_rotations + 1) * sizeof *pending);
    if (!load || !pending) {
        free(load);
        free(pending);
        return RP_ERR_NOMEM;
    }
    int n_pending = 0;
    for (int r = 0; r < plan->n_rotations; r++) {
        const rp_rotation *rot = &plan->rotations[r];
        int j = rp_form_x(f, rot->student, rot->department, rot->start);
        int t = f->x_team[j];
        if (t < 0 && rot->supervisor >= 0 && rp_form_guide_col(f, j, m->supervisors[rot->supervisor].team) >= 0)
            t = m->supervisors[rot->supervisor].team;
        if (t < 0 && f->guide_start[j + 1] > f->guide_start[j]) {
            pending[n_pending++] = r;
            continue;
        }
        if (t < 0)
            continue;
        if (f->x_team[j] < 0)
            values[rp_form_guide_col(f, j, t)] = 1;
        for (int w = rot->start; w < rot->start + rot->length; w++)
            load[(size_t)t * W + w]++;
    }
    for (int i = 0; i < n_pending; i++) {
        const rp_rotation *rot = &plan->rotations[pending[i]];
        int j = rp_form_x(f, rot->student, rot->department, rot->start), best = -1;
        long best_room = 0;
        for (int k = f->guide_start[j]; k < f->guide_start[j + 1]; k++) {
            int t = f->col_tags[f->guide_cols[k]].item;
            long room = 0x7fffffff;
            for (int w = rot->start; w < rot->start + rot->length; w++) {
                long left = (long)m->teams[t].capacity[w] - load[(size_t)t * W + w];
                if (left < room)
                    room = left;
            }
            if (best < 0 || room > best_room) {
                best = t;
                best_room = room;
            }
        }
        values[rp_form_guide_col(f, j, best)] = 1;
        for (int w = rot->start; w < rot->start + rot->length; w++)
            load[(size_t)best * W + w]++;
    }
    free(load);
    free(pending);
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

/* The arcs of one student's path network, by where they leave from. States
 * are 0 (no hospital yet, or hospitals not tracked) and 1 + hospital. */
typedef struct arcs {
    int states, hospitals;
    int *idle, *stop, *leave;   /* [(weeks+1) x states] */
    int *first, *stay, *change; /* [weeks x hospitals] */
} arcs;

static int *slot_of(const arcs *a, const rp_form_tag *tg)
{
    int g = tg->item + 1; /* state left */
    switch (tg->kind) {
    case RP_FORM_COL_IDLE: return &a->idle[(size_t)tg->week * a->states + g];
    case RP_FORM_COL_STOP: return &a->stop[(size_t)tg->week * a->states + g];
    case RP_FORM_COL_LEAVE: return &a->leave[(size_t)tg->week * a->states + g];
    case RP_FORM_COL_ENTER:
        return &(g == 0 ? a->first : a->stay)[(size_t)tg->week * a->hospitals + tg->hospital];
    case RP_FORM_COL_CHANGE: return &a->change[(size_t)tg->week * a->hospitals + tg->hospital];
    default: return NULL;
    }
}

static void load_arcs(const rp_form *f, int si, arcs *a)
{
    size_t nodes = ((size_t)f->model->weeks + 1) * a->states;
    size_t starts = (size_t)f->model->weeks * a->hospitals;
    for (size_t i = 0; i < nodes; i++)
        a->idle[i] = a->stop[i] = a->leave[i] = -1;
    for (size_t i = 0; i < starts; i++)
        a->first[i] = a->stay[i] = a->change[i] = -1;
    for (int j = f->aux_first[si]; j < f->aux_first[si + 1]; j++) {
        int *slot = slot_of(a, &f->col_tags[j]);
        if (slot)
            *slot = j;
    }
}

/* Sets the path columns of student si for rotations idx[0..n-1] (plan
 * indices, by start week). Returns false with *bad set when no path holds
 * them. */
static bool walk(const rp_form *f, int si, const rp_plan *plan, const int *idx, int n,
                 const arcs *a, double *values, int *bad)
{
    bool tracks = rp_form_tracks_hospital(f, si);
    int w = f->model->students[si].first_week, g = 0;
    for (int k = 0; k < n; k++) {
        const rp_rotation *rot = &plan->rotations[idx[k]];
        int h = f->model->departments[rot->department].hospital;
        *bad = idx[k];
        if (rot->start < w)
            return false; /* overlaps the previous rotation */
        for (; w < rot->start; w++) {
            int c = a->idle[(size_t)w * a->states + g];
            if (c < 0)
                return false;
            values[c] = 1;
        }
        if (tracks) {
            size_t at = (size_t)w * a->hospitals + h;
            if (g == 0 || g == 1 + h) {
                int c = (g == 0 ? a->first : a->stay)[at];
                if (c < 0)
                    return false;
                values[c] = 1;
            } else {
                int leave = a->leave[(size_t)w * a->states + g], change = a->change[at];
                if (leave < 0 || change < 0)
                    return false;
                values[leave] = values[change] = 1;
            }
        }
        w = rot->start + rot->length;
        g = tracks ? 1 + h : 0;
    }
    *bad = n > 0 ? idx[n - 1] : -1;
    int c = a->stop[(size_t)w * a->states + g];
    if (c < 0)
        return false;
    values[c] = 1;
    return true;
}

typedef struct key {
    int student, start, index;
} key;

static int by_student_start(const void *x, const void *y)
{
    const key *a = x, *b = y;
    if (a->student != b->student)
        return a->student < b->student ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Plan indices ordered by student, then start week; NULL when out of memory. */
static int *ordered(const rp_plan *plan)
{
    size_t n = (size_t)plan->n_rotations;
    key *keys = malloc((n + 1) * sizeof *keys);
    int *idx = malloc((n + 1) * sizeof *idx);
    if (!keys || !idx) {
        free(keys);
        free(idx);
        return NULL;
    }
    for (size_t r = 0; r < n; r++)
        keys[r] = (key){plan->rotations[r].student, plan->rotations[r].start, (int)r};
    qsort(keys, n, sizeof *keys, by_student_start);
    for (size_t r = 0; r < n; r++)
        idx[r] = keys[r].index;
    free(keys);
    return idx;
}

rp_status rp_form_values(const rp_form *f, const rp_plan *plan, double *values,
                         int *bad_rotation)
{
    const rp_model *m = f->model;
    int bad = -1;
    memset(values, 0, (size_t)f->lp->n_cols * sizeof *values);
    for (int r = 0; r < plan->n_rotations; r++) {
        const rp_rotation *rot = &plan->rotations[r];
        int j = rp_form_x(f, rot->student, rot->department, rot->start);
        if (j < 0 || rot->length != m->disciplines[f->col_tags[j].discipline].length) {
            if (bad_rotation)
                *bad_rotation = r;
            return RP_ERR_INVALID;
        }
        values[j] = 1;
    }
    if (f->x_team)
        RP_TRY(set_guides(f, plan, values));
    size_t T = (size_t)m->weeks, S = (size_t)m->n_hospitals + 1;
    int *idx = ordered(plan);
    int *buf = malloc((3 * (T + 1) * S + 3 * T * S + 1) * sizeof *buf);
    if (!idx || !buf) {
        free(idx);
        free(buf);
        return RP_ERR_NOMEM;
    }
    rp_status st = RP_OK;
    int r = 0;
    for (int si = 0; si < m->n_students && st == RP_OK; si++) {
        int n = 0;
        while (r + n < plan->n_rotations && plan->rotations[idx[r + n]].student == si)
            n++;
        bool tracks = rp_form_tracks_hospital(f, si);
        arcs a = {tracks ? (int)S : 1, (int)S - 1, buf, buf + (T + 1) * S, buf + 2 * (T + 1) * S,
                  buf + 3 * (T + 1) * S, buf + 3 * (T + 1) * S + T * S,
                  buf + 3 * (T + 1) * S + 2 * T * S};
        load_arcs(f, si, &a);
        if (!walk(f, si, plan, idx + r, n, &a, values, &bad))
            st = RP_ERR_INVALID;
        r += n;
    }
    if (st == RP_OK) {
        double worst = DBL_MAX;
        for (int si = 0; si < m->n_students; si++) {
            double s = rp_form_student_score(f, si, values);
            if (f->score_cols)
                values[f->score_cols[si]] = s;
            if (s < worst)
                worst = s;
        }
        if (f->worst_col >= 0)
            values[f->worst_col] = worst;
        for (int k = 0; k < f->n_levels; k++)
            for (int si = 0; si < m->n_students; si++) {
                double gap = (double)f->levels[k].value - rp_form_student_score(f, si, values);
                values[f->levels[k].first_col + si] = gap > 0 ? gap : 0;
            }
    }
    if (st && bad_rotation)
        *bad_rotation = bad;
    free(idx);
    free(buf);
    return st;
}
