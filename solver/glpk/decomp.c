#include "solver/glpk/decomp.h"

#include <math.h>
#include <stdlib.h>

static void copy_col(glp_prob *to, int k, glp_prob *from, int j)
{
    glp_set_col_kind(to, k, glp_get_col_kind(from, j));
    glp_set_col_bnds(to, k, glp_get_col_type(from, j), glp_get_col_lb(from, j),
                     glp_get_col_ub(from, j));
}

static void copy_row_bounds(glp_prob *to, int r, glp_prob *from, int i)
{
    glp_set_row_bnds(to, r, glp_get_row_type(from, i), glp_get_row_lb(from, i),
                     glp_get_row_ub(from, i));
}

static void classify_rows(rp_glpk_decomp *d)
{
    for (int i = 1; i <= d->m; i++) {
        int len = glp_get_mat_row(d->P, i, d->ind, NULL);
        int owner = len ? d->group[d->ind[1] - 1] : -2;
        for (int k = 2; k <= len && owner >= 0; k++)
            if (d->group[d->ind[k] - 1] != owner)
                owner = -1;
        d->row_group[i] = owner;
        if (owner == -1)
            d->link_row[i] = ++d->n_link;
    }
}

/* Column-wise entries of the shared rows. False when out of memory. */
static bool index_links(rp_glpk_decomp *d)
{
    for (int i = 1; i <= d->m; i++) {
        if (d->row_group[i] != -1)
            continue;
        int len = glp_get_mat_row(d->P, i, d->ind, NULL);
        for (int k = 1; k <= len; k++)
            d->lk_start[d->ind[k] + 1]++;
    }
    for (int j = 1; j <= d->n + 1; j++)
        d->lk_start[j] += d->lk_start[j - 1];
    size_t total = (size_t)d->lk_start[d->n + 1] + 1;
    int *fill = calloc((size_t)d->n + 2, sizeof *fill);
    d->lk_row = malloc(total * sizeof *d->lk_row);
    d->lk_val = malloc(total * sizeof *d->lk_val);
    if (!fill || !d->lk_row || !d->lk_val) {
        free(fill);
        return false;
    }
    for (int i = 1; i <= d->m; i++) {
        if (d->row_group[i] != -1)
            continue;
        int len = glp_get_mat_row(d->P, i, d->ind, d->val);
        for (int k = 1; k <= len; k++) {
            int j = d->ind[k], at = d->lk_start[j] + fill[j]++;
            d->lk_row[at] = d->link_row[i];
            d->lk_val[at] = d->val[k];
        }
    }
    free(fill);
    return true;
}

/* Which rows belong to each group, as lists, so that a group's MIP is built
 * from its own rows without scanning all of them. False when out of memory. */
static bool index_own_rows(rp_glpk_decomp *d)
{
    d->own_start = calloc((size_t)d->n_groups + 2, sizeof *d->own_start);
    d->own_rows = malloc(((size_t)d->m + 1) * sizeof *d->own_rows);
    int *fill = calloc((size_t)d->n_groups + 1, sizeof *fill);
    bool ok = d->own_start && d->own_rows && fill;
    for (int i = 1; ok && i <= d->m; i++)
        if (d->row_group[i] >= 0)
            d->own_start[d->row_group[i] + 1]++;
    for (int g = 1; ok && g <= d->n_groups; g++)
        d->own_start[g] += d->own_start[g - 1];
    for (int i = 1; ok && i <= d->m; i++) {
        int g = d->row_group[i];
        if (g >= 0)
            d->own_rows[d->own_start[g] + fill[g]++] = i;
    }
    free(fill);
    return ok;
}

glp_prob *rp_glpk_decomp_sub(rp_glpk_decomp *d, int g)
{
    rp_glpk_group_part *p = &d->parts[g];
    if (p->sub)
        return p->sub;
    glp_prob *S = p->sub = glp_create_prob();
    glp_set_obj_dir(S, glp_get_obj_dir(d->P));
    glp_add_cols(S, p->n);
    for (int k = 0; k < p->n; k++) {
        copy_col(S, k + 1, d->P, p->cols[k]);
        d->local[p->cols[k]] = k + 1;
    }
    for (int e = d->own_start[g]; e < d->own_start[g + 1]; e++) {
        int i = d->own_rows[e];
        int len = glp_get_mat_row(d->P, i, d->ind, d->val);
        for (int k = 1; k <= len; k++)
            d->ind[k] = d->local[d->ind[k]];
        int r = glp_add_rows(S, 1);
        copy_row_bounds(S, r, d->P, i);
        glp_set_mat_row(S, r, len, d->ind, d->val);
    }
    return S;
}

static bool build_parts(rp_glpk_decomp *d)
{
    for (int j = 0; j < d->n; j++)
        if (d->group[j] + 1 > d->n_groups)
            d->n_groups = d->group[j] + 1;
    d->parts = calloc((size_t)d->n_groups + 1, sizeof *d->parts);
    d->local = calloc((size_t)d->n + 1, sizeof *d->local);
    bool ok = d->parts && d->local && index_own_rows(d);
    for (int j = 0; j < d->n && ok; j++)
        if (d->group[j] >= 0)
            d->parts[d->group[j]].n++;
    for (int g = 0; g < d->n_groups && ok; g++) {
        rp_glpk_group_part *p = &d->parts[g];
        p->cols = malloc(((size_t)p->n + 1) * sizeof *p->cols);
        p->x = malloc(((size_t)p->n + 1) * sizeof *p->x);
        ok = p->cols && p->x;
        p->n = 0;
    }
    for (int j = 1; j <= d->n && ok; j++)
        if (d->group[j - 1] >= 0) {
            rp_glpk_group_part *p = &d->parts[d->group[j - 1]];
            p->cols[p->n++] = j;
        }
    return ok;
}

static void build_master(rp_glpk_decomp *d)
{
    d->M = glp_create_prob();
    glp_set_obj_dir(d->M, glp_get_obj_dir(d->P));
    glp_set_obj_coef(d->M, 0, glp_get_obj_coef(d->P, 0));
    if (d->n_link)
        glp_add_rows(d->M, d->n_link);
    for (int i = 1; i <= d->m; i++)
        if (d->row_group[i] == -1)
            copy_row_bounds(d->M, d->link_row[i], d->P, i);
    for (int g = 0; g < d->n_groups; g++) {
        if (d->parts[g].n == 0)
            continue;
        d->parts[g].conv_row = glp_add_rows(d->M, 1);
        glp_set_row_bnds(d->M, d->parts[g].conv_row, GLP_FX, 1, 1);
    }
    for (int j = 1; j <= d->n; j++) {
        if (d->group[j - 1] >= 0)
            continue;
        int c = d->free_col[j] = glp_add_cols(d->M, 1);
        d->n_free++;
        copy_col(d->M, c, d->P, j);
        glp_set_col_kind(d->M, c, GLP_CV);
        glp_set_obj_coef(d->M, c, glp_get_obj_coef(d->P, j));
        int len = 0;
        for (int k = d->lk_start[j]; k < d->lk_start[j + 1]; k++) {
            d->ind[++len] = d->lk_row[k];
            d->val[len] = d->lk_val[k];
        }
        glp_set_mat_col(d->M, c, len, d->ind, d->val);
    }
    d->acc = calloc((size_t)glp_get_num_rows(d->M) + 1, sizeof *d->acc);
    d->mark = calloc((size_t)glp_get_num_rows(d->M) + 1, sizeof *d->mark);
}

rp_glpk_decomp *rp_glpk_decomp_new(glp_prob *P, const int *group)
{
    rp_glpk_decomp *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->P = P;
    d->group = group;
    d->n = glp_get_num_cols(P);
    d->m = glp_get_num_rows(P);
    d->sense = glp_get_obj_dir(P) == GLP_MAX ? 1 : -1;
    size_t wide = (size_t)d->n + (size_t)d->m + 2; /* master rows <= m + groups */
    d->row_group = malloc(((size_t)d->m + 1) * sizeof *d->row_group);
    d->link_row = calloc((size_t)d->m + 1, sizeof *d->link_row);
    d->free_col = calloc((size_t)d->n + 1, sizeof *d->free_col);
    d->lk_start = calloc((size_t)d->n + 2, sizeof *d->lk_start);
    d->ind = malloc(wide * sizeof *d->ind);
    d->val = malloc(wide * sizeof *d->val);
    d->sched_group = malloc(sizeof *d->sched_group);
    d->sched_at = calloc(2, sizeof *d->sched_at);
    bool ok = d->row_group && d->link_row && d->free_col && d->lk_start && d->ind && d->val &&
              d->sched_group && d->sched_at;
    if (ok) {
        classify_rows(d);
        ok = index_links(d) && build_parts(d);
    }
    if (ok) {
        build_master(d);
        ok = d->acc && d->mark;
    }
    if (!ok)
        rp_glpk_decomp_free(&d);
    return d;
}

void rp_glpk_decomp_free(rp_glpk_decomp **dp)
{
    rp_glpk_decomp *d = *dp;
    if (!d)
        return;
    for (int g = 0; d->parts && g < d->n_groups; g++) {
        if (d->parts[g].sub)
            glp_delete_prob(d->parts[g].sub);
        free(d->parts[g].cols);
        free(d->parts[g].x);
    }
    free(d->parts);
    if (d->M)
        glp_delete_prob(d->M);
    free(d->row_group);
    free(d->link_row);
    free(d->free_col);
    free(d->lk_start);
    free(d->lk_row);
    free(d->lk_val);
    free(d->sched_group);
    free(d->sched_at);
    free(d->ent_col);
    free(d->ent_val);
    free(d->acc);
    free(d->mark);
    free(d->own_start);
    free(d->own_rows);
    free(d->local);
    free(d->ind);
    free(d->val);
    free(d);
    *dp = NULL;
}

static bool grow(void **a, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return true;
    int cap2 = *cap * 2 > need ? *cap * 2 : need + 16;
    void *b = realloc(*a, (size_t)cap2 * size);
    if (!b)
        return false;
    *a = b;
    *cap = cap2;
    return true;
}

/* Keeps the schedule's non-zeros, so a master solution becomes a plan. */
static bool store_schedule(rp_glpk_decomp *d, int g, const double *x)
{
    const rp_glpk_group_part *p = &d->parts[g];
    int cap = d->cap_sched, cap_at = d->cap_sched;
    if (!grow((void **)&d->sched_group, &cap, d->n_sched + 2, sizeof *d->sched_group) ||
        !grow((void **)&d->sched_at, &cap_at, d->n_sched + 2, sizeof *d->sched_at))
        return false;
    d->cap_sched = cap < cap_at ? cap : cap_at;
    int cap_ent = d->cap_ent, cap_val = d->cap_ent;
    if (!grow((void **)&d->ent_col, &cap_ent, d->n_ent + p->n, sizeof *d->ent_col) ||
        !grow((void **)&d->ent_val, &cap_val, d->n_ent + p->n, sizeof *d->ent_val))
        return false;
    d->cap_ent = cap_ent < cap_val ? cap_ent : cap_val;
    for (int k = 0; k < p->n; k++)
        if (x[k + 1] != 0) {
            d->ent_col[d->n_ent] = p->cols[k];
            d->ent_val[d->n_ent++] = x[k + 1];
        }
    d->sched_group[d->n_sched] = g;
    d->sched_at[++d->n_sched] = d->n_ent;
    return true;
}

bool rp_glpk_decomp_add_schedule(rp_glpk_decomp *d, int g, const double *x)
{
    if (!store_schedule(d, g, x))
        return false;
    const rp_glpk_group_part *p = &d->parts[g];
    int touched = 0;
    double obj = 0;
    /* d->ind lists the rows touched, so the cost is the schedule's, not the
     * master's size */
    for (int k = 0; k < p->n; k++) {
        int j = p->cols[k];
        if (x[k + 1] == 0)
            continue;
        obj += glp_get_obj_coef(d->P, j) * x[k + 1];
        for (int e = d->lk_start[j]; e < d->lk_start[j + 1]; e++) {
            int r = d->lk_row[e];
            if (!d->mark[r]) {
                d->mark[r] = 1;
                d->ind[++touched] = r;
            }
            d->acc[r] += d->lk_val[e] * x[k + 1];
        }
    }
    d->ind[++touched] = p->conv_row; /* no shared row: never marked above */
    d->acc[p->conv_row] = 1;
    int len = 0;
    for (int t = 1; t <= touched; t++) {
        int r = d->ind[t];
        if (d->acc[r] != 0) {
            d->ind[++len] = r;
            d->val[len] = d->acc[r];
        }
        d->acc[r] = 0;
        d->mark[r] = 0;
    }
    int c = glp_add_cols(d->M, 1);
    glp_set_col_bnds(d->M, c, GLP_LO, 0, 0);
    glp_set_obj_coef(d->M, c, obj);
    glp_set_mat_col(d->M, c, len, d->ind, d->val);
    return true;
}

/* True when schedule k holds exactly x's values on its group's columns. */
static bool schedule_is(const rp_glpk_decomp *d, int k, const double *x)
{
    const rp_glpk_group_part *p = &d->parts[d->sched_group[k]];
    int nonzero = 0;
    for (int c = 0; c < p->n; c++)
        nonzero += x[p->cols[c]] != 0;
    if (nonzero != d->sched_at[k + 1] - d->sched_at[k])
        return false;
    for (int e = d->sched_at[k]; e < d->sched_at[k + 1]; e++)
        if (fabs(x[d->ent_col[e]] - d->ent_val[e]) > 1e-9)
            return false;
    return true;
}

typedef struct plan_search {
    double *warm_start; /* [master columns + 1] or NULL */
    bool tried;
} plan_search;

static void offer_start(glp_tree *T, void *info)
{
    plan_search *s = info;
    if (glp_ios_reason(T) == GLP_IHEUR && s->warm_start && !s->tried) {
        s->tried = true;
        glp_ios_heur_sol(T, s->warm_start);
    }
}

/* x as master column values, or NULL when one of its schedules is not in
 * the master. */
static double *master_values(const rp_glpk_decomp *d, const double *x)
{
    int cols = glp_get_num_cols(d->M);
    double *v = calloc((size_t)cols + 1, sizeof *v);
    bool *seen = calloc((size_t)d->n_groups + 1, sizeof *seen);
    int found = 0, groups = 0;
    for (int g = 0; v && seen && g < d->n_groups; g++)
        groups += d->parts[g].n > 0;
    for (int j = 1; v && seen && j <= d->n; j++)
        if (d->free_col[j])
            v[d->free_col[j]] = x[j];
    for (int k = 0; v && seen && k < d->n_sched; k++)
        if (!seen[d->sched_group[k]] && schedule_is(d, k, x)) {
            seen[d->sched_group[k]] = true;
            v[d->n_free + 1 + k] = 1;
            found++;
        }
    free(seen);
    if (v && found == groups)
        return v;
    free(v);
    return NULL;
}

static void set_schedule_kinds(rp_glpk_decomp *d, int kind)
{
    for (int k = 0; k < d->n_sched; k++)
        glp_set_col_kind(d->M, d->n_free + 1 + k, kind);
    for (int j = 1; j <= d->n; j++)
        if (d->free_col[j])
            glp_set_col_kind(d->M, d->free_col[j],
                             kind == GLP_CV ? GLP_CV : glp_get_col_kind(d->P, j));
}

bool rp_glpk_decomp_plan(rp_glpk_decomp *d, double seconds, double *x, bool *has_value, double *value)
{
    /* the search starts from the master's LP basis: the warm start's columns
     * then keep their numbers, which the presolver would change */
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(d->M, &sm) != 0 || glp_get_status(d->M) != GLP_OPT)
        return false;
    plan_search s = {*has_value ? master_values(d, x) : NULL, false};
    set_schedule_kinds(d, GLP_IV);
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.cb_func = offer_start;
    io.cb_info = &s;
    io.tm_lim = seconds > 0 ? (int)fmin(seconds * 1000, 1e9) + 1 : 1;
    glp_intopt(d->M, &io);
    free(s.warm_start);
    int status = glp_mip_status(d->M);
    bool better = false;
    if (status == GLP_OPT || status == GLP_FEAS) {
        double found = glp_mip_obj_val(d->M);
        better = !*has_value || d->sense * (found - *value) > 1e-9;
        if (better) {
            for (int j = 1; j <= d->n; j++)
                x[j] = d->free_col[j] ? glp_mip_col_val(d->M, d->free_col[j]) : 0;
            for (int k = 0; k < d->n_sched; k++)
                if (glp_mip_col_val(d->M, d->n_free + 1 + k) > 0.5)
                    for (int e = d->sched_at[k]; e < d->sched_at[k + 1]; e++)
                        x[d->ent_col[e]] = d->ent_val[e];
            *value = found;
            *has_value = true;
        }
    }
    set_schedule_kinds(d, GLP_CV);
    return better;
}
