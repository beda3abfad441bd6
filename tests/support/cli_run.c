#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/support/cli_run.h"
#include "tests/support/files.h"

#define MAX_WORDS 64

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A new empty file for the child's output; its path into path. */
static int output_file(char *path, size_t size, const char *stream)
{
    snprintf(path, size, "/tmp/rotaplan-test-%s-XXXXXX", stream);
    int fd = mkstemp(path);
    if (fd < 0)
        fail_msg("cannot make a file for the %s of a test run: %s", stream, strerror(errno));
    return fd;
}

/* In the child: stdin from /dev/null, stdout and stderr to the files; on a
 * failed exec, errno goes back through report. Never returns. */
static void child(char *const argv[], int out, int err, int report)
{
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
    execvp(argv[0], argv);
    int e = errno;
    ssize_t ignored = write(report, &e, sizeof e);
    (void)ignored;
    _exit(127);
}

/* Runs argv[0] (a path, or a name looked up in PATH) with argv. */
static cli_run run_argv(char *const argv[])
{
    char out_path[64], err_path[64];
    int out = output_file(out_path, sizeof out_path, "out");
    int err = output_file(err_path, sizeof err_path, "err");
    /* The child reports a failed exec through a pipe closed by a good one. */
    int report[2];
    assert_int_equal(pipe(report), 0);
    assert_int_equal(fcntl(report[1], F_SETFD, FD_CLOEXEC), 0);
    fflush(stdout);
    fflush(stderr);
    double t0 = now();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child(argv, out, err, report[1]);
    close(report[1]);
    close(out);
    close(err);
    int exec_errno = 0;
    ssize_t n;
    while ((n = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            fail_msg("waiting for '%s': %s", argv[0], strerror(errno));
    double t1 = now();
    cli_run r = {0, file_text(out_path), file_text(err_path), t1 - t0};
    unlink(out_path);
    unlink(err_path);
    if (n == (ssize_t)sizeof exec_errno)
        fail_msg("cannot run '%s': %s", argv[0], strerror(exec_errno));
    if (!WIFEXITED(status))
        fail_msg("'%s' did not exit (signal %d); stderr:\n%s", argv[0],
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, r.err);
    r.code = WEXITSTATUS(status);
    return r;
}

/* Runs program with args split at spaces. */
static cli_run run_words(const char *program, const char *args)
{
    char *copy = strdup(args), *save = NULL;
    assert_non_null(copy);
    char *argv[MAX_WORDS + 2];
    int argc = 0;
    argv[argc++] = (char *)program;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (argc == MAX_WORDS + 1)
            fail_msg("more than %d words in '%s'", MAX_WORDS, args);
        argv[argc++] = w;
    }
    argv[argc] = NULL;
    cli_run r = run_argv(argv);
    free(copy);
    return r;
}

/* The binary the environment variable names; the test fails without one. */
static const char *binary(const char *variable)
{
    const char *path = getenv(variable);
    if (!path || !*path)
        fail_msg("%s is not set: run the tests with `make test` (or `make asan-test`), which "
                 "sets it to the binary it built",
                 variable);
    if (access(path, X_OK) != 0)
        fail_msg("%s is '%s', which is not a program that can be run: %s", variable, path,
                 strerror(errno));
    return path;
}

cli_run cli_rotaplan(const char *args)
{
    return run_words(binary("ROTAPLAN"), args);
}

cli_run cli_mss_import(const char *args)
{
    return run_words(binary("MSS_IMPORT"), args);
}

cli_run cli_mss_gen(const char *args)
{
    return run_words(binary("MSS_GEN"), args);
}

/* A run that must exit 0; what it printed shows when it does not. */
static void succeeds(cli_run run)
{
    if (run.code != 0)
        fprintf(stderr, "%s%s", run.out, run.err);
    assert_int_equal(run.code, 0);
    cli_run_free(&run);
}

const char *cli_mss_config(scratch *dir, const char *instance)
{
    const char *config = scratch_path(dir, "config.yaml");
    char args[1024];
    snprintf(args, sizeof args, "%s -o %s", instance, config);
    succeeds(cli_mss_import(args));
    return config;
}

const char *cli_mss_generated_config(scratch *dir, const char *options)
{
    const char *instance = scratch_path(dir, "instance.dzn");
    char args[1024];
    snprintf(args, sizeof args, "%s -o %s", options, instance);
    succeeds(cli_mss_gen(args));
    return cli_mss_config(dir, instance);
}

cli_run cli_program(const char *program, const char *args)
{
    return run_words(program, args);
}

bool cli_on_path(const char *program)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char *dirs = strdup(path), *save = NULL;
    assert_non_null(dirs);
    bool found = false;
    for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char candidate[1024];
        snprintf(candidate, sizeof candidate, "%s/%s", d, program);
        found = access(candidate, X_OK) == 0;
    }
    free(dirs);
    return found;
}

void cli_run_free(cli_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
