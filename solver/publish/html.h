/*
 * html.h - the pieces of index.html (internal to solver/publish): one
 * self-contained UTF-8 page, inline CSS and SVG, no script, with a print
 * stylesheet (A4 landscape, each hospital from a new page). Every function
 * writes to `out`; the caller checks ferror once at the end.
 */
#ifndef RP_PUBLISH_HTML_H
#define RP_PUBLISH_HTML_H

#include <stdio.h>

#include "solver/publish/view.h"

/* The whole page. RP_ERR_IO when the stream fails. */
rp_status rp_pub_html_write(const rp_pub_view *v, FILE *out);

/* s with &, <, >, " escaped. */
void rp_pub_html_text(FILE *out, const char *s);

/* Each hospital: its department x week grid and its load chart. */
void rp_pub_html_hospitals(const rp_pub_view *v, FILE *out);
/* Each student: rotations with dates, and the score by term. */
void rp_pub_html_students(const rp_pub_view *v, FILE *out);

#endif
