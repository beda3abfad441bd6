#include "solver/heur/state.h"

#include "solver/form/may_start.h"

#include <stdlib.h>
#include <string.h>

#define ALLOC(ptr, n) ((ptr) = calloc((size_t)(n) + 1, sizeof *(ptr)))

static rp_status alloc_all(rp_hstate *st)
{
    int S = st->n_students, D = st->n_disciplines, W = st->n_weeks;
    if (!ALLOC(st->len, D) || !ALLOC(st->unit_hosp, st->n_units) || !ALLOC(st->clo_off, D + 1) ||
        !ALLOC(st->unit_dept, st->n_units) || !ALLOC(st->unit_team, st->n_units) ||
        !ALLOC(st->unit_run, st->n_units * W) ||
        !ALLOC(st->cell_cap, st->n_cells * W) || !ALLOC(st->cell_min, st->n_cells * W) ||
        !ALLOC(st->allowed, S * D) || !ALLOC(st->elig_off, S * D + 1) ||
        !ALLOC(st->pin_start, S * D) || !ALLOC(st->pinned, S * D) || !ALLOC(st->run, S * W) ||
        !ALLOC(st->n_avail, S) || !ALLOC(st->dreq_off, S * D + 1) || !ALLOC(st->req_base, S + 1) ||
        !ALLOC(st->unit_of, S * D) || !ALLOC(st->start_of, S * D) || !ALLOC(st->occ, S * W) ||
        !ALLOC(st->hosp_cnt, S * st->n_hospitals) || !ALLOC(st->done, S * D) || !ALLOC(st->n_done, S) ||
        !ALLOC(st->load, st->n_cells * W) || !ALLOC(st->score, S) || !ALLOC(st->scratch, D))
        return RP_ERR_NOMEM;
    return RP_OK;
}

/* Transitive prerequisites of every discipline, by depth-first search. */
static rp_status build_closure(rp_hstate *st)
{
    const rp_model *m = st->m;
    int D = st->n_disciplines;
    uint8_t *seen = calloc((size_t)D + 1, 1);
    int *stack = calloc((size_t)D + 1, sizeof *stack);
    st->clo = calloc((size_t)D * (size_t)D + 1, sizeof *st->clo);
    if (!seen || !stack || !st->clo) {
        free(seen);
        free(stack);
        return RP_ERR_NOMEM;
    }
    int n = 0;
    for (int d = 0; d < D; d++) {
        st->clo_off[d] = n;
        memset(seen, 0, (size_t)D);
        int top = 0;
        stack[top++] = d;
        seen[d] = 1;
        while (top > 0) {
            const rp_discipline *x = &m->disciplines[stack[--top]];
            for (int i = 0; i < x->n_prerequisites; i++) {
                int p = x->prerequisites[i];
                if (p < 0 || p >= D || seen[p])
                    continue;
                seen[p] = 1;
                stack[top++] = p;
                st->clo[n++] = p;
            }
        }
    }
    st->clo_off[D] = n;
    free(seen);
    free(stack);
    return RP_OK;
}

static void build_runs(rp_hstate *st, int s)
{
    const rp_student *stu = &st->m->students[s];
    int W = st->n_weeks, *run = st->run + (size_t)s * W, count = 0;
    for (int t = W - 1; t >= 0; t--) {
        run[t] = stu->available[t] ? (t + 1 < W ? run[t + 1] : 0) + 1 : 0;
        count += stu->available[t] ? 1 : 0;
    }
    st->n_avail[s] = count;
}

/* Records which disciplines s's pins name and the first week a pin fixes;
 * whether a department and week keep the pins is rp_may_start's to say. */
static void note_pins(rp_hstate *st, int s)
{
    const rp_student *stu = &st->m->students[s];
    for (int d = 0; d < st->n_disciplines; d++)
        st->pin_start[(size_t)s * st->n_disciplines + d] = -1;
    for (int i = 0; i < stu->n_pins; i++) {
        const rp_pin *p = &stu->pins[i];
        if (p->discipline < 0 || p->discipline >= st->n_disciplines)
            continue;
        size_t k = (size_t)s * st->n_disciplines + p->discipline;
        st->pinned[k] = 1;
        if (p->start >= 0)
            st->pin_start[k] = p->start;
    }
}

/* Some week in which s may begin a rotation in unit u (pins kept). */
static bool may_use(const rp_hstate *st, int s, int u)
{
    for (int t = 0; t < st->n_weeks; t++)
        if (rp_may_start_with(st->m, s, st->unit_dept[u], st->unit_team[u], t, RP_PINS_KEPT))
            return true;
    return false;
}

/* Units and cells from the departments and their teams. */
static void build_units(rp_hstate *st)
{
    const rp_model *m = st->m;
    int u = 0, W = st->n_weeks;
    for (int p = 0; p < m->n_departments; p++) {
        const rp_department *dep = &m->departments[p];
        for (int i = 0; i < (dep->n_teams ? dep->n_teams : 1); i++, u++) {
            st->unit_dept[u] = p;
            st->unit_team[u] = dep->n_teams ? dep->first_team + i : -1;
            st->unit_hosp[u] = dep->hospital;
        }
        memcpy(st->cell_cap + (size_t)p * W, dep->capacity, (size_t)W * sizeof(int));
        memcpy(st->cell_min + (size_t)p * W, dep->minimum, (size_t)W * sizeof(int));
    }
    for (int t = 0; t < m->n_teams; t++)
        memcpy(st->cell_cap + (size_t)(m->n_departments + t) * W, m->teams[t].capacity,
               (size_t)W * sizeof(int));
    for (u = 0; u < st->n_units; u++) {
        int cells[2], n = rp_hstate_unit_cells(st, u, cells);
        int *run = st->unit_run + (size_t)u * W;
        for (int w = W - 1; w >= 0; w--) {
            bool open = true;
            for (int i = 0; i < n; i++)
                open = open && st->cell_cap[(size_t)cells[i] * W + w] > 0;
            run[w] = open ? (w + 1 < W ? run[w + 1] : 0) + 1 : 0;
        }
    }
}

/* The units of each discipline, in order: units_of[units_off[d] ..
 * units_off[d + 1]). Building a student then looks at these alone. */
typedef struct units_by_discipline {
    int *units_off, *units_of;
} units_by_discipline;

static rp_status group_units(const rp_hstate *st, units_by_discipline *g)
{
    g->units_off = calloc((size_t)st->n_disciplines + 1, sizeof *g->units_off);
    g->units_of = calloc((size_t)st->n_units + 1, sizeof *g->units_of);
    if (!g->units_off || !g->units_of)
        return RP_ERR_NOMEM;
    int n = 0;
    for (int d = 0; d < st->n_disciplines; d++) {
        g->units_off[d] = n;
        for (int u = 0; u < st->n_units; u++)
            if (st->m->departments[st->unit_dept[u]].discipline == d)
                g->units_of[n++] = u;
    }
    g->units_off[st->n_disciplines] = n;
    return RP_OK;
}

/* Eligible departments, requirement membership and `allowed` of student s. */
static rp_status build_student(rp_hstate *st, const units_by_discipline *g, int s, int **elig,
                               int *elig_cap, int **dreq, int *dreq_cap, int *n_elig, int *n_dreq)
{
    const rp_model *m = st->m;
    const rp_student *stu = &m->students[s];
    int D = st->n_disciplines;
    build_runs(st, s);
    note_pins(st, s);
    st->req_base[s + 1] = st->req_base[s] + stu->n_requirements;
    /* The programme: disciplines of the requirements and what they need first. */
    uint8_t *in_programme = st->allowed + (size_t)s * D;
    for (int r = 0; r < stu->n_requirements; r++)
        for (int i = 0; i < stu->requirements[r].n_disciplines; i++) {
            int d = stu->requirements[r].disciplines[i];
            in_programme[d] = 1;
            for (int j = st->clo_off[d]; j < st->clo_off[d + 1]; j++)
                in_programme[st->clo[j]] = 1;
        }
    for (int d = 0; d < D; d++) {
        size_t k = (size_t)s * D + d;
        st->elig_off[k] = *n_elig;
        st->dreq_off[k] = *n_dreq;
        for (int i = g->units_off[d]; i < g->units_off[d + 1]; i++) {
            int e = g->units_of[i];
            if (!may_use(st, s, e))
                continue;
            if (*n_elig == *elig_cap) {
                *elig_cap *= 2;
                int *grown = realloc(*elig, (size_t)*elig_cap * sizeof **elig);
                if (!grown)
                    return RP_ERR_NOMEM;
                *elig = grown;
            }
            (*elig)[(*n_elig)++] = e;
        }
        for (int r = 0; r < stu->n_requirements; r++) {
            const rp_requirement *req = &stu->requirements[r];
            for (int i = 0; i < req->n_disciplines; i++) {
                if (req->disciplines[i] != d)
                    continue;
                if (*n_dreq == *dreq_cap) {
                    *dreq_cap *= 2;
                    int *grown = realloc(*dreq, (size_t)*dreq_cap * sizeof **dreq);
                    if (!grown)
                        return RP_ERR_NOMEM;
                    *dreq = grown;
                }
                (*dreq)[(*n_dreq)++] = r;
                break;
            }
        }
        bool has_unit = *n_elig > st->elig_off[k];
        st->allowed[k] = in_programme[d] && has_unit;
    }
    return RP_OK;
}

rp_status rp_hstate_init(rp_hstate *st, const rp_model *m)
{
    memset(st, 0, sizeof *st);
    st->m = m;
    st->n_students = m->n_students;
    st->n_disciplines = m->n_disciplines;
    st->n_weeks = m->weeks;
    st->n_hospitals = m->n_hospitals;
    st->n_departments = m->n_departments;
    st->n_units = 0;
    for (int p = 0; p < m->n_departments; p++)
        st->n_units += m->departments[p].n_teams ? m->departments[p].n_teams : 1;
    st->n_cells = m->n_departments + m->n_teams;
    rp_status status = alloc_all(st);
    if (status == RP_OK)
        status = build_closure(st);
    int elig_cap = 64, dreq_cap = 64, n_elig = 0, n_dreq = 0;
    int *elig = malloc((size_t)elig_cap * sizeof *elig);
    int *dreq = malloc((size_t)dreq_cap * sizeof *dreq);
    if (!elig || !dreq)
        status = RP_ERR_NOMEM;
    units_by_discipline groups = {NULL, NULL};
    if (status == RP_OK) {
        for (int d = 0; d < st->n_disciplines; d++)
            st->len[d] = m->disciplines[d].length;
        build_units(st);
        status = group_units(st, &groups);
        for (int s = 0; s < st->n_students && status == RP_OK; s++)
            status = build_student(st, &groups, s, &elig, &elig_cap, &dreq, &dreq_cap, &n_elig,
                                   &n_dreq);
    }
    free(groups.units_off);
    free(groups.units_of);
    st->elig = elig;
    st->dreq = dreq;
    if (status == RP_OK) {
        st->elig_off[(size_t)st->n_students * st->n_disciplines] = n_elig;
        st->dreq_off[(size_t)st->n_students * st->n_disciplines] = n_dreq;
        st->req_cnt = calloc((size_t)st->req_base[st->n_students] + 1, sizeof *st->req_cnt);
        if (!st->req_cnt)
            status = RP_ERR_NOMEM;
    }
    if (status != RP_OK) {
        rp_hstate_free(st);
        return status;
    }
    for (size_t k = 0; k < (size_t)st->n_students * st->n_disciplines; k++)
        st->unit_of[k] = -1;
    for (int e = 0; e < st->n_departments; e++)
        for (int w = 0; w < st->n_weeks; w++)
            st->breaches += st->cell_min[(size_t)e * st->n_weeks + w];
    rp_hstate_rescore_all(st);
    return RP_OK;
}

void rp_hstate_free(rp_hstate *st)
{
    void *owned[] = {st->unit_dept, st->unit_team, st->unit_run, st->cell_cap, st->cell_min,
                     st->len,      st->unit_hosp, st->clo_off,  st->clo,      st->allowed,
                     st->elig_off, st->elig,      st->pin_start, st->pinned,  st->run,
                     st->n_avail,  st->dreq_off,  st->dreq,     st->req_base, st->unit_of,
                     st->start_of, st->occ,       st->req_cnt,  st->hosp_cnt, st->done,
                     st->n_done,   st->load,      st->score,    st->scratch};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        free(owned[i]);
    memset(st, 0, sizeof *st);
}

static int cell_breach(const rp_hstate *st, size_t cw, int load)
{
    int over = load - st->cell_cap[cw], under = st->cell_min[cw] - load;
    return (over > 0 ? over : 0) + (under > 0 ? under : 0);
}

int rp_hstate_unit_cells(const rp_hstate *st, int u, int *cells)
{
    cells[0] = st->unit_dept[u];
    if (st->unit_team[u] < 0)
        return 1;
    cells[1] = st->n_departments + st->unit_team[u];
    return 2;
}

bool rp_hstate_cell_breached(const rp_hstate *st, int c, int w)
{
    size_t cw = (size_t)c * st->n_weeks + w;
    return st->load[cw] > st->cell_cap[cw] || st->load[cw] < st->cell_min[cw];
}

int rp_hstate_cell_delta(const rp_hstate *st, int u, int w, int delta)
{
    int cells[2], n = rp_hstate_unit_cells(st, u, cells), change = 0;
    for (int i = 0; i < n; i++) {
        size_t cw = (size_t)cells[i] * st->n_weeks + w;
        change += cell_breach(st, cw, st->load[cw] + delta) - cell_breach(st, cw, st->load[cw]);
    }
    return change;
}

/* Puts (delta +1) or takes (-1) student s's rotation of d at unit u from start. */
static void place(rp_hstate *st, int s, int d, int u, int start, int delta)
{
    int W = st->n_weeks, L = st->len[d];
    int cells[2], n = rp_hstate_unit_cells(st, u, cells);
    uint8_t *occ = st->occ + (size_t)s * W;
    for (int w = start; w < start + L && w < W; w++) {
        for (int i = 0; i < n; i++) {
            size_t cw = (size_t)cells[i] * W + w;
            int before = cell_breach(st, cw, st->load[cw]);
            st->load[cw] += delta;
            st->breaches += cell_breach(st, cw, st->load[cw]) - before;
        }
        occ[w] = (uint8_t)(occ[w] + delta);
    }
    size_t k = (size_t)s * st->n_disciplines + d;
    st->hosp_cnt[(size_t)s * st->n_hospitals + st->unit_hosp[u]] += delta;
    for (int i = st->dreq_off[k]; i < st->dreq_off[k + 1]; i++)
        st->req_cnt[st->req_base[s] + st->dreq[i]] += delta;
    int *done = st->done + (size_t)s * st->n_disciplines;
    if (delta > 0) {
        done[st->n_done[s]++] = d;
        st->unit_of[k] = u;
        st->start_of[k] = start;
    } else {
        for (int i = 0; i < st->n_done[s]; i++)
            if (done[i] == d) {
                done[i] = done[--st->n_done[s]];
                break;
            }
        st->unit_of[k] = -1;
    }
}

static void edit(rp_hstate *st, int s, int d, int from_unit, int from_start, int to_unit,
                 int to_start)
{
    if (from_unit >= 0)
        place(st, s, d, from_unit, from_start, -1);
    if (to_unit >= 0)
        place(st, s, d, to_unit, to_start, +1);
}

void rp_hstate_apply(rp_hstate *st, const rp_hedit *e, int n)
{
    for (int i = 0; i < n; i++)
        edit(st, e[i].student, e[i].disc, e[i].old_unit, e[i].old_start, e[i].new_unit,
             e[i].new_start);
}

void rp_hstate_revert(rp_hstate *st, const rp_hedit *e, int n)
{
    for (int i = n - 1; i >= 0; i--)
        edit(st, e[i].student, e[i].disc, e[i].new_unit, e[i].new_start, e[i].old_unit,
             e[i].old_start);
}

static bool rotation_ok(const rp_hstate *st, int s, int d)
{
    size_t k = (size_t)s * st->n_disciplines + d;
    int u = st->unit_of[k], start = st->start_of[k], L = st->len[d], W = st->n_weeks;
    if (!st->allowed[k] ||
        !rp_may_start_with(st->m, s, st->unit_dept[u], st->unit_team[u], start, RP_PINS_KEPT))
        return false;
    const uint8_t *occ = st->occ + (size_t)s * W;
    for (int w = start; w < start + L; w++)
        if (occ[w] != 1)
            return false;
    bool eligible = false;
    for (int i = st->elig_off[k]; i < st->elig_off[k + 1] && !eligible; i++)
        eligible = st->elig[i] == u;
    if (!eligible)
        return false;
    const rp_discipline *disc = &st->m->disciplines[d];
    for (int i = 0; i < disc->n_prerequisites; i++) {
        size_t p = (size_t)s * st->n_disciplines + disc->prerequisites[i];
        if (st->unit_of[p] < 0 || st->start_of[p] + st->len[disc->prerequisites[i]] > start)
            return false;
    }
    return true;
}

bool rp_hstate_student_ok(const rp_hstate *st, int s)
{
    const rp_student *stu = &st->m->students[s];
    const int *done = st->done + (size_t)s * st->n_disciplines;
    for (int i = 0; i < st->n_done[s]; i++)
        if (!rotation_ok(st, s, done[i]))
            return false;
    const int *cnt = st->req_cnt + st->req_base[s];
    for (int r = 0; r < stu->n_requirements; r++)
        if (cnt[r] < stu->requirements[r].min || cnt[r] > stu->requirements[r].max)
            return false;
    if (stu->max_per_hospital != RP_NO_LIMIT) {
        const int *hc = st->hosp_cnt + (size_t)s * st->n_hospitals;
        for (int h = 0; h < st->n_hospitals; h++)
            if (hc[h] > stu->max_per_hospital)
                return false;
    }
    for (int d = 0; d < st->n_disciplines; d++) {
        size_t k = (size_t)s * st->n_disciplines + d;
        if (st->pinned[k] && st->unit_of[k] < 0)
            return false;
    }
    return true;
}

long rp_hstate_student_score(const rp_hstate *st, int s)
{
    const rp_model *m = st->m;
    const rp_student *stu = &m->students[s];
    const rp_weights *w = &stu->weights;
    int n = st->n_done[s], *order = st->scratch;
    const int *start = st->start_of + (size_t)s * st->n_disciplines, *unit = st->unit_of + (size_t)s * st->n_disciplines;
    memcpy(order, st->done + (size_t)s * st->n_disciplines, (size_t)n * sizeof *order);
    for (int i = 1; i < n; i++) {
        int d = order[i], j = i;
        for (; j > 0 && start[order[j - 1]] > start[d]; j--)
            order[j] = order[j - 1];
        order[j] = d;
    }
    long disc = 0, hosp = 0, school = 0, changes = 0, covered = 0;
    for (int i = 0; i < n; i++) {
        int d = order[i], h = st->unit_hosp[unit[d]];
        disc += stu->pref_discipline[d];
        hosp += stu->pref_hospital[h];
        school += m->disciplines[d].priority;
        if (i > 0 && st->unit_hosp[unit[order[i - 1]]] != h)
            changes++;
        if (i + 1 < n)
            covered += st->len[d];
    }
    long idle = n > 0 ? start[order[n - 1]] - stu->first_week - covered : 0;
    return (long)w->discipline * disc + (long)w->hospital * hosp +
           (long)m->objective.school_priority * school - (long)w->change * changes -
           (long)w->idle * idle;
}

static void find_worst(rp_hstate *st)
{
    st->worst = 0;
    st->n_worst = 0;
    for (int s = 0; s < st->n_students; s++) {
        if (st->n_worst == 0 || st->score[s] < st->worst) {
            st->worst = st->score[s];
            st->n_worst = 1;
        } else if (st->score[s] == st->worst) {
            st->n_worst++;
        }
    }
}

void rp_hstate_rescore(rp_hstate *st, const int *students, int n, rp_hscore_undo *u)
{
    u->n = n;
    u->sum = st->sum;
    u->worst = st->worst;
    u->n_worst = st->n_worst;
    long lowest = 0;
    for (int i = 0; i < n; i++) {
        int s = students[i];
        long now = rp_hstate_student_score(st, s);
        u->student[i] = s;
        u->old_score[i] = st->score[s];
        if (st->score[s] == st->worst)
            st->n_worst--;
        st->sum += now - st->score[s];
        st->score[s] = now;
        if (i == 0 || now < lowest)
            lowest = now;
    }
    if (n == 0)
        return;
    if (lowest < st->worst) {
        st->worst = lowest;
        st->n_worst = 0;
        for (int i = 0; i < n; i++)
            st->n_worst += st->score[students[i]] == lowest;
        return;
    }
    for (int i = 0; i < n; i++)
        st->n_worst += st->score[students[i]] == st->worst;
    if (st->n_worst == 0)
        find_worst(st);
}

void rp_hstate_unrescore(rp_hstate *st, const rp_hscore_undo *u)
{
    for (int i = u->n - 1; i >= 0; i--)
        st->score[u->student[i]] = u->old_score[i];
    st->sum = u->sum;
    st->worst = u->worst;
    st->n_worst = u->n_worst;
}

void rp_hstate_rescore_all(rp_hstate *st)
{
    st->sum = 0;
    for (int s = 0; s < st->n_students; s++) {
        st->score[s] = rp_hstate_student_score(st, s);
        st->sum += st->score[s];
    }
    find_worst(st);
}

long rp_hstate_objective(const rp_hstate *st)
{
    return st->sum + (long)st->m->objective.fairness * st->worst;
}
