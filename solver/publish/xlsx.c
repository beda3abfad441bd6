/* plan.xlsx (written with libxlsxwriter): the timetable, one row per
 * rotation, the departments' rosters, the load and the changes. */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "solver/publish/writers.h"

typedef struct book {
    const rp_pub_view *v;
    lxw_workbook *wb;
    lxw_format *head, *date, *wrap, *full, *closed, *title, *changed;
} book;

static lxw_datetime date_of(const rp_model *m, int week, int day)
{
    lxw_datetime t = {0};
    rp_model_day(m, week, day, &t.year, &t.month, &t.day);
    return t;
}

static void header_row(lxw_worksheet *ws, const book *b, const char *const *names,
                       const double *widths, int n)
{
    for (int c = 0; c < n; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, names[c], b->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
}

static void timetable(const book *b)
{
    const rp_pub_view *v = b->v;
    const rp_model *m = v->m;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Timetable");
    worksheet_write_string(ws, 0, 0, "Department", b->head);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)m->weeks, 24, NULL);
    for (int w = 0; w < m->weeks; w++) {
        char text[64], first[16], last[16];
        rp_pub_short_date(m, w, 0, false, first, sizeof first);
        rp_pub_short_date(m, w, 6, true, last, sizeof last);
        snprintf(text, sizeof text, "Week %d\n%s - %s", w + 1, first, last);
        worksheet_write_string(ws, 0, (lxw_col_t)(w + 1), text, b->head);
    }
    worksheet_set_row(ws, 0, 30, NULL);
    worksheet_freeze_panes(ws, 1, 1);
    lxw_row_t row = 1;
    size_t cap = 32767; /* the most a spreadsheet cell holds */
    char *text = malloc(cap);
    if (!text)
        return;
    for (int h = 0; h < m->n_hospitals; h++) {
        worksheet_write_string(ws, row++, 0, m->hospitals[h].name, b->title);
        for (int d = 0; d < m->n_departments; d++) {
            if (m->departments[d].hospital != h)
                continue;
            worksheet_write_string(ws, row, 0, rp_pub_department_name(m, d), b->wrap);
            for (int w = 0; w < m->weeks; w++) {
                int n = rp_pub_cell_count(v, d, w), capacity = m->departments[d].capacity[w];
                const int *students = rp_pub_cell(v, d, w);
                size_t used = (size_t)snprintf(text, cap, "%d/%d", n, capacity);
                char notes[1024];
                rp_pub_notes(m, d, w, 1, notes, sizeof notes);
                if (notes[0] && used < cap)
                    used += (size_t)snprintf(text + used, cap - used, "\n(%s)", notes);
                for (int i = 0; i < n && used < cap; i++)
                    used += (size_t)snprintf(text + used, cap - used, "\n%s (%s)",
                                             rp_pub_student_name(m, students[i]),
                                             m->students[students[i]].id);
                lxw_format *f = capacity == 0               ? b->closed
                                : n * 10 > capacity * 9 ? b->full
                                                            : b->wrap;
                worksheet_write_string(ws, row, (lxw_col_t)(w + 1), text, f);
            }
            row++;
        }
    }
    free(text);
}

static void students(const book *b)
{
    const rp_pub_view *v = b->v;
    const rp_model *m = v->m;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Students");
    static const char *const names[] = {"Student", "Name", "Programme", "Discipline",
                                        "Hospital", "Department", "First week", "Last week",
                                        "First date", "Last date"};
    static const double widths[] = {10, 28, 26, 24, 32, 30, 10, 10, 12, 12};
    header_row(ws, b, names, widths, 10);
    worksheet_freeze_panes(ws, 1, 0);
    for (int k = 0; k < v->plan->n_rotations; k++) {
        const rp_rotation *r = &v->plan->rotations[k];
        const rp_student *st = &m->students[r->student];
        const rp_department *dp = &m->departments[r->department];
        const rp_programme *pr = &m->programmes[st->programme];
        lxw_row_t row = (lxw_row_t)(k + 1);
        lxw_format *f = v->rotation_changed[k] ? b->changed : NULL;
        worksheet_write_string(ws, row, 0, st->id, f);
        worksheet_write_string(ws, row, 1, rp_pub_student_name(m, r->student), f);
        worksheet_write_string(ws, row, 2, pr->name ? pr->name : pr->id, f);
        worksheet_write_string(ws, row, 3, m->disciplines[dp->discipline].name, f);
        worksheet_write_string(ws, row, 4, m->hospitals[dp->hospital].name, f);
        worksheet_write_string(ws, row, 5, rp_pub_department_name(m, r->department), f);
        worksheet_write_number(ws, row, 6, r->start + 1, f);
        worksheet_write_number(ws, row, 7, r->start + r->length, f);
        lxw_datetime first = date_of(m, r->start, 0), last = date_of(m, r->start + r->length - 1, 6);
        worksheet_write_datetime(ws, row, 8, &first, b->date);
        worksheet_write_datetime(ws, row, 9, &last, b->date);
    }
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)v->plan->n_rotations, 9);
}

static void departments(const book *b)
{
    const rp_pub_view *v = b->v;
    const rp_model *m = v->m;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Departments");
    static const char *const names[] = {"Hospital", "Department", "Week", "First date",
                                        "Last date", "Student", "Name"};
    static const double widths[] = {32, 30, 7, 12, 12, 10, 28};
    header_row(ws, b, names, widths, 7);
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t row = 1;
    for (int d = 0; d < m->n_departments; d++) {
        const rp_department *dp = &m->departments[d];
        for (int w = 0; w < m->weeks; w++) {
            const int *list = rp_pub_cell(v, d, w);
            lxw_datetime first = date_of(m, w, 0), last = date_of(m, w, 6);
            for (int i = 0; i < rp_pub_cell_count(v, d, w); i++, row++) {
                worksheet_write_string(ws, row, 0, m->hospitals[dp->hospital].name, NULL);
                worksheet_write_string(ws, row, 1, rp_pub_department_name(m, d), NULL);
                worksheet_write_number(ws, row, 2, w + 1, NULL);
                worksheet_write_datetime(ws, row, 3, &first, b->date);
                worksheet_write_datetime(ws, row, 4, &last, b->date);
                worksheet_write_string(ws, row, 5, m->students[list[i]].id, NULL);
                worksheet_write_string(ws, row, 6, rp_pub_student_name(m, list[i]), NULL);
            }
        }
    }
    worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, 6);
}

static void load(const book *b)
{
    const rp_pub_view *v = b->v;
    const rp_model *m = v->m;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Load");
    static const char *const names[] = {"Hospital", "Department", "Week", "First date",
                                        "Students", "Capacity", "Supervisors", "Note"};
    static const double widths[] = {32, 30, 7, 12, 10, 10, 12, 50};
    header_row(ws, b, names, widths, 8);
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t row = 1;
    for (int d = 0; d < m->n_departments; d++) {
        const rp_department *dp = &m->departments[d];
        for (int w = 0; w < m->weeks; w++, row++) {
            int n = rp_pub_cell_count(v, d, w), capacity = dp->capacity[w];
            lxw_format *f = capacity == 0 ? b->closed : n * 10 > capacity * 9 ? b->full : NULL;
            lxw_datetime first = date_of(m, w, 0);
            char notes[1024];
            rp_pub_notes(m, d, w, 1, notes, sizeof notes);
            worksheet_write_string(ws, row, 0, m->hospitals[dp->hospital].name, NULL);
            worksheet_write_string(ws, row, 1, rp_pub_department_name(m, d), NULL);
            worksheet_write_number(ws, row, 2, w + 1, NULL);
            worksheet_write_datetime(ws, row, 3, &first, b->date);
            worksheet_write_number(ws, row, 4, n, f);
            worksheet_write_number(ws, row, 5, capacity, NULL);
            if (dp->supervisors)
                worksheet_write_number(ws, row, 6, dp->supervisors[w], NULL);
            if (notes[0])
                worksheet_write_string(ws, row, 7, notes, NULL);
        }
    }
    worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, 7);
}

static void changes(const book *b)
{
    const rp_changes *c = b->v->p->changes;
    const rp_model *m = b->v->m;
    if (!c)
        return;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Changes");
    static const char *const names[] = {"Student", "Name", "From", "From first date",
                                        "From last date", "To", "To first date",
                                        "To last date", "Change"};
    static const double widths[] = {10, 28, 40, 14, 14, 40, 14, 14, 90};
    header_row(ws, b, names, widths, 9);
    worksheet_freeze_panes(ws, 1, 0);
    for (int i = 0; i < c->count; i++) {
        const rp_change *ch = &c->items[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, row, 0, m->students[ch->student].id, NULL);
        worksheet_write_string(ws, row, 1, rp_pub_student_name(m, ch->student), NULL);
        const rp_rotation *sides[2] = {&ch->from, &ch->to};
        for (int k = 0; k < 2; k++) {
            const rp_rotation *r = sides[k];
            if (r->department < 0)
                continue;
            char where[512];
            snprintf(where, sizeof where, "%s, %s", rp_pub_department_name(m, r->department),
                     m->hospitals[m->departments[r->department].hospital].name);
            lxw_datetime first = date_of(m, r->start, 0);
            lxw_datetime last = date_of(m, r->start + r->length - 1, 6);
            lxw_col_t col = (lxw_col_t)(2 + 3 * k);
            worksheet_write_string(ws, row, col, where, NULL);
            worksheet_write_datetime(ws, row, col + 1, &first, b->date);
            worksheet_write_datetime(ws, row, col + 2, &last, b->date);
        }
        char line[1536];
        rp_change_sentence(m, c, i, line, sizeof line);
        worksheet_write_string(ws, row, 8, line, NULL);
    }
}

static lxw_format *format(lxw_workbook *wb, bool bold, bool wrap, uint32_t fill,
                          const char *num)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f)
        return NULL;
    if (bold)
        format_set_bold(f);
    if (wrap) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    if (fill)
        format_set_bg_color(f, fill);
    if (num)
        format_set_num_format(f, num);
    return f;
}

rp_status rp_pub_write_xlsx(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    char *path = rp_pub_path(dir, "plan.xlsx");
    if (!path)
        return RP_ERR_NOMEM;
    book b = {.v = v, .wb = workbook_new(path)};
    if (!b.wb) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot create the workbook");
        free(path);
        return RP_ERR_IO;
    }
    b.head = format(b.wb, true, true, 0xE6E6E6, NULL);
    b.title = format(b.wb, true, false, 0, NULL);
    b.date = format(b.wb, false, false, 0, "yyyy-mm-dd");
    b.wrap = format(b.wb, false, true, 0, NULL);
    b.full = format(b.wb, false, true, 0xF7C59F, NULL);
    b.closed = format(b.wb, false, true, 0xD9D9D9, NULL);
    b.changed = format(b.wb, false, false, 0xFFF08A, NULL);
    timetable(&b);
    students(&b);
    departments(&b);
    load(&b);
    changes(&b);
    lxw_error err = workbook_close(b.wb);
    rp_status st = RP_OK;
    if (err != LXW_NO_ERROR) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write the workbook: %s",
                      lxw_strerror(err));
        st = RP_ERR_IO;
    }
    free(path);
    return st;
}
