/*
 * Re-planning (replan.h, replan/changes.h): history kept, the fewest changed
 * rotations, the orders and the change limit. Every new plan goes through the
 * independent checker in history mode: no violation, the score the solver
 * reported, and weeks before from_week exactly as the previous plan had them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/changes.h"
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

static outcome replan_with(const char *config, const char *plan_path, int from_week,
                           rp_replan_options *opt)
{
    rp_model *m = load_config(config), *work = load_config(config);
    outcome o;
    memset(&o, 0, sizeof o);
    rp_plan *previous = read_plan(m, plan_path, &o.left);
    opt->from_week = from_week - 1;
    rp_plan *plan = NULL;
    o.status = rp_replan(work, m, previous, opt, &plan, &o.res);
    rp_changes_init(&o.changes);
    if (o.status == RP_OK) {
        assert_true(plan->has_objective);
        checked_plan c = check_plan_clean_from(m, plan, from_week - 1);
        o.objective = c.objective;
        o.warnings = c.n_warnings;
        assert_history_kept(previous, plan, from_week - 1);
        assert_int_equal(rp_changes_diff(m, previous, plan, from_week - 1, &o.changes), RP_OK);
    }
    rp_plan_free(&plan);
    rp_plan_free(&previous);
    rp_model_free(&work);
    rp_model_free(&m);
    return o;
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
    /* the solver's count of changed rotations agrees with the plans' difference */
    assert_int_equal(o->res.n_future - o->res.n_kept, rotations);
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
        rp_changes_clear(&o.changes);
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
    rp_changes_clear(&o.changes);
}

/* A student falls ill for two weeks: only their rotation then moves. */
static void test_illness(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-illness.yaml", WARD_PLAN, 4);
    assert_changes(&o, 1, 1, 4);
    assert_int_equal(o.changes.items[0].from.start, 4);
    assert_int_equal(o.changes.items[0].to.start, 6);
    rp_changes_clear(&o.changes);
}

/* A student leaves: their rows are left out and nobody else moves. */
static void test_withdrawal(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-withdrawal.yaml", WARD_PLAN, 5);
    assert_changes(&o, 0, 0, 0);
    assert_int_equal(o.left, 1);
    rp_changes_clear(&o.changes);
}

/* The change contradicts the past: history is kept and reported, no move. */
static void test_history_conflict(void **state)
{
    (void)state;
    outcome o = replan(DIR "ward-history.yaml", WARD_PLAN, 5);
    assert_changes(&o, 0, 0, 0);
    assert_int_equal(o.warnings, 3);
    assert_int_equal(o.objective, 30);
    rp_changes_clear(&o.changes);
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
    rp_changes_clear(&o.changes);
    /* the same ward closing from week 5 leaves them whole */
    o = replan(DIR "ward-cut.yaml", WARD_PLAN, 5);
    assert_int_equal(o.status, RP_OK);
    assert_int_equal(o.res.n_cut, 0);
    assert_false(o.res.running_released);
    rp_changes_clear(&o.changes);
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
        rp_changes_clear(&all[i]->changes);
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
    rp_changes_clear(&o.changes);
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
    outcome o = replan(DIR "quang_ninh-leave.yaml", DIR "quang_ninh-plan.csv", 4);
    assert_changes(&o, 4, 4, 12);
    assert_int_equal(o.warnings, 0);
    assert_int_equal(o.objective, 1166);
    rp_changes_clear(&o.changes);
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
        rp_model *work = load_config(DIR "staff.yaml");
        rp_replan_options opt;
        rp_replan_options_init(&opt);
        opt.from_week = k - 1;
        rp_replan_result res;
        rp_plan *plan = NULL;
        assert_int_equal(rp_replan(work, m, previous, &opt, &plan, &res), RP_OK);
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
        rp_model_free(&work);
    }
    rp_model_free(&m);

    m = load_config(DIR "staff-leave.yaml");
    rp_model *work = load_config(DIR "staff-leave.yaml");
    rp_replan_options opt;
    rp_replan_options_init(&opt);
    opt.from_week = 2;
    rp_replan_result res;
    rp_plan *plan = NULL;
    assert_int_equal(rp_replan(work, m, previous, &opt, &plan, &res), RP_OK);
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
    rp_model_free(&work);
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
        cmocka_unit_test(test_supervisors_kept_or_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
