/* The model's deep copy: a clone of a loaded config equals it field by
 * field, shares no memory with it, and stays usable once the original is
 * freed (its ids found, its locations pointing into its own sources, a plan
 * read and checked against it). */
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

#define QUANG_NINH "configs/quang_ninh.yaml"
#define QUANG_NINH_PLAN "tests/data/reschedule/quang_ninh-plan.csv"
#define FULL "tests/data/load/full.yaml"

static rp_model *load_ok(const char *path)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    rp_status st = rp_load_config(path, &m, &d);
    if (st != RP_OK)
        rp_diags_print(&d, stderr, 0);
    assert_int_equal(st, RP_OK);
    rp_diags_clear(&d);
    return m;
}

/* Equal text in memory of its own (or both NULL). */
static void same_string(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
    assert_ptr_not_equal(a, b);
}

/* Equal contents in memory of their own (or both NULL). */
static void same_bytes(const void *a, const void *b, size_t n)
{
    if (!a || !b || n == 0) {
        assert_true((a == NULL) == (b == NULL));
        return;
    }
    assert_memory_equal(a, b, n);
    assert_ptr_not_equal(a, b);
}

/* The same place, each in its own model's copy of the same source. */
static void same_loc(const rp_model *ma, rp_loc a, const rp_model *mb, rp_loc b)
{
    assert_int_equal(a.line, b.line);
    assert_int_equal(a.column, b.column);
    if (!a.file) {
        assert_null(b.file);
        return;
    }
    int source = -1;
    for (int i = 0; i < ma->n_sources; i++)
        if (a.file == ma->sources[i])
            source = i;
    assert_true(source >= 0);
    assert_ptr_equal(b.file, mb->sources[source]);
}

static void same_requirements(const rp_model *ma, const rp_requirement *a, const rp_model *mb,
                              const rp_requirement *b, int n)
{
    for (int i = 0; i < n; i++) {
        assert_int_equal(a[i].n_disciplines, b[i].n_disciplines);
        same_bytes(a[i].disciplines, b[i].disciplines, (size_t)a[i].n_disciplines * sizeof(int));
        assert_int_equal(a[i].min, b[i].min);
        assert_int_equal(a[i].max, b[i].max);
        same_string(a[i].label, b[i].label);
        same_loc(ma, a[i].loc, mb, b[i].loc);
    }
}

static void same_students(const rp_model *a, const rp_model *b)
{
    size_t weeks = (size_t)a->weeks;
    for (int i = 0; i < a->n_students; i++) {
        const rp_student *x = &a->students[i], *y = &b->students[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->programme, y->programme);
        assert_int_equal(x->n_requirements, y->n_requirements);
        same_requirements(a, x->requirements, b, y->requirements, x->n_requirements);
        assert_int_equal(x->own_requirements, y->own_requirements);
        assert_int_equal(x->max_per_hospital, y->max_per_hospital);
        same_bytes(x->available, y->available, weeks * sizeof(bool));
        same_bytes(x->blocked, y->blocked, (size_t)a->n_departments);
        same_bytes(x->pref_discipline, y->pref_discipline, (size_t)a->n_disciplines * sizeof(int));
        same_bytes(x->pref_hospital, y->pref_hospital, (size_t)a->n_hospitals * sizeof(int));
        assert_memory_equal(&x->weights, &y->weights, sizeof x->weights);
        assert_int_equal(x->n_pins, y->n_pins);
        for (int p = 0; p < x->n_pins; p++) {
            assert_int_equal(x->pins[p].discipline, y->pins[p].discipline);
            assert_int_equal(x->pins[p].hospital, y->pins[p].hospital);
            assert_int_equal(x->pins[p].department, y->pins[p].department);
            assert_int_equal(x->pins[p].start, y->pins[p].start);
            same_loc(a, x->pins[p].loc, b, y->pins[p].loc);
        }
        if (x->n_pins)
            assert_ptr_not_equal(x->pins, y->pins);
        same_loc(a, x->loc, b, y->loc);
    }
}

static void same_model(const rp_model *a, const rp_model *b)
{
    size_t weeks = (size_t)a->weeks;
    same_string(a->name, b->name);
    assert_int_equal(a->weeks, b->weeks);
    assert_int_equal(a->has_start_date, b->has_start_date);
    assert_int_equal(a->start_year, b->start_year);
    assert_int_equal(a->start_month, b->start_month);
    assert_int_equal(a->start_day, b->start_day);
    assert_memory_equal(&a->objective, &b->objective, sizeof a->objective);
    assert_int_equal(a->n_sources, b->n_sources);
    for (int i = 0; i < a->n_sources; i++)
        same_string(a->sources[i], b->sources[i]);
    assert_int_equal(a->n_groups, b->n_groups);
    for (int i = 0; i < a->n_groups; i++) {
        same_string(a->groups[i].id, b->groups[i].id);
        same_loc(a, a->groups[i].loc, b, b->groups[i].loc);
    }
    assert_int_equal(a->n_disciplines, b->n_disciplines);
    for (int i = 0; i < a->n_disciplines; i++) {
        const rp_discipline *x = &a->disciplines[i], *y = &b->disciplines[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->length, y->length);
        assert_int_equal(x->group, y->group);
        assert_int_equal(x->n_prerequisites, y->n_prerequisites);
        same_bytes(x->prerequisites, y->prerequisites, (size_t)x->n_prerequisites * sizeof(int));
        assert_int_equal(x->priority, y->priority);
        same_loc(a, x->loc, b, y->loc);
    }
    assert_int_equal(a->n_hospitals, b->n_hospitals);
    for (int i = 0; i < a->n_hospitals; i++) {
        same_string(a->hospitals[i].id, b->hospitals[i].id);
        same_string(a->hospitals[i].name, b->hospitals[i].name);
        same_loc(a, a->hospitals[i].loc, b, b->hospitals[i].loc);
    }
    assert_int_equal(a->n_departments, b->n_departments);
    for (int i = 0; i < a->n_departments; i++) {
        const rp_department *x = &a->departments[i], *y = &b->departments[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->hospital, y->hospital);
        assert_int_equal(x->discipline, y->discipline);
        same_bytes(x->capacity, y->capacity, weeks * sizeof(int));
        same_bytes(x->minimum, y->minimum, weeks * sizeof(int));
        same_bytes(x->supervisors, y->supervisors, weeks * sizeof(int));
        same_loc(a, x->loc, b, y->loc);
    }
    assert_int_equal(a->n_programmes, b->n_programmes);
    for (int i = 0; i < a->n_programmes; i++) {
        const rp_programme *x = &a->programmes[i], *y = &b->programmes[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->n_requirements, y->n_requirements);
        same_requirements(a, x->requirements, b, y->requirements, x->n_requirements);
        assert_int_equal(x->max_per_hospital, y->max_per_hospital);
        same_bytes(x->hospital_allowed, y->hospital_allowed, (size_t)a->n_hospitals * sizeof(bool));
        same_loc(a, x->loc, b, y->loc);
    }
    assert_int_equal(a->n_students, b->n_students);
    same_students(a, b);
    assert_true((a->index == NULL) == (b->index == NULL));
    if (a->index)
        assert_ptr_not_equal(a->index, b->index);
}

/* Every id of the clone is found at its own index. */
static void assert_index_finds_all(const rp_model *m)
{
    for (int i = 0; i < m->n_students; i++)
        assert_int_equal(rp_model_find_student(m, m->students[i].id), i);
    for (int i = 0; i < m->n_disciplines; i++)
        assert_int_equal(rp_model_find_discipline(m, m->disciplines[i].id), i);
    for (int i = 0; i < m->n_hospitals; i++)
        assert_int_equal(rp_model_find_hospital(m, m->hospitals[i].id), i);
    for (int i = 0; i < m->n_programmes; i++)
        assert_int_equal(rp_model_find_programme(m, m->programmes[i].id), i);
    for (int i = 0; i < m->n_groups; i++)
        assert_int_equal(rp_model_find_group(m, m->groups[i].id), i);
    for (int i = 0; i < m->n_departments; i++)
        assert_int_equal(
            rp_model_find_department(m, m->departments[i].hospital, m->departments[i].id), i);
}

/* The objective and violations of the plan at path, checked against m. */
static long check_plan_file(const rp_model *m, const char *path, int *violations)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *plan = NULL;
    rp_status st = rp_plan_read(m, path, RP_FORMAT_AUTO, &plan, &d);
    if (st != RP_OK)
        rp_diags_print(&d, stderr, 0);
    assert_int_equal(st, RP_OK);
    rp_check_report *r = NULL;
    assert_int_equal(rp_check_plan(m, plan, &r), RP_OK);
    *violations = r->n_violations;
    long objective = r->objective;
    rp_check_report_free(&r);
    rp_plan_free(&plan);
    rp_diags_clear(&d);
    return objective;
}

static void test_clone_of_quang_ninh(void **state)
{
    (void)state;
    rp_model *m = load_ok(QUANG_NINH);
    assert_int_equal(m->n_sources, 2); /* the config and its student roster */
    assert_true(m->n_students >= 180);
    int violations;
    long objective = check_plan_file(m, QUANG_NINH_PLAN, &violations);
    assert_int_equal(violations, 0);

    rp_model *clone = NULL;
    assert_int_equal(rp_model_clone(m, &clone), RP_OK);
    assert_non_null(clone);
    same_model(m, clone);
    rp_model_free(&m);
    assert_null(m);

    /* the original is gone: the clone holds on its own */
    assert_index_finds_all(clone);
    assert_string_equal(clone->sources[0], QUANG_NINH);
    int from_roster = 0;
    for (int i = 0; i < clone->n_students; i++)
        from_roster += clone->students[i].loc.file == clone->sources[1];
    assert_true(from_roster >= 180);
    int clone_violations;
    assert_int_equal(check_plan_file(clone, QUANG_NINH_PLAN, &clone_violations), objective);
    assert_int_equal(clone_violations, 0);
    rp_model_free(&clone);
}

/* A config using every feature: pins, own requirements, supervisors,
 * prerequisites, groups. */
static void test_clone_of_every_feature(void **state)
{
    (void)state;
    rp_model *m = load_ok(FULL);
    rp_model *clone = NULL;
    assert_int_equal(rp_model_clone(m, &clone), RP_OK);
    same_model(m, clone);
    rp_model_free(&m);
    assert_index_finds_all(clone);
    rp_model_free(&clone);
}

/* A model without an index (built by hand) clones without one. */
static void test_clone_of_empty_model(void **state)
{
    (void)state;
    rp_model *m = rp_model_new();
    assert_non_null(m);
    m->weeks = 3;
    rp_model *clone = NULL;
    assert_int_equal(rp_model_clone(m, &clone), RP_OK);
    same_model(m, clone);
    assert_null(clone->index);
    rp_model_free(&m);
    rp_model_free(&clone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clone_of_quang_ninh),
        cmocka_unit_test(test_clone_of_every_feature),
        cmocka_unit_test(test_clone_of_empty_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
