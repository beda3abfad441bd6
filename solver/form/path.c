/*
 * Each student's weeks as a path, and the worst-off student.
 *
 * Nodes, per student: A(w, g) "week w begins, nothing is running, the last
 * hospital attended is g" (g = none before the first rotation; w = 0 .. weeks,
 * the last meaning "after the horizon"); the path starts at A(f, none), f
 * the first week of the student's intake (0 without one), and leaves the
 * network by a stop arc. Arcs:
 *   idle   A(w, g) -> A(w+1, g)          costs weight.idle
 *   stop   A(w, g) -> out                no rotation from week w on
 *   x      rotation of length L at hospital h starting in week t:
 *          A(t, none) -> A(t+L, none)     when hospitals are not tracked
 *          S(t, h) -> A(t+L, h)           when they are, where S(t, h) is
 *                                         "a rotation at h starts in week t":
 *   first  A(t, none) -> S(t, h)          the first rotation: no change
 *   stay   A(t, h) -> S(t, h)             same hospital again: no change
 *   leave  A(t, g) -> C(t)                then
 *   change C(t) -> S(t, h)                a new hospital: costs weight.change
 * (leave + change from g back to g costs a change for nothing and is never
 * chosen.) Idle weeks before the first rotation and unavailable weeks are idle
 * arcs like any other; after the last rotation the path stops instead, so
 * exactly the weeks before the last rotation cost. Hospitals are tracked only
 * when a change costs something and the student can go to two hospitals or
 * more; otherwise every A(w, .) is A(w, none).
 *
 * Flow conservation (in - out = 0, and -1 at the start node) makes every
 * feasible 0/1 solution a path, so a student is in one place at a time
 * (rule 1), and the path polytope of one student is integral.
 *
 * The worst-off student: worst <= score[s] for every s, worst in the
 * objective with weight fairness.
 */
#include <stdlib.h>
#include <string.h>

#include "solver/form/build.h"

typedef struct work {
    int *by_start;  /* the student's x columns ordered by start week */
    int *first_of;  /* [weeks+1] by_start index of the first x starting in week w */
    char *reach;    /* [(weeks+1) x states] A(w, g) is on some path */
    int *node;      /* [(weeks+1) x states] row of A(w, g), or -1 */
    int *start;     /* [weeks x hospitals] row of S(t, h), or -1 */
    int *change;    /* [weeks] row of C(t), or -1 */
    char *starts;   /* [weeks x hospitals] some x at hospital h starts in week t */
} work;

static int x_length(const rp_form *f, int j)
{
    return f->model->disciplines[f->col_tags[j].discipline].length;
}

static bool must_rotate(const rp_student *s)
{
    if (s->n_pins > 0)
        return true;
    for (int r = 0; r < s->n_requirements; r++)
        if (s->requirements[r].min > 0)
            return true;
    return false;
}

bool rp_form_tracks_hospital(const rp_form *f, int si)
{
    if (f->model->students[si].weights.change <= 0)
        return false;
    int first = -1;
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++) {
        int h = f->col_tags[j].hospital;
        if (first < 0)
            first = h;
        else if (h != first)
            return true;
    }
    return false;
}

/* Adds col's part of the student's score to the row that sums it: the
 * score column's definition (score - sum = 0), else the worst row
 * (worst - sum <= 0). */
static void add_to_score(rp_form *f, int si, int col, double score)
{
    if (score == 0)
        return;
    if (f->score_rows)
        rp_lp_add_coef(f->lp, f->score_rows[si], col, -score);
    else if (f->worst_col >= 0)
        rp_lp_add_coef(f->lp, f->worst_rows[si], col, -score);
}

/* Orders the student's x columns by start week (counting sort). */
static void bucket_by_start(const rp_form *f, int si, work *wk)
{
    int T = f->model->weeks;
    memset(wk->first_of, 0, ((size_t)T + 2) * sizeof *wk->first_of);
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
        wk->first_of[f->col_tags[j].week + 1]++;
    for (int w = 0; w <= T; w++)
        wk->first_of[w + 1] += wk->first_of[w];
    int *next = wk->first_of + T + 2; /* scratch: fill positions */
    memcpy(next, wk->first_of, ((size_t)T + 1) * sizeof *next);
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
        wk->by_start[next[f->col_tags[j].week]++] = j;
}

typedef struct student_ctx {
    rp_form *f;
    work *wk;
    int si, states;
    bool tracks;
    const char *id;
} student_ctx;

static const char *state_name(const rp_model *m, int g)
{
    return g == 0 ? "" : m->hospitals[g - 1].id;
}

/* Row of A(w, g), made on first use. */
static int node_row(student_ctx *c, int w, int g)
{
    int *slot = &c->wk->node[(size_t)w * c->states + g];
    if (*slot < 0) {
        const rp_model *m = c->f->model;
        double b = w == c->f->model->students[c->si].first_week && g == 0 ? -1 : 0;
        *slot = rp_form_new_row(
            c->f, rp_form_tag_make(RP_FORM_ROW_WEEK_NODE, c->si, -1, g - 1, -1, w, -1), b, b,
            "path[%s,w%d%s%s]", c->id, w + 1, g ? "," : "", state_name(m, g));
    }
    return *slot;
}

static int start_row(student_ctx *c, int t, int h)
{
    int *slot = &c->wk->start[(size_t)t * c->f->model->n_hospitals + h];
    if (*slot < 0)
        *slot = rp_form_new_row(
            c->f, rp_form_tag_make(RP_FORM_ROW_START_NODE, c->si, -1, h, -1, t, -1), 0, 0,
            "start[%s,w%d,%s]", c->id, t + 1, c->f->model->hospitals[h].id);
    return *slot;
}

static int change_row(student_ctx *c, int t)
{
    int *slot = &c->wk->change[t];
    if (*slot < 0)
        *slot = rp_form_new_row(
            c->f, rp_form_tag_make(RP_FORM_ROW_CHANGE_NODE, c->si, -1, -1, -1, t, -1), 0, 0,
            "changing[%s,w%d]", c->id, t + 1);
    return *slot;
}

/* An arc column from row `from` to row `to` (either may be -1: outside). */
static int arc(student_ctx *c, rp_form_col_kind kind, int w, int hospital, int item,
               double score, int from, int to, const char *prefix, const char *where)
{
    rp_form *f = c->f;
    double obj = f->options.score_columns ? 0 : score;
    int col = rp_form_new_col(f, rp_form_tag_make(kind, c->si, -1, hospital, -1, w, item),
                              RP_LP_BINARY, 0, 1, obj, score, "%s[%s,w%d%s%s]", prefix, c->id,
                              w + 1, where[0] ? "," : "", where);
    if (col < 0)
        return -1;
    if (from >= 0)
        rp_lp_add_coef(f->lp, from, col, -1);
    if (to >= 0)
        rp_lp_add_coef(f->lp, to, col, 1);
    add_to_score(f, c->si, col, score);
    return col;
}

static void find_reach(student_ctx *c, int last_start)
{
    const rp_form *f = c->f;
    work *wk = c->wk;
    int T = f->model->weeks;
    memset(wk->reach, 0, ((size_t)T + 1) * c->states);
    wk->reach[(size_t)f->model->students[c->si].first_week * c->states] = 1; /* the start */
    for (int w = 0; w < T; w++) {
        bool any = false;
        for (int g = 0; g < c->states; g++)
            any = any || wk->reach[(size_t)w * c->states + g];
        if (!any)
            continue;
        for (int g = 0; g < c->states; g++)
            if (wk->reach[(size_t)w * c->states + g] && w + 1 <= last_start)
                wk->reach[(size_t)(w + 1) * c->states + g] = 1;
        for (int k = wk->first_of[w]; k < wk->first_of[w + 1]; k++) {
            int j = wk->by_start[k];
            int g = c->tracks ? 1 + f->col_tags[j].hospital : 0;
            wk->reach[(size_t)(w + x_length(f, j)) * c->states + g] = 1;
        }
    }
}

/* The arcs leaving A(w, g) other than rotations themselves. */
static void week_node_arcs(student_ctx *c, int w, int g, int last_start, bool may_stop)
{
    rp_form *f = c->f;
    const rp_model *m = f->model;
    const rp_student *s = &m->students[c->si];
    int H = m->n_hospitals;
    int row = node_row(c, w, g);
    const char *here = state_name(m, g);
    /* untracked, state 0 also follows rotations; tracked, it means none yet
     * and a student who must rotate cannot stop there */
    if (g != 0 || may_stop || !c->tracks)
        arc(c, RP_FORM_COL_STOP, w, g - 1, g - 1, 0, row, -1, "stop", here);
    if (w + 1 <= last_start)
        arc(c, RP_FORM_COL_IDLE, w, g - 1, g - 1, -(double)s->weights.idle, row,
            node_row(c, w + 1, g), "idle", here);
    if (!c->tracks || w >= m->weeks)
        return;
    bool elsewhere = false;
    for (int h = 0; h < H; h++) {
        if (!c->wk->starts[(size_t)w * H + h])
            continue;
        if (g == 0)
            arc(c, RP_FORM_COL_ENTER, w, h, -1, 0, row, start_row(c, w, h), "first",
                m->hospitals[h].id);
        else if (g == 1 + h)
            arc(c, RP_FORM_COL_ENTER, w, h, h, 0, row, start_row(c, w, h), "stay",
                m->hospitals[h].id);
        else
            elsewhere = true;
    }
    if (elsewhere)
        arc(c, RP_FORM_COL_LEAVE, w, -1, g - 1, 0, row, change_row(c, w), "leave", here);
}

static rp_status student_path(rp_form *f, int si, work *wk)
{
    const rp_model *m = f->model;
    const rp_student *s = &m->students[si];
    int T = m->weeks, H = m->n_hospitals;
    student_ctx c = {f, wk, si, 1, rp_form_tracks_hospital(f, si), s->id};
    if (c.tracks)
        c.states = H + 1;
    bucket_by_start(f, si, wk);
    int last_start = -1;
    memset(wk->starts, 0, (size_t)T * H);
    for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++) {
        const rp_form_tag *tg = &f->col_tags[j];
        wk->starts[(size_t)tg->week * H + tg->hospital] = 1;
        if (tg->week > last_start)
            last_start = tg->week;
    }
    for (size_t i = 0; i < ((size_t)T + 1) * c.states; i++)
        wk->node[i] = -1;
    for (size_t i = 0; i < (size_t)T * H; i++)
        wk->start[i] = -1;
    for (int t = 0; t < T; t++)
        wk->change[t] = -1;
    find_reach(&c, last_start);
    bool may_stop = !must_rotate(s) || f->options.may_stop_early;
    for (int w = 0; w <= T; w++) {
        for (int g = 0; g < c.states; g++)
            if (wk->reach[(size_t)w * c.states + g])
                week_node_arcs(&c, w, g, last_start, may_stop);
        if (w == T)
            break;
        if (c.tracks && wk->change[w] >= 0)
            for (int h = 0; h < H; h++)
                if (wk->starts[(size_t)w * H + h])
                    arc(&c, RP_FORM_COL_CHANGE, w, h, -1, -(double)s->weights.change,
                        wk->change[w], start_row(&c, w, h), "change", m->hospitals[h].id);
        /* the rotations themselves: the x columns made in form.c */
        for (int k = wk->first_of[w]; k < wk->first_of[w + 1]; k++) {
            int j = wk->by_start[k];
            int h = f->col_tags[j].hospital;
            int from = c.tracks ? start_row(&c, w, h) : node_row(&c, w, 0);
            int to = node_row(&c, w + x_length(f, j), c.tracks ? 1 + h : 0);
            if (from < 0 || to < 0)
                return RP_ERR_NOMEM;
            rp_lp_add_coef(f->lp, from, j, -1);
            rp_lp_add_coef(f->lp, to, j, 1);
        }
        RP_TRY(rp_lp_status(f->lp));
    }
    if (wk->node[(size_t)s->first_week * c.states] < 0) /* no path at all: still starts */
        node_row(&c, s->first_week, 0);
    return rp_lp_status(f->lp);
}

/* With options.score_columns, each student's score column and the row
 * defining it, holding the x part of the score; path columns add theirs as
 * they are made. */
static rp_status score_columns(rp_form *f)
{
    const rp_model *m = f->model;
    if (!f->options.score_columns || m->n_students == 0)
        return RP_OK;
    f->score_cols = malloc((size_t)m->n_students * sizeof *f->score_cols);
    f->score_rows = malloc((size_t)m->n_students * sizeof *f->score_rows);
    if (!f->score_cols || !f->score_rows)
        return RP_ERR_NOMEM;
    for (int si = 0; si < m->n_students; si++) {
        const char *id = m->students[si].id;
        f->score_cols[si] = rp_form_new_col(
            f, rp_form_tag_make(RP_FORM_COL_SCORE, si, -1, -1, -1, -1, -1), RP_LP_INTEGER,
            -RP_LP_INF, RP_LP_INF, 1, 0, "score[%s]", id);
        f->score_rows[si] = rp_form_new_row(
            f, rp_form_tag_make(RP_FORM_ROW_SCORE, si, -1, -1, -1, -1, -1), 0, 0, "score[%s]", id);
        if (f->score_cols[si] < 0 || f->score_rows[si] < 0)
            return RP_ERR_NOMEM;
        rp_lp_add_coef(f->lp, f->score_rows[si], f->score_cols[si], 1);
        for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
            add_to_score(f, si, j, f->score_coef[j]);
    }
    return rp_lp_status(f->lp);
}

/* The worst-off student's column and one row per student: worst <= score,
 * the score being the student's score column or, without those, the x part
 * of the score plus what path columns add as they are made. */
static rp_status worst_rows(rp_form *f)
{
    const rp_model *m = f->model;
    if (m->objective.fairness == 0 || m->n_students == 0)
        return RP_OK;
    f->worst_rows = malloc((size_t)m->n_students * sizeof *f->worst_rows);
    if (!f->worst_rows)
        return RP_ERR_NOMEM;
    f->worst_col = rp_form_new_col(f, rp_form_tag_make(RP_FORM_COL_WORST, -1, -1, -1, -1, -1, -1),
                                   RP_LP_INTEGER, -RP_LP_INF, RP_LP_INF,
                                   (double)m->objective.fairness, 0, "worst");
    for (int si = 0; si < m->n_students; si++) {
        f->worst_rows[si] = rp_form_new_row(
            f, rp_form_tag_make(RP_FORM_ROW_WORST, si, -1, -1, -1, -1, -1), -RP_LP_INF, 0,
            "worst[%s]", m->students[si].id);
        if (f->worst_rows[si] < 0)
            return RP_ERR_NOMEM;
        rp_lp_add_coef(f->lp, f->worst_rows[si], f->worst_col, 1);
        if (f->score_cols)
            rp_lp_add_coef(f->lp, f->worst_rows[si], f->score_cols[si], -1);
        else
            for (int j = f->x_first[si]; j < f->x_first[si + 1]; j++)
                add_to_score(f, si, j, f->score_coef[j]);
    }
    return rp_lp_status(f->lp);
}

rp_status rp_form_add_paths(rp_form *f)
{
    const rp_model *m = f->model;
    size_t T = (size_t)m->weeks, H = (size_t)m->n_hospitals;
    int most_x = 0;
    for (int si = 0; si < m->n_students; si++)
        if (f->x_first[si + 1] - f->x_first[si] > most_x)
            most_x = f->x_first[si + 1] - f->x_first[si];
    f->aux_first = calloc((size_t)m->n_students + 1, sizeof *f->aux_first);
    work wk = {
        malloc(((size_t)most_x + 1) * sizeof(int)),
        malloc((2 * T + 4) * sizeof(int)),
        malloc((T + 1) * (H + 1)),
        malloc((T + 1) * (H + 1) * sizeof(int)),
        malloc((T * H + 1) * sizeof(int)),
        malloc((T + 1) * sizeof(int)),
        malloc(T * H + 1),
    };
    rp_status st = RP_ERR_NOMEM;
    if (!f->aux_first || !wk.by_start || !wk.first_of || !wk.reach || !wk.node || !wk.start ||
        !wk.change || !wk.starts)
        goto done;
    RP_TRY_GOTO(score_columns(f), done);
    RP_TRY_GOTO(worst_rows(f), done);
    for (int si = 0; si < m->n_students; si++) {
        f->aux_first[si] = f->lp->n_cols;
        RP_TRY_GOTO(student_path(f, si, &wk), done);
    }
    f->aux_first[m->n_students] = f->lp->n_cols;
    st = RP_OK;
done:
    free(wk.by_start);
    free(wk.first_of);
    free(wk.reach);
    free(wk.node);
    free(wk.start);
    free(wk.change);
    free(wk.starts);
    return st;
}
