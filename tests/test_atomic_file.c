/* The atomic file writer (base/atomic_file.h): what it replaces and what it
 * never does. Plan files, exported models, changes lists and generated
 * configs are all written through it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "tests/support/files.h"
#include "tests/support/scratch.h"

/* A path in the test's scratch directory. */
static const char *in_dir(const char *name)
{
    return scratch_path(scratch_fixture(), name);
}

/* Files in the folder, so that a left-over temporary file shows. */
static int entries(void)
{
    return file_count_in(scratch_fixture()->dir);
}

static rp_status write_through(const char *path, const char *text, bool replace, rp_diags *d)
{
    rp_atomic_file af;
    rp_status st = rp_atomic_open(&af, path, d);
    if (st)
        return st;
    fputs(text, af.f);
    return rp_atomic_commit(&af, replace, d);
}

static void test_replaces_regular_file(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *plan = in_dir("plan.csv");
    file_write(plan, "old\n");
    assert_int_equal(write_through(plan, "new\n", true, &d), RP_OK);
    file_assert_holds(plan, "new\n");
    assert_int_equal(entries(), 1);
    assert_int_equal(write_through(plan, "newer\n", false, &d), RP_ERR_IO);
    file_assert_holds(plan, "new\n");
    assert_int_equal(entries(), 1);
    assert_int_equal(d.count, 1);
    rp_diags_clear(&d);
}

/* A link is followed: the file it names gets the contents, the link stays. */
static void test_follows_symbolic_link(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *real = in_dir("real.csv"), *link = in_dir("current.csv");
    file_write(real, "old\n");
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(write_through(link, "new\n", true, &d), RP_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    file_assert_holds(real, "new\n");
    assert_int_equal(entries(), 2);
    assert_int_equal(d.count, 0);
    rp_diags_clear(&d);
}

static void test_refuses_dangling_link_and_directory(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *link = in_dir("nowhere.csv");
    assert_int_equal(symlink(in_dir("missing/x.csv"), link), 0);
    assert_int_equal(write_through(link, "new\n", true, &d), RP_ERR_IO);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(write_through(scratch_fixture()->dir, "new\n", true, &d), RP_ERR_IO);
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.items[0].message, "symbolic link to nothing"));
    assert_non_null(strstr(d.items[1].message, "is a directory"));
    assert_int_equal(entries(), 1);
    rp_diags_clear(&d);
}

/* A device is written, never replaced: /dev/full reports the failure and
 * stays a device (a rename over it once replaced it with a file). */
static void test_device_written_not_replaced(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(write_through("/dev/null", "new\n", true, &d), RP_OK);
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    if (stat("/dev/full", &st) == 0) {
        assert_int_equal(write_through("/dev/full", "new\n", true, &d), RP_ERR_IO);
        assert_int_equal(stat("/dev/full", &st), 0);
        assert_true(S_ISCHR(st.st_mode));
        assert_int_equal(d.count, 1);
    }
    rp_diags_clear(&d);
}

/* A writer that opens the file by name (GLPK) writes to rp_atomic_path. */
static void test_path_for_writers_by_name(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *target = in_dir("model.lp");
    rp_atomic_file af;
    assert_int_equal(rp_atomic_open(&af, target, &d), RP_OK);
    assert_string_not_equal(rp_atomic_path(&af), target);
    file_write(rp_atomic_path(&af), "by name\n");
    assert_int_equal(rp_atomic_commit(&af, true, &d), RP_OK);
    file_assert_holds(target, "by name\n");
    assert_int_equal(entries(), 1);
    rp_diags_clear(&d);
}

/* "-" is standard output: written and flushed there, never closed, nothing
 * created beside it. */
static void test_dash_is_standard_output(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *capture = in_dir("stdout.txt");
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    FILE *f = fopen(capture, "w");
    assert_non_null(f);
    assert_true(dup2(fileno(f), STDOUT_FILENO) >= 0);
    fclose(f);
    rp_atomic_file af;
    rp_status opened = rp_atomic_open(&af, "-", &d);
    bool is_stdout = af.f == stdout;
    fputs("plan on stdout\n", af.f);
    rp_status committed = rp_atomic_commit(&af, false, &d);
    int still_open = fputs("", stdout) != EOF && fflush(stdout) == 0;
    dup2(saved, STDOUT_FILENO);
    close(saved);
    assert_int_equal(opened, RP_OK);
    assert_true(is_stdout);
    assert_int_equal(committed, RP_OK); /* replace false: nothing to overwrite */
    assert_true(still_open);
    file_assert_holds(capture, "plan on stdout\n");
    assert_int_equal(entries(), 1);
    assert_int_equal(d.count, 0);
    rp_diags_clear(&d);
}

/* Each test in a scratch directory of its own. */
#define IN_SCRATCH(test)                                                                           \
    cmocka_unit_test_setup_teardown(test, scratch_fixture_open, scratch_fixture_close)

int main(void)
{
    const struct CMUnitTest tests[] = {
        IN_SCRATCH(test_replaces_regular_file),
        IN_SCRATCH(test_follows_symbolic_link),
        IN_SCRATCH(test_refuses_dangling_link_and_directory),
        IN_SCRATCH(test_device_written_not_replaced),
        IN_SCRATCH(test_path_for_writers_by_name),
        IN_SCRATCH(test_dash_is_standard_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
