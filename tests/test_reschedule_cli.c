/*
 * rotaplan reschedule, end to end through the ROTAPLAN binary: the summary
 * and list of changes the office reads, the files written (the plan passes
 * `rotaplan check`), the previous plan never rewritten, and exit codes.
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

#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/scratch.h"

#define DIR "tests/data/reschedule/"
#define PREVIOUS DIR "ward-plan.csv"

/* The changes of the ward closure, as --changes writes them: each move with
 * why it was made and the config's note on the closure. */
static const char CLOSURE_CHANGES[] =
    "student,name,from_hospital,from_department,from_discipline,from_weeks,to_hospital,"
    "to_department,to_discipline,to_weeks,note,why,reason,gain,config_note\n"
    "S001,,bai_chay,surgery,surgery,5-6,bai_chay,trauma,trauma,5-6,,forced,"
    "forced: surgery at Bai Chay Hospital is closed in weeks 5-6,,ward renovated\n"
    "S005,,bai_chay,surgery,surgery,5-6,bai_chay,trauma,trauma,5-6,,forced,"
    "forced: surgery at Bai Chay Hospital is closed in weeks 5-6,,ward renovated\n";

static void test_changes_listed_and_written(void **state)
{
    (void)state;
    char args[1024];
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv"), *changes = scratch_path(&s, "changes.csv");
    snprintf(args, sizeof args,
             "reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
             " --from-week 5 -o %s --changes %s --quiet",
             plan, changes);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "history    weeks 1-4 kept as they were\n"));
    assert_non_null(strstr(r.out, "changes    2 rotations changed for 2 students, "
                                  "4 student-weeks\n"));
    /* each move says why, with the config's note on the closure */
    assert_non_null(strstr(r.out, "  S001 moves from surgery at Bai Chay Hospital (weeks 5-6) to "
                                  "trauma at Bai Chay Hospital (weeks 5-6)\n"
                                  "      forced: surgery at Bai Chay Hospital is closed in weeks "
                                  "5-6; note: ward renovated\n"));
    assert_non_null(strstr(r.out, "objective  30 (the previous plan scores 30), bound 30\n"));
    assert_string_equal(r.err, "");
    char *csv = file_text(changes);
    assert_string_equal(csv,
                        CLOSURE_CHANGES);
    free(csv);
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " DIR "ward-closure.yaml %s", plan);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    cli_run_free(&r);
    scratch_close(&s);
}

/* "-" is standard output for the plan or the changes; the summary then goes
 * to stderr, so that what is on stdout is the file alone. */
static void test_standard_output(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
                             " --from-week 5 --changes - --quiet");
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out,
                        CLOSURE_CHANGES);
    assert_non_null(strstr(r.err, "changes    written to standard output\n"));
    cli_run_free(&r);
    r = cli_rotaplan("reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
                     " --from-week 5 -o - --quiet");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "student,week,", 13) == 0);
    assert_non_null(strstr(r.err, "plan       written to standard output\n"));
    cli_run_free(&r);
}

static void test_no_change(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("reschedule " DIR "ward.yaml --previous " PREVIOUS
                             " --from-week 3 --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "changes    0 rotations changed for 0 students, "
                                  "0 student-weeks\n"));
    assert_null(strstr(r.out, "written to"));
    cli_run_free(&r);
}

/* A student taken out of the config has left: a note, and nobody moves. */
static void test_withdrawal(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("reschedule " DIR "ward-withdrawal.yaml --previous " PREVIOUS
                             " --from-week 5 --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "changes    0 rotations changed"));
    assert_non_null(strstr(r.out, "left       1 student of the previous plan is not in the "
                                  "config: their rotations are dropped\n"));
    assert_non_null(strstr(r.err, PREVIOUS ":18:1: note: student 'S003' is not in the config: "
                                  "their rotations are left out\n"));
    cli_run_free(&r);
}

/* History against the new config: warnings, and the plan passes check in
 * history mode, not without it. */
static void test_history_conflict(void **state)
{
    (void)state;
    char args[1024];
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.yaml");
    snprintf(args, sizeof args,
             "reschedule " DIR "ward-history.yaml --previous " PREVIOUS
             " --from-week 5 -o %s --quiet",
             plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "(3 warnings about them above)"));
    assert_non_null(strstr(r.err, "rotaplan: warning: history: pediatrics at Provincial "
                                  "Hospital has 2 students in week 1, capacity 1\n"));
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " DIR "ward-history.yaml %s --from-week 5", plan);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "3 warnings about history:\n"));
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " DIR "ward-history.yaml %s --from-week 5 --json", plan);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"valid\": true,\n  \"violations\": [],\n  \"from_week\": 5,\n"
                                  "  \"warnings\": [\n    {\"rule\": \"eligibility\""));
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " DIR "ward-history.yaml %s", plan);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    cli_run_free(&r);
    scratch_close(&s);
}

/* The previous plan is refused as output, under any spelling; the config is
 * never overwritten with changes. */
static void test_previous_never_rewritten(void **state)
{
    (void)state;
    char *before = file_text(PREVIOUS);
    const char *outputs[] = {PREVIOUS, "./" PREVIOUS, "tests/../" PREVIOUS};
    for (int i = 0; i < 3; i++) {
        char args[1024];
        snprintf(args, sizeof args,
                 "reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
                 " --from-week 5 --quiet -o %s",
                 outputs[i]);
        cli_run r = cli_rotaplan(args);
        assert_int_equal(r.code, 2);
        assert_non_null(strstr(r.err, "refusing to write the new plan over the previous one"));
        cli_run_free(&r);
    }
    cli_run r = cli_rotaplan("reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
                             " --from-week 5 --quiet --changes " PREVIOUS);
    assert_int_equal(r.code, 2);
    cli_run_free(&r);
    char *config = file_text(DIR "ward-closure.yaml");
    r = cli_rotaplan("reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
                     " --from-week 5 --quiet --changes " DIR "ward-closure.yaml");
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "refusing to overwrite it with changes"));
    cli_run_free(&r);
    char *config_after = file_text(DIR "ward-closure.yaml");
    assert_string_equal(config, config_after);
    free(config);
    free(config_after);
    char *after = file_text(PREVIOUS);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* Each mistake: its message, then the usage, on stderr; exit 2. */
static void test_usage(void **state)
{
    (void)state;
    static const struct {
        const char *args, *message;
    } bad[] = {
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS, "missing '--from-week K'"},
        {"reschedule " DIR "ward.yaml --from-week 2", "missing '--previous PLAN'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 0",
         "'--from-week' needs a week number from 1, not '0'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 9",
         "'--from-week 9' is past the last week, 8"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 --order best",
         "'--order' needs disruption, quality or mixed, not 'best'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 --move-weight x",
         "'--move-weight' needs a whole number from 0 to 999999999, not 'x'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS
         " --from-week 2 --max-changes-per-student=-1",
         "'--max-changes-per-student' needs a whole number from 0 to 999999999, not '-1'"},
        {"reschedule --previous " PREVIOUS " --from-week 2", "missing CONFIG"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 -o " PREVIOUS,
         "refusing to write the new plan over the previous one, '" PREVIOUS "'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 --changes " PREVIOUS,
         "'--changes " PREVIOUS "' names a plan file"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 -o new.xlsx",
         "-o new.xlsx: '.xlsx' is not a plan format; name a .csv, .yaml or .json file (or give "
         "--format). For a workbook, calendars or a printable timetable, write the plan and use "
         "'rotaplan publish CONFIG PLAN --out DIR'"},
        {"reschedule " DIR "ward.yaml --previous " PREVIOUS " --from-week 2 -o - --changes -",
         "-o - and --changes - cannot both go to standard output"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cli_run r = cli_rotaplan(bad[i].args);
        char want[512];
        snprintf(want, sizeof want,
                 "rotaplan reschedule: %s\nusage: rotaplan reschedule CONFIG --previous PLAN "
                 "--from-week K",
                 bad[i].message);
        if (r.code != 2 || strncmp(r.err, want, strlen(want)) != 0)
            fail_msg("'%s' gave %d:\n%s", bad[i].args, r.code, r.err);
        cli_run_free(&r);
    }
    cli_run r = cli_rotaplan("reschedule --help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--max-changes-per-student N"));
    assert_non_null(strstr(r.out, "\n    4  no plan satisfies every rule"));
    /* 1 only for a partial plan */
    assert_non_null(strstr(r.out, "\n    1  the checked plan breaks a rule, or the plan written "
                                  "is partial"));
    assert_non_null(strstr(r.out, "--partial"));
    cli_run_free(&r);
}

/* A broken previous plan names its file, line and column; nothing is written. */
static void test_invalid_plan(void **state)
{
    (void)state;
    char args[1024];
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv");
    snprintf(args, sizeof args,
             "reschedule " DIR "ward.yaml --previous " DIR "bad-plan.csv --from-week 2 -o %s",
             plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, DIR "bad-plan.csv:3:19: error: hospital 'provincial' has no "
                                  "department 'oncology'"));
    assert_int_equal(access(plan, F_OK), -1);
    cli_run_free(&r);
    scratch_close(&s);
}

/* No plan within the change limit: exit 4, nothing written. */
static void test_infeasible(void **state)
{
    (void)state;
    char args[1024];
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv");
    snprintf(args, sizeof args,
             "reschedule " DIR "ward-closure.yaml --previous " PREVIOUS
             " --from-week 5 --max-changes-per-student 0 --quiet -o %s",
             plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "within the change limit per student"));
    assert_int_equal(access(plan, F_OK), -1);
    cli_run_free(&r);
    scratch_close(&s);
}

/* Occurrences of what in text. */
static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

#define QN_PLAN DIR "quang_ninh-plan.csv"
#define OBSTETRICS DIR "quang_ninh-obstetrics.yaml"

/* No plan keeps weeks 1-3: the office is told what must bend, where in the
 * config and in which weeks, and that --partial plans everyone it can. */
static void test_infeasible_explained(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv");
    char args[1024];
    snprintf(args, sizeof args,
             "reschedule " OBSTETRICS " --previous " QN_PLAN " --from-week 4 --quiet -o %s", plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, OBSTETRICS ":152:13: error: obstetrics at Quang Ninh Obstetrics "
                                  "and Pediatrics Hospital: 2 more places needed in weeks 7-9 "
                                  "(capacity 21, demand 23; three obstetricians seconded to "
                                  "district delivery rooms (the change))\n"));
    assert_non_null(strstr(r.err, "no plan keeps weeks 1-3 as they were and every rule of '"
                                  OBSTETRICS "' from week 4 on; the smallest relaxation that "
                                  "makes one possible: 6 place-weeks of extra capacity (proven "
                                  "smallest)\n"));
    assert_non_null(strstr(r.err, "'rotaplan reschedule ... --partial' gives the plan that misses "
                                  "the fewest required rotations from week 4 on instead\n"));
    assert_false(file_exists(plan));
    cli_run_free(&r);
    scratch_close(&s);
}

/* --partial: two students go without obstetrics, the rest is planned; exit
 * 1, and `check` reports exactly those two missing rotations. */
static void test_partial(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv");
    char args[1024];
    snprintf(args, sizeof args,
             "reschedule " OBSTETRICS " --previous " QN_PLAN " --from-week 4 --partial --quiet "
             "-o %s", plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "status     partial: required rotations are missing (listed "
                                  "below)\n"
                                  "short      2 students short of 2 requirements, 2 required "
                                  "rotations missing (fewest possible)\n"));
    assert_non_null(strstr(r.out, "cannot be given 1 rotation of discipline 'obstetrics' (needs "
                                  "1, can be given 0)\n"));
    assert_non_null(strstr(r.out, "over capacity in weeks 7-9 (capacity 21); note: three "
                                  "obstetricians seconded to district delivery rooms (the "
                                  "change)\n"));
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " OBSTETRICS " %s --from-week 4 --json", plan);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    /* two violations, both the requirement of obstetrics */
    assert_int_equal(count(r.out, "{\"rule\": "), 2);
    assert_int_equal(count(r.out, "{\"rule\": \"requirement\""), 2);
    assert_int_equal(count(r.out, "does not do discipline 'obstetrics', which is required"), 2);
    cli_run_free(&r);
    scratch_close(&s);
}

/* The progress starts from the plan in force: its score is on the first line. */
static void test_progress_starts_with_a_plan(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("reschedule " DIR "quang_ninh-leave.yaml --previous " QN_PLAN
                             " --from-week 4");
    assert_int_equal(r.code, 0);
    const char *first = "start from the plan in force, repaired  best ";
    char *line_end = strchr(r.err, '\n');
    assert_non_null(line_end);
    *line_end = 0;
    assert_non_null(strstr(r.err, first));
    assert_null(strstr(r.err, "no plan yet"));
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_listed_and_written),
        cmocka_unit_test(test_standard_output),
        cmocka_unit_test(test_no_change),
        cmocka_unit_test(test_withdrawal),
        cmocka_unit_test(test_history_conflict),
        cmocka_unit_test(test_previous_never_rewritten),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_invalid_plan),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_infeasible_explained),
        cmocka_unit_test(test_partial),
        cmocka_unit_test(test_progress_starts_with_a_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
