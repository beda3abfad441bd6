/* Static checks of departments: forced demand against capacity, minimums. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/precheck_internal.h"

static long capacity_weeks(const rp_model *m, int dep)
{
    long total = 0;
    for (int w = 0; w < m->weeks; w++)
        total += m->departments[dep].capacity[w];
    return total;
}

/* Students who must do d need d's length in student-weeks each, and only d's
 * departments can give them. */
static rp_status check_discipline_demand(const rp_scope *sc, rp_findings *out)
{
    const rp_model *m = sc->m;
    for (int d = 0; d < m->n_disciplines; d++) {
        long students = 0, capacity = 0;
        for (int s = 0; s < m->n_students; s++)
            students += rp_scope_forced(sc, s, d) && rp_scope_placeable(sc, s, d);
        if (students == 0)
            continue;
        for (int dep = 0; dep < m->n_departments; dep++)
            if (m->departments[dep].discipline == d)
                capacity += capacity_weeks(m, dep);
        long demand = students * m->disciplines[d].length;
        if (demand <= capacity)
            continue;
        rp_finding f = {RP_FIND_DEMAND, -1, -1, d, 0, m->weeks - 1, demand, capacity,
                        m->disciplines[d].loc, NULL};
        RP_TRY(rp_findings_add(out, f,
                               "%s: %ld students must do it (%ld student-weeks) but its "
                               "departments offer only %ld student-weeks over the %d weeks; "
                               "%ld more needed",
                               m->disciplines[d].id, students, demand, capacity, m->weeks,
                               demand - capacity));
    }
    return RP_OK;
}

/* The one department where s can do d, or -1 when there are several or none. */
static int only_department(const rp_model *m, int s, int d)
{
    int found = -1;
    for (int dep = 0; dep < m->n_departments; dep++) {
        if (m->departments[dep].discipline != d)
            continue;
        bool usable = false;
        for (int t = 0; t < m->weeks && !usable; t++)
            usable = rp_may_start(m, s, dep, t, RP_PINS_IGNORED);
        if (!usable)
            continue;
        if (found >= 0)
            return -1;
        found = dep;
    }
    return found;
}

static rp_status check_department_demand(const rp_scope *sc, rp_findings *out)
{
    const rp_model *m = sc->m;
    long *students = calloc((size_t)m->n_departments + 1, sizeof(long));
    if (!students)
        return RP_ERR_NOMEM;
    for (int s = 0; s < m->n_students; s++)
        for (int d = 0; d < m->n_disciplines; d++) {
            if (!rp_scope_forced(sc, s, d) || !rp_scope_placeable(sc, s, d))
                continue;
            int dep = only_department(m, s, d);
            if (dep >= 0)
                students[dep]++;
        }
    rp_status st = RP_OK;
    for (int dep = 0; dep < m->n_departments && st == RP_OK; dep++) {
        const rp_department *dp = &m->departments[dep];
        long demand = students[dep] * m->disciplines[dp->discipline].length;
        long capacity = capacity_weeks(m, dep);
        int siblings = 0; /* a sole department is covered by the discipline's check */
        for (int other = 0; other < m->n_departments; other++)
            siblings += m->departments[other].discipline == dp->discipline;
        if (students[dep] == 0 || demand <= capacity || siblings == 1)
            continue;
        char name[256];
        rp_describe_department(m, dep, name, sizeof name);
        rp_finding f = {RP_FIND_DEPARTMENT, -1, dep, dp->discipline, 0, m->weeks - 1, demand,
                        capacity, dp->loc, NULL};
        st = rp_findings_add(out, f,
                             "%s: %ld students can do %s only here (%ld student-weeks) but it "
                             "offers only %ld student-weeks over the %d weeks; %ld more needed",
                             name, students[dep], m->disciplines[dp->discipline].id, demand,
                             capacity, m->weeks, demand - capacity);
    }
    free(students);
    return st;
}

/* How many of the students who could fill a minimum a finding names. */
#define RP_MINIMUM_NAMED 3

/* Students who could be in dep during week w (all of them counted); the first
 * `limit` indices go to who[]. */
static int candidates(const rp_model *m, int dep, int w, int *who, int limit)
{
    int length = m->disciplines[m->departments[dep].discipline].length, n = 0;
    for (int s = 0; s < m->n_students; s++) {
        bool can = false;
        for (int t = w - length + 1; t <= w && !can; t++)
            can = rp_may_start(m, s, dep, t, RP_PINS_IGNORED);
        if (!can)
            continue;
        if (n < limit)
            who[n] = s;
        n++;
    }
    return n;
}

static rp_status report_minimum(const rp_model *m, int dep, int first, int last, int minimum,
                                int n, const int *who, rp_findings *out)
{
    int named = n < RP_MINIMUM_NAMED ? n : RP_MINIMUM_NAMED; /* who[] holds no more */
    char name[256], weeks[64], names[256] = "";
    rp_describe_department(m, dep, name, sizeof name);
    rp_format_week_span(first, last, weeks, sizeof weeks);
    size_t len = 0;
    for (int i = 0; i < named && len + 40 < sizeof names; i++)
        len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : " (",
                                m->students[who[i]].id);
    if (n > 0)
        snprintf(names + len, sizeof names - len, "%s)", n > named ? ", ..." : "");
    rp_finding f = {RP_FIND_MINIMUM, -1, dep, m->departments[dep].discipline, first, last,
                    minimum, n, m->departments[dep].loc, NULL};
    if (n == 0)
        return rp_findings_add(out, f,
                               "%s needs at least %d student%s in %s but no student can be "
                               "there then",
                               name, minimum, minimum == 1 ? "" : "s", weeks);
    return rp_findings_add(out, f,
                           "%s needs at least %d students in %s but only %d student%s can be "
                           "there then%s",
                           name, minimum, weeks, n, n == 1 ? "" : "s", names);
}

static rp_status check_minimums(const rp_scope *sc, rp_findings *out)
{
    const rp_model *m = sc->m;
    int who[RP_MINIMUM_NAMED];
    for (int dep = 0; dep < m->n_departments; dep++) {
        const rp_department *dp = &m->departments[dep];
        int run_first = -1, run_min = 0, run_n = 0, run_who[RP_MINIMUM_NAMED];
        for (int w = 0; w <= m->weeks; w++) {
            int n = 0;
            bool short_week = false;
            if (w < m->weeks && dp->minimum[w] > 0) {
                n = candidates(m, dep, w, who, RP_MINIMUM_NAMED);
                short_week = n < dp->minimum[w];
            }
            bool same = short_week && run_first >= 0 && dp->minimum[w] == run_min &&
                        n == run_n &&
                        memcmp(who, run_who,
                               sizeof(int) * (size_t)(n < RP_MINIMUM_NAMED ? n
                                                                          : RP_MINIMUM_NAMED)) == 0;
            if (run_first >= 0 && !same) {
                RP_TRY(report_minimum(m, dep, run_first, w - 1, run_min, run_n, run_who, out));
                run_first = -1;
            }
            if (short_week && run_first < 0) {
                run_first = w;
                run_min = dp->minimum[w];
                run_n = n;
                memcpy(run_who, who, sizeof who);
            }
        }
    }
    return RP_OK;
}

rp_status rp_precheck_capacity(const rp_scope *sc, rp_findings *out)
{
    RP_TRY(check_discipline_demand(sc, out));
    RP_TRY(check_department_demand(sc, out));
    return check_minimums(sc, out);
}
