/* rotaplan export - the integer program of a config as an LP or MPS file. */
#include <stdio.h>
#include <string.h>

#include "solver/cli/commands.h"
#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "model/load.h"

static const char usage_text[] = "usage: rotaplan export CONFIG --lp FILE | --mps FILE\n";

static const char help_text[] =
    "\n"
    "Writes the integer program rotaplan solves for CONFIG, with readable row and\n"
    "column names such as x(S001,bai_chay/cardiology,w3), for other solvers\n"
    "(for example 'cbc FILE.lp solve') or for reading.\n"
    "\n"
    "  --lp FILE     CPLEX LP format\n"
    "  --mps FILE    free MPS format\n"
    "  -h, --help    this text\n"
    "\n"
    "The file is replaced only once complete.\n"
    "exit codes: 0 written, 2 usage, 3 invalid config, 6 I/O failure\n";

static int usage_error(const char *fmt, const char *what)
{
    fprintf(stderr, "rotaplan export: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n%s", usage_text);
    return RP_EXIT_USAGE;
}

int rp_cmd_export(int argc, char **argv)
{
    const char *config = NULL, *path = NULL;
    rp_lp_file_format format = RP_LP_FILE_CPLEX;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            printf("%s%s", usage_text, help_text);
            return RP_EXIT_OK;
        } else if (strcmp(arg, "--lp") == 0 || strcmp(arg, "--mps") == 0) {
            if (path)
                return usage_error("%s", "give one of --lp and --mps, once");
            if (i + 1 >= argc)
                return usage_error("'%s' needs a file name", arg);
            format = strcmp(arg, "--lp") == 0 ? RP_LP_FILE_CPLEX : RP_LP_FILE_MPS;
            path = argv[++i];
        } else if (arg[0] == '-' && arg[1]) {
            return usage_error("unknown option '%s'", arg);
        } else if (!config) {
            config = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (!config)
        return usage_error("%s", "missing CONFIG");
    if (!path)
        return usage_error("%s", "missing --lp FILE or --mps FILE");

    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_form *f = NULL;
    rp_status st = rp_load_config(config, &m, &diags);
    if (st == RP_OK) {
        rp_form_options opt;
        rp_form_options_init(&opt);
        st = rp_form_build(m, &opt, &f);
        if (st)
            fprintf(stderr, "rotaplan: building the model failed: %s\n", rp_status_str(st));
    }
    if (st == RP_OK)
        st = rp_glpk_write(f->lp, path, format, &diags);
    rp_diags_print(&diags, stderr, 0);
    if (st == RP_OK) {
        rp_lp_size size = rp_lp_size_of(f->lp);
        printf("wrote %s: %d rows, %d columns (%d binaries, %d other integers), %zu non-zeros\n",
               path, size.rows, size.cols, size.binaries, size.integers, size.nonzeros);
    }
    rp_diags_clear(&diags);
    rp_form_free(&f);
    rp_model_free(&m);
    return rp_exit_code(st);
}
