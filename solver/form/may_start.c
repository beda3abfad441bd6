#include "solver/form/may_start.h"

#include "model/teams.h"

static bool pins_allow(const rp_student *st, const rp_department *dep, int p, int t)
{
    for (int k = 0; k < st->n_pins; k++) {
        const rp_pin *pin = &st->pins[k];
        if (pin->discipline != dep->discipline)
            continue;
        if ((pin->hospital >= 0 && pin->hospital != dep->hospital) ||
            (pin->department >= 0 && pin->department != p) || (pin->start >= 0 && pin->start != t))
            return false;
    }
    return true;
}

/* The supervisor a pin of s on department p's discipline names, or -1. */
static int pinned_supervisor(const rp_model *m, const rp_student *st, const rp_department *dep)
{
    for (int k = 0; k < st->n_pins; k++)
        if (st->pins[k].discipline == dep->discipline && st->pins[k].supervisor >= 0)
            return st->pins[k].supervisor;
    (void)m;
    return -1;
}

/* Everything but the team: eligibility, horizon, availability, an open
 * department and the pins. */
static bool may_start_here(const rp_model *m, int s, int p, int t, rp_pins_rule pins)
{
    const rp_student *st = &m->students[s];
    const rp_department *dep = &m->departments[p];
    int length = m->disciplines[dep->discipline].length;
    if (st->blocked[p] != RP_BLOCK_NONE || t < 0 || t > m->weeks - length)
        return false;
    for (int w = t; w < t + length; w++)
        if (!st->available[w] || dep->capacity[w] <= 0)
            return false;
    return pins == RP_PINS_IGNORED || pins_allow(st, dep, p, t);
}

bool rp_may_guide(const rp_model *m, int s, int p, int team, int t, rp_pins_rule pins)
{
    const rp_department *dep = &m->departments[p];
    if (team < dep->first_team || team >= dep->first_team + dep->n_teams)
        return false;
    const rp_student *st = &m->students[s];
    int length = m->disciplines[dep->discipline].length;
    if (!rp_team_guides(m, team, s) || !rp_team_present(m, team, t, length))
        return false;
    if (pins == RP_PINS_KEPT) {
        int j = pinned_supervisor(m, st, dep);
        if (j >= 0 && m->supervisors[j].team != team)
            return false;
    }
    return true;
}

bool rp_may_start_with(const rp_model *m, int s, int p, int team, int t, rp_pins_rule pins)
{
    if (!may_start_here(m, s, p, t, pins))
        return false;
    if (m->departments[p].n_teams == 0)
        return team < 0;
    return rp_may_guide(m, s, p, team, t, pins);
}

bool rp_may_start(const rp_model *m, int s, int p, int t, rp_pins_rule pins)
{
    if (!may_start_here(m, s, p, t, pins))
        return false;
    const rp_department *dep = &m->departments[p];
    if (dep->n_teams == 0)
        return true;
    for (int team = dep->first_team; team < dep->first_team + dep->n_teams; team++)
        if (rp_may_guide(m, s, p, team, t, pins))
            return true;
    return false;
}
