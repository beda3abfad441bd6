#include "solver/cli/commands.h"

int rp_exit_code(rp_status st)
{
    switch (st) {
    case RP_OK: return RP_EXIT_OK;
    case RP_ERR_INVALID: return RP_EXIT_INVALID;
    case RP_ERR_INFEASIBLE: return RP_EXIT_INFEASIBLE;
    case RP_ERR_NO_PLAN: return RP_EXIT_NO_PLAN;
    case RP_ERR_INTERRUPTED: return RP_EXIT_INTERRUPTED;
    case RP_ERR_NOMEM:
    case RP_ERR_IO:
    case RP_ERR_SOLVER: return RP_EXIT_FAILURE;
    }
    return RP_EXIT_FAILURE;
}
