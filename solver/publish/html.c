/* index.html: the document, its style, the summary and the changes. */
#include "solver/publish/html.h"

#include <string.h>

static const char style[] =
    ":root{--full:#f7c59f;--changed:#fff08a;--breach:#c62828;--line:#9a9a9a}\n"
    "body{font:10pt/1.35 'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#1d1d1d;"
    "margin:1.5em auto;max-width:110em;padding:0 1em}\n"
    "h1{font-size:17pt;margin:0 0 .2em}h2{font-size:14pt;margin:1.2em 0 .4em}"
    "h3{font-size:11pt;margin:0 0 .3em}\n"
    "nav a{margin-right:1em}\n"
    ".lead{font-size:11pt}.muted,.id{color:#666}\n"
    ".id{font:7.5pt 'DejaVu Sans Mono',monospace;white-space:nowrap}\n"
    "table{border-collapse:collapse}\n"
    "th,td{border:1px solid var(--line);padding:2px 4px;vertical-align:top;text-align:left}\n"
    "thead th{background:#ececec}\n"
    "table.grid{width:100%;table-layout:fixed;font-size:8pt;margin-bottom:.8em}\n"
    "table.grid td{overflow-wrap:anywhere}table.grid thead th{white-space:nowrap}\n"
    "table.grid th.dept{width:11em}\n"
    "table.grid th.dept .id,table.grid th.dept b,table.grid th.dept small{display:block}\n"
    "table.grid th small,table.grid td small{color:#555;font-weight:normal}\n"
    "table.grid ul{list-style:none;margin:0;padding:0}\n"
    "table.grid li .id{font-size:6.5pt}\n"
    ".full{background:var(--full)}\n"
    ".closed{background:repeating-linear-gradient(45deg,#f1f1f1 0 5px,#dcdcdc 5px 10px)}\n"
    ".note{display:block;font-style:italic;color:#7a3300}\n"
    ".changed{background:var(--changed)}\n"
    ".breach{outline:2px solid var(--breach);outline-offset:-2px}\n"
    ".breach-text{color:var(--breach)}\n"
    ".key span{display:inline-block;padding:0 .5em;margin-right:.6em;border:1px solid var(--line)}\n"
    ".load{display:block;text-align:right;color:#555}\n"
    "figure{margin:.8em 0}figcaption{font-size:9pt;color:#444}\n"
    ".students{display:grid;grid-template-columns:repeat(auto-fill,minmax(34em,1fr));gap:.8em}\n"
    ".student{border:1px solid #ccc;padding:.5em .6em}\n"
    ".student table{font-size:8.5pt;width:100%}\n"
    ".score{font-size:8.5pt;margin:.3em 0 0}\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "@page{size:A4 landscape;margin:9mm}\n"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:8.5pt}nav{display:none}"
    "section.hospital,#students,#changes,table.grid+table.grid{break-before:page}"
    "tr,figure,.student{break-inside:avoid}thead{display:table-header-group}"
    "table.grid{font-size:6.5pt}table.grid li{display:inline-block;margin-right:.6em}"
    "table.grid li .id{font-size:5.5pt}"
    ".students{grid-template-columns:1fr 1fr}}\n";

void rp_pub_html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *title_of(const rp_pub_view *v)
{
    return v->p->title ? v->p->title : v->m->name ? v->m->name : "Placement plan";
}

static void header(const rp_pub_view *v, FILE *out)
{
    const rp_model *m = v->m;
    char first[32], last[32];
    rp_pub_short_date(m, 0, 0, true, first, sizeof first);
    rp_pub_short_date(m, m->weeks - 1, 6, true, last, sizeof last);
    fputs("<header>\n<h1>", out);
    rp_pub_html_text(out, title_of(v));
    fprintf(out, "</h1>\n<p class=\"lead\">%d student%s in %d hospital%s over %d week%s, "
                 "from %s to %s.</p>\n",
            m->n_students, m->n_students == 1 ? "" : "s", m->n_hospitals,
            m->n_hospitals == 1 ? "" : "s", m->weeks, m->weeks == 1 ? "" : "s", first, last);
    if (v->p->config_path) {
        fputs("<p class=\"muted\">Made by rotaplan from ", out);
        rp_pub_html_text(out, v->p->config_path);
        fputs(".</p>\n", out);
    }
    fputs("</header>\n<nav><a href=\"#summary\">Summary</a>", out);
    if (v->p->changes)
        fputs("<a href=\"#changes\">Changes</a>", out);
    for (int h = 0; h < m->n_hospitals; h++) {
        fputs("<a href=\"#h-", out);
        rp_pub_html_text(out, m->hospitals[h].id);
        fputs("\">", out);
        rp_pub_html_text(out, m->hospitals[h].name);
        fputs("</a>", out);
    }
    fputs("<a href=\"#students\">Students</a></nav>\n", out);
}

static void student_ref(const rp_model *m, int s, FILE *out)
{
    fputs("<a href=\"#s-", out);
    rp_pub_html_text(out, m->students[s].id);
    fputs("\">", out);
    rp_pub_html_text(out, rp_pub_student_name(m, s));
    fputs("</a> <span class=\"id\">", out);
    rp_pub_html_text(out, m->students[s].id);
    fputs("</span>", out);
}

/* The lowest-scoring students, worst first (up to five). */
static void worst_off(const rp_pub_view *v, FILE *out)
{
    const rp_check_report *r = v->p->report;
    int shown[5], n = 0;
    while (n < 5 && n < r->n_students) {
        int best = -1;
        for (int s = 0; s < r->n_students; s++) {
            bool taken = false;
            for (int k = 0; k < n; k++)
                taken = taken || shown[k] == s;
            if (!taken && (best < 0 || r->scores[s].total < r->scores[best].total))
                best = s;
        }
        shown[n++] = best;
    }
    if (n == 0)
        return;
    fputs("<p>Worst-off students (the fairness term lifts the lowest score):</p>\n<ul>\n", out);
    for (int k = 0; k < n; k++) {
        fputs("<li>", out);
        student_ref(v->m, shown[k], out);
        fprintf(out, ": score %ld</li>\n", r->scores[shown[k]].total);
    }
    fputs("</ul>\n", out);
}

static void summary(const rp_pub_view *v, FILE *out)
{
    const rp_check_report *r = v->p->report;
    const rp_model *m = v->m;
    char words[256];
    rp_publish_quality_words(v->p->plan, words, sizeof words);
    fputs("<section id=\"summary\">\n<h2>Summary</h2>\n", out);
    if (r->n_violations == 0) {
        fputs("<p>The plan keeps every rule: the independent checker found no breach.</p>\n",
              out);
    } else {
        fprintf(out, "<p class=\"breach-text\">The plan breaks %d rule%s; each breach is "
                     "outlined in red below:</p>\n<ul>\n",
                r->n_violations, r->n_violations == 1 ? "" : "s");
        for (int i = 0; i < r->n_violations; i++) {
            fputs("<li class=\"breach-text\">", out);
            rp_pub_html_text(out, r->violations[i].message);
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
    fputs("<p class=\"lead\"><b>", out);
    rp_pub_html_text(out, words);
    fputs("</b></p>\n", out);
    fprintf(out, "<p>Score %ld: the students' scores add up to %ld, plus %d &times; %s%ld%s, "
                 "the worst-off student's score (fairness). ",
            r->objective, r->sum, m->objective.fairness, r->worst < 0 ? "(" : "", r->worst,
            r->worst < 0 ? ")" : "");
    if (v->p->plan->has_bound)
        fprintf(out, "The best score any plan could reach is at most %.0f. ", v->p->plan->bound);
    fputs("A student scores for the disciplines and hospitals they asked for and for the "
          "school's priorities, and loses points for each change of hospital and each idle "
          "week.</p>\n",
          out);
    rp_score t = {0};
    for (int s = 0; s < r->n_students; s++) {
        t.discipline += r->scores[s].discipline;
        t.hospital += r->scores[s].hospital;
        t.school += r->scores[s].school;
        t.change += r->scores[s].change;
        t.idle += r->scores[s].idle;
        t.n_changes += r->scores[s].n_changes;
        t.n_idle_weeks += r->scores[s].n_idle_weeks;
    }
    fprintf(out,
            "<table>\n<thead><tr><th>discipline preference</th><th>hospital preference</th>"
            "<th>school priority</th><th>hospital changes</th><th>idle weeks</th>"
            "<th>all students</th></tr></thead>\n"
            "<tbody><tr><td>%ld</td><td>%ld</td><td>%ld</td><td>%ld (%d change%s)</td>"
            "<td>%ld (%d week%s)</td><td>%ld</td></tr></tbody>\n</table>\n",
            t.discipline, t.hospital, t.school, t.change, t.n_changes,
            t.n_changes == 1 ? "" : "s", t.idle, t.n_idle_weeks, t.n_idle_weeks == 1 ? "" : "s",
            r->sum);
    worst_off(v, out);
    fputs("<p class=\"key\">In the timetables: <span class=\"full\">over 90% of places taken"
          "</span><span class=\"closed\">closed</span>",
          out);
    if (v->p->changes)
        fputs("<span class=\"changed\">changed against the previous plan</span>", out);
    if (r->n_violations)
        fputs("<span class=\"breach\">breaks a rule</span>", out);
    fputs("</p>\n</section>\n", out);
}

/* Per department touched by a change: who leaves and who arrives. */
static void supervisors_to_warn(const rp_pub_view *v, FILE *out)
{
    const rp_model *m = v->m;
    const rp_changes *c = v->p->changes;
    fputs("<h3>Supervisors to warn</h3>\n<ul>\n", out);
    for (int d = 0; d < m->n_departments; d++) {
        int leaving = 0, arriving = 0;
        for (int i = 0; i < c->count; i++) {
            leaving += c->items[i].from.department == d;
            arriving += c->items[i].to.department == d;
        }
        if (!leaving && !arriving)
            continue;
        fputs("<li>", out);
        rp_pub_html_text(out, rp_pub_department_name(m, d));
        fputs(" at ", out);
        rp_pub_html_text(out, m->hospitals[m->departments[d].hospital].name);
        fputs(": ", out);
        if (leaving)
            fprintf(out, "%d student%s no longer come%s", leaving, leaving == 1 ? "" : "s",
                    leaving == 1 ? "s" : "");
        if (leaving && arriving)
            fputs(", ", out);
        if (arriving)
            fprintf(out, "%d new student%s arrive%s", arriving, arriving == 1 ? "" : "s",
                    arriving == 1 ? "s" : "");
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void changes(const rp_pub_view *v, FILE *out)
{
    const rp_changes *c = v->p->changes;
    if (!c)
        return;
    fputs("<section id=\"changes\">\n<h2>Changes against the previous plan</h2>\n", out);
    if (c->count == 0) {
        fprintf(out, "<p>Nothing changes from week %d on.</p>\n</section>\n", c->from_week + 1);
        return;
    }
    fprintf(out, "<p class=\"lead\">From week %d on, %d rotation%s change%s for %d student%s "
                 "(%d student-week%s). Changed rotations are highlighted in the timetables "
                 "and the students' pages.</p>\n<ul>\n",
            c->from_week + 1, c->count, c->count == 1 ? "" : "s", c->count == 1 ? "s" : "",
            c->n_students, c->n_students == 1 ? "" : "s", c->n_student_weeks,
            c->n_student_weeks == 1 ? "" : "s");
    for (int i = 0; i < c->count; i++) {
        char line[1536];
        rp_change_sentence(v->m, c, i, line, sizeof line);
        fputs("<li class=\"changed\">", out);
        rp_pub_html_text(out, line);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
    supervisors_to_warn(v, out);
    fputs("</section>\n", out);
}

rp_status rp_pub_html_write(const rp_pub_view *v, FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    rp_pub_html_text(out, title_of(v));
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
    header(v, out);
    summary(v, out);
    changes(v, out);
    rp_pub_html_hospitals(v, out);
    rp_pub_html_students(v, out);
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
