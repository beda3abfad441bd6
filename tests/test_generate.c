/* The cohort generator and `rotaplan generate`: the same seed gives the same
 * bytes, another seed another cohort; every generated config, of any size and
 * shape, loads cleanly, passes the static pre-checks and has the plan it was
 * drawn around, which the independent checker finds clean. The command
 * refuses bad arguments with exit 2, never replaces a file without --force
 * and leaves no partial output when it fails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solver/cli/commands.h"
#include "solver/gen/cohort.h"
#include "solver/gen/emit.h"
#include "solver/gen/witness.h"
#include "tests/support/check_plan.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/precheck_clean.h"
#include "tests/support/scratch.h"
#include "tests/support/cli_run.h"

/* The config (and roster, when roster is not NULL) of params as strings; the
 * cohort itself into *keep when keep is not NULL. */
static void generate_cohort(rp_cohort_params params, const char *student_file, char **config,
                            char **roster, rp_cohort **keep)
{
    rp_cohort *c = NULL;
    assert_int_equal(rp_cohort_build(&params, &c, NULL), RP_OK);
    size_t len;
    FILE *f = open_memstream(config, &len);
    assert_non_null(f);
    assert_int_equal(rp_emit_config(c, student_file, "test", f), RP_OK);
    assert_int_equal(fclose(f), 0);
    if (roster) {
        f = open_memstream(roster, &len);
        assert_non_null(f);
        assert_int_equal(rp_emit_roster(c, f), RP_OK);
        assert_int_equal(fclose(f), 0);
    }
    if (keep)
        *keep = c;
    else
        rp_cohort_free(&c);
}

static void generate(rp_cohort_params params, const char *student_file, char **config,
                     char **roster)
{
    generate_cohort(params, student_file, config, roster, NULL);
}

/* The checker finds the plan the cohort was drawn around clean. */
static void assert_witness_clean(const rp_cohort *c, const rp_model *m)
{
    rp_plan *plan = NULL;
    assert_int_equal(rp_witness_plan(c, m, &plan), RP_OK);
    check_plan_clean(m, plan);
    int rotations = 0;
    for (int s = 0; s < c->n_students; s++)
        rotations += c->students[s].n_rotations;
    assert_int_equal(plan->n_rotations, rotations);
    rp_plan_free(&plan);
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    rp_cohort_params p = {.students = 300, .seed = 42};
    char *a, *b, *ra, *rb;
    generate(p, NULL, &a, NULL);
    generate(p, NULL, &b, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
    generate(p, "roster.csv", &a, &ra);
    generate(p, "roster.csv", &b, &rb);
    assert_string_equal(a, b);
    assert_string_equal(ra, rb);
    free(a);
    free(b);
    free(ra);
    free(rb);
}

static void test_other_seed_other_cohort(void **state)
{
    (void)state;
    char *a, *b;
    generate((rp_cohort_params){.students = 300, .seed = 42}, NULL, &a, NULL);
    generate((rp_cohort_params){.students = 300, .seed = 43}, NULL, &b, NULL);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void test_sizes_and_shapes_load_cleanly(void **state)
{
    (void)state;
    static const rp_cohort_params cases[] = {
        {.students = 1, .seed = 1},
        {.students = 7, .seed = 2, .hospitals = 1},
        {.students = 60, .seed = 3},
        {.students = 60, .seed = 4, .weeks = 4},
        {.students = 250, .seed = 5, .weeks = 9, .hospitals = 3},
        {.students = 400, .seed = 6, .weeks = 26},
        {.students = 150, .seed = 7, .weeks = 48, .hospitals = 8},
        {.students = 1200, .seed = 8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text;
        rp_cohort *c = NULL;
        generate_cohort(cases[i], NULL, &text, NULL, &c);
        rp_model *m = load_clean_config_string("generated.yaml", text);
        assert_int_equal(m->n_students, cases[i].students);
        assert_int_equal(m->weeks, cases[i].weeks ? cases[i].weeks : RP_COHORT_DEFAULT_WEEKS);
        if (cases[i].hospitals)
            assert_int_equal(m->n_hospitals, cases[i].hospitals);
        assert_true(m->n_programmes >= 2);
        precheck_assert_clean(m);
        assert_witness_clean(c, m);
        rp_cohort_free(&c);
        rp_model_free(&m);
        free(text);
    }
}

static void test_roster_holds_the_students(void **state)
{
    (void)state;
    scratch tmp;
    scratch_open(&tmp);
    const char *config_name = scratch_path(&tmp, "cohort.yaml");
    char *config, *roster;
    rp_cohort *c = NULL;
    generate_cohort((rp_cohort_params){.students = 500, .seed = 9}, "roster.csv", &config, &roster,
                    &c);
    file_write(scratch_path(&tmp, "roster.csv"), roster);
    rp_model *m = load_clean_config_string(config_name, config);
    assert_int_equal(m->n_students, 500);
    int from_csv = 0;
    for (int s = 0; s < m->n_students; s++)
        from_csv += m->students[s].loc.file && strstr(m->students[s].loc.file, "roster.csv");
    assert_true(from_csv > 450); /* all but those with pins or personal rules */
    precheck_assert_clean(m);
    assert_witness_clean(c, m);
    rp_cohort_free(&c);
    rp_model_free(&m);
    free(config);
    free(roster);
    scratch_close(&tmp);
}

static void test_bad_parameters_are_refused(void **state)
{
    (void)state;
    static const rp_cohort_params bad[] = {
        {.students = 0, .seed = 1},
        {.students = RP_COHORT_MAX_STUDENTS + 1, .seed = 1},
        {.students = 10, .seed = 1, .weeks = 3},
        {.students = 10, .seed = 1, .weeks = 105},
        {.students = 10, .seed = 1, .hospitals = -1},
        {.students = 10, .seed = 1, .hospitals = 201},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        static rp_cohort dummy;
        rp_cohort *c = &dummy; /* must be cleared */
        const char *why = NULL;
        assert_int_equal(rp_cohort_build(&bad[i], &c, &why), RP_ERR_INVALID);
        assert_null(c);
        assert_non_null(why);
    }
}

/* ---- the command line ---- */

static int run(const char *const *args)
{
    char *argv[32];
    int argc = 0;
    for (; args[argc]; argc++)
        argv[argc] = (char *)args[argc];
    argv[argc] = NULL;
    fflush(stdout);
    return rp_cmd_generate(argc, argv);
}

static void test_cli_writes_config_roster_and_witness(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *config = scratch_path(&s, "cohort.yaml");
    const char *roster = scratch_path(&s, "students.csv");
    const char *witness = scratch_path(&s, "witness.csv");
    const char *args[] = {"generate", "--students", "240", "--seed", "11", "--weeks", "10",
                          "-o", config, "--roster", roster, "--witness", witness, NULL};
    assert_int_equal(run(args), RP_EXIT_OK);

    rp_model *m = load_clean_config(config);
    assert_int_equal(m->n_students, 240);
    assert_int_equal(m->weeks, 10);
    rp_plan *plan = load_plan(m, witness, NULL);
    assert_true(plan->n_rotations >= 240);
    check_plan_clean(m, plan);
    rp_plan_free(&plan);
    rp_model_free(&m);
    char *config_text = file_text(config), *roster_text = file_text(roster);
    assert_non_null(strstr(config_text, "student_file: \"students.csv\""));

    /* an existing file is left as it was, unless --force */
    const char *clash[] = {"generate", "--students", "5", "--seed", "1", "-o", config, NULL};
    assert_int_equal(run(clash), RP_EXIT_USAGE);
    char *kept = file_text(config);
    assert_string_equal(kept, config_text);
    const char *forced[] = {"generate", "--students", "5", "--seed", "1", "-o", config,
                            "--force", NULL};
    assert_int_equal(run(forced), RP_EXIT_OK);
    char *replaced = file_text(config);
    assert_string_not_equal(replaced, config_text);
    assert_null(strstr(replaced, "student_file"));
    char *roster_after = file_text(roster);
    assert_string_equal(roster_after, roster_text);
    assert_int_equal(file_count_in(s.dir), 3);
    free(config_text);
    free(roster_text);
    free(kept);
    free(replaced);
    free(roster_after);
    scratch_close(&s);
}

static void test_cli_same_seed_same_bytes(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *a_yaml = scratch_path(&s, "a.yaml"), *a_csv = scratch_path(&s, "a.csv");
    const char *b_yaml = scratch_path(&s, "b.yaml"), *b_csv = scratch_path(&s, "b.csv");
    const char *c_yaml = scratch_path(&s, "c.yaml");
    const char *a[] = {"generate", "--students", "700", "--seed", "3", "--hospitals", "5",
                       "-o", a_yaml, "--roster", a_csv, NULL};
    const char *b[] = {"generate", "--students=700", "--seed=3", "--hospitals=5",
                       "-o", b_yaml, "--roster", b_csv, NULL};
    const char *c[] = {"generate", "--students", "700", "--seed", "4", "--hospitals", "5",
                       "-o", c_yaml, NULL};
    assert_int_equal(run(a), RP_EXIT_OK);
    assert_int_equal(run(b), RP_EXIT_OK);
    assert_int_equal(run(c), RP_EXIT_OK);
    char *ra = file_text(a_csv), *rb = file_text(b_csv);
    assert_string_equal(ra, rb);
    char *ca = file_text(a_yaml), *cb = file_text(b_yaml), *cc = file_text(c_yaml);
    /* the configs differ only in the roster's name */
    char *sa = strstr(ca, "student_file"), *sb = strstr(cb, "student_file");
    assert_non_null(sa);
    assert_non_null(sb);
    assert_memory_equal(ca, cb, (size_t)(sa - ca));
    assert_string_not_equal(ca, cc);
    free(ra);
    free(rb);
    free(ca);
    free(cb);
    free(cc);
    scratch_close(&s);
}

/* "-o -" is standard output, as no -o is. */
static void test_cli_dash_is_standard_output(void **state)
{
    (void)state;
    cli_run a = cli_rotaplan("generate --students 20 --seed 5");
    cli_run b = cli_rotaplan("generate --students 20 --seed 5 -o -");
    assert_int_equal(a.code, 0);
    assert_int_equal(b.code, 0);
    assert_non_null(strstr(a.out, "Made by: rotaplan generate --students 20 --seed 5"));
    assert_string_equal(a.out, b.out);
    assert_int_equal(access("-", F_OK), -1);
    cli_run_free(&a);
    cli_run_free(&b);
}

static void test_cli_bad_arguments_are_usage_errors(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *out = scratch_path(&s, "out.yaml");
    const char *const cases[][12] = {
        {"generate", NULL},
        {"generate", "--seed", "1", "-o", out, NULL},
        {"generate", "--students", "10", "-o", out, NULL},
        {"generate", "--students", "ten", "--seed", "1", "-o", out, NULL},
        {"generate", "--students", "0", "--seed", "1", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "-4", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "1", "--weeks", "3", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "1", "--hospitals", "0", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "1", "--colour", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "1", "stray", "-o", out, NULL},
        {"generate", "--students", "10", "--seed", "1", "-o", NULL},
        {"generate", "--students", "10", "--seed", "1", "-o", out, "--roster", out, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (run(cases[i]) != RP_EXIT_USAGE)
            fail_msg("case %zu was not a usage error", i);
        assert_false(file_exists(out));
    }
    scratch_close(&s);
}

static void test_cli_failure_leaves_nothing(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *args[] = {"generate", "--students", "50", "--seed", "2",
                          "--roster", scratch_path(&s, "roster.csv"),
                          "--witness", scratch_path(&s, "plan.csv"),
                          "-o", scratch_path(&s, "missing/cohort.yaml"), NULL};
    assert_int_equal(run(args), RP_EXIT_FAILURE);
    assert_int_equal(file_count_in(s.dir), 0); /* no roster, no plan, no temporary file */
    scratch_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_other_seed_other_cohort),
        cmocka_unit_test(test_sizes_and_shapes_load_cleanly),
        cmocka_unit_test(test_roster_holds_the_students),
        cmocka_unit_test(test_bad_parameters_are_refused),
        cmocka_unit_test(test_cli_writes_config_roster_and_witness),
        cmocka_unit_test(test_cli_same_seed_same_bytes),
        cmocka_unit_test(test_cli_dash_is_standard_output),
        cmocka_unit_test(test_cli_bad_arguments_are_usage_errors),
        cmocka_unit_test(test_cli_failure_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
