#include "solver/glpk/bound.h"

#include <math.h>
#include <stdlib.h>

#include "solver/glpk/decomp.h"
#include "base/clock.h"

/* reduced profits below this add no schedule */
#define PRICE_EPS 1e-7
/* duals and reduced costs below this count as zero */
#define ZERO_EPS 1e-9
/* slack before rounding a bound, far above the solver's tolerances */
#define ROUND_EPS 1e-4
/* a group's MIP gets at most this long at first; beyond it, its search's
 * bound is used, and the limit grows when that is all that keeps the bound
 * from the master's value */
#define SUB_SECONDS 2.0
/* share of the time kept for combining the schedules found into a plan */
#define PLAN_SHARE 0.25

typedef struct dw {
    rp_glpk_decomp *d;
    double *pi; /* [master rows + 1] duals */
    const rp_glpk_bound_limits *lim;
    double sub_seconds; /* time each group's MIP may take this round */
    int unsolved;       /* groups whose MIP ran out of time this round */
    bool last_solved;   /* the last group priced was solved exactly */
    double *group_bound; /* [groups] the best value of each group's MIP */
    bool *solved;        /* [groups] ... known exactly */
} dw;

static bool stopped(const dw *w)
{
    return (w->lim->interrupt && *w->lim->interrupt) || rp_clock_seconds() >= w->lim->deadline;
}

/* The best value of pi r over the range [lb, ub] of r: false when unbounded. */
static bool best_over(const dw *w, double pi, int type, double lb, double ub, double *out)
{
    double s = w->d->sense * pi;
    *out = 0;
    if (fabs(pi) <= ZERO_EPS)
        return true;
    if (type == GLP_FX) {
        *out = pi * lb;
        return true;
    }
    bool has_lb = type == GLP_LO || type == GLP_DB, has_ub = type == GLP_UP || type == GLP_DB;
    if ((s > 0 && !has_ub) || (s < 0 && !has_lb))
        return false;
    *out = pi * (s > 0 ? ub : lb);
    return true;
}

/* The objective coefficient of P's column j less what its shared rows cost
 * at the duals. */
static double reduced(const dw *w, int j)
{
    const rp_glpk_decomp *d = w->d;
    double c = glp_get_obj_coef(d->P, j);
    for (int e = d->lk_start[j]; e < d->lk_start[j + 1]; e++)
        c -= w->pi[d->lk_row[e]] * d->lk_val[e];
    return c;
}

/*
 * For any duals pi, c x = (c - pi A) x + pi (A x) over the shared rows A, so
 * the best of the first term over each group's own plans plus the best of
 * the second over the shared rows' ranges bounds every plan. These are the
 * terms that need no group's MIP: the ranges, the ungrouped columns and the
 * constant. False when one is unbounded.
 */
static bool fixed_terms(const dw *w, double *out)
{
    const rp_glpk_decomp *d = w->d;
    double total = glp_get_obj_coef(d->P, 0), term;
    for (int i = 1; i <= d->m; i++) {
        if (d->row_group[i] != -1)
            continue;
        if (!best_over(w, w->pi[d->link_row[i]], glp_get_row_type(d->P, i),
                       glp_get_row_lb(d->P, i), glp_get_row_ub(d->P, i), &term))
            return false;
        total += term;
    }
    for (int j = 1; j <= d->n; j++) {
        if (!d->free_col[j])
            continue;
        if (!best_over(w, reduced(w, j), glp_get_col_type(d->P, j), glp_get_col_lb(d->P, j),
                       glp_get_col_ub(d->P, j), &term))
            return false;
        total += term;
    }
    *out = total;
    return true;
}

typedef struct sub_search {
    double sense;
    double bound; /* the best value the group's MIP may still reach */
} sub_search;

static void track_bound(glp_tree *T, void *info)
{
    sub_search *s = info;
    int best = glp_ios_best_node(T);
    if (best == 0)
        return;
    double b = glp_ios_node_bound(T, best);
    glp_prob *S = glp_ios_get_prob(T);
    if (glp_mip_status(S) == GLP_FEAS && s->sense * (glp_mip_obj_val(S) - b) > 0)
        b = glp_mip_obj_val(S);
    if (s->sense * (b - s->bound) < 0)
        s->bound = b;
}

/*
 * Prices a group under the duals: *bound gets the best value its MIP can
 * reach (exact when solved in time, else the search's bound, at worst its
 * LP's), and a schedule found goes into p->x with *value. Returns 0 when
 * nothing could be bounded, 1 with a bound only, 2 with a schedule too.
 */
static int price(dw *w, int g, double *bound, double *value)
{
    rp_glpk_group_part *p = &w->d->parts[g];
    rp_glpk_decomp_sub(w->d, g);
    for (int k = 0; k < p->n; k++)
        glp_set_obj_coef(p->sub, k + 1, reduced(w, p->cols[k]));
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(p->sub, &sm) != 0 || glp_get_status(p->sub) != GLP_OPT)
        return 0;
    sub_search s = {w->d->sense, glp_get_obj_val(p->sub)};
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.cb_func = track_bound;
    io.cb_info = &s;
    double left = fmin(w->lim->deadline - rp_clock_seconds(), w->sub_seconds);
    io.tm_lim = left > 0 ? (int)(left * 1000) + 1 : 1;
    /* a student's MIP alone can take GLPK thousands of nodes without cuts
     * and pseudo-cost branching (measured on MSS students) */
    io.gmi_cuts = io.mir_cuts = io.cov_cuts = io.clq_cuts = GLP_ON;
    io.br_tech = GLP_BR_PCH;
    int ret = glp_intopt(p->sub, &io);
    int status = glp_mip_status(p->sub);
    bool solved = ret == 0 && status == GLP_OPT;
    *bound = solved ? glp_mip_obj_val(p->sub) : s.bound;
    w->unsolved += !solved;
    w->last_solved = solved;
    if (status != GLP_OPT && status != GLP_FEAS)
        return 1;
    *value = glp_mip_obj_val(p->sub);
    for (int k = 1; k <= p->n; k++)
        p->x[k] = glp_mip_col_val(p->sub, k);
    return 2;
}

static double rounded(const dw *w, double bound)
{
    if (!w->lim->integral)
        return bound;
    return w->d->sense > 0 ? floor(bound + ROUND_EPS) : ceil(bound - ROUND_EPS);
}

/*
 * One round: the master LP, then every group priced; adds the schedules that
 * price out and returns how many (-1: the master or a group's LP failed). *valid and
 * *lagrangian tell whether the round bounds. `again`: nothing was added last
 * round, so the duals are the same and only the groups whose MIP ran out of
 * time are priced again (with more time).
 */
static int round_once(dw *w, bool again, bool *valid, double *lagrangian)
{
    rp_glpk_decomp *d = w->d;
    *valid = false;
    if (!again) {
        glp_smcp sm;
        glp_init_smcp(&sm);
        sm.msg_lev = GLP_MSG_OFF;
        if (glp_simplex(d->M, &sm) != 0 || glp_get_status(d->M) != GLP_OPT)
            return -1;
        int rows = glp_get_num_rows(d->M);
        for (int r = 1; r <= rows; r++)
            w->pi[r] = glp_get_row_dual(d->M, r);
    }
    *valid = fixed_terms(w, lagrangian);
    w->unsolved = 0;
    int added = 0;
    for (int g = 0; g < d->n_groups; g++) {
        rp_glpk_group_part *p = &d->parts[g];
        double value;
        if (p->n == 0)
            continue;
        if (!again || !w->solved[g]) {
            int priced = stopped(w) ? 0 : price(w, g, &w->group_bound[g], &value);
            if (priced == 0) {
                /* a round cut short bounds nothing, and its cached group
                 * bounds must not be reused with other duals */
                *valid = false;
                return stopped(w) ? added : -1;
            }
            w->solved[g] = w->last_solved;
            if (priced == 2 && d->sense * (value - w->pi[p->conv_row]) > PRICE_EPS) {
                if (!rp_glpk_decomp_add_schedule(d, g, p->x))
                    return -1;
                added++;
            }
        }
        *lagrangian += w->group_bound[g];
    }
    return added;
}

static bool beats(const dw *w, double a, double b)
{
    return w->d->sense * (a - b) > ROUND_EPS;
}

bool rp_glpk_bound_by_schedules(glp_prob *P, double *warm_start, const int *group,
                           const rp_glpk_bound_limits *lim, double *bound, bool *improved)
{
    *improved = false;
    /* a quarter of the time is kept for combining the schedules into a plan */
    rp_glpk_bound_limits generating = *lim;
    generating.deadline -= PLAN_SHARE * (lim->deadline - rp_clock_seconds());
    bool grouped = false;
    for (int j = 0; j < glp_get_num_cols(P) && !grouped; j++)
        grouped = group[j] >= 0;
    if (!grouped)
        return false; /* the master would be the whole problem */
    dw w = {rp_glpk_decomp_new(P, group), NULL, &generating, SUB_SECONDS, 0, false, NULL, NULL};
    if (!w.d)
        return false;
    rp_glpk_decomp *d = w.d;
    w.pi = calloc((size_t)glp_get_num_rows(d->M) + 1, sizeof *w.pi);
    w.group_bound = calloc((size_t)d->n_groups + 1, sizeof *w.group_bound);
    w.solved = calloc((size_t)d->n_groups + 1, sizeof *w.solved);
    bool ok = w.pi && w.group_bound && w.solved;
    for (int g = 0; ok && g < d->n_groups; g++) {
        rp_glpk_group_part *p = &d->parts[g];
        for (int k = 0; k < p->n; k++)
            p->x[k + 1] = warm_start[p->cols[k]];
        ok = p->n == 0 || rp_glpk_decomp_add_schedule(d, g, p->x);
    }
    double target = lim->target;
    bool found = false, again = false;
    while (ok && !stopped(&w)) {
        bool valid;
        double lagrangian = 0;
        int added = round_once(&w, again, &valid, &lagrangian);
        again = added == 0;
        if (valid && (!found || beats(&w, *bound, rounded(&w, lagrangian)))) {
            *bound = rounded(&w, lagrangian);
            found = true;
        }
        if (added < 0 || (found && !beats(&w, *bound, target)))
            break;
        if (added == 0 && w.unsolved == 0)
            break; /* the master's value is the bound: no schedule improves it */
        if (added == 0)
            w.sub_seconds *= 4;
    }
    /* the schedules found may combine into a better plan than the warm start */
    bool has_value = true;
    bool interrupted = lim->interrupt && *lim->interrupt;
    if (ok && (!found || beats(&w, *bound, target)) && !interrupted)
        *improved = rp_glpk_decomp_plan(d, lim->deadline - rp_clock_seconds(), warm_start, &has_value, &target);
    free(w.pi);
    free(w.group_bound);
    free(w.solved);
    rp_glpk_decomp_free(&w.d);
    return found;
}
