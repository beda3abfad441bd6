/*
 * Fuzz target: the plan readers, one binary per format (FUZZ_FORMAT is
 * RP_FORMAT_CSV, RP_FORMAT_YAML or RP_FORMAT_JSON). Each input is a plan for
 * tests/data/plans/cohort.yaml, loaded once at start-up. A plan that reads
 * goes through the checker, is written back in its format and read again:
 * the second reading must give the same rotations and the same verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/load.h"
#include "model/plan_io.h"
#include "tests/fuzz/fuzz_input.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT names the plan format under test"
#endif

#define CONFIG "tests/data/plans/cohort.yaml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rp_model *model;

static void load_model(void)
{
    rp_diags diags;
    rp_diags_init(&diags);
    if (rp_load_config(CONFIG, &model, &diags) != RP_OK) {
        rp_diags_print(&diags, stderr, 0);
        abort();
    }
    rp_diags_clear(&diags);
}

static long violations(const rp_plan *plan)
{
    rp_check_report *report = NULL;
    if (rp_check_plan(model, plan, &report) != RP_OK)
        return -1; /* out of memory: nothing to compare */
    long n = report->n_violations;
    rp_check_report_free(&report);
    return n;
}

/* Writes plan to memory in the format, then reads that back. */
static void round_trip(const rp_plan *plan, long first_verdict)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    rp_status st = rp_plan_write_stream(model, plan, FUZZ_FORMAT, CONFIG, out);
    fclose(out);
    if (st == RP_OK) {
        rp_diags diags;
        rp_diags_init(&diags);
        rp_plan *again = NULL;
        const char *path = fuzz_input_file((const uint8_t *)text, len);
        if (rp_plan_read(model, path, FUZZ_FORMAT, &again, &diags) != RP_OK) {
            rp_diags_print(&diags, stderr, 0);
            fprintf(stderr, "a plan written back does not read:\n%s", text);
            abort();
        }
        if (again->n_rotations != plan->n_rotations || violations(again) != first_verdict) {
            fprintf(stderr, "a plan written back reads differently:\n%s", text);
            abort();
        }
        rp_plan_free(&again);
        rp_diags_clear(&diags);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        load_model();
    const char *path = fuzz_input_file(data, size);
    rp_diags diags;
    rp_diags_init(&diags);
    rp_plan *plan = NULL;
    if (rp_plan_read(model, path, FUZZ_FORMAT, &plan, &diags) == RP_OK)
        round_trip(plan, violations(plan));
    fuzz_format_diags(&diags);
    rp_plan_free(&plan);
    rp_diags_clear(&diags);
    return 0;
}
