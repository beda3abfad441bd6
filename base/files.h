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

#endif
