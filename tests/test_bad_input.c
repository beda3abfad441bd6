/*
 * Inputs that once crashed rotaplan or hit undefined behaviour, through the
 * binary: every command that reads them ends with an error at FILE:LINE:COLUMN
 * and the documented exit code (3 for an invalid config, 4 for a valid one
 * that has no plan), never a signal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/scratch.h"

#define LOAD_BAD "tests/data/load/bad/"
#define PRECHECK "tests/data/precheck/"

/* Runs `rotaplan ARGS` and asserts the exit code and an error located in
 * `file` at `line`. */
static void expect_located(const char *args, const char *file, int line, int code)
{
    cli_run r = cli_rotaplan(args);
    char where[256];
    snprintf(where, sizeof where, "%s:%d:", file, line);
    /* diagnose reports its findings on stdout; errors in the file go to stderr */
    const char *report = strstr(r.err, where) ? r.err : r.out;
    if (r.code != code || !strstr(report, where))
        print_error("rotaplan %s: exit %d, stdout:\n%s\nstderr:\n%s\n", args, r.code, r.out,
                    r.err);
    assert_int_equal(r.code, code);
    const char *at = strstr(report, where);
    assert_non_null(at);
    assert_non_null(strstr(at, ": error: "));
    cli_run_free(&r);
}

/* Every command that loads a config, with the config at path. A valid config
 * without a plan (code 4) goes only to the commands that look for a plan. */
static void expect_every_command(const char *path, int line, int code)
{
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "plan.csv");
    static const struct {
        const char *form; /* the config's path, then the plan's */
        bool plans;
    } commands[] = {
        {"solve %s -o %s --quiet", true},
        {"solve %s -o %s --partial --quiet", true},
        {"diagnose %s --quiet", true},
        {"check %s %s", false}, /* the config is read before the (missing) plan */
        {"export %s --lp %s", false},
    };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (code == 4 && !commands[i].plans)
            continue;
        char args[512];
        snprintf(args, sizeof args, commands[i].form, path, plan);
        expect_located(args, path, line, code);
    }
    assert_false(file_exists(plan)); /* no command wrote a plan */
    scratch_close(&s);
}

/* A hospital that is not a mapping once reached the id index as NULL. */
static void test_hospital_not_a_mapping(void **state)
{
    (void)state;
    expect_every_command(LOAD_BAD "hospital-not-mapping.yaml", 3, 3);
    expect_every_command(LOAD_BAD "hospital-item-text.yaml", 4, 3);
}

/* A pin naming a department whose discipline did not resolve once read the
 * discipline at index -1. */
static void test_pin_department_without_discipline(void **state)
{
    (void)state;
    expect_every_command(LOAD_BAD "pin-department-unresolved.yaml", 3, 3);
    /* the same through a named supervisor of that department (found by fuzzing) */
    expect_every_command(LOAD_BAD "pin-supervisor-unresolved.yaml", 3, 3);
    /* supervisors changed per pool where no pools are declared (found by fuzzing) */
    expect_every_command(LOAD_BAD "pool-change-without-pools.yaml", 7, 3);
}

/* A pin at week 2147483647 once overflowed the end-week sum and was accepted. */
static void test_pin_week_overflow(void **state)
{
    (void)state;
    expect_every_command(LOAD_BAD "pin-week-overflow.yaml", 5, 3);
}

/* A minimum more students could fill than the finding names once read past
 * the names it keeps: a valid config with no plan, exit 4. */
static void test_minimum_more_candidates_than_named(void **state)
{
    (void)state;
    expect_every_command(PRECHECK "minimum_many.yaml", 4, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hospital_not_a_mapping),
        cmocka_unit_test(test_pin_department_without_discipline),
        cmocka_unit_test(test_pin_week_overflow),
        cmocka_unit_test(test_minimum_more_candidates_than_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
