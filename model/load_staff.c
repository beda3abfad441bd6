/* Who guides whom: `pools`, `intakes`, students_per_supervisor per pool, a
 * department's supervisors (a count, a count per pool, or a list of named
 * supervisors with their leave and languages), and the capacities they make. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

static const char *const pool_keys[] = {"id", "name", NULL};
static const char *const intake_keys[] = {"id", "name", "first_week", "weeks", NULL};
static const char *const supervisor_keys[] = {"id",     "name",      "pool",
                                              "students_per_supervisor", "leave",
                                              "languages", NULL};

/* --- pools ---------------------------------------------------------------- */

static void load_pool(rp_loader *ld, const rp_ynode *node, rp_pool *p, rp_strmap *seen)
{
    p->loc = rp_load_loc(ld, node);
    const rp_ynode *id_node = node, *v;
    if (node->kind == RP_Y_MAPPING) {
        rp_ymap_check_keys(ld->doc, node, pool_keys, "a pool", ld->diags);
        id_node = rp_ymap_get(node, "id");
        if (!id_node) {
            rp_load_missing(ld, node, "id", "a pool");
            return;
        }
        if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "a pool's name"))
            p->name = rp_load_strdup(ld, v->value);
    }
    const char *id = rp_load_id(ld, id_node, "pool id");
    if (!id)
        return;
    bool added = true;
    p->id = rp_load_strdup(ld, id);
    if (p->id && rp_strmap_put(seen, p->id, 0, &added))
        ld->nomem = true;
    if (!added)
        rp_diag_error(ld->diags, rp_load_loc(ld, id_node), "pool '%s' is defined twice", id);
}

void rp_load_pools(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "pools", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list),
                      "pools must not be empty; leave the key out when every supervisor guides "
                      "every student");
        return;
    }
    rp_model *m = ld->m;
    m->pools = rp_load_calloc(ld, (size_t)list->n_items, sizeof *m->pools);
    if (!m->pools)
        return;
    m->n_pools = list->n_items;
    rp_strmap seen;
    rp_strmap_init(&seen);
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_pool(ld, list->items[i], &m->pools[i], &seen);
    rp_strmap_clear(&seen);
    for (int i = 0; i < m->n_pools; i++)
        rp_load_name_defaults(ld, &m->pools[i].id, &m->pools[i].name, i);
}

int rp_load_ref_pool(rp_loader *ld, const char *id, rp_loc loc)
{
    int k = rp_model_find_pool(ld->m, id);
    if (k < 0 && ld->m->n_pools == 0)
        rp_diag_error(ld->diags, loc, "no pool has id '%s'; the config declares no 'pools'", id);
    else if (k < 0)
        rp_diag_error(ld->diags, loc, "no pool has id '%s'", id);
    return k;
}

/* --- intakes -------------------------------------------------------------- */

static void load_intake(rp_loader *ld, const rp_ynode *node, rp_intake *in, rp_strmap *seen)
{
    in->loc = rp_load_loc(ld, node);
    in->first_week = -1;
    if (!rp_load_is_map(ld, node, "an intake"))
        return;
    rp_ymap_check_keys(ld->doc, node, intake_keys, "an intake", ld->diags);
    const rp_ynode *v = rp_ymap_get(node, "id");
    if (!v) {
        rp_load_missing(ld, node, "id", "an intake");
    } else if (rp_load_id(ld, v, "intake id")) {
        bool added = true;
        in->id = rp_load_strdup(ld, v->value);
        if (in->id && rp_strmap_put(seen, in->id, 0, &added))
            ld->nomem = true;
        if (!added)
            rp_diag_error(ld->diags, rp_load_loc(ld, v), "intake '%s' is defined twice",
                          v->value);
    }
    if ((v = rp_ymap_get(node, "name")) && rp_load_text(ld, v, "an intake's name"))
        in->name = rp_load_strdup(ld, v->value);
    const rp_ynode *first = rp_ymap_get(node, "first_week");
    const rp_ynode *weeks = rp_ymap_get(node, "weeks");
    if (!first)
        rp_load_missing(ld, node, "first_week", "an intake");
    if (!weeks)
        rp_load_missing(ld, node, "weeks", "an intake");
    int f = 0, n = 0;
    bool ok = first && rp_load_int(ld, first, "first_week", 1, RP_LOAD_INT_MAX, &f);
    ok = weeks && rp_load_int(ld, weeks, "an intake's weeks", 1, RP_LOAD_INT_MAX, &n) && ok;
    if (!ok || !ld->weeks_known)
        return;
    if (f > ld->m->weeks) {
        rp_diag_error(ld->diags, rp_load_loc(ld, first),
                      "first_week %d is outside the plan (weeks 1-%d)", f, ld->m->weeks);
        return;
    }
    if ((long)f + n - 1 > ld->m->weeks) {
        rp_diag_error(ld->diags, rp_load_loc(ld, weeks),
                      "an intake of %d weeks from week %d runs past the last week (%d)", n, f,
                      ld->m->weeks);
        return;
    }
    in->first_week = f - 1;
    in->weeks = n;
}

void rp_load_intakes(rp_loader *ld, const rp_ynode *list)
{
    if (!rp_load_is_list(ld, list, "intakes", false))
        return;
    if (list->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, list),
                      "intakes must not be empty; leave the key out for one cohort");
        return;
    }
    rp_model *m = ld->m;
    m->intakes = rp_load_calloc(ld, (size_t)list->n_items, sizeof *m->intakes);
    if (!m->intakes)
        return;
    m->n_intakes = list->n_items;
    rp_strmap seen;
    rp_strmap_init(&seen);
    for (int i = 0; i < list->n_items && !ld->nomem; i++)
        load_intake(ld, list->items[i], &m->intakes[i], &seen);
    rp_strmap_clear(&seen);
    for (int i = 0; i < m->n_intakes; i++)
        rp_load_name_defaults(ld, &m->intakes[i].id, &m->intakes[i].name, i);
}

int rp_load_ref_intake(rp_loader *ld, const char *id, rp_loc loc)
{
    int i = rp_model_find_intake(ld->m, id);
    if (i < 0 && ld->m->n_intakes == 0)
        rp_diag_error(ld->diags, loc, "no intake has id '%s'; the config declares no 'intakes'",
                      id);
    else if (i < 0)
        rp_diag_error(ld->diags, loc, "no intake has id '%s'", id);
    return i;
}

/* --- languages ------------------------------------------------------------ */

int rp_load_language(rp_loader *ld, const char *id, rp_loc loc)
{
    if (!rp_load_id_valid(id)) {
        rp_diag_error(ld->diags, loc,
                      "language '%s' is not a valid id (use letters, digits, '_', '-' and '.')",
                      id);
        return -1;
    }
    int i = rp_strmap_get(&ld->language_ids, id);
    if (i >= 0)
        return i;
    rp_model *m = ld->m;
    char **grown = realloc(m->languages, (size_t)(m->n_languages + 1) * sizeof *grown);
    char *copy = strdup(id);
    if (grown)
        m->languages = grown;
    if (!grown || !copy) {
        free(copy);
        ld->nomem = true;
        return -1;
    }
    m->languages[m->n_languages] = copy;
    if (rp_strmap_put(&ld->language_ids, copy, m->n_languages, NULL))
        ld->nomem = true;
    return m->n_languages++;
}

static int by_index(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int *rp_load_languages(rp_loader *ld, const rp_ynode *node, int *n)
{
    *n = 0;
    if (!rp_load_is_list(ld, node, "languages", true))
        return NULL;
    int count = node->kind == RP_Y_SCALAR ? 1 : node->n_items;
    int *langs = rp_load_calloc(ld, (size_t)count, sizeof *langs);
    if (!langs)
        return NULL;
    for (int i = 0; i < count; i++) {
        const rp_ynode *item = node->kind == RP_Y_SCALAR ? node : node->items[i];
        const char *text = rp_load_text(ld, item, "a language");
        int l = text ? rp_load_language(ld, text, rp_load_loc(ld, item)) : -1;
        bool twice = false;
        for (int k = 0; k < *n && l >= 0; k++)
            twice |= langs[k] == l;
        if (l >= 0 && !twice)
            langs[(*n)++] = l;
    }
    qsort(langs, (size_t)*n, sizeof *langs, by_index);
    return langs;
}

/* --- ratios --------------------------------------------------------------- */

bool rp_load_ratio_init(rp_loader *ld, rp_ratio *r)
{
    r->shared = -1;
    r->per_pool = NULL;
    if (ld->m->n_pools == 0)
        return true;
    r->per_pool = rp_load_calloc(ld, (size_t)ld->m->n_pools, sizeof *r->per_pool);
    if (!r->per_pool)
        return false;
    for (int k = 0; k < ld->m->n_pools; k++)
        r->per_pool[k] = -1;
    return true;
}

void rp_load_ratio_free(rp_ratio *r)
{
    free(r->per_pool);
    r->per_pool = NULL;
}

void rp_load_ratio(rp_loader *ld, const rp_ynode *node, rp_ratio *r)
{
    const char *what = "students_per_supervisor";
    if (node->kind != RP_Y_MAPPING) {
        int v;
        if (!rp_load_int(ld, node, what, 1, RP_LOAD_INT_MAX, &v))
            return;
        r->shared = v;
        for (int k = 0; r->per_pool && k < ld->m->n_pools; k++)
            r->per_pool[k] = v;
        return;
    }
    if (ld->m->n_pools == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "students_per_supervisor is given per pool but the config declares no "
                      "'pools'; give a number");
        return;
    }
    for (int i = 0; i < rp_ymap_size(node); i++) {
        const rp_ynode *key = rp_ymap_key(node, i), *value = rp_ymap_value(node, i);
        const char *id = rp_load_id(ld, key, "pool");
        int k = id ? rp_load_ref_pool(ld, id, rp_load_loc(ld, key)) : -1;
        int v;
        if (rp_load_int(ld, value, what, 1, RP_LOAD_INT_MAX, &v) && k >= 0)
            r->per_pool[k] = v;
    }
}

/* The ratio for pool k (-1: shared supervisors): the nearest level that says. */
static int resolve_ratio(const rp_ratio *const *levels, int n, int k)
{
    for (int i = 0; i < n; i++) {
        int v = k < 0 ? levels[i]->shared : levels[i]->per_pool ? levels[i]->per_pool[k] : -1;
        if (v >= 1)
            return v;
    }
    return 1;
}

/* --- a department's supervisors --------------------------------------------- */

bool rp_load_staff_alloc(rp_loader *ld, rp_staff_draft *sd)
{
    size_t n = (size_t)ld->m->weeks, pools = (size_t)ld->m->n_pools;
    memset(sd, 0, sizeof *sd);
    sd->shared = rp_load_calloc(ld, n, sizeof *sd->shared);
    sd->pooled = rp_load_calloc(ld, pools * n, sizeof *sd->pooled);
    sd->explicit_capacity = rp_load_calloc(ld, n, sizeof *sd->explicit_capacity);
    sd->minimum = rp_load_calloc(ld, n, sizeof *sd->minimum);
    sd->closed = rp_load_calloc(ld, n, sizeof *sd->closed);
    sd->pool_closed = rp_load_calloc(ld, pools * n, sizeof *sd->pool_closed);
    if (!ld->nomem)
        rp_load_ratio_init(ld, &sd->ratio);
    return !ld->nomem;
}

void rp_load_staff_free(rp_staff_draft *sd)
{
    free(sd->shared);
    free(sd->pooled);
    free(sd->explicit_capacity);
    free(sd->minimum);
    free(sd->closed);
    free(sd->pool_closed);
    free(sd->own_ratio);
    rp_load_ratio_free(&sd->ratio);
    memset(sd, 0, sizeof *sd);
}

static rp_supervisor *new_supervisor(rp_loader *ld)
{
    rp_model *m = ld->m;
    if (m->n_supervisors == ld->cap_supervisors) {
        int cap = ld->cap_supervisors ? 2 * ld->cap_supervisors : 16;
        rp_supervisor *grown = realloc(m->supervisors, (size_t)cap * sizeof *grown);
        if (!grown) {
            ld->nomem = true;
            return NULL;
        }
        m->supervisors = grown;
        ld->cap_supervisors = cap;
    }
    rp_supervisor *v = &m->supervisors[m->n_supervisors];
    memset(v, 0, sizeof *v);
    v->pool = -1;
    v->team = -1;
    v->present = rp_load_calloc(ld, (size_t)m->weeks, sizeof *v->present);
    if (!v->present)
        return NULL;
    for (int w = 0; w < m->weeks; w++)
        v->present[w] = true;
    m->n_supervisors++;
    return v;
}

/* One named supervisor; their own ratio goes to *own (-1: not given). */
static void load_named(rp_loader *ld, const rp_ynode *node, int department, int *own)
{
    *own = -1;
    rp_supervisor *v = new_supervisor(ld);
    if (!v)
        return;
    v->department = department;
    v->loc = rp_load_loc(ld, node);
    if (!rp_load_is_map(ld, node, "a supervisor"))
        return;
    rp_ymap_check_keys(ld->doc, node, supervisor_keys, "a supervisor", ld->diags);
    const rp_ynode *n = rp_ymap_get(node, "id");
    if (!n) {
        rp_load_missing(ld, node, "id", "a supervisor");
    } else if (rp_load_id(ld, n, "supervisor id")) {
        v->id = rp_load_strdup(ld, n->value);
        bool added = true;
        int index = (int)(v - ld->m->supervisors);
        if (v->id && rp_strmap_put(&ld->supervisor_ids, v->id, index, &added))
            ld->nomem = true;
        if (!added) {
            const rp_supervisor *first =
                &ld->m->supervisors[rp_strmap_get(&ld->supervisor_ids, v->id)];
            rp_diag_error(ld->diags, rp_load_loc(ld, n),
                          "supervisor '%s' is listed twice (first at %s:%d); supervisor ids are "
                          "unique in the config",
                          v->id, first->loc.file, first->loc.line);
        }
    }
    if ((n = rp_ymap_get(node, "name")) && rp_load_text(ld, n, "a supervisor's name"))
        v->name = rp_load_strdup(ld, n->value);
    if ((n = rp_ymap_get(node, "pool"))) {
        const char *id = rp_load_id(ld, n, "pool");
        if (id)
            v->pool = rp_load_ref_pool(ld, id, rp_load_loc(ld, n));
    } else if (ld->m->n_pools > 0) {
        rp_diag_error(ld->diags, v->loc,
                      "supervisor '%s' needs a 'pool': the config declares pools",
                      v->id ? v->id : "?");
    }
    if ((n = rp_ymap_get(node, "students_per_supervisor")))
        rp_load_int(ld, n, "students_per_supervisor", 1, RP_LOAD_INT_MAX, own);
    if ((n = rp_ymap_get(node, "leave")) && ld->weeks_known) {
        bool *leave = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof *leave);
        if (leave && rp_load_week_list(ld, n, "leave", leave))
            for (int w = 0; w < ld->m->weeks; w++)
                v->present[w] = !leave[w];
        free(leave);
    }
    if ((n = rp_ymap_get(node, "languages")))
        v->languages = rp_load_languages(ld, n, &v->n_languages);
}

static void load_pool_counts(rp_loader *ld, const rp_ynode *node, int *counts, const bool *weeks)
{
    int W = ld->m->weeks;
    if (ld->m->n_pools == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "supervisors are given per pool but the config declares no 'pools'; "
                      "give a number or declare the pools");
        return;
    }
    if (rp_ymap_size(node) == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "supervisors must name at least one pool, for example {doctors: 3}");
        return;
    }
    for (int i = 0; i < rp_ymap_size(node); i++) {
        const rp_ynode *key = rp_ymap_key(node, i), *value = rp_ymap_value(node, i);
        const char *id = rp_load_id(ld, key, "pool");
        int k = id ? rp_load_ref_pool(ld, id, rp_load_loc(ld, key)) : -1;
        int v;
        if (!rp_load_int(ld, value, "supervisors", 0, RP_LOAD_INT_MAX, &v) || k < 0)
            continue;
        for (int w = 0; w < W; w++)
            if (!weeks || weeks[w])
                counts[(size_t)k * W + w] = v;
    }
}

void rp_load_staff(rp_loader *ld, const rp_ynode *node, rp_department *d, rp_staff_draft *sd)
{
    rp_model *m = ld->m;
    int W = m->weeks;
    if (node->kind == RP_Y_MAPPING) {
        sd->kind = RP_STAFF_POOLS;
        load_pool_counts(ld, node, sd->pooled, NULL);
        return;
    }
    if (node->kind != RP_Y_SEQUENCE) {
        int v;
        if (!rp_load_int(ld, node, "supervisors", 0, RP_LOAD_INT_MAX, &v))
            return;
        sd->kind = RP_STAFF_SHARED;
        for (int w = 0; w < W; w++)
            sd->shared[w] = v;
        return;
    }
    if (node->n_items == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "supervisors must not be an empty list; give a number, a number per "
                      "pool, or the supervisors by name");
        return;
    }
    sd->kind = RP_STAFF_NAMED;
    sd->own_ratio = rp_load_calloc(ld, (size_t)node->n_items, sizeof *sd->own_ratio);
    if (!sd->own_ratio)
        return;
    int department = (int)(d - m->departments);
    d->first_supervisor = m->n_supervisors;
    for (int i = 0; i < node->n_items && !ld->nomem; i++)
        load_named(ld, node->items[i], department, &sd->own_ratio[i]);
    d->n_supervisors = m->n_supervisors - d->first_supervisor;
}

/* `closed: true`, `closed: nurses` or `closed: [nurses, doctors]`. */
static void load_closed(rp_loader *ld, const rp_ynode *v, rp_staff_draft *sd, const bool *weeks,
                        bool weeks_ok)
{
    int W = ld->m->weeks;
    bool closed;
    if (v->kind == RP_Y_SCALAR && rp_yscalar_bool(v, &closed)) {
        for (int w = 0; w < W && weeks_ok; w++)
            if (weeks[w])
                sd->closed[w] = closed;
        return;
    }
    if (ld->m->n_pools == 0) {
        rp_diag_error(ld->diags, rp_load_loc(ld, v),
                      "closed must be true or false (the config declares no pools to close one "
                      "by one), found %s",
                      rp_ynode_describe(v));
        return;
    }
    if (!rp_load_is_list(ld, v, "closed (true, false or the pools closed)", true))
        return;
    int n = v->kind == RP_Y_SCALAR ? 1 : v->n_items;
    for (int i = 0; i < n; i++) {
        const rp_ynode *item = v->kind == RP_Y_SCALAR ? v : v->items[i];
        const char *id = rp_load_id(ld, item, "pool");
        int k = id ? rp_load_ref_pool(ld, id, rp_load_loc(ld, item)) : -1;
        for (int w = 0; w < W && weeks_ok && k >= 0; w++)
            if (weeks[w])
                sd->pool_closed[(size_t)k * W + w] = true;
    }
}

void rp_load_staff_change(rp_loader *ld, const rp_ynode *change, rp_staff_draft *sd,
                          const bool *weeks, bool weeks_ok)
{
    int W = ld->m->weeks;
    const rp_ynode *v;
    if ((v = rp_ymap_get(change, "supervisors"))) {
        bool per_pool = v->kind == RP_Y_MAPPING;
        int value;
        if (sd->kind == RP_STAFF_NAMED) {
            rp_diag_error(ld->diags, rp_load_loc(ld, v),
                          "this department names its supervisors; give their weeks away as "
                          "'leave' of each");
        } else if (per_pool && sd->kind == RP_STAFF_POOLS) {
            if (weeks_ok)
                load_pool_counts(ld, v, sd->pooled, weeks);
        } else if (per_pool) {
            rp_diag_error(ld->diags, rp_load_loc(ld, v),
                          sd->kind == RP_STAFF_SHARED
                              ? "this department's supervisors are one count for every pool; "
                                "change it with a number"
                              : "this department has no 'supervisors' to change; give it "
                                "supervisors or change its 'capacity'");
        } else if (rp_load_int(ld, v, "supervisors", 0, RP_LOAD_INT_MAX, &value)) {
            if (sd->kind == RP_STAFF_POOLS)
                rp_diag_error(ld->diags, rp_load_loc(ld, v),
                              "this department's supervisors are given per pool; change them "
                              "per pool, for example supervisors: {%s: %d}",
                              ld->m->n_pools > 0 ? ld->m->pools[0].id : "doctors", value);
            else if (sd->kind != RP_STAFF_SHARED)
                rp_diag_error(ld->diags, rp_load_loc(ld, v),
                              "this department has no 'supervisors' to change; give it "
                              "supervisors or change its 'capacity'");
            else
                for (int w = 0; w < W && weeks_ok; w++)
                    if (weeks[w])
                        sd->shared[w] = value;
        }
    }
    if ((v = rp_ymap_get(change, "closed")))
        load_closed(ld, v, sd, weeks, weeks_ok);
}

static int clamp(long v)
{
    return v > INT_MAX ? INT_MAX : (int)v;
}

/* Weekly places of named supervisors, per pool, and who is there. */
static void named_capacity(rp_loader *ld, rp_department *d, const rp_staff_draft *sd,
                           const rp_ratio *const *levels, long *total)
{
    rp_model *m = ld->m;
    int W = m->weeks;
    for (int i = 0; i < d->n_supervisors; i++) {
        rp_supervisor *v = &m->supervisors[d->first_supervisor + i];
        v->ratio = sd->own_ratio[i] >= 1 ? sd->own_ratio[i] : resolve_ratio(levels, 3, v->pool);
        for (int w = 0; w < W; w++) {
            if (sd->closed[w] || (v->pool >= 0 && sd->pool_closed[(size_t)v->pool * W + w]))
                v->present[w] = false;
            if (!v->present[w])
                continue;
            total[w] += v->ratio;
            d->supervisors[w]++;
            if (d->pool_capacity && v->pool >= 0)
                d->pool_capacity[(size_t)v->pool * W + w] =
                    clamp((long)d->pool_capacity[(size_t)v->pool * W + w] + v->ratio);
        }
    }
}

void rp_load_staff_finish(rp_loader *ld, rp_department *d, const rp_staff_draft *sd,
                          const rp_ratio *hospital)
{
    rp_model *m = ld->m;
    int W = m->weeks, P = m->n_pools;
    const rp_ratio *levels[3] = {&sd->ratio, hospital, &ld->ratio};
    long *total = rp_load_calloc(ld, (size_t)W, sizeof *total);
    bool *bad = rp_load_calloc(ld, (size_t)W, sizeof *bad);
    if (sd->kind != RP_STAFF_NONE)
        d->supervisors = rp_load_calloc(ld, (size_t)W, sizeof *d->supervisors);
    if ((sd->kind == RP_STAFF_POOLS || sd->kind == RP_STAFF_NAMED) && P > 0)
        d->pool_capacity = rp_load_calloc(ld, (size_t)P * W, sizeof *d->pool_capacity);
    if (ld->nomem) {
        free(total);
        free(bad);
        return;
    }
    for (int w = 0; w < W; w++)
        total[w] = sd->kind == RP_STAFF_NONE ? LONG_MAX : 0;
    if (sd->kind == RP_STAFF_SHARED) {
        int ratio = resolve_ratio(levels, 3, -1);
        for (int w = 0; w < W; w++) {
            d->supervisors[w] = sd->closed[w] ? 0 : sd->shared[w];
            total[w] = (long)sd->shared[w] * ratio;
        }
    } else if (sd->kind == RP_STAFF_POOLS) {
        for (int k = 0; k < P; k++) {
            long ratio = resolve_ratio(levels, 3, k);
            for (int w = 0; w < W; w++) {
                size_t c = (size_t)k * W + w;
                if (sd->closed[w] || sd->pool_closed[c])
                    continue;
                d->supervisors[w] += sd->pooled[c];
                d->pool_capacity[c] = clamp(sd->pooled[c] * ratio);
                total[w] += sd->pooled[c] * ratio;
            }
        }
    } else if (sd->kind == RP_STAFF_NAMED) {
        named_capacity(ld, d, sd, levels, total);
    }
    bool any_bad = false;
    for (int w = 0; w < W; w++) {
        long cap = total[w];
        if (sd->explicit_capacity[w] >= 0 && sd->explicit_capacity[w] < cap)
            cap = sd->explicit_capacity[w];
        d->capacity[w] = sd->closed[w] ? 0 : clamp(cap);
        d->minimum[w] = sd->closed[w] ? 0 : sd->minimum[w];
        if (d->minimum[w] > d->capacity[w])
            any_bad = bad[w] = true;
    }
    if (any_bad) {
        char weeks[256];
        rp_model_format_weeks(bad, W, weeks, sizeof weeks);
        int w = 0;
        while (!bad[w])
            w++;
        rp_diag_error(ld->diags, d->loc,
                      "department '%s/%s' needs at least %d students but can take only %d "
                      "(week%s %s)",
                      m->hospitals[d->hospital].id, d->id ? d->id : "?", d->minimum[w],
                      d->capacity[w], strpbrk(weeks, ",-") ? "s" : "", weeks);
    }
    free(total);
    free(bad);
}
