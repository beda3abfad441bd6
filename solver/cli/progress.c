#include "solver/cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void rp_progress_init(rp_progress_printer *pp, FILE *out)
{
    pp->out = out;
    pp->terminal = isatty(fileno(out)) == 1;
    pp->last_width = 0;
}

/* What the search is doing, in the office's words: before any plan it looks
 * for one; the bound and the root LP work on the proof; otherwise it is
 * improving the plan it has. */
static const char *phase_words(const rp_mip_progress *p)
{
    if (!p->has_incumbent)
        return "finding a first plan";
    if (p->phase && (strcmp(p->phase, "bound") == 0 || strcmp(p->phase, "root LP") == 0))
        return "proving it is the best";
    return "improving";
}

void rp_progress_print(void *ctx, const rp_mip_progress *p)
{
    rp_progress_print_aim(ctx, NULL, p);
}

void rp_progress_print_aim(void *ctx, const char *aim, const rp_mip_progress *p)
{
    rp_progress_printer *pp = ctx;
    char line[256];
    int n;
    if (aim && p->phase)
        n = snprintf(line, sizeof line, "%7.1f s  %s: %-22s", p->seconds, aim, phase_words(p));
    else if (aim)
        n = snprintf(line, sizeof line, "%7.1f s  %s", p->seconds, aim);
    else
        n = snprintf(line, sizeof line, "%7.1f s  %-22s", p->seconds, phase_words(p));
    if (p->has_incumbent)
        n += snprintf(line + n, sizeof line - (size_t)n, "  best %.0f", p->incumbent);

    if (p->has_bound)
        n += snprintf(line + n, sizeof line - (size_t)n, "  bound %.0f", p->bound);
    if (p->gap >= 0)
        n += snprintf(line + n, sizeof line - (size_t)n, "  gap %.2f%%", 100 * p->gap);
    if (p->open_nodes > 0)
        snprintf(line + n, sizeof line - (size_t)n, "  (%d open nodes)", p->open_nodes);
    if (pp->terminal) {
        int width = fprintf(pp->out, "\r%s", line) - 1;
        /* blank out what a longer previous line left behind */
        for (int i = width; i < pp->last_width; i++)
            fputc(' ', pp->out);
        pp->last_width = width;
    } else {
        fprintf(pp->out, "%s\n", line);
    }
    fflush(pp->out);
}

void rp_progress_end(rp_progress_printer *pp)
{
    if (pp->terminal && pp->last_width > 0) {
        fputc('\n', pp->out);
        fflush(pp->out);
    }
    pp->last_width = 0;
}
