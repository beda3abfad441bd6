/* The static pre-checks: shared scope (where students can go, what they must do). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/precheck_internal.h"

const char *rp_unplaceable_reason(const rp_model *m, int s, int d)
{
    int n_depts = 0, first_block = -1;
    bool same_block = true;
    for (int dep = 0; dep < m->n_departments; dep++) {
        if (m->departments[dep].discipline != d)
            continue;
        n_depts++;
        int b = m->students[s].blocked[dep];
        if (b == RP_BLOCK_NONE)
            return "there is no stretch of weeks in which they are available and a "
                   "department has room";
        if (first_block < 0)
            first_block = b;
        same_block &= b == first_block;
    }
    if (n_depts == 0)
        return "no hospital has a department for it";
    return same_block ? rp_block_str((rp_block)first_block)
                      : "they may not go to any of its departments";
}

static void mark_forced(const rp_model *m, int s, bool *forced, int d)
{
    if (forced[d])
        return;
    forced[d] = true;
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++)
        mark_forced(m, s, forced, m->disciplines[d].prerequisites[i]);
}

/* A discipline is forced when a pin names it, when a requirement needs every
 * placeable discipline of its set, or when a forced discipline needs it first. */
static void compute_forced(const rp_model *m, int s, const bool *placeable, bool *forced)
{
    const rp_student *st = &m->students[s];
    for (int p = 0; p < st->n_pins; p++)
        mark_forced(m, s, forced, st->pins[p].discipline);
    bool changed = true;
    while (changed) {
        changed = false;
        for (int r = 0; r < st->n_requirements; r++) {
            const rp_requirement *req = &st->requirements[r];
            int n_placeable = 0;
            for (int i = 0; i < req->n_disciplines; i++)
                n_placeable += placeable[req->disciplines[i]];
            if (req->min == 0 || n_placeable != req->min)
                continue;
            for (int i = 0; i < req->n_disciplines; i++) {
                int d = req->disciplines[i];
                if (placeable[d] && !forced[d]) {
                    mark_forced(m, s, forced, d);
                    changed = true;
                }
            }
        }
    }
}

rp_status rp_scope_build(const rp_model *m, rp_scope *sc)
{
    size_t n = (size_t)m->n_students * (size_t)m->n_disciplines;
    sc->m = m;
    sc->placeable = calloc(n ? n : 1, sizeof(bool));
    sc->forced = calloc(n ? n : 1, sizeof(bool));
    if (!sc->placeable || !sc->forced) {
        rp_scope_free(sc);
        return RP_ERR_NOMEM;
    }
    for (int s = 0; s < m->n_students; s++) {
        bool *placeable = sc->placeable + (size_t)s * (size_t)m->n_disciplines;
        for (int dep = 0; dep < m->n_departments; dep++) {
            int d = m->departments[dep].discipline;
            for (int t = 0; t < m->weeks && !placeable[d]; t++)
                placeable[d] = rp_may_start(m, s, dep, t, RP_PINS_IGNORED);
        }
        compute_forced(m, s, placeable, sc->forced + (size_t)s * (size_t)m->n_disciplines);
    }
    return RP_OK;
}

void rp_scope_free(rp_scope *sc)
{
    free(sc->placeable);
    free(sc->forced);
    sc->placeable = sc->forced = NULL;
}

rp_status rp_precheck(const rp_model *m, rp_findings *out)
{
    rp_scope sc;
    RP_TRY(rp_scope_build(m, &sc));
    rp_status st = rp_precheck_students(&sc, out);
    if (st == RP_OK)
        st = rp_precheck_capacity(&sc, out);
    if (st == RP_OK)
        st = rp_precheck_pins(&sc, out);
    rp_scope_free(&sc);
    return st;
}
