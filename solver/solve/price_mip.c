#include "solver/solve/price_mip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/solve/residual.h"

#define START_TOL 1e-6 /* a starting schedule's breach of a row, in its units */

/* The price of team's weeks start .. start+len-1 (sched/schedule.h: cells). */
static double team_price(const rp_model *m, const rp_price_input *in, int team, int start,
                         int len)
{
    double c = 0;
    for (int w = start; in->cell_price && team >= 0 && w < start + len; w++)
        c += in->cell_price[(size_t)(m->n_departments + team) * m->weeks + w];
    return c;
}

/* The student's program: score scaled, prices and bonuses on the rotations;
 * a team's price on the rotation when only it may guide it, else on the
 * guide column choosing it. */
static void set_objective(rp_form *f, const rp_model *m, const rp_price_input *in, int s)
{
    double scale = in->scale > 0 ? in->scale : 0;
    for (int j = 0; j < f->lp->n_cols; j++)
        rp_lp_set_obj(f->lp, j, scale * f->lp->cols[j].obj);
    for (int j = 0; j < f->n_x; j++) {
        int student, p, t;
        rp_form_x_info(f, j, &student, &p, &t);
        int len = m->disciplines[m->departments[p].discipline].length;
        double c = 0;
        for (int w = t; in->cell_price && w < t + len; w++)
            c += in->cell_price[(size_t)p * m->weeks + w];
        if (in->bonus)
            c -= in->bonus(in->ctx, s, p, t);
        if (f->x_team) {
            c += team_price(m, in, f->x_team[j], t, len);
            for (int k = f->guide_start[j]; k < f->guide_start[j + 1]; k++) {
                int y = f->guide_cols[k];
                rp_lp_add_obj(f->lp, y, -team_price(m, in, rp_form_col_tag(f, y).item, t, len));
            }
        }
        rp_lp_add_obj(f->lp, j, -c);
    }
}

typedef struct filter {
    const rp_price_input *in;
    int s;
} filter;

static bool allow(void *ctx, int student, int department, int start)
{
    const filter *fl = ctx;
    (void)student;
    return fl->in->allow_start(fl->in->ctx, fl->s, department, start);
}

/* The program's values of schedule sc of the student alone, into *out (owned),
 * or NULL when it does not fit the program (left to the search). */
static rp_status start_values(const rp_form *f, const rp_model *alone, const rp_schedule *sc,
                              double **out)
{
    *out = NULL;
    const rp_schedule *of[1] = {sc};
    rp_plan *plan = NULL;
    rp_status made = rp_schedules_to_plan(alone, of, &plan);
    if (made != RP_OK) {
        /* a team over its capacity: no start, the search finds its own */
        rp_plan_free(&plan);
        return made == RP_ERR_NOMEM ? made : RP_OK;
    }
    double *values = malloc(((size_t)f->lp->n_cols + 1) * sizeof *values);
    int bad = -1;
    rp_status st = values ? rp_form_values(f, plan, values, &bad) : RP_ERR_NOMEM;
    rp_plan_free(&plan);
    rp_lp_breach first;
    int breaches = st == RP_OK ? rp_lp_check(f->lp, values, START_TOL, &first) : 1;
    if (st == RP_ERR_NOMEM || breaches < 0) {
        free(values);
        return RP_ERR_NOMEM;
    }
    if (breaches == 0)
        *out = values;
    else
        free(values);
    return RP_OK;
}

rp_status rp_price_mip(const rp_model *m, const rp_price_input *in, int s,
                       const rp_schedule *start, double deadline,
                       volatile sig_atomic_t *interrupt, rp_schedule *out, rp_price_result *res)
{
    memset(res, 0, sizeof *res);
    res->outcome = RP_PRICE_TOO_LARGE;
    res->bound = HUGE_VAL;
    rp_residual *r = NULL;
    RP_TRY(rp_residual_alone(m, &s, &r));
    rp_form_options fo;
    rp_form_options_init(&fo);
    fo.names = false;
    fo.score_columns = false;
    filter fl = {in, s};
    if (in->allow_start) {
        fo.allow_start = allow;
        fo.allow_ctx = &fl;
    }
    rp_form *f = NULL;
    rp_status st = rp_form_build(&r->model, &fo, &f);
    if (st) {
        rp_residual_free(&r);
        return st;
    }
    set_objective(f, m, in, s);
    double *given = NULL;
    if (start && start->n > 0 && (st = start_values(f, &r->model, start, &given)) != RP_OK) {
        rp_form_free(&f);
        rp_residual_free(&r);
        return st;
    }
    rp_mip_options mo;
    rp_mip_options_init(&mo);
    mo.warm_start = given;
    mo.node_limit = RP_PRICE_MIP_NODES;
    mo.time_limit = fmin(RP_PRICE_MIP_SECONDS, deadline - rp_clock_seconds());
    if (mo.time_limit <= 0)
        mo.time_limit = 1e-3;
    mo.interrupt = interrupt;
    /* no search step timed by the clock (the diving heuristic): which of
     * equal optima the program picks must not depend on the machine's speed */
    rp_glpk_tuning tune;
    rp_glpk_tuning_init(&tune);
    tune.dive_heur = false;
    tune.rins_share = 0;
    tune.bound_share = 0;
    /* branching on the most fractional column: Driebeck-Tomlin took up to
     * 1.3 s a node on these programs, where GLPK sees no interrupt (MSS
     * 40 x 24: programs 2 to 5 times as long, the same schedules, bounds
     * within 0.06%) */
    tune.dth_max_columns = 0;
    rp_mip_result mr;
    st = rp_glpk_solve(f->lp, &mo, &tune, &mr);
    if (st == RP_ERR_INFEASIBLE) {
        res->outcome = RP_PRICE_INFEASIBLE;
        res->bound = -HUGE_VAL;
        st = RP_OK;
    } else if (st == RP_OK || st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED) {
        if (mr.has_bound)
            res->bound = mr.bound;
        if (mr.optimal)
            res->outcome = RP_PRICE_EXACT;
        st = RP_OK;
        if (mr.has_solution && mr.objective > in->incumbent + 1e-6) {
            rp_plan *plan = rp_plan_new();
            st = plan ? rp_form_plan(f, mr.values, plan) : RP_ERR_NOMEM;
            out->n = 0;
            if (st == RP_OK)
                rp_plan_sort(plan); /* by student, then week: time order */
            for (int i = 0; st == RP_OK && i < plan->n_rotations; i++) {
                const rp_rotation *rot = &plan->rotations[i];
                /* the view holds the student alone: student 0 */
                int j = rp_form_x(f, 0, rot->department, rot->start);
                st = rp_schedule_push(out, rot->department, rot->start,
                                      rp_form_x_team(f, j, mr.values));
            }
            if (st == RP_OK) {
                out->score = rp_schedule_score(m, s, out->rots, out->n);
                res->found = true;
                res->value = mr.objective;
                if (res->outcome == RP_PRICE_EXACT)
                    res->bound = mr.objective;
            }
            rp_plan_free(&plan);
        } else if (res->outcome == RP_PRICE_EXACT) {
            res->bound = fmax(in->incumbent, mr.has_solution ? mr.objective : -HUGE_VAL);
        }
    }
    rp_mip_result_clear(&mr);
    free(given);
    rp_form_free(&f);
    rp_residual_free(&r);
    return st;
}
