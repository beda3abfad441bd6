/* Reading a YAML or JSON plan (JSON through the YAML parser). */
#include "model/plan_io_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ytree.h"

struct yaml_reader {
    const rp_model *m;
    const rp_ydoc *doc;
    rp_diags *diags;
    rp_plan *plan;
    rp_plan_unknown *unknown;
    int *line;         /* [n_students x weeks] line of the rotation holding the week, or 0 */
    int *student_line; /* [n_students] line where the student was listed, or 0 */
    int errors;
    bool nomem;
};

static void error(struct yaml_reader *r, const rp_ynode *at, const char *fmt, ...) RP_PRINTF(3, 4);

static void error(struct yaml_reader *r, const rp_ynode *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rp_diag_error(r->diags, rp_ynode_loc(r->doc, at), "%s", msg);
    r->errors++;
}

/* The text of a scalar, or NULL after reporting what `what` should be. */
static const char *text(struct yaml_reader *r, const rp_ynode *n, const char *what)
{
    if (n->kind == RP_Y_SCALAR && !rp_yscalar_is_null(n))
        return n->value;
    error(r, n, "%s must be an id, not %s", what, rp_ynode_describe(n));
    return NULL;
}

static bool integer(struct yaml_reader *r, const rp_ynode *n, const char *what, long *out)
{
    if (rp_yscalar_int(n, out))
        return true;
    error(r, n, "%s must be a whole number, not %s", what, rp_ynode_describe(n));
    return false;
}

static const rp_ynode *required(struct yaml_reader *r, const rp_ynode *map, const char *key,
                                const char *what)
{
    const rp_ynode *v = rp_ymap_get(map, key);
    if (!v)
        error(r, map, "%s needs '%s'", what, key);
    return v;
}

/* The department a rotation names, or -1 after reporting. */
static int rotation_place(struct yaml_reader *r, const rp_ynode *rot)
{
    const rp_model *m = r->m;
    const rp_ynode *hn = required(r, rot, "hospital", "a rotation");
    const rp_ynode *dn = required(r, rot, "department", "a rotation");
    const rp_ynode *cn = rp_ymap_get(rot, "discipline");
    const char *hosp = hn ? text(r, hn, "hospital") : NULL;
    const char *dept = dn ? text(r, dn, "department") : NULL;
    const char *disc = cn ? text(r, cn, "discipline") : NULL;
    int h = hosp ? rp_model_find_hospital(m, hosp) : -1;
    if (hosp && h < 0)
        error(r, hn, "unknown hospital '%s'", hosp);
    if (h < 0 || !dept)
        return -1;
    int d = rp_model_find_department(m, h, dept);
    if (d < 0) {
        error(r, dn, "hospital '%s' has no department '%s'", hosp, dept);
        return -1;
    }
    const char *taught = m->disciplines[m->departments[d].discipline].id;
    if (disc && strcmp(disc, taught) != 0) {
        error(r, cn, "%s/%s teaches %s, not '%s'", hosp, dept, taught, disc);
        return -1;
    }
    return d;
}

/* Claims the rotation's weeks for student s; a week held by another rotation
 * of the student is an error, as in a CSV plan. */
static bool claim_weeks(struct yaml_reader *r, int s, int start, int length, const rp_ynode *rot)
{
    int *line = &r->line[(size_t)s * (size_t)r->m->weeks];
    for (int t = start; t < start + length; t++)
        if (line[t]) {
            error(r, rot, "%s's week %d is already in the rotation on line %d",
                  r->m->students[s].id, t + 1, line[t]);
            return false;
        }
    for (int t = start; t < start + length; t++)
        line[t] = rot->line;
    return true;
}

/* The supervisor a rotation in department d names (-1: none); -2 after
 * reporting. */
static int rotation_supervisor(struct yaml_reader *r, const rp_ynode *rot, int d)
{
    const rp_model *m = r->m;
    const rp_ynode *n = rp_ymap_get(rot, "supervisor");
    if (!n || rp_yscalar_is_null(n))
        return -1;
    const char *id = text(r, n, "supervisor");
    if (!id)
        return -2;
    char why[512];
    int j = rp_plan_io_supervisor(m, id, d, why, sizeof why);
    if (j < 0)
        error(r, n, "%s", why);
    return j < 0 ? -2 : j;
}

static void read_rotation(struct yaml_reader *r, int s, const rp_ynode *rot)
{
    static const char *const keys[] = {"week",       "weeks",      "hospital",
                                       "department", "discipline", "supervisor", NULL};
    if (rot->kind != RP_Y_MAPPING) {
        error(r, rot,
              "a rotation must be a mapping with week, weeks, hospital and "
              "department, not %s",
              rp_ynode_describe(rot));
        return;
    }
    r->errors += rp_ymap_check_keys(r->doc, rot, keys, "a rotation", r->diags);
    int weeks = r->m->weeks;
    const rp_ynode *wn = required(r, rot, "week", "a rotation");
    const rp_ynode *ln = rp_ymap_get(rot, "weeks");
    long start = 0, length = 0;
    bool ok = wn && integer(r, wn, "week", &start);
    if (ok && (start < 1 || start > weeks)) {
        error(r, wn, "week %ld is outside the config's weeks 1-%d", start, weeks);
        ok = false;
    }
    bool length_given = false;
    if (ln && integer(r, ln, "weeks", &length)) {
        length_given = length >= 1;
        if (!length_given)
            error(r, ln, "weeks (the rotation's length) must be at least 1, not %ld", length);
    }
    ok = ok && (!ln || length_given);
    int d = rotation_place(r, rot);
    int guide = rotation_supervisor(r, rot, d);
    if (d < 0 || !ok || guide == -2)
        return;
    if (!length_given) /* the length may be left out: the discipline's own then */
        length = r->m->disciplines[r->m->departments[d].discipline].length;
    if (start - 1 + length > weeks) {
        error(r, length_given ? ln : wn,
              "the rotation from week %ld for %ld weeks runs past week %d, the last week", start,
              length, weeks);
        return;
    }
    if (s < 0 || !claim_weeks(r, s, (int)start - 1, (int)length, rot))
        return;
    if (rp_plan_add_guided(r->plan, s, d, (int)start - 1, (int)length, guide))
        r->nomem = true;
}

static void read_student(struct yaml_reader *r, const rp_ynode *item)
{
    static const char *const keys[] = {"student", "rotations", NULL};
    if (item->kind != RP_Y_MAPPING) {
        error(r, item,
              "each entry of students must be a mapping with student and rotations, "
              "not %s",
              rp_ynode_describe(item));
        return;
    }
    r->errors += rp_ymap_check_keys(r->doc, item, keys, "a student's plan", r->diags);
    const rp_ynode *sn = required(r, item, "student", "a student's plan");
    const char *sid = sn ? text(r, sn, "student") : NULL;
    int s = sid ? rp_model_find_student(r->m, sid) : -1;
    if (sid && s < 0 &&
        rp_plan_io_skip_student(r->unknown, r->diags, rp_ynode_loc(r->doc, sn), sid))
        return;
    if (sid && s < 0)
        error(r, sn, "unknown student '%s'", sid);
    if (s >= 0 && r->student_line[s]) {
        error(r, sn, "student '%s' is listed twice (first on line %d)", sid, r->student_line[s]);
        s = -1;
    } else if (s >= 0) {
        r->student_line[s] = sn->line;
        if (r->unknown->listed)
            r->unknown->listed[s] = true;
    }
    const rp_ynode *rots = rp_ymap_get(item, "rotations");
    if (!rots || rp_yscalar_is_null(rots))
        return;
    if (rots->kind != RP_Y_SEQUENCE) {
        error(r, rots, "rotations must be a list, not %s", rp_ynode_describe(rots));
        return;
    }
    /* Rotations of an unknown student are still read, for their own errors. */
    for (int i = 0; i < rots->n_items; i++)
        read_rotation(r, s, rots->items[i]);
}

static void read_header(struct yaml_reader *r, const rp_ynode *root)
{
    const rp_ynode *n;
    if ((n = rp_ymap_get(root, "format")) &&
        (n->kind != RP_Y_SCALAR || strcmp(n->value, "rotaplan-plan 1") != 0))
        error(r, n,
              "this is not a rotaplan plan this version reads: format must be "
              "'rotaplan-plan 1'");
    if ((n = rp_ymap_get(root, "status"))) {
        static const rp_plan_status all[] = {RP_PLAN_UNKNOWN, RP_PLAN_OPTIMAL, RP_PLAN_FEASIBLE,
                                             RP_PLAN_PARTIAL};
        bool known = false;
        for (int i = 0; i < 4 && !known; i++)
            if (n->kind == RP_Y_SCALAR && strcmp(n->value, rp_plan_status_str(all[i])) == 0) {
                r->plan->status = all[i];
                known = true;
            }
        if (!known)
            error(r, n, "status must be optimal, feasible, partial or unknown");
    }
    if ((n = rp_ymap_get(root, "objective"))) {
        r->plan->has_objective = rp_yscalar_number(n, &r->plan->objective);
        if (!r->plan->has_objective)
            error(r, n, "objective must be a number, not %s", rp_ynode_describe(n));
    }
    if ((n = rp_ymap_get(root, "bound"))) {
        r->plan->has_bound = rp_yscalar_number(n, &r->plan->bound);
        if (!r->plan->has_bound)
            error(r, n, "bound must be a number, not %s", rp_ynode_describe(n));
    }
    long weeks;
    if ((n = rp_ymap_get(root, "weeks")) && integer(r, n, "weeks", &weeks) && weeks != r->m->weeks)
        error(r, n, "the plan has %ld weeks but the config has %d", weeks, r->m->weeks);
    if ((n = rp_ymap_get(root, "config")) && n->kind != RP_Y_SCALAR)
        error(r, n, "config must be a file name, not %s", rp_ynode_describe(n));
}

static void read_document(struct yaml_reader *r, const rp_ynode *root)
{
    static const char *const keys[] = {"format", "config", "status",   "objective",
                                       "bound",  "weeks",  "students", NULL};
    if (!root || root->kind != RP_Y_MAPPING) {
        rp_diag_error(r->diags, root ? rp_ynode_loc(r->doc, root) : (rp_loc){r->doc->file, 1, 1},
                      "a plan must be a mapping with a 'students' list, not %s",
                      rp_ynode_describe(root));
        r->errors++;
        return;
    }
    r->errors += rp_ymap_check_keys(r->doc, root, keys, "a plan", r->diags);
    read_header(r, root);
    const rp_ynode *students = required(r, root, "students", "a plan");
    if (!students)
        return;
    if (students->kind != RP_Y_SEQUENCE) {
        error(r, students, "students must be a list, not %s", rp_ynode_describe(students));
        return;
    }
    for (int i = 0; i < students->n_items; i++)
        read_student(r, students->items[i]);
}

rp_status rp_plan_yaml_read(const rp_model *m, const char *path, rp_plan_unknown *unknown,
                            rp_plan **out, rp_diags *diags)
{
    *out = NULL;
    rp_ydoc *doc;
    RP_TRY(rp_ydoc_parse_file(path, &doc, diags));
    struct yaml_reader r = {.m = m, .doc = doc, .diags = diags, .unknown = unknown};
    r.plan = rp_plan_new();
    r.line = calloc((size_t)m->n_students * (size_t)m->weeks + 1, sizeof *r.line);
    r.student_line = calloc((size_t)m->n_students + 1, sizeof *r.student_line);
    rp_status st = RP_ERR_NOMEM;
    if (r.plan && r.line && r.student_line) {
        read_document(&r, doc->root);
        st = r.nomem || unknown->nomem ? RP_ERR_NOMEM : r.errors ? RP_ERR_INVALID : RP_OK;
    }
    free(r.line);
    free(r.student_line);
    rp_ydoc_free(&doc);
    if (st) {
        rp_plan_free(&r.plan);
        return st;
    }
    *out = r.plan;
    return RP_OK;
}
