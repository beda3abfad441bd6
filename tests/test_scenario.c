/*
 * Scenario files (model/scenario.h): read against a config with every
 * mistake at its line and column, and applied to a copy of the config as an
 * office would count it: supervisors on leave take their places with them, a
 * closed ward takes none, a leaving student is gone, an arriving one is a
 * twin of another from their first week. The config itself never changes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/scenario.h"
#include "tests/support/diags.h"
#include "tests/support/find.h"
#include "tests/support/load.h"

#define QN "configs/quang_ninh.yaml"
#define QN_SCENARIOS "configs/quang_ninh-scenarios.yaml"
#define WARD "tests/data/reschedule/ward.yaml"
#define DIR "tests/data/whatif/"

static rp_scenarios *load_scenarios(const rp_model *m, const char *path)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_scenarios *s = NULL;
    rp_status st = rp_scenarios_load(m, path, &s, &d);
    diags_assert_text(&d, "");
    assert_int_equal(st, RP_OK);
    rp_diags_clear(&d);
    return s;
}

static rp_model *apply(const rp_model *m, const rp_scenario *s)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *k = NULL;
    assert_int_equal(rp_scenario_apply(m, s, &k, &d), RP_OK);
    diags_assert_text(&d, "");
    rp_diags_clear(&d);
    return k;
}

static void assert_capacity(const rp_model *m, int d, const int *want)
{
    for (int w = 0; w < m->weeks; w++)
        if (m->departments[d].capacity[w] != want[w])
            fail_msg("%s week %d: capacity %d, want %d", m->departments[d].id, w + 1,
                     m->departments[d].capacity[w], want[w]);
}

static void test_quang_ninh_scenarios(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(QN);
    rp_scenarios *s = load_scenarios(m, QN_SCENARIOS);
    assert_int_equal(s->count, 5);
    assert_string_equal(s->items[0].name,
                        "Bai Chay loses a general surgeon and a trauma surgeon in weeks 5-6");
    assert_int_equal(s->items[0].n_edits, 2);
    assert_int_equal(s->items[0].edits[0].kind, RP_EDIT_LEAVE);

    int surgery = find_department(m, "bai_chay", "general_surgery");
    int gyn = find_department(m, "obstetrics_pediatrics", "gynecology");
    int neuro = find_department(m, "bai_chay", "neurosurgery");
    int peds = find_department(m, "provincial", "pediatrics");
    /* Bai Chay: 3 students per supervisor; 5 surgeons, 4 in weeks 8-9 already */
    assert_int_equal(rp_department_places_per_supervisor(&m->departments[surgery], m->weeks), 3);
    rp_model *k = apply(m, &s->items[0]);
    const int surgery_cap[] = {15, 15, 15, 15, 12, 12, 15, 12, 12};
    assert_capacity(k, surgery, surgery_cap);
    assert_int_equal(k->departments[surgery].supervisors[4], 4);
    rp_model_free(&k);

    /* one gynecologist fewer: 5 -> 4 supervisors, and 4 -> 3 in the holiday week */
    k = apply(m, &s->items[1]);
    const int gyn_cap[] = {12, 12, 12, 12, 12, 12, 12, 12, 9};
    assert_capacity(k, gyn, gyn_cap);
    rp_model_free(&k);

    k = apply(m, &s->items[2]);
    const int neuro_cap[] = {6, 6, 6, 6, 6, 6, 0, 0, 0};
    assert_capacity(k, neuro, neuro_cap);
    rp_model_free(&k);

    /* provincial: 2 students per supervisor, 5 pediatricians and one more */
    k = apply(m, &s->items[3]);
    const int peds_cap[] = {12, 12, 12, 12, 12, 12, 12, 12, 12};
    assert_capacity(k, peds, peds_cap);
    rp_model_free(&k);

    /* HP017 leaves; HP251 arrives in week 4, a twin of HP121 without pins */
    k = apply(m, &s->items[4]);
    assert_int_equal(k->n_students, m->n_students);
    assert_int_equal(rp_model_find_student(k, "HP017"), -1);
    int arrived = rp_model_find_student(k, "HP251");
    assert_true(arrived >= 0);
    const rp_student *st = &k->students[arrived];
    const rp_student *twin = &m->students[rp_model_find_student(m, "HP121")];
    assert_string_equal(st->name, "Trần Thị Mai");
    assert_int_equal(st->programme, twin->programme);
    assert_int_equal(st->n_requirements, twin->n_requirements);
    assert_int_equal(st->n_pins, 0);
    for (int w = 0; w < k->weeks; w++)
        assert_int_equal(st->available[w], w >= 3);
    rp_model_free(&k);

    /* the config itself is as it was */
    rp_model *fresh = load_clean_config(QN);
    for (int w = 0; w < m->weeks; w++)
        assert_int_equal(m->departments[gyn].capacity[w], fresh->departments[gyn].capacity[w]);
    assert_int_equal(m->n_students, fresh->n_students);
    assert_true(rp_model_find_student(m, "HP017") >= 0);
    rp_model_free(&fresh);
    rp_scenarios_free(&s);
    assert_null(s);
    rp_model_free(&m);
}

/* A department that gives its capacity directly takes places, not supervisors. */
static void test_places(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(WARD);
    int surgery = find_department(m, "provincial", "surgery");
    assert_int_equal(rp_department_places_per_supervisor(&m->departments[surgery], m->weeks), 0);
    rp_scenarios *s = load_scenarios(m, DIR "ward-scenarios.yaml");
    rp_model *k = apply(m, &s->items[2]);
    const int cap[] = {3, 3, 3, 3, 3, 3, 3, 3};
    assert_capacity(k, surgery, cap);
    rp_model_free(&k);
    rp_scenarios_free(&s);
    rp_model_free(&m);
}

/* Every mistake at its place, all of them in one run. */
static void test_bad_scenarios(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(WARD);
    rp_diags d;
    rp_diags_init(&d);
    rp_scenarios *s = NULL;
    assert_int_equal(rp_scenarios_load(m, DIR "bad-scenarios.yaml", &s, &d), RP_ERR_INVALID);
    assert_null(s);
    diags_assert_expected(&d, DIR "bad-scenarios.err");
    rp_diags_clear(&d);

    /* a minimum above the capacity left is found when the scenario is applied */
    s = load_scenarios(m, DIR "minimum-scenario.yaml");
    rp_model *k = NULL;
    assert_int_equal(rp_scenario_apply(m, &s->items[0], &k, &d), RP_ERR_INVALID);
    assert_null(k);
    diags_assert_text(&d, DIR "minimum-scenario.yaml:5:9: error: scenario 'three students "
                          "needed in provincial surgery': department 'provincial/surgery' needs "
                          "at least 3 students but can take only 2 in week 1\n");
    rp_diags_clear(&d);
    rp_scenarios_free(&s);

    assert_int_equal(rp_scenarios_load(m, DIR "no-such-file.yaml", &s, &d), RP_ERR_IO);
    rp_diags_clear(&d);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quang_ninh_scenarios),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_bad_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
