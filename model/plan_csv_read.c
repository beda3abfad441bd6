/* Reading a CSV plan: rows of student, week and department become rotations. */
#include "model/plan_io_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/csv.h"

#define RP_WEEK_UNSET (-2) /* no row yet for this student and week */
#define RP_WEEK_IDLE (-1)  /* a row with no department */
#define RP_WEEK_BAD (-3)   /* a row with an error, already reported */

struct csv_columns {
    int student, week, hospital, department, discipline, supervisor;
};

struct csv_reader {
    const rp_model *m;
    const char *path;
    rp_diags *diags;
    rp_plan_unknown *unknown;
    struct csv_columns col;
    int *grid; /* [n_students x weeks] department, or one of the RP_WEEK_ values */
    int *guide; /* [n_students x weeks] supervisor, or -1 */
    int *line; /* [n_students x weeks] the row that set grid */
    int *first_line; /* [n_students] a student's first row, 0 before it, -1 after a bad week */
    int header_line;
    int errors;
    bool nomem;
};

/* A cell's text without surrounding blanks (in place), or "" when the row
 * is shorter than the header. */
static const char *cell_text(const rp_csv_row *row, int col, rp_loc *where, const char *file)
{
    if (col < 0 || col >= row->n_cells) {
        *where = (rp_loc){file, row->line, 1};
        return "";
    }
    rp_csv_cell *c = &row->cells[col];
    *where = (rp_loc){file, c->line, c->column};
    char *t = c->text;
    while (*t == ' ' || *t == '\t')
        t++;
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        t[--n] = '\0';
    return t;
}

static void error(struct csv_reader *r, rp_loc where, const char *fmt, ...) RP_PRINTF(3, 4);

static void error(struct csv_reader *r, rp_loc where, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rp_diag_error(r->diags, where, "%s", msg);
    r->errors++;
}

static bool find_columns(struct csv_reader *r, const rp_csv_row *header)
{
    static const char *const required[] = {"student", "week", "hospital", "department"};
    int *slots[] = {&r->col.student, &r->col.week, &r->col.hospital, &r->col.department};
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        *slots[i] = rp_csv_column(header, required[i]);
        if (*slots[i] < 0) {
            error(r, (rp_loc){r->path, header->line, 1},
                  "the header has no column '%s'; a plan needs student, week, hospital "
                  "and department",
                  required[i]);
            ok = false;
        }
    }
    r->col.discipline = rp_csv_column(header, "discipline");
    r->col.supervisor = rp_csv_column(header, "supervisor");
    return ok;
}

/* A week number in 1..weeks, 0-based; -1 after reporting. */
static int parse_week(struct csv_reader *r, const char *text, rp_loc where)
{
    if (text[0] == '\0') {
        error(r, where, "the week is missing");
        return -1;
    }
    const char *digits = text[0] == '-' ? text + 1 : text;
    bool whole = *digits != '\0';
    for (const char *p = digits; *p; p++)
        whole = whole && *p >= '0' && *p <= '9';
    if (!whole) {
        error(r, where, "week '%s' is not a whole number", text);
        return -1;
    }
    errno = 0;
    long w = strtol(text, NULL, 10);
    if (errno == ERANGE || w < 1 || w > r->m->weeks) {
        error(r, where, "week %s is outside the config's weeks 1-%d", text, r->m->weeks);
        return -1;
    }
    return (int)w - 1;
}

/* The department a row names, RP_WEEK_IDLE when it names none, RP_WEEK_BAD
 * after reporting a problem. */
static int parse_place(struct csv_reader *r, const rp_csv_row *row)
{
    const rp_model *m = r->m;
    rp_loc h_at, d_at, c_at;
    const char *hosp = cell_text(row, r->col.hospital, &h_at, r->path);
    const char *dept = cell_text(row, r->col.department, &d_at, r->path);
    const char *disc = cell_text(row, r->col.discipline, &c_at, r->path);
    if (!*hosp && !*dept && !*disc)
        return RP_WEEK_IDLE;
    if (!*hosp) {
        error(r, h_at, "the hospital is missing (a row with a %s needs a hospital)",
              *dept ? "department" : "discipline");
        return RP_WEEK_BAD;
    }
    int h = rp_model_find_hospital(m, hosp);
    if (h < 0) {
        error(r, h_at, "unknown hospital '%s'", hosp);
        return RP_WEEK_BAD;
    }
    if (!*dept) {
        error(r, d_at, "the department is missing (a row with a hospital needs a department)");
        return RP_WEEK_BAD;
    }
    int d = rp_model_find_department(m, h, dept);
    if (d < 0) {
        error(r, d_at, "hospital '%s' has no department '%s'", hosp, dept);
        return RP_WEEK_BAD;
    }
    const char *taught = m->disciplines[m->departments[d].discipline].id;
    if (*disc && strcmp(disc, taught) != 0) {
        error(r, c_at, "%s/%s teaches %s, not '%s'", hosp, dept, taught, disc);
        return RP_WEEK_BAD;
    }
    return d;
}

/* The supervisor a row names for department d (-1: none); -2 after reporting. */
static int parse_supervisor(struct csv_reader *r, const rp_csv_row *row, int d)
{
    rp_loc at;
    const char *id = cell_text(row, r->col.supervisor, &at, r->path);
    if (!*id)
        return -1;
    if (d == RP_WEEK_BAD)
        return -2;
    if (d == RP_WEEK_IDLE) {
        error(r, at, "supervisor '%s' is given for a week with no department", id);
        return -2;
    }
    char why[512];
    int j = rp_plan_io_supervisor(r->m, id, d, why, sizeof why);
    if (j < 0) {
        error(r, at, "%s", why);
        return -2;
    }
    return j;
}

static void read_row(struct csv_reader *r, const rp_csv_row *row)
{
    const rp_model *m = r->m;
    rp_loc s_at, w_at;
    const char *sid = cell_text(row, r->col.student, &s_at, r->path);
    const char *wtext = cell_text(row, r->col.week, &w_at, r->path);
    int s = -1;
    if (!*sid)
        error(r, s_at, "the student is missing");
    else if ((s = rp_model_find_student(m, sid)) < 0) {
        if (rp_plan_io_skip_student(r->unknown, r->diags, s_at, sid))
            return;
        error(r, s_at, "unknown student '%s'", sid);
    }
    int t = parse_week(r, wtext, w_at);
    int place = parse_place(r, row);
    if (s >= 0 && r->first_line[s] == 0)
        r->first_line[s] = row->line;
    if (s >= 0 && t < 0)
        r->first_line[s] = -1; /* which week is missing is unknown: say nothing more */
    int guide = parse_supervisor(r, row, place);
    if (s >= 0 && r->unknown->listed)
        r->unknown->listed[s] = true;
    if (s < 0 || t < 0)
        return;
    size_t k = (size_t)s * (size_t)m->weeks + (size_t)t;
    if (r->grid[k] != RP_WEEK_UNSET) {
        error(r, s_at, "%s's week %d is given twice (first on line %d)", sid, t + 1, r->line[k]);
        return;
    }
    r->grid[k] = guide == -2 ? RP_WEEK_BAD : place;
    r->guide[k] = guide;
    r->line[k] = row->line;
}

/* Every student has a row for each week (docs/plans.md): a missing row is
 * never read as an idle week. One error per student, at their first row. */
static void check_every_week(struct csv_reader *r)
{
    const rp_model *m = r->m;
    bool *missing = malloc((size_t)m->weeks * sizeof *missing);
    if (!missing) {
        r->nomem = true;
        return;
    }
    for (int s = 0; s < m->n_students; s++) {
        if (r->first_line[s] < 0)
            continue;
        int n_missing = 0;
        for (int t = 0; t < m->weeks; t++) {
            missing[t] = r->grid[(size_t)s * (size_t)m->weeks + (size_t)t] == RP_WEEK_UNSET;
            n_missing += missing[t];
        }
        if (n_missing == 0)
            continue;
        rp_loc at = {r->path, r->first_line[s] ? r->first_line[s] : r->header_line, 1};
        if (n_missing == m->weeks) {
            if (r->unknown->listed)
                continue; /* a part of a plan (an earlier wave): who it names is the answer */
            error(r, at,
                  "student '%s' has no rows; every student has one row for each week (an idle "
                  "week leaves hospital, department and discipline empty)",
                  m->students[s].id);
            continue;
        }
        char weeks[128];
        rp_model_format_weeks(missing, m->weeks, weeks, sizeof weeks);
        error(r, at,
              "student '%s' has no row for week%s %s; every student has one row for each week "
              "(an idle week leaves hospital, department and discipline empty)",
              m->students[s].id, n_missing == 1 ? "" : "s", weeks);
    }
    free(missing);
}

/* Consecutive weeks of one student in one department are one rotation. */

/* Consecutive weeks of one student in one department are one rotation; its
 * supervisor is the first week's, and a week naming another is kept as the
 * rotation's switch for the checker to report. */
static rp_status build_plan(const struct csv_reader *r, rp_plan *plan)
{
    int weeks = r->m->weeks;
    for (int s = 0; s < r->m->n_students; s++) {
        const int *g = &r->grid[(size_t)s * (size_t)weeks];
        const int *guide = &r->guide[(size_t)s * (size_t)weeks];
        for (int t = 0; t < weeks;) {
            if (g[t] < 0) {
                t++;
                continue;
            }
            int end = t + 1;
            while (end < weeks && g[end] == g[t])
                end++;
            RP_TRY(rp_plan_add_guided(plan, s, g[t], t, end - t, guide[t]));
            rp_rotation *rot = &plan->rotations[plan->n_rotations - 1];
            for (int w = t + 1; w < end && rot->switch_week < 0; w++)
                if (guide[w] != guide[t]) {
                    rot->switch_week = w;
                    rot->switch_supervisor = guide[w];
                }
            t = end;
        }
    }
    return RP_OK;
}

static rp_status read_rows(struct csv_reader *r, rp_csv *csv)
{
    const rp_csv_row *row;
    RP_TRY(rp_csv_next(csv, &row, r->diags));
    if (!row) {
        error(r, (rp_loc){r->path, 1, 1},
              "the file is empty; a plan starts with the header "
              "student,week,hospital,department,discipline");
        return RP_ERR_INVALID;
    }
    r->header_line = row->line;
    if (!find_columns(r, row))
        return RP_ERR_INVALID;
    for (;;) {
        RP_TRY(rp_csv_next(csv, &row, r->diags));
        if (!row)
            break;
        read_row(r, row);
    }
    check_every_week(r);
    return r->nomem ? RP_ERR_NOMEM : RP_OK;
}

rp_status rp_plan_csv_read(const rp_model *m, const char *path, rp_plan_unknown *unknown,
                           rp_plan **out, rp_diags *diags)
{
    *out = NULL;
    rp_csv *csv;
    RP_TRY(rp_csv_open(path, &csv, diags));
    struct csv_reader r = {.m = m, .path = path, .diags = diags, .unknown = unknown};
    size_t cells = (size_t)m->n_students * (size_t)m->weeks;
    r.grid = malloc((cells + 1) * sizeof *r.grid);
    r.guide = malloc((cells + 1) * sizeof *r.guide);
    r.line = malloc((cells + 1) * sizeof *r.line);
    r.first_line = calloc((size_t)m->n_students + 1, sizeof *r.first_line);
    rp_plan *plan = rp_plan_new();
    rp_status st = r.grid && r.guide && r.line && r.first_line && plan ? RP_OK : RP_ERR_NOMEM;
    if (st == RP_OK) {
        for (size_t k = 0; k < cells; k++)
            r.grid[k] = RP_WEEK_UNSET;
        st = read_rows(&r, csv);
    }
    if (st == RP_OK && unknown->nomem)
        st = RP_ERR_NOMEM;
    if (st == RP_OK && r.errors)
        st = RP_ERR_INVALID;
    if (st == RP_OK)
        st = build_plan(&r, plan);
    rp_csv_close(&csv);
    free(r.grid);
    free(r.guide);
    free(r.line);
    free(r.first_line);
    if (st) {
        rp_plan_free(&plan);
        return st;
    }
    *out = plan;
    return RP_OK;
}
