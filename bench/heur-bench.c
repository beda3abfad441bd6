/*
 * heur-bench.c - one measured run of the heuristic planner, for bench/heur-bench.
 *
 * Loads a config, runs rp_heur_plan with the seed, time limit and move budget
 * given, re-checks the plan with the independent checker and prints one CSV
 * row (no header; bench/heur-bench writes it):
 *
 *   config,students,seed,status,objective,check_objective,violations,
 *   first_feasible_s,seconds,moves,stopped_early,load_s,peak_mb,
 *   glpk_status,glpk_objective,glpk_bound,glpk_seconds
 *
 * objective is what the heuristic reported, check_objective what the checker
 * computed (empty without a plan). With --glpk S the plan is then handed to
 * the MIP search (rp_solve, start plan) for S seconds: its status, objective
 * (checked again), bound and time fill the last columns, so the heuristic's
 * gap can be read against GLPK's bound. peak_mb is the process's peak resident
 * memory when the heuristic returns (the loaded model included, GLPK not).
 * Exit code 1 when a plan breaks a rule or its objective is not the one
 * reported, 2 on usage, 3 on a bad config, else 0 (with or without a plan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "model/check.h"
#include "solver/heur/heur.h"
#include "model/load.h"
#include "solver/solve/solve.h"
#include "base/clock.h"

/* Violations the checker finds in plan; its objective into *objective. */
static int checked_violations(const rp_model *m, const rp_plan *plan, long *objective)
{
    rp_check_report *report = NULL;
    if (rp_check_plan(m, plan, &report) != RP_OK)
        return -1;
    int n = report->n_violations;
    *objective = report->objective;
    rp_check_report_free(&report);
    return n;
}

static int usage(void)
{
    fputs("usage: heur-bench-run CONFIG.yaml [--seed N] [--time-limit S] [--moves N] "
          "[--glpk S]\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    rp_heur_options opt;
    rp_heur_options_init(&opt);
    double glpk_seconds = 0;
    for (int i = 2; i < argc; i++) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--seed") == 0)
            opt.seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--time-limit") == 0)
            opt.time_limit = atof(argv[++i]);
        else if (strcmp(argv[i], "--moves") == 0)
            opt.max_moves = atoll(argv[++i]);
        else if (strcmp(argv[i], "--glpk") == 0)
            glpk_seconds = atof(argv[++i]);
        else
            return usage();
    }
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    double loading = rp_clock_seconds();
    if (rp_load_config(argv[1], &m, &diags) != RP_OK) {
        rp_diags_print(&diags, stderr, 10);
        rp_diags_clear(&diags);
        return 3;
    }
    loading = rp_clock_seconds() - loading;
    rp_diags_clear(&diags);

    rp_plan *plan = NULL;
    rp_heur_result res;
    rp_status st = rp_heur_plan(m, &opt, &plan, &res);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);

    int exit_code = 0;
    char checked[32] = "", violations[32] = "";
    if (plan) {
        long objective = 0;
        int n = checked_violations(m, plan, &objective);
        snprintf(checked, sizeof checked, "%ld", objective);
        snprintf(violations, sizeof violations, "%d", n);
        if (n != 0 || objective != res.objective)
            exit_code = 1;
    }
    char glpk[160] = ",,,";
    if (plan && glpk_seconds > 0) {
        rp_solve_options so;
        rp_solve_options_init(&so);
        so.time_limit = glpk_seconds;
        so.warm_start = plan;
        rp_plan *better = NULL;
        rp_solve_result sr;
        rp_status gst = rp_solve(m, &so, &better, &sr);
        long objective = 0;
        if (better && (checked_violations(m, better, &objective) != 0 ||
                       objective != (long)sr.objective))
            exit_code = 1;
        char bound[32] = "", found[32] = "";
        if (sr.has_bound)
            snprintf(bound, sizeof bound, "%.1f", sr.bound);
        if (better)
            snprintf(found, sizeof found, "%ld", objective);
        snprintf(glpk, sizeof glpk, "%s,%s,%s,%.1f", gst == RP_OK ? "ok" : rp_status_str(gst),
                 found, bound, sr.seconds);
        rp_plan_free(&better);
    }
    printf("%s,%d,%llu,%s,%ld,%s,%s,%.3f,%.3f,%lld,%d,%.3f,%.1f,%s\n", argv[1], m->n_students,
           (unsigned long long)opt.seed, st == RP_OK ? "feasible" : rp_status_str(st),
           res.objective, checked, violations, res.first_feasible, res.seconds, res.moves,
           res.stopped_early, loading, (double)ru.ru_maxrss / 1024.0, glpk);
    rp_plan_free(&plan);
    rp_model_free(&m);
    return exit_code;
}
