#include "base/status.h"

#include <errno.h>

const char *rp_status_str(rp_status st)
{
    switch (st) {
    case RP_OK: return "ok";
    case RP_ERR_NOMEM: return "out of memory";
    case RP_ERR_IO: return "input/output error";
    case RP_ERR_INVALID: return "invalid input";
    case RP_ERR_INFEASIBLE: return "no plan satisfies every rule";
    case RP_ERR_NO_PLAN: return "no plan found within the limits";
    case RP_ERR_SOLVER: return "solver failure";
    case RP_ERR_INTERRUPTED: return "interrupted";
    }
    return "unknown status";
}

rp_status rp_status_from_errno(int err)
{
    return err == ENOMEM ? RP_ERR_NOMEM : RP_ERR_IO;
}
