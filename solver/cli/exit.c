#include "solver/cli/exit.h"

#define STATUS(st) (1u << (st))

/* Every exit code: the statuses it reports and what --help says of it. */
static const struct exit_row {
    int code;
    unsigned statuses; /* STATUS bits */
    const char *meaning;
} rows[] = {
    {RP_EXIT_OK, STATUS(RP_OK),
     "done: plan or file written, plan checked clean, or a plan exists"},
    {RP_EXIT_VIOLATIONS, 0, "the checked plan breaks a rule, or the plan written is partial"},
    {RP_EXIT_USAGE, 0, "bad command line"},
    {RP_EXIT_INVALID, STATUS(RP_ERR_INVALID),
     "an input file is invalid (errors name its file, line and column)"},
    {RP_EXIT_INFEASIBLE, STATUS(RP_ERR_INFEASIBLE),
     "no plan satisfies every rule (the reasons are printed)"},
    {RP_EXIT_NO_PLAN, STATUS(RP_ERR_NO_PLAN),
     "time limit passed first: no plan found, or not known whether one exists"},
    {RP_EXIT_FAILURE, STATUS(RP_ERR_NOMEM) | STATUS(RP_ERR_IO) | STATUS(RP_ERR_SOLVER),
     "solver, input/output or memory failure"},
    {RP_EXIT_INTERRUPTED, STATUS(RP_ERR_INTERRUPTED), "interrupted"},
};

#define N_ROWS ((int)(sizeof rows / sizeof rows[0]))

int rp_exit_code(rp_status st)
{
    for (int i = 0; i < N_ROWS && (unsigned)st < 32; i++)
        if (rows[i].statuses & STATUS(st))
            return rows[i].code;
    return RP_EXIT_FAILURE;
}

static void print_row(FILE *out, int code)
{
    for (int i = 0; i < N_ROWS; i++)
        if (rows[i].code == code)
            fprintf(out, "  %3d  %s\n", code, rows[i].meaning);
}

void rp_exit_print(FILE *out, const int *codes, int n)
{
    fputs("exit codes:\n", out);
    for (int i = 0; i < n; i++)
        print_row(out, codes[i]);
}

void rp_exit_print_all(FILE *out)
{
    fputs("exit codes:\n", out);
    for (int i = 0; i < N_ROWS; i++)
        print_row(out, rows[i].code);
}
