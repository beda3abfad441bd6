/*
 * test_mss_import - bench/mss-import end to end: its command line, its error
 * messages on malformed instances (expected text next to each bad input in
 * tests/data/mss/), and the import of all 100 MSS benchmark instances.
 *
 * Runs the binary $MSS_IMPORT names (make test sets it) from the top
 * directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/find.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DATA "tests/data/mss/"
#define INSTANCES "bench/mss/akbarzadeh-maenhout/"

static void expect_usage_error(const char *args, const char *first_line)
{
    cli_run r = cli_mss_import(args);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.out, "");
    assert_true(strncmp(r.err, first_line, strlen(first_line)) == 0);
    assert_non_null(strstr(r.err, "try 'mss-import --help'"));
    cli_run_free(&r);
}

static void test_help_and_usage(void **state)
{
    (void)state;
    cli_run r = cli_mss_import("--help");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "usage: mss-import INSTANCE.dzn -o CONFIG.yaml", 45) == 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);

    expect_usage_error("", "mss-import: no instance given\n");
    expect_usage_error(DATA "tiny.dzn", "mss-import: no config to write: give -o CONFIG.yaml\n");
    expect_usage_error(DATA "tiny.dzn -o x.yaml --solution " DATA "tiny-sol.dzn",
                       "mss-import: --solution needs --plan PLAN to write it to\n");
    expect_usage_error(DATA "tiny.dzn -o x.yaml --plan x.csv",
                       "mss-import: --plan needs --solution SOLUTION.dzn to read\n");
    expect_usage_error(DATA "tiny.dzn --fast -o x.yaml", "mss-import: unknown option '--fast'\n");
    expect_usage_error(DATA "tiny.dzn -o", "mss-import: '-o' needs a file name\n");
    expect_usage_error(DATA "tiny.dzn " DATA "tiny.dzn -o x.yaml",
                       "mss-import: only one instance at a time");
    expect_usage_error(DATA "tiny.dzn -o " DATA "tiny.dzn",
                       "mss-import: '" DATA "tiny.dzn' is an input: refusing to overwrite it\n");
    assert_false(file_exists("x.yaml"));
}

/* Each malformed instance fails with exit 3 and exactly the message kept in
 * the .expected file beside it, and writes nothing. */
static void test_malformed_instances(void **state)
{
    (void)state;
    static const char *const bad[] = {"bad-semicolon", "bad-row",     "bad-dimension",
                                      "bad-count",     "bad-size",    "bad-value",
                                      "bad-missing",   "bad-minimum", "bad-index",
                                      "bad-empty-list", "bad-group-count", "bad-large-value",
                                      "bad-prerequisite-cycle", "bad-negative-weight", NULL};
    for (int i = 0; bad[i]; i++) {
        char args[256], expected_path[128], output[128];
        snprintf(output, sizeof output, "%s/out.yaml", scratch_fixture()->dir);
        snprintf(args, sizeof args, DATA "%s.dzn -o %s", bad[i], output);
        snprintf(expected_path, sizeof expected_path, DATA "%s.expected", bad[i]);
        cli_run r = cli_mss_import(args);
        file_assert_expected(r.err, expected_path);
        assert_int_equal(r.code, 3);
        assert_false(file_exists(output));
        cli_run_free(&r);
    }
}

/* A failed import leaves an existing output file as it was. */
static void test_failure_keeps_existing_output(void **state)
{
    (void)state;
    char output[128], args[256];
    snprintf(output, sizeof output, "%s/keep.yaml", scratch_fixture()->dir);
    file_write(output, "name: mine\n");
    snprintf(args, sizeof args, DATA "bad-dimension.dzn -o %s", output);
    cli_run r = cli_mss_import(args);
    assert_int_equal(r.code, 3);
    char *kept = file_text(output);
    assert_string_equal(kept, "name: mine\n");
    free(kept);
    cli_run_free(&r);
}

/* Imports an instance into the temporary NAME.yaml and loads that config in
 * process. */
static rp_model *import_and_load(const char *instance, const char *name)
{
    char args[512], output[128];
    snprintf(output, sizeof output, "%s/%s.yaml", scratch_fixture()->dir, name);
    snprintf(args, sizeof args, "%s -o %s", instance, output);
    cli_run r = cli_mss_import(args);
    if (r.code != 0 || *r.err)
        print_error("%s: exit %d\n%s", instance, r.code, r.err);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.err, "");
    cli_run_free(&r);
    return load_clean_config(output);
}

static void expect_weeks(const int *values, int a, int b, int c, int d)
{
    assert_int_equal(values[0], a);
    assert_int_equal(values[1], b);
    assert_int_equal(values[2], c);
    assert_int_equal(values[3], d);
}

/* Every part of the mapping, on the tiny instance (tests/data/mss/tiny.dzn). */
static void test_tiny_instance_mapping(void **state)
{
    (void)state;
    rp_model *m = import_and_load(DATA "tiny.dzn", "tiny");
    assert_int_equal(m->weeks, 4);
    assert_int_equal(m->n_disciplines, 3);
    assert_int_equal(m->n_groups, 2);
    int d1 = rp_model_find_discipline(m, "d1"), d2 = rp_model_find_discipline(m, "d2");
    int d3 = rp_model_find_discipline(m, "d3");
    assert_true(d1 >= 0 && d2 >= 0 && d3 >= 0);
    /* Duration, DiscGroup, Precededby, ManPref */
    assert_int_equal(m->disciplines[d2].length, 1);
    assert_string_equal(m->groups[m->disciplines[d2].group].id, "g1");
    assert_string_equal(m->groups[m->disciplines[d3].group].id, "g2");
    assert_int_equal(m->disciplines[d2].n_prerequisites, 1);
    assert_int_equal(m->disciplines[d2].prerequisites[0], d1);
    assert_int_equal(m->disciplines[d1].n_prerequisites, 0);
    assert_int_equal(m->disciplines[d1].priority, 1);
    assert_int_equal(m->disciplines[d2].priority, 2);
    assert_int_equal(m->disciplines[d3].priority, 0);
    /* departments where MaxPosHosp > 0 in some period, capacity and minimum by week */
    assert_int_equal(m->n_departments, 5);
    assert_int_equal(rp_model_find_department(m, rp_model_find_hospital(m, "h1"), "d3"), -1);
    int h1d2 = find_department(m, "h1", "d2"), h2d1 = find_department(m, "h2", "d1");
    int h2d3 = find_department(m, "h2", "d3");
    expect_weeks(m->departments[h1d2].capacity, 1, 1, 2, 1);
    expect_weeks(m->departments[h2d1].capacity, 1, 0, 1, 1);
    expect_weeks(m->departments[h2d3].capacity, 2, 2, 2, 2);
    expect_weeks(m->departments[h2d3].minimum, 0, 0, 1, 0);
    expect_weeks(m->departments[h1d2].minimum, 0, 0, 0, 0);
    /* StudDiscGroup rows -> programmes with a count for every group */
    assert_int_equal(m->n_programmes, 3);
    int s1 = rp_model_find_student(m, "s1"), s2 = rp_model_find_student(m, "s2");
    int s3 = rp_model_find_student(m, "s3");
    assert_true(s1 >= 0 && s2 >= 0 && s3 >= 0);
    const rp_student *st2 = &m->students[s2], *st3 = &m->students[s3];
    assert_int_equal(st2->n_requirements, 2);
    assert_int_equal(st2->requirements[0].min, 2);
    assert_int_equal(st2->requirements[0].max, 2);
    assert_int_equal(st3->requirements[1].min, 0);
    assert_int_equal(st3->requirements[1].max, 0);
    assert_int_equal(st3->requirements[1].n_disciplines, 1);
    assert_int_equal(st3->requirements[1].disciplines[0], d3);
    assert_int_equal(st2->max_per_hospital, 2);
    /* Availability, AllowedDisc, Ability */
    assert_false(st2->available[3]);
    assert_true(st2->available[2]);
    assert_false(st3->available[0]);
    assert_int_equal(st3->blocked[h1d2], RP_BLOCK_DISCIPLINE);
    assert_int_equal(st2->blocked[find_department(m, "h2", "d2")], RP_BLOCK_DEPARTMENT);
    assert_int_equal(st2->blocked[h1d2], RP_BLOCK_NONE);
    /* WeightPref with change and idle as penalties, preferences */
    const rp_weights *w1 = &m->students[s1].weights, *w3 = &st3->weights;
    assert_int_equal(w1->discipline, 1);
    assert_int_equal(w1->hospital, 2);
    assert_int_equal(w1->change, 1);
    assert_int_equal(w1->idle, 1);
    assert_int_equal(w3->change, 0);
    assert_int_equal(w3->idle, 3);
    assert_int_equal(st2->pref_discipline[d1], 1);
    assert_int_equal(st2->pref_discipline[d3], 3);
    assert_int_equal(m->students[s1].pref_hospital[rp_model_find_hospital(m, "h2")], 2);
    assert_int_equal(st3->pref_hospital[0], 0);
    /* the objective of the benchmark */
    assert_int_equal(m->objective.school_priority, 1);
    assert_int_equal(m->objective.fairness, 1);
    assert_int_equal(m->objective.weights.discipline, 1);
    assert_int_equal(m->objective.weights.idle, 1);
    rp_model_free(&m);
}

/* The value of `\nName=N;` in an instance's text, read without the importer. */
static int scalar(const char *text, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s=", name);
    const char *at = strstr(text, key);
    assert_non_null(at);
    return atoi(at + strlen(key));
}

/* An output that cannot be written is an I/O failure (exit 6) naming it. */
static void test_unwritable_output(void **state)
{
    (void)state;
    cli_run r = cli_mss_import(DATA "tiny.dzn -o /nonexistent-rp-dir/x.yaml");
    assert_int_equal(r.code, 6);
    assert_string_equal(r.err, "/nonexistent-rp-dir/x.yaml: error: cannot create a temporary "
                               "file next to it: No such file or directory\nrotaplan: 1 error\n");
    cli_run_free(&r);
}

/* A ward-week whose minimum (and maximum) is above every student: the
 * instance imports, and solve ends with the minimum's finding at its place in
 * the imported config, exit 4 (once, a read past the three students the
 * finding names crashed it). */
static void test_minimum_above_the_students(void **state)
{
    (void)state;
    char output[256], args[512];
    snprintf(output, sizeof output, "%s/minimum.yaml", scratch_fixture()->dir);
    snprintf(args, sizeof args, DATA "minimum-above-students.dzn -o %s", output);
    cli_run r = cli_mss_import(args);
    assert_int_equal(r.code, 0);
    cli_run_free(&r);
    snprintf(args, sizeof args, "solve %s --quiet", output);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 4);
    char where[512];
    snprintf(where, sizeof where, "%s:22:9: error: d1 at h1 needs at least 41 students in week 1 "
                                  "but only 30 students can be there then (s1, s3, s4, ...)\n",
             output);
    assert_non_null(strstr(r.err, where));
    cli_run_free(&r);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every benchmark instance imports cleanly (the importer loads the config it
 * makes back with the config loader before writing it). */
static void test_all_benchmark_instances(void **state)
{
    (void)state;
    DIR *dir = opendir(INSTANCES);
    assert_non_null(dir);
    char *names[128];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".dzn") == 0 && n < 128)
            names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], compare_names);
    assert_int_equal(n, 100);
    for (int i = 0; i < n; i++) {
        char path[256];
        snprintf(path, sizeof path, INSTANCES "%s", names[i]);
        rp_model *m = import_and_load(path, "instance");
        /* the sizes the loader sees are the instance's own */
        char *text = file_text(path);
        assert_int_equal(m->n_students, scalar(text, "Students"));
        assert_int_equal(m->n_disciplines, scalar(text, "Disciplines"));
        assert_int_equal(m->n_hospitals, scalar(text, "Hospitals"));
        assert_int_equal(m->weeks, scalar(text, "Horizon"));
        assert_int_equal(m->disciplines[0].length, scalar(text, "Duration"));
        free(text);
        rp_model_free(&m);
        free(names[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_usage),
        cmocka_unit_test(test_malformed_instances),
        cmocka_unit_test(test_failure_keeps_existing_output),
        cmocka_unit_test(test_unwritable_output),
        cmocka_unit_test(test_minimum_above_the_students),
        cmocka_unit_test(test_tiny_instance_mapping),
        cmocka_unit_test(test_all_benchmark_instances),
    };
    return cmocka_run_group_tests(tests, scratch_fixture_open, scratch_fixture_close);
}
