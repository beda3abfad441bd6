#include "solver/sched/schedule.h"

#include <stdlib.h>
#include <string.h>

void rp_schedule_clear(rp_schedule *s)
{
    free(s->rots);
    memset(s, 0, sizeof *s);
}

rp_status rp_schedule_push(rp_schedule *s, int department, int start)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        rp_sched_rot *r = realloc(s->rots, (size_t)cap * sizeof *r);
        if (!r)
            return RP_ERR_NOMEM;
        s->rots = r;
        s->cap = cap;
    }
    s->rots[s->n++] = (rp_sched_rot){department, start};
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
    long idle = n > 0 ? rots[n - 1].start - covered : 0;
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
        RP_TRY(rp_schedule_push(o, r->department, r->start));
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
