/* The publishing library: the folder an office hands out, written whole or
 * not at all, never over something it did not make; the page's contents. The
 * printed page, the workbook and the calendars are read back by the tools a
 * person uses in tests/test-publish. */
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

#include "model/check.h"
#include "model/load.h"
#include "solver/publish/publish.h"
#include "tests/support/files.h"
#include "tests/support/load.h"
#include "tests/support/scratch.h"

#define CONFIG "configs/quang_ninh.yaml"
#define PLAN "tests/data/reschedule/quang_ninh-plan.csv"

typedef struct fixture {
    rp_model *m;
    rp_plan *plan;
    rp_check_report *report;
    scratch out; /* a fresh folder for the test's outputs */
    const char *dir;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->m = load_clean_config(CONFIG);
    f->plan = load_plan(f->m, PLAN, NULL);
    if (rp_check_plan(f->m, f->plan, &f->report))
        return -1;
    scratch_open(&f->out);
    f->dir = f->out.dir;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    scratch_close(&f->out);
    rp_check_report_free(&f->report);
    rp_plan_free(&f->plan);
    rp_model_free(&f->m);
    free(f);
    return 0;
}

static rp_publish request(const fixture *f)
{
    return (rp_publish){.m = f->m, .plan = f->plan, .report = f->report,
                        .config_path = CONFIG, .stamp = 1741000000};
}

static char *path_in(const fixture *f, const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", f->dir, name);
    return buf;
}

/* Entries of folder `dir` (not . and ..); calendar/ holds more than
 * file_count_in counts. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static void test_the_checked_plan_becomes_a_folder(void **state)
{
    fixture *f = *state;
    assert_int_equal(f->report->n_violations, 0); /* the checker passes the plan used */
    char out[128], path[256];
    path_in(f, "out", out, sizeof out);
    rp_publish p = request(f);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_OK);
    assert_int_equal(d.count, 0);
    assert_int_equal(entries(f->dir), 1); /* no temporary folder left beside it */
    assert_int_equal(entries(out), 5);    /* index.html plan.xlsx plan-named.csv calendar marker */
    snprintf(path, sizeof path, "%s/calendar", out);
    assert_int_equal(entries(path), f->m->n_students + f->m->n_departments);

    snprintf(path, sizeof path, "%s/index.html", out);
    char *html = file_text(path);
    assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "src="));   /* nothing loaded from elsewhere */
    assert_null(strstr(html, "<link"));
    assert_int_equal(count(html, "<svg"), f->m->n_hospitals);
    assert_int_equal(count(html, "<section class=\"hospital\""), f->m->n_hospitals);
    assert_int_equal(count(html, "<article class=\"student"), f->m->n_students);
    for (int s = 0; s < f->m->n_students; s++)
        assert_non_null(strstr(html, f->m->students[s].name));
    /* every note of the config, with its department's weeks */
    assert_non_null(strstr(html, "Dr. Phạm on leave"));
    assert_non_null(strstr(html, "holiday rota for 30 April and 1 May"));
    /* the score as the checker gives it, and words for a plan without a bound */
    char score[64];
    snprintf(score, sizeof score, "Score %ld:", f->report->objective);
    assert_non_null(strstr(html, score));
    assert_non_null(strstr(html, "does not say how close to the best possible"));
    free(html);

    snprintf(path, sizeof path, "%s/plan-named.csv", out);
    char *csv = file_text(path);
    assert_int_equal(count(csv, "\n"), f->plan->n_rotations + 1);
    assert_non_null(strstr(csv, "HP017,Nguyễn Thị Thanh Hương,General medicine at the Provincial "
                                "General Hospital,General surgery,provincial,Quang Ninh Provincial "
                                "General Hospital,general_surgery,General surgery,4,6,2025-03-24,"
                                "2025-04-13\n"));
    free(csv);
    rp_diags_clear(&d);
}

/* Nothing is replaced that publish did not make, or without being asked. */
static void test_existing_paths_are_left_as_they_are(void **state)
{
    fixture *f = *state;
    char out[128], file[128], link[128], foreign[128], extra[256];
    path_in(f, "out", out, sizeof out);
    path_in(f, "file.txt", file, sizeof file);
    path_in(f, "link", link, sizeof link);
    path_in(f, "foreign", foreign, sizeof foreign);
    FILE *fp = fopen(file, "w");
    fputs("keep me\n", fp);
    fclose(fp);
    assert_int_equal(symlink(out, link), 0);
    assert_int_equal(mkdir(foreign, 0755), 0);
    rp_publish p = request(f);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_OK);

    const char *refused[] = {out, file, link, foreign};
    for (int replace = 0; replace < 2; replace++)
        for (int i = replace; i < 4; i++) { /* with replace, `out` is publish's: allowed */
            p.replace = replace;
            rp_diags_clear(&d);
            assert_int_equal(rp_publish_folder(&p, refused[i], &d), RP_ERR_INVALID);
            assert_int_equal(d.n_errors, 1);
            assert_int_equal(rp_publish_check_target(refused[i], replace, &d), RP_ERR_INVALID);
        }
    char *kept = file_text(file);
    assert_string_equal(kept, "keep me\n");
    free(kept);
    assert_int_equal(entries(foreign), 0);

    /* Replacing publish's own folder: the new title shows, nothing else remains. */
    p.replace = true;
    p.title = "Second edition";
    rp_diags_clear(&d);
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_OK);
    snprintf(extra, sizeof extra, "%s/index.html", out);
    char *html = file_text(extra);
    assert_non_null(strstr(html, "<h1>Second edition</h1>"));
    free(html);
    assert_int_equal(entries(f->dir), 4); /* out, file.txt, link, foreign */

    /* A file someone put in it makes it theirs too: refused, kept. */
    snprintf(extra, sizeof extra, "%s/my-notes.txt", out);
    fp = fopen(extra, "w");
    fclose(fp);
    rp_diags_clear(&d);
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_ERR_INVALID);
    char line[512];
    rp_diag_format(&d.items[0], line, sizeof line);
    assert_non_null(strstr(line, "my-notes.txt', which publish did not write"));
    assert_int_equal(access(extra, F_OK), 0);
    rp_diags_clear(&d);
}

/* A failure half-way leaves no folder and no temporary folder. */
static void test_a_failure_leaves_nothing(void **state)
{
    fixture *f = *state;
    const char *text = "weeks: 2\nstart_date: 2025-03-03\n"
                       "disciplines: [{id: surgery}]\n"
                       "hospitals: [{id: h1, departments: [{discipline: surgery, capacity: 2}]}]\n"
                       "programmes: [{id: p, requirements: [{discipline: surgery}]}]\n"
                       "students: [{id: h1-surgery, programme: p}]\n";
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    rp_plan *plan = rp_plan_new();
    rp_check_report *report = NULL;
    assert_int_equal(rp_load_config_string("clash.yaml", text, &m, &d), RP_OK);
    assert_int_equal(rp_plan_add(plan, 0, 0, 0, 1), RP_OK);
    assert_int_equal(rp_check_plan(m, plan, &report), RP_OK);
    assert_int_equal(report->n_violations, 0);
    rp_publish p = {.m = m, .plan = plan, .report = report, .config_path = "clash.yaml"};
    char out[128];
    path_in(f, "out", out, sizeof out);
    /* The student's calendar and the ward's would have one name. */
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_ERR_INVALID);
    char line[512];
    rp_diag_format(&d.items[0], line, sizeof line);
    assert_non_null(strstr(line, "student 'h1-surgery' has the id of department"));
    assert_int_equal(entries(f->dir), 0);
    rp_check_report_free(&report);
    rp_plan_free(&plan);
    rp_model_free(&m);
    rp_diags_clear(&d);
}

static void test_quality_in_plain_words(void **state)
{
    (void)state;
    char words[256];
    rp_plan plan = {.status = RP_PLAN_OPTIMAL, .has_objective = true, .has_bound = true,
                    .objective = 1169, .bound = 1169};
    rp_publish_quality_words(&plan, words, sizeof words);
    assert_string_equal(words, "This plan is the best possible.");
    plan.status = RP_PLAN_FEASIBLE;
    plan.bound = 1173.2; /* 0.36%: rounded up, never promised better than it is */
    rp_publish_quality_words(&plan, words, sizeof words);
    assert_string_equal(words, "No plan can score more than 0.4% better than this one.");
    plan.has_bound = false;
    rp_publish_quality_words(&plan, words, sizeof words);
    assert_string_equal(words, "The time ran out before the quality could be measured.");
    plan.status = RP_PLAN_PARTIAL;
    rp_publish_quality_words(&plan, words, sizeof words);
    assert_non_null(strstr(words, "Some required rotations are missing"));
}

/* Changes against a previous plan are highlighted with the sentences
 * reschedule prints; a rule the plan breaks is outlined and listed. */
static void test_changes_and_breaches_are_marked(void **state)
{
    fixture *f = *state;
    rp_plan *next = rp_plan_clone(f->plan);
    assert_non_null(next);
    rp_plan_sort(next);
    /* Move the first rotation at a department of two or more siblings' hospital
     * to another department of the same hospital: a change, maybe a breach. */
    rp_rotation *r = &next->rotations[0];
    int other = -1;
    for (int d = 0; d < f->m->n_departments && other < 0; d++)
        if (d != r->department &&
            f->m->departments[d].hospital == f->m->departments[r->department].hospital)
            other = d;
    assert_true(other >= 0);
    r->department = other;
    rp_changes changes;
    rp_changes_init(&changes);
    assert_int_equal(rp_changes_diff(f->m, f->plan, next, 0, &changes), RP_OK);
    assert_int_equal(changes.count, 1);
    rp_check_report *report = NULL;
    assert_int_equal(rp_check_plan(f->m, next, &report), RP_OK);
    assert_true(report->n_violations > 0); /* a discipline outside the programme at least */
    rp_publish p = {.m = f->m, .plan = next, .report = report, .changes = &changes,
                    .config_path = CONFIG};
    char out[128], path[256], sentence[1536];
    path_in(f, "out", out, sizeof out);
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_publish_folder(&p, out, &d), RP_OK);
    snprintf(path, sizeof path, "%s/index.html", out);
    char *html = file_text(path);
    rp_change_sentence(f->m, &changes, 0, sentence, sizeof sentence);
    assert_non_null(strstr(html, sentence));
    assert_non_null(strstr(html, "Supervisors to warn"));
    assert_true(count(html, "<li class=\"changed\">") >= 2); /* the list and the grid */
    assert_non_null(strstr(html, report->violations[0].message));
    assert_non_null(strstr(html, " breach\""));
    free(html);
    rp_diags_clear(&d);
    rp_check_report_free(&report);
    rp_changes_clear(&changes);
    rp_plan_free(&next);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_checked_plan_becomes_a_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_paths_are_left_as_they_are, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_failure_leaves_nothing, setup, teardown),
        cmocka_unit_test(test_quality_in_plain_words),
        cmocka_unit_test_setup_teardown(test_changes_and_breaches_are_marked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
