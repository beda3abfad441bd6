#include "model/plan.h"

#include <stdlib.h>
#include <string.h>

rp_plan *rp_plan_new(void)
{
    return calloc(1, sizeof(rp_plan));
}

void rp_plan_free(rp_plan **pp)
{
    if (!pp || !*pp)
        return;
    free((*pp)->rotations);
    free(*pp);
    *pp = NULL;
}

rp_plan *rp_plan_clone(const rp_plan *p)
{
    rp_plan *c = rp_plan_new();
    if (!c)
        return NULL;
    *c = *p;
    c->rotations = NULL;
    c->capacity = p->n_rotations;
    if (p->n_rotations) {
        c->rotations = malloc((size_t)p->n_rotations * sizeof *c->rotations);
        if (!c->rotations) {
            free(c);
            return NULL;
        }
        memcpy(c->rotations, p->rotations, (size_t)p->n_rotations * sizeof *c->rotations);
    }
    return c;
}

rp_status rp_plan_add(rp_plan *p, int student, int department, int start, int length)
{
    return rp_plan_add_guided(p, student, department, start, length, -1);
}

rp_status rp_plan_add_guided(rp_plan *p, int student, int department, int start, int length,
                             int supervisor)
{
    if (p->n_rotations == p->capacity) {
        int cap = p->capacity ? 2 * p->capacity : 64;
        rp_rotation *r = realloc(p->rotations, (size_t)cap * sizeof *r);
        if (!r)
            return RP_ERR_NOMEM;
        p->rotations = r;
        p->capacity = cap;
    }
    p->rotations[p->n_rotations++] =
        (rp_rotation){student, department, start, length, supervisor, -1, -1};
    return RP_OK;
}

static int compare_rotations(const void *a, const void *b)
{
    const rp_rotation *x = a, *y = b;
    if (x->student != y->student)
        return x->student < y->student ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->department != y->department)
        return x->department < y->department ? -1 : 1;
    return 0;
}

void rp_plan_sort(rp_plan *p)
{
    if (p->n_rotations > 1)
        qsort(p->rotations, (size_t)p->n_rotations, sizeof *p->rotations, compare_rotations);
}

void rp_plan_remove(rp_plan *p, int i)
{
    memmove(&p->rotations[i], &p->rotations[i + 1],
            (size_t)(p->n_rotations - i - 1) * sizeof *p->rotations);
    p->n_rotations--;
}

void rp_plan_reset(rp_plan *p)
{
    p->n_rotations = 0;
}

const char *rp_plan_status_str(rp_plan_status st)
{
    switch (st) {
    case RP_PLAN_UNKNOWN: return "unknown";
    case RP_PLAN_OPTIMAL: return "optimal";
    case RP_PLAN_FEASIBLE: return "feasible";
    case RP_PLAN_PARTIAL: return "partial";
    }
    return "unknown";
}

bool rp_rotation_same(const rp_rotation *a, const rp_rotation *b)
{
    return a->student == b->student && a->department == b->department && a->start == b->start &&
           a->length == b->length;
}

bool rp_plan_holds(const rp_plan *p, const rp_rotation *r)
{
    for (int i = 0; i < p->n_rotations; i++)
        if (rp_rotation_same(&p->rotations[i], r))
            return true;
    return false;
}
