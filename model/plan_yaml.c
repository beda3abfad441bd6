/* Writing a plan as YAML or JSON: a header, then each student's rotations. */
#include "model/plan_io_internal.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* Plain YAML scalars that another YAML reader would take for a number, a
 * boolean or null are quoted, so the file means the same to every tool. */
static bool plain_is_safe(const char *s)
{
    static const char *const special[] = {"true", "false", "yes", "no", "on",
                                          "off",  "null",  "y",   "n",  NULL};
    if (!isalpha((unsigned char)s[0]) && s[0] != '_')
        return false;
    for (int i = 0; special[i]; i++)
        if (strcasecmp(s, special[i]) == 0)
            return false;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return false;
    return true;
}

static void id(FILE *out, const char *s, bool json)
{
    if (!json && plain_is_safe(s))
        fputs(s, out);
    else
        rp_plan_io_quoted(out, s);
}

static void header(const rp_model *m, const rp_plan *plan, const char *config_path, bool json,
                   FILE *out)
{
    const char *sep = json ? ",\n  " : "\n";
    const char *q = json ? "\"" : "";
    fprintf(out, json ? "{\n  " : "");
    fprintf(out, json ? "\"format\": \"rotaplan-plan 1\"" : "format: rotaplan-plan 1");
    if (config_path) {
        fprintf(out, "%s%sconfig%s: ", sep, q, q);
        rp_plan_io_quoted(out, config_path);
    }
    fprintf(out, "%s%sstatus%s: %s%s%s", sep, q, q, q, rp_plan_status_str(plan->status), q);
    if (plan->has_objective && isfinite(plan->objective)) {
        fprintf(out, "%s%sobjective%s: ", sep, q, q);
        rp_plan_io_number(out, plan->objective);
    }
    if (plan->has_bound && isfinite(plan->bound)) {
        fprintf(out, "%s%sbound%s: ", sep, q, q);
        rp_plan_io_number(out, plan->bound);
    }
    fprintf(out, "%s%sweeks%s: %d%s%sstudents%s:", sep, q, q, m->weeks, sep, q, q);
}

static void rotation(const rp_model *m, const rp_rotation *r, bool json, FILE *out)
{
    const rp_department *d = &m->departments[r->department];
    const char *q = json ? "\"" : "";
    fprintf(out, "{%sweek%s: %d, %sweeks%s: %d, %shospital%s: ", q, q, r->start + 1, q, q,
            r->length, q, q);
    id(out, m->hospitals[d->hospital].id, json);
    fprintf(out, ", %sdepartment%s: ", q, q);
    id(out, d->id, json);
    fprintf(out, ", %sdiscipline%s: ", q, q);
    id(out, m->disciplines[d->discipline].id, json);
    if (r->supervisor >= 0) {
        fprintf(out, ", %ssupervisor%s: ", q, q);
        id(out, m->supervisors[r->supervisor].id, json);
    }
    fputc('}', out);
}

static void student_yaml(const rp_model *m, const rp_plan *sorted, int s, int *next, FILE *out)
{
    fputs("\n  - student: ", out);
    id(out, m->students[s].id, false);
    fputs("\n    rotations:", out);
    if (*next >= sorted->n_rotations || sorted->rotations[*next].student != s)
        fputs(" []", out);
    for (; *next < sorted->n_rotations && sorted->rotations[*next].student == s; ++*next) {
        fputs("\n      - ", out);
        rotation(m, &sorted->rotations[*next], false, out);
    }
}

static void student_json(const rp_model *m, const rp_plan *sorted, int s, int *next, FILE *out)
{
    fputs(s ? ",\n    {\"student\": " : "\n    {\"student\": ", out);
    id(out, m->students[s].id, true);
    fputs(", \"rotations\": [", out);
    for (int k = 0; *next < sorted->n_rotations && sorted->rotations[*next].student == s;
         ++*next, k++) {
        fputs(k ? ",\n      " : "\n      ", out);
        rotation(m, &sorted->rotations[*next], true, out);
    }
    fputs("]}", out);
}

rp_status rp_plan_yaml_write(const rp_model *m, const rp_plan *sorted, const char *config_path,
                             bool json, FILE *out)
{
    header(m, sorted, config_path, json, out);
    if (json)
        fputs(" [", out);
    else if (m->n_students == 0)
        fputs(" []", out);
    int next = 0;
    for (int s = 0; s < m->n_students; s++) {
        if (json)
            student_json(m, sorted, s, &next, out);
        else
            student_yaml(m, sorted, s, &next, out);
    }
    fputs(json ? "\n  ]\n}\n" : "\n", out);
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
