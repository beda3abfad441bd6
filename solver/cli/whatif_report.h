/*
 * whatif_report.h - what-if answers (solver/whatif/whatif.h) as the office
 * reads them, as one JSON object, or as CSV rows, on a stream the caller
 * gives.
 *
 * An answer reads against the base: "a plan: score 1166 (-3)", with a plan in
 * force "a plan: 4 rotations move for 4 students, score 1166 (-3)", or "no
 * plan: 6 place-weeks of extra capacity needed". The findings of an answer
 * without a plan print as diagnostics at their config lines.
 */
#ifndef RP_WHATIF_REPORT_H
#define RP_WHATIF_REPORT_H

#include <stdio.h>

#include "solver/whatif/whatif.h"

/* The answer in one line (no line end). */
void rp_whatif_answer_text(FILE *out, const rp_whatif_answer *a, const rp_whatif_answer *base);
/* The "base" line and, when the base has no plan, its findings. */
void rp_whatif_base_text(FILE *out, const rp_whatif_base *b, bool with_plan);

/* The ranking: the `top` first rows (all when <= 0). */
void rp_whatif_rank_text(FILE *out, const rp_model *m, const rp_whatif_base *b,
                         const rp_worths *w, int top);
void rp_whatif_rank_json(FILE *out, const rp_model *m, const rp_whatif_base *b,
                         const rp_worths *w, const char *config, const char *plan);
void rp_whatif_rank_csv(FILE *out, const rp_model *m, const rp_whatif_base *b,
                        const rp_worths *w);

/* The scenarios, each with its answer (answers[i] of scenarios->items[i]). */
void rp_whatif_scenarios_text(FILE *out, const rp_whatif_base *b, const rp_scenarios *s,
                              const rp_whatif_answer *answers);
void rp_whatif_scenarios_json(FILE *out, const rp_model *m, const rp_whatif_base *b,
                              const rp_scenarios *s, const rp_whatif_answer *answers,
                              const char *config, const char *plan);
void rp_whatif_scenarios_csv(FILE *out, const rp_whatif_base *b, const rp_scenarios *s,
                             const rp_whatif_answer *answers);

#endif
