/*
 * The formulation, rule by rule and term by term: each config under
 * tests/data/form/ has an optimum worked out by hand (the reasoning is in the
 * file) and a relaxation of the rule or term it is about, whose optimum is
 * different (so the rule binds). Every plan the solver returns goes through
 * the independent checker: no violation, and the objective the solver
 * reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/form/form.h"
#include "solver/heur/heur.h"
#include "solver/solve/solve.h"
#include "tests/support/check_plan.h"
#include "tests/support/load.h"

#define DIR "tests/data/form/"

/* Solves m to optimality, checks the plan independently (when `check`: a
 * relaxed model no longer matches what the checker reads from the config)
 * and that the formulation describes the plan it returned; returns the
 * objective. */
static double solve_checked(const rp_model *m, bool check, bool score_columns)
{
    rp_solve_options opt;
    rp_solve_options_init(&opt);
    opt.form.score_columns = score_columns;
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, &opt, &plan, &res), RP_OK);
    assert_non_null(plan);
    assert_int_equal(plan->status, RP_PLAN_OPTIMAL);
    assert_true(plan->has_objective && plan->has_bound);
    assert_true(plan->objective == res.objective && plan->bound == res.objective);

    if (check)
        check_plan_clean(m, plan);

    /* the plan, read back into columns, satisfies every row and scores the same */
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &opt.form, &f), RP_OK);
    double *values = calloc((size_t)f->lp->n_cols + 1, sizeof *values);
    assert_non_null(values);
    assert_int_equal(rp_form_values(f, plan, values, NULL), RP_OK);
    assert_int_equal(rp_lp_check(f->lp, values, 1e-9, NULL), 0);
    assert_true(fabs(rp_lp_objective(f->lp, values) - plan->objective) < 1e-9);
    free(values);
    rp_form_free(&f);

    double objective = plan->objective;
    rp_plan_free(&plan);
    return objective;
}

/* --- relaxations: each drops the rule or term its config is about ------- */

static void relax_requirements(rp_model *m)
{
    rp_student *s = &m->students[0];
    for (int r = 0; r < s->n_requirements; r++) {
        s->requirements[r].min = 0;
        s->requirements[r].max = s->requirements[r].n_disciplines;
    }
    memset(s->blocked, 0, (size_t)m->n_departments);
}

static void relax_prerequisites(rp_model *m)
{
    for (int d = 0; d < m->n_disciplines; d++)
        m->disciplines[d].n_prerequisites = 0;
}

static void relax_hospital_limit(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].max_per_hospital = RP_NO_LIMIT;
}

static void relax_capacity(rp_model *m)
{
    for (int p = 0; p < m->n_departments; p++)
        for (int w = 0; w < m->weeks; w++)
            m->departments[p].capacity[w] = m->n_students;
}

static void relax_minimum(rp_model *m)
{
    for (int p = 0; p < m->n_departments; p++)
        memset(m->departments[p].minimum, 0, (size_t)m->weeks * sizeof(int));
}

static void relax_availability(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        memset(m->students[s].available, 1, (size_t)m->weeks);
}

static void relax_eligibility(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        memset(m->students[s].blocked, 0, (size_t)m->n_departments);
}

static void relax_pins(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].n_pins = 0;
}

static void relax_discipline(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].weights.discipline = 0;
}

static void relax_hospital(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].weights.hospital = 0;
}

static void relax_priority(rp_model *m)
{
    m->objective.school_priority = 0;
}

static void relax_change(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].weights.change = 0;
}

static void relax_idle(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].weights.idle = 0;
}

static void relax_fairness(rp_model *m)
{
    m->objective.fairness = 0;
}

/* Counted per department and week, as if nobody were named or pooled. */
static void relax_teams(rp_model *m)
{
    for (int p = 0; p < m->n_departments; p++)
        m->departments[p].n_teams = 0;
    for (int s = 0; s < m->n_students; s++)
        memset(m->students[s].blocked, 0, (size_t)m->n_departments);
}

static void relax_languages(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++)
        m->students[s].n_languages = 0;
}

static void relax_leximin(rp_model *m)
{
    m->objective.leximin = false;
    m->objective.fairness = 1;
}

typedef struct form_case {
    const char *file;
    double optimum;
    void (*relax)(rp_model *m); /* NULL: the rule lives in the formulation only */
    double relaxed;
} form_case;

/* Both ways of carrying the score (score columns or not) give the optimum. */
static void run_case(const form_case *c)
{
    rp_model *m = load_config(c->file);
    assert_true(solve_checked(m, true, false) == c->optimum);
    assert_true(solve_checked(m, true, true) == c->optimum);
    if (c->relax) {
        c->relax(m);
        double relaxed = solve_checked(m, false, false);
        assert_true(relaxed == c->relaxed);
        assert_true(relaxed != c->optimum);
        assert_true(solve_checked(m, false, true) == c->relaxed);
    }
    rp_model_free(&m);
}

#define CASE(name, file, optimum, relax, relaxed)                              \
    static void test_##name(void **state)                                      \
    {                                                                          \
        (void)state;                                                           \
        static const form_case c = {DIR file, optimum, relax, relaxed};        \
        run_case(&c);                                                          \
    }

/* hard rules */
CASE(one_department_a_week, "week.yaml", 3, NULL, 0)
CASE(discipline_at_most_once, "once.yaml", 6, NULL, 0)
CASE(requirements_and_nothing_else, "requirement.yaml", 6, relax_requirements, 17)
CASE(prerequisite_finished_first, "prerequisite.yaml", 1, relax_prerequisites, 6)
CASE(max_per_hospital, "hospital_limit.yaml", 3, relax_hospital_limit, 6)
CASE(capacity, "capacity.yaml", 2, relax_capacity, 4)
CASE(minimum, "minimum.yaml", -1, relax_minimum, 0)
CASE(availability, "availability.yaml", 1, relax_availability, 5)
CASE(eligibility, "eligibility.yaml", 1, relax_eligibility, 5)
CASE(pins, "pins.yaml", 0, relax_pins, 3)
CASE(one_supervisor_through_leave, "leave.yaml", 0, relax_teams, 2)
CASE(pools, "pools.yaml", 4, relax_teams, 6)
CASE(languages, "languages.yaml", 4, relax_languages, 7)
/* score terms */
CASE(discipline_preference, "pref_discipline.yaml", 6, relax_discipline, 0)
CASE(hospital_preference_per_rotation, "pref_hospital.yaml", 8, relax_hospital, 0)
CASE(school_priority, "priority.yaml", 6, relax_priority, 3)
CASE(hospital_changes_across_idle_weeks, "changes.yaml", 1, relax_change, 3)
CASE(idle_weeks, "idle.yaml", 1, relax_idle, 4)
CASE(worst_off_student, "fairness.yaml", 5, relax_fairness, 4)
CASE(idle_weeks_from_intake, "intake.yaml", 0, NULL, 0)
CASE(leximin, "leximin.yaml", 11, relax_leximin, 15)

static void test_infeasible(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "infeasible.yaml");
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve(m, NULL, &plan, &res), RP_ERR_INFEASIBLE);
    assert_null(plan);
    assert_int_equal(res.status, RP_ERR_INFEASIBLE);
    rp_model_free(&m);
}

/* Later stages find x by (student, department, start) and every row of a
 * rule by its key; the tags agree with the lookups. */
static void test_lookups_and_tags(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "pins.yaml");
    rp_form_options opt;
    rp_form_options_init(&opt);
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &opt, &f), RP_OK);
    int h1 = rp_model_find_hospital(m, "h1"), h2 = rp_model_find_hospital(m, "h2");
    int b = rp_model_find_department(m, h1, "b"), a2 = rp_model_find_department(m, h2, "a");
    /* the pins leave b only in week 1 and a only at h2 */
    assert_true(rp_form_x(f, 0, b, 0) >= 0);
    assert_int_equal(rp_form_x(f, 0, b, 1), -1);
    assert_int_equal(rp_form_x(f, 0, rp_model_find_department(m, h1, "a"), 1), -1);
    int j = rp_form_x(f, 0, a2, 1);
    assert_true(j >= 0 && j < f->n_x);
    int s, p, t;
    rp_form_x_info(f, j, &s, &p, &t);
    assert_true(s == 0 && p == a2 && t == 1);
    char buf[24];
    assert_string_equal(rp_lp_col_name(f->lp, j, buf), "x[S1,h2/a,w2]");
    for (int k = 0; k < 2; k++) {
        int row = rp_form_pin_row(f, 0, k);
        assert_true(row >= 0);
        rp_form_tag tag = rp_form_row_tag(f, row);
        assert_int_equal(tag.kind, RP_FORM_ROW_PIN);
        assert_int_equal(tag.item, k);
        assert_true(f->lp->rows[row].lb == 1 && f->lp->rows[row].ub == 1);
    }
    assert_int_equal(rp_form_pin_row(f, 0, 2), -1);
    int req = rp_form_requirement_row(f, 0, 0);
    assert_true(req >= 0 && f->lp->rows[req].lb == 1 && f->lp->rows[req].ub == 2);
    assert_int_equal(rp_form_requirement_row(f, 0, 1), -1);
    /* a row added later is "other" */
    int extra = rp_lp_add_row(f->lp, 0, 1, "extra");
    assert_int_equal(rp_form_row_tag(f, extra).kind, RP_FORM_ROW_OTHER);
    assert_int_equal(rp_form_col_tag(f, f->lp->n_cols).kind, RP_FORM_COL_OTHER);
    rp_form_free(&f);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* Teams: no rotation where no supervisor is there throughout; one team, the
 * x column counts in it; two, a guide column each and a row choosing one. */
static void test_team_rows_and_guides(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "leave.yaml");
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, NULL, &f), RP_OK);
    int h1 = rp_model_find_department(m, rp_model_find_hospital(m, "h1"), "a");
    assert_true(m->departments[h1].capacity[0] > 0);
    assert_int_equal(rp_form_x(f, 0, h1, 0), -1);
    rp_form_free(&f);
    rp_model_free(&m);

    m = load_config(DIR "languages.yaml");
    assert_int_equal(rp_form_build(m, NULL, &f), RP_OK);
    h1 = rp_model_find_department(m, rp_model_find_hospital(m, "h1"), "a");
    int a_team = m->supervisors[rp_model_find_supervisor(m, "A")].team;
    int b_team = m->supervisors[rp_model_find_supervisor(m, "B")].team;
    int m1 = rp_model_find_student(m, "M1"), s1 = rp_model_find_student(m, "S1");
    int j = rp_form_x(f, m1, h1, 0);
    assert_true(j >= 0);
    assert_int_equal(f->x_team[j], a_team);
    assert_int_equal(f->guide_start[j + 1] - f->guide_start[j], 0);
    j = rp_form_x(f, s1, h1, 0);
    assert_int_equal(f->x_team[j], -1);
    assert_int_equal(f->guide_start[j + 1] - f->guide_start[j], 2);
    int y = f->guide_cols[f->guide_start[j]];
    rp_form_tag tag = rp_form_col_tag(f, y);
    assert_int_equal(tag.kind, RP_FORM_COL_GUIDE);
    assert_int_equal(tag.student, s1);
    assert_int_equal(tag.item, a_team);
    /* A could get all three but takes one: its row binds; only S1 could use B */
    int row = rp_form_team_row(f, a_team, 0);
    assert_true(row >= 0);
    assert_int_equal(rp_form_row_tag(f, row).kind, RP_FORM_ROW_TEAM);
    assert_int_equal(rp_form_row_tag(f, row).item, a_team);
    assert_true(f->lp->rows[row].ub == 1);
    assert_true(rp_form_team_row(f, b_team, 0) < 0);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* At the size of a year (1,075 students, pools, named supervisors, six
 * intakes): the heuristic's plan, read into the program's columns, keeps
 * every row and scores what the checker says. The program and the
 * heuristic agree on pools, teams and intakes. */
static void test_heuristic_plan_fits_the_program_at_size(void **state)
{
    (void)state;
    rp_model *m = load_config("configs/uong_bi.yaml");
    rp_heur_options ho;
    rp_heur_options_init(&ho);
    ho.time_limit = 0;
    ho.max_moves = 50000;
    rp_plan *plan = NULL;
    assert_int_equal(rp_heur_plan(m, &ho, &plan, NULL), RP_OK);
    long objective = check_plan_clean(m, plan).objective;
    rp_form_options opt;
    rp_form_options_init(&opt);
    opt.names = false;
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &opt, &f), RP_OK);
    assert_true(f->n_x > 50000);
    double *values = calloc((size_t)f->lp->n_cols + 1, sizeof *values);
    assert_int_equal(rp_form_values(f, plan, values, NULL), RP_OK);
    rp_lp_breach first;
    int breaches = rp_lp_check(f->lp, values, 1e-9, &first);
    if (breaches)
        fail_msg("%d breaches, the first: %s %d", breaches, first.is_row ? "row" : "column",
                 first.index);
    assert_true(fabs(rp_lp_objective(f->lp, values) - (double)objective) < 1e-6);
    /* and back: the same rotations, each with a supervisor where they are named */
    rp_plan *back = rp_plan_new();
    assert_int_equal(rp_form_plan(f, values, back), RP_OK);
    assert_int_equal(back->n_rotations, plan->n_rotations);
    assert_int_equal(check_plan_clean(m, back).objective, objective);
    rp_plan_free(&back);
    free(values);
    rp_form_free(&f);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

/* keep_redundant_rows keeps the rows a diagnosis would relax, same optimum. */
static void test_redundant_rows_kept(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "requirement.yaml");
    rp_form_options opt;
    rp_form_options_init(&opt);
    opt.keep_redundant_rows = true;
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &opt, &f), RP_OK);
    assert_true(rp_form_requirement_row(f, 0, 1) >= 0);
    int h = rp_model_find_hospital(m, "h");
    assert_true(rp_form_department_row(f, rp_model_find_department(m, h, "a"), 0) >= 0);
    rp_solve_options so;
    rp_solve_options_init(&so);
    rp_plan *plan = NULL;
    rp_solve_result res;
    assert_int_equal(rp_solve_form(f, &so, &plan, &res), RP_OK);
    assert_true(res.objective == 6);
    check_plan_clean(m, plan);
    rp_plan_free(&plan);
    rp_form_free(&f);
    rp_model_free(&m);
}

/* An allow_start filter removes starts; a plan using one is no start. */
static bool not_week_one(void *ctx, int student, int department, int start)
{
    (void)ctx;
    (void)student;
    (void)department;
    return start != 0;
}

static void test_warm_start_filter_and_bad_plan(void **state)
{
    (void)state;
    rp_model *m = load_config(DIR "week.yaml");
    rp_form_options opt;
    rp_form_options_init(&opt);
    opt.allow_start = not_week_one;
    rp_form *f = NULL;
    assert_int_equal(rp_form_build(m, &opt, &f), RP_OK);
    assert_int_equal(f->n_x, 0);
    rp_plan *plan = rp_plan_new();
    assert_int_equal(rp_plan_add(plan, 0, 0, 0, 1), RP_OK);
    double *values = calloc((size_t)f->lp->n_cols + 1, sizeof *values);
    int bad = -2;
    assert_int_equal(rp_form_values(f, plan, values, &bad), RP_ERR_INVALID);
    assert_int_equal(bad, 0);
    free(values);
    rp_plan_free(&plan);
    rp_form_free(&f);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_department_a_week),
        cmocka_unit_test(test_discipline_at_most_once),
        cmocka_unit_test(test_requirements_and_nothing_else),
        cmocka_unit_test(test_prerequisite_finished_first),
        cmocka_unit_test(test_max_per_hospital),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_minimum),
        cmocka_unit_test(test_availability),
        cmocka_unit_test(test_eligibility),
        cmocka_unit_test(test_pins),
        cmocka_unit_test(test_one_supervisor_through_leave),
        cmocka_unit_test(test_pools),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_discipline_preference),
        cmocka_unit_test(test_hospital_preference_per_rotation),
        cmocka_unit_test(test_school_priority),
        cmocka_unit_test(test_hospital_changes_across_idle_weeks),
        cmocka_unit_test(test_idle_weeks),
        cmocka_unit_test(test_worst_off_student),
        cmocka_unit_test(test_idle_weeks_from_intake),
        cmocka_unit_test(test_leximin),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_lookups_and_tags),
        cmocka_unit_test(test_team_rows_and_guides),
        cmocka_unit_test(test_heuristic_plan_fits_the_program_at_size),
        cmocka_unit_test(test_redundant_rows_kept),
        cmocka_unit_test(test_warm_start_filter_and_bad_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
