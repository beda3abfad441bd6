#include "solver/cli/json_out.h"

#include "model/plan_io.h"

void rp_json_string(FILE *out, const char *s)
{
    if (s)
        rp_plan_io_quoted(out, s);
    else
        fputs("null", out);
}

void rp_json_diags(FILE *out, const rp_diags *d)
{
    fputc('[', out);
    for (int i = 0; i < d->count; i++) {
        const rp_diag *g = &d->items[i];
        fputs(i ? ",\n    {\"severity\": " : "\n    {\"severity\": ", out);
        rp_json_string(out, rp_severity_str(g->severity));
        fputs(", \"file\": ", out);
        rp_json_string(out, g->file);
        if (g->line > 0)
            fprintf(out, ", \"line\": %d", g->line);
        else
            fputs(", \"line\": null", out);
        if (g->column > 0)
            fprintf(out, ", \"column\": %d", g->column);
        else
            fputs(", \"column\": null", out);
        fputs(", \"message\": ", out);
        rp_json_string(out, g->message);
        fputc('}', out);
    }
    fputs(d->count ? "\n  ]" : "]", out);
}
