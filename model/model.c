#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "model/teams.h"

struct rp_index {
    rp_strmap disciplines, hospitals, programmes, students, groups, departments;
    rp_strmap intakes, pools, supervisors, languages;
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
    rp_strmap_clear(&ix->intakes);
    rp_strmap_clear(&ix->pools);
    rp_strmap_clear(&ix->supervisors);
    rp_strmap_clear(&ix->languages);
    for (int i = 0; i < ix->n_department_keys; i++)
        free(ix->department_keys[i]);
    free(ix->department_keys);
    free(ix);
}

static void free_student(rp_student *s)
{
    free(s->id);
    free(s->name);
    free_requirements(s->requirements, s->n_requirements);
    free(s->available);
    free(s->blocked);
    free(s->pref_discipline);
    free(s->pref_hospital);
    free(s->pins);
    free(s->languages);
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
        for (int k = 0; k < d->n_changes; k++) {
            free(d->changes[k].weeks);
            free(d->changes[k].note);
        }
        free(d->changes);
        free(d->pool_capacity);
    }
    free(m->departments);
    for (int i = 0; i < m->n_intakes; i++) {
        free(m->intakes[i].id);
        free(m->intakes[i].name);
    }
    free(m->intakes);
    for (int i = 0; i < m->n_pools; i++) {
        free(m->pools[i].id);
        free(m->pools[i].name);
    }
    free(m->pools);
    for (int i = 0; i < m->n_supervisors; i++) {
        rp_supervisor *v = &m->supervisors[i];
        free(v->id);
        free(v->name);
        free(v->present);
        free(v->languages);
    }
    free(m->supervisors);
    rp_model_free_teams(m);
    for (int i = 0; i < m->n_languages; i++)
        free(m->languages[i]);
    free(m->languages);
    for (int i = 0; i < m->n_programmes; i++) {
        rp_programme *p = &m->programmes[i];
        free(p->id);
        free(p->name);
        free_requirements(p->requirements, p->n_requirements);
        free(p->hospital_allowed);
    }
    free(m->programmes);
    for (int i = 0; i < m->n_students; i++)
        free_student(&m->students[i]);
    free(m->students);
    for (int i = 0; i < m->n_sources; i++)
        free(m->sources[i]);
    free(m->sources);
    free(m->name);
    free(m);
    *mp = NULL;
}

/* ---- deep copy ----
 * Each copy starts as the original's bytes, then every pointer it owns is
 * replaced by a copy of its own (NULL when an allocation fails, with `ok`
 * cleared), so that a half-made clone can always be freed by
 * rp_model_free. Counts of arrays of owned things are kept only once the
 * array exists. */

typedef struct cloner {
    const rp_model *from;
    rp_model *to;
    bool ok;
} cloner;

static void *copy_array(cloner *c, const void *src, int n, size_t size)
{
    if (!src || n <= 0)
        return NULL;
    void *dst = malloc((size_t)n * size);
    if (!dst) {
        c->ok = false;
        return NULL;
    }
    return memcpy(dst, src, (size_t)n * size);
}

static char *copy_string(cloner *c, const char *s)
{
    if (!s)
        return NULL;
    char *dst = strdup(s);
    c->ok &= dst != NULL;
    return dst;
}

/* A location of the original, pointing into the copy's sources. */
static rp_loc copy_loc(const cloner *c, rp_loc loc)
{
    for (int i = 0; loc.file && i < c->from->n_sources && i < c->to->n_sources; i++)
        if (loc.file == c->from->sources[i])
            loc.file = c->to->sources[i];
    return loc;
}

/* Allocates a zeroed array of n elements for *dst (n kept in *count only
 * when it exists). */
static void *new_array(cloner *c, int n, size_t size, int *count)
{
    *count = 0;
    if (n <= 0)
        return NULL;
    void *a = calloc((size_t)n, size);
    if (!a)
        c->ok = false;
    else
        *count = n;
    return a;
}

static rp_requirement *copy_requirements(cloner *c, const rp_requirement *src, int n,
                                         int *count)
{
    rp_requirement *reqs = new_array(c, n, sizeof *reqs, count);
    for (int i = 0; i < *count; i++) {
        reqs[i] = src[i];
        reqs[i].disciplines = copy_array(c, src[i].disciplines, src[i].n_disciplines,
                                         sizeof(int));
        reqs[i].label = copy_string(c, src[i].label);
        reqs[i].loc = copy_loc(c, src[i].loc);
    }
    return reqs;
}

static rp_dept_change *copy_dept_changes(cloner *c, const rp_dept_change *src, int n,
                                         int *count)
{
    rp_dept_change *changes = new_array(c, n, sizeof *changes, count);
    for (int i = 0; i < *count; i++) {
        changes[i] = src[i];
        changes[i].weeks = copy_array(c, src[i].weeks, c->from->weeks, sizeof(bool));
        changes[i].note = copy_string(c, src[i].note);
        changes[i].loc = copy_loc(c, src[i].loc);
    }
    return changes;
}

/* Starts *d as *s, with its id, name and location its own. */
#define COPY_NAMED(c, d, s)                                                    \
    do {                                                                       \
        *(d) = *(s);                                                           \
        (d)->id = copy_string(c, (s)->id);                                     \
        (d)->name = copy_string(c, (s)->name);                                 \
        (d)->loc = copy_loc(c, (s)->loc);                                      \
    } while (0)

static void copy_student(cloner *c, const rp_student *s, rp_student *d)
{
    const rp_model *m = c->from;
    COPY_NAMED(c, d, s);
    d->requirements = copy_requirements(c, s->requirements, s->n_requirements,
                                        &d->n_requirements);
    d->available = copy_array(c, s->available, m->weeks, sizeof(bool));
    d->blocked = copy_array(c, s->blocked, m->n_departments, sizeof(uint8_t));
    d->pref_discipline = copy_array(c, s->pref_discipline, m->n_disciplines, sizeof(int));
    d->pref_hospital = copy_array(c, s->pref_hospital, m->n_hospitals, sizeof(int));
    d->languages = copy_array(c, s->languages, s->n_languages, sizeof(int));
    d->n_languages = d->languages ? s->n_languages : 0;
    d->pins = copy_array(c, s->pins, s->n_pins, sizeof(rp_pin));
    d->n_pins = d->pins ? s->n_pins : 0;
    for (int p = 0; p < d->n_pins; p++)
        d->pins[p].loc = copy_loc(c, s->pins[p].loc);
}

static void copy_students(cloner *c)
{
    const rp_model *m = c->from;
    rp_model *k = c->to;
    k->students = new_array(c, m->n_students, sizeof *k->students, &k->n_students);
    for (int i = 0; i < k->n_students; i++)
        copy_student(c, &m->students[i], &k->students[i]);
}

/* Intakes, pools, languages, named supervisors and teams. */
static void copy_staff(cloner *c)
{
    const rp_model *m = c->from;
    rp_model *k = c->to;
    k->intakes = new_array(c, m->n_intakes, sizeof *k->intakes, &k->n_intakes);
    for (int i = 0; i < k->n_intakes; i++)
        COPY_NAMED(c, &k->intakes[i], &m->intakes[i]);
    k->pools = new_array(c, m->n_pools, sizeof *k->pools, &k->n_pools);
    for (int i = 0; i < k->n_pools; i++)
        COPY_NAMED(c, &k->pools[i], &m->pools[i]);
    k->languages = new_array(c, m->n_languages, sizeof *k->languages, &k->n_languages);
    for (int i = 0; i < k->n_languages; i++)
        k->languages[i] = copy_string(c, m->languages[i]);
    k->supervisors = new_array(c, m->n_supervisors, sizeof *k->supervisors, &k->n_supervisors);
    for (int i = 0; i < k->n_supervisors; i++) {
        const rp_supervisor *s = &m->supervisors[i];
        rp_supervisor *d = &k->supervisors[i];
        COPY_NAMED(c, d, s);
        d->present = copy_array(c, s->present, m->weeks, sizeof(bool));
        d->languages = copy_array(c, s->languages, s->n_languages, sizeof(int));
        d->n_languages = d->languages ? s->n_languages : 0;
    }
    k->teams = new_array(c, m->n_teams, sizeof *k->teams, &k->n_teams);
    for (int i = 0; i < k->n_teams; i++) {
        const rp_team *s = &m->teams[i];
        rp_team *d = &k->teams[i];
        *d = *s;
        d->capacity = copy_array(c, s->capacity, m->weeks, sizeof(int));
        d->members = copy_array(c, s->members, s->n_members, sizeof(int));
        d->n_members = d->members ? s->n_members : 0;
    }
}

static void copy_entities(cloner *c)
{
    const rp_model *m = c->from;
    rp_model *k = c->to;
    k->groups = new_array(c, m->n_groups, sizeof *k->groups, &k->n_groups);
    for (int i = 0; i < k->n_groups; i++) {
        k->groups[i] = m->groups[i];
        k->groups[i].id = copy_string(c, m->groups[i].id);
        k->groups[i].loc = copy_loc(c, m->groups[i].loc);
    }
    k->disciplines = new_array(c, m->n_disciplines, sizeof *k->disciplines, &k->n_disciplines);
    for (int i = 0; i < k->n_disciplines; i++) {
        const rp_discipline *s = &m->disciplines[i];
        rp_discipline *d = &k->disciplines[i];
        COPY_NAMED(c, d, s);
        d->prerequisites = copy_array(c, s->prerequisites, s->n_prerequisites, sizeof(int));
    }
    k->hospitals = new_array(c, m->n_hospitals, sizeof *k->hospitals, &k->n_hospitals);
    for (int i = 0; i < k->n_hospitals; i++)
        COPY_NAMED(c, &k->hospitals[i], &m->hospitals[i]);
    k->departments = new_array(c, m->n_departments, sizeof *k->departments, &k->n_departments);
    for (int i = 0; i < k->n_departments; i++) {
        const rp_department *s = &m->departments[i];
        rp_department *d = &k->departments[i];
        COPY_NAMED(c, d, s);
        d->capacity = copy_array(c, s->capacity, m->weeks, sizeof(int));
        d->minimum = copy_array(c, s->minimum, m->weeks, sizeof(int));
        d->supervisors = copy_array(c, s->supervisors, m->weeks, sizeof(int));
        d->changes = copy_dept_changes(c, s->changes, s->n_changes, &d->n_changes);
        d->pool_capacity = copy_array(c, s->pool_capacity, m->n_pools * m->weeks, sizeof(int));
    }
    k->programmes = new_array(c, m->n_programmes, sizeof *k->programmes, &k->n_programmes);
    for (int i = 0; i < k->n_programmes; i++) {
        const rp_programme *s = &m->programmes[i];
        rp_programme *d = &k->programmes[i];
        COPY_NAMED(c, d, s);
        d->requirements = copy_requirements(c, s->requirements, s->n_requirements,
                                            &d->n_requirements);
        d->hospital_allowed = copy_array(c, s->hospital_allowed, m->n_hospitals, sizeof(bool));
    }
    copy_staff(c);
    copy_students(c);
}

rp_status rp_model_clone(const rp_model *m, rp_model **out)
{
    *out = NULL;
    rp_model *k = rp_model_new();
    if (!k)
        return RP_ERR_NOMEM;
    cloner c = {m, k, true};
    k->name = copy_string(&c, m->name);
    k->weeks = m->weeks;
    k->has_start_date = m->has_start_date;
    k->start_year = m->start_year;
    k->start_month = m->start_month;
    k->start_day = m->start_day;
    k->objective = m->objective;
    /* the sources first: every location is moved into them */
    k->sources = new_array(&c, m->n_sources, sizeof *k->sources, &k->n_sources);
    for (int i = 0; i < k->n_sources; i++)
        k->sources[i] = copy_string(&c, m->sources[i]);
    copy_entities(&c);
    if (c.ok && m->index && rp_model_index_build(k) != RP_OK)
        c.ok = false;
    if (!c.ok) {
        rp_model_free(&k);
        return RP_ERR_NOMEM;
    }
    *out = k;
    return RP_OK;
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
    RP_INDEX_ALL(intakes, intakes, m->n_intakes);
    RP_INDEX_ALL(pools, pools, m->n_pools);
    RP_INDEX_ALL(supervisors, supervisors, m->n_supervisors);
    for (int i = 0; i < m->n_languages; i++)
        RP_TRY(rp_strmap_put(&ix->languages, m->languages[i], i, NULL));
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
RP_DEFINE_FIND(rp_model_find_intake, intakes, intakes, n_intakes)
RP_DEFINE_FIND(rp_model_find_pool, pools, pools, n_pools)
RP_DEFINE_FIND(rp_model_find_supervisor, supervisors, supervisors, n_supervisors)

int rp_model_find_language(const rp_model *m, const char *id)
{
    if (m->index)
        return rp_strmap_get(&m->index->languages, id);
    for (int i = 0; i < m->n_languages; i++)
        if (strcmp(m->languages[i], id) == 0)
            return i;
    return -1;
}

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

bool rp_model_day(const rp_model *m, int week, int day, int *year, int *month, int *mday)
{
    if (!m->has_start_date)
        return false;
    civil_from_days(days_from_civil(m->start_year, m->start_month, m->start_day) + 7L * week +
                        day,
                    year, month, mday);
    return true;
}

bool rp_model_week_date(const rp_model *m, int week, char *buf)
{
    int y, mo, d;
    if (!rp_model_day(m, week, 0, &y, &mo, &d))
        return false;
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u,
             (unsigned)d % 100u);
    return true;
}

void rp_model_format_weeks(const bool *weeks, int n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int w = 0; w < n && len + 24 < size; w++) {
        if (!weeks[w])
            continue;
        int last = w;
        while (last + 1 < n && weeks[last + 1])
            last++;
        int k = last == w ? snprintf(buf + len, size - len, "%s%d", len ? ", " : "", w + 1)
                          : snprintf(buf + len, size - len, "%s%d-%d", len ? ", " : "", w + 1,
                                     last + 1);
        if (k > 0)
            len += (size_t)k;
        w = last;
    }
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
    case RP_BLOCK_POOL: return "no supervisor of their pool works there";
    case RP_BLOCK_LANGUAGE: return "no supervisor there speaks their language";
    }
    return "they may not go there";
}

const rp_dept_change *rp_dept_change_in_force(const rp_department *d, int week, bool capacity)
{
    for (int k = d->n_changes - 1; k >= 0; k--) {
        const rp_dept_change *ch = &d->changes[k];
        bool sets_capacity = ch->closed || ch->supervisors >= 0 || ch->capacity >= 0;
        if (ch->weeks && ch->weeks[week] && sets_capacity == capacity)
            return ch;
    }
    return NULL;
}

rp_status rp_model_add_student_like(rp_model *m, int like, const char *id, const char *name,
                                    int *index)
{
    rp_student *students = realloc(m->students, ((size_t)m->n_students + 1) * sizeof *students);
    if (!students)
        return RP_ERR_NOMEM;
    m->students = students;
    rp_student *d = &m->students[m->n_students];
    cloner c = {m, m, true};
    copy_student(&c, &m->students[like], d);
    free(d->id);
    free(d->name);
    d->id = copy_string(&c, id);
    d->name = copy_string(&c, name ? name : id);
    free(d->pins); /* a pin is one student's */
    d->pins = NULL;
    d->n_pins = 0;
    if (!c.ok) {
        free_student(d);
        return RP_ERR_NOMEM;
    }
    *index = m->n_students++;
    return m->index ? rp_model_index_build(m) : RP_OK;
}

rp_status rp_model_remove_student(rp_model *m, int s)
{
    free_student(&m->students[s]);
    memmove(&m->students[s], &m->students[s + 1],
            (size_t)(m->n_students - s - 1) * sizeof *m->students);
    m->n_students--;
    return m->index ? rp_model_index_build(m) : RP_OK;
}
