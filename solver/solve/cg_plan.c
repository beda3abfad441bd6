/* Schedules into plans: the pool, the integer master and its groups. */
#include "solver/solve/cg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/rng.h"

#define INTEGER_NODES 2000

int rp_cg_schedule_cells(const cg *g, const rp_schedule *sc, int *cells)
{
    return rp_schedule_cells(g->m, sc, cells);
}

/* Adds a schedule of s to the pool and the master unless s has it already
 * (a retired column of it is restored, and counts as added). RP_ERR_NOMEM
 * or RP_ERR_SOLVER. */
rp_status rp_cg_add_column(cg *g, int s, const rp_schedule *sc, bool *added)
{
    *added = false;
    for (int k = g->first_of[s]; k >= 0; k = g->next_of[k])
        if (rp_schedule_equal(&g->pool[k], sc)) {
            /* priced again: it is worth the master's work once more */
            *added = rp_master_retired(g->master, k);
            rp_master_restore(g->master, k);
            return RP_OK;
        }
    if (g->n_pool == g->cap_pool) {
        int cap = g->cap_pool ? 2 * g->cap_pool : 1024;
        rp_schedule *p = realloc(g->pool, (size_t)cap * sizeof *p);
        if (p)
            g->pool = p;
        int *nx = realloc(g->next_of, (size_t)cap * sizeof *nx);
        if (nx)
            g->next_of = nx;
        if (!p || !nx)
            return RP_ERR_NOMEM;
        memset(g->pool + g->cap_pool, 0, (size_t)(cap - g->cap_pool) * sizeof *p);
        g->cap_pool = cap;
    }
    int k = g->n_pool;
    RP_TRY(rp_schedule_copy(&g->pool[k], sc));
    int n = rp_cg_schedule_cells(g, sc, g->cells);
    int col = rp_master_add(g->master, s, (double)sc->score, g->cells, n);
    if (col < 0)
        return RP_ERR_SOLVER;
    g->n_pool++;
    g->next_of[k] = g->first_of[s];
    g->first_of[s] = k;
    *added = true;
    return RP_OK;
}

rp_status rp_cg_plan_of(cg *g, const int *choice, rp_plan **out, double *objective)
{
    const rp_schedule **of = malloc(((size_t)g->S + 1) * sizeof *of);
    if (!of)
        return RP_ERR_NOMEM;
    long sum = 0, worst = 0;
    for (int s = 0; s < g->S; s++) {
        const rp_schedule *sc = &g->pool[choice[s]];
        of[s] = sc;
        sum += sc->score;
        if (s == 0 || sc->score < worst)
            worst = sc->score;
    }
    /* a choice keeping every team-week row always finds its supervisors */
    rp_status st = rp_schedules_to_plan(g->m, of, out);
    free(of);
    if (st == RP_ERR_NOMEM)
        return st;
    *objective = (double)sum + (double)g->m->objective.fairness * (double)worst;
    return RP_OK;
}

rp_status rp_cg_offer_choice(cg *g, const int *choice)
{
    rp_plan *plan = NULL;
    double value;
    RP_TRY(rp_cg_plan_of(g, choice, &plan, &value));
    if (plan && (!g->res->plan || value > g->res->objective + 0.5)) {
        rp_plan_free(&g->res->plan);
        g->res->plan = plan;
        g->res->objective = value;
    } else {
        rp_plan_free(&plan);
    }
    return RP_OK;
}

/* choice[s]: the pool schedule student s has in the best plan known, or -1
 * (no plan known, or a schedule of it not in the pool). */
static rp_status known_plan_choice(const cg *g, int *choice)
{
    for (int s = 0; s < g->S; s++)
        choice[s] = -1;
    if (!g->res->plan)
        return RP_OK;
    rp_schedule *mine = calloc((size_t)g->S + 1, sizeof *mine);
    if (!mine)
        return RP_ERR_NOMEM;
    rp_status st = rp_schedules_from_plan(g->m, g->res->plan, mine);
    for (int s = 0; st == RP_OK && s < g->S; s++)
        for (int k = g->first_of[s]; k >= 0 && choice[s] < 0; k = g->next_of[k])
            if (rp_schedule_equal(&g->pool[k], &mine[s]))
                choice[s] = k;
    for (int s = 0; s < g->S; s++)
        rp_schedule_clear(&mine[s]);
    free(mine);
    return st;
}

/* The integer master from the best plan known; keeps a better plan with no
 * slack. */
static rp_status integer_master(cg *g, int *choice)
{
    RP_TRY(known_plan_choice(g, choice));
    rp_master_limits lim = {g->deadline, g->opt->interrupt};
    double objective, slack;
    int nodes = g->opt->integer_nodes > 0 ? g->opt->integer_nodes : INTEGER_NODES;
    rp_status st = rp_master_integer(g->master, &lim, nodes, choice, &objective, &slack);
    if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
        return RP_OK;
    RP_TRY(st);
    if (slack > 0.5)
        return RP_OK;
    for (int s = 0; s < g->S; s++)
        if (choice[s] < 0)
            return RP_OK;
    return rp_cg_offer_choice(g, choice);
}


/* Students at most whose whole integer master is searched; larger cohorts
 * are picked again a group at a time. */
#define WHOLE_MASTER_STUDENTS 400
#define GROUP 150           /* students picked again at once */
#define GROUP_NODES 300     /* branch-and-bound nodes per group */
#define PASSES 3            /* over all students, while groups improve */

/* A choice (a pool column per student) with its loads and scores. */
typedef struct choice_state {
    int *choice;    /* [S] */
    int *load;      /* [C] */
    long *score;    /* [S] */
} choice_state;

static void load_column(cg *g, choice_state *cs, int k, int sign)
{
    int n = rp_cg_schedule_cells(g, &g->pool[k], g->cells);
    for (int i = 0; i < n; i++)
        cs->load[g->cells[i]] += sign;
}

/* Student-weeks over capacity or under a minimum in cell c. */
static double cell_slack(const cg *g, int c, double load)
{
    return fmax(0, load - g->cell_ub[c]) + fmax(0, g->cell_lb[c] - load);
}

/* The starting choice: the best plan's schedules, or else each student's
 * schedule of largest weight in the master's LP. */
static rp_status first_choice(cg *g, int *choice)
{
    RP_TRY(known_plan_choice(g, choice));
    for (int s = 0; s < g->S; s++) {
        double best = -1;
        if (choice[s] >= 0)
            continue;
        for (int k = g->first_of[s]; k >= 0; k = g->next_of[k]) {
            double weight = rp_master_weight(g->master, k);
            if (weight > best) {
                best = weight;
                choice[s] = k;
            }
        }
    }
    return RP_OK;
}

typedef struct group_master {
    int *student; /* [n] */
    int n;
    int *local;   /* [C] local cell index, or -1 */
    int *cells;   /* [C] the group's cells, by local index */
    int n_cells;
    int *column;  /* [columns] the pool column of each sub-master column */
    int n_columns, cap_columns;
} group_master;

/* Cells the group's schedules touch, numbered locally. */
static void group_cells(cg *g, group_master *gm)
{
    for (int i = 0; i < gm->n_cells; i++)
        gm->local[gm->cells[i]] = -1;
    gm->n_cells = 0;
    for (int i = 0; i < gm->n; i++)
        for (int k = g->first_of[gm->student[i]]; k >= 0; k = g->next_of[k]) {
            int n = rp_cg_schedule_cells(g, &g->pool[k], g->cells);
            for (int e = 0; e < n; e++)
                if (gm->local[g->cells[e]] < 0) {
                    gm->local[g->cells[e]] = gm->n_cells;
                    gm->cells[gm->n_cells++] = g->cells[e];
                }
        }
}

/* The objective the group's sub-master gives the current choice: the
 * group's scores, the worst-off term and the slack in the group's cells. */
static double group_value(cg *g, const choice_state *cs, const group_master *gm, double cap,
                          double penalty)
{
    double sum = 0, worst = cap, slack = 0;
    for (int i = 0; i < gm->n; i++) {
        long sc = cs->score[gm->student[i]];
        sum += (double)sc;
        worst = fmin(worst, (double)sc);
    }
    for (int i = 0; i < gm->n_cells; i++)
        slack += cell_slack(g, gm->cells[i], cs->load[gm->cells[i]]);
    return sum + (double)g->m->objective.fairness * worst - penalty * slack;
}

/* Picks the group's schedules again with everyone else fixed; *improved
 * when the choice changed for the better. */
static rp_status improve_group(cg *g, choice_state *cs, group_master *gm, double penalty,
                               bool *improved)
{
    *improved = false;
    for (int i = 0; i < gm->n; i++)
        load_column(g, cs, cs->choice[gm->student[i]], -1);
    group_cells(g, gm);
    double *lb = malloc(((size_t)gm->n_cells + 1) * sizeof *lb);
    double *ub = malloc(((size_t)gm->n_cells + 1) * sizeof *ub);
    int *local_cells = malloc((2 * (size_t)g->W + 1) * sizeof *local_cells);
    int *warm = malloc(((size_t)gm->n + 1) * sizeof *warm);
    rp_status st = lb && ub && local_cells && warm ? RP_OK : RP_ERR_NOMEM;
    double cap = g->score_range, fairness = g->m->objective.fairness;
    /* the others' worst score caps the group's worst-off term */
    char *in_group = NULL;
    if (st == RP_OK && fairness > 0) {
        in_group = calloc((size_t)g->S + 1, 1);
        if (!in_group)
            st = RP_ERR_NOMEM;
        for (int i = 0; in_group && i < gm->n; i++)
            in_group[gm->student[i]] = 1;
        for (int s = 0; in_group && s < g->S; s++)
            if (!in_group[s])
                cap = fmin(cap, (double)cs->score[s]);
    }
    rp_master *sub = NULL;
    if (st == RP_OK) {
        for (int i = 0; i < gm->n_cells; i++) {
            int c = gm->cells[i];
            lb[i] = g->cell_lb[c] - cs->load[c];
            ub[i] = g->cell_ub[c] - cs->load[c];
        }
        rp_master_shape shape = {gm->n, gm->n_cells, lb, ub, fairness, -g->score_range, cap,
                                 penalty, g->opt->mem_limit_mb};
        sub = rp_master_new(&shape);
        if (!sub)
            st = RP_ERR_NOMEM;
    }
    gm->n_columns = 0;
    for (int i = 0; st == RP_OK && i < gm->n; i++) {
        int s = gm->student[i];
        warm[i] = -1;
        for (int k = g->first_of[s]; st == RP_OK && k >= 0; k = g->next_of[k]) {
            int n = rp_cg_schedule_cells(g, &g->pool[k], local_cells);
            for (int e = 0; e < n; e++)
                local_cells[e] = gm->local[local_cells[e]];
            int col = rp_master_add(sub, i, (double)g->pool[k].score, local_cells, n);
            if (col < 0) {
                st = RP_ERR_SOLVER;
                break;
            }
            if (col >= gm->cap_columns) {
                int c2 = 2 * col + 64;
                int *grown = realloc(gm->column, (size_t)c2 * sizeof *grown);
                if (!grown) {
                    st = RP_ERR_NOMEM;
                    break;
                }
                gm->column = grown;
                gm->cap_columns = c2;
            }
            gm->column[col] = k;
            gm->n_columns = col + 1;
            if (k == cs->choice[s])
                warm[i] = col;
        }
    }
    double before = 0;
    if (st == RP_OK) {
        for (int i = 0; i < gm->n; i++)
            load_column(g, cs, cs->choice[gm->student[i]], +1);
        before = group_value(g, cs, gm, cap, penalty);
        for (int i = 0; i < gm->n; i++)
            load_column(g, cs, cs->choice[gm->student[i]], -1);
        rp_master_limits lim = {g->deadline, g->opt->interrupt};
        bool optimal;
        st = rp_master_solve(sub, &lim, 0, &optimal, NULL);
        double objective, slack;
        if (st == RP_OK)
            st = rp_master_integer(sub, &lim, GROUP_NODES, warm, &objective, &slack);
        if (st == RP_OK && objective > before + 0.5) {
            *improved = true;
            for (int i = 0; i < gm->n; i++) {
                int s = gm->student[i];
                cs->choice[s] = gm->column[warm[i]];
                cs->score[s] = g->pool[cs->choice[s]].score;
            }
        } else if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED || st == RP_OK) {
            st = RP_OK;
        }
    }
    for (int i = 0; i < gm->n; i++)
        load_column(g, cs, cs->choice[gm->student[i]], +1);
    rp_master_free(&sub);
    free(lb);
    free(ub);
    free(local_cells);
    free(warm);
    free(in_group);
    return st;
}

/* Groups of students picked again, pass after pass, while they improve: a
 * shuffled order each pass, the same for the same seed. */
static rp_status polish(cg *g, int *choice)
{
    choice_state cs = {choice, calloc((size_t)g->C + 1, sizeof(int)),
                       malloc(((size_t)g->S + 1) * sizeof(long))};
    group_master gm = {0};
    gm.student = malloc(((size_t)GROUP + 1) * sizeof *gm.student);
    gm.local = malloc(((size_t)g->C + 1) * sizeof *gm.local);
    gm.cells = malloc(((size_t)g->C + 1) * sizeof *gm.cells);
    int *order = malloc(((size_t)g->S + 1) * sizeof *order);
    rp_status st = cs.load && cs.score && gm.student && gm.local && gm.cells && order
                       ? first_choice(g, choice)
                       : RP_ERR_NOMEM;
    double penalty = (1 + g->m->objective.fairness) * 2 * g->score_range;
    if (st == RP_OK) {
        for (int c = 0; c < g->C; c++)
            gm.local[c] = -1;
        for (int s = 0; s < g->S; s++) {
            load_column(g, &cs, choice[s], +1);
            cs.score[s] = g->pool[choice[s]].score;
            order[s] = s;
        }
    }
    rp_rng rng = rp_rng_seeded(1);
    for (int pass = 0; st == RP_OK && pass < PASSES && !rp_cg_out_of_time(g); pass++) {
        rp_rng_shuffle(&rng, order, g->S);
        bool improved = false;
        for (int at = 0; st == RP_OK && at < g->S && !rp_cg_out_of_time(g); at += GROUP) {
            gm.n = g->S - at < GROUP ? g->S - at : GROUP;
            memcpy(gm.student, order + at, (size_t)gm.n * sizeof *gm.student);
            bool better;
            st = improve_group(g, &cs, &gm, penalty, &better);
            improved = improved || better;
        }
        if (!improved)
            break;
    }
    double slack = 0;
    for (int c = 0; st == RP_OK && c < g->C; c++)
        slack += cell_slack(g, c, cs.load[c]);
    if (st == RP_OK && slack == 0)
        st = rp_cg_offer_choice(g, choice);
    free(cs.load);
    free(cs.score);
    free(gm.student);
    free(gm.local);
    free(gm.cells);
    free(gm.column);
    free(order);
    return st;
}

rp_status rp_cg_combine(cg *g, int *choice)
{
    rp_master_limits lim = {g->deadline, g->opt->interrupt};
    bool optimal;
    rp_status st = rp_master_solve(g->master, &lim, 0, &optimal, NULL);
    if (st == RP_ERR_NO_PLAN || st == RP_ERR_INTERRUPTED)
        return RP_OK;
    RP_TRY(st);
    RP_TRY(rp_cg_dive(g, choice));
    if (g->S <= WHOLE_MASTER_STUDENTS)
        RP_TRY(integer_master(g, choice));
    if (rp_cg_out_of_time(g) || (g->res->plan && g->S <= GROUP))
        return RP_OK; /* the whole master was a group already */
    return polish(g, choice);
}
