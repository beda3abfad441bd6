/*
 * cli_run.h - test support: run a program of the project (or a solver beside
 * it) and capture its exit code, stdout and stderr.
 *
 * The project's programs come from the environment `make test` sets:
 * ROTAPLAN, MSS_IMPORT and MSS_GEN name the binaries it built (in build/ or
 * build-asan/). There is no fallback: an unset variable, or one naming no
 * program that runs, fails the test with a message saying so, so a test of a
 * binary never passes or skips without having run it.
 *
 * Arguments are one string of words separated by spaces, with no quoting
 * (test paths hold no spaces); the program runs without a shell, with stdin
 * from /dev/null. A program killed by a signal fails the test. Must be called
 * from inside a cmocka test.
 */
#ifndef RP_TEST_CLI_RUN_H
#define RP_TEST_CLI_RUN_H

#include <stdbool.h>

#include "tests/support/scratch.h"

typedef struct cli_run {
    int code;        /* exit code */
    char *out, *err; /* everything written to stdout, stderr; owned: cli_run_free */
    double seconds;  /* wall-clock time of the run */
} cli_run;

/* Runs `$ROTAPLAN args`. */
cli_run cli_rotaplan(const char *args);
/* Runs `$MSS_IMPORT args`. */
cli_run cli_mss_import(const char *args);
/* Runs `$MSS_GEN args`. */
cli_run cli_mss_gen(const char *args);
/* The config bench/mss-import makes of `instance`, written into dir; the
 * test fails unless the import exits 0. The path lives as long as dir. */
const char *cli_mss_config(scratch *dir, const char *instance);
/* The same for an instance bench/mss-gen draws with `options` into dir. */
const char *cli_mss_generated_config(scratch *dir, const char *options);
/* Runs program (found on PATH, like glpsol or cbc) with args; the test fails
 * when it cannot be started. */
cli_run cli_program(const char *program, const char *args);
/* Whether program is an executable file in a directory of PATH. */
bool cli_on_path(const char *program);
/* Frees the captured output; the run may be freed twice. */
void cli_run_free(cli_run *r);

#endif
