/* index.html: each student's rotations with dates and score, as check gives it. */
#include "solver/publish/html.h"

static void rotation_row(const rp_pub_view *v, int k, FILE *out)
{
    const rp_model *m = v->m;
    const rp_rotation *r = &v->plan->rotations[k];
    const rp_department *dp = &m->departments[r->department];
    char first[11], last[11];
    rp_pub_date(m, r->start, 0, first);
    rp_pub_date(m, r->start + r->length - 1, 6, last);
    fputs(v->rotation_changed[k] ? "<tr class=\"changed\">" : "<tr>", out);
    if (r->length == 1)
        fprintf(out, "<td>%d</td>", r->start + 1);
    else
        fprintf(out, "<td>%d&ndash;%d</td>", r->start + 1, r->start + r->length);
    fprintf(out, "<td>%s</td><td>%s</td><td>", first, last);
    rp_pub_html_text(out, m->disciplines[dp->discipline].name);
    fputs("</td><td>", out);
    rp_pub_html_text(out, m->hospitals[dp->hospital].name);
    fputs("</td><td>", out);
    rp_pub_html_text(out, rp_pub_department_name(m, r->department));
    char notes[1024];
    rp_pub_notes(m, r->department, r->start, r->length, notes, sizeof notes);
    if (notes[0]) {
        fputs("<span class=\"note\">", out);
        rp_pub_html_text(out, notes);
        fputs("</span>", out);
    }
    fputs("</td></tr>\n", out);
}

static void score_line(const rp_score *sc, FILE *out)
{
    fprintf(out,
            "<p class=\"score\">Score %ld: discipline preference %ld, hospital preference %ld, "
            "school priority %ld, hospital changes %ld (%d), idle weeks %ld (%d).</p>\n",
            sc->total, sc->discipline, sc->hospital, sc->school, sc->change, sc->n_changes,
            sc->idle, sc->n_idle_weeks);
}

static void student(const rp_pub_view *v, int s, FILE *out)
{
    const rp_model *m = v->m;
    const rp_student *st = &m->students[s];
    fprintf(out, "<article class=\"student%s%s\" id=\"s-",
            v->student_breach[s] ? " breach" : "", v->student_changed[s] ? " changed" : "");
    rp_pub_html_text(out, st->id);
    fputs("\">\n<h3>", out);
    rp_pub_html_text(out, rp_pub_student_name(m, s));
    fputs(" <span class=\"id\">", out);
    rp_pub_html_text(out, st->id);
    fputs("</span> <small class=\"muted\">", out);
    rp_pub_html_text(out, m->programmes[st->programme].name ? m->programmes[st->programme].name
                                                            : m->programmes[st->programme].id);
    fputs("</small></h3>\n", out);
    if (v->student_first[s] == v->student_first[s + 1]) {
        fputs("<p>No rotation.</p>\n", out);
    } else {
        fputs("<table>\n<thead><tr><th>Weeks</th><th>From</th><th>To</th><th>Discipline</th>"
              "<th>Hospital</th><th>Department</th></tr></thead>\n<tbody>\n",
              out);
        for (int k = v->student_first[s]; k < v->student_first[s + 1]; k++)
            rotation_row(v, k, out);
        fputs("</tbody>\n</table>\n", out);
    }
    if (s < v->p->report->n_students)
        score_line(&v->p->report->scores[s], out);
    for (int i = 0; i < v->p->report->n_violations; i++) {
        if (v->p->report->violations[i].student != s)
            continue;
        fputs("<p class=\"breach-text\">", out);
        rp_pub_html_text(out, v->p->report->violations[i].message);
        fputs("</p>\n", out);
    }
    fputs("</article>\n", out);
}

void rp_pub_html_students(const rp_pub_view *v, FILE *out)
{
    fputs("<section id=\"students\">\n<h2>Students</h2>\n<div class=\"students\">\n", out);
    for (int s = 0; s < v->m->n_students; s++)
        student(v, s, out);
    fputs("</div>\n</section>\n", out);
}
