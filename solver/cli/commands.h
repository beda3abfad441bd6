/*
 * commands.h - the rotaplan subcommands and their exit codes.
 *
 * Each subcommand lives in its own cmd_*.c file as `int rp_cmd_NAME(int argc,
 * char **argv)` where argv[0] is the subcommand name; it returns the process
 * exit code. Subcommands print; the library modules they call do not.
 */
#ifndef RP_COMMANDS_H
#define RP_COMMANDS_H

#include "base/status.h"

enum rp_exit {
    RP_EXIT_OK = 0,          /* done: plan written, or plan checked clean */
    RP_EXIT_VIOLATIONS = 1,  /* check found violations; solve returned a partial plan */
    RP_EXIT_USAGE = 2,       /* bad command line */
    RP_EXIT_INVALID = 3,     /* a config or plan file is invalid (errors printed) */
    RP_EXIT_INFEASIBLE = 4,  /* no plan satisfies every rule (diagnosis printed) */
    RP_EXIT_NO_PLAN = 5,     /* the time limit passed before any plan was found */
    RP_EXIT_FAILURE = 6,     /* solver, input/output or memory failure */
    RP_EXIT_INTERRUPTED = 130
};

/* The exit code that reports a failing status (RP_OK maps to RP_EXIT_OK). */
int rp_exit_code(rp_status st);

int rp_cmd_solve(int argc, char **argv);
int rp_cmd_check(int argc, char **argv);
int rp_cmd_reschedule(int argc, char **argv);
int rp_cmd_diagnose(int argc, char **argv);
int rp_cmd_export(int argc, char **argv);
int rp_cmd_generate(int argc, char **argv);

#endif
