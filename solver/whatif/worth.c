/* The candidates of a config, ranked by what the marginal values say one
 * supervisor more or fewer is worth. */
#include "solver/whatif/whatif.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rp_worths_clear(rp_worths *w)
{
    for (int i = 0; i < w->count; i++)
        rp_whatif_answer_clear(&w->items[i].answer);
    free(w->items);
    memset(w, 0, sizeof *w);
}

typedef struct builder {
    rp_worths *out;
    int cap;
} builder;

static rp_status add(builder *b, const rp_model *m, const double *value, int d, int first,
                     int last, int places)
{
    const int W = m->weeks;
    double sum = 0;
    for (int w = first; w <= last; w++)
        sum += value[(size_t)d * W + w];
    for (int sign = 1; sign >= -1; sign -= 2) {
        if (b->out->count == b->cap) {
            int cap = b->cap ? 2 * b->cap : 64;
            rp_worth *items = realloc(b->out->items, (size_t)cap * sizeof *items);
            if (!items)
                return RP_ERR_NOMEM;
            b->out->items = items;
            b->cap = cap;
        }
        rp_worth *e = &b->out->items[b->out->count++];
        memset(e, 0, sizeof *e);
        e->department = d;
        e->first_week = first;
        e->last_week = last;
        e->supervisors = sign;
        e->places = places;
        e->estimate = sign * places * sum;
        rp_whatif_answer_clear(&e->answer);
    }
    return RP_OK;
}

/* The department is open in week w: a supervisor there guides students. */
static bool open_week(const rp_department *dep, int w)
{
    return dep->capacity[w] > 0 || (dep->supervisors && dep->supervisors[w] > 0);
}

/* Its open weeks (first..last of them), then each run of open weeks whose
 * places are worth something, when it is not all of them. */
static rp_status department_candidates(builder *b, const rp_model *m, const double *value, int d)
{
    const rp_department *dep = &m->departments[d];
    const int W = m->weeks;
    int places = rp_department_places_per_supervisor(dep, W);
    if (places == 0)
        places = 1;
    int first = -1, last = -1;
    for (int w = 0; w < W; w++)
        if (open_week(dep, w)) {
            if (first < 0)
                first = w;
            last = w;
        }
    if (first < 0)
        return RP_OK;
    RP_TRY(add(b, m, value, d, first, last, places));
    for (int w = first; w <= last;) {
        if (!open_week(dep, w) || fabs(value[(size_t)d * W + w]) < 1e-9) {
            w++;
            continue;
        }
        int end = w;
        while (end + 1 <= last && open_week(dep, end + 1) &&
               fabs(value[(size_t)d * W + end + 1]) >= 1e-9)
            end++;
        if (w != first || end != last)
            RP_TRY(add(b, m, value, d, w, end, places));
        w = end + 1;
    }
    return RP_OK;
}

static int by_worth(const void *a, const void *b)
{
    const rp_worth *x = a, *y = b;
    double fx = fabs(x->estimate), fy = fabs(y->estimate);
    if (fx != fy)
        return fx > fy ? -1 : 1;
    if (x->department != y->department)
        return x->department < y->department ? -1 : 1;
    if (x->first_week != y->first_week)
        return x->first_week < y->first_week ? -1 : 1;
    if (x->last_week != y->last_week)
        return x->last_week > y->last_week ? -1 : 1;
    return y->supervisors - x->supervisors;
}

rp_status rp_whatif_rank(const rp_model *m, const double *value, rp_worths *out)
{
    memset(out, 0, sizeof *out);
    builder b = {out, 0};
    for (int d = 0; d < m->n_departments; d++) {
        rp_status st = department_candidates(&b, m, value, d);
        if (st) {
            rp_worths_clear(out);
            return st;
        }
    }
    if (out->count > 1)
        qsort(out->items, (size_t)out->count, sizeof *out->items, by_worth);
    return RP_OK;
}

rp_status rp_worth_scenario(const rp_model *m, const rp_worth *w, rp_scenario *out)
{
    const rp_department *dep = &m->departments[w->department];
    bool supervised = rp_department_places_per_supervisor(dep, m->weeks) > 0;
    char name[512];
    snprintf(name, sizeof name, "%s %s at %s/%s, weeks %d-%d",
             w->supervisors > 0 ? "one more" : "one fewer",
             supervised ? "supervisor" : "place", m->hospitals[dep->hospital].id, dep->id,
             w->first_week + 1, w->last_week + 1);
    if (supervised)
        return rp_scenario_department(m, name, w->supervisors > 0 ? RP_EDIT_EXTRA : RP_EDIT_LEAVE,
                                      w->department, w->first_week, w->last_week, 1, out);
    /* capacity given directly: one place more or fewer in each week */
    return rp_scenario_department(m, name, RP_EDIT_PLACES, w->department, w->first_week,
                                  w->last_week, w->supervisors, out);
}
