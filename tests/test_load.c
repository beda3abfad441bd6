/* The config loader: a config using every feature, and bad configs whose
 * exact diagnostics are kept next to them (tests/data/load/bad/NAME.err).
 * Then the model's deep copy: a clone of a loaded config equals it field by
 * field, shares no memory with it, and stays usable once the original is
 * freed (its ids found, its locations pointing into its own sources, a plan
 * read and checked against it). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/load.h"
#include "tests/support/scratch.h"
#include "tests/support/files.h"
#include "tests/support/check_plan.h"
#include "tests/support/diags.h"
#include "tests/support/find.h"
#include "tests/support/load.h"

#define FULL "tests/data/load/full.yaml"
#define BAD_DIR "tests/data/load/bad"
#define QUANG_NINH "configs/quang_ninh.yaml"
#define QUANG_NINH_PLAN "tests/data/reschedule/quang_ninh-plan.csv"

static void assert_weeks(const int *got, const int *want, int n)
{
    for (int w = 0; w < n; w++) {
        if (got[w] != want[w])
            fail_msg("week %d: got %d, want %d", w + 1, got[w], want[w]);
    }
}

static void test_full_config_disciplines_and_departments(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    assert_string_equal(m->name, "Loader test cohort");
    assert_int_equal(m->weeks, 6);
    char date[11];
    assert_true(rp_model_week_date(m, 1, date));
    assert_string_equal(date, "2025-03-10");

    assert_int_equal(m->n_disciplines, 5);
    int internal = rp_model_find_discipline(m, "internal");
    int cardiology = rp_model_find_discipline(m, "cardiology");
    assert_string_equal(m->disciplines[internal].name, "General internal medicine");
    assert_string_equal(m->disciplines[cardiology].name, "cardiology");
    assert_int_equal(m->disciplines[internal].length, 2);
    assert_int_equal(m->disciplines[internal].priority, 2);
    assert_int_equal(m->disciplines[cardiology].n_prerequisites, 1);
    assert_int_equal(m->disciplines[cardiology].prerequisites[0], internal);
    assert_int_equal(m->n_groups, 2);
    assert_int_equal(m->disciplines[cardiology].group, rp_model_find_group(m, "medicine"));
    assert_int_equal(m->disciplines[rp_model_find_discipline(m, "pediatrics")].group, -1);

    assert_int_equal(m->n_departments, 6);
    const int internal_cap[] = {6, 6, 6, 6, 6, 6};
    assert_weeks(m->departments[find_department(m, "provincial", "internal")].capacity,
                 internal_cap, 6);
    const rp_department *card = &m->departments[find_department(m, "provincial", "cardiology")];
    const int card_cap[] = {5, 5, 3, 3, 5, 0}, card_sup[] = {2, 2, 1, 1, 2, 0};
    assert_weeks(card->capacity, card_cap, 6);
    assert_weeks(card->supervisors, card_sup, 6);
    const rp_department *surgery = &m->departments[find_department(m, "provincial", "surgery")];
    const int surgery_min[] = {1, 1, 1, 1, 1, 1};
    assert_weeks(surgery->minimum, surgery_min, 6);
    assert_null(surgery->supervisors);
    const int trauma_cap[] = {2, 2, 2, 2, 2, 2};
    assert_weeks(m->departments[find_department(m, "bai_chay", "trauma")].capacity, trauma_cap, 6);
    const int peds_b_cap[] = {1, 2, 2, 2, 1, 1};
    assert_weeks(m->departments[find_department(m, "bai_chay", "peds_b")].capacity, peds_b_cap, 6);
    assert_string_equal(m->departments[find_department(m, "bai_chay", "peds_a")].name,
                        "pediatrics");
    rp_model_free(&m);
    assert_null(m);
}

static void test_full_config_programmes_and_objective(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    const rp_programme *gm = &m->programmes[rp_model_find_programme(m, "gm")];
    assert_int_equal(gm->max_per_hospital, 2);
    assert_int_equal(gm->n_requirements, 3);
    assert_int_equal(gm->requirements[0].min, 1);
    assert_int_equal(gm->requirements[0].max, 1);
    assert_string_equal(gm->requirements[0].label, "discipline 'pediatrics'");
    assert_int_equal(gm->requirements[1].n_disciplines, 2);
    assert_string_equal(gm->requirements[1].label, "group 'medicine'");
    assert_int_equal(gm->requirements[2].min, 1);
    assert_int_equal(gm->requirements[2].max, 2);
    const rp_programme *shrt = &m->programmes[rp_model_find_programme(m, "short")];
    assert_string_equal(shrt->requirements[0].label, "the list [surgery, trauma]");
    assert_int_equal(shrt->max_per_hospital, RP_NO_LIMIT);
    assert_false(shrt->hospital_allowed[rp_model_find_hospital(m, "provincial")]);
    assert_true(shrt->hospital_allowed[rp_model_find_hospital(m, "bai_chay")]);

    assert_int_equal(m->objective.weights.discipline, 2);
    assert_int_equal(m->objective.weights.hospital, 1);
    assert_int_equal(m->objective.weights.change, 3);
    assert_int_equal(m->objective.weights.idle, 1);
    assert_int_equal(m->objective.school_priority, 1);
    assert_int_equal(m->objective.fairness, 2);
    rp_model_free(&m);
}

static void test_full_config_yaml_students(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    assert_int_equal(m->n_students, 4);
    const rp_student *s1 = &m->students[rp_model_find_student(m, "S001")];
    assert_string_equal(s1->name, "Nguyen Van An");
    const bool avail[] = {false, true, true, true, false, false};
    for (int w = 0; w < 6; w++)
        assert_int_equal(s1->available[w], avail[w]);
    assert_int_equal(s1->blocked[find_department(m, "bai_chay", "peds_b")], RP_BLOCK_DEPARTMENT);
    assert_int_equal(s1->blocked[find_department(m, "bai_chay", "peds_a")], RP_BLOCK_NONE);
    assert_int_equal(s1->blocked[find_department(m, "provincial", "cardiology")], RP_BLOCK_NONE);
    assert_int_equal(s1->weights.discipline, 2); /* objective default */
    assert_int_equal(s1->weights.change, 3);
    assert_int_equal(s1->weights.idle, 4); /* personal */
    assert_int_equal(s1->pref_discipline[rp_model_find_discipline(m, "cardiology")], 3);
    assert_int_equal(s1->pref_discipline[rp_model_find_discipline(m, "trauma")], -1);
    assert_int_equal(s1->pref_hospital[rp_model_find_hospital(m, "bai_chay")], 2);
    assert_int_equal(s1->n_pins, 1);
    assert_int_equal(s1->pins[0].department, find_department(m, "bai_chay", "peds_a"));
    assert_int_equal(s1->pins[0].hospital, rp_model_find_hospital(m, "bai_chay"));
    assert_int_equal(s1->pins[0].start, 1);
    assert_int_equal(s1->max_per_hospital, 2);
    assert_false(s1->own_requirements);

    const rp_student *s2 = &m->students[rp_model_find_student(m, "S002")];
    assert_true(s2->own_requirements);
    assert_int_equal(s2->n_requirements, 2);
    assert_int_equal(s2->max_per_hospital, 3);
    assert_int_equal(s2->blocked[find_department(m, "provincial", "cardiology")],
                     RP_BLOCK_NOT_IN_PROGRAMME);
    assert_int_equal(s2->blocked[find_department(m, "bai_chay", "trauma")],
                     RP_BLOCK_STUDENT_HOSPITAL);
    assert_int_equal(s2->blocked[find_department(m, "provincial", "surgery")], RP_BLOCK_NONE);
    assert_int_equal(s2->pins[0].hospital, rp_model_find_hospital(m, "provincial"));
    assert_int_equal(s2->pins[0].department, -1);
    assert_int_equal(s2->pins[0].start, -1);
    rp_model_free(&m);
}

static void test_full_config_csv_students(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    const rp_student *s = &m->students[rp_model_find_student(m, "S101")];
    assert_string_equal(s->name, "Tran, Thi Binh");
    assert_string_equal(m->programmes[s->programme].id, "short");
    const bool avail[] = {true, false, false, true, true, false};
    for (int w = 0; w < 6; w++)
        assert_int_equal(s->available[w], avail[w]);
    assert_int_equal(s->blocked[find_department(m, "provincial", "surgery")],
                     RP_BLOCK_PROGRAMME_HOSPITAL);
    assert_int_equal(s->blocked[find_department(m, "bai_chay", "trauma")], RP_BLOCK_NONE);
    assert_int_equal(s->blocked[find_department(m, "provincial", "internal")],
                     RP_BLOCK_NOT_IN_PROGRAMME);
    assert_int_equal(s->pref_discipline[rp_model_find_discipline(m, "surgery")], 2);
    assert_int_equal(s->weights.hospital, 5);
    assert_int_equal(s->weights.discipline, 2);
    assert_non_null(strstr(s->loc.file, "full-roster.csv"));
    assert_int_equal(s->loc.line, 2);
    const rp_student *s102 = &m->students[rp_model_find_student(m, "S102")];
    assert_int_equal(s102->blocked[find_department(m, "provincial", "internal")],
                     RP_BLOCK_STUDENT_HOSPITAL);
    assert_int_equal(s102->blocked[find_department(m, "bai_chay", "peds_a")], RP_BLOCK_NONE);
    rp_model_free(&m);
}

/* Every bad config fails with exactly the diagnostics in its .err file. */
static void test_bad_configs_report_exact_errors(void **state)
{
    (void)state;
    DIR *dir = opendir(BAD_DIR);
    assert_non_null(dir);
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char path[512], err_path[512];
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
        snprintf(err_path, sizeof err_path, "%s/%.*s.err", BAD_DIR, (int)(n - 5), e->d_name);
        rp_diags d;
        rp_diags_init(&d);
        rp_model *m = NULL;
        rp_status st = rp_load_config(path, &m, &d);
        assert_true(st == RP_ERR_INVALID || st == RP_ERR_IO);
        assert_null(m);
        assert_true(d.n_errors > 0);
        diags_assert_expected(&d, err_path);
        rp_diags_clear(&d);
        checked++;
    }
    closedir(dir);
    assert_true(checked >= 10);
}

/* A student list saved with lone CR line ends (old spreadsheets) reads as
 * the same students, each at its own line. */
static void test_roster_with_cr_line_ends(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    const char *config = scratch_path(&s, "full.yaml");
    char *text = file_text(FULL);
    file_write(config, text);
    free(text);
    text = file_text("tests/data/load/full-roster.csv");
    for (char *c = text; *c; c++)
        if (*c == '\n')
            *c = '\r';
    file_write(scratch_path(&s, "full-roster.csv"), text);
    free(text);
    rp_model *m = load_clean_config(config);
    int st = rp_model_find_student(m, "S102");
    assert_true(st >= 0);
    assert_string_equal(m->students[st].name, "Le Van Cuong");
    assert_int_equal(m->students[st].loc.line, 3);
    assert_string_equal(m->students[rp_model_find_student(m, "S101")].name, "Tran, Thi Binh");
    rp_model_free(&m);
    scratch_close(&s);
}

/* The printed form shows the source line and a caret under the column. */
static void test_diagnostics_print_source_and_caret(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    assert_int_equal(rp_load_config(BAD_DIR "/unknown_key.yaml", &m, &d), RP_ERR_INVALID);
    FILE *out = tmpfile();
    rp_diags_print(&d, out, 0);
    rewind(out);
    char text[4096] = "";
    size_t n = fread(text, 1, sizeof text - 1, out);
    text[n] = '\0';
    fclose(out);
    const char *want =
        "tests/data/load/bad/unknown_key.yaml:4:1: error: unknown key 'hospitls' in the "
        "config; did you mean 'hospitals'?\n"
        "  hospitls:\n"
        "  ^\n"
        "tests/data/load/bad/unknown_key.yaml:3:19: error: unknown key 'lenght' in a "
        "discipline; did you mean 'length'?\n"
        "    - {id: surgery, lenght: 2}\n"
        "                    ^\n";
    assert_memory_equal(text, want, strlen(want));
    assert_non_null(strstr(text, "rotaplan: 3 errors\n"));
    rp_diags_clear(&d);
}

/* Pools with ratios from every level, named supervisors grouped into teams
 * (a pinned one alone), their leave and closures, intakes and languages. */
static void test_staff_config(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("tests/data/load/staff.yaml");
    assert_int_equal(m->n_pools, 2);
    assert_string_equal(m->pools[0].name, "Doctors");
    assert_string_equal(m->pools[1].name, "nurses");
    assert_true(m->objective.leximin);
    assert_int_equal(m->objective.fairness, 0);
    int doctors = rp_model_find_pool(m, "doctors"), nurses = rp_model_find_pool(m, "nurses");

    /* Named: tran 2 (doctors' default) on leave in weeks 3-4; le 1; minh 2;
     * khoa 2; hoa 3 (the hospital's nurses' ratio), the nurses closed in week 8. */
    const rp_department *surgery = &m->departments[find_department(m, "uong_bi", "surgery")];
    const int surgery_cap[] = {10, 10, 8, 8, 10, 10, 10, 7};
    assert_weeks(surgery->capacity, surgery_cap, 8);
    const int surgery_nurses[] = {3, 3, 3, 3, 3, 3, 3, 0};
    assert_weeks(surgery->pool_capacity + (size_t)nurses * 8, surgery_nurses, 8);
    assert_int_equal(surgery->n_supervisors, 5);
    const rp_supervisor *tran = &m->supervisors[rp_model_find_supervisor(m, "tran")];
    assert_string_equal(tran->name, "Dr. Tran");
    assert_int_equal(tran->ratio, 2);
    assert_int_equal(tran->pool, doctors);
    assert_false(tran->present[2]);
    assert_true(tran->present[4]);
    const rp_supervisor *le = &m->supervisors[rp_model_find_supervisor(m, "le")];
    assert_int_equal(le->ratio, 1);
    assert_int_equal(le->n_languages, 2);
    assert_int_equal(m->supervisors[rp_model_find_supervisor(m, "hoa")].ratio, 3);
    assert_false(m->supervisors[rp_model_find_supervisor(m, "hoa")].present[7]);
    /* minh and khoa are alike, but a pin names khoa: five teams of one */
    assert_int_equal(surgery->n_teams, 5);
    assert_int_not_equal(m->supervisors[rp_model_find_supervisor(m, "minh")].team,
                         m->supervisors[rp_model_find_supervisor(m, "khoa")].team);

    /* Per pool: doctors 2 x 1 (the department's ratio), nurses 1 x 3 (the
     * hospital's), the nurses away in week 5 and closed in 6, all closed in 7,
     * at most 4 in all. */
    const rp_department *peds = &m->departments[find_department(m, "uong_bi", "pediatrics")];
    const int peds_cap[] = {4, 4, 4, 4, 2, 2, 0, 4};
    const int peds_doctors[] = {2, 2, 2, 2, 2, 2, 0, 2}, peds_nurses[] = {3, 3, 3, 3, 0, 0, 0, 3};
    assert_weeks(peds->capacity, peds_cap, 8);
    assert_weeks(peds->pool_capacity + (size_t)doctors * 8, peds_doctors, 8);
    assert_weeks(peds->pool_capacity + (size_t)nurses * 8, peds_nurses, 8);
    assert_int_equal(peds->n_teams, 2);
    assert_int_equal(m->teams[peds->first_team].n_members, 0);
    /* Shared supervisors: the doctors' and nurses' ratios do not apply */
    const rp_department *bc = &m->departments[find_department(m, "bai_chay", "surgery")];
    assert_int_equal(bc->capacity[0], 3);
    assert_null(bc->pool_capacity);
    assert_int_equal(bc->n_teams, 0);

    /* Students: intake windows, pools from the programme or their own. */
    assert_int_equal(m->n_intakes, 2);
    assert_string_equal(m->intakes[0].name, "January wave");
    const rp_student *s2 = &m->students[rp_model_find_student(m, "s2")];
    assert_int_equal(s2->intake, rp_model_find_intake(m, "feb"));
    assert_int_equal(s2->first_week, 2);
    assert_false(s2->available[1]);
    assert_true(s2->available[2]);
    assert_true(s2->available[7]);
    assert_int_equal(s2->pool, nurses);
    /* hoa speaks no language they need */
    assert_int_equal(s2->blocked[find_department(m, "uong_bi", "surgery")], RP_BLOCK_LANGUAGE);
    const rp_student *s1 = &m->students[rp_model_find_student(m, "s1")];
    assert_false(s1->available[4]);
    assert_int_equal(s1->pool, doctors);
    assert_int_equal(s1->blocked[find_department(m, "uong_bi", "surgery")], RP_BLOCK_NONE);
    const rp_student *s3 = &m->students[rp_model_find_student(m, "s3")];
    assert_int_equal(s3->pins[0].supervisor, rp_model_find_supervisor(m, "khoa"));
    assert_int_equal(s3->pins[0].department, find_department(m, "uong_bi", "surgery"));
    const rp_student *c1 = &m->students[rp_model_find_student(m, "c1")];
    assert_int_equal(c1->n_languages, 2);
    assert_int_equal(c1->pool, nurses);
    const rp_student *c2 = &m->students[rp_model_find_student(m, "c2")];
    assert_int_equal(c2->pool, nurses);
    assert_int_equal(c2->intake, rp_model_find_intake(m, "jan"));
    assert_int_equal(c2->blocked[find_department(m, "uong_bi", "surgery")], RP_BLOCK_NONE);
    /* sorted by their index in the model: vi and ru were first named by le */
    assert_int_equal(c1->languages[0], rp_model_find_language(m, "vi"));
    assert_int_equal(c1->languages[1], rp_model_find_language(m, "ru"));
    rp_model_free(&m);
}

/* A department only doctors guide is closed to nursing students. */
static void test_pool_blocks_department(void **state)
{
    (void)state;
    const char *text =
        "weeks: 2\npools: [doctors, nurses]\ndisciplines: [{id: surgery}]\n"
        "hospitals: [{id: h1, departments: [{discipline: surgery, supervisors: {doctors: 2}}]}]\n"
        "programmes: [{id: med, pool: doctors, requirements: [{discipline: surgery}]},\n"
        "             {id: nursing, pool: nurses, requirements: [{discipline: surgery}]}]\n"
        "students: [{id: d, programme: med}, {id: n, programme: nursing}]\n";
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    assert_int_equal(rp_load_config_string("pools.yaml", text, &m, &d), RP_OK);
    assert_int_equal(m->students[0].blocked[0], RP_BLOCK_NONE);
    assert_int_equal(m->students[1].blocked[0], RP_BLOCK_POOL);
    assert_string_equal(rp_block_str(RP_BLOCK_POOL), "no supervisor of their pool works there");
    rp_model_free(&m);
    rp_diags_clear(&d);
}

static void test_missing_file_is_io_error(void **state)
{
    (void)state;
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    assert_int_equal(rp_load_config("tests/data/load/no-such.yaml", &m, &d), RP_ERR_IO);
    assert_null(m);
    char line[512];
    rp_diag_format(&d.items[0], line, sizeof line);
    assert_string_equal(
        line, "tests/data/load/no-such.yaml: error: cannot open: No such file or directory");
    rp_diags_clear(&d);
}

static void test_load_from_string_with_defaults(void **state)
{
    (void)state;
    const char *text =
        "weeks: 3\n"
        "disciplines: [{id: surgery}]\n"
        "hospitals: [{id: h1, departments: [{discipline: surgery, supervisors: 2}]}]\n"
        "programmes: [{id: p, requirements: [{discipline: surgery}]}]\n"
        "students: [{id: s1, programme: p}]\n";
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    assert_int_equal(rp_load_config_string("inline.yaml", text, &m, &d), RP_OK);
    assert_int_equal(m->departments[0].capacity[2], 2); /* one student per supervisor */
    assert_int_equal(m->disciplines[0].length, 1);
    assert_false(m->has_start_date);
    assert_int_equal(m->objective.fairness, 1);
    assert_int_equal(m->students[0].weights.idle, 1);
    assert_int_equal(m->students[0].max_per_hospital, RP_NO_LIMIT);
    rp_model_free(&m);
    rp_diags_clear(&d);
}

/* ---- rp_model_clone ---- */

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
        assert_int_equal(x->intake, y->intake);
        assert_int_equal(x->first_week, y->first_week);
        assert_int_equal(x->pool, y->pool);
        assert_int_equal(x->n_languages, y->n_languages);
        same_bytes(x->languages, y->languages, (size_t)x->n_languages * sizeof(int));
        assert_int_equal(x->n_pins, y->n_pins);
        for (int p = 0; p < x->n_pins; p++) {
            assert_int_equal(x->pins[p].discipline, y->pins[p].discipline);
            assert_int_equal(x->pins[p].hospital, y->pins[p].hospital);
            assert_int_equal(x->pins[p].department, y->pins[p].department);
            assert_int_equal(x->pins[p].start, y->pins[p].start);
            assert_int_equal(x->pins[p].supervisor, y->pins[p].supervisor);
            same_loc(a, x->pins[p].loc, b, y->pins[p].loc);
        }
        if (x->n_pins)
            assert_ptr_not_equal(x->pins, y->pins);
        same_loc(a, x->loc, b, y->loc);
    }
}

/* Intakes, pools, languages, named supervisors and teams. */
static void same_staff(const rp_model *a, const rp_model *b)
{
    size_t weeks = (size_t)a->weeks;
    assert_int_equal(a->n_intakes, b->n_intakes);
    for (int i = 0; i < a->n_intakes; i++) {
        same_string(a->intakes[i].id, b->intakes[i].id);
        same_string(a->intakes[i].name, b->intakes[i].name);
        assert_int_equal(a->intakes[i].first_week, b->intakes[i].first_week);
        assert_int_equal(a->intakes[i].weeks, b->intakes[i].weeks);
        same_loc(a, a->intakes[i].loc, b, b->intakes[i].loc);
    }
    assert_int_equal(a->n_pools, b->n_pools);
    for (int i = 0; i < a->n_pools; i++) {
        same_string(a->pools[i].id, b->pools[i].id);
        same_string(a->pools[i].name, b->pools[i].name);
        same_loc(a, a->pools[i].loc, b, b->pools[i].loc);
    }
    assert_int_equal(a->n_languages, b->n_languages);
    for (int i = 0; i < a->n_languages; i++)
        same_string(a->languages[i], b->languages[i]);
    assert_int_equal(a->n_supervisors, b->n_supervisors);
    for (int i = 0; i < a->n_supervisors; i++) {
        const rp_supervisor *x = &a->supervisors[i], *y = &b->supervisors[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->department, y->department);
        assert_int_equal(x->pool, y->pool);
        assert_int_equal(x->ratio, y->ratio);
        same_bytes(x->present, y->present, weeks * sizeof(bool));
        assert_int_equal(x->n_languages, y->n_languages);
        same_bytes(x->languages, y->languages, (size_t)x->n_languages * sizeof(int));
        assert_int_equal(x->team, y->team);
        same_loc(a, x->loc, b, y->loc);
    }
    assert_int_equal(a->n_teams, b->n_teams);
    for (int i = 0; i < a->n_teams; i++) {
        const rp_team *x = &a->teams[i], *y = &b->teams[i];
        assert_int_equal(x->department, y->department);
        assert_int_equal(x->pool, y->pool);
        same_bytes(x->capacity, y->capacity, weeks * sizeof(int));
        assert_int_equal(x->n_members, y->n_members);
        same_bytes(x->members, y->members, (size_t)x->n_members * sizeof(int));
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
        assert_int_equal(x->n_changes, y->n_changes);
        for (int k = 0; k < x->n_changes; k++) {
            same_bytes(x->changes[k].weeks, y->changes[k].weeks, weeks * sizeof(bool));
            same_string(x->changes[k].note, y->changes[k].note);
            assert_int_equal(x->changes[k].closed, y->changes[k].closed);
            assert_int_equal(x->changes[k].supervisors, y->changes[k].supervisors);
            assert_int_equal(x->changes[k].capacity, y->changes[k].capacity);
            same_loc(a, x->changes[k].loc, b, y->changes[k].loc);
        }
        same_bytes(x->pool_capacity, y->pool_capacity, (size_t)a->n_pools * weeks * sizeof(int));
        assert_int_equal(x->first_supervisor, y->first_supervisor);
        assert_int_equal(x->n_supervisors, y->n_supervisors);
        assert_int_equal(x->first_team, y->first_team);
        assert_int_equal(x->n_teams, y->n_teams);
        same_loc(a, x->loc, b, y->loc);
    }
    same_staff(a, b);
    assert_int_equal(a->n_programmes, b->n_programmes);
    for (int i = 0; i < a->n_programmes; i++) {
        const rp_programme *x = &a->programmes[i], *y = &b->programmes[i];
        same_string(x->id, y->id);
        same_string(x->name, y->name);
        assert_int_equal(x->n_requirements, y->n_requirements);
        same_requirements(a, x->requirements, b, y->requirements, x->n_requirements);
        assert_int_equal(x->max_per_hospital, y->max_per_hospital);
        same_bytes(x->hospital_allowed, y->hospital_allowed, (size_t)a->n_hospitals * sizeof(bool));
        assert_int_equal(x->pool, y->pool);
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

/* The objective of the plan at path, which keeps every rule of m. */
static long plan_file_objective(const rp_model *m, const char *path)
{
    rp_plan *plan = load_plan(m, path, NULL);
    long objective = check_plan_clean(m, plan).objective;
    rp_plan_free(&plan);
    return objective;
}

static void test_clone_of_quang_ninh(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(QUANG_NINH);
    assert_int_equal(m->n_sources, 2); /* the config and its student roster */
    assert_true(m->n_students >= 180);
    long objective = plan_file_objective(m, QUANG_NINH_PLAN);

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
    assert_int_equal(plan_file_objective(clone, QUANG_NINH_PLAN), objective);
    rp_model_free(&clone);
}

/* A config using every feature: pins, own requirements, supervisors,
 * prerequisites, groups. */
static void test_clone_of_every_feature(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    rp_model *clone = NULL;
    assert_int_equal(rp_model_clone(m, &clone), RP_OK);
    same_model(m, clone);
    rp_model_free(&m);
    assert_index_finds_all(clone);
    rp_model_free(&clone);
}

/* Pools, intakes, named supervisors, teams and languages are copied too. */
static void test_clone_of_staff(void **state)
{
    (void)state;
    rp_model *m = load_clean_config("tests/data/load/staff.yaml");
    rp_model *clone = NULL;
    assert_int_equal(rp_model_clone(m, &clone), RP_OK);
    same_model(m, clone);
    rp_model_free(&m);
    assert_index_finds_all(clone);
    for (int i = 0; i < clone->n_supervisors; i++)
        assert_int_equal(rp_model_find_supervisor(clone, clone->supervisors[i].id), i);
    assert_int_equal(rp_model_find_language(clone, "mn"), 2);
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

/* A leave's or closure's note and weeks stay in the model for the outputs. */
static void test_changes_keep_their_notes_and_weeks(void **state)
{
    (void)state;
    rp_model *m = load_clean_config(FULL);
    const rp_department *d = &m->departments[find_department(m, "provincial", "cardiology")];
    assert_int_equal(m->departments[find_department(m, "provincial", "internal")].n_changes, 0);
    assert_int_equal(d->n_changes, 2);
    assert_string_equal(d->changes[0].note, "leave");
    assert_int_equal(d->changes[0].supervisors, 1);
    assert_int_equal(d->changes[0].capacity, -1);
    assert_false(d->changes[0].closed);
    const bool leave[] = {false, false, true, true, false, false};
    const bool closed[] = {false, false, false, false, false, true};
    for (int w = 0; w < 6; w++) {
        assert_int_equal(d->changes[0].weeks[w], leave[w]);
        assert_int_equal(d->changes[1].weeks[w], closed[w]);
    }
    assert_null(d->changes[1].note);
    assert_true(d->changes[1].closed);
    assert_int_equal(d->changes[1].loc.line, 25);
    const rp_department *peds = &m->departments[find_department(m, "bai_chay", "peds_b")];
    assert_int_equal(peds->n_changes, 1);
    assert_int_equal(peds->changes[0].capacity, 1);
    assert_int_equal(peds->changes[0].supervisors, -1);
    assert_true(peds->changes[0].weeks[0] && peds->changes[0].weeks[5] && !peds->changes[0].weeks[1]);
    rp_model_free(&m);
}

/* A student list with ';' or tabs between cells loads as with commas, and the
 * loader says which separator it read. */
static void test_roster_separator_is_detected_and_said(void **state)
{
    (void)state;
    const char *configs[] = {"tests/data/load/separators/config.yaml",
                             "tests/data/load/separators/config-tab.yaml"};
    const char *said[] = {"semicolons", "tabs"};
    for (int i = 0; i < 2; i++) {
        rp_diags d;
        rp_diags_init(&d);
        rp_model *m = NULL;
        assert_int_equal(rp_load_config(configs[i], &m, &d), RP_OK);
        assert_int_equal(d.n_errors + d.n_warnings, 0);
        assert_int_equal(d.count, 1);
        char line[512];
        rp_diag_format(&d.items[0], line, sizeof line);
        assert_non_null(strstr(line, ".csv:1: note: the student list is read as separated by "));
        assert_non_null(strstr(line, said[i]));
        assert_int_equal(m->n_students, 2);
        const rp_student *s = &m->students[rp_model_find_student(m, "S1")];
        assert_string_equal(s->name, "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B H\xC6\xB0\xC6\xA1ng");
        assert_false(s->available[0]);
        assert_true(s->available[1]);
        assert_false(s->available[2]);
        assert_string_equal(m->students[rp_model_find_student(m, "S2")].name,
                            "L\xC3\xAA V\xC4\x83n, C\xC6\xB0\xE1\xBB\x9Dng");
        rp_model_free(&m);
        rp_diags_clear(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_config_disciplines_and_departments),
        cmocka_unit_test(test_full_config_programmes_and_objective),
        cmocka_unit_test(test_full_config_yaml_students),
        cmocka_unit_test(test_full_config_csv_students),
        cmocka_unit_test(test_bad_configs_report_exact_errors),
        cmocka_unit_test(test_roster_with_cr_line_ends),
        cmocka_unit_test(test_diagnostics_print_source_and_caret),
        cmocka_unit_test(test_staff_config),
        cmocka_unit_test(test_pool_blocks_department),
        cmocka_unit_test(test_missing_file_is_io_error),
        cmocka_unit_test(test_load_from_string_with_defaults),
        cmocka_unit_test(test_clone_of_quang_ninh),
        cmocka_unit_test(test_clone_of_every_feature),
        cmocka_unit_test(test_clone_of_staff),
        cmocka_unit_test(test_clone_of_empty_model),
        cmocka_unit_test(test_changes_keep_their_notes_and_weeks),
        cmocka_unit_test(test_roster_separator_is_detected_and_said),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
