/* The score, term by term, as docs/config.md "Score" defines it (the MSS
 * benchmark's SatTot when the weights are the defaults). */
#include "model/check_internal.h"

#include <stdlib.h>

static int discipline_of(const rp_checker *c, const rp_rotation *r)
{
    return c->m->departments[r->department].discipline;
}

static int hospital_of(const rp_checker *c, const rp_rotation *r)
{
    return c->m->departments[r->department].hospital;
}

/* True when rotation i is the student's first of its discipline: discipline
 * terms count each discipline done once, even in a plan that repeats one. */
static bool first_of_discipline(const rp_checker *c, int s, int i)
{
    int d = discipline_of(c, rp_check_rotation(c, s, i));
    for (int j = 0; j < i; j++)
        if (discipline_of(c, rp_check_rotation(c, s, j)) == d)
            return false;
    return true;
}

/* Weeks with no rotation from the start of the student's intake (week 1
 * without intakes) to the start of their last rotation; weeks after it are
 * free, unavailable weeks before it count. */
static int idle_weeks(const rp_checker *c, int s, bool *covered)
{
    int n = rp_check_n_rotations(c, s), weeks = c->m->weeks;
    if (n == 0)
        return 0;
    int last_start = rp_check_rotation(c, s, n - 1)->start;
    int until = last_start < weeks ? last_start : weeks;
    for (int t = 0; t < weeks; t++)
        covered[t] = false;
    for (int i = 0; i < n; i++) {
        const rp_rotation *r = rp_check_rotation(c, s, i);
        for (int t = r->start < 0 ? 0 : r->start; t < r->start + r->length && t < weeks; t++)
            covered[t] = true;
    }
    int idle = 0;
    for (int t = c->m->students[s].first_week; t < until; t++)
        idle += !covered[t];
    return idle;
}

static void score_student(rp_checker *c, int s, bool *covered)
{
    const rp_model *m = c->m;
    const rp_student *st = &m->students[s];
    rp_score *sc = &c->report->scores[s];
    long pref_d = 0, pref_h = 0, priority = 0;
    int n = rp_check_n_rotations(c, s);
    for (int i = 0; i < n; i++) {
        const rp_rotation *r = rp_check_rotation(c, s, i);
        int h = hospital_of(c, r);
        pref_h += st->pref_hospital[h];
        if (first_of_discipline(c, s, i)) {
            int d = discipline_of(c, r);
            pref_d += st->pref_discipline[d];
            priority += m->disciplines[d].priority;
        }
        /* Rotations are in time order, so "the one before" is the previous
         * rotation whatever idle weeks lie between them. */
        if (i > 0 && hospital_of(c, rp_check_rotation(c, s, i - 1)) != h)
            sc->n_changes++;
    }
    sc->n_idle_weeks = idle_weeks(c, s, covered);
    sc->discipline = (long)st->weights.discipline * pref_d;
    sc->hospital = (long)st->weights.hospital * pref_h;
    sc->school = (long)m->objective.school_priority * priority;
    sc->change = -(long)st->weights.change * sc->n_changes;
    sc->idle = -(long)st->weights.idle * sc->n_idle_weeks;
    sc->total = sc->discipline + sc->hospital + sc->school + sc->change + sc->idle;
}

void rp_check_score(rp_checker *c)
{
    const rp_model *m = c->m;
    rp_check_report *r = c->report;
    bool *covered = malloc((size_t)m->weeks + 1);
    if (!covered) {
        c->nomem = true;
        return;
    }
    r->sum = 0;
    r->worst = 0;
    r->worst_student = -1;
    for (int s = 0; s < m->n_students; s++) {
        score_student(c, s, covered);
        r->sum += r->scores[s].total;
        if (r->worst_student < 0 || r->scores[s].total < r->worst) {
            r->worst = r->scores[s].total;
            r->worst_student = s;
        }
    }
    r->objective = r->sum + (long)m->objective.fairness * r->worst;
    free(covered);
}

int rp_check_histogram(const rp_check_report *r, rp_score_bin *bins, int max_bins)
{
    if (r->n_students == 0 || max_bins < 1)
        return 0;
    long lo = r->scores[0].total, hi = lo;
    for (int s = 1; s < r->n_students; s++) {
        if (r->scores[s].total < lo)
            lo = r->scores[s].total;
        if (r->scores[s].total > hi)
            hi = r->scores[s].total;
    }
    long span = hi - lo + 1, width = (span + max_bins - 1) / max_bins;
    int n = (int)((span + width - 1) / width);
    for (int b = 0; b < n; b++)
        bins[b] = (rp_score_bin){lo + b * width, lo + (b + 1) * width - 1, 0};
    bins[n - 1].high = hi;
    for (int s = 0; s < r->n_students; s++)
        bins[(r->scores[s].total - lo) / width].students++;
    return n;
}
