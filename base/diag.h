/*
 * diag.h - diagnostics: errors and warnings tied to a place in an input file.
 *
 * Loaders, validators and checkers append to an rp_diags list and never print;
 * the command line prints the list with rp_diags_print, which shows each
 * message as `FILE:LINE:COLUMN: error: ...`, then the source line with a caret
 * under the column. Lines and columns are 1-based; 0 means "unknown".
 *
 * Every diagnostic owns a copy of its file name and message, so the list may
 * outlive the model or buffers it talks about. If an allocation fails while
 * adding, the diagnostic is dropped and `nomem` is set; counts stay exact.
 */
#ifndef RP_DIAG_H
#define RP_DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef struct rp_loc {
    const char *file; /* borrowed; NULL when the place is not a file */
    int line;         /* 1-based, 0 when unknown */
    int column;       /* 1-based, 0 when unknown */
} rp_loc;

typedef enum rp_severity { RP_SEV_ERROR, RP_SEV_WARNING, RP_SEV_NOTE } rp_severity;

typedef struct rp_diag {
    rp_severity severity;
    char *file; /* owned copy, or NULL */
    int line, column;
    char *message; /* owned */
} rp_diag;

typedef struct rp_diags {
    rp_diag *items;
    int count, capacity;
    int n_errors, n_warnings;
    bool nomem;
} rp_diags;

#define RP_LOC_NONE ((rp_loc){NULL, 0, 0})

void rp_diags_init(rp_diags *d);
/* Frees every diagnostic; the list is empty and reusable afterwards. */
void rp_diags_clear(rp_diags *d);

#if defined(__GNUC__)
#define RP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RP_PRINTF(a, b)
#endif

void rp_diag_add(rp_diags *d, rp_severity sev, rp_loc loc, const char *fmt, ...)
    RP_PRINTF(4, 5);
void rp_diag_error(rp_diags *d, rp_loc loc, const char *fmt, ...) RP_PRINTF(3, 4);
void rp_diag_warning(rp_diags *d, rp_loc loc, const char *fmt, ...) RP_PRINTF(3, 4);
void rp_diag_note(rp_diags *d, rp_loc loc, const char *fmt, ...) RP_PRINTF(3, 4);

/*
 * Prints every diagnostic in the order added, each with its source line and a
 * caret when the file can be read, then a summary line such as
 * `rotaplan: 3 errors, 1 warning` when there is an error or warning.
 * At most `limit` diagnostics are shown (0: no limit); the rest are counted.
 */
void rp_diags_print(const rp_diags *d, FILE *out, int limit);

/* "error", "warning" or "note". */
const char *rp_severity_str(rp_severity sev);

/* Formats one diagnostic's first line (no source excerpt) into buf. */
void rp_diag_format(const rp_diag *diag, char *buf, size_t size);

#endif
