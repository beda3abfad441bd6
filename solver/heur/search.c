#include "solver/heur/search.h"

#include "base/clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLOCK_EVERY 256      /* moves between clock readings */
#define LAMBDA_EVERY 512     /* moves between penalty adjustments */
#define LAMBDA_UP 1.15
#define LAMBDA_DOWN 0.98
#define LAMBDA_MIN 1.0
#define LAMBDA_MAX 1e7
#define FIND_TRIES 12        /* random students looked at to find a partner */
#define CHAIN_MAX 4          /* students one ejection chain rebuilds */
#define SETTLE_TRIES 3       /* builder tries per student in a settling pass */
#define ORDER_PASSES 2       /* order improvement when building and repairing, not annealing */

rp_status rp_hsearch_init(rp_hsearch *x, rp_hstate *st, rp_hbuild *b, uint64_t seed)
{
    memset(x, 0, sizeof *x);
    x->st = st;
    x->b = b;
    /* mixed, so that seeds 0, 1, 2 ... do not start from neighbouring states */
    x->rng = rp_rng_seeded(seed ^ 0x9e3779b97f4a7c15ull);
    x->lambda = 10;
    x->max_edits = CHAIN_MAX * 2 * st->n_disciplines + 8;
    x->first_feasible = -1;
    x->started = rp_clock_seconds();
    x->target = HUGE_VAL;
    size_t cells = (size_t)st->n_students * st->n_disciplines + 1;
    x->edits = calloc((size_t)x->max_edits, sizeof *x->edits);
    x->best_unit = calloc(cells, sizeof *x->best_unit);
    x->best_start = calloc(cells, sizeof *x->best_start);
    x->dirty = calloc((size_t)st->n_students + 1, 1);
    x->dirty_list = calloc((size_t)st->n_students + 1, sizeof *x->dirty_list);
    if (!x->edits || !x->best_unit || !x->best_start || !x->dirty || !x->dirty_list) {
        rp_hsearch_free(x);
        return RP_ERR_NOMEM;
    }
    for (int s = 0; s < st->n_students; s++) {
        x->dirty[s] = 1;
        x->dirty_list[x->n_dirty++] = s;
    }
    return RP_OK;
}

void rp_hsearch_free(rp_hsearch *x)
{
    free(x->edits);
    free(x->price);
    free(x->best_unit);
    free(x->best_start);
    free(x->dirty);
    free(x->dirty_list);
    memset(x, 0, sizeof *x);
}

static void mark_dirty(rp_hsearch *x, int s)
{
    if (!x->dirty[s]) {
        x->dirty[s] = 1;
        x->dirty_list[x->n_dirty++] = s;
    }
}

/* Copies the rows of students changed since the last copy into the record. */
static void snapshot(rp_hsearch *x)
{
    size_t D = (size_t)x->st->n_disciplines;
    for (int i = 0; i < x->n_dirty; i++) {
        int s = x->dirty_list[i];
        memcpy(x->best_unit + s * D, x->st->unit_of + s * D, D * sizeof *x->best_unit);
        memcpy(x->best_start + s * D, x->st->start_of + s * D, D * sizeof *x->best_start);
        x->dirty[s] = 0;
    }
    x->n_dirty = 0;
    x->pending = false;
}

void rp_hsearch_flush(rp_hsearch *x)
{
    if (x->pending)
        snapshot(x);
}

void rp_hsearch_note(rp_hsearch *x)
{
    if (x->st->breaches != 0)
        return;
    long obj = rp_hstate_objective(x->st);
    if (x->first_feasible < 0)
        x->first_feasible = rp_clock_seconds() - x->started;
    if (!x->have_best || obj > x->best_objective) {
        x->have_best = true;
        x->best_objective = obj;
        x->best_sum = x->st->sum;
        x->best_worst = x->st->worst;
        x->pending = true;
    }
}

static double penalised(const rp_hsearch *x)
{
    return (double)rp_hstate_objective(x->st) - x->lambda * (double)x->st->breaches;
}

/* The annealing's verdict on a change of the penalised objective by delta. */
static bool accepts(rp_hsearch *x, double delta)
{
    return delta >= 0 ||
           (x->temperature > 0 && rp_rng_unit(&x->rng) < exp(delta / x->temperature));
}

static void push(rp_hsearch *x, int s, int d, int new_unit, int new_start)
{
    size_t k = (size_t)s * x->st->n_disciplines + d;
    rp_hedit *e = &x->edits[x->n_edits++];
    e->student = s;
    e->disc = d;
    e->old_unit = x->st->unit_of[k];
    e->old_start = x->st->start_of[k];
    e->new_unit = new_unit;
    e->new_start = new_start;
}

/* Applies the edits, keeps them when every student concerned keeps their
 * rules and the annealing accepts the new penalised objective. */
static bool try_edits(rp_hsearch *x, const int *students, int n)
{
    rp_hstate *st = x->st;
    double before = penalised(x);
    if (x->pending)
        snapshot(x);
    rp_hstate_apply(st, x->edits, x->n_edits);
    for (int i = 0; i < n; i++)
        if (!rp_hstate_student_ok(st, students[i])) {
            rp_hstate_revert(st, x->edits, x->n_edits);
            return false;
        }
    rp_hscore_undo undo;
    rp_hstate_rescore(st, students, n, &undo);
    if (!accepts(x, penalised(x) - before)) {
        rp_hstate_unrescore(st, &undo);
        rp_hstate_revert(st, x->edits, x->n_edits);
        return false;
    }
    for (int i = 0; i < n; i++)
        mark_dirty(x, students[i]);
    rp_hsearch_note(x);
    return true;
}

static int random_done(rp_hsearch *x, int s)
{
    int n = x->st->n_done[s];
    return n ? x->st->done[(size_t)s * x->st->n_disciplines + rp_rng_below(&x->rng, n)] : -1;
}

static int random_unit(rp_hsearch *x, int s, int d)
{
    size_t k = (size_t)s * x->st->n_disciplines + d;
    int n = x->st->elig_off[k + 1] - x->st->elig_off[k];
    return n ? x->st->elig[x->st->elig_off[k] + rp_rng_below(&x->rng, n)] : -1;
}

/* A random first week for s's rotation of d inside available weeks, or -1. */
static int random_start(rp_hsearch *x, int s, int d)
{
    rp_hstate *st = x->st;
    size_t k = (size_t)s * st->n_disciplines + d;
    if (st->pin_start[k] >= 0)
        return st->pin_start[k];
    int L = st->len[d], span = st->n_weeks - L + 1;
    if (span <= 0)
        return -1;
    const int *run = st->run + (size_t)s * st->n_weeks;
    int t0 = rp_rng_below(&x->rng, span);
    for (int i = 0; i < span; i++) {
        int t = (t0 + i) % span;
        if (run[t] >= L)
            return t;
    }
    return -1;
}

static bool move_unit(rp_hsearch *x, int s)
{
    int d = random_done(x, s);
    if (d < 0)
        return false;
    size_t k = (size_t)s * x->st->n_disciplines + d;
    int u = random_unit(x, s, d);
    if (u == x->st->unit_of[k])
        return false;
    x->n_edits = 0;
    push(x, s, d, u, x->st->start_of[k]);
    return try_edits(x, &s, 1);
}

static bool move_week(rp_hsearch *x, int s)
{
    int d = random_done(x, s);
    if (d < 0)
        return false;
    size_t k = (size_t)s * x->st->n_disciplines + d;
    int start = random_start(x, s, d);
    if (start < 0 || start == x->st->start_of[k])
        return false;
    int u = rp_rng_below(&x->rng, 2) ? x->st->unit_of[k] : random_unit(x, s, d);
    x->n_edits = 0;
    push(x, s, d, u, start);
    return try_edits(x, &s, 1);
}

/* Two rotations of s trade places in time; with different lengths the later
 * one keeps its end week. */
static bool swap_weeks(rp_hsearch *x, int s)
{
    rp_hstate *st = x->st;
    if (st->n_done[s] < 2)
        return false;
    int a = random_done(x, s), b = random_done(x, s);
    if (a == b)
        return false;
    size_t ka = (size_t)s * st->n_disciplines + a, kb = (size_t)s * st->n_disciplines + b;
    if (st->start_of[ka] > st->start_of[kb]) {
        int t = a;
        a = b;
        b = t;
        size_t tk = ka;
        ka = kb;
        kb = tk;
    }
    int ta = st->start_of[ka], tb = st->start_of[kb];
    x->n_edits = 0;
    push(x, s, b, st->unit_of[kb], ta);
    push(x, s, a, st->unit_of[ka], tb + st->len[b] - st->len[a]);
    return try_edits(x, &s, 1);
}

static bool replace_discipline(rp_hsearch *x, int s)
{
    rp_hstate *st = x->st;
    int d = random_done(x, s);
    if (d < 0 || st->pinned[(size_t)s * st->n_disciplines + d])
        return false;
    int e = rp_rng_below(&x->rng, st->n_disciplines);
    size_t ke = (size_t)s * st->n_disciplines + e, kd = (size_t)s * st->n_disciplines + d;
    if (!st->allowed[ke] || st->unit_of[ke] >= 0)
        return false;
    int start = st->len[e] == st->len[d] && rp_rng_below(&x->rng, 2) ? st->start_of[kd]
                                                                       : random_start(x, s, e);
    if (start < 0)
        return false;
    x->n_edits = 0;
    push(x, s, d, -1, 0);
    push(x, s, e, random_unit(x, s, e), start);
    return try_edits(x, &s, 1);
}

static bool add_or_drop(rp_hsearch *x, int s)
{
    rp_hstate *st = x->st;
    x->n_edits = 0;
    if (rp_rng_below(&x->rng, 2)) {
        int d = random_done(x, s);
        if (d < 0 || st->pinned[(size_t)s * st->n_disciplines + d])
            return false;
        push(x, s, d, -1, 0);
    } else {
        int e = rp_rng_below(&x->rng, st->n_disciplines);
        size_t ke = (size_t)s * st->n_disciplines + e;
        if (!st->allowed[ke] || st->unit_of[ke] >= 0)
            return false;
        int start = random_start(x, s, e);
        if (start < 0)
            return false;
        push(x, s, e, random_unit(x, s, e), start);
    }
    return try_edits(x, &s, 1);
}

/* Two students who both do a discipline trade their placements in it; the
 * units' loads stay as they are. */
static bool trade(rp_hsearch *x, int s)
{
    rp_hstate *st = x->st;
    int d = random_done(x, s);
    if (d < 0 || st->n_students < 2)
        return false;
    int other = -1;
    for (int i = 0; i < FIND_TRIES && other < 0; i++) {
        int c = rp_rng_below(&x->rng, st->n_students);
        if (c != s && st->unit_of[(size_t)c * st->n_disciplines + d] >= 0)
            other = c;
    }
    if (other < 0)
        return false;
    size_t ks = (size_t)s * st->n_disciplines + d, ko = (size_t)other * st->n_disciplines + d;
    if (st->unit_of[ks] == st->unit_of[ko] && st->start_of[ks] == st->start_of[ko])
        return false;
    x->n_edits = 0;
    int ds = st->unit_of[ks], ts = st->start_of[ks];
    push(x, s, d, st->unit_of[ko], st->start_of[ko]);
    push(x, other, d, ds, ts);
    int students[2] = {s, other};
    return try_edits(x, students, 2);
}

/* Removes s's rotations, builds a new schedule at price `lambda` and adds it,
 * appending the edits to x->edits. False (state and edits as before) when
 * none was built. */
static bool rebuild_edits(rp_hsearch *x, int s, double lambda, double noise, int tries)
{
    rp_hstate *st = x->st;
    int first = x->n_edits;
    const int *done = st->done + (size_t)s * st->n_disciplines;
    for (int i = 0; i < st->n_done[s]; i++)
        push(x, s, done[i], -1, 0);
    int removed = x->n_edits - first;
    rp_hstate_apply(st, x->edits + first, removed);
    if (!rp_hbuild_student(x->b, st, s, lambda, noise, tries, &x->rng)) {
        rp_hstate_revert(st, x->edits + first, removed);
        x->n_edits = first;
        return false;
    }
    int added = x->n_edits;
    for (int d = 0; d < st->n_disciplines; d++)
        if (x->b->pick_unit[d] >= 0)
            push(x, s, d, x->b->pick_unit[d], x->b->pick_start[d]);
    rp_hstate_apply(st, x->edits + added, x->n_edits - added);
    return true;
}

bool rp_hsearch_rebuild(rp_hsearch *x, int s, double lambda, double noise, int tries)
{
    if (x->pending)
        snapshot(x);
    x->n_edits = 0;
    x->b->order_passes = x->quick ? 0 : ORDER_PASSES;
    bool built = rebuild_edits(x, s, lambda, noise, tries);
    x->b->order_passes = 0;
    if (!built)
        return false;
    if (!rp_hstate_student_ok(x->st, s)) {
        rp_hstate_revert(x->st, x->edits, x->n_edits);
        return false;
    }
    rp_hscore_undo undo;
    rp_hstate_rescore(x->st, &s, 1, &undo);
    mark_dirty(x, s);
    return true;
}

/* Rebuilds s and lets the annealing judge the result. */
static bool rebuild_move(rp_hsearch *x, int s, double lambda)
{
    rp_hstate *st = x->st;
    double before = penalised(x);
    if (x->pending)
        snapshot(x);
    double noise = 1.0 + 2.0 * x->temperature;
    x->n_edits = 0;
    if (!rebuild_edits(x, s, lambda, noise, 2))
        return false;
    if (!rp_hstate_student_ok(st, s)) {
        rp_hstate_revert(st, x->edits, x->n_edits);
        return false;
    }
    rp_hscore_undo undo;
    rp_hstate_rescore(st, &s, 1, &undo);
    if (!accepts(x, penalised(x) - before)) {
        rp_hstate_unrescore(st, &undo);
        rp_hstate_revert(st, x->edits, x->n_edits);
        return false;
    }
    mark_dirty(x, s);
    rp_hsearch_note(x);
    return true;
}

/* A cell-week (state.h) with a breach, from a random starting point; false
 * when there is none. */
static bool find_breach(rp_hsearch *x, int *cell, int *week)
{
    rp_hstate *st = x->st;
    int cells = st->n_cells * st->n_weeks;
    if (cells == 0)
        return false;
    int c0 = rp_rng_below(&x->rng, cells);
    for (int i = 0; i < cells; i++) {
        int c = (c0 + i) % cells, e = c / st->n_weeks, w = c % st->n_weeks;
        if (rp_hstate_cell_breached(st, e, w)) {
            *cell = e;
            *week = w;
            return true;
        }
    }
    return false;
}

/* Whether unit u counts in cell c. */
static bool unit_in_cell(const rp_hstate *st, int u, int c)
{
    return c < st->n_departments ? st->unit_dept[u] == c
                                 : st->unit_team[u] == c - st->n_departments;
}

/* Whether student s may go to cell in discipline d at all. */
static bool may_join(const rp_hstate *st, int s, int d, int cell)
{
    size_t k = (size_t)s * st->n_disciplines + d;
    if (!st->allowed[k])
        return false;
    for (int j = st->elig_off[k]; j < st->elig_off[k + 1]; j++)
        if (unit_in_cell(st, st->elig[j], cell))
            return true;
    return false;
}

/* A student for a breached cell-week, looked for from a random starting
 * point: one placed there when it is over capacity, one who could go there
 * and is free that week when it is under its minimum; -1 when none. With
 * x->fill_short, free means present too, and when no one is, one who could
 * go there and is busy elsewhere will do: their rebuild moves a rotation to
 * make room (a large cohort's weeks are often all taken). Students already
 * in `chain` are skipped. */
static int student_for(rp_hsearch *x, int cell, int week, const int *chain, int n_chain)
{
    rp_hstate *st = x->st;
    int dept = cell < st->n_departments ? cell : st->m->teams[cell - st->n_departments].department;
    int d = st->m->departments[dept].discipline;
    size_t cw = (size_t)cell * st->n_weeks + week;
    bool over = st->load[cw] > st->cell_cap[cw];
    int s0 = rp_rng_below(&x->rng, st->n_students);
    for (int busy_too = 0; busy_too <= (!over && x->fill_short); busy_too++)
        for (int i = 0; i < st->n_students; i++) {
            int s = (s0 + i) % st->n_students;
            size_t k = (size_t)s * st->n_disciplines + d;
            bool there = st->unit_of[k] >= 0 && unit_in_cell(st, st->unit_of[k], cell) &&
                         st->start_of[k] <= week && week < st->start_of[k] + st->len[d];
            bool fits;
            if (over)
                fits = there;
            else if (busy_too)
                fits = !there && may_join(st, s, d, cell);
            else
                fits = st->occ[(size_t)s * st->n_weeks + week] == 0 &&
                       (!x->fill_short || st->run[(size_t)s * st->n_weeks + week] > 0) &&
                       may_join(st, s, d, cell);
            for (int j = 0; j < n_chain && fits; j++)
                fits = chain[j] != s;
            if (fits)
                return s;
        }
    return -1;
}

/* A cell-week with a breach among those the edits from index `from` on
 * entered, else among those they left; false when there is none. */
static bool breach_near(const rp_hsearch *x, int from, int *cell, int *week)
{
    const rp_hstate *st = x->st;
    for (int side = 1; side >= 0; side--) {
        for (int i = from; i < x->n_edits; i++) {
            const rp_hedit *ed = &x->edits[i];
            int u = side ? ed->new_unit : ed->old_unit;
            int t0 = side ? ed->new_start : ed->old_start;
            if (u < 0)
                continue;
            int cells[2], n = rp_hstate_unit_cells(st, u, cells);
            for (int w = t0; w < t0 + st->len[ed->disc] && w < st->n_weeks; w++)
                for (int j = 0; j < n; j++)
                    if (rp_hstate_cell_breached(st, cells[j], w)) {
                        *cell = cells[j];
                        *week = w;
                        return true;
                    }
        }
    }
    return false;
}

/* Keeps the chain of rebuilds in x->edits (students in `chain`) when every
 * student keeps their rules and the annealing accepts the result. */
static bool judge_chain(rp_hsearch *x, const int *chain, int n, double before)
{
    rp_hstate *st = x->st;
    if (n == 0)
        return false;
    for (int i = 0; i < n; i++)
        if (!rp_hstate_student_ok(st, chain[i])) {
            rp_hstate_revert(st, x->edits, x->n_edits);
            return false;
        }
    rp_hscore_undo undo;
    rp_hstate_rescore(st, chain, n, &undo);
    if (!accepts(x, penalised(x) - before)) {
        rp_hstate_unrescore(st, &undo);
        rp_hstate_revert(st, x->edits, x->n_edits);
        return false;
    }
    for (int i = 0; i < n; i++)
        mark_dirty(x, chain[i]);
    rp_hsearch_note(x);
    return true;
}

/* An ejection chain: rebuild a student concerned by a breach, then one
 * concerned by a breach that rebuild caused, and so on; the annealing judges
 * the whole chain. */
static bool repair(rp_hsearch *x)
{
    int cell, week;
    if (!find_breach(x, &cell, &week))
        return false;
    double before = penalised(x);
    if (x->pending)
        snapshot(x);
    double lambda = x->lambda * 4 + 10;
    int chain[CHAIN_MAX], n = 0;
    x->n_edits = 0;
    for (int depth = 0; depth < CHAIN_MAX; depth++) {
        int s = student_for(x, cell, week, chain, n), from = x->n_edits;
        if (s < 0)
            break;
        /* One taken from a full cell-week must leave it. */
        size_t cw = (size_t)cell * x->st->n_weeks + week;
        bool over = x->st->load[cw] > x->st->cell_cap[cw];
        x->b->ban_cell = over ? cell : -1;
        x->b->ban_week = week;
        bool built = rebuild_edits(x, s, lambda, 1.0, 2);
        x->b->ban_cell = x->b->ban_week = -1;
        if (!built)
            break;
        chain[n++] = s;
        if (!breach_near(x, from, &cell, &week))
            break;
    }
    return judge_chain(x, chain, n, before);
}

/* The deadline has passed (<= 0: none) or an interrupt came. */
static bool time_is_up(const rp_hsearch *x, double deadline)
{
    return (x->interrupt && *x->interrupt) || (deadline > 0 && rp_clock_seconds() > deadline);
}

rp_status rp_hsearch_settle(rp_hsearch *x, const int *students, int n, double step,
                            double deadline)
{
    rp_hstate *st = x->st;
    size_t cells = (size_t)st->n_cells * st->n_weeks;
    if (!x->price) {
        x->price = calloc(cells + 1, sizeof *x->price);
        if (!x->price)
            return RP_ERR_NOMEM;
    }
    for (size_t c = 0; c < cells; c++) {
        int load = st->load[c];
        if (load > st->cell_cap[c])
            x->price[c] += step * (load - st->cell_cap[c]);
        else if (load < st->cell_min[c])
            x->price[c] -= step * (st->cell_min[c] - load);
    }
    x->b->price = x->price;
    for (int i = 0; i < n; i++) {
        if (i % CLOCK_EVERY == 0 && time_is_up(x, deadline))
            break;
        rp_hsearch_rebuild(x, students[i], x->lambda, 1.0, SETTLE_TRIES);
    }
    x->b->price = NULL;
    return RP_OK;
}

void rp_hsearch_repair(rp_hsearch *x, long long attempts, double deadline)
{
    x->temperature = 0;
    x->b->order_passes = ORDER_PASSES;
    for (long long i = 0; i < attempts && x->st->breaches > 0; i++) {
        if (i % CLOCK_EVERY == 0 && time_is_up(x, deadline))
            break;
        repair(x);
    }
    x->b->order_passes = 0;
}

bool rp_hsearch_anneal(rp_hsearch *x, long long moves, double t0, double t1, double deadline,
                       volatile sig_atomic_t *interrupt)
{
    rp_hstate *st = x->st;
    if (st->n_students == 0 || moves <= 0)
        return false;
    double log_ratio = t0 > 0 && t1 > 0 ? log(t1 / t0) : 0;
    x->temperature = t0;
    for (long long i = 0; i < moves; i++) {
        if (i % CLOCK_EVERY == 0) {
            /* the temperature follows the moves, never the clock: the plan
             * depends on the seed and the budget, unless the deadline or an
             * interrupt ends the search */
            if ((interrupt && *interrupt) || (deadline > 0 && rp_clock_seconds() > deadline))
                return true;
            if (x->have_best && x->best_objective >= x->target)
                return false; /* nothing scores more */
            x->temperature = t0 * exp(log_ratio * (double)i / (double)moves);
        }
        if (i % LAMBDA_EVERY == 0 && i > 0) {
            if (st->breaches > 0)
                x->lambda = fmin(LAMBDA_MAX, x->lambda * LAMBDA_UP);
            else
                x->lambda = fmax(LAMBDA_MIN, x->lambda * LAMBDA_DOWN);
        }
        x->moves++;
        int s = rp_rng_below(&x->rng, st->n_students);
        int kind = rp_rng_below(&x->rng, 100);
        if (st->breaches > 0 && kind < 10)
            repair(x);
        else if (kind < 30)
            move_unit(x, s);
        else if (kind < 50)
            move_week(x, s);
        else if (kind < 62)
            swap_weeks(x, s);
        else if (kind < 74)
            replace_discipline(x, s);
        else if (kind < 78)
            add_or_drop(x, s);
        else if (kind < 97)
            trade(x, s);
        else
            rebuild_move(x, s, x->lambda);
    }
    return false;
}

double rp_hsearch_probe_temperature(rp_hsearch *x, int samples)
{
    rp_hstate *st = x->st;
    if (st->n_students == 0)
        return 1;
    double total = 0;
    int n = 0;
    for (int i = 0; i < samples * 4 && n < samples; i++) {
        int s = rp_rng_below(&x->rng, st->n_students);
        int d = random_done(x, s);
        if (d < 0)
            continue;
        size_t k = (size_t)s * st->n_disciplines + d;
        int start = random_start(x, s, d);
        if (start < 0)
            continue;
        x->n_edits = 0;
        push(x, s, d, random_unit(x, s, d), start);
        double before = penalised(x);
        long breaches = st->breaches;
        rp_hstate_apply(st, x->edits, 1);
        if (rp_hstate_student_ok(st, s) && st->breaches == breaches) {
            rp_hscore_undo undo;
            rp_hstate_rescore(st, &s, 1, &undo);
            double delta = penalised(x) - before;
            if (delta < 0) {
                total -= delta;
                n++;
            }
            rp_hstate_unrescore(st, &undo);
        }
        rp_hstate_revert(st, x->edits, 1);
        (void)k;
    }
    return n ? total / n : 1;
}
