/* The atomic file writer (base/atomic_file.h): what it replaces and what it
 * never does. Plan files, exported models, changes lists and generated
 * configs are all written through it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"

static char dir[64];
static char path_buf[4][512];

static const char *in_dir(int slot, const char *name)
{
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", dir, name);
    return path_buf[slot];
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rotaplan-atomic-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(in_dir(3, e->d_name));
    if (d)
        closedir(d);
    return rmdir(dir);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_text(const char *path, const char *want)
{
    char got[256] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, want);
}

/* Files in the folder, so that a left-over temporary file shows. */
static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
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
    const char *plan = in_dir(0, "plan.csv");
    write_text(plan, "old\n");
    assert_int_equal(write_through(plan, "new\n", true, &d), RP_OK);
    assert_text(plan, "new\n");
    assert_int_equal(entries(), 1);
    assert_int_equal(write_through(plan, "newer\n", false, &d), RP_ERR_IO);
    assert_text(plan, "new\n");
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
    const char *real = in_dir(0, "real.csv"), *link = in_dir(1, "current.csv");
    write_text(real, "old\n");
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(write_through(link, "new\n", true, &d), RP_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_text(real, "new\n");
    assert_int_equal(entries(), 2);
    assert_int_equal(d.count, 0);
    rp_diags_clear(&d);
}

static void test_refuses_dangling_link_and_directory(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    const char *link = in_dir(0, "nowhere.csv");
    assert_int_equal(symlink(in_dir(1, "missing/x.csv"), link), 0);
    assert_int_equal(write_through(link, "new\n", true, &d), RP_ERR_IO);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(write_through(dir, "new\n", true, &d), RP_ERR_IO);
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
    const char *target = in_dir(0, "model.lp");
    rp_atomic_file af;
    assert_int_equal(rp_atomic_open(&af, target, &d), RP_OK);
    assert_string_not_equal(rp_atomic_path(&af), target);
    write_text(rp_atomic_path(&af), "by name\n");
    assert_int_equal(rp_atomic_commit(&af, true, &d), RP_OK);
    assert_text(target, "by name\n");
    assert_int_equal(entries(), 1);
    rp_diags_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_replaces_regular_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_follows_symbolic_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_dangling_link_and_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_written_not_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_path_for_writers_by_name, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
