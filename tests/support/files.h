/*
 * files.h - test support: whole files, and what a directory holds.
 *
 * Every function here runs inside a cmocka test: where it says "the test
 * fails", it fails the running test (fail_msg) with the path and the reason
 * instead of returning. Strings returned are the caller's to free.
 */
#ifndef RP_TEST_FILES_H
#define RP_TEST_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* The whole file as a string, or NULL when it cannot be read (for a file
 * whose absence the test reports itself). */
char *file_read(const char *path);
/* The whole file as a string; the test fails when it cannot be read. */
char *file_text(const char *path);
/* Writes text as the whole file, replacing it; the test fails on error. */
void file_write(const char *path, const char *text);
bool file_exists(const char *path);

/* The test fails unless the file at path holds exactly want. */
void file_assert_holds(const char *path, const char *want);
/* The test fails unless got is exactly the text of the file expected_path
 * (expected output kept next to a bad input); the message shows both. */
void file_assert_expected(const char *got, const char *expected_path);

/* How many entries dir holds ("." and ".." aside); the test fails when it
 * cannot be read. */
int file_count_in(const char *dir);
/* The names of dir's entries, sorted and joined by single spaces, into buf
 * ("" when empty); the test fails when it cannot be read. */
void file_list_in(const char *dir, char *buf, size_t size);

#endif
