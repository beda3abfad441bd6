/* Teams of interchangeable supervisors, and a supervisor for each rotation. */
#include "model/teams.h"

#include <stdlib.h>
#include <string.h>

void rp_model_free_teams(rp_model *m)
{
    for (int i = 0; i < m->n_teams; i++) {
        free(m->teams[i].capacity);
        free(m->teams[i].members);
    }
    free(m->teams);
    m->teams = NULL;
    m->n_teams = 0;
}

/* Whether a and b speak the same of the languages some student needs (the
 * others decide nothing). Both lists are sorted. */
static bool same_languages(const rp_supervisor *a, const rp_supervisor *b, const bool *needed)
{
    int i = 0, j = 0;
    for (;;) {
        while (i < a->n_languages && !needed[a->languages[i]])
            i++;
        while (j < b->n_languages && !needed[b->languages[j]])
            j++;
        if (i == a->n_languages || j == b->n_languages)
            return i == a->n_languages && j == b->n_languages;
        if (a->languages[i++] != b->languages[j++])
            return false;
    }
}

/* Whether supervisor b may join a's team: same pool, weeks and languages. */
static bool interchangeable(const rp_model *m, const rp_supervisor *a, const rp_supervisor *b,
                            const bool *needed)
{
    return a->pool == b->pool && same_languages(a, b, needed) &&
           memcmp(a->present, b->present, (size_t)m->weeks * sizeof *a->present) == 0;
}

static rp_team *new_team(rp_model *m, int department, int pool, int *cap)
{
    if (m->n_teams == *cap) {
        int grown = *cap ? 2 * *cap : 16;
        rp_team *t = realloc(m->teams, (size_t)grown * sizeof *t);
        if (!t)
            return NULL;
        m->teams = t;
        *cap = grown;
    }
    rp_team *t = &m->teams[m->n_teams];
    memset(t, 0, sizeof *t);
    t->department = department;
    t->pool = pool;
    t->capacity = calloc((size_t)m->weeks + 1, sizeof *t->capacity);
    if (!t->capacity)
        return NULL;
    m->n_teams++;
    return t;
}

static bool add_member(const rp_model *m, rp_team *t, int j)
{
    int *grown = realloc(t->members, (size_t)(t->n_members + 1) * sizeof *grown);
    if (!grown)
        return false;
    t->members = grown;
    t->members[t->n_members++] = j;
    const rp_supervisor *v = &m->supervisors[j];
    for (int w = 0; w < m->weeks; w++)
        if (v->present[w])
            t->capacity[w] += v->ratio;
    return true;
}

/* Named supervisors: grouped when interchangeable, alone when pinned. */
static rp_status named_teams(rp_model *m, int p, const bool *pinned, const bool *needed, int *cap)
{
    const rp_department *d = &m->departments[p];
    int first_team = m->n_teams;
    for (int j = d->first_supervisor; j < d->first_supervisor + d->n_supervisors; j++) {
        rp_supervisor *v = &m->supervisors[j];
        rp_team *join = NULL;
        for (int t = first_team; t < m->n_teams && !pinned[j] && !join; t++) {
            rp_team *team = &m->teams[t];
            const rp_supervisor *a = &m->supervisors[team->members[0]];
            if (!pinned[team->members[0]] && interchangeable(m, a, v, needed))
                join = team;
        }
        if (!join && !(join = new_team(m, p, v->pool, cap)))
            return RP_ERR_NOMEM;
        if (!add_member(m, join, j))
            return RP_ERR_NOMEM;
        v->team = (int)(join - m->teams);
    }
    return RP_OK;
}

/* Unnamed supervisors given per pool: a team per pool that ever has room. */
static rp_status pool_teams(rp_model *m, int p, int *cap)
{
    const rp_department *d = &m->departments[p];
    for (int k = 0; k < m->n_pools; k++) {
        const int *room = d->pool_capacity + (size_t)k * m->weeks;
        bool any = false;
        for (int w = 0; w < m->weeks && !any; w++)
            any = room[w] > 0;
        if (!any)
            continue;
        rp_team *t = new_team(m, p, k, cap);
        if (!t)
            return RP_ERR_NOMEM;
        memcpy(t->capacity, room, (size_t)m->weeks * sizeof *room);
    }
    return RP_OK;
}

bool rp_team_guides(const rp_model *m, int team, int student)
{
    const rp_team *t = &m->teams[team];
    const rp_student *s = &m->students[student];
    if (t->pool >= 0 && t->pool != s->pool)
        return false;
    if (t->n_members == 0 || s->n_languages == 0)
        return true;
    const rp_supervisor *v = &m->supervisors[t->members[0]];
    for (int i = 0; i < s->n_languages; i++)
        for (int k = 0; k < v->n_languages; k++)
            if (s->languages[i] == v->languages[k])
                return true;
    return false;
}

bool rp_team_present(const rp_model *m, int team, int start, int length)
{
    const rp_team *t = &m->teams[team];
    if (start < 0 || start + length > m->weeks)
        return false;
    for (int w = start; w < start + length; w++)
        if (t->capacity[w] <= 0)
            return false;
    return true;
}

/* Departments with teams are closed to a student no team there guides. */
static void block_unguided(rp_model *m)
{
    for (int s = 0; s < m->n_students; s++) {
        rp_student *st = &m->students[s];
        for (int p = 0; p < m->n_departments; p++) {
            const rp_department *d = &m->departments[p];
            if (d->n_teams == 0 || st->blocked[p] != RP_BLOCK_NONE)
                continue;
            bool pool_ok = false, guided = false;
            for (int t = d->first_team; t < d->first_team + d->n_teams && !guided; t++) {
                const rp_team *team = &m->teams[t];
                bool present = false;
                for (int w = 0; w < m->weeks && !present; w++)
                    present = team->capacity[w] > 0;
                if (!present || (team->pool >= 0 && team->pool != st->pool))
                    continue;
                pool_ok = true;
                guided = rp_team_guides(m, t, s);
            }
            if (!guided)
                st->blocked[p] = (uint8_t)(pool_ok ? RP_BLOCK_LANGUAGE : RP_BLOCK_POOL);
        }
    }
}

rp_status rp_model_build_teams(rp_model *m)
{
    rp_model_free_teams(m);
    bool *pinned = calloc((size_t)m->n_supervisors + 1, sizeof *pinned);
    if (!pinned)
        return RP_ERR_NOMEM;
    bool *needed = calloc((size_t)m->n_languages + 1, sizeof *needed);
    if (!needed) {
        free(pinned);
        return RP_ERR_NOMEM;
    }
    for (int s = 0; s < m->n_students; s++) {
        for (int k = 0; k < m->students[s].n_pins; k++)
            if (m->students[s].pins[k].supervisor >= 0)
                pinned[m->students[s].pins[k].supervisor] = true;
        for (int k = 0; k < m->students[s].n_languages; k++)
            needed[m->students[s].languages[k]] = true;
    }
    int cap = 0;
    rp_status st = RP_OK;
    for (int p = 0; p < m->n_departments && st == RP_OK; p++) {
        rp_department *d = &m->departments[p];
        d->first_team = m->n_teams;
        if (d->n_supervisors > 0)
            st = named_teams(m, p, pinned, needed, &cap);
        else if (d->pool_capacity)
            st = pool_teams(m, p, &cap);
        d->n_teams = m->n_teams - d->first_team;
    }
    free(pinned);
    free(needed);
    if (st) {
        rp_model_free_teams(m);
        for (int p = 0; p < m->n_departments; p++)
            m->departments[p].n_teams = 0;
        return st;
    }
    block_unguided(m);
    return RP_OK;
}

/* A place a supervisor keeps for one student at a time. */
struct slot {
    int supervisor;
    int free_from; /* first week it is free again */
};

struct job {
    int rotation, start, student;
};

static int by_start(const void *a, const void *b)
{
    const struct job *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->student != y->student)
        return x->student < y->student ? -1 : 1;
    return (x->rotation > y->rotation) - (x->rotation < y->rotation);
}

/* Assigns the rotations jobs[0..n-1] of team t. False when one found no place. */
static bool assign_team(const rp_model *m, rp_plan *plan, int t, struct job *jobs, int n,
                        struct slot *slots, int *guided, const int *prefer)
{
    const rp_team *team = &m->teams[t];
    int n_slots = 0;
    for (int i = 0; i < team->n_members; i++) {
        int j = team->members[i];
        guided[i] = 0;
        for (int k = 0; k < m->supervisors[j].ratio; k++)
            slots[n_slots++] = (struct slot){i, 0};
    }
    qsort(jobs, (size_t)n, sizeof *jobs, by_start);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        rp_rotation *r = &plan->rotations[jobs[i].rotation];
        int best = -1, wanted = prefer ? prefer[jobs[i].rotation] : -1;
        for (int k = 0; k < n_slots; k++) {
            if (slots[k].free_from > r->start)
                continue;
            if (team->members[slots[k].supervisor] == wanted) {
                best = k;
                break;
            }
            if (best < 0 || guided[slots[k].supervisor] < guided[slots[best].supervisor])
                best = k;
        }
        if (best < 0) {
            r->supervisor = -1;
            ok = false;
            continue;
        }
        slots[best].free_from = r->start + r->length;
        guided[slots[best].supervisor]++;
        r->supervisor = team->members[slots[best].supervisor];
    }
    return ok;
}

rp_status rp_teams_assign(const rp_model *m, rp_plan *plan, const int *team_of)
{
    return rp_teams_assign_preferring(m, plan, team_of, NULL);
}

rp_status rp_teams_assign_preferring(const rp_model *m, rp_plan *plan, const int *team_of,
                                     const int *prefer)
{
    int n = plan->n_rotations;
    int *first = calloc((size_t)m->n_teams + 2, sizeof *first);
    struct job *jobs = malloc(((size_t)n + 1) * sizeof *jobs);
    long most_slots = 1, most_members = 1;
    for (int t = 0; t < m->n_teams; t++) {
        long slots = 0;
        for (int i = 0; i < m->teams[t].n_members; i++)
            slots += m->supervisors[m->teams[t].members[i]].ratio;
        if (slots > most_slots)
            most_slots = slots;
        if (m->teams[t].n_members > most_members)
            most_members = m->teams[t].n_members;
    }
    struct slot *slots = malloc((size_t)most_slots * sizeof *slots);
    int *guided = malloc((size_t)most_members * sizeof *guided);
    if (!first || !jobs || !slots || !guided) {
        free(first);
        free(jobs);
        free(slots);
        free(guided);
        return RP_ERR_NOMEM;
    }
    /* Rotations grouped by team (a counting sort). */
    for (int i = 0; i < n; i++) {
        rp_rotation *r = &plan->rotations[i];
        r->supervisor = -1;
        int t = team_of[i];
        if (t >= 0 && t < m->n_teams && m->teams[t].n_members > 0)
            first[t + 2]++;
    }
    for (int t = 0; t < m->n_teams; t++)
        first[t + 2] += first[t + 1];
    for (int i = 0; i < n; i++) {
        int t = team_of[i];
        if (t >= 0 && t < m->n_teams && m->teams[t].n_members > 0)
            jobs[first[t + 1]++] = (struct job){i, plan->rotations[i].start,
                                                plan->rotations[i].student};
    }
    bool ok = true;
    for (int t = 0; t < m->n_teams; t++)
        if (m->teams[t].n_members > 0)
            ok &= assign_team(m, plan, t, jobs + first[t], first[t + 1] - first[t], slots,
                              guided, prefer);
    free(first);
    free(jobs);
    free(slots);
    free(guided);
    return ok ? RP_OK : RP_ERR_INVALID;
}

int *rp_teams_of_plan(const rp_model *m, const rp_plan *plan)
{
    int *team = malloc(((size_t)plan->n_rotations + 1) * sizeof *team);
    if (!team)
        return NULL;
    for (int i = 0; i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        int j = r->supervisor;
        team[i] = j >= 0 && j < m->n_supervisors && m->supervisors[j].department == r->department
                      ? m->supervisors[j].team
                      : -1;
    }
    return team;
}

int rp_team_for(const rp_model *m, int s, int p, int start, int length, int supervisor)
{
    const rp_department *d = &m->departments[p];
    if (supervisor >= 0 && supervisor < m->n_supervisors &&
        m->supervisors[supervisor].department == p)
        return m->supervisors[supervisor].team;
    for (int t = d->first_team; t < d->first_team + d->n_teams; t++)
        if (rp_team_guides(m, t, s) && rp_team_present(m, t, start, length))
            return t;
    return -1;
}
