#include "solver/form/lp.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_NAME ((size_t)-1)

rp_lp *rp_lp_new(bool maximise, bool names)
{
    rp_lp *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->maximise = maximise;
    lp->names = names;
    lp->compact = true;
    return lp;
}

void rp_lp_free(rp_lp **lpp)
{
    if (!lpp || !*lpp)
        return;
    rp_lp *lp = *lpp;
    free(lp->cols);
    free(lp->rows);
    free(lp->coefs);
    free(lp->arena);
    free(lp);
    *lpp = NULL;
}

rp_status rp_lp_status(const rp_lp *lp)
{
    return lp->nomem ? RP_ERR_NOMEM : RP_OK;
}

/* Grows *array to hold at least `need` items of `size` bytes. */
static bool grow(void **array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*array, n * size);
    if (!p)
        return false;
    *array = p;
    *cap = n;
    return true;
}

static bool grow_int(void **array, int *cap, int need, size_t size)
{
    size_t c = (size_t)*cap;
    if (!grow(array, &c, (size_t)need, size))
        return false;
    *cap = c > (size_t)0x7fffffff ? 0x7fffffff : (int)c;
    return true;
}

static size_t store_name(rp_lp *lp, const char *fmt, va_list ap)
{
    if (!lp->names || !fmt)
        return NO_NAME;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NO_NAME;
    if (!grow((void **)&lp->arena, &lp->arena_cap, lp->arena_len + (size_t)n + 1, 1)) {
        lp->nomem = true;
        return NO_NAME;
    }
    size_t at = lp->arena_len;
    vsnprintf(lp->arena + at, (size_t)n + 1, fmt, ap);
    lp->arena_len += (size_t)n + 1;
    return at;
}

int rp_lp_add_col(rp_lp *lp, rp_lp_kind kind, double lb, double ub, double obj,
                  const char *name_fmt, ...)
{
    if (lp->nomem)
        return -1;
    if (!grow_int((void **)&lp->cols, &lp->cap_cols, lp->n_cols + 1, sizeof *lp->cols)) {
        lp->nomem = true;
        return -1;
    }
    va_list ap;
    va_start(ap, name_fmt);
    size_t name = store_name(lp, name_fmt, ap);
    va_end(ap);
    if (lp->nomem)
        return -1;
    if (kind == RP_LP_BINARY) {
        lb = 0;
        ub = 1;
    }
    lp->cols[lp->n_cols] = (rp_lp_col){lb, ub, obj, kind, name};
    return lp->n_cols++;
}

int rp_lp_add_row(rp_lp *lp, double lb, double ub, const char *name_fmt, ...)
{
    if (lp->nomem)
        return -1;
    if (!grow_int((void **)&lp->rows, &lp->cap_rows, lp->n_rows + 1, sizeof *lp->rows)) {
        lp->nomem = true;
        return -1;
    }
    va_list ap;
    va_start(ap, name_fmt);
    size_t name = store_name(lp, name_fmt, ap);
    va_end(ap);
    if (lp->nomem)
        return -1;
    lp->rows[lp->n_rows] = (rp_lp_row){lb, ub, name};
    return lp->n_rows++;
}

void rp_lp_add_coef(rp_lp *lp, int row, int col, double val)
{
    if (lp->nomem)
        return;
    assert(row >= 0 && row < lp->n_rows && col >= 0 && col < lp->n_cols);
    if (!grow((void **)&lp->coefs, &lp->cap_coefs, lp->n_coefs + 1, sizeof *lp->coefs)) {
        lp->nomem = true;
        return;
    }
    if (lp->n_coefs) {
        const rp_lp_coef *last = &lp->coefs[lp->n_coefs - 1];
        if (last->row > row || (last->row == row && last->col >= col))
            lp->compact = false;
    }
    lp->coefs[lp->n_coefs++] = (rp_lp_coef){row, col, val};
}

void rp_lp_set_col_bounds(rp_lp *lp, int col, double lb, double ub)
{
    assert(col >= 0 && col < lp->n_cols);
    lp->cols[col].lb = lb;
    lp->cols[col].ub = ub;
}

void rp_lp_set_row_bounds(rp_lp *lp, int row, double lb, double ub)
{
    assert(row >= 0 && row < lp->n_rows);
    lp->rows[row].lb = lb;
    lp->rows[row].ub = ub;
}

void rp_lp_set_obj(rp_lp *lp, int col, double obj)
{
    assert(col >= 0 && col < lp->n_cols);
    lp->cols[col].obj = obj;
}

void rp_lp_add_obj(rp_lp *lp, int col, double delta)
{
    assert(col >= 0 && col < lp->n_cols);
    lp->cols[col].obj += delta;
}

const char *rp_lp_col_name(const rp_lp *lp, int col, char *buf)
{
    if (lp->cols[col].name != NO_NAME)
        return lp->arena + lp->cols[col].name;
    snprintf(buf, 24, "c%d", col + 1);
    return buf;
}

const char *rp_lp_row_name(const rp_lp *lp, int row, char *buf)
{
    if (lp->rows[row].name != NO_NAME)
        return lp->arena + lp->rows[row].name;
    snprintf(buf, 24, "r%d", row + 1);
    return buf;
}

static int compare_coefs(const void *a, const void *b)
{
    const rp_lp_coef *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

void rp_lp_compact(rp_lp *lp)
{
    if (lp->compact)
        goto drop_zeros;
    qsort(lp->coefs, lp->n_coefs, sizeof *lp->coefs, compare_coefs);
    size_t out = 0;
    for (size_t i = 0; i < lp->n_coefs; i++) {
        if (out && lp->coefs[out - 1].row == lp->coefs[i].row &&
            lp->coefs[out - 1].col == lp->coefs[i].col)
            lp->coefs[out - 1].val += lp->coefs[i].val;
        else
            lp->coefs[out++] = lp->coefs[i];
    }
    lp->n_coefs = out;
    lp->compact = true;
drop_zeros:;
    size_t kept = 0;
    for (size_t i = 0; i < lp->n_coefs; i++)
        if (lp->coefs[i].val != 0)
            lp->coefs[kept++] = lp->coefs[i];
    lp->n_coefs = kept;
}

rp_lp_size rp_lp_size_of(const rp_lp *lp)
{
    rp_lp_size s = {lp->n_rows, lp->n_cols, 0, 0, lp->n_coefs};
    for (int j = 0; j < lp->n_cols; j++) {
        if (lp->cols[j].kind == RP_LP_BINARY)
            s.binaries++;
        else if (lp->cols[j].kind == RP_LP_INTEGER)
            s.integers++;
    }
    return s;
}

bool rp_lp_objective_integral(const rp_lp *lp)
{
    if (lp->obj_offset != floor(lp->obj_offset))
        return false;
    for (int j = 0; j < lp->n_cols; j++) {
        const rp_lp_col *c = &lp->cols[j];
        if (c->obj == 0)
            continue;
        if (c->obj != floor(c->obj))
            return false;
        if (c->kind == RP_LP_CONTINUOUS && !(c->lb == c->ub && c->lb == floor(c->lb)))
            return false;
    }
    return true;
}

double rp_lp_objective(const rp_lp *lp, const double *x)
{
    double z = lp->obj_offset;
    for (int j = 0; j < lp->n_cols; j++)
        z += lp->cols[j].obj * x[j];
    return z;
}

static bool outside(double v, double lb, double ub, double tol)
{
    return v < lb - tol || v > ub + tol;
}

int rp_lp_check(const rp_lp *lp, const double *x, double tol, rp_lp_breach *first)
{
    int breaches = 0;
    for (int j = 0; j < lp->n_cols; j++) {
        const rp_lp_col *c = &lp->cols[j];
        bool frac = c->kind != RP_LP_CONTINUOUS && fabs(x[j] - floor(x[j] + 0.5)) > tol;
        if (frac || outside(x[j], c->lb, c->ub, tol)) {
            if (!breaches++ && first)
                *first = (rp_lp_breach){false, j, x[j], frac};
        }
    }
    double *act = calloc((size_t)lp->n_rows + 1, sizeof *act);
    if (!act)
        return -1;
    for (size_t k = 0; k < lp->n_coefs; k++)
        act[lp->coefs[k].row] += lp->coefs[k].val * x[lp->coefs[k].col];
    for (int i = 0; i < lp->n_rows; i++) {
        if (outside(act[i], lp->rows[i].lb, lp->rows[i].ub, tol)) {
            if (!breaches++ && first)
                *first = (rp_lp_breach){true, i, act[i], false};
        }
    }
    free(act);
    return breaches;
}
