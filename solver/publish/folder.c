/* The published folder as a whole: made in a temporary folder beside DIR and
 * renamed at the end; an existing DIR replaced only when publish made it. */
#define _GNU_SOURCE /* renameat2: a rename that never replaces, or swaps */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solver/publish/html.h"
#include "solver/publish/writers.h"

static const char *const our_files[] = {"index.html", "plan.xlsx", "plan-named.csv",
                                        RP_PUBLISH_MARKER, NULL};

static bool is_ours(const char *name)
{
    for (int i = 0; our_files[i]; i++)
        if (strcmp(name, our_files[i]) == 0)
            return true;
    return false;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

/* The first entry of folder `path` that publish did not write, into foreign
 * (empty when there is none); false when the folder cannot be read. */
static bool find_foreign(const char *path, bool top, char *foreign, size_t size)
{
    foreign[0] = '\0';
    DIR *dir = opendir(path);
    if (!dir)
        return false;
    struct dirent *e;
    while (!foreign[0] && (e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *child = rp_pub_path(path, e->d_name);
        struct stat sb;
        bool known = child && lstat(child, &sb) == 0;
        bool ok;
        if (!top) /* in calendar/: calendars only */
            ok = known && S_ISREG(sb.st_mode) && ends_with(e->d_name, ".ics");
        else if (known && S_ISDIR(sb.st_mode) && strcmp(e->d_name, "calendar") == 0)
            ok = find_foreign(child, false, foreign, size) && !foreign[0];
        else
            ok = known && S_ISREG(sb.st_mode) && is_ours(e->d_name);
        if (!ok && !foreign[0])
            snprintf(foreign, size, "%s", child ? child : e->d_name);
        free(child);
    }
    closedir(dir);
    return true;
}

/* Removes what publish writes in folder `path`, then the folder; anything
 * else stays (and so does the folder: false). */
static bool remove_ours(const char *path)
{
    char *calendar = rp_pub_path(path, "calendar");
    DIR *dir = calendar ? opendir(calendar) : NULL;
    struct dirent *e;
    while (dir && (e = readdir(dir))) {
        if (!ends_with(e->d_name, ".ics"))
            continue;
        char *file = rp_pub_path(calendar, e->d_name);
        if (file)
            unlink(file);
        free(file);
    }
    if (dir)
        closedir(dir);
    if (calendar)
        rmdir(calendar);
    free(calendar);
    for (int i = 0; our_files[i]; i++) {
        char *file = rp_pub_path(path, our_files[i]);
        if (file)
            unlink(file);
        free(file);
    }
    return rmdir(path) == 0;
}

/* May dir be written? It must not exist, or (with replace) be a folder that
 * publish made and holds nothing else. */
static rp_status check_target(const char *dir, bool replace, bool *exists, rp_diags *diags)
{
    struct stat sb;
    rp_loc at = {dir, 0, 0};
    *exists = lstat(dir, &sb) == 0;
    if (!*exists) {
        if (errno != ENOENT) {
            rp_diag_error(diags, at, "cannot look at the output folder: %s", strerror(errno));
            return RP_ERR_IO;
        }
        char *parent = strdup(dir);
        if (!parent)
            return RP_ERR_NOMEM;
        char *slash = strrchr(parent, '/');
        if (slash)
            *(slash == parent ? slash + 1 : slash) = '\0';
        bool ok = stat(slash ? parent : ".", &sb) == 0 && S_ISDIR(sb.st_mode);
        if (!ok)
            rp_diag_error(diags, at, "the folder it would go in (%s) does not exist",
                          slash ? parent : ".");
        free(parent);
        return ok ? RP_OK : RP_ERR_INVALID;
    }
    if (!S_ISDIR(sb.st_mode)) {
        rp_diag_error(diags, at, "exists and is not a folder; publish writes a new folder and "
                                 "never replaces anything else");
        return RP_ERR_INVALID;
    }
    if (!replace) {
        rp_diag_error(diags, at, "the folder exists; give --replace to replace a folder "
                                 "publish made, or name a new folder");
        return RP_ERR_INVALID;
    }
    char *marker = rp_pub_path(dir, RP_PUBLISH_MARKER);
    if (!marker)
        return RP_ERR_NOMEM;
    bool made_by_us = lstat(marker, &sb) == 0 && S_ISREG(sb.st_mode);
    free(marker);
    char foreign[1024];
    if (!made_by_us) {
        rp_diag_error(diags, at, "the folder was not made by rotaplan publish (it has no %s); "
                                 "it is left as it is",
                      RP_PUBLISH_MARKER);
        return RP_ERR_INVALID;
    }
    if (!find_foreign(dir, true, foreign, sizeof foreign)) {
        rp_diag_error(diags, at, "cannot read the folder: %s", strerror(errno));
        return RP_ERR_IO;
    }
    if (foreign[0]) {
        rp_diag_error(diags, at, "the folder holds '%s', which publish did not write; move it "
                                 "away or name a new folder",
                      foreign);
        return RP_ERR_INVALID;
    }
    return RP_OK;
}

/* dir without trailing slashes (which would make lstat follow a link), or
 * NULL when out of memory. */
static char *clean_dir(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return strndup(dir, n);
}

rp_status rp_publish_check_target(const char *dir_arg, bool replace, rp_diags *diags)
{
    char *dir = clean_dir(dir_arg);
    if (!dir)
        return RP_ERR_NOMEM;
    bool exists;
    rp_status st = check_target(dir, replace, &exists, diags);
    free(dir);
    return st;
}

static rp_status write_marker(const rp_publish *p, const char *dir, rp_diags *diags)
{
    char *path = rp_pub_path(dir, RP_PUBLISH_MARKER);
    if (!path)
        return RP_ERR_NOMEM;
    FILE *out = fopen(path, "w");
    rp_status st = RP_ERR_IO;
    if (!out) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot create: %s", strerror(errno));
    } else {
        fprintf(out, "This folder was written by rotaplan publish from %s.\n"
                     "rotaplan publish --replace may replace it as long as it holds only what "
                     "publish wrote.\n",
                p->config_path ? p->config_path : "a config");
        st = rp_pub_close(out, path, diags);
    }
    free(path);
    return st;
}

static rp_status write_html(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    char *path = rp_pub_path(dir, "index.html");
    if (!path)
        return RP_ERR_NOMEM;
    FILE *out = fopen(path, "w");
    rp_status st = RP_ERR_IO;
    if (!out) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot create: %s", strerror(errno));
    } else {
        rp_pub_html_write(v, out);
        st = rp_pub_close(out, path, diags);
    }
    free(path);
    return st;
}

static rp_status write_all(const rp_publish *p, const char *dir, rp_diags *diags)
{
    rp_pub_view v;
    RP_TRY(rp_pub_view_build(p, &v));
    rp_status st = write_marker(p, dir, diags);
    if (!st)
        st = write_html(&v, dir, diags);
    if (!st)
        st = rp_pub_write_named_csv(&v, dir, diags);
    if (!st)
        st = rp_pub_write_xlsx(&v, dir, diags);
    if (!st)
        st = rp_pub_write_calendars(&v, dir, diags);
    rp_pub_view_clear(&v);
    return st;
}

/* Puts the filled temporary folder at dir: a new name, or swapped with the
 * folder there (which then sits at temp, to be removed). */
static rp_status put_in_place(const char *temp, const char *dir, bool exists, rp_diags *diags)
{
    unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
    if (renameat2(AT_FDCWD, temp, AT_FDCWD, dir, flags) == 0)
        return RP_OK;
    if (errno == EEXIST) {
        rp_diag_error(diags, (rp_loc){dir, 0, 0},
                      "the folder appeared while publishing; it is left as it is");
        return RP_ERR_IO;
    }
    rp_diag_error(diags, (rp_loc){dir, 0, 0}, "cannot put the folder in place: %s",
                  strerror(errno));
    return RP_ERR_IO;
}

rp_status rp_publish_folder(const rp_publish *p, const char *dir_arg, rp_diags *diags)
{
    if (!p->m->has_start_date) {
        rp_diag_error(diags, (rp_loc){p->config_path, 0, 0},
                      "publishing needs 'start_date' in the config, so that weeks become dates");
        return RP_ERR_INVALID;
    }
    char *dir = clean_dir(dir_arg);
    size_t n = dir ? strlen(dir) : 0;
    char *temp = dir ? malloc(n + 16) : NULL;
    if (!temp) {
        free(dir);
        return RP_ERR_NOMEM;
    }
    snprintf(temp, n + 16, "%s.tmp-XXXXXX", dir);
    bool exists = false;
    rp_status st = check_target(dir, p->replace, &exists, diags);
    if (st == RP_OK && !mkdtemp(temp)) {
        rp_diag_error(diags, (rp_loc){dir, 0, 0}, "cannot create a folder beside it: %s",
                      strerror(errno));
        st = RP_ERR_IO;
    } else if (st == RP_OK) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(temp, 0777 & ~mask); /* mkdtemp's folder is private; the result is not */
        st = write_all(p, temp, diags);
        if (st == RP_OK)
            st = put_in_place(temp, dir, exists, diags);
        /* what failed, or the folder replaced */
        if ((st != RP_OK || exists) && !remove_ours(temp) && st == RP_OK)
            rp_diag_warning(diags, (rp_loc){temp, 0, 0},
                            "the folder replaced is kept here: files publish did not write "
                            "appeared in it while publishing");
    }
    free(temp);
    free(dir);
    return st;
}
