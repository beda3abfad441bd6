/* Re-planning: the formulation of the new config with history fixed,
 * started from the plan in force repaired, searched in the order asked for,
 * and the moves that buy nothing undone (replan.h). */
#include "solver/replan/internal.h"
#include "model/teams.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "model/check.h"
#include "solver/diagnose/shortfall.h"
#include "solver/replan/reasons.h"

void rp_replan_options_init(rp_replan_options *opt)
{
    memset(opt, 0, sizeof *opt);
    rp_solve_options_init(&opt->solve);
    opt->order = RP_REPLAN_DISRUPTION;
    opt->move_weight = 10;
    opt->max_changes_per_student = -1;
}

void rp_replan_result_clear(rp_replan_result *res)
{
    rp_findings_clear(&res->short_of);
    memset(res, 0, sizeof *res);
    rp_findings_init(&res->short_of);
    res->bad_rotation = -1;
}

/* The program: the formulation of the widened config with history's filter,
 * or for a partial re-plan its elastic version (requirements bend at 1 per
 * missed rotation, capacities and minimums only at a cost above them all). */
/* The program's filter: history's, and a student it may not move starts
 * only the rotations of the plan in force. */
static bool scoped_start(void *ctx, int student, int department, int start)
{
    const replan *r = ctx;
    if (!rp_history_allow_start((void *)&r->h, student, department, start))
        return false;
    if (!r->freed || r->freed[student] || start < r->h.from_week)
        return true;
    const rp_history *h = &r->h;
    for (int k = h->first[student]; k < h->first[student + 1]; k++) {
        const rp_rotation *rot = &h->previous->rotations[h->order[k]];
        if (rot->department == department && rot->start == start)
            return true;
    }
    return false;
}

static rp_status build(replan *r)
{
    rp_form_options fo = r->opt->solve.form;
    fo.allow_start = scoped_start;
    fo.allow_ctx = r;
    if (!r->opt->partial)
        return rp_form_build(r->work, &fo, &r->f);
    rp_elastic_rules rules = {true, true, true, true};
    RP_TRY(rp_elastic_build(r->work, rules, &fo, &r->e));
    r->f = r->e->form;
    return RP_OK;
}

/* Whether x column j would add a rotation the plan in force does not have. */
static bool adds(const replan *r, int j)
{
    int s, d, start;
    rp_form_x_info(r->f, j, &s, &d, &start);
    return start >= r->h.from_week && !r->previous_col[j];
}

/* Fixes history and running rotations whole, and lists the x columns that
 * keep a previous rotation and those that add a new one from from_week on. */
static rp_status fit_history(replan *r)
{
    rp_replan_result *res = r->res;
    rp_status st = rp_history_fit_form(&r->h, r->f, true, &r->fit);
    res->n_history = r->fit.n_history;
    res->n_running = r->fit.n_running;
    res->n_future = r->fit.n_future;
    res->n_impossible = r->fit.n_impossible;
    res->bad_rotation = r->fit.bad_rotation;
    if (st)
        return st;
    const rp_plan *previous = r->h.previous;
    int n_x = r->f->n_x;
    r->previous_col = calloc((size_t)n_x + 1, 1);
    r->keep = malloc(((size_t)previous->n_rotations + 1) * sizeof *r->keep);
    r->added = malloc(((size_t)n_x + 1) * sizeof *r->added);
    if (!r->previous_col || !r->keep || !r->added)
        return RP_ERR_NOMEM;
    for (int i = 0; i < previous->n_rotations; i++) {
        int j = r->fit.col[i];
        if (j < 0)
            continue;
        r->previous_col[j] = 1;
        if (r->h.kind[i] == RP_PAST_RUNNING || r->h.kind[i] == RP_PAST_FUTURE)
            r->keep[r->n_keep++] = j;
        /* a student the program may not move keeps all of it */
        if (r->freed && !r->freed[previous->rotations[i].student])
            rp_lp_set_col_bounds(r->f->lp, j, 1, 1);
    }
    for (int j = 0; j < n_x; j++)
        if (adds(r, j))
            r->added[r->n_added++] = j;
    return RP_OK;
}

/* At most max_changes_per_student dropped and at most as many added
 * rotations per student: the changes list pairs them, so no student has
 * more changes than that. */
static rp_status limit_changes(replan *r)
{
    int limit = r->opt->max_changes_per_student;
    if (limit < 0)
        return RP_OK;
    const rp_history *h = &r->h;
    const rp_model *m = r->f->model;
    rp_lp *lp = r->f->lp;
    for (int s = 0; s < m->n_students; s++) {
        int movable = 0, possible = 0;
        for (int k = h->first[s]; k < h->first[s + 1]; k++) {
            int i = h->order[k];
            movable += h->kind[i] >= RP_PAST_RUNNING;
            possible += h->kind[i] >= RP_PAST_RUNNING && r->fit.col[i] >= 0;
        }
        if (movable - possible > limit)
            return RP_ERR_INFEASIBLE; /* the config forbids more of them than that */
        if (movable > limit) {
            int row = rp_lp_add_row(lp, movable - limit, RP_LP_INF, "kept[%s]",
                                    m->students[s].id);
            for (int k = h->first[s]; row >= 0 && k < h->first[s + 1]; k++) {
                int i = h->order[k];
                if (h->kind[i] >= RP_PAST_RUNNING && r->fit.col[i] >= 0)
                    rp_lp_add_coef(lp, row, r->fit.col[i], 1);
            }
        }
        int row = rp_lp_add_row(lp, -RP_LP_INF, limit, "added[%s]", m->students[s].id);
        for (int j = r->f->x_first[s]; row >= 0 && j < r->f->x_first[s + 1]; j++)
            if (adds(r, j))
                rp_lp_add_coef(lp, row, j, 1);
    }
    return rp_lp_status(lp);
}

/* Adds what the program leaves out: short history rotations, and the part
 * before from_week of running rotations the plan does not keep whole.
 * Returns how many were cut in *n_cut (may be NULL). */
static rp_status complete(const replan *r, rp_plan *plan, int *n_cut)
{
    const rp_plan *previous = r->h.previous;
    int cut = 0;
    rp_status st = RP_OK;
    for (int i = 0; i < previous->n_rotations && st == RP_OK; i++) {
        const rp_rotation *rot = &previous->rotations[i];
        rp_past kind = r->h.kind[i];
        if (kind == RP_PAST_SHORT) {
            st = rp_plan_add_guided(plan, rot->student, rot->department, rot->start, rot->length,
                                    rot->supervisor);
        } else if (kind == RP_PAST_RUNNING && !rp_plan_holds(plan, rot)) {
            cut++;
            st = rp_plan_add_guided(plan, rot->student, rot->department, rot->start,
                                    r->h.from_week - rot->start, rot->supervisor);
        }
    }
    rp_plan_sort(plan);
    if (n_cut)
        *n_cut = cut;
    return st;
}

/* The plan's rotations the program has columns for: full-length ones. */
static rp_status program_part(const rp_model *m, const rp_plan *plan, rp_plan **out)
{
    *out = rp_plan_new();
    if (!*out)
        return RP_ERR_NOMEM;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *rot = &plan->rotations[i];
        if (rot->length != m->disciplines[m->departments[rot->department].discipline].length)
            continue;
        RP_TRY(rp_plan_add_guided(*out, rot->student, rot->department, rot->start, rot->length,
                                  rot->supervisor));
    }
    return RP_OK;
}

/* The start of the first search: the plan in force repaired by the
 * heuristic, else the plan in force without what the config forbids. The
 * progress line shows a repaired start's score first. */
static rp_status make_start(replan *r, const int *load)
{
    if (r->start) /* a narrower program's plan */
        return RP_OK;
    rp_plan *repaired = NULL;
    RP_TRY(rp_replan_repair_start(r, load, &repaired));
    double score;
    if (repaired && rp_replan_score(r, repaired, &score) == RP_OK) {
        r->start = repaired;
        r->res->start_repaired = true;
        r->res->start_score = score;
        rp_mip_progress p = {rp_clock_seconds() - r->t0, NULL, true, score, false, 0, -1, 0};
        if (r->opt->progress)
            r->opt->progress(r->opt->progress_ctx, "start from the plan in force, repaired", &p);
        return RP_OK;
    }
    rp_plan_free(&repaired);
    return rp_history_start_plan(&r->h, &r->fit, false, &r->start);
}

/* Counts kept and added rotations against the plan in force. */
static void count_changes(const replan *r, const rp_plan *plan)
{
    const rp_plan *previous = r->h.previous;
    int k = r->h.from_week;
    r->res->n_kept = r->res->n_added = 0;
    for (int i = 0; i < previous->n_rotations; i++) {
        const rp_rotation *rot = &previous->rotations[i];
        r->res->n_kept += rot->start + rot->length > k && rp_plan_holds(plan, rot);
    }
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *rot = &plan->rotations[i];
        r->res->n_added += rot->start >= k && !rp_plan_holds(previous, rot);
    }
}

/* Partial re-plans: who is left short of what. */
static rp_status short_of(replan *r, const rp_plan *part)
{
    double *values = NULL;
    RP_TRY(rp_elastic_warm_start(r->e, part, &values));
    if (!values)
        return RP_ERR_SOLVER;
    rp_shortfall total;
    rp_status st = rp_shortfall_findings(r->e, values, &r->res->short_of, &total);
    free(values);
    rp_findings_relocate(&r->res->short_of, r->work, r->m);
    return st;
}

/* Who guides whom in the new plan: rotations the previous plan had (same
 * student, department and weeks) keep their supervisor when their team has
 * room (which it has when nothing changed for them), and the past keeps
 * its supervisors whatever the new config says. */
static rp_status keep_supervisors(const replan *r, rp_plan *plan)
{
    const rp_model *m = r->m;
    const rp_plan *previous = r->h.previous;
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
            if (rp_rotation_same(was, rot))
                prefer[i] = was->supervisor;
        }
        /* a rotation that lost its supervisor on the way (moves undone) is
         * guided by the team of the one it had, else by one that fits */
        if (team_of[i] < 0 && prefer[i] >= 0 &&
            m->supervisors[prefer[i]].department == rot->department)
            team_of[i] = m->supervisors[prefer[i]].team;
        if (team_of[i] < 0)
            team_of[i] = rp_team_for(m, rot->student, rot->department, rot->start, rot->length, -1);
    }
    rp_status st = rp_teams_assign_preferring(m, plan, team_of, prefer);
    for (int i = 0; i < plan->n_rotations; i++)
        if (prefer[i] >= 0 && plan->rotations[i].start + plan->rotations[i].length <= r->h.from_week)
            plan->rotations[i].supervisor = prefer[i];
    free(prefer);
    free(team_of);
    return st == RP_ERR_NOMEM ? st : RP_OK;
}

/* Undoes the moves that buy nothing, adds what the program leaves out, and
 * scores the plan with the config's objective. */
static rp_status finish(replan *r, rp_plan *plan)
{
    rp_replan_result *res = r->res;
    rp_plan *part = NULL;
    RP_TRY(complete(r, plan, NULL));
    RP_TRY(rp_moves_undo_idle(r->m, r->h.previous, plan, r->h.from_week, &res->n_undone));
    RP_TRY(program_part(r->m, plan, &part));
    rp_plan_reset(plan);
    rp_status st = RP_OK;
    for (int i = 0; st == RP_OK && i < part->n_rotations; i++)
        st = rp_plan_add_guided(plan, part->rotations[i].student, part->rotations[i].department,
                                part->rotations[i].start, part->rotations[i].length,
                                part->rotations[i].supervisor);
    double score = 0;
    if (st == RP_OK)
        st = rp_replan_score(r, part, &score);
    if (st == RP_ERR_INVALID)
        st = RP_ERR_SOLVER; /* the plan the search gave does not fit its own program */
    if (st == RP_OK && r->e)
        st = short_of(r, part);
    rp_plan_free(&part);
    if (st == RP_OK)
        st = keep_supervisors(r, plan);
    if (st == RP_OK)
        st = complete(r, plan, &res->n_cut);
    if (st)
        return st;
    count_changes(r, plan);
    res->score = score;
    plan->has_objective = true;
    plan->objective = score;
    if (r->e && res->missed > 0)
        plan->status = RP_PLAN_PARTIAL;
    if (!r->bound_on_score)
        plan->has_bound = false;
    if (plan->has_bound && plan->bound < plan->objective)
        plan->bound = plan->objective;
    return RP_OK;
}

/* Frees one program: what a wider one builds again. */
static void drop_program(replan *r)
{
    if (r->e)
        rp_elastic_free(&r->e);
    else
        rp_form_free(&r->f);
    r->f = NULL;
    rp_history_fit_clear(&r->fit);
    free(r->previous_col);
    free(r->keep);
    free(r->added);
    free(r->obj);
    r->previous_col = NULL;
    r->keep = r->added = NULL;
    r->obj = NULL;
    r->n_keep = r->n_added = 0;
    r->bound_on_score = false;
    r->res->running_released = false;
}

/* Builds the program of the students r->freed names (all: NULL) and runs
 * its searches into *plan. */
static rp_status run_program(replan *r, const int *load, rp_plan **plan)
{
    RP_TRY(build(r));
    RP_TRY(fit_history(r));
    RP_TRY(limit_changes(r));
    RP_TRY(rp_replan_save_objective(r));
    RP_TRY(make_start(r, load));
    return rp_replan_run_stages(r, plan);
}

int rp_replan_disruption(const replan *r, const rp_plan *plan)
{
    count_changes(r, plan);
    return r->res->n_future - r->res->n_kept + r->res->n_added;
}

/*
 * The disruption order looks first at the students whose part of the plan in
 * force breaks a rule, then at those around them: a small program each,
 * solved in a moment. Its answer stands when it meets the disruption bound
 * (no re-plan can do with fewer changes, and every re-plan that does only
 * moves those students: scope.c); else the next, wider program starts from
 * it, up to the whole. Other orders and partial re-plans take the whole at
 * once.
 */
static rp_status run_levels(replan *r, const int *load, rp_plan **plan)
{
    uint8_t *freed = calloc((size_t)r->m->n_students + 1, 1);
    if (!freed)
        return RP_ERR_NOMEM;
    bool narrow = r->opt->order == RP_REPLAN_DISRUPTION && !r->opt->partial;
    rp_status st = RP_OK;
    for (int level = narrow ? 0 : RP_REPLAN_LEVELS; level <= RP_REPLAN_LEVELS; level++) {
        if (!rp_replan_free_level(r, level, load, freed) && level > 0 &&
            level < RP_REPLAN_LEVELS)
            continue; /* nobody new: the same program again */
        r->freed = level < RP_REPLAN_LEVELS ? freed : NULL;
        r->res->n_free = 0;
        for (int s = 0; s < r->m->n_students; s++)
            r->res->n_free += !r->freed || r->freed[s];
        rp_plan *found = NULL;
        st = run_program(r, load, &found);
        bool last = level == RP_REPLAN_LEVELS;
        bool stopped = r->res->solve.interrupted || r->res->solve.time_limit_reached;
        if (st == RP_OK && (last || stopped || rp_replan_disruption(r, found) <= r->disruption_bound)) {
            *plan = found;
            break;
        }
        if (last || (st != RP_OK && st != RP_ERR_INFEASIBLE)) {
            rp_plan_free(&found);
            break;
        }
        /* the wider program starts from this one's plan */
        rp_plan_free(&r->start);
        r->start = found;
        drop_program(r);
        st = RP_OK;
    }
    r->freed = NULL;
    free(freed);
    return st;
}

rp_status rp_replan(const rp_model *m, const rp_plan *previous, const rp_replan_options *opt,
                    rp_plan **out, rp_replan_result *res)
{
    *out = NULL;
    memset(res, 0, sizeof *res);
    rp_findings_init(&res->short_of);
    res->bad_rotation = -1;
    replan r = {.opt = opt, .res = res, .m = m, .t0 = rp_clock_seconds()};
    rp_plan *plan = NULL;
    int *load = NULL;
    rp_status st;
    RP_TRY_GOTO(rp_model_clone(m, &r.work), done);
    RP_TRY_GOTO(rp_history_init(&r.h, m, previous, opt->from_week), done);
    rp_history_relax(&r.h, r.work);
    st = (load = rp_replan_load(&r)) ? RP_OK : RP_ERR_NOMEM;
    if (st)
        goto done;
    r.disruption_bound = res->disruption_bound = rp_replan_disruption_bound(&r, load);
    RP_TRY_GOTO(run_levels(&r, load, &plan), done);
    RP_TRY_GOTO(finish(&r, plan), done);
    *out = plan;
    plan = NULL;
done:
    rp_plan_free(&plan);
    rp_plan_free(&r.start);
    drop_program(&r);
    rp_history_clear(&r.h);
    rp_model_free(&r.work);
    free(load);
    res->seconds = rp_clock_seconds() - r.t0;
    res->solve.status = st;
    return st;
}
