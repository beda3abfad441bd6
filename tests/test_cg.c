/*
 * test_cg - the schedule decomposition (solver/solve/cg.h), fix-and-optimise
 * (lns.h) and the residual model (residual.h), on real configs.
 *
 * Every plan they produce goes through the checker; every bound must not
 * fall below a plan the checker scores; the number of threads must not
 * change the bound or the plan; an interrupt and a deadline must end a run
 * cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "solver/heur/heur.h"
#include "solver/solve/cg.h"
#include "solver/solve/lns.h"
#include "solver/solve/residual.h"
#include "solver/solve/solve.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

static rp_cg_result run_cg(const rp_model *m, int threads, const rp_plan *warm)
{
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.threads = threads;
    opt.warm_start = warm;
    opt.started = rp_clock_seconds();
    rp_cg_result res;
    assert_int_equal(rp_cg_run(m, &opt, &res), RP_OK);
    return res;
}

/* The heuristic's plan after a few moves: the warm start the solver hands
 * the decomposition. */
static rp_plan *warm_start_of(const rp_model *m)
{
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.max_moves = 20000;
    rp_plan *warm = NULL;
    assert_int_equal(rp_heur_plan(m, &ho, &warm, NULL), RP_OK);
    return warm;
}

/* Quang Ninh: the decomposition proves the optimum, 1169, alone. */
static void test_quang_ninh_proven(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/quang_ninh.yaml");
    rp_cg_result res = run_cg(m, 1, NULL);
    assert_true(res.converged);
    assert_true(res.has_bound);
    assert_int_equal((long)res.bound, 1169);
    assert_non_null(res.plan);
    checked_plan c = check_plan_clean(m, res.plan);
    assert_int_equal(c.objective, 1169);
    assert_int_equal((long)res.objective, 1169);
    rp_cg_result_clear(&res);
    rp_model_free(&m);
}

/* Threads price students in parallel; the bound and the plan are the same. */
static void test_threads_do_not_change_the_result(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(150, 12, 7);
    rp_plan *warm = warm_start_of(m);
    rp_cg_result one = run_cg(m, 1, warm), two = run_cg(m, 3, warm);
    assert_true(one.has_bound && two.has_bound);
    assert_true(one.bound == two.bound);
    assert_int_equal(one.rounds, two.rounds);
    assert_int_equal(one.columns, two.columns);
    assert_non_null(one.plan);
    assert_non_null(two.plan);
    assert_int_equal(one.plan->n_rotations, two.plan->n_rotations);
    assert_memory_equal(one.plan->rotations, two.plan->rotations,
                        (size_t)one.plan->n_rotations * sizeof *one.plan->rotations);
    checked_plan c = check_plan_clean(m, one.plan);
    assert_true(one.bound >= (double)c.objective);
    checked_plan start = check_plan_clean(m, warm);
    assert_true(c.objective >= start.objective);
    rp_cg_result_clear(&one);
    rp_cg_result_clear(&two);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

/* A run from the warm start whose integer master gets a single node, so
 * that its plan comes from the dive. */
static rp_cg_options one_node_options(const rp_plan *warm)
{
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.threads = 2;
    opt.warm_start = warm;
    opt.integer_nodes = 1;
    opt.started = rp_clock_seconds();
    return opt;
}

/* Runs the decomposition, which must converge with a plan the checker
 * passes, scoring what the run says and no more than the bound; returns the
 * checked objective. */
static long converged_plan(const rp_model *m, const rp_cg_options *opt, rp_cg_result *res)
{
    assert_int_equal(rp_cg_run(m, opt, res), RP_OK);
    assert_true(res->converged);
    assert_non_null(res->plan);
    checked_plan c = check_plan_clean(m, res->plan);
    assert_int_equal(c.objective, (long)res->objective);
    assert_true(res->bound >= (double)c.objective);
    return c.objective;
}

/* The dive after the rounds: on a 250-student cohort whose integer master
 * gets a single node, the plan from the schedules is within 1% of the
 * converged bound (the warm start is 15% below it, and the integer master
 * alone stayed 13% below it after 2,000 nodes). */
static void dive_near_the_bound(bool level_every_student)
{
    rp_model *m = load_generated_cohort(250, 12, 1);
    rp_plan *warm = warm_start_of(m);
    rp_cg_options opt = one_node_options(warm);
    opt.level_every_student = level_every_student;
    rp_cg_result res;
    long objective = converged_plan(m, &opt, &res);
    assert_true((double)objective >= 0.99 * res.bound);
    rp_cg_result_clear(&res);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

static void test_dive_plans_near_the_bound(void **state)
{
    (void)state;
    dive_near_the_bound(false);
}

/* The same when the pricing returns others of equal schedules first: there
 * a step fixing one schedule left the other students no plan, and the dive
 * ended with none (the warm start, 2,552 against a bound of 2,954); the
 * schedule is now barred from fixing and the dive goes on. */
static void test_dive_whatever_comes_first(void **state)
{
    (void)state;
    dive_near_the_bound(true);
}

/* Rounds that reach their share of the early deadline while closing the gap
 * fast go on to converge within the whole deadline, and the time they do
 * not need is handed back. The early deadline is set from a run without
 * one: the rounds' share of it ends when they have done about two thirds of
 * their work. (150 students: the integer master takes them whole, so the
 * runs are short.) */
static void test_rounds_near_converging_go_on(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(150, 12, 1);
    rp_plan *warm = warm_start_of(m);
    rp_cg_options opt = one_node_options(warm);
    rp_cg_result res;
    converged_plan(m, &opt, &res);
    double rounds_seconds = res.lp_seconds + res.price_seconds;
    rp_cg_result_clear(&res);

    double t1 = rp_clock_seconds();
    opt.started = t1;
    /* pricing takes 3/4 of the time to a deadline (cg.c GENERATE_SHARE) */
    opt.early_deadline = t1 + 0.9 * rounds_seconds;
    opt.deadline = t1 + 30 * rounds_seconds + 30;
    converged_plan(m, &opt, &res);
    assert_true(rp_clock_seconds() < opt.deadline);
    rp_cg_result_clear(&res);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

/* An interrupt before the first round: no bound, no plan, no failure. */
static void test_interrupt_and_deadline(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(200, 12, 8);
    volatile sig_atomic_t stop = 1;
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.interrupt = &stop;
    rp_cg_result res;
    assert_int_equal(rp_cg_run(m, &opt, &res), RP_OK);
    assert_false(res.has_bound);
    assert_null(res.plan);
    assert_true(res.interrupted);
    rp_cg_result_clear(&res);

    opt.interrupt = NULL;
    opt.deadline = rp_clock_seconds() + 0.05;
    double t0 = rp_clock_seconds();
    assert_int_equal(rp_cg_run(m, &opt, &res), RP_OK);
    assert_true(rp_clock_seconds() - t0 < 1.0);
    if (res.plan)
        check_plan_clean(m, res.plan);
    rp_cg_result_clear(&res);
    rp_model_free(&m);
}

/* A round that starts past the deadline still bounds, every student
 * roughly: a solve that has a plan has a bound, never below the plan. The
 * time then fits no more rounds, and the result says so; with a minute,
 * more rounds would fit. */
static void test_round_out_of_time_bounds(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(300, 12, 9);
    rp_plan *warm = warm_start_of(m);
    checked_plan start = check_plan_clean(m, warm);
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.warm_start = warm;
    opt.deadline = rp_clock_seconds();
    rp_cg_result late;
    assert_int_equal(rp_cg_run(m, &opt, &late), RP_OK);
    assert_true(late.has_bound);
    assert_int_equal(late.rough, m->n_students);
    assert_true(late.bound >= (double)start.objective);
    assert_true(late.few_rounds);
    assert_int_equal(late.rounds, 1);
    /* the same first round priced in full bounds at least as well */
    opt.deadline = rp_clock_seconds() + 60;
    opt.max_rounds = 1;
    rp_cg_result full;
    assert_int_equal(rp_cg_run(m, &opt, &full), RP_OK);
    assert_true(full.has_bound);
    assert_int_equal(full.rough, 0);
    assert_false(full.few_rounds);
    assert_true(late.bound >= full.bound);
    rp_cg_result_clear(&late);
    rp_cg_result_clear(&full);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

/* An MSS instance drawn by bench/mss-gen with `options`, as bench/mss-import
 * writes it. */
static rp_model *generated_mss(const char *options)
{
    scratch dir;
    scratch_open(&dir);
    rp_model *m = load_config(cli_mss_generated_config(&dir, options));
    scratch_close(&dir);
    return m;
}

/* 24 disciplines: the rules of most students make more schedules than the
 * first pass's labels go through. The first round's bound stands for them,
 * above the plan; no program prices them and no more rounds follow, with
 * one thread or two alike. Asked to, their programs price them in that
 * one round. */
static void test_outgrown_pricing_ends_the_rounds(void **state)
{
    (void)state;
    rp_model *m = generated_mss("--students 40 --disciplines 24 --duration 2 --seed 1");
    rp_plan *warm = warm_start_of(m);
    checked_plan start = check_plan_clean(m, warm);
    rp_cg_result res[2];
    for (int i = 0; i < 2; i++) {
        res[i] = run_cg(m, 1 + i, warm);
        assert_true(res[i].outgrown > m->n_students / 10);
        assert_int_equal(res[i].rounds, 1);
        assert_int_equal(res[i].too_large, 0);
        assert_false(res[i].few_rounds);
        assert_true(res[i].has_bound);
        assert_true(res[i].bound >= (double)start.objective);
        if (res[i].plan) {
            checked_plan c = check_plan_clean(m, res[i].plan);
            assert_true(res[i].bound >= (double)c.objective);
        }
    }
    assert_true(res[0].bound == res[1].bound);
    assert_int_equal(res[0].outgrown, res[1].outgrown);
    /* asked to, their programs price them: a bound as low or lower */
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.threads = 2;
    opt.warm_start = warm;
    opt.program_outgrown = true;
    rp_cg_result programs;
    assert_int_equal(rp_cg_run(m, &opt, &programs), RP_OK);
    assert_int_equal(programs.too_large, res[0].outgrown);
    assert_int_equal(programs.rounds, 1);
    assert_true(programs.has_bound);
    assert_true(programs.bound <= res[0].bound);
    assert_true(programs.bound >= (double)start.objective);
    rp_cg_result_clear(&programs);
    rp_cg_result_clear(&res[0]);
    rp_cg_result_clear(&res[1]);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

/* Students whose rules outgrow the labels are priced by small GLPK programs,
 * in the pricing threads when GLPK keeps an environment per thread: the
 * same bound and plan as one thread, a plan the checker passes. */
static void test_programs_price_in_threads(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(60, 12, 11);
    rp_plan *warm = warm_start_of(m);
    rp_cg_options opt;
    rp_cg_options_init(&opt);
    opt.warm_start = warm;
    opt.label_limit = 50;
    opt.max_rounds = 3;
    rp_cg_result res[2];
    for (int i = 0; i < 2; i++) {
        opt.threads = 1 + i;
        assert_int_equal(rp_cg_run(m, &opt, &res[i]), RP_OK);
        assert_true(res[i].too_large > 0);
        assert_true(res[i].has_bound);
        assert_non_null(res[i].plan);
        checked_plan c = check_plan_clean(m, res[i].plan);
        assert_true(res[i].bound >= (double)c.objective);
    }
    assert_true(res[0].bound == res[1].bound);
    assert_int_equal(res[0].too_large, res[1].too_large);
    assert_int_equal(res[0].plan->n_rotations, res[1].plan->n_rotations);
    assert_memory_equal(res[0].plan->rotations, res[1].plan->rotations,
                        (size_t)res[0].plan->n_rotations * sizeof *res[0].plan->rotations);
    rp_cg_result_clear(&res[0]);
    rp_cg_result_clear(&res[1]);
    rp_plan_free(&warm);
    rp_model_free(&m);
}

/* A residual model leaves the freed students what the others leave free. */
static void test_residual_model(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/quang_ninh.yaml");
    size_t cells = (size_t)m->n_departments * m->weeks;
    int *others = calloc(cells, sizeof *others);
    for (size_t c = 0; c < cells; c++)
        others[c] = (int)(c % 3);
    int students[] = {4, 17, 200};
    rp_residual *r = NULL;
    assert_int_equal(rp_residual_make(m, students, 3, others, &r), RP_OK);
    assert_int_equal(r->model.n_students, 3);
    assert_string_equal(r->model.students[2].id, m->students[200].id);
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++) {
            int load = others[(size_t)p * m->weeks + w];
            int cap = m->departments[p].capacity[w] - load;
            int min = m->departments[p].minimum[w] - load;
            assert_int_equal(r->model.departments[p].capacity[w], cap > 0 ? cap : 0);
            assert_int_equal(r->model.departments[p].minimum[w], min > 0 ? min : 0);
        }
    rp_residual_free(&r);
    assert_null(r);
    free(others);
    rp_model_free(&m);
}

/* Fix-and-optimise improves a poor plan, keeps every rule and stops after
 * the neighbourhoods asked for. */
static void test_neighbourhoods_improve(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(250, 12, 9);
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.max_moves = -1; /* the construction alone: room to improve */
    rp_plan *plan = NULL;
    assert_int_equal(rp_heur_plan(m, &ho, &plan, NULL), RP_OK);
    checked_plan before = check_plan_clean(m, plan);
    rp_lns_options lo;
    rp_lns_options_init(&lo);
    lo.max_neighbourhoods = 30;
    lo.group = 12;
    rp_lns_result res;
    assert_int_equal(rp_lns_improve(m, &lo, plan, &res), RP_OK);
    assert_int_equal(res.tried, 30);
    checked_plan after = check_plan_clean(m, plan);
    assert_true(after.objective >= before.objective);
    assert_int_equal(after.objective, (long)res.objective);
    if (res.improved > 0)
        assert_true(after.objective > before.objective);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* The whole pipeline on a cohort too large for the compact program: a plan
 * that keeps every rule, its bound above it, the same plan twice. */
static void test_solve_without_the_compact_program(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(600, 12, 10);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.time_limit = 20;
    opt.threads = 2;
    rp_plan *a = NULL, *b = NULL;
    rp_solve_result ra, rb;
    assert_int_equal(rp_solve(m, &opt, &a, &ra), RP_OK);
    checked_plan c = check_plan_clean(m, a);
    assert_int_equal(c.objective, (long)ra.objective);
    if (ra.has_bound)
        assert_true(ra.bound >= ra.objective);
    if (!ra.time_limit_reached) {
        assert_int_equal(rp_solve(m, &opt, &b, &rb), RP_OK);
        if (!rb.time_limit_reached) {
            assert_int_equal(a->n_rotations, b->n_rotations);
            assert_memory_equal(a->rotations, b->rotations,
                                (size_t)a->n_rotations * sizeof *a->rotations);
        }
        rp_plan_free(&b);
    }
    rp_plan_free(&a);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quang_ninh_proven),
        cmocka_unit_test(test_threads_do_not_change_the_result),
        cmocka_unit_test(test_dive_plans_near_the_bound),
        cmocka_unit_test(test_dive_whatever_comes_first),
        cmocka_unit_test(test_rounds_near_converging_go_on),
        cmocka_unit_test(test_interrupt_and_deadline),
        cmocka_unit_test(test_round_out_of_time_bounds),
        cmocka_unit_test(test_programs_price_in_threads),
        cmocka_unit_test(test_outgrown_pricing_ends_the_rounds),
        cmocka_unit_test(test_residual_model),
        cmocka_unit_test(test_neighbourhoods_improve),
        cmocka_unit_test(test_solve_without_the_compact_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
