/* How good a plan is, in one sentence an office understands. */
#include <math.h>
#include <stdio.h>

#include "solver/publish/publish.h"

void rp_publish_quality_words(const rp_plan *plan, char *buf, size_t size)
{
    bool bounded = plan->has_objective && plan->has_bound && isfinite(plan->bound) &&
                   isfinite(plan->objective);
    double gap = bounded ? (plan->bound - plan->objective) / fmax(fabs(plan->objective), 1.0)
                         : 0.0;
    if (plan->status == RP_PLAN_PARTIAL)
        snprintf(buf, size, "Some required rotations are missing: no plan keeps every rule, "
                            "and this one misses the fewest.");
    else if (bounded && gap <= 1e-9)
        snprintf(buf, size, "This plan is the best possible.");
    else if (bounded && gap < 0.0005)
        snprintf(buf, size, "No plan can score more than 0.1%% better than this one.");
    else if (bounded)
        snprintf(buf, size, "No plan can score more than %.1f%% better than this one.",
                 ceil(gap * 1000.0) / 10.0);
    else if (plan->status == RP_PLAN_UNKNOWN)
        snprintf(buf, size, "The plan file does not say how close to the best possible it is "
                            "(YAML and JSON plans keep the bound).");
    else
        snprintf(buf, size, "The time ran out before the quality could be measured.");
}
