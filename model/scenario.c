/* Scenario files, read with the config loader's helpers, and scenarios
 * applied to a copy of the config. */
#include "model/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const top_keys[] = {"scenarios", NULL};
static const char *const scenario_keys[] = {"name", "changes", "note", NULL};
static const char *const department_keys[] = {"department", "weeks", "leave", "extra",
                                              "supervisors", "places", "capacity", "minimum",
                                              "closed", "note", NULL};
static const char *const leaves_keys[] = {"leaves", "note", NULL};
static const char *const arrives_keys[] = {"arrives", "like", "week", "name", "note", NULL};

void rp_scenario_clear(rp_scenario *s)
{
    for (int i = 0; i < s->n_edits; i++) {
        free(s->edits[i].weeks);
        free(s->edits[i].id);
        free(s->edits[i].name);
    }
    free(s->edits);
    free(s->name);
    memset(s, 0, sizeof *s);
}

void rp_scenarios_free(rp_scenarios **sp)
{
    if (!sp || !*sp)
        return;
    rp_scenarios *s = *sp;
    for (int i = 0; i < s->count; i++)
        rp_scenario_clear(&s->items[i]);
    free(s->items);
    free(s->source);
    free(s);
    *sp = NULL;
}

/* The one of `leave`, `extra`, `supervisors`, `places`, `capacity`,
 * `minimum`, `closed` the change gives. */
static void department_value(rp_loader *ld, const rp_ynode *node, rp_edit *e)
{
    static const char *const what[] = {"leave",    "extra",   "supervisors", "places",
                                       "capacity", "minimum", "closed"};
    static const rp_edit_kind kinds[] = {RP_EDIT_LEAVE,    RP_EDIT_EXTRA,   RP_EDIT_SUPERVISORS,
                                         RP_EDIT_PLACES,   RP_EDIT_CAPACITY, RP_EDIT_MINIMUM,
                                         RP_EDIT_CLOSED};
    int found = 0;
    for (int k = 0; k < 7; k++) {
        const rp_ynode *v = rp_ymap_get(node, what[k]);
        if (!v)
            continue;
        if (found++) {
            rp_diag_error(ld->diags, rp_load_loc(ld, v),
                          "a change gives one of leave, extra, supervisors, places, capacity, "
                          "minimum and closed; this one gives '%s' too", what[k]);
            continue;
        }
        e->kind = kinds[k];
        if (e->kind == RP_EDIT_CLOSED) {
            bool closed = false;
            if (rp_load_bool(ld, v, "closed", &closed) && !closed)
                rp_diag_error(ld->diags, rp_load_loc(ld, v),
                              "'closed: false' changes nothing; leave the change out");
        } else if (e->kind == RP_EDIT_PLACES) {
            if (rp_load_int(ld, v, what[k], -RP_LOAD_INT_MAX, RP_LOAD_INT_MAX, &e->value) &&
                e->value == 0)
                rp_diag_error(ld->diags, rp_load_loc(ld, v),
                              "'places: 0' changes nothing; leave the change out");
        } else {
            rp_load_int(ld, v, what[k], e->kind <= RP_EDIT_EXTRA ? 1 : 0, RP_LOAD_INT_MAX,
                        &e->value);
        }
    }
    if (!found)
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "a department change needs one of leave, extra, supervisors, places, "
                      "capacity, minimum and closed");
}

static void load_department_edit(rp_loader *ld, const rp_ynode *node, rp_edit *e)
{
    rp_ymap_check_keys(ld->doc, node, department_keys, "a department change", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "department");
    const char *ref = rp_load_text(ld, v, "department");
    if (ref)
        e->department = rp_load_ref_department(ld, ref, rp_load_loc(ld, v));
    e->weeks = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof(bool));
    if (!(v = rp_ymap_get(node, "weeks")))
        rp_load_missing(ld, node, "weeks", "a department change");
    else if (e->weeks)
        rp_load_week_list(ld, v, "weeks", e->weeks);
    department_value(ld, node, e);
    if (e->department < 0 || e->kind > RP_EDIT_SUPERVISORS)
        return;
    if (rp_department_places_per_supervisor(&ld->m->departments[e->department], ld->m->weeks) == 0)
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "department '%s' gives its capacity directly, not supervisors; change its "
                      "'capacity'", ref);
}

static int student_ref(rp_loader *ld, const rp_ynode *node, const char *what)
{
    const char *id = rp_load_id(ld, node, what);
    if (!id)
        return -1;
    int s = rp_model_find_student(ld->m, id);
    if (s < 0)
        rp_diag_error(ld->diags, rp_load_loc(ld, node), "no student has id '%s'", id);
    return s;
}

static void load_arrival(rp_loader *ld, const rp_ynode *node, rp_edit *e)
{
    rp_ymap_check_keys(ld->doc, node, arrives_keys, "an arrival", ld->diags);
    e->kind = RP_EDIT_ARRIVES;
    const rp_ynode *v = rp_ymap_get(node, "arrives");
    const char *id = rp_load_id(ld, v, "arrives");
    if (id && rp_model_find_student(ld->m, id) >= 0)
        rp_diag_error(ld->diags, rp_load_loc(ld, v), "student '%s' is in the config already", id);
    e->id = id ? rp_load_strdup(ld, id) : NULL;
    if (!(v = rp_ymap_get(node, "like")))
        rp_load_missing(ld, node, "like", "an arrival");
    else
        e->student = student_ref(ld, v, "like");
    int week = 1;
    if ((v = rp_ymap_get(node, "week")))
        rp_load_int(ld, v, "week", 1, ld->m->weeks, &week);
    e->first_week = week - 1;
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "name"))
        e->name = rp_load_strdup(ld, v->value);
}

static void load_edit(rp_loader *ld, const rp_ynode *node, rp_edit *e)
{
    e->department = e->student = -1;
    e->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a change"))
        return;
    const rp_ynode *v;
    if ((v = rp_ymap_get(node, "leaves"))) {
        rp_ymap_check_keys(ld->doc, node, leaves_keys, "a student leaving", ld->diags);
        e->kind = RP_EDIT_LEAVES;
        e->student = student_ref(ld, v, "leaves");
    } else if (rp_ymap_get(node, "arrives")) {
        load_arrival(ld, node, e);
    } else if (rp_ymap_get(node, "department")) {
        load_department_edit(ld, node, e);
    } else {
        rp_diag_error(ld->diags, e->loc,
                      "a change names a 'department', or a student who 'leaves' or 'arrives'");
    }
}

static void load_scenario(rp_loader *ld, const rp_ynode *node, rp_scenario *s)
{
    s->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a scenario"))
        return;
    rp_ymap_check_keys(ld->doc, node, scenario_keys, "a scenario", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "name");
    if (!v)
        rp_load_missing(ld, node, "name", "a scenario");
    else if (rp_load_text(ld, v, "name"))
        s->name = rp_load_strdup(ld, v->value);
    const rp_ynode *list = rp_ymap_get(node, "changes");
    if (!list) {
        rp_load_missing(ld, node, "changes", "a scenario");
        return;
    }
    if (!rp_load_is_list(ld, list, "changes", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list), "a scenario needs at least one change");
        return;
    }
    s->edits = rp_load_calloc(ld, (size_t)list->n_items, sizeof *s->edits);
    for (int i = 0; s->edits && i < list->n_items; i++)
        load_edit(ld, list->items[i], &s->edits[s->n_edits++]);
}

static void load_root(rp_loader *ld, const rp_ynode *root, rp_scenarios *out)
{
    if (!rp_load_is_map(ld, root, "a scenario file"))
        return;
    rp_ymap_check_keys(ld->doc, root, top_keys, "a scenario file", ld->diags);
    const rp_ynode *list = rp_ymap_get(root, "scenarios");
    if (!list) {
        rp_load_missing(ld, root, "scenarios", "a scenario file");
        return;
    }
    if (!rp_load_is_list(ld, list, "scenarios", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list), "scenarios must not be empty");
        return;
    }
    out->items = rp_load_calloc(ld, (size_t)list->n_items, sizeof *out->items);
    for (int i = 0; out->items && i < list->n_items; i++)
        load_scenario(ld, list->items[i], &out->items[out->count++]);
}

rp_status rp_scenarios_load(const rp_model *m, const char *path, rp_scenarios **out,
                            rp_diags *diags)
{
    *out = NULL;
    rp_scenarios *s = calloc(1, sizeof *s);
    if (!s || !(s->source = strdup(path))) {
        free(s);
        return RP_ERR_NOMEM;
    }
    rp_ydoc *doc = NULL;
    rp_status st = rp_ydoc_parse_file(s->source, &doc, diags);
    if (st) {
        rp_scenarios_free(&s);
        return st;
    }
    int errors = diags->n_errors;
    /* the helpers read the config through ld->m and never change it */
    rp_loader ld = {.m = (rp_model *)m, .diags = diags, .doc = doc, .file = s->source,
                    .weeks_known = true};
    if (doc->root)
        load_root(&ld, doc->root, s);
    else
        rp_diag_error(diags, (rp_loc){s->source, 0, 0}, "the scenario file is empty");
    rp_ydoc_free(&doc);
    st = ld.nomem ? RP_ERR_NOMEM : diags->n_errors > errors ? RP_ERR_INVALID : RP_OK;
    if (st)
        rp_scenarios_free(&s);
    *out = s;
    return st;
}

rp_status rp_scenario_department(const rp_model *m, const char *name, rp_edit_kind kind,
                                 int department, int first, int last, int value,
                                 rp_scenario *out)
{
    memset(out, 0, sizeof *out);
    out->name = strdup(name);
    out->edits = calloc(1, sizeof *out->edits);
    bool *weeks = calloc((size_t)m->weeks + 1, sizeof *weeks);
    if (!out->name || !out->edits || !weeks) {
        free(weeks);
        rp_scenario_clear(out);
        return RP_ERR_NOMEM;
    }
    for (int w = first; w <= last; w++)
        weeks[w] = true;
    out->edits[0] = (rp_edit){kind, department, weeks, value, -1, NULL, NULL, 0, {NULL, 0, 0}};
    out->n_edits = 1;
    return RP_OK;
}

int rp_department_places_per_supervisor(const rp_department *d, int weeks)
{
    int best = 0;
    for (int w = 0; d->supervisors && w < weeks; w++)
        if (d->supervisors[w] > 0 && d->capacity[w] % d->supervisors[w] == 0 &&
            d->capacity[w] / d->supervisors[w] > best)
            best = d->capacity[w] / d->supervisors[w];
    return best;
}

/* One department edit in week w of the copy. */
static void edit_week(rp_department *d, const rp_edit *e, int places, int w)
{
    int *sup = d->supervisors;
    switch (e->kind) {
    case RP_EDIT_LEAVE:
    case RP_EDIT_EXTRA: {
        int delta = e->kind == RP_EDIT_LEAVE ? -e->value : e->value;
        int before = sup[w];
        sup[w] = before + delta < 0 ? 0 : before + delta;
        /* an explicit capacity below supervisors x ratio stays the cap */
        int full = before * places;
        int now = sup[w] * places;
        d->capacity[w] = d->capacity[w] < full ? (now < d->capacity[w] ? now : d->capacity[w])
                                               : now;
        break;
    }
    case RP_EDIT_SUPERVISORS:
        sup[w] = e->value;
        d->capacity[w] = e->value * places;
        break;
    case RP_EDIT_PLACES:
        d->capacity[w] = d->capacity[w] + e->value < 0 ? 0 : d->capacity[w] + e->value;
        break;
    case RP_EDIT_CAPACITY:
        d->capacity[w] = e->value;
        break;
    case RP_EDIT_MINIMUM:
        d->minimum[w] = e->value;
        break;
    case RP_EDIT_CLOSED:
        d->capacity[w] = d->minimum[w] = 0;
        if (sup)
            sup[w] = 0;
        break;
    default:
        break;
    }
}

static rp_status apply_department(rp_model *k, const rp_edit *e, const rp_scenario *s,
                                  rp_diags *diags)
{
    rp_department *d = &k->departments[e->department];
    int places = rp_department_places_per_supervisor(d, k->weeks);
    if (e->kind <= RP_EDIT_SUPERVISORS && places == 0) {
        rp_diag_error(diags, e->loc,
                      "scenario '%s': department '%s/%s' gives its capacity directly, not "
                      "supervisors", s->name, k->hospitals[d->hospital].id, d->id);
        return RP_ERR_INVALID;
    }
    for (int w = 0; w < k->weeks; w++) {
        if (!e->weeks[w])
            continue;
        edit_week(d, e, places, w);
        if (d->minimum[w] > d->capacity[w]) {
            rp_diag_error(diags, e->loc,
                          "scenario '%s': department '%s/%s' needs at least %d students but "
                          "can take only %d in week %d",
                          s->name, k->hospitals[d->hospital].id, d->id, d->minimum[w],
                          d->capacity[w], w + 1);
            return RP_ERR_INVALID;
        }
    }
    return RP_OK;
}

static rp_status apply_edit(rp_model *k, const rp_model *m, const rp_edit *e,
                            const rp_scenario *s, rp_diags *diags)
{
    if (e->kind == RP_EDIT_LEAVES) {
        int i = rp_model_find_student(k, m->students[e->student].id);
        if (i < 0) {
            rp_diag_error(diags, e->loc, "scenario '%s': student '%s' has left already",
                          s->name, m->students[e->student].id);
            return RP_ERR_INVALID;
        }
        return rp_model_remove_student(k, i);
    }
    if (e->kind == RP_EDIT_ARRIVES) {
        int like = rp_model_find_student(k, m->students[e->student].id);
        if (like < 0 || rp_model_find_student(k, e->id) >= 0) {
            rp_diag_error(diags, e->loc, "scenario '%s': student '%s' %s", s->name,
                          like < 0 ? m->students[e->student].id : e->id,
                          like < 0 ? "has left already" : "is there already");
            return RP_ERR_INVALID;
        }
        int i;
        RP_TRY(rp_model_add_student_like(k, like, e->id, e->name, &i));
        for (int w = 0; w < e->first_week; w++)
            k->students[i].available[w] = false;
        return RP_OK;
    }
    return apply_department(k, e, s, diags);
}

rp_status rp_scenario_apply(const rp_model *m, const rp_scenario *s, rp_model **out,
                            rp_diags *diags)
{
    *out = NULL;
    rp_model *k = NULL;
    RP_TRY(rp_model_clone(m, &k));
    rp_status st = RP_OK;
    for (int i = 0; i < s->n_edits && st == RP_OK; i++)
        st = apply_edit(k, m, &s->edits[i], s, diags);
    if (st)
        rp_model_free(&k);
    *out = k;
    return st;
}
