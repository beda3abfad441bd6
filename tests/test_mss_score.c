/*
 * test_mss_score - published MSS solutions scored by rotaplan's checker.
 *
 * The generated instance I40_12_1 of Zanazzo, Ceschia, Dovier and Schaerf
 * comes with its best solution and score: 4115 summed over students, 12 for
 * the worst student, objective 4127. bench/mss-import turns instance and
 * solution into a config and a plan; the checker (in process, and through
 * `rotaplan check --json`) must find no violation and exactly that score.
 * A tiny instance scored by hand checks each term per student, a broken
 * plan must be caught, and malformed solutions get exact messages. On two
 * benchmark instances whose optimum cbc proves, the solver's bound never
 * falls below it: a bound cut too low would claim a worse plan optimal, and
 * the checker would still pass that plan.
 *
 * Runs the binaries $MSS_IMPORT and $ROTAPLAN name (make test sets them)
 * from the top directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "solver/solve/solve.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DATA "tests/data/mss/"
#define SAMPLE "bench/mss/generated-sample/"
#define MSS_DIR "bench/mss/akbarzadeh-maenhout/"

/* Imports instance and solution (NULL: none) into the temporary NAME.yaml
 * and NAME.csv. */
static void import(const char *instance, const char *solution, const char *name)
{
    char args[512];
    int len =
        snprintf(args, sizeof args, "%s -o %s/%s.yaml", instance, scratch_fixture()->dir, name);
    if (solution)
        snprintf(args + len, sizeof args - (size_t)len, " --solution %s --plan %s/%s.csv", solution,
                 scratch_fixture()->dir, name);
    cli_run r = cli_mss_import(args);
    if (r.code != 0 || *r.err)
        print_error("%s", r.err);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);
}

/* Loads the temporary NAME.yaml and NAME.csv and checks the plan in process. */
static rp_check_report *check_imported(const char *name, rp_model **model)
{
    char config[128], plan_path[128];
    snprintf(config, sizeof config, "%s/%s.yaml", scratch_fixture()->dir, name);
    snprintf(plan_path, sizeof plan_path, "%s/%s.csv", scratch_fixture()->dir, name);
    *model = load_config(config);
    rp_plan *plan = load_plan(*model, plan_path, NULL);
    rp_check_report *report = check_plan_report(*model, plan);
    for (int i = 0; i < report->n_violations; i++)
        print_message("violation: %s\n", report->violations[i].message);
    rp_plan_free(&plan);
    return report;
}

static void test_published_score_in_process(void **state)
{
    (void)state;
    import(SAMPLE "I40_12_1.dzn", SAMPLE "I40_12_1-sol.dzn", "I40_12_1");
    rp_model *m = NULL;
    rp_check_report *r = check_imported("I40_12_1", &m);
    assert_int_equal(r->n_violations, 0);
    assert_int_equal(r->n_students, 40);
    assert_int_equal(r->sum, 4115);
    assert_int_equal(r->worst, 12);
    assert_int_equal(r->objective, 4127);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* The same through the binaries, as a user would: mss-import, then
 * `rotaplan check --json CONFIG PLAN`. */
static void test_published_score_end_to_end(void **state)
{
    (void)state;
    import(SAMPLE "I40_12_1.dzn", SAMPLE "I40_12_1-sol.dzn", "I40_12_1-cli");
    char args[256];
    snprintf(args, sizeof args, "check --json %s/I40_12_1-cli.yaml %s/I40_12_1-cli.csv",
             scratch_fixture()->dir, scratch_fixture()->dir);
    cli_run r = cli_rotaplan(args);
    if (r.code != 0)
        print_error("exit %d\n%s%s", r.code, r.out, r.err);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\n  \"valid\": true,\n"));
    assert_non_null(strstr(r.out, "\n  \"violations\": [],\n"));
    assert_non_null(strstr(r.out, "\n  \"sum\": 4115,\n"));
    assert_non_null(strstr(r.out, "\n  \"worst\": 12,\n"));
    assert_non_null(strstr(r.out, "\n  \"objective\": 4127,\n"));
    cli_run_free(&r);
}

/* Each student's terms on the tiny instance, worked out by hand in
 * tests/data/mss/tiny-sol.dzn. */
static void test_tiny_score_by_term(void **state)
{
    (void)state;
    import(DATA "tiny.dzn", DATA "tiny-sol.dzn", "tiny");
    rp_model *m = NULL;
    rp_check_report *r = check_imported("tiny", &m);
    assert_int_equal(r->n_violations, 0);
    static const long expected[3][7] = {
        /* discipline, hospital, school, change, idle, total, changes */
        {5, 6, 1, -1, -1, 10, 1},
        {12, 4, 3, -4, 0, 15, 2},
        {0, 0, 1, 0, -3, -2, 0},
    };
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "s%d", i + 1);
        const rp_score *s = &r->scores[rp_model_find_student(m, id)];
        assert_int_equal(s->discipline, expected[i][0]);
        assert_int_equal(s->hospital, expected[i][1]);
        assert_int_equal(s->school, expected[i][2]);
        assert_int_equal(s->change, expected[i][3]);
        assert_int_equal(s->idle, expected[i][4]);
        assert_int_equal(s->total, expected[i][5]);
        assert_int_equal(s->n_changes, expected[i][6]);
    }
    assert_int_equal(r->sum, 23);
    assert_int_equal(r->worst, -2);
    assert_int_equal(r->objective, 21);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* A solution that breaks a rule is imported as it is, and the checker
 * catches it, in process and through `rotaplan check` (exit 1): s2 does d2
 * before its prerequisite d1. */
static void test_broken_solution_is_caught(void **state)
{
    (void)state;
    import(DATA "tiny.dzn", DATA "tiny-sol-broken.dzn", "broken");
    rp_model *m = NULL;
    rp_check_report *r = check_imported("broken", &m);
    assert_true(r->n_violations >= 1);
    bool prerequisite = false;
    for (int i = 0; i < r->n_violations; i++)
        if (r->violations[i].rule == RP_RULE_PREREQUISITE &&
            r->violations[i].student == rp_model_find_student(m, "s2"))
            prerequisite = true;
    assert_true(prerequisite);
    rp_check_report_free(&r);
    rp_model_free(&m);

    char args[256];
    snprintf(args, sizeof args, "check --json %s/broken.yaml %s/broken.csv", scratch_fixture()->dir,
             scratch_fixture()->dir);
    cli_run run = cli_rotaplan(args);
    assert_int_equal(run.code, 1);
    assert_non_null(strstr(run.out, "\n  \"valid\": false,\n"));
    assert_non_null(strstr(run.out, "s2 starts d2 in week 1 before finishing its prerequisite d1"));
    cli_run_free(&run);
}

/* A solution a plan cannot hold fails with exit 3 and exactly the message
 * in the .expected file beside it, and nothing is written. */
static void test_malformed_solutions(void **state)
{
    (void)state;
    static const char *const bad[] = {"bad-sol-twice", "bad-sol-nodept", "bad-sol-shape", NULL};
    for (int i = 0; bad[i]; i++) {
        char args[512], path[128], config[128], plan[128];
        snprintf(config, sizeof config, "%s/bad.yaml", scratch_fixture()->dir);
        snprintf(plan, sizeof plan, "%s/bad.csv", scratch_fixture()->dir);
        snprintf(args, sizeof args, DATA "tiny.dzn -o %s --solution " DATA "%s.dzn --plan %s",
                 config, bad[i], plan);
        snprintf(path, sizeof path, DATA "%s.expected", bad[i]);
        cli_run r = cli_mss_import(args);
        file_assert_expected(r.err, path);
        assert_int_equal(r.code, 3);
        assert_false(file_exists(config));
        assert_false(file_exists(plan));
        cli_run_free(&r);
    }
}

/*
 * Solves an imported instance whose optimum cbc proves, within a time limit
 * that bounds the test's length on a slow machine: the plan checks clean,
 * never beats the optimum, the bound never falls below it, and a plan
 * marked optimal is the optimum. Within the limit the search normally proves
 * it (bench/results/mss.md: about 2-4 s).
 */
static void assert_bound_valid(const char *instance, const char *name, long optimum)
{
    import(instance, NULL, name);
    char config[128];
    snprintf(config, sizeof config, "%s/%s.yaml", scratch_fixture()->dir, name);
    rp_model *m = load_config(config);
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.time_limit = 60;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_true(plan->has_objective);
    long objective = check_plan_clean(m, plan).objective;
    assert_true(objective <= optimum);
    assert_true(res.has_bound && res.bound >= (double)optimum);
    if (plan->status == RP_PLAN_OPTIMAL)
        assert_int_equal(objective, optimum);
    else
        print_message("%s: not proven within the limit (plan %ld, bound %.0f)\n", name, objective,
                      res.bound);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_benchmark_bounds_hold(void **state)
{
    (void)state;
    assert_bound_valid(MSS_DIR "Instance_12.dzn", "Instance_12", 2727);
    assert_bound_valid(MSS_DIR "Instance_33.dzn", "Instance_33", 3462);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_score_in_process),
        cmocka_unit_test(test_published_score_end_to_end),
        cmocka_unit_test(test_tiny_score_by_term),
        cmocka_unit_test(test_broken_solution_is_caught),
        cmocka_unit_test(test_malformed_solutions),
        cmocka_unit_test(test_benchmark_bounds_hold),
    };
    return cmocka_run_group_tests(tests, scratch_fixture_open, scratch_fixture_close);
}
