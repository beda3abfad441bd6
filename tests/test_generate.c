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

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/check.h"
#include "solver/cli/commands.h"
#include "solver/gen/cohort.h"
#include "solver/gen/emit.h"
#include "solver/gen/witness.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"

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
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, plan, &r), RP_OK);
    for (int i = 0; i < r->n_violations && i < 5; i++)
        fprintf(stderr, "violation: %s\n", r->violations[i].message);
    assert_int_equal(r->n_violations, 0);
    int rotations = 0;
    for (int s = 0; s < c->n_students; s++)
        rotations += c->students[s].n_rotations;
    assert_int_equal(plan->n_rotations, rotations);
    rp_check_report_free(&r);
    rp_plan_free(&plan);
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
        rp_cohort *c = NULL;
        generate_cohort(cases[i], NULL, &text, NULL, &c);
        rp_model *m = load_clean_string("generated.yaml", text);
        assert_int_equal(m->n_students, cases[i].students);
        assert_int_equal(m->weeks, cases[i].weeks ? cases[i].weeks : RP_COHORT_DEFAULT_WEEKS);
        if (cases[i].hospitals)
            assert_int_equal(m->n_hospitals, cases[i].hospitals);
        assert_true(m->n_programmes >= 2);
        assert_prechecks_pass(m);
        assert_witness_clean(c, m);
        rp_cohort_free(&c);
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
    rp_cohort *c = NULL;
    generate_cohort((rp_cohort_params){.students = 500, .seed = 9}, "roster.csv", &config, &roster,
                    &c);
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
    assert_witness_clean(c, m);
    rp_cohort_free(&c);
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

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, out);
    fclose(f);
    fclose(out);
    return text;
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* A fresh directory and paths inside it. */
struct scratch {
    char dir[64];
    char path[8][128];
};

static void scratch_open(struct scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/rotaplan-test-generate-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
}

static const char *in(struct scratch *s, int slot, const char *name)
{
    snprintf(s->path[slot], sizeof s->path[slot], "%s/%s", s->dir, name);
    return s->path[slot];
}

/* Removes the directory; it holds no subdirectory. */
static void scratch_close(struct scratch *s)
{
    DIR *d = opendir(s->dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[320];
        snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
        assert_int_equal(unlink(path), 0);
    }
    closedir(d);
    assert_int_equal(rmdir(s->dir), 0);
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_cli_writes_config_roster_and_witness(void **state)
{
    (void)state;
    struct scratch s;
    scratch_open(&s);
    const char *config = in(&s, 0, "cohort.yaml"), *roster = in(&s, 1, "students.csv");
    const char *witness = in(&s, 2, "witness.csv");
    const char *args[] = {"generate", "--students", "240", "--seed", "11", "--weeks", "10",
                          "-o", config, "--roster", roster, "--witness", witness, NULL};
    assert_int_equal(run(args), RP_EXIT_OK);

    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    assert_int_equal(rp_load_config(config, &m, &d), RP_OK);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(m->n_students, 240);
    assert_int_equal(m->weeks, 10);
    rp_plan *plan = NULL;
    assert_int_equal(rp_plan_read(m, witness, RP_FORMAT_AUTO, &plan, &d), RP_OK);
    assert_true(plan->n_rotations >= 240);
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, plan, &r), RP_OK);
    assert_int_equal(r->n_violations, 0);
    rp_check_report_free(&r);
    rp_plan_free(&plan);
    rp_model_free(&m);
    rp_diags_clear(&d);
    char *config_text = slurp(config), *roster_text = slurp(roster);
    assert_non_null(strstr(config_text, "student_file: \"students.csv\""));

    /* an existing file is left as it was, unless --force */
    const char *clash[] = {"generate", "--students", "5", "--seed", "1", "-o", config, NULL};
    assert_int_equal(run(clash), RP_EXIT_USAGE);
    char *kept = slurp(config);
    assert_string_equal(kept, config_text);
    const char *forced[] = {"generate", "--students", "5", "--seed", "1", "-o", config,
                            "--force", NULL};
    assert_int_equal(run(forced), RP_EXIT_OK);
    char *replaced = slurp(config);
    assert_string_not_equal(replaced, config_text);
    assert_null(strstr(replaced, "student_file"));
    char *roster_after = slurp(roster);
    assert_string_equal(roster_after, roster_text);
    assert_int_equal(entries(s.dir), 3);
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
    struct scratch s;
    scratch_open(&s);
    const char *a[] = {"generate", "--students", "700", "--seed", "3", "--hospitals", "5",
                       "-o", in(&s, 0, "a.yaml"), "--roster", in(&s, 1, "a.csv"), NULL};
    const char *b[] = {"generate", "--students=700", "--seed=3", "--hospitals=5",
                       "-o", in(&s, 2, "b.yaml"), "--roster", in(&s, 3, "b.csv"), NULL};
    const char *c[] = {"generate", "--students", "700", "--seed", "4", "--hospitals", "5",
                       "-o", in(&s, 4, "c.yaml"), NULL};
    assert_int_equal(run(a), RP_EXIT_OK);
    assert_int_equal(run(b), RP_EXIT_OK);
    assert_int_equal(run(c), RP_EXIT_OK);
    char *ra = slurp(s.path[1]), *rb = slurp(s.path[3]);
    assert_string_equal(ra, rb);
    char *ca = slurp(s.path[0]), *cb = slurp(s.path[2]), *cc = slurp(s.path[4]);
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

static void test_cli_bad_arguments_are_usage_errors(void **state)
{
    (void)state;
    struct scratch s;
    scratch_open(&s);
    const char *out = in(&s, 0, "out.yaml");
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
        assert_false(exists(out));
    }
    scratch_close(&s);
}

static void test_cli_failure_leaves_nothing(void **state)
{
    (void)state;
    struct scratch s;
    scratch_open(&s);
    const char *args[] = {"generate", "--students", "50", "--seed", "2",
                          "--roster", in(&s, 0, "roster.csv"),
                          "--witness", in(&s, 1, "plan.csv"),
                          "-o", in(&s, 2, "missing/cohort.yaml"), NULL};
    assert_int_equal(run(args), RP_EXIT_FAILURE);
    assert_int_equal(entries(s.dir), 0); /* no roster, no plan, no temporary file */
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
        cmocka_unit_test(test_cli_bad_arguments_are_usage_errors),
        cmocka_unit_test(test_cli_failure_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
