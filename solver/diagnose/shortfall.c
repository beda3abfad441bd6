#include "solver/diagnose/shortfall.h"

#include <stdio.h>
#include <string.h>

typedef int (*slack_col_fn)(const rp_elastic *e, int department, int week);

/* One department's runs of one kind of slack: consecutive weeks with the
 * same slack and the same limit (capacity or minimum). */
static rp_status department_runs(const rp_elastic *e, const double *values, int p, bool over,
                                 rp_findings *out, long *sum)
{
    const rp_model *m = e->form->model;
    const rp_department *dep = &m->departments[p];
    slack_col_fn col = over ? rp_elastic_over : rp_elastic_under;
    const int *limit = over ? dep->capacity : dep->minimum;
    char name[256], weeks[64];
    for (int w = 0; w < m->weeks;) {
        long k = rp_elastic_value(values, col(e, p, w));
        if (k <= 0) {
            w++;
            continue;
        }
        int last = w;
        while (last + 1 < m->weeks && rp_elastic_value(values, col(e, p, last + 1)) == k &&
               limit[last + 1] == limit[w] &&
               rp_dept_change_in_force(dep, last + 1, over) == rp_dept_change_in_force(dep, w, over))
            last++;
        *sum += k * (last - w + 1);
        rp_describe_department(m, p, name, sizeof name);
        rp_format_week_span(w, last, weeks, sizeof weeks);
        /* a change of the config (leave, a closure) sets the limit those
         * weeks: the finding points at it and quotes its note */
        const rp_dept_change *change = rp_dept_change_in_force(dep, w, over);
        char note[512] = "";
        if (change && change->note)
            snprintf(note, sizeof note, "; %s", change->note);
        rp_finding f = {over ? RP_FIND_DEPARTMENT : RP_FIND_MINIMUM, -1, p, dep->discipline, w,
                        last, 0, 0, change ? change->loc : dep->loc, NULL};
        if (over) {
            f.need = limit[w] + k;
            f.have = limit[w];
            RP_TRY(rp_findings_add(out, f, "%s: %ld more place%s needed in %s (capacity %d, "
                                   "demand %ld%s)", name, k, k == 1 ? "" : "s", weeks, limit[w],
                                   f.need, note));
        } else {
            f.need = limit[w];
            f.have = limit[w] - k;
            RP_TRY(rp_findings_add(out, f, "%s: %ld more student%s needed in %s to reach its "
                                   "minimum (minimum %d, at most %ld can be placed%s)", name, k,
                                   k == 1 ? "" : "s", weeks, limit[w], f.have, note));
        }
        w = last + 1;
    }
    return RP_OK;
}

/* Who a team is, for a finding: "the nurses of pediatrics at X" or
 * "supervisors Dr. A, Dr. B (doctors) of surgery at X". */
static void describe_team(const rp_model *m, int t, char *buf, size_t size)
{
    const rp_team *team = &m->teams[t];
    char place[256];
    rp_describe_department(m, team->department, place, sizeof place);
    const char *pool = team->pool >= 0 ? m->pools[team->pool].id : NULL;
    if (team->n_members == 0) {
        snprintf(buf, size, "the %s of %s", pool ? pool : "supervisors", place);
        return;
    }
    size_t len = (size_t)snprintf(buf, size, "supervisors ");
    for (int i = 0; i < team->n_members && len + 8 < size; i++) {
        int k = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         m->supervisors[team->members[i]].name);
        if (k < 0)
            break;
        len += (size_t)k;
        if (i == 2 && team->n_members > 3) {
            snprintf(buf + len, size - len, " and %d more", team->n_members - 3);
            len = strlen(buf);
            break;
        }
    }
    if (len < size)
        snprintf(buf + len, size - len, "%s%s%s of %s", pool ? " (" : "", pool ? pool : "",
                 pool ? ")" : "", place);
}

/* A team's runs of weeks short of places, as department shortfalls. */
static rp_status team_runs(const rp_elastic *e, const double *values, int t, rp_findings *out,
                           long *sum)
{
    const rp_model *m = e->form->model;
    const rp_team *team = &m->teams[t];
    const rp_department *dep = &m->departments[team->department];
    char who[512], weeks[64];
    for (int w = 0; w < m->weeks;) {
        long k = rp_elastic_value(values, rp_elastic_team_over(e, t, w));
        if (k <= 0) {
            w++;
            continue;
        }
        int last = w;
        while (last + 1 < m->weeks &&
               rp_elastic_value(values, rp_elastic_team_over(e, t, last + 1)) == k &&
               team->capacity[last + 1] == team->capacity[w])
            last++;
        *sum += k * (last - w + 1);
        describe_team(m, t, who, sizeof who);
        rp_format_week_span(w, last, weeks, sizeof weeks);
        rp_finding f = {RP_FIND_DEPARTMENT, -1, team->department, dep->discipline, w, last,
                        team->capacity[w] + k, team->capacity[w], dep->loc, NULL};
        RP_TRY(rp_findings_add(out, f, "%s: %ld more place%s needed in %s (they guide %d at once, "
                               "demand %ld)", who, k, k == 1 ? "" : "s", weeks, team->capacity[w],
                               f.need));
        w = last + 1;
    }
    return RP_OK;
}

static rp_status missed_rotations(const rp_elastic *e, const double *values, int s,
                                  rp_findings *out, long *sum)
{
    const rp_student *st = &e->form->model->students[s];
    for (int r = 0; r < st->n_requirements; r++) {
        long k = rp_elastic_value(values, rp_elastic_missed(e, s, r));
        if (k <= 0)
            continue;
        const rp_requirement *req = &st->requirements[r];
        *sum += k;
        rp_finding f = {RP_FIND_MISSING, s, -1, -1, -1, -1, req->min, req->min - k, st->loc,
                        NULL};
        if (req->n_disciplines == 1)
            f.discipline = req->disciplines[0];
        RP_TRY(rp_findings_add(out, f, "student %s cannot be given %ld rotation%s of %s (needs %d, "
                               "can be given %ld)", st->id, k, k == 1 ? "" : "s", req->label,
                               req->min, f.have));
    }
    return RP_OK;
}

rp_status rp_shortfall_findings(const rp_elastic *e, const double *values, rp_findings *out,
                                rp_shortfall *total)
{
    const rp_model *m = e->form->model;
    *total = (rp_shortfall){0, 0, 0};
    for (int p = 0; p < m->n_departments; p++) {
        RP_TRY(department_runs(e, values, p, true, out, &total->place_weeks));
        for (int t = m->departments[p].first_team;
             t < m->departments[p].first_team + m->departments[p].n_teams; t++)
            RP_TRY(team_runs(e, values, t, out, &total->place_weeks));
        RP_TRY(department_runs(e, values, p, false, out, &total->student_weeks));
    }
    for (int s = 0; s < m->n_students; s++)
        RP_TRY(missed_rotations(e, values, s, out, &total->rotations));
    return RP_OK;
}
