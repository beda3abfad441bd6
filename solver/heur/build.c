#include "solver/heur/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INF 1e300
#define HOSPITAL_LIMIT_PASSES 8
#define RANDOM_CHOICE 1e12 /* noise that drowns every estimate */
#define EXACT_MAX_SET 8    /* largest set placed over all orders ... */
#define EXACT_STATES 1000000 /* ... and the most states its table may have */

#define ALLOC(ptr, n) ((ptr) = calloc((size_t)(n) + 1, sizeof *(ptr)))

rp_status rp_hbuild_init(rp_hbuild *b, const rp_hstate *st)
{
    memset(b, 0, sizeof *b);
    int D = b->n_disciplines = st->n_disciplines, W = b->n_weeks = st->n_weeks, H = b->n_hospitals = st->n_hospitals;
    int max_req = 0;
    for (int s = 0; s < st->n_students; s++)
        if (st->req_base[s + 1] - st->req_base[s] > max_req)
            max_req = st->req_base[s + 1] - st->req_base[s];
    size_t dp = (size_t)(D + 1) * (W + 1) * (H + 1), cells = (size_t)D * W * H;
    /* The exact placement's table grows as 2^k: keep it within EXACT_STATES. */
    b->ban_cell = b->ban_week = -1;
    b->exact_max = 0;
    while (b->exact_max < EXACT_MAX_SET && b->exact_max < D &&
           ((size_t)2 << b->exact_max) * (W + 1) * (H + 1) <= EXACT_STATES)
        b->exact_max++;
    size_t exact = ((size_t)1 << b->exact_max) * (W + 1) * (H + 1);
    size_t grid = (size_t)(W + 1) * (H + 1);
    if (!ALLOC(b->set, D) || !ALLOC(b->in_set, D) || !ALLOC(b->order, D) || !ALLOC(b->key, D) ||
        !ALLOC(b->cnt, max_req) || !ALLOC(b->value, D) || !ALLOC(b->best_t, D) ||
        !ALLOC(b->cost, cells) || !ALLOC(b->cost_unit, cells) || !ALLOC(b->f, dp) ||
        !ALLOC(b->g, grid) || !ALLOC(b->bp_unit, dp) || !ALLOC(b->bp_e, dp) ||
        !ALLOC(b->bp_h, dp) || !ALLOC(b->ge, grid) || !ALLOC(b->hcount, H) ||
        !ALLOC(b->pick_unit, D) || !ALLOC(b->pick_start, D) || !ALLOC(b->keep_unit, D) ||
        !ALLOC(b->keep_start, D) || !ALLOC(b->mark, D > W ? D : W) ||
        !ALLOC(b->prefix, W + 1) || !ALLOC(b->need, D) || !ALLOC(b->xf, exact) ||
        !ALLOC(b->xbp, exact) || !ALLOC(b->xunit, exact)) {
        rp_hbuild_free(b);
        return RP_ERR_NOMEM;
    }
    return RP_OK;
}

void rp_hbuild_free(rp_hbuild *b)
{
    void *owned[] = {b->set,       b->in_set,    b->order,     b->key,     b->cnt,
                     b->value,     b->best_t,    b->cost,      b->cost_unit, b->f,
                     b->g,         b->bp_unit,   b->bp_e,      b->bp_h,    b->ge,
                     b->hcount,    b->pick_unit, b->pick_start, b->keep_unit, b->keep_start,
                     b->mark,      b->prefix,    b->need,      b->xf,      b->xbp,
                     b->xunit};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        free(owned[i]);
    memset(b, 0, sizeof *b);
}

/* Whether d starting in week t would overlap a rotation a pin fixes in time. */
static bool clashes_with_pin(const rp_hstate *st, int s, int d, int t)
{
    const rp_student *stu = &st->m->students[s];
    for (int i = 0; i < stu->n_pins; i++) {
        const rp_pin *p = &stu->pins[i];
        if (p->start < 0 || p->discipline == d)
            continue;
        if (t < p->start + st->len[p->discipline] && p->start < t + st->len[d])
            return true;
    }
    return false;
}

/* Breaches one more student in cell-week cw would add: one over the capacity
 * when it is full, one fewer short of the minimum when it is short. The sum
 * over a unit's cells is rp_hstate_cell_delta(+1), here without its calls. */
static int breaches_added(const rp_hstate *st, size_t cw)
{
    int load = st->load[cw];
    return (load >= st->cell_cap[cw]) - (load < st->cell_min[cw]);
}

/* Fills the cost rows of discipline d: for each first week and hospital, the
 * cheapest eligible department and what placing s there costs. */
static void cost_discipline(rp_hbuild *b, const rp_hstate *st, int s, int d, double lambda)
{
    int W = b->n_weeks, H = b->n_hospitals, L = st->len[d];
    size_t k = (size_t)s * st->n_disciplines + d;
    const rp_student *stu = &st->m->students[s];
    double *row = b->cost + (size_t)d * W * H;
    int *row_unit = b->cost_unit + (size_t)d * W * H;
    for (int i = 0; i < W * H; i++) {
        row[i] = INF;
        row_unit[i] = -1;
    }
    const int *run = st->run + (size_t)s * W;
    /* d cannot start before the student has had the weeks its prerequisites take. */
    int before = 0, earliest = 0;
    for (int i = st->clo_off[d]; i < st->clo_off[d + 1]; i++)
        before += st->len[st->clo[i]];
    for (int avail = 0; earliest < W && avail < before; earliest++)
        avail += stu->available[earliest];
    /* In the student's own score units. */
    double wd = fabs((double)stu->weights.discipline), wh = fabs((double)stu->weights.hospital);
    double crowding = b->crowding * fmax(1.0, fmax(wd, wh));
    /* Which first weeks the student can take at all, the same for every
     * unit. With the unit's own open weeks this is rp_may_start_with for an
     * eligible unit: eligibility (state.h) covered the rules that do not
     * depend on the week. rp_hstate_student_ok has the last word. */
    uint8_t *open = b->mark;
    bool any = false;
    double best = INF;
    int best_at = -1;
    for (int t = 0; t < W; t++) {
        open[t] = t >= earliest && t + L <= W && run[t] >= L &&
                  (st->pin_start[k] < 0 || st->pin_start[k] == t) && !clashes_with_pin(st, s, d, t);
        any = any || open[t];
    }
    for (int i = st->elig_off[k]; i < st->elig_off[k + 1] && any; i++) {
        int u = st->elig[i], h = st->unit_hosp[u];
        double base = -(double)stu->weights.hospital * stu->pref_hospital[h];
        /* Prefix sums over weeks of what one more student there costs: the
         * department's cell, then the team's when the unit has one. */
        int cells[2], n_cells = rp_hstate_unit_cells(st, u, cells);
        double *prefix = b->prefix;
        prefix[0] = 0;
        for (int w = 0; w < W; w++) {
            int added = 0;
            for (int j = 0; j < n_cells; j++)
                added += breaches_added(st, (size_t)cells[j] * W + w);
            double c = lambda * added;
            for (int j = 0; j < n_cells; j++) {
                size_t cw = (size_t)cells[j] * W + w;
                if (b->price)
                    c += b->price[cw];
                if (crowding > 0)
                    c += crowding * (st->cell_cap[cw] > 0 ? (double)st->load[cw] / st->cell_cap[cw]
                                                          : 1);
            }
            prefix[w + 1] = prefix[w] + c;
        }
        bool banned = cells[0] == b->ban_cell || (n_cells > 1 && cells[1] == b->ban_cell);
        const int *unit_run = st->unit_run + (size_t)u * W;
        for (int t = earliest; t + L <= W; t++) {
            if (!open[t] || unit_run[t] < L || (banned && t <= b->ban_week && b->ban_week < t + L))
                continue;
            double c = base + prefix[t + L] - prefix[t];
            int at = t * H + h;
            if (c < row[at]) {
                row[at] = c;
                row_unit[at] = u;
                /* the first cheapest in the row's order, as a scan would find */
                if (c < best || (c == best && at < best_at)) {
                    best = c;
                    best_at = at;
                }
            }
        }
    }
    b->best_t[d] = best_at >= 0 ? best_at / H : 0;
    const rp_discipline *disc = &st->m->disciplines[d];
    b->value[d] = (double)stu->weights.discipline * stu->pref_discipline[d] +
                  (double)st->m->objective.school_priority * disc->priority - best;
}

/* Whether adding d and its missing prerequisites keeps every requirement at
 * or under its maximum; their worth goes to *worth. */
static bool can_add(rp_hbuild *b, const rp_hstate *st, int s, int d, double *worth)
{
    const rp_student *stu = &st->m->students[s];
    size_t base = (size_t)s * st->n_disciplines;
    *worth = 0;
    bool ok = true;
    /* Count the closure into b->cnt, then take it back out. */
    for (int pass = 0; pass < 2; pass++) {
        int delta = pass == 0 ? 1 : -1;
        for (int i = -1; i < st->clo_off[d + 1] - st->clo_off[d]; i++) {
            int x = i < 0 ? d : st->clo[st->clo_off[d] + i];
            if (b->in_set[x])
                continue;
            if (pass == 0) {
                if (!st->allowed[base + x]) {
                    ok = false;
                    continue;
                }
                *worth += b->value[x];
            } else if (!st->allowed[base + x]) {
                continue;
            }
            for (int j = st->dreq_off[base + x]; j < st->dreq_off[base + x + 1]; j++)
                b->cnt[st->dreq[j]] += delta;
        }
        if (pass == 0)
            for (int r = 0; r < stu->n_requirements; r++)
                if (b->cnt[r] > stu->requirements[r].max)
                    ok = false;
    }
    return ok;
}

/* Adds d and its missing prerequisites to the set; returns how many. */
static int add_with_closure(rp_hbuild *b, const rp_hstate *st, int s, int d)
{
    size_t base = (size_t)s * st->n_disciplines;
    int added = 0;
    for (int i = -1; i < st->clo_off[d + 1] - st->clo_off[d]; i++) {
        int x = i < 0 ? d : st->clo[st->clo_off[d] + i];
        if (b->in_set[x])
            continue;
        b->in_set[x] = 1;
        b->set[b->n_set++] = x;
        added++;
        for (int j = st->dreq_off[base + x]; j < st->dreq_off[base + x + 1]; j++)
            b->cnt[st->dreq[j]]++;
    }
    return added;
}

/* Takes the last n disciplines added back out of the set. */
static void drop_last(rp_hbuild *b, const rp_hstate *st, int s, int n)
{
    size_t base = (size_t)s * st->n_disciplines;
    for (; n > 0; n--) {
        int x = b->set[--b->n_set];
        b->in_set[x] = 0;
        for (int j = st->dreq_off[base + x]; j < st->dreq_off[base + x + 1]; j++)
            b->cnt[st->dreq[j]]--;
    }
}

/* Weeks the set takes, plus for each requirement short of its minimum the
 * weeks of its shortest candidates that would make up the shortfall: an
 * estimate of the weeks the student needs at least. */
static int weeks_needed(rp_hbuild *b, const rp_hstate *st, int s)
{
    const rp_student *stu = &st->m->students[s];
    size_t base = (size_t)s * st->n_disciplines;
    int weeks = 0;
    for (int i = 0; i < b->n_set; i++)
        weeks += st->len[b->set[i]];
    for (int r = 0; r < stu->n_requirements; r++) {
        const rp_requirement *req = &stu->requirements[r];
        int shortfall = req->min - b->cnt[r], n = 0;
        if (shortfall <= 0)
            continue;
        int *lengths = b->order; /* scratch: not in use while choosing */
        for (int i = 0; i < req->n_disciplines; i++) {
            int d = req->disciplines[i];
            if (!b->in_set[d] && st->allowed[base + d])
                lengths[n++] = st->len[d];
        }
        for (int k = 0; k < shortfall && k < n; k++) {
            int lo = k;
            for (int j = k + 1; j < n; j++)
                if (lengths[j] < lengths[lo])
                    lo = j;
            int t = lengths[k];
            lengths[k] = lengths[lo];
            lengths[lo] = t;
            weeks += lengths[k];
        }
    }
    return weeks;
}

/* Chooses the disciplines: pins first, then each requirement's shortfall from
 * its most valuable candidates, then (when `extras`) any other worth doing. */
static bool choose_set(rp_hbuild *b, const rp_hstate *st, int s, double noise, bool extras,
                       rp_rng *rng)
{
    const rp_student *stu = &st->m->students[s];
    size_t base = (size_t)s * st->n_disciplines;
    b->n_set = 0;
    memset(b->in_set, 0, (size_t)b->n_disciplines);
    memset(b->cnt, 0, (size_t)stu->n_requirements * sizeof *b->cnt);
    double worth;
    for (int d = 0; d < b->n_disciplines; d++)
        if (st->pinned[base + d]) {
            if (!can_add(b, st, s, d, &worth))
                return false;
            add_with_closure(b, st, s, d);
        }
    for (int r = 0; r < stu->n_requirements; r++) {
        const rp_requirement *req = &stu->requirements[r];
        while (b->cnt[r] < req->min) {
            /* The best candidate that leaves time for the rest, else the best. */
            int pick = -1, pick_fits = -1;
            double best = -INF, best_fits = -INF;
            for (int i = 0; i < req->n_disciplines; i++) {
                int d = req->disciplines[i];
                if (b->in_set[d] || !st->allowed[base + d] || !can_add(b, st, s, d, &worth))
                    continue;
                worth += noise * rp_rng_unit(rng);
                int added = add_with_closure(b, st, s, d);
                bool fits = weeks_needed(b, st, s) <= st->n_avail[s];
                drop_last(b, st, s, added);
                if (worth > best) {
                    best = worth;
                    pick = d;
                }
                if (fits && worth > best_fits) {
                    best_fits = worth;
                    pick_fits = d;
                }
            }
            if (pick < 0)
                return false;
            add_with_closure(b, st, s, pick_fits >= 0 ? pick_fits : pick);
        }
    }
    if (extras)
        for (int d = 0; d < b->n_disciplines; d++)
            if (!b->in_set[d] && st->allowed[base + d] && can_add(b, st, s, d, &worth) &&
                worth + noise * (rp_rng_unit(rng) - 0.5) > 0) {
                int added = add_with_closure(b, st, s, d);
                if (weeks_needed(b, st, s) > st->n_avail[s])
                    drop_last(b, st, s, added);
            }
    int weeks = 0;
    for (int i = 0; i < b->n_set; i++)
        weeks += st->len[b->set[i]];
    for (int r = 0; r < stu->n_requirements; r++)
        if (b->cnt[r] < stu->requirements[r].min)
            return false;
    return weeks <= st->n_avail[s];
}

/* Orders the set: a discipline comes after its prerequisites; among those
 * ready, the smallest key first. */
static void choose_order(rp_hbuild *b, const rp_hstate *st, int s, double spread, rp_rng *rng)
{
    size_t base = (size_t)s * st->n_disciplines;
    for (int i = 0; i < b->n_set; i++) {
        int d = b->set[i];
        double key = st->pin_start[base + d] >= 0 ? st->pin_start[base + d] : b->best_t[d];
        b->key[d] = key + spread * rp_rng_unit(rng);
    }
    int n = b->n_set;
    uint8_t *placed = b->mark;
    for (int i = 0; i < n; i++)
        placed[b->set[i]] = 2;
    for (int pos = 0; pos < n; pos++) {
        int pick = -1;
        for (int i = 0; i < n; i++) {
            int d = b->set[i];
            if (placed[d] != 2)
                continue;
            bool ready = true;
            const rp_discipline *disc = &st->m->disciplines[d];
            for (int j = 0; j < disc->n_prerequisites && ready; j++)
                ready = placed[disc->prerequisites[j]] != 2;
            if (ready && (pick < 0 || b->key[d] < b->key[pick]))
                pick = d;
        }
        placed[pick] = 1;
        b->order[pos] = pick;
    }
}

/* The dynamic programmes' tables are layers of (W + 1) end weeks x (H + 1)
 * hospitals (H: none yet); a layer is the number of disciplines placed
 * (place_in_order) or the subset placed (place_exact). */
static size_t dp_cell(const rp_hbuild *b, size_t layer, int end_week, int hospital)
{
    return (layer * (size_t)(b->n_weeks + 1) + (size_t)end_week) * (size_t)(b->n_hospitals + 1) +
           (size_t)hospital;
}

/* Places the ordered set by dynamic programming; returns its cost (INF when
 * no placement keeps the order) and leaves the placement in pick_*. */
static double place_in_order(rp_hbuild *b, const rp_hstate *st, int s)
{
    int W = b->n_weeks, H = b->n_hospitals, k = b->n_set;
    const rp_weights *wt = &st->m->students[s].weights;
    double change = wt->change, idle = wt->idle;
    int first = st->m->students[s].first_week; /* idle weeks count from here */
    for (int e = 0; e <= W; e++)
        for (int h = 0; h <= H; h++)
            b->f[dp_cell(b, 0, e, h)] = INF;
    b->f[dp_cell(b, 0, 0, H)] = 0;
    int total = 0;
    for (int i = 0; i < k; i++) {
        int d = b->order[i], L = st->len[d];
        total += L;
        for (int h = 0; h <= H; h++) {
            double run = INF;
            int arg = -1;
            for (int e = 0; e <= W; e++) {
                if (b->f[dp_cell(b, i, e, h)] < run) {
                    run = b->f[dp_cell(b, i, e, h)];
                    arg = e;
                }
                b->g[e * (H + 1) + h] = run;
                b->ge[e * (H + 1) + h] = arg;
            }
        }
        for (int e = 0; e <= W; e++)
            for (int h = 0; h <= H; h++)
                b->f[dp_cell(b, i + 1, e, h)] = INF;
        const double *row = b->cost + (size_t)d * W * H;
        const int *row_unit = b->cost_unit + (size_t)d * W * H;
        for (int t = 0; t + L <= W; t++) {
            const double *g = b->g + t * (H + 1);
            int h1 = -1, h2 = -1;
            for (int h = 0; h < H; h++) {
                if (h1 < 0 || g[h] < g[h1]) {
                    h2 = h1;
                    h1 = h;
                } else if (h2 < 0 || g[h] < g[h2]) {
                    h2 = h;
                }
            }
            for (int h = 0; h < H; h++) {
                double c = row[t * H + h];
                if (c >= INF)
                    continue;
                double best = g[h];
                int from = h;
                if (g[H] < best) {
                    best = g[H];
                    from = H;
                }
                int other = h1 != h ? h1 : h2;
                if (other >= 0 && g[other] + change < best) {
                    best = g[other] + change;
                    from = other;
                }
                if (best >= INF)
                    continue;
                size_t x = dp_cell(b, i + 1, t + L, h);
                b->f[x] = best + c;
                b->bp_unit[x] = row_unit[t * H + h];
                b->bp_h[x] = from;
                b->bp_e[x] = b->ge[t * (H + 1) + from];
            }
        }
    }
    double best = k == 0 ? 0 : INF;
    int best_e = 0, best_h = H;
    if (k > 0)
        for (int e = 0; e <= W; e++)
            for (int h = 0; h < H; h++) {
                double v = b->f[dp_cell(b, k, e, h)];
                if (v < INF && v + idle * (e - first - total) < best) {
                    best = v + idle * (e - first - total);
                    best_e = e;
                    best_h = h;
                }
            }
    if (best >= INF)
        return INF;
    for (int d = 0; d < b->n_disciplines; d++)
        b->pick_unit[d] = -1;
    for (int i = k; i > 0; i--) {
        size_t x = dp_cell(b, i, best_e, best_h);
        int d = b->order[i - 1];
        b->pick_unit[d] = b->bp_unit[x];
        b->pick_start[d] = best_e - st->len[d];
        int e = b->bp_e[x];
        best_h = b->bp_h[x];
        best_e = e;
    }
    return best;
}

/* Rotations per hospital of the placement in pick_*; the first hospital over
 * s's limit, or -1. */
static int over_limit(rp_hbuild *b, const rp_hstate *st, int s)
{
    int limit = st->m->students[s].max_per_hospital;
    if (limit == RP_NO_LIMIT)
        return -1;
    memset(b->hcount, 0, (size_t)b->n_hospitals * sizeof *b->hcount);
    for (int i = 0; i < b->n_set; i++)
        b->hcount[st->unit_hosp[b->pick_unit[b->set[i]]]]++;
    for (int h = 0; h < b->n_hospitals; h++)
        if (b->hcount[h] > limit)
            return h;
    return -1;
}

/* Whether a must come before b: a is among b's prerequisites. */
static bool needed_by(const rp_hstate *st, int a, int b)
{
    for (int i = st->clo_off[b]; i < st->clo_off[b + 1]; i++)
        if (st->clo[i] == a)
            return true;
    return false;
}

/* Improves the order by swapping neighbours while the placement gets cheaper;
 * leaves the best placement in pick_*. */
static double improve_order(rp_hbuild *b, const rp_hstate *st, int s, double cost, int passes)
{
    int k = b->n_set;
    bool improved = true, picks_of_order = true;
    for (int pass = 0; pass < passes && improved; pass++) {
        improved = false;
        for (int i = 0; i + 1 < k; i++) {
            int x = b->order[i], y = b->order[i + 1];
            if (needed_by(st, x, y))
                continue;
            b->order[i] = y;
            b->order[i + 1] = x;
            double c = place_in_order(b, st, s);
            picks_of_order = c < cost - 1e-9;
            if (picks_of_order) {
                cost = c;
                improved = true;
            } else {
                b->order[i] = x;
                b->order[i + 1] = y;
            }
        }
    }
    /* A swap tried and undone last left its own placement in pick_*. */
    return picks_of_order ? cost : place_in_order(b, st, s);
}

/* Places the set by dynamic programming over the subsets done so far, weeks
 * and hospitals: the best placement in any order. Returns its cost (INF when
 * none) and leaves it in pick_*. Only for sets of at most exact_max. */
static double place_exact(rp_hbuild *b, const rp_hstate *st, int s)
{
    int W = b->n_weeks, H = b->n_hospitals, k = b->n_set, full = (1 << k) - 1;
    const rp_weights *wt = &st->m->students[s].weights;
    double change = wt->change, idle = wt->idle;
    int total = 0, first = st->m->students[s].first_week;
    for (int i = 0; i < k; i++) {
        int d = b->set[i];
        total += st->len[d];
        b->need[i] = 0;
        const rp_discipline *disc = &st->m->disciplines[d];
        for (int j = 0; j < disc->n_prerequisites; j++)
            for (int x = 0; x < k; x++)
                if (b->set[x] == disc->prerequisites[j])
                    b->need[i] |= 1 << x;
    }
    for (size_t x = 0; x < dp_cell(b, full + 1, 0, 0); x++)
        b->xf[x] = INF;
    b->xf[dp_cell(b, 0, 0, H)] = 0;
    for (int mask = 0; mask < full; mask++) {
        bool reached = false;
        for (int h = 0; h <= H; h++) {
            double run = INF;
            int arg = -1;
            for (int e = 0; e <= W; e++) {
                if (b->xf[dp_cell(b, mask, e, h)] < run) {
                    run = b->xf[dp_cell(b, mask, e, h)];
                    arg = e;
                }
                b->g[e * (H + 1) + h] = run;
                b->ge[e * (H + 1) + h] = arg;
            }
            reached = reached || run < INF;
        }
        if (!reached)
            continue;
        for (int i = 0; i < k; i++) {
            if ((mask >> i) & 1 || (b->need[i] & ~mask))
                continue;
            int d = b->set[i], L = st->len[d], next = mask | 1 << i;
            const double *row = b->cost + (size_t)d * W * H;
            const int *row_unit = b->cost_unit + (size_t)d * W * H;
            for (int t = 0; t + L <= W; t++) {
                const double *g = b->g + t * (H + 1);
                int h1 = -1, h2 = -1;
                for (int h = 0; h < H; h++) {
                    if (h1 < 0 || g[h] < g[h1]) {
                        h2 = h1;
                        h1 = h;
                    } else if (h2 < 0 || g[h] < g[h2]) {
                        h2 = h;
                    }
                }
                for (int h = 0; h < H; h++) {
                    double c = row[t * H + h];
                    if (c >= INF)
                        continue;
                    double best = g[h];
                    int from = h;
                    if (g[H] < best) {
                        best = g[H];
                        from = H;
                    }
                    int other = h1 != h ? h1 : h2;
                    if (other >= 0 && g[other] + change < best) {
                        best = g[other] + change;
                        from = other;
                    }
                    size_t x = dp_cell(b, next, t + L, h);
                    if (best >= INF || best + c >= b->xf[x])
                        continue;
                    b->xf[x] = best + c;
                    b->xbp[x] = (b->ge[t * (H + 1) + from] * (H + 1) + from) * 64 + i;
                    b->xunit[x] = row_unit[t * H + h];
                }
            }
        }
    }
    double best = INF;
    int best_e = 0, best_h = H;
    for (int e = 0; e <= W; e++)
        for (int h = 0; h < H; h++) {
            double v = b->xf[dp_cell(b, full, e, h)];
            if (v < INF && v + idle * (e - first - total) < best) {
                best = v + idle * (e - first - total);
                best_e = e;
                best_h = h;
            }
        }
    if (k == 0)
        best = 0;
    if (best >= INF)
        return INF;
    for (int d = 0; d < b->n_disciplines; d++)
        b->pick_unit[d] = -1;
    for (int mask = full; mask != 0;) {
        size_t x = dp_cell(b, mask, best_e, best_h);
        int i = b->xbp[x] % 64, prev = b->xbp[x] / 64, d = b->set[i];
        b->pick_unit[d] = b->xunit[x];
        b->pick_start[d] = best_e - st->len[d];
        mask &= ~(1 << i);
        best_e = prev / (H + 1);
        best_h = prev % (H + 1);
    }
    return best;
}

/* Places the set: exactly when that is forced, or cheap and effort is asked
 * for (order_passes > 0); otherwise in the order chosen, improved by
 * neighbour swaps. Sets larger than exact_max are never placed exactly. */
static double place(rp_hbuild *b, const rp_hstate *st, int s, bool reorder, double spread,
                    rp_rng *rng)
{
    int W = b->n_weeks, H = b->n_hospitals, k = b->n_set;
    bool exact_ok = (b->order_passes > 0 || b->force_exact) && k <= b->exact_max;
    /* Work of each: the exact table, against the orders the swaps try. */
    double cells = (double)(W + 1) * (H + 1), moves = (double)W * H;
    double exact_work = (double)(1 << k) * (cells + k * moves / 2);
    double order_work = (b->order_passes * (k - 1) + 2.0) * k * (2 * cells + moves);
    if (exact_ok && (b->force_exact || exact_work <= order_work))
        return place_exact(b, st, s);
    if (!reorder)
        return place_in_order(b, st, s);
    choose_order(b, st, s, spread, rng);
    return improve_order(b, st, s, place_in_order(b, st, s), b->order_passes);
}

static void cost_all(rp_hbuild *b, const rp_hstate *st, int s, double lambda)
{
    size_t base = (size_t)s * st->n_disciplines;
    for (int d = 0; d < b->n_disciplines; d++) {
        if (st->allowed[base + d])
            cost_discipline(b, st, s, d, lambda);
    }
}

/* The set in the order of the placement in pick_*. */
static void order_of_picks(rp_hbuild *b, const rp_hstate *st)
{
    (void)st;
    for (int i = 0; i < b->n_set; i++) {
        int d = b->set[i], j = i;
        for (; j > 0 && b->pick_start[b->order[j - 1]] > b->pick_start[d]; j--)
            b->order[j] = b->order[j - 1];
        b->order[j] = d;
    }
}

/* Costs again the disciplines of the current set only. */
static void cost_set(rp_hbuild *b, const rp_hstate *st, int s, double lambda)
{
    for (int i = 0; i < b->n_set; i++)
        cost_discipline(b, st, s, b->set[i], lambda);
}

/* One try; its estimated worth, or -INF. The first follows the estimates
 * alone; then tries alternate between the estimates with noise (and optional
 * extra disciplines) and disciplines drawn at random, which the estimates can
 * mislead no further. */
static double try_once(rp_hbuild *b, const rp_hstate *st, int s, double lambda, double noise,
                       int attempt, rp_rng *rng)
{
    double spread = attempt == 0 ? 0 : attempt % 2 == 1 ? noise : RANDOM_CHOICE;
    if (!choose_set(b, st, s, spread, attempt % 4 == 1, rng))
        return -INF;
    double cost = place(b, st, s, true, attempt == 0 ? 0.5 : 0.5 + (attempt % 4) * 0.25 * st->n_weeks,
                        rng);
    /* Over a hospital limit: the excess disciplines there may not use that
     * hospital in this try; the others stay free to. */
    bool forbidden = false;
    for (int pass = 0; pass < HOSPITAL_LIMIT_PASSES && cost < INF; pass++) {
        int h = over_limit(b, st, s);
        if (h < 0)
            break;
        int excess = b->hcount[h] - st->m->students[s].max_per_hospital;
        int first = rp_rng_below(rng, b->n_set);
        for (int i = 0; i < b->n_set && excess > 0; i++) {
            int d = b->set[(first + i) % b->n_set];
            if (st->pinned[(size_t)s * st->n_disciplines + d] || st->unit_hosp[b->pick_unit[d]] != h)
                continue;
            double *row = b->cost + (size_t)d * b->n_weeks * b->n_hospitals;
            for (int t = 0; t < b->n_weeks; t++)
                row[t * b->n_hospitals + h] = INF;
            excess--;
        }
        forbidden = true;
        /* The order just found, placed again: cheap; all orders only if it fails. */
        order_of_picks(b, st);
        cost = place_in_order(b, st, s);
        if (cost >= INF)
            cost = place(b, st, s, false, 0, rng);
    }
    if (forbidden)
        cost_set(b, st, s, lambda);
    if (cost >= INF || over_limit(b, st, s) >= 0)
        return -INF;
    const rp_student *stu = &st->m->students[s];
    double fixed = 0;
    for (int i = 0; i < b->n_set; i++) {
        int d = b->set[i];
        fixed += (double)stu->weights.discipline * stu->pref_discipline[d] +
                 (double)st->m->objective.school_priority * st->m->disciplines[d].priority;
    }
    return fixed - cost;
}

bool rp_hbuild_student(rp_hbuild *b, const rp_hstate *st, int s, double lambda, double noise,
                       int tries, rp_rng *rng)
{
    int D = b->n_disciplines;
    cost_all(b, st, s, lambda);
    double best = -INF;
    int *best_unit = b->keep_unit, *best_start = b->keep_start;
    /* When no order tried fits, the same tries again placed over every order. */
    b->force_exact = false;
    for (int round = 0; round < 2 && best == -INF; round++) {
        for (int attempt = 0; attempt < tries; attempt++) {
            double v = try_once(b, st, s, lambda, noise, attempt, rng);
            if (v > best) {
                best = v;
                memcpy(best_unit, b->pick_unit, (size_t)D * sizeof *best_unit);
                memcpy(best_start, b->pick_start, (size_t)D * sizeof *best_start);
            }
        }
        b->force_exact = true;
    }
    b->force_exact = false;
    if (best > -INF) {
        memcpy(b->pick_unit, best_unit, (size_t)D * sizeof *best_unit);
        memcpy(b->pick_start, best_start, (size_t)D * sizeof *best_start);
        b->pick_value = best;
    }
    return best > -INF;
}
