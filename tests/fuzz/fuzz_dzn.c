/*
 * Fuzz target: the MiniZinc data reader and the MSS importer behind it. An
 * input that reads as an MSS instance is written as a rotaplan config, which
 * must then load: the importer never writes a config rotaplan rejects.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench/mss_config.h"
#include "bench/mss_instance.h"
#include "model/load.h"
#include "tests/fuzz/fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void import(const rp_mss *mss)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    rp_status st = rp_mss_config_write(mss, "fuzz.dzn", out);
    fclose(out);
    if (st == RP_OK) {
        rp_diags diags;
        rp_diags_init(&diags);
        rp_model *m = NULL;
        st = rp_load_config_string("fuzz.yaml", text, &m, &diags);
        if (st == RP_ERR_INVALID) {
            rp_diags_print(&diags, stderr, 10);
            fprintf(stderr, "an imported instance does not load:\n%s", text);
            abort();
        }
        rp_model_free(&m);
        rp_diags_clear(&diags);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size);
    rp_diags diags;
    rp_diags_init(&diags);
    rp_mss *mss = NULL;
    if (rp_mss_read(path, &mss, &diags) == RP_OK)
        import(mss);
    fuzz_format_diags(&diags);
    rp_mss_free(&mss);
    rp_diags_clear(&diags);
    return 0;
}
