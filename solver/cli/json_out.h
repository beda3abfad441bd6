/*
 * json_out.h - the little JSON the commands print: strings escaped, and
 * nullable values.
 */
#ifndef RP_JSON_OUT_H
#define RP_JSON_OUT_H

#include <stdio.h>

#include "base/diag.h"

/* s as a JSON string literal, quotes included; NULL prints null. */
void rp_json_string(FILE *out, const char *s);

/* The diagnostics as a JSON list, one object per diagnostic: severity, file,
 * line, column (null when unknown) and message. */
void rp_json_diags(FILE *out, const rp_diags *d);

#endif
