/*
 * lp.h - a mixed-integer linear program in rotaplan's own terms.
 *
 * The formulation (form.h) writes its columns and rows here; a MIP driver
 * (glpk/driver.h, or any later strategy) reads them. Nothing here knows GLPK,
 * so other code may add columns, rows, coefficients, bounds and objective
 * terms to a built program without touching the formulation.
 *
 * Columns and rows are numbered from 0 in the order added. Bounds use
 * -RP_LP_INF / RP_LP_INF for "none". Coefficients may be added to any row at
 * any time and in any order; adding to the same (row, column) twice sums
 * them. Every column and row has a readable name such as
 * "x[S001,bai_chay/cardiology,w3]" unless names were switched off.
 *
 * Allocation failures are sticky: once one happens, every later adding call
 * does nothing and returns -1, and rp_lp_status reports RP_ERR_NOMEM. Builders
 * therefore check rp_lp_status once at the end. The program owns all memory.
 */
#ifndef RP_LP_H
#define RP_LP_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/status.h"

#define RP_LP_INF HUGE_VAL

typedef enum rp_lp_kind {
    RP_LP_CONTINUOUS,
    RP_LP_INTEGER,
    RP_LP_BINARY /* integer with bounds 0..1 */
} rp_lp_kind;

typedef struct rp_lp_col {
    double lb, ub, obj;
    rp_lp_kind kind;
    size_t name; /* offset into the name arena, or (size_t)-1 */
} rp_lp_col;

typedef struct rp_lp_row {
    double lb, ub;
    size_t name;
} rp_lp_row;

typedef struct rp_lp_coef {
    int row, col;
    double val;
} rp_lp_coef;

typedef struct rp_lp {
    rp_lp_col *cols;
    int n_cols, cap_cols;
    rp_lp_row *rows;
    int n_rows, cap_rows;
    rp_lp_coef *coefs; /* unordered triplets; rp_lp_compact sorts and merges */
    size_t n_coefs, cap_coefs;
    bool compact;      /* coefs sorted by (row, col) without duplicates or zeros */
    bool maximise;
    double obj_offset; /* constant added to the objective */
    bool names;        /* keep names (off: rp_lp_*_name makes a generic one) */
    char *arena;       /* NUL-terminated names, back to back */
    size_t arena_len, arena_cap;
    bool nomem;
} rp_lp;

/* An empty program; `names` false skips name storage (large models). NULL
 * when out of memory. */
rp_lp *rp_lp_new(bool maximise, bool names);
/* Accepts NULL; clears *lp. */
void rp_lp_free(rp_lp **lp);
/* RP_ERR_NOMEM when any earlier call failed to allocate, else RP_OK. */
rp_status rp_lp_status(const rp_lp *lp);

#if defined(__GNUC__)
#define RP_LP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RP_LP_PRINTF(a, b)
#endif

/* Adds a column and returns its index (-1 after an allocation failure). A
 * binary column gets bounds 0..1 whatever lb and ub say. The name is
 * formatted printf-style. */
int rp_lp_add_col(rp_lp *lp, rp_lp_kind kind, double lb, double ub, double obj,
                  const char *name_fmt, ...) RP_LP_PRINTF(6, 7);
/* Adds a row lb <= sum <= ub (empty for now) and returns its index. */
int rp_lp_add_row(rp_lp *lp, double lb, double ub, const char *name_fmt, ...)
    RP_LP_PRINTF(4, 5);
/* Adds val x column to row (summed with any earlier coefficient there). */
void rp_lp_add_coef(rp_lp *lp, int row, int col, double val);

void rp_lp_set_col_bounds(rp_lp *lp, int col, double lb, double ub);
void rp_lp_set_row_bounds(rp_lp *lp, int row, double lb, double ub);
void rp_lp_set_obj(rp_lp *lp, int col, double obj);
void rp_lp_add_obj(rp_lp *lp, int col, double delta);

/* The column's or row's name; without stored names a generic "c12"/"r7"
 * written into buf (at least 24 bytes) is returned. */
const char *rp_lp_col_name(const rp_lp *lp, int col, char *buf);
const char *rp_lp_row_name(const rp_lp *lp, int row, char *buf);

/* Sorts coefficients by row then column, sums duplicates and drops zeros.
 * Idempotent; done by drivers before handing the matrix on. */
void rp_lp_compact(rp_lp *lp);

/* Counts for reports. */
typedef struct rp_lp_size {
    int rows, cols, binaries, integers; /* integers excludes binaries */
    size_t nonzeros;
} rp_lp_size;
rp_lp_size rp_lp_size_of(const rp_lp *lp);

/* True when every column with a non-zero objective coefficient is integer
 * (or fixed) and every such coefficient and the offset are integers: every
 * feasible objective value is then an integer and bounds may be rounded. */
bool rp_lp_objective_integral(const rp_lp *lp);

/* Objective value of the column values x[n_cols]. */
double rp_lp_objective(const rp_lp *lp, const double *x);

/* What rp_lp_check found first. */
typedef struct rp_lp_breach {
    bool is_row;   /* else a column */
    int index;
    double value;  /* row activity or column value */
    bool fractional; /* an integer column with a fractional value */
} rp_lp_breach;

/* Number of columns and rows x[n_cols] violates by more than tol (bounds,
 * integrality, row bounds); the first is described in *first when not NULL.
 * -1 when out of memory. */
int rp_lp_check(const rp_lp *lp, const double *x, double tol, rp_lp_breach *first);

#endif
