/* The difference between two plans from a week on, as the office reads it. */
#include "model/changes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "model/csv.h"

void rp_changes_init(rp_changes *c)
{
    memset(c, 0, sizeof *c);
}

void rp_changes_clear(rp_changes *c)
{
    for (int i = 0; i < c->count; i++) {
        free(c->items[i].reason);
        free(c->items[i].note);
    }
    free(c->items);
    rp_changes_init(c);
}

static int discipline_of(const rp_model *m, const rp_rotation *r)
{
    return m->departments[r->department].discipline;
}

/* Rotations of student s in p ending at or after from_week that `other` does
 * not hold, into out (by start week: plans are sorted). */
static int unmatched(const rp_plan *p, const rp_plan *other, int s, int from_week,
                     rp_rotation *out)
{
    int n = 0;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *r = &p->rotations[i];
        if (r->student == s && r->start + r->length > from_week && !rp_plan_holds(other, r))
            out[n++] = *r;
    }
    return n;
}

static rp_status add(rp_changes *c, int *cap, rp_change ch)
{
    if (c->count == *cap) {
        int n = *cap ? 2 * *cap : 16;
        rp_change *items = realloc(c->items, (size_t)n * sizeof *items);
        if (!items)
            return RP_ERR_NOMEM;
        c->items = items;
        *cap = n;
    }
    c->items[c->count++] = ch;
    return RP_OK;
}

static const rp_rotation none = {-1, -1, -1, 0, -1, -1, -1};

/* Pairs dropped with added rotations of one student: the same discipline
 * first (the student does it elsewhere or later), then by week. */
static rp_status pair(const rp_model *m, rp_changes *c, int *cap, int s, rp_rotation *dropped,
                      int nd, rp_rotation *added, int na)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nd; i++) {
            if (dropped[i].student < 0)
                continue;
            for (int k = 0; k < na; k++) {
                if (added[k].student < 0 ||
                    (pass == 0 && discipline_of(m, &added[k]) != discipline_of(m, &dropped[i])))
                    continue;
                RP_TRY(add(c, cap, (rp_change){.student = s, .from = dropped[i], .to = added[k]}));
                dropped[i].student = added[k].student = -1;
                break;
            }
        }
    for (int i = 0; i < nd; i++)
        if (dropped[i].student >= 0)
            RP_TRY(add(c, cap, (rp_change){.student = s, .from = dropped[i], .to = none}));
    for (int k = 0; k < na; k++)
        if (added[k].student >= 0)
            RP_TRY(add(c, cap, (rp_change){.student = s, .from = none, .to = added[k]}));
    return RP_OK;
}

static int compare_changes(const void *a, const void *b)
{
    const rp_change *x = a, *y = b;
    int xw = x->from.department >= 0 ? x->from.start : x->to.start;
    int yw = y->from.department >= 0 ? y->from.start : y->to.start;
    if (x->student != y->student)
        return x->student < y->student ? -1 : 1;
    return (xw > yw) - (xw < yw);
}

/* The department of student s in each week from from_week on (-1: none). */
static void fill_weeks(const rp_plan *p, int s, int weeks, int *grid)
{
    for (int t = 0; t < weeks; t++)
        grid[t] = -1;
    for (int i = 0; i < p->n_rotations; i++) {
        const rp_rotation *r = &p->rotations[i];
        if (r->student != s)
            continue;
        for (int t = r->start; t < r->start + r->length && t < weeks; t++)
            grid[t] = r->department;
    }
}

rp_status rp_changes_diff(const rp_model *m, const rp_plan *previous, const rp_plan *next,
                          int from_week, rp_changes *c)
{
    rp_changes_clear(c);
    c->from_week = from_week;
    size_t n = (size_t)previous->n_rotations + (size_t)next->n_rotations + 1;
    rp_rotation *dropped = malloc(n * sizeof *dropped);
    rp_rotation *added = malloc(n * sizeof *added);
    int *before = malloc(((size_t)m->weeks + 1) * sizeof *before);
    int *after = malloc(((size_t)m->weeks + 1) * sizeof *after);
    int cap = 0;
    rp_status st = dropped && added && before && after ? RP_OK : RP_ERR_NOMEM;
    for (int s = 0; s < m->n_students && st == RP_OK; s++) {
        int nd = unmatched(previous, next, s, from_week, dropped);
        int na = unmatched(next, previous, s, from_week, added);
        if (nd == 0 && na == 0)
            continue;
        int first = c->count;
        st = pair(m, c, &cap, s, dropped, nd, added, na);
        for (int i = first; i < c->count; i++)
            c->items[i].cut = c->items[i].from.department >= 0 &&
                              c->items[i].from.start < from_week;
        fill_weeks(previous, s, m->weeks, before);
        fill_weeks(next, s, m->weeks, after);
        for (int t = from_week; t < m->weeks; t++)
            c->n_student_weeks += before[t] != after[t];
        c->n_students++;
    }
    if (st == RP_OK && c->count > 1)
        qsort(c->items, (size_t)c->count, sizeof *c->items, compare_changes);
    free(dropped);
    free(added);
    free(before);
    free(after);
    if (st)
        rp_changes_clear(c);
    return st;
}

static void weeks_text(const rp_rotation *r, char *buf, size_t size)
{
    if (r->length <= 1)
        snprintf(buf, size, "week %d", r->start + 1);
    else
        snprintf(buf, size, "weeks %d-%d", r->start + 1, r->start + r->length);
}

/* "cardiology at Bai Chay Hospital (weeks 5-7)", with `more` inside the brackets */
static void place_text(const rp_model *m, const rp_rotation *r, const char *more, char *buf,
                       size_t size)
{
    const rp_department *d = &m->departments[r->department];
    char weeks[32];
    weeks_text(r, weeks, sizeof weeks);
    snprintf(buf, size, "%s at %s (%s%s)", d->id, m->hospitals[d->hospital].name, weeks, more);
}

void rp_change_sentence(const rp_model *m, const rp_changes *c, int i, char *buf, size_t size)
{
    const rp_change *ch = &c->items[i];
    const rp_student *st = &m->students[ch->student];
    char id[256], from[512], to[512], cut[64] = "";
    if (st->name && strcmp(st->name, st->id) != 0)
        snprintf(id, sizeof id, "%s (%s)", st->id, st->name);
    else
        snprintf(id, sizeof id, "%s", st->id);
    if (ch->cut)
        snprintf(cut, sizeof cut, ", cut after week %d", c->from_week);
    if (ch->from.department >= 0)
        place_text(m, &ch->from, cut, from, sizeof from);
    if (ch->to.department >= 0)
        place_text(m, &ch->to, "", to, sizeof to);
    if (ch->from.department < 0)
        snprintf(buf, size, "%s gets a new rotation: %s", id, to);
    else if (ch->to.department < 0)
        snprintf(buf, size, "%s leaves %s, with nothing instead", id, from);
    else
        snprintf(buf, size, "%s moves from %s to %s", id, from, to);
}

void rp_changes_print(FILE *out, const rp_model *m, const rp_changes *c)
{
    for (int i = 0; i < c->count; i++) {
        const rp_change *ch = &c->items[i];
        char line[1536];
        rp_change_sentence(m, c, i, line, sizeof line);
        fprintf(out, "  %s\n", line);
        if (ch->reason && ch->note)
            fprintf(out, "      %s; note: %s\n", ch->reason, ch->note);
        else if (ch->reason)
            fprintf(out, "      %s\n", ch->reason);
    }
}

const char *rp_change_why_str(rp_change_why why)
{
    switch (why) {
    case RP_WHY_FORCED: return "forced";
    case RP_WHY_CHAIN: return "chain";
    case RP_WHY_GAIN: return "gain";
    case RP_WHY_NOTHING: return "nothing";
    case RP_WHY_UNKNOWN: break;
    }
    return "";
}

static void csv_field(FILE *out, const char *s, bool last)
{
    rp_csv_write_cell(out, s);
    fputc(last ? '\n' : ',', out);
}

static void csv_rotation(FILE *out, const rp_model *m, const rp_rotation *r)
{
    if (r->department < 0) {
        fputs(",,,,", out);
        return;
    }
    const rp_department *d = &m->departments[r->department];
    char weeks[32];
    if (r->length <= 1)
        snprintf(weeks, sizeof weeks, "%d", r->start + 1);
    else
        snprintf(weeks, sizeof weeks, "%d-%d", r->start + 1, r->start + r->length);
    fprintf(out, "%s,%s,%s,%s,", m->hospitals[d->hospital].id, d->id,
            m->disciplines[d->discipline].id, weeks);
}

rp_status rp_changes_write_csv(const rp_model *m, const rp_changes *c, const char *path,
                               rp_diags *diags)
{
    rp_atomic_file af;
    RP_TRY(rp_changes_write_csv_ready(m, c, path, &af, diags));
    return rp_atomic_commit(&af, true, diags);
}

rp_status rp_changes_write_csv_ready(const rp_model *m, const rp_changes *c, const char *path,
                                     rp_atomic_file *out, rp_diags *diags)
{
    memset(out, 0, sizeof *out);
    rp_atomic_file af;
    RP_TRY(rp_atomic_open(&af, path, diags));
    fputs("student,name,from_hospital,from_department,from_discipline,from_weeks,"
          "to_hospital,to_department,to_discipline,to_weeks,note,why,reason,gain,config_note\n",
          af.f);
    for (int i = 0; i < c->count; i++) {
        const rp_change *ch = &c->items[i];
        const rp_student *st = &m->students[ch->student];
        csv_field(af.f, st->id, false);
        csv_field(af.f, st->name ? st->name : "", false);
        csv_rotation(af.f, m, &ch->from);
        csv_rotation(af.f, m, &ch->to);
        char note[64] = "";
        if (ch->cut)
            snprintf(note, sizeof note, "cut after week %d", c->from_week);
        else if (ch->from.department < 0)
            snprintf(note, sizeof note, "new rotation");
        else if (ch->to.department < 0)
            snprintf(note, sizeof note, "dropped");
        csv_field(af.f, note, false);
        csv_field(af.f, rp_change_why_str(ch->why), false);
        csv_field(af.f, ch->reason ? ch->reason : "", false);
        char gain[32] = "";
        if (ch->why == RP_WHY_GAIN)
            snprintf(gain, sizeof gain, "%ld", ch->gain);
        csv_field(af.f, gain, false);
        csv_field(af.f, ch->note ? ch->note : "", true);
    }
    if (ferror(af.f)) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write the changes: %s",
                      strerror(errno));
        rp_atomic_abort(&af);
        return RP_ERR_IO;
    }
    RP_TRY(rp_atomic_finish(&af, diags));
    *out = af;
    return RP_OK;
}
