/*
 * cli_run.h - end-to-end test support: run the ROTAPLAN binary with fixed
 * test words and capture its exit code, stdout and stderr.
 */
#ifndef RP_TEST_CLI_RUN_H
#define RP_TEST_CLI_RUN_H

typedef struct cli_run {
    int code;
    char *out, *err; /* owned; cli_run_free */
    double seconds;
} cli_run;

/* Runs `$ROTAPLAN args` (no quoting: test words only); skips the test when
 * ROTAPLAN is unset. */
cli_run cli_rotaplan(const char *args);
void cli_run_free(cli_run *r);

/* A whole file as a string (at most 1 MiB); the test fails when unreadable. */
char *cli_slurp(const char *path);

/* A fresh path dir/name in a new temporary directory written into dir (64
 * bytes); free with cli_remove_temp. */
char *cli_temp_path(const char *name, char *dir);
void cli_remove_temp(char *path, const char *dir);

#endif
