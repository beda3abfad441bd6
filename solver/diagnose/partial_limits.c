#include "solver/diagnose/partial_limits.h"

#include <stdlib.h>

#include "base/clock.h"

/* Which requirements of the copy ask for nothing. */
typedef enum relax { RELAX_NAMED, RELAX_ALL } relax;

/* Disciplines short of places, and students who cannot meet their
 * requirements, as the findings name them; false when they name none. */
static bool named(const rp_model *m, const rp_findings *f, bool *discipline, bool *student)
{
    bool any = false;
    for (int i = 0; i < f->count; i++) {
        const rp_finding *g = &f->items[i];
        switch (g->kind) {
        case RP_FIND_DEMAND:
        case RP_FIND_DEPARTMENT:
            if (g->discipline >= 0 && g->discipline < m->n_disciplines)
                any = discipline[g->discipline] = true;
            break;
        case RP_FIND_REQUIREMENT:
        case RP_FIND_STUDENT_TIME:
        case RP_FIND_PREREQUISITE:
            if (g->student >= 0 && g->student < m->n_students)
                any = student[g->student] = true;
            break;
        default:
            break;
        }
    }
    return any;
}

/* A copy of m whose chosen requirements ask for nothing (their maximums
 * stand); NULL in *out when `how` is RELAX_NAMED and nothing is named. */
static rp_status relaxed_copy(const rp_model *m, const rp_findings *f, relax how, rp_model **out)
{
    *out = NULL;
    bool *discipline = calloc((size_t)m->n_disciplines + 1, sizeof *discipline);
    bool *student = calloc((size_t)m->n_students + 1, sizeof *student);
    rp_status st = discipline && student ? RP_OK : RP_ERR_NOMEM;
    if (st == RP_OK && (how == RELAX_ALL || named(m, f, discipline, student)))
        st = rp_model_clone(m, out);
    for (int s = 0; st == RP_OK && *out && s < m->n_students; s++) {
        rp_student *copy = &(*out)->students[s];
        for (int r = 0; r < copy->n_requirements; r++) {
            rp_requirement *req = &copy->requirements[r];
            bool hit = how == RELAX_ALL || student[s];
            for (int k = 0; k < req->n_disciplines && !hit; k++)
                hit = discipline[req->disciplines[k]];
            if (hit)
                req->min = 0;
        }
    }
    free(discipline);
    free(student);
    return st;
}

rp_status rp_partial_limits_plan(const rp_model *m, const rp_findings *findings,
                                 const rp_heur_options *opt, rp_plan **out)
{
    *out = NULL;
    double t0 = rp_clock_seconds();
    static const relax tries[] = {RELAX_NAMED, RELAX_ALL};
    for (int i = 0; i < 2 && !*out; i++) {
        rp_model *copy = NULL;
        RP_TRY(relaxed_copy(m, findings, tries[i], &copy));
        if (!copy)
            continue;
        rp_heur_options ho = *opt;
        if (opt->time_limit > 0) {
            /* the first try has half the time, the second what is left */
            double left = opt->time_limit - (rp_clock_seconds() - t0);
            ho.time_limit = i == 0 ? opt->time_limit / 2 : left > 0 ? left : 1e-3;
        }
        rp_status st = rp_heur_plan(copy, &ho, out, NULL);
        rp_model_free(&copy);
        if (st == RP_ERR_NOMEM)
            return st;
        if (st == RP_ERR_INTERRUPTED)
            break;
    }
    return RP_OK;
}

long rp_partial_limits_missed_at_least(const rp_model *m, const rp_findings *findings)
{
    /* the most over any one discipline: students short of two disciplines
     * may miss one requirement for both (a prerequisite and what needs it) */
    long most = 0;
    for (int i = 0; i < findings->count; i++) {
        const rp_finding *g = &findings->items[i];
        if (g->kind != RP_FIND_DEMAND || g->discipline < 0 || g->need <= g->have)
            continue;
        long length = m->disciplines[g->discipline].length;
        long can = g->have / length; /* students its places can take */
        long students = g->need / length;
        if (students - can > most)
            most = students - can;
    }
    return most;
}
