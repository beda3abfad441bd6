#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

char *cli_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

cli_run cli_rotaplan(const char *args)
{
    const char *bin = getenv("ROTAPLAN");
    if (!bin || !*bin)
        skip();
    char out[] = "/tmp/rotaplan-cli-out-XXXXXX", err[] = "/tmp/rotaplan-cli-err-XXXXXX";
    int fo = mkstemp(out), fe = mkstemp(err);
    assert_true(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", bin, args, out, err);
    double t0 = now();
    int status = system(cmd);
    double t1 = now();
    assert_true(WIFEXITED(status));
    cli_run r = {WEXITSTATUS(status), cli_slurp(out), cli_slurp(err), t1 - t0};
    unlink(out);
    unlink(err);
    return r;
}

void cli_run_free(cli_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

char *cli_temp_path(const char *name, char *dir)
{
    strcpy(dir, "/tmp/rotaplan-cli-XXXXXX");
    assert_non_null(mkdtemp(dir));
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

void cli_remove_temp(char *path, const char *dir)
{
    unlink(path);
    rmdir(dir);
    free(path);
}
