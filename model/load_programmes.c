/* The `programmes` section, requirement lists (shared with students) and `objective`. */
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const programme_keys[] = {"id", "name", "requirements", "max_per_hospital",
                                             "hospitals", "pool", NULL};
static const char *const requirement_keys[] = {"discipline", "group", "disciplines", "count",
                                               "at_least", "at_most", NULL};
static const char *const objective_keys[] = {"weights", "school_priority", "fairness", NULL};
static const char *const weight_keys[] = {"discipline", "hospital", "change", "idle", NULL};

/* Fills r's discipline set from whichever of discipline/group/disciplines is
 * given; false (error reported) when none or several are. */
static bool load_requirement_set(rp_loader *ld, const rp_ynode *node, rp_requirement *r)
{
    const rp_ynode *disc = rp_ymap_get(node, "discipline");
    const rp_ynode *group = rp_ymap_get(node, "group");
    const rp_ynode *list = rp_ymap_get(node, "disciplines");
    if ((disc != NULL) + (group != NULL) + (list != NULL) != 1) {
        rp_diag_error(ld->diags, r->loc,
                      "a requirement names exactly one of 'discipline', 'group' or "
                      "'disciplines'");
        return false;
    }
    const rp_model *m = ld->m;
    char label[512];
    if (disc) {
        const char *id = rp_load_id(ld, disc, "discipline");
        int d = id ? rp_load_ref_discipline(ld, id, rp_load_loc(ld, disc)) : -1;
        if (d < 0)
            return false;
        r->disciplines = rp_load_calloc(ld, 1, sizeof(int));
        if (!r->disciplines)
            return false;
        r->disciplines[r->n_disciplines++] = d;
        snprintf(label, sizeof label, "discipline '%s'", id);
    } else if (group) {
        const char *id = rp_load_id(ld, group, "group");
        if (!id)
            return false;
        int g = rp_model_find_group(m, id);
        if (g < 0) {
            rp_diag_error(ld->diags, rp_load_loc(ld, group),
                          "no discipline is in group '%s'", id);
            return false;
        }
        r->disciplines = rp_load_calloc(ld, (size_t)m->n_disciplines, sizeof(int));
        if (!r->disciplines)
            return false;
        for (int d = 0; d < m->n_disciplines; d++)
            if (m->disciplines[d].group == g)
                r->disciplines[r->n_disciplines++] = d;
        snprintf(label, sizeof label, "group '%s'", id);
    } else {
        if (!rp_load_is_list(ld, list, "disciplines", false))
            return false;
        r->disciplines = rp_load_calloc(ld, (size_t)list->n_items, sizeof(int));
        if (!r->disciplines)
            return false;
        size_t len = (size_t)snprintf(label, sizeof label, "the list [");
        bool ok = true;
        for (int i = 0; i < list->n_items; i++) {
            const char *id = rp_load_id(ld, list->items[i], "discipline");
            int d = id ? rp_load_ref_discipline(ld, id, rp_load_loc(ld, list->items[i])) : -1;
            if (d < 0) {
                ok = false;
                continue;
            }
            for (int j = 0; j < r->n_disciplines; j++)
                if (r->disciplines[j] == d) {
                    rp_diag_error(ld->diags, rp_load_loc(ld, list->items[i]),
                                  "discipline '%s' is listed twice", id);
                    ok = false;
                }
            r->disciplines[r->n_disciplines++] = d;
            if (len + strlen(id) + 4 < sizeof label)
                len += (size_t)snprintf(label + len, sizeof label - len, "%s%s",
                                        i ? ", " : "", id);
        }
        if (len + 2 < sizeof label)
            snprintf(label + len, sizeof label - len, "]");
        if (!ok)
            return false;
        if (r->n_disciplines == 0) {
            rp_diag_error(ld->diags, rp_load_loc(ld, list), "'disciplines' must not be empty");
            return false;
        }
    }
    r->label = rp_load_strdup(ld, label);
    return r->label != NULL;
}

static bool load_requirement_counts(rp_loader *ld, const rp_ynode *node, rp_requirement *r)
{
    const rp_ynode *count = rp_ymap_get(node, "count");
    const rp_ynode *at_least = rp_ymap_get(node, "at_least");
    const rp_ynode *at_most = rp_ymap_get(node, "at_most");
    int n = r->n_disciplines;
    bool single = rp_ymap_get(node, "discipline") != NULL;
    if (count && (at_least || at_most)) {
        rp_diag_error(ld->diags, rp_load_loc(ld, count),
                      "give either 'count' or 'at_least'/'at_most', not both");
        return false;
    }
    r->min = 0;
    r->max = n;
    if (count) {
        if (!rp_load_int(ld, count, "count", 0, RP_LOAD_INT_MAX, &r->min))
            return false;
        r->max = r->min;
    } else if (!at_least && !at_most) {
        if (!single) {
            rp_diag_error(ld->diags, r->loc,
                          "this requirement needs 'count', 'at_least' or 'at_most'");
            return false;
        }
        r->min = r->max = 1;
    }
    if (at_least && !rp_load_int(ld, at_least, "at_least", 0, RP_LOAD_INT_MAX, &r->min))
        return false;
    if (at_most && !rp_load_int(ld, at_most, "at_most", 0, RP_LOAD_INT_MAX, &r->max))
        return false;
    if (r->min > r->max) {
        rp_diag_error(ld->diags, rp_load_loc(ld, at_least ? at_least : count),
                      "at_least %d is more than at_most %d", r->min, r->max);
        return false;
    }
    if (r->min > n) {
        rp_diag_error(ld->diags, rp_load_loc(ld, count ? count : at_least),
                      "needs %d of %s, which has only %d discipline%s", r->min, r->label, n,
                      n == 1 ? "" : "s");
        return false;
    }
    if (r->max > n)
        r->max = n;
    return true;
}

rp_requirement *rp_load_requirements(rp_loader *ld, const rp_ynode *list, int *n)
{
    *n = 0;
    if (!rp_load_is_list(ld, list, "requirements", false) || list->n_items == 0)
        return NULL;
    rp_requirement *reqs = rp_load_calloc(ld, (size_t)list->n_items, sizeof *reqs);
    if (!reqs)
        return NULL;
    for (int i = 0; i < list->n_items; i++) {
        const rp_ynode *node = list->items[i];
        rp_requirement *r = &reqs[*n];
        r->loc = rp_load_loc(ld, node);
        if (!rp_load_is_map(ld, node, "a requirement"))
            continue;
        rp_ymap_check_keys(ld->doc, node, requirement_keys, "a requirement", ld->diags);
        if (load_requirement_set(ld, node, r) && load_requirement_counts(ld, node, r)) {
            (*n)++;
        } else {
            free(r->disciplines);
            free(r->label);
            memset(r, 0, sizeof *r);
        }
    }
    return reqs;
}

static void load_programme_hospitals(rp_loader *ld, const rp_ynode *node, rp_programme *p)
{
    const rp_ynode *list = rp_ymap_get(node, "hospitals");
    int n = ld->m->n_hospitals;
    for (int h = 0; h < n; h++)
        p->hospital_allowed[h] = list == NULL;
    if (!list || !rp_load_is_list(ld, list, "hospitals", true))
        return;
    int count = list->kind == RP_Y_SCALAR ? 1 : list->n_items;
    for (int i = 0; i < count; i++) {
        const rp_ynode *item = list->kind == RP_Y_SCALAR ? list : list->items[i];
        const char *id = rp_load_id(ld, item, "hospital");
        int h = id ? rp_load_ref_hospital(ld, id, rp_load_loc(ld, item)) : -1;
        if (h >= 0)
            p->hospital_allowed[h] = true;
    }
}

static void load_programme(rp_loader *ld, const rp_ynode *node, int index, rp_strmap *seen)
{
    rp_programme *p = &ld->m->programmes[index];
    p->loc = rp_load_loc(ld, node);
    p->max_per_hospital = RP_NO_LIMIT;
    p->pool = -1;
    p->hospital_allowed = rp_load_calloc(ld, (size_t)ld->m->n_hospitals, sizeof(bool));
    if (!p->hospital_allowed || !rp_load_is_map(ld, node, "a programme"))
        return;
    rp_ymap_check_keys(ld->doc, node, programme_keys, "a programme", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "id");
    if (!v) {
        rp_load_missing(ld, node, "id", "a programme");
    } else if (rp_load_id(ld, v, "programme id")) {
        bool added = true;
        p->id = rp_load_strdup(ld, v->value);
        if (p->id && rp_strmap_put(seen, p->id, index, &added))
            ld->nomem = true;
        if (!added)
            rp_diag_error(ld->diags, rp_load_loc(ld, v), "programme '%s' is defined twice",
                          v->value);
    }
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a programme's name"))
        p->name = rp_load_strdup(ld, v->value);
    if ((v = rp_ymap_get(node, "max_per_hospital")))
        rp_load_int(ld, v, "max_per_hospital", 0, RP_LOAD_INT_MAX, &p->max_per_hospital);
    load_programme_hospitals(ld, node, p);
    if ((v = rp_ymap_get(node, "pool"))) {
        const char *id = rp_load_id(ld, v, "pool");
        if (id)
            p->pool = rp_load_ref_pool(ld, id, rp_load_loc(ld, v));
    }
    if ((v = rp_ymap_get(node, "requirements")))
        p->requirements = rp_load_requirements(ld, v, &p->n_requirements);
    else
        rp_load_missing(ld, node, "requirements", "a programme");
}

void rp_load_programmes(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "programmes", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list), "programmes must not be empty");
        return;
    }
    rp_model *m = ld->m;
    m->programmes = rp_load_calloc(ld, (size_t)list->n_items, sizeof *m->programmes);
    if (!m->programmes)
        return;
    m->n_programmes = list->n_items;
    rp_strmap seen;
    rp_strmap_init(&seen);
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_programme(ld, list->items[i], i, &seen);
    rp_strmap_clear(&seen);
    for (int i = 0; i < m->n_programmes; i++) {
        rp_programme *p = &m->programmes[i];
        rp_load_placeholder_id(ld, &p->id, i);
        if (!p->name && p->id)
            p->name = rp_load_strdup(ld, p->id);
    }
    if (!ld->nomem && rp_model_index_build(m))
        ld->nomem = true;
}

/* Reads a {discipline, hospital, change, idle} mapping into w; given[] (may be
 * NULL) records which keys were present. */
void rp_load_weights(rp_loader *ld, const rp_ynode *node, rp_weights *w, bool *given)
{
    if (!rp_load_is_map(ld, node, "weights"))
        return;
    rp_ymap_check_keys(ld->doc, node, weight_keys, "weights", ld->diags);
    int *fields[4] = {&w->discipline, &w->hospital, &w->change, &w->idle};
    for (int k = 0; k < 4; k++) {
        const rp_ynode *v = rp_ymap_get(node, weight_keys[k]);
        char what[64];
        snprintf(what, sizeof what, "weight '%s'", weight_keys[k]);
        if (v && rp_load_int(ld, v, what, 0, RP_LOAD_VALUE_LIMIT, fields[k]) && given)
            given[k] = true;
    }
}

void rp_load_objective(rp_loader *ld, const rp_ynode *map)
{
    rp_objective *o = &ld->m->objective;
    if (!map)
        return;
    if (!rp_load_is_map(ld, map, "objective"))
        return;
    rp_ymap_check_keys(ld->doc, map, objective_keys, "objective", ld->diags);
    const rp_ynode *v;
    if ((v = rp_ymap_get(map, "weights")))
        rp_load_weights(ld, v, &o->weights, NULL);
    if ((v = rp_ymap_get(map, "school_priority")))
        rp_load_int(ld, v, "school_priority", 0, RP_LOAD_VALUE_LIMIT, &o->school_priority);
    if ((v = rp_ymap_get(map, "fairness"))) {
        if (v->kind == RP_Y_SCALAR && !v->quoted && strcmp(v->value, "leximin") == 0) {
            o->leximin = true;
            o->fairness = 0;
        } else if (v->kind == RP_Y_SCALAR && !v->quoted && !rp_yscalar_is_null(v) &&
                   !rp_yscalar_int(v, &(long){0})) {
            rp_diag_error(ld->diags, rp_load_loc(ld, v),
                          "fairness must be a whole number (the weight of the worst-off "
                          "student's score) or leximin, found '%s'",
                          v->value);
        } else {
            rp_load_int(ld, v, "fairness", 0, RP_LOAD_VALUE_LIMIT, &o->fairness);
        }
    }
}
