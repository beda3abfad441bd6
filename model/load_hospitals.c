/* The `hospitals` section: hospitals, their departments and weekly capacities. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const hospital_keys[] = {"id", "name", "students_per_supervisor",
                                            "departments", NULL};
static const char *const department_keys[] = {"discipline", "id", "name", "supervisors",
                                              "students_per_supervisor", "capacity", "minimum",
                                              "changes", NULL};
static const char *const change_keys[] = {"weeks", "supervisors", "capacity", "minimum",
                                          "closed", "note", NULL};

/* Applies one change to the weekly values and keeps it, as written, in *kept
 * (which takes the week list). A change per pool keeps no one count of
 * supervisors (kept->supervisors -1), a closure of some pools no `closed`. */
static void apply_change(rp_loader *ld, const rp_ynode *node, rp_staff_draft *sd, int n_weeks,
                         rp_dept_change *kept)
{
    kept->supervisors = kept->capacity = -1;
    kept->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a change"))
        return;
    rp_ymap_check_keys(ld->doc, node, change_keys, "a change", ld->diags);
    bool *weeks = rp_load_calloc(ld, (size_t)n_weeks, sizeof(bool));
    if (!weeks)
        return;
    kept->weeks = weeks;
    const rp_ynode *v = rp_ymap_get(node, "weeks");
    if (!v)
        rp_load_missing(ld, node, "weeks", "a change");
    bool weeks_ok = v && rp_load_week_list(ld, v, "weeks", weeks);
    int value;
    bool closed;
    if ((v = rp_ymap_get(node, "note")) && rp_load_text(ld, v, "note"))
        kept->note = rp_load_strdup(ld, v->value);
    rp_load_staff_change(ld, node, sd, weeks, weeks_ok);
    long count;
    if (sd->kind == RP_STAFF_SHARED && (v = rp_ymap_get(node, "supervisors")) &&
        rp_yscalar_int(v, &count) && count >= 0 && count <= RP_LOAD_INT_MAX)
        kept->supervisors = (int)count;
    if ((v = rp_ymap_get(node, "closed")) && v->kind == RP_Y_SCALAR &&
        rp_yscalar_bool(v, &closed))
        kept->closed = closed;
    if ((v = rp_ymap_get(node, "capacity")) &&
        rp_load_int(ld, v, "capacity", 0, RP_LOAD_INT_MAX, &value)) {
        kept->capacity = value;
        for (int w = 0; w < n_weeks && weeks_ok; w++)
            if (weeks[w])
                sd->explicit_capacity[w] = value;
    }
    if ((v = rp_ymap_get(node, "minimum")) &&
        rp_load_int(ld, v, "minimum", 0, RP_LOAD_INT_MAX, &value) && weeks_ok)
        for (int w = 0; w < n_weeks; w++)
            if (weeks[w])
                sd->minimum[w] = value;
}

static void load_department(rp_loader *ld, const rp_ynode *node, rp_department *d, int hospital,
                            const rp_ratio *hospital_ratio, rp_strmap *seen)
{
    d->hospital = hospital;
    d->discipline = -1;
    d->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a department"))
        return;
    rp_ymap_check_keys(ld->doc, node, department_keys, "a department", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "discipline");
    if (!v)
        rp_load_missing(ld, node, "discipline", "a department");
    else if (rp_load_id(ld, v, "discipline"))
        d->discipline = rp_load_ref_discipline(ld, v->value, rp_load_loc(ld, v));
    const rp_ynode *id_node = rp_ymap_get(node, "id");
    const char *id = id_node ? rp_load_id(ld, id_node, "department id")
                     : d->discipline >= 0 ? ld->m->disciplines[d->discipline].id
                                          : NULL;
    if (id) {
        bool added = true;
        d->id = rp_load_strdup(ld, id);
        if (d->id && rp_strmap_put(seen, d->id, 0, &added))
            ld->nomem = true;
        if (!added)
            rp_diag_error(ld->diags, rp_load_loc(ld, id_node ? id_node : node),
                          "hospital '%s' has two departments with id '%s'%s",
                          ld->m->hospitals[hospital].id, id,
                          id_node ? "" : "; give them distinct 'id's");
    }
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a department's name"))
        d->name = rp_load_strdup(ld, v->value);
    rp_staff_draft sd;
    if (!rp_load_staff_alloc(ld, &sd)) {
        rp_load_staff_free(&sd);
        return;
    }
    int capacity = -1, minimum = 0;
    if ((v = rp_ymap_get(node, "students_per_supervisor")))
        rp_load_ratio(ld, v, &sd.ratio);
    const rp_ynode *sup_node = rp_ymap_get(node, "supervisors");
    if (sup_node)
        rp_load_staff(ld, sup_node, d, &sd);
    if ((v = rp_ymap_get(node, "capacity")))
        rp_load_int(ld, v, "capacity", 0, RP_LOAD_INT_MAX, &capacity);
    if ((v = rp_ymap_get(node, "minimum")))
        rp_load_int(ld, v, "minimum", 0, RP_LOAD_INT_MAX, &minimum);
    if (!sup_node && !rp_ymap_get(node, "capacity"))
        rp_diag_error(ld->diags, d->loc,
                      "department '%s' needs 'supervisors' or 'capacity' to say how many "
                      "students it can take",
                      d->id ? d->id : "?");
    if (ld->weeks_known && !ld->nomem) {
        for (int w = 0; w < ld->m->weeks; w++) {
            sd.explicit_capacity[w] = capacity;
            sd.minimum[w] = minimum;
        }
        const rp_ynode *changes = rp_ymap_get(node, "changes");
        if (changes && rp_load_is_list(ld, changes, "changes", false) && changes->n_items > 0 &&
            (d->changes = rp_load_calloc(ld, (size_t)changes->n_items, sizeof *d->changes)))
            for (int i = 0; i < changes->n_items && !ld->nomem; i++)
                apply_change(ld, changes->items[i], &sd, ld->m->weeks,
                             &d->changes[d->n_changes++]);
        d->capacity = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof *d->capacity);
        d->minimum = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof *d->minimum);
        if (!ld->nomem)
            rp_load_staff_finish(ld, d, &sd, hospital_ratio);
    }
    rp_load_staff_free(&sd);
}

static void load_hospital(rp_loader *ld, const rp_ynode *node, int h, rp_strmap *seen)
{
    rp_model *m = ld->m;
    rp_hospital *hosp = &m->hospitals[h];
    hosp->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a hospital"))
        return;
    rp_ymap_check_keys(ld->doc, node, hospital_keys, "a hospital", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "id");
    if (!v)
        rp_load_missing(ld, node, "id", "a hospital");
    else if (rp_load_id(ld, v, "hospital id")) {
        bool added = true;
        hosp->id = rp_load_strdup(ld, v->value);
        if (hosp->id && rp_strmap_put(seen, hosp->id, h, &added))
            ld->nomem = true;
        if (!added)
            rp_diag_error(ld->diags, rp_load_loc(ld, v), "hospital '%s' is defined twice",
                          v->value);
    }
    rp_load_placeholder_id(ld, &hosp->id, h); /* its departments' messages name it */
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a hospital's name"))
        hosp->name = rp_load_strdup(ld, v->value);
    rp_ratio ratio;
    if (!rp_load_ratio_init(ld, &ratio))
        return;
    if ((v = rp_ymap_get(node, "students_per_supervisor")))
        rp_load_ratio(ld, v, &ratio);
    const rp_ynode *list = rp_ymap_get(node, "departments");
    if (!list)
        rp_load_missing(ld, node, "departments", "a hospital");
    if (!list || !rp_load_is_list(ld, list, "departments", false) || !hosp->id) {
        rp_load_ratio_free(&ratio);
        return;
    }
    rp_strmap dept_ids;
    rp_strmap_init(&dept_ids);
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_department(ld, list->items[i], &m->departments[m->n_departments++], h, &ratio,
                        &dept_ids);
    rp_strmap_clear(&dept_ids);
    rp_load_ratio_free(&ratio);
}

void rp_load_hospitals(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "hospitals", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list), "hospitals must not be empty");
        return;
    }
    rp_model *m = ld->m;
    int n_departments = 0;
    for (int i = 0; i < list->n_items; i++) {
        const rp_ynode *depts = rp_ymap_get(list->items[i], "departments");
        if (depts && depts->kind == RP_Y_SEQUENCE)
            n_departments += depts->n_items;
    }
    m->hospitals = rp_load_calloc(ld, (size_t)list->n_items, sizeof *m->hospitals);
    m->departments = rp_load_calloc(ld, (size_t)n_departments, sizeof *m->departments);
    if (ld->nomem)
        return;
    m->n_hospitals = list->n_items;
    rp_strmap seen;
    rp_strmap_init(&seen);
    for (int h = 0; h < list->n_items && !ld->nomem; h++)
        load_hospital(ld, list->items[h], h, &seen);
    rp_strmap_clear(&seen);
    for (int h = 0; h < m->n_hospitals; h++) {
        rp_hospital *hosp = &m->hospitals[h];
        rp_load_placeholder_id(ld, &hosp->id, h); /* not a mapping: no id read */
        if (!hosp->name && hosp->id)
            hosp->name = rp_load_strdup(ld, hosp->id);
    }
    for (int i = 0; i < m->n_departments; i++) {
        rp_department *d = &m->departments[i];
        rp_load_placeholder_id(ld, &d->id, i);
        if (!d->name && d->id)
            d->name = rp_load_strdup(ld, d->discipline >= 0
                                             ? m->disciplines[d->discipline].name
                                             : d->id);
    }
    for (int j = 0; j < m->n_supervisors; j++)
        rp_load_name_defaults(ld, &m->supervisors[j].id, &m->supervisors[j].name, j);
    if (!ld->nomem && rp_model_index_build(m))
        ld->nomem = true;
}
