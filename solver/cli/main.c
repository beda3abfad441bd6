/* rotaplan - the command line entry: a table of subcommands. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "solver/cli/commands.h"

#define RP_VERSION "0.1.0"

struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct subcommand subcommands[] = {
    {"solve", rp_cmd_solve, "find a placement plan for a config"},
    {"check", rp_cmd_check, "re-check every rule of a plan and break its score down"},
    {"reschedule", rp_cmd_reschedule, "re-plan from a week on after a change, moving few students"},
    {"diagnose", rp_cmd_diagnose, "say why a config has no plan, in the office's words"},
    {"whatif", rp_cmd_whatif, "what one supervisor more or fewer, or a named change, is worth"},
    {"export", rp_cmd_export, "write a config's integer program as an LP or MPS file"},
    {"publish", rp_cmd_publish, "timetable page, workbook and calendars of a checked plan"},
    {"generate", rp_cmd_generate, "write a synthetic cohort config that has a plan"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: rotaplan COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(out, "  %-11s %s\n", subcommands[i].name, subcommands[i].summary);
    fprintf(out, "\n'rotaplan COMMAND --help' describes a command.\n\n");
    rp_exit_print_all(out);
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return RP_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return RP_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("rotaplan %s\n", RP_VERSION);
        return RP_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0)
            return subcommands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "rotaplan: '%s' is not a command\n", argv[1]);
    usage(stderr);
    return RP_EXIT_USAGE;
}

/* An answer printed to a standard output that could not take it (a full
 * device, a closed pipe) never reached anyone: that is a failure, not the
 * answer's exit code. Errors reported on stderr keep theirs. */
static int output_written(int code)
{
    bool flushed = fflush(stdout) == 0;
    int err = errno;
    if (flushed && !ferror(stdout))
        return code;
    /* errno tells why only when the flush itself failed */
    fprintf(stderr, "rotaplan: cannot write to standard output: %s\n",
            flushed ? "a write failed" : strerror(err));
    return code == RP_EXIT_USAGE || code == RP_EXIT_INVALID || code == RP_EXIT_INTERRUPTED
               ? code
               : RP_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    return output_written(run(argc, argv));
}
