#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"

struct rp_index {
    rp_strmap disciplines, hospitals, programmes, students, groups, departments;
    char **department_keys; /* "hospital-index/department-id", owned */
    int n_department_keys;
};

rp_model *rp_model_new(void)
{
    return calloc(1, sizeof(rp_model));
}

static void free_requirements(rp_requirement *reqs, int n)
{
    for (int i = 0; i < n; i++) {
        free(reqs[i].disciplines);
        free(reqs[i].label);
    }
    free(reqs);
}

static void free_index(struct rp_index *ix)
{
    if (!ix)
        return;
    rp_strmap_clear(&ix->disciplines);
    rp_strmap_clear(&ix->hospitals);
    rp_strmap_clear(&ix->programmes);
    rp_strmap_clear(&ix->students);
    rp_strmap_clear(&ix->groups);
    rp_strmap_clear(&ix->departments);
    for (int i = 0; i < ix->n_department_keys; i++)
        free(ix->department_keys[i]);
    free(ix->department_keys);
    free(ix);
}

void rp_model_free(rp_model **mp)
{
    if (!mp || !*mp)
        return;
    rp_model *m = *mp;
    free_index(m->index);
    for (int i = 0; i < m->n_groups; i++)
        free(m->groups[i].id);
    free(m->groups);
    for (int i = 0; i < m->n_disciplines; i++) {
        rp_discipline *d = &m->disciplines[i];
        free(d->id);
        free(d->name);
        free(d->prerequisites);
    }
    free(m->disciplines);
    for (int i = 0; i < m->n_hospitals; i++) {
        free(m->hospitals[i].id);
        free(m->hospitals[i].name);
    }
    free(m->hospitals);
    for (int i = 0; i < m->n_departments; i++) {
        rp_department *d = &m->departments[i];
        free(d->id);
        free(d->name);
        free(d->capacity);
        free(d->minimum);
        free(d->supervisors);
    }
    free(m->departments);
    for (int i = 0; i < m->n_programmes; i++) {
        rp_programme *p = &m->programmes[i];
        free(p->id);
        free(p->name);
        free_requirements(p->requirements, p->n_requirements);
        free(p->hospital_allowed);
    }
    free(m->programmes);
    for (int i = 0; i < m->n_students; i++) {
        rp_student *s = &m->students[i];
        free(s->id);
        free(s->name);
        free_requirements(s->requirements, s->n_requirements);
        free(s->available);
        free(s->blocked);
        free(s->pref_discipline);
        free(s->pref_hospital);
        free(s->pins);
    }
    free(m->students);
    for (int i = 0; i < m->n_sources; i++)
        free(m->sources[i]);
    free(m->sources);
    free(m->name);
    free(m);
    *mp = NULL;
}

static char *department_key(int hospital, const char *dept_id)
{
    size_t n = strlen(dept_id) + 16;
    char *key = malloc(n);
    if (key)
        snprintf(key, n, "%d/%s", hospital, dept_id);
    return key;
}

#define RP_INDEX_ALL(map, array, count)                                        \
    for (int i = 0; i < (count); i++)                                          \
        RP_TRY(rp_strmap_put(&ix->map, m->array[i].id, i, NULL))

static rp_status fill_index(rp_model *m, struct rp_index *ix)
{
    RP_INDEX_ALL(disciplines, disciplines, m->n_disciplines);
    RP_INDEX_ALL(hospitals, hospitals, m->n_hospitals);
    RP_INDEX_ALL(programmes, programmes, m->n_programmes);
    RP_INDEX_ALL(students, students, m->n_students);
    RP_INDEX_ALL(groups, groups, m->n_groups);
    for (int i = 0; i < m->n_departments; i++) {
        ix->department_keys[i] = department_key(m->departments[i].hospital, m->departments[i].id);
        if (!ix->department_keys[i])
            return RP_ERR_NOMEM;
        ix->n_department_keys = i + 1;
        RP_TRY(rp_strmap_put(&ix->departments, ix->department_keys[i], i, NULL));
    }
    return RP_OK;
}

rp_status rp_model_index_build(rp_model *m)
{
    free_index(m->index);
    m->index = NULL;
    struct rp_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return RP_ERR_NOMEM;
    ix->department_keys = calloc((size_t)m->n_departments + 1, sizeof(char *));
    rp_status st = ix->department_keys ? fill_index(m, ix) : RP_ERR_NOMEM;
    if (st) {
        free_index(ix);
        return st;
    }
    m->index = ix;
    return RP_OK;
}

#define RP_DEFINE_FIND(fn, map, array, count)                                  \
    int fn(const rp_model *m, const char *id)                                  \
    {                                                                          \
        if (m->index)                                                          \
            return rp_strmap_get(&m->index->map, id);                          \
        for (int i = 0; i < m->count; i++)                                     \
            if (strcmp(m->array[i].id, id) == 0)                               \
                return i;                                                      \
        return -1;                                                             \
    }
RP_DEFINE_FIND(rp_model_find_discipline, disciplines, disciplines, n_disciplines)
RP_DEFINE_FIND(rp_model_find_hospital, hospitals, hospitals, n_hospitals)
RP_DEFINE_FIND(rp_model_find_programme, programmes, programmes, n_programmes)
RP_DEFINE_FIND(rp_model_find_student, students, students, n_students)
RP_DEFINE_FIND(rp_model_find_group, groups, groups, n_groups)

int rp_model_find_department(const rp_model *m, int hospital, const char *dept_id)
{
    if (m->index) {
        char key[512];
        snprintf(key, sizeof key, "%d/%s", hospital, dept_id);
        return rp_strmap_get(&m->index->departments, key);
    }
    for (int i = 0; i < m->n_departments; i++)
        if (m->departments[i].hospital == hospital && strcmp(m->departments[i].id, dept_id) == 0)
            return i;
    return -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static long days_from_civil(int y, int mo, int d)
{
    y -= mo <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *mo, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
}

bool rp_model_week_date(const rp_model *m, int week, char *buf)
{
    if (!m->has_start_date)
        return false;
    int y, mo, d;
    civil_from_days(days_from_civil(m->start_year, m->start_month, m->start_day) + 7L * week,
                    &y, &mo, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u,
             (unsigned)d % 100u);
    return true;
}

const char *rp_block_str(rp_block b)
{
    switch (b) {
    case RP_BLOCK_NONE: return "may go there";
    case RP_BLOCK_NOT_IN_PROGRAMME: return "the discipline is not part of their programme";
    case RP_BLOCK_DISCIPLINE: return "they may not take that discipline";
    case RP_BLOCK_PROGRAMME_HOSPITAL: return "their programme does not use that hospital";
    case RP_BLOCK_STUDENT_HOSPITAL: return "they may not go to that hospital";
    case RP_BLOCK_DEPARTMENT: return "they may not go to that department";
    }
    return "they may not go there";
}
