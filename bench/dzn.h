/*
 * dzn.h - MiniZinc data files (.dzn) holding integer scalars and arrays.
 *
 * Reads the part of MiniZinc data that benchmark instances use: items
 * `Name = value;` where the value is an integer, a 1-d list `[a, b, ...]`, a
 * 2-d list `[| a, b | c, d |]`, or `arrayNd(lo..hi, ..., [a, b, ...])`
 * (N = 1..6) whose flat list is in row-major order (last index fastest).
 * Every range starts at 1 (an array indexed otherwise is an error).
 * Range bounds may be integers or names of scalars; a name not defined in
 * the file is looked up in an optional `scope` document (a solution file uses
 * its instance's sizes). `%` comments run to the end of the line; `/ * ... * /`
 * comments are skipped too.
 *
 * Every value remembers its byte offset, which rp_dzn_loc turns into a line
 * and column only when a message needs one. The document owns its text and
 * items. Problems are reported as diagnostics at FILE:LINE:COLUMN; parsing
 * goes on after each to report the rest, and a document is returned only when
 * there is no error.
 */
#ifndef RP_DZN_H
#define RP_DZN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

#define RP_DZN_MAX_DIMS 6

typedef struct rp_dzn_item {
    char *name;
    int offset;                /* of the name */
    int value_offset;          /* of the value's first character */
    bool is_array;
    long scalar;               /* the value when !is_array */
    int n_dims;                /* arrays: 1 .. RP_DZN_MAX_DIMS */
    int dims[RP_DZN_MAX_DIMS]; /* arrays: the size of each dimension */
    long *values;              /* arrays: n_values entries in row-major order */
    int *offsets;              /* arrays: byte offset of each value */
    int n_values;
} rp_dzn_item;

typedef struct rp_dzn {
    char *file;       /* the name messages show */
    char *text;       /* the whole file, NUL-terminated */
    size_t len;
    int *line_starts; /* byte offset of each line's first character */
    int n_lines;
    rp_dzn_item *items;
    int n_items;
} rp_dzn;

/* Parses the file at path. `scope` (may be NULL) supplies scalars that range
 * bounds name but the file does not define. RP_ERR_IO when the file cannot be
 * read, RP_ERR_INVALID on any error (diagnostics added), RP_ERR_NOMEM. */
rp_status rp_dzn_parse_file(const char *path, const rp_dzn *scope, rp_dzn **out,
                            rp_diags *diags);
/* Same for text in memory; `name` is the file name messages show. */
rp_status rp_dzn_parse_string(const char *name, const char *text, size_t len,
                              const rp_dzn *scope, rp_dzn **out, rp_diags *diags);
/* Accepts NULL; clears *doc. */
void rp_dzn_free(rp_dzn **doc);

/* The item called name, or NULL. */
const rp_dzn_item *rp_dzn_find(const rp_dzn *doc, const char *name);
/* The file, line and column of a byte offset; file points into doc. */
rp_loc rp_dzn_loc(const rp_dzn *doc, int offset);

#endif
