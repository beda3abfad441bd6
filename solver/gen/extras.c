/* The personal side of a synthetic cohort: restrictions, preferences,
 * weights, pins, all consistent with the hidden plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/gen/cohort_internal.h"

static bool plan_uses_hospital(const rp_cohort *c, const rp_cohort_student *st, int h)
{
    for (int k = 0; k < st->n_rotations; k++)
        if (c->departments[c->rotations[st->first_rotation + k].department].hospital == h)
            return true;
    return false;
}

static bool plan_uses_discipline(const rp_cohort *c, const rp_cohort_student *st, int d)
{
    for (int k = 0; k < st->n_rotations; k++)
        if (c->departments[c->rotations[st->first_rotation + k].department].discipline == d)
            return true;
    return false;
}

bool rp_cohort_programme_has(const rp_cohort_programme *pg, int d)
{
    for (int r = 0; r < pg->n_requirements; r++)
        for (int i = 0; i < pg->requirements[r].n_disciplines; i++)
            if (pg->requirements[r].disciplines[i] == d)
                return true;
    return false;
}

/* A random allowed hospital the student's plan does not use, or -1. */
static int unused_hospital(struct rp_cohort_builder *b, const rp_cohort_student *st)
{
    rp_cohort *c = b->c;
    const rp_cohort_programme *pg = &c->programmes[st->programme];
    int offset = rp_rng_below(&b->rng, c->n_hospitals);
    for (int k = 0; k < c->n_hospitals; k++) {
        int h = (k + offset) % c->n_hospitals;
        if (pg->hospital_allowed[h] && !plan_uses_hospital(c, st, h))
            return h;
    }
    return -1;
}

static void draw_restriction(struct rp_cohort_builder *b, rp_cohort_student *st)
{
    rp_cohort *c = b->c;
    const rp_cohort_programme *pg = &c->programmes[st->programme];
    const rp_cohort_rotation *rot = &c->rotations[st->first_rotation];
    int roll = rp_rng_below(&b->rng, 100);
    if (roll < 4) {
        st->avoid_hospital = unused_hospital(b, st);
    } else if (roll < 8) {
        /* only the hospitals of its plan, plus one more when there is room */
        int n = 0, listed[4];
        for (int k = 0; k < st->n_rotations; k++) {
            int h = c->departments[rot[k].department].hospital;
            bool seen = false;
            for (int i = 0; i < n && i < 4; i++)
                seen |= listed[i] == h;
            if (!seen && n++ < 4)
                listed[n - 1] = h;
        }
        if (n <= 3) {
            memcpy(st->only_hospitals, listed, (size_t)n * sizeof *listed);
            st->n_only_hospitals = n;
            int h = n < 3 ? unused_hospital(b, st) : -1;
            if (h >= 0)
                st->only_hospitals[st->n_only_hospitals++] = h;
        }
    } else if (roll < 11) {
        int k = rp_rng_below(&b->rng, st->n_rotations);
        const rp_cohort_department *mine = &c->departments[rot[k].department];
        int d = mine->discipline;
        for (int i = 0; i < b->dept_count[d]; i++) {
            int other = b->dept_of[b->dept_first[d] + i];
            if (other != rot[k].department &&
                pg->hospital_allowed[c->departments[other].hospital]) {
                st->avoid_department = other;
                break;
            }
        }
    } else if (roll < 14) {
        int offset = rp_rng_below(&b->rng, c->n_disciplines);
        for (int k = 0; k < c->n_disciplines; k++) {
            int d = (k + offset) % c->n_disciplines;
            if (rp_cohort_programme_has(pg, d) && !plan_uses_discipline(c, st, d)) {
                st->avoid_discipline = d;
                break;
            }
        }
    } else if (roll < 15) {
        st->only_departments = true;
        int other = rp_rng_below(&b->rng, c->n_departments);
        bool mine = false;
        for (int k = 0; k < st->n_rotations; k++)
            mine |= rot[k].department == other;
        if (!mine && pg->hospital_allowed[c->departments[other].hospital] &&
            rp_cohort_programme_has(pg, c->departments[other].discipline))
            st->extra_department = other;
    }
}

static void draw_preferences(struct rp_cohort_builder *b, rp_cohort_student *st)
{
    static const int values[] = {5, 4, 3, 3, 2, 2, 1, 1, -1, -2};
    rp_cohort *c = b->c;
    const rp_cohort_programme *pg = &c->programmes[st->programme];
    int want = rp_rng_between(&b->rng, 0, RP_COHORT_MAX_PREFS);
    for (int tries = 0; tries < 12 && st->n_pref_disciplines < want; tries++) {
        int d = rp_rng_below(&b->rng, c->n_disciplines);
        bool seen = false;
        for (int i = 0; i < st->n_pref_disciplines; i++)
            seen |= st->pref_disciplines[i].what == d;
        bool allowed = st->own_requirements ? plan_uses_discipline(c, st, d)
                                            : rp_cohort_programme_has(pg, d);
        if (seen || !allowed || d == st->avoid_discipline)
            continue;
        st->pref_disciplines[st->n_pref_disciplines++] =
            (rp_cohort_pref){d, values[rp_rng_below(&b->rng, 10)]};
    }
    want = c->n_hospitals > 1 ? rp_rng_between(&b->rng, 0, 2) : 0;
    for (int tries = 0; tries < 8 && st->n_pref_hospitals < want; tries++) {
        int h = rp_rng_below(&b->rng, c->n_hospitals);
        bool seen = false;
        for (int i = 0; i < st->n_pref_hospitals; i++)
            seen |= st->pref_hospitals[i].what == h;
        if (seen || !pg->hospital_allowed[h] || h == st->avoid_hospital)
            continue;
        st->pref_hospitals[st->n_pref_hospitals++] =
            (rp_cohort_pref){h, rp_rng_chance(&b->rng, 85) ? rp_rng_between(&b->rng, 1, 3) : -1};
    }
    if (rp_rng_chance(&b->rng, 12)) {
        if (rp_rng_chance(&b->rng, 50))
            st->weight_discipline = rp_rng_between(&b->rng, 1, 3);
        if (rp_rng_chance(&b->rng, 40))
            st->weight_hospital = rp_rng_between(&b->rng, 0, 2);
        if (rp_rng_chance(&b->rng, 30))
            st->weight_change = rp_rng_between(&b->rng, 0, 3);
        if (st->weight_discipline < 0 && st->weight_hospital < 0 && st->weight_change < 0)
            st->weight_idle = rp_rng_between(&b->rng, 0, 2);
    }
}

void rp_cohort_draw_extras(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    for (int s = 0; s < c->n_students; s++) {
        rp_cohort_student *st = &c->students[s];
        if (st->n_rotations == 0)
            continue;
        if (rp_rng_below(&b->rng, 1000) < 5)
            st->own_requirements = true;
        else
            draw_restriction(b, st);
        draw_preferences(b, st);
        if (rp_rng_chance(&b->rng, 2)) {
            st->pin_rotation = rp_rng_below(&b->rng, st->n_rotations);
            int roll = rp_rng_below(&b->rng, 4);
            st->pin_kind = roll < 2 ? RP_COHORT_PIN_FULL
                           : roll == 2 ? RP_COHORT_PIN_DEPARTMENT
                                       : RP_COHORT_PIN_DISCIPLINE;
        }
    }
}

