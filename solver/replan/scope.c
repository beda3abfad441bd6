/* How far a re-plan must reach: the students the plan in force makes move,
 * those around them, and a lower bound on the disruption that proves when a
 * re-plan among the first few is the best of all. */
#include "solver/replan/internal.h"

#include <stdlib.h>
#include <string.h>

#include "solver/form/may_start.h"

int *rp_replan_load(const replan *r)
{
    const rp_model *m = r->m;
    const rp_plan *p = r->h.previous;
    int *load = calloc((size_t)m->n_departments * (size_t)m->weeks + 1, sizeof *load);
    for (int i = 0; load && i < p->n_rotations; i++) {
        const rp_rotation *rot = &p->rotations[i];
        for (int w = rot->start; w < rot->start + rot->length && w < m->weeks; w++)
            load[(size_t)rot->department * m->weeks + w]++;
    }
    return load;
}

/* Whether the program has a column for rotation i of the plan in force, as
 * form.h decides it (the config allows it, with history's widening). */
static bool possible(const replan *r, int i)
{
    const rp_rotation *rot = &r->h.previous->rotations[i];
    const rp_model *m = r->m;
    return rot->length == m->disciplines[m->departments[rot->department].discipline].length &&
           rp_may_start(r->work, rot->student, rot->department, rot->start, RP_PINS_KEPT) &&
           rp_history_allow_start((void *)&r->h, rot->student, rot->department, rot->start);
}

/* Whether rotation i of the plan in force must or may have to go: the config
 * forbids it, or it lies in a department-week over its capacity from
 * from_week on. */
static bool candidate(const replan *r, const int *load, int i)
{
    const rp_history *h = &r->h;
    if (h->kind[i] < RP_PAST_RUNNING)
        return false;
    if (!possible(r, i))
        return true;
    const rp_rotation *rot = &h->previous->rotations[i];
    const rp_department *d = &r->m->departments[rot->department];
    for (int w = rot->start > h->from_week ? rot->start : h->from_week;
         w < rot->start + rot->length && w < r->m->weeks; w++)
        if (load[(size_t)rot->department * r->m->weeks + w] > d->capacity[w])
            return true;
    return false;
}

bool rp_replan_free_level(const replan *r, int level, const int *load, uint8_t *freed)
{
    const rp_history *h = &r->h;
    const rp_plan *p = h->previous;
    const rp_model *m = r->m;
    const int W = m->weeks, S = m->n_students;
    bool more = false;
    if (level >= RP_REPLAN_LEVELS) {
        for (int s = 0; s < S; s++) {
            more = more || !freed[s];
            freed[s] = 1;
        }
        return more;
    }
    if (level == 0) {
        for (int i = 0; i < p->n_rotations; i++)
            if (candidate(r, load, i) && !freed[p->rotations[i].student]) {
                freed[p->rotations[i].student] = 1;
                more = true;
            }
        return more;
    }
    /* the department-weeks of the students freed so far, from from_week on */
    uint8_t *mark = calloc((size_t)m->n_departments * (size_t)W + 1, 1);
    if (!mark)
        return false;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *rot = &p->rotations[i];
        for (int w = rot->start > h->from_week ? rot->start : h->from_week;
             freed[rot->student] && w < rot->start + rot->length && w < W; w++)
            mark[(size_t)rot->department * W + w] = 1;
    }
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *rot = &p->rotations[i];
        bool hit = false;
        for (int w = rot->start > h->from_week ? rot->start : h->from_week;
             !hit && w < rot->start + rot->length && w < W; w++)
            hit = mark[(size_t)rot->department * W + w];
        if (hit && !freed[rot->student]) {
            freed[rot->student] = 1;
            more = true;
        }
    }
    free(mark);
    return more;
}

/* Whether student s could lose rotation rot without any requirement of
 * theirs falling below its minimum, counting the full-length rotations of
 * the plan in force. */
static bool has_slack(const replan *r, const rp_rotation *rot)
{
    const rp_model *m = r->m;
    const rp_history *h = &r->h;
    const rp_student *st = &m->students[rot->student];
    int lost = m->departments[rot->department].discipline;
    for (int q = 0; q < st->n_requirements; q++) {
        const rp_requirement *req = &st->requirements[q];
        bool in = false;
        for (int k = 0; k < req->n_disciplines; k++)
            in = in || req->disciplines[k] == lost;
        if (!in)
            continue;
        int count = 0;
        for (int j = h->first[rot->student]; j < h->first[rot->student + 1]; j++) {
            const rp_rotation *o = &h->previous->rotations[h->order[j]];
            int d = m->departments[o->department].discipline;
            if (h->kind[h->order[j]] == RP_PAST_SHORT)
                continue;
            for (int k = 0; k < req->n_disciplines; k++)
                count += req->disciplines[k] == d;
        }
        if (count - 1 < req->min)
            return false;
    }
    return true;
}

int rp_replan_disruption_bound(const replan *r, const int *load)
{
    const rp_model *m = r->m;
    const rp_history *h = &r->h;
    const rp_plan *p = h->previous;
    const int W = m->weeks, D = m->n_departments;
    int *drops = calloc((size_t)D + 1, sizeof *drops);      /* forced drops per department */
    int *impossible = calloc((size_t)D + 1, sizeof *impossible);
    int *slack = calloc((size_t)D + 1, sizeof *slack);      /* candidates who need no add */
    int *depts = calloc((size_t)m->n_students + 1, sizeof *depts); /* departments a student is
                                                                     a candidate in */
    int bound = 0;
    if (!drops || !impossible || !slack || !depts)
        goto done;
    for (int d = 0; d < D; d++)
        for (int w = h->from_week; w < W; w++) {
            int over = load[(size_t)d * W + w] - m->departments[d].capacity[w];
            if (over > drops[d])
                drops[d] = over;
        }
    for (int i = 0; i < p->n_rotations; i++) {
        if (!candidate(r, load, i))
            continue;
        const rp_rotation *rot = &p->rotations[i];
        impossible[rot->department] += !possible(r, i);
        slack[rot->department] += has_slack(r, rot);
        depts[rot->student]++;
    }
    /* each dropped rotation whose student has no slack needs a new one; a
     * student dropping in k departments may need only one new rotation */
    int adds = 0;
    for (int d = 0; d < D; d++) {
        if (impossible[d] > drops[d])
            drops[d] = impossible[d];
        bound += drops[d];
        adds += drops[d] > slack[d] ? drops[d] - slack[d] : 0;
    }
    for (int s = 0; s < m->n_students; s++)
        adds -= depts[s] > 1 ? depts[s] - 1 : 0;
    bound += adds > 0 ? adds : 0;
done:
    free(drops);
    free(impossible);
    free(slack);
    free(depts);
    return bound;
}
