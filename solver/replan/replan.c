/* Re-planning: the formulation of the new config with history fixed, searched
 * in the order asked for (replan.h). */
#include "solver/replan/internal.h"
#include "base/clock.h"
#include "model/teams.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rp_replan_options_init(rp_replan_options *opt)
{
    memset(opt, 0, sizeof *opt);
    rp_solve_options_init(&opt->solve);
    opt->order = RP_REPLAN_DISRUPTION;
    opt->move_weight = 10;
    opt->max_changes_per_student = -1;
}

typedef struct replan {
    const rp_replan_options *opt;
    rp_replan_result *res;
    rp_history h;
    rp_form *f;
    int *col;            /* [previous->n_rotations] its x column, or -1 */
    int *keep, n_keep;   /* x columns of the previous rotations that may change */
    double *obj, offset; /* the config's objective, saved while a stage changes it */
    rp_plan *warm_start; /* the previous plan without what the new config forbids */
    bool bound_on_score; /* the answer's bound is one on the config's objective */
    double t0;
} replan;

static int rotation_col(const replan *r, const rp_rotation *rot)
{
    const rp_model *m = r->f->model;
    int length = m->disciplines[m->departments[rot->department].discipline].length;
    if (rot->length != length)
        return -1;
    return rp_form_x(r->f, rot->student, rot->department, rot->start);
}

/* Fixes history, starts running rotations fixed whole, lists what may move. */
/* A running rotation kept whole keeps its supervisor: x column j may only
 * be guided by their team (its guide column fixed), or not at all. */
static bool keeps_supervisor(replan *r, const rp_rotation *rot, int j)
{
    const rp_model *m = r->f->model;
    if (rot->supervisor < 0 || !r->f->x_team || m->departments[rot->department].n_teams == 0)
        return true;
    int team = m->supervisors[rot->supervisor].team;
    if (r->f->x_team[j] >= 0)
        return r->f->x_team[j] == team;
    int g = rp_form_guide_col(r->f, j, team);
    if (g < 0)
        return false;
    rp_lp_set_col_bounds(r->f->lp, g, 1, 1);
    return true;
}

static rp_status fix_history(replan *r, const rp_plan *previous)
{
    rp_replan_result *res = r->res;
    size_t n = (size_t)previous->n_rotations + 1;
    r->col = malloc(n * sizeof *r->col);
    r->keep = malloc(n * sizeof *r->keep);
    r->warm_start = rp_plan_new();
    if (!r->col || !r->keep || !r->warm_start)
        return RP_ERR_NOMEM;
    for (int i = 0; i < previous->n_rotations; i++) {
        const rp_rotation *rot = &previous->rotations[i];
        rp_past kind = r->h.kind[i];
        int j = kind == RP_PAST_SHORT ? -1 : rotation_col(r, rot);
        r->col[i] = j;
        if (kind == RP_PAST_HISTORY || kind == RP_PAST_SHORT) {
            res->n_history++;
            if (kind == RP_PAST_HISTORY && j < 0) {
                res->bad_rotation = i;
                return RP_ERR_INVALID;
            }
        } else {
            res->n_future++;
            res->n_running += kind == RP_PAST_RUNNING;
            if (j < 0) {
                res->n_impossible++;
                continue;
            }
            r->keep[r->n_keep++] = j;
        }
        if (j >= 0 && kind == RP_PAST_RUNNING && !keeps_supervisor(r, rot, j)) {
            /* whole, it would change supervisor part way, or rewrite who
             * guided its past weeks: it is cut instead */
            rp_lp_set_col_bounds(r->f->lp, j, 0, 0);
            res->n_impossible++;
            r->n_keep--;
            r->col[i] = j = -1;
        }
        if (j >= 0) {
            if (kind != RP_PAST_FUTURE)
                rp_lp_set_col_bounds(r->f->lp, j, 1, 1);
            RP_TRY(rp_plan_add(r->warm_start, rot->student, rot->department, rot->start,
                               rot->length));
        }
    }
    return RP_OK;
}

/* Running rotations may be cut after all: the new config leaves no plan
 * that keeps them whole. */
static void release_running(replan *r, const rp_plan *previous)
{
    for (int i = 0; i < previous->n_rotations; i++)
        if (r->h.kind[i] == RP_PAST_RUNNING && r->col[i] >= 0)
            rp_lp_set_col_bounds(r->f->lp, r->col[i], 0, 1);
    r->res->running_released = true;
}

/* At most max_changes_per_student of a student's previous rotations change:
 * keeps >= (rotations that may change) - limit. */
static rp_status limit_changes(replan *r)
{
    int limit = r->opt->max_changes_per_student;
    if (limit < 0)
        return RP_OK;
    const rp_history *h = &r->h;
    for (int s = 0; s < r->f->model->n_students; s++) {
        int movable = 0, row;
        for (int k = h->first[s]; k < h->first[s + 1]; k++)
            movable += h->kind[h->order[k]] >= RP_PAST_RUNNING;
        if (movable <= limit)
            continue;
        row = rp_lp_add_row(r->f->lp, movable - limit, RP_LP_INF, "changes[%s]",
                            r->f->model->students[s].id);
        for (int k = h->first[s]; row >= 0 && k < h->first[s + 1]; k++) {
            int i = h->order[k];
            if (h->kind[i] >= RP_PAST_RUNNING && r->col[i] >= 0)
                rp_lp_add_coef(r->f->lp, row, r->col[i], 1);
        }
    }
    return rp_lp_status(r->f->lp);
}

static rp_status save_objective(replan *r)
{
    rp_lp *lp = r->f->lp;
    r->obj = malloc(((size_t)lp->n_cols + 1) * sizeof *r->obj);
    if (!r->obj)
        return RP_ERR_NOMEM;
    for (int j = 0; j < lp->n_cols; j++)
        r->obj[j] = lp->cols[j].obj;
    r->offset = lp->obj_offset;
    return RP_OK;
}

/* weight_score x (the config's objective) + weight_keep x (kept rotations) + offset */
static void set_objective(replan *r, double weight_score, double weight_keep, double offset)
{
    rp_lp *lp = r->f->lp;
    int n_saved = lp->n_cols; /* rows added later bring no columns */
    for (int j = 0; j < n_saved; j++)
        rp_lp_set_obj(lp, j, weight_score * r->obj[j]);
    for (int k = 0; k < r->n_keep; k++)
        rp_lp_add_obj(lp, r->keep[k], weight_keep);
    lp->obj_offset = weight_score * r->offset + offset;
}

/* Adds "kept rotations >= at_least" or "the config's objective >= at_least". */
static rp_status add_floor(replan *r, bool on_score, double at_least)
{
    rp_lp *lp = r->f->lp;
    int row = rp_lp_add_row(lp, at_least - (on_score ? r->offset : 0), RP_LP_INF, "%s",
                            on_score ? "score_floor" : "kept_floor");
    if (on_score) {
        for (int j = 0; row >= 0 && j < lp->n_cols; j++)
            if (r->obj[j] != 0)
                rp_lp_add_coef(lp, row, j, r->obj[j]);
    } else {
        for (int k = 0; row >= 0 && k < r->n_keep; k++)
            rp_lp_add_coef(lp, row, r->keep[k], 1);
    }
    return rp_lp_status(lp);
}

/* One search from `warm_start`; the time limit is what is left of the whole run. */
static rp_status search(replan *r, const rp_plan *warm_start, rp_plan **plan)
{
    rp_solve_options so = r->opt->solve;
    so.warm_start = warm_start;
    so.heuristic = false;
    if (so.time_limit > 0) {
        so.time_limit -= rp_clock_seconds() - r->t0;
        if (so.time_limit <= 0)
            so.time_limit = 1e-9;
    }
    r->res->solve.build_seconds = 0;
    r->res->stages++;
    return rp_solve_form(r->f, &so, plan, &r->res->solve);
}

/* True when the last search stopped early: later stages are skipped and its
 * plan is the answer. */
static bool stopped(const replan *r)
{
    return r->res->solve.interrupted || r->res->solve.time_limit_reached;
}

/* The first stage; when keeping running rotations whole leaves no plan, they
 * are released and the stage runs again. */
static rp_status first_stage(replan *r, const rp_plan *previous, rp_plan **plan)
{
    rp_status st = search(r, r->warm_start, plan);
    if (st == RP_ERR_INFEASIBLE && r->res->n_running > r->res->n_impossible) {
        release_running(r, previous);
        st = search(r, r->warm_start, plan);
    }
    return st;
}

static rp_status run_stages(replan *r, const rp_plan *previous, rp_plan **plan)
{
    const rp_replan_options *opt = r->opt;
    rp_plan *first = NULL;
    rp_status st;
    switch (opt->order) {
    case RP_REPLAN_MIXED:
        set_objective(r, 1, opt->move_weight, -(double)opt->move_weight * r->res->n_future);
        return first_stage(r, previous, plan);
    case RP_REPLAN_QUALITY:
        set_objective(r, 1, 0, 0);
        r->bound_on_score = true;
        break;
    default:
        set_objective(r, 0, 1, 0);
        break;
    }
    st = first_stage(r, previous, &first);
    if (st || stopped(r)) {
        *plan = first;
        return st;
    }
    bool quality = opt->order == RP_REPLAN_QUALITY;
    double bound = first->has_bound ? first->bound : first->objective;
    bool first_optimal = first->status == RP_PLAN_OPTIMAL;
    st = add_floor(r, quality, first->objective);
    if (st == RP_OK) {
        if (quality)
            set_objective(r, 0, 1, 0);
        else
            set_objective(r, 1, 0, 0);
        st = search(r, first, plan);
    }
    if (st == RP_OK && quality) {
        /* the bound that matters is the first stage's, on the score */
        (*plan)->has_bound = first->has_bound;
        (*plan)->bound = bound;
    }
    r->bound_on_score = st == RP_OK;
    if (st == RP_OK && !first_optimal)
        (*plan)->status = RP_PLAN_FEASIBLE;
    if (st == RP_ERR_INTERRUPTED || st == RP_ERR_NO_PLAN) {
        /* the first stage's plan still stands */
        *plan = first;
        first = NULL;
        st = RP_OK;
    }
    rp_plan_free(&first);
    return st;
}

/* Who guides whom in the new plan: rotations the previous plan had (same
 * student, department and weeks) keep their supervisor when their team has
 * room (which it has when nothing changed for them), and the past keeps
 * its supervisors whatever the new config says. */
static rp_status keep_supervisors(replan *r, const rp_plan *previous, rp_plan *plan)
{
    const rp_model *m = r->f->model;
    if (m->n_supervisors == 0)
        return RP_OK;
    int *prefer = malloc(((size_t)plan->n_rotations + 1) * sizeof *prefer);
    int *team_of = rp_teams_of_plan(m, plan);
    if (!prefer || !team_of) {
        free(prefer);
        free(team_of);
        return RP_ERR_NOMEM;
    }
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *rot = &plan->rotations[i];
        prefer[i] = -1;
        for (int k = r->h.first[rot->student]; k < r->h.first[rot->student + 1]; k++) {
            const rp_rotation *was = &previous->rotations[r->h.order[k]];
            if (was->department == rot->department && was->start == rot->start &&
                was->length == rot->length)
                prefer[i] = was->supervisor;
        }
    }
    rp_status st = rp_teams_assign_preferring(m, plan, team_of, prefer);
    for (int i = 0; i < plan->n_rotations; i++)
        if (prefer[i] >= 0 && plan->rotations[i].start + plan->rotations[i].length <= r->h.from_week)
            plan->rotations[i].supervisor = prefer[i];
    free(prefer);
    free(team_of);
    return st == RP_ERR_NOMEM ? st : RP_OK;
}

/* Counts kept rotations, scores the plan with the config's objective and adds
 * what the formulation leaves out: short history and cut running rotations. */
static rp_status finish(replan *r, const rp_plan *previous, rp_plan *plan)
{
    rp_replan_result *res = r->res;
    rp_lp *lp = r->f->lp;
    double *values = malloc(((size_t)lp->n_cols + 1) * sizeof *values);
    if (!values)
        return RP_ERR_NOMEM;
    rp_status st = rp_form_values(r->f, plan, values, NULL);
    if (st) {
        free(values);
        return st == RP_ERR_NOMEM ? st : RP_ERR_SOLVER;
    }
    double score = r->offset;
    for (int j = 0; j < lp->n_cols; j++)
        score += r->obj[j] * values[j];
    res->score = round(score);
    for (int k = 0; k < r->n_keep; k++)
        res->n_kept += values[r->keep[k]] > 0.5;
    st = keep_supervisors(r, previous, plan);
    for (int i = 0; i < previous->n_rotations && st == RP_OK; i++) {
        const rp_rotation *rot = &previous->rotations[i];
        rp_past kind = r->h.kind[i];
        if (kind == RP_PAST_SHORT) {
            st = rp_plan_add_guided(plan, rot->student, rot->department, rot->start, rot->length,
                                    rot->supervisor);
        } else if (kind == RP_PAST_RUNNING && (r->col[i] < 0 || values[r->col[i]] < 0.5)) {
            res->n_cut++;
            st = rp_plan_add_guided(plan, rot->student, rot->department, rot->start,
                                    r->h.from_week - rot->start, rot->supervisor);
        }
    }
    free(values);
    rp_plan_sort(plan);
    plan->objective = res->score;
    if (!r->bound_on_score)
        plan->has_bound = false;
    if (plan->has_bound && plan->bound < plan->objective)
        plan->bound = plan->objective;
    return st;
}

rp_status rp_replan(rp_model *work, const rp_model *m, const rp_plan *previous,
                    const rp_replan_options *opt, rp_plan **out, rp_replan_result *res)
{
    *out = NULL;
    memset(res, 0, sizeof *res);
    res->bad_rotation = -1;
    replan r = {.opt = opt, .res = res, .t0 = rp_clock_seconds()};
    rp_plan *plan = NULL;
    rp_status st;
    RP_TRY_GOTO(rp_history_init(&r.h, m, previous, opt->from_week), done);
    rp_history_relax(&r.h, work);
    rp_form_options fo = opt->solve.form;
    fo.allow_start = rp_history_allow_start;
    fo.allow_ctx = &r.h;
    RP_TRY_GOTO(rp_form_build(work, &fo, &r.f), done);
    RP_TRY_GOTO(fix_history(&r, previous), done);
    RP_TRY_GOTO(limit_changes(&r), done);
    RP_TRY_GOTO(save_objective(&r), done);
    RP_TRY_GOTO(run_stages(&r, previous, &plan), done);
    RP_TRY_GOTO(finish(&r, previous, plan), done);
    *out = plan;
    plan = NULL;
done:
    rp_plan_free(&plan);
    rp_plan_free(&r.warm_start);
    rp_form_free(&r.f);
    rp_history_clear(&r.h);
    free(r.col);
    free(r.keep);
    free(r.obj);
    res->seconds = rp_clock_seconds() - r.t0;
    res->solve.status = st;
    return st;
}
