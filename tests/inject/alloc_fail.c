/* The failing allocator (see alloc_fail.h). */
#include "tests/inject/alloc_fail.h"

#include <errno.h>
#include <execinfo.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's allocator under its other names. */
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

static long fail_at;  /* the failing allocation's number, 0: none */
static bool fail_all; /* every allocation from fail_at on fails */
static long calls, live;
static bool hit;
static void *site[32]; /* the backtrace of the first failure */
static int site_depth;

void alloc_fail_arm(long n, bool all)
{
    static bool warm;
    if (!warm) { /* backtrace's first call loads libgcc: not inside a walk */
        warm = true;
        site_depth = backtrace(site, 32);
    }
    __atomic_store_n(&calls, 0, __ATOMIC_SEQ_CST);
    if (n > 0) { /* disarming keeps the last failure's counts and site */
        site_depth = 0;
        hit = false;
    }
    fail_all = all;
    fail_at = n;
}

long alloc_fail_calls(void)
{
    return __atomic_load_n(&calls, __ATOMIC_SEQ_CST);
}

bool alloc_fail_hit(void)
{
    return hit;
}

long alloc_fail_live(void)
{
    return __atomic_load_n(&live, __ATOMIC_SEQ_CST);
}

/* True when this allocation is the one (or one of those) to fail. */
static bool fails(void)
{
    long n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    if (fail_at <= 0 || n < fail_at || (n > fail_at && !fail_all))
        return false;
    if (!hit)
        site_depth = backtrace(site, 32);
    hit = true;
    errno = ENOMEM;
    return true;
}

bool alloc_fail_site_has(const char *name)
{
    char **symbols = backtrace_symbols(site, site_depth);
    bool found = false;
    size_t n = strlen(name);
    for (int i = 0; symbols && i < site_depth && !found; i++) {
        const char *open = strchr(symbols[i], '(');
        found = open && strncmp(open + 1, name, n) == 0 && (open[1 + n] == '+' ||
                                                             open[1 + n] == ')');
    }
    free(symbols);
    return found;
}

void alloc_fail_print_site(int fd)
{
    backtrace_symbols_fd(site, site_depth, fd);
}

static void *counted(void *p)
{
    if (p)
        __atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST);
    return p;
}

void *malloc(size_t size)
{
    return fails() ? NULL : counted(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    return fails() ? NULL : counted(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    if (size == 0) {
        free(p);
        return NULL;
    }
    return fails() ? NULL : __libc_realloc(p, size);
}

void free(void *p)
{
    if (p)
        __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
    __libc_free(p);
}

/* Preloaded into a program: armed from the environment before main. */
__attribute__((constructor)) static void arm_from_environment(void)
{
    const char *at = getenv("RP_ALLOC_FAIL_AT");
    const char *all = getenv("RP_ALLOC_FAIL_ALL");
    if (at)
        alloc_fail_arm(strtol(at, NULL, 10), all && *all == '1');
}

/* ... and at its exit, with RP_ALLOC_FAIL_REPORT=FILE, writes to FILE how
 * many allocations it asked for, whether one failed, and whether that one
 * was stdio's buffer (which the C library does without), then the backtrace
 * of the failure. */
__attribute__((destructor)) static void report_to_environment(void)
{
    const char *path = getenv("RP_ALLOC_FAIL_REPORT");
    if (!path)
        return;
    long n = alloc_fail_calls();
    bool failed = alloc_fail_hit();
    alloc_fail_arm(0, false);
    bool stdio_buffer = failed && alloc_fail_site_has("_IO_file_doallocate");
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%ld %d %d\n", n, failed, stdio_buffer);
        fflush(f);
        alloc_fail_print_site(fileno(f)); /* then where the failure was */
        fclose(f);
    }
}
