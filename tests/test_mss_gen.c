/*
 * test_mss_gen - bench/mss-gen end to end: generated MSS instances of the
 * sizes the benchmark uses import cleanly with bench/mss-import, their hidden
 * plan (--witness) imports as a plan that the independent checker finds
 * clean, in process and through `rotaplan check`; the same options give the
 * same bytes; an instance of I40_12_1's size has I40_12_1's proportions; bad
 * command lines and existing files are refused.
 *
 * Runs the binaries $MSS_GEN, $MSS_IMPORT and $ROTAPLAN name (make test sets
 * them) from the top directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

static void expect_ok(cli_run r, const char *what)
{
    if (r.code != 0 || *r.err)
        print_error("%s: exit %d\n%s", what, r.code, r.err);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);
}

/* Generates instance NAME (mss-gen options `options`) with its witness into
 * the scratch folder, imports both, and checks the witness in process and
 * with `rotaplan check`; returns what mss-gen wrote to stderr. */
static char *generate_import_check(const char *name, const char *options, int students,
                                   int disciplines, int duration, int hospitals)
{
    char inst[192], sol[192], config[192], plan[192], args[1024];
    const char *dir = scratch_fixture()->dir;
    snprintf(inst, sizeof inst, "%s/%s.dzn", dir, name);
    snprintf(sol, sizeof sol, "%s/%s-sol.dzn", dir, name);
    snprintf(config, sizeof config, "%s/%s.yaml", dir, name);
    snprintf(plan, sizeof plan, "%s/%s-plan.csv", dir, name);

    snprintf(args, sizeof args, "%s -o %s --witness %s", options, inst, sol);
    cli_run r = cli_mss_gen(args);
    if (r.code != 0)
        print_error("%s: exit %d\n%s", name, r.code, r.err);
    assert_int_equal(r.code, 0);
    char *err = strdup(r.err);
    cli_run_free(&r);
    snprintf(args, sizeof args, "%s -o %s --solution %s --plan %s", inst, config, sol, plan);
    expect_ok(cli_mss_import(args), name);

    rp_model *m = load_clean_config(config);
    assert_int_equal(m->n_students, students);
    assert_int_equal(m->n_disciplines, disciplines);
    assert_int_equal(m->weeks, disciplines * duration);
    assert_int_equal(m->n_hospitals, hospitals);
    assert_int_equal(m->n_departments, hospitals * disciplines);
    rp_plan *p = load_plan(m, plan, NULL);
    checked_plan c = check_plan_clean(m, p);
    assert_int_equal(c.n_students, students);
    rp_plan_free(&p);
    rp_model_free(&m);

    snprintf(args, sizeof args, "check %s %s", config, plan);
    r = cli_rotaplan(args);
    if (r.code != 0)
        print_error("%s\n%s", r.out, r.err);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "no violations"));
    cli_run_free(&r);
    return err;
}

/* The sizes of the benchmark, with the default capacities: nothing to say. */
static void expect_quiet(int students, int disciplines, int duration, int seed)
{
    char name[64], options[256];
    snprintf(name, sizeof name, "I%d_%d_%d_%d", students, disciplines, duration, seed);
    snprintf(options, sizeof options, "--students %d --disciplines %d --duration %d --seed %d",
             students, disciplines, duration, seed);
    char *err = generate_import_check(name, options, students, disciplines, duration, 3);
    assert_string_equal(err, "");
    free(err);
}

static void test_sizes_import_and_witness_checks(void **state)
{
    (void)state;
    expect_quiet(40, 12, 1, 1);
    expect_quiet(40, 24, 4, 2);
    expect_quiet(80, 12, 2, 3);
    expect_quiet(160, 24, 1, 4);
    expect_quiet(320, 24, 4, 5);
}

/* Capacities drawn too small for the hidden plan are raised where it needs
 * them, and mss-gen says so: one hospital, one discipline as long as the
 * horizon, so every student is there at once. */
static void test_capacity_raised_to_fit(void **state)
{
    (void)state;
    char *err = generate_import_check(
        "tight", "--students 5 --disciplines 1 --duration 3 --hospitals 1 --capacity 2-3 --seed 9",
        5, 1, 3, 1);
    assert_non_null(strstr(err, "mss-gen: note: "));
    assert_non_null(strstr(err, "got more capacity than drawn, to hold the hidden plan"));
    free(err);
}

/* The value after `key` in text, as a number. */
static double after(const char *text, const char *key)
{
    const char *at = strstr(text, key);
    if (!at)
        fail_msg("'%s' not found", key);
    return atof(at + strlen(key));
}

/* Same options, same bytes; another seed, another instance. */
static void test_deterministic(void **state)
{
    (void)state;
    const char *dir = scratch_fixture()->dir;
    char args[512], a[128], b[128], c[128];
    snprintf(a, sizeof a, "%s/a.dzn", dir);
    snprintf(b, sizeof b, "%s/b.dzn", dir);
    snprintf(c, sizeof c, "%s/c.dzn", dir);
    const char *outs[] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        snprintf(args, sizeof args, "--students 80 --disciplines 12 --duration 2 --seed %d -o %s",
                 i == 2 ? 8 : 7, outs[i]);
        expect_ok(cli_mss_gen(args), outs[i]);
    }
    char *ta = file_text(a), *tb = file_text(b), *tc = file_text(c);
    assert_string_equal(ta, tb);
    assert_true(strcmp(ta, tc) != 0);
    free(ta);
    free(tb);
    free(tc);
}

/* An instance of I40_12_1's size has I40_12_1's shape and proportions
 * (bench/mss/README.md): capacities 6 to 14 in every period of every
 * department, MaxDiscPerHosp 11, two groups, 5 prerequisite pairs of depth
 * 1, minimums of 1 summing to about 22% of the demand, some Ability and
 * Availability zeros, ManPref in 0..5. */
static void test_follows_I40_12_1(void **state)
{
    (void)state;
    const char *dir = scratch_fixture()->dir;
    char args[512], inst[128];
    snprintf(inst, sizeof inst, "%s/like.dzn", dir);
    snprintf(args, sizeof args, "--students 40 --disciplines 12 --duration 1 --seed 11 -o %s",
             inst);
    expect_ok(cli_mss_gen(args), "I40_12_1-like");
    snprintf(args, sizeof args, "%s --stats", inst);
    cli_run r = cli_mss_import(args);
    assert_int_equal(r.code, 0);
    const char *want[] = {"hospitals: 3\n", "periods: 12\n", "groups: 2\n",
                          "max_disc_per_hosp: 11\n", "departments: 36 of 36\n",
                          "capacity: 6 to 14\n", "departments_with_varying_capacity: 36\n",
                          "closed_department_periods: 0\n", "allowed_zero: 0\n",
                          "prerequisite_pairs: 5\n", "school_priority: 0 to 5\n"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(r.out, want[i]))
            fail_msg("'%s' not in the statistics:\n%s", want[i], r.out);
    double minimums = after(r.out, "minimum_positive_department_periods: ");
    double ability = after(r.out, "ability_zero_where_allowed: ");
    double unavailable = after(r.out, "unavailable_student_periods: ");
    cli_run_free(&r);
    assert_true(ability >= 30 && ability <= 130);     /* 5.5% of 1,440: 79 expected */
    assert_true(unavailable >= 40 && unavailable <= 160);

    char *text = file_text(inst);
    double excess = after(text, "%Excess: "), busyness = after(text, "%Busyness: ");
    assert_true(excess > 0.21 && excess < 0.23);
    assert_true(busyness > 0.3 && busyness < 0.7); /* I40_12_1: 0.49 */
    assert_true(after(text, "%Depth: ") == 1);
    /* every minimum is 1 at this size, so their number is their sum */
    double demand = busyness * 40 * 12;
    assert_true(minimums > 0.2 * demand && minimums < 0.24 * demand);
    free(text);
}

static void expect_usage_error(const char *args, const char *first_line)
{
    cli_run r = cli_mss_gen(args);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.out, "");
    if (strncmp(r.err, first_line, strlen(first_line)) != 0)
        fail_msg("stderr is:\n%s\nexpected it to start with:\n%s", r.err, first_line);
    assert_non_null(strstr(r.err, "try 'mss-gen --help'"));
    cli_run_free(&r);
}

static void test_command_line(void **state)
{
    (void)state;
    cli_run r = cli_mss_gen("--help");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "usage: mss-gen --students S", 27) == 0);
    cli_run_free(&r);

    const char *dir = scratch_fixture()->dir;
    char args[512], keep[128];
    expect_usage_error("--students 40 --disciplines 12 --duration 1 -o x.dzn",
                       "mss-gen: --students, --disciplines, --duration and --seed are required\n");
    expect_usage_error("--students 40 --disciplines 12 --duration 1 --seed 1",
                       "mss-gen: no instance to write: give -o INSTANCE.dzn\n");
    expect_usage_error("--students forty --disciplines 12 --duration 1 --seed 1 -o x.dzn",
                       "mss-gen: '--students' does not take 'forty' (see --help)\n");
    expect_usage_error("--students 40 --disciplines 12 --duration 0 --seed 1 -o x.dzn",
                       "mss-gen: --duration must be 1 to 12\n");
    expect_usage_error("--students 40 --disciplines 12 --duration 1 --seed 1 --capacity 9-3 "
                       "-o x.dzn",
                       "mss-gen: '--capacity' does not take '9-3' (see --help)\n");
    expect_usage_error("--students 40 --disciplines 12 --duration 1 --seed 1 --fast -o x.dzn",
                       "mss-gen: unknown option '--fast'\n");
    assert_false(file_exists("x.dzn"));

    /* an existing file is kept unless --force */
    snprintf(keep, sizeof keep, "%s/keep.dzn", dir);
    file_write(keep, "mine\n");
    snprintf(args, sizeof args, "--students 4 --disciplines 2 --duration 1 --seed 1 -o %s", keep);
    r = cli_mss_gen(args);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "exists; pass --force to replace it"));
    cli_run_free(&r);
    file_assert_holds(keep, "mine\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_command_line),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_follows_I40_12_1),
        cmocka_unit_test(test_sizes_import_and_witness_checks),
        cmocka_unit_test(test_capacity_raised_to_fit),
    };
    return cmocka_run_group_tests(tests, scratch_fixture_open, scratch_fixture_close);
}
