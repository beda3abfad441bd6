/* The heuristic planner: every plan it returns passes the independent checker
 * with the objective it reports; tight configs are solved, impossible ones are
 * reported as such; a seed gives the same plan; a start plan is improved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "solver/heur/heur.h"
#include "tests/support/check_plan.h"
#include "tests/support/load.h"

#define DATA "tests/data/heur/"
#define MOVES 60000 /* enough for these small configs, fast under sanitizers */

static rp_heur_options options(uint64_t seed, long long moves)
{
    rp_heur_options opt;
    rp_heur_options_init(&opt);
    opt.time_limit = 0; /* the move budget ends every run: results are reproducible */
    opt.seed = seed;
    opt.max_moves = moves;
    return opt;
}

/* The checker finds no violation and the objective the heuristic reported. */
static void assert_checked(const rp_model *m, const rp_plan *plan, const rp_heur_result *res)
{
    checked_plan c = check_plan_clean(m, plan);
    assert_true(res->feasible);
    assert_int_equal(c.objective, res->objective);
    assert_int_equal(c.sum, res->sum);
    assert_int_equal(c.worst, res->worst);
    assert_true(plan->has_objective);
    assert_true(plan->objective == (double)res->objective);
    assert_int_equal(plan->status, RP_PLAN_FEASIBLE);
    assert_int_equal(res->breaches, 0);
}

/* Plans m with the seed and move budget; the plan passes the checker. */
static rp_plan *plan_checked(const rp_model *m, uint64_t seed, long long moves,
                             rp_heur_result *res)
{
    rp_heur_options opt = options(seed, moves);
    rp_plan *plan = NULL;
    rp_status st = rp_heur_plan(m, &opt, &plan, res);
    assert_int_equal(st, RP_OK);
    assert_non_null(plan);
    assert_checked(m, plan, res);
    return plan;
}

static void test_every_rule_kept_for_several_seeds(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    for (uint64_t seed = 1; seed <= 4; seed++) {
        rp_heur_result res;
        rp_plan *plan = plan_checked(m, seed, MOVES, &res);
        assert_true(res.moves == MOVES);
        assert_false(res.stopped_early);
        assert_true(res.first_feasible >= 0);
        rp_plan_free(&plan);
    }
    rp_model_free(&m);
}

static void test_construction_alone_keeps_every_rule(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    rp_heur_result res;
    rp_plan *plan = plan_checked(m, 7, -1, &res);
    assert_true(res.moves == 0);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* Capacity equal to demand and minimums equal to capacity: only plans where
 * every department is exactly full every week exist. */
static void test_tight_configs_are_solved(void **state)
{
    (void)state;
    const char *names[] = {DATA "latin.yaml", DATA "blocks.yaml"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        rp_model *m = load_config(names[i]);
        rp_heur_result res;
        rp_plan *plan = plan_checked(m, 1, MOVES, &res);
        int weeks = 0;
        for (int r = 0; r < plan->n_rotations; r++)
            weeks += plan->rotations[r].length;
        assert_int_equal(weeks, m->n_departments * m->weeks);
        rp_plan_free(&plan);
        rp_model_free(&m);
    }
}

static void assert_placed(const rp_model *m, const rp_plan *plan, const char *student,
                          const char *discipline)
{
    int s = rp_model_find_student(m, student);
    int d = rp_model_find_discipline(m, discipline);
    for (int i = 0; i < plan->n_rotations; i++)
        if (plan->rotations[i].student == s)
            assert_int_equal(m->departments[plan->rotations[i].department].discipline, d);
}

/* The best of six plans, which taking students one at a time misses. */
static void test_small_optimum_is_found(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "choice.yaml");
    rp_heur_result res;
    rp_plan *plan = plan_checked(m, 3, MOVES, &res);
    assert_int_equal(res.objective, 14);
    assert_int_equal(res.worst, 2);
    assert_int_equal(plan->n_rotations, 3);
    assert_placed(m, plan, "S1", "b");
    assert_placed(m, plan, "S2", "a");
    assert_placed(m, plan, "S3", "c");
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_same_seed_same_plan(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    rp_heur_result a_res, b_res;
    rp_plan *a = plan_checked(m, 42, MOVES, &a_res);
    /* A time limit that does not bind changes nothing. */
    rp_heur_options opt = options(42, MOVES);
    opt.time_limit = 600;
    rp_plan *b = NULL;
    assert_int_equal(rp_heur_plan(m, &opt, &b, &b_res), RP_OK);
    assert_checked(m, b, &b_res);
    assert_false(a_res.stopped_early);
    assert_false(b_res.stopped_early);
    assert_int_equal(a_res.objective, b_res.objective);
    assert_int_equal(a->n_rotations, b->n_rotations);
    assert_memory_equal(a->rotations, b->rotations, (size_t)a->n_rotations * sizeof *a->rotations);
    rp_plan_free(&a);
    rp_plan_free(&b);
    rp_model_free(&m);
}

/* Every student fits on their own, but the minimum cannot be met. */
static void test_overconstrained_config_has_no_plan(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "overfull.yaml");
    rp_heur_options opt = options(1, MOVES);
    rp_plan *plan = (rp_plan *)&opt; /* must be cleared */
    rp_heur_result res;
    assert_int_equal(rp_heur_plan(m, &opt, &plan, &res), RP_ERR_NO_PLAN);
    assert_null(plan);
    assert_false(res.feasible);
    assert_true(res.breaches > 0);
    assert_int_equal(res.impossible_student, -1);
    assert_true(res.first_feasible < 0);
    rp_model_free(&m);
}

static void test_student_without_room_is_named(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "short.yaml");
    rp_heur_options opt = options(1, MOVES);
    rp_plan *plan = NULL;
    rp_heur_result res;
    assert_int_equal(rp_heur_plan(m, &opt, &plan, &res), RP_ERR_NO_PLAN);
    assert_null(plan);
    assert_false(res.feasible);
    assert_int_equal(res.impossible_student, rp_model_find_student(m, "S2"));
    rp_model_free(&m);
}

/* A start plan is kept or bettered, never made worse. */
static void test_warm_start_plan_is_improved(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "choice.yaml");
    rp_heur_result first, second;
    rp_plan *start = plan_checked(m, 1, -1, &first);
    assert_true(first.objective < 14);
    rp_heur_options opt = options(1, MOVES);
    opt.warm_start = start;
    rp_plan *better = NULL;
    assert_int_equal(rp_heur_plan(m, &opt, &better, &second), RP_OK);
    assert_checked(m, better, &second);
    assert_int_equal(second.objective, 14);
    rp_plan_free(&start);
    rp_plan_free(&better);
    rp_model_free(&m);
}

/* A target the best plan reaches (here the optimum, 14) ends the annealing
 * long before its move budget: nothing can score more. */
static void test_target_ends_the_search(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "choice.yaml");
    rp_heur_options opt = options(1, 100000000);
    opt.target = 14;
    rp_plan *plan = NULL;
    rp_heur_result res;
    assert_int_equal(rp_heur_plan(m, &opt, &plan, &res), RP_OK);
    assert_checked(m, plan, &res);
    assert_int_equal(res.objective, 14);
    assert_false(res.stopped_early);
    assert_true(res.moves < 1000000);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* Rotations that break rules (wrong length, a repeat, outside the horizon)
 * are dropped and those students rebuilt; the others keep their part. */
static void test_broken_warm_start_is_repaired(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    rp_heur_result res;
    rp_plan *start = plan_checked(m, 5, -1, &res);
    rp_plan *broken = rp_plan_clone(start);
    assert_non_null(broken);
    broken->rotations[0].length += 1;
    broken->rotations[broken->n_rotations - 1].start = m->weeks;
    const rp_rotation *r = &start->rotations[3];
    assert_int_equal(rp_plan_add(broken, r->student, r->department, r->start, r->length), RP_OK);
    rp_heur_options opt = options(5, -1);
    opt.warm_start = broken;
    rp_plan *fixed = NULL;
    assert_int_equal(rp_heur_plan(m, &opt, &fixed, &res), RP_OK);
    assert_checked(m, fixed, &res);
    rp_plan_free(&start);
    rp_plan_free(&broken);
    rp_plan_free(&fixed);
    rp_model_free(&m);
}

/* A generated cohort of 2,500 built quickly (one try a student) keeps every
 * rule; one settling pass from that plan (every student rebuilt with full
 * effort against the rest) keeps every rule and scores higher. */
static void test_quick_plan_is_settled(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(2500, 12, 2);
    rp_heur_options opt = options(3, -1);
    opt.quick = true;
    rp_heur_result quick, settled;
    rp_plan *start = NULL;
    assert_int_equal(rp_heur_plan(m, &opt, &start, &quick), RP_OK);
    assert_checked(m, start, &quick);
    opt.warm_start = start;
    opt.settle_first = true;
    rp_plan *better = NULL;
    assert_int_equal(rp_heur_plan(m, &opt, &better, &settled), RP_OK);
    assert_checked(m, better, &settled);
    assert_false(settled.stopped_early);
    assert_true(settled.objective > quick.objective);
    rp_plan_free(&start);
    rp_plan_free(&better);
    rp_model_free(&m);
}

/* An interrupt raised before the search keeps the constructed plan. */
static void test_interrupt_stops_the_search(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    volatile sig_atomic_t stop = 1;
    rp_heur_options opt = options(1, 100000000);
    opt.interrupt = &stop;
    rp_plan *plan = NULL;
    rp_heur_result res;
    assert_int_equal(rp_heur_plan(m, &opt, &plan, &res), RP_OK);
    assert_true(res.stopped_early);
    assert_true(res.moves < 1000);
    assert_checked(m, plan, &res);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_time_limit_stops_the_search(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "features.yaml");
    rp_heur_options opt = options(1, 1000000000000LL);
    opt.time_limit = 0.2;
    rp_plan *plan = NULL;
    rp_heur_result res;
    assert_int_equal(rp_heur_plan(m, &opt, &plan, &res), RP_OK);
    assert_true(res.stopped_early);
    assert_true(res.seconds < 5);
    assert_checked(m, plan, &res);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* The configs shipped with rotaplan, from the repository's top directory. */
static void test_shipped_configs_are_planned(void **state)
{
    (void)state;
    const char *paths[] = {"configs/quang_ninh.yaml", "configs/gyeonggi.yaml",
                           "configs/tutorial.yaml"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        rp_model *m = load_config(paths[i]);
        rp_heur_result res;
        rp_plan *plan = plan_checked(m, 1, MOVES, &res);
        assert_false(res.stopped_early);
        rp_plan_free(&plan);
        rp_model_free(&m);
    }
}

/* A year of six waves (1,075 students) with pools and named supervisors:
 * the heuristic counts teams as capacities, so every rotation in a
 * department with named supervisors gets one, for all its weeks. */
static void test_waves_with_named_supervisors_are_planned(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/uong_bi.yaml");
    rp_heur_result res;
    rp_plan *plan = plan_checked(m, 1, MOVES, &res);
    int guided = 0;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        if (m->departments[r->department].n_supervisors > 0) {
            assert_true(r->supervisor >= 0);
            guided++;
        }
    }
    assert_true(guided > 500);
    assert_int_equal(check_plan_clean(m, plan).n_students, 1075);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* A benchmark instance with a proven optimum: the heuristic comes within
 * half a percent and never claims more than the optimum. */
static void test_mss_instance_near_its_optimum(void **state)
{
    (void)state;
    rp_model *m = load_config(DATA "mss-instance10.yaml");
    rp_heur_result res;
    rp_plan *plan = plan_checked(m, 1, 300000, &res);
    assert_true(res.objective <= 2560);
    assert_true(res.objective >= 2547);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_defaults(void **state)
{
    (void)state;
    rp_heur_options opt;
    rp_heur_options_init(&opt);
    assert_true(opt.time_limit > 0);
    assert_true(opt.max_moves == 0);
    assert_null(opt.warm_start);
    rp_model *m = load_config(DATA "blocks.yaml");
    rp_plan *plan = NULL;
    assert_int_equal(rp_heur_plan(m, NULL, &plan, NULL), RP_OK);
    assert_true(plan->has_objective);
    check_plan_clean(m, plan);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule_kept_for_several_seeds),
        cmocka_unit_test(test_construction_alone_keeps_every_rule),
        cmocka_unit_test(test_tight_configs_are_solved),
        cmocka_unit_test(test_small_optimum_is_found),
        cmocka_unit_test(test_same_seed_same_plan),
        cmocka_unit_test(test_overconstrained_config_has_no_plan),
        cmocka_unit_test(test_student_without_room_is_named),
        cmocka_unit_test(test_warm_start_plan_is_improved),
        cmocka_unit_test(test_target_ends_the_search),
        cmocka_unit_test(test_broken_warm_start_is_repaired),
        cmocka_unit_test(test_quick_plan_is_settled),
        cmocka_unit_test(test_interrupt_stops_the_search),
        cmocka_unit_test(test_time_limit_stops_the_search),
        cmocka_unit_test(test_shipped_configs_are_planned),
        cmocka_unit_test(test_waves_with_named_supervisors_are_planned),
        cmocka_unit_test(test_mss_instance_near_its_optimum),
        cmocka_unit_test(test_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
