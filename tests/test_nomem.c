/*
 * Out of memory everywhere: every allocation of loading a config (YAML and a
 * CSV student list), the pre-checks, building the integer program, reading a
 * plan in each format, checking it and writing it is made to fail in turn
 * (tests/inject/alloc_fail.h), first alone, then with every allocation after it.
 * Each failure must come back as RP_ERR_NOMEM (a failed fopen included), leak nothing
 * and leave no temporary file; the same step without a failure must succeed.
 * The one failure that may pass unnoticed is stdio's buffer: the C library
 * then reads and writes unbuffered, and the step is right to go on.
 *
 * Then the same through the rotaplan binary ($ROTAPLAN, with the allocator
 * preloaded from $BUILD/tests/inject/alloc_fail.so): check, export, diagnose
 * and solve on a small config, every allocation failing with all after it
 * (solve: every 40th, unless RP_NOMEM_FULL=1), must each end with exit 6 and a
 * message saying memory ran out, never a signal, and leave no file behind.
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
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/check.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"
#include "solver/form/form.h"
#include "tests/inject/alloc_fail.h"

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

/* --- through the binary ------------------------------------------------- */

#define SMALL "tests/data/form/changes.yaml"

/* What a run of rotaplan with the preloaded allocator did. */
struct cli_outcome {
    int status;              /* as from waitpid */
    long calls;              /* allocations asked for */
    bool failed, stdio_only; /* one failed; the first failure was stdio's buffer */
    char err[4096];          /* the start of stderr */
    char site[4096];         /* where the first failure was asked for */
};

/* Runs rotaplan argv (argv[0] unused) with the n-th and every later
 * allocation failing (n = 0: none). */
static struct cli_outcome run_failing(char *argv[], long n)
{
    const char *bin = getenv("ROTAPLAN"), *build = getenv("BUILD");
    if (!bin || !*bin)
        skip();
    char preload[256], at[64], report[128], err_path[128];
    snprintf(preload, sizeof preload, "LD_PRELOAD=%s/tests/inject/alloc_fail.so",
             build && *build ? build : "build");
    snprintf(at, sizeof at, "RP_ALLOC_FAIL_AT=%ld", n);
    snprintf(report, sizeof report, "RP_ALLOC_FAIL_REPORT=%s/report", ctx.dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", ctx.dir);
    char *env[] = {preload, at, "RP_ALLOC_FAIL_ALL=1", report, "LC_ALL=C", NULL};
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int out = open("/dev/null", O_WRONLY), err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC,
                                                            0600);
        if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        argv[0] = (char *)bin;
        execve(bin, argv, env);
        _exit(127);
    }
    struct cli_outcome o = {0};
    assert_int_equal(waitpid(pid, &o.status, 0), pid);
    char path[160];
    snprintf(path, sizeof path, "%s/report", ctx.dir);
    FILE *f = fopen(path, "r");
    int failed = 0, stdio_only = 0;
    if (f) {
        if (fscanf(f, "%ld %d %d", &o.calls, &failed, &stdio_only) != 3)
            o.calls = -1;
        o.site[fread(o.site, 1, sizeof o.site - 1, f)] = '\0';
        fclose(f);
        unlink(path);
    }
    o.failed = failed;
    o.stdio_only = stdio_only;
    f = fopen(err_path, "r");
    if (f) {
        o.err[fread(o.err, 1, sizeof o.err - 1, f)] = '\0';
        fclose(f);
        unlink(err_path);
    }
    return o;
}

/* Walks argv's allocations from the first: every `stride`-th below `from`
 * (another walk covers those), every `own_stride`-th from there. Returns how
 * many runs. */
static long walk_cli(const char *name, char *argv[], long from, int stride, int own_stride,
                     int normal_exit)
{
    struct cli_outcome base = run_failing(argv, 0);
    if (!WIFEXITED(base.status) || WEXITSTATUS(base.status) != normal_exit)
        fail_msg("%s without failures: status %d\n%s", name, base.status, base.err);
    int files = files_in(ctx.dir);
    long runs = 0;
    for (long n = 1; n <= base.calls; n += n < from ? stride : own_stride) {
        struct cli_outcome o = run_failing(argv, n);
        runs++;
        if (WIFSIGNALED(o.status))
            fail_msg("%s, allocation %ld of %ld failing: killed by signal %d\n%s", name, n,
                     base.calls, WTERMSIG(o.status), o.err);
        int code = WEXITSTATUS(o.status);
        bool told = code == 6 && strstr(o.err, "out of memory");
        bool ok = !o.failed ? code == normal_exit : told || (o.stdio_only && code == normal_exit);
        if (!ok)
            fail_msg("%s, allocation %ld of %ld failing: exit %d, stderr:\n%s\nasked for by:%s",
                     name, n, base.calls, code, o.err, o.site);
        if (files_in(ctx.dir) != files)
            fail_msg("%s, allocation %ld failing: a file was left behind", name, n);
    }
    print_message("%-36s %6ld allocations, %ld runs\n", name, base.calls, runs);
    return runs;
}

static void test_cli(void **state)
{
    (void)state;
    char plan[128], lp[128], out[128];
    snprintf(plan, sizeof plan, "%s/small-plan.csv", ctx.dir);
    snprintf(lp, sizeof lp, "%s/small.lp", ctx.dir);
    snprintf(out, sizeof out, "%s/new-plan.csv", ctx.dir);
    FILE *f = fopen(plan, "w");
    assert_non_null(f);
    fputs("student,week,hospital,department,discipline\nS1,1,h2,b,b\nS1,2,,,\n"
          "S1,3,h1,a,a\nS1,4,h1,c,c\n", f);
    assert_int_equal(fclose(f), 0);
    char *check[] = {"", "check", SMALL, plan, NULL};
    char *export[] = {"", "export", SMALL, "--lp", lp, NULL};
    char *diagnose[] = {"", "diagnose", SMALL, "--quiet", NULL};
    char *solve[] = {"", "solve", SMALL, "-o", out, "--quiet", NULL};
    /* check walks the loading every command shares; the others skip
     * through it and walk what is their own */
    long shared = run_failing(check, 0).calls - 30;
    walk_cli("rotaplan check", check, 0, 1, 1, 0);
    walk_cli("rotaplan export --lp", export, shared, 13, 1, 0);
    unlink(lp);
    walk_cli("rotaplan diagnose", diagnose, shared, 13, 1, 0);
    /* a solve spends a few tenths of a second searching: every 40th of its
     * own allocations by default, every one with RP_NOMEM_FULL=1 */
    const char *full = getenv("RP_NOMEM_FULL");
    walk_cli("rotaplan solve", solve, shared, 13, full && *full == '1' ? 1 : 40, 0);
    unlink(out);
    unlink(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_yaml),         cmocka_unit_test(test_load_csv_students),
        cmocka_unit_test(test_precheck),          cmocka_unit_test(test_precheck_findings),
        cmocka_unit_test(test_formulation),
        cmocka_unit_test(test_read_and_check),    cmocka_unit_test(test_write),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
