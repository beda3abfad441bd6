/*
 * files.h - questions about files that the programs ask before writing.
 *
 * Nothing here allocates, prints or changes a file.
 */
#ifndef RP_FILES_H
#define RP_FILES_H

#include <stdbool.h>

/* True when a and b are the same string, or name one existing file (same
 * device and inode, so other spellings and links are caught too). False
 * when either does not exist and the strings differ. */
bool rp_same_file(const char *a, const char *b);

/* Whether path can take an output, asked before any work is done: "-"
 * (standard output) always can; otherwise it must not be a folder or a
 * symbolic link that leads nowhere, and the folder it goes in must exist.
 * When it cannot, *why is a short reason to follow "it" ("goes in a folder
 * that does not exist"). */
bool rp_output_possible(const char *path, const char **why);

#endif
