#include "solver/sched/schedule.h"

#include <stdlib.h>
#include <string.h>

#include "model/teams.h"

void rp_schedule_clear(rp_schedule *s)
{
    free(s->rots);
    memset(s, 0, sizeof *s);
}

rp_status rp_schedule_push(rp_schedule *s, int department, int start, int team)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        rp_sched_rot *r = realloc(s->rots, (size_t)cap * sizeof *r);
        if (!r)
            return RP_ERR_NOMEM;
        s->rots = r;
        s->cap = cap;
    }
    s->rots[s->n++] = (rp_sched_rot){department, start, team};
    return RP_OK;
}

rp_status rp_schedule_copy(rp_schedule *to, const rp_schedule *from)
{
    if (to->cap < from->n) {
        rp_sched_rot *r = realloc(to->rots, ((size_t)from->n + 1) * sizeof *r);
        if (!r)
            return RP_ERR_NOMEM;
        to->rots = r;
        to->cap = from->n + 1;
    }
    if (from->n)
        memcpy(to->rots, from->rots, (size_t)from->n * sizeof *to->rots);
    to->n = from->n;
    to->score = from->score;
    return RP_OK;
}

long rp_schedule_score(const rp_model *m, int s, const rp_sched_rot *rots, int n)
{
    const rp_student *st = &m->students[s];
    long total = 0, changes = 0, covered = 0;
    for (int i = 0; i < n; i++) {
        const rp_department *dep = &m->departments[rots[i].department];
        const rp_discipline *d = &m->disciplines[dep->discipline];
        total += (long)st->weights.discipline * st->pref_discipline[dep->discipline] +
                 (long)st->weights.hospital * st->pref_hospital[dep->hospital] +
                 (long)m->objective.school_priority * d->priority;
        if (i > 0 && m->departments[rots[i - 1].department].hospital != dep->hospital)
            changes++;
        if (i < n - 1)
            covered += d->length; /* rotations never overlap: weeks before the last one */
    }
    long idle = n > 0 ? rots[n - 1].start - st->first_week - covered : 0;
    return total - (long)st->weights.change * changes - (long)st->weights.idle * idle;
}

bool rp_schedule_equal(const rp_schedule *a, const rp_schedule *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->rots, b->rots, (size_t)a->n * sizeof *a->rots) == 0);
}

rp_status rp_schedules_from_plan(const rp_model *m, const rp_plan *plan, rp_schedule *out)
{
    for (int s = 0; s < m->n_students; s++)
        out[s].n = 0;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (r->student < 0 || r->student >= m->n_students)
            continue;
        rp_schedule *o = &out[r->student];
        RP_TRY(rp_schedule_push(o, r->department, r->start,
                                rp_team_for(m, r->student, r->department, r->start, r->length,
                                            r->supervisor)));
        /* time order: insertion, a student has a handful of rotations */
        for (int j = o->n - 1; j > 0 && o->rots[j - 1].start > o->rots[j].start; j--) {
            rp_sched_rot t = o->rots[j];
            o->rots[j] = o->rots[j - 1];
            o->rots[j - 1] = t;
        }
    }
    for (int s = 0; s < m->n_students; s++)
        out[s].score = rp_schedule_score(m, s, out[s].rots, out[s].n);
    return RP_OK;
}

int rp_sched_cells(const rp_model *m)
{
    return (m->n_departments + m->n_teams) * m->weeks;
}

int rp_schedule_cells(const rp_model *m, const rp_schedule *sc, int *cells)
{
    int n = 0, W = m->weeks;
    for (int i = 0; i < sc->n; i++) {
        const rp_sched_rot *r = &sc->rots[i];
        int len = m->disciplines[m->departments[r->department].discipline].length;
        for (int w = r->start; w < r->start + len; w++) {
            cells[n++] = r->department * W + w;
            if (r->team >= 0)
                cells[n++] = (m->n_departments + r->team) * W + w;
        }
    }
    return n;
}

rp_status rp_schedules_to_plan(const rp_model *m, const rp_schedule *const *of_student,
                               rp_plan **out)
{
    *out = NULL;
    rp_plan *plan = rp_plan_new();
    int n = 0, cap = 64;
    int *team_of = malloc((size_t)cap * sizeof *team_of);
    rp_status st = plan && team_of ? RP_OK : RP_ERR_NOMEM;
    for (int s = 0; st == RP_OK && s < m->n_students; s++) {
        const rp_schedule *sc = of_student[s];
        for (int i = 0; st == RP_OK && sc && i < sc->n; i++) {
            const rp_sched_rot *r = &sc->rots[i];
            if (n == cap) {
                int *grown = realloc(team_of, (size_t)(2 * cap) * sizeof *grown);
                if (!grown) {
                    st = RP_ERR_NOMEM;
                    break;
                }
                team_of = grown;
                cap *= 2;
            }
            team_of[n++] = r->team;
            st = rp_plan_add(plan, s, r->department, r->start,
                             m->disciplines[m->departments[r->department].discipline].length);
        }
    }
    if (st == RP_OK)
        st = rp_teams_assign(m, plan, team_of);
    free(team_of);
    if (st == RP_ERR_NOMEM) {
        rp_plan_free(&plan);
        return st;
    }
    rp_plan_sort(plan);
    *out = plan;
    return st;
}
