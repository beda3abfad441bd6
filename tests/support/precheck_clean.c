#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "solver/diagnose/precheck.h"
#include "tests/support/precheck_clean.h"

void precheck_assert_clean(const rp_model *m)
{
    rp_findings f;
    rp_findings_init(&f);
    assert_int_equal(rp_precheck(m, &f), RP_OK);
    for (int i = 0; i < f.count && i < 20; i++)
        fprintf(stderr, "finding: %s\n", f.items[i].message);
    int count = f.count;
    rp_findings_clear(&f);
    assert_int_equal(count, 0);
}
