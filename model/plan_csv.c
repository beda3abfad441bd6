/* Writing a plan as CSV: one row per student and week. */
#include "model/plan_io_internal.h"

#include <stdlib.h>

#include "model/csv.h"

rp_status rp_plan_csv_write(const rp_model *m, const rp_plan *sorted, FILE *out)
{
    bool dated = m->has_start_date, guided = m->n_supervisors > 0;
    fprintf(out, "student,week,%shospital,department,discipline%s\n", dated ? "date," : "",
            guided ? ",supervisor" : "");
    int next = 0; /* sorted rotations are consumed in student, week order */
    for (int s = 0; s < m->n_students; s++) {
        for (int t = 0; t < m->weeks; t++) {
            while (next < sorted->n_rotations &&
                   (sorted->rotations[next].student < s ||
                    (sorted->rotations[next].student == s &&
                     sorted->rotations[next].start + sorted->rotations[next].length <= t)))
                next++;
            rp_csv_write_cell(out, m->students[s].id);
            fprintf(out, ",%d,", t + 1);
            if (dated) {
                char date[16];
                rp_model_week_date(m, t, date);
                fprintf(out, "%s,", date);
            }
            const rp_rotation *r = next < sorted->n_rotations ? &sorted->rotations[next] : NULL;
            if (r && r->student == s && r->start <= t) {
                const rp_department *d = &m->departments[r->department];
                rp_csv_write_cell(out, m->hospitals[d->hospital].id);
                fputc(',', out);
                rp_csv_write_cell(out, d->id);
                fputc(',', out);
                rp_csv_write_cell(out, m->disciplines[d->discipline].id);
                int j = r->switch_week >= 0 && t >= r->switch_week ? r->switch_supervisor
                                                                    : r->supervisor;
                if (guided) {
                    fputc(',', out);
                    if (j >= 0)
                        rp_csv_write_cell(out, m->supervisors[j].id);
                }
                fputc('\n', out);
            } else {
                fputs(guided ? ",,,\n" : ",,\n", out);
            }
        }
    }
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
