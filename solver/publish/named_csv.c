/* plan-named.csv: the plan with names, department names and dates. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/csv.h"
#include "solver/publish/writers.h"

char *rp_pub_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%s", dir, name);
    return path;
}

rp_status rp_pub_close(FILE *f, const char *path, rp_diags *diags)
{
    bool failed = ferror(f) != 0;
    int err = errno;
    if (fclose(f) != 0 && !failed) {
        failed = true;
        err = errno;
    }
    if (!failed)
        return RP_OK;
    rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write: %s", strerror(err));
    return RP_ERR_IO;
}

static void cells(FILE *out, const char *const *values, int n)
{
    for (int i = 0; i < n; i++) {
        rp_csv_write_cell(out, values[i]);
        fputc(i + 1 < n ? ',' : '\n', out);
    }
}

rp_status rp_pub_write_named_csv(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    const rp_model *m = v->m;
    char *path = rp_pub_path(dir, "plan-named.csv");
    if (!path)
        return RP_ERR_NOMEM;
    FILE *out = fopen(path, "w");
    if (!out) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot create: %s", strerror(errno));
        free(path);
        return RP_ERR_IO;
    }
    static const char *const header[] = {
        "student", "name", "programme", "discipline", "hospital", "hospital_name",
        "department", "department_name", "first_week", "last_week", "first_date", "last_date"};
    cells(out, header, 12);
    for (int k = 0; k < v->plan->n_rotations; k++) {
        const rp_rotation *r = &v->plan->rotations[k];
        const rp_student *st = &m->students[r->student];
        const rp_department *dp = &m->departments[r->department];
        const rp_programme *pr = &m->programmes[st->programme];
        char first_week[16], last_week[16], first[11], last[11];
        snprintf(first_week, sizeof first_week, "%d", r->start + 1);
        snprintf(last_week, sizeof last_week, "%d", r->start + r->length);
        rp_pub_date(m, r->start, 0, first);
        rp_pub_date(m, r->start + r->length - 1, 6, last);
        const char *row[] = {st->id,
                             rp_pub_student_name(m, r->student),
                             pr->name ? pr->name : pr->id,
                             m->disciplines[dp->discipline].name,
                             m->hospitals[dp->hospital].id,
                             m->hospitals[dp->hospital].name,
                             dp->id,
                             rp_pub_department_name(m, r->department),
                             first_week,
                             last_week,
                             first,
                             last};
        cells(out, row, 12);
    }
    rp_status st = rp_pub_close(out, path, diags);
    free(path);
    return st;
}
