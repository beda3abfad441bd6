#include "solver/glpk/dive.h"
#include "base/clock.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* A binary at or above this in the LP is fixed to 1 in any round. */
#define FIX_AT 0.9
#define INT_TOL 1e-6
#define ROW_TOL 1e-6

/* A fractional binary and its LP value. */
typedef struct cand {
    int j;
    double v;
} cand;

struct rp_glpk_dive {
    glp_prob *D; /* the copy the dive fixes and re-solves */
    int m, n;
    int *ind;
    double *val;
    cand *cands;
};

/* Everything is GLPK's memory, so that glp_free_env after a GLPK error
 * releases it too. */
rp_glpk_dive *rp_glpk_dive_new(glp_prob *P)
{
    rp_glpk_dive *d = glp_alloc(1, sizeof *d);
    d->m = glp_get_num_rows(P);
    d->n = glp_get_num_cols(P);
    d->ind = glp_alloc(d->n + 1, sizeof *d->ind);
    d->val = glp_alloc(d->n + 1, sizeof *d->val);
    d->cands = glp_alloc(d->n + 1, sizeof *d->cands);
    d->D = glp_create_prob();
    glp_copy_prob(d->D, P, GLP_OFF);
    return d;
}

void rp_glpk_dive_free(rp_glpk_dive **dp)
{
    if (!dp || !*dp)
        return;
    rp_glpk_dive *d = *dp;
    glp_delete_prob(d->D);
    glp_free(d->ind);
    glp_free(d->val);
    glp_free(d->cands);
    glp_free(d);
    *dp = NULL;
}

/* The copy takes the node's bounds and basis (rows beyond the copy's are the
 * search's cuts and are left out; a basis that no longer fits is rebuilt). */
static void load_node(rp_glpk_dive *d, glp_prob *N)
{
    for (int j = 1; j <= d->n; j++) {
        glp_set_col_bnds(d->D, j, glp_get_col_type(N, j), glp_get_col_lb(N, j),
                         glp_get_col_ub(N, j));
        glp_set_col_stat(d->D, j, glp_get_col_stat(N, j));
    }
    int basic = 0;
    for (int i = 1; i <= d->m; i++) {
        int st = glp_get_row_stat(N, i);
        glp_set_row_stat(d->D, i, st);
        basic += st == GLP_BS;
    }
    for (int j = 1; j <= d->n; j++)
        basic += glp_get_col_stat(d->D, j) == GLP_BS;
    if (basic != d->m)
        glp_adv_basis(d->D, 0);
}

static bool row_ok(double v, int type, double lb, double ub)
{
    switch (type) {
    case GLP_LO: return v >= lb - ROW_TOL;
    case GLP_UP: return v <= ub + ROW_TOL;
    case GLP_DB: return v >= lb - ROW_TOL && v <= ub + ROW_TOL;
    case GLP_FX: return fabs(v - lb) <= ROW_TOL;
    default: return true;
    }
}

/* Rounds the copy's integral LP solution into x and checks every row. */
static bool take_integral(rp_glpk_dive *d, double *x, double *objective)
{
    glp_prob *D = d->D;
    double z = glp_get_obj_coef(D, 0);
    for (int j = 1; j <= d->n; j++) {
        double v = glp_get_col_prim(D, j);
        x[j] = glp_get_col_kind(D, j) != GLP_CV ? floor(v + 0.5) : v; /* GLP_IV or GLP_BV */
        z += glp_get_obj_coef(D, j) * x[j];
    }
    for (int i = 1; i <= d->m; i++) {
        int len = glp_get_mat_row(D, i, d->ind, d->val);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += d->val[k] * x[d->ind[k]];
        if (!row_ok(a, glp_get_row_type(D, i), glp_get_row_lb(D, i), glp_get_row_ub(D, i)))
            return false;
    }
    *objective = z;
    return true;
}

static int by_value_desc(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->v < y->v ? 1 : x->v > y->v ? -1 : x->j - y->j;
}

/* Fixes an eighth of the fractional binaries (closest to 1 first, at least
 * one) to 1, and every one at FIX_AT or above. Returns how many were fixed
 * (their columns in d->ind[1..], best first), -1 when only general integers
 * are fractional, 0 when nothing is. */
static int fix_round(rp_glpk_dive *d)
{
    glp_prob *D = d->D;
    cand *c = d->cands;
    int nc = 0;
    bool fractional = false;
    for (int j = 1; j <= d->n; j++) {
        if (glp_get_col_kind(D, j) == GLP_CV || glp_get_col_type(D, j) == GLP_FX)
            continue;
        double v = glp_get_col_prim(D, j);
        if (fabs(v - floor(v + 0.5)) <= INT_TOL)
            continue;
        fractional = true;
        if (glp_get_col_lb(D, j) < 0 || glp_get_col_ub(D, j) > 1)
            continue; /* general integers (scores) follow the binaries */
        c[nc++] = (cand){j, v};
    }
    if (!fractional)
        return 0;
    if (nc == 0)
        return -1;
    qsort(c, (size_t)nc, sizeof *c, by_value_desc);
    int batch = nc / 8 > 1 ? nc / 8 : 1;
    int fixed = 0;
    for (int k = 0; k < nc && (k < batch || c[k].v >= FIX_AT); k++) {
        glp_set_col_bnds(D, c[k].j, GLP_FX, 1, 1);
        d->ind[++fixed] = c[k].j;
    }
    return fixed;
}

static void unfix(rp_glpk_dive *d, int fixed)
{
    for (int k = 1; k <= fixed; k++)
        glp_set_col_bnds(d->D, d->ind[k], GLP_DB, 0, 1);
}

/*
 * Each round fixes a batch of the fractional binaries closest to 1 (an
 * eighth of them) and re-solves; when a batch makes the LP infeasible or
 * hopeless it is undone and only the closest one is fixed instead.
 */
bool rp_glpk_dive_run(rp_glpk_dive *d, glp_tree *T, bool has_cutoff, double cutoff, double deadline,
                 double *x, double *objective, int *solves)
{
    glp_prob *D = d->D;
    bool maximise = glp_get_obj_dir(D) == GLP_MAX;
    load_node(d, glp_ios_get_prob(T));
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = GLP_DUALP;
    if (has_cutoff) {
        /* stop re-solving once the LP cannot beat the best plan */
        if (maximise)
            sm.obj_ll = cutoff;
        else
            sm.obj_ul = cutoff;
    }
    *solves = 0;
    int last_batch = 0;
    for (;;) {
        double left = deadline - rp_clock_seconds();
        if (left <= 0)
            return false;
        sm.tm_lim = left * 1000 >= INT_MAX ? INT_MAX : (int)(left * 1000) + 1;
        int ret = glp_simplex(D, &sm);
        ++*solves;
        if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
            glp_adv_basis(D, 0);
            ret = glp_simplex(D, &sm);
            ++*solves;
        }
        bool ok = ret == 0 && glp_get_status(D) == GLP_OPT;
        if (!ok && (ret == 0 || ret == GLP_EOBJLL || ret == GLP_EOBJUL) && last_batch > 1) {
            /* the batch went too far: take back all but its best */
            unfix(d, last_batch);
            glp_set_col_bnds(D, d->ind[1], GLP_FX, 1, 1);
            last_batch = 1;
            continue;
        }
        if (!ok)
            return false; /* infeasible, cut off, out of time or numerically stuck */
        last_batch = fix_round(d);
        if (last_batch == 0) {
            if (!take_integral(d, x, objective))
                return false;
            return !has_cutoff || (maximise ? *objective > cutoff : *objective < cutoff);
        }
        if (last_batch < 0)
            return false; /* only general integers are fractional */
    }
}
