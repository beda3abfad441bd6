#include "solver/solve/rough.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "base/clock.h"
#include "solver/sched/price.h"

#define CLOCK_EVERY 256 /* students between looks at the clock */

struct rp_rough {
    const rp_model *m;
    const rp_rough_limits *lim;
    pthread_t thread;
    bool own_thread;
    bool has;
    double bound;
    rp_status status;
};

static bool stopped(const rp_rough_limits *lim, double now)
{
    return (lim->interrupt && *lim->interrupt) || now >= lim->deadline;
}

/* Student s's score at most; HUGE_VAL when the student has too many options
 * to value. */
static rp_status student_bound(rp_pricer *p, int s, double *bound)
{
    rp_price_input in = {.scale = 1, .incumbent = -HUGE_VAL, .rough_bound = true};
    rp_schedule unused = {0};
    rp_price_result pr;
    rp_status st = rp_price_student(p, &in, s, &unused, &pr);
    rp_schedule_clear(&unused);
    *bound = pr.outcome == RP_PRICE_BOUNDED ? pr.bound : HUGE_VAL;
    return st;
}

static void *work(void *arg)
{
    rp_rough *r = arg;
    const rp_model *m = r->m;
    rp_pricer *p = rp_pricer_new(m);
    if (!p) {
        r->status = RP_ERR_NOMEM;
        return NULL;
    }
    double sum = 0, least = HUGE_VAL, until = HUGE_VAL;
    for (int s = 0; s < m->n_students && r->status == RP_OK && isfinite(sum); s++) {
        if (s % CLOCK_EVERY == 0) {
            double now = rp_clock_seconds();
            if (isinf(until) && stopped(r->lim, now))
                until = now + r->lim->grace;
            if (now > until)
                sum = HUGE_VAL;
        }
        double b;
        r->status = student_bound(p, s, &b);
        sum += b;
        least = fmin(least, b);
    }
    rp_pricer_free(&p);
    if (r->status == RP_OK && isfinite(sum) && m->n_students > 0) {
        r->has = true;
        r->bound = sum + m->objective.fairness * least;
    }
    return NULL;
}

rp_rough *rp_rough_start(const rp_model *m, const rp_rough_limits *lim)
{
    rp_rough *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->m = m;
    r->lim = lim;
    r->own_thread = pthread_create(&r->thread, NULL, work, r) == 0;
    if (!r->own_thread)
        work(r);
    return r;
}

rp_status rp_rough_finish(rp_rough **rp, bool *has, double *bound)
{
    if (has)
        *has = false;
    rp_rough *r = *rp;
    if (!r)
        return RP_OK;
    if (r->own_thread)
        pthread_join(r->thread, NULL);
    rp_status st = r->status;
    if (st == RP_OK && r->has && has && bound) {
        *has = true;
        *bound = r->bound;
    }
    free(r);
    *rp = NULL;
    return st;
}
