/*
 * Teams of supervisors (model/teams.h): who stands in for whom, and the
 * promise the formulation rests on: rotations that keep each team's weekly
 * capacity always get one supervisor each for all their weeks. Every plan
 * goes through the independent checker.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/rng.h"
#include "model/teams.h"
#include "tests/support/check_plan.h"
#include "tests/support/find.h"
#include "tests/support/load.h"

#define STAFF "tests/data/load/staff.yaml"
#define UONG_BI "configs/uong_bi.yaml"

/* Alike supervisors share a team; leave, pool, a needed language or a pin
 * set one apart; languages nobody needs do not. */
static void test_who_stands_in_for_whom(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(UONG_BI);
    int surgery = find_department(m, "uong_bi", "surgery");
    const rp_department *d = &m->departments[surgery];
    assert_int_equal(d->n_supervisors, 17);
    /* doctors: the Lao speaker, then three leave shifts; nurses: the Lao
     * speaker, then three shifts */
    assert_int_equal(d->n_teams, 8);
    const rp_supervisor *d04 = &m->supervisors[rp_model_find_supervisor(m, "sg_d04")];
    const rp_supervisor *d07 = &m->supervisors[rp_model_find_supervisor(m, "sg_d07")];
    assert_int_equal(d04->team, d07->team); /* same shift; d04 also speaks English */
    assert_int_not_equal(d04->n_languages, d07->n_languages);
    const rp_supervisor *d01 = &m->supervisors[rp_model_find_supervisor(m, "sg_d01")];
    assert_true(memcmp(d01->present, d04->present, (size_t)m->weeks) == 0);
    assert_int_not_equal(d01->team, d04->team); /* d01 speaks Lao, which students need */
    for (int t = d->first_team; t < d->first_team + d->n_teams; t++) {
        const rp_team *team = &m->teams[t];
        int ratio = 0;
        for (int i = 0; i < team->n_members; i++) {
            const rp_supervisor *v = &m->supervisors[team->members[i]];
            assert_int_equal(v->team, t);
            assert_int_equal(v->pool, team->pool);
            ratio += v->ratio;
        }
        for (int w = 0; w < m->weeks; w++)
            assert_true(team->capacity[w] == 0 || team->capacity[w] == ratio);
    }
    rp_model_free(&m);

    m = load_clean_config(STAFF);
    /* minh and khoa are alike, but a pin names khoa */
    assert_int_not_equal(m->supervisors[rp_model_find_supervisor(m, "minh")].team,
                         m->supervisors[rp_model_find_supervisor(m, "khoa")].team);
    rp_model_free(&m);
}

/*
 * Random rotations within each team's weekly capacity, in random order:
 * every one gets a member of its team, present throughout, and no member
 * guides more than their ratio in any week (the checker says so, and so does
 * a count here). Over every team of the Uong Bi year, many times.
 */
static void test_counts_per_team_always_assign(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(UONG_BI);
    rp_rng rng = rp_rng_seeded(7);
    int W = m->weeks, assigned = 0;
    int *load = calloc((size_t)m->n_teams * W, sizeof *load);
    int *guided = calloc((size_t)m->n_supervisors * W, sizeof *guided);
    for (int round = 0; round < 20; round++) {
        memset(load, 0, (size_t)m->n_teams * W * sizeof *load);
        rp_plan *plan = rp_plan_new();
        int *team_of = malloc(4096 * sizeof *team_of);
        for (int tries = 0; tries < 4000 && plan->n_rotations < 4096; tries++) {
            int t = rp_rng_below(&rng, m->n_teams);
            if (m->teams[t].n_members == 0)
                continue;
            int length = 1 + rp_rng_below(&rng, 4), start = rp_rng_below(&rng, W - length + 1);
            bool room = rp_team_present(m, t, start, length);
            for (int w = start; room && w < start + length; w++)
                room = load[(size_t)t * W + w] < m->teams[t].capacity[w];
            if (!room)
                continue;
            for (int w = start; w < start + length; w++)
                load[(size_t)t * W + w]++;
            /* any student id will do: the rule judged here is the supervisors' */
            int s = rp_rng_below(&rng, m->n_students);
            team_of[plan->n_rotations] = t;
            assert_int_equal(rp_plan_add(plan, s, m->teams[t].department, start, length), RP_OK);
        }
        /* shuffled, so that nothing rests on the plan's order */
        for (int i = plan->n_rotations - 1; i > 0; i--) {
            int j = rp_rng_below(&rng, i + 1);
            rp_rotation r = plan->rotations[i];
            plan->rotations[i] = plan->rotations[j];
            plan->rotations[j] = r;
            int t = team_of[i];
            team_of[i] = team_of[j];
            team_of[j] = t;
        }
        assert_int_equal(rp_teams_assign(m, plan, team_of), RP_OK);
        memset(guided, 0, (size_t)m->n_supervisors * W * sizeof *guided);
        for (int i = 0; i < plan->n_rotations; i++) {
            const rp_rotation *r = &plan->rotations[i];
            assert_true(r->supervisor >= 0);
            const rp_supervisor *v = &m->supervisors[r->supervisor];
            assert_int_equal(v->team, team_of[i]);
            for (int w = r->start; w < r->start + r->length; w++) {
                assert_true(v->present[w]);
                assert_true(++guided[(size_t)r->supervisor * W + w] <= v->ratio);
            }
        }
        rp_check_report *report = check_plan_report(m, plan);
        for (int i = 0; i < report->n_violations; i++)
            assert_true(report->violations[i].rule != RP_RULE_RATIO);
        rp_check_report_free(&report);
        assigned += plan->n_rotations;
        free(team_of);
        rp_plan_free(&plan);
    }
    assert_true(assigned > 20000);
    free(load);
    free(guided);
    rp_model_free(&m);
}

/* One rotation too many for a team: it is left without a supervisor, and
 * the call says so. */
static void test_over_capacity_is_refused(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(STAFF);
    int le = rp_model_find_supervisor(m, "le"); /* one student at a time, alone */
    int t = m->supervisors[le].team, dept = m->supervisors[le].department;
    rp_plan *plan = rp_plan_new();
    assert_int_equal(rp_plan_add(plan, 0, dept, 0, 2), RP_OK);
    assert_int_equal(rp_plan_add(plan, 1, dept, 1, 2), RP_OK);
    int team_of[2] = {t, t};
    assert_int_equal(rp_teams_assign(m, plan, team_of), RP_ERR_INVALID);
    assert_int_equal(plan->rotations[0].supervisor, le);
    assert_int_equal(plan->rotations[1].supervisor, -1);
    /* the team each supervisor says */
    int *back = rp_teams_of_plan(m, plan);
    assert_int_equal(back[0], t);
    assert_int_equal(back[1], -1);
    free(back);
    rp_plan_free(&plan);
    rp_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_stands_in_for_whom),
        cmocka_unit_test(test_counts_per_team_always_assign),
        cmocka_unit_test(test_over_capacity_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
