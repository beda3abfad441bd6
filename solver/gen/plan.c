/* The hidden plan of a synthetic cohort: a valid placement drawn first, so
 * that everything else can be cut to fit it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/gen/cohort_internal.h"

/* Draws the disciplines a student does into out (in random order) and
 * returns how many; *weeks gets their total length. Tries random draws that
 * fit `avail` weeks, then falls back to the programme's shortest draw. */
static int draw_disciplines(struct rp_cohort_builder *b, const rp_cohort_programme *pg, int avail,
                            int *out, int *weeks)
{
    rp_cohort *c = b->c;
    int n = 0, total = 0;
    for (int attempt = 0; attempt < 30; attempt++) {
        n = 0;
        total = 0;
        for (int r = 0; r < pg->n_requirements; r++) {
            const rp_cohort_requirement *req = &pg->requirements[r];
            int pool[RP_COHORT_MAX_REQ_DISCIPLINES];
            memcpy(pool, req->disciplines, sizeof pool);
            rp_rng_shuffle(&b->rng, pool, req->n_disciplines);
            int count = rp_rng_between(&b->rng, req->min, req->max);
            for (int i = 0; i < count; i++) {
                out[n++] = pool[i];
                total += c->disciplines[pool[i]].length;
            }
        }
        if (total <= avail)
            break;
    }
    if (total > avail) {
        n = 0;
        total = 0;
        for (int r = 0; r < pg->n_requirements; r++) {
            const rp_cohort_requirement *req = &pg->requirements[r];
            int pool[RP_COHORT_MAX_REQ_DISCIPLINES];
            memcpy(pool, req->disciplines, sizeof pool);
            for (int i = 1; i < req->n_disciplines; i++) /* shortest first */
                for (int j = i; j > 0 && c->disciplines[pool[j]].length <
                                             c->disciplines[pool[j - 1]].length; j--) {
                    int t = pool[j];
                    pool[j] = pool[j - 1];
                    pool[j - 1] = t;
                }
            for (int i = 0; i < req->min; i++) {
                out[n++] = pool[i];
                total += c->disciplines[pool[i]].length;
            }
        }
    }
    rp_rng_shuffle(&b->rng, out, n);
    *weeks = total;
    return n;
}

int rp_cohort_peak_load(const rp_cohort_department *dp, int start, int length)
{
    int peak = 0;
    for (int t = start; t < start + length; t++)
        if (dp->load[t] > peak)
            peak = dp->load[t];
    return peak;
}

/* Picks the least loaded department for one rotation among those the
 * student may use; -1 when the hospital limit rules every one out. */
static int pick_department(struct rp_cohort_builder *b, const rp_cohort_programme *pg, int d, int start,
                           int length, const int *hospital_count, int limit)
{
    rp_cohort *c = b->c;
    int n = b->dept_count[d], first = b->dept_first[d];
    int offset = rp_rng_below(&b->rng, n);
    int best = -1, best_peak = 0;
    for (int k = 0; k < n; k++) {
        int i = b->dept_of[first + (k + offset) % n];
        const rp_cohort_department *dp = &c->departments[i];
        if (!pg->hospital_allowed[dp->hospital])
            continue;
        if (limit >= 0 && hospital_count[dp->hospital] >= limit)
            continue;
        int peak = rp_cohort_peak_load(dp, start, length);
        if (best < 0 || peak < best_peak) {
            best = i;
            best_peak = peak;
        }
    }
    return best;
}

rp_status rp_cohort_draw_plan(struct rp_cohort_builder *b)
{
    rp_cohort *c = b->c;
    int n = c->params.students;
    c->students = calloc((size_t)n, sizeof *c->students);
    /* room for the longest draw of any programme, at most one rotation a week */
    int per_student = 0;
    for (int p = 0; p < c->n_programmes; p++) {
        int most = 0;
        for (int r = 0; r < c->programmes[p].n_requirements; r++)
            most += c->programmes[p].requirements[r].max;
        if (most > per_student)
            per_student = most;
    }
    if (per_student > c->weeks)
        per_student = c->weeks;
    c->rotations = calloc((size_t)n * (size_t)per_student, sizeof *c->rotations);
    int *hospital_count = calloc((size_t)c->n_hospitals, sizeof *hospital_count);
    if (!c->students || !c->rotations || !hospital_count) {
        free(hospital_count);
        return RP_ERR_NOMEM;
    }
    c->n_students = n;
    for (int s = 0; s < n; s++) {
        rp_cohort_student *st = &c->students[s];
        int roll = rp_rng_below(&b->rng, 100), p = 0;
        for (int acc = rp_cohort_templates[0].share; p < RP_COHORT_N_TEMPLATES - 1 && roll >= acc;
             acc += rp_cohort_templates[++p].share)
            ;
        const rp_cohort_programme *pg = &c->programmes[p];
        st->programme = p;
        st->given_name = rp_rng_below(&b->rng, rp_cohort_n_given);
        st->family_name = rp_rng_below(&b->rng, rp_cohort_n_family);
        st->leave_week = -1;
        st->avoid_hospital = st->avoid_department = st->avoid_discipline = -1;
        st->extra_department = -1;
        st->weight_discipline = st->weight_hospital = -1;
        st->weight_change = st->weight_idle = -1;
        st->pin_rotation = -1;
        st->max_per_hospital = -1;

        int spare = c->weeks - b->min_total[p];
        if (spare > 0 && rp_rng_chance(&b->rng, 8))
            st->arrival = rp_rng_between(&b->rng, 1, spare < 2 ? spare : c->weeks / 6 + 1);
        if (st->arrival > spare)
            st->arrival = spare > 0 ? spare : 0;
        bool leave = rp_rng_chance(&b->rng, 6);
        int avail = c->weeks - st->arrival - (leave ? 1 : 0);
        int discs[RP_COHORT_MAX_REQUIREMENTS * RP_COHORT_MAX_REQ_DISCIPLINES], total;
        int nd = draw_disciplines(b, pg, avail, discs, &total);
        if (total > avail)
            leave = false; /* only the shortest draw fits: no leave */
        int leave_after = leave ? rp_rng_between(&b->rng, 1, nd) : -1;

        st->first_rotation = c->n_rotations;
        memset(hospital_count, 0, (size_t)c->n_hospitals * sizeof *hospital_count);
        int week = st->arrival, most = 0;
        /* Each next rotation is the one whose ward is quietest then, compared
         * with its usual load: wards stay busy evenly over the weeks, so
         * capacities sized to the plan leave little room. */
        bool done[RP_COHORT_MAX_REQUIREMENTS * RP_COHORT_MAX_REQ_DISCIPLINES] = {false};
        for (int k = 0; k < nd; k++) {
            if (k == leave_after) {
                st->leave_week = week;
                week++;
            }
            int pick = -1, dept = -1;
            long best = 0;
            for (int i = 0; i < nd; i++) {
                if (done[i])
                    continue;
                int d = discs[i], pre = c->disciplines[d].prerequisite;
                bool waiting = false;
                for (int j = 0; j < nd && pre >= 0; j++)
                    waiting |= !done[j] && discs[j] == pre;
                if (waiting)
                    continue;
                int len = c->disciplines[d].length;
                int cand = pick_department(b, pg, d, week, len, hospital_count,
                                           pg->max_per_hospital);
                if (cand < 0) /* the limit rules every ward out: an exemption */
                    cand = pick_department(b, pg, d, week, len, hospital_count, -1);
                long score = (long)rp_cohort_peak_load(&c->departments[cand], week, len) * c->weeks -
                             b->dept_total[cand];
                if (pick < 0 || score < best) {
                    pick = i;
                    dept = cand;
                    best = score;
                }
            }
            done[pick] = true;
            int len = c->disciplines[discs[pick]].length;
            rp_cohort_department *dp = &c->departments[dept];
            for (int t = week; t < week + len; t++)
                dp->load[t]++;
            b->dept_total[dept] += len;
            if (++hospital_count[dp->hospital] > most)
                most = hospital_count[dp->hospital];
            c->rotations[c->n_rotations++] = (rp_cohort_rotation){dept, week, len};
            week += len;
        }
        if (leave_after == nd) {
            st->leave_week = week < c->weeks ? week : -1;
        }
        st->n_rotations = nd;
        if (pg->max_per_hospital >= 0 && most > pg->max_per_hospital)
            st->max_per_hospital = most;
    }
    free(hospital_count);
    return RP_OK;
}

