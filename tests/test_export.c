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
#include <unistd.h>

#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DIR "tests/data/form/"
#define CONFIG DIR "export.yaml"

/* Nothing but the files written may be left in the directory: no temporary
 * file of the atomic writer. */
static void close_holding(scratch *s, int files)
{
    assert_int_equal(file_count_in(s->dir), files);
    scratch_close(s);
}

/* Where program (another solver) is installed, it solves the exported file
 * (args: its words, with %s for the path) and says `says`. */
static void solve_with(const char *program, const char *args, const char *path, const char *says)
{
    if (!cli_on_path(program))
        return;
    char words[512];
    snprintf(words, sizeof words, args, path);
    cli_run r = cli_program(program, words);
    assert_int_equal(r.code, 0);
    /* CoinLpIO (cbc) complains with ### about any name it refuses */
    assert_null(strstr(r.out, "###"));
    assert_null(strstr(r.err, "###"));
    assert_non_null(strstr(r.out, says));
    cli_run_free(&r);
}

static rp_form *build(rp_model **m)
{
    *m = load_config(CONFIG);
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(*m, NULL, &f), RP_OK);
    return f;
}

static void test_lp_names_and_solvers(void **state)
{
    (void)state;
    rp_model *m = NULL;
    rp_form *f = build(&m);
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "model.lp");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(f->lp, path, RP_LP_FILE_CPLEX, &d), RP_OK);
    assert_int_equal(d.count, 0);
    char *text = file_text(path);
    assert_non_null(strstr(text, "Maximize\n score: + score(S.01) + score(S~2) + worst\n"));
    assert_non_null(strstr(text, " - 2 x(S.01,bai~chay@gs.1,w1)"));
    assert_non_null(strstr(text, "requirement(S~2,1): "));
    assert_non_null(strstr(text, "worst free"));
    free(text);
    solve_with("glpsol", "--lp %s -o /dev/stdout", path, "Objective:  score = 7 (MAXimum)");
    solve_with("cbc", "%s solve", path, "Objective value:                7.0");
    close_holding(&s, 1);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* MPS has no direction: the file minimises the negated score. */
static void test_mps_solvers(void **state)
{
    (void)state;
    rp_model *m = NULL;
    rp_form *f = build(&m);
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "model.mps");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(f->lp, path, RP_LP_FILE_MPS, &d), RP_OK);
    char *text = file_text(path);
    assert_non_null(strstr(text, " x[S.01,bai-chay/gs.1,w1] "));
    free(text);
    solve_with("glpsol", "--freemps %s -o /dev/stdout", path, "= -7 (MINimum)");
    solve_with("cbc", "%s solve", path, "Objective value:                -7.0");
    close_holding(&s, 1);
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
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "odd.lp");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_glpk_write(lp, path, RP_LP_FILE_CPLEX, &d), RP_OK);
    char *text = file_text(path);
    assert_non_null(strstr(text, "c_1"));
    assert_non_null(strstr(text, "tab_here"));
    free(text);
    path = scratch_path(&s, "odd.mps");
    assert_int_equal(rp_glpk_write(lp, path, RP_LP_FILE_MPS, &d), RP_OK);
    text = file_text(path);
    assert_non_null(strstr(text, "tab_here"));
    free(text);
    close_holding(&s, 2);
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

static void test_cli(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "model.lp");
    /* an existing file is replaced, not appended to */
    file_write(path, "old content\n");
    char args[512];
    snprintf(args, sizeof args, "export " CONFIG " --lp %s", path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    char expect[256];
    snprintf(expect, sizeof expect, "wrote %s: 14 rows, 11 columns (8 binaries, 3 other integers)",
             path);
    assert_non_null(strstr(r.out, expect));
    cli_run_free(&r);
    char *text = file_text(path);
    assert_null(strstr(text, "old content"));
    assert_non_null(strstr(text, "x(S~2,city@general~surgery,w1)"));
    free(text);

    path = scratch_path(&s, "model.mps");
    snprintf(args, sizeof args, "export " CONFIG " --mps %s", path);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 0);
    cli_run_free(&r);
    assert_int_equal(access(path, F_OK), 0);
    close_holding(&s, 2);

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
        r = cli_rotaplan(bad[i].args);
        assert_int_equal(r.code, 2);
        char want[256];
        snprintf(want, sizeof want,
                 "rotaplan export: %s\nusage: rotaplan export CONFIG --lp FILE | --mps FILE\n",
                 bad[i].message);
        if (!strstr(r.err, want))
            fail_msg("'%s' printed:\n%s", bad[i].args, r.err);
        cli_run_free(&r);
    }
    assert_int_equal(access("a.lp", F_OK), -1);
    r = cli_rotaplan("export --help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--mps FILE"));
    cli_run_free(&r);
    r = cli_rotaplan("export " DIR "invalid.yaml --lp /tmp/never-written.lp");
    assert_int_equal(r.code, 3);
    cli_run_free(&r);
    assert_int_equal(access("/tmp/never-written.lp", F_OK), -1);
    r = cli_rotaplan("export " CONFIG " --lp /nonexistent-rotaplan-dir/m.lp");
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "rotaplan export: cannot write --lp '/nonexistent-rotaplan-dir/"
                                  "m.lp': it goes in a folder that does not exist"));
    cli_run_free(&r);
    /* '-' is standard output: the model there, the line about it on stderr */
    r = cli_rotaplan("export " CONFIG " --lp -");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "\\* Problem: rotaplan *\\", 22) == 0);
    assert_non_null(strstr(r.out, "x(S~2,city@general~surgery,w1)"));
    assert_null(strstr(r.out, "wrote "));
    assert_non_null(strstr(r.err, "wrote standard output: 14 rows"));
    cli_run_free(&r);
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
