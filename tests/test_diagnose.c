/*
 * Diagnosing configs without a plan: each small config in tests/data/diagnose
 * passes the static checks and triggers exactly one kind of elastic finding,
 * with its figures and config line; --partial plans go through the
 * independent checker; the command line's exit codes, text and JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solver/diagnose/diagnose.h"
#include "solver/diagnose/partial.h"
#include "solver/diagnose/precheck.h"
#include "tests/support/check_plan.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DIR "tests/data/diagnose/"

/* Diagnoses path, which the static checks must pass, into *d. */
static rp_model *diagnose(const char *path, rp_diagnosis *d)
{
    rp_model *m = load_config(path);
    rp_diagnose_options opt;
    rp_diagnose_options_init(&opt);
    opt.time_limit = 30;
    assert_int_equal(rp_diagnose(m, &opt, d), RP_OK);
    return m;
}

static void assert_one_finding(const rp_diagnosis *d, rp_finding_kind kind, long need,
                               long have, int line, const char *message)
{
    assert_string_equal(rp_verdict_str(d->verdict), "infeasible");
    assert_int_equal(d->verdict, RP_VERDICT_ELASTIC);
    assert_true(d->proven);
    assert_int_equal(d->findings.count, 1);
    const rp_finding *f = &d->findings.items[0];
    assert_string_equal(rp_finding_kind_str(f->kind), rp_finding_kind_str(kind));
    assert_int_equal(f->need, need);
    assert_int_equal(f->have, have);
    assert_int_equal(f->loc.line, line);
    assert_string_equal(f->message, message);
}

static void done(rp_diagnosis *d, rp_model **m)
{
    rp_diagnosis_clear(d);
    rp_model_free(m);
}

static void test_capacity_in_some_weeks(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "capacity.yaml", &d);
    assert_one_finding(&d, RP_FIND_DEPARTMENT, 3, 2, 11,
                       "pediatrics at Bai Chay Hospital: 1 more place needed in weeks 1-2 "
                       "(capacity 2, demand 3)");
    assert_int_equal(d.findings.items[0].first_week, 0);
    assert_int_equal(d.findings.items[0].last_week, 1);
    assert_int_equal(d.shortfall.place_weeks, 2);
    assert_int_equal(d.shortfall.student_weeks + d.shortfall.rotations, 0);
    assert_int_equal(d.cost, 2);
    assert_int_equal(d.bound, 2);
    done(&d, &m);
}

/* A pool short of places, and named supervisors who stand in for each
 * other short of places: the team is named, with its weeks and figures. */
static void test_teams_short_of_places(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "pools.yaml", &d);
    assert_one_finding(&d, RP_FIND_DEPARTMENT, 2, 1, 8,
                       "the doctors of a at h1: 1 more place needed in week 1 (they guide 1 at "
                       "once, demand 2)");
    assert_int_equal(d.cost, 1);
    done(&d, &m);
    m = diagnose(DIR "supervisors.yaml", &d);
    assert_one_finding(&d, RP_FIND_DEPARTMENT, 3, 2, 12,
                       "supervisors Dr. A, Dr. B of a at h1: 1 more place needed in weeks 1-2 "
                       "(they guide 2 at once, demand 3)");
    assert_int_equal(d.shortfall.place_weeks, 2);
    done(&d, &m);
}

static void test_minimum_students_needed_elsewhere(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "minimum.yaml", &d);
    /* at the change that sets the minimum in week 1, not the department */
    assert_one_finding(&d, RP_FIND_MINIMUM, 2, 1, 14,
                       "surgery at District Hospital: 1 more student needed in week 1 to reach "
                       "its minimum (minimum 2, at most 1 can be placed)");
    assert_int_equal(d.findings.items[0].first_week, 0);
    assert_int_equal(d.findings.items[0].last_week, 0);
    assert_int_equal(d.shortfall.student_weeks, 1);
    assert_int_equal(d.cost, 1);
    done(&d, &m);
}

static void test_missing_rotation_hospital_limit(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "missing.yaml", &d);
    assert_one_finding(&d, RP_FIND_MISSING, 1, 0, 11,
                       "student S1 cannot be given 1 rotation of discipline 'a' (needs 1, can be "
                       "given 0)");
    assert_int_equal(d.findings.items[0].student, 0);
    assert_int_equal(d.shortfall.rotations, 1);
    assert_int_equal(d.cost, 2); /* 1 + the 1-week rotation */
    done(&d, &m);
}

static void test_missing_rotation_overlap(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "overlap.yaml", &d);
    assert_one_finding(&d, RP_FIND_MISSING, 1, 0, 15,
                       "student S1 cannot be given 1 rotation of discipline 'trauma' (needs 1, "
                       "can be given 0)");
    assert_int_equal(d.shortfall.rotations, 1);
    done(&d, &m);
}

/* A plan exists: the heuristic finds one, and so does the elastic program
 * without it, bending nothing. */
static void test_plan_exists(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose("tests/data/precheck/clean.yaml", &d);
    assert_int_equal(d.verdict, RP_VERDICT_PLAN);
    assert_false(d.elastic);
    assert_int_equal(d.findings.count, 0);
    rp_diagnosis_clear(&d);
    rp_diagnose_options opt;
    rp_diagnose_options_init(&opt);
    opt.heuristic = false;
    assert_int_equal(rp_diagnose(m, &opt, &d), RP_OK);
    assert_int_equal(d.verdict, RP_VERDICT_PLAN);
    assert_true(d.elastic);
    assert_int_equal(d.cost, 0);
    assert_true(d.proven);
    done(&d, &m);
}

/* The static checks answer first; the elastic program is not built. */
static void test_static_checks_first(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose("tests/data/precheck/demand.yaml", &d);
    assert_int_equal(d.verdict, RP_VERDICT_STATIC);
    assert_false(d.elastic);
    assert_int_equal(d.findings.count, 1);
    assert_int_equal(d.findings.items[0].kind, RP_FIND_DEMAND);
    done(&d, &m);
}

static void test_rigid_rules(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(DIR "rigid.yaml", &d);
    assert_int_equal(d.verdict, RP_VERDICT_RIGID);
    assert_int_equal(d.findings.count, 0);
    done(&d, &m);
}

/* Checks a partial plan independently: exactly the requirements in
 * `missing` are reported, nothing else, and the score is the plan's. */
static void assert_checked(const rp_model *m, const rp_plan *plan, int n_missing,
                           const char *missing)
{
    rp_check_report *r = check_plan_report(m, plan);
    assert_int_equal(r->n_violations, n_missing);
    for (int i = 0; i < r->n_violations; i++)
        assert_int_equal(r->violations[i].rule, RP_RULE_REQUIREMENT);
    if (missing)
        assert_string_equal(r->violations[0].message, missing);
    assert_true((double)r->objective == plan->objective);
    rp_check_report_free(&r);
}

static void test_partial_plan(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "partial.yaml");
    rp_plan *plan = NULL;
    rp_partial_result res;
    assert_int_equal(rp_solve_partial(m, NULL, &plan, &res), RP_OK);
    assert_int_equal(plan->status, RP_PLAN_PARTIAL);
    assert_int_equal(res.missed, 1);
    assert_int_equal(res.missed_bound, 1);
    assert_int_equal(res.short_of.count, 1);
    assert_string_equal(res.short_of.items[0].message,
                        "student S1 cannot be given 1 rotation of discipline 'a' (needs 1, can "
                        "be given 0)");
    assert_int_equal(plan->objective, 5);
    assert_int_equal(plan->n_rotations, 3);
    assert_checked(m, plan, 1, "S1 does not do discipline 'a', which is required");
    rp_partial_result_clear(&res);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* With a plan in reach, --partial finds the same best plan as solve. */
static void test_partial_when_a_plan_exists(void **state)
{
    (void)state;
    rp_model *m = load_config("tests/data/precheck/clean.yaml");
    rp_plan *plan = NULL, *whole = NULL;
    rp_partial_result res;
    rp_solve_result sr;
    assert_int_equal(rp_solve_partial(m, NULL, &plan, &res), RP_OK);
    assert_int_equal(rp_solve(m, NULL, &whole, &sr), RP_OK);
    assert_int_equal(plan->status, RP_PLAN_OPTIMAL);
    assert_int_equal(res.missed, 0);
    assert_int_equal(res.short_of.count, 0);
    assert_true(plan->objective == whole->objective);
    check_plan_clean(m, plan);
    check_plan_clean(m, whole);
    rp_partial_result_clear(&res);
    rp_plan_free(&plan);
    rp_plan_free(&whole);
    rp_model_free(&m);
}

/* Missing rotations cannot fill a minimum nobody can reach. */
static void test_partial_hard_limits_hold(void **state)
{
    (void)state;
    rp_model *m = load_config("tests/data/precheck/minimum.yaml");
    rp_plan *plan = NULL;
    rp_partial_result res;
    assert_int_equal(rp_solve_partial(m, NULL, &plan, &res), RP_ERR_INFEASIBLE);
    assert_null(plan);
    rp_partial_result_clear(&res);
    rp_model_free(&m);
}

#define RESCHEDULE "tests/data/reschedule/"
#define IN_FORCE RESCHEDULE "quang_ninh-plan.csv"
#define OBSTETRICS RESCHEDULE "quang_ninh-obstetrics.yaml"

/*
 * A re-plan's question. Three of ten obstetricians leave from week 4: from
 * scratch the config has a plan, but with weeks 1-3 of the plan in force
 * kept, 44 students need 132 student-weeks of obstetrics in weeks 4-9 and the
 * ward has 126 places: 6 place-weeks must be added, and the finding points at
 * the leave in the config and quotes its note.
 */
static void test_history_question(void **state)
{
    (void)state;
    rp_diagnosis d;
    rp_model *m = diagnose(OBSTETRICS, &d);
    assert_int_equal(d.verdict, RP_VERDICT_PLAN);
    assert_false(d.history);
    rp_diagnosis_clear(&d);

    rp_plan *previous = load_plan(m, IN_FORCE, NULL);
    rp_diagnose_options opt;
    rp_diagnose_options_init(&opt);
    opt.time_limit = 60;
    opt.previous = previous;
    opt.from_week = 3;
    assert_int_equal(rp_diagnose(m, &opt, &d), RP_OK);
    assert_true(d.history);
    assert_one_finding(&d, RP_FIND_DEPARTMENT, 23, 21, 152,
                       "obstetrics at Quang Ninh Obstetrics and Pediatrics Hospital: 2 more "
                       "places needed in weeks 7-9 (capacity 21, demand 23; three obstetricians "
                       "seconded to district delivery rooms (the change))");
    assert_int_equal(d.findings.items[0].first_week, 6);
    assert_int_equal(d.findings.items[0].last_week, 8);
    assert_string_equal(d.findings.items[0].loc.file, OBSTETRICS);
    assert_int_equal(d.shortfall.place_weeks, 6);
    assert_int_equal(d.cost, 6);
    rp_diagnosis_clear(&d);
    rp_plan_free(&previous);
    rp_model_free(&m);

    /* the leave of two Bai Chay surgeons: a plan keeps weeks 1-3 */
    m = load_config(RESCHEDULE "quang_ninh-leave.yaml");
    previous = load_plan(m, IN_FORCE, NULL);
    opt.previous = previous;
    assert_int_equal(rp_diagnose(m, &opt, &d), RP_OK);
    assert_int_equal(d.verdict, RP_VERDICT_PLAN);
    done(&d, &m);
    rp_plan_free(&previous);
}

static void test_cli_diagnose_history(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("diagnose " OBSTETRICS " --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "a plan exists"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " OBSTETRICS " --previous " IN_FORCE " --from-week 4 --quiet");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.out, OBSTETRICS ":152:13: error: obstetrics at Quang Ninh Obstetrics "
                                  "and Pediatrics Hospital: 2 more places needed in weeks 7-9 "
                                  "(capacity 21, demand 23; three obstetricians seconded to "
                                  "district delivery rooms (the change))\n"));
    assert_non_null(strstr(r.out, "no plan keeps weeks 1-3 as they were and every rule of '"
                                  OBSTETRICS "' from week 4 on; the smallest relaxation that "
                                  "makes one possible: 6 place-weeks of extra capacity (proven "
                                  "smallest)\n"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " OBSTETRICS " --previous " IN_FORCE " --from-week 4 --quiet "
                     "--json");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.out, "\"from_week\": 4,"));
    assert_non_null(strstr(r.out, "\"place_weeks\": 6"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " RESCHEDULE "quang_ninh-leave.yaml --previous " IN_FORCE
                     " --from-week 4 --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "a plan exists that keeps weeks 1-3 as they were and every "
                                  "rule of '" RESCHEDULE "quang_ninh-leave.yaml' from week 4 on"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " OBSTETRICS " --previous " IN_FORCE " --quiet");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "'--previous PLAN' and '--from-week K' go together"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " OBSTETRICS " --previous " IN_FORCE " --from-week 10 --quiet");
    assert_int_equal(r.code, 2);
    cli_run_free(&r);
}

static void test_cli_diagnose(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("diagnose " DIR "capacity.yaml --quiet");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.out, DIR "capacity.yaml:11:19: error: pediatrics at Bai Chay "
                                      "Hospital: 1 more place needed in weeks 1-2 (capacity 2, "
                                      "demand 3)\n"));
    assert_non_null(strstr(r.out, "the smallest relaxation that makes one possible: 2 "
                                  "place-weeks of extra capacity (proven smallest)\n"));
    assert_string_equal(r.err, "");
    cli_run_free(&r);

    r = cli_rotaplan("diagnose tests/data/precheck/clean.yaml --quiet");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "a plan exists"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " DIR "rigid.yaml --quiet");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.out, "contradict each other"));
    cli_run_free(&r);
    r = cli_rotaplan("diagnose tests/data/form/invalid.yaml --quiet");
    assert_int_equal(r.code, 3);
    cli_run_free(&r);
    r = cli_rotaplan("diagnose " DIR "capacity.yaml --time-limit 0");
    assert_int_equal(r.code, 2);
    cli_run_free(&r);
    r = cli_rotaplan("diagnose --help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "usage: rotaplan diagnose CONFIG"));
    cli_run_free(&r);
}

static void test_cli_diagnose_json(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("diagnose " DIR "missing.yaml --quiet --json");
    assert_int_equal(r.code, 4);
    const char *keys[] = {
        "\"config\": \"" DIR "missing.yaml\"",
        "\"verdict\": \"infeasible\"",
        "\"found_by\": \"elastic\"",
        "\"relaxation\": {\"cost\": 2, \"bound\": 2, \"proven_smallest\": true, "
        "\"place_weeks\": 0, \"student_weeks\": 0, \"missed_rotations\": 1}",
        "{\"kind\": \"missing\", \"message\": \"student S1 cannot be given 1 rotation of "
        "discipline 'a' (needs 1, can be given 0)\", \"file\": \"" DIR "missing.yaml\", "
        "\"line\": 11, \"column\": 5, \"student\": \"S1\", \"department\": null, "
        "\"discipline\": \"a\", \"weeks\": null, \"need\": 1, \"have\": 0}",
        "\"time_limit_reached\": false",
        "\"seconds\": ",
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(r.out, keys[i]))
            fail_msg("missing %s in\n%s", keys[i], r.out);
    cli_run_free(&r);
}

/* solve proves there is no plan, diagnoses it, and writes nothing. */
static void test_cli_solve_diagnoses(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.csv");
    char args[512];
    snprintf(args, sizeof args, "solve " DIR "minimum.yaml --quiet -o %s", path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, DIR "minimum.yaml:14:19: error: surgery at District Hospital: 1 "
                                      "more student needed in week 1"));
    assert_string_equal(r.out, "");
    assert_int_equal(access(path, F_OK), -1);
    cli_run_free(&r);
    scratch_close(&s);
}

static void test_cli_partial_plan_and_check(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.yaml");
    char args[512];
    snprintf(args, sizeof args, "solve " DIR "partial.yaml --quiet --partial -o %s", path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "status     partial: required rotations are missing"));
    assert_non_null(strstr(r.out, "short      1 student short of 1 requirement, 1 required "
                                  "rotation missing (fewest possible)\n  student S1 cannot be "
                                  "given 1 rotation of discipline 'a' (needs 1, can be given "
                                  "0)\n"));
    char *text = file_text(path);
    assert_non_null(strstr(text, "status: partial"));
    free(text);
    cli_run_free(&r);

    snprintf(args, sizeof args, "check " DIR "partial.yaml %s", path);
    r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "1 violation:\n  requirement: S1 does not do discipline 'a', "
                                  "which is required\n"));
    cli_run_free(&r);
    scratch_close(&s);
}

/* A time limit before anything is proven leaves the question open: exit 5. */
static void test_cli_diagnose_undecided(void **state)
{
    (void)state;
    cli_run r = cli_rotaplan("diagnose configs/quang_ninh.yaml --time-limit 0.001 --quiet");
    assert_int_equal(r.code, 5);
    assert_non_null(strstr(r.out, "the time limit passed before it was known whether "
                                  "'configs/quang_ninh.yaml' has a plan\n"));
    cli_run_free(&r);
}

/* The static checks' findings say why; the partial plan places the rest. */
static void test_cli_partial_after_static_findings(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *path = scratch_path(&s, "plan.json");
    char args[512];
    snprintf(args, sizeof args,
             "solve tests/data/precheck/demand.yaml --quiet --partial -o %s", path);
    cli_run r = cli_rotaplan(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "pediatrics: 5 students must do it (10 student-weeks)"));
    assert_non_null(strstr(r.err, "looking for a partial plan"));
    assert_non_null(strstr(r.out, "students   5, 4 rotations\n"));
    assert_non_null(strstr(r.out, "short      1 student short of 1 requirement, 1 required "
                                  "rotation missing (fewest possible)\n"));
    cli_run_free(&r);
    rp_model *m = load_config("tests/data/precheck/demand.yaml");
    rp_plan *plan = load_plan(m, path, NULL);
    assert_int_equal(plan->status, RP_PLAN_PARTIAL);
    assert_checked(m, plan, 1, NULL);
    rp_plan_free(&plan);
    rp_model_free(&m);
    scratch_close(&s);
}

/* The number after `label` in text, or -1. */
static long number_after(const char *text, const char *label)
{
    const char *at = text ? strstr(text, label) : NULL;
    return at ? strtol(at + strlen(label), NULL, 10) : -1;
}

/*
 * 180 students, emergency medicine with half its supervisors: at least 56
 * must miss it. Under any time limit, however short, solve --partial writes
 * a plan, and what its summary says is what check finds: as many requirement
 * violations (and no other) as requirements it says are short, the same
 * score; its rotations missing at least the bound it gives. (Once, a time
 * limit ended it with exit 5 or with an internal error, the elastic program
 * and the plan read back from it disagreeing.)
 */
static void test_cli_partial_counts_are_the_checkers(void **state)
{
    (void)state;
    static const char *const limits[] = {"1", "5"};
    for (int i = 0; i < 2; i++) {
        scratch s;
        scratch_open(&s);
        const char *path = scratch_path(&s, "plan.csv");
        char args[512];
        snprintf(args, sizeof args,
                 "solve " DIR "partial-180.yaml --quiet --partial --time-limit %s -o %s",
                 limits[i], path);
        cli_run r = cli_rotaplan(args);
        if (r.code != 1)
            print_error("%s: exit %d\n%s%s", args, r.code, r.out, r.err);
        assert_int_equal(r.code, 1);
        assert_non_null(strstr(r.out, "status     partial: required rotations are missing"));
        long objective = number_after(r.out, "\nobjective  ");
        long requirements = number_after(strstr(r.out, "\nshort "), " short of ");
        long rotations = number_after(strstr(r.out, "\nshort "), " requirements, ");
        long at_least = number_after(r.out, "(at least ");
        assert_true(requirements >= 56 && rotations >= requirements);
        assert_true(at_least >= 56 && at_least <= rotations);
        cli_run_free(&r);

        snprintf(args, sizeof args, "check " DIR "partial-180.yaml %s", path);
        r = cli_rotaplan(args);
        assert_int_equal(r.code, 1);
        char want[64];
        snprintf(want, sizeof want, "%ld violations:\n", requirements);
        assert_non_null(strstr(r.out, want));
        /* every violation listed, up to the blank line, is a requirement's */
        int listed = 0;
        for (const char *line = strstr(r.out, want) + strlen(want); *line && *line != '\n';
             line = strchr(line, '\n') + 1) {
            if (strncmp(line, "  requirement: ", 15) != 0)
                fail_msg("check finds a violation other than a requirement: %.100s", line);
            listed++;
        }
        assert_int_equal(listed, requirements);
        char score[64];
        snprintf(score, sizeof score, " = %ld\n", objective);
        const char *line = strstr(r.out, "\nobjective: ");
        assert_non_null(line);
        assert_non_null(strstr(line, score));
        cli_run_free(&r);
        scratch_close(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capacity_in_some_weeks),
        cmocka_unit_test(test_teams_short_of_places),
        cmocka_unit_test(test_minimum_students_needed_elsewhere),
        cmocka_unit_test(test_missing_rotation_hospital_limit),
        cmocka_unit_test(test_missing_rotation_overlap),
        cmocka_unit_test(test_plan_exists),
        cmocka_unit_test(test_static_checks_first),
        cmocka_unit_test(test_rigid_rules),
        cmocka_unit_test(test_partial_plan),
        cmocka_unit_test(test_partial_when_a_plan_exists),
        cmocka_unit_test(test_partial_hard_limits_hold),
        cmocka_unit_test(test_history_question),
        cmocka_unit_test(test_cli_diagnose_history),
        cmocka_unit_test(test_cli_diagnose),
        cmocka_unit_test(test_cli_diagnose_json),
        cmocka_unit_test(test_cli_solve_diagnoses),
        cmocka_unit_test(test_cli_partial_plan_and_check),
        cmocka_unit_test(test_cli_diagnose_undecided),
        cmocka_unit_test(test_cli_partial_after_static_findings),
        cmocka_unit_test(test_cli_partial_counts_are_the_checkers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
