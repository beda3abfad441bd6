/* rotaplan export - the integer program of a config as an LP or MPS file. */
#include <signal.h>
#include <stdio.h>

#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "model/load.h"

static const char about[] =
    "Writes the integer program rotaplan solves for CONFIG, with readable row and\n"
    "column names such as x(S001,bai_chay/cardiology,w3), for other solvers\n"
    "(for example 'cbc FILE.lp solve') or for reading.";

int rp_cmd_export(int argc, char **argv)
{
    const char *config = NULL, *lp = NULL, *mps = NULL;
    const rp_cli_option options[] = {
        {"lp", 0, RP_CLI_FILE, "FILE", "CPLEX LP format", true, 1, .text = &lp},
        {"mps", 0, RP_CLI_FILE, "FILE", "free MPS format", true, 1, .text = &mps},
        {0}};
    const rp_cli_positional positionals[] = {{"CONFIG", true, &config}, {0}};
    const rp_cli_command cmd = {
        "export", about,
        "The file is replaced only once complete; '-' writes to standard output.", positionals, options,
        RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_INVALID, RP_EXIT_FAILURE)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (code != RP_EXIT_GO_ON)
        return code;
    const char *path = lp ? lp : mps;
    rp_lp_file_format format = lp ? RP_LP_FILE_CPLEX : RP_LP_FILE_MPS;
    code = rp_cli_output(&cmd, lp ? "--lp" : "--mps", path);
    if (code != RP_EXIT_GO_ON)
        return code;

    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_form *f = NULL;
    rp_status st = rp_load_config(config, &m, &diags);
    if (st == RP_OK) {
        rp_form_options opt;
        rp_form_options_init(&opt);
        st = rp_form_build(m, &opt, &f);
    }
    if (st == RP_OK) {
        sigset_t saved;
        rp_cli_hold_interrupts(&saved);
        st = rp_glpk_write(f->lp, path, format, &diags);
        rp_cli_release_interrupts(&saved);
    }
    rp_diags_print(&diags, stderr, 0);
    rp_cli_print_nomem(st);
    if (st == RP_OK) {
        rp_lp_size size = rp_lp_size_of(f->lp);
        fprintf(rp_cli_summary_stream(path),
                "wrote %s: %d rows, %d columns (%d binaries, %d other integers), %zu non-zeros\n",
                rp_cli_is_stdout(path) ? "standard output" : path, size.rows, size.cols, size.binaries, size.integers, size.nonzeros);
    }
    rp_diags_clear(&diags);
    rp_form_free(&f);
    rp_model_free(&m);
    return rp_exit_code(st);
}
