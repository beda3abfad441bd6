#include "bench/mss_instance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports at most this many bad values per array, then how many more. */
#define MAX_REPORTED 5

/* ANY: a weight or preference, within what a rotaplan config accepts for
 * them (docs/config.md: -1,000,000 to 1,000,000). */
typedef enum domain { ANY, NONNEG, BINARY, GROUP } domain;
#define VALUE_LIMIT 1000000L

typedef struct array_spec {
    const char *name;
    size_t member;              /* offsetof the item pointer in rp_mss */
    int n_dims;
    const char *dim_names[3];   /* scalar names, or a number as text */
    domain values;
} array_spec;

#define MEMBER(f) offsetof(rp_mss, f)

static const array_spec arrays[] = {
    {"DiscGroup", MEMBER(disc_group), 1, {"Disciplines"}, GROUP},
    {"StudDiscGroup", MEMBER(stud_disc_group), 2, {"Students", "Groups"}, NONNEG},
    {"AllowedDisc", MEMBER(allowed_disc), 2, {"Students", "Disciplines"}, BINARY},
    {"Precededby", MEMBER(precededby), 2, {"Disciplines", "Disciplines"}, BINARY},
    {"Availability", MEMBER(availability), 2, {"Students", "Horizon"}, BINARY},
    {"Ability", MEMBER(ability), 3, {"Students", "Hospitals", "Disciplines"}, BINARY},
    {"MaxPosHosp", MEMBER(max_pos), 3, {"Hospitals", "Disciplines", "Horizon"}, NONNEG},
    {"MinPosHosp", MEMBER(min_pos), 3, {"Hospitals", "Disciplines", "Horizon"}, NONNEG},
    {"WeightPref", MEMBER(weight_pref), 2, {"Students", "4"}, ANY},
    {"PrefStudDisc", MEMBER(pref_disc), 2, {"Students", "Disciplines"}, ANY},
    {"PrefStudHosp", MEMBER(pref_hosp), 2, {"Students", "Hospitals"}, ANY},
    {"ManPref", MEMBER(man_pref), 1, {"Disciplines"}, ANY},
};

typedef struct scalar_spec {
    const char *name;
    size_t member; /* offsetof the int in rp_mss */
    int min;
} scalar_spec;

static const scalar_spec scalars[] = {
    {"Students", MEMBER(students), 1},   {"Disciplines", MEMBER(disciplines), 1},
    {"Hospitals", MEMBER(hospitals), 1}, {"Horizon", MEMBER(horizon), 1},
    {"Duration", MEMBER(duration), 1},   {"Groups", MEMBER(groups), 1},
    {"MaxDiscPerHosp", MEMBER(max_disc_per_hosp), 0},
};

long rp_mss_at1(const rp_dzn_item *a, int i)
{
    return a->values[i];
}

size_t rp_mss_index2(const rp_dzn_item *a, int i, int j)
{
    return (size_t)i * (size_t)a->dims[1] + (size_t)j;
}

size_t rp_mss_index3(const rp_dzn_item *a, int i, int j, int k)
{
    return ((size_t)i * (size_t)a->dims[1] + (size_t)j) * (size_t)a->dims[2] + (size_t)k;
}

long rp_mss_at2(const rp_dzn_item *a, int i, int j)
{
    return a->values[rp_mss_index2(a, i, j)];
}

long rp_mss_at3(const rp_dzn_item *a, int i, int j, int k)
{
    return a->values[rp_mss_index3(a, i, j, k)];
}

bool rp_mss_has_department(const rp_mss *m, int h, int d)
{
    for (int t = 0; t < m->horizon; t++)
        if (rp_mss_at3(m->max_pos, h, d, t) > 0)
            return true;
    return false;
}

void rp_mss_subscript(const rp_dzn_item *a, size_t flat, char *buf, size_t size)
{
    int index[RP_DZN_MAX_DIMS];
    for (int k = a->n_dims - 1; k >= 0; k--) {
        size_t n = a->dims[k] > 0 ? (size_t)a->dims[k] : 1;
        index[k] = (int)(flat % n);
        flat /= n;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < a->n_dims && used < size; k++) {
        int w = snprintf(buf + used, size - used, "%s%d", k ? "," : "[", index[k] + 1);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used + 2 <= size)
        strcat(buf, "]");
}

void rp_mss_free(rp_mss **m)
{
    if (!m || !*m)
        return;
    rp_dzn_free(&(*m)->doc);
    free(*m);
    *m = NULL;
}

static rp_loc file_loc(const rp_mss *m)
{
    return (rp_loc){m->doc->file, 0, 0};
}

static rp_loc value_loc(const rp_mss *m, const rp_dzn_item *a, size_t flat)
{
    return rp_dzn_loc(m->doc, a->offsets[flat]);
}

static bool read_scalars(rp_mss *m, rp_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        const scalar_spec *s = &scalars[i];
        const rp_dzn_item *item = rp_dzn_find(m->doc, s->name);
        int *field = (int *)((char *)m + s->member);
        if (!item) {
            rp_diag_error(diags, file_loc(m), "'%s' is missing (every MSS instance gives it)",
                          s->name);
            ok = false;
        } else if (item->is_array) {
            rp_diag_error(diags, rp_dzn_loc(m->doc, item->value_offset),
                          "'%s' must be an integer, not an array", s->name);
            ok = false;
        } else if (item->scalar < s->min) {
            rp_diag_error(diags, rp_dzn_loc(m->doc, item->value_offset),
                          "'%s' is %ld but must be at least %d", s->name, item->scalar, s->min);
            ok = false;
        } else {
            *field = (int)item->scalar;
        }
    }
    if (ok && m->duration > m->horizon) {
        const rp_dzn_item *item = rp_dzn_find(m->doc, "Duration");
        rp_diag_error(diags, rp_dzn_loc(m->doc, item->value_offset),
                      "'Duration' is %d periods, longer than 'Horizon' (%d)", m->duration,
                      m->horizon);
        ok = false;
    }
    return ok;
}

static int dim_value(const rp_mss *m, const char *name)
{
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++)
        if (strcmp(scalars[i].name, name) == 0)
            return *(const int *)((const char *)m + scalars[i].member);
    return atoi(name);
}

/* "Students x Groups = 40 x 2" for the shape a spec asks for. */
static void wanted_shape(const rp_mss *m, const array_spec *a, char *buf, size_t size)
{
    char names[96] = "", sizes[64] = "";
    for (int k = 0; k < a->n_dims; k++) {
        size_t n = strlen(names), s = strlen(sizes);
        snprintf(names + n, sizeof names - n, "%s%s", k ? " x " : "", a->dim_names[k]);
        snprintf(sizes + s, sizeof sizes - s, "%s%d", k ? " x " : "", dim_value(m, a->dim_names[k]));
    }
    if (a->n_dims == 1)
        snprintf(buf, size, "%s = %s values", names, sizes);
    else
        snprintf(buf, size, "%s = %s", names, sizes);
}

static void actual_shape(const rp_dzn_item *item, char *buf, size_t size)
{
    if (item->n_dims == 1) {
        snprintf(buf, size, "%d values", item->dims[0]);
        return;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < item->n_dims && used < size; k++) {
        int w = snprintf(buf + used, size - used, "%s%d", k ? " x " : "", item->dims[k]);
        used += w > 0 ? (size_t)w : 0;
    }
}

static bool check_shape(const rp_mss *m, const array_spec *a, const rp_dzn_item *item,
                        rp_diags *diags)
{
    bool same = item->n_dims == a->n_dims;
    for (int k = 0; same && k < a->n_dims; k++)
        same = item->dims[k] == dim_value(m, a->dim_names[k]);
    if (same)
        return true;
    char want[160], got[96];
    wanted_shape(m, a, want, sizeof want);
    actual_shape(item, got, sizeof got);
    rp_diag_error(diags, rp_dzn_loc(m->doc, item->value_offset), "'%s' is %s but must be %s",
                  a->name, got, want);
    return false;
}

static bool value_fits(const rp_mss *m, domain d, long v)
{
    switch (d) {
    case ANY: return v >= -VALUE_LIMIT && v <= VALUE_LIMIT;
    case NONNEG: return v >= 0;
    case BINARY: return v == 0 || v == 1;
    case GROUP: return v >= 1 && v <= m->groups;
    }
    return true;
}

static const char *domain_words(domain d)
{
    switch (d) {
    case ANY: return "must be between -1000000 and 1000000";
    case NONNEG: return "must be 0 or more";
    case BINARY: return "must be 0 or 1";
    case GROUP: return "must be a group from 1 to 'Groups'";
    }
    return "";
}

static bool check_values(const rp_mss *m, const array_spec *a, const rp_dzn_item *item,
                         rp_diags *diags)
{
    int bad = 0;
    for (int i = 0; i < item->n_values; i++) {
        if (value_fits(m, a->values, item->values[i]))
            continue;
        if (bad++ < MAX_REPORTED) {
            char sub[64];
            rp_mss_subscript(item, (size_t)i, sub, sizeof sub);
            rp_diag_error(diags, value_loc(m, item, (size_t)i), "%s%s is %ld but %s", a->name, sub,
                          item->values[i], domain_words(a->values));
        }
    }
    if (bad > MAX_REPORTED)
        rp_diag_note(diags, rp_dzn_loc(m->doc, item->value_offset),
                     "%d more values of '%s' are out of range", bad - MAX_REPORTED, a->name);
    return bad == 0;
}

static bool read_arrays(rp_mss *m, rp_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        const array_spec *a = &arrays[i];
        const rp_dzn_item *item = rp_dzn_find(m->doc, a->name);
        if (!item) {
            rp_diag_error(diags, file_loc(m), "'%s' is missing (every MSS instance gives it)",
                          a->name);
            ok = false;
            continue;
        }
        if (!item->is_array) {
            rp_diag_error(diags, rp_dzn_loc(m->doc, item->value_offset),
                          "'%s' must be an array, not an integer", a->name);
            ok = false;
            continue;
        }
        if (!check_shape(m, a, item, diags) || !check_values(m, a, item, diags)) {
            ok = false;
            continue;
        }
        *(const rp_dzn_item **)((char *)m + a->member) = item;
    }
    return ok;
}

static void warn_unknown_names(const rp_mss *m, rp_diags *diags)
{
    for (int i = 0; i < m->doc->n_items; i++) {
        const char *name = m->doc->items[i].name;
        bool known = false;
        for (size_t k = 0; !known && k < sizeof scalars / sizeof scalars[0]; k++)
            known = strcmp(scalars[k].name, name) == 0;
        for (size_t k = 0; !known && k < sizeof arrays / sizeof arrays[0]; k++)
            known = strcmp(arrays[k].name, name) == 0;
        if (!known)
            rp_diag_warning(diags, rp_dzn_loc(m->doc, m->doc->items[i].offset),
                            "'%s' is not part of an MSS instance and is ignored", name);
    }
}

/* Depth-first over "d needs d1 first" (Precededby[d][d1] = 1, d1 != d) from
 * d; state: 0 unseen, 1 on the path, 2 done. The discipline a cycle closes
 * at, or -1; path[] holds the walk and *len its length. */
static int prerequisite_cycle(const rp_mss *m, int d, char *state, int *path, int *len)
{
    state[d] = 1;
    path[(*len)++] = d;
    for (int d1 = 0; d1 < m->disciplines; d1++) {
        if (d1 == d || !rp_mss_at2(m->precededby, d, d1) || state[d1] == 2)
            continue;
        if (state[d1] == 1)
            return d1;
        int closed = prerequisite_cycle(m, d1, state, path, len);
        if (closed >= 0)
            return closed;
    }
    state[d] = 2;
    (*len)--;
    return -1;
}

/* A config's prerequisites may not form a cycle (no student could do any of
 * them): refused here, at the first edge of the first cycle found. */
static bool check_prerequisite_cycles(const rp_mss *m, rp_diags *diags)
{
    size_t n = (size_t)m->disciplines + 1;
    char *state = calloc(n, 1);
    int *path = malloc(n * sizeof *path);
    if (!state || !path) {
        /* out of memory: the config's own loader still refuses a cycle */
        free(state);
        free(path);
        return true;
    }
    bool ok = true;
    for (int d = 0; d < m->disciplines && ok; d++) {
        int len = 0;
        int closed = state[d] ? -1 : prerequisite_cycle(m, d, state, path, &len);
        if (closed < 0)
            continue;
        int from = 0;
        while (path[from] != closed)
            from++;
        char walk[256] = "", sub[64];
        size_t used = 0;
        for (int i = from; i < len && used < sizeof walk - 16; i++)
            used += (size_t)snprintf(walk + used, sizeof walk - used, "d%d -> ", path[i] + 1);
        snprintf(walk + used, sizeof walk - used, "d%d", closed + 1);
        int next = from + 1 < len ? path[from + 1] : closed;
        size_t at = rp_mss_index2(m->precededby, closed, next);
        rp_mss_subscript(m->precededby, at, sub, sizeof sub);
        rp_diag_error(diags, value_loc(m, m->precededby, at),
                      "Precededby%s is 1 and the prerequisites form a cycle: %s (each needs "
                      "the next first)",
                      sub, walk);
        ok = false;
    }
    free(state);
    free(path);
    return ok;
}

/* Rules whose breach rotaplan cannot even write down. */
static bool check_expressible(const rp_mss *m, rp_diags *diags)
{
    bool ok = true;
    char sub[64];
    for (int h = 0; h < m->hospitals; h++)
        for (int d = 0; d < m->disciplines; d++)
            for (int t = 0; t < m->horizon; t++) {
                long lo = rp_mss_at3(m->min_pos, h, d, t), hi = rp_mss_at3(m->max_pos, h, d, t);
                if (lo <= hi)
                    continue;
                size_t at = rp_mss_index3(m->min_pos, h, d, t);
                rp_mss_subscript(m->min_pos, at, sub, sizeof sub);
                rp_diag_error(diags, value_loc(m, m->min_pos, at),
                              "MinPosHosp%s is %ld, above MaxPosHosp%s = %ld: no plan can meet it",
                              sub, lo, sub, hi);
                ok = false;
            }
    for (int s = 0; s < m->students; s++)
        for (int w = 0; w < 2; w++) {
            size_t at = rp_mss_index2(m->weight_pref, s, w);
            if (m->weight_pref->values[at] >= 0)
                continue;
            rp_mss_subscript(m->weight_pref, at, sub, sizeof sub);
            rp_diag_error(diags, value_loc(m, m->weight_pref, at),
                          "WeightPref%s is %ld but must be 0 or more: it weighs the student's "
                          "%s preferences",
                          sub, m->weight_pref->values[at], w == 0 ? "discipline" : "hospital");
            ok = false;
        }
    for (int s = 0; s < m->students; s++)
        for (int w = 2; w < 4; w++) {
            size_t at = rp_mss_index2(m->weight_pref, s, w);
            if (m->weight_pref->values[at] <= 0)
                continue;
            rp_mss_subscript(m->weight_pref, at, sub, sizeof sub);
            rp_diag_error(diags, value_loc(m, m->weight_pref, at),
                          "WeightPref%s is %ld but must be 0 or less: it weighs %s, which "
                          "rotaplan only penalises",
                          sub, m->weight_pref->values[at],
                          w == 2 ? "hospital changes" : "idle periods");
            ok = false;
        }
    for (int g = 0; g < m->groups; g++) {
        long members = 0;
        for (int d = 0; d < m->disciplines; d++)
            members += rp_mss_at1(m->disc_group, d) == g + 1;
        for (int s = 0; s < m->students; s++) {
            size_t at = rp_mss_index2(m->stud_disc_group, s, g);
            long needed = m->stud_disc_group->values[at];
            if (needed <= members)
                continue;
            if (members == 0)
                rp_diag_error(diags, value_loc(m, m->stud_disc_group, at),
                              "student s%d needs %ld disciplines of group g%d, which has none "
                              "('DiscGroup' never names it)",
                              s + 1, needed, g + 1);
            else
                rp_diag_error(diags, value_loc(m, m->stud_disc_group, at),
                              "student s%d needs %ld disciplines of group g%d, which has only "
                              "%ld",
                              s + 1, needed, g + 1, members);
            ok = false;
        }
    }
    for (int d = 0; d < m->disciplines; d++) {
        size_t at = rp_mss_index2(m->precededby, d, d);
        if (m->precededby->values[at] == 0)
            continue;
        rp_mss_subscript(m->precededby, at, sub, sizeof sub);
        rp_diag_error(diags, value_loc(m, m->precededby, at),
                      "Precededby%s is 1: discipline d%d cannot precede itself", sub, d + 1);
        ok = false;
    }
    return check_prerequisite_cycles(m, diags) && ok;
}

/* Checks the parsed document m->doc; frees m on failure. */
static rp_status finish_read(rp_mss *m, rp_mss **out, rp_diags *diags)
{
    warn_unknown_names(m, diags);
    if (!read_scalars(m, diags) || !read_arrays(m, diags) || !check_expressible(m, diags)) {
        rp_mss_free(&m);
        return RP_ERR_INVALID;
    }
    *out = m;
    return RP_OK;
}

rp_status rp_mss_read(const char *path, rp_mss **out, rp_diags *diags)
{
    *out = NULL;
    rp_mss *m = calloc(1, sizeof *m);
    if (!m)
        return RP_ERR_NOMEM;
    rp_status st = rp_dzn_parse_file(path, NULL, &m->doc, diags);
    if (st) {
        free(m);
        return st;
    }
    return finish_read(m, out, diags);
}

rp_status rp_mss_read_string(const char *name, const char *text, size_t len, rp_mss **out,
                             rp_diags *diags)
{
    *out = NULL;
    rp_mss *m = calloc(1, sizeof *m);
    if (!m)
        return RP_ERR_NOMEM;
    rp_status st = rp_dzn_parse_string(name, text, len, NULL, &m->doc, diags);
    if (st) {
        free(m);
        return st;
    }
    return finish_read(m, out, diags);
}
