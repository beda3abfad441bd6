#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/support/find.h"

int find_department(const rp_model *m, const char *hospital, const char *department)
{
    int h = rp_model_find_hospital(m, hospital);
    if (h < 0)
        fail_msg("no hospital '%s'", hospital);
    int d = rp_model_find_department(m, h, department);
    if (d < 0)
        fail_msg("hospital '%s' has no department '%s'", hospital, department);
    return d;
}
