/*
 * interrupt_at.c - Ctrl-C at the worst moment, for tests: preloaded into
 * rotaplan (LD_PRELOAD) with RP_INTERRUPT_AT_RENAME=1, it raises SIGINT at
 * the first rename(), the moment an output file written next to its target
 * is put in place, and then lets the rename happen. A program that does not
 * hold interrupts while it writes dies there, leaving its temporary file.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int rename(const char *from, const char *to)
{
    static int raised;
    const char *at = getenv("RP_INTERRUPT_AT_RENAME");
    if (at && *at == '1' && !raised++)
        raise(SIGINT);
    return (int)syscall(SYS_renameat, AT_FDCWD, from, AT_FDCWD, to);
}
