#include "mss_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static rp_status fail(const char *path, const char *what, int err, rp_diags *diags)
{
    rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot %s: %s", what, strerror(err));
    return RP_ERR_IO;
}

rp_status rp_mss_file_write(const char *path, const char *data, size_t len, rp_diags *diags)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + sizeof ".tmp-XXXXXX");
    if (!tmp)
        return RP_ERR_NOMEM;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        return fail(path, "create a temporary file next to it", err, diags);
    }
    /* mkstemp makes the file private; an output file gets the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    const char *what = "write";
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto failed;
        }
        done += (size_t)w;
    }
    what = "flush";
    if (fsync(fd) != 0)
        goto failed;
    what = "close";
    if (close(fd) != 0) {
        fd = -1;
        goto failed;
    }
    fd = -1;
    what = "replace";
    if (rename(tmp, path) != 0)
        goto failed;
    free(tmp);
    return RP_OK;
failed:;
    int err = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return fail(path, what, err, diags);
}
