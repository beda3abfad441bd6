/*
 * exit.h - the exit codes of rotaplan and of the project's other programs
 * (bench/mss-import), and the one table they come from.
 *
 * The table maps each failing rp_status to its exit code and gives every
 * code the line that --help prints for it, so the codes a program returns
 * and the codes its help lists cannot drift apart. This header is public: a
 * program outside the command line may include it.
 *
 * The steps of a command return RP_EXIT_GO_ON when the command goes on, and
 * an exit code when it ends there.
 */
#ifndef RP_EXIT_H
#define RP_EXIT_H

#include <stdio.h>

#include "base/status.h"

enum rp_exit {
    RP_EXIT_GO_ON = -1,       /* not an exit code: the command goes on */
    RP_EXIT_OK = 0,           /* done */
    RP_EXIT_VIOLATIONS = 1,   /* check found violations; solve or reschedule returned a partial plan */
    RP_EXIT_USAGE = 2,        /* bad command line */
    RP_EXIT_INVALID = 3,      /* an input file is invalid (errors printed) */
    RP_EXIT_INFEASIBLE = 4,   /* no plan satisfies every rule (reasons printed) */
    RP_EXIT_NO_PLAN = 5,      /* the time limit passed before any plan was found */
    RP_EXIT_FAILURE = 6,      /* solver, input/output or memory failure */
    RP_EXIT_INTERRUPTED = 130
};

/* The exit code that reports st (RP_OK: RP_EXIT_OK). */
int rp_exit_code(rp_status st);

/* "exit codes:" and one line per code of codes[0 .. n-1], each with its
 * meaning from the table, in the order given. */
void rp_exit_print(FILE *out, const int *codes, int n);

/* The same for every code in the table. */
void rp_exit_print_all(FILE *out);

#endif
