/*
 * price-probe - the pricing search (solver/sched/price.h) on every student
 * of a config alone, at no prices: how many it prices exactly, how many
 * outgrow a label limit, the labels and seconds it takes, and the sums of
 * the bounds and of the schedules it proves. With --program the students
 * who outgrow the labels are priced again by the small GLPK program the
 * decomposition falls back on (solver/solve/price_mip.h), and the sums take
 * the better of the two. The numbers behind the decomposition's two pricing
 * passes (bench/results/pricing.md).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "model/load.h"
#include "solver/sched/price.h"
#include "solver/solve/price_mip.h"

typedef struct probe_totals {
    int students, exact, infeasible, outgrown, bounded;
    long labels;
    double seconds, program_seconds;
    double bound_sum, found_sum;
} probe_totals;

static void usage(FILE *out)
{
    fputs("usage: price-probe CONFIG.yaml [--students N] [--labels L] [--program] [--each]\n"
          "\n"
          "Prices every student of CONFIG alone at no prices (the first N with\n"
          "--students), with at most L labels each (default: the search's own\n"
          "limit), and prints what the search proved and what it cost. --program:\n"
          "students past the labels are priced again by a small GLPK program.\n"
          "--each: a line per student too (outcome, bound, schedule, labels).\n",
          out);
}

/* The program's result merged into the labels': the better schedule and
 * the lower bound. */
static void merge_program(rp_price_result *r, const rp_price_result *program)
{
    if (program->outcome == RP_PRICE_INFEASIBLE)
        return;
    r->bound = fmin(r->bound, program->bound);
    if (program->found && (!r->found || program->value > r->value)) {
        r->found = true;
        r->value = program->value;
    }
}

static const char *outcome_name(rp_price_outcome o)
{
    switch (o) {
    case RP_PRICE_EXACT:
        return "exact";
    case RP_PRICE_INFEASIBLE:
        return "infeasible";
    case RP_PRICE_TOO_LARGE:
        return "outgrown";
    default:
        return "bounded";
    }
}

static rp_status probe_student(rp_pricer *pricer, const rp_model *m, int s, long labels,
                               bool program, bool each, probe_totals *t)
{
    rp_price_input in = {.scale = 1, .incumbent = -HUGE_VAL, .label_limit = labels};
    rp_schedule sc = {0};
    rp_price_result r;
    double t0 = rp_clock_seconds();
    rp_status st = rp_price_student(pricer, &in, s, &sc, &r);
    t->seconds += rp_clock_seconds() - t0;
    if (st == RP_OK && program && r.outcome == RP_PRICE_TOO_LARGE) {
        rp_schedule better = {0};
        rp_price_result pr;
        t0 = rp_clock_seconds();
        st = rp_price_mip(m, &in, s, r.found ? &sc : NULL, HUGE_VAL, NULL, &better, &pr);
        t->program_seconds += rp_clock_seconds() - t0;
        if (st == RP_OK)
            merge_program(&r, &pr);
        rp_schedule_clear(&better);
    }
    rp_schedule_clear(&sc);
    if (st != RP_OK)
        return st;
    if (each) {
        char found[32] = "none";
        if (r.found)
            snprintf(found, sizeof found, "%.0f", r.value);
        printf("%s  %s  bound %.0f  schedule %s  labels %ld\n", m->students[s].id,
               outcome_name(r.outcome), r.bound, found, r.labels);
    }
    t->students++;
    t->labels += r.labels;
    t->exact += r.outcome == RP_PRICE_EXACT;
    t->infeasible += r.outcome == RP_PRICE_INFEASIBLE;
    t->outgrown += r.outcome == RP_PRICE_TOO_LARGE;
    t->bounded += r.outcome == RP_PRICE_BOUNDED;
    if (r.outcome != RP_PRICE_INFEASIBLE)
        t->bound_sum += r.bound;
    if (r.found)
        t->found_sum += r.value;
    return RP_OK;
}

int main(int argc, char **argv)
{
    const char *config = NULL;
    long students = -1, labels = 0;
    bool program = false, each = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--students") && i + 1 < argc) {
            students = strtol(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--labels") && i + 1 < argc) {
            labels = strtol(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--program")) {
            program = true;
        } else if (!strcmp(argv[i], "--each")) {
            each = true;
        } else if (argv[i][0] != '-' && !config) {
            config = argv[i];
        } else {
            fprintf(stderr, "price-probe: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!config) {
        usage(stderr);
        return 2;
    }
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    rp_status st = rp_load_config(config, &m, &d);
    rp_diags_print(&d, stderr, 20);
    rp_diags_clear(&d);
    if (st != RP_OK)
        return 1;
    rp_pricer *pricer = rp_pricer_new(m);
    probe_totals t = {0};
    int n = students < 0 || students > m->n_students ? m->n_students : (int)students;
    st = pricer ? RP_OK : RP_ERR_NOMEM;
    for (int s = 0; s < n && st == RP_OK; s++)
        st = probe_student(pricer, m, s, labels, program, each, &t);
    if (st == RP_OK)
        printf("students %d  exact %d  infeasible %d  outgrown %d  labels %ld  seconds %.2f"
               "  program seconds %.2f  bound sum %.1f  schedule sum %.1f\n",
               t.students, t.exact, t.infeasible, t.outgrown, t.labels, t.seconds,
               t.program_seconds, t.bound_sum, t.found_sum);
    else
        fprintf(stderr, "price-probe: %s\n", rp_status_str(st));
    rp_pricer_free(&pricer);
    rp_model_free(&m);
    return st == RP_OK ? 0 : 1;
}
