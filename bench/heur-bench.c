/*
 * heur-bench.c - one measured run of the heuristic planner, for bench/heur-bench.
 *
 * Loads a config, runs rp_heur_plan with the seed, time limit and move budget
 * given, re-checks the plan with the independent checker and prints one CSV
 * row (no header; bench/heur-bench writes it):
 *
 *   config,students,seed,status,objective,check_objective,violations,
 *   first_feasible_s,seconds,moves,load_s,peak_mb
 *
 * objective is what the heuristic reported, check_objective what the checker
 * computed (empty without a plan). Exit code 0 when the plan checks clean,
 * 1 when there is no plan or the checker disagrees, 2 on usage, 3 on a bad
 * config.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "check.h"
#include "heur.h"
#include "load.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int usage(void)
{
    fputs("usage: heur-bench-run CONFIG.yaml [--seed N] [--time-limit S] [--moves N]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    rp_heur_options opt;
    rp_heur_options_init(&opt);
    for (int i = 2; i < argc; i++) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--seed") == 0)
            opt.seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--time-limit") == 0)
            opt.time_limit = atof(argv[++i]);
        else if (strcmp(argv[i], "--moves") == 0)
            opt.max_moves = atoll(argv[++i]);
        else
            return usage();
    }
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    double loading = now();
    if (rp_load_config(argv[1], &m, &diags) != RP_OK) {
        rp_diags_print(&diags, stderr, 10);
        rp_diags_clear(&diags);
        return 3;
    }
    loading = now() - loading;
    rp_diags_clear(&diags);

    rp_plan *plan = NULL;
    rp_heur_result res;
    rp_status st = rp_heur_plan(m, &opt, &plan, &res);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);

    int exit_code = 1;
    char checked[64] = "", violations[32] = "";
    if (plan) {
        rp_check_report *report = NULL;
        if (rp_check_plan(m, plan, &report) != RP_OK)
            return 1;
        snprintf(checked, sizeof checked, "%ld", report->objective);
        snprintf(violations, sizeof violations, "%d", report->n_violations);
        if (report->n_violations == 0 && report->objective == res.objective)
            exit_code = 0;
        rp_check_report_free(&report);
    }
    printf("%s,%d,%llu,%s,%ld,%s,%s,%.3f,%.3f,%lld,%.3f,%.1f\n", argv[1], m->n_students,
           (unsigned long long)opt.seed, st == RP_OK ? "feasible" : rp_status_str(st),
           res.objective, checked, violations, res.first_feasible, res.seconds, res.moves,
           loading, (double)ru.ru_maxrss / 1024.0);
    rp_plan_free(&plan);
    rp_model_free(&m);
    return exit_code;
}
