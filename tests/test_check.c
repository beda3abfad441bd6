/* The independent checker: one case per rule (a plan breaking just that rule,
 * with the exact violation), clean plans, and scores computed by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/ytree.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/find.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define RULES "tests/data/check/rules.yaml"
#define MINIMUM "tests/data/check/minimum.yaml"
#define SCORE "tests/data/check/score.yaml"
#define PREREQUISITE "tests/data/check/prerequisite.yaml"
#define DATA "tests/data/check/"

/* The department "HOSPITAL/DEPARTMENT" names. */
static int department(const rp_model *m, const char *ref)
{
    char hospital[64];
    const char *slash = strchr(ref, '/');
    assert_non_null(slash);
    snprintf(hospital, sizeof hospital, "%.*s", (int)(slash - ref), ref);
    return find_department(m, hospital, slash + 1);
}

static int supervisor(const rp_model *m, const char *id)
{
    int j = rp_model_find_supervisor(m, id);
    if (j < 0)
        fail_msg("no supervisor '%s'", id);
    return j;
}

/* A plan from "STUDENT HOSPITAL/DEPARTMENT WEEK LENGTH [SUPERVISOR]; ..." (weeks
 * 1-based); SUPERVISOR may be "A/B@W": A, then B from week W on. */
static rp_plan *plan_of(const rp_model *m, const char *spec)
{
    rp_plan *p = rp_plan_new();
    assert_non_null(p);
    char *copy = strdup(spec), *save = NULL;
    for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        char student[64], ref[128], guide[64] = "";
        int week, length;
        if (strspn(item, " ") == strlen(item))
            continue;
        if (sscanf(item, " %63s %127s %d %d %63s", student, ref, &week, &length, guide) < 4)
            fail_msg("bad plan item '%s'", item);
        int s = rp_model_find_student(m, student);
        assert_true(s >= 0);
        char *slash = strchr(guide, '/'), *at = strchr(guide, '@');
        if (slash && at)
            *slash = *at = '\0';
        int j = guide[0] ? supervisor(m, guide) : -1;
        assert_int_equal(rp_plan_add_guided(p, s, department(m, ref), week - 1, length, j),
                         RP_OK);
        if (slash && at) {
            p->rotations[p->n_rotations - 1].switch_supervisor = supervisor(m, slash + 1);
            p->rotations[p->n_rotations - 1].switch_week = atoi(at + 1) - 1;
        }
    }
    free(copy);
    return p;
}

static rp_check_report *check(const rp_model *m, const char *spec)
{
    rp_plan *p = plan_of(m, spec);
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, p, &r), RP_OK);
    assert_non_null(r);
    rp_plan_free(&p);
    return r;
}

/* Shows what the checker found when a test is about to fail on the count. */
static void expect_violations(const rp_check_report *r, int n)
{
    if (r->n_violations == n)
        return;
    for (int i = 0; i < r->n_violations; i++)
        print_message("  [%s] %s\n", rp_rule_str(r->violations[i].rule), r->violations[i].message);
    assert_int_equal(r->n_violations, n);
}

#define S001_INTERNAL "S001 provincial/internal 1 2; "
#define S001_CARDIOLOGY "S001 provincial/cardiology 3 2; "
#define S001_TRAUMA "S001 bai_chay/trauma 5 1; "
#define S001_PEDIATRICS "S001 bai_chay/pediatrics 6 1; "
#define S001 S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA S001_PEDIATRICS
#define S002_PEDIATRICS "S002 bai_chay/pediatrics 1 1; "
#define S002_MEDICINE "S002 provincial/internal 2 2; S002 provincial/cardiology 4 2; "
#define S002_SURGERY "S002 bai_chay/surgery 6 1"
#define S002 S002_PEDIATRICS S002_MEDICINE S002_SURGERY
#define STAFF "tests/data/check/staff.yaml"
#define D1_SURGERY "D1 uong_bi/surgery 1 2 tran; "
#define D1_PEDIATRICS "D1 uong_bi/pediatrics 3 1; "
#define D2_SURGERY "D2 uong_bi/surgery 1 2 le; "
#define D2_PEDIATRICS "D2 uong_bi/pediatrics 4 1; "
#define N1_SURGERY "N1 uong_bi/surgery 3 2 hoa; "
#define N1_PEDIATRICS "N1 uong_bi/pediatrics 5 1; "
#define N2 "N2 uong_bi/pediatrics 3 1; N2 uong_bi/surgery 5 2 hoa; "
#define N1 N1_SURGERY N1_PEDIATRICS N2
#define STAFF_CLEAN_BUT_N1 D1_SURGERY D1_PEDIATRICS D2_SURGERY D2_PEDIATRICS N2
#define STAFF_CLEAN D1_SURGERY D1_PEDIATRICS D2_SURGERY D2_PEDIATRICS N1

struct rule_case {
    const char *name;
    const char *config, *plan;
    rp_rule rule;
    const char *student;    /* id, or NULL for a department rule */
    const char *department; /* reference, or NULL */
    int week;               /* 1-based, or 0 for none */
    const char *message;
};

static struct rule_case cases[] = {
    {"overlap", RULES,
     S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 bai_chay/pediatrics 5 1;" S002,
     RP_RULE_OVERLAP, "S001", "bai_chay/pediatrics", 5,
     "S001 is in trauma at Bai Chay Hospital and in pediatrics at Bai Chay Hospital in week 5"},
    {"length", RULES,
     S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 bai_chay/pediatrics 6 2;" S002, RP_RULE_LENGTH,
     "S001", "bai_chay/pediatrics", 6,
     "S001 is in pediatrics at Bai Chay Hospital for 2 weeks from week 6, but pediatrics "
     "rotations last 1 week"},
    {"horizon", RULES,
     S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 bai_chay/pediatrics 9 1;" S002,
     RP_RULE_HORIZON, "S001", "bai_chay/pediatrics", 8,
     "S001 is in pediatrics at Bai Chay Hospital in week 9, outside weeks 1-8"},
    {"repeat", RULES, S001 "S001 bai_chay/pediatrics 7 1;" S002, RP_RULE_REPEAT, "S001",
     "bai_chay/pediatrics", 7,
     "S001 does pediatrics twice: in pediatrics at Bai Chay Hospital from week 6 and in "
     "pediatrics at Bai Chay Hospital from week 7"},
    {"requirement: group short", RULES, S001_INTERNAL S001_TRAUMA S001_PEDIATRICS S002,
     RP_RULE_REQUIREMENT, "S001", NULL, 0, "S001 does 1 of group 'medicine', needs exactly 2"},
    {"requirement: mandatory discipline", RULES, S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA S002,
     RP_RULE_REQUIREMENT, "S001", NULL, 0,
     "S001 does not do discipline 'pediatrics', which is required"},
    {"not required", RULES, S001 "S001 bai_chay/dentistry 7 1;" S002, RP_RULE_NOT_REQUIRED, "S001",
     "bai_chay/dentistry", 7,
     "S001 is in dentistry at Bai Chay Hospital from week 7, but dentistry is not part of "
     "their programme"},
    {"prerequisite finished late", RULES,
     "S001 provincial/cardiology 1 2; S001 provincial/internal 3 2;" S001_TRAUMA S001_PEDIATRICS
         S002,
     RP_RULE_PREREQUISITE, "S001", "provincial/cardiology", 1,
     "S001 starts cardiology in week 1 before finishing its prerequisite internal (weeks "
     "3-4)"},
    {"prerequisite missing", PREREQUISITE, "S001 provincial/surgery 2 1", RP_RULE_PREREQUISITE,
     "S001", "provincial/surgery", 2,
     "S001 does surgery from week 2 without its prerequisite anatomy"},
    {"hospital limit", RULES, S001 S002_PEDIATRICS S002_MEDICINE "S002 provincial/surgery 6 1",
     RP_RULE_HOSPITAL_LIMIT, "S002", NULL, 0,
     "S002 has 3 rotations at Provincial Hospital, at most 2 allowed"},
    {"capacity", RULES,
     S001 "S002 bai_chay/surgery 1 1;" S002_MEDICINE "S002 bai_chay/pediatrics 6 1",
     RP_RULE_CAPACITY, NULL, "bai_chay/pediatrics", 6,
     "pediatrics at Bai Chay Hospital has 2 students in week 6, capacity 1"},
    {"minimum", MINIMUM, "S001 bai_chay/pediatrics 2 1", RP_RULE_MINIMUM, NULL,
     "bai_chay/pediatrics", 1,
     "pediatrics at Bai Chay Hospital has 0 students in week 1, minimum 1"},
    {"eligibility: programme hospital", RULES,
     S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 uong_bi/pediatrics 6 1;" S002,
     RP_RULE_ELIGIBILITY, "S001", "uong_bi/pediatrics", 6,
     "S001 is in pediatrics at Uong Bi Hospital from week 6 but their programme does not use "
     "that hospital"},
    {"eligibility: avoided department", RULES,
     S001 S002_PEDIATRICS S002_MEDICINE "S002 bai_chay/trauma 6 1", RP_RULE_ELIGIBILITY, "S002",
     "bai_chay/trauma", 6,
     "S002 is in trauma at Bai Chay Hospital from week 6 but they may not go to that "
     "department"},
    {"availability", RULES,
     S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 bai_chay/pediatrics 8 1;" S002,
     RP_RULE_AVAILABILITY, "S001", "bai_chay/pediatrics", 8,
     "S001 is in pediatrics at Bai Chay Hospital in week 8 but is unavailable that week"},
    {"pin", RULES, S001_INTERNAL S001_CARDIOLOGY "S001 bai_chay/trauma 7 1;" S001_PEDIATRICS S002,
     RP_RULE_PIN, "S001", NULL, 5,
     "S001 is pinned to trauma at Bai Chay Hospital from week 5 but is in trauma at Bai Chay "
     "Hospital from week 7"},
    {"pin: supervisor", STAFF,
     "D1 uong_bi/surgery 1 2 minh; " D1_PEDIATRICS D2_SURGERY D2_PEDIATRICS N1, RP_RULE_PIN, "D1",
     "uong_bi/surgery", 0,
     "D1 is pinned to surgery in surgery at Uong Bi Hospital with tran but is in surgery at Uong "
     "Bi Hospital with minh from week 1"},
    {"pool", STAFF,
     D1_SURGERY "D1 uong_bi/pediatrics 4 1; " D2_SURGERY D2_PEDIATRICS N1, RP_RULE_POOL, NULL,
     "uong_bi/pediatrics", 4,
     "pediatrics at Uong Bi Hospital has 2 students of pool doctors in week 4; its supervisors "
     "of that pool can guide 1"},
    {"supervisor: none", STAFF,
     D1_SURGERY D1_PEDIATRICS "D2 uong_bi/surgery 1 2; " D2_PEDIATRICS N1, RP_RULE_SUPERVISOR,
     "D2", "uong_bi/surgery", 1,
     "D2 is in surgery at Uong Bi Hospital in weeks 1-2 without a supervisor; every student "
     "there has one of its named supervisors"},
    {"supervisor: continuity", STAFF,
     "D2 uong_bi/surgery 1 2 le/an@2; " D2_PEDIATRICS D1_SURGERY D1_PEDIATRICS N1,
     RP_RULE_SUPERVISOR, "D2", "uong_bi/surgery", 2,
     "D2 changes supervisor in week 2 of their rotation in surgery at Uong Bi Hospital (weeks "
     "1-2): le before, an from then on; a rotation keeps one supervisor"},
    {"supervisor: away", STAFF,
     "D1 uong_bi/pediatrics 1 1; D1 uong_bi/surgery 3 2 tran; " D2_SURGERY D2_PEDIATRICS N1,
     RP_RULE_SUPERVISOR, "D1", "uong_bi/surgery", 4,
     "D1's supervisor tran in surgery at Uong Bi Hospital (weeks 3-4) is away in week 4"},
    {"supervisor: pool", STAFF,
     STAFF_CLEAN_BUT_N1 "N1 uong_bi/surgery 3 2 minh; " N1_PEDIATRICS, RP_RULE_SUPERVISOR, "N1",
     "uong_bi/surgery", 3,
     "N1 (pool nurses) is guided in surgery at Uong Bi Hospital by minh, who guides pool "
     "doctors"},
    {"supervisor: language", STAFF,
     D1_SURGERY D1_PEDIATRICS "D2 uong_bi/surgery 1 2 minh; " D2_PEDIATRICS N1,
     RP_RULE_SUPERVISOR, "D2", "uong_bi/surgery", 1,
     "D2 is guided in surgery at Uong Bi Hospital by minh, who speaks none of their languages"},
    {"ratio", STAFF,
     D1_SURGERY D1_PEDIATRICS D2_SURGERY D2_PEDIATRICS N1_SURGERY N1_PEDIATRICS
     "N2 uong_bi/pediatrics 3 1; N2 uong_bi/surgery 4 2 hoa",
     RP_RULE_RATIO, NULL, "uong_bi/surgery", 4, "hoa guides 2 students in week 4, at most 1 at once"},
};

static void test_rule_case(void **state)
{
    const struct rule_case *c = *state;
    rp_model *m = load_config(c->config);
    rp_check_report *r = check(m, c->plan);
    expect_violations(r, 1);
    const rp_violation *v = &r->violations[0];
    assert_string_equal(rp_rule_str(v->rule), rp_rule_str(c->rule));
    assert_string_equal(v->message, c->message);
    assert_int_equal(v->student, c->student ? rp_model_find_student(m, c->student) : -1);
    assert_int_equal(v->department, c->department ? department(m, c->department) : -1);
    assert_int_equal(v->week, c->week - 1);
    rp_check_report_free(&r);
    assert_null(r);
    rp_model_free(&m);
}

static void test_clean_plans(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    rp_check_report *r = check(m, S001 S002);
    expect_violations(r, 0);
    rp_check_report_free(&r);
    rp_model_free(&m);
    m = load_config(MINIMUM);
    r = check(m, "S001 bai_chay/pediatrics 1 1");
    expect_violations(r, 0);
    rp_check_report_free(&r);
    rp_model_free(&m);
    m = load_config(PREREQUISITE);
    r = check(m, "S001 provincial/anatomy 1 1; S001 provincial/surgery 3 1");
    expect_violations(r, 0);
    rp_check_report_free(&r);
    rp_model_free(&m);
    m = load_config(STAFF);
    r = check(m, STAFF_CLEAN);
    expect_violations(r, 0);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* Idle weeks count from the first week of the student's intake: N1 starts
 * in week 3 with no gap, N2 waits one week (week 4) before surgery, as D2
 * does in week 3 of the early intake. */
static void test_idle_weeks_count_from_intake(void **state)
{
    (void)state;
    rp_model *m = load_config(STAFF);
    rp_check_report *r = check(m, STAFF_CLEAN);
    expect_violations(r, 0);
    assert_int_equal(r->scores[rp_model_find_student(m, "N1")].n_idle_weeks, 0);
    assert_int_equal(r->scores[rp_model_find_student(m, "N2")].n_idle_weeks, 1);
    assert_int_equal(r->scores[rp_model_find_student(m, "N2")].total, -1);
    assert_int_equal(r->scores[rp_model_find_student(m, "D1")].n_idle_weeks, 0);
    rp_score_bin bins[4];
    assert_int_equal(rp_check_histogram(r, bins, 4), 2);
    assert_int_equal(bins[0].low, -1);
    assert_int_equal(bins[0].high, -1);
    assert_int_equal(bins[0].students, 2);
    assert_int_equal(bins[1].low, 0);
    assert_int_equal(bins[1].students, 2);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* Scores spread wider than the bins share them evenly, lowest first. */
static void test_histogram_bins(void **state)
{
    (void)state;
    rp_score scores[5] = {{.total = -3}, {.total = 10}, {.total = 2}, {.total = 2}, {.total = 7}};
    rp_check_report r = {.scores = scores, .n_students = 5};
    rp_score_bin bins[3];
    assert_int_equal(rp_check_histogram(&r, bins, 3), 3);
    assert_int_equal(bins[0].low, -3);
    assert_int_equal(bins[0].high, 1);
    assert_int_equal(bins[0].students, 1);
    assert_int_equal(bins[1].low, 2);
    assert_int_equal(bins[1].high, 6);
    assert_int_equal(bins[1].students, 2);
    assert_int_equal(bins[2].low, 7);
    assert_int_equal(bins[2].high, 10);
    assert_int_equal(bins[2].students, 2);
    r.n_students = 0;
    assert_int_equal(rp_check_histogram(&r, bins, 3), 0);
}

/* Every rule has a name of its own, and every rule has a case above. */
static void test_every_rule_is_covered(void **state)
{
    (void)state;
    for (int a = 0; a < RP_RULE_COUNT; a++) {
        /* only history mode reports it, as a warning: test_history_* */
        bool covered = a == RP_RULE_INTERRUPTED;
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
            covered = covered || cases[k].rule == (rp_rule)a;
        if (!covered)
            fail_msg("rule %s has no case", rp_rule_str((rp_rule)a));
        for (int b = a + 1; b < RP_RULE_COUNT; b++)
            assert_string_not_equal(rp_rule_str((rp_rule)a), rp_rule_str((rp_rule)b));
    }
}

static bool has_message(const rp_check_report *r, const char *message)
{
    for (int i = 0; i < r->n_violations; i++)
        if (strcmp(r->violations[i].message, message) == 0)
            return true;
    return false;
}

static rp_check_report *check_from(const rp_model *m, const char *spec, int from_week)
{
    rp_plan *p = plan_of(m, spec);
    rp_check_options opt = {from_week - 1};
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan_with(m, p, &opt, &r), RP_OK);
    rp_plan_free(&p);
    return r;
}

/* History mode: a rule broken only in past weeks is a warning; one broken
 * from from_week on is still a violation. */
static void test_history_warnings(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    const char *over =
        S001 "S002 bai_chay/surgery 1 1;" S002_MEDICINE "S002 bai_chay/pediatrics 6 1";
    rp_check_report *r = check_from(m, over, 7);
    expect_violations(r, 0);
    assert_int_equal(r->n_warnings, 1);
    assert_string_equal(rp_rule_str(r->warnings[0].rule), "capacity");
    assert_string_equal(r->warnings[0].message,
                        "pediatrics at Bai Chay Hospital has 2 students in week 6, capacity 1");
    rp_check_report_free(&r);
    r = check_from(m, over, 6);
    expect_violations(r, 1);
    assert_int_equal(r->n_warnings, 0);
    rp_check_report_free(&r);
    /* the avoided department was entered in week 6: history from week 7 */
    r = check_from(m, S001 S002_PEDIATRICS S002_MEDICINE "S002 bai_chay/trauma 6 1", 7);
    expect_violations(r, 0);
    assert_int_equal(r->n_warnings, 1);
    assert_string_equal(rp_rule_str(r->warnings[0].rule), "eligibility");
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* A rotation cut short before from_week is a warning, does not count as
 * done, scores nothing and still takes its weeks. */
static void test_history_interrupted(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    const char *cut =
        S001_INTERNAL "S001 provincial/cardiology 3 1;" S001_TRAUMA S001_PEDIATRICS S002;
    rp_check_report *r = check_from(m, cut, 4);
    expect_violations(r, 1);
    assert_string_equal(r->violations[0].message,
                        "S001 does 1 of group 'medicine', needs exactly 2");
    assert_int_equal(r->n_warnings, 1);
    assert_string_equal(rp_rule_str(r->warnings[0].rule), "interrupted");
    assert_string_equal(r->warnings[0].message,
                        "S001 was in cardiology at Provincial Hospital in week 3, a rotation cut "
                        "short: cardiology is not counted as done");
    rp_check_report *without = check(m, S001_INTERNAL S001_TRAUMA S001_PEDIATRICS S002);
    assert_int_equal(r->objective, without->objective);
    rp_check_report_free(&without);
    rp_check_report_free(&r);
    /* outside history mode it is a rotation of the wrong length */
    r = check(m, cut);
    assert_true(has_message(r, "S001 is in cardiology at Provincial Hospital for 1 week from week "
                               "3, but cardiology rotations last 2 weeks"));
    rp_check_report_free(&r);
    r = check_from(m, S001_INTERNAL "S001 provincial/cardiology 3 1; S001 provincial/surgery 3 1;"
                      S001_TRAUMA S001_PEDIATRICS S002, 4);
    assert_true(has_message(r, "S001 is in surgery at Provincial Hospital while in a rotation cut "
                               "short in week 3"));
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* A missing prerequisite also leaves its group short: both are reported. */
static void test_missing_prerequisite(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    rp_check_report *r = check(m, S001_CARDIOLOGY S001_TRAUMA S001_PEDIATRICS S002);
    expect_violations(r, 2);
    assert_true(has_message(r, "S001 does cardiology from week 3 without its prerequisite "
                               "internal"));
    assert_true(has_message(r, "S001 does 1 of group 'medicine', needs exactly 2"));
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* A student with nothing at all: every requirement short, score 0. */
static void test_empty_student(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    rp_check_report *r = check(m, S002);
    assert_int_equal(r->n_violations, 4); /* three requirements and the pin */
    assert_true(has_message(r, "S001 is pinned to trauma at Bai Chay Hospital from week 5 but "
                               "does not do it"));
    assert_true(has_message(r, "S001 does 0 of group 'surgical', needs at least 1"));
    assert_int_equal(r->scores[0].total, 0);
    assert_int_equal(r->scores[0].n_idle_weeks, 0);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* Several unavailable weeks in one rotation make one violation naming them. */
static void test_availability_weeks(void **state)
{
    (void)state;
    rp_model *m = load_config(RULES);
    rp_check_report *r =
        check(m, S001_INTERNAL S001_CARDIOLOGY S001_TRAUMA "S001 bai_chay/pediatrics 7 2;" S002);
    expect_violations(r, 2);
    assert_true(has_message(r, "S001 is in pediatrics at Bai Chay Hospital in weeks 7-8 but is "
                               "unavailable in week 8"));
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* A rotation naming no student or department of the config is reported, not
 * dereferenced. */
static void test_unknown_indices(void **state)
{
    (void)state;
    rp_model *m = load_config(MINIMUM);
    rp_plan *p = plan_of(m, "S001 bai_chay/pediatrics 1 1");
    assert_int_equal(rp_plan_add(p, 7, 0, 0, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, 0, 9, 1, 1), RP_OK);
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, p, &r), RP_OK);
    assert_int_equal(r->n_violations, 2);
    assert_string_equal(r->violations[0].message,
                        "rotation 2 of the plan names student #7 and department #0, which the "
                        "config does not have");
    rp_check_report_free(&r);
    rp_plan_free(&p);
    rp_model_free(&m);
}

#define S1_PLAN "S1 h1/a 1 1; S1 h2/b 4 2; S1 h2/c 7 1; "
#define S2_PLAN "S2 h2/b 1 2; S2 h1/a 6 1; "
#define S3_PLAN "S3 h1/c 8 1"

static void assert_score(const rp_score *s, long disc, long hosp, long school, long change,
                         long idle, int n_changes, int n_idle)
{
    assert_int_equal(s->discipline, disc);
    assert_int_equal(s->hospital, hosp);
    assert_int_equal(s->school, school);
    assert_int_equal(s->change, change);
    assert_int_equal(s->idle, idle);
    assert_int_equal(s->n_changes, n_changes);
    assert_int_equal(s->n_idle_weeks, n_idle);
    assert_int_equal(s->total, disc + hosp + school + change + idle);
}

/*
 * Weights: discipline 2, hospital 3, change 5, idle 7, school 11, fairness 2.
 * S1 (unavailable in week 2): a@h1 week 1, b@h2 weeks 4-5, c@h2 week 7.
 *   discipline 2 x (4 - 1 + 0) = 6; hospital 3 x (0 + 2 + 2) = 12, once per
 *   rotation; school 11 x (2 + 1 + 0) = 33; one change (h1 -> h2; h2 -> h2 is
 *   none) = -5; idle weeks 2 (unavailable, still counts), 3 and 6, week 8
 *   after the last rotation is free: -21. Total 25.
 * S2 (change 1, idle 1): b@h2 weeks 1-2, a@h1 week 6.
 *   hospital 3 x 1 = 3; school 11 x 3 = 33; the change h2 -> h1 counts across
 *   the idle weeks 3-5: -1; idle -3. Total 32.
 * S3: c@h1 week 8: idle weeks 1-7 = -49; the first rotation is no change.
 * Sum 8, worst -49 (S3), objective 8 + 2 x -49 = -90.
 */
static void test_score_by_hand(void **state)
{
    (void)state;
    rp_model *m = load_config(SCORE);
    rp_check_report *r = check(m, S1_PLAN S2_PLAN S3_PLAN);
    expect_violations(r, 0);
    assert_int_equal(r->n_students, 3);
    assert_score(&r->scores[0], 6, 12, 33, -5, -21, 1, 3);
    assert_score(&r->scores[1], 0, 3, 33, -1, -3, 1, 3);
    assert_score(&r->scores[2], 0, 0, 0, 0, -49, 0, 7);
    assert_int_equal(r->sum, 8);
    assert_int_equal(r->worst, -49);
    assert_int_equal(r->worst_student, 2);
    assert_int_equal(r->objective, -90);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* The order of rotations in the plan does not matter to the score. */
static void test_score_ignores_plan_order(void **state)
{
    (void)state;
    rp_model *m = load_config(SCORE);
    rp_check_report *r = check(m, S3_PLAN "; S2 h1/a 6 1; S1 h2/c 7 1; S2 h2/b 1 2; "
                                          "S1 h2/b 4 2; S1 h1/a 1 1");
    assert_int_equal(r->objective, -90);
    assert_int_equal(r->scores[0].n_changes, 1);
    assert_int_equal(r->scores[1].n_changes, 1);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

/* Without S3's rotation (a requirement violation, but still scored) S3 has
 * 0, which is then the worst: sum 57, objective 57 + 2 x 0. */
static void test_fairness_term(void **state)
{
    (void)state;
    rp_model *m = load_config(SCORE);
    rp_check_report *r = check(m, S1_PLAN S2_PLAN);
    assert_int_equal(r->n_violations, 1);
    assert_int_equal(r->scores[2].total, 0);
    assert_int_equal(r->sum, 57);
    assert_int_equal(r->worst, 0);
    assert_int_equal(r->worst_student, 2);
    assert_int_equal(r->objective, 57);
    rp_check_report_free(&r);
    r = check(m, S1_PLAN S2_PLAN "S3 h1/a 1 1");
    /* S3: school 11 x 2 = 22, the worst now; objective 25 + 32 + 22 + 2 x 22. */
    assert_int_equal(r->worst, 22);
    assert_int_equal(r->worst_student, 2);
    assert_int_equal(r->objective, 79 + 44);
    rp_check_report_free(&r);
    rp_model_free(&m);
}

static void test_report_free_accepts_null(void **state)
{
    (void)state;
    rp_check_report *r = NULL;
    rp_check_report_free(&r);
    rp_check_report_free(NULL);
}

/* --- rotaplan check, end to end through the ROTAPLAN binary ----------------- */

static void test_cli_clean_plan(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check " RULES " " DATA "clean.csv");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "no violations"));
    assert_non_null(strstr(r.out, "objective: sum -3 + fairness 1 x worst -2 = -5"));
    assert_string_equal(r.err, "");
    cli_run_free(&r);
}

static void test_cli_violations_and_warning(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check " RULES " " DATA "capacity.yaml");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "1 violation:\n  capacity: pediatrics at Bai Chay Hospital "
                                  "has 2 students in week 6, capacity 1\n"));
    assert_string_equal(r.err, "rotaplan check: warning: " DATA "capacity.yaml states objective "
                               "1 but the plan scores -5\n");
    cli_run_free(&r);
}

static void test_cli_score_breakdown(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check " SCORE " " DATA "score-plan.json");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "  S1               6       12     33      -5   -21      25\n"));
    assert_non_null(strstr(r.out, "  all              6       15     66      -6   -73       8\n"));
    assert_non_null(strstr(r.out, "worst-off student: S3, score -49\n"));
    assert_non_null(strstr(r.out, "objective: sum 8 + fairness 2 x worst -49 = -90\n"));
    /* scores -49, 25 and 32 in twelve bins of seven */
    assert_non_null(strstr(r.out, "students by score:\n"
                                  "      -49..-43     1 ########################################\n"
                                  "      -42..-36     0\n"));
    assert_non_null(strstr(r.out, "        21..27     1 #####"));
    assert_non_null(strstr(r.out, "        28..32     1 #####"));
    assert_string_equal(r.err, "");
    cli_run_free(&r);
    r = cli_rotaplan("check " SCORE " " DATA "score-plan.json --json");
    assert_non_null(strstr(r.out, "\"histogram\": [{\"low\": -49, \"high\": -43, \"students\": 1}, "));
    assert_non_null(strstr(r.out, "{\"low\": 28, \"high\": 32, \"students\": 1}]"));
    cli_run_free(&r);
}

/* --roster: each named supervisor's students, by week, in text and JSON. */
static void test_cli_roster(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *plan = scratch_path(&s, "plan.csv");
    /* every student has a row for every week; idle weeks leave the place empty */
    file_write(plan, "student,week,hospital,department,supervisor\n"
                     "D1,1,uong_bi,surgery,tran\nD1,2,uong_bi,surgery,tran\n"
                     "D1,3,,,\nD1,4,,,\nD1,5,,,\nD1,6,,,\n"
                     "D2,1,uong_bi,surgery,le\nD2,2,uong_bi,surgery,an\n"
                     "D2,3,,,\nD2,4,,,\nD2,5,,,\nD2,6,,,\n"
                     "N1,1,,,\nN1,2,,,\nN1,3,,,\nN1,4,,,\nN1,5,,,\nN1,6,,,\n"
                     "N2,1,,,\nN2,2,,,\nN2,3,,,\nN2,4,,,\nN2,5,,,\nN2,6,,,\n");
    char args[512];
    snprintf(args, sizeof args, "check " STAFF " %s --roster", plan);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "roster of the named supervisors:\n"
                                  "  tran (Dr. Tran), surgery at Uong Bi Hospital, 2 at once: 1 "
                                  "rotation\n"
                                  "    weeks 1-2    D1\n"
                                  "  minh, surgery at Uong Bi Hospital, 2 at once: 0 rotations\n"
                                  "  le, surgery at Uong Bi Hospital, 1 at once: 1 rotation\n"
                                  "    week 1       D2\n"
                                  "  an, surgery at Uong Bi Hospital, 2 at once: 1 rotation\n"
                                  "    week 2       D2\n"));
    cli_run_free(&r);
    snprintf(args, sizeof args, "check " STAFF " %s --roster --json", plan);
    r = cli_rotaplan(args);
    assert_non_null(strstr(r.out, "{\"supervisor\": \"tran\", \"rotations\": [{\"student\": "
                                  "\"D1\", \"week\": 1, \"weeks\": 2}]},"));
    cli_run_free(&r);
    scratch_close(&s);
}

static const rp_ynode *get(const rp_ynode *map, const char *key)
{
    const rp_ynode *v = rp_ymap_get(map, key);
    if (!v)
        fail_msg("no key '%s'", key);
    return v;
}

static long get_int(const rp_ynode *map, const char *key)
{
    long v;
    assert_true(rp_yscalar_int(get(map, key), &v));
    return v;
}

/* --json is one JSON object a JSON reader (libyaml here) takes back. */
static void test_cli_json(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check " RULES " " DATA "capacity.yaml --json");
    assert_int_equal(r.code, 1);
    rp_diags d;
    rp_diags_init(&d);
    rp_ydoc *doc = NULL;
    assert_int_equal(rp_ydoc_parse_string("check.json", r.out, strlen(r.out), &doc, &d), RP_OK);
    const rp_ynode *root = doc->root;
    assert_int_equal(root->kind, RP_Y_MAPPING);
    const rp_ynode *violations = get(root, "violations");
    assert_int_equal(violations->kind, RP_Y_SEQUENCE);
    assert_int_equal(violations->n_items, 1);
    const rp_ynode *v = violations->items[0];
    assert_string_equal(get(v, "rule")->value, "capacity");
    assert_true(rp_yscalar_is_null(get(v, "student")));
    assert_string_equal(get(v, "department")->value, "bai_chay/pediatrics");
    assert_int_equal(get_int(v, "week"), 6);
    assert_string_equal(get(v, "message")->value,
                        "pediatrics at Bai Chay Hospital has 2 students in week 6, capacity 1");
    assert_int_equal(get_int(root, "objective"), -5);
    assert_int_equal(get_int(root, "sum"), -3);
    assert_int_equal(get_int(root, "worst"), -2);
    assert_string_equal(get(root, "worst_student")->value, "S002");
    assert_int_equal(get_int(get(root, "terms"), "change"), -3);
    const rp_ynode *students = get(root, "students");
    assert_int_equal(students->n_items, 2);
    assert_string_equal(get(students->items[1], "student")->value, "S002");
    assert_int_equal(get_int(students->items[1], "total"), -2);
    rp_ydoc_free(&doc);
    cli_run_free(&r);

    r = cli_rotaplan("check --json " SCORE " " DATA "score-plan.json");
    assert_int_equal(r.code, 0);
    assert_int_equal(rp_ydoc_parse_string("check.json", r.out, strlen(r.out), &doc, &d), RP_OK);
    assert_int_equal(get(doc->root, "violations")->n_items, 0);
    assert_int_equal(get_int(doc->root, "objective"), -90);
    assert_string_equal(get(doc->root, "worst_student")->value, "S3");
    assert_int_equal(get_int(get(doc->root, "terms"), "idle"), -73);
    assert_int_equal(get_int(get(doc->root, "students")->items[0], "hospital"), 12);
    rp_ydoc_free(&doc);
    rp_diags_clear(&d);
    cli_run_free(&r);
}

/* Quotes, a backslash and a tab in a display name survive the JSON output. */
static void test_cli_json_escapes(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check " DATA "quotes.yaml " DATA "empty.csv --json");
    assert_int_equal(r.code, 1);
    rp_diags d;
    rp_diags_init(&d);
    rp_ydoc *doc = NULL;
    assert_int_equal(rp_ydoc_parse_string("check.json", r.out, strlen(r.out), &doc, &d), RP_OK);
    const rp_ynode *v = get(doc->root, "violations")->items[0];
    assert_string_equal(get(v, "message")->value,
                        "pediatrics at Saint \"Mary\" \\ Hospital\t(tab) has 0 students in "
                        "week 1, minimum 1");
    rp_ydoc_free(&doc);
    rp_diags_clear(&d);
    cli_run_free(&r);
}

static void test_cli_invalid_inputs(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check tests/data/plans/cohort.yaml tests/data/plans/bad/rows.csv");
    assert_int_equal(r.code, 3);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "tests/data/plans/bad/rows.csv:3:3: error: unknown student "
                                  "'S999'\n  2,S999,,provincial,internal,internal\n    ^\n"));
    assert_non_null(strstr(r.err, "rotaplan: 13 errors\n"));
    cli_run_free(&r);

    r = cli_rotaplan("check " DATA "no-such-config.yaml " DATA "clean.csv");
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.err, DATA "no-such-config.yaml: error: cannot open"));
    cli_run_free(&r);
}

/* check --json on a plan it cannot read still answers on stdout: one JSON
 * object with every error, where it is, and exit 3. */
static void test_cli_json_invalid_plan(void **state)
{
    (void)state;
    cli_run r =
        cli_rotaplan("check tests/data/plans/cohort.yaml tests/data/plans/bad/rows.csv --json");
    assert_int_equal(r.code, 3);
    rp_diags d;
    rp_diags_init(&d);
    rp_ydoc *doc = NULL;
    assert_int_equal(rp_ydoc_parse_string("check.json", r.out, strlen(r.out), &doc, &d), RP_OK);
    assert_string_equal(get(doc->root, "valid")->value, "false");
    assert_string_equal(get(doc->root, "error")->value, "invalid input");
    const rp_ynode *errors = get(doc->root, "diagnostics");
    assert_int_equal(errors->n_items, 13);
    assert_string_equal(get(errors->items[0], "file")->value, "tests/data/plans/bad/rows.csv");
    assert_int_equal(get_int(errors->items[0], "line"), 3);
    assert_int_equal(get_int(errors->items[0], "column"), 3);
    assert_string_equal(get(errors->items[0], "severity")->value, "error");
    assert_string_equal(get(errors->items[0], "message")->value, "unknown student 'S999'");
    rp_ydoc_free(&doc);
    rp_diags_clear(&d);
    cli_run_free(&r);

    /* a config that does not load: the same object, the config's errors */
    r = cli_rotaplan("check tests/data/load/bad/hospital-not-mapping.yaml " DATA "clean.csv "
                     "--json");
    assert_int_equal(r.code, 3);
    assert_int_equal(rp_ydoc_parse_string("check.json", r.out, strlen(r.out), &doc, &d), RP_OK);
    errors = get(doc->root, "diagnostics");
    assert_int_equal(errors->n_items, 1);
    assert_int_equal(get_int(errors->items[0], "line"), 3);
    rp_ydoc_free(&doc);
    rp_diags_clear(&d);
    cli_run_free(&r);
}

static void test_cli_usage(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("check --help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "usage: rotaplan check CONFIG PLAN"));
    cli_run_free(&r);
    r = cli_rotaplan("check " RULES);
    assert_int_equal(r.code, 2);
    assert_true(strncmp(r.err, "rotaplan check: missing PLAN\nusage: rotaplan check CONFIG PLAN",
                        62) == 0);
    cli_run_free(&r);
    r = cli_rotaplan("check --jsn " RULES " " DATA "clean.csv");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "rotaplan check: unknown option '--jsn'; did you mean "
                                  "'--json'?\n"));
    cli_run_free(&r);
    r = cli_rotaplan("check --format xml " RULES " " DATA "clean.csv");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "rotaplan check: '--format' needs csv, yaml or json, not 'xml'\n"));
    cli_run_free(&r);
    r = cli_rotaplan("check " RULES " " DATA "clean.csv --from-week 0");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "rotaplan check: '--from-week' needs a week number from 1, "
                                  "not '0'\n"));
    cli_run_free(&r);
    /* An explicit format wins over the extension: CSV read as YAML is invalid. */
    r = cli_rotaplan("check --format yaml " RULES " " DATA "clean.csv");
    assert_int_equal(r.code, 3);
    cli_run_free(&r);
}

#define N_CASES (sizeof cases / sizeof cases[0])

int main(void)
{
    const struct CMUnitTest others[] = {
        cmocka_unit_test(test_clean_plans),
        cmocka_unit_test(test_every_rule_is_covered),
        cmocka_unit_test(test_idle_weeks_count_from_intake),
        cmocka_unit_test(test_histogram_bins),
        cmocka_unit_test(test_history_warnings),
        cmocka_unit_test(test_history_interrupted),
        cmocka_unit_test(test_missing_prerequisite),
        cmocka_unit_test(test_empty_student),
        cmocka_unit_test(test_availability_weeks),
        cmocka_unit_test(test_unknown_indices),
        cmocka_unit_test(test_score_by_hand),
        cmocka_unit_test(test_score_ignores_plan_order),
        cmocka_unit_test(test_fairness_term),
        cmocka_unit_test(test_report_free_accepts_null),
        cmocka_unit_test(test_cli_clean_plan),
        cmocka_unit_test(test_cli_violations_and_warning),
        cmocka_unit_test(test_cli_score_breakdown),
        cmocka_unit_test(test_cli_roster),
        cmocka_unit_test(test_cli_json),
        cmocka_unit_test(test_cli_json_escapes),
        cmocka_unit_test(test_cli_invalid_inputs),
        cmocka_unit_test(test_cli_json_invalid_plan),
        cmocka_unit_test(test_cli_usage),
    };
    /* One named test per rule case, then the others. */
    struct CMUnitTest tests[N_CASES + sizeof others / sizeof others[0]];
    size_t n = 0;
    for (size_t i = 0; i < N_CASES; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, test_rule_case, NULL, NULL, &cases[i]};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        tests[n++] = others[i];
    return _cmocka_run_group_tests("test_check", tests, n, NULL, NULL);
}
