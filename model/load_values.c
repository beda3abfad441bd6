/* Typed values of the config, each failure a diagnostic at the value. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"

rp_loc rp_load_loc(const rp_loader *ld, const rp_ynode *node)
{
    /* ld->file, not the document's name: the model keeps these locations
     * after the document is gone. */
    if (!node)
        return (rp_loc){ld->file, 0, 0};
    return (rp_loc){ld->file, node->line, node->column};
}

char *rp_load_strdup(rp_loader *ld, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        ld->nomem = true;
    return copy;
}

void rp_load_placeholder_id(rp_loader *ld, char **id, int index)
{
    if (*id)
        return;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "#%d", index + 1);
    *id = rp_load_strdup(ld, tmp);
}

void *rp_load_calloc(rp_loader *ld, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        ld->nomem = true;
    return p;
}

void rp_load_name_defaults(rp_loader *ld, char **id, char **name, int index)
{
    rp_load_placeholder_id(ld, id, index);
    if (!*name && *id)
        *name = rp_load_strdup(ld, *id);
}

const char *rp_load_text(rp_loader *ld, const rp_ynode *node, const char *what)
{
    if (!node || node->kind != RP_Y_SCALAR || rp_yscalar_is_null(node)) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be text, found %s", what,
                      rp_ynode_describe(node));
        return NULL;
    }
    return node->value;
}

bool rp_load_id_valid(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
            return false;
    return true;
}

const char *rp_load_id(rp_loader *ld, const rp_ynode *node, const char *what)
{
    if (!node || node->kind != RP_Y_SCALAR || rp_yscalar_is_null(node)) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be an id, found %s", what,
                      rp_ynode_describe(node));
        return NULL;
    }
    if (!rp_load_id_valid(node->value)) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "%s '%s' is not a valid id (use letters, digits, '_', '-' and '.')", what,
                      node->value);
        return NULL;
    }
    return node->value;
}

bool rp_load_int(rp_loader *ld, const rp_ynode *node, const char *what, long min, long max,
                 int *out)
{
    long v;
    if (!rp_yscalar_int(node, &v)) {
        rp_ynode unquoted = node ? *node : (rp_ynode){0};
        unquoted.quoted = false;
        if (node && node->quoted && rp_yscalar_int(&unquoted, &v))
            rp_diag_error(ld->diags, rp_load_loc(ld, node),
                          "%s must be a whole number; write %s without quotes", what,
                          node->value);
        else if (node && node->kind == RP_Y_SCALAR && !rp_yscalar_is_null(node))
            rp_diag_error(ld->diags, rp_load_loc(ld, node),
                          "%s must be a whole number, found '%s'", what, node->value);
        else
            rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be a whole number, found %s",
                          what, rp_ynode_describe(node));
        return false;
    }
    if (v < min || v > max) {
        if (max == RP_LOAD_INT_MAX)
            rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be at least %ld, found %ld",
                          what, min, v);
        else
            rp_diag_error(ld->diags, rp_load_loc(ld, node),
                          "%s must be between %ld and %ld, found %ld", what, min, max, v);
        return false;
    }
    *out = (int)v;
    return true;
}

bool rp_load_bool(rp_loader *ld, const rp_ynode *node, const char *what, bool *out)
{
    if (!rp_yscalar_bool(node, out)) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be true or false, found %s",
                      what, rp_ynode_describe(node));
        return false;
    }
    return true;
}

bool rp_load_is_list(rp_loader *ld, const rp_ynode *node, const char *what, bool scalar_ok)
{
    if (node && (node->kind == RP_Y_SEQUENCE || (scalar_ok && node->kind == RP_Y_SCALAR)))
        return true;
    rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be a list, found %s", what,
                  rp_ynode_describe(node));
    return false;
}

bool rp_load_is_map(rp_loader *ld, const rp_ynode *node, const char *what)
{
    if (node && node->kind == RP_Y_MAPPING)
        return true;
    rp_diag_error(ld->diags, rp_load_loc(ld, node), "%s must be a mapping (key: value), found %s",
                  what, rp_ynode_describe(node));
    return false;
}

void rp_load_missing(rp_loader *ld, const rp_ynode *map, const char *key, const char *what)
{
    rp_diag_error(ld->diags, rp_load_loc(ld, map), "%s needs '%s'", what, key);
}

static bool parse_week_number(const char *s, const char **end, int *out)
{
    if (!isdigit((unsigned char)*s))
        return false;
    long v = 0;
    while (isdigit((unsigned char)*s) && v < 1000000)
        v = 10 * v + (*s++ - '0');
    *out = (int)v;
    *end = s;
    return true;
}

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

bool rp_load_week_item(rp_loader *ld, const char *text, rp_loc loc, bool *weeks)
{
    const char *s = skip_blanks(text), *end;
    int first, last;
    if (!parse_week_number(s, &end, &first))
        goto malformed;
    last = first;
    s = skip_blanks(end);
    if (*s == '-') {
        s = skip_blanks(s + 1);
        if (!parse_week_number(s, &end, &last))
            goto malformed;
        s = skip_blanks(end);
    }
    if (*s != '\0')
        goto malformed;
    if (last < first) {
        rp_diag_error(ld->diags, loc, "week range '%s' ends before it starts", text);
        return false;
    }
    if (!ld->weeks_known)
        return true;
    if (first < 1 || last > ld->m->weeks) {
        rp_diag_error(ld->diags, loc, "week %d is outside the plan (weeks 1-%d)",
                      first < 1 ? first : last, ld->m->weeks);
        return false;
    }
    for (int w = first; w <= last; w++)
        weeks[w - 1] = true;
    return true;
malformed:
    rp_diag_error(ld->diags, loc, "'%s' is not a week or a week range such as 5 or 5-6", text);
    return false;
}

bool rp_load_week_list(rp_loader *ld, const rp_ynode *node, const char *what, bool *weeks)
{
    if (!rp_load_is_list(ld, node, what, true))
        return false;
    if (node->kind == RP_Y_SCALAR)
        return rp_load_week_item(ld, node->value, rp_load_loc(ld, node), weeks);
    bool ok = true;
    for (int i = 0; i < node->n_items; i++) {
        const rp_ynode *item = node->items[i];
        if (item->kind != RP_Y_SCALAR) {
            rp_diag_error(ld->diags, rp_load_loc(ld, item),
                          "%s: each item must be a week or a range such as 5-6, found %s", what,
                          rp_ynode_describe(item));
            ok = false;
            continue;
        }
        ok &= rp_load_week_item(ld, item->value, rp_load_loc(ld, item), weeks);
    }
    return ok;
}

#define RP_DEFINE_REF(fn, find, kind_word)                                     \
    int fn(rp_loader *ld, const char *id, rp_loc loc)                          \
    {                                                                          \
        int i = find(ld->m, id);                                               \
        if (i < 0)                                                             \
            rp_diag_error(ld->diags, loc, "no " kind_word " has id '%s'", id); \
        return i;                                                              \
    }
RP_DEFINE_REF(rp_load_ref_discipline, rp_model_find_discipline, "discipline")
RP_DEFINE_REF(rp_load_ref_hospital, rp_model_find_hospital, "hospital")
RP_DEFINE_REF(rp_load_ref_programme, rp_model_find_programme, "programme")

int rp_load_ref_department(rp_loader *ld, const char *ref, rp_loc loc)
{
    const char *slash = strchr(ref, '/');
    if (!slash || slash == ref || slash[1] == '\0') {
        rp_diag_error(ld->diags, loc,
                      "'%s' is not a department reference; write HOSPITAL/DEPARTMENT, "
                      "for example bai_chay/cardiology",
                      ref);
        return -1;
    }
    char hospital_id[256];
    size_t n = (size_t)(slash - ref);
    if (n >= sizeof hospital_id)
        n = sizeof hospital_id - 1;
    memcpy(hospital_id, ref, n);
    hospital_id[n] = '\0';
    int h = rp_model_find_hospital(ld->m, hospital_id);
    if (h < 0) {
        rp_diag_error(ld->diags, loc, "no hospital has id '%s' (in '%s')", hospital_id, ref);
        return -1;
    }
    int d = rp_model_find_department(ld->m, h, slash + 1);
    if (d < 0)
        rp_diag_error(ld->diags, loc, "hospital '%s' has no department '%s'", hospital_id,
                      slash + 1);
    return d;
}
