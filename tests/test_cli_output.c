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
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/scratch.h"

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
        /* as from a terminal: a run started in the background of a script
         * inherits SIGINT ignored, and rotaplan rightly keeps ignoring it */
        signal(SIGINT, SIG_DFL);
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

/* The run ended by the SIGINT it got; otherwise what it said is shown. */
static void expect_interrupted(const struct outcome *o, const char *command)
{
    if (!WIFSIGNALED(o->status) || WTERMSIG(o->status) != SIGINT)
        print_error("rotaplan %s: status %d\n%s", command, o->status, o->err);
    assert_true(WIFSIGNALED(o->status) && WTERMSIG(o->status) == SIGINT);
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
    scratch s;
    scratch_open(&s);
    char *plan = (char *)scratch_path(&s, "plan.csv");
    char *solve[] = {"", "solve", SMALL, "-o", plan, "--quiet", NULL};
    struct outcome o = run(solve, "/dev/null", env);
    expect_interrupted(&o, "solve");
    assert_int_equal(file_count_in(s.dir), 1); /* the plan, and nothing else */
    file_assert_holds(plan, "student,week,hospital,department,discipline\nS1,1,h2,b,b\n"
                            "S1,2,,,\nS1,3,h1,a,a\nS1,4,h1,c,c\n");
    unlink(plan);

    /* reschedule's two files: the interrupt at the first rename waits for
     * both to be in place */
    plan = (char *)scratch_path(&s, "new.csv");
    char *changes = (char *)scratch_path(&s, "changes.csv");
    char *reschedule[] = {"", "reschedule", LEAVE, "--previous", PREVIOUS, "--from-week", "4",
                          "-o", plan, "--changes", changes, "--quiet", NULL};
    o = run(reschedule, "/dev/null", env);
    expect_interrupted(&o, "reschedule");
    assert_int_equal(file_count_in(s.dir), 2);
    assert_true(file_exists(changes) && file_exists(plan));
    scratch_close(&s);
}

/* reschedule writes the new plan and the changes both or neither: a list of
 * changes that cannot be written (a full device: nothing checked beforehand
 * can tell) keeps the new plan from being written too, and a plan already
 * at that name stays as it was. */
static void test_reschedule_both_or_neither(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "new.csv");
    char args[1024];
    snprintf(args, sizeof args,
             "reschedule " LEAVE " --previous " PREVIOUS " --from-week 4 -o %s "
             "--changes /dev/full --quiet",
             plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 6);
    assert_non_null(strstr(r.err, "/dev/full: error: cannot write: No space left on device"));
    assert_int_equal(file_count_in(s.dir), 0);
    cli_run_free(&r);

    file_write(plan, "mine\n");
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 6);
    file_assert_holds(plan, "mine\n");
    assert_int_equal(file_count_in(s.dir), 1);
    cli_run_free(&r);
    scratch_close(&s);
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
