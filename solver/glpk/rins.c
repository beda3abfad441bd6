#include "solver/glpk/rins.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "solver/glpk/prob.h"
#include "base/clock.h"
#include "base/rng.h"

#define AGREE 1e-6
/* groups freed per round: enough to let a few students swap places */
#define GROUPS_PER_ROUND 6
/* a round may take at most this long, so one hard neighbourhood cannot eat
 * the whole budget */
#define ROUND_SECONDS 5.0

typedef struct rins {
    glp_prob *P;
    double *warm_start;
    const int *group;
    int n, n_groups;
    bool *freed; /* [n_groups] groups freed this round */
    rp_rng rng;
    const rp_glpk_rins_limits *lim;
    double round_deadline;
} rins;

static void round_callback(glp_tree *T, void *info)
{
    const rins *s = info;
    if ((s->lim->interrupt && *s->lim->interrupt) || rp_clock_seconds() >= s->round_deadline)
        glp_ios_terminate(T);
}

static bool is_binary(glp_prob *P, int j)
{
    int kind = glp_get_col_kind(P, j);
    return kind == GLP_BV || (kind == GLP_IV && glp_get_col_type(P, j) == GLP_DB &&
                              glp_get_col_lb(P, j) == 0 && glp_get_col_ub(P, j) == 1);
}

static void choose_groups(rins *s, int count)
{
    for (int g = 0; g < s->n_groups; g++)
        s->freed[g] = false;
    for (int k = 0; k < count && k < s->n_groups; k++) {
        int g;
        do
            g = rp_rng_below(&s->rng, s->n_groups);
        while (s->freed[g]);
        s->freed[g] = true;
    }
}

static bool is_free(const rins *s, int j, bool with_groups)
{
    if (fabs(glp_get_col_prim(s->P, j) - s->warm_start[j]) >= AGREE)
        return true;
    int g = s->group ? s->group[j - 1] : -1;
    return with_groups && g >= 0 && s->freed[g];
}

/* One round. True when a better solution replaced warm_start. */
static bool round_once(rins *s, bool with_groups)
{
    glp_prob *Q = glp_create_prob();
    glp_copy_prob(Q, s->P, GLP_OFF);
    for (int j = 1; j <= s->n; j++)
        if (is_binary(s->P, j) && !is_free(s, j, with_groups))
            glp_set_col_bnds(Q, j, GLP_FX, s->warm_start[j], s->warm_start[j]);
    bool better = false;
    double now = rp_clock_seconds();
    s->round_deadline = fmin(s->lim->deadline, now + ROUND_SECONDS);
    if (s->round_deadline - now > 0.05) {
        glp_iocp io;
        glp_init_iocp(&io);
        io.msg_lev = GLP_MSG_OFF;
        io.presolve = GLP_ON;
        io.tm_lim = (int)((s->round_deadline - now) * 1000);
        io.cb_func = round_callback;
        io.cb_info = s;
        glp_intopt(Q, &io);
        int status = glp_mip_status(Q);
        if (status == GLP_OPT || status == GLP_FEAS) {
            bool maximise = glp_get_obj_dir(s->P) == GLP_MAX;
            double old = rp_glpk_objective_of(s->P, s->warm_start), found = glp_mip_obj_val(Q);
            if (maximise ? found > old + AGREE : found < old - AGREE) {
                for (int j = 1; j <= s->n; j++)
                    s->warm_start[j] = glp_mip_col_val(Q, j);
                better = true;
            }
        }
    }
    glp_delete_prob(Q);
    return better;
}

static bool stopped(const rins *s)
{
    bool maximise = glp_get_obj_dir(s->P) == GLP_MAX;
    double z = rp_glpk_objective_of(s->P, s->warm_start);
    if (maximise ? z >= s->lim->target - AGREE : z <= s->lim->target + AGREE)
        return true;
    return (s->lim->interrupt && *s->lim->interrupt) || rp_clock_seconds() >= s->lim->deadline;
}

int rp_glpk_rins_improve(glp_prob *P, double *warm_start, const int *group, const rp_glpk_rins_limits *lim)
{
    rins s = {P, warm_start, group, glp_get_num_cols(P), 0, NULL, rp_rng_seeded(1), lim, 0};
    for (int j = 0; group && j < s.n; j++)
        if (group[j] + 1 > s.n_groups)
            s.n_groups = group[j] + 1;
    int improvements = 0, idle = 0;
    /* a better warm start moves the LP neighbourhood too: repeat until it is spent */
    while (!stopped(&s) && round_once(&s, false))
        improvements++;
    if (s.n_groups == 0)
        return improvements;
    s.freed = glp_alloc(s.n_groups, sizeof *s.freed);
    while (!stopped(&s) && idle < lim->patience) {
        choose_groups(&s, GROUPS_PER_ROUND);
        if (!round_once(&s, true)) {
            idle++;
            continue;
        }
        improvements++;
        idle = 0;
        while (!stopped(&s) && round_once(&s, false))
            improvements++;
    }
    glp_free(s.freed);
    return improvements;
}
