/*
 * price_internal.h - private to the pricing search (price*.c): its data and
 * the pieces its files share. price.c prepares a student (options, rules,
 * bounds) and runs the search; price_state.c updates a label's resources;
 * price_table.c builds the completion table; price_labels.c keeps and
 * extends the labels.
 */
#ifndef RP_SCHED_PRICE_INTERNAL_H
#define RP_SCHED_PRICE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/sched/price.h"

#define MAX_BITS 64
#define MAX_COUNTERS 16 /* requirements: 4-bit counters in one 64-bit word */
#define COUNTER_MAX 15
/* Hospital counts: up to this many (hospital, count) pairs in one 64-bit
 * word, 10 bits each: the local hospital + 1 (6 bits) and the count (4). */
#define PAIRS 6
#define PAIR_BITS 10
#define PAIR_HOSPITALS 63
#define PAIR_COUNT_MAX 15
#define EPS 1e-9
/* Students with at most this many disciplines remember from the start every
 * discipline that could otherwise be done twice: repetitions found one at a
 * time would cost more relaxations than the labels they save. */
#define TRACK_ALL_BITS 16

typedef struct rot_option {
    int start, end;         /* first week, first week after */
    int department, bit;
    int team;               /* guiding it (model/teams.h), or -1: the department has none */
    int hospital;           /* the student's local index */
    double value;           /* reduced value of the rotation alone */
    double reach;           /* value + the optimistic value of the weeks after it */
} rot_option;

typedef struct label {
    uint64_t set;  /* tracked disciplines done */
    uint64_t reqc; /* rotations per counted requirement, 4 bits each */
    uint64_t hosc; /* rotations per hospital that can still reach the limit, in
                      (hospital, count) pairs by hospital */
    double value;
    int parent;    /* label, or -1 */
    int option;    /* taken to get here, or -1 (an idle week) */
    int node;      /* last hospital + 1, 0 before the first rotation */
    int week;
    int next;      /* in its bucket */
    bool dead;     /* dominated since it was made */
} label;

/* Labels of one week with the same disciplines and requirement counts: they
 * differ in last hospital and hospital counts only, and are compared. */
typedef struct bucket {
    uint64_t set, reqc;
    int week;
    int first; /* label */
} bucket;

typedef struct requirement {
    uint64_t mask;
    int min, max; /* max < 0: none */
    int cap;      /* counts above this make no difference */
} requirement;

struct rp_pricer {
    const rp_model *m;
    rot_option *opt;
    int n_opt, cap_opt;
    int *first_opt;    /* [weeks + 2] options starting in week w: first_opt[w] .. */
    int *bit_of;       /* [disciplines] local bit or -1 */
    int disc_of_bit[MAX_BITS];
    uint64_t prereq[MAX_BITS]; /* bits that must be done first */
    int pin_start[MAX_BITS];   /* a pinned first week, or -1 */
    uint64_t reqs_of_bit[MAX_BITS]; /* counted requirements (bit r) the discipline counts in */
    requirement req[MAX_COUNTERS];
    int n_req;
    int *hosp_local;   /* [hospitals] local index or -1 */
    int n_local_hosp;

    int *path;         /* [weeks + 1] the best path's options */
    int *scratch_path; /* [weeks + 1] a path the completion table follows */
    double *ub;        /* [weeks + 2] optimistic value of the weeks from w on */
    /* The completion table: h[(week x nodes + node) x combos + counts] is the
     * best the rest of a path can earn from that week, last hospital and
     * requirement counts, by a backward dynamic programme that ignores what
     * the counts do not see (disciplines done twice, prerequisites, pins,
     * the hospital limit): an optimistic value, and the exact one for most
     * students. Empty (h_combos 0) when the counts have too many values. */
    double *h;
    size_t cap_h;
    /* Multipliers on "each discipline at most once", which the counts do not
     * see: the table charges lambda[b] for each rotation of discipline b and
     * every bound adds lambda[b] back for each b not yet done, so bounds stay
     * valid for any multipliers and tighten as they approach the right ones. */
    double lambda[MAX_BITS];
    double lambda_sum;
    int h_combos, h_nodes;
    int stride[MAX_COUNTERS];
    double *best_from; /* [MAX_BITS x (weeks + 2)] best value of a rotation of the
                          discipline starting in week w or later, at least 0 */
    int *rot_from;     /* [weeks + 2] most rotations that fit in the weeks from w on */
    int *avail_from;   /* [weeks + 2] available weeks from w on */
    label *lab;
    int n_lab, cap_lab;
    int *week_first;   /* [weeks + 2] heads of the per-week label lists */
    int *next_in_week; /* [cap_lab] */
    bucket *bkt;
    int n_bkt, cap_bkt;
    int *hash;         /* buckets by week, set and counts */
    size_t hash_mask;
};

typedef struct search {
    rp_pricer *p;
    bool tracks;         /* hospital changes cost */
    int limit;           /* rotations per hospital */
    bool counts;         /* the limit can bind: labels count rotations per hospital */
    uint64_t counted;    /* the local hospitals counted: those a path went over the limit in */
    double change, idle; /* scaled penalties */
    uint64_t tracked;    /* disciplines whose repetition is forbidden */
    uint64_t pinned;
    uint64_t repeatable; /* disciplines no counted requirement keeps from repeating */
    bool capped;         /* every discipline counts in a requirement with a most */
    int bits;
    int first_week;      /* of the student's intake: where every path begins */
    int last_start;
    long label_limit, labels;
    double stop_at;      /* price.h */
    bool level_every_student; /* price.h */
    volatile sig_atomic_t *stop;
    bool overflow;
    double best;         /* of complete labels keeping every rule, or the incumbent */
    int *path;           /* [weeks + 1] options of the best such label, when found */
    int path_len;        /* -1: none found */
    double relaxed_best; /* of complete labels breaking a rule not tracked yet */
    int relaxed_label;
    uint64_t relaxed_twice; /* disciplines done twice by such labels worth relaxed_best */
    uint64_t relaxed_over;  /* local hospitals such labels take over the limit uncounted */
} search;


int rp_pr_hospital_count(uint64_t hosc, int h);

/* hosc with one more rotation at hospital h; false when the pairs are full. */
bool rp_pr_count_rotation(uint64_t hosc, int h, uint64_t *out);

/* Every hospital count of a at most b's. */
bool rp_pr_counts_within(uint64_t a, uint64_t b);

int rp_pr_counter(uint64_t word, int slot);

/* Most rotations a label at week with requirement counts reqc can still
 * take: as many as fit, and no more than the counted requirements allow
 * when every discipline counts in one with a most. */
int rp_pr_rotations_left(const search *x, int week, uint64_t reqc);

/* Hospital counts that can no longer reach the limit are all alike: gone. */
uint64_t rp_pr_canonical_counts(const search *x, int week, uint64_t reqc, uint64_t hosc);

bool rp_pr_requirements_met(const rp_pricer *p, uint64_t reqc);

/* Rotations the requirements short of their minimum still need, at a week
 * each at least: fewer available weeks left cannot meet them. */
int rp_pr_weeks_needed(const rp_pricer *p, uint64_t reqc);

/* The requirement counts after a rotation of discipline `bit`, or false
 * when it would pass a requirement's most. */
bool rp_pr_advance_counts(const rp_pricer *p, int bit, uint64_t reqc, uint64_t *next);

/* The label's resources after o, or false when o breaks a counted rule. */
bool rp_pr_take(search *x, const rot_option *o, const label *l, uint64_t *set,
                 uint64_t *reqc, uint64_t *hosc);

/* A pinned discipline whose pinned week has passed undone ends the label. */
bool rp_pr_pins_still_possible(const rp_pricer *p, uint64_t pinned, uint64_t set, int week);

double rp_pr_completion(const search *x, int week, int node, uint64_t reqc);

/* The bound on what a label with these resources can still earn: the
 * table's value plus the multipliers of the disciplines not done yet. */
double rp_pr_still(const search *x, int week, int node, uint64_t reqc, uint64_t set);

/* Tunes the multipliers by subgradient steps, each a table and its path;
 * keeps the multipliers of the best bound, its table built. A path found on
 * the way that keeps every rule goes to x->best and x->path. False when out
 * of memory. */
bool rp_pr_tune_multipliers(search *x, int bits, double incumbent);

/* Builds the completion table; false when out of memory. Too many entries
 * leave it empty, and the week bounds serve instead. For each week and
 * counts, the best rotation starting then is found once for any last
 * hospital and once per hospital; a last hospital elsewhere pays a change. */
bool rp_pr_completion_table(search *x, int bits);

/* The path the completion table's values follow from the first week (ties
 * to the first choice), into x->path; false when the table is empty or the
 * path breaks a rule the table does not see: a discipline twice, a
 * prerequisite not done first, a pin not kept, a hospital over the limit.
 * When it keeps them all it is the best schedule there is. */
bool rp_pr_table_path(search *x);

/* One relaxation from scratch, pruned by the best schedule known. Its best
 * complete label breaking a rule is relaxed_label; what it and every label
 * tied with it break is in relaxed_twice and relaxed_over. False when out
 * of memory. */
bool rp_pr_relaxation(search *x);

#endif
