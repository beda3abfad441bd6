#include "solver/glpk/master.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "base/clock.h"
#include "solver/glpk/fresh.h"
#include "solver/glpk/prob.h"

/* Simplex iterations per slice: about half a second of work on a master
 * with this many rows plus non-zeros (2,000 students: 800 iterations),
 * fewer on larger ones, never too few to move. Each slice is a fresh call
 * of the simplex, which forgets its pricing weights: slices of a fifth of
 * a second took a quarter more iterations. */
#define SLICE_WORK 2e8
#define SLICE_MIN 200
#define SLICE_MAX 20000
#define RETIRED -1
#define RESTORED -2 /* never retired again: no column can come and go forever */
/* a column out of the solution by less than this is as good as in it */
#define IDLE_REDUCED 1e-6

struct rp_master {
    glp_prob *P;
    int S, C;
    bool fairness;
    double penalty;
    int mem_limit_mb;
    int z_col;         /* GLPK column of the worst-off score, or 0 */
    int first_sched;   /* GLPK column of schedule 0 */
    int n_sched, cap_sched;
    int *student_of;   /* [cap_sched] */
    double *score_of;  /* [cap_sched] */
    int *idle;         /* [cap_sched] solves in a row the column stayed out at a loss;
                          RETIRED: fixed at 0, out of the simplex's work; RESTORED */
    int *over_col, *under_col; /* [C] GLPK columns of the slacks (under: 0 when no minimum) */
    double *cell_lb, *cell_ub;
    size_t nonzeros;
    bool broken;
    bool bounds_moved; /* schedules fixed or freed since the last solve */
    int *kept_stat;    /* rows then columns: the basis kept (rp_master_keep_basis) */
    int kept_rows, kept_cols;
    jmp_buf jump;
    int *ind;          /* scratch [C + 3] */
    double *val;
};

static void on_error(void *info)
{
    longjmp(((rp_master *)info)->jump, 1);
}

/* Every entry point runs GLPK under this guard: a fatal error frees GLPK's
 * environment (the master's problem with it) and breaks the master. */
#define GUARD(m, fail)                                                         \
    do {                                                                       \
        if ((m)->broken)                                                       \
            return fail;                                                       \
        if (setjmp((m)->jump)) {                                               \
            glp_free_env();                                                    \
            (m)->P = NULL;                                                     \
            (m)->broken = true;                                                \
            return fail;                                                       \
        }                                                                      \
        glp_error_hook(on_error, (m));                                         \
        glp_term_hook(rp_glpk_silence, NULL);                                  \
        if ((m)->mem_limit_mb > 0)                                             \
            glp_mem_limit((m)->mem_limit_mb);                                  \
    } while (0)

static void unguard(void)
{
    glp_mem_limit(INT_MAX);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
}

static int cell_row(int c)
{
    return c + 1;
}

static int convexity_row(const rp_master *m, int s)
{
    return m->C + s + 1;
}

static int worst_row(const rp_master *m, int s)
{
    return m->C + m->S + s + 1;
}

static void build(rp_master *m, const rp_master_shape *sh)
{
    glp_prob *P = m->P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    int rows = m->C + m->S * (m->fairness ? 2 : 1);
    if (rows)
        glp_add_rows(P, rows);
    for (int c = 0; c < m->C; c++) {
        double lb = sh->cell_lb[c] > 0 ? sh->cell_lb[c] : 0, ub = sh->cell_ub[c];
        glp_set_row_bnds(P, cell_row(c), lb > 0 ? (lb < ub ? GLP_DB : GLP_FX) : GLP_UP, lb,
                         ub);
    }
    for (int s = 0; s < m->S; s++) {
        glp_set_row_bnds(P, convexity_row(m, s), GLP_FX, 1, 1);
        if (m->fairness)
            glp_set_row_bnds(P, worst_row(m, s), GLP_UP, 0, 0);
    }
    if (m->fairness) {
        m->z_col = glp_add_cols(P, 1);
        glp_set_col_bnds(P, m->z_col, GLP_DB, sh->worst_lb, sh->worst_ub);
        glp_set_obj_coef(P, m->z_col, sh->fairness);
        for (int s = 0; s < m->S; s++) {
            m->ind[s + 1] = worst_row(m, s);
            m->val[s + 1] = 1;
        }
        glp_set_mat_col(P, m->z_col, m->S, m->ind, m->val);
    }
    for (int c = 0; c < m->C; c++) {
        int row[2] = {0, cell_row(c)};
        double minus[2] = {0, -1}, plus[2] = {0, 1};
        m->over_col[c] = glp_add_cols(P, 1);
        glp_set_col_bnds(P, m->over_col[c], GLP_LO, 0, 0);
        glp_set_obj_coef(P, m->over_col[c], -m->penalty);
        glp_set_mat_col(P, m->over_col[c], 1, row, minus);
        m->under_col[c] = 0;
        if (sh->cell_lb[c] > 0) {
            m->under_col[c] = glp_add_cols(P, 1);
            glp_set_col_bnds(P, m->under_col[c], GLP_LO, 0, 0);
            glp_set_obj_coef(P, m->under_col[c], -m->penalty);
            glp_set_mat_col(P, m->under_col[c], 1, row, plus);
        }
    }
    m->first_sched = glp_get_num_cols(P) + 1;
}

rp_master *rp_master_new(const rp_master_shape *sh)
{
    if (rp_glpk_env() != RP_OK) /* GLPK aborts when it cannot make it itself */
        return NULL;
    rp_master *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->S = sh->n_students;
    m->C = sh->n_cells;
    m->fairness = sh->fairness > 0;
    m->penalty = sh->penalty;
    m->mem_limit_mb = sh->mem_limit_mb;
    size_t scratch = (size_t)(m->C > m->S ? m->C : m->S) + 4;
    m->ind = malloc(scratch * sizeof *m->ind);
    m->val = malloc(scratch * sizeof *m->val);
    m->over_col = malloc(((size_t)m->C + 1) * sizeof *m->over_col);
    m->under_col = malloc(((size_t)m->C + 1) * sizeof *m->under_col);
    m->cell_lb = malloc(((size_t)m->C + 1) * sizeof *m->cell_lb);
    m->cell_ub = malloc(((size_t)m->C + 1) * sizeof *m->cell_ub);
    if (!m->ind || !m->val || !m->over_col || !m->under_col || !m->cell_lb || !m->cell_ub) {
        rp_master_free(&m);
        return NULL;
    }
    for (int c = 0; c < m->C; c++) {
        m->cell_lb[c] = sh->cell_lb[c] > 0 ? sh->cell_lb[c] : 0;
        m->cell_ub[c] = sh->cell_ub[c];
    }
    GUARD(m, (rp_master_free(&m), NULL));
    build(m, sh);
    unguard();
    return m;
}

void rp_master_free(rp_master **mp)
{
    if (!mp || !*mp)
        return;
    rp_master *m = *mp;
    if (m->P && !m->broken) {
        glp_error_hook(NULL, NULL);
        glp_delete_prob(m->P);
    }
    free(m->student_of);
    free(m->score_of);
    free(m->idle);
    free(m->over_col);
    free(m->under_col);
    free(m->cell_lb);
    free(m->cell_ub);
    free(m->ind);
    free(m->val);
    free(m->kept_stat);
    free(m);
    *mp = NULL;
}

int rp_master_add(rp_master *m, int student, double score, const int *cells, int n)
{
    if (m->n_sched == m->cap_sched) {
        int cap = m->cap_sched ? 2 * m->cap_sched : 1024;
        int *so = realloc(m->student_of, (size_t)cap * sizeof *so);
        if (so)
            m->student_of = so;
        double *sc = realloc(m->score_of, (size_t)cap * sizeof *sc);
        if (sc)
            m->score_of = sc;
        int *idle = realloc(m->idle, (size_t)cap * sizeof *idle);
        if (idle)
            m->idle = idle;
        if (!so || !sc || !idle)
            return -1;
        m->cap_sched = cap;
    }
    GUARD(m, -1);
    int j = glp_add_cols(m->P, 1);
    glp_set_col_bnds(m->P, j, GLP_DB, 0, 1);
    glp_set_obj_coef(m->P, j, score);
    int len = 0;
    for (int k = 0; k < n; k++) {
        m->ind[++len] = cell_row(cells[k]);
        m->val[len] = 1;
    }
    m->ind[++len] = convexity_row(m, student);
    m->val[len] = 1;
    if (m->fairness && score != 0) {
        m->ind[++len] = worst_row(m, student);
        m->val[len] = -score;
    }
    glp_set_mat_col(m->P, j, len, m->ind, m->val);
    unguard();
    m->nonzeros += (size_t)len;
    m->student_of[m->n_sched] = student;
    m->score_of[m->n_sched] = score;
    m->idle[m->n_sched] = 0;
    return m->n_sched++;
}

void rp_master_start_at(rp_master *m, const int *column_of)
{
    for (int s = 0; s < m->S; s++)
        if (column_of[s] < 0 || column_of[s] >= m->n_sched || m->student_of[column_of[s]] != s)
            return;
    GUARD(m, );
    /* one basic column per convexity row and a basic slack in every other
     * row: the basis matrix is triangular, never singular */
    for (int c = 0; c < m->C; c++)
        glp_set_row_stat(m->P, cell_row(c), GLP_BS);
    for (int s = 0; s < m->S; s++) {
        glp_set_row_stat(m->P, convexity_row(m, s), GLP_NS);
        if (m->fairness)
            glp_set_row_stat(m->P, worst_row(m, s), GLP_BS);
    }
    int cols = glp_get_num_cols(m->P);
    for (int j = 1; j <= cols; j++)
        glp_set_col_stat(m->P, j, GLP_NL);
    for (int s = 0; s < m->S; s++)
        glp_set_col_stat(m->P, m->first_sched + column_of[s], GLP_BS);
    unguard();
}

int rp_master_columns(const rp_master *m)
{
    return m->n_sched;
}

int rp_master_student(const rp_master *m, int k)
{
    return m->student_of[k];
}

static bool stop_asked(const rp_master_limits *lim)
{
    return lim && lim->interrupt && *lim->interrupt;
}

static double time_left(const rp_master_limits *lim)
{
    return lim ? lim->deadline - rp_clock_seconds() : HUGE_VAL;
}

static int ms_left(const rp_master_limits *lim)
{
    return rp_glpk_ms(time_left(lim));
}

rp_status rp_master_solve(rp_master *m, const rp_master_limits *lim, int budget, bool *optimal,
                          int *iterations)
{
    *optimal = false;
    if (iterations)
        *iterations = 0;
    GUARD(m, RP_ERR_SOLVER);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = GLP_PRIMAL;
    double work = (double)glp_get_num_rows(m->P) + (double)m->nonzeros;
    int slice = (int)fmin(SLICE_MAX, fmax(SLICE_MIN, SLICE_WORK / (work + 1)));
    int start = glp_get_it_cnt(m->P);
    bool retried = false;
    rp_status st = RP_ERR_SOLVER;
    /* After columns are fixed the LP is solved afresh through GLPK's
     * presolver, which drops the fixed columns and the rows they settle:
     * from the old basis, the primal simplex took seconds per dive step at
     * 1,000 students and the dual simplex longer. From scratch, the LP
     * reached does not depend on the clock. */
    if (m->bounds_moved &&
        rp_glpk_fresh_basis(m->P, &sm, lim ? lim->deadline : HUGE_VAL,
                            lim ? lim->interrupt : NULL) == 0)
        m->bounds_moved = false; /* else the simplex below goes on from the old basis */
    for (;;) {
        if (stop_asked(lim)) {
            st = RP_ERR_INTERRUPTED;
            break;
        }
        if (time_left(lim) <= 0) {
            st = RP_ERR_NO_PLAN;
            break;
        }
        int done = glp_get_it_cnt(m->P) - start;
        if (budget > 0 && done >= budget) {
            st = RP_OK; /* the budget spent: the basis is feasible, if not optimal yet */
            break;
        }
        sm.it_lim = budget > 0 && budget - done < slice ? budget - done : slice;
        sm.tm_lim = ms_left(lim);
        int ret = glp_simplex(m->P, &sm);
        if (ret == GLP_EITLIM || ret == GLP_ETMLIM)
            continue;
        if (ret != 0) {
            if (retried)
                break;
            retried = true; /* a singular basis: start again from the slacks */
            glp_std_basis(m->P);
            continue;
        }
        st = glp_get_status(m->P) == GLP_OPT ? RP_OK : RP_ERR_SOLVER;
        *optimal = st == RP_OK;
        break;
    }
    if (iterations)
        *iterations = glp_get_it_cnt(m->P) - start;
    unguard();
    return st;
}

int rp_master_retire_idle(rp_master *m, int solves)
{
    if (m->broken || solves <= 0)
        return 0;
    int retired = 0;
    for (int k = 0; k < m->n_sched; k++) {
        if (m->idle[k] < 0)
            continue;
        int j = m->first_sched + k;
        bool out = glp_get_col_stat(m->P, j) == GLP_NL &&
                   glp_get_col_dual(m->P, j) < -IDLE_REDUCED;
        m->idle[k] = out ? m->idle[k] + 1 : 0;
        if (m->idle[k] >= solves) {
            /* the simplex leaves fixed non-basic columns out of its working LP */
            glp_set_col_bnds(m->P, j, GLP_FX, 0, 0);
            m->idle[k] = RETIRED;
            retired++;
        }
    }
    return retired;
}

bool rp_master_retired(const rp_master *m, int k)
{
    return m->idle[k] == RETIRED;
}

void rp_master_restore(rp_master *m, int k)
{
    if (m->broken || m->idle[k] != RETIRED)
        return;
    glp_set_col_bnds(m->P, m->first_sched + k, GLP_DB, 0, 1); /* non-basic at 0 */
    m->idle[k] = RESTORED;
}

void rp_master_fix(rp_master *m, int k, bool fixed)
{
    if (m->broken || m->idle[k] == RETIRED)
        return;
    int j = m->first_sched + k;
    if (fixed)
        glp_set_col_bnds(m->P, j, GLP_FX, 1, 1);
    else
        glp_set_col_bnds(m->P, j, GLP_DB, 0, 1);
    m->bounds_moved = true;
}

bool rp_master_keep_basis(rp_master *m)
{
    free(m->kept_stat);
    m->kept_stat = NULL;
    if (m->broken)
        return true;
    int rows = glp_get_num_rows(m->P), cols = glp_get_num_cols(m->P);
    m->kept_stat = malloc(((size_t)rows + (size_t)cols + 1) * sizeof *m->kept_stat);
    if (!m->kept_stat)
        return false;
    for (int i = 1; i <= rows; i++)
        m->kept_stat[i - 1] = glp_get_row_stat(m->P, i);
    for (int j = 1; j <= cols; j++)
        m->kept_stat[rows + j - 1] = glp_get_col_stat(m->P, j);
    m->kept_rows = rows;
    m->kept_cols = cols;
    return true;
}

void rp_master_back_to_basis(rp_master *m)
{
    if (m->broken || !m->kept_stat)
        return;
    GUARD(m, );
    /* GLPK turns a non-basic status that does not suit a column's bounds
     * into the one that does */
    for (int i = 1; i <= m->kept_rows; i++)
        glp_set_row_stat(m->P, i, m->kept_stat[i - 1]);
    int cols = glp_get_num_cols(m->P);
    for (int j = 1; j <= cols; j++)
        glp_set_col_stat(m->P, j, j <= m->kept_cols ? m->kept_stat[m->kept_rows + j - 1] : GLP_NL);
    free(m->kept_stat);
    m->kept_stat = NULL;
    m->bounds_moved = false;
    unguard();
}

double rp_master_value(const rp_master *m)
{
    return m->broken ? 0 : glp_get_obj_val(m->P);
}

double rp_master_slack(const rp_master *m)
{
    if (m->broken)
        return 0;
    double slack = 0;
    for (int c = 0; c < m->C; c++) {
        slack += glp_get_col_prim(m->P, m->over_col[c]);
        if (m->under_col[c])
            slack += glp_get_col_prim(m->P, m->under_col[c]);
    }
    return slack;
}

void rp_master_duals(const rp_master *m, double *cell, double *worst, double *convexity)
{
    for (int c = 0; cell && c < m->C; c++)
        cell[c] = m->broken ? 0 : glp_get_row_dual(m->P, cell_row(c));
    for (int s = 0; s < m->S; s++) {
        if (worst)
            worst[s] = m->fairness && !m->broken ? glp_get_row_dual(m->P, worst_row(m, s)) : 0;
        if (convexity)
            convexity[s] = m->broken ? 0 : glp_get_row_dual(m->P, convexity_row(m, s));
    }
}

double rp_master_weight(const rp_master *m, int k)
{
    return m->broken ? 0 : glp_get_col_prim(m->P, m->first_sched + k);
}

typedef struct integer_search {
    rp_master *m;
    const rp_master_limits *lim;
    int nodes;
    double *warm; /* [columns + 1] or NULL */
    bool warm_offered;
} integer_search;

static void integer_callback(glp_tree *T, void *info)
{
    integer_search *x = info;
    if (glp_ios_reason(T) == GLP_IHEUR && x->warm && !x->warm_offered) {
        x->warm_offered = true;
        glp_ios_heur_sol(T, x->warm);
    }
    int active, current, total;
    glp_ios_tree_size(T, &active, &current, &total);
    if (total > x->nodes || stop_asked(x->lim) || time_left(x->lim) <= 0)
        glp_ios_terminate(T);
}

/* The column values of a choice (a schedule per student), slacks and the
 * worst-off score included: GLPK's search starts from it. NULL when out of
 * memory or when a student has no schedule in the choice. */
static double *warm_values(rp_master *m, const int *choice)
{
    int n = glp_get_num_cols(m->P);
    double *x = calloc((size_t)n + 1, sizeof *x);
    double *load = calloc((size_t)m->C + 1, sizeof *load);
    if (!x || !load) {
        free(x);
        free(load);
        return NULL;
    }
    double worst = HUGE_VAL;
    for (int s = 0; s < m->S; s++) {
        int k = choice[s];
        if (k < 0 || k >= m->n_sched || m->student_of[k] != s) {
            free(x);
            free(load);
            return NULL;
        }
        int j = m->first_sched + k;
        x[j] = 1;
        int len = glp_get_mat_col(m->P, j, m->ind, m->val);
        for (int e = 1; e <= len; e++)
            if (m->ind[e] <= m->C)
                load[m->ind[e] - 1] += m->val[e];
        if (m->score_of[k] < worst)
            worst = m->score_of[k];
    }
    for (int c = 0; c < m->C; c++) {
        x[m->over_col[c]] = fmax(0, load[c] - m->cell_ub[c]);
        if (m->under_col[c])
            x[m->under_col[c]] = fmax(0, m->cell_lb[c] - load[c]);
    }
    if (m->z_col)
        x[m->z_col] = m->S > 0 ? worst : 0;
    free(load);
    return x;
}

static void set_kinds(rp_master *m, int kind)
{
    for (int k = 0; k < m->n_sched; k++)
        glp_set_col_kind(m->P, m->first_sched + k, kind);
}

/* Whether the LP is at an optimal basis, solving it in the time left when
 * it is not. Runs under the caller's guard. */
static bool lp_optimal(rp_master *m, const rp_master_limits *lim)
{
    if (glp_get_status(m->P) == GLP_OPT)
        return true;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = GLP_PRIMAL;
    sm.tm_lim = ms_left(lim);
    if (time_left(lim) <= 0 || stop_asked(lim))
        return false;
    if (glp_simplex(m->P, &sm) != 0) {
        glp_std_basis(m->P); /* a singular basis: once more from the slacks */
        sm.tm_lim = ms_left(lim);
        if (time_left(lim) <= 0 || glp_simplex(m->P, &sm) != 0)
            return false;
    }
    return glp_get_status(m->P) == GLP_OPT;
}

rp_status rp_master_integer(rp_master *m, const rp_master_limits *lim, int nodes, int *choice,
                            double *objective, double *slack)
{
    GUARD(m, RP_ERR_SOLVER);
    /* every schedule is open to the search: a retired one may still be the
     * integer optimum's */
    for (int k = 0; k < m->n_sched; k++)
        rp_master_restore(m, k);
    integer_search x = {m, lim, nodes, warm_values(m, choice), false};
    set_kinds(m, GLP_BV);
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.cb_func = integer_callback;
    io.cb_info = &x;
    io.tm_lim = ms_left(lim);
    /* the most fractional schedule: Driebeck-Tomlin weighs every fractional
     * column with a row of the simplex table at each node, and GLPK reads the
     * clock only between nodes, so one node of a large master took minutes
     * (measured: the same plans on the benchmark instances either way) */
    io.br_tech = GLP_BR_MFV;
    io.bt_tech = GLP_BT_BLB;
    io.sr_heur = GLP_ON;
    /* GLPK's search starts from an optimal basis of the LP, which the
     * columns restored above (or a dive's bounds) may have left behind */
    int ret = lp_optimal(m, lim) ? glp_intopt(m->P, &io) : GLP_EROOT;
    int status = glp_mip_status(m->P);
    rp_status st = RP_OK;
    if (status == GLP_FEAS || status == GLP_OPT) {
        for (int s = 0; s < m->S; s++)
            choice[s] = -1;
        for (int k = 0; k < m->n_sched; k++)
            if (glp_mip_col_val(m->P, m->first_sched + k) > 0.5)
                choice[m->student_of[k]] = k;
        *objective = glp_mip_obj_val(m->P);
        *slack = 0;
        for (int c = 0; c < m->C; c++) {
            *slack += glp_mip_col_val(m->P, m->over_col[c]);
            if (m->under_col[c])
                *slack += glp_mip_col_val(m->P, m->under_col[c]);
        }
    } else if (stop_asked(lim)) {
        st = RP_ERR_INTERRUPTED;
    } else {
        /* the time or the LP ran out before a plan */
        st = ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP || ret == GLP_EROOT
                 ? RP_ERR_NO_PLAN
                 : RP_ERR_SOLVER;
    }
    set_kinds(m, GLP_CV);
    free(x.warm);
    unguard();
    return st;
}
