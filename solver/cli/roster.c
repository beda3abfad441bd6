#include "solver/cli/roster.h"

#include <stdlib.h>
#include <string.h>

#include "solver/cli/json_out.h"

/* A rotation's weeks under one supervisor. */
typedef struct stint {
    int student, first, last; /* weeks, 0-based, inclusive */
} stint;

static int by_week(const void *a, const void *b)
{
    const stint *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->student > y->student) - (x->student < y->student);
}

/* The stints of supervisor j in plan into out (room for every rotation). */
static int stints_of(const rp_plan *plan, int j, stint *out)
{
    int n = 0;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        int end = r->start + r->length - 1, split = r->switch_week >= 0 ? r->switch_week : end + 1;
        if (r->supervisor == j)
            out[n++] = (stint){r->student, r->start, split - 1};
        if (r->switch_week >= 0 && r->switch_supervisor == j)
            out[n++] = (stint){r->student, split, end};
    }
    qsort(out, (size_t)n, sizeof *out, by_week);
    return n;
}

void rp_cli_print_roster(FILE *out, const rp_model *m, const rp_plan *plan, bool json)
{
    stint *st = malloc(((size_t)plan->n_rotations * 2 + 1) * sizeof *st);
    if (!st)
        return;
    if (json)
        fputc('[', out);
    else if (m->n_supervisors > 0)
        fputs("\nroster of the named supervisors:\n", out);
    for (int j = 0; j < m->n_supervisors; j++) {
        const rp_supervisor *v = &m->supervisors[j];
        const rp_department *d = &m->departments[v->department];
        int n = stints_of(plan, j, st);
        if (json) {
            fputs(j ? ",\n    {\"supervisor\": " : "\n    {\"supervisor\": ", out);
            rp_json_string(out, v->id);
            fputs(", \"rotations\": [", out);
            for (int k = 0; k < n; k++) {
                fputs(k ? ", {\"student\": " : "{\"student\": ", out);
                rp_json_string(out, m->students[st[k].student].id);
                fprintf(out, ", \"week\": %d, \"weeks\": %d}", st[k].first + 1,
                        st[k].last - st[k].first + 1);
            }
            fputs("]}", out);
            continue;
        }
        bool named = v->name && strcmp(v->name, v->id) != 0;
        fprintf(out, "  %s%s%s%s, %s at %s, %d at once: %d rotation%s\n", v->id,
                named ? " (" : "", named ? v->name : "", named ? ")" : "", d->id,
                m->hospitals[d->hospital].name, v->ratio, n, n == 1 ? "" : "s");
        for (int k = 0; k < n; k++) {
            const rp_student *s = &m->students[st[k].student];
            if (st[k].first == st[k].last)
                fprintf(out, "    week %d       %s", st[k].first + 1, s->id);
            else
                fprintf(out, "    weeks %d-%-4d %s", st[k].first + 1, st[k].last + 1, s->id);
            if (s->name)
                fprintf(out, " (%s)", s->name);
            fputc('\n', out);
        }
    }
    if (json)
        fputs(m->n_supervisors ? "\n  ]" : "]", out);
    free(st);
}
