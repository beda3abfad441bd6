#include "base/files.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

bool rp_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

bool rp_output_possible(const char *path, const char **why)
{
    struct stat sb;
    *why = NULL;
    if (strcmp(path, "-") == 0)
        return true;
    if (lstat(path, &sb) == 0) {
        if (S_ISLNK(sb.st_mode) && stat(path, &sb) != 0)
            *why = "is a symbolic link that leads nowhere";
        else if (S_ISDIR(sb.st_mode))
            *why = "is a folder; name a file";
        return *why == NULL;
    }
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        return true; /* the current folder */
    snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if (stat(dir, &sb) != 0)
        *why = "goes in a folder that does not exist";
    else if (!S_ISDIR(sb.st_mode))
        *why = "goes in something that is not a folder";
    return *why == NULL;
}
