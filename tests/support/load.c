#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "model/load.h"
#include "solver/gen/cohort.h"
#include "solver/gen/emit.h"
#include "tests/support/load.h"

/* How many diagnostics a failing load shows. */
#define SHOWN 20

/* Fails the test, showing d, unless st is RP_OK and (when clean) d holds no
 * error and no warning. */
static void expect_loaded(const char *what, rp_status st, rp_diags *d, bool clean)
{
    bool ok = st == RP_OK && (!clean || d->n_errors + d->n_warnings == 0);
    if (!ok) {
        rp_diags_print(d, stderr, SHOWN);
        fail_msg("%s: %s%s", what, rp_status_str(st),
                 st == RP_OK ? ", but with warnings where none are expected" : "");
    }
    rp_diags_clear(d);
}

static rp_model *load_file(const char *path, bool clean)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    expect_loaded(path, rp_load_config(path, &m, &d), &d, clean);
    return m;
}

rp_model *load_config(const char *path)
{
    return load_file(path, false);
}

rp_model *load_clean_config(const char *path)
{
    return load_file(path, true);
}

rp_model *load_clean_config_string(const char *name, const char *text)
{
    rp_diags d;
    rp_diags_init(&d);
    rp_model *m = NULL;
    expect_loaded(name, rp_load_config_string(name, text, &m, &d), &d, true);
    return m;
}

rp_plan *load_plan(const rp_model *m, const char *path, rp_plan_read_options *opt)
{
    rp_plan_read_options automatic = {.format = RP_FORMAT_AUTO};
    rp_diags d;
    rp_diags_init(&d);
    rp_plan *plan = NULL;
    expect_loaded(path, rp_plan_read_with(m, path, opt ? opt : &automatic, &plan, &d), &d, false);
    return plan;
}

rp_model *load_generated_cohort(int students, int weeks, uint64_t seed)
{
    rp_cohort_params params = {.students = students, .seed = seed, .weeks = weeks};
    rp_cohort *c = NULL;
    assert_int_equal(rp_cohort_build(&params, &c, NULL), RP_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(rp_emit_config(c, NULL, "tests", f), RP_OK);
    fclose(f);
    rp_model *m = load_clean_config_string("generated.yaml", text);
    free(text);
    rp_cohort_free(&c);
    return m;
}
