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

/* 24 disciplines (bench/mss-gen): the summary says why the decomposition
 * made one round and why the compact program, small enough, was not built
 * (solve.c compact_follows), and the plan written checks out. */
static void test_summary_of_pricing_outgrown(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *config =
        cli_mss_generated_config(&s, "--students 40 --disciplines 24 --duration 2 --seed 1");
    const char *path = scratch_path(&s, "plan.csv");
    char args[1024];
    snprintf(args, sizeof args, "solve %s --time-limit 5 -o %s", config, path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "schedules  1 round of pricing"));
    assert_non_null(strstr(r.out, "students have too many possible schedules to\n"
                                  "           price exactly; the bound holds but is looser\n"));
    assert_non_null(strstr(r.out, "(the compact program was not built: too many\n"
                                  "           students have too many possible schedules)\n"));
    const char *at = strstr(r.out, "objective  ");
    assert_non_null(at);
    assert_plan_file_checks(config, path, RP_FORMAT_AUTO, atol(at + 11));
    cli_run_free(&r);
    scratch_close(&s);
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

/* The Uong Bi year cut to waves 1..k: the config next to a roster holding
 * only their students, in dir. */
static void waves_config(scratch *s, int k, char *config, size_t size)
{
    const char *yaml = scratch_path(s, "uong_bi.yaml");
    char *text = file_text("configs/uong_bi.yaml");
    file_write(yaml, text);
    free(text);
    char *roster = file_text("configs/uong_bi-students.csv"), *out = malloc(strlen(roster) + 1);
    size_t n = 0;
    for (char *line = roster, *end; *line; line = end) {
        end = strchr(line, '\n');
        end = end ? end + 1 : line + strlen(line);
        const char *wave = strstr(line, ",w");
        bool header = line == roster;
        if (header || (wave && wave[2] - '0' <= k)) {
            memcpy(out + n, line, (size_t)(end - line));
            n += (size_t)(end - line);
        }
    }
    out[n] = '\0';
    file_write(scratch_path(s, "uong_bi-students.csv"), out);
    free(out);
    free(roster);
    snprintf(config, size, "%s", yaml);
}

/* The rows of plan file `path` of students whose id starts with `prefix`. */
static char *rows_of(const char *path, const char *prefix)
{
    char *text = file_text(path), *out = calloc(strlen(text) + 1, 1);
    size_t n = 0, len = strlen(prefix);
    for (char *line = text, *end; *line; line = end) {
        end = strchr(line, '\n');
        end = end ? end + 1 : line + strlen(line);
        if (strncmp(line, prefix, len) == 0) {
            memcpy(out + n, line, (size_t)(end - line));
            n += (size_t)(end - line);
        }
    }
    free(text);
    return out;
}

/* A wave planned around the one in force: wave 1 (183 students) alone, then
 * waves 1 and 2 (359) with --keep wave 1's plan. Wave 1's weeks and
 * supervisors are as before, week for week; the new plan holds everyone and
 * keeps every rule. */
static void test_keep_plans_a_wave_around_the_one_in_force(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    char config[256], args[1024];
    waves_config(&s, 1, config, sizeof config);
    char plan1[256], plan2[256];
    snprintf(plan1, sizeof plan1, "%s", scratch_path(&s, "wave1.csv"));
    snprintf(plan2, sizeof plan2, "%s", scratch_path(&s, "wave2.csv"));
    snprintf(args, sizeof args, "solve %s -o %s --time-limit 10 --quiet", config, plan1);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    cli_run_free(&r);
    waves_config(&s, 2, config, sizeof config);
    snprintf(args, sizeof args, "solve %s --keep %s -o %s --time-limit 10 --quiet", config,
             plan1, plan2);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "kept       183 students as "));
    cli_run_free(&r);
    char *before = rows_of(plan1, "W1-"), *after = rows_of(plan2, "W1-");
    assert_true(strlen(before) > 183 * 50 * 20);
    assert_string_equal(after, before);
    free(before);
    free(after);
    rp_model *m = load_config(config);
    assert_int_equal(m->n_students, 359);
    rp_plan *plan = load_plan(m, plan2, NULL);
    assert_int_equal(check_plan_clean(m, plan).n_students, 359);
    int w2 = 0;
    for (int i = 0; i < plan->n_rotations; i++)
        w2 += strncmp(m->students[plan->rotations[i].student].id, "W2-", 3) == 0;
    assert_true(w2 >= 176 * 2);
    rp_plan_free(&plan);
    rp_model_free(&m);
    scratch_close(&s);
}

/* A plan to keep that breaks a rule on its own is refused with the reason,
 * at the student (exit 4); one that is not a plan of the config, at its
 * line (exit 3). No plan is written. */
static void test_keep_refuses_a_broken_plan(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *keep = scratch_path(&s, "keep.csv"), *out = scratch_path(&s, "plan.csv");
    file_write(keep, "student,week,hospital,department,supervisor\n"
                     "D2,1,uong_bi,surgery,le\n"
                     "D2,2,uong_bi,surgery,minh\n"
                     "D2,3,uong_bi,pediatrics,\n"
                     "D2,4,,,\nD2,5,,,\nD2,6,,,\n");
    char args[1024];
    snprintf(args, sizeof args, "solve tests/data/check/staff.yaml --keep %s -o %s --quiet", keep,
             out);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "tests/data/check/staff.yaml:40:5: error: a kept student, as '"));
    assert_non_null(strstr(r.err, "' has it, breaks a rule: D2 changes supervisor in week 2 of "
                                  "their rotation in surgery at Uong Bi Hospital (weeks 1-2): le "
                                  "before, minh from then on; a rotation keeps one supervisor\n"));
    assert_non_null(strstr(r.err, "D2 is guided in surgery at Uong Bi Hospital by minh, who "
                                  "speaks none of their languages"));
    assert_int_equal(access(out, F_OK), -1);
    cli_run_free(&r);
    file_write(keep, "student,week,hospital,department\nZ9,1,uong_bi,surgery\n");
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, ":2:1: error: unknown student 'Z9'"));
    assert_int_equal(access(out, F_OK), -1);
    cli_run_free(&r);
    scratch_close(&s);
}

/* fairness: leximin is said in the summary, and the plan is the leximin one
 * (tests/data/form/leximin.yaml works it out: sum 11). */
static void test_leximin_summary(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("solve " DIR "leximin.yaml --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "status     optimal\n"));
    assert_non_null(strstr(r.out, "objective  11\n"));
    assert_non_null(strstr(r.out, "leximin    scores raised level by level, lowest first, from "));
    assert_non_null(strstr(r.out, "; every level proven\n"));
    cli_run_free(&r);
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
        cmocka_unit_test(test_keep_plans_a_wave_around_the_one_in_force),
        cmocka_unit_test(test_keep_refuses_a_broken_plan),
        cmocka_unit_test(test_leximin_summary),
        cmocka_unit_test(test_summary_of_pricing_outgrown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
