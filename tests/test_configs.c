/* The shipped configs: each loads without an error or a warning, says what the
 * news says, passes the static pre-checks, and has a plan: the witness kept in
 * tests/data/configs/ keeps every rule according to the independent checker. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/check.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "solver/diagnose/precheck.h"

static rp_model *load_clean(const char *path)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    rp_status st = rp_load_config(path, &m, &d);
    if (d.count)
        rp_diags_print(&d, stderr, 0);
    assert_int_equal(st, RP_OK);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 0);
    rp_diags_clear(&d);
    return m;
}

static void assert_prechecks_pass(const rp_model *m)
{
    rp_findings f;
    rp_findings_init(&f);
    assert_int_equal(rp_precheck(m, &f), RP_OK);
    for (int i = 0; i < f.count; i++)
        fprintf(stderr, "finding: %s\n", f.items[i].message);
    assert_int_equal(f.count, 0);
    rp_findings_clear(&f);
}

/* The witness kept for the config keeps every rule; every student has the
 * rotations their requirements ask for. */
static void assert_witness_clean(const rp_model *m, const char *witness)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *plan = NULL;
    rp_status st = rp_plan_read(m, witness, RP_FORMAT_AUTO, &plan, &d);
    if (d.count)
        rp_diags_print(&d, stderr, 10);
    assert_int_equal(st, RP_OK);
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, plan, &r), RP_OK);
    for (int i = 0; i < r->n_violations && i < 10; i++)
        fprintf(stderr, "violation: %s\n", r->violations[i].message);
    assert_int_equal(r->n_violations, 0);
    assert_int_equal(r->n_students, m->n_students);
    rp_check_report_free(&r);
    rp_plan_free(&plan);
    rp_diags_clear(&d);
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
    rp_model *m = load_clean("configs/quang_ninh.yaml");
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
    assert_prechecks_pass(m);
    assert_witness_clean(m, "tests/data/configs/quang_ninh-witness.csv");
    rp_model_free(&m);
}

static void test_gyeonggi_trainees_stay_six_weeks(void **state)
{
    (void)state;
    rp_model *m = load_clean("configs/gyeonggi.yaml");
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
    assert_prechecks_pass(m);
    assert_witness_clean(m, "tests/data/configs/gyeonggi-witness.csv");
    rp_model_free(&m);
}

static void test_tutorial_is_small(void **state)
{
    (void)state;
    rp_model *m = load_clean("configs/tutorial.yaml");
    assert_int_equal(m->n_students, 6);
    assert_int_equal(m->n_hospitals, 2);
    assert_prechecks_pass(m);
    assert_witness_clean(m, "tests/data/configs/tutorial-witness.csv");
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quang_ninh_matches_the_news),
        cmocka_unit_test(test_gyeonggi_trainees_stay_six_weeks),
        cmocka_unit_test(test_tutorial_is_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
