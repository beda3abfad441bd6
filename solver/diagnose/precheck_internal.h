/*
 * precheck_internal.h - what the static checks share: where each student can
 * be placed at all, and which disciplines they are forced to do.
 */
#ifndef RP_PRECHECK_INTERNAL_H
#define RP_PRECHECK_INTERNAL_H

#include "solver/diagnose/precheck.h"
#include "solver/form/may_start.h"

typedef struct rp_scope {
    const rp_model *m;
    bool *placeable; /* [n_students x n_disciplines]: some department, some window */
    bool *forced;    /* [n_students x n_disciplines]: every plan has it */
} rp_scope;

rp_status rp_scope_build(const rp_model *m, rp_scope *scope);
void rp_scope_free(rp_scope *scope);

static inline bool rp_scope_placeable(const rp_scope *sc, int s, int d)
{
    return sc->placeable[(size_t)s * (size_t)sc->m->n_disciplines + (size_t)d];
}

static inline bool rp_scope_forced(const rp_scope *sc, int s, int d)
{
    return sc->forced[(size_t)s * (size_t)sc->m->n_disciplines + (size_t)d];
}

/* Why s can do discipline d nowhere, in a few words. */
const char *rp_unplaceable_reason(const rp_model *m, int s, int d);

rp_status rp_precheck_students(const rp_scope *sc, rp_findings *out);
rp_status rp_precheck_capacity(const rp_scope *sc, rp_findings *out);
rp_status rp_precheck_pins(const rp_scope *sc, rp_findings *out);

#endif
