/* Who guides whom: pools of unnamed supervisors, and named supervisors one
 * by one (continuity, leave, pool, languages, ratio). Judged from the
 * supervisors themselves, never from the teams the solvers count against. */
#include "model/check_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *student_pool(const rp_model *m, int s)
{
    int k = m->students[s].pool;
    return k >= 0 ? m->pools[k].id : "none";
}

/* Departments whose unnamed supervisors are given per pool: each week, the
 * students of each pool within what that pool's supervisors can guide. */
static void check_pools(rp_checker *c, int *present)
{
    const rp_model *m = c->m;
    int W = m->weeks, P = m->n_pools;
    for (int d = 0; d < m->n_departments; d++) {
        const rp_department *dep = &m->departments[d];
        if (!dep->pool_capacity || dep->n_supervisors > 0)
            continue;
        memset(present, 0, (size_t)P * W * sizeof *present);
        for (int s = 0; s < m->n_students; s++) {
            int k = m->students[s].pool;
            for (int i = 0; i < rp_check_n_rotations(c, s); i++) {
                const rp_rotation *r = rp_check_rotation(c, s, i);
                if (r->department != d)
                    continue;
                for (int t = r->start < 0 ? 0 : r->start; t < r->start + r->length && t < W; t++)
                    if (k >= 0)
                        present[(size_t)k * W + t]++;
                    else
                        rp_check_violation(c, RP_RULE_POOL, s, d, t,
                                           "%s is in %s in week %d but has no pool; its "
                                           "supervisors guide students by pool",
                                           m->students[s].id, dep->id, t + 1);
            }
        }
        char place[256];
        rp_check_place(m, d, place, sizeof place);
        for (int k = 0; k < P; k++)
            for (int t = 0; t < W; t++) {
                int n = present[(size_t)k * W + t], cap = dep->pool_capacity[(size_t)k * W + t];
                if (n > cap)
                    rp_check_violation(c, RP_RULE_POOL, -1, d, t,
                                       "%s has %d student%s of pool %s in week %d; its "
                                       "supervisors of that pool can guide %d",
                                       place, n, n == 1 ? "" : "s", m->pools[k].id, t + 1, cap);
            }
    }
}

static bool speaks(const rp_model *m, const rp_supervisor *v, const rp_student *st)
{
    if (st->n_languages == 0)
        return true;
    for (int i = 0; i < st->n_languages; i++)
        for (int k = 0; k < v->n_languages; k++)
            if (st->languages[i] == v->languages[k])
                return true;
    (void)m;
    return false;
}

/* "3-4, 7": the weeks from..until-1 in which v is away. */
static int away_weeks(const rp_model *m, const rp_supervisor *v, int from, int until, char *buf,
                      size_t size)
{
    int n = 0;
    size_t len = 0;
    buf[0] = '\0';
    int end = until < m->weeks ? until : m->weeks;
    for (int t = from < 0 ? 0 : from; t < end; t++) {
        if (v->present[t])
            continue;
        int last = t;
        while (last + 1 < end && !v->present[last + 1])
            last++;
        n += last - t + 1;
        int k = last == t ? snprintf(buf + len, size - len, "%s%d", len ? ", " : "", t + 1)
                          : snprintf(buf + len, size - len, "%s%d-%d", len ? ", " : "", t + 1,
                                     last + 1);
        if (k < 0 || (size_t)k >= size - len)
            break;
        len += (size_t)k;
        t = last;
    }
    return n;
}

/* One rotation's supervisor, judged on its own. */
static void check_guide(rp_checker *c, int s, const rp_rotation *r)
{
    const rp_model *m = c->m;
    const rp_student *st = &m->students[s];
    const rp_department *dep = &m->departments[r->department];
    char place[256], when[64];
    rp_check_place(m, r->department, place, sizeof place);
    rp_check_weeks(r->start, r->start + r->length - 1, when, sizeof when);
    if (r->supervisor < 0 && r->switch_supervisor < 0) {
        if (dep->n_supervisors > 0)
            rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department, r->start,
                               "%s is in %s in %s without a supervisor; every student there "
                               "has one of its named supervisors",
                               st->id, place, when);
        return;
    }
    if (r->switch_week >= 0) {
        const char *before = r->supervisor >= 0 ? m->supervisors[r->supervisor].id : "none";
        const char *after =
            r->switch_supervisor >= 0 ? m->supervisors[r->switch_supervisor].id : "none";
        /* In history mode, a change in the very week re-planning began is a
         * rotation cut there and begun again (a CSV plan shows both as one):
         * a warning about the past, like the cut itself. */
        bool replanned = c->from_week > 0 && r->start < c->from_week &&
                         r->switch_week == c->from_week;
        rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department,
                           replanned ? r->start : r->switch_week,
                           "%s changes supervisor in week %d of their rotation in %s (%s): %s "
                           "before, %s from then on; a rotation keeps one supervisor",
                           st->id, r->switch_week + 1, place, when, before, after);
    }
    int guides[2] = {r->supervisor, r->switch_supervisor};
    int end = r->start + r->length, split = r->switch_week >= 0 ? r->switch_week : end;
    int from[2] = {r->start, split}, until[2] = {split, end};
    for (int g = 0; g < 2; g++) {
        int j = guides[g];
        if (j < 0 || (g == 1 && j == guides[0]))
            continue;
        const rp_supervisor *v = &m->supervisors[j];
        if (v->department != r->department) {
            char home[256];
            rp_check_place(m, v->department, home, sizeof home);
            rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department, r->start,
                               "%s is in %s in %s with supervisor %s, who works in %s", st->id,
                               place, when, v->id, home);
            continue;
        }
        char away[256];
        /* dated by the last week away: a leave still to come when re-planning
         * begins is for the re-plan to mend, not a fact of history */
        int last_away = -1;
        for (int t = from[g] < 0 ? 0 : from[g]; t < until[g] && t < m->weeks; t++)
            if (!v->present[t])
                last_away = t;
        if (away_weeks(m, v, from[g], until[g], away, sizeof away) > 0)
            rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department, last_away,
                               "%s's supervisor %s in %s (%s) is away in week%s %s", st->id,
                               v->id, place, when, strpbrk(away, ",-") ? "s" : "", away);
        if (v->pool >= 0 && v->pool != st->pool)
            rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department, r->start,
                               "%s (pool %s) is guided in %s by %s, who guides pool %s", st->id,
                               student_pool(m, s), place, v->id, m->pools[v->pool].id);
        if (!speaks(m, v, st))
            rp_check_violation(c, RP_RULE_SUPERVISOR, s, r->department, r->start,
                               "%s is guided in %s by %s, who speaks none of their languages",
                               st->id, place, v->id);
    }
}

/* Each named supervisor guides at most their ratio in any week. */
static void check_ratios(rp_checker *c, int *load)
{
    const rp_model *m = c->m;
    int W = m->weeks;
    memset(load, 0, (size_t)m->n_supervisors * W * sizeof *load);
    for (int s = 0; s < m->n_students; s++)
        for (int i = 0; i < rp_check_n_rotations(c, s); i++) {
            const rp_rotation *r = rp_check_rotation(c, s, i);
            for (int t = r->start < 0 ? 0 : r->start; t < r->start + r->length && t < W; t++) {
                int j = r->switch_week >= 0 && t >= r->switch_week ? r->switch_supervisor
                                                                    : r->supervisor;
                if (j >= 0 && j < m->n_supervisors)
                    load[(size_t)j * W + t]++;
            }
        }
    for (int j = 0; j < m->n_supervisors; j++) {
        const rp_supervisor *v = &m->supervisors[j];
        for (int t = 0; t < W; t++) {
            int n = load[(size_t)j * W + t];
            if (n > v->ratio)
                rp_check_violation(c, RP_RULE_RATIO, -1, v->department, t,
                                   "%s guides %d students in week %d, at most %d at once", v->id,
                                   n, t + 1, v->ratio);
        }
    }
}

void rp_check_supervisor_rules(rp_checker *c)
{
    const rp_model *m = c->m;
    size_t cells = (size_t)m->weeks * (size_t)(m->n_pools > m->n_supervisors ? m->n_pools
                                                                               : m->n_supervisors);
    int *scratch = calloc(cells + 1, sizeof *scratch);
    if (!scratch) {
        c->nomem = true;
        return;
    }
    check_pools(c, scratch);
    for (int s = 0; s < m->n_students && !c->nomem; s++)
        for (int i = 0; i < rp_check_n_rotations(c, s); i++)
            check_guide(c, s, rp_check_rotation(c, s, i));
    if (!c->nomem)
        check_ratios(c, scratch);
    free(scratch);
}
