/* Writing an rp_lp as a CPLEX LP or MPS file (part of the GLPK driver). */
#include <setjmp.h>

#include "base/atomic_file.h"
#include "solver/glpk/prob.h"

static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static rp_status write_prob(rp_lp *lp, const char *file, rp_lp_file_format format)
{
    RP_TRY(rp_glpk_env());
    jmp_buf jump;
    glp_prob *volatile P = NULL;
    if (setjmp(jump)) {
        /* everything GLPK allocated goes with its environment */
        glp_free_env();
        return RP_ERR_SOLVER;
    }
    glp_error_hook(on_glpk_error, &jump);
    glp_term_hook(rp_glpk_silence, NULL);
    P = rp_glpk_prob_make(lp, rp_glpk_names_for(format));
    int ret = format == RP_LP_FILE_CPLEX ? glp_write_lp(P, NULL, file)
                                         : glp_write_mps(P, GLP_MPS_FILE, NULL, file);
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return ret == 0 ? RP_OK : RP_ERR_IO;
}

rp_status rp_glpk_write(rp_lp *lp, const char *path, rp_lp_file_format format,
                        rp_diags *diags)
{
    rp_atomic_file af;
    RP_TRY(rp_atomic_open(&af, path, diags));
    rp_status st = write_prob(lp, rp_atomic_path(&af), format);
    if (st) {
        rp_atomic_abort(&af);
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write '%s': %s", path,
                      st == RP_ERR_IO      ? "the file could not be written"
                      : st == RP_ERR_NOMEM ? rp_status_str(st)
                                           : "GLPK failed");
        return st;
    }
    return rp_atomic_commit(&af, true, diags);
}
