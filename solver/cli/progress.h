/*
 * cli/progress.h - the one-line progress report of a running search.
 *
 * An rp_mip_progress_fn (form/mip.h) that writes to the stream it is given,
 * for the command line: on a terminal one line rewritten in place with '\r',
 * otherwise one plain line per report. The line names the phase in words
 * ("finding a first plan", "improving", "proving it is the best"). rp_progress_end finishes the line so
 * later output starts on a fresh one.
 */
#ifndef RP_SOLVE_PROGRESS_H
#define RP_SOLVE_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "solver/form/mip.h"

typedef struct rp_progress_printer {
    FILE *out;
    bool terminal; /* rewrite one line in place */
    int last_width;
} rp_progress_printer;

/* Prepares a printer for out (a terminal is detected). */
void rp_progress_init(rp_progress_printer *pp, FILE *out);
/* The rp_mip_progress_fn; ctx is an rp_progress_printer. */
void rp_progress_print(void *ctx, const rp_mip_progress *p);
/* The same, led by what the search is after (`aim`, e.g. a re-plan's
 * "fewest changes"); with p->phase NULL the aim alone says what happens. */
void rp_progress_print_aim(void *ctx, const char *aim, const rp_mip_progress *p);
/* Ends the in-place line, if any. */
void rp_progress_end(rp_progress_printer *pp);

#endif
