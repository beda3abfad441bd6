/*
 * test_price - the pricing search of solver/sched against GLPK.
 *
 * For every student of the shipped configs, a generated cohort and an MSS
 * instance, the student alone (a residual model: the others' minimums taken
 * off, so that one student can keep every rule) is solved twice: by the
 * dynamic programme and as an integer program by GLPK, under no prices and
 * under random prices on department-weeks (and team-weeks, where supervisors
 * stand in for one another) with a random score multiplier.
 * The two best values must agree, the schedule found must keep every rule
 * (the checker says so) and score what the checker says. A search given
 * the optimum as its incumbent proves it and finds nothing better.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/rng.h"
#include "solver/form/form.h"
#include "solver/glpk/driver.h"
#include "solver/sched/price.h"
#include "solver/solve/residual.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

/* The instance as bench/mss-import writes it. */
static rp_model *mss(const char *instance)
{
    scratch dir;
    scratch_open(&dir);
    rp_model *m = load_config(cli_mss_config(&dir, instance));
    scratch_close(&dir);
    return m;
}

/* The price of cells cell0*weeks + start .. + len - 1. */
static double cells_price(const double *price, int weeks, int cell0, int start, int len)
{
    double c = 0;
    for (int w = start; w < start + len; w++)
        c += price[(size_t)cell0 * weeks + w];
    return c;
}

/* The best reduced value of residual student 0 as a GLPK integer program:
 * the score scaled, less the prices of the department-weeks and of the
 * team-weeks of the team guiding each rotation (sched/schedule.h: cells). */
static double mip_value(const rp_model *r, const double *price, double scale, bool *feasible)
{
    rp_form_options fo;
    rp_form_options_init(&fo);
    fo.names = false;
    fo.score_columns = false;
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(r, &fo, &f), RP_OK);
    for (int j = 0; j < f->lp->n_cols; j++)
        rp_lp_set_obj(f->lp, j, scale * f->lp->cols[j].obj);
    for (int j = 0; j < f->n_x; j++) {
        int s, p, t;
        rp_form_x_info(f, j, &s, &p, &t);
        int len = r->disciplines[r->departments[p].discipline].length;
        rp_lp_add_obj(f->lp, j, -cells_price(price, r->weeks, p, t, len));
        if (!f->x_team)
            continue;
        if (f->x_team[j] >= 0)
            rp_lp_add_obj(f->lp, j,
                          -cells_price(price, r->weeks, r->n_departments + f->x_team[j], t, len));
        for (int k = f->guide_start[j]; k < f->guide_start[j + 1]; k++) {
            int y = f->guide_cols[k], team = rp_form_col_tag(f, y).item;
            rp_lp_add_obj(f->lp, y, -cells_price(price, r->weeks, r->n_departments + team, t, len));
        }
    }
    rp_mip_result res;
    rp_status st = rp_glpk_solve(f->lp, NULL, NULL, &res);
    *feasible = st == RP_OK;
    if (st != RP_OK)
        assert_int_equal(st, RP_ERR_INFEASIBLE);
    else
        assert_true(res.optimal);
    double v = res.objective;
    rp_mip_result_clear(&res);
    rp_form_free(&f);
    return v;
}

/* The schedule keeps every rule of the residual model (with a supervisor of
 * its team for each rotation where supervisors are named) and scores as the
 * checker says. */
static void assert_checked(const rp_model *r, const rp_schedule *sc)
{
    const rp_schedule *of[1] = {sc};
    rp_plan *plan = NULL;
    assert_int_equal(rp_schedules_to_plan(r, of, &plan), RP_OK);
    checked_plan checked = check_plan_clean(r, plan);
    assert_int_equal(checked.sum, sc->score);
    rp_plan_free(&plan);
}

/* Stopped by a small label limit, the search still bounds the student
 * (optimum `want`): whatever stopped it, its bound is the least of the
 * bounds it proved on the way, and a schedule it found before (the walks
 * of its multipliers, repaired) keeps every rule and is worth what it says. */
static void assert_limited_search_bounds(const rp_residual *r, rp_pricer *pricer,
                                         const rp_price_input *in, double want)
{
    rp_price_input limited = *in;
    limited.label_limit = 300;
    rp_price_result cut;
    rp_schedule sc = {0};
    assert_int_equal(rp_price_student(pricer, &limited, 0, &sc, &cut), RP_OK);
    assert_true(cut.outcome == RP_PRICE_EXACT || cut.outcome == RP_PRICE_TOO_LARGE);
    assert_true(cut.bound >= want - 1e-6);
    if (cut.found) {
        assert_true(cut.value <= want + 1e-6);
        assert_true(fabs(rp_price_value(&r->model, &limited, 0, &sc) - cut.value) <= 1e-6);
        assert_checked(&r->model, &sc);
    }
    rp_schedule_clear(&sc);
}

/* Every student (or every `step`-th) alone, no prices then random ones. */
static void compare_all(const rp_model *m, int step, uint64_t seed)
{
    size_t cells = (size_t)rp_sched_cells(m);
    int *others = calloc(cells, sizeof *others);
    double *zero = calloc(cells, sizeof *zero), *price = malloc(cells * sizeof *price);
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++)
            others[(size_t)p * m->weeks + w] = m->departments[p].minimum[w];
    rp_rng rng = rp_rng_seeded(seed);
    rp_pricer *pricer = NULL;
    rp_schedule sc = {0};
    int exact = 0, compared = 0;
    for (int s = 0; s < m->n_students; s += step) {
        rp_residual *r = NULL;
        assert_int_equal(rp_residual_make(m, &s, 1, others, &r), RP_OK);
        r->model.objective.fairness = 0;
        rp_pricer_free(&pricer);
        pricer = rp_pricer_new(&r->model);
        for (int round = 0; round < 2; round++) {
            double scale = round == 0 ? 1 : 0.5 + rp_rng_unit(&rng) * 1.5;
            for (size_t c = 0; c < cells; c++)
                price[c] = round == 0 ? 0 : rp_rng_unit(&rng) * 6 - 1;
            const double *prices = round == 0 ? zero : price;
            rp_price_input in = {.cell_price = prices, .scale = scale, .incumbent = -HUGE_VAL};
            rp_price_result res;
            assert_int_equal(rp_price_student(pricer, &in, 0, &sc, &res), RP_OK);
            if (res.outcome == RP_PRICE_TOO_LARGE)
                continue;
            exact++;
            bool feasible;
            double want = mip_value(&r->model, prices, scale, &feasible);
            compared++;
            if (!feasible) {
                assert_int_equal(res.outcome, RP_PRICE_INFEASIBLE);
                continue;
            }
            assert_int_equal(res.outcome, RP_PRICE_EXACT);
            assert_true(res.found);
            /* the rough bound of a round out of time never falls below */
            rp_price_input rough = in;
            rough.rough_bound = true;
            rp_price_result bounded;
            rp_schedule none = {0};
            assert_int_equal(rp_price_student(pricer, &rough, 0, &none, &bounded), RP_OK);
            assert_int_equal(bounded.outcome, RP_PRICE_BOUNDED);
            assert_false(bounded.found);
            assert_true(bounded.bound >= want - 1e-6);
            if (fabs(res.value - want) > 1e-6)
                fprintf(stderr, "student %s: dynamic programme %.6f, GLPK %.6f\n",
                        m->students[s].id, res.value, want);
            assert_true(fabs(res.value - want) <= 1e-6);
            assert_true(fabs(res.bound - want) <= 1e-6);
            assert_true(fabs(rp_price_value(&r->model, &in, 0, &sc) - want) <= 1e-6);
            assert_checked(&r->model, &sc);
            assert_limited_search_bounds(r, pricer, &in, want);
            /* given the optimum, the search proves it and finds nothing better */
            in.incumbent = res.value;
            rp_schedule other = {0};
            assert_int_equal(rp_price_student(pricer, &in, 0, &other, &res), RP_OK);
            assert_int_equal(res.outcome, RP_PRICE_EXACT);
            assert_false(res.found);
            assert_true(fabs(res.bound - want) <= 1e-6);
            rp_schedule_clear(&other);
        }
        rp_residual_free(&r);
    }
    assert_true(compared > 0);
    assert_true(exact > 0);
    rp_schedule_clear(&sc);
    rp_pricer_free(&pricer);
    free(others);
    free(zero);
    free(price);
}

static void test_shipped_configs(void **state)
{
    (void)state;
    const char *configs[] = {"configs/tutorial.yaml", "configs/quang_ninh.yaml",
                             "configs/gyeonggi.yaml", "configs/uong_bi.yaml",
                             "tests/data/check/staff.yaml"};
    for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++) {
        rp_model *m = load_config(configs[i]);
        compare_all(m, m->n_students > 100 ? 7 : 1, 11 + i);
        rp_model_free(&m);
    }
}

static void test_generated_cohorts(void **state)
{
    (void)state;
    rp_model *m = load_generated_cohort(300, 12, 5);
    compare_all(m, 13, 3);
    rp_model_free(&m);
    m = load_generated_cohort(120, 52, 6); /* a year: long paths, many weeks */
    compare_all(m, 11, 4);
    rp_model_free(&m);
}

static void test_mss_instances(void **state)
{
    (void)state;
    const struct {
        const char *path;
        int step;
    } instances[] = {{"bench/mss/generated-sample/I40_12_1.dzn", 9},
                     {"bench/mss/akbarzadeh-maenhout/Instance_124.dzn", 9},
                     {"bench/mss/akbarzadeh-maenhout/Instance_L20.dzn", 9},
                     /* 24 disciplines, levelled multipliers; GLPK takes seconds
                      * a student there */
                     {"bench/mss/akbarzadeh-maenhout/Instance_L84.dzn", 23}};
    for (size_t i = 0; i < sizeof instances / sizeof instances[0]; i++) {
        rp_model *m = mss(instances[i].path);
        compare_all(m, instances[i].step, 21 + i);
        rp_model_free(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_configs),
        cmocka_unit_test(test_generated_cohorts),
        cmocka_unit_test(test_mss_instances),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
