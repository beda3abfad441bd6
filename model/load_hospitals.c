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

/* Week-by-week values before they become capacity and minimum. */
struct weekly {
    int *supervisors; /* NULL when the department has none */
    int *explicit_capacity; /* -1: not given that week */
    int *minimum;
    bool *closed;
};

/* Applies one change to the weekly values and keeps it, as written, in *kept
 * (which takes the week list). */
static void apply_change(rp_loader *ld, const rp_ynode *node, struct weekly *wk, int n_weeks,
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
    if ((v = rp_ymap_get(node, "supervisors")) &&
        rp_load_int(ld, v, "supervisors", 0, RP_LOAD_INT_MAX, &value)) {
        if (!wk->supervisors)
            rp_diag_error(ld->diags, rp_load_loc(ld, v),
                          "this department has no 'supervisors' to change; give it supervisors "
                          "or change its 'capacity'");
        else
            kept->supervisors = value;
        if (wk->supervisors && weeks_ok)
            for (int w = 0; w < n_weeks; w++)
                if (weeks[w])
                    wk->supervisors[w] = value;
    }
    if ((v = rp_ymap_get(node, "capacity")) &&
        rp_load_int(ld, v, "capacity", 0, RP_LOAD_INT_MAX, &value)) {
        kept->capacity = value;
        for (int w = 0; w < n_weeks && weeks_ok; w++)
            if (weeks[w])
                wk->explicit_capacity[w] = value;
    }
    if ((v = rp_ymap_get(node, "minimum")) &&
        rp_load_int(ld, v, "minimum", 0, RP_LOAD_INT_MAX, &value) && weeks_ok)
        for (int w = 0; w < n_weeks; w++)
            if (weeks[w])
                wk->minimum[w] = value;
    if ((v = rp_ymap_get(node, "closed")) && rp_load_bool(ld, v, "closed", &closed)) {
        kept->closed = closed;
        for (int w = 0; w < n_weeks && weeks_ok; w++)
            if (weeks[w])
                wk->closed[w] = closed;
    }
}

static void finish_capacity(rp_loader *ld, rp_department *d, const struct weekly *wk, int sps)
{
    int n = ld->m->weeks;
    bool *bad = rp_load_calloc(ld, (size_t)n, sizeof(bool));
    if (!bad)
        return;
    bool any_bad = false;
    for (int w = 0; w < n; w++) {
        long cap = LONG_MAX;
        if (wk->supervisors)
            cap = (long)wk->supervisors[w] * sps;
        if (wk->explicit_capacity[w] >= 0 && wk->explicit_capacity[w] < cap)
            cap = wk->explicit_capacity[w];
        d->capacity[w] = wk->closed[w] ? 0 : (int)(cap > INT_MAX ? INT_MAX : cap);
        d->minimum[w] = wk->closed[w] ? 0 : wk->minimum[w];
        if (d->supervisors)
            d->supervisors[w] = wk->closed[w] ? 0 : wk->supervisors[w];
        if (d->minimum[w] > d->capacity[w])
            any_bad = bad[w] = true;
    }
    if (any_bad) {
        char weeks[256];
        rp_model_format_weeks(bad, n, weeks, sizeof weeks);
        int w = 0;
        while (!bad[w])
            w++;
        rp_diag_error(ld->diags, d->loc,
                      "department '%s/%s' needs at least %d students but can take only %d "
                      "(week%s %s)",
                      ld->m->hospitals[d->hospital].id, d->id ? d->id : "?", d->minimum[w],
                      d->capacity[w],
                      strpbrk(weeks, ",-") ? "s" : "", weeks);
    }
    free(bad);
}

static bool alloc_weekly(rp_loader *ld, struct weekly *wk, rp_department *d, bool supervised)
{
    int n = ld->m->weeks;
    wk->explicit_capacity = rp_load_calloc(ld, (size_t)n, sizeof(int));
    wk->minimum = rp_load_calloc(ld, (size_t)n, sizeof(int));
    wk->closed = rp_load_calloc(ld, (size_t)n, sizeof(bool));
    wk->supervisors = supervised ? rp_load_calloc(ld, (size_t)n, sizeof(int)) : NULL;
    d->capacity = rp_load_calloc(ld, (size_t)n, sizeof(int));
    d->minimum = rp_load_calloc(ld, (size_t)n, sizeof(int));
    d->supervisors = supervised ? rp_load_calloc(ld, (size_t)n, sizeof(int)) : NULL;
    return !ld->nomem;
}

static void free_weekly(struct weekly *wk)
{
    free(wk->supervisors);
    free(wk->explicit_capacity);
    free(wk->minimum);
    free(wk->closed);
}

static void load_department(rp_loader *ld, const rp_ynode *node, rp_department *d, int hospital,
                            int hospital_sps, rp_strmap *seen)
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
    int sps = hospital_sps, supervisors = 0, capacity = -1, minimum = 0;
    if ((v = rp_ymap_get(node, "students_per_supervisor")))
        rp_load_int(ld, v, "students_per_supervisor", 1, RP_LOAD_INT_MAX, &sps);
    const rp_ynode *sup_node = rp_ymap_get(node, "supervisors");
    bool supervised = sup_node && rp_load_int(ld, sup_node, "supervisors", 0, RP_LOAD_INT_MAX,
                                              &supervisors);
    if ((v = rp_ymap_get(node, "capacity")))
        rp_load_int(ld, v, "capacity", 0, RP_LOAD_INT_MAX, &capacity);
    if ((v = rp_ymap_get(node, "minimum")))
        rp_load_int(ld, v, "minimum", 0, RP_LOAD_INT_MAX, &minimum);
    if (!sup_node && !rp_ymap_get(node, "capacity"))
        rp_diag_error(ld->diags, d->loc,
                      "department '%s' needs 'supervisors' or 'capacity' to say how many "
                      "students it can take",
                      d->id ? d->id : "?");
    if (!ld->weeks_known)
        return;
    struct weekly wk;
    if (!alloc_weekly(ld, &wk, d, supervised)) {
        free_weekly(&wk);
        return;
    }
    for (int w = 0; w < ld->m->weeks; w++) {
        if (wk.supervisors)
            wk.supervisors[w] = supervisors;
        wk.explicit_capacity[w] = capacity;
        wk.minimum[w] = minimum;
    }
    const rp_ynode *changes = rp_ymap_get(node, "changes");
    if (changes && rp_load_is_list(ld, changes, "changes", false) && changes->n_items > 0 &&
        (d->changes = rp_load_calloc(ld, (size_t)changes->n_items, sizeof *d->changes)))
        for (int i = 0; i < changes->n_items; i++)
            apply_change(ld, changes->items[i], &wk, ld->m->weeks, &d->changes[d->n_changes++]);
    if (!ld->nomem)
        finish_capacity(ld, d, &wk, sps);
    free_weekly(&wk);
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
    int sps = ld->students_per_supervisor;
    if ((v = rp_ymap_get(node, "students_per_supervisor")))
        rp_load_int(ld, v, "students_per_supervisor", 1, RP_LOAD_INT_MAX, &sps);
    const rp_ynode *list = rp_ymap_get(node, "departments");
    if (!list) {
        rp_load_missing(ld, node, "departments", "a hospital");
        return;
    }
    if (!rp_load_is_list(ld, list, "departments", false) || !hosp->id)
        return;
    rp_strmap dept_ids;
    rp_strmap_init(&dept_ids);
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_department(ld, list->items[i], &m->departments[m->n_departments++], h, sps,
                        &dept_ids);
    rp_strmap_clear(&dept_ids);
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
    if (!ld->nomem && rp_model_index_build(m))
        ld->nomem = true;
}
