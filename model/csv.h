/*
 * csv.h - reading CSV files row by row, remembering where each cell was.
 *
 * RFC 4180 style: comma separated, double quotes around cells that hold
 * separators, quotes ("" inside quotes) or line breaks; CRLF, LF or lone CR
 * line ends; a UTF-8 byte-order mark is skipped; a NUL byte in a file is an
 * error, never the end of a cell. The separator may instead be ';' (what
 * spreadsheets write in locales with a decimal comma) or a tab, set or
 * detected from the first row before reading. Each cell knows its 1-based line and
 * column so callers can report `FILE:LINE:COLUMN`. The reader owns the row it
 * returns; the row is valid until the next call.
 */
#ifndef RP_CSV_H
#define RP_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct rp_csv_cell {
    char *text; /* unquoted, NUL-terminated */
    int line, column;
} rp_csv_cell;

typedef struct rp_csv_row {
    rp_csv_cell *cells;
    int n_cells;
    int line; /* line where the row starts */
} rp_csv_row;

typedef struct rp_csv rp_csv;

/* Opens path for reading. RP_ERR_IO (diagnostic added) when it cannot. */
rp_status rp_csv_open(const char *path, rp_csv **out, rp_diags *diags);
/* Reads rows from text in memory; `name` is the file name messages show. */
rp_status rp_csv_open_string(const char *name, const char *text, rp_csv **out);
/* Accepts NULL; clears *csv. */
void rp_csv_close(rp_csv **csv);

/* Reads cells separated by sep (',', ';' or '\t') from now on. */
void rp_csv_set_separator(rp_csv *csv, char sep);

/* Looks at the first line without consuming it and sets the separator that
 * occurs most often outside quotes there: ',', ';' or '\t' (',' on a tie or
 * when none does). Call before the first rp_csv_next; returns the separator. */
char rp_csv_detect_separator(rp_csv *csv);

/* Reads the next non-blank row into *row. Returns RP_OK with *row NULL at the
 * end; RP_ERR_INVALID (diagnostic added) on an unterminated quote or a NUL
 * byte. */
rp_status rp_csv_next(rp_csv *csv, const rp_csv_row **row, rp_diags *diags);

/* The file name given when opening. */
const char *rp_csv_name(const rp_csv *csv);

/* Index of the header cell named `name` (exact match, surrounding blanks
 * ignored), or -1. */
int rp_csv_column(const rp_csv_row *header, const char *name);

/* Writes s as one comma-separated cell: in double quotes (with "" for a
 * quote) when it holds a comma, a quote or a line break, else as it is. */
void rp_csv_write_cell(FILE *out, const char *s);

#endif
