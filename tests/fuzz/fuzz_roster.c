/*
 * Fuzz target: a CSV student list (student_file). Each input is the list a
 * fixed config names: tests/data/load/full.yaml, read once at start-up, with
 * its student_file pointed at the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/load.h"
#include "tests/fuzz/fuzz_input.h"

#define CONFIG "tests/data/load/full.yaml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *config; /* the config's text, naming the input's file */

/* full.yaml without its own student_file line, naming path instead. */
static char *config_naming(const char *path)
{
    char *text = fuzz_slurp(CONFIG);
    char *line = strstr(text, "\nstudent_file:");
    if (!line)
        abort();
    char *end = strchr(line + 1, '\n');
    memmove(line + 1, end ? end + 1 : line + strlen(line), strlen(end ? end + 1 : "") + 1);
    size_t n = strlen(text) + strlen(path) + 32;
    char *out = malloc(n);
    if (!out)
        abort();
    snprintf(out, n, "%s\nstudent_file: %s\n", text, path);
    free(text);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_file(data, size);
    if (!config)
        config = config_naming(path); /* the path stays the same for every input */
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_load_config_string(CONFIG, config, &m, &diags);
    fuzz_format_diags(&diags);
    rp_model_free(&m);
    rp_diags_clear(&diags);
    return 0;
}
