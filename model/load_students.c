/* Students: the YAML `students` section, and what YAML and CSV students share. */
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const student_keys[] = {
    "id", "name", "programme", "unavailable", "hospitals", "avoid_hospitals", "departments",
    "avoid_departments", "avoid_disciplines", "preferences", "weights", "pins",
    "requirements", "max_per_hospital", "intake", "pool", "languages", NULL};
static const char *const preference_keys[] = {"disciplines", "hospitals", NULL};
static const char *const pin_keys[] = {"discipline", "hospital", "department", "week",
                                       "supervisor", NULL};

rp_student *rp_load_new_student(rp_loader *ld, rp_student_draft *draft)
{
    rp_model *m = ld->m;
    memset(draft, 0, sizeof *draft); /* the caller frees it even when this fails */
    if (m->n_students == ld->students_capacity) {
        /* doubling: a cohort of any size costs a few copies, not one per student */
        int cap = ld->students_capacity ? 2 * ld->students_capacity : 64;
        rp_student *grown = realloc(m->students, (size_t)cap * sizeof *grown);
        if (!grown) {
            ld->nomem = true;
            return NULL;
        }
        m->students = grown;
        ld->students_capacity = cap;
    }
    rp_student *s = &m->students[m->n_students++];
    memset(s, 0, sizeof *s);
    s->programme = -1;
    s->max_per_hospital = RP_NO_LIMIT;
    s->intake = -1;
    s->pool = -1;
    draft->pool = -1;
    int weeks = m->weeks > 0 ? m->weeks : 1;
    s->available = rp_load_calloc(ld, (size_t)weeks, sizeof(bool));
    s->blocked = rp_load_calloc(ld, (size_t)m->n_departments, sizeof(uint8_t));
    s->pref_discipline = rp_load_calloc(ld, (size_t)m->n_disciplines, sizeof(int));
    s->pref_hospital = rp_load_calloc(ld, (size_t)m->n_hospitals, sizeof(int));
    draft->only_hospital = rp_load_calloc(ld, (size_t)m->n_hospitals, sizeof(bool));
    draft->avoid_hospital = rp_load_calloc(ld, (size_t)m->n_hospitals, sizeof(bool));
    draft->only_department = rp_load_calloc(ld, (size_t)m->n_departments, sizeof(bool));
    draft->avoid_department = rp_load_calloc(ld, (size_t)m->n_departments, sizeof(bool));
    draft->avoid_discipline = rp_load_calloc(ld, (size_t)m->n_disciplines, sizeof(bool));
    if (ld->nomem)
        return NULL;
    for (int w = 0; w < weeks; w++)
        s->available[w] = true;
    return s;
}

void rp_load_draft_free(rp_student_draft *draft)
{
    free(draft->only_hospital);
    free(draft->avoid_hospital);
    free(draft->only_department);
    free(draft->avoid_department);
    free(draft->avoid_discipline);
    memset(draft, 0, sizeof *draft);
}

bool rp_load_mark(rp_loader *ld, rp_ref_kind kind, const char *text, rp_loc loc, bool *marks)
{
    int i = kind == RP_REF_HOSPITAL     ? rp_load_ref_hospital(ld, text, loc)
            : kind == RP_REF_DEPARTMENT ? rp_load_ref_department(ld, text, loc)
                                        : rp_load_ref_discipline(ld, text, loc);
    if (i < 0)
        return false;
    marks[i] = true;
    return true;
}

void rp_load_preference(rp_loader *ld, rp_student *s, rp_ref_kind kind, const char *id,
                        rp_loc loc, long value, rp_loc value_loc)
{
    int i = kind == RP_REF_HOSPITAL ? rp_load_ref_hospital(ld, id, loc)
                                    : rp_load_ref_discipline(ld, id, loc);
    if (i < 0)
        return;
    if (value < -RP_LOAD_VALUE_LIMIT || value > RP_LOAD_VALUE_LIMIT) {
        rp_diag_error(ld->diags, value_loc, "preference must be between %ld and %ld, found %ld",
                      -RP_LOAD_VALUE_LIMIT, RP_LOAD_VALUE_LIMIT, value);
        return;
    }
    (kind == RP_REF_HOSPITAL ? s->pref_hospital : s->pref_discipline)[i] = (int)value;
}

static rp_requirement *copy_requirements(rp_loader *ld, const rp_requirement *src, int n)
{
    rp_requirement *reqs = rp_load_calloc(ld, (size_t)n, sizeof *reqs);
    if (!reqs)
        return NULL;
    for (int i = 0; i < n; i++) {
        reqs[i] = src[i];
        reqs[i].label = rp_load_strdup(ld, src[i].label ? src[i].label : "");
        reqs[i].disciplines = rp_load_calloc(ld, (size_t)src[i].n_disciplines, sizeof(int));
        if (!reqs[i].label || !reqs[i].disciplines) { /* all or nothing */
            for (int j = 0; j <= i; j++) {
                free(reqs[j].label);
                free(reqs[j].disciplines);
            }
            free(reqs);
            return NULL;
        }
        memcpy(reqs[i].disciplines, src[i].disciplines,
               (size_t)src[i].n_disciplines * sizeof(int));
    }
    return reqs;
}

static rp_block block_for(const rp_loader *ld, const rp_student *s, const rp_student_draft *dr,
                          const bool *required, int dep)
{
    const rp_model *m = ld->m;
    const rp_department *d = &m->departments[dep];
    if (d->discipline < 0 || !required[d->discipline])
        return RP_BLOCK_NOT_IN_PROGRAMME;
    if (dr->avoid_discipline[d->discipline])
        return RP_BLOCK_DISCIPLINE;
    if (s->programme >= 0 && !m->programmes[s->programme].hospital_allowed[d->hospital])
        return RP_BLOCK_PROGRAMME_HOSPITAL;
    if ((dr->has_only_hospitals && !dr->only_hospital[d->hospital]) ||
        dr->avoid_hospital[d->hospital])
        return RP_BLOCK_STUDENT_HOSPITAL;
    if ((dr->has_only_departments && !dr->only_department[dep]) || dr->avoid_department[dep])
        return RP_BLOCK_DEPARTMENT;
    return RP_BLOCK_NONE;
}

/* The student's pool: their own, else their programme's; a config with pools
 * needs one for everyone (said once per programme that gives none). */
static void finish_pool(rp_loader *ld, rp_student *s, const rp_student_draft *draft)
{
    const rp_model *m = ld->m;
    const rp_programme *p = s->programme >= 0 ? &m->programmes[s->programme] : NULL;
    s->pool = draft->pool >= 0 ? draft->pool : p ? p->pool : -1;
    if (s->pool >= 0 || m->n_pools == 0 || draft->pool_loc.line > 0 || !p)
        return;
    if (!ld->pool_missing_told)
        ld->pool_missing_told = rp_load_calloc(ld, (size_t)m->n_programmes, sizeof(bool));
    if (!ld->pool_missing_told || ld->pool_missing_told[s->programme])
        return;
    ld->pool_missing_told[s->programme] = true;
    rp_diag_error(ld->diags, p->loc,
                  "programme '%s' needs a 'pool' saying who guides its students (the config's "
                  "pools: %s%s), or each of its students one (first: '%s')",
                  p->id, m->pools[0].id, m->n_pools > 1 ? ", ..." : "", s->id ? s->id : "?");
}

/* The student's weeks are their intake's: unavailable outside it, and pins
 * must lie inside it. */
static void finish_intake(rp_loader *ld, rp_student *s, const rp_student_draft *draft)
{
    const rp_model *m = ld->m;
    if (s->intake < 0) {
        if (m->n_intakes > 0 && draft->intake_loc.line == 0)
            rp_diag_error(ld->diags, s->loc,
                          "student '%s' needs an 'intake': the config plans intakes (first: "
                          "'%s')",
                          s->id ? s->id : "?", m->intakes[0].id);
        return;
    }
    const rp_intake *in = &m->intakes[s->intake];
    if (in->first_week < 0 || !ld->weeks_known)
        return;
    int end = in->first_week + in->weeks;
    s->first_week = in->first_week;
    for (int w = 0; w < m->weeks; w++)
        if (w < in->first_week || w >= end)
            s->available[w] = false;
    for (int k = 0; k < s->n_pins; k++) {
        const rp_pin *pin = &s->pins[k];
        int last = pin->start + m->disciplines[pin->discipline].length - 1;
        if (pin->start >= 0 && (pin->start < in->first_week || last >= end))
            rp_diag_error(ld->diags, pin->loc,
                          "this pin's rotation (weeks %d-%d) lies outside intake '%s' (weeks "
                          "%d-%d)",
                          pin->start + 1, last + 1, in->id, in->first_week + 1, end);
    }
}

/* A discipline of the programme brings the disciplines it needs first. */
static void mark_with_prerequisites(const rp_model *m, bool *required, int d)
{
    if (required[d])
        return;
    required[d] = true;
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++)
        mark_with_prerequisites(m, required, m->disciplines[d].prerequisites[i]);
}

void rp_load_finish_student(rp_loader *ld, rp_student *s, rp_student_draft *draft,
                            const char *programme_id, rp_loc programme_loc)
{
    rp_model *m = ld->m;
    if (s->id) {
        bool added = true;
        if (rp_strmap_put(&ld->student_ids, s->id, (int)(s - m->students), &added))
            ld->nomem = true;
        if (!added) {
            int first = rp_strmap_get(&ld->student_ids, s->id);
            rp_diag_error(ld->diags, s->loc, "student '%s' is listed twice (first at %s:%d)",
                          s->id, m->students[first].loc.file, m->students[first].loc.line);
        }
    }
    if (programme_id)
        s->programme = rp_load_ref_programme(ld, programme_id, programme_loc);
    const rp_programme *p = s->programme >= 0 ? &m->programmes[s->programme] : NULL;
    if (!s->own_requirements && p) {
        s->requirements = copy_requirements(ld, p->requirements, p->n_requirements);
        s->n_requirements = s->requirements ? p->n_requirements : 0;
    }
    if (!draft->max_given && p)
        s->max_per_hospital = p->max_per_hospital;
    finish_pool(ld, s, draft);
    finish_intake(ld, s, draft);
    int *weights[4] = {&s->weights.discipline, &s->weights.hospital, &s->weights.change,
                       &s->weights.idle};
    const int defaults[4] = {m->objective.weights.discipline, m->objective.weights.hospital,
                             m->objective.weights.change, m->objective.weights.idle};
    for (int k = 0; k < 4; k++)
        if (!draft->weight_given[k])
            *weights[k] = defaults[k];
    bool *required = rp_load_calloc(ld, (size_t)m->n_disciplines, sizeof(bool));
    if (required) {
        for (int r = 0; r < s->n_requirements; r++)
            for (int i = 0; i < s->requirements[r].n_disciplines; i++)
                mark_with_prerequisites(m, required, s->requirements[r].disciplines[i]);
        for (int dep = 0; dep < m->n_departments; dep++)
            s->blocked[dep] = (uint8_t)block_for(ld, s, draft, required, dep);
    }
    free(required);
    rp_load_draft_free(draft);
}

/* Calls mark for each id of a list node (or a single id). */
static void mark_list(rp_loader *ld, const rp_ynode *node, const char *what, rp_ref_kind kind,
                      bool *marks)
{
    if (!rp_load_is_list(ld, node, what, true))
        return;
    int n = node->kind == RP_Y_SCALAR ? 1 : node->n_items;
    for (int i = 0; i < n; i++) {
        const rp_ynode *item = node->kind == RP_Y_SCALAR ? node : node->items[i];
        const char *text = rp_load_text(ld, item, what);
        if (text)
            rp_load_mark(ld, kind, text, rp_load_loc(ld, item), marks);
    }
}

static void load_preference_map(rp_loader *ld, rp_student *s, const rp_ynode *map,
                                rp_ref_kind kind, const char *what)
{
    if (!rp_load_is_map(ld, map, what))
        return;
    for (int i = 0; i < rp_ymap_size(map); i++) {
        const rp_ynode *k = rp_ymap_key(map, i), *v = rp_ymap_value(map, i);
        int value;
        if (!rp_load_id(ld, k, what) ||
            !rp_load_int(ld, v, "a preference", -RP_LOAD_VALUE_LIMIT, RP_LOAD_VALUE_LIMIT,
                         &value))
            continue;
        rp_load_preference(ld, s, kind, k->value, rp_load_loc(ld, k), value,
                           rp_load_loc(ld, v));
    }
}

static void load_preferences(rp_loader *ld, rp_student *s, const rp_ynode *node)
{
    if (!rp_load_is_map(ld, node, "preferences"))
        return;
    rp_ymap_check_keys(ld->doc, node, preference_keys, "preferences", ld->diags);
    const rp_ynode *v;
    if ((v = rp_ymap_get(node, "disciplines")))
        load_preference_map(ld, s, v, RP_REF_DISCIPLINE, "discipline preferences");
    if ((v = rp_ymap_get(node, "hospitals")))
        load_preference_map(ld, s, v, RP_REF_HOSPITAL, "hospital preferences");
}

/* The pin's department when it names one, checking it against the rest. */
static bool load_pin_place(rp_loader *ld, const rp_ynode *node, rp_pin *pin)
{
    const rp_model *m = ld->m;
    const rp_ynode *hosp = rp_ymap_get(node, "hospital");
    const rp_ynode *dept = rp_ymap_get(node, "department");
    if (hosp) {
        const char *id = rp_load_id(ld, hosp, "hospital");
        pin->hospital = id ? rp_load_ref_hospital(ld, id, rp_load_loc(ld, hosp)) : -1;
        if (pin->hospital < 0)
            return false;
    }
    if (dept) {
        const char *text = rp_load_text(ld, dept, "department");
        if (!text)
            return false;
        if (strchr(text, '/')) {
            pin->department = rp_load_ref_department(ld, text, rp_load_loc(ld, dept));
        } else if (pin->hospital >= 0) {
            pin->department = rp_model_find_department(m, pin->hospital, text);
            if (pin->department < 0)
                rp_diag_error(ld->diags, rp_load_loc(ld, dept),
                              "hospital '%s' has no department '%s'",
                              m->hospitals[pin->hospital].id, text);
        } else {
            rp_diag_error(ld->diags, rp_load_loc(ld, dept),
                          "write the department as HOSPITAL/DEPARTMENT or give 'hospital'");
        }
        if (pin->department < 0)
            return false;
        const rp_department *d = &m->departments[pin->department];
        if (pin->hospital >= 0 && pin->hospital != d->hospital) {
            rp_diag_error(ld->diags, rp_load_loc(ld, dept),
                          "department '%s' is not at hospital '%s'", text,
                          m->hospitals[pin->hospital].id);
            return false;
        }
        pin->hospital = d->hospital;
        if (d->discipline < 0)
            return false; /* the department's own discipline is already reported */
        if (d->discipline != pin->discipline) {
            rp_diag_error(ld->diags, rp_load_loc(ld, dept),
                          "department '%s' teaches %s, not %s", text,
                          m->disciplines[d->discipline].id, m->disciplines[pin->discipline].id);
            return false;
        }
        return true;
    }
    if (pin->hospital >= 0) {
        bool taught = false;
        for (int i = 0; i < m->n_departments && !taught; i++)
            taught = m->departments[i].hospital == pin->hospital &&
                     m->departments[i].discipline == pin->discipline;
        if (!taught) {
            rp_diag_error(ld->diags, rp_load_loc(ld, hosp),
                          "hospital '%s' has no department for %s", m->hospitals[pin->hospital].id,
                          m->disciplines[pin->discipline].id);
            return false;
        }
    }
    return true;
}

/* A pin naming a supervisor names their department too. */
static bool load_pin_supervisor(rp_loader *ld, const rp_ynode *node, rp_pin *pin)
{
    const rp_model *m = ld->m;
    const char *id = rp_load_id(ld, node, "supervisor");
    if (!id)
        return false;
    int j = rp_model_find_supervisor(m, id);
    if (j < 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node), "no supervisor has id '%s'", id);
        return false;
    }
    const rp_supervisor *v = &m->supervisors[j];
    const rp_department *d = &m->departments[v->department];
    if (d->discipline < 0)
        return false; /* the department's discipline is wrong: an error says so */
    if ((pin->department >= 0 && pin->department != v->department) ||
        (pin->hospital >= 0 && pin->hospital != d->hospital) ||
        d->discipline != pin->discipline) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "supervisor '%s' works in %s/%s (%s), not where this pin places the "
                      "student",
                      id, m->hospitals[d->hospital].id, d->id, m->disciplines[d->discipline].id);
        return false;
    }
    pin->supervisor = j;
    pin->department = v->department;
    pin->hospital = d->hospital;
    return true;
}

static bool load_pin(rp_loader *ld, const rp_ynode *node, rp_pin *pin)
{
    *pin = (rp_pin){-1, -1, -1, -1, -1, rp_load_loc(ld, node)};
    if (!rp_load_is_map(ld, node, "a pin"))
        return false;
    rp_ymap_check_keys(ld->doc, node, pin_keys, "a pin", ld->diags);
    const rp_ynode *disc = rp_ymap_get(node, "discipline");
    if (!disc) {
        rp_load_missing(ld, node, "discipline", "a pin");
        return false;
    }
    const char *id = rp_load_id(ld, disc, "discipline");
    pin->discipline = id ? rp_load_ref_discipline(ld, id, rp_load_loc(ld, disc)) : -1;
    if (pin->discipline < 0 || !load_pin_place(ld, node, pin))
        return false;
    const rp_ynode *sup = rp_ymap_get(node, "supervisor");
    if (sup && !load_pin_supervisor(ld, sup, pin))
        return false;
    const rp_ynode *week = rp_ymap_get(node, "week");
    if (!week)
        return true;
    int first, length = ld->m->disciplines[pin->discipline].length;
    if (!rp_load_int(ld, week, "week", 1, RP_LOAD_INT_MAX, &first))
        return false;
    if (ld->weeks_known && first > ld->m->weeks - length + 1) {
        rp_diag_error(ld->diags, rp_load_loc(ld, week),
                      "a %d-week rotation of %s starting in week %d runs past the last week "
                      "(%d)",
                      length, id, first, ld->m->weeks);
        return false;
    }
    pin->start = first - 1;
    return true;
}

static void load_pins(rp_loader *ld, rp_student *s, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "pins", false) || list->n_items == 0)
        return;
    s->pins = rp_load_calloc(ld, (size_t)list->n_items, sizeof *s->pins);
    if (!s->pins)
        return;
    for (int i = 0; i < list->n_items; i++) {
        rp_pin pin;
        if (!load_pin(ld, list->items[i], &pin))
            continue;
        bool twice = false;
        for (int j = 0; j < s->n_pins; j++)
            twice |= s->pins[j].discipline == pin.discipline;
        if (twice)
            rp_diag_error(ld->diags, pin.loc, "%s is pinned twice for this student",
                          ld->m->disciplines[pin.discipline].id);
        else
            s->pins[s->n_pins++] = pin;
    }
}

static void load_student(rp_loader *ld, const rp_ynode *node)
{
    rp_student_draft draft;
    rp_student *s = rp_load_new_student(ld, &draft);
    if (!s) {
        rp_load_draft_free(&draft);
        return;
    }
    s->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a student")) {
        rp_load_draft_free(&draft);
        return;
    }
    rp_ymap_check_keys(ld->doc, node, student_keys, "a student", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "id");
    if (!v)
        rp_load_missing(ld, node, "id", "a student");
    else if (rp_load_id(ld, v, "student id"))
        s->id = rp_load_strdup(ld, v->value);
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a student's name"))
        s->name = rp_load_strdup(ld, v->value);
    if ((v = rp_ymap_get(node, "unavailable")) && ld->weeks_known) {
        bool *weeks = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof(bool));
        if (weeks && rp_load_week_list(ld, v, "unavailable", weeks))
            for (int w = 0; w < ld->m->weeks; w++)
                s->available[w] = !weeks[w];
        free(weeks);
    }
    if ((v = rp_ymap_get(node, "hospitals"))) {
        draft.has_only_hospitals = true;
        mark_list(ld, v, "hospitals", RP_REF_HOSPITAL, draft.only_hospital);
    }
    if ((v = rp_ymap_get(node, "avoid_hospitals")))
        mark_list(ld, v, "avoid_hospitals", RP_REF_HOSPITAL, draft.avoid_hospital);
    if ((v = rp_ymap_get(node, "departments"))) {
        draft.has_only_departments = true;
        mark_list(ld, v, "departments", RP_REF_DEPARTMENT, draft.only_department);
    }
    if ((v = rp_ymap_get(node, "avoid_departments")))
        mark_list(ld, v, "avoid_departments", RP_REF_DEPARTMENT, draft.avoid_department);
    if ((v = rp_ymap_get(node, "avoid_disciplines")))
        mark_list(ld, v, "avoid_disciplines", RP_REF_DISCIPLINE, draft.avoid_discipline);
    if ((v = rp_ymap_get(node, "preferences")))
        load_preferences(ld, s, v);
    if ((v = rp_ymap_get(node, "weights")))
        rp_load_weights(ld, v, &s->weights, draft.weight_given);
    if ((v = rp_ymap_get(node, "max_per_hospital")) &&
        rp_load_int(ld, v, "max_per_hospital", 0, RP_LOAD_INT_MAX, &s->max_per_hospital))
        draft.max_given = true;
    if ((v = rp_ymap_get(node, "requirements"))) {
        s->own_requirements = true;
        s->requirements = rp_load_requirements(ld, v, &s->n_requirements);
    }
    if ((v = rp_ymap_get(node, "pins")))
        load_pins(ld, s, v);
    if ((v = rp_ymap_get(node, "intake"))) {
        draft.intake_loc = rp_load_loc(ld, v);
        const char *id = rp_load_id(ld, v, "intake");
        if (id)
            s->intake = rp_load_ref_intake(ld, id, draft.intake_loc);
    }
    if ((v = rp_ymap_get(node, "pool"))) {
        draft.pool_loc = rp_load_loc(ld, v);
        const char *id = rp_load_id(ld, v, "pool");
        if (id)
            draft.pool = rp_load_ref_pool(ld, id, draft.pool_loc);
    }
    if ((v = rp_ymap_get(node, "languages")))
        s->languages = rp_load_languages(ld, v, &s->n_languages);
    const rp_ynode *prog = rp_ymap_get(node, "programme");
    const char *programme_id = prog ? rp_load_id(ld, prog, "programme") : NULL;
    if (!prog)
        rp_load_missing(ld, node, "programme", "a student");
    rp_load_finish_student(ld, s, &draft, programme_id, rp_load_loc(ld, prog));
}

void rp_load_students(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "students", false))
        return;
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_student(ld, list->items[i]);
}
