/*
 * base/ - the layer under everything: the status code every function returns,
 * diagnostics tied to file positions, the atomic file writer, the clock, the
 * seeded random generator, a string map. It uses nothing of rotaplan.
 *
 * status.h - the one return code every rotaplan function uses.
 *
 * Functions that can fail return an rp_status; RP_OK is zero so `if (st)` reads
 * as "if it failed". RP_TRY propagates a failure; RP_TRY_GOTO records it in a
 * local `st` and jumps to a cleanup label.
 */
#ifndef RP_STATUS_H
#define RP_STATUS_H

typedef enum rp_status {
    RP_OK = 0,
    RP_ERR_NOMEM,       /* an allocation failed */
    RP_ERR_IO,          /* a file could not be read or written */
    RP_ERR_INVALID,     /* the input breaks a rule; diagnostics say which */
    RP_ERR_INFEASIBLE,  /* no plan satisfies every hard rule */
    RP_ERR_NO_PLAN,     /* the search stopped (time limit) before any plan was found */
    RP_ERR_SOLVER,      /* the solver failed (numerical trouble, internal error) */
    RP_ERR_INTERRUPTED  /* the user interrupted the run */
} rp_status;

/* A short lowercase description, never NULL. */
const char *rp_status_str(rp_status st);

/* The status of a failed system call from its errno: RP_ERR_NOMEM when the
 * C library ran out of memory (fopen, fdopen ...), else RP_ERR_IO. */
rp_status rp_status_from_errno(int err);

#define RP_TRY(expr)                                                           \
    do {                                                                       \
        rp_status rp_try_st_ = (expr);                                         \
        if (rp_try_st_ != RP_OK)                                               \
            return rp_try_st_;                                                 \
    } while (0)

#define RP_TRY_GOTO(expr, label)                                               \
    do {                                                                       \
        st = (expr);                                                           \
        if (st != RP_OK)                                                       \
            goto label;                                                        \
    } while (0)

#endif
