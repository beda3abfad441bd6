/*
 * What rotaplan leaves behind when its output goes wrong, end to end
 * through the ROTAPLAN binary: an answer printed to a standard output that
 * cannot take it (a full device) is a failure, exit 6, not the answer's code;
 * Ctrl-C while a plan file is put in place leaves the whole plan and no
 * temporary file (tests/inject/interrupt_at.c raises it at that very moment);
 * reschedule writes the new plan and the list of changes both or neither.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

#define SMALL "tests/data/form/changes.yaml"
#define LEAVE "tests/data/reschedule/quang_ninh-leave.yaml"
#define PREVIOUS "tests/data/reschedule/quang_ninh-plan.csv"

struct outcome {
    int status;     /* as waitpid gives it */
    char err[4096]; /* the start of stderr */
};

/* Runs rotaplan with argv (argv[0] unused), its standard output going to
 * `out`, its environment holding `env` (NULL-terminated, may be NULL). */
static struct outcome run(char *argv[], const char *out, char *env[])
{
    const char *bin = getenv("ROTAPLAN");
    if (!bin || !*bin)
        skip();
    char err_path[] = "/tmp/rotaplan-output-err-XXXXXX";
    int err_fd = mkstemp(err_path);
    assert_true(err_fd >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int out_fd = open(out, O_WRONLY);
        if (out_fd < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
            _exit(127);
        argv[0] = (char *)bin;
        char *none[] = {NULL};
        execve(bin, argv, env ? env : none);
        _exit(127);
    }
    struct outcome o = {0};
    assert_int_equal(waitpid(pid, &o.status, 0), pid);
    ssize_t n = pread(err_fd, o.err, sizeof o.err - 1, 0);
    o.err[n > 0 ? n : 0] = '\0';
    close(err_fd);
    unlink(err_path);
    return o;
}

static void expect_output_failure(char *argv[])
{
    struct outcome o = run(argv, "/dev/full", NULL);
    if (!WIFEXITED(o.status) || WEXITSTATUS(o.status) != 6)
        print_error("rotaplan %s %s: status %d\n%s", argv[1], argv[2], o.status, o.err);
    assert_true(WIFEXITED(o.status));
    assert_int_equal(WEXITSTATUS(o.status), 6);
    assert_non_null(strstr(o.err, "rotaplan: cannot write to standard output: No space left "
                                  "on device\n"));
}

/* solve, check and diagnose --json print their answer; a full device gets
 * none of it, and the exit code says so. */
static void test_standard_output_full(void **state)
{
    (void)state;
    char *solve[] = {"", "solve", SMALL, "--quiet", NULL};
    char *check[] = {"", "check", "tests/data/check/rules.yaml", "tests/data/check/clean.csv",
                     NULL};
    char *check_json[] = {"", "check", "tests/data/check/rules.yaml",
                          "tests/data/check/clean.csv", "--json", NULL};
    char *diagnose_json[] = {"", "diagnose", "tests/data/form/infeasible.yaml", "--json",
                             "--quiet", NULL};
    expect_output_failure(solve);
    expect_output_failure(check);
    expect_output_failure(check_json);
    expect_output_failure(diagnose_json);
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Ctrl-C at the moment the plan is renamed into place: the interrupt waits
 * for the file to be whole, then ends the run. No temporary file is left. */
static void test_interrupt_while_writing(void **state)
{
    (void)state;
    const char *build = getenv("BUILD");
    char preload[256];
    snprintf(preload, sizeof preload, "LD_PRELOAD=%s/tests/inject/interrupt_at.so",
             build && *build ? build : "build");
    /* (a sanitizer build lets its runtime come after the preloaded object) */
    char *env[] = {preload, "RP_INTERRUPT_AT_RENAME=1", "ASAN_OPTIONS=verify_asan_link_order=0",
                   NULL};
    char dir[64];
    char *plan = cli_temp_path("plan.csv", dir);
    char *solve[] = {"", "solve", SMALL, "-o", plan, "--quiet", NULL};
    struct outcome o = run(solve, "/dev/null", env);
    assert_true(WIFSIGNALED(o.status) && WTERMSIG(o.status) == SIGINT);
    assert_int_equal(count_files(dir), 1); /* the plan, and nothing else */
    char *text = cli_slurp(plan);
    assert_string_equal(text, "student,week,hospital,department,discipline\nS1,1,h2,b,b\n"
                              "S1,2,,,\nS1,3,h1,a,a\nS1,4,h1,c,c\n");
    free(text);
    cli_remove_temp(plan, dir);

    /* reschedule's two files: the interrupt at the first rename waits for
     * both to be in place */
    plan = cli_temp_path("new.csv", dir);
    char changes[128];
    snprintf(changes, sizeof changes, "%s/changes.csv", dir);
    char *reschedule[] = {"", "reschedule", LEAVE, "--previous", PREVIOUS, "--from-week", "4",
                          "-o", plan, "--changes", changes, "--quiet", NULL};
    o = run(reschedule, "/dev/null", env);
    assert_true(WIFSIGNALED(o.status) && WTERMSIG(o.status) == SIGINT);
    assert_int_equal(count_files(dir), 2);
    assert_int_equal(access(changes, R_OK), 0);
    unlink(changes);
    cli_remove_temp(plan, dir);
}

/* reschedule writes the new plan and the changes both or neither: a list of
 * changes that cannot be written keeps the new plan from being written too,
 * and an existing file at either target stays as it was. */
static void test_reschedule_both_or_neither(void **state)
{
    (void)state;
    char dir[64];
    char *plan = cli_temp_path("new.csv", dir);
    char args[1024];
    snprintf(args, sizeof args,
             "reschedule " LEAVE " --previous " PREVIOUS " --from-week 4 -o %s "
             "--changes /nonexistent-rotaplan-dir/changes.csv --quiet",
             plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "/nonexistent-rotaplan-dir/changes.csv: error: "));
    assert_int_equal(count_files(dir), 0);
    cli_run_free(&r);

    /* the other way round, over files that exist: both kept */
    FILE *f = fopen(plan, "w");
    assert_non_null(f);
    fputs("mine\n", f);
    assert_int_equal(fclose(f), 0);
    char changes_dir[128];
    snprintf(changes_dir, sizeof changes_dir, "%s/changes.csv", dir);
    assert_int_equal(mkdir(changes_dir, 0700), 0); /* a directory cannot be replaced */
    snprintf(args, sizeof args,
             "reschedule " LEAVE " --previous " PREVIOUS " --from-week 4 -o %s --changes %s "
             "--quiet",
             plan, changes_dir);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 6);
    char *text = cli_slurp(plan);
    assert_string_equal(text, "mine\n");
    free(text);
    assert_int_equal(count_files(dir), 2); /* the old plan and the directory */
    cli_run_free(&r);
    rmdir(changes_dir);
    cli_remove_temp(plan, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_output_full),
        cmocka_unit_test(test_interrupt_while_writing),
        cmocka_unit_test(test_reschedule_both_or_neither),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
