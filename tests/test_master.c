/*
 * test_master - the restricted master of the schedule decomposition
 * (solver/glpk/master.h) in real GLPK: schedules that stay out of the
 * solution at a loss are retired from the simplex's work, without changing
 * what the LP or the integer master answers, and come back when asked;
 * schedules a dive fixes are taken whole, and freed again, the simplex
 * going on from the basis kept before them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "base/clock.h"
#include "solver/glpk/master.h"

enum { STUDENTS = 3, CELLS = 2 };

/* Three students, two department-weeks of capacity 2: cell 0 is wanted by
 * all, so one student must take a worse schedule in cell 1. Student s has
 * schedules 3s (cell 0, score 10), 3s + 1 (cell 1, 4 + s) and 3s + 2 (cell
 * 1, 1: never worth taking). */
static rp_master *fair_master(double fairness)
{
    static const double lb[CELLS] = {0, 0}, ub[CELLS] = {2, 2};
    rp_master_shape shape = {STUDENTS, CELLS, lb, ub, fairness, -100, 100, 1000, 0};
    rp_master *m = rp_master_new(&shape);
    assert_non_null(m);
    const int in0[] = {0}, in1[] = {1};
    for (int s = 0; s < STUDENTS; s++) {
        assert_int_equal(rp_master_add(m, s, 10, in0, 1), 3 * s);
        assert_int_equal(rp_master_add(m, s, 4 + s, in1, 1), 3 * s + 1);
        assert_int_equal(rp_master_add(m, s, 1, in1, 1), 3 * s + 2);
    }
    return m;
}

static rp_master *small_master(void)
{
    return fair_master(0);
}

static double solve(rp_master *m)
{
    bool optimal;
    assert_int_equal(rp_master_solve(m, NULL, 0, &optimal, NULL), RP_OK);
    assert_true(optimal);
    return rp_master_value(m);
}

/* Students 0 and 1 in cell 0 (10 each), student 2 in cell 1 (6): 26. */
static void test_idle_schedules_retire_and_the_answer_stays(void **state)
{
    (void)state;
    rp_master *m = small_master();
    assert_true(fabs(solve(m) - 26) < 1e-9);
    assert_int_equal(rp_master_retire_idle(m, 2), 0); /* out once: not yet */
    assert_true(fabs(solve(m) - 26) < 1e-9);
    assert_true(rp_master_retire_idle(m, 2) >= STUDENTS);
    for (int k = 0; k < 3 * STUDENTS; k++) {
        if (k % 3 == 2)
            assert_true(rp_master_retired(m, k));
        if (rp_master_weight(m, k) > 0.5)
            assert_false(rp_master_retired(m, k)); /* in the solution */
    }
    assert_true(fabs(solve(m) - 26) < 1e-9);
    assert_int_equal(rp_master_columns(m), 3 * STUDENTS); /* numbers kept */
    rp_master_restore(m, 2);
    assert_false(rp_master_retired(m, 2));
    for (int i = 0; i < 3; i++) {
        assert_true(fabs(solve(m) - 26) < 1e-9);
        rp_master_retire_idle(m, 2);
    }
    assert_false(rp_master_retired(m, 2)); /* restored once: stays */
    assert_true(rp_master_retired(m, 5));
    rp_master_free(&m);
}

/* The integer master opens every retired schedule again and still finds the
 * best choice, from a start on a retired one. */
static void test_integer_master_opens_its_start(void **state)
{
    (void)state;
    rp_master *m = small_master();
    solve(m);
    rp_master_retire_idle(m, 1);
    assert_true(rp_master_retired(m, 2));
    assert_true(rp_master_retired(m, 5));
    int choice[STUDENTS] = {2, 4, 6}; /* student 0 starts on a retired schedule */
    double objective, slack;
    assert_int_equal(rp_master_integer(m, NULL, 100, choice, &objective, &slack), RP_OK);
    for (int k = 0; k < 3 * STUDENTS; k++)
        assert_false(rp_master_retired(m, k));
    assert_true(fabs(objective - 26) < 1e-9);
    assert_true(slack == 0);
    assert_int_equal(choice[0], 0);
    assert_int_equal(choice[1], 3);
    assert_int_equal(choice[2], 7); /* the best schedule in cell 1 */
    rp_master_free(&m);
}

/* Fixed schedules are taken whole (the LP is solved afresh around them);
 * fixing more than the cells hold shows as slack; freed again, the LP and
 * the integer master answer as before. */
static void test_fixed_schedules(void **state)
{
    (void)state;
    rp_master *m = small_master();
    assert_true(fabs(solve(m) - 26) < 1e-9);
    rp_master_fix(m, 6, true); /* student 2 in cell 0 */
    rp_master_fix(m, 0, true); /* student 0 in cell 0 */
    assert_true(fabs(solve(m) - 25) < 1e-9); /* student 1 goes to cell 1: 5 */
    assert_true(rp_master_weight(m, 4) > 0.999);
    assert_true(rp_master_slack(m) < 1e-9);
    rp_master_fix(m, 3, true); /* student 1 in cell 0 too: one over */
    assert_true(fabs(solve(m) - (30 - 1000)) < 1e-6);
    assert_true(fabs(rp_master_slack(m) - 1) < 1e-9);
    for (int k = 0; k < 7; k += 3)
        rp_master_fix(m, k, false);
    /* the integer master straight after, from the basis the bounds moved under */
    int choice[STUDENTS] = {0, 3, 7};
    double objective, slack;
    assert_int_equal(rp_master_integer(m, NULL, 100, choice, &objective, &slack), RP_OK);
    assert_true(fabs(objective - 26) < 1e-9);
    assert_true(slack == 0);
    assert_true(fabs(solve(m) - 26) < 1e-9);
    rp_master_free(&m);
}

/* The integer master with the LP not solved to the end (as a round or a
 * dive step that ran out of time leaves it) solves the LP first; with no
 * time left for that it reaches no plan, which is no failure of GLPK's. */
static void test_integer_master_after_an_unfinished_lp(void **state)
{
    (void)state;
    rp_master *m = small_master();
    const int in1[] = {1};
    assert_int_equal(rp_master_add(m, 2, 9, in1, 1), 3 * STUDENTS); /* student 2 in cell 1: 9 */
    bool optimal;
    assert_int_equal(rp_master_solve(m, NULL, 1, &optimal, NULL), RP_OK);
    assert_false(optimal);
    int choice[STUDENTS] = {0, 3, 7};
    double objective, slack;
    rp_master_limits past = {rp_clock_seconds() - 1, NULL};
    assert_int_equal(rp_master_integer(m, &past, 100, choice, &objective, &slack),
                     RP_ERR_NO_PLAN);
    assert_int_equal(rp_master_integer(m, NULL, 100, choice, &objective, &slack), RP_OK);
    assert_true(fabs(objective - 29) < 1e-9);
    assert_true(slack == 0);
    assert_int_equal(choice[2], 3 * STUDENTS);
    rp_master_free(&m);
}

/* A basis kept before a dive: once its fixes are freed the simplex goes on
 * from it, with no iteration when nothing changed and, with a schedule
 * added during the dive, straight to the new optimum. */
static void test_back_to_the_basis_kept(void **state)
{
    (void)state;
    rp_master *m = small_master();
    assert_true(fabs(solve(m) - 26) < 1e-9);
    assert_true(rp_master_keep_basis(m));
    rp_master_fix(m, 3, true); /* student 1 in cell 0 */
    rp_master_fix(m, 6, true); /* student 2 in cell 0 */
    assert_true(fabs(solve(m) - 24) < 1e-9); /* student 0 in cell 1: 4 */
    rp_master_fix(m, 3, false);
    rp_master_fix(m, 6, false);
    rp_master_back_to_basis(m);
    bool optimal;
    int iterations = -1;
    assert_int_equal(rp_master_solve(m, NULL, 0, &optimal, &iterations), RP_OK);
    assert_true(optimal);
    assert_int_equal(iterations, 0);
    assert_true(fabs(rp_master_value(m) - 26) < 1e-9);

    assert_true(rp_master_keep_basis(m));
    rp_master_fix(m, 0, true);
    assert_true(fabs(solve(m) - 26) < 1e-9);
    const int in1[] = {1};
    assert_int_equal(rp_master_add(m, 2, 9, in1, 1), 3 * STUDENTS); /* student 2 in cell 1: 9 */
    rp_master_fix(m, 0, false);
    rp_master_back_to_basis(m);
    assert_true(fabs(solve(m) - 29) < 1e-9);
    assert_true(rp_master_weight(m, 3 * STUDENTS) > 0.999);
    rp_master_back_to_basis(m); /* nothing kept: the solve goes on as it was */
    assert_true(fabs(solve(m) - 29) < 1e-9);
    rp_master_free(&m);
}

/* Started at a plan's basis the simplex skips the search for a feasible
 * one: from the optimal plan it takes fewer iterations than from the
 * slacks (a degenerate pivot at most); from a worse plan's, or with the
 * worst-off score to raise, it goes on to the optimum. A choice missing a
 * student changes nothing. */
static void test_a_plans_basis(void **state)
{
    (void)state;
    const int best[STUDENTS] = {0, 3, 7}, worse[STUDENTS] = {1, 3, 6}, part[STUDENTS] = {0, -1, 7};
    bool optimal;
    int fresh = -1, iterations = -1;
    rp_master *m = small_master();
    assert_int_equal(rp_master_solve(m, NULL, 0, &optimal, &fresh), RP_OK);
    rp_master_free(&m);
    m = small_master();
    rp_master_start_at(m, best);
    assert_int_equal(rp_master_solve(m, NULL, 0, &optimal, &iterations), RP_OK);
    assert_true(optimal);
    assert_true(iterations <= 1 && iterations < fresh);
    assert_true(fabs(rp_master_value(m) - 26) < 1e-9);
    rp_master_start_at(m, worse);
    assert_true(fabs(solve(m) - 26) < 1e-9);
    rp_master_start_at(m, part);
    assert_int_equal(rp_master_solve(m, NULL, 0, &optimal, &iterations), RP_OK);
    assert_int_equal(iterations, 0); /* the optimal basis stood */
    rp_master_free(&m);

    /* with the worst-off score weighted 1: the LP of a fresh start */
    m = fair_master(1);
    double lp = solve(m);
    rp_master_free(&m);
    assert_true(lp > 32 + 1e-6); /* fractions lift the worst-off above 6 */
    m = fair_master(1);
    rp_master_start_at(m, worse);
    assert_true(fabs(solve(m) - lp) < 1e-9);
    rp_master_free(&m);
}

/* A solve afresh (schedules fixed) that an interrupt or the deadline meets
 * stops with nothing changed; the next one, unhindered, answers as usual. */
static void test_a_solve_afresh_stops_when_asked(void **state)
{
    (void)state;
    rp_master *m = small_master();
    assert_true(fabs(solve(m) - 26) < 1e-9);
    rp_master_fix(m, 6, true); /* student 2 in cell 0 */
    rp_master_fix(m, 0, true); /* student 0 in cell 0 */
    volatile sig_atomic_t stop = 1;
    rp_master_limits asked = {HUGE_VAL, &stop}, late = {rp_clock_seconds() - 1, NULL};
    bool optimal;
    assert_int_equal(rp_master_solve(m, &asked, 0, &optimal, NULL), RP_ERR_INTERRUPTED);
    assert_int_equal(rp_master_solve(m, &late, 0, &optimal, NULL), RP_ERR_NO_PLAN);
    stop = 0;
    assert_int_equal(rp_master_solve(m, &asked, 0, &optimal, NULL), RP_OK);
    assert_true(optimal);
    assert_true(fabs(rp_master_value(m) - 25) < 1e-9);
    rp_master_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_schedules_retire_and_the_answer_stays),
        cmocka_unit_test(test_integer_master_opens_its_start),
        cmocka_unit_test(test_fixed_schedules),
        cmocka_unit_test(test_integer_master_after_an_unfinished_lp),
        cmocka_unit_test(test_back_to_the_basis_kept),
        cmocka_unit_test(test_a_plans_basis),
        cmocka_unit_test(test_a_solve_afresh_stops_when_asked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
