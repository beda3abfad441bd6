/*
 * find.h - test support: a model's parts by id, or the test fails.
 */
#ifndef RP_TEST_FIND_H
#define RP_TEST_FIND_H

#include "model/model.h"

/* The index of department `department` of hospital `hospital` in m; the
 * running cmocka test fails when either is unknown. */
int find_department(const rp_model *m, const char *hospital, const char *department);

#endif
