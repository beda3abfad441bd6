#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/scratch.h"

void scratch_open(scratch *s)
{
    strcpy(s->dir, "/tmp/rotaplan-test-XXXXXX");
    if (!mkdtemp(s->dir))
        fail_msg("cannot make a temporary directory: %s", strerror(errno));
    s->n_paths = 0;
}

const char *scratch_path(scratch *s, const char *name)
{
    if (s->n_paths == SCRATCH_PATHS)
        fail_msg("more than %d paths in one scratch directory", SCRATCH_PATHS);
    char path[sizeof s->paths[0]];
    int n = snprintf(path, sizeof path, "%s/%s", s->dir, name);
    assert_true(n > 0 && (size_t)n < sizeof path);
    return memcpy(s->paths[s->n_paths++], path, (size_t)n + 1);
}

/* Removes path, a directory's contents first. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        fail_msg("cannot remove '%s': %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            fail_msg("cannot list '%s': %s", path, strerror(errno));
        for (struct dirent *e; (e = readdir(d)) != NULL;) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[512];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            remove_tree(child);
        }
        closedir(d);
        if (rmdir(path) != 0)
            fail_msg("cannot remove '%s': %s", path, strerror(errno));
    } else if (unlink(path) != 0) {
        fail_msg("cannot remove '%s': %s", path, strerror(errno));
    }
}

void scratch_close(scratch *s)
{
    remove_tree(s->dir);
    s->dir[0] = '\0';
    s->n_paths = 0;
}

static scratch fixture;

int scratch_fixture_open(void **state)
{
    (void)state;
    scratch_open(&fixture);
    return 0;
}

int scratch_fixture_close(void **state)
{
    (void)state;
    scratch_close(&fixture);
    return 0;
}

scratch *scratch_fixture(void)
{
    assert_true(fixture.dir[0] != '\0');
    return &fixture;
}
