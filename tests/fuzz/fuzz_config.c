/*
 * Fuzz target: the config loader (YAML) and the static pre-checks every solve
 * runs on what it loads. A config naming a student_file is skipped (it could
 * name /dev/zero or the fuzzer's stdin); fuzz_roster covers student lists.
 */
#include <stddef.h>
#include <stdint.h>

#include "model/load.h"
#include "model/ytree.h"
#include "solver/diagnose/precheck.h"
#include "tests/fuzz/fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool names_a_file(const char *path)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_ydoc *doc = NULL;
    bool named = rp_ydoc_parse_file(path, &doc, &diags) == RP_OK &&
                 rp_ymap_get(doc->root, "student_file") != NULL;
    rp_ydoc_free(&doc);
    rp_diags_clear(&diags);
    return named;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size);
    if (names_a_file(path))
        return -1; /* not added to the corpus */
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    if (rp_load_config(path, &m, &diags) == RP_OK) {
        rp_findings findings;
        rp_findings_init(&findings);
        rp_precheck(m, &findings);
        rp_findings_clear(&findings);
    }
    fuzz_format_diags(&diags);
    rp_model_free(&m);
    rp_diags_clear(&diags);
    return 0;
}
