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
