#include "model/check_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rp_rule_str(rp_rule rule)
{
    switch (rule) {
    case RP_RULE_OVERLAP: return "overlap";
    case RP_RULE_LENGTH: return "length";
    case RP_RULE_HORIZON: return "horizon";
    case RP_RULE_REPEAT: return "repeat";
    case RP_RULE_REQUIREMENT: return "requirement";
    case RP_RULE_NOT_REQUIRED: return "not-required";
    case RP_RULE_PREREQUISITE: return "prerequisite";
    case RP_RULE_HOSPITAL_LIMIT: return "hospital-limit";
    case RP_RULE_CAPACITY: return "capacity";
    case RP_RULE_MINIMUM: return "minimum";
    case RP_RULE_ELIGIBILITY: return "eligibility";
    case RP_RULE_AVAILABILITY: return "availability";
    case RP_RULE_PIN: return "pin";
    case RP_RULE_INTERRUPTED: return "interrupted";
    case RP_RULE_POOL: return "pool";
    case RP_RULE_SUPERVISOR: return "supervisor";
    case RP_RULE_RATIO: return "ratio";
    case RP_RULE_COUNT: break;
    }
    return "unknown";
}

void rp_check_report_free(rp_check_report **rp)
{
    if (!rp || !*rp)
        return;
    rp_check_report *r = *rp;
    for (int i = 0; i < r->n_violations; i++)
        free(r->violations[i].message);
    free(r->violations);
    for (int i = 0; i < r->n_warnings; i++)
        free(r->warnings[i].message);
    free(r->warnings);
    free(r->scores);
    free(r);
    *rp = NULL;
}

void rp_check_violation(rp_checker *c, rp_rule rule, int student, int department, int week,
                        const char *fmt, ...)
{
    rp_check_report *r = c->report;
    bool past = week >= 0 && week < c->from_week;
    rp_violation **list = past ? &r->warnings : &r->violations;
    int *count = past ? &r->n_warnings : &r->n_violations;
    int *capacity = past ? &c->warnings_capacity : &c->violations_capacity;
    if (*count == *capacity) {
        int cap = *capacity ? 2 * *capacity : 16;
        rp_violation *v = realloc(*list, (size_t)cap * sizeof *v);
        if (!v) {
            c->nomem = true;
            return;
        }
        *list = v;
        *capacity = cap;
    }
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (message)
        vsnprintf(message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (!message) {
        c->nomem = true;
        return;
    }
    (*list)[(*count)++] = (rp_violation){rule, student, department, week, message};
}

int rp_check_n_rotations(const rp_checker *c, int s)
{
    return c->first[s + 1] - c->first[s];
}

const rp_rotation *rp_check_rotation(const rp_checker *c, int s, int i)
{
    return &c->plan->rotations[c->order[c->first[s] + i]];
}

void rp_check_place(const rp_model *m, int department, char *buf, size_t size)
{
    const rp_department *d = &m->departments[department];
    snprintf(buf, size, "%s at %s", d->id, m->hospitals[d->hospital].name);
}

void rp_check_weeks(int first, int last, char *buf, size_t size)
{
    if (first == last)
        snprintf(buf, size, "week %d", first + 1);
    else
        snprintf(buf, size, "weeks %d-%d", first + 1, last + 1);
}

/* Orders a student's rotations by start week (then department) so every pass
 * sees them in time order; the plan itself is left untouched. */
struct sort_key {
    int student, start, department, index;
};

static int compare_keys(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->student != y->student)
        return x->student < y->student ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->department != y->department)
        return x->department < y->department ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* History mode: a rotation wholly in the past and shorter than its
 * discipline was cut short by an earlier re-plan (or the one checked). */
static bool interrupted(const rp_checker *c, const rp_rotation *r)
{
    const rp_model *m = c->m;
    return c->from_week > 0 && r->start >= 0 && r->start + r->length <= c->from_week &&
           r->length < m->disciplines[m->departments[r->department].discipline].length;
}

static void report_interrupted(rp_checker *c, int i)
{
    const rp_rotation *r = &c->plan->rotations[i];
    const rp_model *m = c->m;
    char place[256], when[32];
    rp_check_place(m, r->department, place, sizeof place);
    rp_check_weeks(r->start, r->start + r->length - 1, when, sizeof when);
    rp_check_violation(c, RP_RULE_INTERRUPTED, r->student, r->department, r->start,
                       "%s was in %s in %s, a rotation cut short: %s is not counted as done",
                       m->students[r->student].id, place, when,
                       m->disciplines[m->departments[r->department].discipline].id);
    /* left out of every other rule, but its weeks are still taken */
    for (int j = 0; j < c->plan->n_rotations; j++) {
        const rp_rotation *o = &c->plan->rotations[j];
        if (j == i || o->student != r->student || o->start >= r->start + r->length ||
            o->start + o->length <= r->start)
            continue;
        rp_check_place(m, o->department, place, sizeof place);
        rp_check_violation(c, RP_RULE_OVERLAP, r->student, o->department, -1,
                           "%s is in %s while in a rotation cut short in %s",
                           m->students[r->student].id, place, when);
    }
}

static bool rotation_known(const rp_model *m, const rp_rotation *r)
{
    return r->student >= 0 && r->student < m->n_students && r->department >= 0 &&
           r->department < m->n_departments;
}

/* Groups the plan's rotations by student. A rotation naming a student or a
 * department the model does not have cannot be judged by any rule; it is
 * reported once and left out of everything else. */
static rp_status group_rotations(rp_checker *c)
{
    const rp_model *m = c->m;
    const rp_plan *p = c->plan;
    c->first = calloc((size_t)m->n_students + 1, sizeof *c->first);
    c->order = malloc(((size_t)p->n_rotations + 1) * sizeof *c->order);
    struct sort_key *keys = malloc(((size_t)p->n_rotations + 1) * sizeof *keys);
    if (!c->first || !c->order || !keys) {
        free(keys);
        return RP_ERR_NOMEM;
    }
    int n = 0;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *r = &p->rotations[i];
        if (!rotation_known(m, r)) {
            rp_check_violation(c, RP_RULE_ELIGIBILITY,
                               r->student >= 0 && r->student < m->n_students ? r->student : -1, -1,
                               -1,
                               "rotation %d of the plan names student #%d and department #%d, "
                               "which the config does not have",
                               i + 1, r->student, r->department);
            continue;
        }
        if (interrupted(c, r)) {
            report_interrupted(c, i);
            continue;
        }
        keys[n++] = (struct sort_key){r->student, r->start, r->department, i};
        c->first[r->student + 1]++;
    }
    qsort(keys, (size_t)n, sizeof *keys, compare_keys);
    for (int i = 0; i < n; i++)
        c->order[i] = keys[i].index;
    for (int s = 0; s < m->n_students; s++)
        c->first[s + 1] += c->first[s];
    free(keys);
    return RP_OK;
}

rp_status rp_check_plan(const rp_model *m, const rp_plan *plan, rp_check_report **out)
{
    return rp_check_plan_with(m, plan, NULL, out);
}

rp_status rp_check_plan_with(const rp_model *m, const rp_plan *plan,
                             const rp_check_options *opt, rp_check_report **out)
{
    *out = NULL;
    rp_checker c = {.m = m, .plan = plan, .from_week = opt ? opt->from_week : 0};
    c.report = calloc(1, sizeof *c.report);
    if (!c.report)
        return RP_ERR_NOMEM;
    c.report->n_students = m->n_students;
    c.report->worst_student = -1;
    c.report->scores = calloc((size_t)m->n_students + 1, sizeof *c.report->scores);
    rp_status st = c.report->scores ? group_rotations(&c) : RP_ERR_NOMEM;
    if (st == RP_OK) {
        for (int s = 0; s < m->n_students && !c.nomem; s++) {
            rp_check_rotation_rules(&c, s);
            rp_check_student_rules(&c, s);
        }
        if (!c.nomem)
            rp_check_department_rules(&c);
        if (!c.nomem)
            rp_check_supervisor_rules(&c);
        if (!c.nomem)
            rp_check_score(&c);
        if (c.nomem)
            st = RP_ERR_NOMEM;
    }
    free(c.order);
    free(c.first);
    if (st) {
        rp_check_report_free(&c.report);
        return st;
    }
    *out = c.report;
    return RP_OK;
}
