/*
 * solver/diagnose/ - when no plan exists: the static pre-checks, the elastic
 * program, partial plans and the findings they report. It may use
 * solver/solve/ and everything below it.
 *
 * diagnose.h - why a config has no plan, in the office's words.
 *
 * rp_diagnose runs the static pre-checks (precheck.h); when they find
 * nothing and the heuristic (heur/heur.h) finds no plan either, it solves the
 * elastic program (elastic.h) in which capacities, minimums and requirements
 * may bend, and reads its slack (shortfall.h).
 * The slack found is the smallest relaxation in elastic.h's units once the
 * search proves it optimal; a time limit may leave it larger than needed
 * (`proven` false) or leave the question open.
 *
 * With a plan in force (options.previous) the question is a re-plan's: is
 * there a plan that keeps the weeks before from_week exactly as the plan in
 * force has them (form/history.h) and every rule from that week on? The
 * pre-checks and the heuristic, which know nothing of history, are skipped;
 * the elastic program is built with history fixed (rotations running across
 * from_week may be cut) and starts from the plan in force, so what must bend
 * is found in the weeks from from_week on. Nothing here prints.
 */
#ifndef RP_DIAGNOSE_H
#define RP_DIAGNOSE_H

#include <signal.h>
#include <stdbool.h>

#include "solver/diagnose/finding.h"
#include "model/model.h"
#include "model/plan.h"
#include "solver/diagnose/shortfall.h"
#include "solver/form/mip.h"

typedef enum rp_verdict {
    RP_VERDICT_PLAN,      /* a plan exists: nothing needs to bend */
    RP_VERDICT_STATIC,    /* the pre-checks prove there is none (findings) */
    RP_VERDICT_ELASTIC,   /* the elastic program must bend the rules (findings) */
    RP_VERDICT_RIGID,     /* no bending of those rules helps: the rules that stay
                             hard (pins, prerequisites, ...) contradict each other */
    RP_VERDICT_UNDECIDED  /* the time limit or an interrupt came first */
} rp_verdict;

typedef struct rp_diagnose_options {
    double time_limit;   /* seconds in all; <= 0: none */
    bool skip_precheck;  /* the caller ran the pre-checks and they found nothing */
    /* first try the heuristic of heur/heur.h for a few seconds (at most a fifth of
     * the time limit): when it finds a plan, that settles it far sooner than
     * the elastic search would (default true) */
    bool heuristic;
    rp_mip_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
    volatile sig_atomic_t *interrupt; /* non-zero: stop with what is known */
    const rp_plan *previous; /* a plan in force to keep before from_week (borrowed), or NULL */
    int from_week;           /* 0-based first week that may change, with previous */
} rp_diagnose_options;

typedef struct rp_diagnosis {
    rp_verdict verdict;
    rp_findings findings;   /* owned */
    rp_shortfall shortfall; /* the slack of the elastic solution */
    bool elastic;           /* the elastic program was solved (not when the
                               pre-checks or the heuristic settled it) */
    long cost, bound;       /* its total cost and a proven lower bound on it */
    bool proven;            /* cost is the smallest relaxation */
    bool time_limit_reached, interrupted;
    double seconds;
    bool history;           /* the question kept a plan in force before from_week */
    int from_week;          /* 0-based, with history */
    int bad_rotation;       /* RP_ERR_INVALID with history: a rotation before from_week the
                               config cannot hold at all (index into previous), else -1 */
} rp_diagnosis;

void rp_diagnose_options_init(rp_diagnose_options *opt);

/* Diagnoses m into *out (rp_diagnosis_clear frees it, also after a failure).
 * RP_OK with a verdict; RP_ERR_NOMEM, RP_ERR_SOLVER, RP_ERR_INVALID (with
 * history: a rotation before from_week that no longer fits, bad_rotation). */
rp_status rp_diagnose(const rp_model *m, const rp_diagnose_options *opt, rp_diagnosis *out);
void rp_diagnosis_clear(rp_diagnosis *d);

/* "plan", "infeasible", "rigid", "undecided" (static and elastic are both
 * "infeasible"). */
const char *rp_verdict_str(rp_verdict v);

#endif
