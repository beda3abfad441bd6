#include "solver/gen/emit.h"

#include <stdbool.h>
#include <string.h>

/* 0-based weeks first..last as the 1-based text of a week list. */
static void put_weeks(FILE *out, int first, int last)
{
    if (first == last)
        fprintf(out, "%d", first + 1);
    else
        fprintf(out, "%d-%d", first + 1, last + 1);
}

/* The student's unavailable weeks separated by sep; false when none. */
static bool put_unavailable(FILE *out, const rp_cohort_student *st, const char *sep)
{
    bool any = false;
    if (st->arrival > 0) {
        put_weeks(out, 0, st->arrival - 1);
        any = true;
    }
    if (st->leave_week >= 0) {
        if (any)
            fputs(sep, out);
        put_weeks(out, st->leave_week, st->leave_week);
        any = true;
    }
    return any;
}

static bool has_unavailable(const rp_cohort_student *st)
{
    return st->arrival > 0 || st->leave_week >= 0;
}

static void put_department_ref(FILE *out, const rp_cohort *c, int dept)
{
    const rp_cohort_department *dp = &c->departments[dept];
    fprintf(out, "%s/%s", c->hospitals[dp->hospital].id, dp->id);
}

/* The departments a student restricted to its plan's departments may use. */
static void put_only_departments(FILE *out, const rp_cohort *c, const rp_cohort_student *st,
                                 const char *sep)
{
    for (int k = 0; k < st->n_rotations; k++) {
        if (k)
            fputs(sep, out);
        put_department_ref(out, c, c->rotations[st->first_rotation + k].department);
    }
    if (st->extra_department >= 0) {
        fputs(sep, out);
        put_department_ref(out, c, st->extra_department);
    }
}

static void put_disciplines(FILE *out, const rp_cohort *c, const rp_cohort_requirement *r)
{
    fputc('[', out);
    for (int i = 0; i < r->n_disciplines; i++)
        fprintf(out, "%s%s", i ? ", " : "", c->disciplines[r->disciplines[i]].id);
    fputc(']', out);
}

static void put_requirement(FILE *out, const rp_cohort *c, const rp_cohort_requirement *r)
{
    switch (r->kind) {
    case RP_COHORT_REQ_DISCIPLINE:
        fprintf(out, "{discipline: %s}", c->disciplines[r->disciplines[0]].id);
        return;
    case RP_COHORT_REQ_GROUP:
        fprintf(out, "{group: %s", r->group);
        break;
    case RP_COHORT_REQ_LIST:
        fputs("{disciplines: ", out);
        put_disciplines(out, c, r);
        break;
    }
    if (r->min == r->max)
        fprintf(out, ", count: %d}", r->min);
    else if (r->min == 0)
        fprintf(out, ", at_most: %d}", r->max);
    else
        fprintf(out, ", at_least: %d, at_most: %d}", r->min, r->max);
}

static void emit_disciplines(const rp_cohort *c, FILE *out)
{
    fputs("disciplines:\n", out);
    for (int d = 0; d < c->n_disciplines; d++) {
        const rp_cohort_discipline *dc = &c->disciplines[d];
        fprintf(out, "  - {id: %s, name: \"%s\", length: %d", dc->id, dc->name, dc->length);
        if (dc->group)
            fprintf(out, ", group: %s", dc->group);
        if (dc->prerequisite >= 0)
            fprintf(out, ", prerequisites: [%s]", c->disciplines[dc->prerequisite].id);
        if (dc->priority)
            fprintf(out, ", priority: %d", dc->priority);
        fputs("}\n", out);
    }
}

static void emit_change(FILE *out, const rp_cohort_change *ch)
{
    fputs("          - {weeks: ", out);
    put_weeks(out, ch->first, ch->last);
    if (ch->closed)
        fputs(", closed: true", out);
    if (ch->supervisors >= 0)
        fprintf(out, ", supervisors: %d", ch->supervisors);
    if (ch->minimum >= 0)
        fprintf(out, ", minimum: %d", ch->minimum);
    fprintf(out, ", note: \"%s\"}\n", ch->note);
}

static void emit_department(const rp_cohort *c, const rp_cohort_department *dp, FILE *out)
{
    const char *discipline = c->disciplines[dp->discipline].id;
    bool own_id = strcmp(dp->id, discipline) != 0;
    if (dp->n_changes == 0 && !dp->name[0]) {
        fprintf(out, "      - {discipline: %s", discipline);
        if (own_id)
            fprintf(out, ", id: %s", dp->id);
        fprintf(out, ", supervisors: %d", dp->supervisors);
        if (dp->students_per_supervisor)
            fprintf(out, ", students_per_supervisor: %d", dp->students_per_supervisor);
        if (dp->capacity)
            fprintf(out, ", capacity: %d", dp->capacity);
        if (dp->minimum)
            fprintf(out, ", minimum: %d", dp->minimum);
        fputs("}\n", out);
        return;
    }
    fprintf(out, "      - discipline: %s\n", discipline);
    if (own_id)
        fprintf(out, "        id: %s\n", dp->id);
    if (dp->name[0])
        fprintf(out, "        name: \"%s\"\n", dp->name);
    fprintf(out, "        supervisors: %d\n", dp->supervisors);
    if (dp->students_per_supervisor)
        fprintf(out, "        students_per_supervisor: %d\n", dp->students_per_supervisor);
    if (dp->capacity)
        fprintf(out, "        capacity: %d\n", dp->capacity);
    if (dp->minimum)
        fprintf(out, "        minimum: %d\n", dp->minimum);
    if (dp->n_changes) {
        fputs("        changes:\n", out);
        for (int i = 0; i < dp->n_changes; i++)
            emit_change(out, &dp->changes[i]);
    }
}

static void emit_hospitals(const rp_cohort *c, FILE *out)
{
    fputs("\nhospitals:\n", out);
    for (int h = 0; h < c->n_hospitals; h++) {
        const rp_cohort_hospital *hp = &c->hospitals[h];
        fprintf(out, "  - id: %s\n    name: \"%s\"\n    students_per_supervisor: %d\n"
                     "    departments:\n",
                hp->id, hp->name, hp->students_per_supervisor);
        for (int i = 0; i < c->n_departments; i++)
            if (c->departments[i].hospital == h)
                emit_department(c, &c->departments[i], out);
    }
}

static void emit_programmes(const rp_cohort *c, FILE *out)
{
    fputs("\nprogrammes:\n", out);
    for (int p = 0; p < c->n_programmes; p++) {
        const rp_cohort_programme *pg = &c->programmes[p];
        fprintf(out, "  - id: %s\n    name: \"%s\"\n    requirements:\n", pg->id, pg->name);
        for (int r = 0; r < pg->n_requirements; r++) {
            fputs("      - ", out);
            put_requirement(out, c, &pg->requirements[r]);
            fputc('\n', out);
        }
        if (pg->max_per_hospital >= 0)
            fprintf(out, "    max_per_hospital: %d\n", pg->max_per_hospital);
        if (!pg->all_hospitals) {
            fputs("    hospitals: [", out);
            bool first = true;
            for (int h = 0; h < c->n_hospitals; h++)
                if (pg->hospital_allowed[h]) {
                    fprintf(out, "%s%s", first ? "" : ", ", c->hospitals[h].id);
                    first = false;
                }
            fputs("]\n", out);
        }
    }
}

static void put_prefs(FILE *out, const rp_cohort *c, const rp_cohort_pref *prefs, int n,
                      bool hospitals, const char *pair, const char *sep)
{
    for (int i = 0; i < n; i++)
        fprintf(out, "%s%s%s%d", i ? sep : "",
                hospitals ? c->hospitals[prefs[i].what].id : c->disciplines[prefs[i].what].id,
                pair, prefs[i].value);
}

static void emit_student(const rp_cohort *c, int s, FILE *out)
{
    const rp_cohort_student *st = &c->students[s];
    char id[24], name[64];
    rp_cohort_student_id(c, s, id, sizeof id);
    rp_cohort_student_name(st, name, sizeof name);
    fprintf(out, "  - {id: %s, name: \"%s\", programme: %s", id, name,
            c->programmes[st->programme].id);
    if (has_unavailable(st)) {
        fputs(", unavailable: [", out);
        put_unavailable(out, st, ", ");
        fputc(']', out);
    }
    if (st->n_only_hospitals) {
        fputs(", hospitals: [", out);
        for (int i = 0; i < st->n_only_hospitals; i++)
            fprintf(out, "%s%s", i ? ", " : "", c->hospitals[st->only_hospitals[i]].id);
        fputc(']', out);
    }
    if (st->avoid_hospital >= 0)
        fprintf(out, ", avoid_hospitals: [%s]", c->hospitals[st->avoid_hospital].id);
    if (st->only_departments) {
        fputs(", departments: [", out);
        put_only_departments(out, c, st, ", ");
        fputc(']', out);
    }
    if (st->avoid_department >= 0) {
        fputs(", avoid_departments: [", out);
        put_department_ref(out, c, st->avoid_department);
        fputc(']', out);
    }
    if (st->avoid_discipline >= 0)
        fprintf(out, ", avoid_disciplines: [%s]", c->disciplines[st->avoid_discipline].id);
    if (st->n_pref_disciplines || st->n_pref_hospitals) {
        fputs(", preferences: {", out);
        if (st->n_pref_disciplines) {
            fputs("disciplines: {", out);
            put_prefs(out, c, st->pref_disciplines, st->n_pref_disciplines, false, ": ", ", ");
            fputc('}', out);
        }
        if (st->n_pref_hospitals) {
            fprintf(out, "%shospitals: {", st->n_pref_disciplines ? ", " : "");
            put_prefs(out, c, st->pref_hospitals, st->n_pref_hospitals, true, ": ", ", ");
            fputc('}', out);
        }
        fputc('}', out);
    }
    const int weights[4] = {st->weight_discipline, st->weight_hospital, st->weight_change,
                            st->weight_idle};
    static const char *const weight_keys[4] = {"discipline", "hospital", "change", "idle"};
    bool any = false;
    for (int i = 0; i < 4; i++)
        if (weights[i] >= 0) {
            fprintf(out, "%s%s: %d", any ? ", " : ", weights: {", weight_keys[i], weights[i]);
            any = true;
        }
    if (any)
        fputc('}', out);
    const rp_cohort_rotation *rot = &c->rotations[st->first_rotation];
    if (st->own_requirements) {
        fputs(", requirements: [", out);
        for (int k = 0; k < st->n_rotations; k++)
            fprintf(out, "%s{discipline: %s}", k ? ", " : "",
                    c->disciplines[c->departments[rot[k].department].discipline].id);
        fputc(']', out);
    }
    if (st->max_per_hospital >= 0)
        fprintf(out, ", max_per_hospital: %d", st->max_per_hospital);
    if (st->pin_rotation >= 0) {
        const rp_cohort_rotation *pin = &rot[st->pin_rotation];
        const rp_cohort_department *dp = &c->departments[pin->department];
        fprintf(out, ", pins: [{discipline: %s", c->disciplines[dp->discipline].id);
        if (st->pin_kind == RP_COHORT_PIN_FULL)
            fprintf(out, ", hospital: %s, week: %d", c->hospitals[dp->hospital].id,
                    pin->start + 1);
        else if (st->pin_kind == RP_COHORT_PIN_DEPARTMENT) {
            fputs(", department: ", out);
            put_department_ref(out, c, pin->department);
        }
        fputs("}]", out);
    }
    fputs("}\n", out);
}

rp_status rp_emit_config(const rp_cohort *c, const char *student_file, const char *command,
                         FILE *out)
{
    const rp_cohort_params *p = &c->params;
    fputs("# A synthetic cohort: every name, ward and number in it is invented.\n", out);
    if (command)
        fprintf(out, "# Made by: %s\n", command);
    fputs("# A plan that keeps every hard rule exists by construction; `rotaplan generate\n"
          "# --witness PLAN` writes one.\n",
          out);
    fprintf(out, "name: \"Synthetic cohort: %d students, %d hospitals, seed %llu\"\n",
            c->n_students, c->n_hospitals, (unsigned long long)p->seed);
    fprintf(out, "weeks: %d\nstart_date: 2025-09-01\nstudents_per_supervisor: 2\n\n", c->weeks);
    emit_disciplines(c, out);
    emit_hospitals(c, out);
    emit_programmes(c, out);
    fputs("\nobjective:\n  weights: {discipline: 1, hospital: 1, change: 1, idle: 1}\n"
          "  school_priority: 1\n  fairness: 1\n",
          out);
    if (student_file)
        fprintf(out, "\nstudent_file: \"%s\"\n", student_file);
    bool header = false;
    for (int s = 0; s < c->n_students; s++) {
        if (student_file && !rp_cohort_student_needs_yaml(&c->students[s]))
            continue;
        if (!header) {
            fputs("\nstudents:\n", out);
            header = true;
        }
        emit_student(c, s, out);
    }
    return ferror(out) ? RP_ERR_IO : RP_OK;
}

static void emit_roster_row(const rp_cohort *c, int s, FILE *out)
{
    const rp_cohort_student *st = &c->students[s];
    char id[24], name[64];
    rp_cohort_student_id(c, s, id, sizeof id);
    rp_cohort_student_name(st, name, sizeof name);
    fprintf(out, "%s,%s,%s,", id, name, c->programmes[st->programme].id);
    put_unavailable(out, st, ";");
    fputc(',', out);
    for (int i = 0; i < st->n_only_hospitals; i++)
        fprintf(out, "%s%s", i ? ";" : "", c->hospitals[st->only_hospitals[i]].id);
    fputc(',', out);
    if (st->avoid_hospital >= 0)
        fputs(c->hospitals[st->avoid_hospital].id, out);
    fputc(',', out);
    if (st->only_departments)
        put_only_departments(out, c, st, ";");
    fputc(',', out);
    if (st->avoid_department >= 0)
        put_department_ref(out, c, st->avoid_department);
    fputc(',', out);
    if (st->avoid_discipline >= 0)
        fputs(c->disciplines[st->avoid_discipline].id, out);
    fputc(',', out);
    put_prefs(out, c, st->pref_disciplines, st->n_pref_disciplines, false, ":", ";");
    fputc(',', out);
    put_prefs(out, c, st->pref_hospitals, st->n_pref_hospitals, true, ":", ";");
    const int weights[4] = {st->weight_discipline, st->weight_hospital, st->weight_change,
                            st->weight_idle};
    for (int i = 0; i < 4; i++) {
        fputc(',', out);
        if (weights[i] >= 0)
            fprintf(out, "%d", weights[i]);
    }
    fputc('\n', out);
}

rp_status rp_emit_roster(const rp_cohort *c, FILE *out)
{
    fputs("id,name,programme,unavailable,hospitals,avoid_hospitals,departments,"
          "avoid_departments,avoid_disciplines,discipline_preferences,hospital_preferences,"
          "weight_discipline,weight_hospital,weight_change,weight_idle\n",
          out);
    for (int s = 0; s < c->n_students; s++)
        if (!rp_cohort_student_needs_yaml(&c->students[s]))
            emit_roster_row(c, s, out);
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
