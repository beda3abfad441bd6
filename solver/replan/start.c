/* The plan in force repaired into a start that keeps every rule: the
 * heuristic keeps every student whose part still fits and rebuilds the
 * others, on a copy of the widened config in which history is pinned. */
#include "solver/replan/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/heur/heur.h"

#define START_SECONDS 5.0 /* at most, without a time limit */

static double start_seconds(const rp_replan_options *opt)
{
    if (opt->start_time > 0)
        return opt->start_time;
    double t = START_SECONDS;
    if (opt->solve.time_limit > 0 && opt->solve.time_limit / 10 < t)
        t = opt->solve.time_limit / 10;
    return t;
}

/* Whether previous rotation i stays on the start as it is: history, and
 * running rotations the config still allows whole; for a student the start
 * does not rebuild, every rotation the config allows. */
static bool pinned(const replan *r, int i, bool freed)
{
    rp_past kind = r->h.kind[i];
    if (kind == RP_PAST_HISTORY)
        return true;
    if (kind == RP_PAST_SHORT || r->fit.col[i] < 0)
        return false;
    return kind == RP_PAST_RUNNING || !freed;
}

/* Every week before from_week becomes a pinned history rotation's or
 * unavailable, so that the heuristic cannot change the past; a student not
 * freed keeps every week as the plan in force has them the same way. */
static rp_status pin_history(const replan *r, rp_model *hm, const uint8_t *freed)
{
    const rp_history *h = &r->h;
    const rp_plan *p = h->previous;
    int k = h->from_week < hm->weeks ? h->from_week : hm->weeks;
    for (int s = 0; s < hm->n_students; s++) {
        rp_student *st = &hm->students[s];
        int until = freed[s] ? k : hm->weeks;
        for (int t = 0; t < until; t++)
            st->available[t] = false;
        int extra = 0;
        for (int j = h->first[s]; j < h->first[s + 1]; j++)
            extra += pinned(r, h->order[j], freed[s]);
        if (extra == 0)
            continue;
        rp_pin *pins = realloc(st->pins, ((size_t)st->n_pins + (size_t)extra) * sizeof *pins);
        if (!pins)
            return RP_ERR_NOMEM;
        st->pins = pins;
        for (int j = h->first[s]; j < h->first[s + 1]; j++) {
            int i = h->order[j];
            if (!pinned(r, i, freed[s]))
                continue;
            const rp_rotation *rot = &p->rotations[i];
            const rp_department *dep = &hm->departments[rot->department];
            st->pins[st->n_pins++] = (rp_pin){.discipline = dep->discipline,
                                              .hospital = dep->hospital,
                                              .department = rot->department,
                                              .start = rot->start,
                                              .supervisor = -1, /* who guides is settled last */
                                              .loc = st->loc};
            for (int t = rot->start; t < rot->start + rot->length && t < until; t++)
                st->available[t] = true;
        }
    }
    return RP_OK;
}

/* One try of the heuristic with the students `freed` may rebuild. */
static rp_status try_repair(const replan *r, const uint8_t *freed, double seconds,
                            const rp_plan *given, rp_plan **out)
{
    rp_model *hm = NULL;
    rp_status st = rp_model_clone(r->work, &hm);
    if (st == RP_OK)
        st = pin_history(r, hm, freed);
    if (st == RP_OK) {
        rp_heur_options ho;
        rp_heur_options_init(&ho);
        ho.time_limit = seconds;
        ho.max_moves = -1; /* repair only: improving would move students for score */
        ho.warm_start = given;
        ho.interrupt = r->opt->solve.interrupt;
        st = rp_heur_plan(hm, &ho, out, NULL);
        if (st != RP_ERR_NOMEM)
            st = RP_OK;
    }
    rp_model_free(&hm);
    return st;
}

rp_status rp_replan_repair_start(const replan *r, const int *load, rp_plan **out)
{
    *out = NULL;
    rp_plan *given = NULL;
    uint8_t *freed = calloc((size_t)r->m->n_students + 1, 1);
    rp_status st = freed ? RP_OK : RP_ERR_NOMEM;
    if (st == RP_OK)
        st = rp_history_start_plan(&r->h, &r->fit, false, &given);
    /* the fewest students first: a start close to the plan in force leaves
     * the search little to undo; never beyond the program's own students */
    double seconds = start_seconds(r->opt) / (RP_REPLAN_LEVELS + 1);
    for (int level = 0; st == RP_OK && !*out && level <= RP_REPLAN_LEVELS; level++) {
        if (!rp_replan_free_level(r, level, load, freed))
            continue;
        for (int s = 0; r->freed && s < r->m->n_students; s++)
            freed[s] = freed[s] && r->freed[s];
        st = try_repair(r, freed, seconds, given, out);
        if (r->freed)
            break; /* a program of a few students: one try with them */
    }
    rp_plan_free(&given);
    free(freed);
    return st;
}
