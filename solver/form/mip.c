#include "solver/form/mip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rp_mip_options_init(rp_mip_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->progress_interval = 1.0;
}

void rp_mip_result_clear(rp_mip_result *r)
{
    free(r->values);
    memset(r, 0, sizeof *r);
}

double rp_mip_gap(double objective, double bound)
{
    double d = fabs(objective) > 1 ? fabs(objective) : 1;
    return fabs(bound - objective) / d;
}

rp_mip_progress rp_mip_report(double seconds, const char *phase, bool has_incumbent,
                              double incumbent, bool has_bound, double bound)
{
    rp_mip_progress p = {seconds, phase, has_incumbent, incumbent, has_bound, bound, -1, 0};
    if (has_incumbent && has_bound)
        p.gap = rp_mip_gap(incumbent, bound);
    return p;
}
