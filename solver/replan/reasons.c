/* Each change undone in turn and the checker asked what breaks: the reasons
 * of a re-plan's moves, and the moves that buy nothing undone. */
#include "solver/replan/reasons.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/diagnose/finding.h"

typedef struct judge {
    const rp_model *m;
    const rp_plan *plan;
    const rp_changes *c;
    rp_check_report *base;   /* the new plan's check */
    rp_check_report *before; /* the plan in force's, against the changed config */
} judge;

/* Whether rotation r of the new plan goes when change ch is undone: its new
 * rotation, or the piece left of a rotation it cut. */
static bool undone_by(const rp_rotation *r, const rp_change *ch, int from_week)
{
    if (ch->to.department >= 0 && rp_rotation_same(r, &ch->to))
        return true;
    return ch->cut && r->student == ch->student && r->department == ch->from.department &&
           r->start == ch->from.start && r->start + r->length == from_week;
}

/* The plan with the changes flagged in undo[] undone, as a new plan. */
static rp_status undone_plan(const rp_plan *plan, const rp_changes *c, const bool *undo,
                             rp_plan **out)
{
    rp_plan *p = rp_plan_new();
    if (!p)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    for (int i = 0; st == RP_OK && i < plan->n_rotations; i++) {
        const rp_rotation *r = &plan->rotations[i];
        bool gone = false;
        for (int k = 0; !gone && k < c->count; k++)
            gone = undo[k] && undone_by(r, &c->items[k], c->from_week);
        if (!gone)
            st = rp_plan_add_guided(p, r->student, r->department, r->start, r->length,
                                    r->supervisor);
    }
    for (int k = 0; st == RP_OK && k < c->count; k++) {
        const rp_rotation *from = &c->items[k].from;
        if (undo[k] && from->department >= 0)
            st = rp_plan_add_guided(p, from->student, from->department, from->start,
                                    from->length, from->supervisor);
    }
    if (st) {
        rp_plan_free(&p);
        return st;
    }
    rp_plan_sort(p);
    *out = p;
    return RP_OK;
}

static rp_status check(const rp_model *m, const rp_plan *p, int from_week,
                       rp_check_report **out)
{
    rp_check_options co = {from_week};
    return rp_check_plan_with(m, p, &co, out);
}

static bool same_violation(const rp_violation *a, const rp_violation *b)
{
    return a->rule == b->rule && a->student == b->student && a->department == b->department &&
           a->week == b->week;
}

static bool reported(const rp_check_report *r, const rp_violation *v)
{
    for (int i = 0; i < r->n_violations; i++)
        if (same_violation(&r->violations[i], v))
            return true;
    return false;
}

/* Violations of `after` that the base plan does not have, into news[] (at
 * most after->n_violations); returns how many. */
static int new_violations(const rp_check_report *base, const rp_check_report *after,
                          const rp_violation **news)
{
    int n = 0;
    for (int i = 0; i < after->n_violations; i++)
        if (!reported(base, &after->violations[i]))
            news[n++] = &after->violations[i];
    return n;
}

/* The undoing of the flagged changes: whether it breaks nothing new, and
 * the score it loses (base objective - its objective). */
typedef struct trial {
    rp_check_report *report;
    const rp_violation **news;
    int n_news;
    long loss;
} trial;

static void trial_clear(trial *t)
{
    rp_check_report_free(&t->report);
    free(t->news);
    memset(t, 0, sizeof *t);
}

static rp_status try_undo(const judge *j, const bool *undo, trial *t)
{
    memset(t, 0, sizeof *t);
    rp_plan *p = NULL;
    RP_TRY(undone_plan(j->plan, j->c, undo, &p));
    rp_status st = check(j->m, p, j->c->from_week, &t->report);
    rp_plan_free(&p);
    if (st)
        return st;
    t->news = malloc(((size_t)t->report->n_violations + 1) * sizeof *t->news);
    if (!t->news) {
        trial_clear(t);
        return RP_ERR_NOMEM;
    }
    t->n_news = new_violations(j->base, t->report, t->news);
    t->loss = j->base->objective - t->report->objective;
    return RP_OK;
}

static bool department_rule(rp_rule rule)
{
    return rule == RP_RULE_CAPACITY || rule == RP_RULE_MINIMUM;
}

/* The change (other than k) that takes v's place: for a capacity, a change
 * moving a student into that department and week; for a minimum, one moving
 * a student out of it; for a student's own rule, another change of that
 * student. -1 when none. */
static int cause_of(const judge *j, int k, const rp_violation *v)
{
    const rp_changes *c = j->c;
    for (int i = 0; i < c->count; i++) {
        const rp_change *ch = &c->items[i];
        if (i == k)
            continue;
        if (department_rule(v->rule)) {
            const rp_rotation *r = v->rule == RP_RULE_CAPACITY ? &ch->to : &ch->from;
            if (r->department == v->department && r->start <= v->week &&
                v->week < r->start + r->length)
                return i;
        } else if (ch->student == v->student) {
            return i;
        }
    }
    return -1;
}

/* The weeks first..last around v's week in which the same department rule
 * breaks too (among news). */
static void rule_span(const trial *t, const rp_violation *v, int *first, int *last)
{
    *first = *last = v->week;
    for (bool grew = true; grew;) {
        grew = false;
        for (int i = 0; i < t->n_news; i++) {
            const rp_violation *o = t->news[i];
            if (o->rule != v->rule || o->department != v->department)
                continue;
            if (o->week == *first - 1 || o->week == *last + 1) {
                *first = o->week < *first ? o->week : *first;
                *last = o->week > *last ? o->week : *last;
                grew = true;
            }
        }
    }
}

static rp_status set_reason(rp_change *ch, rp_change_why why, const char *fmt, ...)
    RP_PRINTF(3, 4);

static rp_status set_reason(rp_change *ch, rp_change_why why, const char *fmt, ...)
{
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    free(ch->reason);
    ch->reason = strdup(text);
    ch->why = why;
    return ch->reason ? RP_OK : RP_ERR_NOMEM;
}

/* How a reason names another student: their id. */
static const char *student_id(const rp_model *m, int s)
{
    return m->students[s].id;
}

/* The reason of a department rule broken in weeks first..last. */
static rp_status department_reason(const judge *j, rp_change *ch, const rp_violation *v,
                                   const trial *t, int cause)
{
    const rp_model *m = j->m;
    int first, last;
    rule_span(t, v, &first, &last);
    char place[512], weeks[64];
    rp_describe_department(m, v->department, place, sizeof place);
    rp_format_week_span(first, last, weeks, sizeof weeks);
    const rp_department *d = &m->departments[v->department];
    bool capacity = v->rule == RP_RULE_CAPACITY;
    if (cause < 0) {
        const rp_dept_change *in_force = rp_dept_change_in_force(d, first, capacity);
        free(ch->note);
        ch->note = NULL;
        if (in_force && in_force->note && !(ch->note = strdup(in_force->note)))
            return RP_ERR_NOMEM;
        if (capacity && d->capacity[first] == 0)
            return set_reason(ch, RP_WHY_FORCED, "forced: %s is closed in %s", place, weeks);
        if (capacity)
            return set_reason(ch, RP_WHY_FORCED, "forced: %s over capacity in %s (capacity %d)",
                              place, weeks, d->capacity[first]);
        return set_reason(ch, RP_WHY_FORCED, "forced: %s below its minimum in %s (minimum %d)",
                          place, weeks, d->minimum[first]);
    }
    const char *other = student_id(m, j->c->items[cause].student);
    if (capacity)
        return set_reason(ch, RP_WHY_CHAIN, "forced: makes room in %s in %s for %s", place,
                          weeks, other);
    return set_reason(ch, RP_WHY_CHAIN, "forced: keeps %s at its minimum in %s after %s leaves",
                      place, weeks, other);
}

/* What undoing change k alone breaks: the first new violation the plan in
 * force breaks too (direct), else the first another change explains. */
typedef struct verdict {
    rp_change_why why;       /* FORCED, CHAIN (pending: forced when its cause is), GAIN,
                                NOTHING */
    int cause;               /* CHAIN: the change it makes way for */
    long loss;               /* GAIN/NOTHING: score lost by undoing it */
} verdict;

static rp_status judge_change(const judge *j, int k, bool *undo, verdict *out)
{
    rp_change *ch = &j->c->items[k];
    trial t;
    undo[k] = true;
    rp_status st = try_undo(j, undo, &t);
    undo[k] = false;
    if (st)
        return st;
    out->cause = -1;
    out->loss = t.loss;
    if (t.n_news == 0) {
        out->why = t.loss > 0 ? RP_WHY_GAIN : RP_WHY_NOTHING;
        trial_clear(&t);
        return RP_OK;
    }
    const rp_violation *direct = NULL, *chained = NULL;
    int cause = -1;
    for (int i = 0; i < t.n_news && !direct; i++)
        if (reported(j->before, t.news[i]))
            direct = t.news[i];
    for (int i = 0; i < t.n_news && !direct && cause < 0; i++)
        if ((cause = cause_of(j, k, t.news[i])) >= 0)
            chained = t.news[i];
    const rp_violation *v = direct ? direct : chained ? chained : t.news[0];
    if (department_rule(v->rule)) {
        st = department_reason(j, ch, v, &t, direct ? -1 : cause);
    } else if (!direct && cause >= 0) {
        const rp_change *o = &j->c->items[cause];
        char place[512] = "";
        if (o->to.department >= 0)
            rp_describe_department(j->m, o->to.department, place, sizeof place);
        st = set_reason(ch, RP_WHY_CHAIN, "forced: its weeks go to the student's move%s%s",
                        place[0] ? " to " : "", place);
    } else {
        st = set_reason(ch, RP_WHY_FORCED, "forced: %s", v->message);
    }
    out->why = ch->why;
    out->cause = direct ? -1 : cause;
    trial_clear(&t);
    return st;
}

/* Whether change k is forced, directly or through its chain of causes. */
static bool forced(const verdict *v, int k, int depth)
{
    if (v[k].why == RP_WHY_FORCED)
        return true;
    if (v[k].why != RP_WHY_CHAIN || v[k].cause < 0 || depth > 64)
        return false;
    return forced(v, v[k].cause, depth + 1);
}

/* A change that only makes way for unforced changes buys what they buy: it
 * is undone with them, and with what they make way for in turn. */
static rp_status judge_group(const judge *j, const verdict *v, int k, bool *undo)
{
    rp_change *ch = &j->c->items[k];
    for (int i = k, depth = 0; i >= 0 && !undo[i] && depth <= 64; i = v[i].cause, depth++)
        undo[i] = true;
    trial t;
    rp_status st = try_undo(j, undo, &t);
    char others[512] = "";
    size_t used = 0;
    for (int i = 0; i < j->c->count; i++) {
        if (undo[i] && i != k && j->c->items[i].student != ch->student && used < sizeof others) {
            int w = snprintf(others + used, sizeof others - used, "%s%s", used ? ", " : "",
                             student_id(j->m, j->c->items[i].student));
            used += w > 0 ? (size_t)w : 0;
        }
        undo[i] = false;
    }
    if (st)
        return st;
    if (t.n_news > 0)
        st = set_reason(ch, RP_WHY_FORCED, "forced: %s", t.news[0]->message);
    else if (t.loss > 0 && others[0])
        st = set_reason(ch, RP_WHY_GAIN, "improves the score by %ld, with the move of %s",
                        t.loss, others);
    else if (t.loss > 0)
        st = set_reason(ch, RP_WHY_GAIN, "improves the score by %ld", t.loss);
    else
        st = set_reason(ch, RP_WHY_NOTHING, "buys nothing");
    ch->gain = t.loss > 0 ? t.loss : 0;
    trial_clear(&t);
    return st;
}

static rp_status judge_init(judge *j, const rp_model *m, const rp_plan *previous,
                            const rp_plan *plan, const rp_changes *c)
{
    memset(j, 0, sizeof *j);
    j->m = m;
    j->plan = plan;
    j->c = c;
    RP_TRY(check(m, plan, c->from_week, &j->base));
    return check(m, previous, c->from_week, &j->before);
}

static void judge_clear(judge *j)
{
    rp_check_report_free(&j->base);
    rp_check_report_free(&j->before);
}

rp_status rp_reasons_explain(const rp_model *m, const rp_plan *previous, const rp_plan *plan,
                             rp_changes *c)
{
    judge j;
    rp_status st = judge_init(&j, m, previous, plan, c);
    bool *undo = calloc((size_t)c->count + 1, sizeof *undo);
    verdict *v = calloc((size_t)c->count + 1, sizeof *v);
    if (st == RP_OK && (!undo || !v))
        st = RP_ERR_NOMEM;
    for (int k = 0; st == RP_OK && k < c->count; k++)
        st = judge_change(&j, k, undo, &v[k]);
    for (int k = 0; st == RP_OK && k < c->count; k++) {
        rp_change *ch = &c->items[k];
        if (v[k].why == RP_WHY_GAIN) {
            ch->gain = v[k].loss;
            st = set_reason(ch, RP_WHY_GAIN, "improves the score by %ld", v[k].loss);
        } else if (v[k].why == RP_WHY_NOTHING) {
            st = set_reason(ch, RP_WHY_NOTHING, "buys nothing");
        } else if (v[k].why == RP_WHY_CHAIN && !forced(v, k, 0)) {
            st = judge_group(&j, v, k, undo);
        }
    }
    free(undo);
    free(v);
    judge_clear(&j);
    return st;
}

/* One undo step: the first student whose changes together, or else the
 * first change alone, can be undone without breaking a rule the plan keeps
 * and without lowering the score. *done false when there is none. */
static rp_status undo_one(const judge *j, rp_plan *plan, bool *done)
{
    const rp_changes *c = j->c;
    bool *undo = calloc((size_t)c->count + 1, sizeof *undo);
    if (!undo)
        return RP_ERR_NOMEM;
    rp_status st = RP_OK;
    *done = false;
    for (int pass = 0; pass < 2 && !*done && st == RP_OK; pass++)
        for (int k = 0; k < c->count && !*done && st == RP_OK; k++) {
            if (pass == 0 && k > 0 && c->items[k - 1].student == c->items[k].student)
                continue; /* the student's changes were tried together already */
            for (int i = 0; i < c->count; i++)
                undo[i] = pass == 0 ? c->items[i].student == c->items[k].student : i == k;
            trial t;
            st = try_undo(j, undo, &t);
            if (st == RP_OK && t.n_news == 0 && t.loss <= 0) {
                rp_plan *p = NULL;
                st = undone_plan(plan, c, undo, &p);
                if (st == RP_OK) {
                    rp_plan_reset(plan);
                    for (int i = 0; st == RP_OK && i < p->n_rotations; i++)
                        st = rp_plan_add_guided(plan, p->rotations[i].student,
                                                p->rotations[i].department, p->rotations[i].start,
                                                p->rotations[i].length, p->rotations[i].supervisor);
                    *done = true;
                }
                rp_plan_free(&p);
            }
            trial_clear(&t);
        }
    free(undo);
    return st;
}

rp_status rp_moves_undo_idle(const rp_model *m, const rp_plan *previous, rp_plan *plan,
                             int from_week, int *n_undone)
{
    *n_undone = 0;
    rp_status st = RP_OK;
    for (bool done = true; done && st == RP_OK;) {
        rp_changes c;
        rp_changes_init(&c);
        judge j;
        memset(&j, 0, sizeof j);
        st = rp_changes_diff(m, previous, plan, from_week, &c);
        if (st == RP_OK) {
            j.m = m;
            j.plan = plan;
            j.c = &c;
            st = check(m, plan, from_week, &j.base);
        }
        done = false;
        if (st == RP_OK && c.count > 0)
            st = undo_one(&j, plan, &done);
        *n_undone += done;
        judge_clear(&j);
        rp_changes_clear(&c);
    }
    return st;
}
