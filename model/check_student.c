/* Rules about a student's plan as a whole: requirements, hospital limit, pins. */
#include "model/check_internal.h"

#include <stdio.h>
#include <string.h>

static int discipline_of(const rp_checker *c, const rp_rotation *r)
{
    return c->m->departments[r->department].discipline;
}

static bool does_discipline(const rp_checker *c, int s, int discipline)
{
    for (int i = 0; i < rp_check_n_rotations(c, s); i++)
        if (discipline_of(c, rp_check_rotation(c, s, i)) == discipline)
            return true;
    return false;
}

/* What the requirement asks, in words: "exactly 2", "at least 1" ... An
 * upper bound below zero or not below the size of the set is no bound. */
static void describe_need(const rp_requirement *q, char *buf, size_t size)
{
    bool has_max = q->max >= 0 && q->max < q->n_disciplines;
    if (q->min == q->max)
        snprintf(buf, size, "exactly %d", q->min);
    else if (!has_max)
        snprintf(buf, size, "at least %d", q->min);
    else if (q->min <= 0)
        snprintf(buf, size, "at most %d", q->max);
    else
        snprintf(buf, size, "between %d and %d", q->min, q->max);
}

static void check_requirements(rp_checker *c, int s)
{
    const rp_student *st = &c->m->students[s];
    for (int k = 0; k < st->n_requirements; k++) {
        const rp_requirement *q = &st->requirements[k];
        int done = 0;
        for (int j = 0; j < q->n_disciplines; j++)
            done += does_discipline(c, s, q->disciplines[j]);
        bool too_many = q->max >= 0 && done > q->max;
        if (done >= q->min && !too_many)
            continue;
        const char *label = q->label ? q->label : "a requirement";
        if (q->n_disciplines == 1 && q->min == 1) {
            rp_check_violation(c, RP_RULE_REQUIREMENT, s, -1, -1,
                               "%s does not do %s, which is required", st->id, label);
            continue;
        }
        char need[64];
        describe_need(q, need, sizeof need);
        rp_check_violation(c, RP_RULE_REQUIREMENT, s, -1, -1, "%s does %d of %s, needs %s", st->id,
                           done, label, need);
    }
}

static void check_hospital_limit(rp_checker *c, int s)
{
    const rp_student *st = &c->m->students[s];
    if (st->max_per_hospital == RP_NO_LIMIT)
        return;
    for (int h = 0; h < c->m->n_hospitals; h++) {
        int count = 0;
        for (int i = 0; i < rp_check_n_rotations(c, s); i++)
            count += c->m->departments[rp_check_rotation(c, s, i)->department].hospital == h;
        if (count > st->max_per_hospital)
            rp_check_violation(c, RP_RULE_HOSPITAL_LIMIT, s, -1, -1,
                               "%s has %d rotations at %s, at most %d allowed", st->id, count,
                               c->m->hospitals[h].name, st->max_per_hospital);
    }
}

static bool pin_matches(const rp_checker *c, const rp_pin *pin, const rp_rotation *r)
{
    const rp_department *d = &c->m->departments[r->department];
    return d->discipline == pin->discipline &&
           (pin->hospital < 0 || d->hospital == pin->hospital) &&
           (pin->department < 0 || r->department == pin->department) &&
           (pin->start < 0 || r->start == pin->start) &&
           (pin->supervisor < 0 || r->supervisor == pin->supervisor);
}

/* "cardiology at Bai Chay Hospital from week 4", as much as the pin says. */
static void describe_pin(const rp_model *m, const rp_pin *pin, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s", m->disciplines[pin->discipline].id);
    if (n < 0 || (size_t)n >= size)
        return;
    if (pin->department >= 0) {
        const rp_department *d = &m->departments[pin->department];
        n += snprintf(buf + n, size - (size_t)n, " in %s at %s", d->id,
                      m->hospitals[d->hospital].name);
    } else if (pin->hospital >= 0) {
        n += snprintf(buf + n, size - (size_t)n, " at %s", m->hospitals[pin->hospital].name);
    }
    if (pin->supervisor >= 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " with %s", m->supervisors[pin->supervisor].id);
    if (pin->start >= 0 && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " from week %d", pin->start + 1);
}

static void check_pins(rp_checker *c, int s)
{
    const rp_student *st = &c->m->students[s];
    for (int k = 0; k < st->n_pins; k++) {
        const rp_pin *pin = &st->pins[k];
        const rp_rotation *instead = NULL;
        bool held = false;
        for (int i = 0; i < rp_check_n_rotations(c, s) && !held; i++) {
            const rp_rotation *r = rp_check_rotation(c, s, i);
            held = pin_matches(c, pin, r);
            if (!instead && discipline_of(c, r) == pin->discipline)
                instead = r;
        }
        if (held)
            continue;
        char pinned[512];
        describe_pin(c->m, pin, pinned, sizeof pinned);
        if (!instead) {
            rp_check_violation(c, RP_RULE_PIN, s, pin->department, pin->start,
                               "%s is pinned to %s but does not do it", st->id, pinned);
            continue;
        }
        char place[256];
        rp_check_place(c->m, instead->department, place, sizeof place);
        const char *with = pin->supervisor >= 0 && instead->supervisor >= 0
                               ? c->m->supervisors[instead->supervisor].id
                               : NULL;
        rp_check_violation(c, RP_RULE_PIN, s, pin->department, pin->start,
                           "%s is pinned to %s but is in %s%s%s from week %d", st->id, pinned,
                           place, with ? " with " : "", with ? with : "", instead->start + 1);
    }
}

void rp_check_student_rules(rp_checker *c, int s)
{
    check_requirements(c, s);
    check_hospital_limit(c, s);
    check_pins(c, s);
}
