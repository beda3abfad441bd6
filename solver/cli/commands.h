/*
 * solver/cli/ - the command line: main, one file per command (cmd_*.c), the
 * option parser every command reads its arguments with (options.h), the exit
 * codes (exit.h, public: bench/ programs use it too), summaries, progress
 * lines and JSON output. It may use every layer of the product; only it
 * prints.
 *
 * commands.h - the rotaplan subcommands.
 *
 * Each subcommand lives in its own cmd_*.c file as `int rp_cmd_NAME(int argc,
 * char **argv)` where argv[0] is the subcommand name; it reads its command
 * line with options.h and returns the process exit code (exit.h).
 * Subcommands print; the library modules they call do not.
 */
#ifndef RP_COMMANDS_H
#define RP_COMMANDS_H

#include "solver/cli/exit.h"

int rp_cmd_solve(int argc, char **argv);
int rp_cmd_check(int argc, char **argv);
int rp_cmd_reschedule(int argc, char **argv);
int rp_cmd_diagnose(int argc, char **argv);
int rp_cmd_whatif(int argc, char **argv);
int rp_cmd_export(int argc, char **argv);
int rp_cmd_generate(int argc, char **argv);
int rp_cmd_publish(int argc, char **argv);

#endif
