/*
 * The solve API: starting plans, time limits, interrupts, GLPK failures. A
 * time limit or an interrupt with a plan in hand gives that plan, marked
 * feasible; without one, a status that says why. Every plan goes through the
 * independent checker.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/solve/solve.h"
#include "tests/support/check_plan.h"
#include "tests/support/load.h"

#define DIR "tests/data/form/"

static void assert_checks(const rp_model *m, const rp_plan *plan, long objective)
{
    assert_true(plan->has_objective);
    assert_int_equal(check_plan_clean(m, plan).objective, objective);
}

/* idle.yaml (optimum 1) with a valid plan worse than the optimum: S1 does a
 * in week 1 and b in week 3 (1 - 2 = -1), S2 a in week 2 and b in week 3
 * (3 - 2 = 1): 0. */
static rp_plan *worse_plan(const rp_model *m)
{
    int h = rp_model_find_hospital(m, "h");
    int a = rp_model_find_department(m, h, "a"), b = rp_model_find_department(m, h, "b");
    rp_plan *p = rp_plan_new();
    assert_non_null(p);
    assert_int_equal(rp_plan_add(p, 0, a, 0, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, 0, b, 2, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, 1, a, 1, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, 1, b, 2, 1), RP_OK);
    return p;
}

static void test_warm_start_kept_when_interrupted(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "idle.yaml");
    rp_plan *start = worse_plan(m);
    volatile sig_atomic_t stop = 1; /* Ctrl-C before the search begins */
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.warm_start = start;
    opt.interrupt = &stop;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.interrupted && res.warm_start_given && !res.warm_start_rejected);
    assert_int_equal(plan->status, RP_PLAN_FEASIBLE);
    assert_int_equal(plan->n_rotations, 4);
    assert_checks(m, plan, 0);
    rp_plan_free(&plan);
    rp_plan_free(&start);
    rp_model_free(&m);
}

/* Ctrl-C before the decomposition bounded anything: the plan in hand still
 * comes with a bound (each student's from their options alone), and it is
 * a true one, at least the optimum. */
static void test_interrupted_plan_has_bound(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(20, 8, 3);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.threads = 1;
    rp_plan *best = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &best, &res), RP_OK);
    assert_int_equal(best->status, RP_PLAN_OPTIMAL);
    volatile sig_atomic_t stop = 1;
    opt.warm_start = best;
    opt.interrupt = &stop;
    rp_plan *plan = NULL;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.interrupted && res.cg_rounds == 0);
    assert_true(res.has_bound && plan->has_bound);
    assert_true(plan->bound >= best->objective);
    assert_true(res.bound == plan->bound);
    assert_checks(m, plan, (long)best->objective);
    rp_plan_free(&plan);
    rp_plan_free(&best);
    rp_model_free(&m);
}

/* Sets the interrupt at the first report after the first plan. */
static void interrupt_after_first_plan(void *ctx, const rp_mip_progress *p)
{
    volatile sig_atomic_t *stop = ctx;
    if (strcmp(p->phase, "first plan") != 0)
        *stop = 1;
}

/* A cohort past the quick build's size: its first plan is settled (every
 * student rebuilt with full effort) before the decomposition, for a better
 * plan, and reported; Ctrl-C right after still gives that plan, checked,
 * with the bound worked out beside the first plan. */
static void test_large_cohort_settled_and_bounded(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(2100, 8, 4);
    volatile sig_atomic_t stop = 0;
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.threads = 2;
    opt.interrupt = &stop;
    opt.progress = interrupt_after_first_plan;
    opt.progress_ctx = (void *)&stop;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.warm_start_from_heuristic && res.settled);
    assert_true(res.settle_to > res.settle_from);
    assert_true(res.objective == res.settle_to);
    assert_true(res.interrupted && res.cg_rounds == 0);
    assert_true(res.has_bound && plan->has_bound && plan->bound >= plan->objective);
    assert_checks(m, plan, (long)res.objective);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_interrupted_without_plan(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "idle.yaml");
    volatile sig_atomic_t stop = 1;
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.interrupt = &stop;
    opt.heuristic = false;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_ERR_INTERRUPTED);
    assert_null(plan);
    assert_true(res.interrupted);
    rp_model_free(&m);
}

/* A limit spent before the search starts: the start, or no plan. */
static void test_time_limit(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "idle.yaml");
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.time_limit = 1e-9;
    opt.heuristic = false;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_ERR_NO_PLAN);
    assert_null(plan);
    assert_true(res.time_limit_reached);

    /* the heuristic's plan is a start like any other */
    opt.heuristic = true;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.warm_start_from_heuristic && res.time_limit_reached);
    assert_int_equal(plan->status, RP_PLAN_FEASIBLE);
    assert_checks(m, plan, (long)plan->objective);
    rp_plan_free(&plan);

    rp_plan *start = worse_plan(m);
    opt.warm_start = start;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.time_limit_reached);
    assert_int_equal(plan->status, RP_PLAN_FEASIBLE);
    assert_checks(m, plan, 0);
    rp_plan_free(&plan);
    rp_plan_free(&start);
    rp_model_free(&m);
}

/* Given time, the search improves on the start to the optimum. */
static void test_warm_start_improved(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "idle.yaml");
    rp_plan *start = worse_plan(m);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.warm_start = start;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.warm_start_given && !res.warm_start_rejected);
    assert_int_equal(plan->status, RP_PLAN_OPTIMAL);
    assert_checks(m, plan, 1);
    rp_plan_free(&plan);
    rp_plan_free(&start);
    rp_model_free(&m);
}

/* A start that breaks a rule is set aside, with the rotation named. */
static void test_warm_start_rejected(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "idle.yaml");
    rp_plan *start = worse_plan(m);
    start->rotations[1].start = 0; /* S1 in a and b in week 1 */
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.warm_start = start;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.warm_start_given && res.warm_start_rejected && !res.warm_start_used);
    assert_true(res.warm_start_bad_rotation == 0 || res.warm_start_bad_rotation == 1);
    assert_int_equal(plan->status, RP_PLAN_OPTIMAL);
    assert_checks(m, plan, 1);
    rp_plan_free(&plan);
    rp_plan_free(&start);
    rp_model_free(&m);
}

/* GLPK's fatal errors (here: its memory cap) come back as a status, or as
 * the starting plan when there is one, and GLPK works again afterwards. */
static void test_glpk_failure_caught(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/quang_ninh.yaml");
    rp_glpk_tuning tune;
    rp_glpk_tuning_init(&tune);
    tune.mem_limit_mb = 1;
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.tuning = &tune;
    opt.heuristic = false;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_ERR_SOLVER);
    assert_null(plan);
    opt.heuristic = true;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(res.warm_start_from_heuristic);
    assert_int_equal(plan->status, RP_PLAN_FEASIBLE);
    assert_checks(m, plan, (long)plan->objective);
    rp_plan_free(&plan);
    rp_model_free(&m);

    m = load_config(DIR "fairness.yaml");
    assert_int_equal(rp_solve(m, NULL, &plan, &res), RP_OK);
    assert_checks(m, plan, 5);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

typedef struct interrupt_later {
    volatile sig_atomic_t *flag;
    long milliseconds;
} interrupt_later;

/* Raises the interrupt after a pause, as Ctrl-C would. */
static void *raise_interrupt_later(void *arg)
{
    const interrupt_later *later = arg;
    struct timespec pause = {later->milliseconds / 1000, later->milliseconds % 1000 * 1000000L};
    nanosleep(&pause, NULL);
    *later->flag = 1;
    return NULL;
}

/* An interrupt during the root LP abandons the simplex where it is. The
 * compact LP of 250 students takes over 3,000 iterations, 8 s here, in
 * slices of 2,000: the interrupt, raised a second in, is answered well before
 * its slice would have run out. GLPK works again afterwards. */
static void test_interrupt_abandons_root_lp(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(250, 12, 3);
    rp_form_options fo;
    rp_form_options_init(&fo);
    fo.names = false;
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &fo, &f), RP_OK);
    volatile sig_atomic_t stop = 0;
    rp_mip_options mo;
    rp_mip_options_init(&mo);
    mo.interrupt = &stop;
    interrupt_later later = {&stop, 1000};
    pthread_t raiser;
    assert_int_equal(pthread_create(&raiser, NULL, raise_interrupt_later, &later), 0);
    rp_mip_result res;
    assert_int_equal(rp_glpk_solve(f->lp, &mo, NULL, &res), RP_ERR_INTERRUPTED);
    assert_int_equal(pthread_join(raiser, NULL), 0);
    assert_true(res.interrupted);
    assert_true(res.seconds < 2.0);
    assert_false(res.has_bound);
    assert_false(res.has_solution);
    rp_mip_result_clear(&res);
    rp_form_free(&f);
    rp_model_free(&m);

    m = load_config(DIR "fairness.yaml");
    rp_plan *plan = NULL;
    rp_solve_result sr;
    assert_int_equal(rp_solve(m, NULL, &plan, &sr), RP_OK);
    assert_checks(m, plan, 5);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* The result reports the model it solved. */
static void test_result_sizes(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "fairness.yaml");
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, NULL, &f), RP_OK);
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve_form(f, NULL, &plan, &res), RP_OK);
    assert_checks(m, plan, 5);
    rp_lp_size size = rp_lp_size_of(f->lp);
    assert_int_equal(res.size.rows, size.rows);
    assert_int_equal(res.size.cols, size.cols);
    assert_int_equal(res.size.binaries, size.binaries);
    assert_int_equal(res.size.integers, 3); /* each student's score and the worst one */
    assert_int_equal(f->n_x, 4);            /* two students, two hospitals, one week */
    assert_true(res.objective == 5 && res.bound == 5 && res.gap == 0);
    rp_plan_free(&plan);
    rp_form_free(&f);
    rp_model_free(&m);
}

static int by_value(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The students' scores, sorted lowest first; the caller frees them. */
static long *sorted_scores(const rp_model *m, const rp_plan *plan)
{
    rp_check_report *r = check_plan_report(m, plan);
    assert_int_equal(r->n_violations, 0);
    long *v = malloc((size_t)m->n_students * sizeof *v);
    for (int s = 0; s < m->n_students; s++)
        v[s] = r->scores[s].total;
    qsort(v, (size_t)m->n_students, sizeof *v, by_value);
    rp_check_report_free(&r);
    return v;
}

/*
 * Leximin at the size of Quang Ninh (250 students): proven, and its sorted
 * scores are lexicographically at least those of the plan that weighs the
 * worst-off once (the leximin optimum beats or equals every plan), with no
 * higher sum (that plan maximises sum + worst, and leximin's worst is no
 * lower).
 */
static void test_leximin_at_size(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/quang_ninh.yaml");
    rp_plan *weighted = NULL, *lex = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, NULL, &weighted, &res), RP_OK);
    assert_int_equal(weighted->status, RP_PLAN_OPTIMAL);
    long *a = sorted_scores(m, weighted);
    long weighted_sum = check_plan_clean(m, weighted).sum;
    m->objective.leximin = true;
    m->objective.fairness = 0;
    assert_int_equal(rp_solve(m, NULL, &lex, &res), RP_OK);
    assert_int_equal(lex->status, RP_PLAN_OPTIMAL);
    assert_true(res.levels > 0 && res.levels_complete);
    checked_plan c = check_plan_clean(m, lex);
    assert_true(lex->objective == (double)c.sum);
    long *b = sorted_scores(m, lex);
    int k = 0;
    while (k < m->n_students && a[k] == b[k])
        k++;
    assert_true(k == m->n_students || b[k] > a[k]);
    assert_true(c.sum <= weighted_sum);
    free(a);
    free(b);
    rp_plan_free(&weighted);
    rp_plan_free(&lex);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_warm_start_kept_when_interrupted),
        cmocka_unit_test(test_interrupted_plan_has_bound),
        cmocka_unit_test(test_large_cohort_settled_and_bounded),
        cmocka_unit_test(test_interrupted_without_plan),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_warm_start_improved),
        cmocka_unit_test(test_warm_start_rejected),
        cmocka_unit_test(test_glpk_failure_caught),
        cmocka_unit_test(test_interrupt_abandons_root_lp),
        cmocka_unit_test(test_result_sizes),
        cmocka_unit_test(test_leximin_at_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
