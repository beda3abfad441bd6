/*
 * atomic_file.h - writing an output file so that nobody ever sees half of it.
 *
 * rp_atomic_open creates a temporary file next to the target (same directory,
 * so the final rename stays on one file system); the caller writes through
 * `f`; rp_atomic_commit flushes, syncs and renames it over the target, and
 * rp_atomic_abort removes it. A failed or abandoned write therefore leaves
 * the target exactly as it was.
 *
 * Nothing but a regular file is ever replaced: a target that exists but is
 * not one (/dev/stdout, /dev/null, a pipe) is opened and written directly; a
 * symbolic link is followed, so the file it names gets the new contents and
 * the link stays; a directory, or a link that leads nowhere, is refused.
 * The path "-" is standard output: written directly and flushed, never
 * closed. Failures add a diagnostic naming the target.
 */
#ifndef RP_ATOMIC_FILE_H
#define RP_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct rp_atomic_file {
    FILE *f;       /* write here between open and commit/abort */
    char *target;  /* owned: the path, or the file a symbolic link names */
    char *temp;    /* owned; NULL when writing directly */
    int mode;      /* permissions the result gets */
    bool standard_output; /* the path was "-": f is stdout */
} rp_atomic_file;

/* RP_ERR_IO (diagnostic added) when the target is a directory or the
 * temporary file cannot be created; RP_ERR_NOMEM. */
rp_status rp_atomic_open(rp_atomic_file *af, const char *path, rp_diags *diags);

/* Flushes, syncs and closes the written file without putting it in place,
 * so that several files can all be made whole before any replaces its
 * target (then rp_atomic_commit only renames, or rp_atomic_abort drops it).
 * On failure the temporary file is removed and af released. A target
 * written directly (not a regular file) is complete already. */
rp_status rp_atomic_finish(rp_atomic_file *af, rp_diags *diags);

/* Puts the written file in place (finishing it first when needed). With
 * `replace` false an existing target is never overwritten (RP_ERR_IO,
 * diagnostic added), even one that appeared while writing. On failure the
 * temporary file is removed. Always releases af. */
rp_status rp_atomic_commit(rp_atomic_file *af, bool replace, rp_diags *diags);

/* The path being written: the temporary file, or the target when it is
 * written directly ("/dev/stdout" for "-"). For a library that writes by file name (GLPK): it may
 * write there and close its own stream before rp_atomic_commit. */
const char *rp_atomic_path(const rp_atomic_file *af);

/* Drops the temporary file; accepts an af that was never opened. */
void rp_atomic_abort(rp_atomic_file *af);

#endif
