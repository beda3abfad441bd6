/*
 * scratch.h - test support: a fresh temporary directory for one test's files.
 *
 *     scratch s;
 *     scratch_open(&s);
 *     const char *plan = scratch_path(&s, "plan.csv");
 *     ...
 *     scratch_close(&s);
 *
 * The directory lives under /tmp; paths handed out stay valid until
 * scratch_close, which removes the directory and everything in it. Failing
 * to make or remove it fails the running cmocka test (a failed test leaves
 * its directory behind, to look at).
 */
#ifndef RP_TEST_SCRATCH_H
#define RP_TEST_SCRATCH_H

#define SCRATCH_PATHS 8

typedef struct scratch {
    char dir[64];
    char paths[SCRATCH_PATHS][256];
    int n_paths;
} scratch;

/* Makes a new empty directory into s->dir. */
void scratch_open(scratch *s);
/* s->dir/name (name may hold a subdirectory, which is not made); at most
 * SCRATCH_PATHS paths per scratch. */
const char *scratch_path(scratch *s, const char *name);
/* Removes s->dir with everything below it. */
void scratch_close(scratch *s);

/* cmocka fixtures around one scratch directory, for a group of tests
 * (cmocka_run_group_tests(tests, scratch_fixture_open, scratch_fixture_close))
 * or for each test (cmocka_unit_test_setup_teardown); scratch_fixture gives
 * it while it is open. */
int scratch_fixture_open(void **state);
int scratch_fixture_close(void **state);
scratch *scratch_fixture(void);

#endif
