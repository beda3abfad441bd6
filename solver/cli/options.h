/*
 * options.h - the command line of every rotaplan command, read from a table.
 *
 * A command describes itself once: its positional arguments, its options
 * (long name, optional one-letter name, what kind of value, where it goes,
 * one line of help) and the exit codes it can return. rp_cli_parse reads argv
 * by that table, and --help and every usage error are printed from it, so
 * the help cannot list an option the parser does not take, or miss one.
 *
 * What the parser accepts, for every command alike:
 *   --name value, --name=value, -x value (one-letter names), flags alone;
 *   -h or --help anywhere before a mistake: the help on stdout, exit 0;
 *   anything else starting with '-' (but "-" alone) is an option.
 * What it refuses, each as `rotaplan COMMAND: MESSAGE` and the usage on
 * stderr, exit 2: an unknown option (with the closest name when one is
 * near), a value that is missing or not of the option's kind, a value given
 * to a flag, a positional too many or missing, a required option missing,
 * and two options of one exclusive group (or one of them twice).
 *
 * Options given twice keep the last value. Stores are written only for the
 * options given; the caller sets the defaults before parsing. Nothing is
 * allocated: stored strings point into argv.
 */
#ifndef RP_CLI_OPTIONS_H
#define RP_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "solver/cli/exit.h"

/* What an option's value is, and what the parser checks it is. */
typedef enum rp_cli_kind {
    RP_CLI_FLAG,    /* no value; sets *flag */
    RP_CLI_FILE,    /* a file name, not empty; *text */
    RP_CLI_NUMBER,  /* a finite number >= 0, below `below` when that is above 0; *number */
    RP_CLI_SECONDS, /* a time limit: a number of seconds above 0; *number */
    RP_CLI_WHOLE,   /* a whole number from min to max; *whole */
    RP_CLI_WEEK,    /* a week number from 1, as people count weeks; *whole */
    RP_CLI_U64,     /* a whole number from 0 to 2^64-1; *u64 */
    RP_CLI_CHOICE   /* one of `choices`; its index into *whole */
} rp_cli_kind;

typedef struct rp_cli_option {
    const char *name;  /* the long name without "--"; NULL ends a table */
    char letter;       /* the one-letter name ('o' for -o), or 0 */
    rp_cli_kind kind;
    const char *value; /* the value's name in the help ("PLAN"); CHOICE: NULL lists the choices */
    const char *help;  /* what it does, one sentence or more; wrapped when printed */
    bool required;     /* the command needs it (in a group: needs one of the group) */
    int group;         /* above 0: the options of one group exclude each other */
    /* where the value goes: the one field its kind names */
    bool *flag;
    const char **text;
    double *number;
    int *whole;
    uint64_t *u64;
    double below;                /* NUMBER: the value must be below this when above 0 */
    int min, max;                /* WHOLE: the range, both included */
    const char *const *choices;  /* CHOICE: NULL-terminated */
} rp_cli_option;

typedef struct rp_cli_positional {
    const char *name; /* in the usage ("CONFIG"); NULL ends a list */
    bool required;
    const char **text; /* where it goes */
} rp_cli_positional;

typedef struct rp_cli_command {
    const char *name;  /* "solve" */
    const char *about; /* paragraphs --help prints after the usage */
    const char *notes; /* paragraphs --help prints after the options, or NULL */
    const rp_cli_positional *positionals; /* NULL-name terminated, or NULL */
    const rp_cli_option *options;         /* NULL-name terminated, at most RP_CLI_MAX_OPTIONS */
    const int *exits; /* the exit codes the command can return, for --help */
    int n_exits;
} rp_cli_command;

#define RP_CLI_MAX_OPTIONS 32

/* Fills a command's exits and n_exits from a list of exit codes; the list
 * lives as long as the block that declares the command. */
#define RP_CLI_EXITS(...)                                                      \
    .exits = (const int[]){__VA_ARGS__},                                       \
    .n_exits = (int)(sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

/* Reads argv[1 .. argc-1] (argv[0] is the command's name) into the stores
 * of cmd's tables. RP_EXIT_GO_ON when they are good; RP_EXIT_OK after the
 * help was printed; RP_EXIT_USAGE after a usage error was printed. */
int rp_cli_parse(const rp_cli_command *cmd, int argc, char **argv);

/* A usage error found after parsing (two options that contradict each
 * other, say): `rotaplan COMMAND: MESSAGE` and the usage on stderr. Returns
 * RP_EXIT_USAGE. */
int rp_cli_usage_error(const rp_cli_command *cmd, const char *fmt, ...) RP_PRINTF(2, 3);

/* "usage: rotaplan COMMAND ..." from the tables, wrapped. */
void rp_cli_print_usage(FILE *out, const rp_cli_command *cmd);

/* The usage, about, the options with their help, notes, and the exit codes. */
void rp_cli_print_help(FILE *out, const rp_cli_command *cmd);

#endif
