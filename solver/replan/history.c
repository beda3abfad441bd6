/* The previous plan as history: what is fixed, what may move, and a working
 * model wide enough to hold what was done. */
#include "solver/replan/internal.h"

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
    h->kind = NULL;
    h->first = h->order = NULL;
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
