/* The fuzzer's bytes as an in-memory file (see fuzz_input.h). */
#define _GNU_SOURCE
#include "tests/fuzz/fuzz_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

struct memfile {
    int fd;
    char path[64];
};

static const char *rewrite(struct memfile *f, const uint8_t *data, size_t size)
{
    if (!f->path[0]) {
        f->fd = memfd_create("rotaplan-fuzz", 0);
        if (f->fd < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
    }
    if (ftruncate(f->fd, 0) != 0) {
        perror("ftruncate");
        abort();
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(f->fd, data + done, size - done, (off_t)done);
        if (n <= 0) {
            perror("pwrite");
            abort();
        }
        done += (size_t)n;
    }
    return f->path;
}

const char *fuzz_input_file(const uint8_t *data, size_t size)
{
    static struct memfile f;
    return rewrite(&f, data, size);
}

void fuzz_format_diags(const rp_diags *diags)
{
    char line[1024];
    for (int i = 0; i < diags->count; i++)
        rp_diag_format(&diags->items[i], line, sizeof line);
}

char *fuzz_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        abort();
    }
    size_t cap = 1 << 16, len = 0, n;
    char *text = malloc(cap);
    while (text && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger)
                free(text);
            text = bigger;
        }
    }
    fclose(f);
    if (!text)
        abort();
    text[len] = '\0';
    return text;
}
