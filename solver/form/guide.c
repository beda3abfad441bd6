/*
 * Who guides each rotation: team capacity rows, and guide columns where a
 * rotation has a choice of teams.
 *
 * Why teams and not supervisors or departments: a count per department and
 * week is not enough once leave splits a rotation (two supervisors, one away
 * in weeks 1-2, the other in weeks 3-4, each week has room for one student
 * but no supervisor can take a four-week rotation). Columns per supervisor
 * would be exact but multiply the program by the supervisors of a
 * department. Supervisors present in the same weeks (and alike in pool and
 * languages) are interchangeable: a rotation goes to a team present in all
 * its weeks, and when no team holds more rotations in a week than the sum of
 * its members' ratios, sorting the team's rotations by first week and
 * giving each a free place of a member (interval colouring) always succeeds,
 * so the count per team and week is exact. A supervisor a pin names is a
 * team alone, so that pinned rotations never need the colouring to bend.
 */
#include <stdlib.h>
#include <string.h>

#include "solver/form/build.h"
#include "solver/form/may_start.h"

#define REF_LEN 512

static int x_length(const rp_form *f, int j)
{
    return f->model->disciplines[f->col_tags[j].discipline].length;
}

/* Adds column col's weeks to the capacity rows of team t (made on first use
 * by the caller's count). */
static void count_in_team(rp_form *f, int t, int col, int start, int length)
{
    int W = f->model->weeks;
    for (int w = start; w < start + length; w++) {
        int row = f->team_rows[(size_t)t * W + w];
        if (row >= 0)
            rp_lp_add_coef(f->lp, row, col, 1);
    }
}

/* Team rows that can bind (more could be guided than the capacity). */
static rp_status team_rows(rp_form *f, const int *could)
{
    const rp_model *m = f->model;
    int W = m->weeks;
    char ref[REF_LEN];
    for (int t = 0; t < m->n_teams; t++) {
        const rp_team *team = &m->teams[t];
        for (int w = 0; w < W; w++) {
            int n = could[(size_t)t * W + w];
            if (n <= team->capacity[w] && !(f->options.keep_redundant_rows && n > 0))
                continue;
            const rp_department *dep = &m->departments[team->department];
            f->team_rows[(size_t)t * W + w] = rp_form_new_row(
                f,
                rp_form_tag_make(RP_FORM_ROW_TEAM, -1, team->department, dep->hospital,
                                 dep->discipline, w, t),
                -RP_LP_INF, team->capacity[w], "team[%s,%d,w%d]",
                rp_form_dept_ref(m, team->department, ref, sizeof ref),
                t - dep->first_team + 1, w + 1);
        }
    }
    return rp_lp_status(f->lp);
}

rp_status rp_form_add_guides(rp_form *f)
{
    const rp_model *m = f->model;
    if (m->n_teams == 0)
        return RP_OK;
    int W = m->weeks;
    f->x_team = malloc(((size_t)f->n_x + 1) * sizeof *f->x_team);
    f->guide_start = calloc((size_t)f->n_x + 2, sizeof *f->guide_start);
    f->team_rows = malloc(((size_t)m->n_teams * W + 1) * sizeof *f->team_rows);
    int *could = calloc((size_t)m->n_teams * W + 1, sizeof *could);
    rp_status st = RP_ERR_NOMEM;
    if (!f->x_team || !f->guide_start || !f->team_rows || !could)
        goto done;
    for (size_t i = 0; i < (size_t)m->n_teams * W; i++)
        f->team_rows[i] = -1;
    /* First the choices of every x column, counting what each team could get. */
    int n_guides = 0;
    for (int j = 0; j < f->n_x; j++) {
        const rp_form_tag *tg = &f->col_tags[j];
        const rp_department *dep = &m->departments[tg->department];
        int choices = 0, only = -1;
        for (int t = dep->first_team; t < dep->first_team + dep->n_teams; t++) {
            if (!rp_may_guide(m, tg->student, tg->department, t, tg->week, RP_PINS_KEPT))
                continue;
            choices++;
            only = t;
            for (int w = tg->week; w < tg->week + x_length(f, j); w++)
                could[(size_t)t * W + w]++;
        }
        f->x_team[j] = choices == 1 ? only : -1;
        f->guide_start[j + 1] = choices > 1 ? choices : 0;
        n_guides += f->guide_start[j + 1];
    }
    for (int j = 0; j < f->n_x; j++)
        f->guide_start[j + 1] += f->guide_start[j];
    f->guide_cols = malloc(((size_t)n_guides + 1) * sizeof *f->guide_cols);
    if (!f->guide_cols)
        goto done;
    RP_TRY_GOTO(team_rows(f, could), done);
    char ref[REF_LEN];
    for (int j = 0; j < f->n_x; j++) {
        rp_form_tag tg = f->col_tags[j]; /* a copy: new columns move the tags */
        int L = x_length(f, j);
        if (f->x_team[j] >= 0) {
            count_in_team(f, f->x_team[j], j, tg.week, L);
            continue;
        }
        if (f->guide_start[j + 1] == f->guide_start[j])
            continue;
        const rp_department *dep = &m->departments[tg.department];
        const char *sid = m->students[tg.student].id;
        const char *dref = f->options.names ? rp_form_dept_ref(m, tg.department, ref, sizeof ref)
                                            : "";
        int row = rp_form_new_row(f,
                                  rp_form_tag_make(RP_FORM_ROW_GUIDE, tg.student, tg.department,
                                                   tg.hospital, tg.discipline, tg.week, -1),
                                  0, 0, "guide[%s,%s,w%d]", sid, dref, tg.week + 1);
        if (row < 0)
            goto done;
        rp_lp_add_coef(f->lp, row, j, 1);
        int k = f->guide_start[j];
        for (int t = dep->first_team; t < dep->first_team + dep->n_teams; t++) {
            if (!rp_may_guide(m, tg.student, tg.department, t, tg.week, RP_PINS_KEPT))
                continue;
            int col = rp_form_new_col(
                f,
                rp_form_tag_make(RP_FORM_COL_GUIDE, tg.student, tg.department, tg.hospital,
                                 tg.discipline, tg.week, t),
                RP_LP_BINARY, 0, 1, 0, 0, "y[%s,%s,w%d,%d]", sid, dref, tg.week + 1,
                t - dep->first_team + 1);
            if (col < 0)
                goto done;
            f->guide_cols[k++] = col;
            rp_lp_add_coef(f->lp, row, col, -1);
            count_in_team(f, t, col, tg.week, L);
        }
    }
    st = rp_lp_status(f->lp);
done:
    free(could);
    return st;
}

int rp_form_team_row(const rp_form *f, int team, int week)
{
    if (!f->team_rows || team < 0 || team >= f->model->n_teams || week < 0 ||
        week >= f->model->weeks)
        return -1;
    return f->team_rows[(size_t)team * f->model->weeks + week];
}

int rp_form_x_team(const rp_form *f, int j, const double *values)
{
    if (!f->x_team || j < 0 || j >= f->n_x)
        return -1;
    if (f->x_team[j] >= 0)
        return f->x_team[j];
    int best = -1;
    double most = 0.5;
    for (int k = f->guide_start[j]; k < f->guide_start[j + 1]; k++) {
        int col = f->guide_cols[k];
        if (values[col] > most) {
            most = values[col];
            best = f->col_tags[col].item;
        }
    }
    return best;
}
