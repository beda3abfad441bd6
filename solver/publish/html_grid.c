/* index.html: each hospital's department x week grid and its load chart. */
#include "solver/publish/html.h"

#include <string.h>

static bool student_changed_here(const rp_pub_view *v, int s, int d, int w)
{
    for (int k = v->student_first[s]; k < v->student_first[s + 1]; k++) {
        const rp_rotation *r = &v->plan->rotations[k];
        if (r->department == d && w >= r->start && w < r->start + r->length)
            return v->rotation_changed[k];
    }
    return false;
}

/* At most this many weeks side by side: a longer horizon is cut into grids
 * of equal width, each readable on an A4 page across. */
#define MAX_WEEKS_ACROSS 13

static void week_header(const rp_model *m, int from, int to, FILE *out)
{
    fputs("<thead><tr><th class=\"dept\">Department</th>", out);
    for (int w = from; w < to; w++) {
        char first[16], last[16];
        rp_pub_short_date(m, w, 0, false, first, sizeof first);
        rp_pub_short_date(m, w, 6, false, last, sizeof last);
        fprintf(out, "<th>Week %d<br><small>%s &ndash; %s</small></th>", w + 1, first, last);
    }
    fputs("</tr></thead>\n", out);
}

static void department_label(const rp_model *m, int d, FILE *out)
{
    const rp_department *dp = &m->departments[d];
    char sup[32];
    rp_pub_supervisors(m, d, 0, m->weeks, sup, sizeof sup);
    fputs("<th class=\"dept\" scope=\"row\"><span class=\"id\">", out);
    rp_pub_html_text(out, dp->id);
    fputs("</span><b>", out);
    rp_pub_html_text(out, rp_pub_department_name(m, d));
    fputs("</b><small>", out);
    const char *discipline = m->disciplines[dp->discipline].name;
    bool named = strcmp(discipline, rp_pub_department_name(m, d)) != 0;
    if (named)
        rp_pub_html_text(out, discipline);
    if (sup[0])
        fprintf(out, "%s%s supervisor%s", named ? ", " : "", sup,
                sup[0] == '1' && !sup[1] ? "" : "s");
    fputs("</small></th>", out);
}

static void cell(const rp_pub_view *v, int d, int w, FILE *out)
{
    const rp_model *m = v->m;
    int n = rp_pub_cell_count(v, d, w), cap = m->departments[d].capacity[w];
    bool closed = cap == 0, full = cap > 0 && n * 10 > cap * 9;
    bool breach = v->cell_breach[(size_t)d * (size_t)m->weeks + (size_t)w];
    fputs("<td", out);
    if (closed || full || breach)
        fprintf(out, " class=\"%s%s\"", closed ? "closed" : full ? "full" : "",
                breach ? " breach" : "");
    fprintf(out, "><span class=\"load\">%d/%d</span>", n, cap);
    char notes[1024];
    rp_pub_notes(m, d, w, 1, notes, sizeof notes);
    if (notes[0]) {
        fputs("<span class=\"note\">", out);
        rp_pub_html_text(out, notes);
        fputs("</span>", out);
    }
    if (n) {
        fputs("<ul>", out);
        const int *students = rp_pub_cell(v, d, w);
        for (int i = 0; i < n; i++) {
            int s = students[i];
            fputs(student_changed_here(v, s, d, w) ? "<li class=\"changed\">" : "<li>", out);
            rp_pub_html_text(out, rp_pub_student_name(m, s));
            fputs(" <span class=\"id\">", out);
            rp_pub_html_text(out, m->students[s].id);
            fputs("</span></li>", out);
        }
        fputs("</ul>", out);
    }
    fputs("</td>", out);
}

/* Placed student-weeks against capacity, week by week, as bars and ticks. */
static void load_chart(const rp_pub_view *v, int h, FILE *out)
{
    const rp_model *m = v->m;
    long top = 1;
    for (int w = 0; w < m->weeks; w++) {
        long placed, capacity;
        rp_pub_hospital_load(v, h, w, &placed, &capacity);
        top = placed > top ? placed : top;
        top = capacity > top ? capacity : top;
    }
    const int width = 760, height = 180, left = 40, bottom = 24, top_pad = 10;
    double slot = (double)(width - left - 10) / m->weeks;
    double scale = (double)(height - bottom - top_pad) / (double)top;
    fprintf(out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                 "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"load by week\" "
                 "font-size=\"10\" font-family=\"DejaVu Sans, sans-serif\">\n",
            width, height, width, height);
    int base = height - bottom;
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n", left, base,
            width - 10, base);
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%ld</text>\n", left - 4,
            top_pad + 4, top);
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left - 4, base);
    for (int w = 0; w < m->weeks; w++) {
        long placed, capacity;
        rp_pub_hospital_load(v, h, w, &placed, &capacity);
        double x = left + slot * w;
        double bar = placed * scale, cap = capacity * scale;
        bool full = capacity > 0 && placed * 10 > capacity * 9;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                     "<title>week %d: %ld of %ld places</title></rect>\n",
                x + slot * 0.15, base - bar, slot * 0.7, bar, full ? "#e8894a" : "#6a9fd4",
                w + 1, placed, capacity);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" "
                     "stroke-width=\"2\"/>\n",
                x + slot * 0.05, base - cap, x + slot * 0.95, base - cap);
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                x + slot / 2, base + 14, w + 1);
    }
    fputs("</svg>\n<figcaption>Students placed each week (bars) against the places the "
          "supervisors can take (black ticks); orange bars are over 90% full.</figcaption>\n"
          "</figure>\n",
          out);
}

void rp_pub_html_hospitals(const rp_pub_view *v, FILE *out)
{
    const rp_model *m = v->m;
    for (int h = 0; h < m->n_hospitals; h++) {
        long placed = 0, capacity = 0;
        for (int w = 0; w < m->weeks; w++) {
            long p, c;
            rp_pub_hospital_load(v, h, w, &p, &c);
            placed += p;
            capacity += c;
        }
        fputs("<section class=\"hospital\" id=\"h-", out);
        rp_pub_html_text(out, m->hospitals[h].id);
        fputs("\">\n<h2>", out);
        rp_pub_html_text(out, m->hospitals[h].name);
        fprintf(out, "</h2>\n<p>%ld student-weeks placed of %ld places over the %d weeks.</p>\n",
                placed, capacity, m->weeks);
        int parts = (m->weeks + MAX_WEEKS_ACROSS - 1) / MAX_WEEKS_ACROSS;
        int across = (m->weeks + parts - 1) / parts;
        for (int first = 0; first < m->weeks; first += across) {
            int last = first + across < m->weeks ? first + across : m->weeks;
            fputs("<table class=\"grid\">\n", out);
            week_header(m, first, last, out);
            fputs("<tbody>\n", out);
            for (int d = 0; d < m->n_departments; d++) {
                if (m->departments[d].hospital != h)
                    continue;
                fputs("<tr>", out);
                department_label(m, d, out);
                for (int w = first; w < last; w++)
                    cell(v, d, w, out);
                fputs("</tr>\n", out);
            }
            fputs("</tbody>\n</table>\n", out);
        }
        load_chart(v, h, out);
        fputs("</section>\n", out);
    }
}
