/*
 * mss_file.h - writing an output file atomically.
 *
 * The bytes go to a temporary file in the target's directory, which is
 * renamed over the target only once complete and flushed to disk, so a
 * failed or interrupted run never leaves half a file and never clobbers an
 * existing file with a partial one. On failure a diagnostic names the path,
 * the target is as it was and the temporary file is removed.
 */
#ifndef RP_MSS_FILE_H
#define RP_MSS_FILE_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

/* Writes len bytes of data to path. RP_ERR_IO (diagnostic added) or
 * RP_ERR_NOMEM on failure. */
rp_status rp_mss_file_write(const char *path, const char *data, size_t len, rp_diags *diags);

#endif
