/* Rules judged rotation by rotation (and pairwise within one student). */
#include "model/check_internal.h"

#include <stdio.h>
#include <string.h>

/* Last week (0-based, inclusive) a rotation occupies; a rotation without
 * weeks is treated as occupying its start week so it still shows up. */
static int last_week(const rp_rotation *r)
{
    return r->start + (r->length > 0 ? r->length : 1) - 1;
}

static int discipline_of(const rp_checker *c, const rp_rotation *r)
{
    return c->m->departments[r->department].discipline;
}

static void check_length(rp_checker *c, int s, const rp_rotation *r, const char *place)
{
    const rp_discipline *d = &c->m->disciplines[discipline_of(c, r)];
    if (r->length == d->length)
        return;
    rp_check_violation(c, RP_RULE_LENGTH, s, r->department, r->start,
                       "%s is in %s for %d week%s from week %d, but %s rotations last %d "
                       "week%s",
                       c->m->students[s].id, place, r->length, r->length == 1 ? "" : "s",
                       r->start + 1, d->id, d->length, d->length == 1 ? "" : "s");
}

static void check_horizon(rp_checker *c, int s, const rp_rotation *r, const char *place)
{
    int weeks = c->m->weeks;
    if (r->start >= 0 && last_week(r) < weeks)
        return;
    int week = r->start < 0 ? 0 : r->start >= weeks ? weeks - 1 : r->start;
    char when[64];
    rp_check_weeks(r->start, last_week(r), when, sizeof when);
    rp_check_violation(c, RP_RULE_HORIZON, s, r->department, week,
                       "%s is in %s in %s, outside weeks 1-%d", c->m->students[s].id, place, when,
                       weeks);
}

static void check_eligibility(rp_checker *c, int s, const rp_rotation *r, const char *place)
{
    const rp_student *st = &c->m->students[s];
    const rp_department *d = &c->m->departments[r->department];
    rp_block why = (rp_block)st->blocked[r->department];
    /* The programme's hospitals are re-checked directly; "not in the
     * programme" is left to the not-required rule, which recomputes it from
     * the requirements, and pools and languages to the supervisor rules,
     * which judge the supervisors themselves. */
    if (!c->m->programmes[st->programme].hospital_allowed[d->hospital])
        why = RP_BLOCK_PROGRAMME_HOSPITAL;
    if (why == RP_BLOCK_NONE || why == RP_BLOCK_NOT_IN_PROGRAMME || why == RP_BLOCK_POOL ||
        why == RP_BLOCK_LANGUAGE)
        return;
    rp_check_violation(c, RP_RULE_ELIGIBILITY, s, r->department, r->start,
                       "%s is in %s from week %d but %s", st->id, place, r->start + 1,
                       rp_block_str(why));
}

/* Appends "4-5" or ", 7" for a run of weeks to buf. */
static void append_run(char *buf, size_t size, int first, int last)
{
    size_t len = strlen(buf);
    if (len >= size)
        return;
    const char *sep = len ? ", " : "";
    if (first == last)
        snprintf(buf + len, size - len, "%s%d", sep, first + 1);
    else
        snprintf(buf + len, size - len, "%s%d-%d", sep, first + 1, last + 1);
}

static void check_availability(rp_checker *c, int s, const rp_rotation *r, const char *place)
{
    const rp_student *st = &c->m->students[s];
    int from = r->start < 0 ? 0 : r->start;
    int to = last_week(r) < c->m->weeks ? last_week(r) : c->m->weeks - 1;
    char runs[256] = "";
    int first_bad = -1, n_bad = 0, run_start = -1;
    for (int t = from; t <= to + 1; t++) {
        bool bad = t <= to && !st->available[t];
        if (bad && run_start < 0)
            run_start = t;
        if (!bad && run_start >= 0) {
            append_run(runs, sizeof runs, run_start, t - 1);
            run_start = -1;
        }
        if (bad) {
            n_bad++;
            if (first_bad < 0)
                first_bad = t;
        }
    }
    if (n_bad == 0)
        return;
    char when[64];
    rp_check_weeks(r->start, last_week(r), when, sizeof when);
    if (n_bad == to - from + 1 && from == r->start && to == last_week(r))
        rp_check_violation(c, RP_RULE_AVAILABILITY, s, r->department, first_bad,
                           "%s is in %s in %s but is unavailable %s", st->id, place, when,
                           n_bad == 1 ? "that week" : "those weeks");
    else
        rp_check_violation(c, RP_RULE_AVAILABILITY, s, r->department, first_bad,
                           "%s is in %s in %s but is unavailable in week%s %s", st->id, place, when,
                           n_bad == 1 ? "" : "s", runs);
}

/* True when `discipline` is `of` or something `of` needs first, directly or
 * through other prerequisites; depth bounds the walk should the model hold a
 * cycle. */
static bool needed_for(const rp_model *m, int of, int discipline, int depth)
{
    if (of == discipline)
        return true;
    if (depth > m->n_disciplines)
        return false;
    const rp_discipline *d = &m->disciplines[of];
    for (int k = 0; k < d->n_prerequisites; k++)
        if (needed_for(m, d->prerequisites[k], discipline, depth + 1))
            return true;
    return false;
}

/* The programme is every discipline its requirements name, plus what those
 * disciplines need first (docs/config.md, rule 3). */
static bool in_programme(const rp_model *m, const rp_student *st, int discipline)
{
    for (int q = 0; q < st->n_requirements; q++)
        for (int k = 0; k < st->requirements[q].n_disciplines; k++)
            if (needed_for(m, st->requirements[q].disciplines[k], discipline, 0))
                return true;
    return false;
}

static void check_required(rp_checker *c, int s, const rp_rotation *r, const char *place)
{
    const rp_student *st = &c->m->students[s];
    int d = discipline_of(c, r);
    if (in_programme(c->m, st, d))
        return;
    rp_check_violation(c, RP_RULE_NOT_REQUIRED, s, r->department, r->start,
                       "%s is in %s from week %d, but %s is not part of their programme", st->id,
                       place, r->start + 1, c->m->disciplines[d].id);
}

/* Repeats and overlaps compare rotation i with the student's other rotations:
 * a repeat is reported at each later rotation of an already done discipline,
 * an overlap once per overlapping pair. */
static void check_pairs(rp_checker *c, int s, int i, const char *place)
{
    const rp_student *st = &c->m->students[s];
    const rp_rotation *r = rp_check_rotation(c, s, i);
    int d = discipline_of(c, r);
    for (int j = 0; j < i; j++) {
        const rp_rotation *earlier = rp_check_rotation(c, s, j);
        if (discipline_of(c, earlier) != d)
            continue;
        char first_place[256];
        rp_check_place(c->m, earlier->department, first_place, sizeof first_place);
        rp_check_violation(c, RP_RULE_REPEAT, s, r->department, r->start,
                           "%s does %s twice: in %s from week %d and in %s from week %d", st->id,
                           c->m->disciplines[d].id, first_place, earlier->start + 1, place,
                           r->start + 1);
        break;
    }
    int n = rp_check_n_rotations(c, s);
    for (int j = i + 1; j < n; j++) {
        const rp_rotation *later = rp_check_rotation(c, s, j);
        if (later->start > last_week(r))
            break; /* sorted by start: no later rotation overlaps either */
        int end = last_week(r) < last_week(later) ? last_week(r) : last_week(later);
        char other[256], when[64];
        rp_check_place(c->m, later->department, other, sizeof other);
        rp_check_weeks(later->start, end, when, sizeof when);
        rp_check_violation(c, RP_RULE_OVERLAP, s, later->department, later->start,
                           "%s is in %s and in %s in %s", st->id, place, other, when);
    }
}

static void check_prerequisites(rp_checker *c, int s, const rp_rotation *r)
{
    const rp_model *m = c->m;
    const rp_discipline *d = &m->disciplines[discipline_of(c, r)];
    for (int k = 0; k < d->n_prerequisites; k++) {
        int p = d->prerequisites[k];
        const rp_rotation *done = NULL; /* the rotation of p that ends first */
        for (int j = 0; j < rp_check_n_rotations(c, s); j++) {
            const rp_rotation *o = rp_check_rotation(c, s, j);
            if (discipline_of(c, o) == p && (!done || last_week(o) < last_week(done)))
                done = o;
        }
        if (!done) {
            rp_check_violation(c, RP_RULE_PREREQUISITE, s, r->department, r->start,
                               "%s does %s from week %d without its prerequisite %s",
                               m->students[s].id, d->id, r->start + 1, m->disciplines[p].id);
        } else if (last_week(done) >= r->start) {
            char when[64];
            rp_check_weeks(done->start, last_week(done), when, sizeof when);
            rp_check_violation(c, RP_RULE_PREREQUISITE, s, r->department, r->start,
                               "%s starts %s in week %d before finishing its prerequisite %s "
                               "(%s)",
                               m->students[s].id, d->id, r->start + 1, m->disciplines[p].id, when);
        }
    }
}

void rp_check_rotation_rules(rp_checker *c, int s)
{
    int n = rp_check_n_rotations(c, s);
    for (int i = 0; i < n; i++) {
        const rp_rotation *r = rp_check_rotation(c, s, i);
        char place[256];
        rp_check_place(c->m, r->department, place, sizeof place);
        check_horizon(c, s, r, place);
        check_length(c, s, r, place);
        check_pairs(c, s, i, place);
        check_required(c, s, r, place);
        check_prerequisites(c, s, r);
        check_eligibility(c, s, r, place);
        check_availability(c, s, r, place);
    }
}
