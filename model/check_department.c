/* Department rules: each week, between the minimum and the capacity. */
#include "model/check_internal.h"

#include <stdio.h>
#include <stdlib.h>

void rp_check_department_rules(rp_checker *c)
{
    const rp_model *m = c->m;
    size_t cells = (size_t)m->n_departments * (size_t)m->weeks;
    int *present = calloc(cells + 1, sizeof *present);
    if (!present) {
        c->nomem = true;
        return;
    }
    /* Every rotation counts once per week it covers inside the horizon, even
     * when it breaks another rule: the ward still has that student there. */
    for (int s = 0; s < m->n_students; s++)
        for (int i = 0; i < rp_check_n_rotations(c, s); i++) {
            const rp_rotation *r = rp_check_rotation(c, s, i);
            for (int t = r->start < 0 ? 0 : r->start; t < r->start + r->length && t < m->weeks; t++)
                present[(size_t)r->department * (size_t)m->weeks + (size_t)t]++;
        }
    for (int d = 0; d < m->n_departments; d++) {
        const rp_department *dep = &m->departments[d];
        char place[256];
        rp_check_place(m, d, place, sizeof place);
        for (int t = 0; t < m->weeks; t++) {
            int n = present[(size_t)d * (size_t)m->weeks + (size_t)t];
            if (n > dep->capacity[t])
                rp_check_violation(c, RP_RULE_CAPACITY, -1, d, t,
                                   "%s has %d student%s in week %d, capacity %d", place, n,
                                   n == 1 ? "" : "s", t + 1, dep->capacity[t]);
            else if (n < dep->minimum[t])
                rp_check_violation(c, RP_RULE_MINIMUM, -1, d, t,
                                   "%s has %d student%s in week %d, minimum %d", place, n,
                                   n == 1 ? "" : "s", t + 1, dep->minimum[t]);
        }
    }
    free(present);
}
