/* The `disciplines` section: ids, lengths, groups, priorities, prerequisites. */
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const discipline_keys[] = {"id", "name", "length", "group",
                                              "prerequisites", "priority", NULL};

static int find_or_add_group(rp_loader *ld, const char *id, rp_loc loc)
{
    int g = rp_model_find_group(ld->m, id);
    if (g >= 0)
        return g;
    rp_model *m = ld->m;
    rp_group *groups = realloc(m->groups, (size_t)(m->n_groups + 1) * sizeof *groups);
    if (!groups) {
        ld->nomem = true;
        return -1;
    }
    m->groups = groups;
    char *copy = rp_load_strdup(ld, id);
    if (!copy)
        return -1;
    m->groups[m->n_groups] = (rp_group){copy, loc};
    return m->n_groups++;
}

static void load_one(rp_loader *ld, const rp_ynode *node, rp_discipline *d, rp_strmap *seen)
{
    d->length = 1;
    d->group = -1;
    d->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a discipline"))
        return;
    rp_ymap_check_keys(ld->doc, node, discipline_keys, "a discipline", ld->diags);
    const rp_ynode *id_node = rp_ymap_get(node, "id");
    const char *id = id_node ? rp_load_id(ld, id_node, "discipline id") : NULL;
    if (!id_node)
        rp_load_missing(ld, node, "id", "a discipline");
    if (id) {
        bool added = true;
        d->id = rp_load_strdup(ld, id);
        if (d->id && rp_strmap_put(seen, d->id, (int)(d - ld->m->disciplines), &added))
            ld->nomem = true;
        if (!added)
            rp_diag_error(ld->diags, rp_load_loc(ld, id_node),
                          "discipline '%s' is defined twice", id);
    }
    const rp_ynode *v;
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a discipline's name"))
        d->name = rp_load_strdup(ld, v->value);
    if ((v = rp_ymap_get(node, "length")) &&
        rp_load_int(ld, v, "length", 1, RP_LOAD_INT_MAX, &d->length) && ld->weeks_known &&
        d->length > ld->m->weeks)
        rp_diag_error(ld->diags, rp_load_loc(ld, v),
                      "a rotation of %d weeks does not fit in the %d-week plan", d->length,
                      ld->m->weeks);
    if ((v = rp_ymap_get(node, "priority")))
        rp_load_int(ld, v, "priority", -RP_LOAD_VALUE_LIMIT, RP_LOAD_VALUE_LIMIT, &d->priority);
    if ((v = rp_ymap_get(node, "group")) && rp_load_id(ld, v, "group"))
        d->group = find_or_add_group(ld, v->value, rp_load_loc(ld, v));
}

static void load_prerequisites(rp_loader *ld, const rp_ynode *node, rp_discipline *d)
{
    const rp_ynode *list = rp_ymap_get(node, "prerequisites");
    if (!list || !rp_load_is_list(ld, list, "prerequisites", true))
        return;
    int n = list->kind == RP_Y_SCALAR ? 1 : list->n_items;
    d->prerequisites = rp_load_calloc(ld, (size_t)n, sizeof(int));
    if (!d->prerequisites)
        return;
    for (int i = 0; i < n; i++) {
        const rp_ynode *item = list->kind == RP_Y_SCALAR ? list : list->items[i];
        const char *id = rp_load_id(ld, item, "a prerequisite");
        int p = id ? rp_load_ref_discipline(ld, id, rp_load_loc(ld, item)) : -1;
        if (p < 0)
            continue;
        if (d->id && p == (int)(d - ld->m->disciplines)) {
            rp_diag_error(ld->diags, rp_load_loc(ld, item),
                          "discipline '%s' cannot be its own prerequisite", d->id);
            continue;
        }
        bool repeated = false;
        for (int j = 0; j < d->n_prerequisites; j++)
            repeated |= d->prerequisites[j] == p;
        if (repeated)
            rp_diag_warning(ld->diags, rp_load_loc(ld, item), "prerequisite '%s' is listed twice",
                            id);
        else
            d->prerequisites[d->n_prerequisites++] = p;
    }
}

/* Depth-first search for a prerequisite cycle; reports each cycle once, at
 * the discipline where it is first entered. */
static bool find_cycle(rp_loader *ld, int d, int *state, int *path, int depth)
{
    const rp_model *m = ld->m;
    state[d] = 1;
    path[depth] = d;
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++) {
        int p = m->disciplines[d].prerequisites[i];
        if (state[p] == 1) {
            char buf[1024] = "";
            size_t len = 0;
            int start = depth;
            while (start > 0 && path[start] != p)
                start--;
            for (int k = start; k <= depth && len + 80 < sizeof buf; k++)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s -> ",
                                        m->disciplines[path[k]].id);
            snprintf(buf + len, sizeof buf - len, "%s", m->disciplines[p].id);
            rp_diag_error(ld->diags, m->disciplines[p].loc,
                          "prerequisites form a cycle: %s (each needs the next first)", buf);
            state[d] = 2;
            return true;
        }
        if (state[p] == 0 && find_cycle(ld, p, state, path, depth + 1)) {
            state[d] = 2;
            return true;
        }
    }
    state[d] = 2;
    return false;
}

static void check_cycles(rp_loader *ld)
{
    int n = ld->m->n_disciplines;
    int *state = rp_load_calloc(ld, (size_t)n, sizeof(int));
    int *path = rp_load_calloc(ld, (size_t)n, sizeof(int));
    if (state && path)
        for (int d = 0; d < n; d++)
            if (state[d] == 0)
                find_cycle(ld, d, state, path, 0);
    free(state);
    free(path);
}

void rp_load_disciplines(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "disciplines", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list), "disciplines must not be empty");
        return;
    }
    rp_model *m = ld->m;
    m->disciplines = rp_load_calloc(ld, (size_t)list->n_items, sizeof *m->disciplines);
    if (!m->disciplines)
        return;
    m->n_disciplines = list->n_items;
    rp_strmap seen;
    rp_strmap_init(&seen);
    for (int i = 0; i < list->n_items; i++)
        load_one(ld, list->items[i], &m->disciplines[i], &seen);
    rp_strmap_clear(&seen);
    /* Placeholder ids keep later lookups and messages safe after an error. */
    for (int i = 0; i < m->n_disciplines; i++) {
        rp_discipline *d = &m->disciplines[i];
        rp_load_placeholder_id(ld, &d->id, i);
        if (!d->name && d->id)
            d->name = rp_load_strdup(ld, d->id);
    }
    if (ld->nomem)
        return;
    if (rp_model_index_build(m))
        ld->nomem = true;
    for (int i = 0; i < m->n_disciplines; i++)
        if (list->items[i]->kind == RP_Y_MAPPING)
            load_prerequisites(ld, list->items[i], &m->disciplines[i]);
    check_cycles(ld);
}
