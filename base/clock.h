/*
 * clock.h - the one clock rotaplan measures time with.
 *
 * Seconds on a monotonic clock (CLOCK_MONOTONIC): only differences mean
 * anything, and they never jump with the wall clock. Time limits, progress
 * reports and the seconds in every result are read from here. Nothing fails.
 */
#ifndef RP_CLOCK_H
#define RP_CLOCK_H

/* Seconds since an arbitrary fixed point. */
double rp_clock_seconds(void);

#endif
