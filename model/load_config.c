/* The config loader's entry points and its top-level keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/load_internal.h"
#include "model/teams.h"

#define RP_MAX_WEEKS 1000

static const char *const top_keys[] = {"name", "weeks", "start_date", "students_per_supervisor",
                                       "pools", "intakes", "disciplines", "hospitals",
                                       "programmes", "students", "student_file", "objective",
                                       NULL};

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void load_start_date(rp_loader *ld, const rp_ynode *node)
{
    const char *text = rp_load_text(ld, node, "start_date");
    if (!text)
        return;
    int y, mo, d;
    char tail;
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 ||
        mo < 1 || mo > 12 || d < 1 ||
        d > month_days[mo - 1] + (mo == 2 && is_leap(y))) {
        rp_diag_error(ld->diags, rp_load_loc(ld, node),
                      "start_date '%s' is not a date written YYYY-MM-DD", text);
        return;
    }
    rp_model *m = ld->m;
    m->has_start_date = true;
    m->start_year = y;
    m->start_month = mo;
    m->start_day = d;
}

static void load_weeks(rp_loader *ld, const rp_ynode *root)
{
    const rp_ynode *v = rp_ymap_get(root, "weeks");
    if (!v) {
        rp_load_missing(ld, root, "weeks", "the config");
        return;
    }
    ld->weeks_known = rp_load_int(ld, v, "weeks", 1, RP_MAX_WEEKS, &ld->m->weeks);
}

static void load_root(rp_loader *ld, const rp_ynode *root)
{
    rp_model *m = ld->m;
    rp_ymap_check_keys(ld->doc, root, top_keys, "the config", ld->diags);
    const rp_ynode *v;
    if ((v = rp_ymap_get(root, "name")) && rp_load_text(ld, v, "name"))
        m->name = rp_load_strdup(ld, v->value);
    load_weeks(ld, root);
    if ((v = rp_ymap_get(root, "start_date")))
        load_start_date(ld, v);
    /* Pools first: ratios, departments and programmes name them. */
    if ((v = rp_ymap_get(root, "pools")))
        rp_load_pools(ld, v);
    if (ld->nomem || !rp_load_ratio_init(ld, &ld->ratio))
        return;
    if ((v = rp_ymap_get(root, "students_per_supervisor")))
        rp_load_ratio(ld, v, &ld->ratio);
    if ((v = rp_ymap_get(root, "intakes")))
        rp_load_intakes(ld, v);
    m->objective = (rp_objective){{1, 1, 1, 1}, 1, 1, false};
    rp_load_objective(ld, rp_ymap_get(root, "objective"));
    static const char *const sections[] = {"disciplines", "hospitals", "programmes"};
    void (*const loaders[])(rp_loader *, const rp_ynode *) = {
        rp_load_disciplines, rp_load_hospitals, rp_load_programmes};
    for (int i = 0; i < 3 && !ld->nomem; i++) {
        if ((v = rp_ymap_get(root, sections[i])))
            loaders[i](ld, v);
        else
            rp_load_missing(ld, root, sections[i], "the config");
    }
    if (ld->nomem)
        return;
    if ((v = rp_ymap_get(root, "students")))
        rp_load_students(ld, v);
    if ((v = rp_ymap_get(root, "student_file")) && !ld->nomem)
        rp_load_roster(ld, v);
    if (m->n_students == 0 && !ld->nomem && !rp_ymap_get(root, "student_file"))
        rp_diag_error(ld->diags, rp_load_loc(ld, root),
                      "the config has no students; list them under 'students' or name a CSV "
                      "file in 'student_file'");
}

/* Teams need every student (pins name supervisors) and a model without errors. */
static void finish_model(rp_loader *ld, int errors_before)
{
    if (ld->nomem || ld->diags->n_errors > errors_before)
        return;
    if (rp_model_build_teams(ld->m))
        ld->nomem = true;
}

static rp_status load_document(const rp_ydoc *doc, rp_model **out, rp_diags *diags)
{
    rp_model *m = rp_model_new();
    if (!m)
        return RP_ERR_NOMEM;
    m->sources = calloc(1, sizeof(char *));
    if (!m->sources || !(m->sources[0] = strdup(doc->file))) {
        rp_model_free(&m);
        return RP_ERR_NOMEM;
    }
    m->n_sources = 1;
    rp_loader ld = {.m = m, .diags = diags, .doc = doc, .file = m->sources[0]};
    rp_strmap_init(&ld.student_ids);
    rp_strmap_init(&ld.supervisor_ids);
    rp_strmap_init(&ld.language_ids);
    int errors_before = diags->n_errors;
    if (!doc->root || doc->root->kind != RP_Y_MAPPING)
        rp_diag_error(diags, rp_load_loc(&ld, doc->root),
                      "a config must be a mapping with keys such as weeks, disciplines, "
                      "hospitals, programmes and students");
    else
        load_root(&ld, doc->root);
    finish_model(&ld, errors_before);
    rp_strmap_clear(&ld.student_ids);
    rp_strmap_clear(&ld.supervisor_ids);
    rp_strmap_clear(&ld.language_ids);
    rp_load_ratio_free(&ld.ratio);
    free(ld.pool_missing_told);
    rp_status st = ld.nomem ? RP_ERR_NOMEM
                   : diags->n_errors > errors_before ? RP_ERR_INVALID
                                                     : rp_model_index_build(m);
    if (st) {
        rp_model_free(&m);
        return st;
    }
    *out = m;
    return RP_OK;
}

rp_status rp_load_config(const char *path, rp_model **out, rp_diags *diags)
{
    *out = NULL;
    rp_ydoc *doc;
    RP_TRY(rp_ydoc_parse_file(path, &doc, diags));
    rp_status st = load_document(doc, out, diags);
    rp_ydoc_free(&doc);
    return st;
}

rp_status rp_load_config_string(const char *name, const char *text, rp_model **out,
                                rp_diags *diags)
{
    *out = NULL;
    rp_ydoc *doc;
    RP_TRY(rp_ydoc_parse_string(name, text, strlen(text), &doc, diags));
    rp_status st = load_document(doc, out, diags);
    rp_ydoc_free(&doc);
    return st;
}
