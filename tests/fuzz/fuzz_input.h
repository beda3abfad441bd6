/*
 * fuzz_input.h - what every fuzz target shares: the fuzzer's bytes as a file.
 *
 * The readers under test take a path, so each input is written to an
 * in-memory file (memfd) and read back through /proc/self/fd/N: the bytes
 * reach the reader exactly as from disk (NUL bytes included), with no disk
 * traffic. One file per process, rewritten for every input; a failure to
 * make or write it aborts the run (it is the harness failing, not the code).
 */
#ifndef RP_FUZZ_INPUT_H
#define RP_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* Replaces the file's contents with data and returns its path (static). */
const char *fuzz_input_file(const uint8_t *data, size_t size);

/* Formats every diagnostic, which reads every location and argument a
 * message holds (what a user would see printed). */
void fuzz_format_diags(const rp_diags *diags);

/* The whole file at path as a NUL-terminated string; aborts when unreadable.
 * Used once at start-up for the fixed config a target reads against. */
char *fuzz_slurp(const char *path);

#endif
