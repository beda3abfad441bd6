/*
 * alloc_fail.h - an allocator that fails on request, for walking every
 * out-of-memory path (the way SQLite's test_malloc does).
 *
 * alloc_fail.c replaces malloc, calloc, realloc and free for the whole
 * process (glibc's own strdup, fopen ... and libyaml allocate through them
 * too) and hands every request to glibc's allocator, except the one chosen
 * to fail. Linked into a test program it is driven by the functions below;
 * built as a shared object and preloaded (LD_PRELOAD) into rotaplan, by the
 * environment: RP_ALLOC_FAIL_AT=N fails the N-th allocation, and with
 * RP_ALLOC_FAIL_ALL=1 every one after it too. Not for sanitizer builds, which
 * bring their own allocator.
 */
#ifndef RP_ALLOC_FAIL_H
#define RP_ALLOC_FAIL_H

#include <stdbool.h>

/* Fails the n-th allocation from now (1: the next), and every later one
 * when `all`; n = 0 fails nothing (and keeps what alloc_fail_hit and
 * alloc_fail_print_site say about the last failure). Restarts the count of
 * calls. */
void alloc_fail_arm(long n, bool all);

/* Allocations asked for since the last arm. */
long alloc_fail_calls(void);

/* Whether an allocation has been failed since the last arm. */
bool alloc_fail_hit(void);

/* Blocks allocated and not yet freed, over the process's life. */
long alloc_fail_live(void);

/* Prints where the first failed allocation since the last arm was asked for
 * (a backtrace, to file descriptor fd), so that a test can say which caller
 * let the failure through. */
void alloc_fail_print_site(int fd);

/* Whether a function named `name` was among the callers of that allocation
 * (call it disarmed: it allocates). */
bool alloc_fail_site_has(const char *name);

#endif
