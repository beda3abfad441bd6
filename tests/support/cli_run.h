/*
 * cli_run.h - for end-to-end tests: run the rotaplan binary named by the
 * ROTAPLAN environment variable and keep its exit code, output and time;
 * make and remove temporary output files. Failures are cmocka failures.
 */
#ifndef RP_TEST_CLI_RUN_H
#define RP_TEST_CLI_RUN_H

typedef struct run {
    int code;
    char *out, *err;
    double seconds;
} run;

/* Runs `$ROTAPLAN args` (fixed test words, no quoting needed); skips the
 * test when ROTAPLAN is unset. */
run rotaplan(const char *args);
void run_free(run *r);

/* The whole of a file (up to 1 MiB), NUL-terminated; the caller frees it. */
char *slurp(const char *path);

/* A fresh path DIR/name in a new temporary directory (dir receives it, at
 * least 64 bytes); remove_temp deletes both and frees path. */
char *temp_path(const char *name, char *dir);
void remove_temp(char *path, const char *dir);

#endif
