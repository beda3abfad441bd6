/* Plan files: the three formats written exactly and read back, the date
 * column, reader errors with their exact text (tests/data/plans/bad/NAME.err
 * next to each bad input), and the atomic write. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/plan_io.h"
#include "model/ytree.h"
#include "tests/support/diags.h"
#include "tests/support/files.h"
#include "tests/support/find.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define DATA "tests/data/plans"
#define COHORT DATA "/cohort.yaml"
#define UNDATED DATA "/undated.yaml"
#define BAD_DIR DATA "/bad"

/* The plan stored in tests/data/plans/plan.{csv,yaml,json}: idle weeks in the
 * middle and at the end, a student with nothing, two departments of one
 * discipline, and student "2025" whose id looks like a number. */
static rp_plan *sample_plan(const rp_model *m)
{
    rp_plan *p = rp_plan_new();
    int internal = find_department(m, "provincial", "internal");
    int surgery = find_department(m, "provincial", "surgery");
    int pediatrics = find_department(m, "bai_chay", "pediatrics");
    int internal_b = find_department(m, "bai_chay", "internal-b");
    int s1 = rp_model_find_student(m, "S001"), s2 = rp_model_find_student(m, "S002");
    int s2025 = rp_model_find_student(m, "2025");
    /* Deliberately out of order: writers sort. */
    assert_int_equal(rp_plan_add(p, s2025, internal, 2, 2), RP_OK);
    assert_int_equal(rp_plan_add(p, s1, surgery, 3, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, s1, internal, 0, 2), RP_OK);
    assert_int_equal(rp_plan_add(p, s1, pediatrics, 2, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, s2, pediatrics, 0, 1), RP_OK);
    assert_int_equal(rp_plan_add(p, s2, internal_b, 1, 2), RP_OK);
    assert_int_equal(rp_plan_add(p, s2025, surgery, 0, 1), RP_OK);
    p->status = RP_PLAN_OPTIMAL;
    p->has_objective = p->has_bound = true;
    p->objective = 42;
    p->bound = 43.5;
    return p;
}

static void assert_same_rotations(rp_plan *want, rp_plan *got)
{
    rp_plan_sort(want);
    rp_plan_sort(got);
    assert_int_equal(got->n_rotations, want->n_rotations);
    for (int i = 0; i < want->n_rotations; i++) {
        assert_int_equal(got->rotations[i].student, want->rotations[i].student);
        assert_int_equal(got->rotations[i].department, want->rotations[i].department);
        assert_int_equal(got->rotations[i].start, want->rotations[i].start);
        assert_int_equal(got->rotations[i].length, want->rotations[i].length);
        assert_int_equal(got->rotations[i].supervisor, want->rotations[i].supervisor);
    }
}

/* Writes the sample plan with rp_plan_write (format from the extension),
 * compares it with the stored file, reads it back and compares the plan. */
static void round_trip(const char *ext, bool has_header)
{
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    char name[16], golden[256];
    snprintf(name, sizeof name, "plan.%s", ext);
    const char *path = scratch_path(&tmp, name);
    snprintf(golden, sizeof golden, DATA "/plan.%s", ext);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, COHORT, &d), RP_OK);
    assert_int_equal(d.count, 0);
    char *want = file_text(golden);
    file_assert_holds(path, want);
    free(want);

    rp_plan *back = NULL;
    rp_status st = rp_plan_read(m, path, RP_FORMAT_AUTO, &back, &d);
    if (st)
        rp_diags_print(&d, stderr, 0);
    assert_int_equal(st, RP_OK);
    assert_int_equal(d.count, 0);
    if (has_header) {
        assert_int_equal(back->status, RP_PLAN_OPTIMAL);
        assert_true(back->has_objective && back->has_bound);
        assert_true(back->objective == 42 && back->bound == 43.5);
    } else {
        assert_int_equal(back->status, RP_PLAN_UNKNOWN);
        assert_false(back->has_objective || back->has_bound);
    }
    assert_same_rotations(p, back);
    rp_plan_free(&back);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

#define STAFF "tests/data/check/staff.yaml"

/* D1 surgery 1-2 with tran, pediatrics 3 (no named supervisors there). */
static rp_plan *guided_plan(const rp_model *m)
{
    rp_plan *p = rp_plan_new();
    int d1 = rp_model_find_student(m, "D1");
    assert_int_equal(rp_plan_add_guided(p, d1, find_department(m, "uong_bi", "surgery"), 0, 2,
                                        rp_model_find_supervisor(m, "tran")),
                     RP_OK);
    assert_int_equal(rp_plan_add(p, d1, find_department(m, "uong_bi", "pediatrics"), 2, 1),
                     RP_OK);
    return p;
}

/* Plans of a config with named supervisors carry them: a CSV column, a
 * YAML/JSON field, read back as written. */
static void test_supervisors_round_trip(void **state)
{
    (void)state;
    rp_model *m = load_config(STAFF);
    rp_plan *p = guided_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    static const char *const names[] = {"plan.csv", "plan.yaml", "plan.json"};
    static const char *const lines[] = {
        "D1,1,uong_bi,surgery,surgery,tran\n", "supervisor: tran}", "\"supervisor\": \"tran\"}"};
    for (int i = 0; i < 3; i++) {
        const char *path = scratch_path(&tmp, names[i]);
        rp_diags d;
        rp_diags_init(&d);
        assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, STAFF, &d), RP_OK);
        char *text = file_text(path);
        assert_non_null(strstr(text, lines[i]));
        if (i == 0) {
            assert_non_null(strstr(text, "discipline,supervisor\n"));
            assert_non_null(strstr(text, "D1,3,uong_bi,pediatrics,pediatrics,\n"));
            assert_non_null(strstr(text, "D1,4,,,,\n"));
        }
        free(text);
        rp_plan *back = load_plan(m, path, NULL);
        assert_same_rotations(p, back);
        rp_plan_free(&back);
        rp_diags_clear(&d);
    }
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* Idle rows for the staff config's students other than the one a test
 * plans (every student has a row for every week). */
#define IDLE6(s, sep) s ",1" sep "\n" s ",2" sep "\n" s ",3" sep "\n" s ",4" sep "\n" s ",5" sep "\n" s ",6" sep "\n"
#define STAFF_IDLE_BUT_D2 IDLE6("D1", ",,,") IDLE6("N1", ",,,") IDLE6("N2", ",,,")
#define STAFF_IDLE_BUT_D1 IDLE6("D2", ",,,,") IDLE6("N1", ",,,,") IDLE6("N2", ",,,,")

/* A CSV plan may give a rotation another supervisor part way: the rotation
 * stays whole and remembers the week, for the checker. */
static void test_supervisor_switch_read(void **state)
{
    (void)state;
    rp_model *m = load_config(STAFF);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.csv");
    file_write(path, "student,week,hospital,department,supervisor\n"
                     "D2,1,uong_bi,surgery,le\n"
                     "D2,2,uong_bi,surgery,an\n"
                     "D2,3,,,\nD2,4,,,\nD2,5,,,\nD2,6,,,\n" STAFF_IDLE_BUT_D2);
    rp_plan *back = load_plan(m, path, NULL);
    assert_int_equal(back->n_rotations, 1);
    assert_int_equal(back->rotations[0].length, 2);
    assert_int_equal(back->rotations[0].supervisor, rp_model_find_supervisor(m, "le"));
    assert_int_equal(back->rotations[0].switch_week, 1);
    assert_int_equal(back->rotations[0].switch_supervisor, rp_model_find_supervisor(m, "an"));
    rp_plan_free(&back);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* Supervisors the config does not have, or not in the rotation's department,
 * or in a week without one, are located errors in either format. */
static void test_supervisor_reader_errors(void **state)
{
    (void)state;
    rp_model *m = load_config(STAFF);
    scratch tmp;
    scratch_open(&tmp);
    static const char *const inputs[][3] = {
        {"plan.csv",
         "student,week,hospital,department,discipline,supervisor\n"
         "D1,1,uong_bi,surgery,surgery,ghost\n"
         "D1,2,uong_bi,pediatrics,pediatrics,tran\n"
         "D1,3,,,,tran\n"
         "D1,4,,,,\nD1,5,,,,\nD1,6,,,,\n" STAFF_IDLE_BUT_D1,
         "PATH:2:30: error: unknown supervisor 'ghost'\n"
         "PATH:3:36: error: supervisor 'tran' works in uong_bi/surgery, not in "
         "uong_bi/pediatrics\n"
         "PATH:4:9: error: supervisor 'tran' is given for a week with no department\n"},
        {"plan.yaml",
         "students:\n"
         "  - student: D1\n"
         "    rotations:\n"
         "      - {week: 1, hospital: uong_bi, department: surgery, supervisor: ghost}\n"
         "      - {week: 3, hospital: uong_bi, department: pediatrics, supervisor: tran}\n",
         "PATH:4:71: error: unknown supervisor 'ghost'\n"
         "PATH:5:74: error: supervisor 'tran' works in uong_bi/surgery, not in "
         "uong_bi/pediatrics\n"},
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *path = scratch_path(&tmp, inputs[i][0]);
        file_write(path, inputs[i][1]);
        rp_diags d;
        rp_diags_init(&d);
        rp_plan *back = NULL;
        assert_int_equal(rp_plan_read(m, path, RP_FORMAT_AUTO, &back, &d), RP_ERR_INVALID);
        assert_null(back);
        char want[4096] = "";
        for (const char *w = inputs[i][2]; *w;) {
            const char *at = strstr(w, "PATH");
            if (!at) {
                strcat(want, w);
                break;
            }
            strncat(want, w, (size_t)(at - w));
            strcat(want, path);
            w = at + 4;
        }
        diags_assert_text(&d, want);
        rp_diags_clear(&d);
    }
    rp_model_free(&m);
    scratch_close(&tmp);
}

static void test_round_trip_csv(void **state)
{
    (void)state;
    round_trip("csv", false);
}

static void test_round_trip_yaml(void **state)
{
    (void)state;
    round_trip("yaml", true);
}

static void test_round_trip_json(void **state)
{
    (void)state;
    round_trip("json", true);
}

/* Without a start date there is no date column; with one, each row shows the
 * Monday of its week (checked in plan.csv). */
static void test_csv_without_start_date(void **state)
{
    (void)state;
    rp_model *m = load_config(UNDATED);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.csv");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, NULL, &d), RP_OK);
    char *got = file_text(path);
    const char *want = "student,week,hospital,department,discipline\n"
                       "S001,1,provincial,internal,internal\n"
                       "S001,2,provincial,internal,internal\n";
    assert_memory_equal(got, want, strlen(want));
    free(got);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* The stream writer with an explicit format; an explicit format also wins
 * over the file name when reading. */
static void test_explicit_format(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.txt");
    FILE *f = fopen(path, "w");
    assert_int_equal(rp_plan_write_stream(m, p, RP_FORMAT_JSON, COHORT, f), RP_OK);
    fclose(f);
    char *want = file_text(DATA "/plan.json");
    file_assert_holds(path, want);
    free(want);
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *back = NULL;
    assert_int_equal(rp_plan_read(m, path, RP_FORMAT_JSON, &back, &d), RP_OK);
    assert_same_rotations(p, back);
    rp_plan_free(&back);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* The config path is quoted so that any name reads back as written. */
static void test_config_path_quoted(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    const char *odd = "my \"spring\" configs\\2025:\tq.yaml";
    for (int json = 0; json < 2; json++) {
        const char *path = scratch_path(&tmp, json ? "plan.json" : "plan.yaml");
        rp_diags d;
        rp_diags_init(&d);
        assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, odd, &d), RP_OK);
        rp_ydoc *doc = NULL;
        assert_int_equal(rp_ydoc_parse_file(path, &doc, &d), RP_OK);
        assert_string_equal(rp_ymap_get(doc->root, "config")->value, odd);
        rp_ydoc_free(&doc);
        rp_plan *back = NULL;
        assert_int_equal(rp_plan_read(m, path, RP_FORMAT_AUTO, &back, &d), RP_OK);
        rp_plan_free(&back);
        rp_diags_clear(&d);
    }
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* A stream that fails (a full disk) is reported, not ignored. */
static void test_stream_failure(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    for (rp_plan_format f = RP_FORMAT_CSV; f <= RP_FORMAT_JSON; f++) {
        FILE *full = fopen("/dev/full", "w");
        assert_non_null(full);
        assert_int_equal(rp_plan_write_stream(m, p, f, NULL, full), RP_ERR_IO);
        fclose(full);
    }
    rp_plan_free(&p);
    rp_model_free(&m);
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(rp_plan_format_for_path("a/plan.csv"), RP_FORMAT_CSV);
    assert_int_equal(rp_plan_format_for_path("plan.YAML"), RP_FORMAT_YAML);
    assert_int_equal(rp_plan_format_for_path("plan.yml"), RP_FORMAT_YAML);
    assert_int_equal(rp_plan_format_for_path("plan.json"), RP_FORMAT_JSON);
    assert_int_equal(rp_plan_format_for_path("plan"), RP_FORMAT_CSV);
    assert_int_equal(rp_plan_format_for_path("dir.json/plan"), RP_FORMAT_CSV);
    assert_int_equal(rp_plan_format_parse("yaml"), RP_FORMAT_YAML);
    assert_int_equal(rp_plan_format_parse("json"), RP_FORMAT_JSON);
    assert_int_equal(rp_plan_format_parse("csv"), RP_FORMAT_CSV);
    assert_int_equal(rp_plan_format_parse("html"), RP_FORMAT_AUTO);
}

/* A spreadsheet may reorder columns, add its own, list rows in any order and
 * end lines with CRLF or a lone CR; consecutive weeks in one department are
 * one rotation. Every student still has a row for each week. */
static void test_csv_spreadsheet(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "edited.csv");
    file_write(path, "comment,discipline,department,hospital,week,student\n"
                     "first,internal,internal,provincial,2,S001\n"
                     ",pediatrics,pediatrics,bai_chay,4,S001\n"
                     ",internal,internal,provincial,1,S001\n"
                     "ill,,,,3,S001\r\n"
                     ",surgery,surgery,provincial,2,2025\r"
                     ",,,,1,2025\r,,,,3,2025\r,,,,4,2025\r"
                     ",,,,1,S002\n,,,,2,S002\n,,,,3,S002\n,,,,4,S002\n"
                     ",,,,4,S003\n,,,,3,S003\n,,,,2,S003\n,,,,1,S003\n");
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *got = NULL;
    assert_int_equal(rp_plan_read(m, path, RP_FORMAT_AUTO, &got, &d), RP_OK);
    rp_plan *want = rp_plan_new();
    rp_plan_add(want, 0, find_department(m, "provincial", "internal"), 0, 2);
    rp_plan_add(want, 0, find_department(m, "bai_chay", "pediatrics"), 3, 1);
    rp_plan_add(want, 3, find_department(m, "provincial", "surgery"), 1, 1);
    assert_same_rotations(want, got);
    rp_plan_free(&got);

    /* No discipline column at all: the department says it. */
    file_write(path, "student,week,hospital,department\n"
                     "S001,1,,\nS001,2,,\nS001,3,,\nS001,4,,\n"
                     "S002,1,,\nS002,2,,\nS002,3,bai_chay,internal-b\nS002,4,,\n"
                     "S003,1,,\nS003,2,,\nS003,3,,\nS003,4,,\n"
                     "2025,1,,\n2025,2,,\n2025,3,,\n2025,4,,\n");
    assert_int_equal(rp_plan_read(m, path, RP_FORMAT_CSV, &got, &d), RP_OK);
    assert_int_equal(got->n_rotations, 1);
    assert_int_equal(got->rotations[0].department, find_department(m, "bai_chay", "internal-b"));
    assert_int_equal(d.count, 0);
    rp_plan_free(&got);
    rp_plan_free(&want);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* YAML may leave out a rotation's length (the discipline's own) and may
 * state rotations that break rules (their length, here): that is the
 * checker's business, not the reader's. */
static void test_yaml_lengths(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.yml");
    file_write(path, "students:\n"
                     "  - student: S001\n"
                     "    rotations:\n"
                     "      - {week: 1, hospital: provincial, department: internal}\n"
                     "      - {week: 3, weeks: 2, hospital: bai_chay, department: pediatrics}\n"
                     "  - student: S002\n");
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *got = NULL;
    assert_int_equal(rp_plan_read(m, path, RP_FORMAT_AUTO, &got, &d), RP_OK);
    assert_int_equal(got->status, RP_PLAN_UNKNOWN);
    assert_int_equal(got->n_rotations, 2);
    assert_int_equal(got->rotations[0].length, 2);
    assert_int_equal(got->rotations[1].start, 2);
    assert_int_equal(got->rotations[1].length, 2);
    rp_plan_free(&got);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* Every bad input in tests/data/plans/bad gives exactly the diagnostics in
 * the .err file next to it, all in one run, and no plan. */
static void test_reader_errors(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    DIR *dir = opendir(BAD_DIR);
    assert_non_null(dir);
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || strcmp(dot, ".err") == 0 || e->d_name[0] == '.')
            continue;
        char path[512], err_path[512];
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
        snprintf(err_path, sizeof err_path, "%s/%.*s.err", BAD_DIR, (int)(dot - e->d_name),
                 e->d_name);
        rp_diags d;
        rp_diags_init(&d);
        rp_plan *p = NULL;
        rp_status st = rp_plan_read(m, path, RP_FORMAT_AUTO, &p, &d);
        assert_int_equal(st, RP_ERR_INVALID);
        assert_null(p);
        diags_assert_expected(&d, err_path);
        rp_diags_clear(&d);
        checked++;
    }
    closedir(dir);
    assert_true(checked >= 7);
    rp_model_free(&m);
}

static void test_read_missing_file(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *p = NULL;
    assert_int_equal(rp_plan_read(m, DATA "/no-such-plan.csv", RP_FORMAT_AUTO, &p, &d), RP_ERR_IO);
    assert_null(p);
    assert_int_equal(rp_plan_read(m, DATA "/no-such-plan.yaml", RP_FORMAT_AUTO, &p, &d), RP_ERR_IO);
    diags_assert_text(&d, DATA "/no-such-plan.csv: error: cannot open: No such file or "
                               "directory\n" DATA
                               "/no-such-plan.yaml: error: cannot open: No such file or "
                               "directory\n");
    rp_diags_clear(&d);
    rp_model_free(&m);
}

/* --- the atomic write ---------------------------------------------------- */

static void test_write_replaces_keeping_mode(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.csv");
    char names[1024];
    file_write(path, "an older plan\n");
    assert_int_equal(chmod(path, 0640), 0);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, NULL, &d), RP_OK);
    char *want = file_text(DATA "/plan.csv");
    file_assert_holds(path, want);
    free(want);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    file_list_in(tmp.dir, names, sizeof names);
    assert_string_equal(names, "plan.csv");
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* A plan no file can hold (two rotations in one week) fails before the
 * target is touched, and no temporary file is left behind. */
static void test_failed_write_keeps_target(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    rp_plan_add(p, 0, find_department(m, "provincial", "surgery"), 1, 1);
    scratch tmp;
    scratch_open(&tmp);
    const char *path = scratch_path(&tmp, "plan.yaml");
    char names[1024], want[1024];
    file_write(path, "an older plan\n");
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, NULL, &d), RP_ERR_INVALID);
    file_assert_holds(path, "an older plan\n");
    file_list_in(tmp.dir, names, sizeof names);
    assert_string_equal(names, "plan.yaml");
    snprintf(want, sizeof want,
             "%s: error: S001 is in two departments in week 2; a plan file holds one rotation "
             "per student and week\n",
             path);
    diags_assert_text(&d, want);
    rp_diags_clear(&d);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* Failures that hold for every user, root included: a directory that does not
 * exist, and a target that is a directory. */
static void test_write_to_impossible_places(void **state)
{
    (void)state;
    rp_model *m = load_config(COHORT);
    rp_plan *p = sample_plan(m);
    scratch tmp;
    scratch_open(&tmp);
    char names[1024], want[2048];
    rp_diags d;
    rp_diags_init(&d);

    const char *path = scratch_path(&tmp, "missing/plan.csv");
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, NULL, &d), RP_ERR_IO);
    snprintf(want, sizeof want,
             "%s: error: cannot create a temporary file next to it: No such file or "
             "directory\n",
             path);
    diags_assert_text(&d, want);
    rp_diags_clear(&d);

    path = scratch_path(&tmp, "plans.csv");
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(rp_plan_write(m, p, path, RP_FORMAT_AUTO, NULL, &d), RP_ERR_IO);
    snprintf(want, sizeof want, "%s: error: is a directory; give a file name\n", path);
    diags_assert_text(&d, want);
    file_list_in(tmp.dir, names, sizeof names);
    assert_string_equal(names, "plans.csv");
    file_list_in(path, names, sizeof names);
    assert_string_equal(names, "");
    rp_diags_clear(&d);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

/* A plan never replaces the config it was made from, however the path is
 * spelt. */
static void test_write_refuses_model_source(void **state)
{
    (void)state;
    scratch tmp;
    scratch_open(&tmp);
    const char *config = scratch_path(&tmp, "cohort.yaml");
    const char *other = scratch_path(&tmp, "./cohort.yaml");
    char want[2048];
    char *text = file_text(COHORT);
    file_write(config, text);
    rp_model *m = load_config(config);
    rp_plan *p = sample_plan(m);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_plan_write(m, p, other, RP_FORMAT_CSV, NULL, &d), RP_ERR_IO);
    file_assert_holds(config, text);
    snprintf(want, sizeof want,
             "%s: error: is an input of the config; refusing to overwrite it with a plan\n", other);
    diags_assert_text(&d, want);
    rp_diags_clear(&d);
    free(text);
    rp_plan_free(&p);
    rp_model_free(&m);
    scratch_close(&tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_csv),
        cmocka_unit_test(test_supervisors_round_trip),
        cmocka_unit_test(test_supervisor_switch_read),
        cmocka_unit_test(test_supervisor_reader_errors),
        cmocka_unit_test(test_round_trip_yaml),
        cmocka_unit_test(test_round_trip_json),
        cmocka_unit_test(test_csv_without_start_date),
        cmocka_unit_test(test_explicit_format),
        cmocka_unit_test(test_config_path_quoted),
        cmocka_unit_test(test_stream_failure),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_csv_spreadsheet),
        cmocka_unit_test(test_yaml_lengths),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_read_missing_file),
        cmocka_unit_test(test_write_replaces_keeping_mode),
        cmocka_unit_test(test_failed_write_keeps_target),
        cmocka_unit_test(test_write_to_impossible_places),
        cmocka_unit_test(test_write_refuses_model_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
