/*
 * rotaplan solve, end to end through the ROTAPLAN binary: exit codes, the
 * summary a user reads, and the written plan, which is read back and checked
 * independently.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DIR "tests/data/form/"

/* Reads the plan file back (format: as its extension says, when AUTO) and
 * checks it against the config. */
static void assert_plan_file_checks(const char *config, const char *path, rp_plan_format format,
                                    long objective)
{
    rp_model *m = load_config(config);
    rp_plan_read_options opt = {.format = format};
    rp_plan *plan = load_plan(m, path, &opt);
    assert_int_equal(check_plan_clean(m, plan).objective, objective);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

static void test_summary_and_plan_file(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.csv");
    char args[512];
    snprintf(args, sizeof args, "solve " DIR "changes.yaml -o %s --quiet", path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "status     optimal\n"));
    assert_non_null(strstr(r.out, "objective  1\n"));
    assert_non_null(strstr(r.out, "bound      1 (gap 0.00%)\n"));
    assert_non_null(strstr(r.out, "in words   This plan is the best possible.\n"));
    assert_non_null(strstr(r.out, "students   1, 3 rotations\n"));
    assert_non_null(strstr(r.out, "  h1            2 / 12     (17%)\n"));
    assert_non_null(strstr(r.out, "  h2            1 / 4      (25%)\n"));
    assert_non_null(strstr(r.out, "worst-off  S1 (score 1)\n"));
    assert_non_null(strstr(r.out, "plan       written to "));
    assert_string_equal(r.err, "");
    assert_plan_file_checks(DIR "changes.yaml", path, RP_FORMAT_AUTO, 1);
    cli_run_free(&r);
    scratch_close(&s);
}

/* The progress line on stderr says what the search does in words. */
static void test_progress_line_in_words(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("solve " DIR "fairness.yaml");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "  improving "));
    assert_non_null(strstr(r.err, "best 5"));
    assert_null(strstr(r.err, " search "));
    assert_null(strstr(r.err, " start "));
    cli_run_free(&r);
}

/* Without -o, the timetable: fairness.yaml has one optimum. */
static void test_timetable(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("solve " DIR "fairness.yaml --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "objective  5\n"));
    assert_non_null(strstr(r.out, "worst-off  S1 (score 1)\n"));
    assert_non_null(strstr(r.out, "\nS1        w1 h2/a\nS2        w1 h1/a\n"));
    cli_run_free(&r);
}

static void test_plan_formats(void **state)
{
    (void)state;
    const char *names[] = {"plan.json", "plan.yaml", "plan.txt"};
    const char *formats[] = {"", "", "--format json"};
    for (int i = 0; i < 3; i++) {
        scratch s;
        scratch_open(&s);
        const char *path = scratch_path(&s, names[i]);
        char args[512];
        snprintf(args, sizeof args, "solve " DIR "idle.yaml --quiet -o %s %s", path, formats[i]);
        cli_run r = cli_rotaplan(args);
        assert_int_equal(r.code, 0);
        char *text = file_text(path);
        assert_non_null(strstr(text, i == 1 ? "status: optimal" : "\"status\": \"optimal\""));
        free(text);
        assert_plan_file_checks(DIR "idle.yaml", path, i == 2 ? RP_FORMAT_JSON : RP_FORMAT_AUTO, 1);
        cli_run_free(&r);
        scratch_close(&s);
    }
}

static void test_infeasible(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("solve " DIR "infeasible.yaml --quiet");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "no plan satisfies every rule"));
    assert_string_equal(r.out, "");
    cli_run_free(&r);
    /* found before solving by the static checks, with the config line */
    r = cli_rotaplan("solve " DIR "overbooked.yaml --quiet");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, DIR "overbooked.yaml:"));
    assert_non_null(strstr(r.err, "no plan can satisfy every rule"));
    cli_run_free(&r);
}

/* The plan is written whole or not at all. */
static void test_unwritable_plan(void **state)
{
    (void)state;
    cli_run r =
        cli_rotaplan("solve " DIR "idle.yaml --quiet -o /nonexistent-rotaplan-dir/plan.csv");
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "cannot write -o '/nonexistent-rotaplan-dir/plan.csv': it "
                                  "goes in a folder that does not exist"));
    assert_null(strstr(r.out, "written to"));
    assert_null(strstr(r.out, "status")); /* found before solving, not after */
    cli_run_free(&r);
}

/* -o names the format by its extension; one that names none is refused and
 * the office pointed at publish. "-o -" is standard output: the plan there,
 * the summary on stderr. */
static void test_plan_format_from_extension_and_stdout(void **state)
{
    (void)state;
    const char *refused[] = {"plan.xlsx", "plan.ics", "plan.html"};
    for (int i = 0; i < 3; i++) {
        char args[256];
        snprintf(args, sizeof args, "solve " DIR "idle.yaml --quiet -o %s", refused[i]);
        cli_run r = cli_rotaplan(args);
        assert_int_equal(r.code, 2);
        assert_non_null(strstr(r.err, "is not a plan format"));
        assert_non_null(strstr(r.err, "rotaplan publish"));
        assert_int_equal(access(refused[i], F_OK), -1);
        cli_run_free(&r);
    }
    cli_run r = cli_rotaplan("solve " DIR "idle.yaml --quiet -o -");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "student,week,", 13) == 0);
    assert_null(strstr(r.out, "status"));
    assert_non_null(strstr(r.err, "status     optimal\n"));
    assert_non_null(strstr(r.err, "plan       written to standard output\n"));
    cli_run_free(&r);
    r = cli_rotaplan("solve " DIR "idle.yaml --quiet -o - --format yaml");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "format: rotaplan-plan 1\n", 24) == 0);
    cli_run_free(&r);
}

/* Each mistake: its message, then the usage, on stderr; exit 2. */
static void test_usage(void **state)
{
    (void)state;
    static const struct {
        const char *args, *message;
    } bad[] = {
        {"solve", "missing CONFIG"},
        {"solve " DIR "idle.yaml --time-limit soon",
         "'--time-limit' needs a number of seconds above 0, not 'soon'"},
        {"solve " DIR "idle.yaml --time-limit=0",
         "'--time-limit' needs a number of seconds above 0, not '0'"},
        {"solve " DIR "idle.yaml --gap 1", "'--gap' needs a number from 0 to below 1, not '1'"},
        {"solve " DIR "idle.yaml --format xml", "'--format' needs csv, yaml or json, not 'xml'"},
        {"solve " DIR "idle.yaml --frobnicate", "unknown option '--frobnicate'"},
        {"solve " DIR "idle.yaml --partal", "unknown option '--partal'; did you mean '--partial'?"},
        {"solve " DIR "idle.yaml --quiet=yes", "'--quiet' takes no value"},
        {"solve " DIR "idle.yaml " DIR "idle.yaml", "unexpected argument '" DIR "idle.yaml'"},
        {"solve " DIR "idle.yaml -o", "'-o' needs a file name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cli_run r = cli_rotaplan(bad[i].args);
        char want[512];
        snprintf(want, sizeof want, "rotaplan solve: %s\nusage: rotaplan solve CONFIG [-o PLAN]",
                 bad[i].message);
        if (r.code != 2 || strncmp(r.err, want, strlen(want)) != 0)
            fail_msg("'%s' gave %d:\n%s", bad[i].args, r.code, r.err);
        assert_string_equal(r.out, "");
        cli_run_free(&r);
    }
    cli_run r = cli_rotaplan("solve --help");
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "usage: rotaplan solve CONFIG"));
    assert_non_null(strstr(r.out, "--time-limit S"));
    assert_non_null(strstr(r.out, "\nexit codes:\n    0  done"));
    assert_non_null(strstr(r.out, "\n    1  the checked plan breaks a rule, or the plan written "
                                  "is partial\n"));
    assert_non_null(strstr(r.out, "\n  130  interrupted\n"));
    cli_run_free(&r);
    /* --output=PLAN and --output PLAN are the same option as -o PLAN */
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.csv");
    char args[512];
    snprintf(args, sizeof args, "solve " DIR "idle.yaml -q --output=%s", path);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_int_equal(access(path, F_OK), 0);
    assert_plan_file_checks(DIR "idle.yaml", path, RP_FORMAT_AUTO, 1);
    cli_run_free(&r);
    scratch_close(&s);
    r = cli_rotaplan("solve " DIR "no-such-config.yaml");
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "no-such-config.yaml"));
    cli_run_free(&r);
}

static void test_invalid_config(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("solve " DIR "invalid.yaml");
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, DIR "invalid.yaml:3:"));
    cli_run_free(&r);
}

/* A time limit is kept: the plan found in time (feasible or optimal), or
 * exit 5 when none was. */
static void test_time_limit(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.csv");
    char args[512];
    snprintf(args, sizeof args, "solve configs/quang_ninh.yaml --time-limit 1 -o %s", path);
    cli_run r = cli_rotaplan(args);
    assert_true(r.seconds < 1 + 5);
    if (r.code == 0) {
        assert_true(
            strstr(r.out, "status     feasible, not proven optimal (time limit reached)\n") ||
            strstr(r.out, "status     optimal\n"));
        const char *at = strstr(r.out, "objective  ");
        assert_non_null(at);
        assert_plan_file_checks("configs/quang_ninh.yaml", path, RP_FORMAT_AUTO, atol(at + 11));
    } else {
        assert_int_equal(r.code, 5);
        assert_non_null(strstr(r.err, "no plan found within the time limit of 1 s"));
        assert_int_equal(access(path, F_OK), -1);
    }
    cli_run_free(&r);
    scratch_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_and_plan_file),
        cmocka_unit_test(test_timetable),
        cmocka_unit_test(test_progress_line_in_words),
        cmocka_unit_test(test_plan_format_from_extension_and_stdout),
        cmocka_unit_test(test_plan_formats),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_unwritable_plan),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_invalid_config),
        cmocka_unit_test(test_time_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
