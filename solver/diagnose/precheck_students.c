/* Static checks of one student at a time: requirements, time, prerequisites. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/precheck_internal.h"

#define RP_NEVER INT_MAX

static rp_finding student_finding(const rp_model *m, rp_finding_kind kind, int s, int d)
{
    return (rp_finding){kind, s, -1, d, -1, -1, 0, 0, m->students[s].loc, NULL};
}

/* Appends "; X: reason" for up to three disciplines of the requirement that
 * the student cannot be placed in. */
static void explain_unplaceable(const rp_scope *sc, int s, const rp_requirement *r, char *buf,
                                size_t size)
{
    size_t len = strlen(buf);
    int shown = 0;
    for (int i = 0; i < r->n_disciplines && shown < 3; i++) {
        int d = r->disciplines[i];
        if (rp_scope_placeable(sc, s, d))
            continue;
        int k = snprintf(buf + len, size - len, "; %s: %s", sc->m->disciplines[d].id,
                         rp_unplaceable_reason(sc->m, s, d));
        if (k < 0 || (size_t)k >= size - len)
            return;
        len += (size_t)k;
        shown++;
    }
}

static rp_status check_requirements(const rp_scope *sc, int s, rp_findings *out, bool *found)
{
    const rp_model *m = sc->m;
    const rp_student *st = &m->students[s];
    for (int r = 0; r < st->n_requirements; r++) {
        const rp_requirement *req = &st->requirements[r];
        int n_placeable = 0;
        for (int i = 0; i < req->n_disciplines; i++)
            n_placeable += rp_scope_placeable(sc, s, req->disciplines[i]);
        if (n_placeable >= req->min)
            continue;
        *found = true;
        char why[1024] = "";
        explain_unplaceable(sc, s, req, why, sizeof why);
        rp_finding f = student_finding(m, RP_FIND_REQUIREMENT, s, -1);
        f.need = req->min;
        f.have = n_placeable;
        if (req->n_disciplines == 1) {
            f.discipline = req->disciplines[0];
            RP_TRY(rp_findings_add(out, f, "student %s must do %s, but %s", st->id,
                                   m->disciplines[f.discipline].id,
                                   rp_unplaceable_reason(m, s, f.discipline)));
        } else {
            RP_TRY(rp_findings_add(out, f,
                                   "student %s needs %s %d of %s but can be placed in only %d "
                                   "of them%s",
                                   st->id, req->min == req->max ? "exactly" : "at least",
                                   req->min, req->label, n_placeable, why));
        }
    }
    return RP_OK;
}

static rp_status check_forced_prerequisites(const rp_scope *sc, int s, rp_findings *out,
                                            bool *found)
{
    const rp_model *m = sc->m;
    for (int d = 0; d < m->n_disciplines; d++) {
        if (!rp_scope_forced(sc, s, d))
            continue;
        const rp_discipline *disc = &m->disciplines[d];
        for (int i = 0; i < disc->n_prerequisites; i++) {
            int p = disc->prerequisites[i];
            if (rp_scope_placeable(sc, s, p))
                continue;
            *found = true;
            rp_finding f = student_finding(m, RP_FIND_PREREQUISITE, s, p);
            RP_TRY(rp_findings_add(out, f, "student %s must do %s before %s, but %s",
                                   m->students[s].id, m->disciplines[p].id, disc->id,
                                   rp_unplaceable_reason(m, s, p)));
        }
    }
    return RP_OK;
}

/* The fewest weeks of rotations any plan gives s: forced disciplines, plus the
 * largest shortfall of any single requirement (sums could double count). */
static long needed_weeks(const rp_scope *sc, int s, int *shortest)
{
    const rp_model *m = sc->m;
    const rp_student *st = &m->students[s];
    long forced_weeks = 0, extra = 0;
    *shortest = INT_MAX;
    for (int d = 0; d < m->n_disciplines; d++)
        if (rp_scope_forced(sc, s, d) && rp_scope_placeable(sc, s, d)) {
            forced_weeks += m->disciplines[d].length;
            if (m->disciplines[d].length < *shortest)
                *shortest = m->disciplines[d].length;
        }
    for (int r = 0; r < st->n_requirements; r++) {
        const rp_requirement *req = &st->requirements[r];
        int missing = req->min;
        for (int i = 0; i < req->n_disciplines; i++)
            missing -= rp_scope_forced(sc, s, req->disciplines[i]);
        long sum = 0;
        bool *taken = calloc((size_t)req->n_disciplines + 1, sizeof(bool));
        if (!taken)
            return -1;
        for (int k = 0; k < missing; k++) { /* the k-th shortest free choice */
            int best = -1;
            for (int i = 0; i < req->n_disciplines; i++) {
                int d = req->disciplines[i];
                if (taken[i] || rp_scope_forced(sc, s, d) || !rp_scope_placeable(sc, s, d))
                    continue;
                if (best < 0 || m->disciplines[d].length <
                                    m->disciplines[req->disciplines[best]].length)
                    best = i;
            }
            if (best < 0)
                break;
            taken[best] = true;
            int length = m->disciplines[req->disciplines[best]].length;
            sum += length;
            if (length < *shortest)
                *shortest = length;
        }
        free(taken);
        if (sum > extra)
            extra = sum;
    }
    return forced_weeks + extra;
}

/* Weeks that can hold rotations: available weeks in stretches long enough
 * for the shortest rotation (whole multiples of it when all lengths agree). */
static long usable_weeks(const rp_model *m, int s, int shortest, bool uniform)
{
    const bool *avail = m->students[s].available;
    long usable = 0;
    for (int w = 0; w < m->weeks;) {
        if (!avail[w]) {
            w++;
            continue;
        }
        int run = 0;
        while (w < m->weeks && avail[w]) {
            run++;
            w++;
        }
        if (run >= shortest)
            usable += uniform ? (long)(run / shortest) * shortest : run;
    }
    return usable;
}

static bool lengths_uniform(const rp_scope *sc, int s, int shortest)
{
    const rp_model *m = sc->m;
    for (int d = 0; d < m->n_disciplines; d++)
        if (rp_scope_placeable(sc, s, d) && m->disciplines[d].length != shortest)
            return false;
    return true;
}

static rp_status check_time(const rp_scope *sc, int s, rp_findings *out, bool *found)
{
    const rp_model *m = sc->m;
    int shortest;
    long need = needed_weeks(sc, s, &shortest);
    if (need < 0)
        return RP_ERR_NOMEM;
    if (need == 0)
        return RP_OK;
    long have = usable_weeks(m, s, shortest, lengths_uniform(sc, s, shortest));
    if (need <= have)
        return RP_OK;
    *found = true;
    int available = 0;
    for (int w = 0; w < m->weeks; w++)
        available += m->students[s].available[w];
    rp_finding f = student_finding(m, RP_FIND_STUDENT_TIME, s, -1);
    f.need = need;
    f.have = have;
    if (have == available)
        return rp_findings_add(out, f,
                               "student %s needs at least %ld weeks of rotations but is "
                               "available for only %ld",
                               m->students[s].id, need, have);
    return rp_findings_add(out, f,
                           "student %s needs at least %ld weeks of rotations but only %ld of "
                           "their %d available weeks can hold a %d-week rotation",
                           m->students[s].id, need, have, available, shortest);
}

/* Earliest week by which s can have finished d and everything d needs first,
 * ignoring other students; RP_NEVER when impossible. Memoised in ef[]. */
static int earliest_finish(const rp_model *m, int s, int d, int *ef)
{
    if (ef[d] != -1)
        return ef[d];
    const rp_discipline *disc = &m->disciplines[d];
    int ready = 0;
    for (int i = 0; i < disc->n_prerequisites; i++) {
        int f = earliest_finish(m, s, disc->prerequisites[i], ef);
        if (f > ready)
            ready = f;
    }
    ef[d] = RP_NEVER;
    for (int t = ready; t < m->weeks && ready != RP_NEVER && ef[d] == RP_NEVER; t++)
        for (int dep = 0; dep < m->n_departments; dep++)
            if (m->departments[dep].discipline == d && rp_may_start(m, s, dep, t, RP_PINS_IGNORED)) {
                ef[d] = t + disc->length;
                break;
            }
    return ef[d];
}

/* Total length of d and everything it needs first: the shortest span that can
 * hold them all, since a student does one rotation at a time. */
static int chain_weeks(const rp_model *m, int d, bool *seen)
{
    if (seen[d])
        return 0;
    seen[d] = true;
    int total = m->disciplines[d].length;
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++)
        total += chain_weeks(m, m->disciplines[d].prerequisites[i], seen);
    return total;
}

static rp_status check_prerequisite_horizon(const rp_scope *sc, rp_findings *out,
                                            bool *too_long)
{
    const rp_model *m = sc->m;
    bool *seen = calloc((size_t)m->n_disciplines, sizeof(bool));
    if (!seen)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    for (int d = 0; d < m->n_disciplines && st == RP_OK; d++) {
        const rp_discipline *disc = &m->disciplines[d];
        if (disc->n_prerequisites == 0)
            continue;
        memset(seen, 0, (size_t)m->n_disciplines * sizeof(bool));
        int span = chain_weeks(m, d, seen);
        if (span <= m->weeks)
            continue;
        int students = 0;
        for (int s = 0; s < m->n_students; s++)
            students += rp_scope_forced(sc, s, d);
        if (students == 0)
            continue;
        too_long[d] = true;
        rp_finding f = {RP_FIND_PREREQUISITE, -1, -1, d, -1, -1, span, m->weeks, disc->loc, NULL};
        st = rp_findings_add(out, f,
                             "%s and the disciplines it needs first take %d weeks in a row, "
                             "more than the %d-week plan, and %d student%s must do it",
                             disc->id, span, m->weeks, students, students == 1 ? "" : "s");
    }
    free(seen);
    return st;
}

static rp_status check_prerequisite_order(const rp_scope *sc, int s, const bool *too_long,
                                          int *ef, rp_findings *out)
{
    const rp_model *m = sc->m;
    for (int d = 0; d < m->n_disciplines; d++)
        ef[d] = -1;
    for (int d = 0; d < m->n_disciplines; d++) {
        const rp_discipline *disc = &m->disciplines[d];
        if (!rp_scope_forced(sc, s, d) || disc->n_prerequisites == 0 || too_long[d] ||
            !rp_scope_placeable(sc, s, d) || earliest_finish(m, s, d, ef) != RP_NEVER)
            continue;
        char first[512] = "";
        size_t len = 0;
        for (int i = 0; i < disc->n_prerequisites && len + 64 < sizeof first; i++)
            len += (size_t)snprintf(first + len, sizeof first - len, "%s%s", i ? " and " : "",
                                    m->disciplines[disc->prerequisites[i]].id);
        rp_finding f = student_finding(m, RP_FIND_PREREQUISITE, s, d);
        RP_TRY(rp_findings_add(out, f,
                               "student %s must do %s after %s, but no such order fits the "
                               "weeks they are available and the departments are open",
                               m->students[s].id, disc->id, first));
    }
    return RP_OK;
}

rp_status rp_precheck_students(const rp_scope *sc, rp_findings *out)
{
    const rp_model *m = sc->m;
    bool *too_long = calloc((size_t)m->n_disciplines, sizeof(bool));
    int *ef = calloc((size_t)m->n_disciplines, sizeof(int));
    rp_status st = too_long && ef ? check_prerequisite_horizon(sc, out, too_long) : RP_ERR_NOMEM;
    for (int s = 0; s < m->n_students && st == RP_OK; s++) {
        bool found = false; /* later checks would only repeat an earlier finding */
        for (int d = 0; d < m->n_disciplines; d++)
            found |= too_long[d] && rp_scope_forced(sc, s, d);
        st = check_requirements(sc, s, out, &found);
        if (st == RP_OK)
            st = check_forced_prerequisites(sc, s, out, &found);
        if (st == RP_OK && !found)
            st = check_time(sc, s, out, &found);
        if (st == RP_OK && !found)
            st = check_prerequisite_order(sc, s, too_long, ef, out);
    }
    free(too_long);
    free(ef);
    return st;
}
