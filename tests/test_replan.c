/*
 * Re-planning (replan.h, model/changes.h): history kept, the fewest changed
 * rotations, the orders and the change limit. Every new plan goes through the
 * independent checker in history mode: no violation, the score the solver
 * reported, and weeks before from_week exactly as the previous plan had them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/changes.h"
#include "model/check.h"
#include "solver/replan/reasons.h"
#include "solver/replan/replan.h"
#include "tests/support/check_plan.h"
#include "tests/support/find.h"
#include "tests/support/load.h"

#define DIR "tests/data/reschedule/"
#define WARD_PLAN DIR "ward-plan.csv"

/* The plan in force; students the config no longer has are left out and
 * counted in *left. */
static rp_plan *read_plan(const rp_model *m, const char *path, int *left)
{
    rp_plan_read_options ro = {.skip_unknown_students = true};
    rp_plan *p = load_plan(m, path, &ro);
    if (left)
        *left = ro.n_skipped_students;
    return p;
}

/* One re-plan and everything a test looks at. */
typedef struct outcome {
    rp_status status;
    rp_replan_result res;
    rp_changes changes;
    int warnings, left;
    long objective;
} outcome;

static bool has_rotation(const rp_plan *p, const rp_rotation *r)
{
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *o = &p->rotations[i];
        if (o->student == r->student && o->department == r->department &&
            o->start == r->start && o->length == r->length)
            return true;
    }
    return false;
}

/* Weeks before from_week are the previous plan's: each of its rotations
 * there is kept, or cut at from_week when it ran across it, and the new plan
 * starts nothing else there. */
static void assert_history_kept(const rp_plan *previous, const rp_plan *plan, int from_week)
{
    for (int i = 0; i < previous->n_rotations; i++) {
        rp_rotation r = previous->rotations[i];
        if (r.start >= from_week)
            continue;
        if (!has_rotation(plan, &r)) {
            r.length = from_week - r.start;
            assert_true(has_rotation(plan, &r));
        }
    }
    for (int i = 0; i < plan->n_rotations; i++) {
        rp_rotation r = plan->rotations[i];
        if (r.start >= from_week || has_rotation(previous, &r))
            continue;
        bool cut_of_previous = false;
        for (int k = 0; k < previous->n_rotations; k++) {
            const rp_rotation *o = &previous->rotations[k];
            cut_of_previous = cut_of_previous ||
                              (o->student == r.student && o->department == r.department &&
                               o->start == r.start && r.start + r.length == from_week);
        }
        assert_true(cut_of_previous);
    }
}

/* What the first progress report of a re-plan says. */
typedef struct progress_seen {
    int reports;
    bool first_has_plan;
    long first_score;
    char first_phase[96];
} progress_seen;

static void note_progress(void *ctx, const char *aim, const rp_mip_progress *p)
{
    progress_seen *seen = ctx;
    if (seen->reports++ > 0)
        return;
    seen->first_has_plan = p->has_incumbent;
    seen->first_score = (long)p->incumbent;
    snprintf(seen->first_phase, sizeof seen->first_phase, "%s", aim ? aim : "");
}

static outcome replan_with(const char *config, const char *plan_path, int from_week,
                           rp_replan_options *opt)
{
    rp_model *m = load_config(config);
    outcome o;
    memset(&o, 0, sizeof o);
    rp_plan *previous = read_plan(m, plan_path, &o.left);
    opt->from_week = from_week - 1;
    rp_plan *plan = NULL;
    o.status = rp_replan(m, previous, opt, &plan, &o.res);
    rp_changes_init(&o.changes);
    if (o.status == RP_OK) {
        assert_true(plan->has_objective);
        if (o.res.missed == 0) {
            checked_plan c = check_plan_clean_from(m, plan, from_week - 1);
            o.objective = c.objective;
            o.warnings = c.n_warnings;
        } else {
            /* a partial plan misses exactly the rotations it says, nothing else */
            rp_check_options co = {from_week - 1};
            rp_check_report *r = NULL;
            assert_int_equal(rp_check_plan_with(m, plan, &co, &r), RP_OK);
            assert_int_equal(r->n_violations, o.res.missed);
            for (int i = 0; i < r->n_violations; i++)
                assert_int_equal(r->violations[i].rule, RP_RULE_REQUIREMENT);
            assert_int_equal(r->objective, (long)plan->objective);
            o.objective = r->objective;
            o.warnings = r->n_warnings;
            rp_check_report_free(&r);
        }
        assert_int_equal(plan->status == RP_PLAN_PARTIAL, o.res.missed > 0);
        assert_history_kept(previous, plan, from_week - 1);
        assert_int_equal(rp_changes_diff(m, previous, plan, from_week - 1, &o.changes), RP_OK);
        assert_int_equal(rp_reasons_explain(m, previous, plan, &o.changes), RP_OK);
        /* no move without a reason */
        for (int i = 0; i < o.changes.count; i++) {
            const rp_change *c = &o.changes.items[i];
            assert_non_null(c->reason);
            assert_true(c->why == RP_WHY_FORCED || c->why == RP_WHY_CHAIN ||
                        (c->why == RP_WHY_GAIN && c->gain > 0));
        }
    }
    rp_plan_free(&plan);
    rp_plan_free(&previous);
    rp_model_free(&m);
    return o;
}

static void outcome_clear(outcome *o)
{
    rp_changes_clear(&o->changes);
    rp_replan_result_clear(&o->res);
}

static outcome replan(const char *config, const char *plan_path, int from_week)
{
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    return replan_with(config, plan_path, from_week, &opt);
}

static void assert_changes(const outcome *o, int rotations, int students, int student_weeks)
{
    assert_int_equal(o->status, RP_OK);
    assert_int_equal(o->changes.count, rotations);
    assert_int_equal(o->changes.n_students, students);
    assert_int_equal(o->changes.n_student_weeks, student_weeks);
    /* the solver's count of dropped and added rotations agrees with the plans'
     * difference */
    int dropped = 0, added = 0;
    for (int i = 0; i < o->changes.count; i++) {
        dropped += o->changes.items[i].from.department >= 0;
        added += o->changes.items[i].to.department >= 0;
    }
    assert_int_equal(o->res.n_future - o->res.n_kept, dropped);
    assert_int_equal(o->res.n_added, added);
}

/* The config unchanged: nothing moves, the score stays. */
static void test_no_change(void **state)
{
    (void)state;
    for (int k = 1; k <= 8; k += 3) {
        outcome o = replan(DIR "ward.yaml", WARD_PLAN, k);
        assert_changes(&o, 0, 0, 0);
        assert_int_equal(o.objective, 30);
        assert_int_equal(o.warnings, 0);
        outcome_clear(&o);
    }
}

/* A ward closes from week 5: its two students there must move, no one else. */
static void test_ward_closure(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-closure.yaml", WARD_PLAN, 5);
    assert_changes(&o, 2, 2, 4);
    for (int i = 0; i < 2; i++) {
        const rp_change *c = &o.changes.items[i];
        assert_int_equal(c->from.start, 4);
        assert_false(c->cut);
    }
    outcome_clear(&o);
}

/* A student falls ill for two weeks: only their rotation then moves. */
static void test_illness(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-illness.yaml", WARD_PLAN, 4);
    assert_changes(&o, 1, 1, 4);
    assert_int_equal(o.changes.items[0].from.start, 4);
    assert_int_equal(o.changes.items[0].to.start, 6);
    outcome_clear(&o);
}

/* A student leaves: their rows are left out and nobody else moves. */
static void test_withdrawal(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-withdrawal.yaml", WARD_PLAN, 5);
    assert_changes(&o, 0, 0, 0);
    assert_int_equal(o.left, 1);
    outcome_clear(&o);
}

/* The change contradicts the past: history is kept and reported, no move. */
static void test_history_conflict(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-history.yaml", WARD_PLAN, 5);
    assert_changes(&o, 0, 0, 0);
    assert_int_equal(o.warnings, 3);
    assert_int_equal(o.objective, 30);
    outcome_clear(&o);
}

/* Rotations running across from_week in a ward that closes then are cut. */
static void test_running_rotations_cut(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-cut.yaml", WARD_PLAN, 4);
    assert_changes(&o, 2, 2, 6);
    assert_int_equal(o.res.n_cut, 2);
    assert_int_equal(o.warnings, 2);
    for (int i = 0; i < 2; i++)
        assert_true(o.changes.items[i].cut);
    outcome_clear(&o);
    /* the same ward closing from week 5 leaves them whole */
    o = replan(DIR "ward-cut.yaml", WARD_PLAN, 5);
    assert_int_equal(o.status, RP_OK);
    assert_int_equal(o.res.n_cut, 0);
    assert_false(o.res.running_released);
    outcome_clear(&o);
}

/* Quality first never scores less, nor changes fewer rotations; mixed lies
 * between, at the ends when moves cost nothing or a great deal. */
static void test_orders(void **state)
{
    (void)state;
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    outcome dis = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    opt.order = RP_REPLAN_QUALITY;
    outcome qua = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    opt.order = RP_REPLAN_MIXED;
    opt.move_weight = 0;
    outcome free_moves = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    opt.move_weight = 1000;
    outcome dear_moves = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    assert_true(qua.objective >= dis.objective);
    assert_true(qua.changes.count >= dis.changes.count);
    assert_int_equal(free_moves.objective, qua.objective);
    assert_int_equal(dear_moves.changes.count, dis.changes.count);
    assert_int_equal(dear_moves.objective, dis.objective);
    outcome *all[] = {&dis, &qua, &free_moves, &dear_moves};
    for (int i = 0; i < 4; i++)
        outcome_clear(all[i]);
}

/* At most N changes per student: 0 leaves the closure no plan. */
static void test_change_limit(void **state)
{
    (void)state;
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.max_changes_per_student = 0;
    outcome o = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    assert_int_equal(o.status, RP_ERR_INFEASIBLE);
    opt.max_changes_per_student = 1;
    o = replan_with(DIR "ward-closure.yaml", WARD_PLAN, 5, &opt);
    assert_changes(&o, 2, 2, 4);
    for (int s = 0; s < 8; s++) {
        int n = 0;
        for (int i = 0; i < o.changes.count; i++)
            n += o.changes.items[i].student == s;
        assert_true(n <= 1);
    }
    outcome_clear(&o);
}

/* Students over capacity in a department and week: each must leave it, and
 * one student is in one department, so their sum bounds the changes. */
static int overflow(const rp_model *m, const rp_plan *p)
{
    int total = 0;
    for (int d = 0; d < m->n_departments; d++) {
        int worst = 0;
        for (int t = 0; t < m->weeks; t++) {
            int n = 0;
            for (int i = 0; i < p->n_rotations; i++) {
                const rp_rotation *r = &p->rotations[i];
                n += r->department == d && r->start <= t && t < r->start + r->length;
            }
            if (n - m->departments[d].capacity[t] > worst)
                worst = n - m->departments[d].capacity[t];
        }
        total += worst;
    }
    return total;
}

/*
 * The shipped scenario: two Bai Chay supervisors on leave in weeks 5-6 of the
 * Quang Ninh plan, one in general surgery (15 students, capacity 12) and one
 * in trauma and orthopedics (10 students, capacity 9). At least 3 + 1 = 4
 * students must leave those wards; each can swap to another ward of their
 * programme in the same weeks, so 4 changes of 3 weeks each is the least.
 */
static void test_quang_ninh_leave(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "quang_ninh-leave.yaml");
    rp_plan *previous = read_plan(m, DIR "quang_ninh-plan.csv", NULL);
    assert_int_equal(overflow(m, previous), 4);
    rp_plan_free(&previous);
    rp_model_free(&m);
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    progress_seen seen = {0};
    opt.progress = note_progress;
    opt.progress_ctx = &seen;
    outcome o = replan_with(DIR "quang_ninh-leave.yaml", DIR "quang_ninh-plan.csv", 4, &opt);
    assert_changes(&o, 4, 4, 12);
    assert_int_equal(o.warnings, 0);
    assert_int_equal(o.objective, 1166);
    /* the search started from the plan in force, repaired: the first progress
     * report already has a plan and its score */
    assert_true(o.res.start_repaired);
    assert_true(seen.first_has_plan);
    assert_string_equal(seen.first_phase, "start from the plan in force, repaired");
    assert_int_equal(seen.first_score, (long)o.res.start_score);
    /* 3 + 1 students must leave the two wards and each needs another rotation:
     * 8 dropped or added, which the first small program (the 25 students of
     * those wards) meets */
    assert_int_equal(o.res.disruption_bound, 8);
    assert_int_equal(o.res.n_future - o.res.n_kept + o.res.n_added, 8);
    assert_int_equal(o.res.n_free, 25);
    /* each move is forced by the leave, said with the config's note */
    int surgery = 0, trauma = 0;
    for (int i = 0; i < o.changes.count; i++) {
        const rp_change *c = &o.changes.items[i];
        assert_int_equal(c->why, RP_WHY_FORCED);
        if (strcmp(c->reason, "forced: general_surgery at Bai Chay Hospital over capacity in "
                              "weeks 5-6 (capacity 12)") == 0) {
            assert_string_equal(c->note, "Dr. Lý on leave (the change)");
            surgery++;
        } else {
            assert_string_equal(c->reason, "forced: trauma_orthopedics at Bai Chay Hospital over "
                                           "capacity in weeks 5-6 (capacity 9)");
            assert_string_equal(c->note, "Dr. Mai on leave (the change)");
            trauma++;
        }
    }
    assert_int_equal(surgery, 3);
    assert_int_equal(trauma, 1);
    outcome_clear(&o);
}

/* A minimum raised from week 5: no rotation is forbidden and no ward is over
 * capacity, so the small programs move nobody and the whole program finds
 * the one student who must come; the move says why, with the note. */
static void test_minimum_needs_the_whole_program(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-minimum.yaml", WARD_PLAN, 5);
    assert_changes(&o, 1, 1, 2);
    assert_int_equal(o.res.disruption_bound, 0);
    assert_int_equal(o.res.n_free, 8); /* everyone */
    const rp_change *c = &o.changes.items[0];
    assert_int_equal(c->why, RP_WHY_FORCED);
    assert_string_equal(c->reason, "forced: cardiology at Provincial Hospital below its minimum "
                                   "in weeks 5-6 (minimum 2)");
    assert_string_equal(c->note, "ward round teaching");
    assert_int_equal(o.objective, 30);
    outcome_clear(&o);
}

/* In the default order every move is forced: the fewest changes leave none
 * that could be undone. Quality first may add moves, each buying score. */
static void test_moves_have_reasons(void **state)
{
    (void)state;
    const char *configs[] = {DIR "ward-closure.yaml", DIR "ward-illness.yaml",
                             DIR "ward-cut.yaml", "bench/replan/quang_ninh-closure.yaml"};
    const char *plans[] = {WARD_PLAN, WARD_PLAN, WARD_PLAN, DIR "quang_ninh-plan.csv"};
    const int from[] = {5, 4, 4, 4};
    for (int k = 0; k < 4; k++) {
        outcome o = replan(configs[k], plans[k], from[k]);
        assert_int_equal(o.status, RP_OK);
        assert_true(o.changes.count > 0);
        for (int i = 0; i < o.changes.count; i++)
            assert_true(o.changes.items[i].why == RP_WHY_FORCED ||
                        o.changes.items[i].why == RP_WHY_CHAIN);
        outcome_clear(&o);
    }
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.order = RP_REPLAN_QUALITY;
    outcome o = replan_with("bench/replan/quang_ninh-closure.yaml", DIR "quang_ninh-plan.csv", 4,
                            &opt);
    int gains = 0;
    for (int i = 0; i < o.changes.count; i++) {
        const rp_change *c = &o.changes.items[i];
        if (c->why != RP_WHY_GAIN)
            continue;
        char text[64];
        snprintf(text, sizeof text, "improves the score by %ld", c->gain);
        assert_non_null(strstr(c->reason, text));
        gains++;
    }
    assert_true(gains > 0);
    outcome_clear(&o);
}

/* The plan with its rotation i moved to department d in the same weeks
 * (trying i and d onwards), when the checker passes that plan: its objective
 * into *objective. NULL when none is left to try. */
static rp_plan *next_alternative(const rp_model *m, const rp_plan *base, int from_week,
                                 int *i, int *d, long *objective)
{
    for (; *i < base->n_rotations; (*i)++, *d = -1) {
        const rp_rotation *r = &base->rotations[*i];
        if (r->start < from_week)
            continue;
        for ((*d)++; *d < m->n_departments; (*d)++) {
            if (*d == r->department || m->disciplines[m->departments[*d].discipline].length !=
                                           r->length)
                continue;
            rp_plan *p = rp_plan_clone(base);
            p->rotations[*i].department = *d;
            rp_check_report *rep = check_plan_report(m, p);
            bool ok = rep->n_violations == 0;
            *objective = rep->objective;
            rp_check_report_free(&rep);
            if (ok)
                return p;
            rp_plan_free(&p);
        }
    }
    return NULL;
}

/* A move that buys nothing is undone; a move that buys score is kept and
 * says how much. The config is unchanged, so nothing forces either. */
static void test_idle_moves_undone(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/quang_ninh.yaml");
    rp_plan *base = read_plan(m, DIR "quang_ninh-plan.csv", NULL);
    long best = check_plan_clean(m, base).objective;
    rp_plan *same = NULL, *worse = NULL;
    long worse_objective = 0;
    int i = 0, d = -1;
    while ((!same || !worse)) {
        long objective;
        rp_plan *p = next_alternative(m, base, 3, &i, &d, &objective);
        if (!p)
            break;
        if (!same && objective == best) {
            same = p;
        } else if (!worse && objective < best) {
            worse = p;
            worse_objective = objective;
        } else {
            rp_plan_free(&p);
        }
    }
    assert_non_null(same);
    assert_non_null(worse);
    /* plan in force: the base plan; new plan: one student moved for nothing */
    int undone = 0;
    assert_int_equal(rp_moves_undo_idle(m, base, same, 3, &undone), RP_OK);
    assert_int_equal(undone, 1);
    rp_changes c;
    rp_changes_init(&c);
    assert_int_equal(rp_changes_diff(m, base, same, 3, &c), RP_OK);
    assert_int_equal(c.count, 0);
    /* plan in force: one student worse off; new plan: the base, which buys
     * best - worse_objective points by moving them back */
    assert_int_equal(rp_moves_undo_idle(m, worse, base, 3, &undone), RP_OK);
    assert_int_equal(undone, 0);
    assert_int_equal(rp_changes_diff(m, worse, base, 3, &c), RP_OK);
    assert_int_equal(c.count, 1);
    assert_int_equal(rp_reasons_explain(m, worse, base, &c), RP_OK);
    assert_int_equal(c.items[0].why, RP_WHY_GAIN);
    assert_int_equal(c.items[0].gain, best - worse_objective);
    char text[64];
    snprintf(text, sizeof text, "improves the score by %ld", best - worse_objective);
    assert_string_equal(c.items[0].reason, text);
    rp_changes_clear(&c);
    rp_plan_free(&same);
    rp_plan_free(&worse);
    rp_plan_free(&base);
    rp_model_free(&m);
}

/*
 * Three of the ten obstetricians leave from week 4. 44 students still need
 * 3 weeks of obstetrics in weeks 4-9 (132 student-weeks) against 21 places
 * a week (126): no plan keeps weeks 1-3. With --partial, two students go
 * without obstetrics, everyone else is placed, and each move says why.
 */
static void test_partial_replan(void **state)
{
    (void)state;
    outcome o = replan(DIR "quang_ninh-obstetrics.yaml", DIR "quang_ninh-plan.csv", 4);
    assert_int_equal(o.status, RP_ERR_INFEASIBLE);
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.partial = true;
    o = replan_with(DIR "quang_ninh-obstetrics.yaml", DIR "quang_ninh-plan.csv", 4, &opt);
    assert_int_equal(o.status, RP_OK);
    assert_int_equal(o.res.missed, 2);
    assert_int_equal(o.res.missed_bound, 2);
    assert_int_equal(o.res.short_of.count, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(o.res.short_of.items[i].kind, RP_FIND_MISSING);
        assert_non_null(strstr(o.res.short_of.items[i].message,
                               "cannot be given 1 rotation of discipline 'obstetrics' (needs 1, "
                               "can be given 0)"));
    }
    int forced = 0;
    for (int i = 0; i < o.changes.count; i++)
        if (o.changes.items[i].why == RP_WHY_FORCED) {
            assert_string_equal(o.changes.items[i].note,
                                "three obstetricians seconded to district delivery rooms (the "
                                "change)");
            forced++;
        }
    assert_true(forced >= 2);
    outcome_clear(&o);
    /* where a whole plan exists, --partial gives the same re-plan */
    o = replan_with(DIR "quang_ninh-leave.yaml", DIR "quang_ninh-plan.csv", 4, &opt);
    assert_changes(&o, 4, 4, 12);
    assert_int_equal(o.res.missed, 0);
    assert_int_equal(o.objective, 1166);
    outcome_clear(&o);
}

/* Named supervisors: with nothing changed every rotation keeps its
 * supervisor; when le goes away in week 3, D2's rotation with le running
 * across it is cut (its past week keeps le) and D2 does surgery again from
 * week 3 with another supervisor. */
static void test_supervisors_kept_or_cut(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "staff.yaml");
    rp_plan *previous = read_plan(m, DIR "staff-plan.csv", NULL);
    for (int k = 2; k <= 4; k++) {
        rp_replan_options opt;
        rp_replan_options_init(&opt);
        opt.from_week = k - 1;
        rp_replan_result res;
        rp_plan *plan = NULL;
        assert_int_equal(rp_replan(m, previous, &opt, &plan, &res), RP_OK);
        check_plan_clean_from(m, plan, k - 1);
        assert_int_equal(plan->n_rotations, previous->n_rotations);
        for (int i = 0; i < previous->n_rotations; i++) {
            const rp_rotation *was = &previous->rotations[i];
            bool same = false;
            for (int j = 0; j < plan->n_rotations; j++) {
                const rp_rotation *r = &plan->rotations[j];
                same |= r->student == was->student && r->department == was->department &&
                        r->start == was->start && r->supervisor == was->supervisor;
            }
            assert_true(same);
        }
        rp_plan_free(&plan);
        rp_replan_result_clear(&res);
    }
    rp_model_free(&m);

    m = load_config(DIR "staff-leave.yaml");
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.from_week = 2;
    rp_replan_result res;
    rp_plan *plan = NULL;
    assert_int_equal(rp_replan(m, previous, &opt, &plan, &res), RP_OK);
    assert_int_equal(res.n_cut, 1);
    check_plan_clean_from(m, plan, 2);
    int d2 = rp_model_find_student(m, "D2"), le = rp_model_find_supervisor(m, "le");
    int surgery = find_department(m, "uong_bi", "surgery");
    bool past = false, again = false;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (r->student != d2 || r->department != surgery)
            continue;
        past |= r->start == 1 && r->length == 1 && r->supervisor == le;
        again |= r->start >= 2 && r->length == 2 && r->supervisor >= 0 && r->supervisor != le;
    }
    assert_true(past && again);
    rp_plan_free(&plan);
    rp_replan_result_clear(&res);
    rp_model_free(&m);
    rp_plan_free(&previous);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_change),
        cmocka_unit_test(test_ward_closure),
        cmocka_unit_test(test_illness),
        cmocka_unit_test(test_withdrawal),
        cmocka_unit_test(test_history_conflict),
        cmocka_unit_test(test_running_rotations_cut),
        cmocka_unit_test(test_orders),
        cmocka_unit_test(test_change_limit),
        cmocka_unit_test(test_quang_ninh_leave),
        cmocka_unit_test(test_minimum_needs_the_whole_program),
        cmocka_unit_test(test_moves_have_reasons),
        cmocka_unit_test(test_idle_moves_undone),
        cmocka_unit_test(test_partial_replan),
        cmocka_unit_test(test_supervisors_kept_or_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
