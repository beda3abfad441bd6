/* realpath is XSI */
#define _XOPEN_SOURCE 700

#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(rp_atomic_file *af)
{
    free(af->target);
    free(af->temp);
    memset(af, 0, sizeof *af);
}

/* "<dir>/.<name>.XXXXXX" */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
    return t;
}

/* Closes af->f unless it is standard output, which outlives the writer. */
static int close_stream(rp_atomic_file *af)
{
    FILE *f = af->f;
    af->f = NULL;
    if (!f)
        return 0;
    return af->standard_output ? fflush(f) : fclose(f);
}

static rp_status fail(rp_atomic_file *af, const char *path, const char *what, rp_diags *diags)
{
    int err = errno;
    rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot %s: %s", what, strerror(err));
    close_stream(af);
    if (af->temp)
        unlink(af->temp);
    release(af);
    return rp_status_from_errno(err);
}

/* The file to write: path itself, or the file a symbolic link names (a
 * rename over the link would replace it). NULL with errno set when a link
 * leads nowhere or memory runs out. */
static char *resolve_target(const char *path, bool *dangling)
{
    struct stat lst;
    *dangling = false;
    if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode))
        return strdup(path);
    char *real = realpath(path, NULL);
    *dangling = !real && errno != ENOMEM;
    return real;
}

rp_status rp_atomic_open(rp_atomic_file *af, const char *path, rp_diags *diags)
{
    memset(af, 0, sizeof *af);
    if (strcmp(path, "-") == 0) {
        af->target = strdup("standard output"); /* what messages name */
        af->f = stdout;
        af->standard_output = true;
        return af->target ? RP_OK : RP_ERR_NOMEM;
    }
    bool dangling;
    af->target = resolve_target(path, &dangling);
    if (!af->target) {
        if (!dangling)
            return RP_ERR_NOMEM;
        rp_diag_error(diags, (rp_loc){path, 0, 0},
                      "is a symbolic link to nothing (%s); it was not replaced", strerror(errno));
        return RP_ERR_IO;
    }
    struct stat st;
    bool exists = stat(af->target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "is a directory; give a file name");
        release(af);
        return RP_ERR_IO;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        af->f = fopen(af->target, "w");
        return af->f ? RP_OK : fail(af, path, "open it for writing", diags);
    }
    mode_t mask = umask(0);
    umask(mask);
    af->mode = exists ? (int)(st.st_mode & 07777) : (int)(0666 & ~mask);
    af->temp = temp_template(af->target);
    if (!af->temp) {
        release(af);
        return RP_ERR_NOMEM;
    }
    int fd = mkstemp(af->temp);
    if (fd < 0) {
        free(af->temp);
        af->temp = NULL;
        return fail(af, path, "create a temporary file next to it", diags);
    }
    if (fchmod(fd, (mode_t)af->mode) != 0 || !(af->f = fdopen(fd, "w"))) {
        close(fd);
        return fail(af, path, "prepare the temporary file", diags);
    }
    return RP_OK;
}

/* Makes the rename itself durable; a directory that cannot be synced loses
 * nothing the file needs, so failure is ignored. */
static void sync_directory(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (slash == path ? 1 : (int)(slash - path)) : 1,
             slash ? path : ".");
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

rp_status rp_atomic_finish(rp_atomic_file *af, rp_diags *diags)
{
    if (!af->f)
        return RP_OK; /* finished already */
    const char *path = af->target;
    if (fflush(af->f) != 0 || ferror(af->f) || (af->temp && fsync(fileno(af->f)) != 0))
        return fail(af, path, "write", diags);
    if (close_stream(af) != 0)
        return fail(af, path, "write", diags);
    return RP_OK;
}

rp_status rp_atomic_commit(rp_atomic_file *af, bool replace, rp_diags *diags)
{
    const char *path = af->target;
    RP_TRY(rp_atomic_finish(af, diags));
    if (!af->temp) {
        release(af);
        return RP_OK;
    }
    /* link() fails on an existing name where rename() would replace it. */
    if (replace ? rename(af->temp, path) != 0 : link(af->temp, path) != 0) {
        if (errno != EEXIST)
            return fail(af, path, "put the new file in place", diags);
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "exists already; it was not overwritten");
        unlink(af->temp);
        release(af);
        return RP_ERR_IO;
    }
    if (!replace)
        unlink(af->temp);
    sync_directory(path);
    release(af);
    return RP_OK;
}

const char *rp_atomic_path(const rp_atomic_file *af)
{
    return af->temp ? af->temp : af->standard_output ? "/dev/stdout" : af->target;
}

void rp_atomic_abort(rp_atomic_file *af)
{
    close_stream(af);
    if (af->temp)
        unlink(af->temp);
    release(af);
}
