/*
 * rotaplan export: the integer program as CPLEX LP and free MPS files that
 * GLPK and cbc read, with readable names made valid for the format, written
 * whole or not at all. The solvers' optimum on the exported file is the one
 * rotaplan finds (tests/data/form/export.yaml works it out: 7).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "model/load.h"

#define DIR "tests/data/form/"
#define CONFIG DIR "export.yaml"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

typedef struct tmp {
    char dir[64];
    char path[128];
} tmp;

static void tmp_make(tmp *t, const char *name)
{
    strcpy(t->dir, "/tmp/rotaplan-export-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
}

/* Nothing but the file itself may be left in the directory. */
static void tmp_remove(tmp *t)
{
    unlink(t->path);
    assert_int_equal(rmdir(t->dir), 0);
}

/* Runs a shell command; returns its exit code and its stdout in *out. */
static int shell(const char *cmd, char **out)
{
    char path[] = "/tmp/rotaplan-export-out-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char full[2048];
    snprintf(full, sizeof full, "%s >%s 2>&1", cmd, path);
    int status = system(full);
    *out = slurp(path);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool have(const char *program)
{
    char cmd[256], *out;
    snprintf(cmd, sizeof cmd, "command -v %s", program);
    int code = shell(cmd, &out);
    free(out);
    return code == 0;
}

static rp_form *build(rp_model **m)
{
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_load_config(CONFIG, m, &d), RP_OK);
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(*m, NULL, &f), RP_OK);
    rp_diags_clear(&d);
    return f;
}

static void test_lp_names_and_solvers(void **state)
{
    (void)state;
    rp_model *m = NULL;
    rp_form *f = build(&m);
    tmp t;
    tmp_make(&t, "model.lp");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(f->lp, t.path, RP_LP_FILE_CPLEX, &d), RP_OK);
    assert_int_equal(d.count, 0);
    char *text = slurp(t.path);
    assert_non_null(text);
    assert_non_null(strstr(text, "Maximize\n score: + score(S.01) + score(S~2) + worst\n"));
    assert_non_null(strstr(text, " - 2 x(S.01,bai~chay@gs.1,w1)"));
    assert_non_null(strstr(text, "requirement(S~2,1): "));
    assert_non_null(strstr(text, "worst free"));
    free(text);
    char cmd[512], *out;
    if (have("glpsol")) {
        snprintf(cmd, sizeof cmd, "glpsol --lp %s -o /dev/stdout", t.path);
        assert_int_equal(shell(cmd, &out), 0);
        assert_non_null(strstr(out, "Objective:  score = 7 (MAXimum)"));
        free(out);
    }
    if (have("cbc")) {
        snprintf(cmd, sizeof cmd, "cbc %s solve", t.path);
        assert_int_equal(shell(cmd, &out), 0);
        assert_null(strstr(out, "###")); /* CoinLpIO complains about any name it refuses */
        assert_non_null(strstr(out, "Objective value:                7.0"));
        free(out);
    }
    tmp_remove(&t);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* MPS has no direction: the file minimises the negated score. */
static void test_mps_solvers(void **state)
{
    (void)state;
    rp_model *m = NULL;
    rp_form *f = build(&m);
    tmp t;
    tmp_make(&t, "model.mps");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(f->lp, t.path, RP_LP_FILE_MPS, &d), RP_OK);
    char *text = slurp(t.path);
    assert_non_null(strstr(text, " x[S.01,bai-chay/gs.1,w1] "));
    free(text);
    char cmd[512], *out;
    if (have("glpsol")) {
        snprintf(cmd, sizeof cmd, "glpsol --freemps %s -o /dev/stdout", t.path);
        assert_int_equal(shell(cmd, &out), 0);
        assert_non_null(strstr(out, "= -7 (MINimum)"));
        free(out);
    }
    if (have("cbc")) {
        snprintf(cmd, sizeof cmd, "cbc %s solve", t.path);
        assert_int_equal(shell(cmd, &out), 0);
        assert_non_null(strstr(out, "Objective value:                -7.0"));
        free(out);
    }
    tmp_remove(&t);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* A name no LP reader takes (too long) becomes a generic one; names stay
 * distinct. */
static void test_long_and_odd_names(void **state)
{
    (void)state;
    rp_lp *lp = rp_lp_new(true, true);
    char longname[300];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    int a = rp_lp_add_col(lp, RP_LP_BINARY, 0, 1, 1, "%s", longname);
    int b = rp_lp_add_col(lp, RP_LP_BINARY, 0, 1, 1, "tab\there");
    int row = rp_lp_add_row(lp, -RP_LP_INF, 1, "both");
    rp_lp_add_coef(lp, row, a, 1);
    rp_lp_add_coef(lp, row, b, 1);
    tmp t;
    tmp_make(&t, "odd.lp");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(lp, t.path, RP_LP_FILE_CPLEX, &d), RP_OK);
    char *text = slurp(t.path);
    assert_non_null(strstr(text, "c_1"));
    assert_non_null(strstr(text, "tab_here"));
    free(text);
    tmp_remove(&t);
    tmp_make(&t, "odd.mps");
    assert_int_equal(rp_glpk_write(lp, t.path, RP_LP_FILE_MPS, &d), RP_OK);
    text = slurp(t.path);
    assert_non_null(strstr(text, "tab_here"));
    free(text);
    tmp_remove(&t);
    rp_lp_free(&lp);
}

static void test_unwritable(void **state)
{
    (void)state;
    rp_model *m = NULL;
    rp_form *f = build(&m);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(f->lp, "/nonexistent-rotaplan-dir/m.lp", RP_LP_FILE_CPLEX, &d),
                     RP_ERR_IO);
    assert_int_equal(d.n_errors, 1);
    /* the same words as every other file rotaplan writes (base/atomic_file.h) */
    assert_string_equal(d.items[0].file, "/nonexistent-rotaplan-dir/m.lp");
    assert_non_null(strstr(d.items[0].message, "cannot create a temporary file next to it"));
    rp_diags_clear(&d);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* --- rotaplan export, end to end ---------------------------------------- */

static int rotaplan(const char *args, char **out)
{
    const char *bin = getenv("ROTAPLAN");
    if (!bin || !*bin)
        skip();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s", bin, args);
    return shell(cmd, out);
}

static void test_cli(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t, "model.lp");
    /* an existing file is replaced, not appended to */
    FILE *old = fopen(t.path, "w");
    fputs("old content\n", old);
    fclose(old);
    char args[512], *out;
    snprintf(args, sizeof args, "export " CONFIG " --lp %s", t.path);
    assert_int_equal(rotaplan(args, &out), 0);
    char expect[256];
    snprintf(expect, sizeof expect, "wrote %s: 14 rows, 11 columns (8 binaries, 3 other integers)",
             t.path);
    assert_non_null(strstr(out, expect));
    free(out);
    char *text = slurp(t.path);
    assert_null(strstr(text, "old content"));
    assert_non_null(strstr(text, "x(S~2,city@general~surgery,w1)"));
    free(text);
    tmp_remove(&t);

    tmp_make(&t, "model.mps");
    snprintf(args, sizeof args, "export " CONFIG " --mps %s", t.path);
    assert_int_equal(rotaplan(args, &out), 0);
    free(out);
    assert_int_equal(access(t.path, F_OK), 0);
    tmp_remove(&t);

    static const struct {
        const char *args, *message;
    } bad[] = {
        {"export", "missing CONFIG"},
        {"export " CONFIG, "missing '--lp FILE' or '--mps FILE'"},
        {"export " CONFIG " --lp a.lp --mps b.mps", "give one of '--lp' and '--mps', once"},
        {"export " CONFIG " --lp a.lp --lp b.lp", "give one of '--lp' and '--mps', once"},
        {"export " CONFIG " --lp", "'--lp' needs a file name"},
        {"export " CONFIG " --xml x", "unknown option '--xml'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(rotaplan(bad[i].args, &out), 2);
        char want[256];
        snprintf(want, sizeof want,
                 "rotaplan export: %s\nusage: rotaplan export CONFIG --lp FILE | --mps FILE\n",
                 bad[i].message);
        if (!strstr(out, want))
            fail_msg("'%s' printed:\n%s", bad[i].args, out);
        free(out);
    }
    assert_int_equal(access("a.lp", F_OK), -1);
    assert_int_equal(rotaplan("export --help", &out), 0);
    assert_non_null(strstr(out, "--mps FILE"));
    free(out);
    assert_int_equal(rotaplan("export " DIR "invalid.yaml --lp /tmp/never-written.lp", &out), 3);
    free(out);
    assert_int_equal(access("/tmp/never-written.lp", F_OK), -1);
    assert_int_equal(rotaplan("export " CONFIG " --lp /nonexistent-rotaplan-dir/m.lp", &out), 6);
    assert_non_null(strstr(out, "/nonexistent-rotaplan-dir/m.lp: error: cannot create a temporary "
                                "file next to it"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lp_names_and_solvers),
        cmocka_unit_test(test_mps_solvers),
        cmocka_unit_test(test_long_and_odd_names),
        cmocka_unit_test(test_unwritable),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
