#include "solver/solve/residual.h"

#include <stdlib.h>
#include <string.h>

void rp_residual_free(rp_residual **rp)
{
    if (!rp || !*rp)
        return;
    rp_residual *r = *rp;
    for (int p = 0; p < r->model.n_departments; p++) {
        free(r->model.departments[p].capacity);
        free(r->model.departments[p].minimum);
    }
    free(r->model.departments);
    for (int t = 0; r->model.teams && t < r->model.n_teams; t++)
        free(r->model.teams[t].capacity);
    free(r->model.teams);
    free(r->model.students);
    free(r);
    *rp = NULL;
}

rp_status rp_residual_make(const rp_model *parent, const int *students, int n,
                           const int *others_load, rp_residual **out)
{
    *out = NULL;
    rp_residual *r = calloc(1, sizeof *r);
    if (!r)
        return RP_ERR_NOMEM;
    r->model = *parent;
    r->model.index = NULL; /* lookups by id stay with the parent */
    r->student = students;
    int W = parent->weeks, D = parent->n_departments;
    r->model.departments = calloc((size_t)D + 1, sizeof *r->model.departments);
    r->model.students = malloc(((size_t)n + 1) * sizeof *r->model.students);
    r->model.n_departments = 0;
    r->model.n_students = n;
    if (!r->model.departments || !r->model.students) {
        rp_residual_free(&r);
        return RP_ERR_NOMEM;
    }
    for (int i = 0; i < n; i++)
        r->model.students[i] = parent->students[students[i]];
    for (int p = 0; p < D; p++) {
        rp_department *dep = &r->model.departments[p];
        *dep = parent->departments[p];
        dep->capacity = malloc(((size_t)W + 1) * sizeof *dep->capacity);
        dep->minimum = malloc(((size_t)W + 1) * sizeof *dep->minimum);
        r->model.n_departments = p + 1; /* freed from here on */
        if (!dep->capacity || !dep->minimum) {
            rp_residual_free(&r);
            return RP_ERR_NOMEM;
        }
        for (int w = 0; w < W; w++) {
            int load = others_load[(size_t)p * W + w];
            int cap = parent->departments[p].capacity[w] - load;
            int min = parent->departments[p].minimum[w] - load;
            /* a closed ward stays closed: capacity 0 keeps its starts out */
            r->overfull += cap < 0;
            dep->capacity[w] = cap > 0 ? cap : 0;
            dep->minimum[w] = min > 0 ? min : 0;
        }
    }
    /* the teams' capacities likewise, after the departments' cells */
    int T = parent->n_teams;
    r->model.teams = T ? calloc((size_t)T, sizeof *r->model.teams) : NULL;
    r->model.n_teams = 0;
    if (T && !r->model.teams) {
        rp_residual_free(&r);
        return RP_ERR_NOMEM;
    }
    for (int t = 0; t < T; t++) {
        rp_team *team = &r->model.teams[t];
        *team = parent->teams[t];
        team->capacity = malloc(((size_t)W + 1) * sizeof *team->capacity);
        r->model.n_teams = t + 1;
        if (!team->capacity) {
            rp_residual_free(&r);
            return RP_ERR_NOMEM;
        }
        for (int w = 0; w < W; w++) {
            int cap = parent->teams[t].capacity[w] - others_load[(size_t)(D + t) * W + w];
            r->overfull += cap < 0;
            /* a team away stays away: its weeks keep their 0 */
            team->capacity[w] = parent->teams[t].capacity[w] <= 0 ? 0 : cap > 0 ? cap : 0;
        }
    }
    *out = r;
    return RP_OK;
}

rp_status rp_residual_alone(const rp_model *parent, const int *s, rp_residual **out)
{
    size_t cells = (size_t)(parent->n_departments + parent->n_teams) * parent->weeks;
    int *none = calloc(cells + 1, sizeof *none);
    if (!none)
        return RP_ERR_NOMEM;
    rp_status st = rp_residual_make(parent, s, 1, none, out);
    free(none);
    if (st)
        return st;
    rp_model *m = &(*out)->model;
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++) {
            m->departments[p].capacity[w] = parent->departments[p].capacity[w] > 0 ? 1 : 0;
            m->departments[p].minimum[w] = 0;
        }
    for (int t = 0; t < m->n_teams; t++)
        for (int w = 0; w < m->weeks; w++)
            m->teams[t].capacity[w] = parent->teams[t].capacity[w] > 0 ? 1 : 0;
    m->objective.fairness = 0;
    return RP_OK;
}
