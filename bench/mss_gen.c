#include "bench/mss_gen.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/rng.h"

/* I40_12_1's proportions (bench/mss/README.md; mss_gen.h says where each comes from). */
#define DEFAULT_HOSPITALS 3
#define DEFAULT_GROUPS 2
#define DEFAULT_EXCESS (52.0 / 235.0)
#define DEFAULT_DENSITY (5.0 / 66.0)
#define DEFAULT_ABILITY_ZERO 0.055

/* Independent streams, so that changing one part of the draw (the minimums,
 * say) leaves the others as they were. */
enum phase { PH_DISCIPLINES = 1, PH_CAPACITY, PH_STUDENTS, PH_AVAILABILITY, PH_ABILITY,
             PH_PREFERENCES, PH_MINIMUMS };

static rp_rng stream(uint64_t seed, enum phase phase)
{
    rp_rng r = rp_rng_seeded(seed ^ ((uint64_t)phase * 0xd1b54a32d192ed03ULL));
    return rp_rng_seeded(rp_rng_next(&r));
}

rp_mssgen_params rp_mssgen_defaults(int students, int disciplines, int duration, uint64_t seed)
{
    return (rp_mssgen_params){
        .students = students, .disciplines = disciplines, .duration = duration, .seed = seed,
        .excess = -1, .density = -1, .ability_zero = -1,
    };
}

void rp_mssgen_free(rp_mssgen **gp)
{
    if (!gp || !*gp)
        return;
    rp_mssgen *g = *gp;
    free(g->disc_group);
    free(g->stud_disc_group);
    free(g->allowed);
    free(g->precededby);
    free(g->available);
    free(g->ability);
    free(g->max_pos);
    free(g->min_pos);
    free(g->weight_pref);
    free(g->pref_disc);
    free(g->pref_hosp);
    free(g->man_pref);
    free(g->witness);
    free(g);
    *gp = NULL;
}

static bool refuse(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return false;
}

/* Fills in the defaults and checks the ranges. */
static bool settle_params(rp_mssgen_params *p, char *why, size_t size)
{
    if (p->students < 1 || p->students > RP_MSSGEN_MAX_STUDENTS)
        return refuse(why, size, "--students must be 1 to %d", RP_MSSGEN_MAX_STUDENTS);
    if (p->disciplines < 1 || p->disciplines > RP_MSSGEN_MAX_DISCIPLINES)
        return refuse(why, size, "--disciplines must be 1 to %d", RP_MSSGEN_MAX_DISCIPLINES);
    if (p->duration < 1 || p->duration > RP_MSSGEN_MAX_DURATION)
        return refuse(why, size, "--duration must be 1 to %d", RP_MSSGEN_MAX_DURATION);
    if (p->hospitals == 0)
        p->hospitals = DEFAULT_HOSPITALS;
    if (p->hospitals < 1 || p->hospitals > RP_MSSGEN_MAX_HOSPITALS)
        return refuse(why, size, "--hospitals must be 1 to %d", RP_MSSGEN_MAX_HOSPITALS);
    if (p->groups == 0)
        p->groups = p->disciplines < DEFAULT_GROUPS ? p->disciplines : DEFAULT_GROUPS;
    if (p->groups < 1 || p->groups > p->disciplines)
        return refuse(why, size, "--groups must be 1 to the number of disciplines (%d)",
                      p->disciplines);
    if (p->cap_lo == 0 && p->cap_hi == 0) {
        int s = p->students, h = p->hospitals;
        p->cap_lo = s / (2 * h) > 1 ? s / (2 * h) : 1;
        p->cap_hi = (s + h - 1) / h > p->cap_lo ? (s + h - 1) / h : p->cap_lo;
    }
    if (p->cap_lo < 1 || p->cap_hi < p->cap_lo)
        return refuse(why, size, "--capacity LO-HI needs 1 <= LO <= HI");
    if (p->excess < 0)
        p->excess = DEFAULT_EXCESS;
    if (p->density < 0)
        p->density = DEFAULT_DENSITY;
    if (p->ability_zero < 0)
        p->ability_zero = DEFAULT_ABILITY_ZERO;
    if (p->excess > 1 || p->density > 1 || p->ability_zero >= 1)
        return refuse(why, size, "--excess and --density must be 0 to 1, --ability-zero below 1");
    long long cells = (long long)p->students * p->disciplines * p->duration * p->hospitals *
                      p->disciplines;
    if (cells > RP_MSSGEN_MAX_CELLS)
        return refuse(why, size,
                      "students x horizon x hospitals x disciplines is %lld, above %lld: the "
                      "solution file would be too large",
                      cells, RP_MSSGEN_MAX_CELLS);
    return true;
}

static rp_status allocate(rp_mssgen *g)
{
    size_t s = (size_t)g->students, d = (size_t)g->disciplines, h = (size_t)g->hospitals;
    size_t t = (size_t)g->horizon, gr = (size_t)g->groups;
    g->disc_group = calloc(d, sizeof *g->disc_group);
    g->stud_disc_group = calloc(s * gr, sizeof *g->stud_disc_group);
    g->allowed = calloc(s * d, 1);
    g->precededby = calloc(d * d, 1);
    g->available = calloc(s * t, 1);
    g->ability = calloc(s * h * d, 1);
    g->max_pos = calloc(h * d * t, sizeof *g->max_pos);
    g->min_pos = calloc(h * d * t, sizeof *g->min_pos);
    g->weight_pref = calloc(s * 4, sizeof *g->weight_pref);
    g->pref_disc = calloc(s * d, sizeof *g->pref_disc);
    g->pref_hosp = calloc(s * h, sizeof *g->pref_hosp);
    g->man_pref = calloc(d, sizeof *g->man_pref);
    g->witness = malloc(s * t * sizeof *g->witness);
    bool ok = g->disc_group && g->stud_disc_group && g->allowed && g->precededby &&
              g->available && g->ability && g->max_pos && g->min_pos && g->weight_pref &&
              g->pref_disc && g->pref_hosp && g->man_pref && g->witness;
    return ok ? RP_OK : RP_ERR_NOMEM;
}

static size_t cell(const rp_mssgen *g, int h, int d, int t)
{
    return ((size_t)h * (size_t)g->disciplines + (size_t)d) * (size_t)g->horizon + (size_t)t;
}

static bool requires(const rp_mssgen *g, int d, int d1)
{
    return g->precededby[(size_t)d * (size_t)g->disciplines + (size_t)d1] != 0;
}

/* Groups of consecutive disciplines, sizes differing by one at most; school
 * priorities; prerequisites of depth 1 inside a group (a discipline that is a
 * prerequisite has none itself), as many pairs as the density asks. */
static rp_status draw_disciplines(rp_mssgen *g, double density, rp_rng *r)
{
    int D = g->disciplines, first = 0;
    for (int k = 0; k < g->groups; k++) {
        int size = D / g->groups + (k < D % g->groups);
        for (int d = first; d < first + size; d++)
            g->disc_group[d] = k + 1;
        first += size;
    }
    for (int d = 0; d < D; d++)
        g->man_pref[d] = rp_rng_between(r, 0, 5);

    int want = (int)lround(density * D * (D - 1) / 2.0);
    int *pairs = malloc((size_t)D * (size_t)D * sizeof *pairs);
    bool *is_prereq = calloc((size_t)D, sizeof *is_prereq);
    bool *has_prereq = calloc((size_t)D, sizeof *has_prereq);
    if (!pairs || !is_prereq || !has_prereq) {
        free(pairs);
        free(is_prereq);
        free(has_prereq);
        return RP_ERR_NOMEM;
    }
    int n = 0;
    for (int a = 0; a < D; a++)
        for (int b = 0; b < D; b++)
            if (a != b && g->disc_group[a] == g->disc_group[b])
                pairs[n++] = a * D + b;
    rp_rng_shuffle(r, pairs, n);
    for (int i = 0, made = 0; i < n && made < want; i++) {
        int a = pairs[i] / D, b = pairs[i] % D; /* a requires b */
        if (is_prereq[a] || has_prereq[b])
            continue;
        g->precededby[(size_t)a * (size_t)D + (size_t)b] = 1;
        is_prereq[b] = has_prereq[a] = true;
        made++;
    }
    free(pairs);
    free(is_prereq);
    free(has_prereq);
    return RP_OK;
}

static void draw_capacities(rp_mssgen *g, rp_rng *r)
{
    size_t n = (size_t)g->hospitals * (size_t)g->disciplines * (size_t)g->horizon;
    for (size_t i = 0; i < n; i++)
        g->max_pos[i] = rp_rng_between(r, g->cap_lo, g->cap_hi);
}

/* Scratch space for one student's hidden schedule. */
typedef struct student_draw {
    int *members;   /* a group's disciplines */
    bool *chosen;   /* [D] */
    int *order;     /* the chosen disciplines in the order done */
    int *gap;       /* idle periods before each rotation, and after the last */
    int *per_hosp;  /* rotations at each hospital */
    int *hosp_ok;   /* hospitals with room */
    int *load;      /* [H][D][T]: students the hidden plan has there */
} student_draw;

/* Adds d and its prerequisites to the chosen set when that stays within
 * `room`; returns how many were added. */
static int add_closed(const rp_mssgen *g, student_draw *w, int d, int room)
{
    int need = !w->chosen[d];
    for (int b = 0; b < g->disciplines; b++)
        need += requires(g, d, b) && !w->chosen[b];
    if (need == 0 || need > room)
        return 0;
    w->chosen[d] = true;
    for (int b = 0; b < g->disciplines; b++)
        if (requires(g, d, b))
            w->chosen[b] = true;
    return need;
}

static bool has_prerequisite(const rp_mssgen *g, int d)
{
    for (int b = 0; b < g->disciplines; b++)
        if (requires(g, d, b))
            return true;
    return false;
}

/* `count` disciplines of group k, closed under prerequisites, into w->chosen.
 * Greedy over a random order almost always lands on the count; when it does
 * not, disciplines without prerequisites first, then the others, always do
 * (with depth 1, every prerequisite is among the former). */
static void choose_in_group(const rp_mssgen *g, student_draw *w, int k, int count, rp_rng *r)
{
    int n = 0;
    for (int d = 0; d < g->disciplines; d++)
        if (g->disc_group[d] == k + 1)
            w->members[n++] = d;
    rp_rng_shuffle(r, w->members, n);
    int got = 0;
    for (int i = 0; i < n && got < count; i++)
        got += add_closed(g, w, w->members[i], count - got);
    if (got == count)
        return;
    for (int i = 0; i < n; i++)
        w->chosen[w->members[i]] = false;
    got = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n && got < count; i++) {
            int d = w->members[i];
            if (has_prerequisite(g, d) == (pass == 1) && !w->chosen[d]) {
                w->chosen[d] = true;
                got++;
            }
        }
}

/* The chosen disciplines in a random order that puts prerequisites first. */
static int order_chosen(const rp_mssgen *g, student_draw *w, rp_rng *r)
{
    int n = 0;
    for (int d = 0; d < g->disciplines; d++)
        if (w->chosen[d])
            w->order[n++] = d;
    rp_rng_shuffle(r, w->order, n);
    /* with depth 1, moving every discipline that has prerequisites behind
     * those that have none keeps the order of each part random */
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = k; i < n; i++)
            if (has_prerequisite(g, w->order[i]) == (pass == 1)) {
                int t = w->order[k];
                w->order[k] = w->order[i];
                w->order[i] = t;
                k++;
            }
    return n;
}

/* A hospital for discipline d over periods start..start+L-1: one with room in
 * each and below MaxDiscPerHosp for the student, at random; when none has
 * room, one below the limit whose capacity is raised. */
static int place(rp_mssgen *g, student_draw *w, int d, int start, rp_rng *r)
{
    int n_ok = 0, n_limit = 0;
    for (int h = 0; h < g->hospitals; h++) {
        if (w->per_hosp[h] >= g->max_disc_per_hosp)
            continue;
        n_limit++;
        bool room = true;
        for (int t = start; t < start + g->duration && room; t++)
            room = w->load[cell(g, h, d, t)] < g->max_pos[cell(g, h, d, t)];
        if (room)
            w->hosp_ok[n_ok++] = h;
    }
    if (n_ok > 0)
        return w->hosp_ok[rp_rng_below(r, n_ok)];
    int pick = rp_rng_below(r, n_limit);
    for (int h = 0; h < g->hospitals; h++) {
        if (w->per_hosp[h] >= g->max_disc_per_hosp || pick-- > 0)
            continue;
        for (int t = start; t < start + g->duration; t++) {
            size_t c = cell(g, h, d, t);
            if (w->load[c] >= g->max_pos[c]) {
                g->max_pos[c] = w->load[c] + 1;
                g->raised_capacities++;
            }
        }
        return h;
    }
    return 0; /* not reached: the hospitals hold every student's rotations */
}

static void draw_student(rp_mssgen *g, student_draw *w, int s, rp_rng *r)
{
    int G = g->groups, total;
    int *need = &g->stud_disc_group[(size_t)s * (size_t)G];
    do {
        total = 0;
        for (int k = 0; k < G; k++) {
            int size = g->disciplines / G + (k < g->disciplines % G);
            need[k] = rp_rng_between(r, 0, size);
            total += need[k];
        }
    } while (total == 0);
    memset(w->chosen, 0, (size_t)g->disciplines * sizeof *w->chosen);
    for (int k = 0; k < G; k++)
        choose_in_group(g, w, k, need[k], r);
    int n = order_chosen(g, w, r);

    int idle = g->horizon - n * g->duration;
    memset(w->gap, 0, (size_t)(n + 1) * sizeof *w->gap);
    for (int i = 0; i < idle; i++)
        w->gap[rp_rng_below(r, n + 1)]++;
    memset(w->per_hosp, 0, (size_t)g->hospitals * sizeof *w->per_hosp);
    int *row = &g->witness[(size_t)s * (size_t)g->horizon];
    for (int t = 0; t < g->horizon; t++)
        row[t] = -1;
    int at = 0;
    for (int i = 0; i < n; i++) {
        int d = w->order[i];
        at += w->gap[i];
        int h = place(g, w, d, at, r);
        w->per_hosp[h]++;
        for (int t = at; t < at + g->duration; t++) {
            row[t] = h * g->disciplines + d;
            w->load[cell(g, h, d, t)]++;
        }
        at += g->duration;
    }
    for (int d = 0; d < g->disciplines; d++)
        g->allowed[(size_t)s * (size_t)g->disciplines + (size_t)d] = 1;
}

/* Unavailable: a number of the student's idle periods uniform in 0..3/4 of them. */
static rp_status draw_availability(rp_mssgen *g, rp_rng *r)
{
    int T = g->horizon;
    int *idle = malloc((size_t)T * sizeof *idle);
    if (!idle)
        return RP_ERR_NOMEM;
    for (int s = 0; s < g->students; s++) {
        const int *row = &g->witness[(size_t)s * (size_t)T];
        unsigned char *avail = &g->available[(size_t)s * (size_t)T];
        int n = 0;
        for (int t = 0; t < T; t++) {
            avail[t] = 1;
            if (row[t] < 0)
                idle[n++] = t;
        }
        rp_rng_shuffle(r, idle, n);
        int zeros = rp_rng_between(r, 0, 3 * n / 4);
        for (int i = 0; i < zeros; i++)
            avail[idle[i]] = 0;
    }
    free(idle);
    return RP_OK;
}

/* Ability zeros at rate p over all of a student's departments, drawn among
 * those the hidden plan does not use (so a little more often there). */
static void draw_ability(rp_mssgen *g, double p, rp_rng *r)
{
    int H = g->hospitals, D = g->disciplines;
    for (int s = 0; s < g->students; s++) {
        unsigned char *ab = &g->ability[(size_t)s * (size_t)H * (size_t)D];
        const int *row = &g->witness[(size_t)s * (size_t)g->horizon];
        memset(ab, 0, (size_t)H * (size_t)D);
        int used = 0;
        for (int t = 0; t < g->horizon; t++)
            if (row[t] >= 0 && !ab[row[t]]) { /* row[t] is h * D + d */
                ab[row[t]] = 1;
                used++;
            }
        /* the plan's departments stay open to the student; the others make up the rate */
        double rate = used < H * D ? p * H * D / (H * D - used) : 0;
        for (int i = 0; i < H * D; i++)
            if (!ab[i])
                ab[i] = rp_rng_unit(r) >= rate;
    }
}

static void draw_preferences(rp_mssgen *g, rp_rng *r)
{
    for (int s = 0; s < g->students; s++) {
        int *w = &g->weight_pref[(size_t)s * 4];
        w[0] = rp_rng_between(r, 1, 3);
        w[1] = rp_rng_between(r, 1, 3);
        w[2] = -rp_rng_between(r, 1, 3);
        w[3] = -rp_rng_between(r, 1, 3);
        for (int d = 0; d < g->disciplines; d++)
            g->pref_disc[(size_t)s * (size_t)g->disciplines + (size_t)d] = rp_rng_between(r, 1, 5);
        for (int h = 0; h < g->hospitals; h++)
            g->pref_hosp[(size_t)s * (size_t)g->hospitals + (size_t)h] = rp_rng_between(r, 1, 5);
    }
}

/* Minimums in levels: 1 at department-periods drawn uniformly among those
 * where the hidden plan has a student, then 2 among those where it has two,
 * and so on, until they sum to `excess` of the plan's student-periods. Small
 * cohorts get minimums of 1 only, as I40_12_1 has. */
static rp_status draw_minimums(rp_mssgen *g, const int *load, double excess, rp_rng *r)
{
    size_t n_cells = (size_t)g->hospitals * (size_t)g->disciplines * (size_t)g->horizon;
    long demand = 0;
    for (size_t c = 0; c < n_cells; c++)
        demand += load[c];
    int *level = malloc((n_cells ? n_cells : 1) * sizeof *level);
    if (!level)
        return RP_ERR_NOMEM;
    long left = lround(excess * (double)demand);
    for (int k = 1; left > 0; k++) {
        int n = 0;
        for (size_t c = 0; c < n_cells; c++)
            if (load[c] >= k)
                level[n++] = (int)c;
        if (n == 0)
            break;
        rp_rng_shuffle(r, level, n);
        for (int i = 0; i < n && left > 0; i++, left--)
            g->min_pos[level[i]] = k;
    }
    free(level);
    return RP_OK;
}

static rp_status draw_students(rp_mssgen *g, rp_rng *r, int **load_out)
{
    size_t n_cells = (size_t)g->hospitals * (size_t)g->disciplines * (size_t)g->horizon;
    int D = g->disciplines;
    student_draw w = {
        .members = malloc((size_t)D * sizeof *w.members),
        .chosen = malloc((size_t)D * sizeof *w.chosen),
        .order = malloc((size_t)D * sizeof *w.order),
        .gap = malloc((size_t)(D + 1) * sizeof *w.gap),
        .per_hosp = malloc((size_t)g->hospitals * sizeof *w.per_hosp),
        .hosp_ok = malloc((size_t)g->hospitals * sizeof *w.hosp_ok),
        .load = calloc(n_cells, sizeof *w.load),
    };
    rp_status st = RP_ERR_NOMEM;
    if (w.members && w.chosen && w.order && w.gap && w.per_hosp && w.hosp_ok && w.load) {
        for (int s = 0; s < g->students; s++)
            draw_student(g, &w, s, r);
        *load_out = w.load;
        w.load = NULL;
        st = RP_OK;
    }
    free(w.members);
    free(w.chosen);
    free(w.order);
    free(w.gap);
    free(w.per_hosp);
    free(w.hosp_ok);
    free(w.load);
    return st;
}

rp_status rp_mssgen_build(const rp_mssgen_params *given, rp_mssgen **out, char *why,
                          size_t why_size)
{
    *out = NULL;
    rp_mssgen_params p = *given;
    if (!settle_params(&p, why, why_size))
        return RP_ERR_INVALID;
    rp_mssgen *g = calloc(1, sizeof *g);
    if (!g)
        return RP_ERR_NOMEM;
    g->students = p.students;
    g->disciplines = p.disciplines;
    g->hospitals = p.hospitals;
    g->duration = p.duration;
    g->horizon = p.disciplines * p.duration;
    g->groups = p.groups;
    g->seed = p.seed;
    g->cap_lo = p.cap_lo;
    g->cap_hi = p.cap_hi;
    int D = p.disciplines, per_hosp = D - D / 12, spread = (D + p.hospitals - 1) / p.hospitals;
    g->max_disc_per_hosp = per_hosp > spread ? per_hosp : spread;

    int *load = NULL;
    rp_rng r_disc = stream(p.seed, PH_DISCIPLINES), r_cap = stream(p.seed, PH_CAPACITY);
    rp_rng r_stud = stream(p.seed, PH_STUDENTS), r_avail = stream(p.seed, PH_AVAILABILITY);
    rp_rng r_ab = stream(p.seed, PH_ABILITY), r_pref = stream(p.seed, PH_PREFERENCES);
    rp_rng r_min = stream(p.seed, PH_MINIMUMS);
    rp_status st = allocate(g);
    if (!st)
        st = draw_disciplines(g, p.density, &r_disc);
    if (!st) {
        draw_capacities(g, &r_cap);
        st = draw_students(g, &r_stud, &load);
    }
    if (!st)
        st = draw_availability(g, &r_avail);
    if (!st) {
        draw_ability(g, p.ability_zero, &r_ab);
        draw_preferences(g, &r_pref);
        st = draw_minimums(g, load, p.excess, &r_min);
    }
    free(load);
    if (st) {
        rp_mssgen_free(&g);
        return st;
    }
    *out = g;
    return RP_OK;
}

rp_mssgen_features rp_mssgen_measure(const rp_mssgen *g)
{
    rp_mssgen_features f = {0};
    int D = g->disciplines;
    for (size_t i = 0; i < (size_t)g->students * (size_t)g->groups; i++)
        f.demand += g->stud_disc_group[i];
    f.demand *= g->duration;
    size_t n_cells = (size_t)g->hospitals * (size_t)D * (size_t)g->horizon;
    for (size_t c = 0; c < n_cells; c++) {
        f.capacity += g->max_pos[c];
        f.minimum += g->min_pos[c];
    }
    int depth[RP_MSSGEN_MAX_DISCIPLINES] = {0};
    for (int a = 0; a < D; a++)
        for (int b = 0; b < D; b++)
            f.prerequisites += requires(g, a, b);
    /* longest chain: D rounds of relaxation settle any acyclic graph */
    for (int round = 0; round < D; round++)
        for (int a = 0; a < D; a++)
            for (int b = 0; b < D; b++)
                if (requires(g, a, b) && depth[b] + 1 > depth[a])
                    depth[a] = depth[b] + 1;
    for (int d = 0; d < D; d++)
        f.depth = depth[d] > f.depth ? depth[d] : f.depth;
    return f;
}
