/* Students kept as an earlier plan has them: pins, availability, teams. */
#include "model/keep.h"

#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/teams.h"

/* The kept students' rotations alone. */
static rp_plan *kept_part(const rp_plan *plan, const bool *kept)
{
    rp_plan *part = rp_plan_new();
    if (!part)
        return NULL;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (!kept[r->student])
            continue;
        if (rp_plan_add_guided(part, r->student, r->department, r->start, r->length,
                               r->supervisor) != RP_OK) {
            rp_plan_free(&part);
            return NULL;
        }
        part->rotations[part->n_rotations - 1].switch_week = r->switch_week;
        part->rotations[part->n_rotations - 1].switch_supervisor = r->switch_supervisor;
    }
    rp_plan_sort(part);
    return part;
}

/* A rotation of the part without a supervisor in department d from week. */
static bool unguided(const rp_plan *part, int student, int department, int week)
{
    for (int i = 0; i < part->n_rotations; i++) {
        const rp_rotation *r = &part->rotations[i];
        if (r->student == student && r->department == department && r->start == week)
            return r->supervisor < 0 && r->switch_supervisor < 0;
    }
    return false;
}

/* Rules the kept part breaks on its own, as errors; the count. */
static int report_conflicts(const rp_model *m, const rp_plan *part, const bool *kept,
                            const rp_check_report *r, const char *plan_name, rp_diags *diags)
{
    int n = 0;
    for (int i = 0; i < r->n_violations; i++) {
        const rp_violation *v = &r->violations[i];
        if ((v->student >= 0 && !kept[v->student]) || v->rule == RP_RULE_MINIMUM ||
            (v->rule == RP_RULE_SUPERVISOR && v->student >= 0 &&
             unguided(part, v->student, v->department, v->week)))
            continue;
        rp_loc at = v->student >= 0      ? m->students[v->student].loc
                    : v->department >= 0 ? m->departments[v->department].loc
                                         : RP_LOC_NONE;
        rp_diag_error(diags, at, "%s, as '%s' has it, breaks a rule: %s",
                      v->student >= 0 ? "a kept student" : "the kept students", plan_name,
                      v->message);
        n++;
    }
    return n;
}

static rp_status pin_rotations(rp_model *m, rp_student *s, const rp_plan *part, int si)
{
    int n = 0;
    for (int i = 0; i < part->n_rotations; i++)
        n += part->rotations[i].student == si;
    rp_pin *pins = calloc((size_t)n + 1, sizeof *pins);
    if (!pins)
        return RP_ERR_NOMEM;
    int k = 0;
    for (int i = 0; i < part->n_rotations; i++) {
        const rp_rotation *r = &part->rotations[i];
        if (r->student != si)
            continue;
        const rp_department *d = &m->departments[r->department];
        pins[k++] = (rp_pin){d->discipline, d->hospital, r->department, r->start, r->supervisor,
                             s->loc};
    }
    free(s->pins);
    s->pins = pins;
    s->n_pins = n;
    for (int w = 0; w < m->weeks; w++) {
        bool taken = false;
        for (int i = 0; i < part->n_rotations && !taken; i++) {
            const rp_rotation *r = &part->rotations[i];
            taken = r->student == si && r->start <= w && w < r->start + r->length;
        }
        s->available[w] = s->available[w] && taken;
    }
    return RP_OK;
}

rp_status rp_model_keep(rp_model *m, const rp_plan *plan, const bool *kept,
                        const char *plan_name, rp_diags *diags)
{
    rp_plan *part = kept_part(plan, kept);
    if (!part)
        return RP_ERR_NOMEM;
    rp_check_report *report = NULL;
    rp_status st = rp_check_plan(m, part, &report);
    if (st == RP_OK && report_conflicts(m, part, kept, report, plan_name, diags) > 0)
        st = RP_ERR_INVALID;
    rp_check_report_free(&report);
    for (int s = 0; s < m->n_students && st == RP_OK; s++)
        if (kept[s])
            st = pin_rotations(m, &m->students[s], part, s);
    rp_plan_free(&part);
    if (st == RP_OK)
        st = rp_model_build_teams(m);
    return st;
}
