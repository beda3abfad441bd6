/*
 * load.h - test support: a config or a plan file loaded, or the test fails.
 *
 * Each function runs inside a cmocka test. When loading fails (or, for the
 * clean variants, leaves any warning), the diagnostics are printed to stderr
 * as the command line shows them and the running test fails; otherwise the
 * result is the caller's (rp_model_free, rp_plan_free).
 */
#ifndef RP_TEST_LOAD_H
#define RP_TEST_LOAD_H

#include <stdint.h>

#include "model/model.h"
#include "model/plan.h"
#include "model/plan_io.h"

/* The config at path; warnings are allowed. */
rp_model *load_config(const char *path);
/* The config at path, which must load without an error or a warning. */
rp_model *load_clean_config(const char *path);
/* The same for YAML text; name is the file name messages show and the base
 * of a relative student_file. */
rp_model *load_clean_config_string(const char *name, const char *text);
/* A cohort of `rotaplan generate` (students, weeks, seed), emitted and
 * loaded back clean, as a user would get it. */
rp_model *load_generated_cohort(int students, int weeks, uint64_t seed);
/* The plan file at path, read for m with opt (NULL: the format from the
 * extension, every student known); fills opt's outputs. */
rp_plan *load_plan(const rp_model *m, const char *path, rp_plan_read_options *opt);

#endif
