/* An LP solved afresh through GLPK's presolver, stoppable at once (fresh.h). */
#include "solver/glpk/fresh.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "solver/glpk/prob.h"

#define FIRST_TRY_MS 500 /* in-process tries: the first, then twice the last */
#define LOOK_MS 20       /* how often the wait looks at the interrupt */
/* Past the deadline the child, which has it as its own time limit, gets
 * this long to answer before it is stopped. */
#define GRACE_SECONDS 0.5

static bool asked_to_stop(volatile sig_atomic_t *interrupt)
{
    return interrupt && *interrupt;
}

static int ms_until(double deadline)
{
    return rp_glpk_ms(deadline - rp_clock_seconds());
}

static int presolved(glp_prob *P, glp_smcp *sm, int ms)
{
    sm->presolve = GLP_ON;
    sm->it_lim = INT_MAX;
    sm->tm_lim = ms;
    int ret = glp_simplex(P, sm);
    sm->presolve = GLP_OFF;
    return ret;
}

/* The presolved solve here, in tries of time each twice the last. */
static int solve_here(glp_prob *P, glp_smcp *sm, double deadline,
                      volatile sig_atomic_t *interrupt)
{
    int try_ms = FIRST_TRY_MS;
    for (;;) {
        if (asked_to_stop(interrupt) || rp_clock_seconds() >= deadline)
            return GLP_ESTOP;
        int ret = presolved(P, sm, ms_until(deadline) < try_ms ? ms_until(deadline) : try_ms);
        if (ret != GLP_ETMLIM)
            return ret == 0 && glp_get_status(P) != GLP_OPT ? GLP_EFAIL : ret;
        try_ms = try_ms > INT_MAX / 2 ? INT_MAX : 2 * try_ms;
    }
}

static void child_fatal(void *info)
{
    (void)info;
    _exit(2);
}

static bool write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* The child: the solve, then GLPK's code and, when optimal, the statuses of
 * the rows and columns. Never returns. */
_Noreturn static void child(glp_prob *P, glp_smcp *sm, double deadline, int fd, int *stat)
{
    glp_error_hook(child_fatal, NULL);
    int ret = presolved(P, sm, ms_until(deadline));
    if (ret == 0 && glp_get_status(P) != GLP_OPT)
        ret = GLP_EFAIL;
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    for (int i = 1; ret == 0 && i <= rows; i++)
        stat[i - 1] = glp_get_row_stat(P, i);
    for (int j = 1; ret == 0 && j <= cols; j++)
        stat[rows + j - 1] = glp_get_col_stat(P, j);
    size_t n = ret == 0 ? (size_t)rows + (size_t)cols : 0;
    bool ok = write_all(fd, &ret, sizeof ret) && write_all(fd, stat, n * sizeof *stat);
    _exit(ok ? 0 : 1);
}

/* Reads `n` bytes from the child into buf, looking at the interrupt and the
 * deadline; false when stopped or when the child ends first. *stopped says
 * which. */
static bool read_answer(int fd, void *buf, size_t n, double deadline,
                        volatile sig_atomic_t *interrupt, bool *stopped)
{
    char *p = buf;
    while (n > 0) {
        if (asked_to_stop(interrupt) || rp_clock_seconds() >= deadline + GRACE_SECONDS) {
            *stopped = true;
            return false;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int ready = poll(&pfd, 1, LOOK_MS);
        if (ready < 0 && errno != EINTR)
            return false;
        if (ready <= 0)
            continue;
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

int rp_glpk_fresh_basis(glp_prob *P, glp_smcp *sm, double deadline,
                        volatile sig_atomic_t *interrupt)
{
    if (asked_to_stop(interrupt) || rp_clock_seconds() >= deadline)
        return GLP_ESTOP;
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    int *stat = malloc(((size_t)rows + (size_t)cols + 1) * sizeof *stat);
    int fd[2];
    if (!stat || pipe(fd) != 0) {
        free(stat);
        return solve_here(P, sm, deadline, interrupt);
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        free(stat);
        return solve_here(P, sm, deadline, interrupt);
    }
    if (pid == 0) {
        close(fd[0]);
        child(P, sm, deadline, fd[1], stat);
    }
    close(fd[1]);
    bool stopped = false;
    int ret = GLP_EFAIL;
    bool answered = read_answer(fd[0], &ret, sizeof ret, deadline, interrupt, &stopped) &&
                    (ret != 0 || read_answer(fd[0], stat,
                                             ((size_t)rows + (size_t)cols) * sizeof *stat,
                                             deadline, interrupt, &stopped));
    close(fd[0]);
    if (!answered)
        kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    if (answered && ret == 0) {
        for (int i = 1; i <= rows; i++)
            glp_set_row_stat(P, i, stat[i - 1]);
        for (int j = 1; j <= cols; j++)
            glp_set_col_stat(P, j, stat[rows + j - 1]);
    }
    free(stat);
    if (stopped)
        return GLP_ESTOP;
    return answered ? ret : GLP_EFAIL;
}
