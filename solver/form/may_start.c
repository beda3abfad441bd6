#include "solver/form/may_start.h"

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

bool rp_may_start(const rp_model *m, int s, int p, int t, rp_pins_rule pins)
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
