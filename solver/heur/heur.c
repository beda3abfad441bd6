#include "solver/heur/heur.h"

#include "base/clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/teams.h"
#include "solver/heur/build.h"
#include "solver/heur/search.h"
#include "solver/heur/state.h"

#define BUILD_LAMBDA 1000.0 /* breach price while constructing: capacity first */
#define BUILD_TRIES 3
#define CROWDING 2.0  /* price of a full department-week while constructing and settling,
                         per score unit */
#define RESCUE_TRIES 40     /* tries for a student the first tries could not place */
#define FINAL_TEMPERATURE 0.05
#define START_WARMTH 0.3        /* starting temperature, against the typical loss of a move */
#define START_WARMTH_GIVEN 0.05 /* the same when improving a given plan */
#define PROBE_MOVES 200
#define AUTO_MOVES_PER_ROTATION 400 /* the automatic move budget ... */
#define AUTO_MOVES_MIN 1000000      /* ... and its floor */
#define REPAIR_PER_BREACH 20 /* repair attempts after construction, per breach left */
#define REPAIR_ROUND 500     /* quick repairs go on while a round of this many mends one */
#define SETTLE_PASSES 200    /* most settling passes */
#define SETTLE_STEP 30.0     /* price rise per student too many, against the typical loss */

void rp_heur_options_init(rp_heur_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_limit = 10;
    opt->seed = 1;
    opt->target = HUGE_VAL;
}

/* Weeks a student needs at least, minus the weeks they have: the smaller, the
 * sooner the student is built. */
static long slack(const rp_hstate *st, int s)
{
    const rp_student *stu = &st->m->students[s];
    long need = 0;
    for (int r = 0; r < stu->n_requirements; r++) {
        const rp_requirement *req = &stu->requirements[r];
        int shortest = 0;
        for (int i = 0; i < req->n_disciplines; i++) {
            int L = st->len[req->disciplines[i]];
            if (shortest == 0 || L < shortest)
                shortest = L;
        }
        need += (long)req->min * shortest;
    }
    long options = st->elig_off[(size_t)(s + 1) * st->n_disciplines] - st->elig_off[(size_t)s * st->n_disciplines];
    return (st->n_avail[s] - need) * 1000 + (options < 999 ? options : 999);
}

struct keyed {
    long key;
    int student;
};

static int by_key(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->student < y->student ? -1 : x->student > y->student;
}

/* The unit of rotation r: its department's, or its supervisor's team's, or
 * the eligible team of its department with the most room; -1 when none
 * may take it. */
static int unit_of_rotation(const rp_hstate *st, const rp_rotation *r)
{
    const rp_model *m = st->m;
    int s = r->student, d = m->departments[r->department].discipline, best = -1;
    long best_room = 0;
    size_t k = (size_t)s * st->n_disciplines + d;
    for (int i = st->elig_off[k]; i < st->elig_off[k + 1]; i++) {
        int u = st->elig[i];
        if (st->unit_dept[u] != r->department)
            continue;
        int team = st->unit_team[u];
        if (team < 0 || (r->supervisor >= 0 && m->supervisors[r->supervisor].team == team))
            return u;
        long room = 0x7fffffff;
        for (int w = r->start; w < r->start + r->length && w < st->n_weeks; w++) {
            size_t cw = (size_t)(st->n_departments + team) * st->n_weeks + w;
            if (st->cell_cap[cw] - st->load[cw] < room)
                room = st->cell_cap[cw] - st->load[cw];
        }
        if (best < 0 || room > best_room) {
            best = u;
            best_room = room;
        }
    }
    return best;
}

/* Puts the warm start's rotations in; returns a flag per student whose part
 * breaks one of their rules (their rotations are then taken out again). */
static void import_warm_start(rp_hsearch *x, const rp_plan *plan, uint8_t *broken)
{
    rp_hstate *st = x->st;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (r->student < 0 || r->student >= st->n_students || r->department < 0 ||
            r->department >= st->n_departments) {
            continue;
        }
        int s = r->student, d = st->m->departments[r->department].discipline;
        size_t k = (size_t)s * st->n_disciplines + d;
        int u = r->length == st->len[d] ? unit_of_rotation(st, r) : -1;
        if (st->unit_of[k] >= 0 || u < 0 || r->start < 0 || r->start + r->length > st->n_weeks) {
            broken[s] = 1;
            continue;
        }
        rp_hedit e = {s, d, -1, 0, u, r->start};
        rp_hstate_apply(st, &e, 1);
    }
    for (int s = 0; s < st->n_students; s++) {
        if (!broken[s] && rp_hstate_student_ok(st, s))
            continue;
        broken[s] = 1;
        while (st->n_done[s] > 0) {
            int d = st->done[(size_t)s * st->n_disciplines];
            size_t k = (size_t)s * st->n_disciplines + d;
            rp_hedit e = {s, d, st->unit_of[k], st->start_of[k], -1, 0};
            rp_hstate_apply(st, &e, 1);
        }
    }
    rp_hstate_rescore_all(st);
}

/* Builds every student flagged in `todo`, the most constrained first, and
 * leaves every student in that order in `order`. Returns a student no
 * schedule fits, or -1; RP_ERR_NOMEM is reported as -2. */
static bool stop_now(double deadline, volatile sig_atomic_t *interrupt)
{
    return (interrupt && *interrupt) || (deadline > 0 && rp_clock_seconds() > deadline);
}

/* Seconds the construction goes on after an interrupt or the deadline: a
 * small cohort still gets its first plan, a large one stops well within the
 * second the time limit may run over. */
#define STOP_GRACE 0.5

/* Builds student s; false when no schedule fits them. A quick build (x->quick) is one
 * try in the estimated order; only when it breaches a capacity is the student
 * built again with the full effort, which is what keeps the breaches left for
 * the repairs few (on a generated 10,000-student cohort: 1761 -> about 220,
 * for about 1,300 builds more). */
static bool build_one(rp_hsearch *x, int s)
{
    long breaches = x->st->breaches;
    if (!rp_hsearch_rebuild(x, s, BUILD_LAMBDA, 1.0, x->quick ? 1 : BUILD_TRIES) &&
        !rp_hsearch_rebuild(x, s, BUILD_LAMBDA, 50.0, RESCUE_TRIES))
        return false;
    if (x->quick && x->st->breaches > breaches) {
        x->quick = false;
        rp_hsearch_rebuild(x, s, BUILD_LAMBDA, 1.0, BUILD_TRIES);
        x->quick = true;
    }
    return true;
}

/* Builds the students of todo one by one, the most constrained first. The
 * student no schedule fits, -1 when every one was built, -2 when out of
 * memory, -3 when the deadline or an interrupt came first. */
static int construct(rp_hsearch *x, const uint8_t *todo, int *order, double deadline,
                     volatile sig_atomic_t *interrupt)
{
    rp_hstate *st = x->st;
    struct keyed *keyed = malloc(((size_t)st->n_students + 1) * sizeof *keyed);
    if (!keyed)
        return -2;
    for (int s = 0; s < st->n_students; s++)
        keyed[s] = (struct keyed){slack(st, s), s};
    qsort(keyed, (size_t)st->n_students, sizeof *keyed, by_key);
    for (int i = 0; i < st->n_students; i++)
        order[i] = keyed[i].student;
    free(keyed);
    x->b->crowding = CROWDING;
    int impossible = -1;
    double interrupted_at = -1;
    for (int i = 0; i < st->n_students && impossible < 0; i++) {
        int s = order[i];
        if (i % 64 == 0) {
            double now = rp_clock_seconds();
            if (interrupt && *interrupt && interrupted_at < 0)
                interrupted_at = now;
            if ((deadline > 0 && now > deadline + STOP_GRACE) ||
                (interrupted_at >= 0 && now - interrupted_at > STOP_GRACE))
                return -3;
        }
        if (todo[s] && !build_one(x, s))
            impossible = s;
    }
    return impossible;
}

/* The repairs of make_feasible in quick mode, in rounds of REPAIR_ROUND
 * attempts: a round that leaves no fewer breaches ends them, as a breach the
 * repairs cannot mend (one short of a minimum, say) would otherwise hold up
 * the first plan for every attempt left before a settling pass mends it. */
static void quick_repair(rp_hsearch *x, double deadline)
{
    long long left = REPAIR_PER_BREACH * x->st->breaches;
    while (left > 0 && x->st->breaches > 0) {
        long before = x->st->breaches;
        long long round = left < REPAIR_ROUND ? left : REPAIR_ROUND;
        rp_hsearch_repair(x, round, deadline);
        left -= round;
        if (x->st->breaches >= before || stop_now(deadline, x->interrupt))
            return;
    }
}

/* Removes breaches: settling passes (everyone rebuilt against everyone else,
 * crowded department-weeks dearer each pass), each followed by ejection-chain
 * repairs, started within a share of the time left. When quick, repairs come
 * first: they rebuild only students at a breach, and after a quick
 * construction they are usually all it takes, where one settling pass over a
 * large cohort takes longer than the construction did. */
static rp_status make_feasible(rp_hsearch *x, const int *order, double deadline,
                               volatile sig_atomic_t *interrupt, bool quick)
{
    rp_hstate *st = x->st;
    x->lambda = BUILD_LAMBDA;
    if (quick) {
        x->b->crowding = 0;
        quick_repair(x, deadline);
    }
    double step = 0;
    for (int pass = 0; pass < SETTLE_PASSES && st->breaches > 0; pass++) {
        if (stop_now(deadline, interrupt))
            break;
        if (pass == 0)
            step = SETTLE_STEP * fmax(1.0, rp_hsearch_probe_temperature(x, PROBE_MOVES));
        x->b->crowding = CROWDING;
        RP_TRY(rp_hsearch_settle(x, order, st->n_students, step, deadline));
        x->b->crowding = 0;
        rp_hsearch_repair(x, REPAIR_PER_BREACH * st->breaches, deadline);
    }
    x->b->crowding = 0;
    rp_hsearch_repair(x, REPAIR_PER_BREACH * st->breaches, deadline);
    return RP_OK;
}

/* One settling pass over every student (in `order`) from a plan with no
 * breach, and the repairs of what it breached. */
static rp_status settle_once(rp_hsearch *x, const int *order, double deadline)
{
    x->lambda = BUILD_LAMBDA;
    x->b->crowding = CROWDING;
    rp_status status = rp_hsearch_settle(x, order, x->st->n_students, 0, deadline);
    x->b->crowding = 0;
    if (status == RP_OK)
        quick_repair(x, deadline);
    return status;
}

static long long auto_moves(const rp_hstate *st)
{
    long long rotations = 0;
    for (int s = 0; s < st->n_students; s++)
        rotations += st->n_done[s];
    long long moves = AUTO_MOVES_PER_ROTATION * rotations;
    return moves < AUTO_MOVES_MIN ? AUTO_MOVES_MIN : moves;
}

/* The best plan found, each rotation given a supervisor of its team. */
static rp_status make_plan(const rp_hsearch *x, rp_plan **out)
{
    const rp_hstate *st = x->st;
    rp_plan *plan = rp_plan_new();
    int *team_of = malloc(((size_t)st->n_students * st->n_disciplines + 1) * sizeof *team_of);
    if (!plan || !team_of) {
        rp_plan_free(&plan);
        free(team_of);
        return RP_ERR_NOMEM;
    }
    for (int s = 0; s < st->n_students; s++)
        for (int d = 0; d < st->n_disciplines; d++) {
            size_t k = (size_t)s * st->n_disciplines + d;
            int u = x->best_unit[k];
            if (u < 0)
                continue;
            team_of[plan->n_rotations] = st->unit_team[u];
            if (rp_plan_add(plan, s, st->unit_dept[u], x->best_start[k], st->len[d]) != RP_OK) {
                rp_plan_free(&plan);
                free(team_of);
                return RP_ERR_NOMEM;
            }
        }
    /* no breach: every team keeps its capacity, so every rotation gets one */
    rp_status status = rp_teams_assign(st->m, plan, team_of);
    free(team_of);
    if (status == RP_ERR_NOMEM) {
        rp_plan_free(&plan);
        return status;
    }
    rp_plan_sort(plan);
    plan->status = RP_PLAN_FEASIBLE;
    plan->has_objective = true;
    plan->objective = (double)x->best_objective;
    *out = plan;
    return RP_OK;
}

static rp_status run(rp_hsearch *x, const rp_heur_options *opt, double deadline, rp_plan **out,
                     rp_heur_result *res)
{
    rp_hstate *st = x->st;
    uint8_t *todo = malloc((size_t)st->n_students + 1);
    int *order = malloc(((size_t)st->n_students + 1) * sizeof *order);
    rp_status status = todo && order ? RP_OK : RP_ERR_NOMEM;
    if (status == RP_OK) {
        memset(todo, opt->warm_start ? 0 : 1, (size_t)st->n_students);
        if (opt->warm_start)
            import_warm_start(x, opt->warm_start, todo);
        x->quick = opt->quick;
        x->interrupt = opt->interrupt;
        res->impossible_student = construct(x, todo, order, deadline, opt->interrupt);
        x->quick = false;
        if (res->impossible_student == -2) {
            res->impossible_student = -1;
            status = RP_ERR_NOMEM;
        } else if (res->impossible_student == -3) {
            res->impossible_student = -1;
            res->stopped_early = true;
            status = opt->interrupt && *opt->interrupt ? RP_ERR_INTERRUPTED : RP_ERR_NO_PLAN;
        } else if (res->impossible_student >= 0) {
            status = RP_ERR_NO_PLAN;
        } else {
            status = make_feasible(x, order, deadline, opt->interrupt, opt->quick);
        }
    }
    if (status == RP_OK && opt->settle_first && st->breaches == 0) {
        rp_hsearch_note(x);
        status = settle_once(x, order, deadline);
        res->stopped_early = stop_now(deadline, opt->interrupt);
    }
    free(todo);
    free(order);
    if (status != RP_OK)
        return status;
    rp_hsearch_note(x);

    long long budget = opt->max_moves == 0 ? auto_moves(st) : opt->max_moves;
    if (budget > 0) {
        /* Prices and temperatures in the units of this config's scores; a
         * plan to improve is warmed less, so that it is not undone. */
        double scale = rp_hsearch_probe_temperature(x, PROBE_MOVES);
        double t0 = scale * (opt->warm_start ? START_WARMTH_GIVEN : START_WARMTH);
        x->lambda = 1.0 + scale;
        res->stopped_early = rp_hsearch_anneal(x, budget, fmax(t0, FINAL_TEMPERATURE),
                                               FINAL_TEMPERATURE, deadline, opt->interrupt);
    }
    rp_hsearch_flush(x);
    res->moves = x->moves;
    res->first_feasible = x->first_feasible;
    if (!x->have_best) {
        res->breaches = st->breaches;
        return opt->interrupt && *opt->interrupt ? RP_ERR_INTERRUPTED : RP_ERR_NO_PLAN;
    }
    res->feasible = true;
    res->objective = x->best_objective;
    res->sum = x->best_sum;
    res->worst = x->best_worst;
    return make_plan(x, out);
}

rp_status rp_heur_plan(const rp_model *m, const rp_heur_options *opt_in, rp_plan **out,
                       rp_heur_result *res_out)
{
    double started = rp_clock_seconds();
    rp_heur_options opt;
    if (opt_in)
        opt = *opt_in;
    else
        rp_heur_options_init(&opt);
    rp_heur_result res;
    memset(&res, 0, sizeof res);
    res.impossible_student = -1;
    res.first_feasible = -1;
    *out = NULL;
    double deadline = opt.time_limit > 0 ? started + opt.time_limit : 0;

    rp_hstate st;
    rp_hbuild b;
    rp_hsearch x;
    rp_status status = rp_hstate_init(&st, m);
    if (status == RP_OK) {
        status = rp_hbuild_init(&b, &st);
        if (status == RP_OK) {
            status = rp_hsearch_init(&x, &st, &b, opt.seed);
            if (status == RP_OK) {
                x.started = started;
                x.target = opt.target;
                /* measured on large cohorts only: elsewhere the repairs' choices,
                 * and with them every plan downstream, stay as they were */
                x.fill_short = opt.quick;
                status = run(&x, &opt, deadline, out, &res);
                rp_hsearch_free(&x);
            }
            rp_hbuild_free(&b);
        }
        rp_hstate_free(&st);
    }
    res.seconds = rp_clock_seconds() - started;
    if (res_out)
        *res_out = res;
    return status;
}
