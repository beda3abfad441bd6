/*
 * mss_gen_write.h - a generated MSS instance (bench/mss_gen.h) and its hidden
 * plan written as MiniZinc data, in the layout of the published generated
 * instances (bench/mss/generated-sample/I40_12_1.dzn): the same items in the
 * same order and shapes, the same closing comment of instance features
 * (Occupancy = demand / capacity, Excess = minimums / demand, Busyness =
 * demand / (students x horizon), Density = prerequisite pairs / (D(D-1)/2),
 * Depth = the longest chain of prerequisites), and a solution as
 * `schedule = array4d(1..Students, 1..Horizon, 1..Hospitals, 1..Disciplines,
 * [...])`. Both functions return RP_ERR_IO when the stream fails.
 */
#ifndef RP_MSS_GEN_WRITE_H
#define RP_MSS_GEN_WRITE_H

#include <stdio.h>

#include "base/status.h"
#include "bench/mss_gen.h"

/* The instance; `origin` (may be NULL) is a comment line naming how it was made. */
rp_status rp_mssgen_write_instance(const rp_mssgen *g, const char *origin, FILE *out);
/* The hidden plan as an MSS solution of the instance. */
rp_status rp_mssgen_write_witness(const rp_mssgen *g, FILE *out);

#endif
