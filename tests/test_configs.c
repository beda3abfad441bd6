/* The shipped configs: each loads without an error or a warning, says what the
 * news says, passes the static pre-checks, and has a plan: the witness kept in
 * tests/data/configs/ keeps every rule according to the independent checker
 * (Uong Bi's is the plan `rotaplan solve` found in 600 s, bench/results/uong_bi.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tests/support/check_plan.h"
#include "tests/support/load.h"
#include "tests/support/precheck_clean.h"

/* The witness kept for the config keeps every rule; every student has the
 * rotations their requirements ask for. */
static void assert_witness_clean(const rp_model *m, const char *witness)
{
    rp_plan *plan = load_plan(m, witness, NULL);
    assert_int_equal(check_plan_clean(m, plan).n_students, m->n_students);
    rp_plan_free(&plan);
}

static int students_in(const rp_model *m, const char *programme)
{
    int p = rp_model_find_programme(m, programme), n = 0;
    assert_true(p >= 0);
    for (int s = 0; s < m->n_students; s++)
        n += m->students[s].programme == p;
    return n;
}

static int departments_at(const rp_model *m, const char *hospital)
{
    int h = rp_model_find_hospital(m, hospital), n = 0;
    assert_true(h >= 0);
    for (int d = 0; d < m->n_departments; d++)
        n += m->departments[d].hospital == h;
    return n;
}

static int supervisors_at(const rp_model *m, const char *hospital, int week)
{
    int h = rp_model_find_hospital(m, hospital), n = 0;
    for (int d = 0; d < m->n_departments; d++)
        if (m->departments[d].hospital == h && m->departments[d].supervisors)
            n += m->departments[d].supervisors[week];
    return n;
}

static void test_quang_ninh_matches_the_news(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("configs/quang_ninh.yaml");
    assert_int_equal(m->n_students, 250);
    assert_int_equal(m->weeks, 9);
    char date[11];
    assert_true(rp_model_week_date(m, 0, date));
    assert_string_equal(date, "2025-03-03");
    /* 95 at the Provincial General Hospital, 20 of them in dentistry */
    assert_int_equal(students_in(m, "gm_provincial") + students_in(m, "dentistry"), 95);
    assert_int_equal(students_in(m, "dentistry"), 20);
    /* 84 at Bai Chay in 9 departments guided by 32 specialist doctors */
    assert_int_equal(students_in(m, "gm_bai_chay"), 84);
    assert_int_equal(departments_at(m, "bai_chay"), 9);
    assert_int_equal(supervisors_at(m, "bai_chay", 2), 32);
    /* 71 at the Obstetrics and Pediatrics Hospital */
    assert_int_equal(students_in(m, "obstetrics_pediatrics"), 71);
    /* most students come from the CSV roster */
    int from_csv = 0;
    for (int s = 0; s < m->n_students; s++)
        from_csv += m->students[s].loc.file &&
                    strstr(m->students[s].loc.file, "quang_ninh-students.csv") != NULL;
    assert_int_equal(from_csv, 241);
    precheck_assert_clean(m);
    assert_witness_clean(m, "tests/data/configs/quang_ninh-witness.csv");
    rp_model_free(&m);
}

static void test_gyeonggi_trainees_stay_six_weeks(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("configs/gyeonggi.yaml");
    assert_int_equal(m->weeks, 26);
    assert_int_equal(m->n_students, 48);
    for (int s = 0; s < m->n_students; s++) {
        int first = -1, last = -1, count = 0;
        for (int w = 0; w < m->weeks; w++)
            if (m->students[s].available[w]) {
                if (first < 0)
                    first = w;
                last = w;
                count++;
            }
        assert_int_equal(count, 6);
        assert_int_equal(last - first, 5);
    }
    precheck_assert_clean(m);
    assert_witness_clean(m, "tests/data/configs/gyeonggi-witness.csv");
    rp_model_free(&m);
}

static void test_tutorial_is_small(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("configs/tutorial.yaml");
    assert_int_equal(m->n_students, 6);
    assert_int_equal(m->n_hospitals, 2);
    precheck_assert_clean(m);
    assert_witness_clean(m, "tests/data/configs/tutorial-witness.csv");
    rp_model_free(&m);
}

/* Uong Bi: over 1,000 students a year from schools of medicine, nursing and
 * laboratory, in waves of about 180. */
static void test_uong_bi_year_of_waves(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("configs/uong_bi.yaml");
    assert_true(m->n_students > 1000);
    assert_int_equal(m->n_hospitals, 2);
    assert_int_equal(m->n_intakes, 6);
    for (int i = 0; i < m->n_intakes; i++) {
        int n = 0;
        for (int s = 0; s < m->n_students; s++)
            n += m->students[s].intake == i;
        assert_true(n >= 170 && n <= 190);
        if (i > 0) /* each wave overlaps the one before */
            assert_true(m->intakes[i].first_week <
                        m->intakes[i - 1].first_week + m->intakes[i - 1].weeks);
    }
    assert_true(students_in(m, "medicine") > 0 && students_in(m, "nursing") > 0 &&
                students_in(m, "laboratory") > 0);
    /* doctors and nurses, and named supervisors in two departments or more */
    assert_true(rp_model_find_pool(m, "doctors") >= 0 && rp_model_find_pool(m, "nurses") >= 0);
    int named = 0;
    for (int d = 0; d < m->n_departments; d++)
        named += m->departments[d].n_supervisors > 0;
    assert_true(named >= 2);
    /* every student comes from the CSV roster */
    for (int s = 0; s < m->n_students; s++)
        assert_non_null(strstr(m->students[s].loc.file, "uong_bi-students.csv"));
    precheck_assert_clean(m);
    assert_witness_clean(m, "tests/data/configs/uong_bi-witness.yaml");
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quang_ninh_matches_the_news),
        cmocka_unit_test(test_gyeonggi_trainees_stay_six_weeks),
        cmocka_unit_test(test_tutorial_is_small),
        cmocka_unit_test(test_uong_bi_year_of_waves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
