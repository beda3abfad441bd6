#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/gen/cohort_internal.h"

static int default_hospitals(int students)
{
    int root = 1;
    while ((root + 1) * (root + 1) <= students)
        root++;
    int h = 1 + root / 4;
    return h < 2 ? 2 : h > 40 ? 40 : h;
}

rp_status rp_cohort_build(const rp_cohort_params *params, rp_cohort **out, const char **why)
{
    *out = NULL;
    const char *reason = NULL;
    if (params->students < 1 || params->students > RP_COHORT_MAX_STUDENTS)
        reason = "students must be between 1 and 1000000";
    else if (params->hospitals < 0 || params->hospitals > RP_COHORT_MAX_HOSPITALS)
        reason = "hospitals must be between 1 and 200";
    else if (params->weeks != 0 &&
             (params->weeks < RP_COHORT_MIN_WEEKS || params->weeks > RP_COHORT_MAX_WEEKS))
        reason = "weeks must be between 4 and 104";
    if (reason) {
        if (why)
            *why = reason;
        return RP_ERR_INVALID;
    }
    struct rp_cohort_builder b = {0};
    rp_cohort *c = calloc(1, sizeof *c);
    if (!c)
        return RP_ERR_NOMEM;
    b.c = c;
    c->params = *params;
    if (!c->params.weeks)
        c->params.weeks = RP_COHORT_DEFAULT_WEEKS;
    if (!c->params.hospitals)
        c->params.hospitals = default_hospitals(params->students);
    c->weeks = c->params.weeks;
    /* Each part draws from its own stream so that, say, a change in how
     * preferences are drawn leaves the plan of the same seed alone. */
    b.rng = rp_rng_seeded(params->seed);
    rp_status st;
    RP_TRY_GOTO(rp_cohort_build_disciplines(&b), fail);
    RP_TRY_GOTO(rp_cohort_build_hospitals(&b), fail);
    RP_TRY_GOTO(rp_cohort_build_departments(&b), fail);
    RP_TRY_GOTO(rp_cohort_build_programmes(&b), fail);
    b.rng = rp_rng_seeded(params->seed ^ 0x5eed0001ULL);
    RP_TRY_GOTO(rp_cohort_draw_plan(&b), fail);
    b.rng = rp_rng_seeded(params->seed ^ 0x5eed0002ULL);
    RP_TRY_GOTO(rp_cohort_size_departments(&b), fail);
    b.rng = rp_rng_seeded(params->seed ^ 0x5eed0003ULL);
    rp_cohort_draw_extras(&b);
    free(b.dept_first);
    free(b.dept_count);
    free(b.dept_of);
    free(b.dept_total);
    *out = c;
    return RP_OK;
fail:
    free(b.dept_first);
    free(b.dept_count);
    free(b.dept_of);
    free(b.dept_total);
    rp_cohort_free(&c);
    return st;
}

void rp_cohort_free(rp_cohort **cp)
{
    if (!cp || !*cp)
        return;
    rp_cohort *c = *cp;
    free(c->disciplines);
    free(c->hospitals);
    for (int i = 0; i < c->n_departments; i++)
        free(c->departments[i].load);
    free(c->departments);
    for (int p = 0; p < c->n_programmes; p++)
        free(c->programmes[p].hospital_allowed);
    free(c->programmes);
    free(c->students);
    free(c->rotations);
    free(c);
    *cp = NULL;
}

bool rp_cohort_student_needs_yaml(const rp_cohort_student *s)
{
    return s->pin_rotation >= 0 || s->own_requirements || s->max_per_hospital >= 0;
}

void rp_cohort_student_name(const rp_cohort_student *s, char *buf, int size)
{
    snprintf(buf, (size_t)size, "%s %s", rp_cohort_given_names[s->given_name], rp_cohort_family_names[s->family_name]);
}

void rp_cohort_student_id(const rp_cohort *c, int student, char *buf, int size)
{
    char digits[16];
    int len = snprintf(digits, sizeof digits, "%d", student + 1), width = 3;
    for (int n = c->n_students; n >= 1000; n /= 10)
        width++;
    int pad = width > len ? width - len : 0;
    snprintf(buf, (size_t)size, "S%.*s%s", pad, "0000000000", digits);
}

