/*
 * mss_gen.h - synthetic Medical Student Scheduling (MSS) instances in the
 * style of the generated instance I40_12_1 (bench/mss/generated-sample), of
 * any size, drawn around a hidden plan so that one always exists.
 *
 * What is drawn, from one seed, and how it matches I40_12_1 (bench/mss/README.md
 * gives the rules; bench/mss-gen --help the defaults):
 *   - the horizon is disciplines x duration; the disciplines fall into
 *     `groups` groups of consecutive indices (I40_12_1: two groups of six);
 *   - prerequisites (Precededby) of depth 1, inside a group, as many pairs as
 *     the density asks of D(D-1)/2 (I40_12_1: 5 of 66);
 *   - every department exists and is open; its capacity in each period is
 *     uniform in [cap_lo, cap_hi] (I40_12_1: 6 to 14 for 40 students in 3
 *     hospitals, which is [S/(2H), S/H] rounded outwards);
 *   - each student needs, per group, a number uniform in 0..the group's size
 *     (at least one rotation in all); AllowedDisc is 1 everywhere;
 *   - the hidden plan: each student's disciplines (closed under
 *     prerequisites) in an order that keeps them, separated by idle periods
 *     spread at random, each at a hospital with room in every period it
 *     covers and below MaxDiscPerHosp for the student (a capacity is raised
 *     only when no hospital has room, which the default range never needs);
 *   - Availability: 0 in a number of the student's idle periods uniform in
 *     0..3/4 of them (I40_12_1: 90 zeros, about 37% of the idle periods);
 *   - Ability: 0 for a share ability_zero of each student's departments,
 *     drawn among those the hidden plan does not send the student to
 *     (I40_12_1: 79 of 1,440, 5.5%);
 *   - MinPosHosp in levels: 1 at department-periods drawn uniformly among
 *     those where the hidden plan has a student, then 2 where it has two, and
 *     so on, until the minimums sum to `excess` of the student-periods the
 *     students need (I40_12_1: 52 of 235, all of them 1);
 *   - MaxDiscPerHosp D - D/12 (I40_12_1: 11 of 12), raised when the
 *     hospitals could not hold a student's rotations otherwise;
 *   - WeightPref W1, W2 in 1..3 and W3, W4 in -3..-1; PrefStudDisc and
 *     PrefStudHosp in 1..5; ManPref in 0..5.
 *
 * The same parameters give the same instance on every machine (base/rng.h).
 * The instance owns its arrays; rp_mssgen_free releases them. Building fails
 * only on parameters out of range (RP_ERR_INVALID, with a message in the
 * caller's buffer) or lack of memory (RP_ERR_NOMEM).
 */
#ifndef RP_MSS_GEN_H
#define RP_MSS_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "base/status.h"

#define RP_MSSGEN_MAX_STUDENTS 100000
#define RP_MSSGEN_MAX_DISCIPLINES 100
#define RP_MSSGEN_MAX_DURATION 12
#define RP_MSSGEN_MAX_HOSPITALS 100
/* students x horizon x hospitals x disciplines: the size of a solution file */
#define RP_MSSGEN_MAX_CELLS 400000000LL

typedef struct rp_mssgen_params {
    int students, disciplines, duration; /* required, >= 1 */
    int hospitals;                       /* 0: 3 */
    int groups;                          /* 0: 2 (1 when there is one discipline) */
    uint64_t seed;
    int cap_lo, cap_hi;   /* 0, 0: [S/(2H), S/H] rounded outwards, at least 1 */
    double excess;        /* < 0: 52/235 */
    double density;       /* < 0: 5/66 */
    double ability_zero;  /* < 0: 0.055 */
} rp_mssgen_params;

/* The parameters of I40_12_1 for the sizes given; the rest at their defaults. */
rp_mssgen_params rp_mssgen_defaults(int students, int disciplines, int duration, uint64_t seed);

typedef struct rp_mssgen {
    int students, disciplines, hospitals, horizon, duration, groups, max_disc_per_hosp;
    uint64_t seed;
    int cap_lo, cap_hi;
    int *disc_group;            /* [D], 1..groups */
    int *stud_disc_group;       /* [S][G] */
    unsigned char *allowed;     /* [S][D] */
    unsigned char *precededby;  /* [D][D]: 1 when the second must come before the first */
    unsigned char *available;   /* [S][T] */
    unsigned char *ability;     /* [S][H][D] */
    int *max_pos, *min_pos;     /* [H][D][T] */
    int *weight_pref;           /* [S][4] */
    int *pref_disc;             /* [S][D] */
    int *pref_hosp;             /* [S][H] */
    int *man_pref;              /* [D] */
    int *witness;               /* [S][T]: h * D + d where the hidden plan has s, -1 idle */
    int raised_capacities;      /* department-periods whose capacity was raised to fit */
} rp_mssgen;

/* Draws an instance. On RP_ERR_INVALID, why (one line) is in why[why_size]. */
rp_status rp_mssgen_build(const rp_mssgen_params *p, rp_mssgen **out, char *why,
                          size_t why_size);
/* Accepts NULL; clears *g. */
void rp_mssgen_free(rp_mssgen **g);

/* Sums over the instance, as its features comment reports them. */
typedef struct rp_mssgen_features {
    long demand;        /* student-periods the students need: duration x rotations */
    long capacity;      /* sum of MaxPosHosp */
    long minimum;       /* sum of MinPosHosp */
    int prerequisites;  /* Precededby pairs */
    int depth;          /* longest chain of prerequisites */
} rp_mssgen_features;
rp_mssgen_features rp_mssgen_measure(const rp_mssgen *g);

#endif
