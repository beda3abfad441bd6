/*
 * What-if (solver/whatif/whatif.h, rotaplan whatif): candidates ranked by the
 * values given, exact answers whose plans the independent checker passes,
 * the rotations a plan in force must move, and the command line: on Quang
 * Ninh with one gynecology supervisor fewer, gynecology heads the list and
 * one more gynecologist gives a plan again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "solver/whatif/whatif.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/find.h"
#include "tests/support/load.h"

#define WARD "tests/data/reschedule/ward.yaml"
#define WARD_PLAN "tests/data/reschedule/ward-plan.csv"
#define DIR "tests/data/whatif/"
#define GYN4 DIR "quang_ninh-gyn4.yaml"

/* One more place is worth 1.5 in weeks 2-3 of provincial surgery, nothing
 * elsewhere: that department heads the list, over all its weeks and over
 * the run, each a place more (+3) and a place fewer (-3); the rest tie at 0
 * in the config's order. */
static void test_rank_by_values(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(WARD);
    int surgery = find_department(m, "provincial", "surgery");
    double *value = calloc((size_t)m->n_departments * m->weeks, sizeof *value);
    value[surgery * m->weeks + 1] = value[surgery * m->weeks + 2] = 1.5;
    rp_worths w;
    assert_int_equal(rp_whatif_rank(m, value, &w), RP_OK);
    assert_int_equal(w.count, 2 * m->n_departments + 2);
    const int first[] = {0, 0, 1, 1}, last[] = {7, 7, 2, 2}, sign[] = {1, -1, 1, -1};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(w.items[i].department, surgery);
        assert_int_equal(w.items[i].first_week, first[i]);
        assert_int_equal(w.items[i].last_week, last[i]);
        assert_int_equal(w.items[i].supervisors, sign[i]);
        assert_int_equal(w.items[i].places, 1); /* capacity given directly: a place */
        assert_true(fabs(w.items[i].estimate - 3.0 * sign[i]) < 1e-9);
        assert_false(w.items[i].evaluated);
    }
    for (int i = 4; i < w.count; i++) {
        assert_true(fabs(w.items[i].estimate) < 1e-9);
        if (i > 4)
            assert_true(w.items[i].department >= w.items[i - 1].department);
    }
    rp_scenario s;
    assert_int_equal(rp_worth_scenario(m, &w.items[1], &s), RP_OK);
    assert_string_equal(s.name, "one fewer place at provincial/surgery, weeks 1-8");
    assert_int_equal(s.edits[0].kind, RP_EDIT_PLACES);
    assert_int_equal(s.edits[0].value, -1);
    rp_scenario_clear(&s);
    rp_worths_clear(&w);
    free(value);
    rp_model_free(&m);
}

/* The scenario's answer, its plan passed by the checker on the changed config. */
static rp_whatif_answer evaluate(const rp_model *m, const rp_whatif_base *base,
                                 const rp_scenario *s, const rp_whatif_options *opt)
{
    rp_whatif_answer a;
    rp_plan *plan = NULL;
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_whatif_evaluate(m, base, s, opt, &a, &plan, &d), RP_OK);
    rp_diags_clear(&d);
    if (a.verdict == RP_VERDICT_PLAN) {
        assert_non_null(plan);
        rp_model *k = NULL;
        assert_int_equal(rp_scenario_apply(m, s, &k, &d), RP_OK);
        checked_plan c = check_plan_clean(k, plan);
        assert_int_equal(c.objective, (long)a.score);
        rp_model_free(&k);
    } else {
        assert_null(plan);
    }
    rp_plan_free(&plan);
    return a;
}

/*
 * The ward config with its plan in force: closing Bai Chay surgery from
 * week 5 moves the two students there (as re-planning finds), pediatrics cut
 * to 8 places for 16 student-weeks leaves no plan and says so, a place more
 * moves nobody, and an arrival in week 3 gets their three rotations.
 */
static void test_scenarios_against_a_plan(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(WARD);
    rp_plan *in_force = load_plan(m, WARD_PLAN, NULL);
    rp_diags d;
    rp_diags_init(&d);
    rp_scenarios *sc = NULL;
    assert_int_equal(rp_scenarios_load(m, DIR "ward-scenarios.yaml", &sc, &d), RP_OK);
    rp_diags_clear(&d);
    rp_whatif_options opt;
    rp_whatif_options_init(&opt);
    opt.time_limit = 60;
    opt.plan = in_force;
    rp_whatif_base base;
    assert_int_equal(rp_whatif_base_run(m, &opt, &base), RP_OK);
    assert_int_equal(base.answer.verdict, RP_VERDICT_PLAN);
    assert_int_equal(base.answer.moves, 0);
    assert_int_equal((long)base.answer.score, check_plan_clean(m, in_force).objective);
    assert_true(base.has_values);

    rp_whatif_answer a = evaluate(m, &base, &sc->items[0], &opt);
    assert_int_equal(a.verdict, RP_VERDICT_PLAN);
    assert_int_equal(a.moves, 2);
    assert_int_equal(a.students_moved, 2);
    rp_whatif_answer_clear(&a);

    a = evaluate(m, &base, &sc->items[1], &opt);
    assert_int_equal(a.verdict, RP_VERDICT_STATIC);
    assert_true(a.findings.count >= 1);
    assert_string_equal(a.findings.items[0].loc.file, WARD);
    rp_whatif_answer_clear(&a);

    a = evaluate(m, &base, &sc->items[2], &opt);
    assert_int_equal(a.verdict, RP_VERDICT_PLAN);
    assert_int_equal(a.moves, 0);
    assert_true(a.score >= base.answer.score);
    rp_whatif_answer_clear(&a);

    a = evaluate(m, &base, &sc->items[3], &opt);
    assert_int_equal(a.verdict, RP_VERDICT_PLAN);
    assert_int_equal(a.moves, 3); /* the newcomer's three rotations */
    assert_int_equal(a.students_moved, 1);
    rp_whatif_answer_clear(&a);

    rp_whatif_base_clear(&base);
    rp_scenarios_free(&sc);
    rp_plan_free(&in_force);
    rp_model_free(&m);
}

/* One gynecology supervisor fewer on Quang Ninh: no plan; the schedule
 * master's duals put gynecology first, and one more gynecologist there gives
 * a plan again, with the score the full config has. */
static void test_cli_gynecology_heads_the_list(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("whatif " GYN4 " --exact 1 --top 4 --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "base       no plan: "));
    assert_non_null(strstr(r.out, "error: gynecology at Quang Ninh Obstetrics and Pediatrics "
                                  "Hospital: "));
    const char *first = strstr(r.out, "\n   1  ");
    assert_non_null(first);
    assert_true(strncmp(first, "\n   1  +1 supervisor  gynecology at Quang Ninh Obstetrics and "
                               "Pediatrics Hospital", 79) == 0);
    const char *line_end = strchr(first + 1, '\n');
    const char *plan = strstr(first, "a plan: best score 1169");
    assert_non_null(plan);
    assert_true(plan < line_end);
    assert_non_null(strstr(r.out, " more; --top 0 shows them all)\n"));
    cli_run_free(&r);

    r = cli_rotaplan("whatif " GYN4 " --exact 0 --quiet --json");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"base\": {\"verdict\": \"infeasible\""));
    assert_non_null(strstr(r.out, "{\"rank\": 1, \"department\": "
                                  "\"obstetrics_pediatrics/gynecology\", \"discipline\": "
                                  "\"gynecology\", \"weeks\": [1, 9], \"supervisors\": 1, "
                                  "\"places_per_week\": 3, "));
    assert_non_null(strstr(r.out, "\"exact\": null}"));
    assert_non_null(strstr(r.out, "{\"rank\": 2, "));
    cli_run_free(&r);

    r = cli_rotaplan("whatif " GYN4 " --exact 0 --quiet --csv");
    assert_int_equal(r.code, 0);
    assert_true(strncmp(r.out, "rank,hospital,department,discipline,first_week,last_week,"
                               "supervisors,places_per_week,estimate,exact,plan_exists,score,"
                               "score_change,moves,students_moved,moved_score,place_weeks,"
                               "student_weeks,missed_rotations\n"
                               "1,obstetrics_pediatrics,gynecology,gynecology,1,9,1,3,", 256) == 0);
    cli_run_free(&r);
}

static void test_cli_scenarios(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("whatif " WARD " --scenarios " DIR "ward-scenarios.yaml --plan "
                             WARD_PLAN " --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "scenario   Bai Chay surgery closed from week 5\n"
                                  "           a plan: best score 30 (+0); 2 rotations of the "
                                  "plan in force must move (2 students), score 30\n"));
    assert_non_null(strstr(r.out, "scenario   pediatrics cut to one place a week\n"
                                  "           no plan: the static checks prove it (below)\n"));
    assert_non_null(strstr(r.out, "error: pediatrics: 8 students must do it (16 student-weeks) "
                                  "but its departments offer only 8 student-weeks"));
    cli_run_free(&r);

    r = cli_rotaplan("whatif " WARD " --scenarios " DIR "ward-scenarios.yaml --quiet --csv");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "scenario,plan_exists,score,score_change,moves,"
                                  "students_moved,moved_score,place_weeks,student_weeks,"
                                  "missed_rotations\n"
                                  "Bai Chay surgery closed from week 5,yes,30,0,,,,,,\n"
                                  "pediatrics cut to one place a week,no,,,,,,,,\n"));
    cli_run_free(&r);

    /* a bad scenario file: every mistake located, exit 3, nothing solved */
    r = cli_rotaplan("whatif " WARD " --scenarios " DIR "bad-scenarios.yaml");
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, DIR "bad-scenarios.yaml:8:22: error: hospital 'provincial' "
                                  "has no department 'oncology'\n"));
    assert_non_null(strstr(r.err, "rotaplan: 10 errors\n"));
    assert_string_equal(r.out, "");
    cli_run_free(&r);
    r = cli_rotaplan("whatif " WARD " --json --csv");
    assert_int_equal(r.code, 2);
    cli_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_by_values),
        cmocka_unit_test(test_scenarios_against_a_plan),
        cmocka_unit_test(test_cli_gynecology_heads_the_list),
        cmocka_unit_test(test_cli_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
