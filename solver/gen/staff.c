/* Staffing of a synthetic cohort's wards, cut to fit its hidden plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/gen/cohort_internal.h"

/* A random run of at most `longest` weeks where ok[] holds, or false. */
static bool pick_run(rp_rng *rng, const bool *ok, int weeks, int longest, int *first, int *last)
{
    int count = 0;
    for (int t = 0; t < weeks; t++)
        count += ok[t];
    if (count == 0)
        return false;
    int k = rp_rng_below(rng, count), t0 = 0;
    for (int t = 0; t < weeks; t++)
        if (ok[t] && k-- == 0) {
            t0 = t;
            break;
        }
    int len = rp_rng_between(rng, 1, longest), t1 = t0;
    while (t1 + 1 < weeks && t1 + 1 < t0 + len && ok[t1 + 1])
        t1++;
    *first = t0;
    *last = t1;
    return true;
}

static void add_change(rp_cohort_department *dp, bool *used, int first, int last,
                       rp_cohort_change ch)
{
    ch.first = first;
    ch.last = last;
    /* kept in week order, as an office would write them */
    int at = dp->n_changes++;
    while (at > 0 && dp->changes[at - 1].first > first) {
        dp->changes[at] = dp->changes[at - 1];
        at--;
    }
    dp->changes[at] = ch;
    for (int t = first; t <= last; t++)
        used[t] = true;
}

/* Supervisors just enough for the hidden plan's busiest week, then leave,
 * closures and minimums only where the plan leaves room for them. */
rp_status rp_cohort_size_departments(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    int w = c->weeks;
    bool *used = calloc((size_t)w, sizeof *used), *ok = calloc((size_t)w, sizeof *ok);
    if (!used || !ok) {
        free(used);
        free(ok);
        return RP_ERR_NOMEM;
    }
    for (int i = 0; i < c->n_departments; i++) {
        rp_cohort_department *dp = &c->departments[i];
        int hsps = c->hospitals[dp->hospital].students_per_supervisor;
        int peak = rp_cohort_peak_load(dp, 0, w), least = peak;
        if (peak <= 2 && rp_rng_chance(&b->rng, 60))
            dp->students_per_supervisor = 1; /* a small ward: one student per tutor */
        else if (rp_rng_chance(&b->rng, 15))
            dp->students_per_supervisor = hsps + (rp_rng_chance(&b->rng, 50) ? 1 : -1);
        int sps = dp->students_per_supervisor ? dp->students_per_supervisor : hsps;
        for (int t = 0; t < w; t++)
            if (dp->load[t] < least)
                least = dp->load[t];
        dp->supervisors = peak ? (peak + sps - 1) / sps : 1;
        if (rp_rng_chance(&b->rng, 8))
            dp->supervisors++;
        if (peak > 0 && rp_rng_chance(&b->rng, 10)) { /* fewer beds than teachers */
            dp->capacity = peak + rp_rng_below(&b->rng, 2);
            if (dp->capacity >= dp->supervisors * sps)
                dp->capacity = 0;
        }
        memset(used, 0, (size_t)w * sizeof *used);
        /* Leave follows the quiet weeks of the plan: the horizon is walked in
         * runs of one to four weeks, and in some runs supervisors are away,
         * as many as can be while those who stay guide everyone the plan
         * sends. One change is kept for a closure or a minimum. */
        bool leaves = dp->supervisors >= 2 && rp_rng_chance(&b->rng, 85);
        for (int first = 0; leaves && first < w;) {
            int last = first + rp_rng_between(&b->rng, 1, 4) - 1;
            if (last >= w)
                last = w - 1;
            int staying = (rp_cohort_peak_load(dp, first, last - first + 1) + sps - 1) / sps;
            if (staying < 1)
                staying = 1;
            int away = dp->supervisors - staying;
            if (away > 0 && dp->n_changes < RP_COHORT_MAX_CHANGES - 1 &&
                rp_rng_chance(&b->rng, 80)) {
                rp_cohort_change ch = {.supervisors = staying, .minimum = -1};
                if (away == 1)
                    snprintf(ch.note, sizeof ch.note, "Dr. %s on leave",
                             rp_cohort_family_names[rp_rng_below(&b->rng, rp_cohort_n_family)]);
                else if (rp_rng_chance(&b->rng, 50))
                    snprintf(ch.note, sizeof ch.note, "%d supervisors on annual leave", away);
                else
                    snprintf(ch.note, sizeof ch.note,
                             "%d supervisors teaching at the university", away);
                add_change(dp, used, first, last, ch);
            }
            first = last + 1;
        }
        if (dp->n_changes < RP_COHORT_MAX_CHANGES && rp_rng_chance(&b->rng, 8)) {
            for (int t = 0; t < w; t++)
                ok[t] = !used[t] && dp->load[t] == 0;
            int first, last;
            if (pick_run(&b->rng, ok, w, 2, &first, &last))
                add_change(dp, used, first, last,
                           (rp_cohort_change){.supervisors = -1, .minimum = -1, .closed = true,
                                              .note = "ward closed for renovation"});
        }
        if (least >= 1 && rp_rng_chance(&b->rng, 20)) {
            dp->minimum = rp_rng_between(&b->rng, 1, least < 3 ? least : 3);
        } else if (peak >= 1 && dp->n_changes < RP_COHORT_MAX_CHANGES &&
                   rp_rng_chance(&b->rng, 10)) {
            for (int t = 0; t < w; t++)
                ok[t] = !used[t] && dp->load[t] >= 1;
            int first, last;
            if (pick_run(&b->rng, ok, w, 4, &first, &last)) {
                int m = peak;
                for (int t = first; t <= last; t++)
                    if (dp->load[t] < m)
                        m = dp->load[t];
                add_change(dp, used, first, last,
                           (rp_cohort_change){.supervisors = -1,
                                              .minimum = rp_rng_between(&b->rng, 1, m < 2 ? m : 2),
                                              .note = "night shifts need students"});
            }
        }
    }
    free(used);
    free(ok);
    return RP_OK;
}

