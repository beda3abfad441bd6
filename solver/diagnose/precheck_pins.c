/* Static checks of pins: each pin can be honoured, and pins agree with each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/diagnose/precheck_internal.h"

static bool pin_matches_department(const rp_model *m, const rp_pin *pin, int dep)
{
    const rp_department *d = &m->departments[dep];
    return d->discipline == pin->discipline && (pin->hospital < 0 || d->hospital == pin->hospital) &&
           (pin->department < 0 || dep == pin->department);
}

static bool pin_allows(const rp_model *m, const rp_pin *pin, int dep, int t)
{
    return pin_matches_department(m, pin, dep) && (pin->start < 0 || t == pin->start);
}

static void describe_pin(const rp_model *m, const rp_pin *pin, char *buf, size_t size)
{
    const rp_discipline *disc = &m->disciplines[pin->discipline];
    size_t len = (size_t)snprintf(buf, size, "%s", disc->id);
    if (pin->department >= 0 && strcmp(m->departments[pin->department].id, disc->id) != 0)
        len += (size_t)snprintf(buf + len, size - len, " (%s)", m->departments[pin->department].id);
    if (pin->hospital >= 0 && len < size)
        len += (size_t)snprintf(buf + len, size - len, " at %s", m->hospitals[pin->hospital].name);
    if (pin->start >= 0 && len < size) {
        char weeks[64];
        rp_format_week_span(pin->start, pin->start + disc->length - 1, weeks, sizeof weeks);
        snprintf(buf + len, size - len, " in %s", weeks);
    }
}

/* The first reason, in the office's words, that no department and week fit the pin. */
static void why_pin_fails(const rp_model *m, int s, const rp_pin *pin, char *buf, size_t size)
{
    const rp_student *st = &m->students[s];
    int length = m->disciplines[pin->discipline].length;
    if (pin->start >= 0)
        for (int w = pin->start; w < pin->start + length; w++)
            if (!st->available[w]) {
                snprintf(buf, size, "they are unavailable in week %d", w + 1);
                return;
            }
    int block = RP_BLOCK_NONE;
    bool any_allowed = false;
    for (int dep = 0; dep < m->n_departments; dep++) {
        if (!pin_matches_department(m, pin, dep))
            continue;
        if (st->blocked[dep] != RP_BLOCK_NONE) {
            if (block == RP_BLOCK_NONE)
                block = st->blocked[dep];
            continue;
        }
        any_allowed = true;
        if (pin->start >= 0)
            for (int w = pin->start; w < pin->start + length; w++)
                if (m->departments[dep].capacity[w] <= 0) {
                    snprintf(buf, size, "the department takes no students in week %d", w + 1);
                    return;
                }
    }
    if (!any_allowed && block != RP_BLOCK_NONE)
        snprintf(buf, size, "%s", rp_block_str((rp_block)block));
    else
        snprintf(buf, size,
                 "no week fits both their availability and the department's open weeks");
}

static rp_status check_each_pin(const rp_model *m, int s, rp_findings *out)
{
    const rp_student *st = &m->students[s];
    for (int p = 0; p < st->n_pins; p++) {
        const rp_pin *pin = &st->pins[p];
        bool possible = false;
        for (int dep = 0; dep < m->n_departments && !possible; dep++)
            for (int t = 0; t < m->weeks && !possible; t++)
                possible = pin_allows(m, pin, dep, t) && rp_may_start(m, s, dep, t, RP_PINS_IGNORED);
        if (possible)
            continue;
        char what[512], why[256];
        describe_pin(m, pin, what, sizeof what);
        why_pin_fails(m, s, pin, why, sizeof why);
        rp_finding f = {RP_FIND_PIN, s, pin->department, pin->discipline, pin->start,
                        pin->start >= 0 ? pin->start + m->disciplines[pin->discipline].length - 1 : -1,
                        0, 0, pin->loc, NULL};
        RP_TRY(rp_findings_add(out, f, "student %s is pinned to %s, but %s", st->id, what, why));
    }
    return RP_OK;
}

static bool is_prerequisite(const rp_model *m, int d, int p)
{
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++)
        if (m->disciplines[d].prerequisites[i] == p)
            return true;
    return false;
}

/* Two dated pins of one student overlap, or put a discipline before its prerequisite. */
static rp_status check_pin_pairs(const rp_model *m, int s, rp_findings *out)
{
    const rp_student *st = &m->students[s];
    for (int a = 0; a < st->n_pins; a++)
        for (int b = 0; b < st->n_pins; b++) {
            const rp_pin *pa = &st->pins[a], *pb = &st->pins[b];
            if (a == b || pa->start < 0 || pb->start < 0)
                continue;
            int end_a = pa->start + m->disciplines[pa->discipline].length - 1;
            int end_b = pb->start + m->disciplines[pb->discipline].length - 1;
            char wa[512], wb[512];
            describe_pin(m, pa, wa, sizeof wa);
            describe_pin(m, pb, wb, sizeof wb);
            rp_finding f = {RP_FIND_PIN, s, -1, pb->discipline, pb->start, end_b, 0, 0,
                            pb->loc, NULL};
            if (a < b && pa->start <= end_b && pb->start <= end_a)
                RP_TRY(rp_findings_add(out, f, "student %s has two pins at the same time: %s "
                                               "and %s", st->id, wa, wb));
            else if (is_prerequisite(m, pb->discipline, pa->discipline) && end_a >= pb->start)
                RP_TRY(rp_findings_add(out, f, "student %s is pinned to %s, but it needs %s "
                                               "first, which is pinned to end later (%s)",
                                       st->id, wb, m->disciplines[pa->discipline].id, wa));
        }
    return RP_OK;
}

/* Marks every discipline d needs first, directly or not; returns their weeks. */
static int mark_needed_first(const rp_model *m, int d, bool *needed)
{
    int weeks = 0;
    for (int i = 0; i < m->disciplines[d].n_prerequisites; i++) {
        int q = m->disciplines[d].prerequisites[i];
        if (needed[q])
            continue;
        needed[q] = true;
        weeks += m->disciplines[q].length + mark_needed_first(m, q, needed);
    }
    return weeks;
}

/* A dated pin leaves room before it for everything its discipline needs
 * first: those rotations are distinct, one at a time, in available weeks. */
static rp_status check_pin_prerequisites(const rp_model *m, int s, bool *needed,
                                         rp_findings *out)
{
    const rp_student *st = &m->students[s];
    for (int p = 0; p < st->n_pins; p++) {
        const rp_pin *pin = &st->pins[p];
        if (pin->start < 0 || m->disciplines[pin->discipline].n_prerequisites == 0)
            continue;
        memset(needed, 0, (size_t)m->n_disciplines * sizeof *needed);
        int need = mark_needed_first(m, pin->discipline, needed);
        int have = 0;
        for (int w = 0; w < pin->start; w++)
            have += st->available[w];
        if (need <= have)
            continue;
        char what[512], first[512];
        describe_pin(m, pin, what, sizeof what);
        size_t len = 0;
        first[0] = '\0';
        for (int d = 0; d < m->n_disciplines && len < sizeof first; d++)
            if (needed[d])
                len += (size_t)snprintf(first + len, sizeof first - len, "%s%s", len ? ", " : "",
                                        m->disciplines[d].id);
        rp_finding f = {RP_FIND_PIN, s, pin->department, pin->discipline, pin->start,
                        pin->start + m->disciplines[pin->discipline].length - 1, need, have,
                        pin->loc, NULL};
        RP_TRY(rp_findings_add(out, f, "student %s is pinned to %s, but what it needs first (%s) "
                               "takes %d week%s and only %d available week%s come before",
                               st->id, what, first, need, need == 1 ? "" : "s", have,
                               have == 1 ? "" : "s"));
    }
    return RP_OK;
}

/* Pins that fix department and week must fit that department's capacity. */
static rp_status check_pinned_capacity(const rp_model *m, rp_findings *out)
{
    size_t n = (size_t)m->n_departments * (size_t)m->weeks;
    int *pinned = calloc(n ? n : 1, sizeof(int));
    if (!pinned)
        return RP_ERR_NOMEM;
    for (int s = 0; s < m->n_students; s++)
        for (int p = 0; p < m->students[s].n_pins; p++) {
            const rp_pin *pin = &m->students[s].pins[p];
            int dep = pin->department;
            if (dep < 0 && pin->hospital >= 0) { /* a hospital with one such department */
                for (int i = 0; i < m->n_departments; i++)
                    if (m->departments[i].hospital == pin->hospital &&
                        m->departments[i].discipline == pin->discipline)
                        dep = dep == -1 ? i : -2;
            }
            if (dep < 0 || pin->start < 0)
                continue;
            for (int w = pin->start; w < pin->start + m->disciplines[pin->discipline].length; w++)
                pinned[(size_t)dep * (size_t)m->weeks + (size_t)w]++;
        }
    rp_status st = RP_OK;
    for (int dep = 0; dep < m->n_departments && st == RP_OK; dep++)
        for (int w = 0; w < m->weeks && st == RP_OK; w++) {
            int count = pinned[(size_t)dep * (size_t)m->weeks + (size_t)w];
            int capacity = m->departments[dep].capacity[w];
            if (count <= capacity || capacity == 0) /* closed weeks: reported per pin */
                continue;
            char name[256];
            rp_describe_department(m, dep, name, sizeof name);
            rp_finding f = {RP_FIND_PIN, -1, dep, m->departments[dep].discipline, w, w, count,
                            capacity, m->departments[dep].loc, NULL};
            st = rp_findings_add(out, f, "%s has %d students pinned in week %d but room for %d",
                                 name, count, w + 1, capacity);
        }
    free(pinned);
    return st;
}

rp_status rp_precheck_pins(const rp_scope *sc, rp_findings *out)
{
    const rp_model *m = sc->m;
    bool *needed = malloc(((size_t)m->n_disciplines + 1) * sizeof *needed);
    if (!needed)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    for (int s = 0; s < m->n_students && st == RP_OK; s++) {
        st = check_each_pin(m, s, out);
        if (st == RP_OK)
            st = check_pin_pairs(m, s, out);
        if (st == RP_OK)
            st = check_pin_prerequisites(m, s, needed, out);
    }
    free(needed);
    return st == RP_OK ? check_pinned_capacity(m, out) : st;
}
