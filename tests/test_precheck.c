/* Static pre-checks: each small config triggers exactly one kind of finding,
 * with its figures; a config that has a plan triggers none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "solver/diagnose/precheck.h"
#include "tests/support/load.h"

#define DIR "tests/data/precheck/"

/* Runs the checks on path and returns how many findings there are. */
static int run(const char *path, rp_findings *f, rp_model **m)
{
    *m = load_config(path);
    rp_findings_init(f);
    assert_int_equal(rp_precheck(*m, f), RP_OK);
    return f->count;
}

static void done(rp_findings *f, rp_model **m)
{
    rp_findings_clear(f);
    rp_model_free(m);
}

static void assert_finding(const rp_finding *got, rp_finding_kind kind, long need, long have,
                           int line, const char *message)
{
    assert_string_equal(rp_finding_kind_str(got->kind), rp_finding_kind_str(kind));
    assert_int_equal(got->need, need);
    assert_int_equal(got->have, have);
    assert_int_equal(got->loc.line, line);
    assert_string_equal(got->message, message);
}

static void test_clean_config_has_no_finding(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "clean.yaml", &f, &m), 0);
    done(&f, &m);
}

static void test_discipline_demand_over_capacity(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "demand.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_DEMAND, 10, 8, 5,
                   "pediatrics: 5 students must do it (10 student-weeks) but its departments "
                   "offer only 8 student-weeks over the 4 weeks; 2 more needed");
    done(&f, &m);
}

static void test_student_time_too_short(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "student_time.yaml", &f, &m), 2);
    assert_finding(&f.items[0], RP_FIND_STUDENT_TIME, 6, 4, 18,
                   "student S1 needs at least 6 weeks of rotations but is available for only 4");
    assert_finding(&f.items[1], RP_FIND_STUDENT_TIME, 6, 4, 19,
                   "student S2 needs at least 6 weeks of rotations but only 4 of their 5 "
                   "available weeks can hold a 2-week rotation");
    done(&f, &m);
}

static void test_requirement_that_cannot_be_met(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "requirement.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_REQUIREMENT, 2, 1, 16,
                   "student S1 needs exactly 2 of group 'surgical' but can be placed in only 1 "
                   "of them; general_surgery: they may not take that discipline; orthopedics: "
                   "no hospital has a department for it");
    done(&f, &m);
}

static void test_minimum_too_few_students_can_fill(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "minimum.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_MINIMUM, 2, 1, 11,
                   "surgery at District Hospital needs at least 2 students in weeks 3-4 but only "
                   "1 student can be there then (S1)");
    assert_int_equal(f.items[0].first_week, 2);
    assert_int_equal(f.items[0].last_week, 3);
    done(&f, &m);
}

/* More candidates than the finding names: it names three, then "..." (once a
 * read past the end of the names it keeps). */
static void test_minimum_more_candidates_than_named(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "minimum_many.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_MINIMUM, 9, 4, 4,
                   "d at h needs at least 9 students in week 1 but only 4 students can be there "
                   "then (a, b, c, ...)");
    done(&f, &m);
}

static void test_prerequisite_order_that_cannot_fit(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "prerequisite.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_PREREQUISITE, 0, 0, 15,
                   "student S1 must do cardiology after internal, but no such order fits the "
                   "weeks they are available and the departments are open");
    done(&f, &m);
}

static void test_prerequisite_chain_longer_than_plan(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "prerequisite_horizon.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_PREREQUISITE, 5, 4, 5,
                   "cardiology and the disciplines it needs first take 5 weeks in a row, more "
                   "than the 4-week plan, and 2 students must do it");
    done(&f, &m);
}

static void test_pins_against_availability_each_other_and_capacity(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "pins.yaml", &f, &m), 3);
    assert_finding(&f.items[0], RP_FIND_PIN, 0, 0, 19,
                   "student S1 is pinned to surgery in week 3, but they are unavailable in "
                   "week 3");
    assert_finding(&f.items[1], RP_FIND_PIN, 0, 0, 22,
                   "student S2 has two pins at the same time: surgery in week 2 and trauma at "
                   "Provincial General Hospital in week 2");
    assert_finding(&f.items[2], RP_FIND_PIN, 3, 2, 12,
                   "trauma at Provincial General Hospital has 3 students pinned in week 2 but "
                   "room for 2");
    done(&f, &m);
}

static void test_pin_before_its_prerequisites(void **state)
{
    (void)state;
    rp_findings f;
    rp_model *m;
    assert_int_equal(run(DIR "pin_prerequisite.yaml", &f, &m), 1);
    assert_finding(&f.items[0], RP_FIND_PIN, 1, 0, 12,
                   "student S1 is pinned to cardiology in week 1, but what it needs first "
                   "(internal) takes 1 week and only 0 available weeks come before");
    done(&f, &m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_config_has_no_finding),
        cmocka_unit_test(test_discipline_demand_over_capacity),
        cmocka_unit_test(test_student_time_too_short),
        cmocka_unit_test(test_requirement_that_cannot_be_met),
        cmocka_unit_test(test_minimum_too_few_students_can_fill),
        cmocka_unit_test(test_minimum_more_candidates_than_named),
        cmocka_unit_test(test_prerequisite_order_that_cannot_fit),
        cmocka_unit_test(test_prerequisite_chain_longer_than_plan),
        cmocka_unit_test(test_pins_against_availability_each_other_and_capacity),
        cmocka_unit_test(test_pin_before_its_prerequisites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
