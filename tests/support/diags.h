/*
 * diags.h - test support: diagnostics as the text a test compares.
 */
#ifndef RP_TEST_DIAGS_H
#define RP_TEST_DIAGS_H

#include "base/diag.h"

/* Every diagnostic of d in order, each formatted by rp_diag_format and ended
 * by a newline ("" for none); the caller frees it. */
char *diags_text(const rp_diags *d);
/* The running test fails unless diags_text(d) is exactly want. */
void diags_assert_text(const rp_diags *d, const char *want);
/* The running test fails unless diags_text(d) is exactly the file
 * expected_path (the .err kept next to a bad input); it shows both. */
void diags_assert_expected(const rp_diags *d, const char *expected_path);

#endif
