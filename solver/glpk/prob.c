/* GLPK's copy of an rp_lp (part of the GLPK driver). */
#include "solver/glpk/prob.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int rp_glpk_ms(double seconds)
{
    if (seconds >= (double)INT_MAX / 1000)
        return INT_MAX;
    return seconds <= 0.001 ? 1 : (int)(seconds * 1000);
}

int rp_glpk_silence(void *info, const char *text)
{
    (void)info;
    (void)text;
    return 1;
}

double rp_glpk_objective_of(glp_prob *P, const double *x)
{
    double z = glp_get_obj_coef(P, 0);
    for (int j = 1; j <= glp_get_num_cols(P); j++)
        z += glp_get_obj_coef(P, j) * x[j];
    return z;
}

static int bound_type(double lb, double ub)
{
    bool has_lb = lb > -RP_LP_INF, has_ub = ub < RP_LP_INF;
    if (has_lb && has_ub)
        return lb == ub ? GLP_FX : GLP_DB;
    return has_lb ? GLP_LO : has_ub ? GLP_UP : GLP_FR;
}

/* Longest name every reader of the format accepts (CoinLpIO: 100, less 4 for
 * the "_low" it appends to ranged rows; GLPK: 255). */
#define LP_NAME_MAX 96
#define MPS_NAME_MAX 255

/*
 * Name as the format accepts it, into buf (256 bytes), or NULL when none
 * fits. In CPLEX LP files GLPK and CoinLpIO agree only on letters, digits and
 * !"#$%&(),.;?@_'`{}~, so '[' ']' become '(' ')', '/' becomes '@' and '-'
 * becomes '~'; ids hold none of the replacements, so names stay distinct.
 */
static const char *format_name(const char *name, rp_lp_file_format format, char *buf)
{
    size_t n = strlen(name);
    if (n > (format == RP_LP_FILE_CPLEX ? LP_NAME_MAX : MPS_NAME_MAX))
        return NULL;
    for (size_t i = 0; i <= n; i++) {
        char c = name[i];
        if (format == RP_LP_FILE_CPLEX) {
            switch (c) {
            case '[': c = '('; break;
            case ']': c = ')'; break;
            case '/': c = '@'; break;
            case '-': c = '~'; break;
            default:
                if (c && !strchr("!\"#$%&(),.;?@_'`{}~", c) &&
                    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                    c = '_';
            }
        } else if (c == ' ' || (c && (unsigned char)c < 32) || c == 127) {
            c = '_'; /* MPS fields are split by blanks; GLPK refuses control characters */
        }
        buf[i] = c;
    }
    return buf;
}

rp_glpk_names rp_glpk_names_for(rp_lp_file_format format)
{
    return format == RP_LP_FILE_CPLEX ? RP_GLPK_NAMES_LP : RP_GLPK_NAMES_MPS;
}

glp_prob *rp_glpk_prob_make(rp_lp *lp, rp_glpk_names names)
{
    rp_lp_compact(lp);
    glp_prob *P = glp_create_prob();
    rp_lp_file_format format = names == RP_GLPK_NAMES_LP ? RP_LP_FILE_CPLEX : RP_LP_FILE_MPS;
    bool negate = names == RP_GLPK_NAMES_MPS && lp->maximise;
    double sign = negate ? -1 : 1;
    glp_set_obj_dir(P, lp->maximise && !negate ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, sign * lp->obj_offset);
    if (names != RP_GLPK_NAMES_NONE) {
        glp_set_prob_name(P, "rotaplan");
        glp_set_obj_name(P, negate ? "minus_score" : "score");
    }
    if (lp->n_rows)
        glp_add_rows(P, lp->n_rows);
    if (lp->n_cols)
        glp_add_cols(P, lp->n_cols);
    char buf[24], fixed[256];
    for (int i = 0; i < lp->n_rows; i++) {
        const rp_lp_row *row = &lp->rows[i];
        glp_set_row_bnds(P, i + 1, bound_type(row->lb, row->ub), row->lb, row->ub);
        if (names != RP_GLPK_NAMES_NONE) {
            const char *nm = format_name(rp_lp_row_name(lp, i, buf), format, fixed);
            snprintf(buf, sizeof buf, "r_%d", i + 1);
            glp_set_row_name(P, i + 1, nm ? nm : buf);
        }
    }
    for (int j = 0; j < lp->n_cols; j++) {
        const rp_lp_col *col = &lp->cols[j];
        glp_set_col_kind(P, j + 1, col->kind == RP_LP_CONTINUOUS ? GLP_CV : GLP_IV);
        glp_set_col_bnds(P, j + 1, bound_type(col->lb, col->ub), col->lb, col->ub);
        glp_set_obj_coef(P, j + 1, sign * col->obj);
        if (names != RP_GLPK_NAMES_NONE) {
            const char *nm = format_name(rp_lp_col_name(lp, j, buf), format, fixed);
            snprintf(buf, sizeof buf, "c_%d", j + 1);
            glp_set_col_name(P, j + 1, nm ? nm : buf);
        }
    }
    size_t nz = lp->n_coefs;
    if (nz > (size_t)INT_MAX - 1)
        glp_error("rotaplan: too many coefficients for GLPK (%zu)\n", nz);
    int *ia = glp_alloc((int)nz + 1, sizeof(int));
    int *ja = glp_alloc((int)nz + 1, sizeof(int));
    double *ar = glp_alloc((int)nz + 1, sizeof(double));
    for (size_t k = 0; k < nz; k++) {
        ia[k + 1] = lp->coefs[k].row + 1;
        ja[k + 1] = lp->coefs[k].col + 1;
        ar[k + 1] = lp->coefs[k].val;
    }
    glp_load_matrix(P, (int)nz, ia, ja, ar);
    glp_free(ia);
    glp_free(ja);
    glp_free(ar);
    return P;
}

bool rp_glpk_per_thread(void)
{
    return glp_config("TLS") != NULL;
}

void rp_glpk_thread_end(void)
{
    glp_free_env(); /* answers 1, harmlessly, when there is none */
}

rp_status rp_glpk_env(void)
{
    switch (glp_init_env()) {
    case 0: /* created */
    case 1: /* there already */
        return RP_OK;
    case 2:
        return RP_ERR_NOMEM;
    default:
        return RP_ERR_SOLVER;
    }
}
