/* Writing a plan as CSV: one row per student and week. */
#include "model/plan_io_internal.h"

#include <stdlib.h>

/* Ids are letters, digits, '_', '-' and '.', so they never need quotes; a
 * name from elsewhere might, hence the check. */
static void cell(FILE *out, const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r') {
            fputc('"', out);
            for (const char *q = s; *q; q++) {
                if (*q == '"')
                    fputc('"', out);
                fputc(*q, out);
            }
            fputc('"', out);
            return;
        }
    fputs(s, out);
}

rp_status rp_plan_csv_write(const rp_model *m, const rp_plan *sorted, FILE *out)
{
    bool dated = m->has_start_date;
    fprintf(out, "student,week,%shospital,department,discipline\n", dated ? "date," : "");
    int next = 0; /* sorted rotations are consumed in student, week order */
    for (int s = 0; s < m->n_students; s++) {
        for (int t = 0; t < m->weeks; t++) {
            while (next < sorted->n_rotations &&
                   (sorted->rotations[next].student < s ||
                    (sorted->rotations[next].student == s &&
                     sorted->rotations[next].start + sorted->rotations[next].length <= t)))
                next++;
            cell(out, m->students[s].id);
            fprintf(out, ",%d,", t + 1);
            if (dated) {
                char date[16];
                rp_model_week_date(m, t, date);
                fprintf(out, "%s,", date);
            }
            const rp_rotation *r = next < sorted->n_rotations ? &sorted->rotations[next] : NULL;
            if (r && r->student == s && r->start <= t) {
                const rp_department *d = &m->departments[r->department];
                cell(out, m->hospitals[d->hospital].id);
                fputc(',', out);
                cell(out, d->id);
                fputc(',', out);
                cell(out, m->disciplines[d->discipline].id);
                fputc('\n', out);
            } else {
                fputs(",,\n", out);
            }
        }
    }
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
