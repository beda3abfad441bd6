#include "solver/cli/json_out.h"

#include "model/plan_io.h"

void rp_json_string(FILE *out, const char *s)
{
    if (s)
        rp_plan_io_quoted(out, s);
    else
        fputs("null", out);
}
