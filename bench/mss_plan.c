#include "bench/mss_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool check_shape(const rp_mss *inst, const rp_dzn *sol, const rp_dzn_item *schedule,
                        rp_diags *diags)
{
    int want[4] = {inst->students, inst->horizon, inst->hospitals, inst->disciplines};
    bool same = schedule->is_array && schedule->n_dims == 4;
    for (int k = 0; same && k < 4; k++)
        same = schedule->dims[k] == want[k];
    if (same)
        return true;
    if (!schedule->is_array || schedule->n_dims != 4) {
        rp_diag_error(diags, rp_dzn_loc(sol, schedule->value_offset),
                      "'schedule' must be array4d(1..Students, 1..Horizon, 1..Hospitals, "
                      "1..Disciplines, [...])");
        return false;
    }
    rp_diag_error(diags, rp_dzn_loc(sol, schedule->value_offset),
                  "'schedule' is %d x %d x %d x %d but the instance needs Students x Horizon x "
                  "Hospitals x Disciplines = %d x %d x %d x %d",
                  schedule->dims[0], schedule->dims[1], schedule->dims[2], schedule->dims[3],
                  want[0], want[1], want[2], want[3]);
    return false;
}

static size_t flat4(const rp_mss *inst, int s, int t, int h, int d)
{
    return (((size_t)s * (size_t)inst->horizon + (size_t)t) * (size_t)inst->hospitals +
            (size_t)h) * (size_t)inst->disciplines + (size_t)d;
}

/* The department of the student in period t as a model index (-1 when
 * idle, -2 after reporting an error). */
static int place_in_period(const rp_mss *inst, const rp_model *model, const rp_dzn *sol,
                           const rp_dzn_item *schedule, int s, int t, rp_diags *diags)
{
    int found = -1, found_h = -1, found_d = -1;
    bool bad = false;
    for (int h = 0; h < inst->hospitals; h++)
        for (int d = 0; d < inst->disciplines; d++) {
            size_t at = flat4(inst, s, t, h, d);
            long v = schedule->values[at];
            if (v == 0)
                continue;
            rp_loc loc = rp_dzn_loc(sol, schedule->offsets[at]);
            char sub[64];
            rp_mss_subscript(schedule, at, sub, sizeof sub);
            if (v != 1) {
                rp_diag_error(diags, loc, "schedule%s is %ld but must be 0 or 1", sub, v);
                bad = true;
                continue;
            }
            if (found_h >= 0) {
                rp_diag_error(diags, loc,
                              "schedule%s puts s%d in two places in period %d: d%d at h%d and "
                              "d%d at h%d",
                              sub, s + 1, t + 1, found_d + 1, found_h + 1, d + 1, h + 1);
                bad = true;
                continue;
            }
            char id[32];
            snprintf(id, sizeof id, "h%d", h + 1);
            int hospital = rp_model_find_hospital(model, id);
            snprintf(id, sizeof id, "d%d", d + 1);
            int department = hospital < 0 ? -1 : rp_model_find_department(model, hospital, id);
            if (department < 0) {
                rp_diag_error(diags, loc,
                              "schedule%s puts s%d in d%d at h%d, which has no such department "
                              "(MaxPosHosp is 0 in every period)",
                              sub, s + 1, d + 1, h + 1);
                bad = true;
                continue;
            }
            found = department;
            found_h = h;
            found_d = d;
        }
    return bad ? -2 : found;
}

static rp_status read_student(const rp_mss *inst, const rp_model *model, const rp_dzn *sol,
                              const rp_dzn_item *schedule, int s, rp_plan *plan, rp_diags *diags,
                              bool *bad)
{
    char id[32];
    snprintf(id, sizeof id, "s%d", s + 1);
    int student = rp_model_find_student(model, id);
    if (student < 0) {
        rp_diag_error(diags, (rp_loc){sol->file, 0, 0},
                      "the config has no student '%s': was it imported from this instance?", id);
        *bad = true;
        return RP_OK;
    }
    int current = -1, start = 0;
    for (int t = 0; t <= inst->horizon; t++) {
        int here = t < inst->horizon ? place_in_period(inst, model, sol, schedule, s, t, diags) : -1;
        if (here == -2) {
            *bad = true;
            here = -1;
        }
        if (here == current)
            continue;
        if (current >= 0)
            RP_TRY(rp_plan_add(plan, student, current, start, t - start));
        current = here;
        start = t;
    }
    return RP_OK;
}

static void warn_unknown_names(const rp_dzn *sol, rp_diags *diags)
{
    for (int i = 0; i < sol->n_items; i++)
        if (strcmp(sol->items[i].name, "schedule") != 0)
            rp_diag_warning(diags, rp_dzn_loc(sol, sol->items[i].offset),
                            "'%s' is not part of an MSS solution and is ignored",
                            sol->items[i].name);
}

/* Reads the parsed solution sol (freed here) into *out. */
static rp_status read_solution(const rp_mss *inst, const rp_model *model, rp_dzn *sol,
                               rp_plan **out, rp_diags *diags)
{
    rp_status st = RP_OK;
    rp_plan *plan = NULL;
    warn_unknown_names(sol, diags);
    const rp_dzn_item *schedule = rp_dzn_find(sol, "schedule");
    if (!schedule) {
        rp_diag_error(diags, (rp_loc){sol->file, 0, 0},
                      "'schedule' is missing (an MSS solution gives it)");
        st = RP_ERR_INVALID;
        goto done;
    }
    if (!check_shape(inst, sol, schedule, diags)) {
        st = RP_ERR_INVALID;
        goto done;
    }
    plan = rp_plan_new();
    if (!plan) {
        st = RP_ERR_NOMEM;
        goto done;
    }
    bool bad = false;
    for (int s = 0; s < inst->students && !st; s++)
        st = read_student(inst, model, sol, schedule, s, plan, diags, &bad);
    if (!st && bad)
        st = RP_ERR_INVALID;
done:
    rp_dzn_free(&sol);
    if (st)
        rp_plan_free(&plan);
    *out = plan;
    return st;
}

rp_status rp_mss_plan_read(const rp_mss *inst, const rp_model *model, const char *path,
                           rp_plan **out, rp_diags *diags)
{
    *out = NULL;
    rp_dzn *sol = NULL;
    RP_TRY(rp_dzn_parse_file(path, inst->doc, &sol, diags));
    return read_solution(inst, model, sol, out, diags);
}

rp_status rp_mss_plan_read_string(const rp_mss *inst, const rp_model *model, const char *name,
                                  const char *text, size_t len, rp_plan **out, rp_diags *diags)
{
    *out = NULL;
    rp_dzn *sol = NULL;
    RP_TRY(rp_dzn_parse_string(name, text, len, inst->doc, &sol, diags));
    return read_solution(inst, model, sol, out, diags);
}
