#include "solver/cli/report.h"

#include <stdlib.h>
#include <string.h>

#include "solver/publish/publish.h"

const char *rp_solve_report_status(const rp_solve_result *res)
{
    if (res->plan_status == RP_PLAN_OPTIMAL)
        return "optimal";
    if (res->plan_status == RP_PLAN_PARTIAL)
        return "partial: required rotations are missing (listed below)";
    if (res->interrupted)
        return "feasible, not proven optimal (interrupted)";
    if (res->time_limit_reached)
        return "feasible, not proven optimal (time limit reached)";
    return "feasible, not proven optimal";
}

/* Summed hospital by hospital, so that the table needs no memory of its own
 * (it is printed even when memory has run out). */
static void print_loads(FILE *out, const rp_model *m, const rp_plan *plan)
{
    int width = 8;
    for (int h = 0; h < m->n_hospitals; h++)
        if ((int)strlen(m->hospitals[h].id) > width)
            width = (int)strlen(m->hospitals[h].id);
    fprintf(out, "load       placed student-weeks / capacity\n");
    for (int h = 0; h < m->n_hospitals; h++) {
        long placed = 0, capacity = 0;
        for (int r = 0; r < plan->n_rotations; r++)
            if (m->departments[plan->rotations[r].department].hospital == h)
                placed += plan->rotations[r].length;
        for (int p = 0; p < m->n_departments; p++)
            for (int w = 0; w < m->weeks && m->departments[p].hospital == h; w++)
                capacity += m->departments[p].capacity[w];
        fprintf(out, "  %-*s %6ld / %-6ld", width, m->hospitals[h].id, placed, capacity);
        if (capacity > 0)
            fprintf(out, " (%.0f%%)", 100.0 * (double)placed / (double)capacity);
        fputc('\n', out);
    }
}

/* Why solve did not build the compact program (solve.c compact_follows). */
static const char *compact_not_built(const rp_solve_result *res)
{
    if (res->candidate_rotations > RP_SOLVE_COMPACT_MAX)
        return "built: too large";
    if (res->cg_outgrown > 0)
        return "built: too many\n           students have too many possible schedules";
    return "needed";
}

void rp_solve_report_summary(FILE *out, const rp_model *m, const rp_plan *plan,
                             const rp_solve_result *res, const rp_check_report *check)
{
    if (m->name)
        fprintf(out, "%s\n", m->name);
    fprintf(out, "status     %s\n", rp_solve_report_status(res));
    fprintf(out, "objective  %.0f\n", res->objective);
    if (res->has_bound)
        fprintf(out, "bound      %.0f (gap %.2f%%)\n", res->bound, 100 * res->gap);
    /* The same sentence the published page says, for the office. */
    rp_plan said = {.status = res->plan_status, .has_objective = true,
                    .objective = res->objective, .has_bound = res->has_bound,
                    .bound = res->bound};
    char words[256];
    rp_publish_quality_words(&said, words, sizeof words);
    fprintf(out, "in words   %s\n", words);
    fprintf(out, "time       %.2f s\n", res->seconds);
    if (m->objective.leximin && res->levels > 0)
        fprintf(out, "leximin    scores raised level by level, lowest first, from %ld to %ld%s\n",
                res->level_floor + 1, res->level_last,
                res->levels_complete ? "; every level proven" : "; not every level proven");
    if (res->warm_start_from_heuristic)
        fprintf(out, "warm start heuristic plan %.0f found in %.2f s%s\n", res->heuristic_objective,
                res->heuristic_seconds, res->warm_start_rejected ? " (set aside: breaks a rule)" : "");
    else if (res->warm_start_given)
        fprintf(out, "warm start given plan%s\n",
                res->warm_start_rejected ? " (set aside: breaks a rule)" : "");
    if (res->settled)
        fprintf(out, "settling   every student rebuilt against the rest, %.0f to %.0f, %.2f s\n",
                res->settle_from, res->settle_to, res->settle_seconds);
    if (res->cg_rounds > 0)
        fprintf(out, "schedules  %d round%s of pricing, %d schedules, %.2f s%s\n", res->cg_rounds,
                res->cg_rounds == 1 ? "" : "s", res->cg_columns, res->cg_seconds,
                res->cg_too_large ? " (some students priced by a small MIP)" : "");
    if (res->cg_few_rounds)
        fprintf(out, "           no more rounds: too few would fit in the time to lead to a plan\n");
    if (res->cg_outgrown > 0)
        fprintf(out,
                "           no more rounds: %d students have too many possible schedules to\n"
                "           price exactly; the bound holds but is looser\n",
                res->cg_outgrown);
    if (res->cg_rough > 0)
        fprintf(out, "           %d students bounded only roughly: the last round ran out of time\n",
                res->cg_rough);
    if (res->annealed)
        fprintf(out, "annealing  from the best plan, %.0f to %.0f, %d cycle%s, %.2f s\n",
                res->anneal_from, res->anneal_to, res->anneal_cycles,
                res->anneal_cycles == 1 ? "" : "s", res->anneal_seconds);
    if (res->compact)
        fprintf(out, "model      %d rows, %d columns (%d binaries), %zu non-zeros\n", res->size.rows,
                res->size.cols, res->size.binaries, res->size.nonzeros);
    else
        fprintf(out, "model      %s%ld candidate rotations (the compact program was not %s)\n",
                res->candidates_estimated ? "about " : "", res->candidate_rotations,
                compact_not_built(res));
    if (res->lns_tried > 0)
        fprintf(out, "search     %ld neighbourhoods, %ld improved the plan, %.2f s\n", res->lns_tried,
                res->lns_improved, res->lns_seconds);
    fprintf(out, "students   %d, %d rotations\n", m->n_students, plan->n_rotations);
    print_loads(out, m, plan);
    if (check && check->worst_student >= 0)
        fprintf(out, "worst-off  %s (score %ld)\n", m->students[check->worst_student].id,
                check->worst);
}

void rp_solve_report_timetable(FILE *out, const rp_model *m, const rp_plan *plan)
{
    rp_plan *sorted = rp_plan_clone(plan);
    if (!sorted)
        return;
    rp_plan_sort(sorted);
    int width = 7;
    for (int s = 0; s < m->n_students; s++)
        if ((int)strlen(m->students[s].id) > width)
            width = (int)strlen(m->students[s].id);
    fprintf(out, "%-*s   weeks hospital/department\n", width, "student");
    int r = 0;
    for (int s = 0; s < m->n_students; s++) {
        fprintf(out, "%-*s ", width, m->students[s].id);
        for (; r < sorted->n_rotations && sorted->rotations[r].student == s; r++) {
            const rp_rotation *rot = &sorted->rotations[r];
            const rp_department *d = &m->departments[rot->department];
            if (rot->length == 1)
                fprintf(out, "  w%d ", rot->start + 1);
            else
                fprintf(out, "  w%d-%d ", rot->start + 1, rot->start + rot->length);
            fprintf(out, "%s/%s", m->hospitals[d->hospital].id, d->id);
        }
        fputc('\n', out);
    }
    rp_plan_free(&sorted);
}
