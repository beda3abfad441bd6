/*
 * Out of memory everywhere: every allocation of loading a config (YAML and a
 * CSV student list), the pre-checks, building the integer program, reading a
 * plan in each format, checking it and writing it is made to fail in turn
 * (tests/nomem/alloc_fail.h), first alone, then with every allocation after it.
 * Each failure must come back as RP_ERR_NOMEM (a failed fopen included), leak nothing
 * and leave no temporary file; the same step without a failure must succeed.
 * The one failure that may pass unnoticed is stdio's buffer: the C library
 * then reads and writes unbuffered, and the step is right to go on.
 *
 * The allocator replaces glibc's, so this program is not built for the
 * sanitizer run (make asan-test skips it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/check.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"
#include "solver/form/form.h"
#include "tests/nomem/alloc_fail.h"

#define TUTORIAL "configs/tutorial.yaml"
#define TUTORIAL_PLAN "tests/data/configs/tutorial-witness.csv"
#define ROSTER_CONFIG "tests/data/load/full.yaml"

/* What every step works on, made before the walk (without failures). */
static struct {
    rp_model *model;
    rp_plan *plan;
    char dir[64];          /* temporary directory for plan files */
    char plan_path[3][128]; /* the plan in CSV, YAML and JSON */
    rp_plan_format format; /* of the step at hand */
    const char *config;    /* of the step at hand */
} ctx;

static const rp_plan_format formats[3] = {RP_FORMAT_CSV, RP_FORMAT_YAML, RP_FORMAT_JSON};

/* A step returns its status and frees whatever it made. `diags` gets its
 * diagnostics (the walk reads them, then clears them). */
typedef rp_status (*step_fn)(rp_diags *diags);

static rp_status step_load(rp_diags *diags)
{
    rp_model *m = NULL;
    rp_status st = rp_load_config(ctx.config, &m, diags);
    rp_model_free(&m);
    return st;
}

static rp_status step_precheck(rp_diags *diags)
{
    (void)diags;
    rp_findings f;
    rp_findings_init(&f);
    rp_status st = rp_precheck(ctx.model, &f);
    rp_findings_clear(&f);
    return st;
}

static rp_status step_form(rp_diags *diags)
{
    (void)diags;
    rp_form_options opt;
    rp_form_options_init(&opt);
    rp_form *f = NULL;
    rp_status st = rp_form_build(ctx.model, &opt, &f);
    rp_form_free(&f);
    return st;
}

static rp_status step_read_and_check(rp_diags *diags)
{
    int k = ctx.format == RP_FORMAT_CSV ? 0 : ctx.format == RP_FORMAT_YAML ? 1 : 2;
    rp_plan *plan = NULL;
    rp_status st = rp_plan_read(ctx.model, ctx.plan_path[k], ctx.format, &plan, diags);
    rp_check_report *report = NULL;
    if (st == RP_OK)
        st = rp_check_plan(ctx.model, plan, &report);
    if (st == RP_OK && report->n_violations != 0)
        fail_msg("the witness plan breaks %d rules", report->n_violations);
    rp_check_report_free(&report);
    rp_plan_free(&plan);
    return st;
}

static rp_status step_write(rp_diags *diags)
{
    char path[128];
    snprintf(path, sizeof path, "%s/written", ctx.dir);
    rp_status st = rp_plan_write(ctx.model, ctx.plan, path, ctx.format, TUTORIAL, diags);
    unlink(path);
    return st;
}

static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* Fails each allocation of step in turn, alone (all = false) or with every
 * later one; returns how many allocations the step makes. */
static long walk(const char *name, step_fn step, bool all)
{
    rp_diags diags;
    rp_diags_init(&diags);
    alloc_fail_arm(0, false);
    long live = alloc_fail_live();
    if (step(&diags) != RP_OK) {
        rp_diags_print(&diags, stderr, 10);
        fail_msg("%s fails without an allocation failure", name);
    }
    rp_diags_clear(&diags);
    long total = alloc_fail_calls();
    assert_int_equal(alloc_fail_live(), live);
    int files = files_in(ctx.dir);
    for (long n = 1; n <= total; n++) {
        alloc_fail_arm(n, all);
        rp_status st = step(&diags);
        bool hit = alloc_fail_hit();
        alloc_fail_arm(0, false);
        /* stdio without memory for its buffer reads and writes unbuffered:
         * nothing is lost, so going on is right there */
        bool ok = hit ? st == RP_ERR_NOMEM ||
                            (st == RP_OK && alloc_fail_site_has("_IO_file_doallocate"))
                      : st == RP_OK;
        if (!ok) {
            rp_diags_print(&diags, stderr, 10);
            fprintf(stderr, "the failed allocation was asked for by:\n");
            alloc_fail_print_site(2);
            fail_msg("%s, allocation %ld of %ld failing%s: %s", name, n, total,
                     all ? " with all after it" : "", rp_status_str(st));
        }
        rp_diags_clear(&diags);
        if (alloc_fail_live() != live)
            fail_msg("%s, allocation %ld of %ld failing%s: %ld blocks leaked", name, n, total,
                     all ? " with all after it" : "", alloc_fail_live() - live);
        if (files_in(ctx.dir) != files)
            fail_msg("%s, allocation %ld failing: a file was left behind", name, n);
    }
    return total;
}

static void walk_both(const char *name, step_fn step)
{
    long total = walk(name, step, false);
    walk(name, step, true);
    print_message("%-36s %6ld allocations, each failed alone and with all after it\n", name,
                  total);
}

static int setup(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    if (rp_load_config(TUTORIAL, &ctx.model, &d) != RP_OK ||
        rp_plan_read(ctx.model, TUTORIAL_PLAN, RP_FORMAT_CSV, &ctx.plan, &d) != RP_OK) {
        rp_diags_print(&d, stderr, 10);
        return -1;
    }
    strcpy(ctx.dir, "/tmp/rotaplan-nomem-XXXXXX");
    if (!mkdtemp(ctx.dir))
        return -1;
    static const char *const ext[3] = {"csv", "yaml", "json"};
    for (int k = 0; k < 3; k++) {
        snprintf(ctx.plan_path[k], sizeof ctx.plan_path[k], "%s/plan.%s", ctx.dir, ext[k]);
        if (rp_plan_write(ctx.model, ctx.plan, ctx.plan_path[k], formats[k], TUTORIAL, &d))
            return -1;
    }
    rp_diags_clear(&d);
    /* first uses inside the C library (stdio buffers, locale) happen here,
     * not inside a walk, where they would look like leaks */
    rp_diags_init(&d);
    step_load(&d);
    step_read_and_check(&d);
    step_write(&d);
    rp_diags_clear(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++)
        unlink(ctx.plan_path[k]);
    rmdir(ctx.dir);
    rp_plan_free(&ctx.plan);
    rp_model_free(&ctx.model);
    return 0;
}

static void test_load_yaml(void **state)
{
    (void)state;
    ctx.config = TUTORIAL;
    walk_both("load " TUTORIAL, step_load);
}

static void test_load_csv_students(void **state)
{
    (void)state;
    ctx.config = ROSTER_CONFIG;
    walk_both("load " ROSTER_CONFIG, step_load);
}

static void test_precheck(void **state)
{
    (void)state;
    walk_both("pre-checks", step_precheck);
}

/* Configs on which each kind of pre-check has a finding to report. */
static void test_precheck_findings(void **state)
{
    (void)state;
    static const char *const configs[] = {
        "tests/data/precheck/demand.yaml",       "tests/data/precheck/minimum_many.yaml",
        "tests/data/precheck/pins.yaml",         "tests/data/precheck/prerequisite.yaml",
        "tests/data/precheck/requirement.yaml",  "tests/data/precheck/student_time.yaml",
        "tests/data/precheck/pin_prerequisite.yaml",
    };
    rp_model *tutorial = ctx.model;
    for (size_t i = 0; i < sizeof configs / sizeof *configs; i++) {
        rp_diags d;
        rp_diags_init(&d);
        ctx.model = NULL;
        assert_int_equal(rp_load_config(configs[i], &ctx.model, &d), RP_OK);
        rp_diags_clear(&d);
        char name[128];
        snprintf(name, sizeof name, "pre-checks %s", strrchr(configs[i], '/') + 1);
        walk_both(name, step_precheck);
        rp_model_free(&ctx.model);
    }
    ctx.model = tutorial;
}

static void test_formulation(void **state)
{
    (void)state;
    walk_both("integer program", step_form);
}

static void test_read_and_check(void **state)
{
    (void)state;
    static const char *const names[3] = {"read CSV plan, check", "read YAML plan, check",
                                         "read JSON plan, check"};
    for (int k = 0; k < 3; k++) {
        ctx.format = formats[k];
        walk_both(names[k], step_read_and_check);
    }
}

static void test_write(void **state)
{
    (void)state;
    static const char *const names[3] = {"write CSV plan", "write YAML plan", "write JSON plan"};
    for (int k = 0; k < 3; k++) {
        ctx.format = formats[k];
        walk_both(names[k], step_write);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_yaml),         cmocka_unit_test(test_load_csv_students),
        cmocka_unit_test(test_precheck),          cmocka_unit_test(test_precheck_findings),
        cmocka_unit_test(test_formulation),
        cmocka_unit_test(test_read_and_check),    cmocka_unit_test(test_write),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
