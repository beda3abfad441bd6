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
#include <unistd.h>

#include "tests/support/files.h"

char *file_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            buf = realloc(buf, cap *= 2);
            assert_non_null(buf);
        }
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

char *file_text(const char *path)
{
    char *text = file_read(path);
    if (!text)
        fail_msg("cannot read '%s': %s", path, strerror(errno));
    return text;
}

void file_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write '%s': %s", path, strerror(errno));
    fputs(text, f);
    if (fclose(f) != 0)
        fail_msg("cannot write '%s': %s", path, strerror(errno));
}

bool file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

void file_assert_holds(const char *path, const char *want)
{
    char *got = file_text(path);
    assert_string_equal(got, want);
    free(got);
}

void file_assert_expected(const char *got, const char *expected_path)
{
    char *want = file_read(expected_path);
    if (!want)
        fail_msg("the expected output %s cannot be read: %s", expected_path, strerror(errno));
    if (strcmp(got, want) != 0)
        fail_msg("%s:\n--- want\n%s--- got\n%s", expected_path, want, got);
    free(want);
}

/* The entries of dir ("." and ".." aside) into names (at most max); returns
 * how many. */
static int read_names(const char *dir, char **names, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot list '%s': %s", dir, strerror(errno));
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == max)
            fail_msg("'%s' holds more than %d entries", dir, max);
        names[n] = strdup(e->d_name);
        assert_non_null(names[n]);
        n++;
    }
    closedir(d);
    return n;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int file_count_in(const char *dir)
{
    char *names[256];
    int n = read_names(dir, names, 256);
    for (int i = 0; i < n; i++)
        free(names[i]);
    return n;
}

void file_list_in(const char *dir, char *buf, size_t size)
{
    char *names[256];
    int n = read_names(dir, names, 256);
    qsort(names, (size_t)n, sizeof names[0], compare_names);
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
}
