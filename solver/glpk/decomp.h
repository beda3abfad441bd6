/*
 * glpk/decomp.h - part of the GLPK driver (private): a problem split by
 * groups of columns (students), for glpk/bound.c.
 *
 * A row whose columns all belong to one group is that group's own (a
 * student's path, requirements, prerequisites, hospital limits); every other
 * row is shared (capacities, minimums, the worst-off student's score).
 * Each group gets a small MIP of its own rows and columns; the master LP has
 * the shared rows, one convexity row per group, the ungrouped columns as
 * they are, and one column per known schedule of a group (its values on the
 * group's columns), which mixes the group's schedules.
 */
#ifndef RP_GLPK_DECOMP_H
#define RP_GLPK_DECOMP_H

#include <stdbool.h>

#include <glpk.h>

typedef struct rp_glpk_group_part {
    int n;         /* the group's columns */
    int *cols;     /* [n] their indices in P */
    glp_prob *sub; /* the group's own rows and columns, integral; built on
                      first use (rp_glpk_decomp_sub) */
    int conv_row;  /* its convexity row in the master */
    double *x;     /* [n + 1] scratch: one schedule, 1-based */
} rp_glpk_group_part;

typedef struct rp_glpk_decomp {
    glp_prob *P, *M;  /* the problem; the master LP */
    const int *group; /* [n] of P's columns, -1 none */
    int n, m, n_groups, n_link, n_free;
    double sense;     /* 1 maximise, -1 minimise */
    rp_glpk_group_part *parts;
    int *row_group;   /* [m + 1] owner of P's row; -1 shared; -2 empty */
    int *link_row;    /* [m + 1] master row of a shared row */
    int *free_col;    /* [n + 1] master column of an ungrouped column, else 0 */
    int *lk_start;    /* [n + 2] per column of P: its entries in shared rows */
    int *lk_row;      /* master rows */
    double *lk_val;
    /* schedules in the master, in column order after the free columns:
     * the group and the non-zero values of each */
    int n_sched, cap_sched;
    int *sched_group, *sched_at; /* [cap_sched + 1]: at[k]..at[k+1] entries */
    int n_ent, cap_ent;
    int *ent_col;                /* P's column */
    double *ent_val;
    int *own_start;   /* [n_groups + 2] group g's rows: own_rows[own_start[g]..] */
    int *own_rows;
    int *local;       /* [n + 1] scratch: column of P -> column of a group's MIP */
    double *acc;      /* [master rows + 1] scratch: a schedule's coefficients */
    char *mark;       /* [master rows + 1] scratch: rows touched */
    int *ind;         /* scratch [n + m + 2] */
    double *val;
} rp_glpk_decomp;

/* The split of P by group[0..n-1]; NULL when out of memory. */
rp_glpk_decomp *rp_glpk_decomp_new(glp_prob *P, const int *group);
void rp_glpk_decomp_free(rp_glpk_decomp **d);

/* Group g's own MIP, built on first use (a large cohort's groups are built
 * only as far as the time allows); NULL only on GLPK's memory failure,
 * which its error hook reports. */
glp_prob *rp_glpk_decomp_sub(rp_glpk_decomp *d, int g);

/* Adds a schedule of group g (p->x[1..n] of its part) as a master column.
 * False when out of memory. */
bool rp_glpk_decomp_add_schedule(rp_glpk_decomp *d, int g, const double *x);

/* Solves the master with its schedule columns 0/1 (a schedule per group,
 * the shared rows kept) within `seconds`, from the solution x[1..n] of P
 * when given (its schedules must be in the master). A better solution than
 * *value (or any when !*has_value) is written to x[1..n] of P's columns,
 * with *value. True when x was replaced. The master stays an LP. */
bool rp_glpk_decomp_plan(rp_glpk_decomp *d, double seconds, double *x, bool *has_value, double *value);

#endif
