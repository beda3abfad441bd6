/* Writing an rp_lp as a CPLEX LP or MPS file (part of the GLPK driver). */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solver/glpk/prob.h"

static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static rp_status write_prob(rp_lp *lp, const char *tmp, rp_lp_file_format format)
{
    jmp_buf jump;
    glp_prob *volatile P = NULL;
    if (setjmp(jump)) {
        /* everything GLPK allocated goes with its environment */
        glp_free_env();
        return RP_ERR_SOLVER;
    }
    glp_error_hook(on_glpk_error, &jump);
    glp_term_hook(rp_glpk_silence, NULL);
    P = rp_glpk_prob_make(lp, (int)format + 1);
    int ret = format == RP_LP_FILE_CPLEX ? glp_write_lp(P, NULL, tmp)
                                         : glp_write_mps(P, GLP_MPS_FILE, NULL, tmp);
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return ret == 0 ? RP_OK : RP_ERR_IO;
}

rp_status rp_glpk_write(rp_lp *lp, const char *path, rp_lp_file_format format,
                        rp_diags *diags)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return RP_ERR_NOMEM;
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return RP_ERR_IO;
    }
    /* mkstemp makes the file private; a written model is an ordinary file */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    rp_status st = write_prob(lp, tmp, format);
    if (st == RP_OK && rename(tmp, path) != 0) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write '%s': %s", path, strerror(errno));
        st = RP_ERR_IO;
    } else if (st) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write '%s': %s", path,
                      st == RP_ERR_IO ? "the file could not be written" : "GLPK failed");
    }
    if (st)
        unlink(tmp);
    free(tmp);
    return st;
}
