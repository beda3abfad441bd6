#include "bench/mss_config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int rp_mss_config_programmes(const rp_mss *m, int *programme)
{
    int n = 0;
    for (int s = 0; s < m->students; s++) {
        programme[s] = -1;
        for (int r = 0; r < s && programme[s] < 0; r++) {
            bool same = true;
            for (int g = 0; g < m->groups && same; g++)
                same = rp_mss_at2(m->stud_disc_group, s, g) == rp_mss_at2(m->stud_disc_group, r, g);
            if (same)
                programme[s] = programme[r];
        }
        if (programme[s] < 0)
            programme[s] = n++;
    }
    return n;
}

static bool group_has_discipline(const rp_mss *m, int g)
{
    for (int d = 0; d < m->disciplines; d++)
        if (rp_mss_at1(m->disc_group, d) == g + 1)
            return true;
    return false;
}

/* The value taken in most weeks (the earliest such value on a tie), over
 * weeks where `open` is NULL or open[t]; `fallback` when there is none. */
static long most_common(const long *values, const bool *open, int n, long fallback)
{
    long best = fallback;
    int best_count = 0;
    for (int t = 0; t < n; t++) {
        if (open && !open[t])
            continue;
        int count = 0;
        for (int u = 0; u < n; u++)
            count += (!open || open[u]) && values[u] == values[t];
        if (count > best_count) {
            best = values[t];
            best_count = count;
        }
    }
    return best;
}

static void write_week_range(FILE *out, int first, int last)
{
    if (first == last)
        fprintf(out, "%d", first + 1);
    else
        fprintf(out, "%d-%d", first + 1, last + 1);
}

static void write_department(const rp_mss *m, int h, int d, FILE *out, long *cap, long *min,
                             bool *open)
{
    for (int t = 0; t < m->horizon; t++) {
        cap[t] = rp_mss_at3(m->max_pos, h, d, t);
        min[t] = rp_mss_at3(m->min_pos, h, d, t);
        open[t] = cap[t] > 0;
    }
    long base_cap = most_common(cap, open, m->horizon, 0);
    long base_min = most_common(min, open, m->horizon, 0);
    if (base_min > base_cap)
        base_min = 0;
    bool changes = false;
    for (int t = 0; t < m->horizon; t++)
        changes = changes || cap[t] != base_cap || (open[t] && min[t] != base_min);
    fprintf(out, "      - discipline: d%d\n        capacity: %ld\n", d + 1, base_cap);
    if (base_min > 0)
        fprintf(out, "        minimum: %ld\n", base_min);
    if (!changes)
        return;
    fprintf(out, "        changes:\n");
    for (int t = 0; t < m->horizon;) {
        bool cap_differs = cap[t] != base_cap, min_differs = open[t] && min[t] != base_min;
        if (!cap_differs && !min_differs) {
            t++;
            continue;
        }
        int last = t;
        while (last + 1 < m->horizon && cap[last + 1] == cap[t] && min[last + 1] == min[t])
            last++;
        fprintf(out, "          - {weeks: ");
        write_week_range(out, t, last);
        if (!open[t])
            fprintf(out, ", closed: true");
        else {
            if (cap_differs)
                fprintf(out, ", capacity: %ld", cap[t]);
            if (min_differs)
                fprintf(out, ", minimum: %ld", min[t]);
        }
        fprintf(out, "}\n");
        t = last + 1;
    }
}

static rp_status write_hospitals(const rp_mss *m, FILE *out)
{
    long *cap = malloc((size_t)m->horizon * sizeof *cap);
    long *min = malloc((size_t)m->horizon * sizeof *min);
    bool *open = malloc((size_t)m->horizon * sizeof *open);
    if (!cap || !min || !open) {
        free(cap);
        free(min);
        free(open);
        return RP_ERR_NOMEM;
    }
    fprintf(out, "hospitals:\n");
    for (int h = 0; h < m->hospitals; h++) {
        fprintf(out, "  - id: h%d\n    departments:", h + 1);
        bool any = false;
        for (int d = 0; d < m->disciplines; d++) {
            if (!rp_mss_has_department(m, h, d))
                continue;
            if (!any)
                fprintf(out, "\n");
            any = true;
            write_department(m, h, d, out, cap, min, open);
        }
        if (!any)
            fprintf(out, " []\n");
    }
    free(cap);
    free(min);
    free(open);
    return RP_OK;
}

static void write_disciplines(const rp_mss *m, FILE *out)
{
    fprintf(out, "disciplines:\n");
    for (int d = 0; d < m->disciplines; d++) {
        fprintf(out, "  - {id: d%d, length: %d, group: g%ld", d + 1, m->duration,
                rp_mss_at1(m->disc_group, d));
        bool first = true;
        for (int d1 = 0; d1 < m->disciplines; d1++) {
            if (!rp_mss_at2(m->precededby, d, d1))
                continue;
            fprintf(out, "%sd%d", first ? ", prerequisites: [" : ", ", d1 + 1);
            first = false;
        }
        if (!first)
            fprintf(out, "]");
        fprintf(out, ", priority: %ld}\n", rp_mss_at1(m->man_pref, d));
    }
}

static void write_programmes(const rp_mss *m, const int *programme, int n_programmes, FILE *out)
{
    fprintf(out, "programmes:\n");
    for (int p = 0; p < n_programmes; p++) {
        int s = 0;
        while (programme[s] != p)
            s++;
        fprintf(out, "  - id: p%d\n    name: \"", p + 1);
        for (int g = 0; g < m->groups; g++)
            fprintf(out, "%s%ld of g%d", g ? ", " : "", rp_mss_at2(m->stud_disc_group, s, g), g + 1);
        fprintf(out, "\"\n    requirements:\n");
        for (int g = 0; g < m->groups; g++)
            if (group_has_discipline(m, g))
                fprintf(out, "      - {group: g%d, count: %ld}\n", g + 1,
                        rp_mss_at2(m->stud_disc_group, s, g));
        fprintf(out, "    max_per_hospital: %d\n", m->max_disc_per_hosp);
    }
}

static void write_unavailable(const rp_mss *m, int s, FILE *out)
{
    bool first = true;
    for (int t = 0; t < m->horizon;) {
        if (rp_mss_at2(m->availability, s, t)) {
            t++;
            continue;
        }
        int last = t;
        while (last + 1 < m->horizon && !rp_mss_at2(m->availability, s, last + 1))
            last++;
        fprintf(out, first ? "    unavailable: [" : ", ");
        write_week_range(out, t, last);
        first = false;
        t = last + 1;
    }
    if (!first)
        fprintf(out, "]\n");
}

static void write_avoided(const rp_mss *m, int s, FILE *out)
{
    bool first = true;
    for (int d = 0; d < m->disciplines; d++) {
        if (rp_mss_at2(m->allowed_disc, s, d))
            continue;
        fprintf(out, first ? "    avoid_disciplines: [d%d" : ", d%d", d + 1);
        first = false;
    }
    if (!first)
        fprintf(out, "]\n");
    first = true;
    for (int h = 0; h < m->hospitals; h++)
        for (int d = 0; d < m->disciplines; d++) {
            if (rp_mss_at3(m->ability, s, h, d) || !rp_mss_at2(m->allowed_disc, s, d) ||
                !rp_mss_has_department(m, h, d))
                continue;
            fprintf(out, first ? "    avoid_departments: [h%d/d%d" : ", h%d/d%d", h + 1, d + 1);
            first = false;
        }
    if (!first)
        fprintf(out, "]\n");
}

/* `    key: {x1: v, ...}` for the non-zero entries of row s of a. */
static void write_preferences(const rp_dzn_item *a, int s, char prefix, const char *key,
                              FILE *out)
{
    bool first = true;
    for (int i = 0; i < a->dims[1]; i++) {
        long v = rp_mss_at2(a, s, i);
        if (v == 0)
            continue;
        if (first)
            fprintf(out, "      %s: {", key);
        fprintf(out, "%s%c%d: %ld", first ? "" : ", ", prefix, i + 1, v);
        first = false;
    }
    if (!first)
        fprintf(out, "}\n");
}

static void write_student(const rp_mss *m, int s, int programme, FILE *out)
{
    fprintf(out, "  - id: s%d\n    programme: p%d\n", s + 1, programme + 1);
    write_unavailable(m, s, out);
    write_avoided(m, s, out);
    bool any_pref = false;
    for (int d = 0; d < m->disciplines; d++)
        any_pref = any_pref || rp_mss_at2(m->pref_disc, s, d) != 0;
    for (int h = 0; h < m->hospitals; h++)
        any_pref = any_pref || rp_mss_at2(m->pref_hosp, s, h) != 0;
    if (any_pref) {
        fprintf(out, "    preferences:\n");
        write_preferences(m->pref_disc, s, 'd', "disciplines", out);
        write_preferences(m->pref_hosp, s, 'h', "hospitals", out);
    }
    fprintf(out, "    weights: {discipline: %ld, hospital: %ld, change: %ld, idle: %ld}\n",
            rp_mss_at2(m->weight_pref, s, 0), rp_mss_at2(m->weight_pref, s, 1),
            -rp_mss_at2(m->weight_pref, s, 2), -rp_mss_at2(m->weight_pref, s, 3));
}

/* The file name without its directories and extension, for the title. */
static void base_name(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *start = slash ? slash + 1 : path;
    const char *dot = strrchr(start, '.');
    size_t len = dot && dot != start ? (size_t)(dot - start) : strlen(start);
    snprintf(buf, size, "%.*s", (int)len, start);
    for (char *c = buf; *c; c++)
        if (*c == '"' || *c == '\\' || (unsigned char)*c < ' ')
            *c = '_'; /* the title is written in double quotes */
}

rp_status rp_mss_config_write(const rp_mss *m, const char *source, FILE *out)
{
    int *programme = malloc((size_t)m->students * sizeof *programme);
    if (!programme)
        return RP_ERR_NOMEM;
    int n_programmes = rp_mss_config_programmes(m, programme);
    char title[256];
    base_name(source ? source : "instance", title, sizeof title);
    fprintf(out, "# The MSS instance %s as a rotaplan config, written by bench/mss-import.\n"
                 "# Ids keep the MSS indices (students s1.., hospitals h1.., disciplines d1..,\n"
                 "# groups g1..); weeks are the MSS periods. See bench/mss/README.md.\n",
            source ? source : title);
    fprintf(out, "name: \"MSS %s\"\nweeks: %d\n", title, m->horizon);
    write_disciplines(m, out);
    rp_status st = write_hospitals(m, out);
    if (st) {
        free(programme);
        return st;
    }
    write_programmes(m, programme, n_programmes, out);
    fprintf(out, "students:\n");
    for (int s = 0; s < m->students; s++)
        write_student(m, s, programme[s], out);
    fprintf(out, "objective:\n"
                 "  weights: {discipline: 1, hospital: 1, change: 1, idle: 1}\n"
                 "  school_priority: 1\n"
                 "  fairness: 1\n");
    free(programme);
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
