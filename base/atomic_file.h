/*
 * atomic_file.h - writing an output file so that nobody ever sees half of it.
 *
 * rp_atomic_open creates a temporary file next to the target (same directory,
 * so the final rename stays on one file system); the caller writes through
 * `f`; rp_atomic_commit flushes, syncs and renames it over the target, and
 * rp_atomic_abort removes it. A failed or abandoned write therefore leaves
 * the target exactly as it was. A target that exists but is not a regular
 * file (/dev/stdout, /dev/null, a pipe) cannot be replaced by a rename: it is
 * opened and written directly. A directory is refused. Failures add a
 * diagnostic naming the target.
 */
#ifndef RP_ATOMIC_FILE_H
#define RP_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct rp_atomic_file {
    FILE *f;       /* write here between open and commit/abort */
    char *target;  /* owned copy of the path */
    char *temp;    /* owned; NULL when writing directly */
    int mode;      /* permissions the result gets */
} rp_atomic_file;

/* RP_ERR_IO (diagnostic added) when the target is a directory or the
 * temporary file cannot be created; RP_ERR_NOMEM. */
rp_status rp_atomic_open(rp_atomic_file *af, const char *path, rp_diags *diags);

/* Puts the written file in place. With `replace` false an existing target is
 * never overwritten (RP_ERR_IO, diagnostic added), even one that appeared
 * while writing. On failure the temporary file is removed. Always releases af. */
rp_status rp_atomic_commit(rp_atomic_file *af, bool replace, rp_diags *diags);

/* Drops the temporary file; accepts an af that was never opened. */
void rp_atomic_abort(rp_atomic_file *af);

#endif
