/*
 * json_out.h - the little JSON the commands print: strings escaped, and
 * nullable values.
 */
#ifndef RP_JSON_OUT_H
#define RP_JSON_OUT_H

#include <stdio.h>

/* s as a JSON string literal, quotes included; NULL prints null. */
void rp_json_string(FILE *out, const char *s);

#endif
