#include "solver/diagnose/partial_warm_start.h"

#include <stdlib.h>

#include "solver/diagnose/elastic.h"

static bool pinned(const rp_model *m, const rp_rotation *r)
{
    const rp_student *st = &m->students[r->student];
    for (int k = 0; k < st->n_pins; k++)
        if (st->pins[k].discipline == m->departments[r->department].discipline)
            return true;
    return false;
}

/* Drops unpinned rotations that cross a week over capacity, in plan order,
 * until none is over. */
static rp_status drop_over_capacity(const rp_model *m, const rp_plan *plan, bool *keep)
{
    size_t cells = (size_t)m->n_departments * (size_t)m->weeks;
    int *count = calloc(cells ? cells : 1, sizeof *count);
    if (!count)
        return RP_ERR_NOMEM;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        for (int w = r->start; w < r->start + r->length; w++)
            count[(size_t)r->department * m->weeks + w]++;
    }
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        int *c = &count[(size_t)r->department * m->weeks];
        const int *cap = m->departments[r->department].capacity;
        bool over = false;
        for (int w = r->start; w < r->start + r->length; w++)
            over |= c[w] > cap[w];
        if (!over || pinned(m, r))
            continue;
        keep[i] = false;
        for (int w = r->start; w < r->start + r->length; w++)
            c[w]--;
    }
    free(count);
    return RP_OK;
}

/* Whether rotation i's student keeps a rotation of discipline q finished
 * before rotation i starts (rotations of a student are adjacent). */
static bool done_before(const rp_model *m, const rp_plan *plan, const bool *keep, int i, int q)
{
    const rp_rotation *r = &plan->rotations[i];
    for (int k = 0; k < plan->n_rotations; k++) {
        const rp_rotation *o = &plan->rotations[k];
        if (keep[k] && o->student == r->student && m->departments[o->department].discipline == q &&
            o->start + o->length <= r->start)
            return true;
    }
    return false;
}

/* Drops rotations whose prerequisites are gone, until none is left. */
static void drop_orphans(const rp_model *m, const rp_plan *plan, bool *keep)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (int i = 0; i < plan->n_rotations; i++) {
            if (!keep[i])
                continue;
            const rp_discipline *d =
                &m->disciplines[m->departments[plan->rotations[i].department].discipline];
            for (int k = 0; k < d->n_prerequisites && keep[i]; k++)
                if (!done_before(m, plan, keep, i, d->prerequisites[k])) {
                    keep[i] = false;
                    changed = true;
                }
        }
    }
}

static rp_status repair(const rp_model *m, const rp_plan *plan, rp_plan **out)
{
    bool *keep = malloc(((size_t)plan->n_rotations + 1) * sizeof *keep);
    rp_plan *kept = rp_plan_new();
    rp_status st = keep && kept ? RP_OK : RP_ERR_NOMEM;
    for (int i = 0; i < plan->n_rotations && st == RP_OK; i++)
        keep[i] = true;
    if (st == RP_OK)
        st = drop_over_capacity(m, plan, keep);
    if (st == RP_OK)
        drop_orphans(m, plan, keep);
    for (int i = 0; i < plan->n_rotations && st == RP_OK; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (keep[i])
            st = rp_plan_add(kept, r->student, r->department, r->start, r->length);
    }
    free(keep);
    if (st)
        rp_plan_free(&kept);
    *out = kept;
    return st;
}

rp_status rp_partial_warm_start(const rp_model *m, const rp_mip_options *opt, rp_plan **out)
{
    *out = NULL;
    rp_elastic *e = NULL;
    rp_elastic_rules rules = {true, true, true, false};
    RP_TRY(rp_elastic_build(m, rules, NULL, &e));
    rp_mip_result mr;
    rp_status st = rp_elastic_solve(e, opt, &mr);
    rp_plan *plan = NULL;
    if (st == RP_OK) {
        plan = rp_plan_new();
        st = plan ? rp_form_plan(e->form, mr.values, plan) : RP_ERR_NOMEM;
    }
    if (st == RP_OK)
        st = repair(m, plan, out);
    else if (st != RP_ERR_NOMEM && st != RP_ERR_SOLVER && st != RP_ERR_INVALID)
        st = RP_OK; /* no plan to start from */
    rp_plan_free(&plan);
    rp_mip_result_clear(&mr);
    rp_elastic_free(&e);
    return st;
}
