#include "solver/diagnose/finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rp_findings_init(rp_findings *f)
{
    memset(f, 0, sizeof *f);
}

void rp_findings_clear(rp_findings *f)
{
    for (int i = 0; i < f->count; i++)
        free(f->items[i].message);
    free(f->items);
    rp_findings_init(f);
}

rp_status rp_findings_add(rp_findings *f, rp_finding finding, const char *fmt, ...)
{
    if (f->count == f->capacity) {
        int cap = f->capacity ? 2 * f->capacity : 16;
        rp_finding *items = realloc(f->items, (size_t)cap * sizeof *items);
        if (!items)
            return RP_ERR_NOMEM;
        f->items = items;
        f->capacity = cap;
    }
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (message)
        vsnprintf(message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (!message)
        return RP_ERR_NOMEM;
    finding.message = message;
    f->items[f->count++] = finding;
    return RP_OK;
}

void rp_findings_to_diags(const rp_findings *f, rp_diags *diags)
{
    for (int i = 0; i < f->count; i++)
        rp_diag_error(diags, f->items[i].loc, "%s", f->items[i].message);
}

void rp_format_week_span(int first, int last, char *buf, size_t size)
{
    if (first == last)
        snprintf(buf, size, "week %d", first + 1);
    else
        snprintf(buf, size, "weeks %d-%d", first + 1, last + 1);
}

void rp_describe_department(const rp_model *m, int dep, char *buf, size_t size)
{
    const rp_department *d = &m->departments[dep];
    const char *disc = m->disciplines[d->discipline].id;
    const char *hosp = m->hospitals[d->hospital].name;
    if (strcmp(d->id, disc) == 0)
        snprintf(buf, size, "%s at %s", disc, hosp);
    else
        snprintf(buf, size, "%s (%s) at %s", d->id, disc, hosp);
}

const char *rp_finding_kind_str(rp_finding_kind kind)
{
    switch (kind) {
    case RP_FIND_DEMAND: return "demand";
    case RP_FIND_DEPARTMENT: return "department";
    case RP_FIND_MINIMUM: return "minimum";
    case RP_FIND_REQUIREMENT: return "requirement";
    case RP_FIND_STUDENT_TIME: return "student-time";
    case RP_FIND_PREREQUISITE: return "prerequisite";
    case RP_FIND_PIN: return "pin";
    case RP_FIND_MISSING: return "missing";
    }
    return "finding";
}

void rp_findings_relocate(rp_findings *f, const rp_model *copy, const rp_model *original)
{
    for (int i = 0; i < f->count; i++)
        for (int k = 0; k < copy->n_sources && k < original->n_sources; k++)
            if (f->items[i].loc.file == copy->sources[k]) {
                f->items[i].loc.file = original->sources[k];
                break;
            }
}
