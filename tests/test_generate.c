/* The cohort generator: the same seed gives the same bytes, another seed
 * another cohort; every generated config, of any size and shape, loads
 * cleanly and passes the static pre-checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen_cohort.h"
#include "gen_emit.h"
#include "load.h"
#include "precheck.h"

/* The config (and roster, when roster is not NULL) of params as strings. */
static void generate(rp_cohort_params params, const char *student_file, char **config,
                     char **roster)
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
    rp_cohort_free(&c);
}

static rp_model *load_clean_string(const char *name, const char *text)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    rp_status st = rp_load_config_string(name, text, &m, &d);
    if (d.count)
        rp_diags_print(&d, stderr, 5);
    assert_int_equal(st, RP_OK);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 0);
    rp_diags_clear(&d);
    return m;
}

static void assert_prechecks_pass(const rp_model *m)
{
    rp_findings f;
    rp_findings_init(&f);
    assert_int_equal(rp_precheck(m, &f), RP_OK);
    for (int i = 0; i < f.count && i < 5; i++)
        fprintf(stderr, "finding: %s\n", f.items[i].message);
    assert_int_equal(f.count, 0);
    rp_findings_clear(&f);
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
        generate(cases[i], NULL, &text, NULL);
        rp_model *m = load_clean_string("generated.yaml", text);
        assert_int_equal(m->n_students, cases[i].students);
        assert_int_equal(m->weeks, cases[i].weeks ? cases[i].weeks : RP_COHORT_DEFAULT_WEEKS);
        if (cases[i].hospitals)
            assert_int_equal(m->n_hospitals, cases[i].hospitals);
        assert_true(m->n_programmes >= 2);
        assert_prechecks_pass(m);
        rp_model_free(&m);
        free(text);
    }
}

static void test_roster_holds_the_students(void **state)
{
    (void)state;
    char dir[] = "/tmp/rotaplan-test-generate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char roster_path[256], config_name[256];
    snprintf(roster_path, sizeof roster_path, "%s/roster.csv", dir);
    snprintf(config_name, sizeof config_name, "%s/cohort.yaml", dir);
    char *config, *roster;
    generate((rp_cohort_params){.students = 500, .seed = 9}, "roster.csv", &config, &roster);
    FILE *f = fopen(roster_path, "w");
    assert_non_null(f);
    fputs(roster, f);
    assert_int_equal(fclose(f), 0);
    rp_model *m = load_clean_string(config_name, config);
    assert_int_equal(m->n_students, 500);
    int from_csv = 0;
    for (int s = 0; s < m->n_students; s++)
        from_csv += m->students[s].loc.file && strstr(m->students[s].loc.file, "roster.csv");
    assert_true(from_csv > 450); /* all but those with pins or personal rules */
    assert_prechecks_pass(m);
    rp_model_free(&m);
    free(config);
    free(roster);
    unlink(roster_path);
    rmdir(dir);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_other_seed_other_cohort),
        cmocka_unit_test(test_sizes_and_shapes_load_cleanly),
        cmocka_unit_test(test_roster_holds_the_students),
        cmocka_unit_test(test_bad_parameters_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
