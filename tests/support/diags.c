#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "tests/support/diags.h"
#include "tests/support/files.h"

char *diags_text(const rp_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    for (int i = 0; i < d->count; i++) {
        char line[2048];
        rp_diag_format(&d->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
    }
    assert_int_equal(fclose(out), 0);
    return text;
}

void diags_assert_text(const rp_diags *d, const char *want)
{
    char *got = diags_text(d);
    assert_string_equal(got, want);
    free(got);
}

void diags_assert_expected(const rp_diags *d, const char *expected_path)
{
    char *got = diags_text(d);
    file_assert_expected(got, expected_path);
    free(got);
}
