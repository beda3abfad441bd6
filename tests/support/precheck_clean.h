/*
 * precheck_clean.h - test support: a config the static pre-checks pass.
 */
#ifndef RP_TEST_PRECHECK_CLEAN_H
#define RP_TEST_PRECHECK_CLEAN_H

#include "model/model.h"

/* The running cmocka test fails, each finding printed to stderr, unless the
 * static pre-checks (solver/diagnose/precheck.h) find nothing in m. */
void precheck_assert_clean(const rp_model *m);

#endif
