/* The world of a synthetic cohort: disciplines, hospitals and their wards,
 * programmes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/gen/cohort_internal.h"

static int scaled_length(int base, int weeks)
{
    int len = (base * weeks + 6) / 12;
    if (len < 1)
        len = 1;
    return len > weeks ? weeks : len;
}

static int catalogue_find(const char *id)
{
    for (int i = 0; i < rp_cohort_n_catalogue; i++)
        if (strcmp(rp_cohort_catalogue[i].id, id) == 0)
            return i;
    return -1;
}

static int discipline_find(const rp_cohort *c, const char *id)
{
    for (int i = 0; i < c->n_disciplines; i++)
        if (strcmp(c->disciplines[i].id, id) == 0)
            return i;
    return -1;
}

/* Fills the requirement's discipline set from the template. */
static void resolve_requirement(const rp_cohort *c, const struct rp_cohort_template_req *t,
                                rp_cohort_requirement *r)
{
    r->kind = t->kind;
    r->group = t->kind == RP_COHORT_REQ_GROUP ? t->names[0] : NULL;
    r->min = t->min;
    r->max = t->max;
    r->n_disciplines = 0;
    if (t->kind == RP_COHORT_REQ_GROUP) {
        for (int d = 0; d < c->n_disciplines; d++)
            if (c->disciplines[d].group && strcmp(c->disciplines[d].group, t->names[0]) == 0 &&
                r->n_disciplines < RP_COHORT_MAX_REQ_DISCIPLINES)
                r->disciplines[r->n_disciplines++] = d;
    } else {
        for (int i = 0; i < RP_COHORT_MAX_REQ_DISCIPLINES && t->names[i]; i++)
            r->disciplines[r->n_disciplines++] = discipline_find(c, t->names[i]);
    }
}

/* Weeks of the shortest draw that meets requirement r. */
static int requirement_min_weeks(const rp_cohort *c, const rp_cohort_requirement *r)
{
    int len[RP_COHORT_MAX_REQ_DISCIPLINES];
    for (int i = 0; i < r->n_disciplines; i++)
        len[i] = c->disciplines[r->disciplines[i]].length;
    /* insertion sort: at most eight entries */
    for (int i = 1; i < r->n_disciplines; i++)
        for (int j = i; j > 0 && len[j] < len[j - 1]; j--) {
            int t = len[j];
            len[j] = len[j - 1];
            len[j - 1] = t;
        }
    int sum = 0;
    for (int i = 0; i < r->min; i++)
        sum += len[i];
    return sum;
}

rp_status rp_cohort_build_disciplines(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    c->disciplines = calloc(rp_cohort_n_catalogue, sizeof *c->disciplines);
    if (!c->disciplines)
        return RP_ERR_NOMEM;
    for (int i = 0; i < rp_cohort_n_catalogue; i++) {
        rp_cohort_discipline *d = &c->disciplines[i];
        d->id = rp_cohort_catalogue[i].id;
        d->name = rp_cohort_catalogue[i].name;
        d->group = rp_cohort_catalogue[i].group;
        d->length = scaled_length(rp_cohort_catalogue[i].base_length, c->weeks);
        d->prerequisite = rp_cohort_catalogue[i].prerequisite ? catalogue_find(rp_cohort_catalogue[i].prerequisite) : -1;
        d->priority = rp_cohort_catalogue[i].priority;
    }
    c->n_disciplines = rp_cohort_n_catalogue;
    return RP_OK;
}

rp_status rp_cohort_build_hospitals(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    int n = c->params.hospitals;
    c->hospitals = calloc((size_t)n, sizeof *c->hospitals);
    if (!c->hospitals)
        return RP_ERR_NOMEM;
    for (int h = 0; h < n; h++) {
        rp_cohort_hospital *hp = &c->hospitals[h];
        if (h < rp_cohort_n_hospital_names) {
            snprintf(hp->id, sizeof hp->id, "%s", rp_cohort_hospital_names[h][0]);
            snprintf(hp->name, sizeof hp->name, "%s", rp_cohort_hospital_names[h][1]);
        } else {
            snprintf(hp->id, sizeof hp->id, "district_%d", h + 1);
            snprintf(hp->name, sizeof hp->name, "District Hospital %d", h + 1);
        }
        /* small cohorts fill small wards: fewer students per supervisor */
        int most = c->params.students >= 1000 ? 3 : 2;
        hp->students_per_supervisor = h == 0 ? most : rp_rng_between(&b->rng, most - 1, most);
    }
    c->n_hospitals = n;
    return RP_OK;
}

static rp_status add_department(struct rp_cohort_builder *b, int h, int d, const char *suffix,
                                const char *ward)
{
    rp_cohort *c = b->c;
    rp_cohort_department *dp = &c->departments[c->n_departments++];
    memset(dp, 0, sizeof *dp);
    dp->hospital = h;
    dp->discipline = d;
    snprintf(dp->id, sizeof dp->id, "%s%s", c->disciplines[d].id, suffix);
    if (ward)
        snprintf(dp->name, sizeof dp->name, "%s, ward %s", c->disciplines[d].name, ward);
    dp->load = calloc((size_t)c->weeks, sizeof *dp->load);
    return dp->load ? RP_OK : RP_ERR_NOMEM;
}

/* Every hospital gets most core wards and some others; the first hospital
 * (the university hospital) has every ward, so every programme can always be
 * placed somewhere it is allowed to go. */
rp_status rp_cohort_build_departments(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    size_t most = (size_t)c->n_hospitals * (size_t)c->n_disciplines * 2;
    c->departments = calloc(most, sizeof *c->departments);
    if (!c->departments)
        return RP_ERR_NOMEM;
    bool split_allowed = c->params.students >= 200;
    for (int h = 0; h < c->n_hospitals; h++)
        for (int d = 0; d < c->n_disciplines; d++) {
            int percent = h == 0 ? 100 : rp_cohort_catalogue[d].core ? 90 : split_allowed ? 50 : 25;
            if (!rp_rng_chance(&b->rng, percent))
                continue;
            if (split_allowed && rp_cohort_catalogue[d].splittable && rp_rng_chance(&b->rng, 25)) {
                RP_TRY(add_department(b, h, d, "_a", "A"));
                RP_TRY(add_department(b, h, d, "_b", "B"));
            } else {
                RP_TRY(add_department(b, h, d, "", NULL));
            }
        }
    b->dept_first = calloc((size_t)c->n_disciplines, sizeof *b->dept_first);
    b->dept_count = calloc((size_t)c->n_disciplines, sizeof *b->dept_count);
    b->dept_of = calloc((size_t)c->n_departments, sizeof *b->dept_of);
    b->dept_total = calloc((size_t)c->n_departments, sizeof *b->dept_total);
    if (!b->dept_first || !b->dept_count || !b->dept_of || !b->dept_total)
        return RP_ERR_NOMEM;
    for (int i = 0; i < c->n_departments; i++)
        b->dept_count[c->departments[i].discipline]++;
    for (int d = 1; d < c->n_disciplines; d++)
        b->dept_first[d] = b->dept_first[d - 1] + b->dept_count[d - 1];
    int *fill = calloc((size_t)c->n_disciplines, sizeof *fill);
    if (!fill)
        return RP_ERR_NOMEM;
    for (int i = 0; i < c->n_departments; i++) {
        int d = c->departments[i].discipline;
        b->dept_of[b->dept_first[d] + fill[d]++] = i;
    }
    free(fill);
    return RP_OK;
}

rp_status rp_cohort_build_programmes(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    c->programmes = calloc(RP_COHORT_N_TEMPLATES, sizeof *c->programmes);
    if (!c->programmes)
        return RP_ERR_NOMEM;
    for (int p = 0; p < RP_COHORT_N_TEMPLATES; p++) {
        const struct rp_cohort_template *t = &rp_cohort_templates[p];
        rp_cohort_programme *pg = &c->programmes[p];
        pg->id = t->id;
        pg->name = t->name;
        for (int r = 0; r < t->n_reqs; r++)
            resolve_requirement(c, &t->reqs[r], &pg->requirements[r]);
        pg->n_requirements = t->n_reqs;
        /* Short horizons: drop trailing requirements until the shortest
         * programme fits the weeks. */
        for (;;) {
            int total = 0;
            for (int r = 0; r < pg->n_requirements; r++)
                total += requirement_min_weeks(c, &pg->requirements[r]);
            b->min_total[p] = total;
            if (total <= c->weeks || pg->n_requirements == 1)
                break;
            pg->n_requirements--;
        }
        pg->max_per_hospital = c->n_hospitals >= 3 ? t->max_per_hospital : -1;
        pg->hospital_allowed = calloc((size_t)c->n_hospitals, sizeof *pg->hospital_allowed);
        if (!pg->hospital_allowed)
            return RP_ERR_NOMEM;
        pg->all_hospitals = t->hospital_percent >= 100 || c->n_hospitals < 4;
        int used = 0;
        for (int h = 0; h < c->n_hospitals; h++) {
            pg->hospital_allowed[h] = pg->all_hospitals || h == 0 ||
                                      rp_rng_chance(&b->rng, t->hospital_percent);
            used += pg->hospital_allowed[h];
        }
        if (used == c->n_hospitals)
            pg->all_hospitals = true;
        else if (used == 1)
            pg->hospital_allowed[1] = true; /* a track uses at least two hospitals */
    }
    c->n_programmes = RP_COHORT_N_TEMPLATES;
    return RP_OK;
}

